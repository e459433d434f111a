"""Schemathesis fuzzes every operation of the OpenAPI document: no server errors, and every
response conforms to its documented status, content type and schema.

The app is built at import (schemathesis collects one test per operation from it); each test
then points it at that test's database transaction and clock.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from sqlalchemy import Engine
from sqlmodel import Session

from pilotboard.core.clock import FrozenClock
from pilotboard.main import create_app
from tests.backend.conftest import make_settings

fuzzed_app = create_app(make_settings("sqlite://", Path("/nonexistent")), check_migrations=False)
schema = schemathesis.openapi.from_asgi("/openapi.json", fuzzed_app)
# Text never holds NUL (U+0000): the API refuses it in every field with a 422 naming the field
# (API.md, Conventions; tests in test_errors.py), a rule JSON Schema has no keyword for.
schema.config.generation.update(allow_x00=False)


@pytest.fixture(autouse=True)
def _bind_app_to_test_database(
    migrated_engine: Engine, session_factory: Callable[[], Session], clock: FrozenClock
) -> None:
    fuzzed_app.state.engine = migrated_engine
    fuzzed_app.state.session_factory = session_factory
    fuzzed_app.state.clock = clock


@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_conforms_to_its_schema(case: schemathesis.Case) -> None:
    case.call_and_validate()
