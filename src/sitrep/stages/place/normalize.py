"""Normalisation of toponym strings into gazetteer lookup keys.

News spells the same place many ways: "Deir-iz-Zor", "Deir ez-Zor", "Dayr az
Zawr", "Al-Raqqa", "Raqqa", "Qamishlo", "Afrîn". Lookup therefore goes through
keys: accents folded, apostrophes and Arabic ayn/hamza marks dropped, hyphens,
dots and slashes turned into spaces, lower case. A second key drops Arabic
article tokens (al-, el-, ad-, ar-, as-, az-, ...) and a third one strips
generic administrative words ("Governorate", "Province", "Oblast"). All keys are
indexed and tried in order, the exact one first.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from .lexicon import (
    ABBREVIATIONS,
    ADMIN_WORDS,
    ARTICLES,
    DIRECTION_WORDS,
    GENERIC_WORDS,
    LOCALITY_WORDS,
)

_DROP = dict.fromkeys(map(ord, "'’‘`ʿʾʼ´\"“”"), None)
_SPACE = re.compile(r"[\s\-‐‑‒–—_./,()]+")
_NON_KEY = re.compile(r"[^a-z0-9 ]")


#: folded strings remembered by ``fold`` (a pure function of its text; the place stage folds the
#: same names ~800 times per article)
FOLD_CACHE_SIZE = 1 << 16


@functools.lru_cache(maxsize=FOLD_CACHE_SIZE)
def fold(text: str) -> str:
    """Accents off, apostrophes out, punctuation to spaces, lower case, squeezed."""
    text = text.translate(_DROP)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        text = text.replace("ß", "ss").replace("ı", "i").replace("ø", "o").replace("đ", "d").replace("ł", "l")
    text = _SPACE.sub(" ", text.lower())
    return _NON_KEY.sub("", text).strip()


_LEADING = ABBREVIATIONS


def _expand_abbreviations(key: str) -> str:
    """"st petersburg" and "saint petersburg" are one key (likewise Ste., Ft., Mt.)."""
    head, _, rest = key.partition(" ")
    return f"{_LEADING[head]} {rest}" if rest and head in _LEADING else key


def strip_leading_the(key: str) -> str:
    return key[4:] if key.startswith("the ") and len(key) > 4 else key


def without_articles(key: str) -> str:
    """Drop Arabic article tokens before a word, but never all tokens ("As" stays "as") and never a
    last token ("Beit El" is not "Beit": an article always precedes its noun)."""
    tokens = key.split()
    if len(tokens) < 2:
        return key
    kept = [t for i, t in enumerate(tokens) if t not in ARTICLES or i == len(tokens) - 1]
    return " ".join(kept) if kept else key


def without_admin_words(key: str) -> str:
    """"idlib governorate" -> "idlib"; but "south province", "central region" stay whole."""
    tokens = key.split()
    if len(tokens) < 2:
        return key
    kept = [t for t in tokens if t not in ADMIN_WORDS]
    if not kept or all(t in DIRECTION_WORDS or t in GENERIC_WORDS for t in kept):
        return key
    return " ".join(kept)


def keys(text: str, *, lookup: bool = True) -> list[str]:
    """Keys for ``text``, most specific first, without duplicates.

    ``lookup=False`` gives the keys a gazetteer name is indexed under; lookup
    adds last-resort keys without settlement and direction words.
    """
    return folded_keys(fold(text), lookup=lookup)


@functools.lru_cache(maxsize=FOLD_CACHE_SIZE)
def primary_key(text: str) -> str:
    """The first (most specific) of ``keys(text, lookup=False)``, "" when there is none; remembered
    (a pure function of its text: the ranker compares a span's name with each candidate's name
    ~200 times per article, mostly the same few names)."""
    found = keys(text, lookup=False)
    return found[0] if found else ""


def folded_keys(folded: str, *, lookup: bool = True) -> list[str]:
    """``keys`` of an already folded string."""
    base = _expand_abbreviations(strip_leading_the(folded))
    if not base:
        return []
    out = [base]
    for key in (without_articles(base), without_admin_words(base), without_admin_words(without_articles(base))):
        if key and key not in out:
            out.append(key)
    tokens = base.split()
    if lookup and len(tokens) >= 2:
        # last resort: "Raqqa city", "northern Aleppo" (tried only after the exact forms)
        for drop in (LOCALITY_WORDS, DIRECTION_WORDS):
            kept = [t for t in tokens if t not in drop]
            if kept and len(kept) < len(tokens):
                for key in (" ".join(kept), without_articles(" ".join(kept))):
                    if key not in out:
                        out.append(key)
    return out


@functools.lru_cache(maxsize=FOLD_CACHE_SIZE)
def mentions_admin_word(text: str) -> bool:
    """True when the surface form names an administrative unit ("Idlib province")."""
    return any(t in ADMIN_WORDS or t == "county" or t == "parish" for t in fold(text).split())


#: letters read as one vowel group in a transliteration skeleton (y and w count when next to a vowel)
_VOWELS = frozenset("aeiou")
#: consonants that transliterations of one sound write differently
_CONSONANT_FOLD = str.maketrans({"q": "k"})
#: skeletons shorter than this (consonants, spaces excluded) match too many unrelated names
SKELETON_MIN_CONSONANTS = 4


def _word_skeleton(word: str) -> str:
    if len(word) > 2 and word.endswith("h") and word[-2] in _VOWELS:
        word = word[:-1]  # "Hamah" / "Hama"
    out: list[str] = []
    for i, ch in enumerate(word):
        if ch in _VOWELS:
            continue
        if ch in "yw" and ((i > 0 and word[i - 1] in _VOWELS) or (i + 1 < len(word) and word[i + 1] in _VOWELS)):
            continue  # "Dayr" / "Deir", "Zawr" / "Zor", "Yabrud" / "Yabroud"
        if ch == "y" and i == len(word) - 1:
            continue  # "Kamishly" / "Qamishli"
        ch = ch.translate(_CONSONANT_FOLD)
        if out and out[-1] == ch:
            continue  # "Raqqa" / "Raqa"
        out.append(ch)
    return "".join(out)


def skeleton_key(text: str) -> str:
    """A transliteration-blind key: articles dropped, vowels and doubled letters removed, q = k.

    "Deir ez-Zor", "Deir-iz-Zor" and "Dayr az Zawr" share "dr zr"; "Aqareb es Safi"
    and "Aqarib as Safi" share "krb sf"; "Qamishli" and "Kamishly" share "kmshl". Returns "" when the skeleton is
    too short to be specific (fewer than ``SKELETON_MIN_CONSONANTS`` consonants).
    Used only as a last-resort lookup, after the exact keys.
    """
    key = without_admin_words(without_articles(strip_leading_the(fold(text))))
    skel = " ".join(filter(None, (_word_skeleton(w) for w in key.split())))
    return skel if len(skel.replace(" ", "")) >= SKELETON_MIN_CONSONANTS else ""
