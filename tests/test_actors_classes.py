"""Sector rules for classes of actors and the Factbook people index (``resolve_text``, no parse).

Every text here is written for these tests (none comes from an evaluation set).
"""

from __future__ import annotations

import pytest

from sitrep.kb import load_kb
from sitrep.stages.actors.api import resolve_text


def _code(text: str, **kw) -> tuple[str | None, str | None]:
    actor = resolve_text(text, **kw)
    return (actor.country, actor.sector) if actor is not None else (None, None)


@pytest.mark.parametrize(("text", "expected"), [
    ("the former Peruvian interior minister", ("PER", "ELI")),
    ("a former senator", (None, "ELI")),
    ("ex-president", (None, "ELI")),
    ("a retired Indonesian general", ("IDN", "ELI")),
])
def test_actors_classes_former_office_holder_is_elite(text: str, expected: tuple) -> None:
    assert _code(text) == expected


def test_actors_classes_then_or_current_office_is_not_elite() -> None:
    assert _code("the Peruvian interior minister")[1] == "GOV"


@pytest.mark.parametrize(("text", "expected"), [
    ("activists in Lima", ("PER", "OPP")),
    ("anti-government demonstrators", (None, "OPP")),
    ("an opposition politician", (None, "OPP")),
])
def test_actors_classes_protesters_and_opposition_figures(text: str, expected: tuple) -> None:
    assert _code(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("bus drivers", (None, "CVL")),
    ("Chilean commuters", ("CHL", "CVL")),
    ("worried parents", (None, "CVL")),
])
def test_actors_classes_ordinary_groups_are_civilians(text: str, expected: tuple) -> None:
    assert _code(text) == expected


def test_actors_classes_plural_non_people_nouns_stay_unresolved() -> None:
    assert resolve_text("new arrangements") is None


@pytest.mark.parametrize(("text", "expected"), [
    ("the Ministry of Health", (None, "HLH")),
    ("a hospital in Lima", ("PER", "HLH")),
    ("the Supreme Court of Peru", ("PER", "JUD")),
    ("Lima University", ("PER", "EDU")),
])
def test_actors_classes_institutions(text: str, expected: tuple) -> None:
    assert _code(text) == expected


def test_actors_factbook_index_is_ranked_below_curated_and_dated() -> None:
    kb = load_kb()
    factbook = [a for a in kb.actors.values() if a.provenance == "factbook"]
    people = [a for a in factbook if a.kind == "person"]
    parties = [a for a in factbook if a.kind == "party"]
    assert len(people) > 150 and len(parties) > 1000
    assert all(a.sector == "GOV" and a.roles and a.roles[0].of == a.country for a in people)
    assert all(a.sector == "PTY" and a.country for a in parties)
    # a title resolves to an index person only from the date the Factbook gives on
    holder = next(a for a in people if a.roles[0].start is not None and a.roles[0].role == "head_of_state"
                  and len(kb.holders_of(a.country, "head_of_state")) == 1)
    start = holder.roles[0].start
    state = kb.actors[holder.country]
    title = f"the {state.name} head of state"
    after = resolve_text(title, date=start.replace(year=start.year + 1).isoformat()
                         if start.month != 2 or start.day != 29 else f"{start.year + 1}-03-01")
    assert after is not None and after.id == holder.id
    before = resolve_text(title, date=start.replace(year=start.year - 1).isoformat()
                          if start.month != 2 or start.day != 29 else f"{start.year - 1}-03-01")
    assert before is None or before.id != holder.id
