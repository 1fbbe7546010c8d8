"""``sitrep eval time DIR``: score temporal expressions on a folder of TimeML files.

Follows the TempEval-3 (UzZaman et al., 2013) definitions for TIMEX3:

* Only TIMEX3 inside ``<TEXT>`` count; the document creation time (DCT) is the
  anchor sitrep is given (``Document.published``) and is never scored.
* **Extraction.** A system span and a gold span match *strictly* when their
  character offsets are identical, and *relaxedly* when they overlap. Matching is
  one-to-one per document (exact pairs first, then the largest overlaps).
  Precision = matches / system spans, recall = matches / gold spans, F1 their
  harmonic mean (micro-averaged over all documents).
* **Value F1** (TE3 "attribute F1" for ``value``): over the relaxed-matched pairs,
  let C be the number whose normalised ``value`` strings are identical. Value
  precision = C / system spans, value recall = C / gold spans, value F1 their
  harmonic mean. (Equivalently: relaxed F1 x value accuracy over matched pairs.)
* **Type accuracy**: the share of relaxed-matched pairs whose ``type`` (DATE,
  TIME, DURATION, SET) is identical.

TE3's own script aligns on tokens; this one aligns on characters, which gives the
same strict/relaxed decisions except where a tokeniser would split differently.

sitrep's predictions come from the evaluation runner (``sitrep.evaluation``: each
TimeML text ingested with its DCT as publication date and analyzed by the built
pipeline); this module reads nothing but the gold and runs nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from ...records import TimeExpr
from ...scoring import prf
from .timeml import GoldTimex, TimeMLDoc


class SystemTimex(Protocol):
    """A predicted TIMEX3 (read-only: ``Pred``, ``TimeExpr`` or a peer's)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def type(self) -> str: ...
    @property
    def value(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Pred:
    """A system TIMEX3: offsets into the TimeML text, type and value."""

    start: int
    end: int
    type: str
    value: str | None
    text: str = ""


@dataclass(slots=True)
class Counts:
    n_gold: int = 0
    n_sys: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0
    misses: list[tuple[str, str, str, str, str]] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        for name in ("n_gold", "n_sys", "strict", "relaxed", "value", "type"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses.extend(other.misses)

    def metrics(self) -> dict[str, Any]:
        def f1(tp: int) -> float:
            return prf(tp, self.n_sys, self.n_gold)[2]

        return {
            "strict_f1": round(f1(self.strict), 4),
            "relaxed_f1": round(f1(self.relaxed), 4),
            "value_f1": round(f1(self.value), 4),
            "type_accuracy": round(self.type / self.relaxed, 4) if self.relaxed else 0.0,
            "n_gold": self.n_gold,
        }


def _overlap(a: GoldTimex, b: SystemTimex) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def score_document(name: str, gold: Sequence[GoldTimex], system: Sequence[SystemTimex]) -> Counts:
    """TE3 counts for one document (see the module docstring)."""
    c = Counts(n_gold=len(gold), n_sys=len(system))
    pairs = sorted(
        ((g, s) for g in range(len(gold)) for s in range(len(system))
         if _overlap(gold[g], system[s]) > 0),
        key=lambda p: (
            not (gold[p[0]].start == system[p[1]].start and gold[p[0]].end == system[p[1]].end),
            -_overlap(gold[p[0]], system[p[1]]),
        ),
    )
    used_g: set[int] = set()
    used_s: set[int] = set()
    for gi, si in pairs:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        g, s = gold[gi], system[si]
        c.relaxed += 1
        if g.start == s.start and g.end == s.end:
            c.strict += 1
        if s.value is not None and g.value.strip() == s.value.strip():
            c.value += 1
        else:
            c.misses.append((name, "value", g.text, g.value, f"{s.value}"))
        if g.type == s.type:
            c.type += 1
    for gi, g in enumerate(gold):
        if gi not in used_g:
            c.misses.append((name, "missed", g.text, g.value, ""))
    for si, s in enumerate(system):
        if si not in used_s:
            c.misses.append((name, "spurious", getattr(s, "text", ""), "", f"{s.value}"))
    return c


def score(docs: Sequence[TimeMLDoc], predictions: Iterable[Sequence[SystemTimex]]) -> Counts:
    """TE3 counts over many documents; ``predictions`` in the order of ``docs``."""
    total = Counts()
    for doc, preds in zip(docs, predictions, strict=True):
        total.add(score_document(doc.name, doc.timexes, preds))
    return total


def predictions(times: Iterable[TimeExpr]) -> list[Pred]:
    """The time stage's records as scorer predictions."""
    return [Pred(t.start, t.end, t.type, t.value, t.text) for t in times]
