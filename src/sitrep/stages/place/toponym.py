"""Toponym or not: is a span that NER or the gazetteer patterns found a place at all?

People ("Johnson"), organisations ("Congress", a news agency), common words
("War", "Research", "West") and page junk match gazetteer names. The place
stage asks the ``toponym`` model of ``place_model.json`` (a logistic regression
fitted by ``scripts/train_toponym.py``) for the probability that a span is a
place, from features that generalise beyond single strings:

- how the span was found: the NER label, or the gazetteer pattern, the
  locative cue ("in X"), a dateline, a qualifier after a comma;
- the NER entities it overlaps or sits inside (a PERSON, an ORG, a NORP);
- the actor stage's decision for the same text: a person, an organisation, a
  news outlet (never a place), a state, a metonym;
- what the gazetteer offers: the best kind, the population of the largest
  candidate, candidates only through a transliteration skeleton;
- the context: the lower-case form used elsewhere in the document (a common
  word), the first word of a sentence, a locative preposition before it, a
  possessive after it, all capitals, words of organisations and facilities in it;
- the span's place inside a longer person's or organisation's name: its head
  ("Mansfield" in "Mansfield Police Department", "Chad" in "Chad Walker") or a later
  word ("Swain" in "Kayla Swain": a surname), and a title right after it ("Fargo
  Mayor Dennis Walaker": a place naming whose mayor), and an Arabic article right
  after it ("Khan" of "Khan al-Assal": the first part of a longer name);
- the document's other spans: how often the same name was found elsewhere in it by
  NER as a GPE or LOC or by a gazetteer pattern (one sense per discourse: "Gainesville"
  tagged GPE once and PERSON twice is the town three times);
- the document's confident places (``DOC_FEATURES``; a first pass, ``PlaceStage.document_anchors``:
  the spans NER tagged GPE or LOC, the patterns, datelines and qualifiers found, resolved and accepted
  on their own): how near the span's nearest candidate lies to one of them with another name, whether
  a candidate shares a first-level division with one, and the share of them in a candidate's country
  ("Lombard" in "St. John's Lutheran School in Lombard" among the other DuPage towns of the story).

Decisions are never made on a string: the same features apply to every span.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ...records import Actor, Mention
from .gazetteer import Entry, haversine_km
from .lexicon import (
    ADMIN_WORDS,
    ARTICLES,
    FACILITY_WORDS,
    LOCALITY_WORDS,
    LOCATIVE_WORDS,
    ORGANISATION_WORDS,
    REPORTING_WORDS,
    TITLE_WORDS,
)
from .normalize import fold

TOPONYM_FEATURES: tuple[str, ...] = (
    "bias_ner_gpe", "ner_loc", "ner_fac", "src_pattern", "src_locative", "src_dateline", "src_qualifier",
    "in_person", "in_org", "in_norp", "in_longer_entity",
    "actor_person", "actor_org", "actor_media", "actor_state", "actor_metonym", "actor_group",
    "gaz_country", "gaz_admin", "gaz_region", "gaz_major_city", "gaz_minor_city", "gaz_fuzzy_only", "gaz_logpop",
    "gaz_many",
    "lower_in_doc", "sentence_initial", "after_locative", "possessive", "all_caps", "one_token",
    "org_word", "followed_by_name", "title_before",
    "src_gazetteer", "org_head", "org_tail", "person_head", "person_tail", "next_title", "doc_support",
    "followed_by_article",
    "person_support", "said_near", "gaz_name_exact", "in_misc", "org_word_after", "hyphen_joined",
    "admin_list_after",
    "doc_others", "doc_near", "doc_admin1", "doc_country",
)
#: the document-level features (``document_features``)
DOC_FEATURES: tuple[str, ...] = ("doc_others", "doc_near", "doc_admin1", "doc_country")
#: ``doc_near`` falls with log(1 + km) from 1 (on one of the document's confident places) to 0 here;
#: chosen among 300, 1,000 and 3,000 km by the sum of the two toponym models' out-of-fold log-loss
#: (``python scripts/train_toponym.py --cv 5``, tuning halves and FA-KES labels; 0.5063, 0.5035, 0.5032),
#: with the three distance features, before ``doc_others`` was added (not re-chosen)
DOC_FAR_KM = 3000.0

#: how a span was found ("gazetteer": a capitalised proper-noun n-gram the gazetteer knows, any size,
#: inside a person's or organisation's name too; only the model keeps such a span)
SOURCES = ("ner", "pattern", "locative", "dateline", "qualifier", "gazetteer")
#: a name found this many times elsewhere in the document gives ``doc_support`` = 1
SUPPORT_FULL = 2
#: a name found this many times elsewhere as part of a longer PERSON entity gives ``person_support`` = 1
PERSON_SUPPORT_FULL = 2
#: NER labels of names that are neither places, people nor organisations (an event such as a weather
#: pattern or a war, a law, a work, a product): a span inside one is part of that name
MISC_LABELS = frozenset({"EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "LANGUAGE"})
#: how many capitalised words after a span are read for a word of an organisation's or facility's name
ORG_WORD_WINDOW = 3
#: actor kinds that name an organisation
_ORG_KINDS = frozenset({"government_body", "military", "armed_group", "igo", "ngo", "party", "company"})
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
#: an Arabic article right after a span ("Khan al-Assal", "Bab Al Hawa"): the span is the first
#: part of a longer name, not the name itself
_ARTICLE_NEXT = re.compile(r"[ \-]([A-Za-z]{2,3})-[A-Z]|[ \-](Al|El|Ad|Ar|As|Ash|Az) [A-Z]")
#: the word lists (``lexicon.yaml``): locative prepositions, words of organisation names, titles
_LOCATIVE, _ORG_WORDS, _TITLES = LOCATIVE_WORDS, ORGANISATION_WORDS, TITLE_WORDS
#: words naming administrative units and settlements ("counties", "provinces", "villages")
_UNIT_WORDS = ADMIN_WORDS | LOCALITY_WORDS
#: words that end the name of an organisation or a facility ("Washington Latin School", "Columbia University")
_NAME_HEADS = ORGANISATION_WORDS | FACILITY_WORDS
#: the capitalised words right after a span, as one run ("Latin School" after "Washington")
_WORD_BEFORE_HYPHEN = re.compile(r"([A-Za-z]+)-$")
#: a list of capitalised names after a span that ends in a lower-case word ("Clay, Otter Tail and
#: Wilkin counties"): one word a step, so the match cannot backtrack far
_LIST_TAIL = re.compile(r"(?:,?[ \t]+(?:(?:and|or)[ \t]+)?[A-Z][A-Za-z'’.\-]*)*,?[ \t]+([a-z]+)\b")
_LIST_WINDOW = 160
_NEXT_NAME = re.compile(r"(?:[ \t]+(?:of[ \t]+)?[A-Z][A-Za-z'’.\-]*)+")


@dataclass(slots=True)
class SpanContext:
    """What the stage knows about one candidate span, for the features."""

    start: int
    end: int
    text: str
    source: str  # one of SOURCES
    ner_label: str | None  # GPE/LOC/FAC when found by NER


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def toponym_features(span: SpanContext, text: str, entities: Sequence[Any], mentions: Sequence[Mention],
                     actors: dict[str, Actor], cands: Sequence[Entry], fuzzy_only: bool,
                     lower_words: set[str], sentence_starts: set[int], support: int = 0,
                     person_support: int = 0, anchors: Sequence[tuple[str, Entry]] = ()) -> list[float]:
    """The ``TOPONYM_FEATURES`` of one span (``lower_words``: the document's lower-case words;
    ``support``: how many other spans of the document with the same name NER tagged GPE or LOC
    or a gazetteer pattern found; ``person_support``: how many PERSON entities elsewhere in the
    document contain the name as a part of a longer name, see ``person_parts``).

    Example: "Harper" after "the news agency", resolved by the actors stage to a news
    outlet, gets ``actor_media`` = 1 and a low probability; after "hit" it gets
    ``after_locative``-like context and a gazetteer town, and a high one.
    """
    f = dict.fromkeys(TOPONYM_FEATURES, 0.0)
    f["bias_ner_gpe"] = float(span.ner_label == "GPE")
    f["ner_loc"] = float(span.ner_label == "LOC")
    f["ner_fac"] = float(span.ner_label == "FAC")
    if span.source != "ner":
        f[f"src_{span.source}"] = 1.0
    _entity_features(f, span, entities)
    _actor_features(f, span, mentions, actors)
    _gazetteer_features(f, cands, fuzzy_only)
    f["gaz_name_exact"] = float(any(fold(c.name) == fold(span.text) for c in cands))
    _context_features(f, span, text, lower_words, sentence_starts)
    f["doc_support"] = min(support, SUPPORT_FULL) / SUPPORT_FULL
    f["person_support"] = min(person_support, PERSON_SUPPORT_FULL) / PERSON_SUPPORT_FULL
    for name, value in zip(DOC_FEATURES, document_features(fold(span.text), cands, anchors), strict=True):
        f[name] = value
    return list(f.values())


def document_features(key: str, cands: Sequence[Entry], anchors: Sequence[tuple[str, Entry]]) -> tuple[float, ...]:
    """``DOC_FEATURES`` of a span named ``key`` (folded) with gazetteer candidates ``cands``, against the
    document's confident places ``anchors`` ((folded name, entry); those of the span's own name do not
    count): 1 when there is one (a document with no other place is not a document whose places lie far
    away: the model keeps the two apart), the graded nearness of the nearest candidate to one of them
    (1 on it, 0 from ``DOC_FAR_KM``), 1 when a town or district candidate lies in the first-level
    division of one of them, and the largest share of them in one candidate's country."""
    others = {(e.lat, e.lon, e.country, e.admin1_code) for k, e in anchors if k != key}
    if not others:
        return (0.0, 0.0, 0.0, 0.0)
    if not cands:
        return (1.0, 0.0, 0.0, 0.0)
    km = min(haversine_km(c.lat, c.lon, lat, lon) for c in cands for lat, lon, _c, _a in others)
    near = max(0.0, 1.0 - math.log1p(km) / math.log1p(DOC_FAR_KM))
    divisions = {(country, code) for _la, _lo, country, code in others if country and code}
    admin1 = any(c.level >= 3 and (c.country, c.admin1_code) in divisions for c in cands)
    countries = Counter(country for _la, _lo, country, _a in others)
    share = max(countries.get(c.country, 0) for c in cands) / len(others)
    return (1.0, near, float(admin1), share)


def _entity_features(f: dict[str, float], span: SpanContext, entities: Sequence[Any]) -> None:
    """The NER entities the span overlaps (a PERSON, an ORG, a NORP) or sits inside."""
    for ent in entities:
        if not _overlaps(span.start, span.end, ent.start, ent.end):
            continue
        if ent.label == "PERSON":
            f["in_person"] = 1.0
        elif ent.label == "ORG":
            f["in_org"] = 1.0
        elif ent.label == "NORP":
            f["in_norp"] = 1.0
        elif ent.label in MISC_LABELS:
            f["in_misc"] = 1.0
        if (ent.end - ent.start) > (span.end - span.start) and ent.label not in ("GPE", "LOC", "FAC"):
            f["in_longer_entity"] = 1.0
            who = "person" if ent.label == "PERSON" else "org"
            f[f"{who}_head" if ent.start >= span.start else f"{who}_tail"] = 1.0


def _actor_features(f: dict[str, float], span: SpanContext, mentions: Sequence[Mention],
                    actors: dict[str, Actor]) -> None:
    """What the actors stage made of the same text."""
    for m in mentions:
        if not _overlaps(span.start, span.end, m.start, m.end):
            continue
        actor = actors.get(m.actor)
        kind = actor.kind if actor is not None else "other"
        if m.method == "metonym":
            f["actor_metonym"] = 1.0
        elif kind == "person":
            f["actor_person"] = 1.0
        elif kind == "media" or (actor is not None and actor.sector == "MED"):
            f["actor_media"] = 1.0
        elif kind in _ORG_KINDS:
            f["actor_org"] = 1.0
        elif kind == "state":
            f["actor_state"] = 1.0
        elif kind == "ethnic_religious_group":
            f["actor_group"] = 1.0


def _gazetteer_features(f: dict[str, float], cands: Sequence[Entry], fuzzy_only: bool) -> None:
    """What the gazetteer offers for the span: kinds, the largest population, how many."""
    if not cands:
        return
    kinds = {c.kind for c in cands}
    f["gaz_country"] = float("country" in kinds or "continent" in kinds)
    f["gaz_admin"] = float(bool(kinds & {"admin1", "admin2"}))
    f["gaz_region"] = float("region" in kinds)
    cities = [c for c in cands if c.kind == "city"]
    f["gaz_major_city"] = float(any(c.capital or c.population >= 100_000 for c in cities))
    f["gaz_minor_city"] = float(bool(cities) and not f["gaz_major_city"])
    f["gaz_fuzzy_only"] = float(fuzzy_only)
    f["gaz_logpop"] = math.log10(max(c.population for c in cands) + 10) / 7.0
    f["gaz_many"] = min(len(cands), 10) / 10.0


def _context_features(f: dict[str, float], span: SpanContext, text: str, lower_words: set[str],
                      sentence_starts: set[int]) -> None:
    """The words around the span and its own form."""
    words = span.text.split()
    f["lower_in_doc"] = float(any(fold(w) in lower_words for w in words if w[:1].isupper()))
    f["sentence_initial"] = float(span.start in sentence_starts)
    before = _WORD.findall(text[max(0, span.start - 25):span.start])
    f["after_locative"] = float(bool(before) and before[-1].lower() in _LOCATIVE or (
        len(before) >= 2 and before[-1].lower() == "the" and before[-2].lower() in _LOCATIVE))
    f["title_before"] = float(bool(before) and before[-1].lower().rstrip(".") in _TITLES)
    f["possessive"] = float(text[span.end:span.end + 2] in ("'s", "’s"))
    nxt = _WORD.findall(text[span.end:span.end + 20])
    f["followed_by_name"] = float(bool(nxt) and nxt[0][:1].isupper() and text[span.end:span.end + 1] == " ")
    f["next_title"] = float(bool(nxt) and nxt[0].lower().rstrip(".") in _TITLES)
    after = _ARTICLE_NEXT.match(text, span.end)
    f["followed_by_article"] = float(after is not None and (after.group(1) or after.group(2)).lower() in ARTICLES)
    f["said_near"] = float(bool(nxt) and nxt[0].lower() in REPORTING_WORDS
                            or bool(before) and before[-1].lower() in REPORTING_WORDS)
    run = _NEXT_NAME.match(text, span.end)
    f["org_word_after"] = float(run is not None and any(
        fold(w) in _NAME_HEADS for w in run.group(0).split()[:ORG_WORD_WINDOW]))
    f["hyphen_joined"] = float(_hyphen_joined(text, span.start, span.end))
    tail = _LIST_TAIL.match(text[span.end:span.end + _LIST_WINDOW])
    f["admin_list_after"] = float(tail is not None and _singular(tail.group(1)) in _UNIT_WORDS)
    f["all_caps"] = float(span.text.isupper() and len(span.text) > 3)
    f["one_token"] = float(len(words) == 1)
    f["org_word"] = float(any(fold(w) in _ORG_WORDS for w in words))


def _singular(word: str) -> str:
    """"counties" -> "county", "provinces" -> "province" (enough for the unit words)."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") else word


def _hyphen_joined(text: str, start: int, end: int) -> bool:
    """The span is one half of a hyphenated capitalised compound ("Dyfed-Powys", "Melbourne-Blake",
    "Journal-Constitution"), not a name after an Arabic article ("al-Bab", "Al-Tabqa")."""
    head = _WORD_BEFORE_HYPHEN.search(text, max(0, start - 20), start)
    if head is not None and head.group(1)[:1].isupper() and head.group(1).lower() not in ARTICLES:
        return True
    return text[end:end + 1] == "-" and text[end + 1:end + 2].isupper()


def person_parts(entities: Sequence[Any], text: str) -> list[tuple[int, int, frozenset[str]]]:
    """(start, end, parts) of each PERSON entity of two or more words: ``parts`` are the folded
    shorter runs of its words ("Ray Kinney": "ray", "kinney"), the names that alone stand for
    that person elsewhere in the document ("Kinney said")."""
    out = []
    for ent in entities:
        if ent.label != "PERSON":
            continue
        words = text[ent.start:ent.end].split()
        if len(words) < 2:
            continue
        parts = {fold(" ".join(words[i:j])) for i in range(len(words)) for j in range(i + 1, len(words) + 1)
                 if j - i < len(words)}
        out.append((ent.start, ent.end, frozenset(parts)))
    return out


def lower_words(text: str) -> set[str]:
    """The words a document writes in lower case (common words, not names)."""
    return {w for w in _WORD.findall(text) if w.islower()}
