"""The place stage's exact speed-ups (issue 16, speed12): each gives the same answers as the code it
replaced, kept here as the reference. Project-written names and sentences."""

from __future__ import annotations

import math
import random

import pytest

from sitrep.stages.place import normalize, ranking
from sitrep.stages.place.stage import GAZETTEER_NGRAM, LOCATIVES, _plain_name

NAMES = ["Aleppo", "  Deir ez-Zor ", "Ḥalab", "Saint-Étienne", "St. Petersburg", "Kafr Nubl", "Idlib Governorate",
         "Al-Ḥasakah", "the Hague", "", "HOMS", "northern Raqqa city", "Ma’arrat al-Nu’man", "South Province", "-"]


def _same_name_before(text: str, name: str) -> bool:
    a, b = normalize.keys(text, lookup=False), normalize.keys(name, lookup=False)
    return bool(a and b and a[0] == b[0])


def test_same_name_as_before_on_every_pair():
    for text in NAMES:
        for name in NAMES:
            assert ranking.same_name(text, name) is _same_name_before(text, name), (text, name)
    assert ranking.same_name("St Petersburg", "Saint Petersburg")
    assert not ranking.same_name("Aleppo", "Idlib")


def test_primary_key_and_admin_word_are_remembered_and_bounded():
    for name in NAMES:
        keys = normalize.keys(name, lookup=False)
        assert normalize.primary_key(name) == (keys[0] if keys else "")
        plain = normalize.mentions_admin_word.__wrapped__(name)  # type: ignore[attr-defined]
        assert normalize.mentions_admin_word(name) is plain
    assert normalize.primary_key.cache_info().maxsize == normalize.FOLD_CACHE_SIZE
    assert normalize.mentions_admin_word.cache_info().maxsize == normalize.FOLD_CACHE_SIZE


def test_linear_score_has_the_bits_of_the_generator_sum():
    rng = random.Random(12)
    for _ in range(200):
        n = rng.randint(1, 60)
        weights = [rng.uniform(-5, 5) * 10 ** rng.randint(-6, 3) for _ in range(n)]
        x = [rng.choice([0.0, 1.0, rng.uniform(-3, 3), rng.uniform(0, 7)]) for _ in range(n)]
        model = ranking.LinearModel(features=tuple(f"f{i}" for i in range(n)), weights=weights, bias=rng.uniform(-2, 2))
        before = model.bias + sum(w * v for w, v in zip(weights, x, strict=True))
        assert model.score(x).hex() == before.hex()
        assert math.isclose(model.probability(x), 1.0 / (1.0 + math.exp(-before)) if before > -30 else 0.0)
    model = ranking.LinearModel(features=("a", "b"), weights=[1.0, 2.0])
    with pytest.raises(ValueError):
        model.score([1.0])


def _ngrams_before(stage, doc, not_places, text):  # the token loop the column loop replaced
    out, run = [], []
    for tok in [*doc, None]:
        if tok is not None and tok.pos_ == "PROPN" and tok.text[:1].isupper():
            run.append(tok)
            continue
        i = 0
        while i < len(run):
            for n in range(min(GAZETTEER_NGRAM, len(run) - i), 0, -1):
                start, end = run[i].idx, run[i + n - 1].idx + len(run[i + n - 1])
                if stage._ngram_candidate(text[start:end], start, end, not_places):
                    out.append((start, end, False))
                    i += n
                    break
            else:
                i += 1
        run = []
    return out


def _locatives_before(stage, doc, not_places, text):  # the token loop the LOWER column replaced
    out = []
    for tok in doc:
        if tok.lower_ not in LOCATIVES or tok.i + 1 >= len(doc):
            continue
        i = tok.i + 1
        if doc[i].lower_ == "the":
            i += 1
        j = i
        while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
            j += 1
        if j == i or j - i > 4:
            continue
        start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1])
        name = text[start:end]
        if not _plain_name(name) or (name.isupper() and len(name) <= 4 and name not in stage._short):
            continue
        if any(s < end and start < e for s, e in not_places):
            continue
        if stage.gaz.lookup(text[start:end]):
            out.append((start, end, False))
    return out


TEXTS = [
    "Shelling hit Kafr Nubl and Maarat al-Numan near Idlib on Monday, a monitor said from London.",
    "In Aleppo, residents of New Aleppo fled to Azaz across the border from Kilis.",
    "Forces advanced into Deir ez-Zor from Raqqa; at Palmyra and outside Homs fighting went on.",
    "",
    "Damascus",
    "From Aleppo to Azaz, and at the Bab al-Salam crossing; Near Homs. In",
    "He spoke to reporters in Paris, Texas, not Paris, France, and then flew to Beirut via Amman.",
]


@pytest.fixture(scope="module")
def place_stage():
    from sitrep.nlp import load_nlp
    from sitrep.stages.place.stage import PlaceStage

    nlp = load_nlp()
    return nlp, PlaceStage(nlp)


@pytest.mark.slow
def test_columns_find_what_the_token_loops_found(place_stage):
    nlp, stage = place_stage
    found_any = 0
    for text in TEXTS:
        doc = nlp(text)
        not_places = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "CARDINAL")]
        got = stage._gazetteer_ngrams(doc, not_places, text)
        assert got == _ngrams_before(stage, doc, not_places, text)
        loc = stage._locatives(doc, [], not_places, text)
        assert loc == _locatives_before(stage, doc, not_places, text)
        found_any += len(got) + len(loc)
    assert found_any > 0


def test_distance_is_remembered_with_the_same_bits():
    from sitrep.stages.place import gazetteer

    plain = gazetteer._haversine_km.__wrapped__
    rng = random.Random(16)
    pairs = [(rng.uniform(-90, 90), rng.uniform(-180, 180), rng.uniform(-90, 90), rng.uniform(-180, 180))
             for _ in range(300)] + [(36.2, 37.15, 36.2, 37.15), (0.0, 0.0, 0.0, 180.0), (33, 36, 34, 35)]
    for p in pairs + pairs:  # the second time from the cache
        assert gazetteer.haversine_km(*p).hex() == plain(*p).hex()
    assert gazetteer._haversine_km.cache_info().maxsize == gazetteer.DISTANCE_CACHE_SIZE
