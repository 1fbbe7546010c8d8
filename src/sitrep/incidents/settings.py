"""The incident layer's settings: windows, distances, category families, fitted weights.

Every number the linker uses is a named field here or a named weight in
``data/linker.json`` (fitted by ``scripts/fit_incident_linker.py`` on the tuning half
of the hand-labelled pairs); the code holds none inline. ``load_settings()`` reads
the shipped files once per process.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True, slots=True)
class LinkModel:
    """Two logistic models over named pair features (the linker's two levels).

    - the *report model* over the report features (``features.REPORT_FEATURES``):
      P(two reports share an incident) = σ(bias + Σ wᵢ·xᵢ);
    - the *mention model* over the mention features (``features.MENTION_FEATURES``):
      how well two mentions of two such reports tell one event, σ(mention_bias + Σ wⱼ·xⱼ).

    ``threshold`` is the report probability above which two reports are linked;
    ``align_threshold`` the mention probability two of their mentions need to be aligned
    (one to one, best first); ``attach_threshold`` the report probability above which a
    background mention or a denial joins an incident; ``merge_threshold`` the average link
    two groups of mentions need to merge; ``best_threshold`` the mention probability the
    *best* mention pair of two linked reports needs to be aligned at all (0: always aligned;
    two reports that look alike but whose events do not match are not linked).
    ``rescue_report`` and ``rescue_mention``: two reports below ``threshold`` are still linked
    through their best mention pair alone when their report probability reaches
    ``rescue_report`` and that pair's mention probability reaches ``rescue_mention`` (a
    follow-up published days later, whose words differ but whose event matches the other's
    almost exactly); 1.0 and 1.0 turn this off.
    """

    weights: Mapping[str, float]
    bias: float
    threshold: float
    merge_threshold: float
    attach_threshold: float
    fitted_on: str = ""
    mention_bias: float = 0.0
    align_threshold: float = 0.5
    best_threshold: float = 0.0
    rescue_report: float = 1.0
    rescue_mention: float = 1.0
    #: how the fit chose the thresholds (``scripts/fit_incident_linker.py``'s incumbent rule: the
    #: cross-validation winner, or the shipped setting kept); informative only, the linker ignores it
    chosen_by: str = ""

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> LinkModel:
        weights = data.get("weights")
        if not isinstance(weights, Mapping):
            raise ValueError("linker model: 'weights' must be an object of feature -> weight")
        return cls(
            weights={str(k): float(v) for k, v in weights.items()},
            bias=float(data["bias"]),  # type: ignore[arg-type]  # validated by float()
            threshold=float(data["threshold"]),  # type: ignore[arg-type]
            merge_threshold=float(data["merge_threshold"]),  # type: ignore[arg-type]
            attach_threshold=float(data["attach_threshold"]),  # type: ignore[arg-type]
            fitted_on=str(data.get("fitted_on", "")),
            mention_bias=float(data.get("mention_bias", 0.0)),  # type: ignore[arg-type]
            align_threshold=float(data.get("align_threshold", 0.5)),  # type: ignore[arg-type]
            best_threshold=float(data.get("best_threshold", 0.0)),  # type: ignore[arg-type]
            rescue_report=float(data.get("rescue_report", 1.0)),  # type: ignore[arg-type]
            rescue_mention=float(data.get("rescue_mention", 1.0)),  # type: ignore[arg-type]
            chosen_by=str(data.get("chosen_by", "")),
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "weights": dict(self.weights), "bias": self.bias, "threshold": self.threshold,
            "merge_threshold": self.merge_threshold, "attach_threshold": self.attach_threshold,
            "mention_bias": self.mention_bias, "align_threshold": self.align_threshold,
            "best_threshold": self.best_threshold, "rescue_report": self.rescue_report,
            "rescue_mention": self.rescue_mention, "fitted_on": self.fitted_on,
            **({"chosen_by": self.chosen_by} if self.chosen_by else {}),
        }


@dataclass(frozen=True, slots=True)
class Settings:
    """How mentions are blocked, compared and grouped (see docs/incidents.md)."""

    model: LinkModel
    #: category -> family; mentions are compared only within one family
    families: Mapping[str, str] = field(default_factory=dict)
    #: words that say nothing about which incident a sentence reports
    stop_words: frozenset[str] = frozenset()
    #: name keys of every country: where a war is, never which of its incidents
    countries: frozenset[str] = frozenset()
    #: party -> the side of a war it fights on (``data/sides.yaml``): co-belligerents' blame is compatible
    sides: Mapping[str, str] = field(default_factory=dict)
    #: word sequences (normalised) -> the PLOVER ASSAULT mode they name (``data/means.yaml``)
    means: Mapping[tuple[str, ...], str] = field(default_factory=dict)
    #: two mentions whose possible days are further apart than this never link
    window_days: int = 2
    #: two days the reports state further apart than this are two incidents (a night spans two dates)
    night_days: int = 1
    #: an undated mention happened on its report's publication day or up to this many days before
    report_lag_days: int = 1
    #: a mention dated more than this many days before its report's publication is background
    background_days: int = 2
    #: a stated week or month wider than this many days says too little to block on
    max_span_days: int = 7
    #: two places at town level or finer further apart than this contradict each other
    max_distance_km: float = 40.0
    #: characters of a document's beginning read as its lead (with its title)
    lead_chars: int = 600
    #: event sentences at a report's start that tell its news (never background)
    lead_sentences: int = 1
    #: a rejection ("Moscow denied any role") denies an incident told at most this many event sentences away
    denial_sentences: int = 1
    #: two documents whose 5-word shingles overlap at least this much are copies of one text
    copy_jaccard: float = 0.5
    #: publication days two copies of one wire text can be apart
    copy_days: int = 3
    #: copies among an incident's reports by shingle containment (the share of the smaller report's shingles
    #: the other holds, at least ``copy_containment``, over two or more of its sentences) whatever their
    #: publication days, beside Jaccard within ``copy_days`` (docs/incidents.md; branch indep1)
    copy_by_containment: bool = True
    #: with ``copy_by_containment``: the containment from which two reports are copies of one text
    #: (0.46: the midpoint between copies and independent reports on a study part of the records gold's tune half)
    copy_containment: float = 0.46
    #: word -> inverse document frequency (``data/idf.json``, written by
    #: ``scripts/fit_incident_linker.py``): how much sharing the word says about two reports
    #: telling one incident ("sarin", a village's name) rather than one war ("killed", "regime").
    #: A fixed table, so a report's weighted words never change when others are added.
    idf: Mapping[str, float] = field(default_factory=dict)
    #: the weight of a word the table does not hold (seen in fewer than its ``min_df`` reports)
    idf_unseen: float = 1.0
    #: the incident's actors, recipients and casualty figures by agreement among its reports
    #: (``rollup``); False: the union over its member events (docs/incidents.md, "The record")
    rollup_agreement: bool = True
    #: the incident's place: the finest place consistent with every other place its reports name,
    #: at least as fine as the one two reports name (``place_rollup``); False: the finest place named
    #: by at least two reports (docs/incidents.md, "The roll-up")
    place_agreement: bool = True
    #: an incident place without a point names the agreed place it lies in (``IncidentPlace.within``:
    #: the anchor, when it has a point), which maps and the ACLED export place it at (within1)
    place_within: bool = True
    #: a record whose mentions name no place takes the place its reports' other news mentions of the
    #: same event family and day name (``place_rollup.report_place``; place1: passed its bar on tune,
    #: but on fresh lines its fill-ins were wrong more often than right, so the lead ships it off; on
    #: with ``SITREP_INCIDENT_PLACE=from_report``)
    place_from_report: bool = False
    #: a country (PLOVER level 1) is no incident's place: the record's place is chosen among its
    #: mentions' places below country level, null when they name only countries
    #: (``place_rollup.below_country``; placerec1; off with ``SITREP_INCIDENT_BELOW_COUNTRY=off``)
    place_below_country: bool = True
    #: a report whose headline killed toll (the casualties stage's main killed figure) the incident
    #: holds gives that toll as its version: its smaller killed figures in the incident that it
    #: gives in its own voice or by the headline's source are parts or other stories
    #: (``rollup.headline_versions``; docs/incidents.md, "The roll-up"); False: every figure read
    rollup_headline: bool = True
    #: an incident that tells a battle both sides fight (decisions §6b rule 1, incident-guide §3) has
    #: every armed side as an actor and only non-combatants as recipients, read from its events' own
    #: coding of the fight (``rollup.battle_parties``; docs/incidents.md, "The roll-up"); False: the
    #: recipients as the roll-up gives them (branch battle1: on, its bar passed)
    rollup_battles: bool = True
    #: in a violent incident that tells no battle, a recipient that is an actor or of an actor's own
    #: party (a state's government, forces and officials are the state: ``mentions.parties``) is no
    #: recipient: a party is never the recipient of its own attack (``rollup.own_side``;
    #: docs/incidents.md, "The roll-up"); False: the recipients as the roll-up gives them (branch
    #: selfrec1: on, its bar passed on tune)
    rollup_own_side: bool = True
    #: a source's killed toll given in groups ("12 civilians and 9 fighters", "20 civilians ... two
    #: more civilians") is read as the sum of its groups, not as its largest group
    #: (``rollup.group_sums``; docs/incidents.md, "The roll-up"; branch killrec1: its bar passed on
    #: tune, shipped on by the lead). On by default; off with ``SITREP_INCIDENT_KILLED=off``
    rollup_group_sums: bool = True
    #: with ``rollup_battles``: a fight is also read from what the events stage stored of its events'
    #: own clauses (``Event.fight_told``, ``Event.fight_sides``; ``stages.events.fight_frame``): a trigger
    #: that is a fight word by its lemma ("clashed", "battling"), or a fight word whose frame ("clashes
    #: between A and B", "killed in clashes with B", "repelled an attack by B") names an armed side the
    #: actors stage resolved there; those sides are actors of the battle (``rollup.framed_sides``; not a
    #: side that is already the mention's own actor or recipient; docs/incidents.md, "The roll-up").
    #: False: the events' own coding only. On by default (branch battle3: its bar passed on tune); off
    #: with ``SITREP_INCIDENT_FIGHTS=off``
    rollup_fight_frames: bool = True
    #: in a violent incident, an actor that is an umbrella term of the insurgency ("terrorists",
    #: "rebels": ``SYR_REB``, ``REB``) yields to the named armed groups its reports name as doers of
    #: violence in a sentence at its place or at none (a later sentence in which the Nusra Front says it set
    #: off the bomb; ``rollup.named_doers``; docs/incidents.md, "The roll-up"; branch actorrec1). Set by
    #: ``SITREP_INCIDENT_DOERS`` (``named_doers_switch``: ``on``/``off``, unset: ``NAMED_DOERS_DEFAULT``)
    rollup_named_doers: bool = True

    def family(self, category: str) -> str:
        return self.families.get(category, category)

    def side(self, party: str) -> str:
        return self.sides.get(party, party)

    def weight(self, word: str) -> float:
        """The word's IDF weight (1 for every word when no table is loaded)."""
        return self.idf.get(word, self.idf_unseen)


def _families() -> dict[str, str]:
    raw = yaml.safe_load((DATA / "families.yaml").read_text(encoding="utf-8")) or {}
    return {cat: fam for fam, cats in raw.items() for cat in cats}


def _sides() -> dict[str, str]:
    raw = yaml.safe_load((DATA / "sides.yaml").read_text(encoding="utf-8")) or {}
    return {party: side for side, parties in raw.items() for party in parties}


def _means() -> dict[tuple[str, ...], str]:
    from .mentions import normal

    raw = yaml.safe_load((DATA / "means.yaml").read_text(encoding="utf-8")) or {}
    return {tuple(normal(w) for w in phrase.split()): mode for mode, phrases in raw.items() for phrase in phrases}


def _countries() -> frozenset[str]:
    import pycountry

    from .mentions import normal
    from .names import skeleton

    keys = set()
    for country in pycountry.countries:
        for name in {country.name, getattr(country, "common_name", country.name)}:
            first = name.split(",")[0].split()[0]
            key = skeleton(normal(first))
            if key is not None and len(name.split()) == 1:
                keys.add(key)
    return frozenset(keys)


def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@dataclass(frozen=True, slots=True)
class IdfTable:
    """Document frequencies of words in a reference set of reports (``data/idf.json``).

    ``weights()`` gives the smoothed IDF ln((n + 1) / (df + 1)) + 1 of every listed word and
    the weight of an unlisted one (df taken as ``min_df`` - 1: rarer than any listed word).
    """

    documents: int
    min_df: int
    df: Mapping[str, int]
    source: str = ""

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> IdfTable:
        df = data.get("df")
        if not isinstance(df, Mapping):
            raise ValueError("idf table: 'df' must be an object of word -> document count")
        return cls(int(data["documents"]), int(data["min_df"]),  # type: ignore[call-overload]  # validated by int()
                   {str(k): int(v) for k, v in df.items()}, str(data.get("source", "")))

    def to_dict(self) -> dict[str, object]:
        return {"documents": self.documents, "min_df": self.min_df, "source": self.source,
                "df": dict(sorted(self.df.items()))}

    def idf(self, df: int) -> float:
        return math.log((self.documents + 1) / (df + 1)) + 1.0

    def weights(self) -> tuple[dict[str, float], float]:
        return {w: self.idf(n) for w, n in self.df.items()}, self.idf(max(self.min_df - 1, 0))


def load_idf(path: Path | None = None) -> IdfTable | None:
    """The shipped IDF table; None when there is none (every word then weighs 1)."""
    path = path or DATA / "idf.json"
    if not path.exists():
        return None
    return IdfTable.from_dict(json.loads(path.read_text(encoding="utf-8")))


def with_idf(settings: Settings, table: IdfTable | None) -> Settings:
    """``settings`` weighing words by ``table`` (unweighted when None)."""
    if table is None:
        return dataclasses.replace(settings, idf={}, idf_unseen=1.0)
    weights, unseen = table.weights()
    return dataclasses.replace(settings, idf=weights, idf_unseen=unseen)


def load_model(path: Path | None = None) -> LinkModel:
    path = path or DATA / "linker.json"
    return LinkModel.from_dict(json.loads(path.read_text(encoding="utf-8")))


def env_switch(variable: str, default: bool, on: str = "on") -> bool:
    """A linker switch read from the environment: ``on`` (the switch's own word) turns it on, ``off``
    turns it off, anything else (unset included) leaves ``default``."""
    value = os.environ.get(variable, "").strip()
    return True if value == on else False if value == "off" else default


#: the environment variable whose value ``from_report`` turns ``Settings.place_from_report`` on
#: (place1; ``off`` or unset: off)
PLACE_SWITCH_VARIABLE = "SITREP_INCIDENT_PLACE"
#: the environment variable whose value ``off`` turns ``Settings.rollup_fight_frames`` off (branch
#: battle3; unset or ``frames``: on, the default)
FIGHT_SWITCH_VARIABLE = "SITREP_INCIDENT_FIGHTS"
#: the environment variable whose value ``off`` turns ``Settings.place_below_country`` off (placerec1)
BELOW_COUNTRY_SWITCH_VARIABLE = "SITREP_INCIDENT_BELOW_COUNTRY"
#: the environment variable whose value ``off`` turns ``Settings.rollup_group_sums`` off
#: (killrec1; unset or ``group_sums``: on, the default)
KILLED_SWITCH_VARIABLE = "SITREP_INCIDENT_KILLED"
#: the environment variable that sets ``Settings.rollup_named_doers`` (branch actorrec1): ``on`` turns it
#: on, ``off`` off; unset: ``NAMED_DOERS_DEFAULT``
DOERS_SWITCH_VARIABLE = "SITREP_INCIDENT_DOERS"
#: whether ``Settings.rollup_named_doers`` is on when ``DOERS_SWITCH_VARIABLE`` is unset
NAMED_DOERS_DEFAULT = True


def fight_frames_switch() -> bool:
    """``Settings.rollup_fight_frames``: on unless ``FIGHT_SWITCH_VARIABLE`` says ``off``."""
    return env_switch(FIGHT_SWITCH_VARIABLE, True, on="frames")


def place_from_report_switch() -> bool:
    """``Settings.place_from_report``: on only when ``PLACE_SWITCH_VARIABLE`` says ``from_report``."""
    return env_switch(PLACE_SWITCH_VARIABLE, False, on="from_report")


def below_country_switch() -> bool:
    """``Settings.place_below_country``: on unless ``BELOW_COUNTRY_SWITCH_VARIABLE`` says ``off``."""
    return env_switch(BELOW_COUNTRY_SWITCH_VARIABLE, True)


def group_sums_switch() -> bool:
    """``Settings.rollup_group_sums``: on unless ``KILLED_SWITCH_VARIABLE`` says ``off``."""
    return env_switch(KILLED_SWITCH_VARIABLE, True, on="group_sums")


def named_doers_switch() -> bool:
    """``Settings.rollup_named_doers``: as ``DOERS_SWITCH_VARIABLE`` says, else ``NAMED_DOERS_DEFAULT``."""
    return env_switch(DOERS_SWITCH_VARIABLE, NAMED_DOERS_DEFAULT)


@functools.lru_cache(maxsize=1)
def load_settings() -> Settings:
    """The shipped settings (families, stop words, fitted model), read once per process."""
    return with_idf(Settings(model=load_model(), families=_families(), stop_words=_stop_words(), means=_means(),
                             countries=_countries(), sides=_sides(), place_from_report=place_from_report_switch(),
                             rollup_group_sums=group_sums_switch(), rollup_fight_frames=fight_frames_switch(),
                             place_below_country=below_country_switch(),
                             rollup_named_doers=named_doers_switch()),
                    load_idf())
