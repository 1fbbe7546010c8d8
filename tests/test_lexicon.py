"""Word lists as data (``sitrep.lexicon``) and the one partial-date convention (``sitrep.dates``)."""

from __future__ import annotations

import datetime as dt
import doctest
import importlib
from pathlib import Path

import pytest
import yaml

from sitrep.errors import PipelineError
from sitrep.lexicon import (
    WordTable,
    lexicon_files,
    load_table,
    month_names,
    pronouns,
    weekday_names,
)

STAGES = ("actors", "casualties", "events", "framing", "place", "quotes", "time")


@pytest.mark.parametrize("module", ["sitrep.lexicon", "sitrep.dates"])
def test_lexicon_docstring_examples_hold(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0


def test_lexicon_base_loader_keeps_yaml_11_booleans_as_words(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_text("preps: [on, off, no, yes, may]\ncounts: {one: 1, minus: -2}\n", encoding="utf-8")
    table = load_table(path)
    assert table.words("preps") == {"on", "off", "no", "yes", "may"}
    assert table.numbers("counts") == {"one": 1, "minus": -2}


def test_lexicon_missing_or_malformed_list_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_text("table: {a: x}\nlist: [a, b]\n", encoding="utf-8")
    table = WordTable(path, yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader))
    with pytest.raises(PipelineError, match="'nothing' is missing"):
        table.words("nothing")
    with pytest.raises(PipelineError, match="must be a mapping"):
        table.mapping("list")
    with pytest.raises(PipelineError, match="integers"):
        table.numbers("table")


def test_lexicon_every_stage_file_is_shipped_and_loads() -> None:
    files = lexicon_files()
    assert {p.parent.name for p in files[1:]} == set(STAGES)
    for path in files:
        assert load_table(path) is not None
    assert [p.name for p in lexicon_files("events")] == ["common.yaml", "lexicon.yaml"]


def _list_names(node: object, prefix: str = "") -> list[str]:
    """Dotted names of the lists and tables of a lexicon file (the framing terms excluded)."""
    if not isinstance(node, dict):
        return []
    out = []
    for key, value in node.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and key in ("words",):
            out.extend(_list_names(value, name + "."))
        elif key not in ("version", "categories", "technical_uses"):
            out.append(name)
    return out


@pytest.mark.parametrize("stage", STAGES)
def test_lexicon_every_list_in_a_stage_file_is_used(stage: str) -> None:
    """Each list is read by the stage's code (a list nobody reads is dead data)."""
    root = Path(importlib.import_module("sitrep").__file__).parent
    path = root / "stages" / stage / "lexicon.yaml"
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    code = "\n".join(p.read_text(encoding="utf-8") for p in (root / "stages" / stage).glob("*.py"))
    unused = [name for name in _list_names(data) if f'"{name}"' not in code]
    assert not unused, f"lists in {path} that no module of the stage reads: {unused}"


def test_lexicon_shared_tables() -> None:
    assert month_names()["sept"] == 9 and month_names()["may"] == 5
    assert list(month_names(abbreviations=False)) == [
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december"]
    assert weekday_names()["thurs"] == 4 and weekday_names()["sunday"] == 7
    assert pronouns(case="possessive", person=3) == {"his", "her", "its", "their"}
    assert "her" in pronouns(case="object") and "her" in pronouns(case="possessive")
    assert pronouns(person=1, number="pl") == {"we", "us", "our"}


def test_lexicon_stage_lists_derived_from_the_shared_pronouns() -> None:
    from sitrep.stages.events.arguments import POSSESSIVE_PRONOUNS, PRONOUNS
    from sitrep.stages.framing.labels import POSS_PRONOUNS
    from sitrep.stages.quotes.lexicon import PERSON_PRONOUNS

    assert PRONOUNS["it"] == "thing" and PRONOUNS["her"] == "person" and PRONOUNS["our"] == "any"
    assert "us" not in PRONOUNS and "us" not in PERSON_PRONOUNS  # lower-cased, "US" is a country
    assert {"its", "their", "his", "her", "our"} == POSSESSIVE_PRONOUNS
    assert {"his", "its", "their", "her"} == POSS_PRONOUNS
    assert {"he", "she", "him", "her", "they", "we", "i"} <= PERSON_PRONOUNS


# ------------------------------------------------------------------ partial dates

@pytest.mark.parametrize(("value", "day"), [
    ("2016", dt.date(2016, 1, 1)),
    ("2016-07", dt.date(2016, 7, 1)),
    ("2016-07-16", dt.date(2016, 7, 16)),
    ("2016-07-16T10:00:00Z", dt.date(2016, 7, 16)),
    ("2016-13", None),
    ("July 2016", None),
    ("", None),
    (None, None),
])
def test_dates_partial_date_is_its_first_day(value: str | None, day: dt.date | None) -> None:
    from sitrep.dates import first_day

    assert first_day(value) == day


@pytest.mark.parametrize("value", ["2016", "2016-07", "2016-07-16"])
def test_dates_time_stage_and_kb_agree_on_partial_dates(value: str) -> None:
    from sitrep.dates import first_day
    from sitrep.kb.model import parse_date
    from sitrep.stages.time.calendar import parse_anchor

    anchor = parse_anchor(value)
    assert anchor is not None
    assert anchor.date == parse_date(value) == first_day(value)
    assert anchor.precision == {4: "year", 7: "month", 10: "day"}[len(value)]
