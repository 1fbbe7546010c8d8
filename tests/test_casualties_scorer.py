"""The casualty scorer is pure: hand-built gold articles and predictions in, metrics out."""

from __future__ import annotations

import json

import pytest

from sitrep.errors import EvalError
from sitrep.records import Casualty, Evidence
from sitrep.stages.casualties.scorer import (
    GoldArticle,
    GoldFigure,
    Predicted,
    read_gold,
    score,
)


def _cas(kind, best, start, end, *, scope="incident", event="ev1", source=None, actor=None):
    return Casualty(id=f"c{start}", document="d", kind=kind, victims="people", best=best, start=start, end=end,
                    text="x", evidence=Evidence(0, 100, "x"), scope=scope, event=event if scope == "incident" else None,
                    attributed_to=actor or (None if source is None else "cue"),
                    source_start=source[0] if source else None, source_end=source[1] if source else None)


def test_figures_main_killed_attribution_and_war_totals():
    gold = [GoldArticle("a", (
        GoldFigure("killed", 20, 0, 10, source=(50, 60)),
        GoldFigure("injured", 30, 20, 30, source=(50, 60)),
        GoldFigure("killed", 400000, 70, 80, scope="war_total"),
    ), main_killed=20)]
    pred = [Predicted([
        _cas("killed", 20, 2, 8, source=(52, 58)),  # right, source overlaps
        _cas("injured", 30, 20, 30, source=(0, 5), actor="SOHR"),  # right figure, wrong source ...
        _cas("killed", 400000, 70, 80),  # a war total attached to an event
        _cas("killed", 7, 90, 95),  # not in the gold
    ], main_killed=400000, mentions=[("SOHR", 50, 55)])]  # ... unless the actor is mentioned there
    m = score(gold, pred)
    assert (m["figure_precision"], m["figure_recall"]) == (0.75, 1.0)
    assert m["main_killed_accuracy"] == 0.0
    assert m["attribution_accuracy"] == 1.0 and m["attributed_gold_figures"] == 2
    assert m["war_totals_on_incidents"] == 1
    assert m["scope_accuracy"] == pytest.approx(2 / 3, abs=1e-4)


def test_unmatched_and_spurious_sources_are_counted():
    gold = [GoldArticle("a", (GoldFigure("killed", 5, 0, 5, source=(10, 20)), GoldFigure("killed", 3, 30, 35)),
                        main_killed=5)]
    pred = [Predicted([_cas("killed", 5, 0, 5), _cas("killed", 3, 30, 35, source=(40, 45))], main_killed=5)]
    m = score(gold, pred)
    assert m["attribution_accuracy"] == 0.0 and m["attribution_strict"] == 0.0
    assert m["source_given_to_unattributed"] == 1.0
    assert m["main_killed_accuracy"] == 1.0


def test_plover_records_compare_values_only(tmp_path):
    path = tmp_path / "gsr.jsonl"
    rows = [{"id": "1", "event": "ASSAULT", "text": "A blast killed 12 people.", "dead": "12", "injured": ""},
            {"id": "2", "event": "AGREE", "text": "The two sides agreed."}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    gold = read_gold(path)
    assert [g.main_killed for g in gold] == [12, None] and not gold[0].has_offsets
    pred = [Predicted([_cas("killed", 12, 0, 2), _cas("arrested", 3, 5, 6)], 12), Predicted([], None)]
    m = score(gold, pred)
    assert m["distinct_f1"] == 1.0 and m["main_killed_accuracy"] == 1.0
    assert "figure_f1" not in m  # no offsets: mentions are not compared


def test_bad_gold_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"something": 1}\n', encoding="utf-8")
    with pytest.raises(EvalError, match="neither a casualty gold article"):
        read_gold(path)
    path.write_text("not json\n", encoding="utf-8")
    with pytest.raises(EvalError, match="not valid JSON"):
        read_gold(path)
    with pytest.raises(EvalError, match="gold articles but"):
        score([GoldArticle("a", (), None)], [])
