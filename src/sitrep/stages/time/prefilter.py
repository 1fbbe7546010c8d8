"""Which grammar rules cannot match a text, decided before their regular expressions run.

Every grammar rule's pattern starts with a look-behind, which keeps Python's ``re`` from
skipping ahead to a possible first character: ``finditer`` tries the whole pattern at every
position of the text, for each of the 27 rules. Most rules cannot match most articles at all
("quarter", "century", "half", a clock time, a holiday). ``required_literals`` reads a rule's
parsed regular expression and returns a set of lower-case ASCII strings of which **every match
contains at least one (several such sets, each necessary on its own; none when it cannot
say); ``_propose`` skips the rule when one set has no string in the folded text. That is exact by construction, not a heuristic:

- a literal's strings are built only from the parts a match must consume: literal characters,
  small character classes of literal characters, alternations of such parts, repeats taken at
  least once; zero-width parts (look-arounds, ``\\b``) consume nothing, so the parts on either
  side stay adjacent in the match; anything else (``\\s``, ``\\d``, ``[a-z]``, an optional part
  that is not a literal) ends a run of adjacent literal parts;
- a sequence requires the strings of one of its mandatory parts (the one with the longest
  shortest string); an alternation requires the union of its branches' sets, and nothing
  when one branch requires nothing;
- ``fold`` maps the text so that every character the ``re`` engine matches, under
  ``IGNORECASE``, to an ASCII character becomes that character lower-cased: ASCII letters by
  ``str.lower``, and the four non-ASCII characters Python's engine folds onto ASCII letters
  (``FOLDS``: dotted and dotless I, long s, the Kelvin sign; ``tests/test_time_prefilter.py``
  checks the table against the engine over every code point). A literal character outside ASCII
  is never part of a required string. A case-sensitive pattern's literals are lower-cased too:
  the condition is then weaker, still necessary.

The tests compare ``finditer`` with and without the prefilter on project-written texts, and
``benchmarks/time_prefilter.py`` on every FA-KES development row (even ``unit_id``).
"""

from __future__ import annotations

import re
from re import _constants as sre_c  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

__all__ = ["FOLDS", "fold", "may_match", "required_literals"]

#: the non-ASCII characters Python's ``re`` matches to an ASCII letter under IGNORECASE
FOLDS = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
_FOLD_TABLE = str.maketrans(FOLDS)
#: the most strings an exact part may stand for (past it, a run of literal parts ends there)
MAX_STRINGS = 64
#: the widest character class read as a set of literal characters
MAX_CLASS = 12

_Strings = frozenset[str]
#: what a part of a pattern says: (the exact strings it matches, or None; the strings one of
#: which every match of it contains, or None)
_Info = tuple[_Strings | None, _Strings | None]
_NOTHING: _Info = (None, None)
_EMPTY: _Info = (frozenset({""}), None)


def fold(text: str) -> str:
    """The text as the required literals are looked up in (see the module docstring)."""
    return text.translate(_FOLD_TABLE).lower()


def required_literals(pattern: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """Sets of lower-case ASCII strings such that every match of ``pattern`` contains one string
    of **each** set (one set per mandatory part of the pattern's top-level sequence that gives
    one; empty: nothing is known). The sets with the longest shortest string come first."""
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    sets = _usable(_sequence_parts(list(parsed))[1])
    return tuple(sorted(dict.fromkeys(sets), key=lambda c: (-min(len(s) for s in c), len(c), sorted(c))))


def may_match(required: tuple[frozenset[str], ...], folded: str) -> bool:
    """False when ``folded`` (``fold`` of a text) lacks every string of one of the ``required`` sets:
    the pattern they were read from has no match in the text."""
    return all(any(s in folded for s in strings) for strings in required)


def _char(code: int) -> str | None:
    ch = chr(code)
    return ch.lower() if ch.isascii() else None


def _class(items: list[tuple[Any, Any]]) -> _Strings | None:
    chars: set[str] = set()
    for op, av in items:
        if op is sre_c.LITERAL:
            ch = _char(av)
            if ch is None:
                return None
            chars.add(ch)
        elif op is sre_c.RANGE and av[1] - av[0] < MAX_CLASS:
            for code in range(av[0], av[1] + 1):
                ch = _char(code)
                if ch is None:
                    return None
                chars.add(ch)
        else:  # NEGATE, CATEGORY, a wide range
            return None
    return frozenset(chars) if 0 < len(chars) <= MAX_CLASS else None


def _union(sets: list[_Strings | None]) -> _Strings | None:
    if any(s is None for s in sets):
        return None
    out = frozenset().union(*[s for s in sets if s is not None])
    return out if len(out) <= MAX_STRINGS else None


def _item(op: Any, av: Any) -> _Info:
    if op is sre_c.LITERAL:
        ch = _char(av)
        return (frozenset({ch}), frozenset({ch})) if ch is not None else _NOTHING
    if op is sre_c.IN:
        chars = _class(av)
        return (chars, chars) if chars is not None else _NOTHING
    if op in (sre_c.AT, sre_c.ASSERT, sre_c.ASSERT_NOT):
        return _EMPTY  # zero-width: consumes nothing
    if op is sre_c.SUBPATTERN:
        return _sequence(list(av[-1]))
    if op is sre_c.ATOMIC_GROUP:
        return _sequence(list(av))
    if op is sre_c.BRANCH:
        branches = [_sequence(list(b)) for b in av[1]]
        return _union([b[0] for b in branches]), _union([b[1] for b in branches])
    if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", None)):
        low, high, sub = av
        exact, required = _sequence(list(sub))
        if low == 0:
            optional = exact | {""} if exact is not None and high == 1 else None
            return optional, None
        return (exact if low == high == 1 else None), required
    return _NOTHING  # ANY, NOT_LITERAL, CATEGORY, group references, conditionals


def _usable(candidates: list[_Strings]) -> list[_Strings]:
    return [c for c in candidates if c and "" not in c]


def _best(candidates: list[_Strings]) -> _Strings | None:
    usable = _usable(candidates)
    if not usable:
        return None
    return max(usable, key=lambda c: (min(len(s) for s in c), -len(c)))


def _sequence(items: list[tuple[Any, Any]]) -> _Info:
    """A concatenation: its exact strings, and the best of its mandatory sets."""
    exact, candidates = _sequence_parts(items)
    return exact, _best(candidates)


def _sequence_parts(items: list[tuple[Any, Any]]) -> tuple[_Strings | None, list[_Strings]]:
    """A concatenation: adjacent exact parts joined into runs; every mandatory set it has."""
    candidates: list[_Strings] = []
    run: _Strings | None = frozenset({""})
    broken = False
    for op, av in items:
        exact, required = _item(op, av)
        if exact is not None and run is not None and len(run) * len(exact) <= MAX_STRINGS:
            run = frozenset(a + b for a in run for b in exact)
            continue
        if run is not None:
            candidates.append(run)
        if required is not None:
            candidates.append(required)
        broken = True
        # a part that is exact but too wide to join starts the next run
        run = exact if exact is not None and len(exact) <= MAX_STRINGS else frozenset({""})
    if run is not None:
        candidates.append(run)
    return (None if broken else run), candidates
