from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import create_engine

from pilotboard.core.config import Settings
from pilotboard.core.migrations import head_revision
from pilotboard.main import create_app


def test_health_reports_database_and_revision(client: TestClient, settings: Settings) -> None:
    response = client.get("/api/v1/health")

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "revision": head_revision(settings),
    }


def test_health_is_503_problem_when_database_is_unreachable(
    tmp_path: Path, settings: Settings
) -> None:
    unreachable = create_engine(f"sqlite:///{tmp_path}/missing-dir/nothing-here.db")
    app = create_app(settings, engine=unreachable, check_migrations=False)

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/api/v1/health")

    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == {
        "type": "https://pilotboard.dev/problems/service-unavailable",
        "title": "Service unavailable",
        "status": 503,
        "detail": "The database is unreachable.",
    }
