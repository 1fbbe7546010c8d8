"""Pair features: how much two mentions agree, as named numbers in [0, 1].

Two kinds:

- *mention features* compare the two events: category, day, place, parties, means
  (how the attack was carried out), the words, names and numbers of their sentences,
  victim figures;
- *report features* compare the two reports they come from: whole text, title and
  lead. They are the same for every mention pair of two reports, so ``Scorer`` computes
  them once per report pair;
- *stacked report features* (``STACKED_FEATURES``) carry mention evidence up to the report
  level: the largest value a mention feature takes over all candidate mention pairs of the
  two reports ("some pair of their events shares a figure"). The report model weighs them
  like the report features; ``linker.candidates`` computes them over each report pair's
  candidates, and a single pair (attaching a background mention) stands for itself.

``FEATURES`` names them all in the order the fitted model (``settings.LinkModel``)
uses. ``pair_features`` computes every value (for fitting); ``Scorer`` computes the
probability that two mentions report one incident from the features the model weighs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..sparse_model import logistic
from . import blocking
from .blocking import day_gap, place_relation
from .mentions import Bag, Mention, cosine
from .settings import Settings

Feature = Callable[[Mention, Mention, Settings], float]


def dice(a: frozenset[str] | frozenset[int], b: frozenset[str] | frozenset[int]) -> float:
    """2·|a ∩ b| / (|a| + |b|); 0 for two empty sets."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def shared(a: frozenset[str] | frozenset[int], b: frozenset[str] | frozenset[int], cap: int = 3) -> float:
    """How many items two sets share, capped and scaled to [0, 1]."""
    return min(len(a & b), cap) / cap


def differ(a: frozenset[str], b: frozenset[str]) -> float:
    """1 when both sets are given and have nothing in common."""
    return float(bool(a) and bool(b) and not (a & b))


def idf_mass(words: frozenset[str], s: Settings) -> float:
    """The summed IDF weights (``Settings.weight``) of a word set."""
    idf, unseen = s.idf, s.idf_unseen
    return sum(idf.get(w, unseen) for w in words)


def weighted_dice(a: frozenset[str], b: frozenset[str], s: Settings,
                  masses: tuple[float, float] | None = None) -> float:
    """Dice of two word sets, each word weighted by its IDF (``Settings.weight``): sharing
    "sarin" or a village's name counts for more than sharing "killed"; 0 for two empty sets.
    ``masses``: ``idf_mass`` of ``a`` and of ``b`` when already known (the same values)."""
    if not a or not b:
        return 0.0
    mass_a, mass_b = masses if masses is not None else (idf_mass(a, s), idf_mass(b, s))
    return 2 * idf_mass(a & b, s) / (mass_a + mass_b)


def numbers(a: Bag, b: Bag) -> float:
    """Shared numbers above one (a toll, a count of aircraft), capped."""
    return shared(frozenset(n for n in a.numbers if n > 1), frozenset(n for n in b.numbers if n > 1), 2)


def figures(a: Mention, b: Mention) -> tuple[float, float]:
    """(agree, differ): victim figures of one kind that match (within 10 %) or not."""
    agree = disagree = 0.0
    for fa in a.figures:
        for fb in b.figures:
            if fa.kind != fb.kind or fa.best is None or fb.best is None:
                continue
            top = max(fa.best, fb.best)
            if top == 0 or abs(fa.best - fb.best) <= 0.1 * top:
                agree = 1.0
            else:
                disagree = 1.0
    return agree, disagree


def _stated_other_day(a: Mention, b: Mention, s: Settings) -> float:
    gap = day_gap(a, b, s)
    return float(a.specific and b.specific and gap is not None and gap != 0)


def _stated_same_day(a: Mention, b: Mention, s: Settings) -> float:
    """Both reports state the day, and it is the same (or one night)."""
    return float(a.specific and b.specific and day_gap(a, b, s) == 0)


def _day_unstated(a: Mention, b: Mention, s: Settings) -> float:
    """At least one of the two days is only its report's publication date, not stated: a
    "same day" then says only that the reports are close in time."""
    return float(not (a.specific and b.specific))


def _later_unstated(a: Mention, b: Mention, s: Settings) -> float:
    """The later report (published a day or more after the other) states no day for its
    mention: the shape of a follow-up (a risen toll, new facts) told days after the event."""
    if a.published is None or b.published is None or a.published == b.published:
        return 0.0
    later = a if a.published > b.published else b
    return float(not later.specific)


def _report_gap(a: Mention, b: Mention, s: Settings) -> float:
    if a.published is None or b.published is None:
        return 0.0
    return min(abs(a.published - b.published), s.window_days) / s.window_days


#: two death tolls within this share of the larger agree (as ``contested.CASUALTY_TOLERANCE``)
TOLL_TOLERANCE = 0.10
#: tolls of at most this many dead agree too often by chance to say anything (one, two killed)
TOLL_MIN = 2


def _toll_falls(a: Mention, b: Mention, s: Settings) -> float:
    """The later report (published a day or more after the other) gives a smaller death toll
    than the earlier one (by more than 10 %): a running toll only rises, so the two reports
    more likely tell two incidents ("12 killed" on day 1, "toll rises to 20" on day 2 is the
    same incident; "20 killed", then "5 killed" the next day, is rarely)."""
    if a.published is None or b.published is None or a.published == b.published:
        return 0.0
    early, late = (a.toll, b.toll) if a.published < b.published else (b.toll, a.toll)
    if early is None or late is None:
        return 0.0
    return float(late < (1 - TOLL_TOLERANCE) * early)


def _toll_agree(a: Mention, b: Mention, s: Settings) -> float:
    """Both reports give a death toll above two, within 10 % of each other, or the later
    report's is higher (a running toll across days)."""
    if a.toll is None or b.toll is None or min(a.toll, b.toll) <= TOLL_MIN:
        return 0.0
    if abs(a.toll - b.toll) <= TOLL_TOLERANCE * max(a.toll, b.toll):
        return 1.0
    if a.published is None or b.published is None or a.published == b.published:
        return 0.0
    early, late = (a.toll, b.toll) if a.published < b.published else (b.toll, a.toll)
    return float(late > early)


def _stated_apart(a: Mention, b: Mention, s: Settings) -> float:
    """Both reports state days for their news events (``Mention.report_days``) and every day one
    states is more than ``Settings.night_days`` from every day the other states: two reports whose
    stated days never meet tell other days' events, whatever their undated sentences share (on the
    tune pairs blocking compares, 1 same pair against 74 different: docs/benchmarks.md, issue 11,
    incidents55). A report feature (the same for every mention pair of two reports), in the fit's
    default features; a fit without it in ``--features`` weighs it 0."""
    if not a.report_days or not b.report_days:
        return 0.0
    return float(all(max(0, max(x[0], y[0]) - min(x[1], y[1])) > s.night_days
                     for x in a.report_days for y in b.report_days))


def _place_same(a: Mention, b: Mention, s: Settings) -> float:
    """One place at district level or finer; with ``blocking.UNRESOLVED_FINE`` an unresolved name
    (a fine place the gazetteer lacks) named alike by both counts as fine."""
    if place_relation(a, b, s) != "same" or a.place is None:
        return 0.0
    fine = blocking.UNRESOLVED_FINE and blocking.unresolved(a.place)
    return float(fine or (a.place.level or 0) >= 3)


def cross_lead(a: Mention, b: Mention, s: Settings) -> float:
    """How well one mention's sentence matches the other report's title and lead (the best
    of both ways): a report's second item, told days later, is often the other's headline."""
    return max(dice(a.text.words, b.context.words), dice(b.text.words, a.context.words))


def cross_lead_fine(a: Mention, b: Mention, s: Settings) -> float:
    """Fine place names one mention's sentence shares with the other report's title and lead."""
    return max(shared(a.text.fine, b.context.fine, 2), shared(b.text.fine, a.context.fine, 2))


#: mention features, in model order
MENTION_FEATURES: dict[str, Feature] = {
    "same_category": lambda a, b, s: float(a.event.category == b.event.category),
    "same_day": lambda a, b, s: float(day_gap(a, b, s) == 0),
    "stated_same_day": _stated_same_day,
    "day_unstated": _day_unstated,
    "later_unstated": _later_unstated,
    "other_day": _stated_other_day,
    "place_same": _place_same,
    "place_unknown": lambda a, b, s: float(place_relation(a, b, s) == "unknown"),
    "parties_shared": lambda a, b, s: float(bool(a.parties & b.parties)),
    "parties_differ": lambda a, b, s: differ(a.parties, b.parties),
    "means_same": lambda a, b, s: float(bool(a.means & b.means)),
    "means_differ": lambda a, b, s: differ(a.means, b.means),
    "text_words": lambda a, b, s: dice(a.text.words, b.text.words),
    "text_idf": lambda a, b, s: weighted_dice(a.text.words, b.text.words, s),
    "text_fine_shared": lambda a, b, s: shared(a.text.fine, b.text.fine, 2),
    "text_fine_differ": lambda a, b, s: differ(a.text.fine, b.text.fine),
    "text_numbers": lambda a, b, s: numbers(a.text, b.text),
    "figures_agree": lambda a, b, s: figures(a, b)[0],
    "figures_differ": lambda a, b, s: figures(a, b)[1],
    "cross_lead": cross_lead,
    "cross_lead_fine": cross_lead_fine,
}
#: report features (the same for every mention pair of two reports), in model order
REPORT_FEATURES: dict[str, Feature] = {
    "report_gap": _report_gap,
    "body": lambda a, b, s: cosine(a.body, b.body),
    "body_idf": lambda a, b, s: cosine(a.distinct, b.distinct),
    "lead_words": lambda a, b, s: dice(a.context.words, b.context.words),
    "lead_idf": lambda a, b, s: weighted_dice(a.context.words, b.context.words, s),
    "lead_fine_shared": lambda a, b, s: shared(a.context.fine, b.context.fine, 2),
    "lead_fine_differ": lambda a, b, s: differ(a.context.fine, b.context.fine),
    "lead_numbers": lambda a, b, s: numbers(a.context, b.context),
    "toll_falls": _toll_falls,
    "toll_agree": _toll_agree,
    #: every day one report states is more than a night from every day the other states
    #: (``_stated_apart``; incidents55: measured behind a switch, passed its bar, on)
    "stated_apart": _stated_apart,
}
#: stacked report features: name -> the mention feature whose largest value over the candidate
#: mention pairs of two reports it is (the same for every mention pair of the two reports)
STACKED_FEATURES: dict[str, str] = {
    #: some pair of their events (compatible by blocking) shares a number above one in its
    #: sentences: a toll, a count of aircraft, told by both reports of one incident
    "any_numbers": "text_numbers",
    #: some pair of their events gives victim figures of one kind within 10 % of each other
    "any_figures": "figures_agree",
}


def stacked_source(source: str) -> Feature:
    """The mention-pair function a stacked feature takes its largest value of (``STACKED_FEATURES``'
    value): a mention feature."""
    return MENTION_FEATURES[source]


FEATURES: tuple[str, ...] = (*MENTION_FEATURES, *REPORT_FEATURES, *STACKED_FEATURES)
#: the report model's features: the report features, then the stacked ones
REPORT_LEVEL: tuple[str, ...] = (*REPORT_FEATURES, *STACKED_FEATURES)


def pair_features(a: Mention, b: Mention, settings: Settings) -> list[float]:
    """The values of every feature in ``FEATURES`` for one candidate pair, its stacked features
    over this pair alone (``stack`` takes them over all candidate pairs of two reports)."""
    table = {**MENTION_FEATURES, **REPORT_FEATURES,
             **{name: stacked_source(source) for name, source in STACKED_FEATURES.items()}}
    return [table[name](a, b, settings) for name in FEATURES]


def stack(rows: Sequence[Sequence[float]]) -> list[list[float]]:
    """The feature rows (``pair_features``) of all candidate pairs of one report pair, each
    stacked feature set to its largest value over the rows."""
    out = [list(r) for r in rows]
    for name in STACKED_FEATURES:
        i = FEATURES.index(name)
        top = max((r[i] for r in out), default=0.0)
        for r in out:
            r[i] = top
    return out


@dataclass(slots=True)
class Scorer:
    """The two levels of ``settings.model`` for candidate pairs.

    ``report(a, b)``: P(the reports of ``a`` and ``b`` share an incident), from the report
    features (cached per report pair) and the stacked features of this one pair;
    ``reports(pairs)`` the same over all candidate pairs of one report pair (the stacked
    features at their largest); ``mention(a, b)``: how well the two mentions tell one event,
    from the mention features only; calling the scorer gives their product, the score of a
    link. Only features with a non-zero weight are computed.
    """

    settings: Settings
    _mention: list[tuple[float, Feature]] = field(default_factory=list)
    _report: list[tuple[float, Feature]] = field(default_factory=list)
    _stacked: list[tuple[float, Feature]] = field(default_factory=list)
    _cache: dict[tuple[str, str], float] = field(default_factory=dict)
    #: ``idf_mass`` of each mention's sentence words, by mention id (a mention meets many others)
    _masses: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        weights = self.settings.model.weights
        own: dict[str, Feature] = {"text_idf": self._text_idf}  # the same values, per-mention parts cached
        self._mention = [(weights[n], own.get(n, f)) for n, f in MENTION_FEATURES.items() if weights.get(n)]
        self._report = [(weights[n], f) for n, f in REPORT_FEATURES.items() if weights.get(n)]
        self._stacked = [(weights[n], stacked_source(source)) for n, source in STACKED_FEATURES.items()
                         if weights.get(n)]

    def _base(self, a: Mention, b: Mention) -> float:
        """The report model's score (log-odds) from the report features, cached per report pair."""
        key = (a.document, b.document) if a.document < b.document else (b.document, a.document)
        found = self._cache.get(key)
        if found is None:
            if key[0] != a.document:
                a, b = b, a  # one order, so that a report pair always scores the same
            found = self._cache[key] = self.settings.model.bias + sum(w * f(a, b, self.settings)
                                                                      for w, f in self._report)
        return found

    def _stack(self, pairs: Sequence[tuple[Mention, Mention]]) -> float:
        s = self.settings
        return sum(w * max(f(*_ordered(a, b), s) for a, b in pairs) for w, f in self._stacked)

    def report(self, a: Mention, b: Mention) -> float:
        return logistic(self._base(a, b) + self._stack([(a, b)]))

    def reports(self, pairs: Sequence[tuple[Mention, Mention]]) -> float:
        """P(share an incident) of one report pair from all its candidate mention pairs
        (``pairs``: not empty, each of one mention of either report)."""
        return logistic(self._base(*pairs[0]) + self._stack(pairs))

    def mention(self, a: Mention, b: Mention) -> float:
        a, b = _ordered(a, b)  # one order, so that a pair always scores the same
        s = self.settings
        return logistic(s.model.mention_bias + sum(w * f(a, b, s) for w, f in self._mention))

    def __call__(self, a: Mention, b: Mention) -> float:
        return self.report(a, b) * self.mention(a, b)

    def _mass(self, m: Mention) -> float:
        found = self._masses.get(m.id)
        if found is None:
            found = self._masses[m.id] = idf_mass(m.text.words, self.settings)
        return found

    def _text_idf(self, a: Mention, b: Mention, s: Settings) -> float:
        """``MENTION_FEATURES["text_idf"]`` with each sentence's ``idf_mass`` computed once."""
        if not a.text.words or not b.text.words:
            return 0.0
        return weighted_dice(a.text.words, b.text.words, s, (self._mass(a), self._mass(b)))


def _ordered(a: Mention, b: Mention) -> tuple[Mention, Mention]:
    """The pair in id order (features are computed in one order, so a pair always scores the same)."""
    return (b, a) if b.id < a.id else (a, b)
