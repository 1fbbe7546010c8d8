"""Factual status of an event from the dependency parse: the PLOVER auxiliary modes.

Walks from the event's anchor token up its chain of governing heads and collects
*cues*, each tagged with the depth at which it was found: negation (not/never/no/failed
to/avoid), modal auxiliaries, conditionals (if/unless/in the event that), epistemic and
counterfactual frames ("impossible to believe", "hard to imagine", "no signs that",
"premature to predict", "unlikely", "can't be ruled out"), purpose and aim frames
("a motive to strike", "its aim is to"), future markers (will, plans to, is set to,
upcoming), attribution (reporting verbs, "according to", "accused X of", quotation
marks, "reportedly") and background markers ("since 2011", "over the years", an old date).

The walk stops where the governing clause no longer scopes over the event: at relative
clauses, at adverbial clauses that are not conditional ("while", "as", "because"), at
presupposing prepositions ("despite", "after", "in spite of"), and at a coordinated
clause with its own subject. Among the non-factual cues (negated, hypothetical, future)
the outermost one wins ("it is impossible to believe that X will attack" is negated;
"it could avoid striking" is hypothetical); ties go negated > hypothetical > future.
Otherwise historical > reported > asserted. Pure functions over spaCy tokens.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from .lexicon import (
    ATTRIBUTING,
    CONDITIONAL_MARKS,
    CONTENT_NOUNS,
    EMPHATIC,
    FUTURE_MODALS,
    FUTURE_VERBS,
    FUTURE_WORDS,
    HISTORY_WORDS,
    HYPO_ADVERBS,
    HYPO_FRAMES,
    HYPO_MODIFIERS,
    HYPOTHETICAL_MODALS,
    IRREALIS,
    MANDATIVE,
    MONTHS,
    NEG_FRAMES,
    NEG_VERBS,
    NEGATIVE_SUBJECTS,
    ONSET,
    PRESUPPOSING_PREPS,
    READINESS,
    REPORT_ADVERBS,
    REPORT_MODIFIERS,
    REPORT_NOUNS,
    REPORTING,
    SCHEDULING,
    STOP_MARKS,
)
from .triggers import Trigger, lemma

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Sequence

    from spacy.tokens import Span, Token

NON_FACTUAL = ("negated", "hypothetical", "future")

QUOTES = "\"“”"
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


@dataclass(slots=True)
class Modality:
    status: str
    cues: list[str] = field(default_factory=list)
    source: Token | None = None  # the reporting subject or "according to" object


@dataclass(slots=True)
class _Cues:
    found: list[tuple[str, float, str]] = field(default_factory=list)  # (status, depth, text)
    source: Token | None = None

    def add(self, status: str, depth: float, text: str) -> None:
        self.found.append((status, depth, text))

    def decide(self) -> str:
        nonfactual = [c for c in self.found if c[0] in NON_FACTUAL]
        if nonfactual:
            top = max(c[1] for c in nonfactual)
            outer = {c[0] for c in nonfactual if c[1] == top}
            return next(s for s in NON_FACTUAL if s in outer)
        return next((s for s in ("historical", "reported") if any(c[0] == s for c in self.found)),
                    "asserted")


def chain(anchor: Token, limit: int = 10) -> list[Token]:
    """The anchor and its governing heads up to the root."""
    out = [anchor]
    node = anchor
    while node.head.i != node.i and len(out) < limit:
        node = node.head
        out.append(node)
    return out


def presupposed_head(trig: Trigger) -> Token | None:
    """A definite or possessed nominal event ("the air strike", "Russia's campaign") exists:
    the noun phrase head that makes it so, else None."""
    head = trig.anchor
    if trig.kind != "noun":
        return None
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ in ("NOUN", "PRON"):
        head = head.head.head  # "its hundreds of bombings"
    for child in head.children:
        if child.dep_ == "poss":
            return head
        if child.dep_ == "det" and child.lower_ in ("the", "this", "that", "these", "those"):
            return head
    return None


def _date_of(text: str) -> tuple[int, int | None] | None:
    m = YEAR.search(text)
    if not m:
        return None
    month = next((n for name, n in MONTHS.items() if name in text.lower()), None)
    return int(m.group(1)), month


def _dates(tokens: list[Token]) -> list[str]:
    seen: set[int] = set()
    out = []
    ents_of: dict[int, Sequence[Span]] = {}  # ``Doc.ents`` builds its spans on every access: once per doc
    for tok in tokens:
        if tok.ent_type_ != "DATE":
            continue
        ents = ents_of.get(id(tok.doc))
        if ents is None:
            ents = ents_of[id(tok.doc)] = tok.doc.ents
        for e in ents:
            if e.start <= tok.i < e.end and e.start not in seen:
                seen.add(e.start)
                out.append(e.text)
    return out


def _old_date(tokens: list[Token], published: date | None) -> str | None:
    """A DATE entity in the clause well (> 180 days) before the publication date."""
    if published is None:
        return None
    for text in _dates(tokens):
        parsed = _date_of(text)
        if not parsed:
            continue
        year, month = parsed
        when = date(year, month or 12, 28 if month else 31)
        if (published - when).days > 180:
            return text
    return None


def _clause_tokens(head: Token) -> list[Token]:
    """Tokens of a clause without its embedded clauses."""
    out = [head]
    for child in head.children:
        if child.dep_ in ("ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis"):
            continue
        out.extend(child.subtree)
    return out


def _own_subject(token: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children)


def _conditional(token: Token) -> set[str]:
    marks = {lemma(c) for c in token.children if c.dep_ == "mark"}
    even = any(c.lower_ == "even" for c in token.children if c.dep_ == "advmod")
    return set() if even else marks & CONDITIONAL_MARKS


def _follows_conditional(node: Token, conj: Token) -> bool:
    """Parse repair: "X could do Y if A happens and B agrees" often attaches "B agrees" to the
    main verb; a conjunct right after a conditional clause of the same head shares it."""
    for child in node.children:
        if child.dep_ == "advcl" and _conditional(child) and child.i < conj.i \
                and conj.left_edge.i - child.right_edge.i <= 2:
            return True
        for grand in child.children:
            if grand.dep_ == "advcl" and _conditional(grand) and grand.i < conj.i and (
                    conj.left_edge.i - grand.right_edge.i <= 2):
                return True
    return False


def _scheduled(trig: Trigger) -> str | None:
    """"The ceasefire is due to begin on Monday", "the truce is set / expected / scheduled to
    take effect", "the ceasefire will start": a nominal event that is the subject of a
    present-tense scheduling predicate with an infinitive, or of an onset verb with "will",
    has not happened yet. Returns the predicate's lemma."""
    if trig.kind != "noun":
        return None
    heads = {t.i for t in trig.tokens}
    noun = next((t for t in trig.tokens if t.head.i not in heads or t.head.i == t.i), trig.anchor)
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        return None
    head = noun.head
    if lemma(head) in ONSET and any(a.dep_ == "aux" and a.lower_ in FUTURE_MODALS for a in head.children):
        return lemma(head)  # "the ceasefire will start on Monday"
    preds = [head, *(c for c in head.children if c.dep_ in ("acomp", "attr"))]
    for pred in preds:
        if lemma(pred) not in SCHEDULING:
            continue
        tensed = head if head.tag_ in ("VBZ", "VBP") else next(
            (a for a in head.children if a.dep_ in ("aux", "auxpass") and a.tag_ in ("VBZ", "VBP")), None)
        infinitive = any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children if a.dep_ == "aux")
                         for c in pred.children)
        if tensed is not None and infinitive:
            return lemma(pred)
    return None


def _in_postposed_condition(anchor: Token) -> bool:
    """Parse repair by linear scope: in "Y could happen if A advances, B struggles, and C
    agrees" everything after a postposed "if" is the condition, however the parser attached
    it. Applies to present-tense verbs after "if"/"unless" that follows a modal main
    clause in the same sentence, up to a semicolon or a new sentence; a past-tense clause
    ("..., and the army moved") is not taken as part of the condition."""
    if anchor.tag_ not in ("VBZ", "VBP") or anchor.dep_ not in ("conj", "advcl", "ROOT", "ccomp"):
        return False
    sent = anchor.sent
    mark = None
    for tok in sent:
        if tok.i >= anchor.i:
            break
        if tok.lower_ == ";":
            mark = None
        elif tok.dep_ == "mark" and tok.lower_ in ("if", "unless"):
            mark = tok
    if mark is None:
        return False
    return any(t.dep_ == "aux" and t.lower_ in HYPOTHETICAL_MODALS | FUTURE_MODALS
               for t in sent if t.i < mark.i)


def _stops(prev: Token, node: Token, cues: _Cues, depth: int) -> bool:
    """Does the clause headed by ``node`` no longer scope over ``prev`` (the chain below)?

    Adds the cue the boundary itself carries (a conditional, a purpose infinitive).
    Examples: "if Russia attacks" (stops, hypothetical), "forces that had attacked" (a
    relative clause: stops), "while the army was attacking" (stops), "to attack" under
    "a plan" (purpose: goes on)."""
    decided = _marked_boundary(prev, node, cues, depth)
    if decided is not None:
        return decided
    return _clause_boundary(prev, node, cues, depth)


def _marked_boundary(prev: Token, node: Token, cues: _Cues, depth: int) -> bool | None:
    """Boundaries a word marks: a conditional ("if"), "in the event that", "no matter what",
    a purpose infinitive ("a plan to strike": the walk goes on). None: not such a boundary."""
    dep = prev.dep_
    cond = _conditional(prev)
    if cond:
        cues.add("hypothetical", depth, "conditional:" + "/".join(sorted(cond)))
        return True
    marks = {lemma(c) for c in prev.children if c.dep_ == "mark"}
    if dep in ("relcl", "acl") and lemma(node) in ("event", "case") and "that" in marks:
        cues.add("hypothetical", depth, "in-the-event-that")
        return True
    if lemma(node) == "matter" and any(c.lower_ == "no" for c in node.children):
        return True  # "no matter what X might do": a free-choice concessive
    infinitive = prev.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in prev.children)
    if dep in ("relcl", "acl", "advcl") and infinitive:
        cues.add("hypothetical", depth - 0.5, "purpose:to")
        return False
    return None


def _clause_boundary(prev: Token, node: Token, cues: _Cues, depth: int) -> bool:
    """Boundaries of clause type: relative clauses, adverbial clauses that state their own
    fact ("while", "because"), parataxis, a conjunct with its own subject, presupposing
    prepositions ("despite the strike")."""
    dep = prev.dep_
    if dep == "relcl":
        if any(lemma(c) in HISTORY_WORDS for c in node.children if c.dep_ == "amod"):
            cues.add("historical", depth, "background:" + node.text)
        return True
    if dep in ("advcl", "acl"):
        marks = {lemma(c) for c in prev.children if c.dep_ == "mark"}
        even = any(c.lower_ == "even" for c in prev.children if c.dep_ == "advmod")
        nonfinite = prev.tag_ in ("VBG", "VBN") and not _own_subject(prev)
        if even or (marks & STOP_MARKS and not nonfinite):
            return True  # "while X was attacking" states its own fact; "while agreeing to" does not
        return dep == "acl" and not marks and prev.tag_ in ("VBN", "VBG")
    if dep in ("parataxis", "appos"):
        return True
    if dep == "conj" and _own_subject(prev):
        contrast = any(c.dep_ == "cc" and c.lower_ in ("but", "yet") for c in node.children)
        if not contrast and (_conditional(node) or _follows_conditional(node, prev)):
            cues.add("hypothetical", depth, "conditional-conjunct")
        return True
    if dep == "pcomp" and lemma(node) in PRESUPPOSING_PREPS:
        return True
    return dep == "pobj" and lemma(node) in PRESUPPOSING_PREPS - {"since"}


def _local(node: Token, skip: Token | None, cues: _Cues, depth: int, only_aux: bool) -> None:
    """Auxiliaries, negation and modifiers on one clause head of the chain.

    Examples: "could attack" (hypothetical, modal), "did not attack" (negated), "the
    upcoming talks" (future), "allegedly attacked" (reported), "according to X" (reported,
    source X). With ``only_aux`` (a conjunct's head) only its auxiliaries count."""
    for child in node.children:
        if skip is not None and child.i == skip.i:
            continue
        low = child.lower_
        if child.dep_ in ("aux", "auxpass"):
            # a modal scopes over its verb's own meaning ("could avoid striking")
            if low in FUTURE_MODALS:
                cues.add("future", depth + 0.5, f"aux:{low}")
            elif low in HYPOTHETICAL_MODALS:
                cues.add("hypothetical", depth + 0.5, f"modal:{low}")
        if only_aux:
            continue
        _negation_cues(node, child, low, cues, depth)
        _modifier_cues(child, low, cues, depth)
        _report_cues(child, low, cues, depth)


def _negation_cues(node: Token, child: Token, low: str, cues: _Cues, depth: int) -> None:
    """"not", "never", "no" on the clause (unless "cannot be ruled out"); "nobody" as subject."""
    negation = child.dep_ == "neg" or (child.dep_ in ("advmod", "det") and low in ("never", "no"))
    if negation and not _ruled_out(node):
        # and negation over the modal ("could not attack" did not happen)
        cues.add("negated", depth + 0.6, f"neg:{low}")
    if child.dep_ in ("nsubj", "nsubjpass") and low in NEGATIVE_SUBJECTS:
        cues.add("negated", depth, f"neg-subject:{low}")


def _modifier_cues(child: Token, low: str, cues: _Cues, depth: int) -> None:
    """Modifiers of time and possibility: "upcoming", "probably", "previously", "over the
    years", "a possible strike"."""
    if child.dep_ in ("amod", "advmod", "npadvmod") and lemma(child) in FUTURE_WORDS:
        cues.add("future", depth, f"future:{low}")
    if child.dep_ == "advmod" and low in HYPO_ADVERBS:
        cues.add("hypothetical", depth + 0.7, f"adverb:{low}")  # scopes over the clause
    if child.dep_ in ("amod", "advmod") and lemma(child) in HISTORY_WORDS:
        cues.add("historical", depth, f"background:{low}")
    if child.dep_ == "prep" and low == "over" and any(lemma(g) in ("year", "decade") for g in child.children):
        cues.add("historical", depth, "over the years")
    if child.dep_ == "amod" and low in HYPO_MODIFIERS:
        cues.add("hypothetical", depth, f"modifier:{low}")


def _report_cues(child: Token, low: str, cues: _Cues, depth: int) -> None:
    """Attribution on the clause: "alleged", "reportedly", "according to X" (X the source),
    "reports said", "as X said" (X the source)."""
    if child.dep_ == "amod" and low in REPORT_MODIFIERS:
        cues.add("reported", depth, low)
    if child.dep_ == "advmod" and low in REPORT_ADVERBS:
        cues.add("reported", depth, low)
    if child.dep_ == "prep" and low == "according":
        cues.add("reported", depth, "according to")
        pobj = [t for t in child.subtree if t.dep_ == "pobj"]
        cues.source = cues.source or (pobj[0] if pobj else None)
    if child.dep_ in ("nsubj", "nsubjpass") and lemma(child) in REPORT_NOUNS:
        cues.add("reported", depth, f"report-subject:{lemma(child)}")
    if child.dep_ == "advcl" and any(m.lower_ == "as" for m in child.children if m.dep_ == "mark") \
            and lemma(child) in REPORTING | {"illustrate", "show", "put"}:
        cues.add("reported", depth, f"as-{lemma(child)}")
        subj = [c for c in child.children if c.dep_ == "nsubj"]
        cues.source = cues.source or (subj[0] if subj else None)


def _ruled_out(node: Token) -> bool:
    """"can't be ruled out" / "cannot exclude": a double negation meaning 'possible'."""
    return lemma(node) == "exclude" or (
        lemma(node) == "rule" and any(c.lower_ == "out" for c in node.children))


def _words(node: Token, skip: Token | None) -> set[str]:
    words = {lemma(node)}
    for child in node.children:
        if skip is not None and child.i == skip.i:
            continue
        if child.dep_ in ("acomp", "attr", "nsubj", "advmod", "dobj", "amod", "npadvmod", "expl",
                          "oprd", "neg", "det"):
            words.add(lemma(child))
            if child.dep_ == "nsubj":  # "one of its objectives is to ..."
                words.update(lemma(g) for p in child.children if p.lower_ == "of"
                             for g in p.children if g.dep_ == "pobj")
            if any(g.lower_ == "no" for g in child.children if g.dep_ == "det"):
                words.add(f"no {lemma(child)}")
    return words


def _frames(node: Token, prev: Token, cues: _Cues, depth: int) -> None:
    """Governing verbs and frames: fail to, plan to, impossible that, hard to imagine.

    ``node`` governs ``prev`` (the chain below it). Examples: "failed to attack"
    (negated), "plans to attack" (future), "wants to attack" (hypothetical), "it is
    impossible that they attacked" (negated), "officials said they attacked" (reported,
    source "officials")."""
    _verb_frames(node, prev, cues, depth)
    _word_frames(node, prev, cues, depth)
    _report_frames(node, prev, cues, depth)


def _verb_frames(node: Token, prev: Token, cues: _Cues, depth: int) -> None:
    """Verbs that govern the event's clause: "failed to", "plans to", "provided that", "wants
    to", "demanded that they withdraw" (mandative), "was to restrain", "cannot rule out"."""
    lem, dep = lemma(node), prev.dep_
    if dep in ("xcomp", "ccomp", "pcomp") and lem in NEG_VERBS:
        cues.add("negated", depth, f"neg-verb:{lem}")
    if dep in ("xcomp", "ccomp", "dobj") and lem in FUTURE_VERBS:
        cues.add("future", depth, f"future-verb:{lem}")
    if dep in ("ccomp", "advcl") and node.lower_ in ("provided", "providing"):
        cues.add("hypothetical", depth, "conditional:provided")
    if dep in ("xcomp", "ccomp", "dobj", "pcomp", "pobj", "prep", "acl") and lem in IRREALIS:
        cues.add("hypothetical", depth, f"irrealis:{lem}")
    if dep == "ccomp" and lem in MANDATIVE and prev.tag_ == "VB" and not any(
            c.dep_ == "aux" for c in prev.children):
        cues.add("hypothetical", depth, f"mandative:{lem}")
    if lem == "be" and dep == "xcomp" and prev.tag_ == "VB" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in prev.children) and not any(
            c.dep_ in ("acomp", "attr") or (c.dep_ in ("nsubj", "expl") and c.lower_ in ("it", "there"))
            for c in node.children):
        cues.add("hypothetical", depth, "be-to")  # "which was to restrain the regime"
    if _ruled_out(node) and any(c.dep_ == "neg" for c in node.children):
        cues.add("hypothetical", depth, "cannot-rule-out")


def _word_frames(node: Token, prev: Token, cues: _Cues, depth: int) -> None:
    """Words of the governing clause that deny or suspend it: "no sign that" (negated),
    "unlikely", "hard to imagine", "the aim is to" (hypothetical), "ready to"."""
    lem, dep = lemma(node), prev.dep_
    words = _words(node, prev)
    neg = words & NEG_FRAMES
    if neg:
        cues.add("negated", depth, "frame:" + ",".join(sorted(neg)))
    hypo = words & HYPO_FRAMES
    if hypo & {"hard", "difficult"} and lemma(prev) in EMPHATIC:
        hypo -= {"hard", "difficult"}
    if hypo and dep not in ("nsubj", "nsubjpass"):
        cues.add("hypothetical", depth, "frame:" + ",".join(sorted(hypo)))
    if lem in READINESS:
        cues.add("hypothetical", depth, f"frame:{lem}")


def _report_frames(node: Token, prev: Token, cues: _Cues, depth: int) -> None:
    """Attributing frames: a reporting verb ("X said that ..."), the content of a claim
    noun ("assurances that ..."), an accusation ("accused X of ..."); each sets the source
    when none is known yet."""
    lem, dep = lemma(node), prev.dep_
    if dep in ("ccomp", "parataxis") and lem in REPORTING:
        cues.add("reported", depth, f"reporting:{lem}")
        subj = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
        agent = [p for a in node.children if a.dep_ == "agent" for p in a.children]
        named = subj or agent
        cues.source = cues.source or (named[0] if named else None)
    if dep == "nsubjpass" and lem in REPORTING and trig_noun(prev):
        # "intense fighting was reported between X and Y": the event is what was reported
        cues.add("reported", depth, f"reported-passive:{lem}")
        agent = [p for a in node.children if a.dep_ == "agent" for p in a.children]
        cues.source = cues.source or (agent[0] if agent else None)
    if dep in ("acl", "ccomp") and lem in REPORT_NOUNS | CONTENT_NOUNS and any(
            c.lower_ == "that" for c in prev.children if c.dep_ == "mark"):
        # "assurances that an agreement was at hand": the content of someone's claim
        cues.add("reported", depth, f"content-of:{lem}")
        if node.head.i != node.i:
            subj = [c for c in node.head.children if c.dep_ == "nsubj"]
            cues.source = cues.source or (subj[0] if subj else None)
    if dep in ("pcomp", "pobj", "prep") and lem in ATTRIBUTING:
        cues.add("reported", depth, f"attributed:{lem}")
        subj = [c for c in node.children if c.dep_ == "nsubj"]
        cues.source = cues.source or (subj[0] if subj else None)


def trig_noun(token: Token) -> bool:
    """A noun (the head of a nominal event), not a pronoun or a name."""
    return token.pos_ == "NOUN"


def _quoted(trig: Trigger, sent: Span | None) -> bool:
    """Inside quotation marks: someone's words."""
    sent = sent if sent is not None else trig.anchor.sent  # Token.sent walks the doc: pass it
    before = sent.text[:trig.anchor.idx - sent.start_char]  # Doc.text rebuilds the whole text
    return sum(before.count(q) for q in QUOTES) % 2 == 1


def assess(trig: Trigger, published: date | None = None, sent: Span | None = None) -> Modality:
    """The status of the event carried by ``trig`` and the cues that decided it."""
    cues = _Cues()
    presupposed = presupposed_head(trig)
    nodes = chain(trig.anchor)
    _local(trig.anchor, None, cues, 0, only_aux=False)
    if presupposed is not None and presupposed.i != trig.anchor.i:
        _local(presupposed, None, cues, 0, only_aux=False)
    if trig.kind == "light":
        _local(trig.tokens[-1], None, cues, 0, only_aux=False)
    # a presupposed nominal event only takes the governing clause's epistemic frames
    # ("no signs that ... for the IAF's support"), not its modals or conditionals
    frames = cues if presupposed is None else _Cues()
    for depth, (prev, node) in enumerate(itertools.pairwise(nodes), start=1):
        if _stops(prev, node, frames, depth):
            break
        only_aux = prev.dep_ == "conj"
        if presupposed is None:
            _local(node, prev, cues, depth, only_aux)
        if not only_aux:
            _frames(node, prev, frames, depth)
    if presupposed is not None:
        for status, found_depth, text in frames.found:
            if text.startswith(("frame:", "irrealis:", "neg-verb:")):
                cues.add(status, found_depth, text)
    anchor = trig.anchor
    if any(c.dep_ == "mark" and c.lower_ == "since" for c in anchor.children) and _dates(
            _clause_tokens(anchor)):
        cues.add("historical", 0, "since-clause")
    if any(c.dep_ == "prep" and c.lower_ == "since" for c in anchor.children):
        cues.add("historical", 0, "since")
    old = _old_date(_clause_tokens(anchor), published)
    if old:
        cues.add("historical", 0, f"date:{old}")
    if _quoted(trig, sent):
        cues.add("reported", 0, "quoted")
    if _in_postposed_condition(trig.anchor):
        cues.add("hypothetical", 1, "if-scope")
    scheduled = _scheduled(trig)
    if scheduled:
        cues.add("future", 1, f"scheduled:{scheduled}")
    flat = [f"{s}:{t}@{d}" for s, d, t in cues.found]
    return Modality(cues.decide(), flat, cues.source)
