"""Print the places the pipeline (up to the place stage) finds in the seed articles.

Run: python benchmarks/place_seeds.py [SEED_DIR]
Seed 002 is hard-wrapped: single newlines inside blank-line blocks are joined.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from common import REPO  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.pipeline import build_pipeline  # noqa: E402
from sitrep.records import Document  # noqa: E402

SEEDS = Path(os.environ.get("SITREP_SHARED", REPO.parent / "shared")) / "data" / "corpus" / "seeds"


def read_seed(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if path.name.startswith("002"):
        blocks = re.split(r"\n\s*\n", text)
        text = "\n\n".join(re.sub(r"\s*\n\s*", " ", b).strip() for b in blocks)
    return text


def main(seed_dir: Path = SEEDS) -> None:
    pipeline = build_pipeline(only=["place"])  # and the stages it reads from (parse, actors)
    paths = sorted(seed_dir.glob("*.txt"))
    docs = [Document(id=p.stem, sha256=p.stem, text=read_seed(p)) for p in paths]
    for analysis in pipeline.analyze(docs):
        print(f"== {analysis.document.id}: {len(analysis.places)} places")
        for p in analysis.places:
            print(f"  {p.start:5d} {p.text!r:28} -> {p.name} ({p.country}, level {p.level}, "
                  f"{p.lat:.2f},{p.lon:.2f}, geonames {p.geonames_id})")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else SEEDS)
