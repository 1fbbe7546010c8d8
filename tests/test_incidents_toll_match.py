"""The report input ``toll_match`` (switched off) and the classes of ``benchmarks/incident_pair_classes.py``
(issue 11, incidents46).

Reports here are invented (``incident_helpers``); none comes from an evaluation set.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import REPO
from incident_helpers import Figure, Line, report

from sitrep.incidents.features import (
    FEATURES,
    INPUTS_ENV,
    REPORT_FEATURES,
    REPORT_SWITCHED_OFF,
)
from sitrep.incidents.mentions import mentions
from sitrep.incidents.settings import load_settings

S = load_settings()
STRIKE = "Jets struck the grain store of Qarat Amal"


def _tolled(doc_id: str, published: str, toll: int | None, place: str | None = "Qarat Amal",
            day: str | None = None):  # type: ignore[no-untyped-def]
    figures = [Figure("killed", toll)] if toll is not None else []
    return mentions([report(doc_id, doc_id.upper(), published,
                            [Line(f"{STRIKE}, the monitor said.", "struck", place=place, day=day,
                                  figures=figures)])], S)[0]


def test_incidents_toll_match_needs_equal_tolls_or_one_day_within_double() -> None:
    """Equal tolls (within 10 %) match on any days; on one publication day, tolls within a factor
    of two match; a later, higher toll does not (unlike ``toll_agree``), nor a same-day toll more
    than double the other, nor a report with no toll."""
    match = REPORT_SWITCHED_OFF["toll_match"]
    first = _tolled("a", "2030-05-06", 12)
    assert match(first, _tolled("b", "2030-05-08", 13), S) == 1.0  # within 10 %, two days later
    assert match(first, _tolled("c", "2030-05-06", 20), S) == match(_tolled("c", "2030-05-06", 20), first, S) == 1.0
    assert match(first, _tolled("d", "2030-05-06", 30), S) == 0.0  # one day, more than double
    assert match(first, _tolled("e", "2030-05-07", 20), S) == 0.0  # a later, higher toll
    assert REPORT_FEATURES["toll_agree"](first, _tolled("e", "2030-05-07", 20), S) == 1.0  # the old input took it
    assert match(first, _tolled("f", "2030-05-06", None), S) == 0.0


def test_incidents_toll_match_is_off_unless_the_environment_names_it() -> None:
    """Off (the default), the input is no column of the fit and the shipped linker does not weigh
    it; named in ``SITREP_INCIDENT_INPUTS``, it is a report-level column."""
    if "toll_match" not in os.environ.get(INPUTS_ENV, "").split(","):
        assert "toll_match" not in FEATURES and "toll_match" not in REPORT_FEATURES
    shipped = json.loads((REPO / "src" / "sitrep" / "incidents" / "data" / "linker.json").read_text(encoding="utf-8"))
    assert "toll_match" not in shipped["weights"]
    code = ("from sitrep.incidents.features import FEATURES, REPORT_LEVEL; "
            "print('toll_match' in FEATURES, 'toll_match' in REPORT_LEVEL)")
    env = {**os.environ, INPUTS_ENV: "toll_match", "PYTHONPATH": str(REPO / "src")}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True"]


def test_incidents_pair_classes_label_what_the_inputs_show() -> None:
    """Two reports of other days are ``dates apart``; one with no place is ``place missing``;
    disagreeing tolls are ``toll differs``; a blocked pair or a chain is that before anything else,
    and a pair with nothing against it is ``inputs agree``."""
    import incident_pair_classes as ipc

    first = _tolled("a", "2030-05-06", 12, day="2030-05-06")
    other_day = _tolled("b", "2030-05-06", 12, day="2030-05-05")
    no_place = _tolled("c", "2030-05-06", 30, place=None, day="2030-05-06")
    same = _tolled("d", "2030-05-06", 12, day="2030-05-06")
    assert "dates apart" in ipc.labels(first, other_day, 0.9, S)
    shown = ipc.labels(first, no_place, 0.9, S)
    assert {"place missing", "toll differs"} <= set(shown) and ipc.primary(shown) == "place missing"
    assert ipc.labels(first, same, 0.9, S) == [] and ipc.primary([]) == ipc.AGREE
    assert "no aligned event" in ipc.labels(first, same, 0.0, S)
    assert ipc.primary(["blocked", "dates apart"]) == "blocked" and ipc.primary(["chain", "toll differs"]) == "chain"


def test_incidents_pair_classes_incident_sizes() -> None:
    import incident_pair_classes as ipc

    size = ipc.components([frozenset(("a", "b")), frozenset(("b", "c")), frozenset(("d", "e"))])
    assert size == {"a": 3, "b": 3, "c": 3, "d": 2, "e": 2}


def test_incidents_pair_classes_toll_shapes() -> None:
    import incident_pair_classes as ipc

    first = _tolled("a", "2030-05-06", 12)
    assert ipc.toll_shape(first, _tolled("b", "2030-05-09", 13)) == "equal"
    assert ipc.toll_shape(first, _tolled("c", "2030-05-06", 20)) == "one day, within double"
    assert ipc.toll_shape(first, _tolled("d", "2030-05-06", 30)) == "one day, beyond double"
    assert ipc.toll_shape(first, _tolled("e", "2030-05-07", 20)) == "later higher"
    assert ipc.toll_shape(_tolled("e", "2030-05-07", 5), first) == "later lower"
    assert ipc.toll_shape(first, _tolled("f", "2030-05-07", None)) == "none"
