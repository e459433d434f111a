"""gzip on the API: JSON and text above a small size, streaming kept, entity tags kept."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.responses import StreamingResponse
from fastapi.testclient import TestClient
from sqlmodel import Session

from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings
from pilotboard.workspaces.models import Role
from tests.backend.factories import Api, add_member, browser_caller, make_user, make_workspace

GZIP = {"Accept-Encoding": "gzip"}
IDENTITY = {"Accept-Encoding": "identity"}


@pytest.fixture
def editor(db: Session, clock: FrozenClock, settings: Settings, client: TestClient) -> Api:
    now = clock.now()
    ws = make_workspace(db, now=now, name="Acme")
    user = make_user(db, now=now, name="Editor Person")
    add_member(db, workspace=ws, user=user, role=Role.editor, now=now)
    db.commit()
    api = Api(client, browser_caller(db, user=user, settings=settings, now=now), ws)
    db.commit()
    return api


def new_pilot(api: Api) -> dict[str, Any]:
    body = {
        "title": "Vendor-managed inventory",
        "hypothesis": "Nurses save time. " * 20,
        "target_outcome": "business_process",
    }
    return api.ok("POST", "/pilots", body)  # type: ignore[no-any-return]


def read(api: Api, path: str, headers: dict[str, str]) -> Any:
    api._use()
    return api.client.get(api.base + path, headers={**api.caller.headers, **headers})


def test_a_json_read_is_gzipped_with_vary_and_the_same_etag(editor: Api) -> None:
    pid = new_pilot(editor)["id"]

    packed = read(editor, f"/pilots/{pid}", GZIP)
    plain = read(editor, f"/pilots/{pid}", IDENTITY)

    assert packed.status_code == 200
    assert packed.headers["content-encoding"] == "gzip"
    assert packed.headers["vary"] == "Accept-Encoding"
    assert int(packed.headers["content-length"]) < len(plain.content)
    assert packed.json() == plain.json()
    assert "content-encoding" not in plain.headers
    assert plain.headers["vary"] == "Accept-Encoding"
    assert packed.headers["etag"] == plain.headers["etag"] == plain.json()["etag"]


def test_the_etag_of_a_gzipped_read_is_accepted_as_if_match(editor: Api) -> None:
    pid = new_pilot(editor)["id"]
    etag = read(editor, f"/pilots/{pid}", GZIP).headers["etag"]

    first = editor.send("PATCH", f"/pilots/{pid}", {"title": "Renamed"}, **{"If-Match": etag})
    stale = editor.send("PATCH", f"/pilots/{pid}", {"title": "Again"}, **{"If-Match": etag})

    assert first.status_code == 200
    assert stale.status_code == 412


def test_a_small_response_is_not_compressed(client: TestClient) -> None:
    response = client.get("/api/v1/health", headers=GZIP)

    assert response.status_code == 200
    assert "content-encoding" not in response.headers
    assert response.json()["status"] == "ok"


def _streamed_csv() -> Iterator[bytes]:
    yield b"id,title\r\n"
    for index in range(400):
        yield f"{index},Pilot number {index}\r\n".encode()


def test_a_streamed_csv_is_compressed_as_it_streams(own_app: FastAPI) -> None:
    @own_app.get("/stream.csv")
    def stream() -> StreamingResponse:
        return StreamingResponse(_streamed_csv(), media_type="text/csv; charset=utf-8")

    with TestClient(own_app) as client, client.stream("GET", "/stream.csv", headers=GZIP) as r:
        raw = b"".join(r.iter_raw())

    assert r.status_code == 200
    assert r.headers["content-encoding"] == "gzip"
    assert "content-length" not in r.headers
    assert gzip.decompress(raw) == b"".join(_streamed_csv())


@pytest.mark.parametrize(
    ("media_type", "body"),
    [("text/event-stream", b"data: tick\n\n" * 200), ("image/png", b"\x89PNG" + b"\0" * 4000)],
)
def test_event_streams_and_compressed_media_are_sent_as_they_are(
    own_app: FastAPI, media_type: str, body: bytes
) -> None:
    @own_app.get("/raw")
    def raw() -> StreamingResponse:
        return StreamingResponse(iter([body]), media_type=media_type)

    with TestClient(own_app) as client:
        response = client.get("/raw", headers=GZIP)

    assert response.status_code == 200
    assert "content-encoding" not in response.headers
    assert response.content == body
