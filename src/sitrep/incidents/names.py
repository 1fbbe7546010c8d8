"""Spelling-tolerant keys for transliterated names.

Reports spell one village many ways ("Hassakeh", "Hasakah", "al-Hasaka"; "Tokhar",
"al-Tukhar"). The key of a name is its consonant skeleton: lower case, the Arabic
article dropped, digraphs folded (kh → k, q → k, ou → u), vowels and the letters
that transliterations add or drop (h, w, y, doubled consonants) removed after the
first letter (an initial vowel becomes ``a``). Two
spellings of one name share a skeleton far more often than two different names do;
skeletons shorter than ``MIN_SKELETON`` say too little and are not used.
"""

from __future__ import annotations

import functools
import re
import unicodedata

MIN_SKELETON = 2
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ad-d)[-' ]")
_FOLDS = (("kh", "k"), ("gh", "g"), ("q", "k"), ("dh", "d"), ("th", "t"), ("sh", "s"),
          ("ph", "f"), ("c", "k"), ("j", "g"), ("z", "s"), ("ou", "u"))
_DROP = re.compile(r"[aeiouyhw'’\-\s]")


def ascii_fold(text: str) -> str:
    """Lower case without diacritics ("Ḩasakah" → "hasakah")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


#: distinct name words whose skeleton is remembered (the same names recur across reports)
SKELETON_CACHE = 65536


@functools.lru_cache(maxsize=SKELETON_CACHE)
def skeleton(name: str) -> str | None:
    """The spelling-tolerant key of one name word; None when too short to tell names apart."""
    word = _ARTICLE.sub("", ascii_fold(name))
    for a, b in _FOLDS:
        word = word.replace(a, b)
    word = re.sub(r"[^a-z]", "", word)
    if not word:
        return None
    first = "a" if word[0] in "aeiouy" else word[0]  # "Idlib", "Edlib"; "Hasakah" keeps its h
    word = first + _DROP.sub("", word[1:])
    word = re.sub(r"(.)\1+", r"\1", word)
    return word if len(word) >= MIN_SKELETON else None
