"""Test fixtures: real migrations, one database per run (per xdist worker), rollback per test.

The suite runs on SQLite by default and on PostgreSQL when ``PILOTBOARD_TEST_DATABASE_URL`` is
set; that URL names a server and a database we may use to create throwaway databases in.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from pilotboard.core import migrations
from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings
from pilotboard.core.db import create_db_engine, normalize_database_url
from pilotboard.demo import DemoResult, build_demo
from pilotboard.main import create_app
from pilotboard.wiring import session_factory_for
from tests.backend.smtp import smtp_server, smtp_server_starttls, smtp_server_tls  # noqa: F401

TEST_SECRET = "test-secret-" + "x7Qp2Lm9Zr4Vb8Nc1Df6Gh3Jk5"
SERVER_URL = os.environ.get("PILOTBOARD_TEST_DATABASE_URL") or None


def backend_name() -> str:
    return "postgresql" if SERVER_URL else "sqlite"


@contextmanager
def throwaway_database(tmp_dir: Path, label: str) -> Iterator[str]:
    """A new, empty database (a SQLite file, or a PostgreSQL database dropped afterwards)."""
    if not SERVER_URL:
        yield f"sqlite:///{tmp_dir / f'{label}.db'}"
        return
    server = make_url(normalize_database_url(SERVER_URL))
    name = f"{server.database}_{label}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield server.set(database=name).render_as_string(hide_password=False)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def make_settings(database_url: str, tmp_dir: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "env": "production",
        "database_url": database_url,
        "secret_key": TEST_SECRET,
        "var_dir": tmp_dir / "var",
        "spa_dir": tmp_dir / "dist",
    }
    values.update(overrides)
    return Settings.model_validate(values)


@pytest.fixture(scope="session")
def session_tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pilotboard")


@pytest.fixture(scope="session")
def database_url(session_tmp: Path, worker_id: str) -> Iterator[str]:
    with throwaway_database(session_tmp, f"tests_{worker_id}") as url:
        yield url


@pytest.fixture(scope="session")
def migrated_engine(database_url: str, session_tmp: Path) -> Iterator[Engine]:
    migrations.upgrade(make_settings(database_url, session_tmp))
    engine = create_db_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return make_settings(database_url, tmp_path)


@pytest.fixture
def connection(migrated_engine: Engine) -> Iterator[Connection]:
    """One connection and one outer transaction per test, rolled back at the end."""
    with migrated_engine.connect() as connection:
        transaction = connection.begin()
        try:
            yield connection
        finally:
            transaction.rollback()


T = TypeVar("T")


@contextmanager
def built_once(engine: Engine, build: Callable[[Session], T]) -> Iterator[tuple[Connection, T]]:
    """For a module whose tests all start from the same costly world (the demo takes seconds to
    build): ``build`` runs once, through the app's own sessions, in a transaction of its own
    that is rolled back when the module is done. Pair it with `in_savepoint` as the module's
    ``connection`` fixture, so each test sees the world as built and leaves it so."""
    with engine.connect() as connection:
        transaction = connection.begin()
        try:
            factory = session_factory_for(
                connection, FrozenClock(), join_transaction_mode="create_savepoint"
            )
            with factory() as session:
                result = build(session)
                session.commit()  # releases the session's savepoint into the outer transaction
            yield connection, result
        finally:
            transaction.rollback()


def in_savepoint(connection: Connection) -> Iterator[Connection]:
    """``connection`` inside a savepoint rolled back after the test (see `built_once`)."""
    savepoint = connection.begin_nested()
    try:
        yield connection
    finally:
        if savepoint.is_active:
            savepoint.rollback()


def demo_built_once(today: datetime, *, history: bool = True) -> tuple[Any, Any, Any]:
    """The fixtures of a module whose tests all start from the demo workspace (as of ``today``,
    with its closed history or not), built once for the module: assign them to the module's
    ``demo_world, connection, demo``. Its ``connection`` replaces conftest's for that module."""

    @pytest.fixture(scope="module")
    def demo_world(migrated_engine: Engine) -> Iterator[tuple[Connection, DemoResult]]:
        def build(db: Session) -> DemoResult:
            return build_demo(db, FrozenClock(current=today), history=history)

        with built_once(migrated_engine, build) as world:
            yield world

    @pytest.fixture
    def connection(demo_world: tuple[Connection, DemoResult]) -> Iterator[Connection]:
        yield from in_savepoint(demo_world[0])

    @pytest.fixture
    def demo(demo_world: tuple[Connection, DemoResult]) -> DemoResult:
        return demo_world[1]

    return demo_world, connection, demo


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock()


@pytest.fixture
def session_factory(connection: Connection, clock: FrozenClock) -> Callable[[], Session]:
    # The app's own sessions; each request's commit only releases a savepoint inside the test's
    # transaction.
    return session_factory_for(connection, clock, join_transaction_mode="create_savepoint")


@pytest.fixture
def db(session_factory: Callable[[], Session]) -> Iterator[Session]:
    """A session for arranging and checking data directly, sharing the test's transaction."""
    session = session_factory()
    yield session
    session.close()


@pytest.fixture(scope="session")
def shared_app(database_url: str, session_tmp: Path, migrated_engine: Engine) -> FastAPI:
    """Building the app takes most of a second: tests share one and rebind its state."""
    return create_app(make_settings(database_url, session_tmp), engine=migrated_engine)


@pytest.fixture
def app(
    shared_app: FastAPI,
    settings: Settings,
    clock: FrozenClock,
    migrated_engine: Engine,
    session_factory: Callable[[], Session],
) -> FastAPI:
    shared_app.state.settings = settings
    shared_app.state.clock = clock
    shared_app.state.engine = migrated_engine
    shared_app.state.session_factory = session_factory
    return shared_app


@pytest.fixture
def own_app(
    settings: Settings,
    clock: FrozenClock,
    migrated_engine: Engine,
    session_factory: Callable[[], Session],
) -> FastAPI:
    """An app of this test's own, for tests that add routes to it."""
    return create_app(
        settings, clock=clock, engine=migrated_engine, session_factory=session_factory
    )


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client
