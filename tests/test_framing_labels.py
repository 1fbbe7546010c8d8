"""Label extraction: the noun phrase (head + evaluative modifiers) a mention belongs to."""

from __future__ import annotations

import pytest

from sitrep.stages.framing.labels import display_label, label_span, normalize_label


def _label(nlp, text: str, mention: str) -> str:
    doc = nlp(text)
    i = text.index(mention)
    span = doc.char_span(i, i + len(mention), alignment_mode="expand")
    return display_label(label_span(span).text)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        ("The Assad regime bombed the city.", "Assad", "Assad regime"),
        ("Assad's regime denied the report.", "Assad", "Assad's regime"),
        ("Al Assad and his acolytes believe they have won.", "Al Assad", "Al Assad and his acolytes"),
        ("The terrorist-designated Hayat Tahrir-al-Sham captured the town.", "Hayat Tahrir-al-Sham",
         "terrorist-designated Hayat Tahrir-al-Sham"),
        ("Washington armed the so-called moderate opposition in Syria.", "opposition",
         "so-called moderate opposition"),
        ("American-backed forces on the ground retreated.", "forces", "American-backed forces"),
        ("The Turkish-backed HTS advanced on the city.", "HTS", "Turkish-backed HTS"),
        ("Russian warplanes struck the town.", "Russian", "Russian warplanes"),
    ],
)
def test_labels_keep_head_and_evaluative_modifiers(nlp, text, mention, expected):
    assert _label(nlp, text, mention) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        # a possessor of a non-agent noun is not labelled by it
        ("Russia's bombing campaign killed civilians.", "Russia", "Russia"),
        # metonym stays itself
        ("Damascus was ready to halt its attacks.", "Damascus", "Damascus"),
        # another actor's possession is not pulled into the label
        ("The Assad regime and its Russian allies bombed the city.", "Assad", "Assad regime"),
    ],
)
def test_labels_do_not_overreach(nlp, text, mention, expected):
    assert _label(nlp, text, mention) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("the Assad regime", "Assad's regime"),
        ("The  Assad\nregime", "assad regime"),
        ("terrorist - designated HTS", "terrorist-designated HTS"),
        ("Assad’s regime", "Assad's regime"),
    ],
)
def test_normalize_label_groups_variants(a, b):
    assert normalize_label(a) == normalize_label(b)


def test_normalize_label_keeps_distinct_labels_apart():
    assert normalize_label("the Syrian government") != normalize_label("the Syrian regime")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "mention", "other", "expected"),
    [
        ("Turkey Russia talks failed again.", "Turkey", "Russia", "Turkey"),  # no climbing into Russia
        ("American-backed opposition forces retreated.", "opposition", "American",
         "American-backed opposition forces"),  # another actor inside a hyphenated modifier is kept
        ("On Friday Turkish military units shelled the town.", "Turkish", None, "Turkish military units"),
    ],
)
def test_labels_respect_other_mentions_and_drop_dates(nlp, text, mention, other, expected):
    doc = nlp(text)
    i = text.index(mention)
    span = doc.char_span(i, i + len(mention))
    others: frozenset[int] = frozenset()
    if other:
        j = text.index(other)
        o = doc.char_span(j, j + len(other))
        others = frozenset(range(o.start, o.end))
    assert display_label(label_span(span, others).text) == expected
