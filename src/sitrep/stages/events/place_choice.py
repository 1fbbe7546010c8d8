"""A learned choice of an event's place among the places its document offers (issue 13, 2026-12-04 evening).

The rules (``anchoring.governed_place``, ``finer``, ``assemble.from_context``, ``place_context``)
give each event one place, or none. This module lays out the **options** the document gives the
same event and lets a linear model pick one of them:

* the rules' own choice (``rule``; it may be no place, an unresolved name or a place inherited
  from a neighbouring sentence);
* every toponym of the event's sentence that can be a place (``sent``), described by its
  dependency relation to the event (its dependency label, the preposition it is the object of,
  whether it is in the trigger's clause or phrase, its distance in tokens and side);
* the toponyms of the ``before`` sentences before it (``prev1``, ``prev2``, ...) and of the
  first sentence (the headline or lead, ``lead``) when it lies further back;
* the dateline's place (``dateline``) and the document's focus (``focus``, ``place_context``);
* **no place** (``none``).

Each option is a set of binary features (``PlaceOption.features``; conjunctions with the option's
source, the place's gazetteer level, whether it is the country of one of the event's actors —
a place that is the doer's home —, whether it is finer or coarser than the rules' choice in the
same country, how often the document names it, and whether the event is material or verbal). The
chooser scores each option by the sum of its features' weights and keeps the best; ties go to the
first option, the rules' choice. Every option is a toponym of the text with its own offsets (the
evidence) or no place: nothing is invented.

The weights ship in ``data/place_choice.json``, written by ``benchmarks/events_place_choice.py``:
a logistic regression over the options of the matched events of the FA-KES **tune** half (label:
the option is the coder's place), its regularisation chosen and its gain measured by
cross-validation grouped by article; the file says ``enabled: false`` (the rules' choice stands)
unless the out-of-fold gain meets the script's bar. The script runs after
``benchmarks/events_place_context.py``, which fits the rules' document-context parameters with the
chooser off: the rules' choice is this model's first option, so neither fit reads the other's output.
"""

from __future__ import annotations

import bisect
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .anchoring import Toponym, clause_head
from .lexicon import PLACE_OPTION_PREPS
from .territory import iso3

if TYPE_CHECKING:  # pragma: no cover
    from ...records import Place
    from .triggers import Trigger

PLACE_CHOICE_FILE = Path(__file__).with_name("data") / "place_choice.json"
#: token distances between a toponym and the trigger, as bucket upper bounds (beyond: ``far``)
DISTANCE_BUCKETS = (3, 8, 15)


@dataclass(frozen=True, slots=True)
class PlaceOption:
    """One place an event may take (``place``; None: no place) and the features that describe it."""

    place: Place | None
    features: frozenset[str]


@dataclass(frozen=True, slots=True)
class EventView:
    """What the options of one event are built from: its trigger and sentence, the rules'
    choice, the document's toponyms (in text order) and sentence boundaries, the dateline's
    place, the document's focus, its actors' countries (ISO alpha-3) and whether it is material."""

    trigger: Trigger
    sentence: int
    rule: Place | None
    toponyms: Sequence[Toponym]
    sentence_starts: Sequence[int]
    dateline: Place | None
    focus: Place | None
    actor_countries: frozenset[str]
    material: bool


@dataclass(slots=True)
class PlaceChooser:
    """A linear scorer over place options (module docstring); ``enabled`` False keeps the rules'
    choice. ``before``: how many sentences back toponyms are options."""

    weights: dict[str, float] = field(default_factory=dict)
    enabled: bool = False
    before: int = 2

    @classmethod
    def load(cls, path: Path | None = None) -> PlaceChooser:
        """The shipped chooser (``data/place_choice.json``); a disabled one when absent."""
        path = path or PLACE_CHOICE_FILE
        if not path.exists():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(weights={str(k): float(v) for k, v in data.get("weights", {}).items()},
                   enabled=bool(data.get("enabled", False)), before=int(data.get("before", 2)))

    def score(self, option: PlaceOption) -> float:
        return sum(self.weights.get(f, 0.0) for f in option.features)

    def choose(self, event_id: str, options: Sequence[PlaceOption]) -> Place | None:
        """The best-scoring option's place (the first, the rules' choice, on a tie). ``event_id``
        names the event (a recording subclass of the fitting script keys the options by it)."""
        del event_id
        best = max(range(len(options)), key=lambda i: (self.score(options[i]), -i))
        return options[best].place


def _key(place: Place) -> tuple[str, str | None]:
    return (place.name.lower(), place.country)


def _level(place: Place) -> str:
    return str(place.level) if place.level is not None else ("x" if place.lat is None else "?")


def _bucket(distance: int) -> str:
    return next((f"<={b}" for b in DISTANCE_BUCKETS if distance <= b), "far")


def relation_features(t: Toponym, trig: Trigger) -> set[str]:
    """How a toponym of the event's sentence relates to the trigger in the parse."""
    root = t.root
    feats = {f"dep={root.dep_}"}
    if root.dep_ == "pobj":
        prep = root.head.lower_
        feats.add(f"prep={prep if prep in PLACE_OPTION_PREPS else 'other'}")
    words = trig.heads
    if clause_head(root).i == clause_head(trig.anchor).i:
        feats.add("clause")
    node, steps = root, 0
    while node.head.i != node.i and steps < 6 and node.i not in words:
        node, steps = node.head, steps + 1
    if node.i in words:
        feats.add("under")
    distance = min(abs(root.i - w) for w in words)
    feats.add(f"dist{_bucket(distance)}")
    feats.add("after" if root.i > max(words) else "before")
    return feats


def _sentence_of(starts: Sequence[int], token: int) -> int:
    return max(0, bisect.bisect_right(starts, token) - 1)


@dataclass(frozen=True, slots=True)
class DocumentPlaces:
    """What the document says of its places as a whole: how often each is named, the country
    most of them lie in (the theatre), the finer-than-country place named most often."""

    counts: dict[tuple[str, str | None], int]
    theatre: str | None
    most_named_finer: tuple[str, str | None] | None

    @classmethod
    def of(cls, toponyms: Sequence[Toponym]) -> DocumentPlaces:
        counts = Counter(_key(t.place) for t in toponyms)
        finer = Counter({_key(t.place): counts[_key(t.place)] for t in toponyms
                         if t.place.level is not None and t.place.level > 1})
        return cls(dict(counts), leader(Counter(t.place.country for t in toponyms if t.place.country)),
                   leader(finer))


def _common(place: Place, view: EventView, doc: DocumentPlaces) -> set[str]:
    """Features of any place option: level, the doer's home, its relation to the rules' choice,
    the dateline and the focus, how often the document names it, the theatre."""
    feats = {f"lvl={_level(place)}", f"named={min(doc.counts.get(_key(place), 0), 3)}"}
    if place.level == 1 and place.country and iso3(place.country) in view.actor_countries:
        feats.add("actor_home")
    rule = view.rule
    if rule is not None and place.level is not None and rule.level is not None and place.country == rule.country:
        if place.level > rule.level:
            feats.add("finer_than_rule")
        elif place.level < rule.level:
            feats.add("coarser_than_rule")
    if view.dateline is not None and _key(place) == _key(view.dateline):
        feats.add("is_dateline")
    if view.focus is not None and _key(place) == _key(view.focus):
        feats.add("is_focus")
    if doc.theatre is not None:
        feats.add("theatre" if place.country == doc.theatre else "abroad")
    if doc.most_named_finer is not None and _key(place) == doc.most_named_finer:
        feats.add("most_named_finer")
    return feats


def leader(counts: Counter[Any]) -> Any:
    """The most frequent key (no empty key) when it leads alone, else None."""
    ranked = [(k, n) for k, n in counts.most_common(2) if k]
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def _with_source(source: str, feats: set[str], material: bool) -> frozenset[str]:
    kind = "mat" if material else "verbal"
    out = {source, f"{source}&{kind}"} | {f"{source}&{f}" for f in feats}
    return frozenset(out)


def place_options(view: EventView, before: int) -> list[PlaceOption]:
    """The options of one event (module docstring), the rules' choice first; options naming the
    same place (name and country) are one option with the features of each."""
    doc = DocumentPlaces.of(view.toponyms)
    found: dict[tuple[str, str | None], tuple[Place, set[str]]] = {}

    def add(place: Place, source: str, feats: set[str]) -> None:
        key = _key(place)
        keep, have = found.get(key, (place, set()))
        have |= _with_source(source, feats | _common(place, view, doc), view.material)
        found[key] = (keep, have)

    if view.rule is not None:
        add(view.rule, "rule", set())
    for t in view.toponyms:
        back = view.sentence - _sentence_of(view.sentence_starts, t.first)
        if back == 0:
            add(t.place, "sent", relation_features(t, view.trigger))
        elif 0 < back <= before:
            add(t.place, f"prev{back}", set())
        elif back > before and _sentence_of(view.sentence_starts, t.first) == 0:
            add(t.place, "lead", set())  # the headline or first line, told further back
    for place, source in ((view.dateline, "dateline"), (view.focus, "focus")):
        if place is not None:
            add(place, source, set())
    none = {"none", f"none&{'mat' if view.material else 'verbal'}", f"none&{view.trigger.kind}"}
    if view.rule is None:
        none.add("none&rule")
    if any(_sentence_of(view.sentence_starts, t.first) == view.sentence for t in view.toponyms):
        none.add("none&sent_has_place")
    options = [PlaceOption(place, frozenset(feats)) for place, feats in found.values()]
    nothing = PlaceOption(None, frozenset(none))
    return [nothing, *options] if view.rule is None else [*options, nothing]
