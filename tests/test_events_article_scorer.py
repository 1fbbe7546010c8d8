"""The article-level event scorer (issue 13), the PLOVER halves and calendar-only event dates.

Gold and predictions here are written by us (no text from the shared sets); no model is loaded.
"""

from __future__ import annotations

import json

import pytest

from sitrep.errors import EvalError
from sitrep.records import (
    Actor,
    Analysis,
    Document,
    Event,
    EventDate,
    EventPlace,
    Evidence,
    Mention,
    TimeExpr,
)
from sitrep.stages.events.anchoring import calendar_times, calendar_value
from sitrep.stages.events.article_scorer import (
    is_article_gold,
    match_events,
    place_right,
    read_article_gold,
    read_texts,
    roles_right,
    row_number,
    same_entity,
    score_articles,
)
from sitrep.stages.events.scorer import plover_split, score_by_split

#: "Jets struck Ariha on Monday, killing 9 civilians, the monitor said. Rebels shelled Idlib."
TEXT = "Jets struck Ariha on Monday, killing 9 civilians, the monitor said. Rebels shelled Idlib."
S1 = (0, TEXT.index(".") + 1)
S2 = (S1[1] + 1, len(TEXT))


def _span(word: str, after: int = 0) -> dict[str, object]:
    start = TEXT.index(word, after)
    return {"start": start, "end": start + len(word), "text": word}


def _gold_event(eid, trigger, category, status, *, sentence, actors=(), recipients=(), place=None,
                date=None):
    return {"id": eid, "sentence": {"start": sentence[0], "end": sentence[1]}, "trigger": _span(trigger),
            "category": category, "mode": None, "status": status,
            "actors": [dict(_span(a), country=c, sector=s, name=None) for a, c, s in actors],
            "recipients": [dict(_span(r), country=c, sector=s, name=None) for r, c, s in recipients],
            "place": dict(_span(place), country="SYR") if place else None,
            "date": {"text": "Monday", "value": date} if date else None}


@pytest.fixture
def gold_file(tmp_path):
    article = {
        "document": "made-up.csv#row2", "unit_id": "2", "published": "2016-06-22", "split": "tune",
        "events": [
            _gold_event("e1", "struck", "ASSAULT", "reported", sentence=S1, actors=[("Jets", "SYR", "MIL")],
                        place="Ariha", date="2016-06-20"),
            _gold_event("e2", "shelled", "ASSAULT", "asserted", sentence=S2, actors=[("Rebels", "SYR", "REB")],
                        place="Idlib"),
        ],
    }
    other = dict(article, document="made-up.csv#row4", split="check", events=[])
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in (article, other)) + "\n", encoding="utf-8")
    return path


ACTORS = [Actor("SYR_MIL", "Syrian military", "military", "SYR", "MIL"),
          Actor("SYR_REB", "Syrian rebels", "armed_group", "SYR", "REB"),
          Actor("TUR", "Turkey", "state", "TUR", "GOV")]


def _event(trigger: str, category: str, status: str, *, actors=(), place: str | None = None,
           date: str | None = None) -> Event:
    start = TEXT.index(trigger)
    sent = S1 if start < S1[1] else S2
    where = EventPlace(place, country="SY", text=place, start=TEXT.index(place), end=TEXT.index(place) + len(place)) \
        if place else None
    return Event(id=f"ev_{trigger}_{category}", document="d", category=category, status=status,
                 evidence=Evidence(sent[0], sent[1], TEXT[sent[0]:sent[1]]), trigger=trigger,
                 actors=list(actors), place=where, date=EventDate(date, "day") if date else None,
                 trigger_start=start, trigger_end=start + len(trigger))


def _analysis(events: list[Event]) -> Analysis:
    mentions = [Mention("d", "SYR_MIL", 0, 4, "Jets", TEXT[S1[0]:S1[1]]),
                Mention("d", "SYR_REB", S2[0], S2[0] + 6, "Rebels", TEXT[S2[0]:S2[1]])]
    return Analysis(document=Document(id="d", sha256="d", text=TEXT), actors=ACTORS, mentions=mentions,
                    events=events)


def test_reads_the_article_format_and_its_halves(gold_file):
    assert is_article_gold(gold_file)
    arts = read_article_gold(gold_file)
    assert [a.split for a in arts] == ["tune", "check"]
    assert [a.document for a in read_article_gold(gold_file, split="check")] == ["made-up.csv#row4"]
    first = arts[0].events[0]
    assert first.trigger == (TEXT.index("struck"), TEXT.index("struck") + 6) and first.date == "2016-06-20"
    assert first.actors[0].sector == "MIL" and first.place is not None and first.place.text == "Ariha"
    with pytest.raises(EvalError, match="Unknown split"):
        read_article_gold(gold_file, split="dev")


def test_plover_lines_are_not_the_article_format(tmp_path):
    path = tmp_path / "plover.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "A met B.", "event": "CONSULT"}) + "\n", encoding="utf-8")
    assert not is_article_gold(path)


def test_bad_article_line_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"document": "a.csv#row1", "events": [{"id": "e1"}]}) + "\n", encoding="utf-8")
    with pytest.raises(EvalError, match="bad.jsonl:1 .*coding-guide-events.md"):
        read_article_gold(path)


def test_row_reference_and_texts_from_a_csv(tmp_path, gold_file):
    assert row_number("FA-KES-Dataset.csv#row117") == 117
    with pytest.raises(EvalError, match="FILE.csv#rowN"):
        row_number("FA-KES-Dataset.csv")
    csv_path = tmp_path / "corpus.csv"
    rows = ["article_content,x", '"one",1', f'"{TEXT}",2', '"three",3', '"four",4', '"five",5']
    csv_path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert read_texts(read_article_gold(gold_file), csv_path) == [TEXT, "four"]
    with pytest.raises(EvalError, match="missing"):
        read_texts(read_article_gold(gold_file), tmp_path / "absent.csv")


def test_matching_is_one_to_one_same_category_inside_the_sentence(gold_file):
    gold = read_article_gold(gold_file)[0].events
    # two ASSAULTs in sentence 1: only one can take e1; the one on "killing" is farther from "struck"
    preds = [_event("killing", "ASSAULT", "asserted"), _event("struck", "ASSAULT", "asserted"),
             _event("shelled", "COERCE", "asserted")]  # wrong category: no match for e2
    pairs = match_events(gold, preds)
    assert [(g.id, p.trigger) for g, p in pairs] == [("e1", "struck")]


def test_roles_right_follows_the_scorers_rule_per_pair(gold_file):
    """``roles_right`` (a study's diagnostic) gives each matched pair's actor and recipient verdict
    as ``score_articles`` counts it: every party paired one to one, none missing, none extra."""
    gold = read_article_gold(gold_file)[0].events
    preds = [_event("struck", "ASSAULT", "asserted", actors=["SYR_MIL"]),
             _event("shelled", "ASSAULT", "asserted", actors=["TUR"])]
    analysis = _analysis(preds)
    verdicts = {g.id: roles_right(g, p, analysis) for g, p in match_events(gold, preds)}
    assert verdicts == {"e1": (True, True), "e2": (False, True)}  # Turkey is not the rebels; no recipients
    extra = _event("struck", "ASSAULT", "asserted", actors=["SYR_MIL", "TUR"])
    assert roles_right(gold[0], extra, _analysis([extra])) == (False, True)  # an extra actor is wrong
    result = score_articles(read_article_gold(gold_file)[:1], [analysis])["tune"]
    assert result["actor_accuracy"] == sum(a for a, _ in verdicts.values()) / len(verdicts)


def test_scores_precision_recall_roles_place_status_date_and_ratio(gold_file):
    arts = read_article_gold(gold_file)
    preds = [_event("struck", "ASSAULT", "asserted", actors=["SYR_MIL"], place="Ariha", date="2016-06-20"),
             _event("killing", "ASSAULT", "asserted", date="P7D"),
             _event("shelled", "ASSAULT", "asserted", actors=["TUR"], place="Idlib")]
    result = score_articles(arts, [_analysis(preds), _analysis([])])
    tune = result["tune"]
    assert (tune["matched"], tune["predicted_events"], tune["gold_events"]) == (2, 3, 2)
    assert tune["event_precision"] == pytest.approx(2 / 3, abs=1e-4) and tune["event_recall"] == 1.0
    assert tune["actor_accuracy"] == 0.5  # Jets right, Turkey is not the rebels
    assert tune["place_accuracy"] == 1.0
    assert tune["status_accuracy"] == 0.5  # e1 is reported by the monitor
    assert tune["date_accuracy"] == 1.0  # only e1 has a gold date
    assert tune["dates_not_calendar"] == 1  # the duration P7D
    assert tune["predicted_per_gold"] == 1.5
    assert result["check"]["gold_events"] == 0 and result["all"]["predicted_events"] == 3


def test_entities_match_by_span_name_or_country_and_sector():
    from sitrep.stages.events.article_scorer import GoldEntity

    army = GoldEntity(50, 60, "the army", "SYR", "MIL", None)
    state = Actor("SYR", "Syria", "state", "SYR", None)
    assert same_entity(state, [], army)  # a state stands for its military
    assert not same_entity(Actor("TUR", "Turkey", "state", "TUR", None), [], army)
    assert same_entity(Actor("X", "Other", "person", "USA", "GOV"), [(55, 58)], army)  # overlapping span
    un = GoldEntity(0, 2, "UN", None, "IGO", "United Nations")
    assert same_entity(Actor("UN", "United Nations", "igo", "UNO", "IGO"), [], un)


def test_place_right_by_offsets_or_name_prefix():
    from sitrep.stages.events.article_scorer import GoldPlace

    gold = GoldPlace(10, 15, "Raqqa", "SYR")
    assert place_right(EventPlace("Raqqa Governorate", text="Raqqa province"), gold)
    assert place_right(EventPlace("X", start=12, end=20), gold)
    assert not place_right(EventPlace("Damascus", text="Damascus"), gold)
    assert not place_right(None, gold) and place_right(None, None)


def test_plover_halves_alternate_and_are_scored_apart():
    assert [plover_split(i) for i in range(4)] == ["tune", "check", "tune", "check"]
    records = [{"text": "a", "event": "ASSAULT"}, {"text": "b", "event": "ASSAULT"}]
    empty = [Analysis(document=Document(id=str(i), sha256=str(i), text=r["text"])) for i, r in enumerate(records)]
    out = score_by_split(records, empty, ["tune", "check"])
    assert out["all"]["n"] == 2 and out["tune"]["n"] == 1 and out["check"]["n"] == 1


@pytest.mark.parametrize(("value", "expected"), [
    ("2016-06-21", "2016-06-21"), ("2016-06-21TNI", "2016-06-21"), ("2016-06", "2016-06"),
    ("2015-SP", "2015"), ("2016-W25", "2016-W25"), ("2016-06-01/2016-06-07", "2016-06-01/2016-06-07"),
    ("P7D", None), ("P6W", None), ("PAST_REF", None), ("PRESENT_REF", None), ("XXXX-09-17", None), (None, None),
])
def test_event_dates_are_calendar_values_only(value, expected):
    assert calendar_value(value) == expected


def test_calendar_times_drop_durations_and_references():
    def t(text, type_, value):
        return TimeExpr("d", 0, len(text), text, text, type_, value)

    kept = calendar_times([t("for seven days", "DURATION", "P7D"), t("recently", "DATE", "PAST_REF"),
                           t("17 September", "DATE", "XXXX-09-17"), t("Monday night", "TIME", "2016-06-20TNI"),
                           t("June 2016", "DATE", "2016-06")])
    assert [(x.text, x.value) for x in kept] == [("Monday night", "2016-06-20"), ("June 2016", "2016-06")]


def test_strict_actor_figure_asks_for_the_coders_identity_beside_the_span():
    from sitrep.stages.events.article_scorer import (
        GoldEntity,
        identity_miss,
        same_identity,
    )

    army = GoldEntity(50, 60, "the army", "SYR", "MIL", None)
    other = Actor("X", "Other", "person", "USA", "GOV")
    assert same_entity(other, [(55, 58)], army)  # the span credits it ...
    assert not same_identity(other, [(55, 58)], army)  # ... its identity does not
    assert identity_miss(other, army) == "sector"
    assert identity_miss(Actor("TUR", "Turkey", "state", "TUR", None), army) == "country"
    assert identity_miss(Actor("SYR", "Syria", "state", "SYR", None), army) is None
    named = GoldEntity(0, 9, "the group", None, "IMG", "Northern Front")
    assert identity_miss(Actor("G", "Eastern Brigade", "armed_group", "XNS", "IMG"), named) == "name"
    assert identity_miss(Actor("N", "N. Front", "armed_group", "XNS", "IMG", aliases=["Northern Front"]), named) is None


def test_strict_actor_accuracy_is_reported_beside_the_current_one(gold_file):
    arts = read_article_gold(gold_file)
    # "Jets" is the coder's Syrian military; sitrep resolves the jets' span to Turkey
    jets = TEXT.index("Jets")
    preds = [_event("struck", "ASSAULT", "asserted", actors=["TUR"])]
    analysis = _analysis(preds)
    analysis.mentions.append(Mention("d", "TUR", jets, jets + 4, "Jets", TEXT[S1[0]:S1[1]]))
    tune = score_articles(arts, [analysis, _analysis([])])["tune"]
    assert tune["matched"] == 1
    assert tune["actor_accuracy"] == 1.0  # the overlapping span
    assert tune["actor_strict_accuracy"] == 0.0  # Turkey is not the coder's party
    assert tune["recipient_strict_accuracy"] == tune["recipient_accuracy"]


def test_strict_identity_takes_a_states_government_and_forces_as_one_party():
    from sitrep.stages.events.article_scorer import GoldEntity, identity_miss

    forces = GoldEntity(0, 10, "the regime", "SYR", "MIL", None)
    assert identity_miss(Actor("SYR_GOV", "Government of Syria", "government_body", "SYR", "GOV"), forces) is None
    assert identity_miss(Actor("TUR_GOV", "Government of Turkey", "government_body", "TUR", "GOV"), forces) == "sector"
    assert identity_miss(Actor("SYR_REB", "Syrian rebels", "armed_group", "SYR", "REB"), forces) == "sector"
    assert identity_miss(Actor("MIL", "Military", "military", None, "MIL"), forces) == "country"
