"""Frames that are not a verb with its subject: "according to X", noun frames, headlines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .attribution import Attribution
from .lexicon import HEADLINE_STOP, NON_SOURCES, NOUN_PREPS, STANDALONE_NOUNS
from .marks import paragraphs
from .rulebase import RuleBase
from .syntax import BOUNDARY, QUOTE_TOKENS, chars, speaker_span, subject_of, trim

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


class FrameRules(RuleBase):
    """Frames that are not a verb with its subject: "according to X", noun frames, headlines."""

    def _according(self, tok: Token) -> Attribution | None:
        doc = self.doc
        sent = tok.sent
        to = doc[tok.i + 1]
        end = to.i + 1
        while end < sent.end and doc[end].text not in (",", ";", "—", "–") and doc[end].text not in ".!?":
            end += 1
        if end - to.i > 25 or end == to.i + 1:
            return None
        last_src = doc[end - 1]
        while last_src.i > to.i + 1 and (last_src.is_punct or last_src.text in QUOTE_TOKENS):
            last_src = doc[last_src.i - 1]
        source = chars(doc[to.i + 1], last_src)
        lead = doc[sent.start : tok.i]
        if all(t.is_punct or t.pos_ in ("CCONJ", "ADV") for t in lead):
            if end + 1 >= sent.end or doc[end].text != ",":
                return None
            last = sent[-1]
            content = (doc[end + 1].idx, last.idx + len(last.text))
        else:
            prev = doc[tok.i - 1]
            if prev.text in BOUNDARY:
                prev = doc[tok.i - 2]
            content = (sent.start_char, prev.idx + len(prev.text))
        cue = chars(tok, to)
        widened = self._widen_to_quotes(trim(self.text, content), cue, source)
        if widened is None or not self._plausible(widened, cue, source):
            return None
        return Attribution([widened], cue, source, how="according")

    def _noun_frame(self, n: Token) -> Attribution | None:  # noqa: C901 - one rule per frame
        """ "X's statement that …", "Moscow's version of events"."""
        poss = next((c for c in n.children if c.dep_ == "poss"), None)
        if poss is None:
            return self._noun_prep_frame(n)
        source = speaker_span(poss)
        s, e = source
        if self.text[e - 2 : e] in ("'s", "’s"):
            source = (s, e - 2)
        content = None
        for child in n.children:
            if child.dep_ in ("acl", "ccomp", "relcl", "appos") and child.i > n.i:
                first = child.left_edge
                if first.lower_ == "that" and first.dep_ == "mark":
                    content = chars(first, child.right_edge)
                    break
        if content is None and n.lemma_.lower() in NOUN_PREPS:
            preps = NOUN_PREPS[n.lemma_.lower()]
            prep = next((c for c in n.children if c.dep_ == "prep" and c.lower_ in preps and c.i > n.i), None)
            if prep is not None and prep.i + 1 <= prep.right_edge.i:
                content = chars(self.doc[prep.i + 1], prep.right_edge)
        if content is None and n.lemma_.lower() in STANDALONE_NOUNS:
            right = n
            for child in n.rights:
                if child.dep_ == "prep" and child.lower_ == "of":
                    right = child.right_edge
            if right is n:
                return None
            content = chars(n, right)
        if content is None:
            return None
        cue = chars(n, n)
        content = self._widen_to_quotes(trim(self.text, content), cue, source)
        if content is None:
            return None
        return Attribution([content], cue, source, how="noun")

    def _noun_prep_frame(self, n: Token) -> Attribution | None:
        """ "Trump raised concerns about X", "her criticism of Y": the object of the
        noun's preposition, said by the subject of the verb the noun is the object of."""
        preps = NOUN_PREPS.get(n.lemma_.lower())
        if not preps:
            return None
        prep = next((c for c in n.children if c.dep_ == "prep" and c.lower_ in preps and c.i > n.i), None)
        if prep is None or prep.i + 1 > prep.right_edge.i:
            return None
        verb = n.head
        if n.dep_ not in ("dobj", "pobj") or verb.pos_ not in ("VERB", "ADP"):
            return None
        if verb.pos_ == "ADP":
            verb = verb.head
        subj, _ = subject_of(verb) if verb.pos_ in ("VERB", "AUX") else (None, False)
        if subj is None or subj.lower_ in NON_SOURCES:
            return None
        source = speaker_span(subj)
        cue = chars(n, n)
        content = self._widen_to_quotes(trim(self.text, chars(self.doc[prep.i + 1], prep.right_edge)), cue, source)
        if content is None or not self._plausible(content, cue, source):
            return None
        return Attribution([content], cue, source, how="noun")

    def _headlines(self) -> list[Attribution]:
        """Headline attribution "Speaker: claim" (a short paragraph, not a dateline)."""
        out = []
        for lo, hi in paragraphs(self.text):
            line = self.text[lo:hi]
            colon = line.find(":")
            if colon <= 0 or colon > 60 or len(line.split()) > 40:
                continue
            span = self.doc.char_span(lo, lo + colon, alignment_mode="expand")
            if span is None or len(span) > 8 or not span[0].text[:1].isupper():
                continue
            if any(t.pos_ in ("VERB", "AUX") or t.text in QUOTE_TOKENS for t in span):
                continue
            if len(span) == 1 and span[0].ent_type_ in ("GPE", "LOC", "DATE", "TIME", "CARDINAL"):
                continue  # a dateline ("Beirut:") or a time stamp
            if any(t.like_num or t.is_digit or t.lower_ in HEADLINE_STOP for t in span):
                continue  # "The Latest:", "9:30 p.m.:", "Related:", "Watch:"
            content = trim(self.text, (lo + colon + 1, hi))
            if len(self.text[content[0] : content[1]].split()) < 3:
                continue
            source = trim(self.text, (lo, lo + colon))
            cue = (lo + colon, lo + colon + 1)
            out.append(Attribution([content], cue, source, how="headline"))
        return out
