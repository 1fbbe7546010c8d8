"""quotes_by_actor: what each actor is quoted saying, and in which outlet."""

from __future__ import annotations

from sitrep.records import Document, Quote
from sitrep.stages.quotes import quotes_by_actor


def _q(doc: str, n: int, speaker: str | None, text: str, speaker_text: str | None) -> Quote:
    return Quote(f"{doc}:q{n}", doc, text, "direct", 0, len(text), text, speaker, speaker_text, "said")


DOCS = [
    Document("d1", "x", "", title="Talks stall", publisher="Daily Herald"),
    Document("d2", "y", "", title="Siege tightens"),
    Document("d3", "z", ""),
]
QUOTES = [
    _q("d1", 1, "p-kerry", "We will try again.", "Secretary Kerry"),
    _q("d2", 1, "p-kerry", "Progress is possible.", "Kerry"),
    _q("d3", 1, None, "The road is open.", "a local official"),
    _q("d3", 2, None, "Nobody knows.", None),
]


def test_report_groups_by_actor_with_outlets() -> None:
    groups = quotes_by_actor(QUOTES, DOCS)
    kerry = groups[0]
    assert kerry.actor == "p-kerry" and len(kerry.quotes) == 2
    assert kerry.outlets == ["Daily Herald", "Siege tightens"]
    others = {g.speaker: g for g in groups[1:]}
    assert others["a local official"].quotes[0].outlet == "d3"
    assert "(unattributed)" in others


def test_report_speaker_filter() -> None:
    assert [g.actor for g in quotes_by_actor(QUOTES, DOCS, speaker="kerry")] == ["p-kerry"]
    assert [g.speaker for g in quotes_by_actor(QUOTES, DOCS, speaker="P-KERRY")] == ["Secretary Kerry"]
    assert quotes_by_actor(QUOTES, DOCS, speaker="nobody") == []


def test_report_labels_groups_with_actor_names() -> None:
    from sitrep.records import Actor

    groups = quotes_by_actor(QUOTES, DOCS, actors=[Actor("p-kerry", "John Kerry", kind="person")])
    assert groups[0].speaker == "John Kerry"
    assert [g.actor for g in quotes_by_actor(QUOTES, DOCS, speaker="john kerry", actors=[Actor("p-kerry", "John Kerry")])] == ["p-kerry"]
