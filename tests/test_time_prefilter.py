"""The time grammar's prefilter (``sitrep.stages.time.prefilter``): a rule is skipped only when
the text lacks a literal every match of it contains, so ``finditer`` finds the same matches.

Project-written texts and random strings built from the grammar's own words; the FA-KES
development rows (even ``unit_id``) when the shared data is present.
"""

from __future__ import annotations

import csv
import random
import re
import sys

import pytest
from conftest import SHARED, needs_shared

from sitrep.stages.time import extract as time_extract
from sitrep.stages.time.grammar import RULES
from sitrep.stages.time.prefilter import FOLDS, fold, may_match, required_literals

TEXTS = [
    "On Monday, 12 civilians were killed in Aleppo, activists said on Tuesday evening.",
    "The ceasefire took effect at midnight on Sept. 12, 2016, and held until 3:30 p.m. EDT.",
    "In the first half of 2015 the town changed hands twice; in the '90s it was quiet.",
    "THE ATTACK CAME LAST WEEK, TWO DAYS AFTER THE 19TH-CENTURY MOSQUE WAS SHELLED AT 14:00 GMT.",
    "Every Friday since the spring of 2012, protesters gather; Q3 2016 figures came out 10/4/2016.",
    "A year-earlier quarter, the fiscal year 2015, the 1990s and the twenty-first century.",
    "Христос Christmas Eve 2016, New Year’s Day, Thanksgiving day and Easter; 2016-03-15.",
    # characters Python's re folds onto ASCII letters under IGNORECASE
    "ſeptember 4 and İn deCember, the \u212aurdish forces said yeſterday; TODAY at noon, ı guess.",
    "Nothing here but words: a bare text with no date at all, nor any hour.",
    "",
]


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, tuple[str | None, ...]]]:
    return [(m.start(), m.end(), m.groups()) for m in pattern.finditer(text)]


REQUIRED = [required_literals(rule.pattern) for rule in RULES]  # parsing 27 patterns: once


def _check(text: str) -> None:
    folded = fold(text)
    for rule, required in zip(RULES, REQUIRED, strict=True):
        if not may_match(required, folded):
            assert _matches(rule.pattern, text) == [], (rule.name, text)


def test_fold_table_is_the_re_engines():
    """Every non-ASCII character ``re`` matches to an ASCII character under IGNORECASE is in
    ``FOLDS``, mapped to that character lower-cased (checked over every code point)."""
    ascii_class = re.compile(r"[\x00-\x7f]", re.IGNORECASE)
    found = {}
    for code in range(128, sys.maxunicode + 1):
        ch = chr(code)
        if ascii_class.fullmatch(ch):
            same = {a.lower() for a in map(chr, range(128)) if re.fullmatch(re.escape(a), ch, re.IGNORECASE)}
            assert len(same) == 1, ch
            found[ch] = same.pop()
    assert found == FOLDS


def test_required_literals_of_hand_written_patterns():
    def req(p: str, flags: int = re.IGNORECASE) -> list[list[str]]:
        return sorted(sorted(s) for s in required_literals(re.compile(p, flags)))

    assert req(r"(?<![\w'])quarter(?![a-z])") == [["quarter"]]
    assert req(r"(?:last|next)\s+week") == [["last", "next"], ["week"]]  # both sets, each necessary
    assert req(r"\d+") == []
    assert req(r"(?:the\s+)?year") == [["year"]]
    assert req(r"a(?:bc)?d") == [["abcd", "ad"]]
    assert req(r"(?:x|\d)yz") == [["yz"]]  # one branch gives nothing: the set stops at the branch
    assert req(r"(?:foo|bar\d)") == [["bar", "foo"]]  # "bar\d" requires "bar", "foo" itself: the union
    assert req(r"(?:foo|\w+)") == []
    assert req(r"[ECMP]ST", 0) == [["cst", "est", "mst", "pst"]]
    assert req(r"caf\u00e9") == [["caf"]]  # a non-ASCII literal is never part of a string
    assert req(r"ab(?=c)d") == [["abd"]]  # look-arounds consume nothing


@pytest.mark.parametrize("text", TEXTS)
def test_no_skipped_rule_matches_project_texts(text):
    _check(text)
    _check(text.upper())
    _check(text.lower())


def test_random_texts_from_the_grammars_words():
    """Random texts made of the rules' own required strings, their pieces, digits and
    punctuation, cased at random: a skipped rule never has a match."""
    words = sorted({w for required in REQUIRED for s in required for w in s})
    pieces = words + [w[: len(w) // 2] for w in words] + [w[len(w) // 2:] for w in words]
    pieces += ["the", "of", "this", "1", "12", "2016", "1990s", ":", "/", "-", ".", ",", "'", "’", "ſ",
               "\u212a", "\u0130", "\u0131", "s", "th", "p.m.", "GMT", "Q3"]
    rng = random.Random(16)
    for _ in range(1500):
        parts = []
        for _ in range(rng.randint(1, 12)):
            p = rng.choice(pieces)
            parts.append(p.upper() if rng.random() < 0.3 else p.title() if rng.random() < 0.3 else p)
            parts.append(rng.choice([" ", "", " ", "-", "  ", "\n"]))
        _check("".join(parts))


def test_the_extractor_uses_these_literals():
    assert list(time_extract._REQUIRED) == REQUIRED
    assert sum(1 for r in REQUIRED if r) >= 20  # most rules have a literal to look for


def test_propose_equals_the_unfiltered_grammar(monkeypatch):
    """``extract`` with the prefilter gives what it gives with every rule run."""
    texts = [t for t in TEXTS if t]
    with_filter = [time_extract.extract(t, None) for t in texts]
    monkeypatch.setattr(time_extract, "_REQUIRED", tuple(() for _ in RULES))
    assert [time_extract.extract(t, None) for t in texts] == with_filter


@needs_shared
def test_no_skipped_rule_matches_fakes_development_rows():
    """Every FA-KES development row (even ``unit_id``; held-out rows are not read): a rule the
    prefilter skips has no match in the row's text or title."""
    path = SHARED / "corpus" / "fakes" / "FA-KES-Dataset.csv"
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["unit_id"].isdigit() and int(r["unit_id"]) % 2 == 0]
    assert rows
    skipped = 0
    for row in rows:
        for text in (row["article_content"], row["article_title"]):
            folded = fold(text)
            for rule, required in zip(RULES, REQUIRED, strict=True):
                if not may_match(required, folded):
                    skipped += 1
                    assert _matches(rule.pattern, text) == [], rule.name
    assert skipped > 0
