"""The casualty extractor: figures of a parsed document, with kind, victims, scope, source
and the one event each belongs to.

``extract`` is pure: a spaCy ``Doc`` plus what earlier stages found (event
anchors, actor mentions, time expressions, the publication date) in, ``Casualty`` records
out. The steps, each in its own module: numbers (``numbers``), what they count
(``figures``), who says so (``sources``), incident / background / war total (``scope``,
optionally the learned ``ScopeModel``), which event (``attach``). This module links the
figures of a document to each other: elliptical counts take the kind of the figure they
continue ("30 were killed in X and another five in Y"), subsets point to their total,
updated tolls supersede earlier ones, sources carry over to a sentence that continues an
attributed statement.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from ...records import Actor, Casualty, Evidence, Mention, Place, Quote, TimeExpr
from . import descriptions, running_context
from .attach import attach
from .background import FigureView, article_view, background_features, source_key
from .carry import (
    CARRY_DISTANCE,
    CarryCandidate,
    CarryContext,
    carry_features,
    same_paragraph,
)
from .descriptions import description_nouns, referent
from .figures import Reading, group_kind, read_quantity, victims_of
from .lexicon import CasualtyLexicon
from .numbers import Quantity, find_quantities
from .openings import DAY_PRECISIONS, Scene, scenes
from .openings import decide as discourse_decision
from .recalled import recalled_attack
from .record import EventAnchor
from .scope import (
    long_before_publication,
    rule_scope,
    scope_features,
    zone_date,
    zone_indices,
)
from .sources import (
    SourceSpan,
    find_sources,
    governs,
    quotation_at,
    quotation_marks,
    source_word,
)
from .tokens import columns

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

#: words that make a sentence continue the previous one's attributed statement
CONTINUING = {"also", "too", "besides", "additionally", "likewise"}
#: words after which a bare number continues the previous figure ("and another five")
ELLIPTIC_BEFORE = {"another", "other", "further", "additional"}
ELLIPTIC_NOUNS = {"others", "other", "more"}
PARTITIVE_PRONOUNS = {"them", "whom", "which", "those", "these"}
#: how the parse attaches a count whose verb is left out ("30 were killed in X and another five in Y")
GAPPED = {"conj", "appos", "dep", "npadvmod", "ROOT", "nmod", "attr"}
#: statements in the next sentence that are about something else than the toll
UNRELATED = {"deny", "blame", "responsibility", "accuse", "condemn", "claim"}
PRONOUN_TEXTS = {"it", "he", "she", "they", "we", "i", "the source", "the sources"}
#: actor kinds that can be the source inside a longer phrase ("Rami Abdel Rahman director of
#: the Observatory"); a state or a place named there is not the source
SOURCE_KINDS = {"person", "media", "monitor", "ngo", "igo", "government_body", "military", "armed_group"}


#: decides a figure's scope from its features (``scope.rule_scope``, or a learned model)
ScopeDecider = Callable[[dict[str, float]], str]
#: decides whether a figure without a source takes an earlier sentence's (``carry.CarryModel.decide``)
CarryDecider = Callable[[CarryCandidate], bool]
#: moves a figure from the rules' scope to another from its background features
#: (``background.BackgroundModel.decide``): (rules' scope, features) -> scope
BackgroundDecider = Callable[[str, dict[str, float]], str]


@dataclass(slots=True)
class Source:
    """A source resolved to offsets, and to a KB actor when one is mentioned there."""

    text: str
    start: int
    end: int
    actor: str | None = None

    @property
    def label(self) -> str:
        return self.actor or self.text


@dataclass(slots=True)
class _Figure:
    q: Quantity
    r: Reading
    sent: int
    kind: str
    victims: str | None = None
    source: Source | None = None
    scope: str = "incident"
    event: EventAnchor | None = None
    id: str = ""
    subset_of: str | None = None
    superseded: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def predicate(self) -> int:
        return self.r.predicate if self.r.predicate is not None else self.r.node


def casualty_id(document: str, start: int, end: int, kind: str) -> str:
    key = f"{document}:{start}:{end}:{kind}"
    return "cas_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


# -- figures ------------------------------------------------------------------------------------

#: a list of other articles' headlines ("Related", "Read also") in the last part of a page:
#: navigation, whose tolls are no figures of this article (docs/coding-guide-casualties.md)
RELATED = re.compile(r"\b(?:Related(?: News| Coverage| Articles| Stories)?|Read [Aa]lso|READ ALSO|Read more)\b")
#: where, as a share of the text, such a marker may start the page's tail
TAIL_FROM = 0.4


#: sentence ends (". ") after a marker from which the marker is an inline link in the body ("Read
#: more here <headline> The opposition fighters launched …", a dozen prose sentences on), not the
#: start of the page's tail: on the tune rows the tails hold at most 5, the one inline link 13
INLINE_SENTENCES = 8


def page_tail(text: str) -> int:
    """Offset where a trailing list of related headlines starts (``len(text)`` when none); a
    marker followed by ``INLINE_SENTENCES`` sentences of prose or more is a link inside the body."""
    for m in RELATED.finditer(text):
        if m.start() >= TAIL_FROM * len(text) and text.count(". ", m.end()) < INLINE_SENTENCES:
            return m.start()
    return len(text)


def _readings(doc: Doc, sents: Sequence[Span], lex: CasualtyLexicon, tail: int | None = None) -> list[_Figure]:
    """Every quantity of the document that counts victims (elliptical ones included), none in
    the related-headlines tail of the page."""
    out: list[_Figure] = []
    for si, sent in enumerate(sents):
        if tail is not None and sent.start_char >= tail:
            break
        for q in find_quantities(doc, lex, sent.start, sent.end):
            if tail is not None and doc[q.first].idx >= tail:
                break
            r = read_quantity(doc, q, lex)
            if r.kind:
                out.append(_Figure(q, r, si, r.kind))
                continue
            previous = _elliptic_source(doc, q, r, si, out)
            if previous is not None:
                r.kind, r.how = previous.kind, f"ellipsis>{previous.r.how}"
                r.predicate = previous.r.predicate
                r.span = r.span if r.span != (0, 0) else (q.first, q.last)
                out.append(_Figure(q, r, si, previous.kind))
                continue
            part = _total_of_part(doc, q, r, si, out, lex) if PART_OF_TOTAL else None
            if part is not None:
                r.kind, r.how, r.predicate = part[0], "part-of-group", part[1]
                r.span = r.span if r.span != (0, 0) else (q.first, q.last)
                out.append(_Figure(q, r, si, part[0]))
    return out


#: switch (casualties37; on, it passed its bar: benchmarks/casualties_part_of_total.py): a count
#: of people with no casualty predicate of its own that an inclusion word makes part of a group
#: is a subset, of the group's kind: the group a
#: casualty noun names ("The dead include 5 women", "three guards were among the victims"), else
#: the nearest larger figure before it in its sentence ("the toll rose to 31 on Monday, including
#: 12 civilians", "… had shot 27 prisoners, among them 4 boys")
PART_OF_TOTAL = True
#: the words that make a count part of a group: before the count, or its governor
INCLUSION = frozenset({"include", "including", "among", "amongst"})
#: tokens before the count in which an inclusion word opens its phrase ("including at least 20")
INCLUSION_WINDOW = 4
#: conjuncts and appositions climbed from the count to the phrase the clause governs ("a teacher,
#: a driver and two policemen were among the dead")
_CLIMB = 3


def _clause_noun(node: Token) -> Token:
    """The first conjunct of ``node``'s coordination (at most ``_CLIMB`` steps up)."""
    for _ in range(_CLIMB):
        if node.dep_ not in ("conj", "appos") or node.head is node:
            break
        node = node.head
    return node


def _group_of_part(doc: Doc, node: Token, lex: CasualtyLexicon) -> tuple[str, int] | None:
    """The kind of the casualty group a count is part of by the parse: the subject of a clause
    with "among <group>" ("… are among the deceased"), the object of "include" whose subject is
    the group ("Victims include 8 children")."""
    n = _clause_noun(node)
    verb = n.head
    if n.dep_ in ("nsubj", "nsubjpass", "attr"):
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in ("among", "amongst"):
                for group in prep.children:
                    if group.dep_ == "pobj":
                        found = group_kind(doc, group, lex, 0)
                        if found:
                            return found
    if n.dep_ in ("dobj", "obj") and verb.lemma_.lower() == "include":
        for subject in verb.children:
            if subject.dep_ == "nsubj":
                found = group_kind(doc, subject, lex, 0)
                if found:
                    return found
    return None


def _included(doc: Doc, q: Quantity, node: Token, sent_start: int) -> bool:
    """An inclusion word (``INCLUSION``) opens the count's phrase or governs it."""
    before = doc[max(q.first - INCLUSION_WINDOW, sent_start):q.first]
    if any(t.lower_ in INCLUSION or t.lemma_.lower() in INCLUSION for t in before):
        return True
    head = _clause_noun(node).head
    return head.lower_ in INCLUSION or head.lemma_.lower() in INCLUSION


def _total_of_part(doc: Doc, q: Quantity, r: Reading, si: int, found: list[_Figure],
                   lex: CasualtyLexicon) -> tuple[str, int | None] | None:
    """The kind and predicate of a count with no predicate that is part of a group
    (``PART_OF_TOTAL``), else None; marks the reading a subset."""
    if r.how != "no-predicate":
        return None
    node = doc[r.node]
    group = _group_of_part(doc, node, lex)
    if group is not None:
        r.subset = True
        return group
    if not _included(doc, q, node, doc[q.first].sent.start):
        return None
    for fig in reversed(found):
        if fig.sent != si:
            return None
        if fig.r.subset or (fig.q.value <= q.value and not fig.q.vague):
            continue
        r.subset = True
        return fig.kind, fig.r.predicate
    return None


def _title_case(tokens: Span, lex: CasualtyLexicon) -> bool:
    """Headline case: at least three capitalised words, the others short ones ("to", "of")."""
    words = [t.text for t in tokens if t.is_alpha]
    capital = [w for w in words if w[0].isupper()]
    return len(capital) >= 3 and all(w[0].isupper() or w.lower() in lex.headline_small_words for w in words)


def _related_headline(doc: Doc, fig: _Figure, figures: Sequence[_Figure], lex: CasualtyLexicon) -> bool:
    """A count inside a related-story headline run into the body ("... Besieged Towns to Aleppo
    Over 20 Dead MOSCOW (Sputnik) ..."): after the first sentence, the four words before it and
    the word after it are in headline case, and no other figure of the article repeats it (a
    sub-headline that repeats the article's own toll stays)."""
    if fig.sent == 0:
        return False
    first, last = first_last(fig)
    before, after = doc[max(first - 4, 0):first], doc[last + 1:last + 2]
    if not after or not after[0].is_alpha or not after[0].text[0].isupper() or not _title_case(before, lex):
        return False
    return not any(o is not fig and o.kind == fig.kind and o.q.value == fig.q.value for o in figures)


def _elliptic_source(doc: Doc, q: Quantity, r: Reading, si: int, found: list[_Figure]) -> _Figure | None:
    """The figure a bare count continues: "and another five", "10 others", "12 of them"."""
    if r.how != "no-predicate" or not found:
        return None
    before = doc[q.first - 1].lower_ if q.first > 0 else ""
    counted = doc[r.counted].lower_ if r.counted is not None else ""
    last = found[-1]
    if counted in PARTITIVE_PRONOUNS and last.sent >= si - 1:
        r.subset = True
        return last
    if doc[r.node].dep_ not in GAPPED:
        return None  # a count with a word of its own to hang on is no ellipsis ("eight others experienced")
    if (before in ELLIPTIC_BEFORE or counted in ELLIPTIC_NOUNS) and last.sent == si:
        return last
    return None


def _fill_victims(doc: Doc, figures: list[_Figure], lex: CasualtyLexicon) -> None:
    """Victims from the counted noun, else from the figure a bare count continues."""
    for i, fig in enumerate(figures):
        fig.victims = victims_of(doc, fig.r.counted, lex)
        if fig.victims is not None:
            continue
        prev = figures[i - 1] if i > 0 and figures[i - 1].sent == fig.sent else None
        inherited = prev.victims if prev is not None else None
        counted = doc[fig.r.counted].lower_ if fig.r.counted is not None else ""
        if counted in ("others", "other") and inherited in ("children", "women"):
            inherited = "people"
        fig.victims = inherited or "people"


# -- sources ------------------------------------------------------------------------------------

def _resolve(span: SourceSpan, doc: Doc, mentions: Sequence[Mention], known: Mapping[str, Actor]) -> Source:
    """Offsets and text of a source, and the KB actor of the mention that covers its head word
    ("the Syrian Observatory for Human Rights" -> SOHR; "a source at the police command" stays
    words). A description followed by the name it is known by ("the organisation known as the
    White Helmets") runs to the end of that name."""
    head = doc[span.head]
    last = max(span.last, _known_as(head))
    start, end = doc[span.first].idx, doc[last].idx + len(doc[last])
    kb = [m for m in mentions if m.method != "provisional" and m.start < end and start < m.end]
    covering = [m for m in kb if m.start <= head.idx < m.end]
    named = [m for m in kb if getattr(known.get(m.actor), "kind", None) in SOURCE_KINDS]
    actor = (covering or named)[0].actor if covering or named else None
    if actor is None:
        actor = _by_name_word(head.lemma_.lower(), start, mentions, known)
    return Source(doc[span.first:last + 1].text, start, end, actor)


def _known_as(head: Token) -> int:
    """The last token of the name in "<description> known as <name>" after a source's head
    word, or -1."""
    for acl in head.children:
        if acl.dep_ == "acl" and acl.lemma_.lower() == "know":
            for prep in acl.children:
                if prep.dep_ == "prep" and prep.lower_ == "as":
                    names = [t.i for g in prep.children if g.dep_ == "pobj" for t in g.subtree]
                    if names:
                        return max(names)
    return -1


def _by_name_word(head: str, before: int, mentions: Sequence[Mention], known: Mapping[str, Actor]) -> str | None:
    """ "the observatory" after "the Syrian Observatory for Human Rights": the head word of a
    source is a word of the name of a KB actor mentioned earlier."""
    if len(head) < 5:
        return None
    for m in sorted((m for m in mentions if m.start < before), key=lambda m: -m.start):
        actor = known.get(m.actor)
        name_words = {w.lower() for w in (actor.name if actor else m.text).split()}
        if head in name_words and m.method != "provisional":
            return m.actor
    return None


SentenceSources = list[list[tuple[SourceSpan, Source]]]


def _sentence_sources(doc: Doc, sents: Sequence[Span], lex: CasualtyLexicon, mentions: Sequence[Mention],
                      known: Mapping[str, Actor]) -> SentenceSources:
    """Each sentence's sources, pronouns replaced by the nearest earlier full source; a definite
    description ("the group said") takes the actor of the earlier source it agrees with
    (``descriptions``), keeping its own words."""
    out: SentenceSources = []
    last_full: Source | None = None
    earlier: list[tuple[str, str | None]] = []
    for sent in sents:
        here = []
        for span in find_sources(sent, lex):
            if span.pronoun:
                if last_full is not None:
                    here.append((span, last_full))
                continue
            last_full = _resolve(span, doc, mentions, known)
            nouns = description_nouns(doc[span.first:span.last + 1], doc[span.head]) if last_full.actor is None else None
            if nouns is not None:
                last_full.actor = referent(nouns, earlier, known, descriptions.AGREEMENT_SHARE, descriptions.NEAREST_ONLY)
            earlier.append((last_full.text, last_full.actor))
            here.append((span, last_full))
        out.append(here)
    return out


def _pick(doc: Doc, fig: _Figure, candidates: list[tuple[SourceSpan, Source]],
          lex: CasualtyLexicon) -> Source | None:
    """The same-sentence source of a figure: the cue that governs it, else the nearest one
    (after the figure first: "..., the monitor said")."""
    node = doc[fig.r.node]
    # a source span that holds the figure's number, or its counted noun when that is no source
    # word ("20 Syrian Civilians Dead Reports": the parse's subject of "Reports" is the counted
    # noun; "15 injured Al-Manar correspondent reported" keeps the correspondent), is not its source
    counted = fig.r.counted
    if counted is not None and source_word(doc[counted], lex) and doc[counted].lemma_.lower() not in lex.victims:
        counted = None

    def holds_figure(s: SourceSpan) -> bool:
        return s.first <= fig.q.last and fig.q.first <= s.last or (counted is not None and s.first <= counted <= s.last)

    usable = [(s, src) for s, src in candidates if not holds_figure(s)]
    if not usable:
        return None
    governing = [(s, src) for s, src in usable if governs(s, node)]
    if governing:
        return min(governing, key=lambda c: abs(c[0].cue - node.i))[1]
    return min(usable, key=lambda c: (c[0].cue < node.i, abs(c[0].cue - node.i)))[1]


def _quoted(doc: Doc, sents: Sequence[Span], fig: _Figure, sources: SentenceSources,
            marks: Sequence[tuple[int, int]]) -> Source | None:
    """A figure inside a quotation takes the speaker named next to the quotation: after its
    closing mark, else before its opening mark."""
    quote = quotation_at(marks, doc[fig.q.first].idx)
    if quote is None:
        return None
    open_at, close_at = quote
    for si, sent in enumerate(sents):
        if sent.start_char <= close_at < sent.end_char:
            after = [src for span, src in sources[si] if doc[span.cue].idx > close_at]
            if after:
                return after[0]
        if sent.start_char <= open_at < sent.end_char:
            before = [src for span, src in sources[si] if doc[span.cue].idx < open_at]
            if before:
                return before[-1]
    return None


def quote_sources(text: str, quotes: Sequence[Quote], mentions: Sequence[Mention],
                  lex: CasualtyLexicon) -> list[tuple[int, int, Source]]:
    """(start, end, speaker) of the quotes stage's quotes whose speaker is named (vague
    "reports" name no one): the speaker's words are looked up around the quote."""
    out = []
    for q in quotes:
        words = q.speaker_text
        if not words or words.split()[-1].lower() in lex.not_sources or _not_reported(q.text, lex):
            continue
        hits = [i for i in _occurrences(text, words, q.start - 600, q.end + 600)]
        if not hits:
            continue
        at = min(hits, key=lambda i: min(abs(i - q.start), abs(i - q.end)))
        actor = q.speaker or next((m.actor for m in mentions if m.start < at + len(words) and at < m.end
                                   and m.method != "provisional"), None)
        out.append((q.start, q.end, Source(words, at, at + len(words), actor)))
    return out


def _not_reported(quoted: str, lex: CasualtyLexicon) -> bool:
    """A "quote" the quotes stage read off "claimed the lives of …" or "claimed responsibility"."""
    words = [w for w in quoted.lower().split()[:2] if w not in ("the", "a", "an")]
    return bool(words) and words[0].strip(".,\"'") in lex.not_reported_objects


def _occurrences(text: str, words: str, lo: int, hi: int) -> list[int]:
    found, i = [], text.find(words, max(0, lo))
    while 0 <= i <= hi:
        found.append(i)
        i = text.find(words, i + 1)
    return found


def _quote_speaker(doc: Doc, fig: _Figure, quoted: Sequence[tuple[int, int, Source]]) -> Source | None:
    """The named speaker of a quote around the figure (never a speaker span holding the figure)."""
    at, to = _char_span(doc, fig)
    inside = [src for start, end, src in quoted if start <= at < end and src.text.lower() not in PRONOUN_TEXTS
              and not (src.start < to and at < src.end)]
    return inside[0] if inside else None


#: how many tokens after a headline figure its credit may stand ("... in Daraa: monitor")
CREDIT_WINDOW = 15
#: what may stand right before a headline credit written in lower case
CREDIT_MARKS = {":", "-", "–", "—", "|"}


def _headline_credit(doc: Doc, head: Span, fig: _Figure, spans: list[tuple[SourceSpan, Source]],
                     lex: CasualtyLexicon, mentions: Sequence[Mention], known: Mapping[str, Actor]) -> Source | None:
    """A headline's credit without a verb ("12 dead in shelling on Daraa Monitor", "... in Idlib:
    monitoring group"): a source noun of ``headline_credits`` or a monitor named in the KB,
    capitalised or after a colon or dash, within a few tokens after the figure with no
    reporting verb in between (headline and lead often share one parsed sentence, so a verb
    further on that seems to govern the figure is the lead's)."""
    cues = {span.cue for span, _ in spans}
    inside = {k for span, _ in spans for k in range(span.first, span.last + 1)}
    first = fig.q.last + 1  # from the number on: the parse may read "58 Observatory" as one phrase
    cols = columns(doc)
    pos, lemma, text, idx = cols.pos, cols.lemma, cols.text, cols.idx
    for k in range(first, min(head.end, first + CREDIT_WINDOW)):
        if k in cues or (pos[k] == "VERB" and lemma[k] in lex.reporting_verbs):
            return None
        marked = cols.is_title[k] or cols.is_upper[k] or (k > head.start and text[k - 1] in CREDIT_MARKS)
        if not marked or k in inside:  # a source with its verb ("the monitor said") is the lead's
            continue
        for ph in lex.headline_credits:
            n = len(ph)
            if tuple(cols.lower[k:k + n]) == ph:
                return _resolve(SourceSpan(k, k + n - 1, k, k + n - 1), doc, mentions, known)
        named = next((m for m in mentions if m.start == idx[k] and m.method != "provisional"
                      and getattr(known.get(m.actor), "kind", None) == "monitor"), None)
        if named is not None:
            last = k
            while last + 1 < head.end and idx[last + 1] < named.end:
                last += 1
            return _resolve(SourceSpan(k, last, k, last), doc, mentions, known)
    return None


def _assign_sources(doc: Doc, sents: Sequence[Span], figures: list[_Figure], sources: SentenceSources,
                    lex: CasualtyLexicon, mentions: Sequence[Mention], known: Mapping[str, Actor],
                    quoted: Sequence[tuple[int, int, Source]] = (),
                    marks: Sequence[tuple[int, int]] = (), layout: Layout | None = None) -> None:
    """A headline's verbless credit for the headline's figures (``_headline_credit``); else same
    sentence, else the speaker of a quote around the figure (the quotes stage's, then the
    quotation marks'); else an earlier sentence's source when the figure continues its statement
    (``_carried``: the learned carry, ``carry.py``); else, for incident figures, the next
    sentence's when it goes on with the same account."""
    for fig in figures:
        fig.source = _pick(doc, fig, sources[fig.sent], lex)
        fig.extra["source_rule"] = "sentence"
        credit = _headline_credit(doc, sents[0], fig, sources[0], lex, mentions, known) if fig.sent == 0 else None
        if credit is not None:
            fig.source = credit
            fig.extra["source_rule"] = "headline-credit"
            continue
        if fig.source is None:
            fig.source = _quote_speaker(doc, fig, quoted)
            fig.extra["source_rule"] = "quotes-stage"
        if fig.source is None:
            fig.source = _quoted(doc, sents, fig, sources, marks)
            fig.extra["source_rule"] = "quote"
        if fig.source is not None:
            continue
        fig.source = _carried(doc, sents, fig, figures, sources, lex, layout)
        if fig.source is not None:
            fig.extra["source_rule"] = "previous"
            continue
        if fig.scope != "incident":
            continue
        nxt = fig.sent + 1
        if nxt + 1 < len(sents) and not sources[nxt] and _verbless(sents[nxt]):
            nxt += 1  # a photo credit or caption line between ("(TRT World and Agencies)")
        if nxt < len(sents) and sources[nxt] and _related(sents[nxt]) \
                and not _other_account(sents[nxt], [f for f in figures if f.sent == nxt], lex):
            fig.source = sources[nxt][0][1]
            fig.extra["source_rule"] = "next"


@dataclass(slots=True)
class Layout:
    """What the carry reads of the document beyond the parse: the text (paragraph breaks), per
    sentence whether it opens on a time expression and the places it names, and the decider
    (``CarryModel.decide``; None: the rule the model replaced)."""

    text: str
    opens_date: list[bool]
    places: list[frozenset[str]]
    carry: CarryDecider | None = None
    #: per sentence, the places and days it names (``openings.Scene``)
    scenes: list[Scene] = field(default_factory=list)


def layout_of(sents: Sequence[Span], text: str, times: Sequence[TimeExpr], places: Sequence[Place],
              lex: CasualtyLexicon, carry: CarryDecider | None = None) -> Layout:
    """The ``Layout`` of a document (one pass over its times and places)."""
    timed = _times_by_sentence(sents, times)
    opens = []
    for i, sent in enumerate(sents):
        edge = sent[min(3, len(sent) - 1)].idx if len(sent) else sent.start_char
        opens.append(fronted_day(sent, lex) or any(t.start <= edge for t in timed.get(i, ())))
    starts = [sent.start_char for sent in sents]
    named: list[set[str]] = [set() for _ in sents]
    for p in places:
        i = bisect.bisect_right(starts, p.start) - 1
        if i >= 0:
            named[i].add(p.name)
    days = [(t.value[:10], t.start) for t in times
            if t.value and t.type in ("DATE", "TIME") and t.precision in DAY_PRECISIONS]
    return Layout(text, opens, [frozenset(n) for n in named], carry,
                  scenes(sents, [(p.name, p.start) for p in places], days))


def _text_end(sent: Span) -> int:
    """Where a sentence's words end: the parse hangs the blank line after it on it as a space token."""
    doc = sent.doc
    for i in range(sent.end - 1, sent.start - 1, -1):  # the last token that is not white space
        if not doc[i].is_space:
            return doc[i].idx + len(doc[i])
    return sent.start_char


def _carried(doc: Doc, sents: Sequence[Span], fig: _Figure, figures: list[_Figure], sources: SentenceSources,
             lex: CasualtyLexicon, layout: Layout | None) -> Source | None:
    """The source of the nearest of the ``CARRY_DISTANCE`` sentences before the figure's (same
    paragraph) that names one, when the carry decides the figure continues its statement."""
    text = layout.text if layout is not None else doc.text
    for back in range(1, CARRY_DISTANCE + 1):
        j = fig.sent - back
        if j < 0 or not same_paragraph(text, _text_end(sents[j]), sents[fig.sent + 1 - back].start_char):
            return None
        if sources[j]:
            break
    else:
        return None
    source = sources[j][-1][1]
    first = next(f for f in figures if f.sent == fig.sent)
    continuing_first, continues = _continuing_figure(doc, first), _continues(doc, sents[fig.sent])
    points_back = _points_back(sents[fig.sent], lex)
    rule = back == 1 and fig.scope == "incident" and (
        continues or continuing_first or fig.r.subset or "ellipsis" in fig.r.how or points_back)
    if layout is None or layout.carry is None:
        return source if rule else None
    ctx = CarryContext(sents[fig.sent], sents[j], back, fig.kind, fig.scope, first_last(fig), fig.r.subset,
                       "ellipsis" in fig.r.how, points_back, continuing_first, continues,
                       tuple((f.kind, f.scope) for f in figures if f.sent == j), layout.opens_date[fig.sent],
                       bool(layout.places[fig.sent] - layout.places[j]))
    start, end = _char_span(doc, fig)
    discourse = discourse_decision(sents[fig.sent], sents[j], back, layout.scenes[fig.sent], layout.scenes[j]) \
        if layout.scenes else None
    candidate = CarryCandidate(start, end, fig.kind, fig.q.value, source.start, source.end, source.label,
                               carry_features(ctx, lex.reporting_verbs, lex.roundup_openers), rule, discourse)
    return source if layout.carry(candidate) else None


def _verbless(sent: Span) -> bool:
    """A line without a verb (a credit "(TRT World and Agencies)", a caption's label): no account."""
    return not any(t.pos_ in ("VERB", "AUX") for t in sent)


def _continuing_figure(doc: Doc, fig: _Figure) -> bool:
    """A sentence opening on "17 other civilians", "another 120 soldiers", "three more": it goes on
    with the previous sentence's account (a later "and 13 others" in the same sentence does not)."""
    first, last = first_last(fig)
    words = {t.lower_ for t in doc[max(first - 1, 0):last + 1]}
    return bool(words & {"other", "others", "another", "more", "additional", "further"}) or _partitive_back(doc, fig)


def _partitive_back(doc: Doc, fig: _Figure) -> bool:
    """A count of a group already named: "At least 22 of the jihadists were killed", "five of
    these fighters" (a number whose "of" phrase holds a definite plural)."""
    num = doc[fig.q.last]
    for prep in num.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.tag_ in ("NNS", "NNPS") and any(
                        d.dep_ == "det" and d.lower_ in ("the", "these", "those") for d in noun.children):
                    return True
    return False


def _continues(doc: Doc, sent: Span) -> bool:
    """Words that continue an earlier statement: "also", "another", "three more", or a sentence
    that opens on "And" ("And 313 people died in areas under siege")."""
    if len(sent) and sent[0].lower_ == "and":
        return True
    for tok in sent:
        if tok.lower_ in CONTINUING or (tok.lower_ == "more" and tok.i > sent.start and doc[tok.i - 1].like_num):
            return True
    return False


def _other_account(sent: Span, figures: Sequence[_Figure], lex: CasualtyLexicon) -> bool:
    """A next sentence that goes on to something else, so its source is not the figure's: it
    opens on a round-up word ("Separately, 40 soldiers were killed ..., a military source
    said"), or every figure it gives is a period total or an earlier incident ("Russian strikes
    have killed 1,200 civilians since the strikes began, the monitor said")."""
    words = tuple(t.lower_ for t in sent[:3])
    if any(words[:len(ph)] == ph for ph in lex.roundup_openers):
        return True
    return bool(figures) and all(f.scope != "incident" for f in figures)


def _points_back(sent: Span, lex: CasualtyLexicon) -> bool:
    """A sentence whose subject opens on "The attacks", "This shelling", "The blast": it goes on
    with the incident the previous sentence's source told of ("A police source said rockets hit
    the city. The attacks claimed the lives of five")."""
    if len(sent) < 3 or sent[0].lower_ not in ("the", "this", "these"):
        return False
    noun = sent[1]
    return noun.lemma_.lower() in lex.incident_nouns and noun.dep_ in ("nsubj", "nsubjpass")


def _related(sent: Span) -> bool:
    """A next sentence that stays with the account: none of its words turns to who was
    responsible, a denial or a claim. "claiming the lives of two", "claimed the life of a girl"
    is a casualty verb of the same account, not a claim of responsibility."""
    return not any(t.lemma_.lower() in UNRELATED and not _claims_lives(t) for t in sent)


#: objects of "claim" that make it a casualty verb ("claiming the lives of ...")
LIVES = frozenset({"life", "lives"})


def _claims_lives(tok: Token) -> bool:
    """ "claim" with "life"/"lives" as its object (or as the next noun when the parse hangs it
    elsewhere: "claiming lives of 23 civilians")."""
    if tok.lemma_.lower() != "claim":
        return False
    if any(c.dep_ in ("dobj", "obj") and c.lower_ in LIVES for c in tok.children):
        return True
    after = [t for t in tok.doc[tok.i + 1:tok.i + 4] if not t.is_punct]
    return any(t.lower_ in LIVES for t in after[:2])


# -- scope, links, events -------------------------------------------------------------------------

def _scope_all(doc: Doc, sents: Sequence[Span], figures: list[_Figure], lex: CasualtyLexicon,
               times: Sequence[TimeExpr], published: date | None, decide: ScopeDecider,
               places: Sequence[Place] = (), text: str | None = None) -> None:
    """Each figure's scope. A figure dated a day or more before the article's first dated
    figure (the lead incident), outside the lead, is an earlier incident ("On Tuesday seven
    civilians were killed" after Wednesday's attack)."""
    lead: date | None = None
    lead_killed: int | None = None
    text = doc.text if text is None else text
    long_sents = sentences_long_before(sents, times, published, lex)
    earlier_sents = dated_long_before(sents, times, published, lex, long_sents)
    lead_dated = False  # the lead's day comes from the text, not from the publication date
    periods = _period_sentences(sents, figures, lex)
    for fig in figures:
        pred = doc[fig.predicate]
        status = fig.event.status if fig.event is not None else None
        feats = scope_features(pred, sents[fig.sent], value=fig.q.value, kind=fig.kind, how=fig.r.how, lex=lex,
                               node=doc[fig.r.node], times=times, published=published, event_status=status,
                               sentence_index=fig.sent, places=places, text=text, vague=fig.q.vague,
                               sentences=len(sents))
        when = zone_date(columns(doc), zone_indices(pred, doc[fig.r.node], lex), times)
        if lead is None and when is not None:
            lead, lead_dated = when, True
        elif lead is not None and fig.sent > 1 and _before_lead(when, lead if when or lead_dated else None,
                                                                sents[fig.sent], lex):
            feats["before_lead"] = 1.0
            if fronted_day(sents[fig.sent], lex):
                feats["fronted_day"] = 1.0
        feats.update(_neighbour_features(fig, figures, sents, lex, earlier_sents, lead_killed))
        if fig.sent - 1 in periods:
            feats["period_before"] = 1.0  # running_context.PERIOD_BEFORE: "... has been shelled since May. N have been killed"
        if above_lead_period(feats, fig.kind, fig.q.value, lead_killed):
            feats["above_lead_period"] = 1.0  # "killing at least 16 people since Thursday" after a day's 8
        if fig.sent >= 1 and fig.sent in long_sents:
            feats["sent_long_before"] = 1.0  # "… over an August 21 gas attack the US says killed 1400" in October
        if recalled_attack(pred, lex):
            feats["recalled_attack"] = 1.0  # "blamed France for the massacre that claimed 1127 lives"
        fig.extra["features"] = feats
        fig.scope = decide(feats)
        partner = _coordinated_with(doc, fig, figures) or _state_partner(doc, fig, figures)
        if fig.scope == "incident" and partner is not None and partner.scope != "incident":
            fig.scope = partner.scope  # "has killed 470000 and left 1.9 million injured"
        if lead is None and fig.scope == "incident":
            lead = when or published
        if lead_killed is None and fig.scope == "incident" and fig.kind == "killed" and not fig.r.subset:
            lead_killed = fig.q.value
    _same_toll_same_scope(figures)


def _background_all(doc: Doc, sents: Sequence[Span], figures: list[_Figure], lex: CasualtyLexicon,
                    published: date | None, places: Sequence[Place], mentions: Sequence[Mention],
                    quotes: Sequence[Quote], decide: BackgroundDecider, sources: SentenceSources) -> None:
    """The background decision on every figure, from features computed for all figures first
    (no decision feeds another figure's features)."""
    views = [FigureView(f.sent, f.kind, f.q.value, _char_span(doc, f)[0], f.scope, f.extra["features"],
                        bool(f.r.subset)) for f in figures]
    keys = [frozenset(source_key(src.text, src.actor) for _, src in here) for here in sources]
    article = article_view(sents, lex, views, keys)
    feats = [background_features(sents, views, i, lex=lex, published=published, places=places,
                                 mentions=mentions, quotes=quotes, article=article) for i in range(len(views))]
    for fig, fv in zip(figures, feats, strict=True):
        fig.extra["background_features"] = fv
        fig.scope = decide(fig.scope, fv)


def _neighbour_features(fig: _Figure, figures: list[_Figure], sents: Sequence[Span], lex: CasualtyLexicon,
                        earlier_sents: set[int], lead_killed: int | None) -> dict[str, float]:
    """Scope features from the figures before this one and the neighbouring sentence."""
    feats: dict[str, float] = {}
    if fig.sent > 1 and fig.sent - 1 in earlier_sents and _opens_on_pronoun(sents[fig.sent], lex) \
            and not any(f.sent == fig.sent - 1 for f in figures):
        feats["prev_much_earlier"] = 1.0  # "... an attack on March 19. It said 26 were killed."
    if lead_killed is not None and fig.q.value >= ABOVE_LEAD * lead_killed:
        feats["above_lead"] = 1.0  # "at least 502 civilians have been killed" after a lead of 17
    earlier = figures[:figures.index(fig)]
    if any(f.sent == fig.sent - 1 and f.scope == "war_total" for f in earlier):
        feats["after_total"] = 1.0  # "... over the past year. Meanwhile rebel fire killed 1102"
    if any(f.sent == fig.sent and f.scope == "war_total" and f.kind == fig.kind for f in earlier):
        feats["total_in_sentence"] = 1.0  # "The deaths include 65, among them 22 children killed ..."
    if any(f.scope == "incident" and f.kind == fig.kind and f.q.value != fig.q.value for f in earlier):
        feats["after_incident"] = 1.0  # "A bomb killed 6 on Tuesday. Last month's strike killed 38"
    if any(f.scope == "incident" and f.kind == fig.kind and f.q.value == fig.q.value for f in earlier):
        feats["repeats_incident"] = 1.0  # the lead's "45 killed in 24 hours" told again
    return feats


#: a figure this many times the article's first incident killed toll is "above the lead": with
#: the perfect and nothing tying it to one incident, a running count (scope.rule_scope)
ABOVE_LEAD = 3

#: issue 12 (casualties35): a killed count bounded by a period of days ("since Thursday", "over
#: the past three days", "in the last week", ``PERIOD_FORMS``) is "above the lead" from
#: ``PERIOD_ABOVE_LEAD`` times the lead's toll, not ``ABOVE_LEAD``: the running count includes
#: the lead's day, so any ratio above 1 may be one. The ratio is fitted on the tune half by
#: ``benchmarks/casualties_since_ratio.py`` (the widest-margin cut between 1 and the smallest
#: ratio of a gold running total of the form: 1.27 on the 249 tune articles, 1.27 or 1.65 leaving
#: one wave out). The switch ``PERIOD_RATIO`` passed the lead's bar for rare classes there
#: (docs/benchmarks.md, casualties35) and is on; off, only ``ABOVE_LEAD`` is read, as before.
PERIOD_RATIO = True
PERIOD_ABOVE_LEAD = 1.27
#: the scope features of a count bounded by a period of days (scope.scope_features)
PERIOD_FORMS = ("day_bounds_period", "since=recent", "period=D", "period=W")


def above_lead_period(feats: dict[str, float], kind: str, value: int, lead_killed: int | None,
                      ratio: float | None = None) -> bool:
    """With the switch on (or a ``ratio`` given): a killed count of a period form
    (``PERIOD_FORMS``) at least ``PERIOD_ABOVE_LEAD`` (or ``ratio``) times the lead's toll."""
    if ratio is None:
        if not PERIOD_RATIO:
            return False
        ratio = PERIOD_ABOVE_LEAD
    return kind == "killed" and lead_killed is not None and lead_killed > 0 and value >= ratio * lead_killed \
        and any(feats.get(k) for k in PERIOD_FORMS)


#: below this a repeated count may be a coincidence, not the same toll told again
SAME_TOLL_MIN = 10


def _same_toll_same_scope(figures: list[_Figure]) -> None:
    """An article that returns to an earlier incident or a period total it has already named
    ("days after a bombing killed more than 120 evacuees" ... "the blast killed more than 120")
    repeats its toll: a later incident figure of the same kind and value as an earlier
    background or war-wide figure takes that scope, unless the headline gives the toll as
    the article's own. Parts ("10 children among 48") and vague or hedged counts ("dozens")
    repeat by chance and are left alone."""
    told: dict[tuple[str, int], str] = {}
    headline = {(f.kind, f.q.value) for f in figures if f.sent == 0 and f.scope == "incident"}
    for fig in figures:
        key = (fig.kind, fig.q.value)
        if fig.q.value < SAME_TOLL_MIN or key in headline or fig.r.subset or fig.q.approximate:
            continue
        if fig.scope != "incident":
            told.setdefault(key, fig.scope)
        elif key in told:
            fig.scope = told[key]
            fig.extra["features"]["same_toll_as_earlier"] = 1.0


def _before_lead(when: date | None, lead: date | None, sent: Span, lex: CasualtyLexicon) -> bool:
    """Whether a figure's day lies before the lead incident's: its zone's date, or, when the time
    stage resolved none and the lead's day comes from the text (``lead`` not ``None``), a
    sentence-opening weekday other than the lead's ("Saturday's convoy attack killed 126" after a
    Wednesday lead: news tells no future tolls)."""
    if lead is None:
        return False
    if when is not None:
        return (lead - when).days >= 1
    day = fronted_weekday(sent, lex)
    return day is not None and day != WEEKDAYS[lead.weekday()]


def _opens_on_pronoun(sent: Span, lex: CasualtyLexicon) -> bool:
    """ "It said 26 people were killed": the sentence goes on with the previous one's subject."""
    first = next((t for t in sent if not t.is_punct and not t.is_space), None)
    return first is not None and first.lower_ in lex.pronouns


def dated_long_before(sents: Sequence[Span], times: Sequence[TimeExpr], published: date | None,
                      lex: CasualtyLexicon, long_before: set[int] | None = None) -> set[int]:
    """Indices of the sentences after the headline whose dates all lie long before publication
    ("... the government reported an attack on March 19.") and that a sentence with no time
    expression of its own follows: a figure there that opens on a pronoun ("It said 26 people
    were killed.") continues that account of an earlier incident (when the dated sentence gives no figure itself: a
    figure's own scope rules otherwise)."""
    if long_before is None:
        long_before = sentences_long_before(sents, times, published, lex)
    if not long_before:
        return set()
    timed = set(_times_by_sentence(sents, times))
    return {i for i in long_before if i + 1 not in timed}


def _times_by_sentence(sents: Sequence[Span], times: Sequence[TimeExpr]) -> dict[int, list[TimeExpr]]:
    """Sentence index -> the time expressions that start inside it (one pass over the times,
    each placed by a binary search over the sentence starts)."""
    starts = [sent.start_char for sent in sents]
    out: dict[int, list[TimeExpr]] = {}
    for t in times:
        i = bisect.bisect_right(starts, t.start) - 1
        if i >= 0 and t.start < sents[i].end_char:
            out.setdefault(i, []).append(t)
    return out


#: the time stage's value of a past reference word ("recent", "recently", "earlier")
PAST_REF = "PAST_REF"


def sentences_long_before(sents: Sequence[Span], times: Sequence[TimeExpr], published: date | None,
                          lex: CasualtyLexicon) -> set[int]:
    """Indices of the sentences after the headline that have time expressions, all of them
    long before publication (``scope.long_before_publication``). A past reference word
    ("recent", "recently": ``PAST_REF``) dates nothing and agrees with any earlier date, so it
    neither counts nor vetoes ("Late March media reported that 200 were killed in recent air
    strikes" in an April article); a sentence needs one dated expression."""
    if published is None:
        return set()
    out: set[int] = set()
    for i, inside in _times_by_sentence(sents, times).items():
        dated = [t for t in inside if t.value != PAST_REF]
        if i >= 1 and dated and all(long_before_publication(t, published, lex.months) for t in dated):
            out.add(i)
    return out


#: words that may stand before a sentence-opening weekday ("On Tuesday", "Late on Monday")
DAY_OPENERS = {"on", "late", "early", "earlier", "last", "and", "but", "meanwhile"}


#: weekday names in ``date.weekday()`` order
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def fronted_weekday(sent: Span, lex: CasualtyLexicon) -> str | None:
    """The weekday a sentence opens on ("On Tuesday seven civilians were killed ...", "Saturday's
    convoy attack killed ..." with or without its apostrophe), else ``None``."""
    cols = columns(sent.doc)
    words = [cols.lower[i] for i in range(sent.start, min(sent.start + 5, sent.end))
             if not cols.is_punct[i] and cols.lower[i] not in ("'s", "’s")]
    for word in words[:3]:
        for form in (word, word.removesuffix("'s").removesuffix("’s"), word.removesuffix("s")):
            if form in lex.weekdays:
                return form
        if word not in DAY_OPENERS:
            return None
    return None


def fronted_day(sent: Span, lex: CasualtyLexicon) -> bool:
    """Whether the sentence opens on a weekday: the writer moves to another day, and after a
    later lead incident that day's toll is an earlier incident's."""
    return fronted_weekday(sent, lex) is not None


def _coordinated_with(doc: Doc, fig: _Figure, figures: list[_Figure]) -> _Figure | None:
    """An earlier figure of the same sentence whose predicate this one's is coordinated with."""
    pred = doc[fig.predicate]
    chain = {pred.i}
    tok = pred
    for _ in range(6):
        if tok.dep_ not in ("conj", "acl", "amod", "oprd", "dobj", "nsubj", "nsubjpass", "pobj", "prep") \
                or tok.head.i == tok.i:
            break
        tok = tok.head
        chain.add(tok.i)
    for other in figures:
        if other is fig or other.sent != fig.sent or other.q.first > fig.q.first:
            continue
        if doc[other.predicate].i in chain or any(c.i in chain for c in doc[other.predicate].conjuncts):
            return other
    return None


def _state_partner(doc: Doc, fig: _Figure, figures: list[_Figure]) -> _Figure | None:
    """With ``running_context.COORDINATED_STATE`` on: an earlier figure of the same sentence whose
    state predicate completes a verb of this one's chain ("had left 60 people dead and another 90
    wounded"), else None."""
    if not running_context.COORDINATED_STATE:
        return None
    earlier = [f for f in figures if f is not fig and f.sent == fig.sent and f.q.first < fig.q.first]
    k = running_context.state_partner(doc[fig.predicate], [doc[f.predicate] for f in earlier])
    return earlier[k] if k is not None else None


def _period_sentences(sents: Sequence[Span], figures: list[_Figure], lex: CasualtyLexicon) -> set[int]:
    """With ``running_context.PERIOD_BEFORE`` on: the sentences that run a war-wide period and
    carry no figure (``running_context.period_sentences``), else none."""
    if not running_context.PERIOD_BEFORE:
        return set()
    return running_context.period_sentences(sents, lex, {f.sent for f in figures})


def _link_subsets(doc: Doc, figures: list[_Figure]) -> None:
    """``subset_of``: the figure whose noun the parse names as the total, else the nearest earlier
    figure of the same kind in the same or the previous sentence that is not itself a part."""
    for i, fig in enumerate(figures):
        if not fig.r.subset:
            continue
        total = None
        if fig.r.total is not None:
            total = next((f for f in figures if f is not fig and fig.r.total in (f.r.node, f.r.counted)), None)
        if total is None:
            total = next((f for f in reversed(figures[:i]) if f.kind == fig.kind and not f.r.subset
                          and f.sent >= fig.sent - 1), None)
        fig.subset_of = total.id if total is not None else None


def _fronted_partitive(doc: Doc, sents: Sequence[Span], figures: list[_Figure]) -> None:
    """A sentence that opens on "Of the N …" ("Of the 45 civilians killed, the highest number
    were in Qaterji, where raids claimed 17 lives") splits that total: the sentence's smaller
    counts of the same kind are its parts (``subset_of``; ``_parts_follow_their_total`` then
    gives them its scope)."""
    for total in figures:
        sent = sents[total.sent]
        first = total.q.first
        if first - sent.start != 2 or doc[sent.start].lower_ != "of" or doc[sent.start + 1].lower_ != "the":
            continue
        for fig in figures:
            if fig is not total and fig.sent == total.sent and fig.kind == total.kind \
                    and fig.q.value < total.q.value and fig.subset_of is None:
                fig.subset_of = total.id


def _parts_follow_their_total(figures: list[_Figure]) -> None:
    """A part of a period total or of an earlier incident ("... 93 residents since Friday. The
    dead include 41 people, 17 of them children") is counted over the same period: it
    takes its total's scope and leaves the event."""
    by_id = {f.id: f for f in figures}
    for fig in figures:
        total = by_id.get(fig.subset_of) if fig.subset_of else None
        if total is not None and total.scope != "incident" and fig.scope == "incident" \
                and not (fig.extra["features"].get("day_date") and not total.extra["features"].get("day_date")):
            # a part dated to a day its total does not name ("five children were among the dead
            # on Monday" after "bringing to 45 the number killed in 24 hours") is the day's incident
            fig.scope, fig.event = total.scope, None
            fig.extra["features"]["part_of_total"] = 1.0


def _supersede(figures: list[_Figure]) -> None:
    """An earlier toll the text replaces: "a previous toll of 112", or a smaller earlier toll of
    the same count and source before "rose to 45"."""
    for i, fig in enumerate(figures):
        if fig.r.superseded:
            fig.superseded = True
        if not fig.r.update or fig.scope != "incident":
            continue  # a period total raised to a value replaces no incident's toll
        for prev in figures[:i]:
            same_source = prev.source is None or fig.source is None or prev.source.label == fig.source.label
            if prev.kind == fig.kind and prev.q.value < fig.q.value and not prev.r.subset \
                    and prev.scope == "incident" and fig.sent - prev.sent <= 6 and same_source:
                prev.superseded = True


@dataclass(slots=True)
class Extraction:
    """What ``extract`` finds in one document: the figures, and the source of each event's
    sentence (for events the event stage left without one)."""

    casualties: list[Casualty]
    event_sources: dict[str, Source] = field(default_factory=dict)


def extract(doc: Doc, *, document: str, lexicon: CasualtyLexicon, anchors: Sequence[EventAnchor] = (),
            mentions: Sequence[Mention] = (), actors: Sequence[Actor] = (), times: Sequence[TimeExpr] = (),
            quotes: Sequence[Quote] = (), published: date | None = None,
            scope: ScopeDecider | None = None, places: Sequence[Place] = (), text: str | None = None,
            background: BackgroundDecider | None = None, carry: CarryDecider | None = None) -> Extraction:
    """Every casualty figure of ``doc`` (see the module docstring) and the events' sources;
    ``scope`` decides scope from the features of ``scope.scope_features`` (default:
    ``scope.rule_scope``); ``places`` (the place stage's) tell a country-wide count from a
    local one. ``text``: ``doc.text`` when the caller has it (``Doc.text`` joins every token on
    each access). ``background`` (the learned ``BackgroundModel.decide``) may then move a figure
    from the article's incident to an earlier one, from features of the whole article. ``carry``
    (the learned ``carry.CarryModel.decide``) decides whether a figure without a source of its
    own takes an earlier sentence's; without it the rule it replaced decides."""
    sents = list(doc.sents)
    text = doc.text if text is None else text
    columns(doc, text)  # the readers' token columns (``tokens``), with the text they cut sentences from
    figures = _readings(doc, sents, lexicon, page_tail(text))
    figures = [f for f in figures if not _related_headline(doc, f, figures, lexicon)]
    if not figures and not anchors:
        return Extraction([])
    known = {a.id: a for a in actors}
    sources = _sentence_sources(doc, sents, lexicon, mentions, known)
    _fill_victims(doc, figures, lexicon)
    for fig in figures:
        fig.event = attach(doc[fig.predicate], sents[fig.sent], fig.kind, anchors, lexicon)
        start, end = _char_span(doc, fig)
        fig.id = casualty_id(document, start, end, fig.kind)
    _scope_all(doc, sents, figures, lexicon, times, published, scope or rule_scope, places, text)
    if background is not None:
        _background_all(doc, sents, figures, lexicon, published, places, mentions, quotes, background, sources)
    for fig in figures:
        if fig.scope != "incident":
            fig.event = None
    _assign_sources(doc, sents, figures, sources, lexicon, mentions, known,
                    quote_sources(text, quotes, mentions, lexicon), quotation_marks(text),
                    layout_of(sents, text, times, places, lexicon, carry))
    _link_subsets(doc, figures)
    _fronted_partitive(doc, sents, figures)
    _parts_follow_their_total(figures)
    _supersede(figures)
    for fig in figures:
        fig.extra["side"] = side_of(doc, fig, mentions, known)
    records = [_record(doc, sents, fig, document) for fig in figures]
    return Extraction(records, _event_sources(doc, sents, anchors, figures, sources))


def _event_sources(doc: Doc, sents: Sequence[Span], anchors: Sequence[EventAnchor], figures: list[_Figure],
                   sources: SentenceSources) -> dict[str, Source]:
    """The source of each event: its figures' source, else a source whose cue governs the
    trigger in its sentence, else (for a ``reported`` event) the nearest source of the sentence."""
    out: dict[str, Source] = {}
    for fig in figures:
        if fig.event is not None and fig.source is not None:
            out.setdefault(fig.event.id, fig.source)
    starts = [s.start_char for s in sents]
    for anchor in anchors:
        if anchor.id in out:
            continue
        si = max(0, bisect.bisect_right(starts, anchor.start) - 1)
        trigger = doc.char_span(anchor.start, anchor.end, alignment_mode="expand")
        if trigger is None or not sources[si]:
            continue
        governing = [src for span, src in sources[si] if governs(span, trigger.root)]
        if governing:
            out[anchor.id] = governing[0]
        elif anchor.status == "reported":
            out[anchor.id] = min(sources[si], key=lambda c: abs(doc[c[0].cue].idx - anchor.start))[1]
    return out


def first_last(fig: _Figure) -> tuple[int, int]:
    """First and last token of a figure's phrase."""
    return fig.r.span if fig.r.span != (0, 0) else (fig.q.first, fig.q.last)


def _char_span(doc: Doc, fig: _Figure) -> tuple[int, int]:
    first, last = first_last(fig)
    cols = columns(doc)
    return cols.idx[first], cols.idx[last] + len(cols.text[last])


#: actor kinds that are a side of the fighting ("Islamic State fighters", "regime soldiers")
SIDE_KINDS = {"armed_group", "military", "state", "government_body"}


def side_of(doc: Doc, fig: _Figure, mentions: Sequence[Mention], known: Mapping[str, Actor]) -> str | None:
    """The armed or state group the counted people belong to, named inside the figure's own
    noun phrase (a modifier, a possessive, an "of" complement: "30 regime soldiers", "fighters
    of the Islamic State group"); never a side named elsewhere in the sentence."""
    if fig.r.counted is None:
        return None
    cols = columns(doc)
    dep, idx, text = cols.dep, cols.idx, cols.text
    keep = [t for t in cols.subtree(fig.r.counted) if dep[t] not in ("relcl", "acl", "appos", "conj", "cc")]
    start, end = min(idx[t] for t in keep), max(idx[t] + len(text[t]) for t in keep)
    sides = {m.actor for m in mentions if start <= m.start and m.end <= end
             and getattr(known.get(m.actor), "kind", None) in SIDE_KINDS}
    return sides.pop() if len(sides) == 1 else None  # "regime and rebel fighters": no one side


def _record(doc: Doc, sents: Sequence[Span], fig: _Figure, document: str) -> Casualty:
    start, end = _char_span(doc, fig)
    sent = sents[fig.sent]
    src = fig.source
    return Casualty(
        side=fig.extra.get("side"),
        id=fig.id, document=document, kind=fig.kind, victims=fig.victims or "people",  # type: ignore[arg-type]
        best=fig.q.value, start=start, end=end, text=doc[first_last(fig)[0]:first_last(fig)[1] + 1].text,
        evidence=Evidence(sent.start_char, sent.end_char, columns(doc).span_text(sent)),
        low=fig.q.low, high=fig.q.high, approximate=fig.q.approximate,
        scope=fig.scope, event=fig.event.id if fig.event is not None else None,  # type: ignore[arg-type]
        subset_of=fig.subset_of, superseded=fig.superseded,
        attributed_to=src.label if src is not None else None,
        source_text=src.text if src is not None else None,
        source_start=src.start if src is not None else None,
        source_end=src.end if src is not None else None,
    )
