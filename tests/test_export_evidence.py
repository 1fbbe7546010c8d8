"""Evidence integrity of a real export: `sitrep run` on the four seed articles, then every record kind
that carries a document id and character offsets is checked against the stored text.

docs/export-format.md, "Offsets": ``text[start:end]`` is the item's text and its sentence holds it.
Checked here for every kind at once (earlier tests check one kind each, mostly on hand-written text):
entities, mentions, times, places, scare quotes and quotes (span and sentence); quotes' speaker
phrase; events (trigger offsets inside the evidence sentence, the evidence and the place slices);
casualties, standalone and inside their events (number phrase inside its evidence sentence, the
source's words); framing (loaded terms and evidence); incidents (member events and documents exist).
The seeds are opinion and analysis pieces with no victim count on an event, so one short report in
our own words is run with them.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest
from conftest import SEEDS, needs_shared
from typer.testing import CliRunner

from sitrep.cli import app

pytestmark = [needs_shared, pytest.mark.slow]

Obj = dict[str, Any]
SPAN_AND_SENTENCE = ("entity", "mention", "time", "place", "scare_quote", "quote")
REPORT = (
    "Strike on market kills nine\n\n14 September 2016\n\n"
    "Government aircraft shelled the market of Douma on Tuesday, killing 9 civilians, including 3 children, "
    "a local monitor said. \"The market was full,\" a resident told reporters.\n\n"
    "Rebels fired rockets at the outskirts of Damascus on Wednesday, wounding 4 soldiers, state media reported."
)


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], list[Obj]]:
    folder = tmp_path_factory.mktemp("evidence")
    db, report = folder / "seeds.db", folder / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(SEEDS), str(report), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    exported = CliRunner().invoke(app, ["export", "--db", str(db), "--format", "jsonl"])
    assert exported.exit_code == 0, exported.output
    objects = [json.loads(line) for line in exported.stdout.splitlines()]
    texts = {o["id"]: o["text"] for o in objects if o["type"] == "document"}
    return texts, [o for o in objects if o["type"] != "document"]


def _covered(text: str, sentence: str, start: int, end: int) -> bool:
    """Whether some occurrence of ``sentence`` in ``text`` holds ``[start, end)``."""
    at = text.find(sentence)
    while at != -1:
        if at <= start and end <= at + len(sentence):
            return True
        at = text.find(sentence, at + 1)
    return False


def _slice_is(text: str, start: int, end: int, want: str) -> bool:
    return 0 <= start < end <= len(text) and text[start:end] == want


def _evidence_holds(text: str, evidence: Obj, start: int, end: int) -> bool:
    return (_slice_is(text, evidence["start"], evidence["end"], evidence["text"])
            and evidence["start"] <= start and end <= evidence["end"])


def _casualty_ok(text: str, c: Obj) -> bool:
    source = c["source_start"] is None or _slice_is(text, c["source_start"], c["source_end"], c["source_text"])
    return _slice_is(text, c["start"], c["end"], c["text"]) and _evidence_holds(text, c["evidence"], c["start"], c["end"]) and source


def _event_ok(text: str, e: Obj) -> bool:
    start, end = e["trigger_start"], e["trigger_end"]
    words = e["trigger"].split()  # the trigger's words, from its first to its last (words between may be left out)
    trigger = text[start:end].startswith(words[0]) and text[start:end].endswith(words[-1])
    place = e["place"] is None or _slice_is(text, e["place"]["start"], e["place"]["end"], e["place"]["text"])
    return trigger and place and _evidence_holds(text, e["evidence"], start, end)


def _speaker_ok(text: str, q: Obj) -> bool:
    """The speaker phrase is a span of the text; ``speaker_text`` is its words or, for a pronoun or a
    definite description ("he", "who", "the group"), the words of the antecedent named before it."""
    if q["speaker_start"] is None:
        return q["speaker_end"] is None
    phrase = text[q["speaker_start"]:q["speaker_end"]]
    if not phrase.strip() or q["speaker_text"] is None:
        return False
    return " ".join(phrase.split()) == q["speaker_text"] or q["speaker_text"] in text[:q["speaker_start"]]


def _framing_ok(text: str, f: Obj) -> bool:
    return (all(_slice_is(text, t["start"], t["end"], t["text"]) for t in f["loaded_terms"])
            and all(_slice_is(text, e["start"], e["end"], e["text"]) for e in f["evidence"]))


def test_export_evidence_every_kind_is_present_on_the_seeds(export):
    kinds = Counter(o["type"] for o in export[1])
    for kind in (*SPAN_AND_SENTENCE, "event", "casualty", "framing", "incident"):
        assert kinds[kind] > 0, kind  # a kind that vanished would pass every check below unseen
    assert any(e["casualties"] for e in export[1] if e["type"] == "event")


def test_export_evidence_offsets_slice_the_text_to_each_record(export):
    texts, objects = export
    bad: list[tuple[str, Any]] = []
    for o in objects:
        kind, text = o["type"], texts.get(o.get("document", ""), "")
        if kind in SPAN_AND_SENTENCE:
            if not (_slice_is(text, o["start"], o["end"], o["text"]) and _covered(text, o["sentence"], o["start"], o["end"])):
                bad.append((kind, o["text"]))
            if kind == "quote" and not _speaker_ok(text, o):
                bad.append(("quote speaker", o["speaker_text"]))
        elif kind == "event":
            if not _event_ok(text, o):
                bad.append((kind, o["trigger"]))
            bad += [("event casualty", c["text"]) for c in o["casualties"] if not _casualty_ok(text, c)]
        elif kind == "casualty" and not _casualty_ok(text, o):
            bad.append((kind, o["text"]))
        elif kind == "framing" and not _framing_ok(text, o):
            bad.append((kind, o["actor"]))
    assert not bad, bad[:10]


def test_export_evidence_incident_members_are_exported_records(export):
    texts, objects = export
    events = {o["id"]: o["document"] for o in objects if o["type"] == "event"}
    for incident in (o for o in objects if o["type"] == "incident"):
        members = incident["events"] + incident["historical"]
        assert members and all(m in events for m in members), incident["id"]
        assert set(incident["documents"]) <= set(texts)
        assert set(incident["documents"]) <= {events[m] for m in members}  # a report of it holds one of its events
