"""Per-document token attribute columns, read by the casualty readers instead of spaCy tokens.

Every spaCy ``Token`` attribute read builds a ``Token`` object and, for a string attribute,
decodes a new Python string from the vocabulary (issue 12: ~2.5 M such reads made the stage's
cost). The readers that walk whole sentences or zones (numbers, sources, scope, background)
read the plain lists of ``columns(doc)`` instead: one ``Doc.to_array`` call per document, each
column turned into a list the first time a reader asks for it, then shared by every reader of
that document. A column holds exactly what the attribute read returns (``tests/
test_casualties_tokens.py`` compares them), so a reader gives the same answer either way.

The parse is read the same way (``head``, ``children``, ``subtree``, ``ancestors``: token
indices in the order spaCy's ``Token.head`` / ``children`` / ``subtree`` / ``ancestors`` yield
their tokens), so the scope zone walks the tree without building a ``Token`` per visited word.

The columns of the last document asked for are kept, with a reference to that ``Doc``, and
handed out again only for the very same object (compared by identity, so a new document never
gets an old one's columns); the stage reads one document at a time.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

#: the attributes ``Doc.to_array`` reads, in column order (spaCy is imported where they are read:
#: the package's record and scorer modules stay importable without it)
_ATTRS = ("LOWER", "LEMMA", "ORTH", "POS", "TAG", "DEP", "ENT_TYPE", "IDX", "LIKE_NUM", "IS_TITLE", "IS_STOP",
          "IS_ALPHA", "IS_PUNCT", "IS_UPPER", "IS_QUOTE", "ENT_IOB", "HEAD")
#: string of each vocabulary hash seen (a hash names one string in every vocabulary), and the
#: lower case of each lemma hash; emptied when they grow past ``_MEMO_SIZE``
_STRINGS: dict[int, str] = {}
_LOWERED: dict[int, str] = {}
_MEMO_SIZE = 500_000
T = TypeVar("T")


class Columns:
    """Token attributes of one document by token index: ``lower[i] == doc[i].lower_``,
    ``lemma[i] == doc[i].lemma_.lower()``, ``text[i] == doc[i].text``, ``pos``, ``tag``, ``dep``,
    ``ent_type`` the ``*_`` strings, ``idx`` the character offsets, ``like_num``, ``is_title``,
    ``is_stop``, ``is_alpha``, ``is_punct``, ``is_upper``, ``is_quote`` the flags, ``ent_iob`` the
    ``ent_iob_`` codes ("B", "I", "O", "")."""

    def __init__(self, doc: Doc, text: str | None = None) -> None:
        self.doc = doc
        self._array = doc.to_array(list(_ATTRS))
        self._text = text
        self._derived: dict[tuple[str, int], tuple[object, Any]] = {}
        self._subtrees: dict[int, list[int]] = {}

    def derived(self, name: str, owner: object, build: Callable[[], T]) -> T:
        """What ``build`` derives from the columns and ``owner`` (a lexicon), built once per
        document and per owner (the very same object) and kept with the columns."""
        key = (name, id(owner))
        hit = self._derived.get(key)
        if hit is None or hit[0] is not owner:
            hit = (owner, build())
            self._derived[key] = hit
        value: T = hit[1]
        return value

    def span_text(self, span: Span) -> str:
        """``span.text``, cut from the document's text (``Span.text`` joins its tokens anew on
        every read): the characters from its first token's offset to its last token's end."""
        if self._text is None:
            self._text = self.doc.text
        return self._text[span.start_char:span.end_char]

    def _column(self, k: int) -> list[int]:
        values: list[int] = self._array[:, k].tolist()
        return values

    def _strings(self, k: int) -> list[str]:
        hashes = self._column(k)
        if len(_STRINGS) > _MEMO_SIZE:
            _STRINGS.clear()
        strings = self.doc.vocab.strings
        for h in set(hashes).difference(_STRINGS):
            _STRINGS[h] = strings[h]
        return list(map(_STRINGS.__getitem__, hashes))

    def _flags(self, k: int) -> list[bool]:
        return list(map(bool, self._column(k)))

    @functools.cached_property
    def lower(self) -> list[str]:
        return self._strings(0)

    @functools.cached_property
    def lemma(self) -> list[str]:
        hashes = self._column(1)
        if len(_LOWERED) > _MEMO_SIZE:
            _LOWERED.clear()
        strings = self.doc.vocab.strings
        for h in set(hashes).difference(_LOWERED):
            _LOWERED[h] = strings[h].lower()
        return list(map(_LOWERED.__getitem__, hashes))

    @functools.cached_property
    def text(self) -> list[str]:
        return self._strings(2)

    @functools.cached_property
    def pos(self) -> list[str]:
        from spacy.parts_of_speech import NAMES  # type: ignore[import-not-found]  # a Cython module, no stub

        return list(map(NAMES.__getitem__, self._column(3)))

    @functools.cached_property
    def tag(self) -> list[str]:
        return self._strings(4)

    @functools.cached_property
    def dep(self) -> list[str]:
        return self._strings(5)

    @functools.cached_property
    def ent_type(self) -> list[str]:
        return self._strings(6)

    @functools.cached_property
    def idx(self) -> list[int]:
        return self._column(7)

    @functools.cached_property
    def like_num(self) -> list[bool]:
        return self._flags(8)

    @functools.cached_property
    def is_title(self) -> list[bool]:
        return self._flags(9)

    @functools.cached_property
    def is_stop(self) -> list[bool]:
        return self._flags(10)

    @functools.cached_property
    def is_alpha(self) -> list[bool]:
        return self._flags(11)

    @functools.cached_property
    def is_punct(self) -> list[bool]:
        return self._flags(12)

    @functools.cached_property
    def is_upper(self) -> list[bool]:
        return self._flags(13)

    @functools.cached_property
    def is_quote(self) -> list[bool]:
        return self._flags(14)

    @functools.cached_property
    def ent_iob(self) -> list[str]:
        iob = ("", "I", "O", "B")  # spaCy's IOB_STRINGS, indexed by the stored code
        return [iob[c] for c in self._column(15)]

    @functools.cached_property
    def head(self) -> list[int]:
        """``head[i] == doc[i].head.i`` (a root is its own head)."""
        offsets = self._array[:, 16].astype("int64").tolist()  # relative, stored unsigned
        return [i + h for i, h in enumerate(offsets)]

    @functools.cached_property
    def children(self) -> list[list[int]]:
        """``children[i] == [c.i for c in doc[i].children]``: every token whose head is ``i``
        (itself excepted), in text order. spaCy scans a token's left children from its left edge
        and its right children back from its right edge; every child lies within those edges, so
        both scans yield exactly the tokens whose head it is, left to right."""
        out: list[list[int]] = [[] for _ in self.head]
        for i, h in enumerate(self.head):
            if h != i:
                out[h].append(i)
        return out

    def subtree(self, i: int) -> list[int]:
        """``[t.i for t in doc[i].subtree]``, in spaCy's order: each left child's subtree, the
        token, each right child's subtree (text order for a projective parse). Built once per
        token and document; the caller must not change the list."""
        hit = self._subtrees.get(i)
        if hit is None:
            kids = self.children[i]
            hit = []
            for c in kids:
                if c < i:
                    hit.extend(self.subtree(c))
            hit.append(i)
            for c in kids:
                if c > i:
                    hit.extend(self.subtree(c))
            self._subtrees[i] = hit
        return hit

    def ancestors(self, i: int) -> list[int]:
        """``[t.i for t in doc[i].ancestors]``: the heads up from ``i`` to its root (at most as
        many as the document has tokens, as spaCy guards)."""
        head = self.head
        out: list[int] = []
        while head[i] != i and len(out) < len(head):
            i = head[i]
            out.append(i)
        return out


_last: Columns | None = None


def columns(doc: Doc, text: str | None = None) -> Columns:
    """The columns of ``doc``, built once and shared by every reader of the document. ``text``:
    ``doc.text`` when the caller has it (else it is joined from the tokens when first needed)."""
    global _last
    cols = _last  # read once: another thread may replace ``_last`` meanwhile (it then rebuilds, never mixes)
    if cols is None or cols.doc is not doc:
        cols = _last = Columns(doc, text)
    elif text is not None and cols._text is None:
        cols._text = text
    return cols
