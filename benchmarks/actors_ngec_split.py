"""NGEC actor cases, split into a tuning part and a check part before any error was looked at.

The split is fixed by a hash of each case (``sha256`` of its JSON with sorted keys;
an even first byte → ``tune``, odd → ``check``), so it does not depend on file
order and a new case falls into a part deterministically. Rules may be written
after reading misses of the ``tune`` part only; the ``check`` part is reported
beside it as the figure that was not tuned on (see docs/benchmarks.md, issue 14).

Run (from the repository root; needs ../shared/data or SITREP_SHARED):

    PYTHONPATH=src python benchmarks/actors_ngec_split.py [--show tune] [--json out.json]

``--show tune`` prints the misses of the tuning part (never use it on ``check``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from common import shared_dir

from sitrep.stages.actors.api import resolve_text
from sitrep.stages.actors.scorer import case_date, load_cases, score_case


def part(case: dict) -> str:
    digest = hashlib.sha256(json.dumps(case, sort_keys=True).encode()).digest()
    return "tune" if digest[0] % 2 == 0 else "check"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", choices=["tune"], help="print the misses of the tuning part")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    tallies: dict[str, dict[str, list[int]]] = {}
    for case in load_cases(shared_dir() / "actors" / "ngec_actor_cases.jsonl"):
        name = part(case)
        actor = resolve_text(case["text"], date=case_date(case.get("date")), context=case.get("context") or None)
        result = score_case(case, actor)
        for field, ok in result.items():
            if ok is None:
                continue
            t = tallies.setdefault(name, {}).setdefault(field, [0, 0])
            t[0] += int(ok)
            t[1] += 1
            if not ok and args.show == name:
                got = (actor.id, actor.country, actor.sector) if actor else None
                print(f"MISS {field}: {case['text']!r} gold country={case.get('country')!r} "
                      f"sector={case.get('sector')!r} got={got}")
    out = {p: {f: {"accuracy": round(r / n, 4), "right": r, "n": n} for f, (r, n) in t.items()}
           for p, t in sorted(tallies.items(), reverse=True)}
    for p, fields in out.items():
        print(p, " ".join(f"{f}={v['accuracy']:.3f} ({v['right']}/{v['n']})" for f, v in fields.items()))
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
