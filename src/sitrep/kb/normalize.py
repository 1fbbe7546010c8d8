"""Text folding shared by the knowledge base and the actor stage.

``fold`` lower-cases, strips diacritics and turns hyphens and dashes into
spaces *without changing the length of the string*, so that character offsets
computed on the folded text are offsets into the original text. Written here
(rather than using ``unidecode``) because transliteration libraries change the
length of the string, which would break offset mapping.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad"
_APOSTROPHES = "\u2018\u2019\u02bc\u02b9`\u00b4\u2032"
_QUOTES = "\u201c\u201d\u201e\u00ab\u00bb\u2033"
_SPECIAL = {"ß": "s", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ı": "i",
            "æ": "a", "Æ": "a", "œ": "o", "Œ": "o", "þ": "t", "ð": "d"}


@functools.lru_cache(maxsize=65536)
def fold_char(ch: str) -> str:
    """One character in, exactly one character out."""
    if ch in _DASHES or ch.isspace():
        return " "
    if ch in _APOSTROPHES:
        return "'"
    if ch in _QUOTES:
        return '"'
    if ch in _SPECIAL:
        return _SPECIAL[ch]
    if ch.isascii():
        return ch.lower()
    base = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in base if not unicodedata.combining(c)) or ch
    low = base.lower()
    return low[0] if low else ch


def fold(text: str) -> str:
    """Length-preserving case/diacritic/dash folding (see module docstring)."""
    if text.isascii():
        return text.lower().replace("-", " ").translate(_ASCII_WS)
    return "".join(fold_char(c) for c in text)


_ASCII_WS = str.maketrans({"\n": " ", "\t": " ", "\r": " ", "`": "'"})
_SPACES = re.compile(r"\s+")
_EDGE_PUNCT = re.compile(r"^[\s\"'.,;:()\[\]]+|[\s\"',;:()\[\]]+$")


def key(text: str) -> str:
    """A lookup key: folded, single-spaced, without surrounding punctuation."""
    k = _SPACES.sub(" ", fold(text)).strip()
    k = _EDGE_PUNCT.sub("", k)
    return k


def slug(text: str) -> str:
    """A stable id fragment: ``Faisal Itani`` -> ``faisal-itani``."""
    k = re.sub(r"[^a-z0-9]+", "-", key(text)).strip("-")
    return k or "unnamed"
