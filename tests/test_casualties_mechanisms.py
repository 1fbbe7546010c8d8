"""Issue 12 (2026-12-06, night, branch casualties46): the mechanism ablation of
``benchmarks/casualties_mechanisms.py`` turns each rule switch off alone and restores it, and its
list of switches is the list of casualty switches that ship on (a switch added on later is either
listed there or this test fails, so the ablation table cannot silently miss a mechanism)."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import pytest
from conftest import REPO

import sitrep.stages.casualties as package

sys.path.insert(0, str(REPO / "benchmarks"))
import casualties_mechanisms as cm  # noqa: E402


def _switches_on() -> set[tuple[str, str]]:
    """Every module-level boolean switch of the casualties package that is on."""
    found = set()
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for name, value in vars(module).items():
            if name.isupper() and isinstance(value, bool) and value:
                found.add((module.__name__, name))
    return found


def test_casualties_mechanisms_lists_every_switch_that_ships_on() -> None:
    assert {(m.__name__, n) for m, n in cm.SWITCHES} == _switches_on()


@pytest.mark.parametrize(("module", "name"), cm.SWITCHES)
def test_casualties_mechanisms_switched_off_restores(module: object, name: str) -> None:
    with cm.switched_off(module, name):
        assert getattr(module, name) is False
    assert getattr(module, name) is True
    with pytest.raises(RuntimeError), cm.switched_off(module, name):
        raise RuntimeError("an error inside the block")
    assert getattr(module, name) is True
