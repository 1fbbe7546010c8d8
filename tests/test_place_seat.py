"""Issue 14, geo32: a city against the administrative area named after it, with the shipped model.

The sentences are written for these tests; none is taken from an evaluation set. The seat features
measured for this class failed their out-of-fold bar (docs/benchmarks.md, geo32) and were removed in
branch prune4; these tests pin the written reports' resolutions with the shipped model.
"""

from __future__ import annotations

import pytest

from sitrep.stages.place.resolver import Resolver, Span

SYRIA = ("Government aircraft struck rebel positions near Homs and Aleppo on Tuesday, while shells fell on "
         "Damascus, the Syrian capital.")
COUNTRYSIDE = "Fighting spread across the Damascus countryside province, where rebels hold several towns east of Homs."
OBLAST = "Forest fires burned across Moscow Oblast on Monday, the regional governor told Russian television."


def _resolve(text: str, names: tuple[str, ...]) -> dict[str, tuple[str, str | None]]:
    spans = [Span(text.index(n), text.index(n) + len(n), n) for n in names]
    out = Resolver().resolve(text, spans)
    return {r.span.text: (r.entry.kind, r.entry.country) for r in out if r.entry is not None}


def test_written_reports_with_the_shipped_model() -> None:
    got = _resolve(SYRIA, ("Homs", "Aleppo", "Damascus"))
    assert got["Damascus"] == ("city", "SY")
    assert _resolve(OBLAST, ("Moscow Oblast",))["Moscow Oblast"] == ("admin1", "RU")


@pytest.mark.xfail(strict=True, reason="issue 14: the shipped model takes the city for 'the Damascus countryside "
                                       "province'; the seat features that could learn it failed their bar")
def test_the_damascus_countryside_province_is_the_area() -> None:
    got = _resolve(COUNTRYSIDE, ("Damascus", "Homs"))
    assert got["Damascus"][0] in ("admin1", "admin2", "region")
