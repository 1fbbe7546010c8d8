"""``sitrep eval quotes DIR``: score attribution contents against PolNeAR.

Layout: ``DIR/text/<article>.txt`` and ``DIR/attributions/<article>_<annotator>.ann``
(brat standoff). Articles with several annotators are scored against the first
``.ann`` file by name. Gold units are the ``Content`` spans of ``Attribution``
and ``Attribution-no-source`` events (a content may have several fragments);
their ``Source`` (if any) is the gold speaker.

Matching (content spans, fragments taken together as one character set):

* **exact**: same fragments after trimming whitespace, quotation marks and
  ``, . ; : — - *`` at both ends of every fragment;
* **overlap**: the two share at least one non-space character; pairs are made
  one-to-one, greedily by decreasing number of shared characters (ties by
  position), so one prediction can match at most one gold content and vice versa.

``speaker_accuracy`` is over overlap-matched pairs whose gold content has a
Source: the share whose predicted source span overlaps a gold Source fragment.

Predictions are the quote stage's records (:func:`units_from_quotes`), produced by
the evaluation runner (``sitrep.evaluation``: ingest and the built pipeline, as
``sitrep run``); the source span of a prediction is the phrase the stage read the
speaker from (``Quote.speaker_start``/``speaker_end``).

PolNeAR has no licence: it is read at run time for evaluation only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import EvalError
from ...records import Quote
from ...scoring import prf

Frag = tuple[int, int]
_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t", re.MULTILINE)
_E_LINE = re.compile(r"^(E\d+)\t(\S+)((?: \w+:T\d+)*)\s*$", re.MULTILINE)
_EDGE = " \t\r\n\"“”‘’'«»„,.;:—–-*"
ATTRIBUTION_EVENTS = ("Attribution", "Attribution-no-source")


@dataclass(slots=True)
class Unit:
    """One content span (gold or predicted) with its source fragments."""

    content: list[Frag]
    source: list[Frag] = field(default_factory=list)
    direct: bool = False
    cue: list[Frag] = field(default_factory=list)


@dataclass(slots=True)
class GoldDoc:
    name: str
    text: str
    units: list[Unit]


def _frags(spec: str) -> list[Frag]:
    out = []
    for part in spec.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def parse_ann(ann: str) -> list[Unit]:
    """Attribution contents (and sources) of one brat ``.ann`` text."""
    spans: dict[str, tuple[str, list[Frag]]] = {}
    for m in _T_LINE.finditer(ann):
        spans[m.group(1)] = (m.group(2), _frags(m.group(3)))
    units: dict[tuple[Frag, ...], Unit] = {}
    for m in _E_LINE.finditer(ann):
        etype = m.group(2).split(":")[0]
        if etype not in ATTRIBUTION_EVENTS:
            continue
        roles: dict[str, list[str]] = {}
        for role in m.group(3).split():
            name, _, ref = role.partition(":")
            roles.setdefault(re.sub(r"\d+$", "", name), []).append(ref)
        for ref in roles.get("Content", []):
            if ref not in spans:
                continue
            content = sorted(spans[ref][1])
            source = [f for r in roles.get("Source", []) if r in spans for f in spans[r][1]]
            cue = [f for r in roles.get("Cue", []) if r in spans for f in spans[r][1]]
            key = tuple(content)
            if key in units:
                units[key].source.extend(source)
                units[key].cue.extend(cue)
            else:
                units[key] = Unit(content, source, cue=cue)
    return list(units.values())


def is_direct(text: str, frags: Sequence[Frag]) -> bool:
    """A content is direct when every fragment is enclosed in quotation marks."""
    for s, e in frags:
        piece = text[s:e].strip().rstrip(",.;:—– ")
        if len(piece) < 2 or piece[0] not in "\"“‘'«„" or piece[-1] not in "\"”’'»":
            return False
    return True


def load_gold(path: Path) -> list[GoldDoc]:
    """Every article of a PolNeAR-layout folder with its gold attribution contents."""
    text_dir, ann_dir = path / "text", path / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise EvalError(
            f"{path} is not in the PolNeAR layout: expected folders {text_dir} and {ann_dir}."
        )
    docs = []
    for txt in sorted(text_dir.glob("*.txt")):
        anns = sorted(ann_dir.glob(f"{txt.stem}_*.ann"))
        if not anns:
            continue
        text = txt.read_text(encoding="utf-8")
        units = parse_ann(anns[0].read_text(encoding="utf-8"))
        for u in units:
            u.direct = is_direct(text, u.content)
        docs.append(GoldDoc(txt.stem, text, units))
    if not docs:
        raise EvalError(f"No annotated articles found under {path}.")
    return docs


# ------------------------------------------------------------------ matching


def _norm(text: str, frags: Iterable[Frag]) -> tuple[Frag, ...]:
    out = []
    for s, e in frags:
        while s < e and text[s] in _EDGE:
            s += 1
        while e > s and text[e - 1] in _EDGE:
            e -= 1
        if e > s:
            out.append((s, e))
    return tuple(sorted(out))


def _charset(text: str, frags: Iterable[Frag]) -> set[int]:
    return {i for s, e in _norm(text, frags) for i in range(s, e) if not text[i].isspace()}


def _overlaps(a: Iterable[Frag], b: Iterable[Frag]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


@dataclass(slots=True)
class Counts:
    n_gold: int = 0
    n_pred: int = 0
    exact: int = 0
    overlap: int = 0
    with_source: int = 0
    speaker_ok: int = 0

    def add(self, other: Counts) -> None:
        for f in ("n_gold", "n_pred", "exact", "overlap", "with_source", "speaker_ok"):
            setattr(self, f, getattr(self, f) + getattr(other, f))


def match_doc(text: str, gold: list[Unit], pred: list[Unit]) -> Counts:
    """Exact and one-to-one overlap matches between gold and predicted units."""
    c = Counts(n_gold=len(gold), n_pred=len(pred))
    gold_norm = [_norm(text, g.content) for g in gold]
    pred_norm = [_norm(text, p.content) for p in pred]
    free = set(range(len(gold)))
    for pn in pred_norm:
        for gi in sorted(free):
            if gold_norm[gi] == pn and pn:
                c.exact += 1
                free.discard(gi)
                break
    gsets = [_charset(text, g.content) for g in gold]
    psets = [_charset(text, p.content) for p in pred]
    pairs = []
    for pi, ps in enumerate(psets):
        for gi, gs in enumerate(gsets):
            shared = len(ps & gs)
            if shared:
                pairs.append((-shared, gi, pi))
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        c.overlap += 1
        if gold[gi].source:
            c.with_source += 1
            if pred[pi].source and _overlaps(pred[pi].source, gold[gi].source):
                c.speaker_ok += 1
    return c


def _prf(hit: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p, r, f = prf(hit, n_pred, n_gold)
    return round(p, 4), round(r, 4), round(f, 4)


def metrics(c: Counts) -> dict[str, Any]:
    ep, er, ef = _prf(c.exact, c.n_pred, c.n_gold)
    op, orr, of = _prf(c.overlap, c.n_pred, c.n_gold)
    return {
        "exact_precision": ep,
        "exact_recall": er,
        "exact_f1": ef,
        "overlap_precision": op,
        "overlap_recall": orr,
        "overlap_f1": of,
        "speaker_accuracy": round(c.speaker_ok / c.with_source, 4) if c.with_source else 0.0,
        "n_gold": c.n_gold,
    }


def score(
    gold_docs: Sequence[GoldDoc], predictions: Sequence[list[Unit]], *, direct_only: bool = False
) -> dict[str, Any]:
    """Metrics over many documents; ``direct_only`` keeps quotation-mark contents only."""
    total = Counts()
    for gd, pred in zip(gold_docs, predictions, strict=True):
        gold = [u for u in gd.units if u.direct] if direct_only else gd.units
        if direct_only:
            pred = [u for u in pred if u.direct]
        total.add(match_doc(gd.text, gold, pred))
    return metrics(total)


# ------------------------------------------------------------------- sitrep


def units_from_quotes(quotes: Iterable[Quote]) -> list[Unit]:
    """The quote stage's records as scorer units: the fragments of one attribution (ids
    ``doc:qN.1``, ``doc:qN.2``...) form one unit, with the span the speaker was read from."""
    units: dict[str, Unit] = {}
    for q in quotes:
        key = q.id.rsplit(".", 1)[0] if "." in q.id.rsplit(":", 1)[-1] else q.id
        unit = units.get(key)
        if unit is None:
            has_source = q.speaker_start is not None and q.speaker_end is not None
            source = [(q.speaker_start, q.speaker_end)] if has_source else []
            unit = units[key] = Unit([], source, q.kind == "direct")  # type: ignore[arg-type]
        unit.content.append((q.start, q.end))
    return list(units.values())
