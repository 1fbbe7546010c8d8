"""The Dask pipeline plugin stops the worker's statistical profiler (issue 16: worker memory).

Dask samples a worker's task thread 100 times a second and keeps a per-second profile for the
last 1,000 seconds; sitrep's plugin stops both callbacks when it sets a worker up. No cluster
here: a stand-in worker with the same ``periodic_callbacks`` mapping (the cluster test in
``test_dask.py`` checks real workers)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from components import require  # noqa: E402

require("distributed", "the dask extra, in requirements.lock")


class _Callback:
    def __init__(self) -> None:
        self.running = True

    def stop(self) -> None:
        self.running = False


class _Worker:
    def __init__(self) -> None:
        self.periodic_callbacks = {name: _Callback() for name in ("heartbeat", "profile", "profile-cycle", "monitor")}


def test_quiet_profiler_stops_only_the_profiler_callbacks():
    from sitrep.engines.dask import quiet_profiler

    worker = _Worker()
    profile, cycle = worker.periodic_callbacks["profile"], worker.periodic_callbacks["profile-cycle"]
    quiet_profiler(worker)
    assert sorted(worker.periodic_callbacks) == ["heartbeat", "monitor"]
    assert not profile.running and not cycle.running
    assert all(c.running for c in worker.periodic_callbacks.values())
    quiet_profiler(worker)  # again (a restarted plugin): nothing left to stop, no error
    quiet_profiler(object())  # not a Dask worker: ignored


def test_the_plugin_quiets_the_profiler_before_loading(monkeypatch):
    import asyncio

    from sitrep.engines import dask as engine

    plugin = engine.PipelinePlugin("no-such-model", ("parse",), "v", None)
    monkeypatch.setattr(plugin, "_load", lambda: None)
    worker = _Worker()
    asyncio.run(plugin.setup(worker))
    assert "profile" not in worker.periodic_callbacks and "profile-cycle" not in worker.periodic_callbacks
