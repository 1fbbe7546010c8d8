"""The learned event-type model's switch (``sitrep.stages.events.event_type``, issue 13).

The switch is tested with a stand-in model (no model file is shipped): what it decides, where,
and that it is called once per document."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from sitrep.marker_encoding import CLOSE_ID, OPEN_ID
from sitrep.records import EVENT_CATEGORIES
from sitrep.stages.events import event_type


class _Tokenizer:
    """Whitespace words as ids (enough for the marker layout)."""

    def encode(self, text: str, add_special_tokens: bool = False):  # type: ignore[no-untyped-def]
        ids, offsets, pos = [], [], 0
        for word in text.split():
            start = text.index(word, pos)
            ids.append(1000 + len(ids))
            offsets.append((start, start + len(word)))
            pos = start + len(word)

        @dataclass
        class Enc:
            ids: list[int]
            offsets: list[tuple[int, int]]

        return Enc(ids, offsets)


def test_encode_trigger_marks_the_trigger_words() -> None:
    sentence = "Government troops shelled rebel positions"
    start = sentence.index("shelled")
    enc = event_type.encode_trigger(_Tokenizer(), sentence, start, start + len("shelled"))
    assert enc.ids[enc.marker] == OPEN_ID
    assert enc.ids[enc.marker + 1] == 1002  # "shelled", the third word
    assert enc.ids[enc.marker + 2] == CLOSE_ID
    assert len(enc.ids) == 5 + 4


def test_decide_adds_the_prior_to_the_lexicon_proposal() -> None:
    proba = {"ASSAULT": 0.45, "COERCE": 0.55}
    assert event_type.decide(proba, "ASSAULT", 0.0) == "COERCE"
    assert event_type.decide(proba, "ASSAULT", 0.2) == "ASSAULT"
    assert event_type.decide(proba, "PROTEST", 0.2) == "COERCE"


@dataclass
class _Stub:
    """A stand-in encoder: every trigger is PROTEST with probability 0.9."""

    lex_prior: float = 0.0
    calls: list[int] = field(default_factory=list)

    def predict(self, items):  # type: ignore[no-untyped-def]
        self.calls.append(len(items))
        return [{c: (0.9 if c == "PROTEST" else 0.1 / (len(EVENT_CATEGORIES) - 1)) for c in EVENT_CATEGORIES}
                for _ in items]


@pytest.fixture
def stub(monkeypatch: pytest.MonkeyPatch) -> _Stub:
    model = _Stub()
    monkeypatch.setattr(event_type, "load_model", lambda folder: model)
    return model


TEXT = ("Government troops shelled rebel positions outside Aleppo on Tuesday. "
        "Hundreds of people marched in Damascus on Friday.")


def _categories(analyze_text, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(e.category for e in analyze_text(text, ["events"], published="2016-10-13").events)


def test_off_never_loads_the_model(analyze_text, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(folder):  # type: ignore[no-untyped-def]
        raise AssertionError("the switch is off")

    monkeypatch.setattr(event_type, "load_model", fail)
    monkeypatch.setattr(event_type, "USE", "off")
    assert "ASSAULT" in _categories(analyze_text, TEXT)


def test_all_lets_the_encoder_decide_every_trigger_in_one_call(analyze_text, stub: _Stub,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(event_type, "USE", "off")
    before = _categories(analyze_text, TEXT)
    monkeypatch.setattr(event_type, "USE", "all")
    after = _categories(analyze_text, TEXT)
    assert "ASSAULT" in before
    assert after and set(after) == {"PROTEST"}
    assert len(stub.calls) == 1 and stub.calls[0] >= 2  # one call for the document's triggers


def test_model_leaves_the_trusted_lexicon_sources_alone(analyze_text, stub: _Stub,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(event_type, "USE", "off")
    before = _categories(analyze_text, TEXT)
    monkeypatch.setattr(event_type, "USE", "model")
    # "shelled" and "marched" are curated lexicon entries: the encoder may not overrule them
    assert _categories(analyze_text, TEXT) == before
    assert sum(stub.calls) == 0


def test_unknown_setting_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(event_type, "USE", "sometimes")
    with pytest.raises(ValueError, match="event_type.USE"):
        event_type.document_proba([])
