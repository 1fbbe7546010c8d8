"""Cross-outlet comparison over hand-made framings."""

from __future__ import annotations

from collections import Counter

import pytest

from sitrep.records import (
    Document,
    Evidence,
    Framing,
    Label,
    LoadedTerm,
    SentimentScore,
)
from sitrep.stages.framing.compare import (
    compare_actor,
    distinctive_labels,
    log_odds_dirichlet,
)


def _doc(i: str, publisher: str | None) -> Document:
    return Document(id=i, sha256=i, text="", publisher=publisher)


DOCS = [_doc("a1", "Outlet A"), _doc("a2", "Outlet A"), _doc("b1", "Outlet B"), _doc("c1", None)]
FRAMINGS = [
    Framing("a1", "SYR_GOV", [Label("the Assad regime", 3), Label("Damascus", 1)],
            SentimentScore(-0.6, "negative", 3), [LoadedTerm("regime", "pejorative_label", 4, 10)],
            [Evidence(0, 20, "s1")]),
    Framing("a2", "SYR_GOV", [Label("Assad regime", 2)], SentimentScore(-0.2, "negative", 1)),
    Framing("b1", "SYR_GOV", [Label("the Syrian government", 4), Label("Damascus", 2)],
            SentimentScore(0.1, "neutral", 2)),
    Framing("c1", "SYR_GOV", [Label("Damascus", 1)], None),
    Framing("b1", "RUS", [Label("Moscow", 2)], SentimentScore(0.3, "positive", 1)),
]


def test_compare_actor_groups_by_publisher_else_document():
    rows = {r.outlet: r for r in compare_actor(FRAMINGS, DOCS, "SYR_GOV")}
    assert set(rows) == {"Outlet A", "Outlet B", "c1"}
    a = rows["Outlet A"]
    assert a.documents == 2
    assert [(lab.text, lab.count) for lab in a.labels][0] == ("the Assad regime", 5)  # grouped variants
    # mean weighted by the number of scored sentences: (-0.6*3 + -0.2*1) / 4
    assert a.sentiment.score == pytest.approx(-0.5)
    assert a.sentiment.label == "negative" and a.sentiment.n == 4
    assert a.sentiment_documents == {"negative": 2, "neutral": 0, "positive": 0}
    assert [(t.text, t.category, t.count) for t in a.loaded_terms] == [("regime", "pejorative_label", 1)]
    assert a.evidence[0].document == "a1"
    assert rows["Outlet B"].sentiment.label == "neutral"
    assert rows["c1"].sentiment is None


def test_compare_actor_unknown_actor_is_empty():
    assert compare_actor(FRAMINGS, DOCS, "NOPE") == []


def test_distinctive_labels_prefer_each_outlets_own_words():
    result = distinctive_labels(FRAMINGS, DOCS, top=3)
    assert result["Outlet A"][0][0] == "the Assad regime"
    assert result["Outlet B"][0][0] == "the Syrian government"
    # a label everybody uses is not distinctive for the outlet that uses it least
    assert "Damascus" not in [w for w, _ in result["Outlet A"]]


def test_log_odds_is_antisymmetric_and_zero_for_equal_use():
    a, b = Counter({"x": 5, "y": 5}), Counter({"x": 5, "y": 5})
    z = log_odds_dirichlet(a, b, a + b)
    assert z["x"] == pytest.approx(0.0) and z["y"] == pytest.approx(0.0)
    c = Counter({"x": 9, "y": 1})
    z1, z2 = log_odds_dirichlet(c, a, a + c), log_odds_dirichlet(a, c, a + c)
    assert z1["x"] > 0 and z1["x"] == pytest.approx(-z2["x"])


def test_distinctive_labels_can_be_restricted_to_actors():
    result = distinctive_labels(FRAMINGS, DOCS, top=3, actors={"SYR_GOV"})
    assert "Moscow" not in {w for ranked in result.values() for w, _ in ranked}
    assert result["Outlet B"][0][0] == "the Syrian government"


def test_merge_actors_regroups_and_weights_sentiment():
    # the study's helper (benchmarks/ is on the tests' path)
    from fakes_framing import merge_actors

    merged = merge_actors(FRAMINGS, {"SYR_GOV": "G", "RUS": "G"})
    b1 = next(f for f in merged if f.document == "b1")
    assert b1.actor == "G"
    assert b1.sentiment.n == 3 and b1.sentiment.score == pytest.approx((0.1 * 2 + 0.3) / 3, abs=1e-4)
    assert {lab.text for lab in b1.labels} == {"the Syrian government", "Damascus", "Moscow"}
