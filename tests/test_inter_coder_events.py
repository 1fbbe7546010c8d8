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


# --- branch agree5: the second sample (rows no project text names) and the pooled scoring -----------
#: a guide text written for the tests, in the shapes the real guide uses; its row numbers lie beyond the
#: corpus (804 rows), so no FA-KES row, held out or not, is named
GUIDE_TEXT = """## 9. How the set was made
- Wave 5: the first six in the printed order: rows 1049 (trt), 1530 (reuters) and 1161
  (ahram). 63 events. Not coded as article text: a caption (row 1684).
- Wave 6: dropping rows already in the set (3 of the first nine drawn were: 1713, 1108, 1252),
  rows 1372, 1359 and 1650 have a `note`. Row 1012's sub-heading is not text.
- The document is `FA-KES-Dataset.csv#row1077`. 22 of the 102 earlier articles; actor 0.656.
"""


def test_inter_coder_named_rows_reads_every_row_list_shape_and_no_bare_number():
    from inter_coder_events import named_rows

    rows = named_rows(GUIDE_TEXT)
    assert rows == {1049, 1530, 1161, 1684, 1713, 1108, 1252, 1372, 1359, 1650, 1012, 1077}
    assert 102 not in rows and 656 not in rows and 63 not in rows  # counts and decimals are not rows


def test_inter_coder_named_rows_errs_towards_naming_a_count_glued_to_a_row_list():
    from inter_coder_events import named_rows

    # a count right after a row list's semicolon is read as a row: a row wrongly excluded costs nothing
    assert named_rows("rows 1005, 1006; 7 events") == {1005, 1006, 7}
    assert named_rows("two rows were read; 8 events") == set()


def test_inter_coder_section_stops_at_the_next_heading():
    from inter_coder_events import named_rows, section

    doc = "### other [branch x]\nrow 1001\n### mine [branch agree1] row 1002\ntext row 1003\n### next\nrow 1004\n"
    assert named_rows(section(doc, "[branch agree1]")) == {1002, 1003}


def test_inter_coder_unnamed_draw_avoids_every_named_row_and_agree1_sample():
    from inter_coder_events import draw_texts, draw_unnamed, excluded_rows, named_rows

    guide, doc = draw_texts()  # the texts as they were at the draw: later edits naming rows do not move it
    excluded = excluded_rows(guide, doc, draw())
    drawn = draw_unnamed()
    rows = {int(d.document.rsplit("#row", 1)[1]) for d in drawn}
    assert len(rows) == 12 and not rows & excluded and not rows & named_rows(guide)
    assert not rows & {int(d.document.rsplit("#row", 1)[1]) for d in draw()}
    assert all(int(d.unit_id) % 2 == 0 for d in drawn)
    committed = (REPO / "benchmarks" / "results" / "inter_coder_events_draw_unnamed.txt").read_text(encoding="utf-8")
    assert [line.split("\t")[0] for line in committed.splitlines()] == [d.document for d in drawn]


def test_inter_coder_unnamed_second_coding_covers_its_draw_as_coder_b_tune():
    from inter_coder_events import SECOND_UNNAMED, draw_unnamed

    records = [json.loads(line) for line in SECOND_UNNAMED.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert [r["document"] for r in records] == [d.document for d in draw_unnamed()]
    assert {r["coder"] for r in records} == {"B"} and {r["split"] for r in records} == {"tune"}
    assert all(int(r["unit_id"]) % 2 == 0 for r in records)


def _one_event_article(n: int) -> GoldArticle:
    army = GoldEntity(10, 18, "the army", "SYR", "MIL", None)
    return GoldArticle(f"FA-KES-Dataset.csv#row{9000 + n}", "2016-05-02", "tune", (
        GoldEvent("e1", (0, 60), (19, 26), "ASSAULT", "asserted", None, (army,), (), GoldPlace(40, 45, "Ariha", "SYR"), None),))


def test_inter_coder_pooled_interval_resamples_within_each_stratum():
    from inter_coder_events import stratified_interval

    gold = [_one_event_article(n) for n in range(4)]
    agreed = [coder_analysis(g) for g in gold[:2]]  # stratum 1: B codes the one event
    missed = [coder_analysis(dataclasses.replace(g, events=())) for g in gold[2:]]  # stratum 2: B codes none
    strata = [(gold[:2], agreed), (gold[2:], missed)]
    pooled_point = score_articles(gold, agreed + missed)["all"]
    assert pooled_point["event_recall"] == 0.5
    # each stratum keeps its size in every draw, so the pooled recall cannot move: the interval is a point
    assert stratified_interval(strata, seed=1, draws=200)["event_recall"] == [0.5, 0.5]
    # resampling the union as one stratum would move it (draws with 0, 1, 3 or 4 agreed articles)
    loose = stratified_interval([(gold, agreed + missed)], seed=1, draws=200)["event_recall"]
    assert loose[0] < 0.5 < loose[1]


def test_inter_coder_pooled_scores_the_union_of_the_samples():
    from inter_coder_events import Coded, Drawn, pooled

    gold = [_one_event_article(n) for n in range(3)]
    drawn = [Drawn(g.document, "2", "x", "first 24 (seed 2026)", "12-03/04") for g in gold]
    as_a = [coder_analysis(g) for g in gold]
    as_b = [as_a[0], as_a[1], coder_analysis(dataclasses.replace(gold[2], events=()))]
    first = Coded(drawn[:1], gold[:1], gold[:1], ["", ""][:1], as_a[:1], as_b[:1], [])
    second = Coded(drawn[1:], gold[1:], [gold[1], dataclasses.replace(gold[2], events=())], ["", ""], as_a[1:],
                   as_b[1:], [])
    out = pooled([first, second], draws=50)
    assert out["documents"] == [g.document for g in gold]
    assert out["B_vs_A"]["all"] == score_articles(gold, as_b)["all"]
    assert (out["B_vs_A"]["all"]["event_recall"], out["A_vs_B"]["all"]["event_precision"]) == (round(2 / 3, 4),
                                                                                               round(2 / 3, 4))
    assert "sitrep_vs_A" not in out  # no sitrep analyses were given


def test_inter_coder_first_unnamed_rows_reads_agree1_list_or_the_guide():
    from inter_coder_events import Drawn, first_unnamed_rows

    first = [Drawn(f"FA-KES-Dataset.csv#row{n}", "2", "x", "w", "e") for n in (1049, 1005, 1530, 1006)]
    agree1_text = "On the 2 rows the guide does not name (1005,\n1006; 57 A events), B against A gives"
    assert first_unnamed_rows(first, GUIDE_TEXT, agree1_text) == [1, 3]
    assert first_unnamed_rows(first, GUIDE_TEXT) == [1, 3]
    assert first_unnamed_rows(first, GUIDE_TEXT + "drawn were: 1006.") == [1]
