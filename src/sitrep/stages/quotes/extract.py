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

Written as hand rules over the dependency parse (no trained attribution model
is openly licensed for news in English, and the rules stay explainable).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .attribution import Attribution, Char, Extraction, Options, Scare
from .cues import (
    AS_VERBS,
    NOUN_PREPS,
    OBJECT_VERBS,
    PERSON_PRONOUNS,
    PHRASAL,
    SAYING_OBJECT,
    EVIDENCE_VERBS,
    SPEECH_NOUNS,
    SPEECH_VERBS,
    STANDALONE_NOUNS,
)
from .marks import QuotedSpan, find_quotes, paragraphs
from .syntax import (
    ADDRESSEE_VERBS,
    BARE_CLAUSE_VERBS,
    BOUNDARY,
    CLAUSE_DEPS,
    CONTENT_NOUNS,
    DATELINE,
    GOVERN_DEPS,
    HEADLINE_STOP,
    NON_SOURCES,
    PREP_CONTENT,
    QUOTE_CHARS,
    QUOTE_ONLY_VERBS,
    QUOTE_TOKENS,
    RELATIVES,
    SCARE_MAX_WORDS,
    chars,
    is_cue_verb,
    is_title,
    left_name,
    np_between,
    quote_at,
    speaker_span,
    subject_of,
    trim,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

__all__ = ["Attribution", "Extraction", "Extractor", "Options", "Scare", "extract"]


# ------------------------------------------------------------ the extractor


class Extractor:
    """Finds attributions and scare quotes in one parsed document."""

    def __init__(self, doc: Doc, opts: Options | None = None) -> None:
        self.doc = doc
        self.text = doc.text
        self.opts = opts or Options()
        self.quotes = find_quotes(self.text)
        self.qstarts = [q.start for q in self.quotes]
        self.sents = list(doc.sents)
        self.sent_starts = [s.start_char for s in self.sents]

    # -- public

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

    # -- cue-anchored

    def _sent(self, tok: Token) -> Span:
        return tok.sent

    def _from_verb(self, v: Token) -> Attribution | None:
        doc = self.doc
        sent = self._sent(v)
        subj, passive = subject_of(v)
        if subj is not None and subj.lower_ in NON_SOURCES and not (subj.lower_ == "it" and subj.head.i == v.i):
            subj = None  # "it is impossible to believe …", but "It said …" (an organisation)
        source = speaker_span(subj) if subj is not None else None
        how = "subject" if subj is not None and subj.head.i == v.i else "inherited"
        content: Char | None = None
        second: Char | None = None  # the right part of "A, X said, B"
        # 1. a clausal complement: "X said (that) …", "…, X said"
        for child in v.children:
            if child.dep_ in CLAUSE_DEPS:
                lo, hi = child.left_edge, child.right_edge
                content = chars(lo, hi)
                if child.i < v.i:
                    content = self._extend_left_to_sentence(content, sent)
                break
        # 1b. "X said earlier on Friday during a news conference that …" (misattached that-clause)
        if content is None and v.lemma_.lower() in SPEECH_VERBS:
            for t in self.doc[v.i + 1 : min(v.i + 15, sent.end)]:
                if t.text in BOUNDARY or t.text in ".!?" or (t.pos_ == "VERB" and t.dep_ != "amod"):
                    break
                if t.lower_ == "that" and t.dep_ == "mark" and t.head.i > t.i:
                    content = chars(t, t.head.right_edge)
                    break
        # 1c. "He said legalizing it could …" parsed without a clausal complement: the rest
        #     of the sentence, when it is a clause
        if content is None and subj is not None and v.lemma_.lower() in BARE_CLAUSE_VERBS:
            content = self._bare_clause(v, sent)
        # 2. "accused X of …", "blamed X for …"
        if content is None and v.lemma_.lower() in PREP_CONTENT:
            prep = PREP_CONTENT[v.lemma_.lower()]
            for child in v.children:
                if child.dep_ == "prep" and child.lower_ == prep and child.i > v.i:
                    obj = next((c for c in v.children if c.dep_ == "dobj" and v.i < c.i < child.i), None)
                    first = obj.left_edge if obj is not None else (doc[child.i + 1] if child.i + 1 <= child.right_edge.i else None)
                    content = chars(first, child.right_edge) if first is not None else None
                    break
        # 3. "expressed hope that …": a content noun object with a that-clause
        if content is None:
            for child in v.children:
                if child.dep_ == "dobj" and child.lemma_.lower() in CONTENT_NOUNS:
                    if any(g.dep_ in ("acl", "ccomp", "relcl") and g.i > child.i for g in child.children):
                        content = chars(child.left_edge, child.right_edge)
                        break
        # 3b. stance verbs: "urged voters to …", "refused to …", "endorsed Clinton",
        #     "called Trump “unhinged”", "called for …"
        # "an outside group backing Rubio" (an active participle: the noun is the source;
        # "a program called X" is passive and names nobody's claim)
        acl_head = v.dep_ == "acl" and v.tag_ == "VBG" and v.head.pos_ in ("NOUN", "PROPN") and v.head.i < v.i
        if content is None and (subj is not None or acl_head) and self.opts.stance:
            content = self._object_content(v)
        # 3c. "Trump says racist things": the object of a verb of saying
        if content is None and subj is not None and v.lemma_.lower() in SAYING_OBJECT:
            obj = next((c for c in v.children if c.dep_ == "dobj" and c.i > v.i), None)
            if obj is not None and obj.lower_ not in ("nothing", "something", "anything", "it", "so"):
                content = chars(obj.left_edge, obj.right_edge)
        # 3d. ""…," Trump, the front-runner, said": a quotation right before the subject
        if content is None and subj is not None and subj.i < v.i:
            j = subj.left_edge.i - 1
            while j >= 0 and self.doc[j].is_punct and self.doc[j].text not in QUOTE_TOKENS:
                j -= 1
            if j >= 0 and self.doc[j].text in QUOTE_TOKENS:
                q = quote_at(self.quotes, self.qstarts, self.doc[j].idx)
                if q is not None and q.end <= subj.left_edge.idx:
                    content = (q.start, q.end)
        # 4. "X said: "…"" / "X said, "…"": a quotation opening right after the cue
        if v.lemma_.lower() in SPEECH_VERBS and (content is None or self._quote_follows(v) is not None):
            q = self._quote_follows(v)
            if q is not None and (content is None or content[0] >= q.start - 2 or content[1] <= q.start):
                content = (q.start, q.end)  # (an addressee object before it is not the content)
        # 5. post-posed: "…, X said." / "…, said X." / "…, the Times reported."
        if content is None or subj is None:
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
        # 6. "As X noted, …" / "…, as X said."
        if content is None:
            content = self._as_clause(v, sent, source)
        if content is None:
            return None
        if (
            source is None
            and v.dep_ == "acl"
            and v.head.pos_ in ("NOUN", "PROPN")
            and v.head.i < v.i
            and (v.tag_ == "VBG" or (v.lemma_.lower() in SPEECH_VERBS and self._clause_final(v, sent)))
        ):
            source, how = speaker_span(v.head), "postposed"  # "the Times reported" misparsed
        if source is None and not passive and v.dep_ == "acl" and v.head.lemma_.lower() in SPEECH_NOUNS:
            source, how = speaker_span(v.head), "noun"
        cue = chars(v, v)
        content = self._widen_to_quotes(trim(self.text, content), cue, source)
        if content is None or not self._plausible(content, cue, source):
            return None
        if v.lemma_.lower() in QUOTE_ONLY_VERBS and self._kind([content]) != "direct":
            return None  # "he continued" introduces quotations only
        if source is None and not passive:
            source = left_name(v)
            how = "left"
        if source is None and not passive:
            return None
        refers = None
        if subj is not None and subj.lower_ in RELATIVES and subj.head.dep_ == "relcl":
            refers = speaker_span(subj.head.head)
        frags = [content]
        if second is not None:
            second = trim(self.text, second)
            if second[1] > second[0] and second[0] >= content[1]:
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
        if dobj is not None:
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

    def _postposed(self, v: Token, sent: Span) -> tuple[Char, Char | list[Char]] | None:
        """Source and content of "CONTENT, SOURCE said" or "CONTENT, said SOURCE"."""
        doc = self.doc
        final = self._clause_final(v, sent)
        if final is None:
            return None
        # walk left over auxiliaries/adverbs to the first token of the verb group
        j = v.i
        while j - 1 >= sent.start and doc[j - 1].pos_ in ("AUX", "ADV", "PART") and doc[j - 1].text not in BOUNDARY:
            j -= 1
        # inverted: ", said X"
        if j - 1 >= sent.start and (doc[j - 1].text in BOUNDARY or doc[j - 1].text in "”\"'’"):
            end = v.i + 1
            while end < sent.end and doc[end].text not in BOUNDARY and doc[end].text not in ".!?":
                end += 1
            np = np_between(doc, v.i + 1, end)
            b = j - 1
            if doc[b].text in QUOTE_TOKENS and b - 1 >= sent.start and doc[b - 1].text in BOUNDARY:
                b -= 1
            if np is not None and b > sent.start:
                return np, self._content_before(sent, b)
            return None
        # normal: ", X said"
        k = j - 1
        while k >= sent.start and doc[k].text not in BOUNDARY and doc[k].text not in QUOTE_TOKENS:
            k -= 1
        if k < sent.start:
            # the sentence may start with the speaker after a quotation that ended the previous one
            k = sent.start - 1
            if k < 0 or doc[k].text not in QUOTE_TOKENS:
                return None
            np = np_between(doc, sent.start, j)
            if np is None:
                return None
            q = quote_at(self.quotes, self.qstarts, doc[k].idx)
            if q is None:
                return None
            return np, (q.start, q.end)
        np = np_between(doc, k + 1, j)
        if np is None or (doc[k].text == "," and self._apposition_before(k, sent)):
            # ""…," Sarandon, 69, told" / "…, his top aide, Tad Devine, told": one more segment
            k2 = k - 1
            while k2 >= sent.start and doc[k2].text not in BOUNDARY and doc[k2].text not in QUOTE_TOKENS:
                k2 -= 1
            wider = np_between(doc, k2 + 1, k) if doc[k].text == "," else None
            if wider is None:
                if np is None:
                    return None
            else:
                np, k = (wider[0], np[1] if np is not None else doc[k - 1].idx + len(doc[k - 1].text)), k2
                if k < sent.start:
                    return None
        if final is False:
            return np, self._parenthetical_content(v, sent, k)
        b = k
        if doc[b].text in QUOTE_TOKENS and b - 1 >= sent.start and doc[b - 1].text in BOUNDARY:
            b -= 1
        if doc[b].text in QUOTE_TOKENS:
            q = quote_at(self.quotes, self.qstarts, doc[b].idx)
            if q is not None and q.end <= np[0]:
                return np, (q.start, q.end)
        if b <= sent.start:
            return None
        return np, self._content_before(sent, b)

    def _apposition_before(self, k: int, sent: Span) -> bool:
        """True when the segment before the comma at ``k`` is a short name with a
        comma or quotation before it (", Sarandon, 69, told")."""
        doc = self.doc
        k2 = k - 1
        while k2 >= sent.start and doc[k2].text not in BOUNDARY and doc[k2].text not in QUOTE_TOKENS:
            k2 -= 1
        if k2 < sent.start or k - k2 - 1 > 5:
            return False
        seg = doc[k2 + 1 : k]
        return bool(seg) and seg[0].pos_ == "PROPN" and all(t.pos_ in ("PROPN", "DET", "ADJ", "NOUN", "PUNCT") for t in seg)

    def _clause_final(self, v: Token, sent: Span) -> bool | None:
        """True when only adverbials (or ", adding …" / a quotation) follow the cue,
        False for a parenthetical ("A, X said, B"), None when the cue governs more."""
        doc = self.doc
        if any(c.dep_ in ("ccomp", "xcomp", "attr", "oprd", "acomp") and c.i > v.i for c in v.children):
            return None
        if v.lemma_.lower() not in ADDRESSEE_VERBS and any(
            c.dep_ == "dobj" and c.i > v.i and c.lower_ not in ("so",) for c in v.children
        ):
            return None
        rest = []
        for t in doc[v.i + 1 : sent.end]:
            if t.text in ".!?" or t.text in QUOTE_TOKENS:
                break
            if t.text in BOUNDARY:
                nxt = doc[t.i + 1] if t.i + 1 < sent.end else None
                if nxt is None or nxt.text in QUOTE_TOKENS or nxt.lower_ in ("adding", "saying", "noting", "explaining", "according"):
                    break
                if nxt.tag_ == "VBG" or (rest and (nxt.lower_ in ("who", "which", "a", "an", "the") or nxt.pos_ == "PROPN")):
                    break  # ", adding …", ", who …", an apposition of an inverted speaker
                if not rest:
                    return False  # "A, X said, B": a parenthetical cue
                if v.lemma_.lower() in ADDRESSEE_VERBS and all(
                    any(a.i == v.i for a in r.ancestors) and r.dep_ in ("dobj", "compound", "det", "pobj", "prep", "dative")
                    for r in rest
                ):
                    return False  # "A, Trump told CNN, B"
                return None
            rest.append(t)
        if len(rest) > 14:
            return None
        if any(t.pos_ == "VERB" and t.dep_ not in ("amod", "compound", "acl") for t in rest):
            return None
        return True

    def _parenthetical_content(self, v: Token, sent: Span, comma_i: int) -> list[Char]:
        """ "A, X said, B": both parts (two fragments); only B when A is too short to be
        a claim or ends with a subordinator ("because, X said, B")."""
        doc = self.doc
        m = v.i + 1
        while m < sent.end and doc[m].text not in BOUNDARY:
            m += 1
        last = sent[-1]
        right = (doc[min(m + 1, sent.end - 1)].idx, last.idx + len(last.text))
        before = doc[comma_i - 1] if comma_i - 1 >= sent.start else None
        if before is None or before.pos_ in ("SCONJ", "ADP") or before.lower_ in ("that", "and", "but"):
            return [right]
        left = (sent.start_char, before.idx + len(before.text))
        if len(self.text[left[0] : left[1]].split()) < 4:
            return [right]
        return [left, right]

    def _content_before(self, sent: Span, boundary_i: int) -> Char:
        doc = self.doc
        first = sent[0]
        start = first.idx
        m = DATELINE.match(self.text, start, doc[boundary_i].idx)
        if m:
            start = m.end()
        q = quote_at(self.quotes, self.qstarts, doc[boundary_i].idx)
        last = doc[boundary_i - 1] if boundary_i - 1 >= sent.start else first
        end = last.idx + len(last.text)
        if doc[boundary_i].text in QUOTE_TOKENS:
            end = doc[boundary_i].idx + 1
        if q is not None:
            start = min(start, q.start)
        return start, end

    def _as_clause(self, v: Token, sent: Span, source: Char | None) -> Char | None:
        """Content of "As X noted, CONTENT" and "CONTENT, as X said"."""
        doc = self.doc
        k = v.i - 1
        while k >= sent.start and doc[k].lower_ != "as" and doc[k].text not in BOUNDARY:
            k -= 1
        if k < sent.start or doc[k].lower_ != "as" or v.i - k > 10:
            return None
        if k == sent.start or (k - 1 >= sent.start and doc[k - 1].text in ("But", "And", "So")):
            # "As X noted Friday, CONTENT"
            m = v.i + 1
            while m < sent.end and doc[m].text != ",":
                m += 1
            if m + 1 >= sent.end:
                return None
            last = sent[-1]
            return doc[m + 1].idx, last.idx + len(last.text)
        if doc[k - 1].text == ",":
            return sent.start_char, doc[k - 2].idx + len(doc[k - 2].text)
        return None

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
        content = self._widen_to_quotes(trim(self.text, content), cue, source)
        if content is None or not self._plausible(content, cue, source):
            return None
        return Attribution([content], cue, source, how="according")

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

    # -- content shaping

    def _widen_to_quotes(self, content: Char, cue: Char, source: Char | None) -> Char | None:
        """Extend a content to whole quotations it starts or ends inside."""
        s, e = content
        if e <= s:
            return None
        blocked = [cue] + ([source] if source else [])
        for q in self.quotes:
            if q.end <= s or q.start >= e:
                continue
            if any(q.start <= b[0] < q.end for b in blocked):
                continue  # the cue is inside this quotation: it is not the content's
            if q.start >= s - 1 and q.end > e:
                e = q.end
            if q.start < s <= q.inner_start + 1 or (q.start < s and q.end >= e):
                s = q.start
        # outside quotations a content never runs over a paragraph break: keep the
        # part next to the cue
        breaks = [
            i for i in range(s, e)
            if self.text[i] == "\n" and quote_at(self.quotes, self.qstarts, i) is None
        ]
        if breaks:
            if cue[0] >= e:
                s = breaks[-1] + 1
            else:
                e = breaks[0]
        return trim(self.text, (s, e))

    def _plausible(self, content: Char, cue: Char, source: Char | None) -> bool:
        s, e = content
        if s <= cue[0] < e:
            return False
        if source is not None and s <= source[0] < e and not (source[0] <= s):
            return False
        words = self.text[s:e].split()
        return len(words) >= 2 or any(c in self.text[s:e] for c in QUOTE_CHARS)

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

    def _kind(self, frags: Iterable[Char]) -> str:
        inside = outside = 0
        for s, e in frags:
            pos = s
            for q in self.quotes:
                if q.end <= s or q.start >= e:
                    continue
                outside += len(self.text[pos : max(pos, q.start)].split())
                inside += len(self.text[max(q.start, s) : min(q.end, e)].split())
                pos = max(pos, q.end)
            outside += len(self.text[pos:e].split())
        if inside and outside <= 1:
            return "direct"
        if inside:
            return "mixed"
        return "indirect"

    # -- quote-anchored

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
                if cur.pos_ == "VERB" and cur.lemma_.lower() in SPEECH_VERBS | {"call", "express", "label", "dub", "brand", "term"}:
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
        names = []
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


def extract(doc: Doc, opts: Options | None = None) -> Extraction:
    """All attributions and scare quotes in a parsed document."""
    return Extractor(doc, opts).run()


def pronoun_source(text: str, span: Char | None) -> bool:
    """True when the source span is a personal pronoun ("he", "she", "they")."""
    if span is None:
        return False
    return text[span[0] : span[1]].strip().lower() in PERSON_PRONOUNS
