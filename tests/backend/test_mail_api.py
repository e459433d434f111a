"""The email log (`GET /workspaces/{ws}/mail`, admins) and the one-click unsubscribe
(`GET, POST /mail/unsubscribe/{token}`, public), driven with messages a real SMTP server got."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func
from sqlmodel import Session, select

from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings
from pilotboard.mail.events import MailUnsubscribed
from pilotboard.mail.models import MailMessage, MailSuppression
from pilotboard.mail.outbox import queue_mail
from pilotboard.workspaces.models import Role, Workspace
from tests.backend.factories import Api, add_member, browser_caller, make_user, make_workspace
from tests.backend.smtp import SmtpServer, mail_settings, run_mail_worker

NOT_FOUND = "https://pilotboard.dev/problems/not-found"
FORBIDDEN = "https://pilotboard.dev/problems/forbidden"


def queue(
    db: Session,
    workspace: Workspace,
    clock: FrozenClock,
    *,
    to: str = "guest@example.com",
    subject: str = "Hello",
    kind: str = "invitation",
) -> MailMessage | None:
    message = queue_mail(
        db,
        to=to,
        kind=kind,
        template="message",
        context={"subject": subject, "body": "Body text.", "action_path": "/"},
        now=clock.now(),
        workspace_id=workspace.id,
    )
    db.commit()
    return message


@pytest.fixture
def world(
    db: Session, clock: FrozenClock, settings: Settings, client: TestClient, app: FastAPI
) -> dict[str, Any]:
    now = clock.now()
    ws = make_workspace(db, now=now, name="Acme Telecom")
    other = make_workspace(db, now=now, name="Other Co")
    apis: dict[str, Api] = {}
    people = {}
    for role in Role:
        user = make_user(db, now=now, name=f"{role.value.title()} Person")
        add_member(db, workspace=ws, user=user, role=role, now=now)
        people[role.value] = user
        apis[role.value] = Api(
            client, browser_caller(db, user=user, settings=settings, now=now), ws
        )
    other_admin = make_user(db, now=now, name="Other Admin")
    add_member(db, workspace=other, user=other_admin, role=Role.admin, now=now)
    apis["other_admin"] = Api(
        client, browser_caller(db, user=other_admin, settings=settings, now=now), ws
    )
    db.commit()
    return {"ws": ws, "other": other, "api": apis, "people": people}


def log(world: dict[str, Any], **params: Any) -> Any:
    response = world["api"]["admin"].get("/mail", **params)
    assert response.status_code == 200, response.text
    return response.json()


# --- the email log ------------------------------------------------------------------------------


def test_the_log_shows_each_message_newest_first_with_its_state(
    world: dict[str, Any],
    db: Session,
    clock: FrozenClock,
    settings: Settings,
    session_factory: Callable[[], Session],
    smtp_server: SmtpServer,
) -> None:
    first = queue(db, world["ws"], clock, to="a@example.com", subject="First")
    run_mail_worker(session_factory, mail_settings(settings, smtp_server), clock)
    clock.advance(minutes=1)
    second = queue(db, world["ws"], clock, to="b@example.com", subject="Second", kind="digest")
    queue(db, world["other"], clock, to="c@example.com", subject="Elsewhere")
    assert first is not None
    assert second is not None

    assert log(world) == {
        "items": [
            {
                "id": str(second.id),
                "to": "b@example.com",
                "subject": "Second",
                "kind": "digest",
                "state": "queued",
                "attempts": 0,
                "last_error": None,
                "created_at": "2026-01-15T09:01:00Z",
                "sent_at": None,
            },
            {
                "id": str(first.id),
                "to": "a@example.com",
                "subject": "First",
                "kind": "invitation",
                "state": "sent",
                "attempts": 1,
                "last_error": None,
                "created_at": "2026-01-15T09:00:00Z",
                "sent_at": "2026-01-15T09:00:00Z",
            },
        ],
        "next_cursor": None,
        # The app under test has no PILOTBOARD_SMTP_URL (only the worker above was given one).
        "smtp_configured": False,
    }
    assert [i["subject"] for i in log(world, state="sent")["items"]] == ["First"]
    assert [i["subject"] for i in log(world, state="queued")["items"]] == ["Second"]
    assert log(world, state="failed")["items"] == []


def test_the_log_is_paged(world: dict[str, Any], db: Session, clock: FrozenClock) -> None:
    for n in range(3):
        queue(db, world["ws"], clock, subject=f"Message {n}")
        clock.advance(seconds=1)

    page = log(world, limit=2)
    assert [i["subject"] for i in page["items"]] == ["Message 2", "Message 1"]
    rest = log(world, limit=2, cursor=page["next_cursor"])
    assert ([i["subject"] for i in rest["items"]], rest["next_cursor"]) == (["Message 0"], None)


def test_the_log_shows_the_last_error_of_a_failing_server(
    world: dict[str, Any],
    db: Session,
    clock: FrozenClock,
    settings: Settings,
    session_factory: Callable[[], Session],
    smtp_server: SmtpServer,
) -> None:
    queue(db, world["ws"], clock)
    smtp_server.fail_next(452, "4.2.2 Mailbox full", times=2)
    local = mail_settings(settings, smtp_server)

    run_mail_worker(session_factory, local, clock)
    [item] = log(world)["items"]
    assert (item["state"], item["attempts"], item["last_error"]) == (
        "queued",
        1,
        "The SMTP server answered 452 4.2.2 Mailbox full",
    )
    clock.advance(seconds=30)
    run_mail_worker(session_factory, local, clock)
    clock.advance(seconds=60)
    run_mail_worker(session_factory, local, clock)
    [item] = log(world)["items"]
    assert (item["state"], item["attempts"], item["sent_at"]) == (
        "sent",
        3,
        "2026-01-15T09:01:30Z",
    )


@pytest.mark.parametrize("persona", ["editor", "executive", "viewer"])
def test_only_admins_read_the_log(world: dict[str, Any], persona: str) -> None:
    response = world["api"][persona].get("/mail")
    assert response.status_code == 403
    assert response.json()["type"] == FORBIDDEN


def test_another_workspace_s_admin_gets_404(world: dict[str, Any]) -> None:
    response = world["api"]["other_admin"].get("/mail")
    assert response.status_code == 404
    assert response.json()["type"] == NOT_FOUND


def test_without_credentials_the_log_is_401(world: dict[str, Any], client: TestClient) -> None:
    client.cookies.clear()
    assert client.get(f"/api/v1/workspaces/{world['ws'].id}/mail").status_code == 401


def test_an_unknown_state_is_a_422_naming_it(world: dict[str, Any]) -> None:
    response = world["api"]["admin"].get("/mail", state="bounced")
    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["errors"]] == [["query", "state"]]


# --- one-click unsubscribe ----------------------------------------------------------------------


def api_path(url: str) -> str:
    """A link from a message, as a path on the test client (the public URL's host dropped)."""
    assert url.startswith("http://127.0.0.1:8000/")
    return urlsplit(url).path


def suppressions(db: Session) -> list[tuple[Any, str, str]]:
    db.expire_all()
    return [
        (row.workspace_id, row.address, row.kind) for row in db.exec(select(MailSuppression)).all()
    ]


def test_the_one_click_link_of_a_received_message_works_without_a_session(
    world: dict[str, Any],
    db: Session,
    client: TestClient,
    clock: FrozenClock,
    settings: Settings,
    session_factory: Callable[[], Session],
    smtp_server: SmtpServer,
) -> None:
    queue(db, world["ws"], clock, to="guest@example.com", kind="invitation")
    run_mail_worker(session_factory, mail_settings(settings, smtp_server), clock)
    [received] = smtp_server.messages
    link = re.fullmatch(r"<(.+)>", received["List-Unsubscribe"])
    assert link is not None
    assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    client.cookies.clear()

    # What a mail provider sends (RFC 8058): a form POST, no cookie, no CSRF token.
    response = client.post(
        api_path(link.group(1)),
        content=b"List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )

    assert response.status_code == 200, response.text
    assert response.json() == {
        "workspace_name": "Acme Telecom",
        "kind": "invitation",
        "address": "g***@example.com",
    }
    assert suppressions(db) == [(world["ws"].id, "guest@example.com", "invitation")]
    # The workspace no longer mails that address (any kind); other workspaces still may.
    assert queue(db, world["ws"], clock, to="Guest@Example.com", kind="digest") is None
    assert queue(db, world["other"], clock, to="guest@example.com") is not None
    # Clicking again changes nothing more.
    again = client.post(api_path(link.group(1)))
    assert again.status_code == 200
    assert len(suppressions(db)) == 1


def test_the_link_in_the_footer_leads_to_what_it_stops(
    world: dict[str, Any],
    db: Session,
    client: TestClient,
    clock: FrozenClock,
    settings: Settings,
    session_factory: Callable[[], Session],
    smtp_server: SmtpServer,
) -> None:
    queue(db, world["ws"], clock, to="guest@example.com", kind="digest")
    run_mail_worker(session_factory, mail_settings(settings, smtp_server), clock)
    [received] = smtp_server.messages
    text = received.get_body(("plain",))
    assert text is not None
    found = re.search(r"Stop this kind of mail: (http://\S+/unsubscribe/(\S+))", text.get_content())
    assert found is not None
    assert api_path(found.group(1)) == f"/unsubscribe/{found.group(2)}"  # the app's page
    client.cookies.clear()

    # The page asks the API what the link stops, then the person confirms.
    described = client.get(f"/api/v1/mail/unsubscribe/{found.group(2)}")
    assert described.status_code == 200
    assert described.json() == {
        "workspace_name": "Acme Telecom",
        "kind": "digest",
        "address": "g***@example.com",
    }
    assert suppressions(db) == []  # reading changes nothing
    confirmed = client.post(f"/api/v1/mail/unsubscribe/{found.group(2)}")
    assert confirmed.status_code == 200
    assert len(suppressions(db)) == 1


def test_an_account_holder_s_unsubscribe_goes_to_their_preferences(
    world: dict[str, Any], db: Session, client: TestClient, clock: FrozenClock
) -> None:
    heard: list[MailUnsubscribed] = []
    db.info["pilotboard.event_bus"].subscribe(
        MailUnsubscribed, lambda _session, event: heard.append(event)
    )
    executive = world["people"]["executive"]
    message = queue(db, world["ws"], clock, to=executive.email, kind="decision_needed")
    assert message is not None
    client.cookies.clear()

    response = client.post(f"/api/v1/mail/unsubscribe/{message.unsubscribe_token}")

    assert response.status_code == 200
    assert heard == [
        MailUnsubscribed(
            workspace_id=world["ws"].id,
            user_id=executive.id,
            address=executive.email,
            kind="decision_needed",
        )
    ]
    assert suppressions(db) == []
    # Their preferences decide from now on: the outbox itself does not suppress them.
    assert queue(db, world["ws"], clock, to=executive.email, kind="digest") is not None


def test_a_signed_in_browser_needs_no_csrf_token_to_unsubscribe(
    world: dict[str, Any], db: Session, client: TestClient, clock: FrozenClock
) -> None:
    message = queue(db, world["ws"], clock)
    assert message is not None
    api = world["api"]["viewer"]
    api._use()  # the session cookie, without the X-CSRF-Token header

    response = client.post(f"/api/v1/mail/unsubscribe/{message.unsubscribe_token}", json={})

    assert response.status_code == 200
    assert len(suppressions(db)) == 1


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_an_unknown_token_is_404_and_changes_nothing(
    world: dict[str, Any], db: Session, client: TestClient, clock: FrozenClock, method: str
) -> None:
    queue(db, world["ws"], clock)
    client.cookies.clear()

    response = client.request(method, "/api/v1/mail/unsubscribe/not-a-known-token")

    assert response.status_code == 404
    assert response.json()["type"] == NOT_FOUND
    assert suppressions(db) == []
    assert db.exec(select(func.count()).select_from(MailMessage)).one() == 1


def test_a_suppressed_address_that_gets_an_account_is_mailed_again(
    world: dict[str, Any], db: Session, client: TestClient, clock: FrozenClock
) -> None:
    message = queue(db, world["ws"], clock, to="newcomer@example.com")
    assert message is not None
    client.cookies.clear()
    assert client.post(f"/api/v1/mail/unsubscribe/{message.unsubscribe_token}").status_code == 200
    assert queue(db, world["ws"], clock, to="newcomer@example.com") is None

    make_user(db, now=clock.now(), email="newcomer@example.com")
    db.commit()

    assert queue(db, world["ws"], clock, to="newcomer@example.com") is not None


def test_the_log_says_whether_smtp_is_configured(
    world: dict[str, Any], app: FastAPI, settings: Settings, smtp_server: SmtpServer
) -> None:
    assert log(world)["smtp_configured"] is False
    configured = mail_settings(settings, smtp_server)
    previous = app.state.settings
    app.state.settings = configured
    try:
        assert log(world)["smtp_configured"] is True
    finally:
        app.state.settings = previous
