"""Pages opened by a secret link (API.md, "public links"): never cached, never indexed, no
`Referer` carrying the token away, no cookie on the feedback and check-in pages; and the tokens
never reach the logs (uvicorn's access log, our request and error logs)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI, Response
from fastapi.testclient import TestClient

from pilotboard.access import Public
from pilotboard.core.logredact import RedactTokens, install, redact
from pilotboard.main import create_app
from tests.backend.conftest import make_settings
from tests.backend.live import _free_port

TOKEN = "q7Vd0fK2mR9sT4wX1yZ3aB5cD8eF6gH0iJ2kL4mN6oP"
INDEX = "<!doctype html><title>Pilotboard</title><div id=root></div>"
NO_COOKIE_PATHS = (
    f"/feedback/{TOKEN}",
    f"/check-in/{TOKEN}",
    f"/api/v1/feedback/{TOKEN}",
    f"/api/v1/check-ins/{TOKEN}",
)
PRIVATE_PATHS = (
    f"/invite/{TOKEN}",
    f"/unsubscribe/{TOKEN}",
    f"/api/v1/invitations/{TOKEN}",
    f"/api/v1/mail/unsubscribe/{TOKEN}",
)


@pytest.fixture(autouse=True)
def built_spa(app: FastAPI) -> Path:
    dist: Path = app.state.settings.spa_dir
    dist.mkdir(parents=True, exist_ok=True)
    (dist / "index.html").write_text(INDEX)
    return dist


def _token_headers(response: httpx.Response) -> tuple[str | None, str | None, str | None]:
    return (
        response.headers.get("cache-control"),
        response.headers.get("referrer-policy"),
        response.headers.get("x-robots-tag"),
    )


@pytest.mark.parametrize("path", NO_COOKIE_PATHS)
def test_feedback_and_check_in_pages_are_private_and_set_no_cookie(
    client: TestClient, path: str
) -> None:
    page = client.get(path)
    posted = client.post(path, json={"difference": 4, "effort": 4})

    for response in (page, posted):
        assert _token_headers(response) == ("no-store", "no-referrer", "noindex")
        assert "set-cookie" not in response.headers
        # The other security headers stay.
        assert response.headers["x-frame-options"] == "DENY"
    if path.startswith("/api/"):
        assert page.status_code == 404  # an unknown token
    else:
        assert (page.status_code, page.text) == (200, INDEX)


@pytest.mark.parametrize("path", PRIVATE_PATHS)
def test_invitation_and_unsubscribe_pages_are_not_indexed_nor_referred(
    client: TestClient, path: str
) -> None:
    response = client.get(path)

    assert _token_headers(response)[1:] == ("no-referrer", "noindex")


def test_other_pages_keep_the_usual_headers(client: TestClient) -> None:
    for path in ("/", "/w/x/pilots/y", "/api/v1/health", "/feedbackish/x", "/api/v1/feedback"):
        response = client.get(path)
        assert _token_headers(response)[1:] == ("strict-origin-when-cross-origin", None), path


def test_a_cookie_set_on_a_feedback_path_is_stripped(own_app: FastAPI) -> None:
    @own_app.get("/api/v1/feedback/{token}/probe")
    def probe(token: str, _public: Public, response: Response) -> dict[str, str]:
        response.set_cookie("tracker", "1")
        response.set_cookie("other", "2")
        return {"ok": token}

    @own_app.get("/api/v1/invitations/{token}/probe")
    def signs_in(token: str, _public: Public, response: Response) -> dict[str, str]:
        response.set_cookie("pilotboard_session", "s")
        return {"ok": token}

    with TestClient(own_app) as client:
        stripped = client.get(f"/api/v1/feedback/{TOKEN}/probe")
        kept = client.get(f"/api/v1/invitations/{TOKEN}/probe")

    assert stripped.status_code == 200
    assert "set-cookie" not in stripped.headers
    # Accepting an invitation signs in: its cookie stays.
    assert kept.headers["set-cookie"].startswith("pilotboard_session=s")


# --- tokens in logs ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f'"GET /api/v1/feedback/{TOKEN} HTTP/1.1"', '"GET /api/v1/feedback/<redacted> HTTP/1.1"'),
        (f"/feedback/{TOKEN}?utm=x", "/feedback/<redacted>?utm=x"),
        (f"/check-in/{TOKEN}", "/check-in/<redacted>"),
        (f"/api/v1/check-ins/{TOKEN}", "/api/v1/check-ins/<redacted>"),
        (f"/invite/{TOKEN}", "/invite/<redacted>"),
        (f"/api/v1/invitations/{TOKEN}/accept", "/api/v1/invitations/<redacted>/accept"),
        (f"/unsubscribe/{TOKEN}", "/unsubscribe/<redacted>"),
        (f"POST /api/v1/mail/unsubscribe/{TOKEN}", "POST /api/v1/mail/unsubscribe/<redacted>"),
        # Not token paths: left alone.
        ("/api/v1/workspaces/w1/pilots/p1/feedback", "/api/v1/workspaces/w1/pilots/p1/feedback"),
        ("/api/v1/workspaces/w1/invitations/i1", "/api/v1/workspaces/w1/invitations/i1"),
        ("/pilots/p1/feedback-links/l1", "/pilots/p1/feedback-links/l1"),
    ],
)  # fmt: skip
def test_redact_replaces_the_token_of_token_paths(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_the_filter_redacts_messages_and_arguments() -> None:
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", f"/api/v1/feedback/{TOKEN}", "1.1", 404),
        None,
    )
    dict_record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "path %(path)s", ({"path": f"/invite/{TOKEN}"},), None
    )
    message_record = logging.LogRecord(
        "x", logging.ERROR, __file__, 1, f"failed on /check-in/{TOKEN}", None, None
    )

    for each in (record, dict_record, message_record):
        assert RedactTokens().filter(each) is True

    assert record.getMessage() == '127.0.0.1:5000 - "GET /api/v1/feedback/<redacted> HTTP/1.1" 404'
    assert dict_record.getMessage() == "path /invite/<redacted>"
    assert message_record.getMessage() == "failed on /check-in/<redacted>"


def test_install_puts_the_filter_once_on_every_logger_that_prints_paths() -> None:
    install()
    install()

    for name in ("uvicorn.access", "uvicorn.error", "pilotboard.requests", "pilotboard.errors"):
        filters = logging.getLogger(name).filters
        assert len([f for f in filters if isinstance(f, RedactTokens)]) == 1, name


def test_our_error_log_never_holds_the_token(
    own_app: FastAPI, caplog: pytest.LogCaptureFixture
) -> None:
    @own_app.get("/api/v1/feedback/{token}/boom")
    def boom(token: str, _public: Public) -> None:
        raise RuntimeError("broken")

    with (
        caplog.at_level(logging.ERROR, logger="pilotboard.requests"),
        TestClient(own_app, raise_server_exceptions=False) as client,
    ):
        response = client.get(f"/api/v1/feedback/{TOKEN}/boom")

    assert response.status_code == 500
    assert "path=/api/v1/feedback/<redacted>/boom" in caplog.text
    assert TOKEN not in caplog.text


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, _Capture]]:
    """The app under uvicorn, as `pilotboard serve` runs it, with its access log captured."""
    settings = make_settings("sqlite://", tmp_path, spa_dir=tmp_path / "served")
    (tmp_path / "served").mkdir()
    (tmp_path / "served" / "index.html").write_text(INDEX)
    app = create_app(settings, check_migrations=False)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="info", access_log=True)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive(), "the server did not start"
        assert time.monotonic() < deadline, "the server did not start in time"
        time.sleep(0.02)
    capture = _Capture()
    access: Any = logging.getLogger("uvicorn.access")
    access.addHandler(capture)
    try:
        yield f"http://127.0.0.1:{port}", capture
    finally:
        access.removeHandler(capture)
        server.should_exit = True
        thread.join(timeout=30)


def test_uvicorn_access_log_never_holds_the_token(served: tuple[str, _Capture]) -> None:
    url, capture = served

    with httpx.Client(base_url=url) as http:
        page = http.get(f"/feedback/{TOKEN}")
        api = http.put(f"/api/v1/feedback/{TOKEN}")  # 405: answered without the database
        invite = http.get(f"/invite/{TOKEN}?from=mail")

    assert (page.status_code, api.status_code, invite.status_code) == (200, 405, 200)
    assert page.headers["cache-control"] == "no-store"
    deadline = time.monotonic() + 5
    while len(capture.lines) < 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert [line.split(" - ", 1)[1] for line in capture.lines] == [
        '"GET /feedback/<redacted> HTTP/1.1" 200',
        '"PUT /api/v1/feedback/<redacted> HTTP/1.1" 405',
        '"GET /invite/<redacted>?from=mail HTTP/1.1" 200',
    ]
    assert not any(TOKEN in line for line in capture.lines)
