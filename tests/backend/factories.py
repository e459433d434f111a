"""Test data builders: each test makes exactly what it needs, inside its own transaction."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from pilotboard.accounts.models import ApiToken, User
from pilotboard.accounts.service import start_session
from pilotboard.core import security
from pilotboard.core.config import Settings
from pilotboard.workspaces.models import Membership, Role, Workspace

PASSWORD = "correct horse battery staple"


@lru_cache
def password_hash() -> str:
    """Hashing is slow on purpose; tests share one hash of ``PASSWORD``."""
    return security.hash_password(PASSWORD)


def make_user(
    db: Session,
    *,
    now: datetime,
    email: str | None = None,
    name: str = "Test User",
    is_admin: bool = False,
    is_active: bool = True,
) -> User:
    user = User(
        email=email or f"user-{uuid.uuid4().hex[:8]}@example.com",
        name=name,
        password_hash=password_hash(),
        is_admin=is_admin,
        is_active=is_active,
        created_at=now,
        updated_at=now,
    )
    db.add(user)
    db.flush()
    return user


def make_workspace(db: Session, *, now: datetime, name: str = "Test workspace") -> Workspace:
    workspace = Workspace(name=name, created_at=now, updated_at=now)
    db.add(workspace)
    db.flush()
    return workspace


def add_member(
    db: Session, *, workspace: Workspace, user: User, role: Role, now: datetime
) -> Membership:
    membership = Membership(
        workspace_id=workspace.id, user_id=user.id, role=role, created_at=now, updated_at=now
    )
    db.add(membership)
    db.flush()
    return membership


def make_token(
    db: Session,
    *,
    user: User,
    workspace: Workspace,
    now: datetime,
    write: bool,
    revoked: bool = False,
    expires_at: datetime | None = None,
) -> str:
    secret = security.new_api_token()
    db.add(
        ApiToken(
            workspace_id=workspace.id,
            user_id=user.id,
            name="test token",
            token_hash=security.sha256_hex(secret),
            prefix=secret[:7],
            can_write=write,
            revoked_at=now if revoked else None,
            expires_at=expires_at,
            created_at=now,
            updated_at=now,
        )
    )
    db.flush()
    return secret


@dataclass
class Caller:
    """How a persona authenticates: cookies and headers to send."""

    cookies: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


def browser_caller(db: Session, *, user: User, settings: Settings, now: datetime) -> Caller:
    outcome = start_session(
        db, user=user, settings=settings, now=now, client_address="127.0.0.1", user_agent="pytest"
    )
    csrf = security.csrf_token_for(outcome.session_token, key=settings.secret())
    return Caller(
        cookies={"pilotboard_session": outcome.session_token}, headers={"X-CSRF-Token": csrf}
    )


def token_caller(secret: str) -> Caller:
    return Caller(headers={"Authorization": f"Bearer {secret}"})


class Api:
    """A caller (browser session or token) bound to one workspace's API."""

    def __init__(self, client: TestClient, caller: Caller, workspace: Workspace) -> None:
        self.client, self.caller, self.base = client, caller, f"/api/v1/workspaces/{workspace.id}"

    def _use(self) -> None:
        self.client.cookies.clear()
        for name, value in self.caller.cookies.items():
            self.client.cookies.set(name, value)

    def get(self, path: str, **params: Any) -> Any:
        self._use()
        return self.client.get(self.base + path, params=params, headers=self.caller.headers)

    def send(self, method: str, path: str, body: Any = None, **headers: str) -> Any:
        self._use()
        return self.client.request(
            method, self.base + path, json=body, headers={**self.caller.headers, **headers}
        )

    def ok(self, method: str, path: str, body: Any = None) -> Any:
        response = self.send(method, path, body)
        assert response.status_code in (200, 201, 204), response.text
        return response.json() if response.content else None
