"""One typed data model: Analysis beside the records, closed value sets as Literal types."""

from __future__ import annotations

import dataclasses
import re
import typing
from pathlib import Path

import pytest

from sitrep import records
from sitrep.records import (
    ACTOR_KINDS,
    EVENT_CATEGORIES,
    EVENT_STATUSES,
    QUOTE_KINDS,
    SENTIMENT_LABELS,
    TIMEX_TYPES,
    Analysis,
    narrow,
)

SRC = Path(records.__file__).resolve().parent


def test_records_analysis_lives_with_the_records_and_base_reexports_it():
    from sitrep.stages import base

    assert base.Analysis is Analysis
    assert Analysis.__module__ == "sitrep.records"
    # every list the store keeps per document is an Analysis field typed with its record
    hints = typing.get_type_hints(Analysis, {**vars(records), "Doc": object})
    for name, cls in records.ANALYSIS_LISTS.items():
        assert hints[name] == list[cls]


@pytest.mark.parametrize(("cls", "name", "values"), [
    (records.Event, "category", EVENT_CATEGORIES), (records.Event, "status", EVENT_STATUSES),
    (records.Actor, "kind", ACTOR_KINDS), (records.TimeExpr, "type", TIMEX_TYPES),
    (records.Quote, "kind", QUOTE_KINDS), (records.SentimentScore, "label", SENTIMENT_LABELS),
])
def test_records_closed_value_sets_are_literals_and_the_tuples_come_from_them(cls, name, values):
    hint = typing.get_type_hints(cls)[name]
    assert typing.get_origin(hint) is typing.Literal
    assert typing.get_args(hint) == values


def test_records_narrow_checks_membership():
    assert narrow("negated", EVENT_STATUSES) == "negated"
    with pytest.raises(ValueError, match="not one of"):
        narrow("rumoured", EVENT_STATUSES)
    assert narrow("bureau", ACTOR_KINDS, default="other") == "other"


def test_records_plain_is_the_one_converter():
    ev = records.Evidence(1, 4, "abc")
    assert records.plain([ev, {"k": (ev,)}]) == [{"start": 1, "end": 4, "text": "abc"},
                                                {"k": [{"start": 1, "end": 4, "text": "abc"}]}]
    assert ev.to_dict() == records.plain(ev)
    # no second copy of the converter anywhere in the package
    copies = [p for p in SRC.rglob("*.py") if re.search(r"def _plain(_json)?\(", p.read_text(encoding="utf-8"))]
    assert copies == []


def test_records_quote_keeps_its_source_offsets_in_the_export():
    q = records.Quote(id="d:q1", document="d", text="x", kind="direct", start=0, end=1, sentence="s",
                      speaker_start=3, speaker_end=5)
    exported = q.to_export()
    assert exported["speaker_start"] == 3 and exported["speaker_end"] == 5
    assert {f.name for f in dataclasses.fields(records.Quote)} >= {"speaker_start", "speaker_end"}


def test_records_the_evidence_sentence_holds_a_span_the_splitter_cut():
    from sitrep.records import Analysis, Document, Sentence

    text = "Posted Fri Sep 30 | 2016 Jets struck the market. Nine people died."
    cut = text.index("| 2016") + 2  # the splitter ended a sentence inside the date
    second = text.index(" Nine")
    analysis = Analysis(document=Document(id="d", sha256="x", text=text), sentences=[
        Sentence("d", 0, 0, cut, text[:cut]),
        Sentence("d", 1, cut, second, text[cut:second]),
        Sentence("d", 2, second + 1, len(text), text[second + 1:]),
    ])
    date = (text.index("Fri"), text.index("2016") + 4)
    evidence = analysis.sentence_text(*date)
    assert evidence == text[:second] and text[date[0]:date[1]] in evidence
    inside = (text.index("Jets"), text.index("Jets") + 4)
    assert analysis.sentence_text(*inside) == text[cut:second]  # a span inside one sentence: that sentence
    assert analysis.sentence_text(text.index("Nine")) == "Nine people died."
