"""Invitations by email (API.md, "People outside the app"): the link comes through a real SMTP
server (aiosmtpd on 127.0.0.1), is followed like a person would (read, then accept), works once
and for 7 days, and the admin's answer never says whether the address has an account."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from email.message import EmailMessage
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func
from sqlmodel import Session, col, select

from pilotboard.accounts.models import User
from pilotboard.activity.models import Activity
from pilotboard.core import security
from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings
from pilotboard.invitations.models import Invitation
from pilotboard.mail.models import MailMessage
from pilotboard.notifications.models import Notification
from pilotboard.workspaces.models import Membership, Role, Workspace
from tests.backend.factories import (
    Api,
    Caller,
    add_member,
    browser_caller,
    make_token,
    make_user,
    make_workspace,
    token_caller,
)
from tests.backend.smtp import SmtpServer, mail_settings, run_mail_worker

PROBLEMS = "https://pilotboard.dev/problems/"
PUBLIC_URL = "http://127.0.0.1:8000"
LINK = re.compile(r"http://127\.0\.0\.1:8000/invite/([A-Za-z0-9_-]+)")
NEW_PASSWORD = "a long and private phrase"


@pytest.fixture
def world(
    db: Session, clock: FrozenClock, settings: Settings, client: TestClient, app: FastAPI
) -> dict[str, Any]:
    now = clock.now()
    ws = make_workspace(db, now=now, name="Acme Field Services")
    other_ws = make_workspace(db, now=now, name="Elsewhere")
    people: dict[str, User] = {}
    for name, role in (("admin", Role.admin), ("editor", Role.editor)):
        people[name] = make_user(db, now=now, email=f"{name}@example.com", name=f"{name.title()} A")
        add_member(db, workspace=ws, user=people[name], role=role, now=now)
    # Has an account (a member elsewhere), not in Acme.
    people["noor"] = make_user(db, now=now, email="noor@example.com", name="Noor Known")
    add_member(db, workspace=other_ws, user=people["noor"], role=Role.editor, now=now)
    db.commit()
    callers = {
        name: browser_caller(db, user=user, settings=settings, now=now)
        for name, user in people.items()
    }
    db.commit()
    return {
        "ws": ws,
        "people": people,
        "callers": callers,
        "admin": Api(client, callers["admin"], ws),
    }


def invite(world: dict[str, Any], email: str, role: str = "executive", **headers: str) -> Any:
    api: Api = world["admin"]
    return api.send("POST", "/invitations", {"email": email, "role": role}, **headers)


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


def token_in(message: EmailMessage) -> str:
    plain = LINK.findall(text_of(message, "plain"))
    html = LINK.findall(text_of(message, "html"))
    assert plain, text_of(message, "plain")
    assert set(html) == set(plain)
    return str(plain[0])


def anonymous(client: TestClient) -> TestClient:
    client.cookies.clear()
    return client


def as_caller(client: TestClient, caller: Caller) -> dict[str, str]:
    client.cookies.clear()
    for name, value in caller.cookies.items():
        client.cookies.set(name, value)
    return caller.headers


def outbox_count(db: Session) -> int:
    db.expire_all()
    return int(db.exec(select(func.count()).select_from(MailMessage)).one())


# --- a new person, end to end -------------------------------------------------------------------


def test_a_new_person_follows_the_emailed_link_sets_a_password_and_lands_in_the_workspace(
    world: dict[str, Any],
    db: Session,
    client: TestClient,
    clock: FrozenClock,
    settings: Settings,
    session_factory: Any,
    smtp_server: SmtpServer,
) -> None:
    response = invite(world, "Dana.New@Example.com", "executive")

    assert response.status_code == 202, response.text
    body = response.json()
    assert set(body) == {"id", "email", "role", "created_at", "expires_at"}
    assert body["email"] == "dana.new@example.com"
    assert body["role"] == "executive"
    assert body["expires_at"] == (clock.now() + timedelta(days=7)).isoformat().replace(
        "+00:00", "Z"
    )

    [message] = deliver(session_factory, settings, clock, smtp_server)
    assert message["To"] == "dana.new@example.com"
    assert message["Subject"] == "Admin A invited you to Acme Field Services on Pilotboard"
    assert "as an executive" in text_of(message, "plain")
    assert "Acme Field Services" in text_of(message, "html")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    token = token_in(message)
    assert len(token) >= 43  # 256 bits, URL-safe base64
    stored = db.exec(select(Invitation)).one()
    assert stored.token_hash == security.sha256_hex(token)  # only the hash is kept

    read = anonymous(client).get(f"/api/v1/invitations/{token}")
    assert read.status_code == 200, read.text
    assert read.json() == {
        "workspace_name": "Acme Field Services",
        "role": "executive",
        "invited_by": "Admin A",
        "email": "dana.new@example.com",
        "account_exists": False,
    }

    accepted = client.post(
        f"/api/v1/invitations/{token}/accept",
        json={"name": "Dana New", "password": NEW_PASSWORD},
    )
    assert accepted.status_code == 200, accepted.text
    login_like = accepted.json()
    assert set(login_like) == {"user", "csrf_token"}
    assert login_like["user"]["email"] == "dana.new@example.com"
    assert login_like["user"]["name"] == "Dana New"
    assert login_like["user"]["memberships"] == [
        {
            "workspace_id": str(world["ws"].id),
            "workspace_name": "Acme Field Services",
            "role": "executive",
        }
    ]
    # The session started: the cookie the answer set signs the person in.
    me = client.get("/api/v1/auth/me")
    assert me.status_code == 200
    assert me.json()["email"] == "dana.new@example.com"
    portfolio = client.get(f"/api/v1/workspaces/{world['ws'].id}/portfolio")
    assert portfolio.status_code == 200
    # …and the password works for a later sign-in.
    anonymous(client)
    login = client.post(
        "/api/v1/auth/login", json={"email": "dana.new@example.com", "password": NEW_PASSWORD}
    )
    assert login.status_code == 200

    # Single use: the same link again is refused, read or accept.
    anonymous(client)
    assert client.get(f"/api/v1/invitations/{token}").status_code == 404
    again = client.post(
        f"/api/v1/invitations/{token}/accept",
        json={"name": "Dana Again", "password": NEW_PASSWORD},
    )
    assert again.status_code == 404
    assert again.json()["type"] == PROBLEMS + "not-found"

    db.expire_all()
    actions = db.exec(
        select(Activity.action)
        .where(Activity.workspace_id == world["ws"].id)
        .order_by(col(Activity.occurred_at), col(Activity.id))
    ).all()
    # (All at the same frozen instant: compared as a set.)
    assert sorted(a for a in actions if a.startswith(("invitation.", "membership."))) == [
        "invitation.accepted",
        "invitation.created",
        "membership.created",
    ]
    assert world["admin"].ok("GET", "/invitations")["items"] == []


def test_a_link_is_refused_after_seven_days(
    world: dict[str, Any],
    client: TestClient,
    clock: FrozenClock,
    settings: Settings,
    session_factory: Any,
    smtp_server: SmtpServer,
) -> None:
    assert invite(world, "late@example.com").status_code == 202
    token = token_in(deliver(session_factory, settings, clock, smtp_server)[0])

    clock.advance(days=6, hours=23, minutes=59)
    assert anonymous(client).get(f"/api/v1/invitations/{token}").status_code == 200
    clock.advance(minutes=1)

    assert client.get(f"/api/v1/invitations/{token}").status_code == 404
    late = client.post(
        f"/api/v1/invitations/{token}/accept", json={"name": "Late", "password": NEW_PASSWORD}
    )
    assert late.status_code == 404
    assert "expired" in late.json()["detail"]


# --- an existing account --------------------------------------------------------------------


def test_the_answer_is_the_same_whether_or_not_the_address_has_an_account(
    world: dict[str, Any], db: Session
) -> None:
    known = invite(world, "noor@example.com", "editor")
    unknown = invite(world, "nobody-yet@example.com", "editor")

    assert known.status_code == unknown.status_code == 202
    assert set(known.json()) == set(unknown.json())
    assert {k: v for k, v in known.json().items() if k not in ("id", "email")} == {
        k: v for k, v in unknown.json().items() if k not in ("id", "email")
    }
    assert set(known.headers) == set(unknown.headers)
    # Both addresses get mail; the known one is also told in the app.
    db.expire_all()
    assert sorted(db.exec(select(MailMessage.to_address)).all()) == [
        "nobody-yet@example.com",
        "noor@example.com",
    ]
    notes = db.exec(select(Notification)).all()
    assert [(n.user_id, n.kind) for n in notes] == [(world["people"]["noor"].id, "invited")]


def test_an_existing_account_signs_in_and_accepts_with_an_empty_body(
    world: dict[str, Any],
    db: Session,
    client: TestClient,
    clock: FrozenClock,
    settings: Settings,
    session_factory: Any,
    smtp_server: SmtpServer,
) -> None:
    assert invite(world, "NOOR@example.com", "viewer").status_code == 202
    [message] = deliver(session_factory, settings, clock, smtp_server)
    assert message["To"] == "Noor Known <noor@example.com>"
    token = token_in(message)
    assert anonymous(client).get(f"/api/v1/invitations/{token}").json()["account_exists"] is True

    # Nobody signed in: 401; signed in as someone else: 403; a new account for it: 409.
    nobody = client.post(f"/api/v1/invitations/{token}/accept", json={})
    assert nobody.status_code == 401
    headers = as_caller(client, world["callers"]["editor"])
    wrong = client.post(f"/api/v1/invitations/{token}/accept", json={}, headers=headers)
    assert wrong.status_code == 403
    assert wrong.json()["type"] == PROBLEMS + "forbidden"
    anonymous(client)
    taken = client.post(
        f"/api/v1/invitations/{token}/accept",
        json={"name": "Impostor", "password": NEW_PASSWORD},
    )
    assert taken.status_code == 409
    db.expire_all()
    assert db.exec(select(Invitation)).one().accepted_at is None

    headers = as_caller(client, world["callers"]["noor"])
    accepted = client.post(f"/api/v1/invitations/{token}/accept", json={}, headers=headers)

    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["user"]["email"] == "noor@example.com"
    roles = {m["workspace_name"]: m["role"] for m in accepted.json()["user"]["memberships"]}
    assert roles == {"Acme Field Services": "viewer", "Elsewhere": "editor"}
    # A fresh session: the new cookie works.
    assert client.get("/api/v1/auth/me").status_code == 200
    db.expire_all()
    membership = db.exec(
        select(Membership).where(
            Membership.workspace_id == world["ws"].id,
            Membership.user_id == world["people"]["noor"].id,
        )
    ).one()
    assert membership.role == Role.viewer
    csrf = {"X-CSRF-Token": accepted.json()["csrf_token"]}
    assert (
        client.post(f"/api/v1/invitations/{token}/accept", json={}, headers=csrf).status_code == 404
    )


def test_accepting_with_the_session_needs_its_csrf_token(
    world: dict[str, Any], client: TestClient, db: Session
) -> None:
    assert invite(world, "noor@example.com").status_code == 202
    token = _token_of_latest(db)

    as_caller(client, world["callers"]["noor"])
    response = client.post(f"/api/v1/invitations/{token}/accept", json={})

    assert response.status_code == 403
    assert "X-CSRF-Token" in response.json()["detail"]


def _token_of_latest(db: Session) -> str:
    db.expire_all()
    message = db.exec(select(MailMessage).order_by(col(MailMessage.created_at).desc())).first()
    assert message is not None
    found = LINK.search(message.text_body)
    assert found is not None
    return found.group(1)


# --- refusals: bad input, nothing queued ----------------------------------------------------


@pytest.mark.parametrize(
    "email",
    [
        "not-an-address",
        "two@@example.com",
        "someone@example.com\r\nBcc: victim@example.com",
        "someone@exa mple.com",
    ],
)
def test_a_malformed_address_is_a_422_naming_email_and_nothing_is_queued(
    world: dict[str, Any], db: Session, email: str
) -> None:
    response = invite(world, email)

    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["loc"] == ["body", "email"]
    assert outbox_count(db) == 0
    assert db.exec(select(func.count()).select_from(Invitation)).one() == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "Eve\r\nBcc: victim@example.com", "password": NEW_PASSWORD}, "name"),
        ({"name": "Eve\u0007", "password": NEW_PASSWORD}, "name"),
        ({"name": "   ", "password": NEW_PASSWORD}, "name"),
        ({"name": "Eve", "password": "short"}, "password"),
        ({"name": "Eve", "password": "eve@example.com"}, "password"),
        ({"name": "Eve"}, "password"),
        ({"password": NEW_PASSWORD}, "name"),
        ({"name": "Eve", "password": NEW_PASSWORD, "role": "admin"}, "role"),
    ],
)
def test_a_new_account_follows_the_rules_of_create_user(
    world: dict[str, Any], db: Session, client: TestClient, body: dict[str, Any], field: str
) -> None:
    assert invite(world, "eve@example.com").status_code == 202
    token = _token_of_latest(db)
    queued = outbox_count(db)

    response = anonymous(client).post(f"/api/v1/invitations/{token}/accept", json=body)

    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["loc"] == ["body", field]
    db.expire_all()
    assert db.exec(select(User).where(User.email == "eve@example.com")).first() is None
    assert db.exec(select(Invitation)).one().accepted_at is None
    assert outbox_count(db) == queued
    assert client.get(f"/api/v1/invitations/{token}").status_code == 200


def test_an_unknown_token_is_a_404(client: TestClient, world: dict[str, Any]) -> None:
    assert anonymous(client).get("/api/v1/invitations/nope").status_code == 404
    assert client.post("/api/v1/invitations/nope/accept", json={}).status_code == 404


def test_a_member_cannot_be_invited_again(world: dict[str, Any], db: Session) -> None:
    response = invite(world, "editor@example.com")

    assert response.status_code == 409
    assert outbox_count(db) == 0


# --- the admin's list, resend, revoke ----------------------------------------------------------


def test_resend_gives_a_new_link_and_kills_the_old_one(
    world: dict[str, Any],
    db: Session,
    client: TestClient,
    clock: FrozenClock,
    settings: Settings,
    session_factory: Any,
    smtp_server: SmtpServer,
) -> None:
    created = invite(world, "sam@example.com", "editor").json()
    first = token_in(deliver(session_factory, settings, clock, smtp_server)[0])
    clock.advance(days=8)  # expired: an admin can still resend it
    admin = Api(
        client,
        browser_caller(db, user=world["people"]["admin"], settings=settings, now=clock.now()),
        world["ws"],
    )
    db.commit()
    listed = admin.ok("GET", "/invitations")["items"]
    assert [i["id"] for i in listed] == [created["id"]]

    resent = admin.send("POST", f"/invitations/{created['id']}/resend")

    assert resent.status_code == 200, resent.text
    assert resent.json()["id"] == created["id"]
    assert resent.json()["expires_at"] == (clock.now() + timedelta(days=7)).isoformat().replace(
        "+00:00", "Z"
    )
    messages = deliver(session_factory, settings, clock, smtp_server)
    assert len(messages) == 2
    second = token_in(messages[1])
    assert second != first
    anonymous(client)
    assert client.get(f"/api/v1/invitations/{first}").status_code == 404
    assert client.get(f"/api/v1/invitations/{second}").status_code == 200
    db.expire_all()
    assert "invitation.resent" in db.exec(select(Activity.action)).all()


def test_revoking_kills_the_link_at_once(
    world: dict[str, Any], db: Session, client: TestClient
) -> None:
    created = invite(world, "sam@example.com", "editor").json()
    token = _token_of_latest(db)
    admin: Api = world["admin"]

    assert admin.send("DELETE", f"/invitations/{created['id']}").status_code == 204

    assert admin.ok("GET", "/invitations")["items"] == []
    anonymous(client)
    assert client.get(f"/api/v1/invitations/{token}").status_code == 404
    assert (
        client.post(
            f"/api/v1/invitations/{token}/accept", json={"name": "Sam", "password": NEW_PASSWORD}
        ).status_code
        == 404
    )
    assert admin.send("DELETE", f"/invitations/{created['id']}").status_code == 404
    assert admin.send("POST", f"/invitations/{created['id']}/resend").status_code == 404
    db.expire_all()
    assert "invitation.revoked" in db.exec(select(Activity.action)).all()


def test_inviting_an_address_again_replaces_its_pending_invitation(
    world: dict[str, Any], db: Session, client: TestClient, clock: FrozenClock
) -> None:
    invite(world, "sam@example.com", "viewer")
    old = _token_of_latest(db)
    clock.advance(minutes=1)
    newer = invite(world, "sam@example.com", "editor").json()
    new = _token_of_latest(db)

    assert [i["id"] for i in world["admin"].ok("GET", "/invitations")["items"]] == [newer["id"]]
    anonymous(client)
    assert client.get(f"/api/v1/invitations/{old}").status_code == 404
    assert client.get(f"/api/v1/invitations/{new}").json()["role"] == "editor"


def test_a_retried_invitation_with_the_same_idempotency_key_is_sent_once(
    world: dict[str, Any], db: Session
) -> None:
    first = invite(world, "sam@example.com", **{"Idempotency-Key": "invite-sam"})
    again = invite(world, "sam@example.com", **{"Idempotency-Key": "invite-sam"})

    assert first.status_code == again.status_code == 202
    assert again.json() == first.json()
    assert outbox_count(db) == 1


def test_only_admins_in_a_browser_manage_invitations(
    world: dict[str, Any], db: Session, client: TestClient, clock: FrozenClock, settings: Settings
) -> None:
    ws: Workspace = world["ws"]
    editor = Api(client, world["callers"]["editor"], ws)
    outsider = Api(client, world["callers"]["noor"], ws)
    secret = make_token(
        db, user=world["people"]["admin"], workspace=ws, now=clock.now(), write=True
    )
    db.commit()
    token = Api(client, token_caller(secret), ws)
    body = {"email": "x@example.com", "role": "viewer"}

    assert editor.send("POST", "/invitations", body).status_code == 403
    assert token.send("POST", "/invitations", body).status_code == 403
    assert outsider.send("POST", "/invitations", body).status_code == 404
    assert editor.get("/invitations").status_code == 403
    assert outbox_count(db) == 0


def test_an_invited_address_that_unsubscribed_gets_no_more_invitations_but_the_same_answer(
    world: dict[str, Any],
    db: Session,
    client: TestClient,
    clock: FrozenClock,
    settings: Settings,
    session_factory: Any,
    smtp_server: SmtpServer,
) -> None:
    invite(world, "quiet@example.com")
    [message] = deliver(session_factory, settings, clock, smtp_server)
    one_click = message["List-Unsubscribe"].strip("<>")
    assert anonymous(client).post(one_click.removeprefix(PUBLIC_URL)).status_code in (200, 204)

    again = invite(world, "quiet@example.com")

    assert again.status_code == 202
    assert set(again.json()) == {"id", "email", "role", "created_at", "expires_at"}
    assert outbox_count(db) == 1  # the first message only


def test_invitation_ids_of_another_workspace_are_not_found(
    world: dict[str, Any], db: Session, client: TestClient, clock: FrozenClock, settings: Settings
) -> None:
    created = invite(world, "sam@example.com").json()
    now = clock.now()
    elsewhere = make_workspace(db, now=now, name="Other")
    admin2 = make_user(db, now=now, email="admin2@example.com")
    add_member(db, workspace=elsewhere, user=admin2, role=Role.admin, now=now)
    caller = browser_caller(db, user=admin2, settings=settings, now=now)
    db.commit()
    other = Api(client, caller, elsewhere)

    assert other.send("DELETE", f"/invitations/{created['id']}").status_code == 404
    assert other.send("POST", f"/invitations/{created['id']}/resend").status_code == 404
    assert other.ok("GET", "/invitations")["items"] == []
    assert other.send("DELETE", f"/invitations/{uuid.uuid4()}").status_code == 404
