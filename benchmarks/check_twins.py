"""Check articles with a twin in the tune half: FA-KES holds the same article more than once (a row
repeated with its ``unit_id``, or one outlet's story filed twice with a line changed). The check half
of each gold was drawn first; later tune draws did not skip a check row's twin, and a rule fitted on
the tune copy has, in effect, seen the check copy. This script lists, per FA-KES gold with a
``split`` field, every check article whose text shares at least ``--threshold`` of its word 5-gram
shingles (Jaccard) with a tune article, and scores the events and casualty check halves again
without those articles, through ``sitrep eval`` as a user runs it (a temporary gold file holding
the check rows that have no twin).

Usage (from the repository root)::

    SITREP_SHARED=../shared OMP_NUM_THREADS=1 python benchmarks/check_twins.py [--threshold 0.9] [--json FILE]

Development rows only: every gold here holds even ``unit_id`` rows, and only their texts are read.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from common import REPO, fakes_dev_rows_numbered

#: the golds scored again without their twinned check articles, with their ``sitrep eval`` task
GOLDS = {"events": REPO / "benchmarks" / "data" / "fakes_events_gold.jsonl",
         "casualties": REPO / "benchmarks" / "data" / "fakes_casualties_gold.jsonl"}
#: the figures printed per check half
KEYS = {"events": ("articles", "event_f1", "actor_accuracy", "recipient_accuracy", "place_accuracy",
                   "status_accuracy"),
        "casualties": ("articles", "figure_f1", "main_killed_accuracy", "attribution_accuracy")}
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Twin:
    check_row: int
    tune_row: int
    jaccard: float


def shingles(text: str, n: int = 5) -> frozenset[tuple[str, ...]]:
    """The word ``n``-grams of a text, lower-cased (a text shorter than ``n`` words gives one shingle)."""
    words = _WORD.findall(text.lower())
    return frozenset(tuple(words[i:i + n]) for i in range(max(1, len(words) - n + 1)))


def jaccard(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def find_twins(splits: Mapping[int, str], texts: Mapping[int, str], threshold: float) -> list[Twin]:
    """Every (check row, tune row) whose texts' shingle Jaccard is at least ``threshold``."""
    sets = {row: shingles(texts[row]) for row in splits}
    tune = [row for row, split in splits.items() if split == "tune"]
    out = []
    for row in sorted(r for r, split in splits.items() if split == "check"):
        for other in tune:
            score = jaccard(sets[row], sets[other])
            if score >= threshold:
                out.append(Twin(row, other, round(score, 3)))
    return out


def _row(document: str) -> int:
    return int(document.rsplit("#row", 1)[1])


def gold_splits(path: Path) -> dict[int, str]:
    """Row number -> split of every article of an article-level FA-KES gold file."""
    with path.open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    return {_row(r["document"]): r["split"] for r in records}


def check_without(path: Path, drop: set[int], folder: Path) -> Path:
    """A gold file of ``path``'s check rows, without the rows in ``drop``."""
    out = folder / f"{path.stem}-check.jsonl"
    with path.open(encoding="utf-8") as fh, out.open("w", encoding="utf-8") as dst:
        for line in fh:
            record = json.loads(line) if line.strip() else None
            if record and record["split"] == "check" and _row(record["document"]) not in drop:
                dst.write(line)
    return out


def evaluate(task: str, gold: Path) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-m", "sitrep", "eval", task, str(gold), "--json"],
                          capture_output=True, text=True, check=True, cwd=REPO)
    result = json.loads(done.stdout)
    return {key: result[key] for key in KEYS[task]}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threshold", type=float, default=0.9)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    texts = {n: row["article_content"] for n, row in fakes_dev_rows_numbered().items()}
    report: dict[str, object] = {"threshold": args.threshold}
    with tempfile.TemporaryDirectory() as tmp:
        for task, path in GOLDS.items():
            twins = find_twins(gold_splits(path), texts, args.threshold)
            drop = {t.check_row for t in twins}
            every = evaluate(task, check_without(path, set(), Path(tmp)))
            kept = evaluate(task, check_without(path, drop, Path(tmp))) if drop else every
            report[task] = {"twins": [asdict(t) for t in twins], "check": every, "check_without_twins": kept}
            print(f"{task}: {len(twins)} twinned check articles {[(t.check_row, t.tune_row, t.jaccard) for t in twins]}")
            print(f"  check {every}\n  without twins {kept}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
