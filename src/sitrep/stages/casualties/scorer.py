"""``sitrep eval casualties GOLD``: gold readers and the pure scorer of casualty figures.

Two gold formats are read:

* the **casualty gold** of ``docs/coding-guide-casualties.md`` (JSON Lines, one article per
  line: ``document`` = ``FA-KES-Dataset.csv#rowN``, ``split``, ``figures`` with kind, value,
  offsets, scope, ``superseded``, ``subset_of`` and the ``attributed_to`` span, and
  ``main_killed``). The article texts are read at run time from the FA-KES CSV
  (``article_content`` as ``csv.DictReader`` reads it; the gold stores only offsets);
* the **PLOVER GSR** records (``dead`` / ``injured`` per event, no offsets): each record
  with ``dead`` is one gold ``killed`` figure and its ``main_killed``, ``injured`` one
  ``injured`` figure (the guide's section "PLOVER GSR").

What is scored (``score``), per article, then summed over articles:

* **figures**: precision, recall and F1 of ``(kind, value)`` compared as multisets (every
  mention, as the guide labels every mention; superseded figures included, scopes
  together); ``distinct_*`` compares sets of distinct ``(kind, value)`` instead;
* **main_killed_accuracy**: the predicted headline toll (``record.headline_toll``) equals
  the gold ``main_killed`` (both null counts as right);
* **attribution**: over gold figures whose text names a source, matched to a predicted
  figure by overlapping offsets and equal ``(kind, value)``: right when the predicted source
  span overlaps the gold one, or the predicted source is the KB actor of a mention that
  overlaps the gold span. ``attribution_accuracy`` is over the matched figures;
  ``attribution_strict`` counts unmatched ones as wrong; ``source_given_to_unattributed`` is
  the share of matched figures the outlet states in its own voice that got a source anyway;
* **victims**: ``victims_accuracy`` (civilians, children, … as the guide classes them) over
  matched figures;
* **scope**: ``scope_accuracy`` over matched figures, ``war_totals_on_incidents`` = predicted
  figures attached to an event that overlap a gold ``war_total`` figure (must be 0);
* PLOVER GSR has no offsets: the ``killed`` / ``injured`` values of sitrep's ``incident``
  figures are compared with the record's as distinct sets (the GSR codes the event's own
  casualties, never background tolls), and attribution and scope are not scored.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import EvalError
from ...records import Casualty
from ...scoring import prf

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class GoldFigure:
    kind: str
    value: int
    start: int | None = None
    end: int | None = None
    scope: str = "incident"
    superseded: bool = False
    subset: bool = False
    source: Span | None = None
    victims: str | None = None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One gold article: its reference, its figures and its headline toll."""

    document: str
    figures: tuple[GoldFigure, ...]
    main_killed: int | None
    split: str | None = None
    published: str | None = None
    #: the text itself for gold sets that carry it (PLOVER GSR); FA-KES texts are read from the CSV
    text: str | None = None
    #: offsets in this gold set (False for PLOVER GSR: figures are compared as values only)
    has_offsets: bool = True


@dataclass(slots=True)
class Predicted:
    """What sitrep found in one gold article: its figures, headline toll, actor mentions."""

    casualties: list[Casualty]
    main_killed: int | None
    #: (actor id, start, end) of the actor mentions, to match a source by actor
    mentions: list[tuple[str, int, int]] = field(default_factory=list)


def _figure(data: dict[str, Any]) -> GoldFigure:
    src = data.get("attributed_to")
    return GoldFigure(
        kind=str(data["kind"]), value=int(data["value"]), start=int(data["start"]), end=int(data["end"]),
        scope=str(data.get("scope") or "incident"), superseded=bool(data.get("superseded")),
        subset=data.get("subset_of") is not None,
        source=(int(src["start"]), int(src["end"])) if isinstance(src, dict) else None,
        victims=data.get("victims"),
    )


def _plover_article(rec: dict[str, Any], n: int) -> GoldArticle:
    figures = []
    dead, injured = _count(rec.get("dead")), _count(rec.get("injured"))
    if dead:
        figures.append(GoldFigure("killed", dead))
    if injured:
        figures.append(GoldFigure("injured", injured))
    return GoldArticle(str(rec.get("id", n)), tuple(figures), dead or None, text=str(rec["text"]),
                       has_offsets=False)


def _count(value: Any) -> int | None:
    try:
        return int(str(value).strip()) if value not in (None, "") else None
    except ValueError:
        return None


def read_gold(path: Path, *, split: str | None = None) -> list[GoldArticle]:
    """The gold articles of ``path`` (casualty gold or PLOVER GSR JSON Lines); ``split``
    keeps one half of the casualty gold (``tune`` / ``check``)."""
    out: list[GoldArticle] = []
    with Path(path).open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvalError(f"{path}:{n} is not valid JSON ({exc}); expected JSON Lines.") from exc
            if "figures" in rec and "document" in rec:
                out.append(GoldArticle(str(rec["document"]), tuple(_figure(f) for f in rec["figures"]),
                                       rec.get("main_killed"), rec.get("split"), rec.get("published")))
            elif "text" in rec and "event" in rec:
                if rec["event"] != "DOCUMENT":
                    out.append(_plover_article(rec, n))
            else:
                raise EvalError(f"{path}:{n} is neither a casualty gold article (document, figures) nor a "
                                f"PLOVER GSR record (text, event); see docs/coding-guide-casualties.md.")
    if split is not None:
        out = [a for a in out if a.split == split]
    if not out:
        raise EvalError(f"{path} holds no gold articles{f' in split {split!r}' if split else ''}.")
    return out


def read_fakes_texts(articles: Sequence[GoldArticle], csv_path: Path) -> list[str]:
    """The ``article_content`` of each gold article's ``FA-KES-Dataset.csv#rowN`` (as the gold's
    offsets index it); PLOVER-style articles keep their own text."""
    needed = {a.document for a in articles if a.text is None}
    rows: dict[str, str] = {}
    if needed:
        if not Path(csv_path).exists():
            raise EvalError(f"The FA-KES CSV {csv_path} is missing; the casualty gold stores offsets "
                            f"only. Set SITREP_SHARED to the folder that holds data/corpus/fakes/.")
        with open(csv_path, encoding="utf-8", errors="replace", newline="") as fh:
            for n, row in enumerate(csv.DictReader(fh), start=1):
                key = f"{Path(csv_path).name}#row{n}"
                if key in needed:
                    rows[key] = row.get("article_content") or ""
    missing = needed - set(rows)
    if missing:
        raise EvalError(f"{len(missing)} gold documents are not rows of {csv_path} (e.g. {sorted(missing)[0]}).")
    return [a.text if a.text is not None else rows[a.document] for a in articles]


# -- the pure scorer -----------------------------------------------------------------------------

def _overlap(a: Span | None, b: Span | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _match(gold: GoldFigure, predicted: Iterable[Casualty]) -> Casualty | None:
    for c in predicted:
        if c.kind == gold.kind and c.best == gold.value and _overlap((c.start, c.end), (gold.start, gold.end)):  # type: ignore[arg-type]
            return c
    return None


def _source_right(gold: GoldFigure, found: Casualty, mentions: Sequence[tuple[str, int, int]]) -> bool:
    pred_span = (found.source_start, found.source_end) if found.source_start is not None else None
    if _overlap(pred_span, gold.source):  # type: ignore[arg-type]
        return True
    actor = found.attributed_to
    return actor is not None and any(a == actor and _overlap((s, e), gold.source) for a, s, e in mentions)


@dataclass(slots=True)
class _Counts:
    tp: int = 0
    pred: int = 0
    gold: int = 0
    dtp: int = 0
    dpred: int = 0
    dgold: int = 0
    main_ok: int = 0
    articles: int = 0
    attr_gold: int = 0
    attr_matched: int = 0
    attr_ok: int = 0
    unattr_matched: int = 0
    unattr_given: int = 0
    scope_n: int = 0
    scope_ok: int = 0
    victims_ok: int = 0
    war_on_incident: int = 0
    kinds: Counter[str] = field(default_factory=Counter)


def _add_figures(c: _Counts, gold: GoldArticle, pred: Predicted) -> None:
    found = pred.casualties if gold.has_offsets else [
        x for x in pred.casualties if x.kind in ("killed", "injured") and x.scope == "incident"]
    g: Counter[tuple[str, int]] = Counter((f.kind, f.value) for f in gold.figures)
    p: Counter[tuple[str, int]] = Counter((str(x.kind), x.best) for x in found)
    if gold.has_offsets:
        c.tp += sum((g & p).values())
        c.pred += sum(p.values())
        c.gold += sum(g.values())
    c.dtp += len(set(g) & set(p))
    c.dpred += len(set(p))
    c.dgold += len(set(g))


def _add_links(c: _Counts, gold: GoldArticle, pred: Predicted) -> None:
    for f in gold.figures:
        found = _match(f, pred.casualties)
        if found is not None:
            c.scope_n += 1
            c.scope_ok += found.scope == f.scope
            c.victims_ok += found.victims == f.victims
        if f.source is None:
            if found is not None:
                c.unattr_matched += 1
                c.unattr_given += found.source_start is not None
            continue
        c.attr_gold += 1
        if found is not None:
            c.attr_matched += 1
            c.attr_ok += _source_right(f, found, pred.mentions)
    for x in pred.casualties:
        if x.event is not None and any(f.scope == "war_total" and _overlap((x.start, x.end), (f.start, f.end))  # type: ignore[arg-type]
                                       for f in gold.figures):
            c.war_on_incident += 1


def score(gold: Sequence[GoldArticle], predicted: Sequence[Predicted]) -> dict[str, Any]:
    """Metrics of ``predicted`` against ``gold`` (same order); see the module docstring."""
    if len(gold) != len(predicted):
        raise EvalError(f"{len(gold)} gold articles but {len(predicted)} predictions.")
    c = _Counts()
    for g, p in zip(gold, predicted, strict=True):
        c.articles += 1
        _add_figures(c, g, p)
        c.main_ok += g.main_killed == p.main_killed
        if g.has_offsets:
            _add_links(c, g, p)
    return _metrics(c, offsets=any(g.has_offsets for g in gold))


def _metrics(c: _Counts, *, offsets: bool) -> dict[str, Any]:
    dp, dr, df = prf(c.dtp, c.dpred, c.dgold)
    out: dict[str, Any] = {"articles": c.articles,
                           "distinct_precision": round(dp, 4), "distinct_recall": round(dr, 4),
                           "distinct_f1": round(df, 4),
                           "main_killed_accuracy": round(c.main_ok / c.articles, 4) if c.articles else 0.0}
    if not offsets:
        return out
    p, r, f = prf(c.tp, c.pred, c.gold)
    out.update({
        "figure_precision": round(p, 4), "figure_recall": round(r, 4), "figure_f1": round(f, 4),
        "gold_figures": c.gold, "predicted_figures": c.pred,
        "attribution_accuracy": round(c.attr_ok / c.attr_matched, 4) if c.attr_matched else None,
        "attribution_strict": round(c.attr_ok / c.attr_gold, 4) if c.attr_gold else None,
        "attributed_gold_figures": c.attr_gold, "attributed_matched": c.attr_matched,
        "source_given_to_unattributed": round(c.unattr_given / c.unattr_matched, 4) if c.unattr_matched else None,
        "scope_accuracy": round(c.scope_ok / c.scope_n, 4) if c.scope_n else None,
        "victims_accuracy": round(c.victims_ok / c.scope_n, 4) if c.scope_n else None,
        "war_totals_on_incidents": c.war_on_incident,
    })
    return out


def score_by_split(gold: Sequence[GoldArticle], predicted: Sequence[Predicted]) -> dict[str, Any]:
    """``score`` over all articles, then (when the gold has halves) per half, keys prefixed
    with the half's name (``tune_figure_f1``, ``check_figure_f1``)."""
    out = score(gold, predicted)
    splits = sorted({g.split for g in gold if g.split})
    for split in splits:
        pairs = [(g, p) for g, p in zip(gold, predicted, strict=True) if g.split == split]
        part = score([g for g, _ in pairs], [p for _, p in pairs])
        out.update({f"{split}_{k}": v for k, v in part.items()})
    return out


def predictions(analyses: Iterable[Any]) -> list[Predicted]:
    """The scorer's view of analyses whose offsets point into the gold texts (the runner maps
    them there): every figure, on events or not, the headline toll, the actor mentions."""
    from .record import headline_toll

    out = []
    for analysis in analyses:
        figures = [*(c for e in analysis.events for c in e.casualties), *analysis.casualties]
        statuses = {e.id: e.status for e in analysis.events}
        mentions = [(m.actor, m.start, m.end) for m in analysis.mentions]
        sentences = [(s.start, s.text) for s in analysis.sentences]
        out.append(Predicted(figures, headline_toll(figures, statuses, sentences=sentences), mentions))
    return out
