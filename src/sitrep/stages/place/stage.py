"""Stage ``place``: toponyms found in the text, resolved to gazetteer entries.

Spans come from:

- the parse stage's named entities labelled GPE, LOC or FAC (a facility name the
  gazetteer lacks resolves to the town of its own phrase, "the X hospital in Aleppo",
  else to the document's main city, at that town's level: ``Resolver.container``);
- a spaCy ``PhraseMatcher`` over gazetteer names NER often misses: curated
  regions and spelling variants, country names and short forms, large
  first-level divisions, towns of 150,000+, and the divisions and towns of the
  main conflict countries. A match may replace a NER span of another label when
  it covers it exactly ("Deir-iz-Zor" tagged PERSON), never a part of one;
- a known proper name right after a locative preposition ("in Owerri");
- an all-capitals dateline at the start of a line ("PLEASANTON, Calif. -") and
  the state or country qualifying a place after a comma ("Charleston, W.Va.");
- any capitalised proper-noun n-gram (up to ``GAZETTEER_NGRAM`` tokens) the gazetteer
  knows, whatever its size and whatever NER made of it ("Gainesville" tagged PERSON,
  "Mansfield" in "Mansfield Police Department", the counties of "Clay, Douglas, Grant ...
  counties"). These spans are many and mostly not places (surnames, words): only the
  toponym model keeps one, and it judges them before resolution, so the rejected ones
  do not enter the document's context.

A speaker label's tokens are never a span: capitals before a colon opening a line or a
sentence ("KERRY: We will ...", "JORDAN: ...", "Q: ...") in a transcript — a text with at
least two different such openers, a "Q:" opener or a label with a note in lower case
("LAVROV (through interpreter):"); ``ingest.plaintext.speaker_labels``. The parse tags OBAMA
and JORDAN alike, and a single opener cannot be told from a colon dateline ("BEIRUT: ..."),
so a lone "OBAMA: ..." stays as main reads it (the known limit).

The longer of two overlapping spans wins. A span that the actors stage resolved
as a metonym (a ``Mention`` with method ``"metonym"``: "Damascus was ready to
halt its attacks") names a government, not a place, and is left out; so is a span
overlapping a mention of a news agency or casualty monitor (an actor of kind ``media``
or ``monitor``: "SANA" is not Sanaa), and a span inside (or equal to) the name of an
organisation the actors stage resolved ("the Islamic State in Iraq and the Levant": a
full organisation name containing a place is not that place; "US forces" is no name). Every
other span is kept only when the toponym model of ``toponym.py`` finds it a
place (not a person, an organisation, a news agency, a common word or page
junk), and its resolution only when the acceptance model is confident enough
(a same-named village abroad with no evidence is not a guess worth making).
Spans the gazetteer cannot resolve are left out: unknown places are not guessed.
Demonyms ("Syrian") are not place mentions here.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ...ingest.plaintext import speaker_labels
from ...records import Analysis, Place
from ...versioning import stage_version
from .gazetteer import Entry, Gazetteer
from .lexicon import ARTICLES, FACILITY_WORDS
from .normalize import fold
from .ranking import PlaceModel, load_model
from .resolver import GENERIC_KEYS, Resolution, Resolver, Span
from .toponym import (
    SpanContext,
    lower_words,
    person_parts,
    toponym_features,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

    from ...resources import Resources

log = logging.getLogger(__name__)
#: the document's confident places: (folded name, entry) (``PlaceStage.document_anchors``)
Anchors = Sequence[tuple[str, Entry]]
PACKAGE = "sitrep.stages.place"

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: spans whose name counts as support for the same name elsewhere in the document (``doc_support``)
SUPPORT_SOURCES = frozenset({"pattern", "dateline", "qualifier"})
SUPPORT_LABELS = frozenset({"GPE", "LOC"})
#: actors that report, never places: a span naming one ("SANA", "the Syrian Observatory") is left out
SOURCE_KINDS = frozenset({"media", "monitor"})
#: NER labels of spans that are never places, even after "in"
NOT_PLACE_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
#: prepositions after which a known proper name is read as a place
LOCATIVES = frozenset({"in", "at", "near", "outside", "inside", "from", "to", "into", "across", "around"})
#: the columns ``_gazetteer_ngrams`` reads (``Doc.to_array``): coarse part of speech, offset, length
_NGRAM_COLUMNS: list[int | str] = ["POS", "IDX", "LENGTH"]
#: countries whose divisions and towns (population >= PATTERN_MIN_POPULATION) are matched as patterns
CONFLICT_COUNTRIES = frozenset({"SY", "IQ", "YE", "LY", "UA", "PS", "LB", "AF", "IL", "JO", "TR"})
PATTERN_MIN_POPULATION = 20000
#: longest proper-noun n-gram looked up in the gazetteer as a candidate span (source "gazetteer")
GAZETTEER_NGRAM = 3
#: towns anywhere this populous are matched as patterns too
WORLD_CITY_POPULATION = 150_000
#: an all-capitals place at the start of a line, before a comma or dash: a dateline ("TORONTO —")
_DATELINE = re.compile(r"(?m)^[ \t]*([A-Z][A-Z.'\- ]{2,40}?)(?=[ \t]*(?:,|\(|—|–|-|:))")


def _outside(spans: list[tuple[int, int, bool]], labels: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """The spans that overlap none of ``labels`` (speaker labels: ``ingest.plaintext.speaker_label``)."""
    return [f for f in spans if not any(s < f[1] and f[0] < e for s, e in labels)]


def pattern_names(gaz: Gazetteer) -> set[str]:
    """The names matched as patterns (beside NER): see the module docstring."""
    import yaml

    from .gazetteer import DATA

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    curated = yaml.load((DATA / "curated.yaml").read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
    names: set[str] = set()
    for variant in curated.get("variants") or []:
        names.update(variant["aliases"])
    for place in curated.get("places") or []:
        names.add(place["name"])
        names.update(place.get("aliases", []))
    for aliases in (curated.get("country_aliases") or {}).values():
        names.update(aliases)
    names.update(e.name for e in gaz.entries_at_least(PATTERN_MIN_POPULATION) if _pattern_worthy(e))
    # short forms (EU, UK, UAE, DRC) only as written: all capitals
    return {n for n in names if n[:1].isupper() and (len(n) > 3 or n.replace(".", "").isupper())}


def _pattern_worthy(entry: Entry) -> bool:
    if entry.kind in ("country", "continent"):
        return True
    if entry.kind == "admin1":
        return entry.population >= 1_000_000 or entry.country in CONFLICT_COUNTRIES
    if entry.kind == "city":
        if entry.country in CONFLICT_COUNTRIES:
            return entry.population >= PATTERN_MIN_POPULATION
        return entry.population >= WORLD_CITY_POPULATION
    return False


class PlaceStage:
    name = "place"
    reads = ("document", "doc", "entities", "mentions", "actors")
    writes = ("places",)

    def __init__(self, nlp: Language | None = None, *, gazetteer: Gazetteer | None = None,
                 resources: Resources | None = None, model: PlaceModel | None = None) -> None:
        """``resources`` gives the spaCy pipeline and the gazetteer (``build_pipeline`` passes
        them); without it, ``nlp`` and ``gazetteer`` (default: the shipped one)."""
        from spacy.matcher import PhraseMatcher

        if resources is None:
            from ...resources import Resources

            resources = Resources(nlp=nlp, gazetteer=gazetteer)
        elif gazetteer is not None:
            from ...errors import PipelineError

            raise PipelineError("Give the place stage a gazetteer through its resources or as "
                                "`gazetteer`, not both.")
        nlp = resources.nlp
        self.resources = resources
        self.gaz = resources.gazetteer
        self.model = model or load_model()
        self.resolver = Resolver(self.gaz, demonyms=False, model=self.model)
        from spacy.strings import hash_string  # type: ignore[attr-defined]  # a Cython function, no stub
        from spacy.symbols import PROPN  # type: ignore[import-not-found]  # a Cython module, no stub

        #: ``LOCATIVES`` as hashes of the ``LOWER`` column, and the ``POS`` value of a proper noun
        self._locative_hashes = frozenset(hash_string(w) for w in LOCATIVES)
        self._propn: int = PROPN
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        names = sorted(pattern_names(self.gaz))
        self._short = {n for n in names if len(n.replace(".", "")) <= 3}
        self.matcher.add("PLACE", [nlp.make_doc(name) for name in names])
        self._stop = nlp.Defaults.stop_words

    @classmethod
    def from_resources(cls, resources: Resources, **options: Any) -> PlaceStage:
        return cls(resources=resources, **options)

    @functools.cached_property
    def version(self) -> str:
        """Code and curated tables of the package, the gazetteer's sources (or content)."""
        return stage_version(PACKAGE, self.resources.fingerprint("gazetteer"))

    def __call__(self, analysis: Analysis) -> Analysis:
        found = self.find_spans(analysis)
        first, anchors = self.document_anchors(analysis, found)
        spans = self.plausible(analysis, found, anchors)
        # the first pass resolved every span but the n-grams: it is the resolution when none is kept
        resolutions = first if len(spans) == len(first) else self.resolver.resolve(
            analysis.text, spans, dateline=analysis.document.dateline)
        keep = self.toponym_probabilities(analysis, resolutions, anchors)
        threshold = self.model.accept.threshold
        places = [
            self.to_place(analysis, r.span, r.entry) for r, p in zip(resolutions, keep, strict=True)
            if r.entry is not None and (r.contained or r.confidence >= threshold) and p >= self._threshold(r.span)
        ]
        fallback = sum(1 for r in resolutions if r.contained)
        if fallback:
            log.debug("%s: %d facility spans not in the gazetteer placed at the document's main city",
                      analysis.document.id, fallback)
        if len(places) < len(spans):
            log.debug("%s: %d of %d toponym spans left out (not in the gazetteer, or too weak)",
                      analysis.document.id, len(spans) - len(places), len(spans))
        return dataclasses.replace(analysis, places=places)

    def document_anchors(self, analysis: Analysis, spans: list[Span]) -> tuple[list[Resolution], Anchors]:
        """The first pass: the resolutions of ``spans`` without the gazetteer n-grams, and the
        document's confident places among them (``toponym.document_features``): spans NER tagged
        GPE or LOC or a pattern, dateline or qualifier found, resolved in the gazetteer (not standing
        for a container) with a confidence the acceptance model accepts."""
        first = self.resolver.resolve(analysis.text, [s for s in spans if s.source != "gazetteer"],
                                      dateline=analysis.document.dateline)
        threshold = self.model.accept.threshold
        anchors = [(fold(r.span.text), r.entry) for r in first
                   if r.entry is not None and not r.contained and _supports(r.span) and r.confidence >= threshold]
        return first, anchors

    def plausible(self, analysis: Analysis, spans: list[Span], anchors: Anchors = ()) -> list[Span]:
        """``spans`` without the gazetteer n-grams the toponym model rejects (judged before
        resolution, a surname must not become context; ``anchors``: ``document_anchors``)."""
        model = self.model.toponym_for("gazetteer")
        if not any(s.source == "gazetteer" for s in spans):
            return spans
        if model is None:  # a model fitted before n-gram spans existed: none of them is kept
            return [s for s in spans if s.source != "gazetteer"]
        weak = [i for i, s in enumerate(spans) if s.source == "gazetteer"]
        feats = self.toponym_features(analysis, [Resolution(s, None) for s in spans], only=weak, anchors=anchors)
        drop = {i for i, x in zip(weak, feats, strict=True) if model.probability(x) < model.threshold}
        return [s for i, s in enumerate(spans) if i not in drop]

    def _threshold(self, span: Span) -> float:
        model = self.model.toponym_for(span.source)
        if model is not None:
            return model.threshold
        return 2.0 if span.source == "gazetteer" and self.model.toponym is not None else 0.0

    def toponym_features(self, analysis: Analysis, resolutions: list[Resolution],
                         only: list[int] | None = None, anchors: Anchors = ()) -> list[list[float]]:
        """``toponym.TOPONYM_FEATURES`` of each resolved span (the toponym model's input); with
        ``only``, of those positions alone (the others still count for ``doc_support``); ``anchors``:
        the document's confident places (``document_anchors``)."""
        text = analysis.text
        words = lower_words(text)
        starts = {s.start for s in analysis.sentences} if analysis.sentences else set()
        actors = {a.id: a for a in analysis.actors}
        support = Counter(fold(r.span.text) for r in resolutions if _supports(r.span))
        people = person_parts(analysis.entities, text)
        out = []
        for r in (resolutions if only is None else [resolutions[i] for i in only]):
            span = r.span
            ctx = SpanContext(span.start, span.end, span.text, span.source, span.ner_label)
            # a span standing for its container (an unknown facility) has no candidates of its own; a
            # feature named like a far town ("Washington Square") is judged by the town its name reaches
            own = r.own if r.contained else r.entry
            cands = [] if r.contained and own is None else (
                self.resolver.candidates(span.text) or ([own] if own is not None else []))
            fuzzy_only = own is not None and not self.gaz.lookup(span.text)
            key = fold(span.text)
            others = support[key] - _supports(span)
            named = sum(1 for s, e, parts in people if key in parts and not (s < span.end and span.start < e))
            out.append(toponym_features(ctx, text, analysis.entities, analysis.mentions, actors,
                                        cands, fuzzy_only, words, starts, others, named, anchors))
        return out

    def toponym_probabilities(self, analysis: Analysis, resolutions: list[Resolution],
                              anchors: Anchors = ()) -> list[float]:
        if self.model.toponym is None:
            return [1.0] * len(resolutions)
        feats = self.toponym_features(analysis, list(resolutions), anchors=anchors)
        out = []
        for r, x in zip(resolutions, feats, strict=True):
            model = self.model.toponym_for(r.span.source)
            out.append(model.probability(x) if r.entry is not None and model is not None else 0.0)
        return out

    # ---------------------------------------------------------------- spans
    def find_spans(self, analysis: Analysis, *, keep_rejected: bool = False) -> list[Span]:
        """Toponym spans: NER places plus pattern matches, metonyms removed, no overlaps.

        ``keep_rejected`` keeps the spans the rules below drop (a news source's or metonym's
        mention, a span inside an organisation's name, a generic word): for training the toponym
        model on every span its hand labels cover (``scripts/train_toponym.py``), never in a run.
        """
        text = analysis.text
        found: list[tuple[int, int, bool]] = []  # start, end, is a facility
        source: dict[tuple[int, int], tuple[str, str | None]] = {}
        others: list[tuple[int, int]] = []
        not_places: list[tuple[int, int]] = []
        for ent in analysis.entities:
            if ent.label in PLACE_LABELS:
                start, end = _trim(text, ent.start, ent.end)
                if fold(text[start:end + 1]) in self.gaz.us_abbreviations and text[end:end + 1] == ".":
                    end += 1  # "Kan." keeps its dot: it is how the abbreviation is known
                name = text[start:end]
                if end > start and _capitalised(name) and (_plain_name(name) or name in self._short
                                    or ("." in name and fold(name) in self.gaz.us_abbreviations)):
                    found.append((start, end, ent.label == "FAC"))
                    source[(start, end)] = ("ner", ent.label)
            else:
                others.append(_trim(text, ent.start, ent.end))
                if ent.label in NOT_PLACE_LABELS:
                    not_places.append((ent.start, ent.end))
        # a speaker label's tokens are never a toponym (in a transcript: "KERRY: ...", "Q: ...")
        labels = speaker_labels(text)
        found = _outside(found, labels)

        def add(kind: str, spans: list[tuple[int, int, bool]]) -> None:
            spans = _outside(spans, labels)
            for s in spans:
                source.setdefault((s[0], s[1]), (kind, None))
            found.extend(spans)

        if analysis.doc is not None:
            add("pattern", self._matches(analysis.doc, others, text))
            add("locative", self._locatives(analysis.doc, others, not_places, text))
        add("dateline", self._datelines(text))
        add("qualifier", self._qualifiers(text, found))
        if analysis.doc is not None:
            add("gazetteer", self._gazetteer_ngrams(analysis.doc, not_places, text))
        sources = {a.id for a in analysis.actors if a.kind in SOURCE_KINDS}
        metonyms = [(m.start, m.end) for m in analysis.mentions if m.method == "metonym" or m.actor in sources]
        names = organisation_names(analysis)
        chosen: list[tuple[int, int, bool]] = []
        for start, end, facility in sorted(found, key=lambda f: (-(f[1] - f[0]), f[0])):
            if any(s < end and start < e for s, e, _ in chosen):
                continue
            if not keep_rejected and self._rejected(text, start, end, metonyms, names):
                continue
            chosen.append((start, end, facility))
        return [Span(s, e, text[s:e], facility, *source.get((s, e), ("ner", None))) for s, e, facility in sorted(chosen)]

    @staticmethod
    def _rejected(text: str, start: int, end: int, metonyms: list[tuple[int, int]],
                  names: list[tuple[int, int]]) -> bool:
        """A span that is no place mention: a news source's or a metonym's mention, a span inside an
        organisation's name ("... in Iraq and the Levant"), a generic word ("the West", "Central")."""
        return (any(s < end and start < e for s, e in metonyms)
                or any(s <= start and end <= e for s, e in names) or _generic_word(text[start:end]))

    def _datelines(self, text: str) -> list[tuple[int, int, bool]]:
        """Capitalised datelines NER misses ("PLEASANTON, Calif. —")."""
        out = []
        for m in _DATELINE.finditer(text):
            name = m.group(1).strip()
            if len(name) > 3 and self.gaz.lookup(name.title()):
                out.append((m.start(1), m.start(1) + len(name), False))
        return out

    def _qualifiers(self, text: str, found: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
        """The state or country after a comma that qualifies a place ("Charleston, W.Va."): a toponym too."""
        out = []
        for _, end, _ in found:
            hit = self.resolver.qualifier_span(text, end)
            if hit is not None:
                out.append((hit[0], hit[1], False))
        return out

    def _locatives(self, doc: Doc, others: list[tuple[int, int]],
                   not_places: list[tuple[int, int]], text: str) -> list[tuple[int, int, bool]]:
        """Proper names right after a locative preposition ("in Boise", "near Owerri") that the
        gazetteer knows, whatever label NER gave them (or none)."""
        out = []  # ``text``: the analysis's (``doc.text`` is built from every token on each access)
        # the positions of the locative words, read off one column (no spaCy token made for the others)
        at = [i for i, h in enumerate(doc.to_array("LOWER").tolist()) if h in self._locative_hashes] if len(doc) else []
        for k in at:
            if k + 1 >= len(doc):
                continue
            i = k + 1
            if doc[i].lower_ == "the":
                i += 1
            j = i
            while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
                j += 1
            if j == i or j - i > 4:
                continue
            start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1])
            name = text[start:end]
            if not _plain_name(name) or (name.isupper() and len(name) <= 4 and name not in self._short):
                continue  # "in HTS", "at UN": acronyms are organisations far more often than places
            if any(s <= start and end <= e and (s, e) != (start, end) for s, e in others):
                continue  # part of a longer name ("in the Cork City Council")
            if any(s < end and start < e for s, e in not_places):
                continue  # "in August", "in 2016": a date or a number
            if self.gaz.lookup(text[start:end]):
                out.append((start, end, False))
        return out

    def _gazetteer_ngrams(self, doc: Doc, not_places: list[tuple[int, int]],
                          text: str) -> list[tuple[int, int, bool]]:
        """Capitalised proper-noun n-grams the gazetteer knows (longest first within a run of proper
        nouns), inside other entities too: candidates for the toponym model only."""
        out: list[tuple[int, int, bool]] = []
        run: list[tuple[int, int]] = []  # the start and end of each proper noun of the current run
        # the tokens' part of speech, offset and length read off columns (no spaCy token made)
        rows: list[list[int]] = doc.to_array(_NGRAM_COLUMNS).tolist() if len(doc) else []
        for pos, idx, length in [*rows, [-1, 0, 0]]:
            if pos == self._propn and length and text[idx].isupper():
                run.append((idx, idx + length))
                continue
            i = 0
            while i < len(run):
                for n in range(min(GAZETTEER_NGRAM, len(run) - i), 0, -1):
                    start, end = run[i][0], run[i + n - 1][1]
                    name = text[start:end]
                    if self._ngram_candidate(name, start, end, not_places):
                        out.append((start, end, False))
                        i += n
                        break
                else:
                    i += 1
            run = []
        return out

    def _ngram_candidate(self, name: str, start: int, end: int, not_places: list[tuple[int, int]]) -> bool:
        if not _plain_name(name) or name.lower() in self._stop or (name.isupper() and len(name) <= 4
                                                                   and name not in self._short):
            return False
        if any(s < end and start < e for s, e in not_places):
            return False
        return bool(self.gaz.lookup_ids(name))

    def _matches(self, doc: Doc, others: list[tuple[int, int]], text: str) -> list[tuple[int, int, bool]]:
        out = []
        for _, i, j in self.matcher(doc):
            span = doc[i:j]
            if not _capitalised(span.text) or span.text.lower() in self._stop:
                continue
            if len(span.text.replace(".", "")) <= 3 and span.text not in self._short:
                continue  # "Us", "Eu": short forms count only in capitals
            if len(span) == 1 and span[0].pos_ != "PROPN":
                continue  # "Hit" the verb, not Hit in Anbar (longer names are safe)
            start, end = span.start_char, span.end_char
            inside_other = any(
                s <= start and end <= e and (s, e) != (start, end) and " and " not in text[s:e]
                for s, e in others
            )
            if inside_other:
                continue  # part of an organisation's or person's name (not "Kharkiv and Bakhmut" as one ORG)
            out.append((start, end, False))
        return out

    # ---------------------------------------------------------------- output
    @staticmethod
    def to_place(analysis: Analysis, span: Span, entry: Entry) -> Place:
        return Place(
            document=analysis.document.id, start=span.start, end=span.end, text=span.text,
            sentence=analysis.sentence_text(span.start, span.end), name=entry.name, lat=entry.lat, lon=entry.lon,
            country=entry.country, admin1=entry.admin1, geonames_id=entry.geonames_id, level=entry.level,
        )


#: actor kinds that are organisations (their full names may contain a place name)
ORGANISATION_KINDS = frozenset({"armed_group", "igo", "ngo", "media", "monitor", "party", "company",
                                "government_body", "military"})


def organisation_names(analysis: Analysis) -> list[tuple[int, int]]:
    """Spans the actors stage resolved to a *named* organisation ("the Islamic State in Iraq and the
    Levant", a news agency, "the Pentagon"); a country + sector composition ("US forces") is no name."""
    actors = {a.id: a for a in analysis.actors}
    out = []
    for m in analysis.mentions:
        actor = actors.get(m.actor)
        if actor is None or actor.kind not in ORGANISATION_KINDS or m.method == "metonym":
            continue
        generic = actor.sector is not None and actor.id in (actor.sector, f"{actor.country}_{actor.sector}")
        if not generic and not actor.provisional:
            out.append((m.start, m.end))
    return out


def _supports(span: Span) -> bool:
    """A span whose name supports the same name elsewhere: NER's GPE or LOC, a pattern, a dateline."""
    return span.source in SUPPORT_SOURCES or (span.source == "ner" and span.ner_label in SUPPORT_LABELS)


def _generic_word(text: str) -> bool:
    """A single direction, generic or facility word ("West", "Central", "University") names no place."""
    words = fold(text).split()
    return len(words) == 1 and (words[0] in GENERIC_KEYS or words[0] in FACILITY_WORDS)


def _capitalised(text: str) -> bool:
    """Capitalised, allowing a lower-case Arabic article in front ("al-Bab", "ar-Raqqa")."""
    head, sep, rest = text.partition("-")
    if sep and head.lower() in ARTICLES and rest[:1].isupper():
        return True
    return text[:1].isupper()


def _plain_name(text: str) -> bool:
    """Not an acronym-like short token ("AI", "MoD", "BOV"): those need the short-form list."""
    core = text.replace(".", "")
    if len(core) <= 2:
        return False
    return not (len(core) == 3 and any(ch.isupper() for ch in core[1:]))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the " and trailing possessive/punctuation from an entity span."""
    if text[start:start + 4].lower() == "the ":
        start += 4
    while end > start and text[end - 1] in ".,;:'’ ":
        end -= 1
    if text[end - 2:end] in ("'s", "’s"):
        end -= 2
    return start, end
