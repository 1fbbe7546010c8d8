"""A learned news-or-background reading of an event mention (issue 11, branch bg2).

A report's news mention is its own incident told as news; a background line ("government forces
took the road earlier in the year"), a recalled earlier attack told in passing, a monthly or
war-wide tally or a campaign with no single episode is **background**: it joins the incident it
recalls when the linker attaches it, and never founds one (``mentions.role_of``).

``features`` reads, from what the stored analysis keeps of a mention (its sentence, trigger, time
expressions, date, status and rank among the report's event sentences), a small set of named,
general cues (no outlet, place or incident is named); ``BackgroundModel`` is a logistic regression
over them, fitted by ``scripts/train_background.py`` on the tune lines of the incident-records golds
and shipped as ``data/background.json``. With ``Settings.learned_background`` (default off) a news
mention whose probability reaches the model's threshold is read as background.
Pure functions; the model file is read at the edge (``load_background``).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..records import Event, TimeExpr

#: the names of the features, in the order the model file stores its weights
FEATURES: tuple[str, ...] = (
    "lead", "rank", "position", "dated", "days_before", "reported", "past_perfect", "present_perfect",
    "progressive", "recall_word", "tally_word", "period_word", "since", "duration", "old_time", "coarse_time",
    "figures", "aggregate_number", "quote", "sentence_words",
)

_WORD = re.compile(r"[A-Za-z']+|\d[\d,]*")
_RECALL = frozenset({"earlier", "previous", "previously", "prior", "ago", "former", "repeatedly", "regularly",
                     "already", "last", "past", "recent", "recently", "again", "similar", "before", "after",
                     "following", "since", "often", "frequently"})
_TALLY = frozenset({"toll", "total", "tally", "overall", "altogether", "cumulative", "since", "so", "far",
                    "war", "conflict", "uprising", "revolution", "crisis", "campaign", "offensive", "operation",
                    "siege", "began", "started", "start", "beginning", "documented", "recorded", "estimated"})
_PERIOD = frozenset({"year", "years", "month", "months", "weeks", "decade", "january", "february", "march",
                     "april", "may", "june", "july", "august", "september", "october", "november", "december",
                     "2011", "2012", "2013", "2014", "2015", "2016", "2017"})
_REPORTING = frozenset({"said", "says", "say", "told", "reported", "according", "added", "stated", "claimed"})
_COARSE_PRECISIONS = frozenset({"month", "quarter", "year", "decade", "century"})


@dataclass(frozen=True, slots=True)
class BackgroundModel:
    """A logistic regression over ``FEATURES`` (standardised), with the threshold at which a mention
    reads as background."""

    weights: Mapping[str, float]
    intercept: float
    means: Mapping[str, float]
    scales: Mapping[str, float]
    threshold: float
    source: str = ""

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> BackgroundModel:
        def table(key: str) -> dict[str, float]:
            raw = data[key]
            if not isinstance(raw, Mapping):
                raise ValueError(f"background model: {key!r} must be an object of feature -> number")
            return {str(k): float(v) for k, v in raw.items()}

        return cls(table("weights"), float(data["intercept"]), table("means"),  # type: ignore[arg-type]
                   table("scales"), float(data["threshold"]), str(data.get("source", "")))  # type: ignore[arg-type]

    def to_dict(self) -> dict[str, object]:
        return {"features": list(FEATURES), "weights": dict(self.weights), "intercept": self.intercept,
                "means": dict(self.means), "scales": dict(self.scales), "threshold": self.threshold,
                "source": self.source}

    def probability(self, feats: Mapping[str, float], document: str = "") -> float:
        """The probability that the mention is background (``document`` is unused here; a study may
        route each report to the fold model that did not see it)."""
        z = self.intercept + sum(self.weights.get(k, 0.0) * (feats.get(k, 0.0) - self.means.get(k, 0.0))
                                 / (self.scales.get(k, 1.0) or 1.0) for k in FEATURES)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def background(self, feats: Mapping[str, float], document: str = "") -> bool:
        return self.probability(feats, document) >= self.threshold


def load_background(path: Path) -> BackgroundModel | None:
    """The model file at ``path``; None when there is none."""
    if not path.exists():
        return None
    return BackgroundModel.from_dict(json.loads(path.read_text(encoding="utf-8")))


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _tense(before: Sequence[str]) -> tuple[float, float, float]:
    """Past perfect, present perfect and progressive in the few words before the trigger, not
    after a reporting word (reported speech tells the report's news in the past perfect)."""
    window = before[-4:]
    reported = any(w in _REPORTING for w in before[-8:])
    past = float("had" in window and not reported)
    present = float("has" in window or "have" in window)
    progressive = float(any(w in ("is", "are", "was", "were") for w in window))
    return past, present, progressive


def _times(times: Sequence[TimeExpr], start: int, end: int, published: int | None) -> tuple[float, float, float]:
    """Whether the sentence holds a duration, a date older than a week before publication, and a
    month or coarser date."""
    from .mentions import parse_day

    duration = old = coarse = 0.0
    for t in times:
        if not (start <= t.start < end):
            continue
        if t.type == "DURATION" or (t.value or "").startswith("P"):
            duration = 1.0
        if t.precision in _COARSE_PRECISIONS:
            coarse = 1.0
        day = parse_day(t.value)
        if day is not None and published is not None and published - day[1] > 7:
            old = 1.0
    return duration, old, coarse


def features(event: Event, text: str, times: Sequence[TimeExpr], *, rank: int,
             published: int | None, days: tuple[int, int] | None, dated: bool) -> dict[str, float]:
    """The named cues of one mention (see ``FEATURES``)."""
    ev = event.evidence
    sentence = text[ev.start:ev.end]
    trigger = (event.trigger_start if event.trigger_start is not None else ev.start) - ev.start
    before, words = _words(sentence[:max(trigger, 0)]), _words(sentence)
    past, present, progressive = _tense(before)
    duration, old, coarse = _times(times, ev.start, ev.end, published)
    numbers = [int(w.replace(",", "")) for w in words if w[0].isdigit() and w.replace(",", "").isdigit()]
    before_days = (published - days[1]) if dated and days is not None and published is not None else 0
    return {
        "lead": float(rank == 0), "rank": math.log1p(rank), "position": ev.start / max(len(text), 1),
        "dated": float(dated), "days_before": math.log1p(max(before_days, 0)),
        "reported": float(event.status == "reported"), "past_perfect": past, "present_perfect": present,
        "progressive": progressive, "recall_word": float(sum(w in _RECALL for w in words)),
        "tally_word": float(sum(w in _TALLY for w in words)), "period_word": float(sum(w in _PERIOD for w in words)),
        "since": float("since" in words), "duration": duration, "old_time": old, "coarse_time": coarse,
        "figures": float(len(event.casualties)),
        "aggregate_number": float(any(1000 <= n < 1900 or n > 2100 for n in numbers)),
        "quote": float('"' in sentence or "“" in sentence), "sentence_words": math.log1p(len(words)),
    }


__all__ = ["FEATURES", "BackgroundModel", "features", "load_background"]
