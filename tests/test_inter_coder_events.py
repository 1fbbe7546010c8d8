"""The inter-coder adapter (``benchmarks/inter_coder_events.py``): one coder's records, turned into
the article scorer's predicted form, are judged by ``score_articles`` exactly as sitrep's are.

Records here are written for the tests (no shared data): a coder scored against itself is perfect,
and a known one-actor difference costs exactly that actor.
"""

from __future__ import annotations

import dataclasses
import json

import pytest
from conftest import REPO
from inter_coder_events import (
    ERAS,
    KB_SECTOR,
    SECOND,
    WAVE_NAMES,
    WAVE_SIZES,
    coder_analysis,
    draw,
)

from sitrep.stages.events.article_scorer import (
    GoldArticle,
    GoldEntity,
    GoldEvent,
    GoldPlace,
    score_articles,
)

DOC = "FA-KES-Dataset.csv#row9999"


def _article() -> GoldArticle:
    """Three coded events of a made-up article (offsets are the tests' own)."""
    army = GoldEntity(10, 18, "the army", "SYR", "MIL", None)
    rebels = GoldEntity(30, 36, "rebels", "SYR", "REB", None)
    monitor = GoldEntity(120, 131, "the monitor", None, "NGO", None)
    un = GoldEntity(150, 156, "the UN", None, "IGO", "United Nations")
    police = GoldEntity(200, 210, "the police", "TUR", "POL", None)
    return GoldArticle(DOC, "2016-05-02", "tune", (
        GoldEvent("e1", (0, 60), (19, 26), "ASSAULT", "asserted", "heavy-weapons", (army,), (rebels,),
                  GoldPlace(40, 45, "Ariha", "SYR"), "2016-05-01"),
        GoldEvent("e2", (100, 170), (140, 149), "ACCUSE", "reported", "disapprove", (un,), (army,), None, None),
        GoldEvent("e3", (180, 240), (211, 219), "COERCE", "historical", "arrest", (police,), (monitor,), None, "2015"),
    ))


def _figures(gold: GoldArticle, coded: GoldArticle) -> dict:
    return score_articles([gold], [coder_analysis(coded)])["all"]


def test_inter_coder_adapter_scores_a_coder_against_itself_as_perfect():
    article = _article()
    m = _figures(article, article)
    assert (m["gold_events"], m["predicted_events"], m["matched"]) == (3, 3, 3)
    for key in ("event_f1", "actor_accuracy", "recipient_accuracy", "actor_strict_accuracy",
                "recipient_strict_accuracy", "place_accuracy", "status_accuracy", "date_accuracy", "actor_f1",
                "recipient_f1", "predicted_per_gold"):
        assert m[key] == 1.0, key


def test_inter_coder_adapter_counts_a_known_one_actor_difference_as_that_miss():
    article = _article()
    other = GoldEntity(60, 70, "Hezbollah", "LBN", "REB", "Hezbollah")  # another party, another span
    changed = dataclasses.replace(article.events[1], actors=(other,))
    coded = dataclasses.replace(article, events=(article.events[0], changed, article.events[2]))
    m = _figures(article, coded)
    assert m["matched"] == 3 and m["event_f1"] == 1.0
    assert m["actor_accuracy"] == round(2 / 3, 4)
    assert m["actor_strict_accuracy"] == round(2 / 3, 4)
    assert m["actor_f1"] == round(2 / 3, 4)  # 2 of 3 actors on each side pair up
    for key in ("recipient_accuracy", "place_accuracy", "status_accuracy", "date_accuracy"):
        assert m[key] == 1.0, key


def test_inter_coder_adapter_keeps_the_coder_sector_and_a_null_country_apart():
    # the police (POL) stands as the KB's COP, which the scorer accepts for POL; a null country is no state
    assert KB_SECTOR["POL"] == "COP" and KB_SECTOR["MED"] == "JRN" and KB_SECTOR["GOV"] == "GOV"
    article = _article()
    stated = GoldEntity(120, 131, "the monitor", "SYR", "NGO", None)  # same span, a country the other gives none
    changed = dataclasses.replace(article.events[2], recipients=(stated,))
    coded = dataclasses.replace(article, events=(article.events[0], article.events[1], changed))
    m = _figures(article, coded)
    assert m["recipient_accuracy"] == 1.0  # the overlapping span pairs them (the lenient figure)
    assert m["recipient_strict_accuracy"] == round(2 / 3, 4)  # but the identities disagree (strict)


def test_inter_coder_adapter_reads_a_missing_and_an_extra_event_as_recall_and_precision():
    article = _article()
    extra = GoldEvent("e4", (250, 300), (260, 266), "PROTEST", "asserted", "demo",
                      (GoldEntity(250, 258, "hundreds", "SYR", "CVL", None),), (), None, None)
    coded = dataclasses.replace(article, events=(article.events[0], article.events[1], extra))
    m = _figures(article, coded)
    assert (m["matched"], m["event_precision"], m["event_recall"]) == (2, round(2 / 3, 4), round(2 / 3, 4))


def test_inter_coder_draw_is_tune_rows_and_its_waves_match_the_leave_one_wave_out_table():
    from events_side_missing import WAVES

    assert WAVE_SIZES == WAVES and len(WAVE_NAMES) == len(WAVE_SIZES) == len(ERAS)
    drawn = draw()
    assert len(drawn) == 12 and len({d.document for d in drawn}) == 12
    assert all(int(d.unit_id) % 2 == 0 for d in drawn)
    committed = (REPO / "benchmarks" / "results" / "inter_coder_events_draw.txt").read_text(encoding="utf-8")
    assert [line.split("\t")[0] for line in committed.splitlines()] == [d.document for d in drawn]


@pytest.mark.parametrize("field", ["coder", "split"])
def test_inter_coder_second_coding_covers_the_draw_as_coder_b_tune(field):
    records = [json.loads(line) for line in SECOND.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert [r["document"] for r in records] == [d.document for d in draw()]
    assert {r[field] for r in records} == ({"B"} if field == "coder" else {"tune"})
    assert all(int(r["unit_id"]) % 2 == 0 for r in records)
