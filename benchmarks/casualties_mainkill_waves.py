"""The fresh random waves of the casualty gold split by wave into a tuning part and a check part
(issue 12; branch mainkill1, 2026-12-07 last round).

The random waves (``scripts/train_casualty_carry.py``'s groups, the waves drawn at random and
scored fresh on main's code before they joined tune: waves 1, 2, 4, 6-9, 14, 16-20) are shuffled
with a fixed seed and split in two by wave, before any of their errors was studied this round:
the errors of the tuning part are read to choose a fix; the check part's main-killed articles are
the bar's first clause. Every row is on the gold's tune half; the gold's check half is not here.

Usage: ``python benchmarks/casualties_mainkill_waves.py`` prints the two parts and their sizes.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

from train_casualty_carry import GOLD, group_of  # noqa: E402

#: the waves drawn at random from the development rows (the others were picked for classes)
RANDOM_WAVES = ("wave 1", "wave 2", "wave 4", "wave 6", "wave 7", "wave 8", "wave 9", "wave 14",
                "wave 16", "wave 17", "wave 18", "wave 19", "wave 20")
SEED = 20261207


def split_waves(seed: int = SEED) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(tuning part, check part): the shuffled random waves, the first half (rounded up) to tuning."""
    waves = list(RANDOM_WAVES)
    random.Random(seed).shuffle(waves)
    half = (len(waves) + 1) // 2
    return tuple(sorted(waves[:half], key=RANDOM_WAVES.index)), tuple(sorted(waves[half:], key=RANDOM_WAVES.index))


def wave_documents() -> dict[str, list[str]]:
    """The tune documents of each random wave, in gold order."""
    out: dict[str, list[str]] = {w: [] for w in RANDOM_WAVES}
    for i, line in enumerate(GOLD.read_text(encoding="utf-8").splitlines()):
        row = json.loads(line)
        if row["split"] == "tune" and group_of(i) in out:
            out[group_of(i)].append(row["document"])
    return out


def main() -> None:
    tuning, check = split_waves()
    docs = wave_documents()
    for name, part in (("tuning", tuning), ("check", check)):
        print(json.dumps({"part": name, "waves": list(part), "articles": sum(len(docs[w]) for w in part)}))


if __name__ == "__main__":
    main()
