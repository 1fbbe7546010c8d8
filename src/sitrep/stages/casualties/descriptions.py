"""A source named by what it is, not by its name ("the group said", "the agency reported",
"the monitor added"): a definite description whose referent the article named earlier.

The description is resolved to the nearest earlier source of the article (a speaker the
extractor read before it) whose own words hold the description's head ("the defence ministry
in Moscow" ... "the ministry"), else to the nearest earlier source when its KB actor's kind
**agrees** with the description's nouns (``NEAREST_ONLY``: the nearest earlier source only,
else the nearest that agrees); the source
keeps its own words and offsets (the guide writes descriptions as written), and gains the actor
(the issue: an actor id where the source is in the KB). Which kinds a head word names is read
from data, not listed per string: the kinds of the KB's organisations whose names or aliases
hold the word ("agency" -> media, government_body, igo; "group" -> armed_group, ngo;
"observatory" -> monitor, ngo), and each kind's own name, which names that kind only ("the monitor" -> monitor: not the
media whose names hold "monitor", such as Al-Monitor).

PETRARCH2's agent dictionary (noun -> sector) was read as a second source and left out: its
nouns are mostly people ("spokesman", "commander"), and a sector is too wide an agreement (a
state news agency is GOV like a ministry).

An actor agrees when its kind is among the word's, or its sector code is a kind's name that is
(NGO, IGO). A kind is the word's when its share of the word's KB organisations is at least
``AGREEMENT_SHARE`` (chosen leaving one wave of the tune gold out; see docs/benchmarks.md,
``casualties28``), so one odd name ("… Defence Agency", a military body) does not make "the
agency" a military's word. A description with no agreeing earlier source stays its words.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ...records import Actor

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

#: determiners of a description that points back ("the group", "this agency"); "a monitor"
#: introduces a source, it does not point back
DEFINITE = {"the", "this", "that"}
#: actor kinds that can be a description's referent (organisations; a person is "he"/"she")
ORGANISATION_KINDS = frozenset({"media", "monitor", "ngo", "igo", "government_body", "military", "armed_group"})
#: the least share of a head word's KB organisations a kind or sector needs to agree with it
AGREEMENT_SHARE = 0.1
#: whether only the nearest earlier source can be a description's referent (else the nearest
#: that agrees); chosen leaving one wave out with ``AGREEMENT_SHARE``
NEAREST_ONLY = True
_WORD = re.compile(r"[a-z]+")


@functools.lru_cache(maxsize=4)
def agreement(share: float = AGREEMENT_SHARE) -> Mapping[str, frozenset[str]]:
    """head word -> the organisation kinds it agrees with, from the KB's organisation names and
    the kinds' own names."""
    from ...kb.load import load_kb

    kinds: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for actor in load_kb().actors.values():
        if actor.kind not in ORGANISATION_KINDS:
            continue
        for w in {w for name in (actor.name, *actor.aliases) for w in _WORD.findall(name.lstrip("=").lower())}:
            kinds[w][actor.kind] += 1
    out = {w: frozenset(k for k, c in counts.items() if c >= share * sum(counts.values()))
           for w, counts in kinds.items()}
    for kind in ORGANISATION_KINDS:  # a kind's own name names that kind only
        out[kind] = frozenset({kind})
    return out


def agrees(head: str, actor: Actor | None, share: float = AGREEMENT_SHARE) -> bool:
    """Whether a KB actor can be what a description with this head word names: its kind is
    among the word's, or its sector code is a kind's name that is (the KB's monitors are NGOs by
    sector — SOHR: kind monitor, sector NGO —, so "the group" that names NGOs names them too)."""
    if actor is None or actor.kind not in ORGANISATION_KINDS:
        return False
    kinds = agreement(share).get(head, frozenset())
    return actor.kind in kinds or (actor.sector is not None and actor.sector.lower() in kinds)


def description_nouns(tokens: Span, head: Token) -> tuple[str, ...] | None:
    """The nouns of a definite description, head first ("the Britain-based monitoring group" ->
    group, monitoring), or None when the phrase is not definite or carries a name ("the Firat
    news agency"; a name before a hyphen only modifies: "the UK-based monitor")."""
    if not tokens or tokens[0].lower_ not in DEFINITE or head.pos_ != "NOUN":
        return None
    doc = head.doc
    for tok in tokens:
        if tok.pos_ == "PROPN" and not (tok.i + 1 < len(doc) and doc[tok.i + 1].text in ("-", "–")):
            return None
    return (head.lemma_.lower(), *(t.lemma_.lower() for t in tokens if t.pos_ == "NOUN" and t.i != head.i))


def agrees_all(nouns: Sequence[str], actor: Actor | None, share: float = AGREEMENT_SHARE) -> bool:
    """The head agrees with the actor, and so does every other noun of the description that the
    table knows ("the observatory group": a group, and an observatory's)."""
    table = agreement(share)
    if not nouns or nouns[0] not in table or not agrees(nouns[0], actor, share):
        return False
    return all(agrees(n, actor, share) for n in nouns[1:] if n in table)


def referent(nouns: Sequence[str], earlier: Sequence[tuple[str, str | None]], known: Mapping[str, Actor],
             share: float = AGREEMENT_SHARE, nearest_only: bool = NEAREST_ONLY) -> str | None:
    """The actor a description names, from the article's earlier sources (``earlier``: their
    (words, actor) in text order, actor None for a source that is words only): the nearest one
    whose own words hold the description's head ("the ministry" after "the defence ministry in
    Moscow", past a Pentagon quoted between them), else the nearest earlier source when its
    actor agrees with the description (``nearest_only``; else the nearest that agrees), or None."""
    head = nouns[0] if nouns else ""
    for words, actor in reversed(earlier):
        if actor is not None and head in _WORD.findall(words.lower()) and agrees_all(nouns, known.get(actor), share):
            return actor
    for _, actor in reversed(earlier):
        if agrees_all(nouns, known.get(actor) if actor else None, share):
            return actor
        if nearest_only:
            return None
    return None
