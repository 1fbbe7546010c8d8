"""The fresh on/off reading of the shipped learned recipient (``benchmarks/events_recipient_fresh.py``,
issue 13, branch events51): how a changed event is counted. No corpus text is used."""

from __future__ import annotations

from types import SimpleNamespace

import pytest


@pytest.mark.parametrize(
    ("was", "now", "expected"),
    [(False, True, "gained"), (True, False, "lost"), (False, False, "wrong to wrong"), (True, True, "right to right")],
)
def test_outcome_names_what_the_switch_did(was, now, expected):
    from events_recipient_frozen import outcome

    assert outcome(was, now) == expected


def test_changes_count_only_events_whose_recipients_moved(monkeypatch):
    import events_recipient_frozen as frozen  # where the fresh reading's counting lives

    art = SimpleNamespace(document="doc#1", events=[SimpleNamespace(id="e1", recipients=("x",)),
                                                    SimpleNamespace(id="e2", recipients=()),
                                                    SimpleNamespace(id="e3", recipients=("y",))])
    off = {("doc#1", "e1"): (False, ()), ("doc#1", "e2"): (True, ()), ("doc#1", "e3"): (True, ("A",))}
    on = {("doc#1", "e1"): (True, ("CVL",)), ("doc#1", "e2"): (False, ("CVL",)), ("doc#1", "e3"): (True, ("A",))}
    runs = {"off": ["off-analysis"], "on": ["on-analysis"]}
    monkeypatch.setattr(frozen, "per_event", lambda arts, analyses: off if analyses is runs["off"] else on)
    monkeypatch.setattr(frozen, "kind", lambda actor, analysis: "victims")
    counts, items = frozen.changes([art], runs)
    assert counts == {"gained": {"victims, coder has a recipient": 1}, "lost": {"victims, coder has none": 1}}
    assert [(i["gold"], i["outcome"]) for i in items] == [("e1", "gained"), ("e2", "lost")]
