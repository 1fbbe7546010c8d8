"""Shared fixtures.

Tests that need the gold sets or the seed articles read them from
``../shared/data`` (next to the repository) and are skipped with a clear reason
when it is absent, as it is on a user's machine.

The ``slow`` marker means "loads the spaCy model, runs the full pipeline, or starts a
real component (a PostgreSQL server, a Dask cluster, Chromium), or reads the shared
evaluation sets"; ``make test-fast`` runs everything else. It is applied consistently:
every test that uses the ``nlp`` fixture (directly or through another fixture), a
PostgreSQL database (``pg_server``, or the ``postgresql`` side of ``db_location``) or
``needs_shared`` is marked here; a test not marked ``slow`` that
loads the model anyway (through ``sitrep.nlp.load_nlp``, which every loader in sitrep goes
through) fails with the advice to mark it. Modules that start a browser, a cluster, a feed
server or run property tests over the API mark themselves (``pytestmark``), and a test that
runs ``sitrep`` in a subprocess is marked by hand.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SITREP_SHARED", REPO.parent / "shared")) / "data"
SEEDS = SHARED / "corpus" / "seeds"

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/pgserver.py
sys.path.insert(0, str(REPO / "benchmarks"))  # common.py: the scripts' loader, shared with the benchmarks

from common import script_module  # noqa: E402, F401  (re-exported for the tests)

needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(), reason=f"needs the shared datasets at {SHARED} (absent on this machine)"
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        callspec = getattr(item, "callspec", None)
        on_postgres = callspec is not None and callspec.params.get("db_location") == "postgresql"
        reads_shared = any(m.name == "skipif" and "shared datasets" in str(m.kwargs.get("reason", ""))
                           for m in item.iter_markers())
        if "nlp" in fixtures or "pg_server" in fixtures or on_postgres or reads_shared:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _fast_tests_never_load_the_model(request: pytest.FixtureRequest):
    """A test not marked ``slow`` must not load the spaCy model (cached or not)."""
    if request.node.get_closest_marker("slow") is not None:
        yield
        return
    from sitrep.nlp import load_nlp

    before = load_nlp.cache_info()
    yield
    after = load_nlp.cache_info()
    if after.hits + after.misses != before.hits + before.misses:
        pytest.fail(f"{request.node.nodeid} loads the spaCy model: mark it `@pytest.mark.slow` "
                    "(or build the Doc by hand) so that `make test-fast` stays fast.")


@pytest.fixture(scope="session")
def nlp():
    from sitrep.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def parse(nlp):
    """``parse(text, published=None, doc_id="t")`` -> an Analysis after the parse stage."""
    from sitrep.records import Document
    from sitrep.stages.base import Analysis
    from sitrep.stages.parse import ParseStage

    stage = ParseStage(nlp)

    def _parse(text: str, published: str | None = None, doc_id: str = "t", **meta):
        document = Document(id=doc_id, sha256=doc_id, text=text, published=published, **meta)
        return stage(Analysis(document=document))

    return _parse


@pytest.fixture(scope="session")
def analyze_text(nlp):
    """``analyze_text(text, stages, published=None, publisher=None, doc_id="d")`` -> the Analysis
    of one document through ``stages`` (and what they read); one pipeline per set of stages for
    the whole session."""
    from sitrep.pipeline import build_pipeline
    from sitrep.records import Document

    pipelines: dict[tuple[str, ...], object] = {}

    def _analyze(text: str, stages, *, published: str | None = None, publisher: str | None = None,
                 doc_id: str = "d"):
        key = tuple(stages)
        if key not in pipelines:
            pipelines[key] = build_pipeline(only=list(key))
        document = Document(id=doc_id, sha256=doc_id, text=text, published=published, publisher=publisher)
        return next(pipelines[key].analyze([document]))  # type: ignore[attr-defined]

    return _analyze


@pytest.fixture(scope="session")
def casualty_run(analyze_text):
    """``casualty_run(text, published="2016-10-13")`` -> (the Analysis through the stages the
    casualties stage reads, its casualty figures in text order: on events and loose)."""
    stages = ["actors", "time", "place", "events", "quotes", "casualties"]

    def _run(text: str, published: str = "2016-10-13"):
        analysis = analyze_text(text, stages, published=published, publisher="Example Wire", doc_id="d1")
        figures = [*(c for e in analysis.events for c in e.casualties), *analysis.casualties]
        return analysis, sorted(figures, key=lambda c: c.start)

    return _run


@pytest.fixture(scope="session")
def figure_scopes(casualty_run):
    """``figure_scopes(before, sentence, after, value, kind=None)`` -> (scope, on an event) of each
    casualty figure of ``value`` (and ``kind``) that starts inside ``sentence``, the text being
    ``before + sentence + after``: on events first, then the loose ones."""

    def _scopes(before: str, sentence: str, after: str, value: int, kind: str | None = None):
        analysis, _ = casualty_run(before + sentence + after)
        lo, hi = len(before), len(before) + len(sentence)

        def wanted(c) -> bool:  # type: ignore[no-untyped-def]
            return lo <= c.start < hi and c.best == value and (kind is None or c.kind == kind)

        on_events = [(c.scope, True) for e in analysis.events for c in e.casualties if wanted(c)]
        return on_events + [(c.scope, False) for c in analysis.casualties if wanted(c)]

    return _scopes


# --- PostgreSQL: a real server the suite starts itself -----------------------------------------


@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL server (``tests/pgserver.py``) for the whole session.

    Where it cannot start the PostgreSQL tests are skipped with the reason — except under CI
    (``SITREP_CI`` or ``CI`` set, as ``.ci/run`` does), where they fail: CI must test both backends.
    """
    from components import unavailable
    from pgserver import PostgresServer, ServerUnavailable

    server = PostgresServer()
    try:
        server.start()
    except (ServerUnavailable, OSError, subprocess.SubprocessError) as exc:
        server.stop()
        unavailable(f"no PostgreSQL test server could be started: {exc}")
    yield server
    server.stop()


_PG_DATABASES = itertools.count()


@pytest.fixture
def pg_url(pg_server) -> str:
    """A fresh, empty database on the session's PostgreSQL server."""
    return pg_server.create_database(f"t{next(_PG_DATABASES)}")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new database of each backend: an SQLite file path, then a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return str(request.getfixturevalue("pg_url"))
