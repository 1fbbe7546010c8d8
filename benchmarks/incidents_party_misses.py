"""Where an incident record's actor (or recipient) misses are lost (issue 11, branch actorrec1).

    python benchmarks/incidents_party_misses.py --db DB [--gold FILE] [--role actors|recipients] [--split tune]

For every real gold line of the split whose ``role`` is not right (``incidents_records_audit.py``'s
outcome), each gold slot the record does not hit and each record party in no gold slot gets one cause,
read from the events of the database (first cause that holds, in this order):

- ``rollup_dropped``: an event of the matched record that tells the gold incident names the slot's party;
- ``dropped_from_intruder``: only a member event of the record that is not in the gold's spans names it;
- ``fragment``: only an event of another record that tells the gold incident names it (folding such
  fragments is branch fold3's task);
- ``other_sentence``: only another sentence of the gold's reports names it;
- ``role_swapped``: an event of the record names it in the other role;
- ``no_event``: no event of the gold's reports names it (lost at the events or actors stage, or the
  knowledge base gives it another id);
- ``extra_from_own_event`` / ``extra_from_intruder`` / ``extra_other``: a record party in no gold slot,
  named by an event that tells the gold incident (the event's own reading, or the gold's), by an
  intruding member event, or by none;
- ``gold_none``: the gold gives no party, the record some.

Prints JSON: per cause the count and the gold lines it holds. Reads only the lines of ``--split``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import incidents_records_audit as audit  # noqa: E402


def _ids(values: Sequence[object] | None) -> set[str]:
    return {v["id"] if isinstance(v, dict) else str(v) for v in values or []}


def _names(events: Sequence[dict], party: frozenset[str] | set[str], role: str) -> bool:
    return any(_ids(e.get(role)) & party for e in events)


def causes(export: audit.Export, raw: dict[str, dict], gold: audit.GoldIncident, role: str) -> list[str]:
    """The causes of one gold line's misses in ``role`` (module docstring)."""
    record, _ = audit.match(export, gold)
    slots = (gold.actors if role == "actors" else gold.recipients) or ()
    predicted = set(record.actors if role == "actors" else record.recipients) if record else set()
    held = audit.gold_events(export, gold)
    own = [raw[e] for e in held.get(record.id, [])] if record else []
    other = [raw[e] for i, es in held.items() if record is None or i != record.id for e in es]
    told = {e["id"] for e in (*own, *other)}
    members = [raw[e] for e in (record.news_events if record else ()) if e in raw and e not in told]
    report = [e for i, e in raw.items() if export.events[i].row in gold.documents and i not in told]
    swapped = "recipients" if role == "actors" else "actors"
    out = []
    for slot in slots:
        if slot & predicted:
            continue
        found = [c for c, evs, r in (("rollup_dropped", own, role), ("dropped_from_intruder", members, role),
                                     ("fragment", other, role), ("other_sentence", report, role),
                                     ("role_swapped", own, swapped)) if _names(evs, slot, r)]
        out.append(found[0] if found else "no_event")
    for party in sorted(predicted):
        if not any(party in slot for slot in slots):
            out.append("extra_from_own_event" if _names(own, {party}, role)
                       else "extra_from_intruder" if _names(members, {party}, role) else "extra_other")
    if not slots and predicted:
        out.append("gold_none")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--gold", type=Path, default=audit.GOLD)
    ap.add_argument("--role", choices=("actors", "recipients"), default="actors")
    ap.add_argument("--split", choices=("tune", "check"), default="tune")
    args = ap.parse_args(argv)
    from sitrep.export import iter_export
    from sitrep.store import Store

    with Store(str(args.db), readonly=True) as store:
        records = list(iter_export(store, types=frozenset({"document", "event", "incident"})))
    export = audit.export_of(records)
    raw = {r["id"]: r for r in records if r["type"] == "event"}
    lines: dict[str, list[str]] = defaultdict(list)
    for gold in audit.read_gold(args.gold):
        if gold.split != args.split or not gold.real:
            continue
        if audit.score(export, gold).outcomes.get(args.role) == audit.RIGHT:
            continue
        for cause in causes(export, raw, gold, args.role):
            lines[cause].append(gold.id)
    out = {c: {"count": len(ids), "lines": ids} for c, ids in sorted(lines.items(), key=lambda x: -len(x[1]))}
    sys.stdout.write(json.dumps(out, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
