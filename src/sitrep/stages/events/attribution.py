"""Who a sentence's events are attributed to: "…, the Observatory said", "according to SANA".

The clause walk of ``modality`` finds an attribution that governs the event in the parse
("officials said that jets struck …"). News text often defeats that walk: many outlets
drop commas ("jets struck Ariha killing 9 a monitoring group said on Monday"), so the
parser hangs the trailing "said" on a noun as a relative clause, and a definite event noun
("the attack") presupposes its event and takes no frames. The coding guide (section 2)
codes every event of a sentence the outlet attributes as ``reported``, with that source.
This module finds a sentence's attributions from its shape, robust to such parses:

* **trailing**: a reporting verb with a subject after the event, and no other verb after it
  ("… the Observatory said on Saturday", "… a military source told SANA", "… FNA reports");
* **leading**: a reporting verb with a subject that governs the event ("Activists said that …");
* **according to X** anywhere in the sentence;
* **next sentence**: a sentence that is only an attribution ("The Observatory said.").

An attribution never covers the words of its own clause (the source phrase). Pure
functions over spaCy tokens.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lexicon import REPORTING, TRAILING_VERBS
from .triggers import lemma

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token


#: the words that end a sentence as its attribution ("… FNA reports.")
FINAL_REPORT_WORDS = frozenset({"reports", "says", "reported", "said"})
#: a sentence of at most this many words can be an attribution of the previous one
SHORT_ATTRIBUTION = 8


@dataclass(frozen=True, slots=True)
class Attribution:
    """A reporting clause: its cue word, its source (None when it names nobody), the token
    range it covers (not attributed to itself), and where it applies."""

    cue: Token
    source: Token | None
    start: int
    end: int
    #: "trailing": events before it; "leading": events it governs; "according": all; "next": all
    kind: str

    def covers(self, anchor: Token) -> bool:
        """Does it attribute the event whose clause word is ``anchor``?"""
        if self.start <= anchor.i < self.end:
            return False
        if self.kind == "trailing":
            return anchor.i < self.start
        if self.kind == "leading":
            return anchor.i > self.cue.i and _governs(self.cue, anchor)
        return True


def _governs(head: Token, token: Token) -> bool:
    node = token
    for _ in range(12):
        if node.i == head.i:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _subject(verb: Token) -> Token | None:
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return subj[0] if subj else None


def _later_verb(verb: Token, sent: Span) -> bool:
    """Another finite verb after ``verb`` in the sentence (then it is not a trailing clause)."""
    return any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass") and lemma(t) not in TRAILING_VERBS
               for t in sent if t.i > verb.i)


def _reporting(token: Token) -> bool:
    """A reporting verb; also a sentence's root tagged as a noun that has a subject: the tagger's
    reading of a verb in a clause without commas ("… killing several militants FNA reports")."""
    verbal = token.pos_ in ("VERB", "AUX") or (
        token.pos_ == "NOUN" and token.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in token.children))
    return verbal and lemma(token) in REPORTING and token.dep_ not in ("amod", "aux")


def sentence_attributions(sent: Span) -> list[Attribution]:
    """The attributions of one sentence (see the module docstring)."""
    out: list[Attribution] = []
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and tok.doc[tok.i + 1].lower_ == "to":
            objs = [t for t in tok.doc[tok.i + 1].children if t.dep_ == "pobj"] or [
                t for t in tok.subtree if t.dep_ == "pobj"]
            source = objs[0] if objs else None
            end = max([tok.i + 2, *(t.i + 1 for t in (source.subtree if source is not None else ()))])
            out.append(Attribution(tok, source, tok.i, end, "according"))
        elif _reporting(tok) or _final_report_word(tok, sent):
            found = _verb_attribution(tok, sent)
            if found is not None:
                out.append(found)
    return out


def _final_report_word(token: Token, sent: Span) -> bool:
    """The sentence's last word is "reports"/"says" after a name, whatever the tagger made of it
    ("… near the border FNA reports." tagged as a plural noun)."""
    if token.lower_ not in FINAL_REPORT_WORDS or token.i - 1 < sent.start or token.doc[token.i - 1].pos_ != "PROPN":
        return False
    return all(t.is_punct for t in token.doc[token.i + 1:sent.end])


def _swallowed_subject(verb: Token, sent: Span) -> Token | None:
    """"… in the hills FNA reports": a final reporting verb without a subject whose source the
    parser took into the phrase before it (the name right before the verb), else None."""
    if verb.i - 1 < sent.start or _later_verb(verb, sent) or (
            verb.tag_ not in ("VBZ", "VBD", "VBP") and not _final_report_word(verb, sent)):
        return None
    before = verb.doc[verb.i - 1]
    return before if before.pos_ == "PROPN" else None


def _verb_attribution(verb: Token, sent: Span) -> Attribution | None:
    subject = _subject(verb)
    if subject is None:
        swallowed = _swallowed_subject(verb, sent)
        if swallowed is None:
            return None
        first = swallowed.i
        while first - 1 >= sent.start and verb.doc[first - 1].pos_ == "PROPN":
            first -= 1
        return Attribution(verb, swallowed, first, sent.end, "trailing")
    left = min(subject.left_edge.i, verb.i)
    if subject.i > verb.i or not _later_verb(verb, sent):
        # "… the Observatory said (on Saturday)" / "…, said the monitor": the clause to the end
        return Attribution(verb, subject, left, sent.end, "trailing")
    if subject.i < verb.i and any(c.dep_ in ("ccomp", "parataxis", "xcomp") and c.i > verb.i
                                  for c in verb.children):
        return Attribution(verb, subject, left, verb.i + 1, "leading")
    return None


def attribution_sentence(sent: Span) -> Attribution | None:
    """A sentence that is nothing but an attribution ("The Observatory said."), for the
    sentence before it."""
    words = [t for t in sent if not t.is_punct]
    if not words or len(words) > SHORT_ATTRIBUTION:
        return None
    verbs = [t for t in words if t.pos_ in ("VERB", "AUX")]
    if len(verbs) != 1 or not _reporting(verbs[0]) or any(c.dep_ in ("ccomp", "dobj") for c in verbs[0].children):
        return None
    subject = _subject(verbs[0])
    return Attribution(verbs[0], subject, sent.start, sent.end, "next") if subject is not None else None


def attributed(anchor: Token, attributions: list[Attribution]) -> Attribution | None:
    """The attribution covering the event anchored at ``anchor``: the nearest one."""
    covering = [a for a in attributions if a.covers(anchor)]
    return min(covering, key=lambda a: abs(a.cue.i - anchor.i)) if covering else None
