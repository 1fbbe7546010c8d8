"""Real components the tests need (a browser, a Dask cluster, a package of the locked install):
where one is missing the test skips with the reason on a developer's machine, and FAILS under CI
(``.ci/run`` sets ``SITREP_CI=1``; CI services set ``CI``), so a missing install step cannot pass
unnoticed as a skip (issue 16: real components fail, not skip, in CI).
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import NoReturn

import pytest
from pgserver import in_ci


def unavailable(message: str) -> NoReturn:
    """Skip with ``message`` here (in a test or at a module's top), fail with it under CI."""
    if in_ci():
        pytest.fail(f"under CI: {message}")
    pytest.skip(message, allow_module_level=True)


def require(module: str, why: str) -> ModuleType:
    """``module`` imported; when it cannot be, :func:`unavailable` with ``why`` (what installs it)."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        unavailable(f"needs {module} ({why}): {exc}")
