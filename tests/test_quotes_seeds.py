"""The seed articles: every quote a careful reader sees, with its speaker; scare quotes apart.

Reads ../shared/data/corpus/seeds at run time (skipped when absent); no seed text is
stored here beyond the short phrases the checks look for.
"""

from __future__ import annotations

import re

import pytest
from conftest import SEEDS, needs_shared

pytestmark = [needs_shared, pytest.mark.shared, pytest.mark.slow]


def _read(path) -> str:
    text = path.read_text(encoding="utf-8")
    if path.name.startswith("002_"):  # hard-wrapped: join single newlines inside blocks
        text = re.sub(r"(?<!\n)\n(?!\n)", " ", text)
    return text


@pytest.fixture(scope="module")
def seeds():
    from sitrep.pipeline import build_pipeline
    from sitrep.records import Document

    pipeline = build_pipeline(only=("actors", "quotes"))
    docs = [
        Document(id=p.name[:3], sha256=p.name, text=_read(p)) for p in sorted(SEEDS.glob("*.txt"))
    ]
    assert len(docs) == 4
    return {a.document.id: a for a in pipeline.analyze(docs)}


def _quote(analysis, needle: str):
    hits = [q for q in analysis.quotes if needle in q.text]
    assert hits, f"no quote contains {needle!r}: {[q.text[:60] for q in analysis.quotes]}"
    return hits[0]


@pytest.mark.parametrize(
    "seed, needle, speaker, kind",
    [
        ("001", "make some genuine progress", "Kerry", "direct"),
        ("001", "combined attacks against Nusra would effectively end", "Itani", "direct"),
        ("001", "most effective anti-Assad forces", "New York Times", "mixed"),
        ("001", "has generated deep unease at the Pentagon", "New York Times", "mixed"),
        ("001", '"hope" that "progress"', "Putin", "mixed"),
        ("000", "Damascus was apparently ready", "UN envoy", "indirect"),
        ("002", "parallel universe", "Kerry", "direct"),
    ],
)
def test_seeds_quotes_have_the_right_speaker(seeds, seed, needle, speaker, kind) -> None:
    analysis = seeds[seed]
    q = _quote(analysis, needle)
    names = {a.id: a.name for a in analysis.actors}
    # the surface speaker, or the actor it resolves to ("the Times" -> The New York Times)
    assert speaker in (q.speaker_text or "") or speaker in names.get(q.speaker or "", ""), q
    assert q.kind == kind


@pytest.mark.parametrize(
    "seed, phrase",
    [
        ("000", "Aleppo First"),
        ("000", "geopolitical equilibrium"),
        ("000", "peacemaking"),
        ("001", "integrated operations"),
        ("003", "deal with the devil"),
        ("003", "second front"),
        ("003", "Pivot (back) to Asia"),
    ],
)
def test_seeds_scare_quotes_are_never_quotes(seeds, seed, phrase) -> None:
    analysis = seeds[seed]
    assert any(phrase in s.text for s in analysis.scare_quotes)
    assert not any(phrase in q.text for q in analysis.quotes)


def test_seeds_every_quotation_is_a_quote_or_a_scare_quote(seeds) -> None:
    from sitrep.stages.quotes.marks import find_quotes

    for analysis in seeds.values():
        text = analysis.document.text
        covered = [(q.start, q.end) for q in analysis.quotes]
        covered += [(s.start, s.end) for s in analysis.scare_quotes]
        for mark in find_quotes(text):
            assert any(s < mark.end and mark.start < e for s, e in covered), text[mark.start : mark.end]
