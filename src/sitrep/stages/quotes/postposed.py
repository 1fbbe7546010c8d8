"""Cues after their content: "…, X said", "…, said X", "A, X said, B", "As X noted, …"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .attribution import Char
from .lexicon import (
    ADDRESSEE_VERBS,
    BELIEF_VERBS,
    EVIDENCE_VERBS,
    QUOTE_ONLY_VERBS,
    SPEECH_VERBS,
)
from .rulebase import RuleBase
from .syntax import BOUNDARY, DATELINE, QUOTE_TOKENS, np_between, quote_at

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token


class PostposedRules(RuleBase):
    """Cues after their content: "…, X said", "…, said X", "A, X said, B", "As X noted, …"."""

    def _postposed(self, v: Token, sent: Span) -> tuple[Char, Char | list[Char]] | None:
        """Source and content of "CONTENT, SOURCE said" or "CONTENT, said SOURCE".

        Examples: ""We will not retreat," the commander said." (source "the commander",
        content the quotation), "The talks failed, said Lavrov." (source "Lavrov", content
        "The talks failed"), "The deal, Kerry said, is fragile." (a parenthetical cue: both
        parts are the content)."""
        doc = self.doc
        lemma = v.lemma_.lower()
        if not (lemma in SPEECH_VERBS or lemma in EVIDENCE_VERBS or lemma in QUOTE_ONLY_VERBS or lemma in BELIEF_VERBS):
            return None  # "…, if Assad agrees." is not a cue for what precedes it
        final = self._clause_final(v, sent)
        if final is None:
            return None
        # walk left over auxiliaries/adverbs to the first token of the verb group
        j = v.i
        while j - 1 >= sent.start and doc[j - 1].pos_ in ("AUX", "ADV", "PART") and doc[j - 1].text not in BOUNDARY:
            j -= 1
        if j - 1 >= sent.start and (doc[j - 1].text in BOUNDARY or doc[j - 1].text in "”\"'’"):
            return self._inverted(v, j, sent)
        return self._speaker_first(v, j, sent, final)

    def _inverted(self, v: Token, j: int, sent: Span) -> tuple[Char, Char] | None:
        """", said X": the noun phrase after the verb is the source, what precedes the comma
        (or the quotation before it) the content."""
        doc = self.doc
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

    def _speaker_first(self, v: Token, j: int, sent: Span, final: bool) -> tuple[Char, Char | list[Char]] | None:
        """", X said" (``j``: the first token of the verb group): the segment before the verb
        is the source; the content is what precedes it, or both parts of a parenthetical."""
        doc = self.doc
        k = j - 1
        while k >= sent.start and doc[k].text not in BOUNDARY and doc[k].text not in QUOTE_TOKENS:
            k -= 1
        if k < sent.start:
            return self._after_previous_quote(j, sent)
        found = self._speaker_before(k, j, sent)
        if found is None:
            return None
        np, k = found
        if final is False:
            return np, self._parenthetical_content(v, sent, k)
        return self._content_up_to(np, k, sent)

    def _after_previous_quote(self, j: int, sent: Span) -> tuple[Char, Char] | None:
        """The sentence starts with the speaker right after a quotation that ended the previous
        sentence (""…." The minister said on Friday."): that quotation is the content."""
        doc = self.doc
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

    def _speaker_before(self, k: int, j: int, sent: Span) -> tuple[Char, int] | None:
        """The source between the boundary at ``k`` and the verb at ``j``, and the boundary the
        content ends at; one more segment for an apposition (""…," Sarandon, 69, told" /
        "…, his top aide, Tad Devine, told")."""
        doc = self.doc
        np = np_between(doc, k + 1, j)
        if np is None or (doc[k].text == "," and self._apposition_before(k, sent)):
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
        return np, k

    def _content_up_to(self, np: Char, k: int, sent: Span) -> tuple[Char, Char] | None:
        """The content that ends at the boundary ``k`` before the source ``np``: the quotation
        that closes there, else the sentence up to it."""
        doc = self.doc
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
        rest: list[Token] = []
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
