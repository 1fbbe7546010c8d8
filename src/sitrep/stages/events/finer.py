"""A finer event place than the gazetteer knows: "the town of Atareb west of Aleppo".

News of a war names villages, neighbourhoods, roundabouts and farms that no gazetteer holds;
the place stage then resolves only the larger place the text locates them in ("… in Hasaka
province", "… west of Aleppo"), and the event would be placed in the province. The coding
guide (section 4) codes the most specific place the text gives. This module finds such an
*unresolved name*, from the parse alone:

* a proper name that is the object of a locative preposition ("in Duwayleh"), or of "of"
  under a place noun ("the village of Duwayleh"), or that names a place noun which is such
  an object or the event's object ("in al-Qameshli city", "struck the Sakhour neighbourhood");
* not a resolved place and not the mention of a known actor (a provisional actor the actor
  stage made of an unknown capitalised name may be a place: the phrase decides);

and it replaces the resolved place when that place locates the name (the resolved toponym
hangs below the name's phrase in the parse: "al-Qameshli city in Hasaka province"), or when the
name is in the event's own phrase and the resolved place is not ("the attack on the Sheikh
Maqsoud area …, in Aleppo"; "airstrikes on the town of Atareb"). The event place keeps the
name as written, the container's country (none without a container) and no coordinates:
nothing is invented. Headlines in title case are left alone (every word there looks like a
name). Pure functions over spaCy tokens.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lexicon import AREA_NOUNS, COMPASS, LOCATIVE_PREPS, NAME_ARTICLES, PLACE_NOUNS

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable

    from spacy.tokens import Doc, Span, Token

#: how many heads up from the resolved toponym its container phrase may be found
LOCATING_DEPTH = 5
#: how many heads up from a name the event's trigger may be for the name to be its place
#: (prepositions not counted)
GOVERNED_DEPTH = 4
#: a sentence with at least this share of capitalised words is a title-case headline
TITLE_SHARE = 0.6
NAME_ENTS = frozenset({"GPE", "LOC", "FAC"})
#: entity types of proper nouns that are never places (the tagger also calls a few unknown
#: villages DATE, but trusting the time stage instead made places of "in Ramadan")
NOT_PLACES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})


@dataclass(frozen=True, slots=True)
class Name:
    """An unresolved place name: its first and last token and the phrase head it stands for."""

    first: int
    last: int
    head: Token

    def text(self, sent: Span) -> str:
        return sent.doc[self.first:self.last + 1].text

    @property
    def start(self) -> int:
        return self.head.doc[self.first].idx

    @property
    def end(self) -> int:
        last = self.head.doc[self.last]
        return last.idx + len(last.text)


def _name_tokens(token: Token) -> tuple[int, int] | None:
    """The proper name ``token`` ends, with its compounds and hyphen parts ("al-Qameshli").
    The time stage's expressions are among the caller's taken tokens ("on Saturday")."""
    if token.pos_ != "PROPN" and token.ent_type_ not in NAME_ENTS:
        return None
    if token.ent_type_ in NOT_PLACES or token.lemma_.lower() in PLACE_NOUNS:
        return None  # "on Saturday", "in November", "jets in Area"
    parts = [c for c in token.children if c.dep_ in ("compound", "nmod") and c.i < token.i
             and (c.pos_ == "PROPN" or c.ent_type_ in NAME_ENTS or c.text == "-")]
    first = min([token.i, *(p.left_edge.i for p in parts)])
    return first, token.i


def _strictly_placed(token: Token) -> bool:
    """The object of a locative preposition other than "of" and "from" ("on Flita barrens", "at
    the Hilal roundabout")."""
    return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS - {"of", "from"}


def _placed(token: Token) -> bool:
    """The object of a locative preposition, or of "of" under a place noun."""
    if token.dep_ != "pobj":
        return False
    prep = token.head
    if prep.lower_ in LOCATIVE_PREPS - {"of"}:
        return True
    return prep.lower_ == "of" and prep.head.lemma_.lower() in PLACE_NOUNS


def headline(sent: Span) -> bool:
    """A title-case line ("Five Civilians Killed in Car Bomb Attack in Qamishli City")."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return bool(words) and sum(t.is_title for t in words) / len(words) >= TITLE_SHARE


def unresolved_names(sent: Span, taken: set[int]) -> list[Name]:
    """The unresolved place names of a sentence; ``taken``: token indices of resolved places and
    of actor mentions. None in a title-case headline. With ``SURFACE_NAMES``, the names the
    words' order gives beside the parse's (``surface_names``), a longer one first."""
    if headline(sent):
        return []
    out = []
    for tok in sent:
        if tok.i in taken:
            continue
        if _placed(tok):
            span = _name_tokens(tok)
            head = tok
        elif tok.dep_ == "compound" and (
                (tok.head.lemma_.lower() in PLACE_NOUNS and (_placed(tok.head) or tok.head.dep_ in ("dobj", "nsubjpass")))
                or (tok.head.lower_ in COMPASS and _placed(tok.head))
                or (tok.head.pos_ == "NOUN" and _strictly_placed(tok.head))):
            # "in al-Qameshli city", "struck the Sakhour neighbourhood", "on the Zahra barrens"
            span = _name_tokens(tok)
            head = tok.head
        else:
            continue
        if span is None or any(i in taken for i in range(span[0], span[1] + 1)):
            continue
        if not any(sent.doc[i].is_title or sent.doc[i].is_upper for i in range(span[0], span[1] + 1)):
            continue
        out.append(Name(span[0], span[1], head))
    if not SURFACE_NAMES:
        return out
    for name in surface_names(sent, taken):
        overlap = [n for n in out if n.first <= name.last and name.first <= n.last]
        if all(n.last - n.first < name.last - name.first for n in overlap):
            out = [n for n in out if n not in overlap] + [name]
    return sorted(out, key=lambda n: n.first)


#: the names read from the words' order (``surface_names``) beside those the parse gives; chosen
#: leave one wave out on the tune half of the hand-coded FA-KES articles
#: (``benchmarks/events_place_misses.py --search``; docs/benchmarks.md, 2026-12-05 night, geo27)
SURFACE_NAMES = True
#: how many lower-case adjectives may stand between a name and its place noun ("al-Furqan
#: residential neighborhood")
SURFACE_ADJECTIVES = 1
#: how many words (articles, adjectives, place nouns) may stand between a locative preposition
#: and the name or place noun it governs ("on the Syrian side of the Atmeh crossing": the "of")
SURFACE_PREP_GAP = 1
#: lower-case articles of Arabic names, joined to the name by a hyphen ("al-Serian", "el-Bab"; ``lexicon.yaml``)
_ARTICLES = NAME_ARTICLES


def _name_word(tok: Token, taken: set[int]) -> bool:
    """A word of a name as written: capitalised, or a hyphen or a lower-case article joined
    to its neighbours by hyphens ("al-Serian"); not a resolved place, an actor or a date, not a
    place noun ("Farms" heads, it does not name)."""
    if tok.i in taken or tok.lower_ in PLACE_NOUNS or tok.lower_ in COMPASS:
        return False
    if tok.text == "-":
        return not tok.doc[tok.i - 1].whitespace_ if tok.i > 0 else False
    if tok.lower_ in _ARTICLES:
        return not tok.whitespace_ and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text == "-"
    return tok.is_alpha and (tok.is_title or tok.is_upper) and tok.ent_type_ not in NOT_PLACES - {"DATE"}


def _run_left(sent: Span, end: int, taken: set[int]) -> tuple[int, int] | None:
    """The name that ends at token ``end`` (inclusive) and runs left, capitalised words and
    hyphen-joined articles; it must hold a capitalised word and not start with a hyphen."""
    first = end
    while first - 1 >= sent.start and _name_word(sent.doc[first - 1], taken):
        first -= 1
    if first > end or not _name_word(sent.doc[end], taken):
        return None
    while first <= end and not sent.doc[first].is_alpha:
        first += 1
    words = sent.doc[first:end + 1]
    if not any(t.is_title or t.is_upper for t in words if t.lower_ not in _ARTICLES):
        return None
    # a name, not a people's adjective ("the Syrian city of X", "Kurdish"): some word is a proper
    # noun or an entity other than a nationality
    alpha = [t for t in words if t.is_alpha and t.lower_ not in _ARTICLES]
    if not any(t.pos_ == "PROPN" or t.ent_type_ not in ("", "NORP") for t in words) or (
            len(alpha) == 1 and alpha[0].ent_type_ == "NORP"):
        return None
    return first, end


def _run_right(sent: Span, start: int, taken: set[int]) -> tuple[int, int] | None:
    """The name that starts at token ``start`` and runs right (the same words as ``_run_left``)."""
    last = start - 1
    while last + 1 < sent.end and _name_word(sent.doc[last + 1], taken):
        last += 1
    while last >= start and not sent.doc[last].is_alpha:
        last -= 1
    return _run_left(sent, last, taken) if last >= start else None


def _after_preposition(sent: Span, first: int) -> bool:
    """Does a locative preposition stand at most ``SURFACE_PREP_GAP`` words (articles,
    adjectives, place nouns, "of") before token ``first``? ("in the Asfar Najjar area", "on
    the side of the Atmeh crossing")"""
    i = first - 1
    for _ in range(SURFACE_PREP_GAP + 1):
        if i < sent.start:
            return False
        tok = sent.doc[i]
        if tok.lower_ in LOCATIVE_PREPS - {"of", "from"}:
            return True
        if not (tok.pos_ in ("DET", "ADJ") or tok.lower_ in PLACE_NOUNS or tok.lower_ == "of") or tok.is_title:
            return False
        i -= 1
    return False


def _placed_phrase(sent: Span, first: int, noun: Token) -> bool:
    """Is the phrase that starts at token ``first`` and is headed by the place noun ``noun`` a
    place in the sentence: after a locative preposition, placed in the parse, or the object acted on?"""
    return _after_preposition(sent, first) or _placed(noun) or noun.dep_ in ("dobj", "nsubjpass")


def surface_names(sent: Span, taken: set[int]) -> list[Name]:
    """Unresolved names read from the words' order, where the parse of unpunctuated news
    mis-tags them (an adjective "Serian", a verb "crossing", a name the tagger calls a date):
    a name run right before a place noun ("al-Serian neighborhood", "the Atmeh crossing",
    ``SURFACE_ADJECTIVES`` lower-case adjectives between), or right after a place noun and "of"
    ("the neighborhood of Bab Alnairab"); the place noun's phrase follows a locative preposition
    (``_after_preposition``) or is placed in the parse. The name's head is the place noun."""
    out = []
    for tok in sent:
        if tok.lower_ not in PLACE_NOUNS or tok.i in taken or tok.is_title and tok.i == sent.start:
            continue
        end = tok.i - 1
        for _ in range(SURFACE_ADJECTIVES):
            if end >= sent.start and sent.doc[end].pos_ == "ADJ" and sent.doc[end].is_lower:
                end -= 1
        # a place noun its own toponym names after it ("Syrias second city Aleppo") has no name before it
        named = tok.i + 1 < sent.end and tok.i + 1 in taken
        span = _run_left(sent, end, taken) if end >= sent.start and not named else None
        if span is not None and _placed_phrase(sent, span[0], tok):
            out.append(Name(span[0], span[1], tok))
            continue
        if tok.i + 2 < sent.end and sent.doc[tok.i + 1].lower_ == "of" and tok.is_lower:
            span = _run_right(sent, tok.i + 2, taken)
            if span is not None and _placed_phrase(sent, tok.i, tok):
                out.append(Name(span[0], span[1], tok))
    return out


def _ancestors(token: Token, depth: int) -> list[int]:
    out = []
    node = token
    for _ in range(depth):
        if node.head.i == node.i:
            break
        node = node.head
        out.append(node.i)
    return out


#: the words that may stand between a place and the larger place that locates it, beside
#: prepositions, determiners, adjectives, commas, place nouns and compass words ("Haritan in the
#: north Aleppo countryside", "Manbij, in Syria's Aleppo province")
LOCATING_GAP = 8
_GAP_POS = frozenset({"ADP", "DET", "ADJ", "PUNCT", "PART"})


def locates(inner_last: int, outer_first: int, doc: Doc) -> bool:
    """Does the text place the name ending at token ``inner_last`` inside the place starting at
    ``outer_first``, by the words between them? English names the small place first: "X in Y",
    "X, west of Y", "the village of X in the Y countryside". The gap is at most ``LOCATING_GAP``
    words of locating shape (prepositions, articles, adjectives, commas, place nouns, compass
    words) and opens with a preposition, a comma or a compass word; a verb or a noun that is no
    place noun ("X from which the jets flew to Y") ends it."""
    gap = doc[inner_last + 1:outer_first]
    if not 0 < len(gap) <= LOCATING_GAP or gap[0].text in ("(", ")"):
        return False
    first = gap[0]
    if not (first.pos_ == "ADP" or first.text == "," or first.lower_ in COMPASS):
        return False
    return all(t.pos_ in _GAP_POS or t.lemma_.lower() in PLACE_NOUNS or t.lower_ in COMPASS for t in gap)


def _phrase_ancestors(token: Token, depth: int) -> list[int]:
    """The heads above ``token`` up to ``depth`` of them that are no preposition (a
    preposition and its object are one step: "positions in the town of X" is two steps)."""
    out = []
    node = token
    steps = 0
    while steps < depth and node.head.i != node.i:
        node = node.head
        out.append(node.i)
        steps += node.pos_ != "ADP"
    return out


def of_locates(outer_end: int, inner_first: int, doc: Doc) -> bool:
    """Does the text place the name starting at token ``inner_first`` inside the place ending
    before token ``outer_end`` (exclusive), the larger place first? "the Damascus suburb of
    Jaramana", "the Aleppo province village of Al-Tukhar", "Cairo's suburb of Madinaty": the
    words between are one or more area nouns (``lexicon.yaml``'s ``area_nouns``: "suburb", "village",
    not "valley" or "outskirts", which name a place by its relation to the one after "of"),
    adjectives and a possessive beside them, no compass word ("X valley northwest of Y"), then
    "of" and at most an article (``OF_LOCATES``)."""
    gap = doc[outer_end:inner_first]
    if not OF_LOCATES or not 1 < len(gap) <= LOCATING_GAP:
        return False
    words = list(gap)
    if words[-1].pos_ == "DET":
        words.pop()
    if not words or words[-1].lower_ != "of":
        return False
    between = words[:-1]
    return any(t.lower_ in AREA_NOUNS for t in between) and all(
        t.lower_ in AREA_NOUNS or (t.pos_ == "ADJ" and t.lower_ not in COMPASS) or t.tag_ == "POS" for t in between)


#: the larger place named first ("the Damascus suburb of Jaramana") locates the smaller one after
#: "of" (``of_locates``); chosen as ``SURFACE_NAMES`` is
OF_LOCATES = True


def _name_end(name: Name) -> int:
    """The last token of the name's own phrase: its place noun when it follows the name
    ("al-Serian neighborhood", "al-Furqan residential neighborhood"), else the name's last word."""
    head = name.head.i
    if SURFACE_NAMES and name.last < head <= name.last + 1 + SURFACE_ADJECTIVES:
        return head
    return name.last


def finer_name(container: Token, names: list[Name], first: int | None = None, end: int | None = None) -> Name | None:
    """The unresolved name the resolved toponym (its root ``container``, its first token
    ``first``, its end ``end``, exclusive) locates, if any: the name's phrase head is among the
    toponym's nearest heads ("Atareb west of Aleppo"), or the words between the name and the
    toponym say so (``locates``: "in Haritan in the north Aleppo countryside", parsed as two
    sibling phrases; ``of_locates``: "the Aleppo province village of Al-Tukhar")."""
    above = _ancestors(container, LOCATING_DEPTH)
    found = [(above.index(n.head.i), n) for n in names if n.head.i in above]
    if not found and first is not None:
        doc = container.doc
        found = [(first - n.last, n) for n in names if _name_end(n) < first and locates(_name_end(n), first, doc)]
        if not found and end is not None:
            found = [(n.first - end, n) for n in names if n.first >= end and of_locates(end, n.first, doc)]
    return min(found, key=lambda f: f[0])[1] if found else None


def governed_name(words: set[int], names: list[Name]) -> Name | None:
    """The nearest unresolved name in the event's own phrase: its phrase head hangs below one of
    the trigger's ``words`` within ``GOVERNED_DEPTH`` heads, prepositions not counted ("airstrikes on
    the town of Atareb", "struck positions in the town of Atareb")."""
    found = []
    for name in names:
        chain = [name.head.i, *_phrase_ancestors(name.head, GOVERNED_DEPTH)]
        steps = next((k for k, i in enumerate(chain) if i in words), None)
        if steps is not None:
            found.append((steps, name))
    return min(found, key=lambda f: f[0])[1] if found else None


#: an event its own phrase places nowhere takes a name of its own clause ("The raid took place in
#: Qaboun a suburb on the city's eastern edge"; ``clause_name``); chosen leave one wave out as
#: ``SURFACE_NAMES`` is
CLAUSE_NAMES = True


def clause_name(clause: int, names: list[Name], clause_of: Callable[[Token], int]) -> Name | None:
    """The first unresolved name whose phrase head is in the event's clause (``clause``: the index
    of the clause's verb; ``clause_of``: a token's clause verb index) and is placed (the object of a
    locative preposition, or of "of" under a place noun, or the name of such a place noun)."""
    if not CLAUSE_NAMES:
        return None
    for name in names:
        head = name.head
        if clause_of(head) == clause and (_placed(head) or _placed(head.doc[name.last])):
            return name
    return None
