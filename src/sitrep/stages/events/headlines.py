"""Title-case headlines parsed as sentences: "Five Civilians Killed in Car Bomb Attack in Azaz".

The statistical parser reads a title-case line as a string of proper names: "Killed" becomes a
proper noun, "Car Bomb Attack" an organisation, and the headline's events are lost (the coding
guide codes a headline that reports an event like any sentence, section 9). ``reparsed`` parses
each such line again in sentence case — every word lower-cased except the places and named
actors that earlier stages found there — and returns a copy of the document whose headline
tokens carry the new tags, lemmas and tree. Offsets and token indices do not change (lower-casing
keeps the length; a line whose length or tokens would change is left as it was), so mentions,
places and times still point where they did; the analysis keeps its own document untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .finer import headline

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Span

#: a headline shorter than this many tokens has no clause to parse
MIN_TOKENS = 3
#: pipeline components a re-parse does not need (entities come from the first parse)
SKIP = ("ner",)


def _sentence_case(sent: Span, keep: set[int]) -> str:
    """The line with every token lower-cased except its first and the tokens in ``keep``."""
    out = []
    for tok in sent:
        word = tok.text if tok.i == sent.start or tok.i in keep else tok.text.lower()
        out.append(word + tok.whitespace_)
    return "".join(out)


def _same_tokens(sent: Span, other: Doc) -> bool:
    return len(other) == len(sent) and all(
        a.idx - sent.start_char == b.idx and len(a) == len(b) for a, b in zip(sent, other, strict=True))


def reparsed(doc: Doc, nlp: Language | None, keep: Callable[[], set[int]]) -> tuple[Doc, set[int]]:
    """(document, starts of the sentences re-parsed): a copy with every title-case headline
    parsed again in sentence case, or ``doc`` itself when there is none (or no pipeline).
    ``keep``: gives the token indices whose case stays (places and named actors); called only
    when there is a headline."""
    lines = [s for s in doc.sents if len(s) >= MIN_TOKENS and "\n" not in s.text.strip() and headline(s)]
    if nlp is None or not lines:
        return doc, set()
    kept = keep()
    attrs: list[int | str] = ["HEAD", "DEP", "TAG", "POS", "LEMMA"]
    array: Any = doc.to_array(attrs)
    done: set[int] = set()
    for sent in lines:
        text = _sentence_case(sent, kept)
        if len(text) != len(sent.text_with_ws):
            continue
        again = nlp(text, disable=[p for p in SKIP if p in nlp.pipe_names])
        if not _same_tokens(sent, again) or sum(1 for _ in again.sents) != 1:
            continue
        array[sent.start:sent.end] = again.to_array(attrs)
        done.add(sent.start)
    if not done:
        return doc, set()
    copy = doc.copy()
    copy.from_array(attrs, array)
    if [s.start for s in copy.sents] != [s.start for s in doc.sents]:
        return doc, set()  # the new trees would move a sentence boundary: keep the first parse
    return copy, done
