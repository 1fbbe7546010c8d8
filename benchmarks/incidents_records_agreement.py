"""Agreement of two judges on the incident-record gold (issue 11, branch incaudit2).

    python benchmarks/incidents_records_agreement.py --a GOLD --b SECOND [--ids g01,g02] [--set single] [--json OUT]

GOLD is judge A's `benchmarks/data/fakes_incident_records_gold.jsonl`, SECOND judge B's blind re-judging of
some of its incidents (`fakes_incident_records_second_judge.jsonl`, same format, same `id`s). Each field of
B's line is compared with A's by the audit's own field rules (`incidents_records_audit.py`), with B in the
place of the record and A as the truth:

* `real`, `documents` (equal sets); `category` (B's category among A's category and `category_accepted`);
* `actors`, `recipients`: slot against slot, a slot matching when they share an id; exact when every A slot
  is matched by a B slot and every B slot by an A slot (both empty: agree);
* `place`: GeoNames ids equal, or one of B's names among A's accepted names (both null: agree); `coarser` when
  B names a place A lists as containing the right one;
* `date`: B's range within A's, one day added on each side; `<kind>.best`, `<kind>.low_high` equal (a kind
  only one judge gives is a disagreement); `contested`, `outlets` equal sets; `independent_sources` equal.

Fields other than `real` are compared only where both judges found an incident. `--ids` compares only the
listed B lines (the file holds more than one round: incaudit2's 12 lines, then incaudit3b's 12, whose `note`
begins `[incaudit3b]`); without it every B line of the chosen set is compared.

`--set single` (branch incaudit5b) compares the B lines whose `gold` field is `single` (a blind second judgement of
the one-report gold `fakes_incident_records_single_gold.jsonl`) instead of those without the field (the two-report
gold, the default). A B line with `draw` positions is matched to the A line whose `draw` holds its first position
(a draw one judge joins to another line still meets its partner), else by `id`. With `--set single` it also prints
the real-or-not agreement: raw, Cohen's kappa (`inter_coder_pairs.kappa`) and its 95 % percentile bootstrap
interval over the compared lines (`--boot` resamples, seed `--seed`).
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from incidents_records_audit import GoldIncident, GoldPlace, norm_name, read_gold
from inter_coder_pairs import kappa, kappa_interval

BOOT, BOOT_SEED = 10_000, 20261207_5  # incaudit5b's pre-registered interval
FIELDS = ("real", "documents", "category", "actors", "recipients", "place", "date", "killed.best",
          "killed.low_high", "injured.best", "injured.low_high", "contested", "outlets", "independent_sources")


@dataclass
class Compared:
    """One incident judged twice: per field, agree (True) or not (False)."""

    id: str
    agree: dict[str, bool] = field(default_factory=dict)
    place_coarser: bool = False


def slots_agree(a: tuple[frozenset[str], ...] | None, b: tuple[frozenset[str], ...] | None) -> bool:
    a, b = a or (), b or ()
    return all(any(x & y for y in b) for x in a) and all(any(y & x for x in a) for y in b)


def place_agree(a: GoldPlace | None, b: GoldPlace | None) -> tuple[bool, bool]:
    if a is None or b is None:
        return a is None and b is None, False
    if a.geonames_id is not None and a.geonames_id == b.geonames_id:
        return True, False
    names_b = {norm_name(n) for n in b.names}
    if names_b & {norm_name(n) for n in a.names}:
        return True, False
    return False, bool(names_b & {norm_name(n) for n in a.containing})


def date_agree(a: tuple[str, str] | None, b: tuple[str, str] | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    day = datetime.timedelta(days=1)
    lo, hi = datetime.date.fromisoformat(a[0]) - day, datetime.date.fromisoformat(a[1]) + day
    return lo <= datetime.date.fromisoformat(b[0]) and datetime.date.fromisoformat(b[1]) <= hi


def casualty_agree(a: GoldIncident, b: GoldIncident, out: dict[str, bool]) -> None:
    fa, fb = {c.kind: c for c in a.casualties}, {c.kind: c for c in b.casualties}
    for kind in ("killed", "injured"):
        ca, cb = fa.get(kind), fb.get(kind)
        if ca is None and cb is None:
            continue
        out[f"{kind}.best"] = ca is not None and cb is not None and ca.best == cb.best
        out[f"{kind}.low_high"] = ca is not None and cb is not None and (ca.low, ca.high) == (cb.low, cb.high)


def compare(a: GoldIncident, b: GoldIncident) -> Compared:
    out = Compared(a.id)
    out.agree["real"] = a.real == b.real
    if not (a.real and b.real):
        return out
    out.agree["documents"] = set(a.documents) == set(b.documents)
    out.agree["category"] = bool(b.categories) and b.categories[0] in a.categories
    out.agree["actors"] = slots_agree(a.actors, b.actors)
    out.agree["recipients"] = slots_agree(a.recipients, b.recipients)
    out.agree["place"], out.place_coarser = place_agree(a.place, b.place)
    out.agree["date"] = date_agree(a.date, b.date)
    casualty_agree(a, b, out.agree)
    out.agree["contested"] = a.contested == b.contested
    out.agree["outlets"] = a.outlets == b.outlets
    out.agree["independent_sources"] = a.independent_sources == b.independent_sources
    return out


def table(compared: list[Compared]) -> dict[str, tuple[int, int]]:
    counts: dict[str, tuple[int, int]] = {}
    for name in FIELDS:
        seen = [c.agree[name] for c in compared if name in c.agree]
        counts[name] = (sum(seen), len(seen))
    return counts


def raw_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def matched(a_path: Path, b_path: Path, gold_set: str, wanted: set[str]) -> list[tuple[GoldIncident, GoldIncident]]:
    """(A line, B line) pairs: B's lines of `gold_set` (`records` = lines without a `gold` field), each matched
    to the A line whose `draw` holds B's first draw position, else to A's line of the same `id`."""
    gold_a, raw_a = {g.id: g for g in read_gold(a_path)}, raw_lines(a_path)
    by_draw = {pos: line["id"] for line in raw_a for pos in line.get("draw") or []}
    out = []
    for raw, b in zip(raw_lines(b_path), read_gold(b_path), strict=True):
        if raw.get("gold", "records") != gold_set or (wanted and b.id not in wanted):
            continue
        draw = raw.get("draw") or []
        out.append((gold_a[by_draw[draw[0]] if draw else b.id], b))
    return out


def real_agreement(pairs: list[tuple[GoldIncident, GoldIncident]], boot: int, seed: int) -> dict[str, object]:
    """Real-or-not agreement of the two judges: counts, raw share, kappa and its bootstrap interval."""
    a, b = [x.real for x, _ in pairs], [y.real for _, y in pairs]
    k = kappa(a, b)
    low, high, undefined = kappa_interval(a, b, draws=boot, seed=seed)
    cells = Counter(zip(a, b, strict=True))
    both, neither = cells[True, True], cells[False, False]
    return {"n": len(a), "both_real": both, "neither_real": neither, "only_a_real": cells[True, False],
            "only_b_real": cells[False, True], "raw": round((both + neither) / len(a), 3),
            "kappa": None if k is None else round(k, 3), "kappa_95": [round(low, 3), round(high, 3)],
            "undefined_resamples": undefined, "boot": boot, "seed": seed}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--a", type=Path, required=True)
    ap.add_argument("--b", type=Path, required=True)
    ap.add_argument("--ids", default="", help="comma-separated B line ids to compare (default: all)")
    ap.add_argument("--set", dest="gold_set", default="records", choices=("records", "single"),
                    help="which B lines: the two-report gold's (no `gold` field) or the one-report gold's")
    ap.add_argument("--boot", type=int, default=BOOT)
    ap.add_argument("--seed", type=int, default=BOOT_SEED)
    ap.add_argument("--json", type=Path, dest="json_out")
    args = ap.parse_args(argv)
    pairs = matched(args.a, args.b, args.gold_set, {i for i in args.ids.split(",") if i})
    compared = [compare(a, b) for a, b in pairs]
    for c, (_, b) in zip(compared, pairs, strict=True):
        c.id = b.id if b.id == c.id else f"{b.id}~{c.id}"  # B's line, and A's when they differ
    counts = table(compared)
    for name, (agree, n) in counts.items():
        sys.stdout.write(f"{name:<20} {agree:>3} / {n:<3}\n")
    for c in compared:
        off = [k for k, v in c.agree.items() if not v]
        if off:
            sys.stdout.write(f"{c.id}: " + ", ".join(off) + (" (B coarser place)" if c.place_coarser else "") + "\n")
    real = real_agreement(pairs, args.boot, args.seed) if args.gold_set == "single" else None
    if real:
        sys.stdout.write("real-or-not: " + json.dumps(real) + "\n")
    if args.json_out:
        args.json_out.write_text(json.dumps({"fields": counts, "incidents": [asdict(c) for c in compared],
                                             **({"real": real} if real else {})}, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
