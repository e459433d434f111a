"""Notifications in the app and by email, and each person's preferences (API.md, "People outside
the app"): who gets one (members only, never the person who caused it), what the list and the
unread count say, and how preferences (and the one-click unsubscribe) decide what is emailed.
Mail goes to a real SMTP server (aiosmtpd on 127.0.0.1)."""

from __future__ import annotations

import uuid
from email.message import EmailMessage
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from pilotboard.accounts.models import User
from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings
from pilotboard.notifications.models import Notification
from pilotboard.notifications.service import notify
from pilotboard.workspaces.models import Membership, Role, Workspace
from tests.backend.factories import (
    Caller,
    add_member,
    browser_caller,
    make_token,
    make_user,
    make_workspace,
    token_caller,
)
from tests.backend.smtp import SmtpServer, mail_settings, run_mail_worker

PUBLIC_URL = "http://127.0.0.1:8000"


@pytest.fixture
def world(db: Session, clock: FrozenClock, settings: Settings, app: FastAPI) -> dict[str, Any]:
    settings = settings.model_copy(update={"session_idle_hours": 1e5, "session_max_days": 1e4})
    app.state.settings = settings
    now = clock.now()
    ws = make_workspace(db, now=now, name="Acme")
    elsewhere = make_workspace(db, now=now, name="Elsewhere")
    people: dict[str, User] = {}
    for name, role in (
        ("admin", Role.admin),
        ("editor", Role.editor),
        ("executive", Role.executive),
        ("viewer", Role.viewer),
    ):
        people[name] = make_user(db, now=now, email=f"{name}@example.com", name=name.title())
        add_member(db, workspace=ws, user=people[name], role=role, now=now)
    people["gone"] = make_user(db, now=now, email="gone@example.com", name="Gone", is_active=False)
    add_member(db, workspace=ws, user=people["gone"], role=Role.editor, now=now)
    people["outsider"] = make_user(db, now=now, email="outsider@example.com", name="Outsider")
    add_member(db, workspace=elsewhere, user=people["outsider"], role=Role.admin, now=now)
    db.commit()
    callers = {
        name: browser_caller(db, user=user, settings=settings, now=now)
        for name, user in people.items()
        if name != "gone"
    }
    db.commit()
    return {
        "ws": ws,
        "elsewhere": elsewhere,
        "people": people,
        "callers": callers,
        "settings": settings,
    }


def tell(
    db: Session,
    world: dict[str, Any],
    clock: FrozenClock,
    *,
    to: list[str],
    kind: str = "mentioned",
    actor: str | None = None,
    workspace: Workspace | None = None,
    title: str = "Admin mentioned you",
) -> list[Notification]:
    people = world["people"]
    ws = workspace or world["ws"]
    created = notify(
        db,
        recipients=[people[name].id for name in to],
        kind=kind,
        workspace_id=ws.id,
        pilot_id=None,
        title=title,
        body="“Can you look at the metrics before Friday?”",
        url=f"/w/{ws.id}/pilots/{uuid.UUID(int=1)}#comment-1",
        now=clock.now(),
        actor_id=people[actor].id if actor else None,
    )
    db.commit()
    return created


def use(client: TestClient, caller: Caller) -> dict[str, str]:
    client.cookies.clear()
    for name, value in caller.cookies.items():
        client.cookies.set(name, value)
    return caller.headers


def mine(client: TestClient, caller: Caller, **params: Any) -> dict[str, Any]:
    use(client, caller)
    response = client.get("/api/v1/me/notifications", params=params)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def deliver(
    session_factory: Any, settings: Settings, clock: FrozenClock, server: SmtpServer
) -> list[EmailMessage]:
    run_mail_worker(session_factory, mail_settings(settings, server), clock)
    return list(server.messages)


def text_of(message: EmailMessage, subtype: str) -> str:
    part = message.get_body((subtype,))
    assert part is not None
    content = part.get_content()
    assert isinstance(content, str)
    return content.replace("\r\n", "\n")


# --- who is notified -------------------------------------------------------------------------


def test_only_active_members_are_notified_never_the_actor_and_each_once(
    world: dict[str, Any],
    db: Session,
    clock: FrozenClock,
    session_factory: Any,
    smtp_server: SmtpServer,
) -> None:
    created = tell(
        db,
        world,
        clock,
        to=["editor", "viewer", "editor", "outsider", "gone", "admin"],
        actor="admin",
    )

    people = world["people"]
    assert sorted(n.user_id for n in created) == sorted([people["editor"].id, people["viewer"].id])
    stored = db.exec(select(Notification)).all()
    assert sorted(n.user_id for n in stored) == sorted([people["editor"].id, people["viewer"].id])
    # `mentioned` is emailed at once by default: one message each, to the real server.
    messages = deliver(session_factory, world["settings"], clock, smtp_server)
    assert sorted(m["To"] for m in messages) == [
        "Editor <editor@example.com>",
        "Viewer <viewer@example.com>",
    ]
    message = messages[0]
    assert message["Subject"] == "Admin mentioned you"
    plain = text_of(message, "plain")
    assert "“Can you look at the metrics before Friday?”" in plain
    link = f"{PUBLIC_URL}/w/{world['ws'].id}/pilots/{uuid.UUID(int=1)}#comment-1"
    assert link in plain
    assert f'href="{link}"' in text_of(message, "html")
    assert f"{PUBLIC_URL}/preferences" in plain
    assert message["List-Unsubscribe"].startswith(f"<{PUBLIC_URL}/api/v1/mail/unsubscribe/")


def test_a_kind_not_in_email_immediate_stays_in_the_app(
    world: dict[str, Any],
    db: Session,
    clock: FrozenClock,
    session_factory: Any,
    smtp_server: SmtpServer,
) -> None:
    created = tell(db, world, clock, to=["editor"], kind="commented", title="A new comment")

    assert [n.kind for n in created] == ["commented"]
    assert deliver(session_factory, world["settings"], clock, smtp_server) == []


def test_html_in_a_notification_is_escaped_in_the_email(
    world: dict[str, Any],
    db: Session,
    clock: FrozenClock,
    session_factory: Any,
    smtp_server: SmtpServer,
) -> None:
    tell(db, world, clock, to=["editor"], title="<script>alert(1)</script> mentioned you")

    [message] = deliver(session_factory, world["settings"], clock, smtp_server)
    html = text_of(message, "html")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# --- the list and marking read ----------------------------------------------------------------


def test_the_list_is_newest_first_paged_with_the_unread_count(
    world: dict[str, Any], db: Session, clock: FrozenClock, client: TestClient
) -> None:
    for n in range(3):
        tell(db, world, clock, to=["editor"], kind="commented", title=f"Comment {n}")
        clock.advance(minutes=1)
    editor = world["callers"]["editor"]

    first = mine(client, editor, limit=2)
    assert [i["title"] for i in first["items"]] == ["Comment 2", "Comment 1"]
    assert first["unread"] == 3
    item = first["items"][0]
    assert set(item) == {
        "id",
        "kind",
        "workspace_id",
        "pilot_id",
        "title",
        "body",
        "url",
        "created_at",
        "read_at",
    }
    assert item["kind"] == "commented"
    assert item["workspace_id"] == str(world["ws"].id)
    assert item["read_at"] is None
    assert item["url"] == f"/w/{world['ws'].id}/pilots/{uuid.UUID(int=1)}#comment-1"
    rest = mine(client, editor, limit=2, cursor=first["next_cursor"])
    assert [i["title"] for i in rest["items"]] == ["Comment 0"]
    assert rest["next_cursor"] is None

    headers = use(client, editor)
    marked = client.post(
        "/api/v1/me/notifications/read", json={"ids": [item["id"]]}, headers=headers
    )
    assert marked.status_code == 200, marked.text
    assert marked.json() == {"unread": 2}
    unread = mine(client, editor, unread="true")
    assert [i["title"] for i in unread["items"]] == ["Comment 1", "Comment 0"]
    assert mine(client, editor)["items"][0]["read_at"] == clock.now().isoformat().replace(
        "+00:00", "Z"
    )

    everything = client.post("/api/v1/me/notifications/read", json={"all": True}, headers=headers)
    assert everything.json() == {"unread": 0}
    assert mine(client, editor, unread="true")["items"] == []


def test_nobody_sees_or_marks_another_persons_notifications(
    world: dict[str, Any], db: Session, clock: FrozenClock, client: TestClient
) -> None:
    [note] = tell(db, world, clock, to=["editor"])

    assert mine(client, world["callers"]["viewer"])["items"] == []
    assert mine(client, world["callers"]["outsider"]) == {
        "items": [],
        "next_cursor": None,
        "unread": 0,
    }
    headers = use(client, world["callers"]["viewer"])
    response = client.post(
        "/api/v1/me/notifications/read", json={"ids": [str(note.id)]}, headers=headers
    )
    assert response.json() == {"unread": 0}
    db.expire_all()
    stored = db.get(Notification, note.id)
    assert stored is not None
    assert stored.read_at is None
    assert mine(client, world["callers"]["editor"])["unread"] == 1


def test_a_former_member_no_longer_sees_the_workspaces_notifications(
    world: dict[str, Any], db: Session, clock: FrozenClock, client: TestClient
) -> None:
    tell(db, world, clock, to=["editor"])
    membership = db.exec(
        select(Membership).where(Membership.user_id == world["people"]["editor"].id)
    ).one()
    db.delete(membership)
    db.commit()

    page = mine(client, world["callers"]["editor"])

    assert page["items"] == []
    assert page["unread"] == 0


@pytest.mark.parametrize(
    "body",
    [{}, {"all": False}, {"ids": ["not-a-uuid"]}, {"ids": [], "all": True}, {"ids": None}],
)
def test_marking_read_needs_ids_or_all_true(
    world: dict[str, Any], client: TestClient, body: dict[str, Any]
) -> None:
    headers = use(client, world["callers"]["editor"])

    response = client.post("/api/v1/me/notifications/read", json=body, headers=headers)

    assert response.status_code == 422, response.text


def test_notifications_and_preferences_are_for_browser_sessions(
    world: dict[str, Any], db: Session, clock: FrozenClock, client: TestClient
) -> None:
    secret = make_token(
        db, user=world["people"]["editor"], workspace=world["ws"], now=clock.now(), write=True
    )
    db.commit()
    headers = use(client, token_caller(secret))

    assert client.get("/api/v1/me/notifications", headers=headers).status_code == 403
    assert client.get("/api/v1/me/preferences", headers=headers).status_code == 403
    client.cookies.clear()
    assert client.get("/api/v1/me/notifications").status_code == 401


# --- preferences ---------------------------------------------------------------------------------


def prefs(client: TestClient, caller: Caller) -> Any:
    use(client, caller)
    return client.get("/api/v1/me/preferences")


def test_preferences_default_per_api_md(world: dict[str, Any], client: TestClient) -> None:
    defaults = ["decision_needed", "mentioned", "invited"]

    for name, digest in (
        ("executive", True),
        ("admin", True),
        ("editor", False),
        ("viewer", False),
    ):
        response = prefs(client, world["callers"][name])
        assert response.status_code == 200
        assert response.json() == {"email_immediate": defaults, "weekly_digest": digest}, name
        assert response.headers["ETag"]


def test_patch_merges_and_refuses_unknown_kinds_naming_the_field(
    world: dict[str, Any], db: Session, client: TestClient
) -> None:
    headers = use(client, world["callers"]["editor"])

    only_digest = client.patch(
        "/api/v1/me/preferences", json={"weekly_digest": True}, headers=headers
    )
    assert only_digest.status_code == 200, only_digest.text
    assert only_digest.json() == {
        "email_immediate": ["decision_needed", "mentioned", "invited"],
        "weekly_digest": True,
    }
    kinds = client.patch(
        "/api/v1/me/preferences",
        json={"email_immediate": ["commented", "health_changed", "commented"]},
        headers=headers,
    )
    assert kinds.json() == {
        "email_immediate": ["health_changed", "commented"],
        "weekly_digest": True,
    }

    unknown = client.patch(
        "/api/v1/me/preferences",
        json={"email_immediate": ["mentioned", "gossip"]},
        headers=headers,
    )
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["loc"] == ["body", "email_immediate", 1]
    for bad in ({"weekly_digest": None}, {"email_immediate": None}, {"email": "x"}):
        response = client.patch("/api/v1/me/preferences", json=bad, headers=headers)
        assert response.status_code == 422, bad
    assert prefs(client, world["callers"]["editor"]).json() == {
        "email_immediate": ["health_changed", "commented"],
        "weekly_digest": True,
    }


def test_a_stale_if_match_is_refused(world: dict[str, Any], client: TestClient) -> None:
    tag = prefs(client, world["callers"]["editor"]).headers["ETag"]
    headers = use(client, world["callers"]["editor"])
    client.patch("/api/v1/me/preferences", json={"weekly_digest": True}, headers=headers)

    stale = client.patch(
        "/api/v1/me/preferences",
        json={"weekly_digest": False},
        headers={**headers, "If-Match": tag},
    )

    assert stale.status_code == 412
    assert prefs(client, world["callers"]["editor"]).json()["weekly_digest"] is True


def test_preferences_decide_what_is_emailed(
    world: dict[str, Any],
    db: Session,
    clock: FrozenClock,
    client: TestClient,
    session_factory: Any,
    smtp_server: SmtpServer,
) -> None:
    headers = use(client, world["callers"]["editor"])
    client.patch("/api/v1/me/preferences", json={"email_immediate": ["commented"]}, headers=headers)

    tell(db, world, clock, to=["editor", "viewer"], kind="mentioned")
    tell(db, world, clock, to=["editor", "viewer"], kind="commented", title="New comment")

    messages = deliver(session_factory, world["settings"], clock, smtp_server)
    assert sorted((m["To"], m["Subject"]) for m in messages) == [
        ("Editor <editor@example.com>", "New comment"),
        ("Viewer <viewer@example.com>", "Admin mentioned you"),
    ]
    assert len(db.exec(select(Notification)).all()) == 4  # all four in the app


def test_the_one_click_unsubscribe_turns_that_kind_off_in_the_preferences(
    world: dict[str, Any],
    db: Session,
    clock: FrozenClock,
    client: TestClient,
    session_factory: Any,
    smtp_server: SmtpServer,
) -> None:
    tell(db, world, clock, to=["editor"], kind="mentioned")
    [message] = deliver(session_factory, world["settings"], clock, smtp_server)
    one_click = message["List-Unsubscribe"].strip("<>").removeprefix(PUBLIC_URL)

    client.cookies.clear()
    response = client.post(one_click, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code in (200, 204), response.text

    assert prefs(client, world["callers"]["editor"]).json() == {
        "email_immediate": ["decision_needed", "invited"],
        "weekly_digest": False,
    }
    clock.advance(minutes=5)
    tell(db, world, clock, to=["editor"], kind="mentioned")
    assert len(deliver(session_factory, world["settings"], clock, smtp_server)) == 1
    assert len(db.exec(select(Notification)).all()) == 2


def test_another_persons_caller_cannot_change_my_preferences(
    world: dict[str, Any], client: TestClient
) -> None:
    headers = use(client, world["callers"]["viewer"])
    client.patch("/api/v1/me/preferences", json={"email_immediate": []}, headers=headers)

    assert prefs(client, world["callers"]["editor"]).json()["email_immediate"] == [
        "decision_needed",
        "mentioned",
        "invited",
    ]
