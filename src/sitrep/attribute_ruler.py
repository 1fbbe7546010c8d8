"""The same matches as spaCy's ``attribute_ruler``, found by table look-up (issue 16, speed).

The English pipelines' ``attribute_ruler`` maps fine-grained tags (and a few words and
dependency labels) to coarse POS, morphology and some lemmas with ~180 token patterns run by
spaCy's general ``Matcher``, which tries every pattern on every token: about 15 % of a bare
parse on FA-KES articles (``docs/benchmarks.md``, issue 16). Almost all of those patterns
are a fixed sequence of tokens with equality, set or regular-expression conditions on the tag,
the lower-cased form, the dependency label or ``is_space``. :class:`TableMatcher` indexes each
such pattern under one of its first token's conditions, checks the few candidates a token has,
and remembers what it found per distinct (tag, word, dependency, space) tuple (a bounded memo:
a one-token match depends on those four values alone); patterns it cannot express (operators,
other attributes) stay in a small spaCy ``Matcher`` of their own (none for ``en_core_web_sm``).
The ruler keeps its own ``set_annotations``: only its ``match`` step is replaced, and it returns
the same sorted (attribute id, key, start, end) list (duplicates aside: applying one pattern's
attributes twice to a token changes nothing), so every token ends with the same attributes.
``tests/test_attribute_ruler.py`` compares the two on project-written text, token by token and
match by match; ``benchmarks/attribute_ruler_speed.py`` measures both.

``speed_up(nlp)`` is applied by :func:`sitrep.nlp.load_nlp`; a pipeline without an
``attribute_ruler`` (or with none of these patterns) is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

#: token attributes a table pattern may test (all read off ``Doc.to_array`` as hashes or flags)
TABLE_ATTRS: tuple[str, ...] = ("TAG", "LOWER", "DEP", "IS_SPACE")
#: the attributes whose values are strings (a ``REGEX`` predicate reads them)
STRING_ATTRS: frozenset[str] = frozenset({"TAG", "LOWER", "DEP"})
#: the attributes a pattern's first token is indexed under (an equality or a set of values), in
#: order of preference: the most selective first
INDEX_ATTRS: tuple[str, ...] = ("LOWER", "TAG", "DEP", "IS_SPACE")

#: one condition: (column in the attribute array, kind, value) with kind "eq" (a hash or a
#: flag), "in" or "not_in" (a frozenset of hashes) or "regex" (a compiled pattern searched in
#: the attribute's string, as spaCy's ``REGEX`` predicate does)
Condition = tuple[int, str, Any]
Match = tuple[int, int, int, int]
#: distinct token attribute tuples remembered by a matcher before it starts again (~375 bytes
#: each, so at most ~7.5 MB; 408 FA-KES development articles have 16,772)
MEMO_SIZE = 20_000


@dataclass(frozen=True, slots=True)
class _Pattern:
    """One token sequence of one ruler entry, compiled to conditions on attribute columns."""

    attr_id: int
    match_id: int
    tokens: tuple[tuple[Condition, ...], ...]


def _condition(column: int, value: Any, hash_of: Callable[[str], int]) -> Condition | None:
    """A spec value as a condition, or None when the table cannot express it (the value types
    spaCy's Matcher reads the same way: strings for string attributes, booleans for flags)."""
    if TABLE_ATTRS[column] not in STRING_ATTRS:  # a flag
        return (column, "eq", int(value)) if isinstance(value, bool) else None
    if isinstance(value, str):
        return column, "eq", hash_of(value)
    if isinstance(value, dict) and len(value) == 1:
        (op, items), = value.items()
        if op in ("IN", "NOT_IN") and isinstance(items, list) and all(isinstance(v, str) for v in items):
            return column, op.lower(), frozenset(hash_of(v) for v in items)
        if op == "REGEX" and isinstance(items, str):
            return column, "regex", re.compile(items)
    return None


def _compile(tokens: Sequence[dict[str, Any]], hash_of: Callable[[str], int]) -> tuple[tuple[Condition, ...], ...] | None:
    out = []
    for spec in tokens:
        conds = []
        for key, value in spec.items():
            if key not in TABLE_ATTRS:
                return None
            cond = _condition(TABLE_ATTRS.index(key), value, hash_of)
            if cond is None:
                return None
            conds.append(cond)
        if not conds:
            return None  # an empty spec matches any token: leave it to spaCy
        out.append(tuple(conds))
    return tuple(out) if out else None


def _holds(row: tuple[int, ...], conds: tuple[Condition, ...], text_of: Callable[[int], str]) -> bool:
    for column, kind, value in conds:
        got = row[column]
        if kind == "eq":
            if got != value:
                return False
        elif kind == "in":
            if got not in value:
                return False
        elif kind == "not_in":
            if got in value:
                return False
        elif not value.search(text_of(got)):  # regex
            return False
    return True


class TableMatcher:
    """The ``match`` step of an ``AttributeRuler``: table patterns plus a residual spaCy matcher."""

    def __init__(self, ruler: Any) -> None:
        from spacy.matcher import Matcher
        from spacy.strings import get_string_id

        strings = ruler.vocab.strings
        self._strings = strings
        self._columns: list[int | str] = list(TABLE_ATTRS)
        self.residual = Matcher(ruler.vocab)
        #: patterns indexed by (column, hash) of a first-token equality, and the rest
        self._indexed: dict[tuple[int, int], list[_Pattern]] = {}
        self._unindexed: list[_Pattern] = []
        self._index_columns = [TABLE_ATTRS.index(a) for a in INDEX_ATTRS]
        #: token attribute values -> what ``_first`` gives for them (bounded: cleared when full)
        self._memo: dict[tuple[int, ...], tuple[tuple[tuple[int, int], ...], tuple[_Pattern, ...]]] = {}
        self.table_patterns = 0
        self.residual_patterns = 0
        for attr_id in range(len(ruler.attrs)):
            key = str(attr_id)
            match_id = strings[key]
            left = []
            for tokens in ruler.matcher.get(key)[1]:
                compiled = _compile(tokens, get_string_id)
                if compiled is None:
                    left.append(tokens)
                    continue
                self._add(_Pattern(attr_id, match_id, compiled))
            if left:
                self.residual.add(match_id, left)
                self.residual_patterns += len(left)

    def _add(self, pattern: _Pattern) -> None:
        self.table_patterns += 1
        first = pattern.tokens[0]
        for attr in INDEX_ATTRS:
            column = TABLE_ATTRS.index(attr)
            for col, kind, value in first:
                if col == column and kind in ("eq", "in"):
                    for v in (value,) if kind == "eq" else sorted(value):
                        self._indexed.setdefault((col, v), []).append(pattern)
                    return
        self._unindexed.append(pattern)

    def _first(self, row: tuple[int, ...]) -> tuple[tuple[tuple[int, int], ...], tuple[_Pattern, ...]]:
        """For a token's attribute values: the one-token patterns it matches (attribute id, key)
        and the longer patterns whose first token it matches. A function of the values alone."""
        candidates = list(self._unindexed)
        for col in self._index_columns:
            hit = self._indexed.get((col, row[col]))
            if hit:
                candidates.extend(hit)
        text_of = self._strings.__getitem__
        single = tuple((p.attr_id, p.match_id) for p in candidates
                       if len(p.tokens) == 1 and _holds(row, p.tokens[0], text_of))
        longer = tuple(p for p in candidates if len(p.tokens) > 1 and _holds(row, p.tokens[0], text_of))
        return single, longer

    def __call__(self, doc: Doc) -> list[Match]:
        """The ruler's sorted (attribute id, key, start, end) matches for ``doc``."""
        rows: list[tuple[int, ...]] = [tuple(r) for r in doc.to_array(self._columns).tolist()] if len(doc) else []
        n = len(rows)
        found: set[Match] = set()
        memo, text_of = self._memo, self._strings.__getitem__
        if len(memo) > MEMO_SIZE:
            memo.clear()
        for i, row in enumerate(rows):
            first = memo.get(row)
            if first is None:
                first = memo[row] = self._first(row)
            single, longer = first
            for attr_id, match_id in single:
                found.add((attr_id, match_id, i, i + 1))
            for p in longer:
                end = i + len(p.tokens)
                if end <= n and all(_holds(rows[i + k], conds, text_of)
                                    for k, conds in enumerate(p.tokens[1:], 1)):
                    found.add((p.attr_id, p.match_id, i, end))
        if self.residual_patterns:
            strings = doc.vocab.strings
            for m_id, start, end in self.residual(doc, allow_missing=True, as_spans=False):
                found.add((int(strings[m_id]), m_id, start, end))
        return sorted(found)


def speed_up(nlp: Language) -> bool:
    """Give ``nlp``'s ``attribute_ruler`` the table matcher (in place). False when there is
    nothing to replace."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler: Any = nlp.get_pipe("attribute_ruler")
    if not hasattr(ruler, "matcher") or not hasattr(ruler, "attrs"):
        return False
    table = TableMatcher(ruler)
    if not table.table_patterns:
        return False
    ruler.match = table  # the instance attribute shadows AttributeRuler.match
    return True
