"""``scripts/reach.py``: what under ``src/sitrep`` no entry point or ``make models`` step reaches.

A ratchet: a definition that nothing a user runs reaches (read only by a test, a study, or
nothing) fails ``test_reach_finds_nothing_unreached_but_the_kept_items`` until it is removed,
moved next to its study, or listed in ``KEPT`` with the reason it stays.
"""

from __future__ import annotations

import pytest
from common import script_module

#: unreached by the walk, kept on purpose: "module:name" -> why
KEPT = {
    "sitrep:__getattr__": "PEP 562 module hook: the lazy public API (`sitrep.analyze`, …)",
    "sitrep.engines.dask:teardown": "dask WorkerPlugin protocol (dask calls it)",
    "sitrep.ingest.fetch:_DeadlineStream": "built in connect_tcp, an httpcore backend method",
    "sitrep.ingest.fetch:start_tls": "httpcore NetworkStream protocol",
    "sitrep.ingest.fetch:get_extra_info": "httpcore NetworkStream protocol",
    "sitrep.ingest.fetch:connect_tcp": "httpcore NetworkBackend protocol",
    "sitrep.ingest.fetch:connect_unix_socket": "httpcore NetworkBackend protocol",
    "sitrep.ingest.fetch:_Body": "built in handle_request, an httpx transport method",
    "sitrep.ingest.fetch:handle_request": "httpx BaseTransport protocol",
    "sitrep.ingest.files:readinto": "io.RawIOBase protocol",
    "sitrep.incidents.build:build_incidents": "the incident layer's pure entry point (module docstring); "
                                              "the layer's behaviour tests and incidents_scale.py drive it",
    "sitrep.records:ANALYSIS_LISTS": "docs/architecture.md: where a new record type is registered "
                                     "(tests/test_records.py checks it against Analysis)",
    "sitrep.serve.db:cached_keys": "the tests' window on the web API's live result cache",
}
KEPT_MODULES: set[str] = set()


@pytest.fixture(scope="module")
def reach():
    return script_module("reach")


def test_reach_fixpoint_follows_reads_from_roots_only(reach) -> None:
    unit = reach.Unit
    units = [unit("m", "<module>", "module", 1, {"a"}, root=True), unit("m", "a", "function", 2, {"b"}),
             unit("m", "b", "function", 3), unit("m", "c", "function", 4, {"a", "d"}),
             unit("m", "d", "function", 5)]
    assert reach.fixpoint(units, {}) == {0, 1, 2}  # c reads d, but nothing live reads c


def test_reach_sees_top_level_names_only_through_an_import(reach) -> None:
    unit = reach.Unit
    reader = unit("pkg.x", "f", "function", 1)
    assert not reach._sees(reader, unit("pkg.y", "g", "function", 1), {"pkg.x": {"pkg.z"}})
    assert reach._sees(reader, unit("pkg.y", "g", "function", 1), {"pkg.x": {"pkg.y"}})
    assert reach._sees(reader, unit("pkg.y", "g", "method of C", 1), {})  # methods: by name anywhere


def test_reach_names_read_include_dynamic_import_strings(reach) -> None:
    import ast

    tree = ast.parse('f = load("sitrep.stages.time.stage:TimeStage")\nobj.attr\n')
    assert {"load", "TimeStage", "attr", "obj", "f"} <= reach.names_read(tree)
    assert "sitrep.stages.time.stage" in reach.imports(tree, "m", False)


def test_reach_finds_nothing_unreached_but_the_kept_items(reach) -> None:
    units, live, reachable, modules = reach.build()
    unreached = {f"{u.module}:{u.name}" for i, u in enumerate(units)
                 if i not in live and u.name != "<module>" and u.module.startswith("sitrep")}
    assert unreached - set(KEPT) == set(), "unreached by any entry point: remove, move or keep with a reason"
    assert set(KEPT) - unreached == set(), "kept but now reached, or gone: take it off the list"
    assert modules - reachable <= KEPT_MODULES
    assert "sitrep.stages.casualties.extract:extract" not in unreached  # a live function is seen live
