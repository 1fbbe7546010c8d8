"""The classes of ``benchmarks/incident_pair_classes.py`` (issue 11, incidents46; its input ``toll_match``
failed its bar and was removed: prune4).

Reports here are invented (``incident_helpers``); none comes from an evaluation set.
"""

from __future__ import annotations

from incident_helpers import Figure, Line, report

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
