"""The incident layer's environment switches, one table: each variable sets its ``Settings`` field
as documented (docs/incidents.md), the process-wide settings hold the shipped default when the
variable is unset, and flipping the field moves ``linker_version``, so stored incidents are rebuilt
when a switch changes."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from sitrep.incidents import settings as settings_module
from sitrep.incidents.settings import load_settings
from sitrep.incidents.update import linker_version

#: (variable, reader, field, {value: expected}, shipped default)
SWITCHES: list[tuple[str, Callable[[], bool], str, dict[str, bool], bool]] = [
    (settings_module.PLACE_SWITCH_VARIABLE, settings_module.place_from_report_switch, "place_from_report",
     {"off": False, "from_report": True}, False),
    (settings_module.BELOW_COUNTRY_SWITCH_VARIABLE, settings_module.below_country_switch, "place_below_country",
     {"off": False, "on": True}, True),
    (settings_module.KILLED_SWITCH_VARIABLE, settings_module.group_sums_switch, "rollup_group_sums",
     {"off": False, "group_sums": True}, True),
    (settings_module.FIGHT_SWITCH_VARIABLE, settings_module.fight_frames_switch, "rollup_fight_frames",
     {"off": False, "frames": True}, True),
    (settings_module.DOERS_SWITCH_VARIABLE, settings_module.named_doers_switch, "rollup_named_doers",
     {"off": False, "on": True}, settings_module.NAMED_DOERS_DEFAULT),
]


@pytest.mark.parametrize(("variable", "reader", "field", "values", "default"), SWITCHES,
                         ids=[s[2] for s in SWITCHES])
def test_switch_reads_the_environment_and_moves_the_version(
        monkeypatch: pytest.MonkeyPatch, variable: str, reader: Callable[[], bool], field: str,
        values: dict[str, bool], default: bool) -> None:
    monkeypatch.delenv(variable, raising=False)
    assert reader() is default
    assert getattr(load_settings(), field) is default  # read once per process, the environment unset
    for value, expected in values.items():
        monkeypatch.setenv(variable, value)
        assert reader() is expected, (variable, value)
    on = dataclasses.replace(load_settings(), **{field: True})
    assert linker_version(on) != linker_version(dataclasses.replace(on, **{field: False}))
