"""No password hash, session id or token hash ever leaves the server."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from pilotboard.accounts.models import ApiToken, User, UserSession
from pilotboard.core.clock import FrozenClock
from pilotboard.workspaces.models import Role
from tests.backend.factories import PASSWORD, add_member, make_user, make_workspace

FORBIDDEN_FIELDS = {"password_hash", "token_hash", "password", "session_token"}


def test_openapi_exposes_no_secret_fields(client: TestClient) -> None:
    document = client.get("/openapi.json").json()

    for name, schema in document["components"]["schemas"].items():
        properties = set(schema.get("properties", {}))
        # Request bodies that take a password: signing in, and choosing one on accepting an
        # invitation.
        allowed = {"password"} if name in ("LoginRequest", "InvitationAccept") else set()
        assert properties & FORBIDDEN_FIELDS <= allowed, name


def test_no_response_contains_a_stored_secret(
    client: TestClient, db: Session, clock: FrozenClock
) -> None:
    now = clock.now()
    user = make_user(db, now=now, email="sam@example.com")
    workspace = make_workspace(db, now=now)
    add_member(db, workspace=workspace, user=user, role=Role.admin, now=now)
    db.commit()

    login = client.post(
        "/api/v1/auth/login", json={"email": "sam@example.com", "password": PASSWORD}
    )
    headers = {"X-CSRF-Token": login.json()["csrf_token"]}
    session_token = client.cookies.get("pilotboard_session")
    created = client.post(
        "/api/v1/tokens",
        json={"name": "BI", "workspace_id": str(workspace.id), "scopes": ["read"]},
        headers=headers,
    )
    bodies = [
        login.text,
        client.get("/api/v1/auth/me").text,
        client.get("/api/v1/tokens").text,
        client.get("/api/v1/workspaces").text,
        client.get(f"/api/v1/workspaces/{workspace.id}/members").text,
    ]

    secrets = {
        db.exec(select(User.password_hash).where(User.id == user.id)).one(),
        db.exec(select(UserSession.token_hash)).one(),
        db.exec(select(ApiToken.token_hash)).one(),
        session_token,
    }
    for body in bodies:
        for secret in secrets:
            assert secret not in body
        assert not FORBIDDEN_FIELDS & set(json.loads(body).keys() if body.startswith("{") else [])
    assert created.json()["token"] not in "".join(bodies)
