"""Print the places the pipeline (up to the place stage) finds in the seed articles.

Run: PYTHONPATH=src python benchmarks/place_seeds.py [SEED_DIR]
Seed 002 is hard-wrapped: single newlines inside blank-line blocks are joined.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from sitrep.pipeline import build_pipeline
from sitrep.records import Document
from sitrep.stages import STAGES

SEEDS = Path(os.environ.get("SITREP_SHARED", Path(__file__).resolve().parents[1].parent / "shared")) / "data" / "corpus" / "seeds"


def read_seed(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if path.name.startswith("002"):
        blocks = re.split(r"\n\s*\n", text)
        text = "\n\n".join(re.sub(r"\s*\n\s*", " ", b).strip() for b in blocks)
    return text


def main(seed_dir: Path = SEEDS) -> None:
    names = [n for n, _ in STAGES]
    pipeline = build_pipeline(only=[n for n in names[: names.index("place") + 1] if n in ("actors", "place")])
    paths = sorted(seed_dir.glob("*.txt"))
    docs = [Document(id=p.stem, sha256=p.stem, text=read_seed(p)) for p in paths]
    for analysis in pipeline.analyze(docs):
        print(f"== {analysis.document.id}: {len(analysis.places)} places")
        for p in analysis.places:
            print(f"  {p.start:5d} {p.text!r:28} -> {p.name} ({p.country}, level {p.level}, "
                  f"{p.lat:.2f},{p.lon:.2f}, geonames {p.geonames_id})")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else SEEDS)
