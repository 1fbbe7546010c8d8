"""Web-page furniture in CSV and plain-text bodies (issue 13): examples written for these tests."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from sitrep.ingest import IngestOptions, read_inputs
from sitrep.ingest.boilerplate import (
    FurnitureModel,
    keep_enough,
    line_furniture,
    masked,
)
from sitrep.ingest.textmap import to_raw
from sitrep.records import Document, Removed
from sitrep.store import Store

CONTENT = [
    "Shelling hit the northern district of Aleppo on Monday, killing four people, rescuers said.",
    "An aid convoy reached Madaya after a three-month siege, the Red Cross said on Tuesday.",
    "Talks in Geneva stalled again as the opposition delegation walked out of the room.",
    "A car bomb exploded near a checkpoint in Azaz, wounding at least a dozen civilians.",
    "Government forces advanced on the town of Khan Touman, a monitoring group reported.",
    "Ten trucks of flour entered the besieged suburb of Douma late on Wednesday night.",
    "The envoy proposed a 48-hour truce to allow the evacuation of the wounded from the east.",
    "Residents fled the village after two nights of air strikes, local officials told reporters.",
    "Rebels said they had shot down a helicopter near the airbase, a claim the army denied.",
    "The health ministry said two hospitals were out of service after the latest raids.",
]
DATES = ["March 3 2016", "April 11 2016", "May 2 2016", "June 19 2016", "July 5 2016",
         "August 8 2016", "September 30 2016", "October 1 2016", "November 12 2016", "December 24 2016"]


def _article(i: int) -> str:
    return f"{CONTENT[i]} {CONTENT[(i + 3) % 10]}"


def _wire(i: int) -> str:
    """A body as a scraper leaves it: a date header, the article, a share-and-follow tail."""
    return f"Posted on {DATES[i]} by Desk {_article(i)} Share this story Follow Wire Daily on social media"


# --- line shape ----------------------------------------------------------------------------------

PAGE = """Convoy reaches town

Share | Tweet | Email | Print
The convoy reached the town on Monday, officials said.
Tags: Syria, Idlib, Aleppo, humanitarian aid
Follow @wire_desk #Syria www.example.org
Home | World | Middle East

Syrian Army Advances
Jane Doe | Reuters | 16 July 2016
By Jane Doe | Wire
He named three towns: Aleppo, Homs, and Hama.
- food, water, medicine
"""


def test_boilerplate_line_shapes() -> None:
    found = {PAGE[s.start : s.end]: s.kind for s in line_furniture(PAGE)}
    assert found == {
        "Share | Tweet | Email | Print": "link-line",
        "Tags: Syria, Idlib, Aleppo, humanitarian aid": "list-line",
        "Follow @wire_desk #Syria www.example.org": "link-line",
        "Home | World | Middle East": "link-line",
    }  # not the heading, the byline or date line, the prose list, the bullet


def test_boilerplate_one_line_text_has_no_line_furniture() -> None:
    assert line_furniture("Share | Tweet | Email | Print") == []


# --- repetition across a corpus --------------------------------------------------------------------


def _model(bodies: list[tuple[str, str]]) -> FurnitureModel:
    model = FurnitureModel()
    for group, body in bodies:
        model.add(group, body)
    return model


def test_boilerplate_recurring_opening_and_closing_are_found_and_the_article_kept() -> None:
    model = _model([("wire", _wire(i)) for i in range(10)] + [("other", c) for c in CONTENT])
    for i in range(10):
        body = _wire(i)
        spans = {s.kind: body[s.start : s.end] for s in model.spans("wire", body)}
        assert spans == {
            "repeated-start": f"Posted on {DATES[i]} by Desk",  # dates differ: compared by shape
            "repeated-end": "Share this story Follow Wire Daily on social media",
        }
        assert masked(body, model.spans("wire", body)).strip() == _article(i)
    assert all(model.spans("other", c) == [] for c in CONTENT)  # plain bodies keep everything


def test_boilerplate_needs_a_fifth_of_the_group_and_three_bodies() -> None:
    few = _model([("wire", _wire(i)) for i in range(2)])
    assert few.spans("wire", _wire(0)) == []
    diluted = _model([("wire", _wire(i)) for i in range(2)] + [("wire", c) for c in CONTENT])
    assert diluted.spans("wire", _wire(0)) == []  # 2 of 12 bodies: not a pattern of this outlet


def test_boilerplate_shared_first_words_of_articles_are_not_taken() -> None:
    # every body opens with the same two words, then goes its own way: the cut is before them
    bodies = [f"Published {DATES[i]} The army {CONTENT[i][0].lower()}{CONTENT[i][1:]}" for i in range(10)]
    model = _model([("x", b) for b in bodies])
    spans = model.spans("x", bodies[0])
    assert [bodies[0][s.start : s.end] for s in spans] == [f"Published {DATES[0]}"]


def test_boilerplate_repeated_lines_in_multi_line_bodies() -> None:
    bodies = [f"{CONTENT[i]}\nRead the full report on our site\n{CONTENT[(i + 1) % 10]}" for i in range(10)]
    model = _model([("x", b) for b in bodies])
    spans = model.spans("x", bodies[3])
    assert [bodies[3][s.start : s.end] for s in spans if s.kind == "repeated-line"] == ["Read the full report on our site"]


def test_boilerplate_never_empties_a_body() -> None:
    text = "Share | Tweet | Email | Print\nA short line."  # 43 characters, 29 of them furniture
    assert keep_enough(text, [Removed(0, 29, "link-line")]) == []
    assert keep_enough("x" * 100, [Removed(0, 10, "a"), Removed(5, 20, "b")]) == [Removed(0, 20, "a")]


# --- through ingest ---------------------------------------------------------------------------------


def _csv(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    with path.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["title", "text", "source"])
        writer.writerows(rows)
    return path


def test_boilerplate_csv_bodies_lose_furniture_and_keep_it_in_metadata(tmp_path: Path) -> None:
    rows = [(f"T{i}", _wire(i), "wire") for i in range(10)] + [(f"O{i}", CONTENT[i], "other") for i in range(3)]
    docs = [r for r in read_inputs([str(_csv(tmp_path / "rows.csv", rows))]) if isinstance(r, Document)]
    assert len(docs) == 13
    for doc in docs[:10]:
        i = int((doc.title or "T0")[1:])
        assert doc.text == _article(i)
        raw = doc.raw_text or ""
        assert [raw[s.start : s.end] for s in doc.removed] == [
            f"Posted on {DATES[i]} by Desk", "Share this story Follow Wire Daily on social media",
        ]
        word = doc.text.index("said") if "said" in doc.text else 5
        assert raw[to_raw(doc.char_map, word) : to_raw(doc.char_map, word) + 4] == doc.text[word : word + 4]
    assert all(d.removed == [] and d.text in CONTENT for d in docs[10:])


def test_boilerplate_can_be_turned_off(tmp_path: Path) -> None:
    rows = [(f"T{i}", _wire(i), "wire") for i in range(10)]
    docs = list(read_inputs([str(_csv(tmp_path / "rows.csv", rows))], IngestOptions(furniture=False)))
    assert len(docs) == len(rows)  # one document a row
    assert all(isinstance(d, Document) and d.text.startswith("Posted on") and d.removed == [] for d in docs)


def test_boilerplate_plain_text_share_bar_is_removed_and_header_kept(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(f"Convoy reaches town\n\nBy Jane Doe\n16 July 2016\n\n{CONTENT[1]}\n\nShare | Tweet | Email | Print\n\n{CONTENT[2]}\n")
    (doc,) = read_inputs([str(path)])
    assert isinstance(doc, Document)
    assert doc.title == "Convoy reaches town" and doc.author == "Jane Doe" and doc.published == "2016-07-16"
    assert "Tweet" not in doc.text and CONTENT[1] in doc.text and CONTENT[2] in doc.text
    assert [(doc.raw_text or "")[s.start : s.end] for s in doc.removed] == ["Share | Tweet | Email | Print"]


def test_boilerplate_removed_spans_survive_the_store(tmp_path: Path) -> None:
    rows = [(f"T{i}", _wire(i), "wire") for i in range(10)]
    from sitrep.workflow import ingest

    with Store(tmp_path / "b.db") as store:
        ingest(store, [str(_csv(tmp_path / "rows.csv", rows))])
        docs = store.documents()
    assert len(docs) == 10 and all(len(d.removed) == 2 and isinstance(d.removed[0], Removed) for d in docs)


@pytest.mark.parametrize("body", [CONTENT[0], "Short.", "Tags: a, b, c"])
def test_boilerplate_single_bodies_are_left_alone(body: str) -> None:
    assert _model([("x", body)]).spans("x", body) == []
