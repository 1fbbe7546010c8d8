"""Per-document token attribute columns, read by the casualty readers instead of spaCy tokens.

Every spaCy ``Token`` attribute read builds a ``Token`` object and, for a string attribute,
decodes a new Python string from the vocabulary (issue 12: ~2.5 M such reads made the stage's
cost). The readers that walk whole sentences (numbers, sources, scope, background) read the
plain lists of ``columns(doc)`` instead: built in one pass over the document the first time a
reader asks, then shared by every reader of that document. A column holds exactly what the
attribute read returns, so a reader gives the same answer either way.

The columns of the last document asked for are kept, with a reference to that ``Doc``, and
handed out again only for the very same object (compared by identity, so a new document never
gets an old one's columns); the stage reads one document at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


@dataclass(frozen=True, slots=True)
class Columns:
    """Token attributes of one document by token index: ``lower[i] == doc[i].lower_``,
    ``lemma[i] == doc[i].lemma_.lower()``, and so on."""

    doc: Doc
    lower: list[str]
    lemma: list[str]
    text: list[str]
    pos: list[str]
    tag: list[str]
    dep: list[str]
    like_num: list[bool]
    is_title: list[bool]
    is_stop: list[bool]
    is_alpha: list[bool]


_last: Columns | None = None


def columns(doc: Doc) -> Columns:
    """The columns of ``doc``, built once and shared by every reader of the document."""
    global _last
    if _last is not None and _last.doc is doc:
        return _last
    lower: list[str] = []
    lemma: list[str] = []
    text: list[str] = []
    pos: list[str] = []
    tag: list[str] = []
    dep: list[str] = []
    like_num: list[bool] = []
    is_title: list[bool] = []
    is_stop: list[bool] = []
    is_alpha: list[bool] = []
    for t in doc:
        lower.append(t.lower_)
        lemma.append(t.lemma_.lower())
        text.append(t.text)
        pos.append(t.pos_)
        tag.append(t.tag_)
        dep.append(t.dep_)
        like_num.append(t.like_num)
        is_title.append(t.is_title)
        is_stop.append(t.is_stop)
        is_alpha.append(t.is_alpha)
    _last = Columns(doc, lower, lemma, text, pos, tag, dep, like_num, is_title, is_stop, is_alpha)
    return _last
