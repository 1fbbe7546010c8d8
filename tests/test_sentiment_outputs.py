"""The sentiment model's outputs are pinned: a speed change must not move a label or a score.

The expected labels and probabilities were produced by the shipped int8 model with the code
before issue 16's sentiment changes (each input run alone, unpadded; 64-token window), on
sentences written for this test (not taken from any data set). The cross-call cache and the
one-tokenization-per-sentence path must give the same values, in any order and any grouping.
"""

from __future__ import annotations

import pytest

#: (sentence, target, label, (P(negative), P(neutral), P(positive))) measured before the change
PINNED = [
    ('The ministry praised the rescue teams for their courage during the floods.',
     'rescue teams', 'positive', (0.000371, 0.001153, 0.998476)),
    ('Residents accused the militia of looting shops and burning homes in the village.',
     'militia', 'negative', (0.98679, 0.011971, 0.00124)),
    ('The governor met the mayor on Tuesday to discuss the new bridge.',
     'governor', 'neutral', (0.001841, 0.965881, 0.032278)),
    ('The governor met the mayor on Tuesday to discuss the new bridge.',
     'mayor', 'neutral', (0.00148, 0.987143, 0.011377)),
    ('Critics said the council had betrayed the families it promised to protect.',
     'council', 'negative', (0.994313, 0.003087, 0.0026)),
    ('Aid workers delivered food and medicine to thousands of displaced people.',
     'Aid workers', 'positive', (0.002063, 0.001209, 0.996728)),
    ('The army denied reports that its soldiers had fired on peaceful protesters.',
     'army', 'negative', (0.967979, 0.027656, 0.004365)),
    ('The army denied reports that its soldiers had fired on peaceful protesters.',
     'protesters', 'neutral', (0.250453, 0.741544, 0.008003)),
    ('Observers welcomed the ceasefire agreed by both sides as a hopeful first step.',
     'ceasefire', 'positive', (0.000831, 0.021025, 0.978144)),
    ('The rebels were blamed for the deadly attack on a crowded bus station.',
     'rebels', 'negative', (0.989718, 0.006436, 0.003845)),
    ('A spokesman for the agency said the report would be published next month.',
     'agency', 'neutral', (0.00176, 0.995828, 0.002412)),
    ('Villagers thanked the volunteers, who rebuilt the school in three weeks.',
     'volunteers', 'positive', (0.00046, 0.001352, 0.998188)),
    ('The court condemned the former minister for corruption and abuse of power.',
     'former minister', 'negative', (0.99547, 0.00316, 0.00137)),
    ('Police said the suspect was arrested near the border late on Sunday night after a long chase across two provinces, and that he would appear before a judge in the capital later this week, according to a statement read out by a senior officer at a crowded press conference in front of the regional headquarters, where reporters from several countries had gathered since early morning to hear what the police would say about the case.',
     'suspect', 'negative', (0.967953, 0.021833, 0.010213)),
    ('Negotiators from the two delegations are expected to meet again in Geneva.',
     'Negotiators', 'neutral', (0.002763, 0.990333, 0.006905)),
    ('The brutal regime has starved its own citizens for years, activists said.',
     'regime', 'negative', (0.993806, 0.002043, 0.00415)),
]


def _items(cases: list[tuple[str, str, str, tuple[float, float, float]]]) -> list[tuple[str, int, int]]:
    return [(s, s.index(t), s.index(t) + len(t)) for s, t, _, _ in cases]


@pytest.fixture(scope="module")
def model():
    from sitrep.stages.framing.sentiment import TargetSentimentModel

    return TargetSentimentModel(max_len=64)


def _check(preds, cases) -> None:
    for pred, (_, target, label, probs) in zip(preds, cases, strict=True):
        assert pred.label == label, target
        assert pred.probabilities == pytest.approx(probs, abs=2e-6), target
        assert pred.score == pytest.approx(probs[2] - probs[0], abs=4e-6), target


def test_pinned_labels_and_scores(model):
    _check(model.predict(_items(PINNED)), PINNED)


def test_same_outputs_in_any_order_grouping_and_from_the_cache(model):
    from sitrep.stages.framing.sentiment import TargetSentimentModel

    fresh = TargetSentimentModel(max_len=64, cache_size=0)
    first = fresh.predict(_items(PINNED))
    reverse = list(reversed(PINNED))
    # reversed, one at a time, and again from the cache: bit-identical predictions
    assert list(reversed(model.predict(_items(reverse)))) == first
    assert [model.predict(_items([c]))[0] for c in PINNED] == first
    assert model.predict(_items(PINNED)) == first
    assert not fresh._cache  # cache_size=0 keeps nothing


def test_cache_is_bounded_and_counts_distinct_inputs(model):
    from sitrep.stages.framing.sentiment import TargetSentimentModel

    small = TargetSentimentModel(max_len=64, cache_size=3)
    runs = 0
    run_one = small._run_one

    def counting(encoded):
        nonlocal runs
        runs += 1
        return run_one(encoded)

    small._run_one = counting  # type: ignore[method-assign]
    items = _items(PINNED[:5])
    small.predict(items + items[:2])
    assert len(small._cache) == 3
    assert runs == 7  # items 0 and 1 were evicted by 2, 3 and 4 before they came again
    small.predict([items[4], items[0], items[1]])
    assert runs == 7  # the last three distinct inputs are kept
    small.predict([items[2]])
    assert runs == 8


def test_the_long_sentence_is_cut_to_the_window(model):
    sentence, target, _, _ = max(PINNED, key=lambda c: len(c[0]))
    start = sentence.index(target)
    assert len(model.encode(sentence, start, start + len(target)).ids) == 64
