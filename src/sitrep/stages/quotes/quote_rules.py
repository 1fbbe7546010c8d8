"""Quote-anchored rules: quotations no cue claimed are governed, continued or scare quotes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .attribution import Attribution, Char, Scare
from .lexicon import LABELLING_VERBS, NON_SOURCES, SPEECH_NOUNS, SPEECH_VERBS
from .marks import QuotedSpan
from .rulebase import RuleBase
from .syntax import (
    GOVERN_DEPS,
    SCARE_MAX_WORDS,
    chars,
    is_title,
    left_name,
    speaker_span,
    subject_of,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token


class QuoteRules(RuleBase):
    """Quote-anchored rules: quotations no cue claimed are governed, continued or scare quotes."""

    def _covered(self, q: QuotedSpan, found: list[Attribution]) -> bool:
        return any(s < q.end and q.start < e for a in found for s, e in a.content)

    def _quote_pass(self, found: list[Attribution]) -> list[Scare]:
        scares: list[Scare] = []
        for q in self.quotes:
            if self._covered(q, found):
                continue
            span = self.doc.char_span(q.inner_start, q.inner_end, alignment_mode="expand")
            words = [t for t in span if not t.is_punct] if span is not None else []
            if span is not None and is_title(span):
                scares.append(Scare(q.start, q.end, self._attachment(span)))
                continue
            governed = self._governing_cue(span) if span is not None else None
            if governed is not None:
                v, source = governed
                a = Attribution([(q.start, q.end)], chars(v, v), source, "direct", how="subject")
                found.append(a)
                continue
            if len(words) <= SCARE_MAX_WORDS or not any(t.pos_ in ("VERB", "AUX") for t in words):
                scares.append(Scare(q.start, q.end, self._attachment(span)))
                continue
            named = self._colon_name(q)
            if named is not None:
                found.append(Attribution([(q.start, q.end)], (named[1], named[1] + 1), (named[0], named[1]), "direct", how="colon"))
                continue
            prev = self._previous(found, q)
            if prev is not None:
                if self._adjacent(prev, q):
                    prev.content.append((q.start, q.end))
                else:
                    found.append(Attribution([(q.start, q.end)], prev.cue, prev.source, "direct", how="continuation"))
            elif self.opts.unattributed:
                found.append(Attribution([(q.start, q.end)], None, None, "direct", how="none"))
        return scares

    def _governing_cue(self, span: Span) -> tuple[Token, Char | None] | None:
        """A speech verb that takes this quotation as what is said, with its speaker.

        Short quotations count only through object/complement links ("described …
        as a "…"", "called it "…"", "blaming X for "…""), never through an
        apposition or an adverbial ("a strategy, "Aleppo First"", "by opening a "…"").
        """
        roots = [t for t in span if not (span.start <= t.head.i < span.end) or t.head.i == t.i]
        for r in roots:
            cur = r
            for _ in range(4):
                if cur.head.i == cur.i or cur.dep_ not in GOVERN_DEPS:
                    break
                dep, cur = cur.dep_, cur.head
                if dep == "pobj" and cur.lower_ not in ("as", "for", "of", "with"):
                    break
                if cur.pos_ == "VERB" and cur.lemma_.lower() in SPEECH_VERBS | LABELLING_VERBS:
                    if span.start <= cur.i < span.end:
                        break
                    subj, _ = subject_of(cur)
                    if subj is not None and subj.lower_ not in NON_SOURCES:
                        return cur, speaker_span(subj)
                    if cur.dep_ == "acl" and cur.head.pos_ == "NOUN" and cur.head.lemma_.lower() in SPEECH_NOUNS:
                        return cur, speaker_span(cur.head)
                    left = left_name(cur)
                    return (cur, left) if left is not None else None
        return None

    def _colon_name(self, q: QuotedSpan) -> tuple[int, int] | None:
        """ "… - Philip Bump: “…”": a name right before a colon that opens the quotation.
        Returns (name start, colon offset)."""
        colon = q.start - 1
        while colon >= 0 and self.text[colon] in " \t\xa0":
            colon -= 1
        if colon < 1 or self.text[colon] != ":":
            return None
        span = self.doc.char_span(max(0, colon - 80), colon, alignment_mode="contract")
        if span is None:
            return None
        names: list[Token] = []
        for t in reversed(span):
            if t.pos_ == "PROPN" or (t.lower_ == "and" and names) or (t.text == "." and names):
                names.append(t)
                continue
            break
        while names and names[-1].pos_ != "PROPN":
            names.pop()
        if not names or len(names) > 8:
            return None
        return names[-1].idx, colon

    def _attachment(self, span: Span | None) -> Char | None:
        """What a scare quote qualifies: a possessor ("Washington's "…""), else its head noun."""
        if span is None:
            return None
        roots = [t for t in span if not (span.start <= t.head.i < span.end)]
        for r in roots:
            for c in r.children:
                if c.dep_ == "poss" and not (span.start <= c.i < span.end):
                    return speaker_span(c)
            head = r.head
            if head.pos_ in ("NOUN", "PROPN") and not (span.start <= head.i < span.end):
                return chars(head, head)
            if r.dep_ == "appos" and head.pos_ in ("NOUN", "PROPN"):
                return chars(head, head)
            if r.pos_ in ("NOUN", "PROPN"):
                for c in r.children:
                    if c.dep_ == "poss":
                        return speaker_span(c)
        return None

    def _previous(self, found: list[Attribution], q: QuotedSpan) -> Attribution | None:
        """The closest earlier attribution with a source in this or the previous paragraph."""
        before = [a for a in found if a.end <= q.start and a.source is not None]
        if not before:
            return None
        prev = max(before, key=lambda a: a.end)
        gap = self.text[prev.end : q.start]
        if len([p for p in gap.split("\n") if p.strip()]) > 2 or len(gap) > 600:
            return None
        return prev

    def _adjacent(self, prev: Attribution, q: QuotedSpan) -> bool:
        gap = self.text[prev.end : q.start]
        return "\n" not in gap and len(gap.split()) <= 12
