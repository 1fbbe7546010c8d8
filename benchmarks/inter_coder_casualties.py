"""Inter-coder agreement on the FA-KES casualty gold (issue 12): a blind second coding.

Written on 2026-12-06 (closing round, branch agree2). Two steps, in this order, each committed
before the next:

1. ``python benchmarks/inter_coder_casualties.py draw`` picks the sample: 20 articles drawn with
   ``random.Random(2028).sample`` from the ``tune`` rows of
   ``benchmarks/data/fakes_casualties_gold.jsonl`` (in the file's order). It reads only each
   line's ``document``, ``unit_id``, ``outlet`` and ``split`` and prints, per drawn article, the
   document id, its position in the gold file, its wave (from that position: the gold file keeps
   the order in which its rounds and waves were appended, see ``WAVES`` and
   ``docs/coding-guide-casualties.md``) and its outlet, never a label. Every drawn row's
   ``unit_id`` is asserted even (all tune rows are development rows).
2. The second coder (B) codes the drawn articles by the guide alone, blind to the first coder's
   (A's) lines and to sitrep's output, into ``benchmarks/data/fakes_casualties_second_coder.jsonl``.
3. ``python benchmarks/inter_coder_casualties.py score [--json FILE]`` (added after step 2's
   commit) scores B against A, A against B, sitrep against A and sitrep against B on the same
   articles, with ``sitrep.stages.casualties.scorer.score`` itself: a coder's records become the
   scorer's predicted form (``as_predicted``: every figure a ``Casualty`` with the coder's kind,
   value, offsets, scope and source span; the coder's ``incident`` figures stand on one event,
   so ``war_totals_on_incidents`` counts the figures one coder calls ``incident`` where the other
   calls ``war_total``; the coder's ``main_killed`` is the headline toll). sitrep is the
   casualties pipeline of this checkout (no ``src/`` change on this branch: main's code), run as
   ``sitrep eval casualties`` runs it. It prints the four comparisons, a 95 % interval by
   resampling articles (seeded, 2,000 draws) for B-vs-A and sitrep-vs-A, the figures by era of
   the first coding, and the per-article table; ``--json FILE`` writes them.
   ``python benchmarks/inter_coder_casualties.py diff`` lists every A/B disagreement (figure
   present in one coding only, scope, source, ``main_killed``) by document and figure id, for the
   classification in ``benchmarks/data/fakes_casualties_second_coder_disagreements.jsonl``.

A second sample (branch agree6, 2026-12-06 closing): ``draw --unnamed`` draws 20 articles with
``random.Random(2032).sample`` from the tune rows of the random waves (``WAVES`` names the picked
ones) that ``docs/coding-guide-casualties.md``, agree2's section of the benchmarks docs (``docs/benchmarks/``) and
agree2's sample never name (``named_rows``), printing references only; its output is committed
as ``benchmarks/data/fakes_casualties_second_coder_unnamed_sample.jsonl`` before any drawn row
is read, and coder B's blind coding goes to ``fakes_casualties_second_coder_unnamed.jsonl``.
``score --sample unnamed`` scores it alone (intervals seed 2032), ``score --sample pooled`` with
agree2's 20 as two strata of 20 (each resampled on its own; unweighted: every article counts
once); both also print the exact (Clopper-Pearson) interval of main-killed agreement and the
figures one coder calls ``war_total`` where the other calls ``incident`` (both ways).
``diff --sample unnamed`` lists the disagreements, classed in
``benchmarks/data/fakes_casualties_second_coder_unnamed_disagreements.jsonl``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))
os.environ.setdefault("OMP_NUM_THREADS", "1")

from common import benchmark_docs_text  # noqa: E402

from sitrep.records import Casualty, Evidence  # noqa: E402
from sitrep.stages.casualties.scorer import (  # noqa: E402
    GoldArticle,
    Predicted,
    _match,
    _source_right,
    read_gold,
    score,
)

GOLD = REPO / "benchmarks" / "data" / "fakes_casualties_gold.jsonl"
SECOND = REPO / "benchmarks" / "data" / "fakes_casualties_second_coder.jsonl"
BOOT_SEED = 2028
BOOT_DRAWS = 2000
#: the metrics reported per comparison and resampled for the intervals
KEYS = ("figure_precision", "figure_recall", "figure_f1", "main_killed_accuracy", "attribution_accuracy",
        "attribution_strict", "scope_accuracy", "victims_accuracy", "war_totals_on_incidents")
SEED = 2028
SAMPLE_SIZE = 20
#: the second sample (branch agree6): articles the guide never names, random waves only
GUIDE = REPO / "docs" / "coding-guide-casualties.md"
FIRST_SAMPLE = REPO / "benchmarks" / "data" / "fakes_casualties_second_coder_sample.jsonl"
UNNAMED = REPO / "benchmarks" / "data" / "fakes_casualties_second_coder_unnamed.jsonl"
UNNAMED_SAMPLE = REPO / "benchmarks" / "data" / "fakes_casualties_second_coder_unnamed_sample.jsonl"
UNNAMED_SEED = 2032
#: the heading marker of agree2's section in the benchmarks docs (``docs/benchmarks/casualties.md``;
#: read through ``common.benchmark_docs_text``)
AGREE2_MARK = "[branch agree2]"

#: (first position, last position, wave name, era) of the gold file's rounds and waves, 1-based
#: positions in the file; from the guide's list of extensions (each appended in that order).
WAVES: tuple[tuple[int, int, str, str], ...] = (
    (1, 90, "round 1 (12-03)", "12-03"),
    (91, 130, "extension 1 (12-03 evening)", "12-03"),
    (131, 166, "extension 2 (12-03 night)", "12-03"),
    (167, 175, "extension 3 (picked, rounds 1-2)", "12-03"),
    (176, 181, "extension 4 (picked, round 3)", "12-03"),
    (182, 189, "extension 5 (picked, round 4)", "12-03"),
    (190, 209, "wave 1", "12-04"),
    (210, 229, "wave 2", "12-04"),
    (230, 235, "wave 3 (picked)", "12-04"),
    (236, 243, "wave 4", "12-04"),
    (244, 251, "wave 5 (picked)", "12-04"),
    (252, 259, "wave 6", "12-04"),
    (260, 267, "wave 7", "12-05/06"),
    (268, 275, "wave 8", "12-05/06"),
    (276, 283, "wave 9", "12-05/06"),
    (284, 293, "wave 11 (picked)", "12-05/06"),
    (294, 298, "wave 12 (picked)", "12-05/06"),
    (299, 302, "wave 13 (picked)", "12-05/06"),
    (303, 312, "wave 14", "12-05/06"),
    (313, 322, "wave 15 (picked)", "12-05/06"),
    (323, 332, "wave 16", "12-05/06"),
    (333, 342, "wave 17", "12-05/06"),
    (343, 352, "wave 18", "12-05/06"),
    (353, 362, "wave 19", "12-05/06"),
    (363, 363, "wave 20", "12-05/06"),
)


@dataclass(frozen=True, slots=True)
class Drawn:
    """One drawn article: references only, never a label."""

    document: str
    unit_id: str
    outlet: str
    position: int
    wave: str
    era: str


def wave_of(position: int) -> tuple[str, str]:
    """The wave name and era of a 1-based position in the gold file."""
    for lo, hi, name, era in WAVES:
        if lo <= position <= hi:
            return name, era
    raise ValueError(f"position {position} lies in no known wave; extend WAVES")


def tune_rows(gold: Path = GOLD) -> list[Drawn]:
    """The gold file's tune rows as references (document, unit_id, outlet, position, wave)."""
    out: list[Drawn] = []
    with gold.open(encoding="utf-8") as fh:
        for position, line in enumerate(fh, 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            if rec.get("split") != "tune":
                continue
            name, era = wave_of(position)
            out.append(Drawn(str(rec["document"]), str(rec["unit_id"]), str(rec["outlet"]), position, name, era))
    return out


def draw(gold: Path = GOLD, *, seed: int = SEED, size: int = SAMPLE_SIZE) -> list[Drawn]:
    """``size`` tune rows drawn with ``random.Random(seed).sample`` over the file's tune rows."""
    rows = tune_rows(gold)
    picked = random.Random(seed).sample(rows, size)
    for row in picked:
        assert int(row.unit_id) % 2 == 0, f"{row.document} has an odd unit_id"
    return picked


# -- the second sample (branch agree6): rows the guide never names, random waves only ------------

#: "row 12", "rows 82, 450 and 190", "rows (288, 479" (a list may wrap lines), "#row12"; a range "rows 21-60" counts
#: positions in a draw, not FA-KES rows, so its two ends are skipped and the list stops there
_ROW_WORD = re.compile(r"(?:\brows?|#row)\s*\(?\s*", re.IGNORECASE)
_LIST_ITEM = re.compile(r"(\d+)(\s*[-\u2013]\s*\d+)?(\s*(?:,|and|&)\s*)?")


def named_rows(text: str) -> set[int]:
    """FA-KES row numbers a text names ("row N", "rows N, M and K", "#rowN"); ranges are left out."""
    out: set[int] = set()
    for hit in _ROW_WORD.finditer(text):
        pos = hit.end()
        while (item := _LIST_ITEM.match(text, pos)) is not None:
            if item.group(2):  # a range of draw positions: not row names
                break
            out.add(int(item.group(1)))
            if not item.group(3):
                break
            pos = item.end()
    return out


def section(text: str, marker: str) -> str:
    """The ``### `` section of a markdown text whose heading holds ``marker``, up to the next heading of
    level 1-3 (the benchmarks docs are several files joined: a section may end where a file does)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("### ") and marker in line)
    end = next((i for i in range(start + 1, len(lines)) if re.match(r"#{1,3} ", lines[i])), len(lines))
    return "\n".join(lines[start:end])


def row_number(document: str) -> int:
    return int(document.rsplit("#row", 1)[1])


def excluded_rows(guide_text: str, agree2_text: str, first_sample: Sequence[str]) -> set[int]:
    """Rows the second sample leaves out: named in the guide, named in agree2's section, agree2's draw."""
    return named_rows(guide_text) | named_rows(agree2_text) | {row_number(d) for d in first_sample}


def draw_unnamed(gold: Path = GOLD, *, excluded: set[int], seed: int = UNNAMED_SEED,
                 size: int = SAMPLE_SIZE) -> list[Drawn]:
    """``size`` tune rows, drawn with ``random.Random(seed).sample`` over the tune rows of random
    waves (a wave whose ``WAVES`` name says "picked" is left out) whose row is not ``excluded``."""
    rows = [r for r in tune_rows(gold) if "picked" not in r.wave and row_number(r.document) not in excluded]
    chosen = random.Random(seed).sample(rows, size)
    for row in chosen:
        assert int(row.unit_id) % 2 == 0, f"{row.document} has an odd unit_id"
    return chosen


def unnamed_sample() -> list[Drawn]:
    """The agree6 draw as committed: the repository's guide, agree2's section and agree2's sample."""
    first = [json.loads(line)["document"] for line in FIRST_SAMPLE.read_text(encoding="utf-8").splitlines() if line]
    agree2 = section(benchmark_docs_text(), AGREE2_MARK)
    return draw_unnamed(excluded=excluded_rows(GUIDE.read_text(encoding="utf-8"), agree2, first))


def committed_sample(path: Path = UNNAMED_SAMPLE, gold: Path = GOLD) -> list[Drawn]:
    """The agree6 sample as committed with its draw (so a later guide that names one of its rows
    does not move the scored sample), as ``Drawn`` rows of the gold file, in the drawn order."""
    by_doc = {r.document: r for r in tune_rows(gold)}
    return [by_doc[json.loads(line)["document"]] for line in path.read_text(encoding="utf-8").splitlines() if line]


# -- scoring (written after the second coding was committed) -------------------------------------

def as_predicted(record: dict[str, Any]) -> Predicted:
    """One coder's article as the scorer's predicted form: every figure a ``Casualty`` (kind,
    value, offsets, scope, source span), ``incident`` figures on one event (the coder's incident),
    the coder's ``main_killed`` as the headline toll."""
    doc = str(record["document"])
    out: list[Casualty] = []
    for f in record["figures"]:
        src = f.get("attributed_to")
        scope = f.get("scope") or "incident"
        out.append(Casualty(
            id=f"{doc}:{f['id']}", document=doc, kind=f["kind"], victims=f["victims"], best=int(f["value"]),
            start=int(f["start"]), end=int(f["end"]), text=str(f["text"]),
            evidence=Evidence(int(f["start"]), int(f["end"]), str(f["text"])),
            low=f.get("low"), high=f.get("high"), approximate=bool(f.get("approximate")), side=f.get("side"),
            scope=scope, event=f"{doc}:incident" if scope == "incident" else None,
            subset_of=f.get("subset_of"), superseded=bool(f.get("superseded")),
            source_text=src["text"] if src else None, source_start=src["start"] if src else None,
            source_end=src["end"] if src else None))
    return Predicted(out, record.get("main_killed"))


def coder_records(path: Path, documents: Sequence[str]) -> list[dict[str, Any]]:
    """The raw records of ``documents`` in ``path``, in that order."""
    by_doc = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                by_doc[str(rec["document"])] = rec
    return [by_doc[d] for d in documents]


def coder_articles(records: Sequence[dict[str, Any]], path: Path) -> list[GoldArticle]:
    """The scorer's gold form of ``records`` (read by ``read_gold``, so both coders pass the same reader)."""
    gold = {g.document: g for g in read_gold(path)}
    return [gold[str(r["document"])] for r in records]


def sitrep_predictions(articles: Sequence[GoldArticle]) -> list[Predicted]:
    """sitrep's casualties pipeline on the articles' FA-KES texts, as ``sitrep eval casualties`` runs it."""
    from sitrep.datasets import FAKES_CSV, fakes_data_dir
    from sitrep.evaluation.runner import GoldText, run_documents
    from sitrep.pipeline import build_pipeline
    from sitrep.stages.casualties.scorer import predictions, read_fakes_texts

    texts = read_fakes_texts(articles, fakes_data_dir() / FAKES_CSV)
    run = run_documents(build_pipeline(only=["casualties"]),
                        [GoldText(g.document, t, g.published) for g, t in zip(articles, texts, strict=True)])
    return predictions(run.analyses)


def picked(values: dict[str, Any]) -> dict[str, Any]:
    return {k: values.get(k) for k in ("articles", "gold_figures", "predicted_figures", *KEYS)}


def interval(gold: Sequence[GoldArticle], pred: Sequence[Predicted], *, seed: int = BOOT_SEED,
             draws: int = BOOT_DRAWS, strata: Sequence[Sequence[int]] | None = None) -> dict[str, list[float]]:
    """95 % percentile intervals of ``KEYS`` over ``draws`` resamples of the articles (with
    replacement); with ``strata`` (groups of article indices) each group is resampled on its own
    to its own size, so every draw keeps the strata's sizes (unweighted: every article counts once)."""
    rng = random.Random(seed)
    groups = [list(g) for g in strata] if strata else [list(range(len(gold)))]
    samples: dict[str, list[float]] = {k: [] for k in KEYS}
    for _ in range(draws):
        idx = [g[rng.randrange(len(g))] for g in groups for _ in g]
        m = score([gold[i] for i in idx], [pred[i] for i in idx])
        for k in KEYS:
            if m.get(k) is not None:
                samples[k].append(float(m[k]))
    out = {}
    for k, xs in samples.items():
        if xs:
            xs.sort()
            out[k] = [round(xs[int(0.025 * (len(xs) - 1))], 4), round(xs[int(0.975 * (len(xs) - 1))], 4)]
    return out


def _binom_cdf(k: int, n: int, p: float) -> float:
    return sum(math.comb(n, i) * p ** i * (1 - p) ** (n - i) for i in range(k + 1))


def clopper_pearson(k: int, n: int, *, alpha: float = 0.05) -> tuple[float, float]:
    """The exact (Clopper-Pearson) two-sided interval of ``k`` successes in ``n`` trials, by bisection."""
    def solve(target: Callable[[float], bool]) -> float:
        lo, hi = 0.0, 1.0
        for _ in range(60):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if target(mid) else (lo, mid)
        return round((lo + hi) / 2, 4)
    lower = 0.0 if k == 0 else solve(lambda p: 1 - _binom_cdf(k - 1, n, p) < alpha / 2)
    upper = 1.0 if k == n else solve(lambda p: _binom_cdf(k, n, p) > alpha / 2)
    return lower, upper


def by_era(rows: Sequence[Drawn], gold: Sequence[GoldArticle], pred: Sequence[Predicted]) -> dict[str, Any]:
    """``score`` per era of the first coding (the rows' ``era``)."""
    out = {}
    for era in sorted({r.era for r in rows}):
        keep = [i for i, r in enumerate(rows) if r.era == era]
        out[era] = picked(score([gold[i] for i in keep], [pred[i] for i in keep]))
    return out


def per_article(rows: Sequence[Drawn], comparisons: dict[str, tuple[list[GoldArticle], list[Predicted]]]) -> list[dict[str, Any]]:
    """One line per article: its wave and, per comparison, figures matched / predicted / gold and
    the two headline tolls."""
    table = []
    for i, row in enumerate(rows):
        line: dict[str, Any] = {"document": row.document, "wave": row.wave, "outlet": row.outlet}
        for name, (gold, pred) in comparisons.items():
            m = score([gold[i]], [pred[i]])
            tp = round(m["figure_recall"] * m["gold_figures"])
            line[name] = {"figures": f"{tp}/{m['predicted_figures']}/{m['gold_figures']}",
                          "main_killed": [gold[i].main_killed, pred[i].main_killed],
                          "attribution": m["attribution_accuracy"], "scope": m["scope_accuracy"]}
        table.append(line)
    return table


def coder_b(documents: Sequence[str], paths: Sequence[Path]) -> tuple[list[dict[str, Any]], list[GoldArticle]]:
    """Coder B's raw records and gold form of ``documents``, each taken from the first of ``paths`` holding it."""
    recs: list[dict[str, Any]] = []
    gold: list[GoldArticle] = []
    for doc in documents:
        path = next(p for p in paths if doc in {str(json.loads(x)["document"])
                                                for x in p.read_text(encoding="utf-8").splitlines() if x.strip()})
        (rec,) = coder_records(path, [doc])
        recs.append(rec)
        gold.extend(coder_articles([rec], path))
    return recs, gold


def measure(rows: Sequence[Drawn], sitrep: Callable[[Sequence[GoldArticle]], list[Predicted]] = sitrep_predictions,
            *, gold_path: Path = GOLD, second_paths: Sequence[Path] = (SECOND,), seed: int = BOOT_SEED,
            strata: Sequence[Sequence[int]] | None = None) -> dict[str, Any]:
    """The four comparisons, the intervals (seeded; by stratum when ``strata`` is given), the exact
    interval of main-killed agreement, the war-total disagreements both ways, the eras and the
    per-article table."""
    docs = [r.document for r in rows]
    a_recs = coder_records(gold_path, docs)
    b_recs, b_gold = coder_b(docs, second_paths)
    a_gold = coder_articles(a_recs, gold_path)
    a_pred, b_pred = [as_predicted(r) for r in a_recs], [as_predicted(r) for r in b_recs]
    s_pred = sitrep(a_gold)
    comparisons = {"B_vs_A": (a_gold, b_pred), "A_vs_B": (b_gold, a_pred),
                   "sitrep_vs_A": (a_gold, s_pred), "sitrep_vs_B": (b_gold, s_pred)}
    scores = {k: picked(score(g, p)) for k, (g, p) in comparisons.items()}
    agree = sum(a.get("main_killed") == b.get("main_killed") for a, b in zip(a_recs, b_recs, strict=True))
    return {
        "articles": docs,
        "scores": scores,
        "intervals": {k: interval(*comparisons[k], seed=seed, strata=strata)
                      for k in ("B_vs_A", "A_vs_B", "sitrep_vs_A")},
        "main_killed_agreement": {"agree": agree, "articles": len(docs),
                                  "exact_95": list(clopper_pearson(agree, len(docs)))},
        "war_total_disagreements": scores["B_vs_A"]["war_totals_on_incidents"]
        + scores["A_vs_B"]["war_totals_on_incidents"],
        "by_era": {k: by_era(rows, *comparisons[k]) for k in ("B_vs_A", "sitrep_vs_A")},
        "per_article": per_article(rows, comparisons),
    }


@dataclass(frozen=True, slots=True)
class Disagreement:
    """One field on which the two codings of an article differ (A's figure id, B's figure id)."""

    document: str
    field: str
    a_figure: str | None
    b_figure: str | None
    a_value: Any
    b_value: Any


def _span(fig: dict[str, Any] | None) -> tuple[int, int] | None:
    return (int(fig["start"]), int(fig["end"])) if fig else None


def _matched_fields(doc: str, fa: dict[str, Any], fb: dict[str, Any], right_source: bool,
                    a_ids: dict[str, dict[str, Any]], b_ids: dict[str, dict[str, Any]]) -> list[Disagreement]:
    out = []
    if fa["scope"] != fb["scope"]:
        out.append(Disagreement(doc, "scope", fa["id"], fb["id"], fa["scope"], fb["scope"]))
    a_src, b_src = fa.get("attributed_to"), fb.get("attributed_to")
    if (a_src is None) != (b_src is None) or (a_src is not None and not right_source):
        out.append(Disagreement(doc, "source", fa["id"], fb["id"], a_src and a_src["text"], b_src and b_src["text"]))
    elif a_src is not None and _span(a_src) != _span(b_src):
        out.append(Disagreement(doc, "source span (overlapping)", fa["id"], fb["id"], a_src["text"], b_src["text"]))
    if _span(fa) != _span(fb):
        out.append(Disagreement(doc, "figure span (overlapping)", fa["id"], fb["id"], fa["text"], fb["text"]))
    for key in ("victims", "side", "approximate", "superseded", "low", "high"):
        if fa.get(key) != fb.get(key):
            out.append(Disagreement(doc, key, fa["id"], fb["id"], fa.get(key), fb.get(key)))
    a_total, b_total = a_ids.get(fa.get("subset_of") or ""), b_ids.get(fb.get("subset_of") or "")
    if (a_total is None) != (b_total is None) or (a_total and b_total and
                                                   not _overlaps(_span(a_total), _span(b_total))):
        out.append(Disagreement(doc, "subset_of", fa["id"], fb["id"], a_total and a_total["id"], b_total and b_total["id"]))
    return out


def _overlaps(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def disagreements(a_rec: dict[str, Any], a_gold: GoldArticle, b_rec: dict[str, Any]) -> list[Disagreement]:
    """Every difference between two codings of one article: figures in one coding only (no figure
    of the other matches it as the scorer matches: kind, value, overlapping offsets), then, per
    matched figure, scope, source (the scorer's rule: overlapping spans), spans, victims, side,
    approximate, superseded, range and subset link; then ``main_killed``."""
    doc = str(a_rec["document"])
    b_pred = as_predicted(b_rec).casualties
    b_by_id = {f"{doc}:{f['id']}": f for f in b_rec["figures"]}
    a_ids = {f["id"]: f for f in a_rec["figures"]}
    b_ids = {f["id"]: f for f in b_rec["figures"]}
    out: list[Disagreement] = []
    used: set[str] = set()
    for fa, ga in zip(a_rec["figures"], a_gold.figures, strict=True):
        found = _match(ga, [c for c in b_pred if c.id not in used])
        if found is None:
            out.append(Disagreement(doc, "figure", fa["id"], None, f"{fa['kind']} {fa['value']}", None))
            continue
        used.add(found.id)
        out.extend(_matched_fields(doc, fa, b_by_id[found.id], _source_right(ga, found, []), a_ids, b_ids))
    for c in b_pred:
        if c.id not in used:
            out.append(Disagreement(doc, "figure", None, b_by_id[c.id]["id"], None, f"{c.kind} {c.best}"))
    if a_rec.get("main_killed") != b_rec.get("main_killed"):
        out.append(Disagreement(doc, "main_killed", None, None, a_rec.get("main_killed"), b_rec.get("main_killed")))
    return out


def all_disagreements(rows: Sequence[Drawn], *, gold_path: Path = GOLD, second_path: Path = SECOND) -> list[Disagreement]:
    docs = [r.document for r in rows]
    a_recs, b_recs = coder_records(gold_path, docs), coder_records(second_path, docs)
    a_gold = coder_articles(a_recs, gold_path)
    return [d for a, g, b in zip(a_recs, a_gold, b_recs, strict=True) for d in disagreements(a, g, b)]


def _cmd_diff(args: argparse.Namespace) -> int:
    rows, options = sample_setup(args.sample)
    for d in all_disagreements(rows, second_path=options["second_paths"][-1]):
        print(json.dumps({"document": d.document, "field": d.field, "a_figure": d.a_figure, "b_figure": d.b_figure,
                          "a": d.a_value, "b": d.b_value}))
    return 0


def sample_setup(name: str) -> tuple[list[Drawn], dict[str, Any]]:
    """The rows and ``measure`` options of a sample: agree2's ``first`` 20 (seed 2028), agree6's
    ``unnamed`` 20 (seed 2032), or both ``pooled`` as two strata of 20 (seed 2032, unweighted)."""
    if name == "first":
        return draw(), {"second_paths": (SECOND,), "seed": BOOT_SEED}
    if name == "unnamed":
        return committed_sample(), {"second_paths": (UNNAMED,), "seed": UNNAMED_SEED}
    first, second = draw(), committed_sample()
    strata = [range(len(first)), range(len(first), len(first) + len(second))]
    return first + second, {"second_paths": (SECOND, UNNAMED), "seed": UNNAMED_SEED, "strata": strata}


def _cmd_score(args: argparse.Namespace) -> int:
    rows, options = sample_setup(args.sample)
    result = measure(rows, **options)
    print("main-killed agreement", json.dumps(result["main_killed_agreement"]),
          "war-total disagreements (both ways)", result["war_total_disagreements"])
    for name, values in result["scores"].items():
        print(name, json.dumps(values))
    for name, values in result["intervals"].items():
        print(name, "95% interval", json.dumps(values))
    for name, eras in result["by_era"].items():
        for era, values in eras.items():
            print(name, era, json.dumps(values))
    for line in result["per_article"]:
        print(json.dumps(line))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


def _cmd_draw(args: argparse.Namespace) -> int:
    rows = unnamed_sample() if args.unnamed else draw(seed=args.seed, size=args.n)
    for row in rows:
        print(json.dumps({"document": row.document, "unit_id": row.unit_id, "outlet": row.outlet,
                          "position": row.position, "wave": row.wave, "era": row.era}))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    p_draw = sub.add_parser("draw", help="print the seeded sample (references only)")
    p_draw.add_argument("--seed", type=int, default=SEED)
    p_draw.add_argument("-n", type=int, default=SAMPLE_SIZE)
    p_draw.add_argument("--unnamed", action="store_true",
                        help="the second sample (agree6, seed 2032): random-wave tune rows named nowhere in the "
                             "guide, agree2's section or agree2's sample")
    p_draw.set_defaults(func=_cmd_draw)
    p_score = sub.add_parser("score", help="score B vs A, A vs B, sitrep vs A and sitrep vs B on the sample")
    p_score.add_argument("--json", help="write the figures to this file")
    p_score.set_defaults(func=_cmd_score)
    p_diff = sub.add_parser("diff", help="list every A/B disagreement on the sample")
    p_score.add_argument("--sample", choices=("first", "unnamed", "pooled"), default="first",
                         help="agree2's 20 (default), agree6's 20 unnamed articles, or both pooled")
    p_diff.add_argument("--sample", choices=("first", "unnamed"), default="first",
                        help="agree2's 20 (default) or agree6's 20 unnamed articles")
    p_diff.set_defaults(func=_cmd_diff)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
