"""The carry of an earlier sentence's source decided by a count sentence's discourse, ahead of the
learned carry (issue 12; the lead's ruling of 2026-12-05, night; docs/benchmarks.md, ``casualties31``).

The learned carry (``carry.CarryModel``) decided two elliptical forms at p ~ 0.5, and every refit
flipped one of them: FA-KES's development rows hold neither form (``casualties30``'s targeted wave
13 found none), so no refit can learn them. They are discourse facts the grammar settles, so they
are decided here, before the model, for a carry candidate (a figure whose own sentence yields no
source, with a sourced sentence before it in the paragraph — ``extract._carried``):

- **continues** (coding guide, ``attributed_to`` rule 2): the count sentence goes on with the
  previous sentence's statement by its opening — a coordinating conjunction ("And 40 people
  died ...", "But 3 children were among the dead") or an additive adverbial ("Also, ...", "In
  addition, ..."). It takes the previous sentence's source: distance 1 only (two sentences back,
  the conjunction joins the sentence between), and not when that sentence denies or blames
  (``carry.DENIALS``: its statement is not a toll).
- **new scene** (rule 3, another strike is another account): the count sentence opens on a place
  or a day the source's sentence does not name, fronted before its subject and verb and in its own
  clause ("In Daraa, 4 more ...", "On Monday, ...", "The next day, ...", "When shells hit Hama on
  Monday, ...") — and takes no carried source. A new place or day later in the sentence does not
  decide: on tune it was as often the same account told on ("Another seven were killed in raids
  on Kafr Takharim further north", carried in the gold) as another one. A day is a time expression resolved to a dated point (a day, or a week, month or
  year: "And in January another attack killed 70" after February's bombings) whose value the source
  sentence does not hold; periods ("in the past month", "since 2013") are not. A place or a day
  inside a relative or reported clause ("who had fled Daraa") is not the count's scene. Only the
  opening decides: a new place or day later in the sentence ("Another 7 were killed in raids on
  Kafr Takharim") is the model's to weigh.

A sentence that opens on a conjunction and then on a new scene ("And in Daraa, 6 died on Monday")
opens a new scene; one that opens on a conjunction and names a new place or day later ("And 40
people died in Daraa") continues: the opening decides. A sentence the parse split off mid-sentence
has no opening. Everything else (``None``) is the model's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .carry import DENIALS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

#: the two decisions (``CarryCandidate.discourse``)
CONTINUES = "continues"
NEW_SCENE = "new_scene"

#: adverbials that add to the statement before them. The tagger reads them as adverbs or
#: prepositions like any other opener ("Meanwhile", "Separately", "In Aleppo"), so the tag set
#: cannot tell them apart: a short closed list. "Meanwhile"/"Separately" turn to another scene
#: and are not here; "Further" is left out ("Further north, ..." is a place).
ADDITIVE_OPENERS: tuple[tuple[str, ...], ...] = (
    ("also",), ("in", "addition"), ("additionally",), ("moreover",), ("furthermore",), ("besides",),
)
#: the first members of correlative pairs ("Both men were killed"), which the tagger may tag CC
#: but which open no continuation
CORRELATIVE = frozenset({"both", "either", "neither"})
#: clauses whose place or day is not the count's scene (a relative or reported clause)
EMBEDDED = frozenset({"relcl", "acl", "ccomp", "csubj", "parataxis"})
#: time precisions of a dated point: a day, and a week, month or year ("And in January another attack
#: killed 70", after a sentence on February's bombings, opens an earlier attack)
DAY_PRECISIONS = frozenset({"day", "time", "week", "month", "year"})
#: prepositions that make a date the bound of a period ("since Thursday", "from Monday"), and words
#: that make it a period reaching up to the report ("in the past month", "in recent days")
PERIOD_PREPOSITIONS = frozenset({"since", "until", "till", "from", "through", "throughout", "between", "over"})
PERIOD_WORDS = frozenset({"past", "recent", "previous"})
#: a day named relative to the narrated one: "the next day", "the following day", "a day later",
#: "the day before" (an absolute day later in the sentence does not decide: "... killed in airstrikes
#: on the town on Saturday" was the same account told on, on tune)
DAY_WORDS = frozenset({"day", "night", "morning", "evening"})
RELATIVE_DAY = frozenset({"next", "following", "previous"})
DAY_SHIFTS = frozenset({"later", "earlier", "before"})
#: what a written sentence ends on: a parse that splits a sentence elsewhere ("... in al- |
#: Sulaymaniyah area ...") makes no opening
SENTENCE_ENDS = (".", "!", "?", '"', "\u201d", "'", "\u2019", ")")


@dataclass(frozen=True, slots=True)
class Scene:
    """What a sentence names: its places (name, document offset) and its days (resolved value,
    offset)."""

    places: tuple[tuple[str, int], ...] = ()
    days: tuple[tuple[str, int], ...] = ()


def opener_length(sent: Span) -> int:
    """How many tokens of the sentence's opening continue the statement before it (a
    coordinating conjunction or an additive adverbial, with the comma after it), else 0."""
    words = [t for t in sent if not t.is_space]
    if not words:
        return 0
    n = 0
    if words[0].tag_ == "CC" and words[0].lower_ not in CORRELATIVE:
        n = 1
    else:
        lower = tuple(t.lower_ for t in words[:3])
        n = next((len(ph) for ph in ADDITIVE_OPENERS if lower[:len(ph)] == ph), 0)
    if n and n < len(words) and words[n].text == ",":
        n += 1
    return words[n - 1].i - sent.start + 1 if n else 0


def _token_at(sent: Span, offset: int) -> Token | None:
    return next((t for t in sent if t.idx <= offset < t.idx + max(1, len(t))), None)


def _own_clause(tok: Token, sent: Span) -> bool:
    """The token hangs on the sentence's main clause, through no relative or reported clause."""
    while tok.head.i != tok.i and sent.start <= tok.head.i < sent.end:
        if tok.dep_ in EMBEDDED:
            return False
        tok = tok.head
    return True


def _fronted(tok: Token, sent: Span, skip: int) -> bool:
    """The expression stands before the clause's subject and verb, right after the opener: "In
    Daraa, 4 more ...", "On Monday, ...", "The next day, ..."."""
    root = sent.root
    before = [t for t in sent[skip:] if t.i < root.i and t.dep_ in ("nsubj", "nsubjpass", "expl")]
    limit = min([root.i, *(t.i for t in before)])
    return sent.start + skip <= tok.i < limit


def _period(tok: Token, sent: Span) -> bool:
    """A date that bounds a period or is one ("Since Thursday bombing has killed 44", "In the past
    month, 40 died"): the words before it open a period, not a scene."""
    before = [t for t in sent if t.i < tok.i and not t.is_punct][-3:]
    return any(t.lower_ in PERIOD_PREPOSITIONS or t.lower_ in PERIOD_WORDS for t in before) \
        or tok.lower_ in PERIOD_WORDS


def written_opening(sent: Span) -> bool:
    """The sentence starts where its writer started one: the first sentence, or the words before it
    end on a sentence's closing punctuation."""
    doc = sent.doc
    for i in range(sent.start - 1, -1, -1):  # the last token before it that is not white space
        if not doc[i].is_space:
            return doc[i].text.endswith(SENTENCE_ENDS)
    return True


def _moves_the_day(tok: Token, sent: Span) -> bool:
    """A day named relative to the narrated one ("the next day", "the following day", "a day
    later"): it moves the story to another day wherever it stands."""
    if tok.lower_ not in DAY_WORDS:
        return False
    doc = sent.doc
    before = {t.lower_ for t in doc[max(tok.i - 2, sent.start):tok.i]}
    after = doc[tok.i + 1].lower_ if tok.i + 1 < sent.end else ""
    return bool(before & RELATIVE_DAY) or (bool(before & {"a", "one"}) and after in DAY_SHIFTS)


def new_scene(sent: Span, scene: Scene, source: Scene, skip: int = 0) -> bool:
    """Whether the sentence opens (after ``skip`` tokens of opener) on a place or a day that the
    source's sentence does not name, in its own clause; or names, anywhere in its own clause, a day
    relative to the narrated one ("4 more died in a separate strike the next day")."""
    known_places = {name for name, _ in source.places}
    known_days = {value for value, _ in source.days}
    fresh = [(o, False) for name, o in scene.places if name not in known_places]
    fresh += [(o, True) for value, o in scene.days if value not in known_days]
    for offset, day in fresh:
        tok = _token_at(sent, offset)
        if tok is None or not _own_clause(tok, sent):
            continue
        if day:
            # the expression's day word ("the next day": the time stage gives where it starts)
            head = next((t for t in sent[tok.i - sent.start:tok.i - sent.start + 3] if t.lower_ in DAY_WORDS), tok)
            if _moves_the_day(head, sent):
                return True
            if _period(tok, sent):
                continue
        if _fronted(tok, sent, skip):
            return True
    return False


def decide(sent: Span, source_sent: Span, distance: int, scene: Scene, source: Scene) -> str | None:
    """``CONTINUES``, ``NEW_SCENE`` or ``None`` (the learned carry decides) for a carry candidate
    in ``sent`` offered a source by ``source_sent``, ``distance`` sentences back."""
    if not written_opening(sent):
        return None
    skip = opener_length(sent)
    if new_scene(sent, scene, source, skip):
        return NEW_SCENE
    if skip and distance == 1 and not any(t.lemma_.lower() in DENIALS for t in source_sent):
        return CONTINUES
    return None


def scenes(sents: Sequence[Span], places: Sequence[tuple[str, int]], days: Sequence[tuple[str, int]]) -> list[Scene]:
    """The ``Scene`` of each sentence from the document's places and day-resolved times
    (name or value, start offset)."""
    import bisect

    starts = [s.start_char for s in sents]
    by_place: list[list[tuple[str, int]]] = [[] for _ in sents]
    by_day: list[list[tuple[str, int]]] = [[] for _ in sents]
    for items, into in ((places, by_place), (days, by_day)):
        for name, offset in items:
            i = bisect.bisect_right(starts, offset) - 1
            if i >= 0:
                into[i].append((name, offset))
    return [Scene(tuple(p), tuple(d)) for p, d in zip(by_place, by_day, strict=True)]
