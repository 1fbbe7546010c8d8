"""The hand-coded FA-KES event set (``benchmarks/data/fakes_events_gold.jsonl``) is well formed.

The file stores references only (row, unit id, offsets, a few words per span); the checks
that need the article text read ``../shared/data/corpus/fakes/FA-KES-Dataset.csv`` at run
time and are skipped when it is absent. The format and the closed sets are those of
``docs/coding-guide-events.md``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import subprocess
import sys
from collections import Counter

import pytest
from conftest import REPO, SHARED, needs_shared
from fresh_waves_draw import (
    other_check_rows,  # the rule's one reading of the other gold files' check rows
)

GOLD = REPO / "benchmarks" / "data" / "fakes_events_gold.jsonl"
CSV_PATH = SHARED / "corpus" / "fakes" / "FA-KES-Dataset.csv"
SPLIT_TOOL = SHARED.parent / "tools" / "fakes_split.py"

MODES: dict[str, set[str]] = {
    "AGREE": set(), "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    "SUPPORT": set(), "CONCEDE": set(), "COOPERATE": set(), "AID": set(),
    "RETREAT": {"withdraw", "release", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "THREATEN": {"restrict", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "COERCE": {"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport",
               "withhold", "misinformation", "cyber"},
    "ASSAULT": {"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive",
                "firearms", "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons",
                "crowd-control", "unconventional"},
}
STATUSES = {"asserted", "reported", "historical", "future", "hypothetical", "negated"}
SECTORS = set(["GOV", "MIL", "REB", "OPP", "PTY", "CVL", "IGO", "NGO", "MED", "JUD", "LEG", "ELI", "BUS", "REF", "HLH", "EDU", "POL", "SPY", "UAF", "IMG"])
KINDS = {"killed", "injured", "missing", "abducted", "arrested", "displaced"}
VICTIMS = {"civilians", "children", "women", "fighters", "soldiers", "police", "people"}
#: a calendar value: day, month, year or ISO week, or a START/END range of those
DATE_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?(/\d{4}(-\d{2}(-\d{2})?|-W\d{2})?)?$")
ENTITY_KEYS = {"text", "start", "end", "country", "sector", "name", "from_context"}
EVENT_KEYS = {"id", "sentence", "trigger", "category", "mode", "actors", "recipients", "place",
              "date", "status", "source", "casualties"}
#: spans are a few words, never a sentence (the article text stays out of the repository)
MAX_SPAN_WORDS = 10


def records() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def spans(event: dict):
    """(field, span) for every span with offsets in an event."""
    yield "trigger", event["trigger"]
    for field in ("actors", "recipients", "casualties"):
        for item in event[field]:
            yield field, item
    for field in ("place", "source"):
        if event[field] is not None:
            yield field, event[field]


def test_gold_parses_with_the_documented_fields():
    recs = records()
    assert len(recs) >= 40
    docs = [r["document"] for r in recs]
    assert len(docs) == len(set(docs)), "an article is listed twice"
    for r in recs:
        assert set(r) == {"document", "unit_id", "outlet", "published", "split", "note", "events"}, r["document"]
        assert re.fullmatch(r"FA-KES-Dataset\.csv#row\d+", r["document"])
        dt.date.fromisoformat(r["published"])
        assert r["split"] in {"tune", "check"}
        assert r["events"] or r["note"], f"{r['document']}: no events and no note saying why"
        ids = [e["id"] for e in r["events"]]
        assert ids == [f"e{k}" for k in range(1, len(ids) + 1)], r["document"]
        starts = [e["trigger"]["start"] for e in r["events"]]
        assert starts == sorted(starts), f"{r['document']}: ids are not in trigger order"
        for e in r["events"]:
            assert set(e) == EVENT_KEYS, (r["document"], e["id"])


def test_gold_uses_the_closed_sets():
    for r in records():
        for e in r["events"]:
            where = (r["document"], e["id"])
            assert e["category"] in MODES, where
            assert e["mode"] is None or e["mode"] in MODES[e["category"]], where
            assert e["status"] in STATUSES, where
            assert e["actors"] or e["recipients"] or e["place"], f"{where}: no actor, recipient or place"
            for entity in e["actors"] + e["recipients"]:
                assert set(entity) == ENTITY_KEYS, where
                assert entity["sector"] in SECTORS, where
                assert entity["country"] is None or re.fullmatch(r"[A-Z]{3}", entity["country"]), where
                assert isinstance(entity["from_context"], bool), where
            if e["place"] is not None:
                assert re.fullmatch(r"[A-Z]{3}", e["place"]["country"] or ""), where
            if e["date"] is not None:
                assert set(e["date"]) == {"text", "value"} and e["date"]["text"], where
                assert e["date"]["value"] is None or DATE_VALUE.match(e["date"]["value"]), where
            for c in e["casualties"]:
                assert c["kind"] in KINDS and c["victims"] in VICTIMS, where
                if c["low"] is not None or c["high"] is not None:
                    assert c["value"] is None and c["low"] <= c["high"], where
                else:
                    assert isinstance(c["value"], int) and c["value"] > 0, where
                if c["subset"]:
                    totals = [o for o in e["casualties"] if o["kind"] == c["kind"] and not o["subset"]]
                    assert totals, f"{where}: a subset figure with no total of the same kind"
            for field, span in spans(e):
                assert 0 < len(span["text"].split()) <= MAX_SPAN_WORDS, (where, field)


def test_gold_halves_are_both_present_and_disjoint():
    recs = records()
    tune = {r["document"] for r in recs if r["split"] == "tune"}
    check = {r["document"] for r in recs if r["split"] == "check"}
    assert tune and check and not tune & check
    # both halves hold events of the main categories, so either can be scored on its own
    for half in ("tune", "check"):
        cats = Counter(e["category"] for r in recs if r["split"] == half for e in r["events"])
        assert cats["ASSAULT"] > 50 and sum(cats.values()) > 150, half


def test_gold_references_only_development_rows_by_unit_id():
    for r in records():
        assert r["unit_id"].isdigit() and int(r["unit_id"]) % 2 == 0, r["document"]


@pytest.fixture(scope="module")
def fakes_rows() -> dict[str, dict]:
    with open(CSV_PATH, encoding="utf-8", errors="replace", newline="") as fh:
        return {f"FA-KES-Dataset.csv#row{n}": row for n, row in enumerate(csv.DictReader(fh), start=1)}


@needs_shared
def test_gold_rows_match_the_csv(fakes_rows):
    for r in records():
        row = fakes_rows[r["document"]]
        assert row["unit_id"] == r["unit_id"], r["document"]
        assert int(row["unit_id"]) % 2 == 0, f"{r['document']} is a held-out row"
        assert row["source"] == r["outlet"], r["document"]
        assert dt.datetime.strptime(row["date"], "%m/%d/%Y").date().isoformat() == r["published"]


@needs_shared
def test_gold_spans_are_the_text_at_their_offsets(fakes_rows):
    for r in records():
        text = fakes_rows[r["document"]]["article_content"]
        for e in r["events"]:
            where = (r["document"], e["id"])
            s = e["sentence"]
            assert 0 <= s["start"] < s["end"] <= len(text), where
            assert text[s["start"]:s["end"]] == text[s["start"]:s["end"]].strip(), f"{where}: sentence edges are blank"
            t = e["trigger"]
            assert s["start"] <= t["start"] < t["end"] <= s["end"], f"{where}: trigger outside its sentence"
            for field, span in spans(e):
                assert text[span["start"]:span["end"]] == span["text"], (where, field, span["text"])
                inside = s["start"] <= span["start"] and span["end"] <= s["end"]
                if field in ("actors", "recipients"):
                    assert span["from_context"] is not inside, f"{where}: from_context disagrees with the offsets"
            if e["date"] is not None:
                assert e["date"]["text"] in text, where


#: Later rounds of coding: (sample size, seed, last digits of the unit_id the round may take, number
#: of articles). Each round takes the first articles of its seeded draw, in the printed order,
#: that are not coded yet and whose unit_id ends in one of its digits; they all join the tune half.
LATER_ROUNDS: tuple[tuple[int, int, str, int], ...] = (
    (120, 1204, "048", 4),  # 2026-12-04 night 4, branch events10
    (60, 1204, "26", 4),  # 2026-12-04 night 4, branch events11
    (60, 1217, "02468", 6),  # 2026-12-04 afternoon, branch events17
    (60, 1221, "02468", 8),  # 2026-12-04 night, branch events21 (wave 6)
    (60, 1222, "02468", 8),  # 2026-12-04 late, branch events22 (wave 7)
    (60, 1223, "02468", 8),  # 2026-12-05 midday, branch events27 (wave 8)
    (60, 1224, "02468", 8),  # 2026-12-05 afternoon, branch events28 (wave 9)
    (60, 1225, "02468", 8),  # 2026-12-05 evening, branch events29 (wave 10)
    (60, 1226, "02468", 8),  # 2026-12-05 late, branch events31 (wave 11)
    (60, 1227, "02468", 8),  # 2026-12-05 late, branch events32 (wave 12)
    (60, 1228, "02468", 8),  # 2026-12-05 last, branch events33 (wave 13)
    (60, 1229, "02468", 8),  # 2026-12-06 night, branch events34 (wave 14)
    (60, 1230, "02468", 8),  # 2026-12-06 early, branch events36 (wave 15)
    (60, 1231, "02468", 8),  # 2026-12-06 morning, branch events40 (wave 16)
    (60, 1232, "02468", 8),  # 2026-12-06 midday, branch events42 (wave 17)
    (60, 1233, "02468", 8),  # 2026-12-06 afternoon, branch events45 (wave 18)
    (60, 1234, "02468", 8),  # 2026-12-06 afternoon, branch events49 (wave 19)
    (60, 1235, "02468", 8),  # 2026-12-06 afternoon, branch events51 (wave 20)
    (60, 1236, "02468", 8),  # 2026-12-06 evening, branch events52 (wave 21)
    (60, 1237, "02468", 8),  # 2026-12-06 evening, branch events55 (wave 22)
    (60, 1238, "02468", 8),  # 2026-12-06 evening, branch events57 (wave 23)
    (60, 1239, "02468", 8),  # 2026-12-06 night, branch events59 (wave 24)
    (60, 1240, "02468", 8),  # 2026-12-06 night, branch events61 (wave 25; skips other gold files' check rows)
    (60, 1241, "02468", 8),  # 2026-12-06 night, branch events62 (wave 26; skips other gold files' check rows)
    (60, 1242, "02468", 8),  # 2026-12-06 late, branch events65 (wave 27; skips other gold files' check rows)
    (60, 1243, "02468", 8),  # 2026-12-06 late, branch events70 (wave 28; skips other gold files' check rows)
    (60, 1244, "02468", 8),  # 2026-12-07 small hours, branch events75 (wave 29; skips other gold files' check rows)
    (402, 1245, "02468", 8),  # 2026-12-07 morning, branch code30 (wave 30; the prospective round's draw, benchmarks/fresh_waves_draw.py)
    (402, 1245, "02468", 8),  # 2026-12-07 morning, branch code31 (wave 31; the prospective round's draw, benchmarks/fresh_waves_draw.py)
    (402, 1245, "02468", 8),  # 2026-12-07 morning, branch code32 (wave 32; the prospective round's draw, benchmarks/fresh_waves_draw.py)
    (402, 1245, "02468", 8),  # 2026-12-07 morning, branch code33 (wave 33; the prospective round's draw, benchmarks/fresh_waves_draw.py)
    (402, 1245, "02468", 8),  # 2026-12-07 morning, branch code34 (wave 34; the prospective round's draw, benchmarks/fresh_waves_draw.py)
    (402, 1245, "02468", 8),  # 2026-12-07 morning, branch code35 (wave 35; the prospective round's draw, benchmarks/fresh_waves_draw.py)
    (402, 1245, "02468", 8),  # 2026-12-07 morning, branch code36 (wave 36; the prospective round's draw, benchmarks/fresh_waves_draw.py)
    (402, 1245, "02468", 8),  # 2026-12-07 morning, branch code37 (wave 37; the prospective round's draw, benchmarks/fresh_waves_draw.py)
)

#: Rows a round may not take because another coder of the same round draws them: round seed ->
#: (sample size, seed, count) of that other draw, whose first ``count`` uncoded rows are skipped
#: (wave 12 skips the first eight uncoded rows of ``sample 60 --seed 1226``, wave 11's draw, so that
#: the two waves, coded at once, never share a row whichever lands first).
RESERVED_DRAWS: dict[int, tuple[int, int, int]] = {1227: (60, 1226, 8)}

#: Rounds that also skip the rows in the ``check`` half of another gold file of ``benchmarks/data``
#: (the casualty gold's check articles, both articles of every check incident pair), so that no
#: events-tune article is another task's check article (the lead's rule from wave 25 on, waves 26–29 too; earlier
#: rounds drew without it and keep their rows).
#: Each such round's skipped rows as its draw met them (round seed -> data rows), frozen when it was
#: drawn: recomputing them from the other gold files would move a finished draw whenever a check row is
#: added there later. ``test_frozen_skips_are_other_check_rows`` holds each to the rule.
SKIP_OTHER_CHECK: dict[int, frozenset[int]] = {
    1240: frozenset({533, 41, 781, 641, 482, 82, 803, 553}),
    1241: frozenset({192, 533, 287, 50}),
    1242: frozenset({82, 439, 19, 580, 803, 373, 151, 673, 513, 353}),
    1243: frozenset({373, 19, 306, 513, 701, 67, 254, 481}),
    1244: frozenset({491, 310, 192, 143, 185, 23, 668}),
    1245: frozenset({533, 351, 641, 747, 637, 340, 99, 803, 254, 676, 673, 241, 458, 471, 288, 82, 553, 697, 768, 481, 202, 580, 439, 347, 233, 793, 41, 23, 513, 143, 414, 123, 573, 628, 50, 701, 787, 197, 87, 729, 258, 416, 441, 332, 306, 19, 310, 158, 721, 40, 353, 287, 34, 185, 192, 452, 1, 781, 148, 761, 151, 482, 140, 67, 29, 228, 53, 200, 422, 8, 511, 487, 190, 623, 745, 491, 552, 519, 373, 583, 763, 63, 243}),
}
def _sample(n: int, seed: int) -> list[dict]:
    out = subprocess.run([sys.executable, str(SPLIT_TOOL), "sample", str(n), "--seed", str(seed)],
                         capture_output=True, text=True, check=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def later_round_draws(first: set[str]) -> list[list[str]]:
    """The rows each of ``LATER_ROUNDS`` took, in order, given the rows of the first sample: the
    first ``count`` rows of its seeded draw that are not coded yet, end in one of its digits and
    are not reserved for another draw of the same round (``RESERVED_DRAWS``)."""
    seen = set(first)
    before: dict[int, set[str]] = {}  # the coded rows as each round drew
    out = []
    for n, seed, digits, count in LATER_ROUNDS:
        reserved: set[str] = set()
        if seed in RESERVED_DRAWS:
            rn, rseed, rcount = RESERVED_DRAWS[seed]
            coded = before.get(rseed, seen)
            reserved = set([r["document"] for r in _sample(rn, rseed) if r["document"] not in coded][:rcount])
        if seed in SKIP_OTHER_CHECK:
            reserved |= {f"FA-KES-Dataset.csv#row{n}" for n in SKIP_OTHER_CHECK[seed]}
        before[seed] = set(seen)
        drawn = [r["document"] for r in _sample(n, seed)
                 if r["unit_id"][-1] in digits and r["document"] not in seen and r["document"] not in reserved][:count]
        assert len(drawn) == count, (seed, drawn)
        seen.update(drawn)
        out.append(drawn)
    return out


def test_frozen_skips_are_other_check_rows():
    """Every row a draw skipped under the rule is in another gold file's check half (a check row
    is never moved to tune, so this holds as the files grow)."""
    other = other_check_rows()
    for seed, rows in SKIP_OTHER_CHECK.items():
        missing = {n for n in rows if f"FA-KES-Dataset.csv#row{n}" not in other}
        assert not missing, (seed, sorted(missing))


@needs_shared
def test_gold_halves_follow_the_sample_order():
    """The halves were fixed before reading: the sample's 1st, 3rd, … article is tune; later
    rounds are drawn by seed, not picked, and join the tune half."""
    order = [r["document"] for r in _sample(48, 2026)]
    expected = {doc: ("tune" if k % 2 == 0 else "check") for k, doc in enumerate(order)}
    for drawn in later_round_draws(set(order)):
        expected.update({doc: "tune" for doc in drawn})
    got = {r["document"]: r["split"] for r in records()}
    for doc, split in got.items():
        assert doc in expected, f"{doc} is in no documented draw"
        assert split == expected[doc], doc
    assert sum(split == "check" for split in got.values()) == 24, "the check half is unchanged"


@needs_shared
def test_gold_passes_the_split_check():
    done = subprocess.run([sys.executable, str(SPLIT_TOOL), "check", str(GOLD)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


#: a date text that is a weekday alone ("on Saturday", "late Monday", "Fridays", "early on Tuesday")
WEEKDAY_TEXT = re.compile(r"^(?:(?:on|late|early|earlier|at dawn)(?: on)? )?"
                          r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"
                          r"(?: (?:morning|afternoon|evening|night))?$")
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
REPORT_DATE = re.compile(r"Report date (\d{4}-\d{2}-\d{2})\.")


def _report_date(record: dict) -> dt.date:
    """The date a relative date resolves against (guide section 6): the date the text states at its
    top, named in the note when it differs from the ``date`` column, else the column."""
    found = REPORT_DATE.search(record["note"] or "")
    return dt.date.fromisoformat(found.group(1) if found else record["published"])


def test_gold_weekdays_resolve_against_the_report_date():
    """A bare weekday is the most recent such day on or before the report's own date (the text's
    date at its top, not the collection's column, when the two differ)."""
    checked = 0
    for record in records():
        anchor = _report_date(record)
        for event in record["events"]:
            date = event["date"]
            found = WEEKDAY_TEXT.match(date["text"].lower().strip()) if date and date["value"] else None
            if not found or event["status"] == "future":
                continue  # a scheduled event's weekday is the next such day (guide section 6)
            value = dt.date.fromisoformat(date["value"])
            where = f"{record['document']} {event['id']} {date}"
            assert WEEKDAYS[value.weekday()] == found.group(1), where
            assert 0 <= (anchor - value).days <= 6, f"{where} against {anchor}"
            checked += 1
    assert checked > 150


def test_gold_report_dates_are_named_where_the_column_disagrees():
    """Every note naming a report date names one that differs from the column (else it says nothing)."""
    named = [r for r in records() if REPORT_DATE.search(r["note"] or "")]
    assert len(named) >= 20
    for record in named:
        assert _report_date(record) != dt.date.fromisoformat(record["published"]), record["document"]


def test_the_benchmarks_tune_waves_follow_the_coding_rounds():
    """``events_side_missing.WAVES`` (the leave-one-wave-out folds of the events diagnostics) is the
    first sample's 24 tune articles, then one wave per later round: a round merged without it
    would stop those scripts or cut a wave in two."""
    from events_side_missing import WAVES

    assert (24, *(count for *_, count in LATER_ROUNDS)) == WAVES
