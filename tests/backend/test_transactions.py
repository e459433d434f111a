"""The request owns the transaction: commit when the route returns, roll back when it raises."""

from __future__ import annotations

import pytest
from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Column, Connection, Integer, MetaData, String, Table, func, insert, select

from pilotboard.core.db import SessionDep
from pilotboard.core.errors import Conflict

metadata = MetaData()
notes = Table(
    "_test_notes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("text", String(50), nullable=False),
)


@pytest.fixture
def notes_client(own_app: FastAPI, connection: Connection) -> TestClient:
    metadata.create_all(connection)
    router = APIRouter(prefix="/api/v1/_test")

    @router.post("/ok")
    def ok(session: SessionDep) -> dict[str, str]:
        session.execute(insert(notes).values(text="kept"))
        session.flush()
        return {"saved": "yes"}

    @router.post("/fails")
    def fails(session: SessionDep) -> None:
        session.execute(insert(notes).values(text="lost"))
        session.flush()
        raise Conflict("Something else changed first.")

    @router.post("/crashes")
    def crashes(session: SessionDep) -> None:
        session.execute(insert(notes).values(text="lost too"))
        session.flush()
        raise RuntimeError("unexpected")

    own_app.include_router(router)
    return TestClient(own_app, raise_server_exceptions=False)


def _texts(connection: Connection) -> list[str]:
    return list(connection.execute(select(notes.c.text).order_by(notes.c.id)).scalars())


def test_successful_request_commits(notes_client: TestClient, connection: Connection) -> None:
    assert notes_client.post("/api/v1/_test/ok").status_code == 200
    assert _texts(connection) == ["kept"]


def test_domain_error_rolls_back(notes_client: TestClient, connection: Connection) -> None:
    assert notes_client.post("/api/v1/_test/fails").status_code == 409
    assert _texts(connection) == []


def test_crash_rolls_back(notes_client: TestClient, connection: Connection) -> None:
    assert notes_client.post("/api/v1/_test/crashes").status_code == 500
    assert notes_client.post("/api/v1/_test/ok").status_code == 200
    assert connection.execute(select(func.count()).select_from(notes)).scalar_one() == 1
    assert _texts(connection) == ["kept"]
