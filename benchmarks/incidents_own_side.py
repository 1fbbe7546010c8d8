"""A party is never the recipient of its own attack (issue 11, branch selfrec1; ``Settings.rollup_own_side``).

    python benchmarks/incidents_own_side.py rebuild DB [--on]
    python benchmarks/incidents_own_side.py golds OUTDIR
    python benchmarks/incidents_own_side.py score OFF_single.json ON_single.json
    python benchmarks/incidents_own_side.py overlap DB AUDIT_single.json [AUDIT_pair.json]

``rebuild`` recomputes every incident of DB (a *copy* of a FA-KES database: it is written) with
``Settings.rollup_own_side`` off or on (``--on``). ``golds`` writes the two records golds' tune lines
whose draw positions are all below 240 (``incidents_battles.read_gold``; lines of 240 or more are never
read here) to OUTDIR as ``single_tune.jsonl`` and ``pair_tune.jsonl``: the audit
(``benchmarks/incidents_records_audit.py --gold OUTDIR/…``) then scores only them. ``score`` reads the
audit JSON of the off and the on database (one-report files named ``*_single*``; the two-report files
the same names with ``_single`` replaced by ``_pair``) and prints per gold the right outcomes of every
field off and on, and the lines whose outcomes move. ``overlap`` lists, for the tune records the audit
matched, those whose recipients hold an actor's own party (``rollup.own_side``'s reading: the same id,
or one party by ``mentions.parties``) and what the member events gave: per such recipient, the events
that code it as hit and whether the same event (or another one) codes its party as the doer.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import common  # noqa: F401  (puts the repository's src on sys.path)
from incidents_battles import parser_with_rebuild, read_gold, rebuild

GOLDS = {"single": common.REPO / "benchmarks/data/fakes_incident_records_single_gold.jsonl",
         "pair": common.REPO / "benchmarks/data/fakes_incident_records_gold.jsonl"}


def write_golds(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, path in GOLDS.items():
        lines = [json.dumps(g, ensure_ascii=False) for g in read_gold(path).values()]
        (out / f"{name}_tune.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{out / f'{name}_tune.jsonl'}: {len(lines)} tune lines (draws < 240)")


def _outcomes(audit: Path, allowed: set[str]) -> dict[str, dict[str, str]]:
    data = json.loads(audit.read_text(encoding="utf-8"))
    return {r["gold"]: r["outcomes"] for r in data["incidents"] if r["gold"] in allowed}


def score(off: Path, on: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, path in GOLDS.items():
        allowed = set(read_gold(path))
        a = _outcomes(Path(str(off).replace("_single", f"_{name}")), allowed)
        b = _outcomes(Path(str(on).replace("_single", f"_{name}")), allowed)
        fields = sorted({f for o in (*a.values(), *b.values()) for f in o})
        right = {f: [sum(o.get(f) == "right" for o in a.values()), sum(o.get(f) == "right" for o in b.values())]
                 for f in fields}
        moved = {g: {f: f"{a[g].get(f)} -> {b[g].get(f)}" for f in fields if a[g].get(f) != b[g].get(f)}
                 for g in sorted(a) if g in b and a[g] != b[g]}
        out[name] = {"lines": len(a), "right off/on": right,
                     "all fields right off/on": [sum(v[0] for v in right.values()), sum(v[1] for v in right.values())],
                     "moved": moved}
    return out


def _coding(inc: Any, events: dict[str, Any], party: str, kb: dict) -> str:
    """How the member events gave ``party`` (a recipient of one of the actors' parties)."""
    from sitrep.incidents.mentions import parties

    own = parties([party], kb) or {party}
    hit = [e for e in (events[i] for i in inc.events if i in events) if party in e.recipients]
    if any(own & (parties(e.actors, kb) | set(e.actors)) for e in hit):
        return "one event codes the party as doer and as hit"
    return "one event codes it hit, another event's doer is its party"


def overlap(db: Path, audits: list[Path]) -> dict[str, Any]:
    from sitrep.incidents.mentions import parties
    from sitrep.incidents.rollup import VIOLENT, _kb_actors
    from sitrep.store import Store

    kb = _kb_actors()
    with Store(db) as store:
        incidents = {i.id: i for i in store.incidents()}
        events = {e.id: e for e in store.events()}
    lines, kinds = {}, Counter()
    for audit, gold in zip(audits, GOLDS.values(), strict=False):
        allowed = set(read_gold(gold))
        for r in json.loads(audit.read_text(encoding="utf-8"))["incidents"]:
            inc = incidents.get(r.get("matched") or "")
            if r["gold"] not in allowed or inc is None:
                continue
            doers = parties(inc.actors, kb)
            same = [p for p in inc.recipients if p in inc.actors or parties([p], kb) & doers]
            if same:
                coding = {p: _coding(inc, events, p, kb) for p in same}
                kinds.update(coding.values())
                lines[r["gold"]] = {"category": inc.category, "violent": inc.category in VIOLENT,
                                    "actors": inc.actors, "recipients": inc.recipients, "own side": coding,
                                    "recipients outcome": r["outcomes"].get("recipients")}
    every = [i for i in incidents.values()
             if i.category in VIOLENT and any(p in i.actors or parties([p], kb) & parties(i.actors, kb)
                                              for p in i.recipients)]
    return {"tune lines": lines, "codings": dict(kinds),
            "violent incidents of the database with an own-side recipient": f"{len(every)} of {len(incidents)}"}


def main() -> None:
    ap, sub = parser_with_rebuild(__doc__.splitlines()[0])
    sub.add_parser("golds").add_argument("out", type=Path)
    sc = sub.add_parser("score")
    sc.add_argument("off", type=Path)
    sc.add_argument("on", type=Path)
    ov = sub.add_parser("overlap")
    ov.add_argument("db", type=Path)
    ov.add_argument("audits", type=Path, nargs="+")
    args = ap.parse_args()
    if args.cmd == "rebuild":
        rebuild(args.db, args.on, "rollup_own_side")
    elif args.cmd == "golds":
        write_golds(args.out)
    elif args.cmd == "score":
        print(json.dumps(score(args.off, args.on), indent=1))
    else:
        print(json.dumps(overlap(args.db, args.audits), indent=1))


if __name__ == "__main__":
    main()
