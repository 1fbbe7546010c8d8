"""Every gold figure naming a source on the **tune** half of the casualty gold, with the source
sitrep gives it (issue 12; the study behind ``casualties28``'s description reading).

One line per matched tune figure whose gold names a source: wave (``train_casualty_carry``'s
groups), document, right or wrong by the scorer's test, the gold source's words, the predicted
source's words and actor, and whether the predicted or gold source is a pronoun or a description
(a source phrase with no proper name: "the monitor", "the group", "it"). The check half is never
read. Usage: ``OMP_NUM_THREADS=1 python benchmarks/casualties_attribution_dump.py [--out FILE]``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "scripts"))
os.environ.setdefault("OMP_NUM_THREADS", "1")

from train_casualty_carry import GOLD, group_of  # noqa: E402

from sitrep.datasets import FAKES_CSV, fakes_data_dir  # noqa: E402
from sitrep.evaluation.runner import GoldText, run_documents  # noqa: E402
from sitrep.pipeline import build_pipeline  # noqa: E402
from sitrep.stages.casualties import descriptions, extract  # noqa: E402
from sitrep.stages.casualties.scorer import (  # noqa: E402
    _match,
    _source_right,
    predictions,
    read_fakes_texts,
    read_gold,
)


def _named(text: str) -> bool:
    """A source phrase that carries a proper name (a capitalised word after its first)."""
    words = text.replace("-", " ").split()
    return any(w[:1].isupper() for w in words[1:]) or (len(words) == 1 and words[0].isupper() and len(words[0]) > 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--share", type=float, default=None,
                        help="descriptions.AGREEMENT_SHARE for this run (default: the shipped value)")
    parser.add_argument("--nearest-only", choices=("yes", "no"), default=None,
                        help="descriptions.NEAREST_ONLY for this run (default: the shipped value)")
    parser.add_argument("--off", action="store_true", help="no description is resolved (main's reading)")
    args = parser.parse_args()
    if args.share is not None:
        descriptions.AGREEMENT_SHARE = args.share
    if args.nearest_only is not None:
        descriptions.NEAREST_ONLY = args.nearest_only == "yes"
    if args.off:
        extract.referent = lambda *a, **k: None  # type: ignore[assignment]
    shared = fakes_data_dir(args.shared, REPO)
    lines = {json.loads(x)["document"]: i for i, x in enumerate(GOLD.read_text(encoding="utf-8").splitlines())}
    gold = read_gold(GOLD, split="tune")
    texts = read_fakes_texts(gold, shared / FAKES_CSV)
    run = run_documents(build_pipeline(only=["casualties"]),
                        [GoldText(g.document, t, g.published) for g, t in zip(gold, texts, strict=True)])
    rows = []
    for g, text, pred in zip(gold, texts, predictions(run.analyses), strict=True):
        for f in g.figures:
            if f.source is None:
                continue
            found = _match(f, pred.casualties)
            if found is None:
                continue
            gsrc = text[f.source[0]:f.source[1]]
            psrc = text[found.source_start:found.source_end] if found.source_start is not None else None
            desc = not _named(gsrc) or (psrc is not None and not _named(psrc))
            rows.append({"wave": group_of(lines[g.document]), "document": g.document,
                         "right": _source_right(f, found, pred.mentions), "figure": f"{f.kind} {f.value}",
                         "gold": gsrc, "pred": psrc, "actor": found.attributed_to, "description": desc})
    text_out = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if args.out:
        args.out.write_text(text_out, encoding="utf-8")
    else:
        sys.stdout.write(text_out)
    right = sum(r["right"] for r in rows)
    print(f"tune attribution (matched): {right} of {len(rows)}", file=sys.stderr)


if __name__ == "__main__":
    main()
