"""The four seed articles: outlets label and judge the conflict's actors differently.

What a careful reader sees: seed 001 (a WSWS piece) calls Syria's government "the
Assad government" / "Damascus" and the rebels "the so-called moderate opposition";
seed 002 (hard-wrapped) says "the Assad regime" / "the regime"; seed 003 (Korybko)
calls HTS "terrorist-designated" and "Turkish-backed", its fighters "the terrorists",
and frames Turkey through its "proxies". Needs ../shared (seed texts are not in the repo).
"""

from __future__ import annotations

import re

import pytest
from conftest import SEEDS, needs_shared

pytestmark = [needs_shared, pytest.mark.slow, pytest.mark.shared]

SYR_GOV_SIDE = {"SYR_GOV", "SYR_MIL", "SYR_AF", "bashar_al_assad"}
OPPOSITION = {"SYR_REB", "REB", "HTS", "NUSRA", "FSA"}


@pytest.fixture(scope="module")
def seeds(nlp):
    from sitrep.records import Document
    from sitrep.stages.actors import ActorStage
    from sitrep.stages.base import Analysis
    from sitrep.stages.framing import FramingStage
    from sitrep.stages.parse import ParseStage

    parse, actors, framing = ParseStage(nlp), ActorStage(nlp), FramingStage(nlp)
    out = {}
    for path in sorted(SEEDS.glob("*.txt")):
        doc = Document(id=path.name[:3], sha256=path.name, text=path.read_text(encoding="utf-8"))
        out[path.name[:3]] = framing(actors(parse(Analysis(document=doc))))
    return out


def _labels(analysis, actors: set[str]) -> set[str]:
    return {lab.text.lower() for f in analysis.framings if f.actor in actors for lab in f.labels}


def _terms(analysis, actors: set[str]) -> set[tuple[str, str]]:
    return {(t.text.lower(), t.category) for f in analysis.framings if f.actor in actors for t in f.loaded_terms}


def test_seeds_syrian_government_regime_vs_government(seeds):
    s001, s002 = _labels(seeds["001"], SYR_GOV_SIDE), _labels(seeds["002"], SYR_GOV_SIDE)
    assert "assad government" in s001 and "damascus" in s001
    assert "assad regime" in s002
    assert ("regime", "pejorative_label") in _terms(seeds["002"], SYR_GOV_SIDE)
    assert not any("regime" in lab for lab in s001 if "assad" in lab)


def test_seeds_opposition_hedged_in_001_terrorists_in_003(seeds):
    assert ("so-called", "hedge") in _terms(seeds["001"], OPPOSITION)
    assert "so-called moderate opposition" in _labels(seeds["001"], OPPOSITION)
    hts = _labels(seeds["003"], {"HTS"})
    assert any("terrorist-designated" in lab for lab in hts)
    assert "turkish-backed hts" in hts
    assert ("terrorist", "pejorative_label") in _terms(seeds["003"], {"HTS"})
    assert "terrorists" in _labels(seeds["003"], OPPOSITION)
    assert not any("terrorist" in text for text, _ in _terms(seeds["001"], OPPOSITION))


def test_seeds_turkey_framed_through_proxies_in_003(seeds):
    turkey = {"TUR", "TUR_GOV", "recep_tayyip_erdogan"}
    assert {"proxies", "proxy"} & {t for t, c in _terms(seeds["003"], turkey) if c == "pejorative_label"}
    assert "turkiye" in _labels(seeds["003"], turkey)


def test_seeds_every_framing_points_into_its_text(seeds):
    for analysis in seeds.values():
        text = analysis.text
        for f in analysis.framings:
            for t in f.loaded_terms:  # terms are shown on one line: compare the words
                assert re.sub(r"\W", "", text[t.start:t.end]) == re.sub(r"\W", "", t.text)
            for e in f.evidence:
                assert text[e.start:e.end] == e.text


def _sentiment(analysis, actors: set[str]) -> float | None:
    scored = [(f.sentiment.score, f.sentiment.n) for f in analysis.framings if f.actor in actors and f.sentiment]
    n = sum(k for _, k in scored)
    return sum(s * k for s, k in scored) / n if n else None


def test_seeds_sentiment_toward_turkey_hts_and_russia(seeds):
    # 003 argues that Turkey uses HTS as its proxy: negative toward both
    assert _sentiment(seeds["003"], {"TUR", "TUR_GOV", "recep_tayyip_erdogan"}) < -0.3
    assert _sentiment(seeds["003"], {"HTS"}) < -0.2
    # 002 reports the attacks blamed on Moscow: negative toward Russia
    assert _sentiment(seeds["002"], {"RUS", "RUS_GOV", "RUS_MIL"}) < -0.3
