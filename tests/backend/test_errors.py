"""Every error leaves the app as an RFC 9457 problem document."""

from __future__ import annotations

import logging
from typing import Annotated

import pytest
from fastapi import APIRouter, Depends, FastAPI, Query
from fastapi.testclient import TestClient
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.exc import IntegrityError, OperationalError

from pilotboard.core.errors import Conflict, GateNotMet
from pilotboard.core.guards import api_guard

PROBLEM = "application/problem+json"


class Widget(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=20)
    size: int = Field(ge=1, le=5)


class _DriverError(Exception):
    """What a database driver raises, with PostgreSQL's SQLSTATE."""

    def __init__(self, message: str, sqlstate: str = "23505") -> None:
        super().__init__(message)
        self.sqlstate = sqlstate


def _error_routes() -> APIRouter:
    router = APIRouter(prefix="/api/v1/_test")

    @router.post("/widgets")
    def create_widget(widget: Widget, limit: Annotated[int, Query(ge=1, le=10)] = 5) -> Widget:
        return widget

    @router.get("/conflict")
    def conflict() -> None:
        raise Conflict("The customer is chosen by 2 pilots.", extra={"pilots": ["a", "b"]})

    @router.get("/gate")
    def gate() -> None:
        raise GateNotMet(
            "2 criteria are not met.",
            unmet=[{"code": "hypothesis", "message": "Write the hypothesis."}],
        )

    @router.post("/duplicate")
    def duplicate() -> None:
        raise IntegrityError("INSERT …", {}, _DriverError("duplicate key value violates …"))

    @router.post("/deadlock")
    def deadlock() -> None:
        raise OperationalError("UPDATE …", {}, _DriverError("deadlock detected", "40P01"))

    @router.get("/boom")
    def boom() -> None:
        raise RuntimeError("database password is hunter2")

    return router


@pytest.fixture
def error_client(own_app: FastAPI) -> TestClient:
    own_app.include_router(_error_routes())
    return TestClient(own_app, raise_server_exceptions=False)


def test_unknown_api_route_is_404_problem(client: TestClient) -> None:
    response = client.get("/api/v1/nope")

    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM
    assert response.json() == {
        "type": "https://pilotboard.dev/problems/not-found",
        "title": "Not Found",
        "status": 404,
        "detail": "Nothing is at GET /api/v1/nope.",
    }


def test_unknown_api_route_with_other_method_is_still_404(client: TestClient) -> None:
    response = client.post("/api/v1/nope", json={})

    assert response.status_code == 404
    assert response.json()["type"] == "https://pilotboard.dev/problems/not-found"


def test_wrong_method_is_405_with_allow(client: TestClient) -> None:
    response = client.delete("/api/v1/health")

    assert response.status_code == 405
    assert response.headers["allow"] == "GET"
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["detail"] == "DELETE is not allowed here; allowed: GET."


def test_validation_error_names_each_field(error_client: TestClient) -> None:
    response = error_client.post(
        "/api/v1/_test/widgets?limit=99", json={"name": "", "size": 3, "colour": "red"}
    )

    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["type"] == "https://pilotboard.dev/problems/validation-error"
    assert body["detail"] == "3 fields are invalid: query.limit, body.name, body.colour"
    assert {tuple(item["loc"]) for item in body["errors"]} == {
        ("body", "name"),
        ("body", "colour"),
        ("query", "limit"),
    }
    colour = next(item for item in body["errors"] if item["loc"] == ["body", "colour"])
    assert colour["msg"] == "Unknown or read-only field: it cannot be set here"


def test_malformed_json_is_a_validation_problem(error_client: TestClient) -> None:
    response = error_client.post(
        "/api/v1/_test/widgets", content=b"{not json", headers={"content-type": "application/json"}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"][0] == "body"


def test_domain_errors_render_with_their_extras(error_client: TestClient) -> None:
    conflict = error_client.get("/api/v1/_test/conflict")
    gate = error_client.get("/api/v1/_test/gate")

    assert conflict.status_code == 409
    assert conflict.json() == {
        "type": "https://pilotboard.dev/problems/conflict",
        "title": "Conflict",
        "status": 409,
        "detail": "The customer is chosen by 2 pilots.",
        "pilots": ["a", "b"],
    }
    assert gate.status_code == 409
    assert gate.json()["unmet"] == [{"code": "hypothesis", "message": "Write the hypothesis."}]


def test_unhandled_error_is_500_without_internals(
    error_client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="pilotboard.requests"):
        response = error_client.get("/api/v1/_test/boom")

    assert response.status_code == 500
    assert response.headers["content-type"] == PROBLEM
    request_id = response.headers["x-request-id"]
    body = response.json()
    assert body["request_id"] == request_id
    assert body["type"] == "https://pilotboard.dev/problems/internal-error"
    assert "hunter2" not in response.text
    assert "Traceback" not in response.text
    assert "RuntimeError" not in response.text
    assert response.headers["x-content-type-options"] == "nosniff"
    logged = [record for record in caplog.records if request_id in record.getMessage()]
    assert len(logged) == 1
    assert logged[0].exc_info is not None


def test_incoming_request_id_is_kept_and_returned(client: TestClient) -> None:
    response = client.get("/api/v1/health", headers={"X-Request-ID": "lb-7f3a9c21"})

    assert response.headers["x-request-id"] == "lb-7f3a9c21"


def test_malformed_request_id_is_replaced(client: TestClient) -> None:
    response = client.get("/api/v1/health", headers={"X-Request-ID": "bad id\twith spaces"})

    assert response.headers["x-request-id"] != "bad id\twith spaces"
    assert len(response.headers["x-request-id"]) == 32


def test_body_over_limit_is_413_by_declared_length(error_client: TestClient, app: FastAPI) -> None:
    limit = app.state.settings.max_body_bytes
    response = error_client.post(
        "/api/v1/_test/widgets",
        content=b"x" * (limit + 1),
        headers={"content-type": "application/json"},
    )

    assert response.status_code == 413
    assert response.headers["content-type"] == PROBLEM
    assert (
        response.json()["detail"] == f"The request body is larger than the limit of {limit} bytes."
    )


def test_streamed_body_over_limit_is_413(error_client: TestClient, app: FastAPI) -> None:
    limit = app.state.settings.max_body_bytes

    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(limit // 4096 + 2):
            yield b"y" * 4096

    response = error_client.post(
        "/api/v1/_test/widgets", content=chunks(), headers={"content-type": "application/json"}
    )

    assert response.status_code == 413
    assert response.json()["type"] == "https://pilotboard.dev/problems/payload-too-large"


def test_security_headers_on_every_response(client: TestClient) -> None:
    for response in (client.get("/api/v1/health"), client.get("/api/v1/nope")):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert "script-src 'self'" in response.headers["content-security-policy"]


def test_nul_characters_are_refused_wherever_they_are_in_the_body(own_app: FastAPI) -> None:
    guarded = APIRouter(prefix="/api/v1/_guarded", dependencies=[Depends(api_guard)])

    @guarded.post("/widgets")
    def create_widget(widget: Widget) -> Widget:
        return widget

    own_app.include_router(guarded)
    response = TestClient(own_app).post(
        "/api/v1/_guarded/widgets",
        json={"name": "ok", "size": 3, "tags": [{"x": "a\u0000"}], "k\u0000": 1},
    )

    assert response.status_code == 422
    message = "Text cannot contain the NUL character (U+0000)."
    assert response.json()["errors"] == [
        {"loc": ["body", "tags", 0, "x"], "msg": message},
        {"loc": ["body", "k\\u0000"], "msg": message},
    ]


def test_a_race_the_services_could_not_see_is_a_409_to_retry(error_client: TestClient) -> None:
    for path in ("/api/v1/_test/duplicate", "/api/v1/_test/deadlock"):
        response = error_client.post(path)

        assert response.status_code == 409
        assert response.headers["retry-after"] == "1"
        assert response.json() == {
            "type": "https://pilotboard.dev/problems/conflict",
            "title": "Conflict",
            "status": 409,
            "detail": "Another request changed the same records at the same moment, so nothing "
            "was changed. Read them again and retry.",
        }
