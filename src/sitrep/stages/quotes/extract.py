"""Rules that find attributions (source, cue, content) in a parsed document.

Pure functions over a spaCy ``Doc`` and the quotation marks found by
``marks.find_quotes``. Two passes:

1. cue-anchored: every cue (a speech verb with its subject, ``according to X``,
   ``as X noted``, a post-posed ``…, X said`` / ``…, said X``, a noun frame
   ``X's statement that …``) yields the content it introduces; the content is
   widened to whole quotations it starts or ends inside;
2. quote-anchored: every quotation not yet inside a content is either governed
   by a cue (``described … as a "parallel universe"``), continues the previous
   speaker's quotation, or is a scare quote / title.

The verb cues live here; post-posed cues in ``postposed``, "according to"/noun
frames/headlines in ``frames``, the quote-anchored pass in ``quote_rules``, the
shared content shaping in ``rulebase`` and span helpers in ``syntax``.

Written as hand rules over the dependency parse (no trained attribution model
is openly licensed for news in English, and the rules stay explainable).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .attribution import Attribution, Char, Extraction, Options, Scare
from .frames import FrameRules
from .lexicon import (
    ADDRESSEE_VERBS,
    AS_VERBS,
    BARE_CLAUSE_VERBS,
    BELIEF_VERBS,
    CONTENT_NOUNS,
    EVIDENCE_VERBS,
    NON_SOURCES,
    OBJECT_VERBS,
    PERSON_PRONOUNS,
    PHRASAL,
    PREP_CONTENT,
    QUOTE_ONLY_VERBS,
    SAYING_OBJECT,
    SPEECH_NOUNS,
    SPEECH_VERBS,
)
from .marks import QuotedSpan
from .postposed import PostposedRules
from .quote_rules import QuoteRules
from .syntax import (
    BOUNDARY,
    CLAUSE_DEPS,
    QUOTE_TOKENS,
    RELATIVES,
    chars,
    is_cue_verb,
    left_name,
    quote_at,
    speaker_span,
    subject_of,
    trim,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

__all__ = ["Attribution", "Extraction", "Extractor", "Options", "Scare", "extract"]


# ------------------------------------------------------------ the extractor


class Extractor(FrameRules, PostposedRules, QuoteRules):
    """Finds attributions and scare quotes in one parsed document."""

    def run(self) -> Extraction:
        found: list[Attribution] = []
        for tok in self.doc:
            att = None
            if tok.lower_ == "according" and tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].lower_ == "to":
                att = self._according(tok)
            elif is_cue_verb(tok, self.opts):
                att = self._from_verb(tok)
            elif tok.pos_ == "NOUN" and tok.lemma_.lower() in SPEECH_NOUNS:
                att = self._noun_frame(tok)
            if att is not None:
                found.append(att)
        found.extend(self._headlines())
        # a cue inside a quotation belongs to the quoted speaker's own words
        found = [a for a in found if a.cue is None or quote_at(self.quotes, self.qstarts, a.cue[0]) is None]
        found = self._finalise(found)
        scares = self._quote_pass(found)
        found.sort(key=lambda a: a.start)
        return Extraction(found, scares, self.quotes)

    def _from_verb(self, v: Token) -> Attribution | None:
        """A cue verb: its source (subject, or the speaker of a post-posed cue) and content."""
        sent = self._sent(v)
        subj, passive = subject_of(v)
        if subj is not None and subj.lower_ in NON_SOURCES and not (
            subj.lower_ == "it" and subj.head.i == v.i and v.lemma_.lower() in SPEECH_VERBS
        ):
            subj = None  # "it is impossible to believe …", but "It said …" (an organisation)
        source = speaker_span(subj) if subj is not None else None
        how = "subject" if subj is not None and subj.head.i == v.i else "inherited"
        content = self._complement(v, subj, sent)
        # "X said: "…"" / "X said, "…"": a quotation opening right after the cue
        if v.lemma_.lower() in SPEECH_VERBS:
            q = self._quote_follows(v)
            if q is not None and (content is None or content[0] >= q.start - 2 or content[1] <= q.start):
                content = (q.start, q.end)  # (an addressee object before it is not the content)
        second: Char | None = None  # the right part of "A, X said, B"
        if content is None or subj is None:  # "…, X said." / "…, said X." / "A, X said, B"
            post = self._postposed(v, sent)
            if post is not None:
                p_source, p_content = post
                if isinstance(p_content, list):
                    if content is None and len(p_content) == 2:
                        second = p_content[1]
                    p_content = p_content[0]
                if content is None:
                    content = p_content
                if source is None:
                    source, how = p_source, "postposed"
        if content is None:  # "As X noted, …" / "…, as X said."
            content = self._as_clause(v, sent, source)
        if content is None:
            return None
        if source is None:
            source, how = self._head_noun_source(v, sent, passive, how)
        return self._verb_attribution(v, subj, passive, content, second, source, how)

    def _complement(self, v: Token, subj: Token | None, sent: Span) -> Char | None:
        """What the cue verb itself governs, first rule that applies."""
        lemma = v.lemma_.lower()
        content = self._clausal(v, sent)
        if content is None and lemma in SPEECH_VERBS:
            content = self._misattached_that(v, sent)
        if content is None and subj is not None and lemma in BARE_CLAUSE_VERBS:
            content = self._bare_clause(v, sent)
        if content is None and lemma in PREP_CONTENT:
            content = self._prep_content(v, PREP_CONTENT[lemma])
        if content is None:
            content = self._content_noun(v)
        # stance verbs: "urged voters to …", "endorsed Clinton", "called for …"; also
        # "an outside group backing Rubio" (an active participle: the noun is the source;
        # "a program called X" is passive and names nobody's claim)
        acl_head = v.dep_ == "acl" and v.tag_ == "VBG" and v.head.pos_ in ("NOUN", "PROPN") and v.head.i < v.i
        if content is None and (subj is not None or acl_head) and self.opts.stance:
            content = self._object_content(v)
        if content is None and subj is not None and lemma in SAYING_OBJECT:
            content = self._saying_object(v)
        if content is None and subj is not None and subj.i < v.i:
            content = self._quote_before_subject(subj)
        return content

    def _clausal(self, v: Token, sent: Span) -> Char | None:
        """A clausal complement: "X said (that) …", "…, X said"."""
        lemma = v.lemma_.lower()
        reporting = lemma in SPEECH_VERBS or lemma in EVIDENCE_VERBS or lemma in BELIEF_VERBS
        for child in v.children:
            if child.dep_ in CLAUSE_DEPS:
                if child.i < v.i and not reporting:
                    return None  # "…, if Assad agrees": a stance verb reports nothing before it
                content = chars(child.left_edge, child.right_edge)
                if child.i < v.i:
                    content = self._extend_left_to_sentence(content, sent)
                return content
        return None

    def _misattached_that(self, v: Token, sent: Span) -> Char | None:
        """ "X said earlier on Friday during a news conference that …"."""
        for t in self.doc[v.i + 1 : min(v.i + 15, sent.end)]:
            if t.text in BOUNDARY or t.text in ".!?" or (t.pos_ == "VERB" and t.dep_ != "amod"):
                return None
            if t.lower_ == "that" and t.dep_ == "mark" and t.head.i > t.i:
                return chars(t, t.head.right_edge)
        return None

    def _prep_content(self, v: Token, prep: str) -> Char | None:
        """ "accused X of …", "blamed X for …" (PolNeAR counts X in the content)."""
        doc = self.doc
        for child in v.children:
            if child.dep_ == "prep" and child.lower_ == prep and child.i > v.i:
                obj = next((c for c in v.children if c.dep_ == "dobj" and v.i < c.i < child.i), None)
                if obj is not None:
                    return chars(obj.left_edge, child.right_edge)
                if child.i + 1 <= child.right_edge.i:
                    return chars(doc[child.i + 1], child.right_edge)
                return None
        return None

    def _content_noun(self, v: Token) -> Char | None:
        """ "expressed hope that …": a content noun object with a that-clause."""
        for child in v.children:
            if child.dep_ == "dobj" and child.lemma_.lower() in CONTENT_NOUNS and any(
                    g.dep_ in ("acl", "ccomp", "relcl") and g.i > child.i for g in child.children):
                return chars(child.left_edge, child.right_edge)
        return None

    def _saying_object(self, v: Token) -> Char | None:
        """ "Trump says racist things": the object of a verb of saying."""
        obj = next((c for c in v.children if c.dep_ == "dobj" and c.i > v.i), None)
        if obj is not None and obj.lower_ not in ("nothing", "something", "anything", "it", "so"):
            return chars(obj.left_edge, obj.right_edge)
        return None

    def _quote_before_subject(self, subj: Token) -> Char | None:
        """ ""…," Trump, the front-runner, said": a quotation right before the subject."""
        j = subj.left_edge.i - 1
        while j >= 0 and self.doc[j].is_punct and self.doc[j].text not in QUOTE_TOKENS:
            j -= 1
        if j >= 0 and self.doc[j].text in QUOTE_TOKENS:
            q = quote_at(self.quotes, self.qstarts, self.doc[j].idx)
            if q is not None and q.end <= subj.left_edge.idx:
                return q.start, q.end
        return None

    def _head_noun_source(self, v: Token, sent: Span, passive: bool, how: str) -> tuple[Char | None, str]:
        """Source of a cue attached to a noun: "the Times reported" misparsed as a
        participle of "Times", "statements blaming …"."""
        if (
            v.dep_ == "acl"
            and v.head.pos_ in ("NOUN", "PROPN")
            and v.head.i < v.i
            and (v.tag_ == "VBG" or (v.lemma_.lower() in SPEECH_VERBS and self._clause_final(v, sent)))
        ):
            return speaker_span(v.head), "postposed"
        if not passive and v.dep_ == "acl" and v.head.lemma_.lower() in SPEECH_NOUNS:
            return speaker_span(v.head), "noun"
        return None, how

    def _verb_attribution(
        self,
        v: Token,
        subj: Token | None,
        passive: bool,
        content: Char,
        second: Char | None,
        source: Char | None,
        how: str,
    ) -> Attribution | None:
        """Shape and check the content, fill a missing source, build the record."""
        cue = chars(v, v)
        shaped = self._widen_to_quotes(trim(self.text, content), cue, source)
        if shaped is None or not self._plausible(shaped, cue, source):
            return None
        if v.lemma_.lower() in QUOTE_ONLY_VERBS and self._kind([shaped]) != "direct":
            return None  # "he continued" introduces quotations only
        if source is None and not passive:
            source, how = left_name(v), "left"
        if source is None and not passive:
            return None
        refers = None
        # "WHO" in capitals is the World Health Organization, not the relative pronoun
        if subj is not None and subj.lower_ in RELATIVES and not subj.text.isupper() and subj.head.dep_ == "relcl":
            refers = speaker_span(subj.head.head)
        frags = [shaped]
        if second is not None:
            second = trim(self.text, second)
            if second[1] > second[0] and second[0] >= shaped[1]:
                frags.append(second)
        return Attribution(frags, cue, source, how=how if source else "none", refers=refers)

    def _extend_left_to_sentence(self, content: Char, sent: Span) -> Char:
        s, e = content
        head = self.text[sent.start_char : s]
        if len(head.split()) <= 3 and not any(ch in head for ch in ",;:"):
            return sent.start_char, e
        return content

    def _bare_clause(self, v: Token, sent: Span) -> Char | None:
        doc = self.doc
        i = v.i + 1
        if v.lemma_.lower() == "tell":  # skip the addressee
            obj = next((c for c in v.children if c.dep_ in ("dobj", "dative") and c.i > v.i), None)
            if obj is None:
                return None
            i = obj.right_edge.i + 1
        if i < sent.end and doc[i].lower_ == "that":
            i += 1
        toks = [t for t in doc[i : sent.end] if not (t.is_punct or t.is_space)]
        if len(toks) < 3 or toks[0].pos_ in ("ADP", "ADV", "PUNCT", "SCONJ", "CCONJ"):
            return None
        if not any(t.pos_ in ("VERB", "AUX") for t in toks[1:]):
            return None
        if any(t.text in BOUNDARY for t in doc[v.i + 1 : i]):
            return None
        first = doc[i - 1] if doc[i - 1].lower_ == "that" else doc[i]
        return chars(first, toks[-1])

    def _object_content(self, v: Token) -> Char | None:
        lemma = v.lemma_.lower()
        kids = [c for c in v.children if c.i > v.i]
        if lemma in AS_VERBS:
            as_prep = next((c for c in kids if c.dep_ == "prep" and c.lower_ == "as"), None)
            dobj = next((c for c in kids if c.dep_ == "dobj"), None)
            if as_prep is None or dobj is None or dobj.i > as_prep.i:
                return None
            return chars(dobj.left_edge, as_prep.right_edge)
        preps = PHRASAL.get(lemma, frozenset())
        for c in kids:
            if c.dep_ == "prep" and c.lower_ in preps and c.i + 1 <= c.right_edge.i:
                return chars(self.doc[c.i + 1], self._right_end(v, c))
        if lemma not in OBJECT_VERBS and lemma not in EVIDENCE_VERBS:
            return None
        dobj = next((c for c in kids if c.dep_ in ("dobj", "dative")), None)
        xcomp = next((c for c in kids if c.dep_ in ("xcomp", "oprd", "ccomp")), None)
        if xcomp is not None:
            first = dobj.left_edge if dobj is not None and dobj.i < xcomp.i else xcomp.left_edge
            return chars(first, xcomp.right_edge)
        if dobj is not None and lemma not in ADDRESSEE_VERBS:  # "told The Huffington Post"
            return chars(dobj.left_edge, self._right_end(v, dobj))
        return None

    def _right_end(self, v: Token, obj: Token) -> Token:
        """The last token of what follows the object inside the cue's own clause
        ("called the field "all very good"", "urged X to …", "named Y by name")."""
        end = obj.right_edge
        for c in v.children:
            if c.i <= obj.i:
                continue
            if c.dep_ in ("punct", "cc", "conj", "advcl", "parataxis", "relcl", "npadvmod") or c.text in BOUNDARY:
                break
            if any(t.text in BOUNDARY for t in self.doc[end.i + 1 : c.left_edge.i]):
                break
            end = c.right_edge
        return end

    def _quote_follows(self, v: Token) -> QuotedSpan | None:
        """A quotation opening within a few tokens after the cue (after ':' or ',')."""
        doc = self.doc
        limit = min(len(doc), v.i + 10)
        for j in range(v.i + 1, limit):
            t = doc[j]
            if t.text in QUOTE_TOKENS and t.idx in self.qstarts:
                q = self.quotes[self.qstarts.index(t.idx)]
                gap = doc[v.i + 1 : j]
                nouns_ok = v.lemma_.lower() in ADDRESSEE_VERBS or any(g.pos_ == "ADP" for g in gap)
                if gap and gap[-1].text in (":", ",") and not any(
                    g.pos_ == "VERB" or g.text == "." or (g.pos_ in ("NOUN", "PROPN") and not nouns_ok)
                    for g in gap
                ):
                    return q
                if not gap:
                    return q if q.length > 10 else None
                return None
            if t.text in (".", "!", "?") or t.pos_ == "VERB":
                return None
        return None

    def _finalise(self, found: list[Attribution]) -> list[Attribution]:
        """Drop duplicates: one attribution per content and per quotation.

        Two cues that claim overlapping contents around the same quotation
        ("X said: "…" … he added") keep the better one: a named source over a
        pronoun over none, then the longer content.
        """

        def rank(a: Attribution) -> tuple[int, int, int, int]:
            src = 0 if a.source is None else (1 if pronoun_source(self.text, a.source) else 2)
            if a.cue is None:
                dist = 10**6
            else:
                dist = min(abs(a.cue[0] - a.end), abs(a.start - a.cue[1]))
            return int(a.how != "continuation"), min(src, 1), -dist, a.end - a.start

        kept: list[Attribution] = []
        for a in sorted(found, key=rank, reverse=True):
            if any(self._same_quote(a, b) or a.content[0] == b.content[0] for b in kept):
                continue
            kept.append(a)
        kept.sort(key=lambda a: (a.start, -a.end))
        for a in kept:
            a.kind = self._kind(a.content)
        return kept

    def _same_quote(self, a: Attribution, b: Attribution) -> bool:
        (s1, e1), (s2, e2) = a.content[0], b.content[0]
        if not (s1 < e2 and s2 < e1):
            return False
        return any(q.start < min(e1, e2) and max(s1, s2) < q.end for q in self.quotes)


def extract(doc: Doc, opts: Options | None = None, text: str | None = None) -> Extraction:
    """All attributions and scare quotes in a parsed document (``text``: ``doc.text``, when the
    caller already has it)."""
    return Extractor(doc, opts, text).run()


def pronoun_source(text: str, span: Char | None) -> bool:
    """True when the source span is a personal pronoun ("he", "she", "they")."""
    if span is None:
        return False
    return text[span[0] : span[1]].strip().lower() in PERSON_PRONOUNS
