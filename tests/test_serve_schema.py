"""Property-based API tests generated from the OpenAPI schema (Schemathesis): for every endpoint
and random valid and invalid parameters, no server error, and every 200 answer matches its
declared schema."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from components import require  # noqa: E402

schemathesis = require("schemathesis", "the test extra, in requirements.lock")
import serve_fixture  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import (  # noqa: E402
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
)

from sitrep.serve.app import Settings, create_app  # noqa: E402

pytestmark = pytest.mark.slow  # a real component (see conftest: the slow marker)


def _app():
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="sitrep-schema-"))
    ids = serve_fixture.build(folder / "serve.db")
    serve_fixture.add_incidents(folder / "serve.db", ids)  # so incident answers are checked too
    return create_app(Settings(db=folder / "serve.db"))


# the app answers requests addressed to loopback only (DNS-rebinding guard): say so
LOOPBACK = {"Host": "127.0.0.1"}
schema = schemathesis.openapi.from_asgi("/api/openapi.json", _app(), headers=LOOPBACK)


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_fails_and_matches_its_schema(case):
    response = case.call(headers=LOOPBACK)
    case.validate_response(response, checks=[not_a_server_error, content_type_conformance, response_schema_conformance])
