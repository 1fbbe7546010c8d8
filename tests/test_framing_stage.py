"""The framing stage on hand-made mentions (no actors stage needed), and target dependence."""

from __future__ import annotations

import pytest

from sitrep.records import Mention
from sitrep.stages.framing import FramingStage
from sitrep.stages.framing.attach import MentionSpan
from sitrep.stages.framing.labels import label_span
from sitrep.stages.framing.stage import select_targets

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def stage(nlp):
    return FramingStage(nlp, targets_per_100_words=None)


def _mentions(analysis, spec: list[tuple[str, str, int]]) -> list[Mention]:
    """(surface, actor, occurrence) -> Mention records at the surface's offsets."""
    text = analysis.text
    out = []
    for surface, actor, occurrence in spec:
        i = -1
        for _ in range(occurrence + 1):
            i = text.index(surface, i + 1)
        out.append(Mention(analysis.document.id, actor, i, i + len(surface), surface, analysis.sentence_text(i)))
    return out


def _run(stage, parse, text: str, spec: list[tuple[str, str, int]]):
    analysis = parse(text)
    analysis.mentions = _mentions(analysis, spec)
    return {f.actor: f for f in stage(analysis).framings}


def test_stage_writes_one_framing_per_actor_with_labels_terms_and_evidence(stage, parse):
    text = ("The Assad regime shelled the suburbs again. "
            "Washington armed the so-called moderate opposition. "
            "The regime's forces advanced, the Assad regime said.")
    out = _run(stage, parse, text, [("Assad", "SYR_GOV", 0), ("Washington", "USA", 0),
                                    ("opposition", "SYR_REB", 0), ("regime", "SYR_GOV", 1),
                                    ("Assad", "SYR_GOV", 1)])
    assert list(out) == ["SYR_GOV", "USA", "SYR_REB"]  # first-mention order
    gov = out["SYR_GOV"]
    assert gov.document == "t"
    labels = {lab.text: lab.count for lab in gov.labels}
    assert labels["Assad regime"] == 2
    assert ("regime", "pejorative_label") in {(t.text, t.category) for t in gov.loaded_terms}
    reb = out["SYR_REB"]
    assert [lab.text for lab in reb.labels] == ["so-called moderate opposition"]
    assert ("so-called", "hedge") in {(t.text, t.category) for t in reb.loaded_terms}
    for f in out.values():
        for t in f.loaded_terms:
            assert text[t.start:t.end].lower() == t.text.lower()
        for e in f.evidence:
            assert text[e.start:e.end] == e.text
        assert f.sentiment is not None and f.sentiment.n >= 1
        assert f.sentiment.label in ("negative", "neutral", "positive")
        assert -1.0 <= f.sentiment.score <= 1.0
    assert gov.sentiment.n == 2  # two sentences mention it, one of them twice


def test_stage_without_mentions_writes_nothing(stage, parse):
    analysis = parse("Nothing about any actor here.")
    assert stage(analysis).framings == []


def test_stage_ties_scare_quotes_to_their_actor(stage, parse):
    from sitrep.records import ScareQuote

    text = 'Moscow praised the "moderate" rebels once more.'
    analysis = parse(text)
    analysis.mentions = _mentions(analysis, [("Moscow", "RUS", 0), ("rebels", "SYR_REB", 0)])
    i = text.index('"moderate"')
    analysis.scare_quotes = [ScareQuote("t", i, i + 10, '"moderate"', text, attached_to=None)]
    out = {f.actor: f for f in stage(analysis).framings}
    assert ('"moderate"', "scare_quote") in {(t.text, t.category) for t in out["SYR_REB"].loaded_terms}
    assert all(t.category != "scare_quote" for t in out["RUS"].loaded_terms)


def test_sentiment_budget_grows_with_the_text(nlp):
    stage = FramingStage(nlp, model=object(), targets_per_100_words=1.5, min_targets=4)  # type: ignore[arg-type]
    assert stage.budget(50) == 4
    assert stage.budget(2000) == round(2000 * 0.85 * 1.5 / 100)
    assert FramingStage(nlp, model=object(), targets_per_100_words=None).budget(50) is None  # type: ignore[arg-type]


def test_select_targets_shares_the_budget_by_salience(nlp):
    from spacy.tokens import Doc

    words = ["Anna", "met", "Ben", ".", "Anna", "met", "Carl", ".", "Anna", "saw", "Ben", ".", "Dora", "left", "."]
    doc = Doc(nlp.vocab, words=words, sent_starts=[w == 0 or words[w - 1] == "." for w in range(len(words))])
    sents = list(doc.sents)

    def ms(actor: str, i: int) -> MentionSpan:
        span = doc[i:i + 1]
        return MentionSpan(actor, span, label_span(span), sents[[s.start <= i < s.end for s in sents].index(True)])

    spans = [ms("A", 0), ms("B", 2), ms("A", 4), ms("C", 6), ms("A", 8), ms("B", 10), ms("D", 12)]
    # D'Hondt over mentions: A 3, B 2, A 1.5, then A/B/C tie at 1 (earliest first), D 0.5 (provisional)
    chosen = select_targets(spans, provisional={"D"}, budget=4)
    assert [m.actor for m in chosen] == ["A", "B", "A", "A"]
    assert [m.span.start for m in chosen if m.actor == "A"] == [0, 4, 8]  # text order within an actor
    assert [m.actor for m in select_targets(spans, provisional={"D"}, budget=6)] == ["A", "B", "A", "A", "B", "C"]
    assert len(select_targets(spans, provisional=set(), budget=None)) == 7


@pytest.mark.parametrize(
    ("text", "target", "expected"),
    [
        # the sentence is negative; the target is the perpetrator
        ("Russia's bombing campaign killed dozens of civilians in Idlib.", "Russia", "negative"),
        ("Rights groups condemned Assad for the chemical attack on his own people.", "Assad", "negative"),
        # same kind of sentence, the target is the victim / a neutral party
        ("Doctors in Aleppo treated the victims of the air strikes.", "Doctors", "neutral"),
        ("The Turkish foreign minister met his Iranian counterpart in Ankara on Monday.", "Turkish foreign minister",
         "neutral"),
        ("The UN envoy praised Jordan for its generous welcome of refugees.", "Jordan", "positive"),
    ],
)
def test_sentiment_is_about_the_target(stage, text, target, expected):
    i = text.index(target)
    [pred] = stage.model.predict([(text, i, i + len(target))])
    assert pred.label == expected


def test_sentiment_differs_between_targets_of_one_sentence(stage):
    text = "Erdogan praised the brave rescuers while blaming Assad for the massacre."
    a, b = text.index("rescuers"), text.index("Assad")
    toward_rescuers, toward_assad = stage.model.predict([(text, a, a + 8), (text, b, b + 5)])
    assert toward_assad.label == "negative"
    assert toward_rescuers.score > toward_assad.score
