"""The time grammar's prefilter (issue 16) on the FA-KES development rows (even ``unit_id``; held-out
rows are never read): proof that every rule it skips has no match in the text, how many rules it
skips, and the CPU seconds of the grammar's proposal pass with and without it (alternating rounds).

    OMP_NUM_THREADS=1 python benchmarks/time_prefilter.py --rounds 3
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from common import fakes_dev_rows  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.stages.time import extract as time_extract  # noqa: E402
from sitrep.stages.time.grammar import RULES  # noqa: E402
from sitrep.stages.time.prefilter import fold, may_match  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()
    rows = fakes_dev_rows()
    texts = [t for row in rows for t in (row["article_content"], row["article_title"]) if t]
    required = time_extract._REQUIRED
    skipped = 0
    for text in texts:
        folded = fold(text)
        for rule, need in zip(RULES, required, strict=True):
            if not may_match(need, folded):
                skipped += 1
                if next(rule.pattern.finditer(text), None) is not None:
                    raise SystemExit(f"rule {rule.name} skipped on a text it matches")
    pairs = len(texts) * len(RULES)
    print(f"{len(rows)} development rows, {len(texts)} texts (articles and titles): "
          f"{skipped} of {pairs} rule runs skipped ({100 * skipped / pairs:.1f} %), none of them with a match")
    ctxs = [time_extract._Ctx(t, None, None) for t in texts]
    plain = tuple(() for _ in RULES)
    cpu: dict[str, list[float]] = {"without": [], "with": []}
    for _ in range(args.rounds):
        for name, table in (("without", plain), ("with", required)):
            time_extract._REQUIRED = table
            start = time.process_time()
            proposed = [len(time_extract._propose(c)) for c in ctxs]
            cpu[name].append(time.process_time() - start)
            if name == "without":
                reference = proposed
            elif proposed != reference:
                raise SystemExit("the candidates differ")
    time_extract._REQUIRED = required
    for name, values in cpu.items():
        print(f"  proposal pass {name:7} prefilter: CPU s per round " + ", ".join(f"{v:.3f}" for v in values))
    best = {k: min(v) for k, v in cpu.items()}
    print(f"  best round: {best['without']:.3f} -> {best['with']:.3f} s ({best['with'] / best['without']:.2f}x)")
    if args.json:
        args.json.write_text(json.dumps({"rows": len(rows), "texts": len(texts), "skipped": skipped,
                                         "pairs": pairs, "cpu": cpu}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
