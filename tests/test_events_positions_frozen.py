"""The position classes for actor misses (``benchmarks/events_recipient_positions.py --role actor``)
and the frozen-model check of ``benchmarks/events_recipient_frozen.py`` (issue 13, branch events49).

Sentences are written for these tests."""

from __future__ import annotations

import pytest

from sitrep.stages.events.article_scorer import GoldEntity, GoldEvent


def _event(text: str, trigger: str, actor: str, recipient: str | None = None) -> GoldEvent:
    t = text.index(trigger)
    a = text.index(actor)
    recipients = ()
    if recipient is not None:
        r = text.index(recipient)
        recipients = (GoldEntity(r, r + len(recipient), recipient, "SYR", "CVL", None),)
    return GoldEvent("e1", (0, len(text)), (t, t + len(trigger)), "ASSAULT", "asserted",
                     actors=(GoldEntity(a, a + len(actor), actor, "SYR", "MIL", None),), recipients=recipients)


@pytest.fixture(scope="module")
def nlp():
    from sitrep.nlp import load_nlp

    return load_nlp()


@pytest.mark.parametrize(
    ("text", "trigger", "actor", "where"),
    [
        ("Government jets struck the bakery in the old town on Monday.", "struck", "Government jets", "subject"),
        ("The bakery was shelled by the army on Monday.", "shelled", "the army", "prep:by"),
    ],
)
def test_actor_position_reads_the_doer_of_the_trigger(nlp, text, trigger, actor, where):
    from events_recipient_misses import _token_at
    from events_recipient_positions import position

    gold = _event(text, trigger, actor)
    sent = nlp(text)[:]
    trig = _token_at(sent, gold.trigger[0])
    assert position(gold, sent, 0, trig, [], role="actor") == where


def test_the_recipient_role_is_still_the_default(nlp):
    from events_recipient_misses import _token_at
    from events_recipient_positions import position

    text = "Government jets struck the bakery in the old town on Monday."
    gold = _event(text, "struck", "Government jets", "the bakery")
    sent = nlp(text)[:]
    trig = _token_at(sent, gold.trigger[0])
    assert position(gold, sent, 0, trig, []) == "object"
    assert position(gold, sent, 0, trig, [], role="actor") == "subject"


def test_actor_kind_says_what_sitrep_gave():
    from events_recipient_positions import actor_kind

    one = [GoldEntity(0, 4, "army", "SYR", "MIL", None)]
    assert actor_kind(0, [], one) == "missing"
    assert actor_kind(0, ["SYR_MIL"], []) == "extra"
    assert actor_kind(1, ["SYR_MIL", "RUS_MIL"], one) == "partial"
    assert actor_kind(0, ["RUS_MIL"], one) == "wrong"


def test_the_frozen_run_refuses_a_refitted_model(tmp_path, monkeypatch):
    import events_recipient_frozen

    from sitrep.stages.events import recipient_model

    other = tmp_path / "recipient_model.json"
    other.write_text('{"weights": {}, "bias": 0.0, "threshold": 0.5}\n', encoding="utf-8")
    monkeypatch.setattr(recipient_model, "MODEL_FILE", other)
    with pytest.raises(SystemExit, match="not the frozen one"):
        events_recipient_frozen.main()
