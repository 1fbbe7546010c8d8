"""Sentences that tell the war as a whole: no event records (coding guide section 1).

The coder does not code "descriptions of the war as a whole and war-wide totals" ("the war that
began in 2011 has killed 300,000", "since the outbreak of the crisis, videos have been
released", "the deadliest attack since the beginning of the conflict"): such a sentence
measures or compares against the war itself, and its event words ("killed", "protests met with
a crackdown", "broke out") are background, not events of the article. On the tune half of the
hand-coded FA-KES articles every event sitrep read in such a sentence was one the coder did
not code (docs/benchmarks.md, issue 13, night 4).

A sentence is a war frame when a war noun (``WAR_NOUNS``) is, in its parse,
- the subject of a verb of onset or duration ("the war began", "a civil war broke out", "the
  conflict has been raging"; ``ONSET_VERBS``), or
- the object of "of" under a noun of onset that "since" governs ("since the outbreak of the
  crisis", "since the beginning of Syria's conflict"; ``ONSET_NOUNS``), or
- the object of "since" ("since the war").
A subject war noun counts in the main clause or in a "since" clause only: "seized the town in
2013, two years after the uprising broke out" dates an event of its own.
Pure function over the spaCy parse; the word classes are closed English classes, not outlets'
phrases.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

    from .assemble import Candidate

#: the nouns that name the war itself (the casualties stage's ``war_words`` are the same class)
WAR_NOUNS = frozenset({"war", "conflict", "crisis", "uprising", "revolution", "insurgency"})
#: verbs whose subject, a war noun, makes the sentence about the war's course
#: (lemmas, and the forms the tagger leaves unlemmatised)
ONSET_VERBS = frozenset({"begin", "start", "erupt", "break", "rage", "raging", "spark", "ignite"})
#: nouns of onset whose "of" object is a war noun
ONSET_NOUNS = frozenset({"beginning", "start", "outbreak", "onset", "eruption", "outset"})
#: on/off switch of the rule (chosen on the tune half; False keeps every sentence's events)
DROP_WAR_FRAMES = True
#: True: only the event words of a war-frame sentence that have no doer of their own are
#: background ("people have been killed since the war began"); a named doer's act told
#: against the war ("the army has shelled the town since the war began") stays an event
#: (coding guide section 1: generic statements with no specific actor are not coded)
KEEP_EVENTS_WITH_A_DOER = True


def _war_noun(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in WAR_NOUNS


def frames_war(tok: Token) -> bool:
    """Is this war noun the war told as a whole (see the module docstring)?"""
    if not _war_noun(tok):
        return False
    head = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass") and {head.lemma_.lower(), head.lower_} & ONSET_VERBS:
        # the sentence's own subject ("a civil war broke out in 2011 and has since …") or a
        # "since" clause ("killed since the war began"); not "two years after the war began"
        return head.dep_ == "ROOT" or any(c.dep_ == "mark" and c.lower_ == "since" for c in head.children)
    if tok.dep_ == "pobj" and head.lower_ == "since":
        return True
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in ONSET_NOUNS:
        onset = head.head  # "since the outbreak of the crisis", not "after the start of the war"
        return onset.dep_ == "pobj" and onset.head.lower_ == "since"
    return False


def war_frame(sent: Span) -> bool:
    """Does the sentence tell the war as a whole (no event of it is a record)?"""
    return DROP_WAR_FRAMES and any(frames_war(tok) for tok in sent)


def war_background(cand: Candidate) -> bool:
    """Is the candidate of a war-frame sentence background (no record)? All of them, or with
    ``KEEP_EVENTS_WITH_A_DOER`` those without an actor of their own sentence."""
    return not (KEEP_EVENTS_WITH_A_DOER and cand.actors)

