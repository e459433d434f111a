"""The authorization matrix, generated from the route table.

Every API operation by every kind of caller, with the status the access rules promise. A route
whose rule is not in ``EXPECTED`` fails here (and the app refuses to start without a rule).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from pilotboard.access import access_rule_of, api_routes
from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings
from pilotboard.main import create_app
from pilotboard.workspaces.models import Role
from tests.backend.conftest import make_settings
from tests.backend.factories import (
    Caller,
    add_member,
    browser_caller,
    make_token,
    make_user,
    make_workspace,
    token_caller,
)

PERSONAS = (
    "anonymous",
    "viewer",
    "executive",
    "editor",
    "admin",
    "outsider",
    "read_token",
    "write_token",
    "revoked_token",
)
OK = "allowed"

# rule -> persona -> expected status (or OK: the rule lets it through to the operation itself).
_WS_BASE = {"anonymous": 401, "revoked_token": 401, "outsider": 404}
EXPECTED: dict[str, dict[str, int | str]] = {
    "public": dict.fromkeys(PERSONAS, OK),
    "authenticated": {**dict.fromkeys(PERSONAS, OK), "anonymous": 401, "revoked_token": 401},
    "browser": {
        **dict.fromkeys(PERSONAS, OK),
        "anonymous": 401,
        "revoked_token": 401,
        "read_token": 403,
        "write_token": 403,
    },
    "workspace:read": {**dict.fromkeys(PERSONAS, OK), **_WS_BASE},
    "workspace:write": {
        **dict.fromkeys(PERSONAS, OK),
        **_WS_BASE,
        "viewer": 403,
        "executive": 403,
        "read_token": 403,
    },
    "workspace:decide": {
        **dict.fromkeys(PERSONAS, OK),
        **_WS_BASE,
        "viewer": 403,
        "editor": 403,
        "read_token": 403,
    },
    "workspace:comment": {
        **dict.fromkeys(PERSONAS, OK),
        **_WS_BASE,
        "viewer": 403,
        "read_token": 403,
    },
    "workspace:admin": {
        **dict.fromkeys(PERSONAS, OK),
        **_WS_BASE,
        "viewer": 403,
        "executive": 403,
        "editor": 403,
        "read_token": 403,
    },
    "workspace:admin_browser": {
        **dict.fromkeys(PERSONAS, OK),
        **_WS_BASE,
        "viewer": 403,
        "executive": 403,
        "editor": 403,
        "read_token": 403,
        "write_token": 403,
    },
}

_route_app = create_app(make_settings("sqlite://", Path("/nonexistent")), check_migrations=False)
ROUTES = [
    (method, route.path, access_rule_of(route))
    for route in api_routes(_route_app)
    for method in sorted(route.methods - {"HEAD"})
]


def test_every_route_has_a_known_rule() -> None:
    unknown = [(m, p, r) for m, p, r in ROUTES if r not in EXPECTED]
    assert unknown == []
    assert len(ROUTES) >= 14


@pytest.fixture
def world(db: Session, clock: FrozenClock, settings: Settings) -> dict[str, object]:
    now = clock.now()
    workspace = make_workspace(db, now=now, name="Acme")
    other = make_workspace(db, now=now, name="Elsewhere")
    callers: dict[str, Caller] = {"anonymous": Caller()}
    users = {}
    for role in Role:
        user = make_user(db, now=now, name=role.value)
        add_member(db, workspace=workspace, user=user, role=role, now=now)
        users[role.value] = user
        callers[role.value] = browser_caller(db, user=user, settings=settings, now=now)
    outsider = make_user(db, now=now, name="outsider")
    add_member(db, workspace=other, user=outsider, role=Role.admin, now=now)
    callers["outsider"] = browser_caller(db, user=outsider, settings=settings, now=now)
    admin = users["admin"]
    for name, write, revoked in (
        ("read_token", False, False),
        ("write_token", True, False),
        ("revoked_token", True, True),
    ):
        callers[name] = token_caller(
            make_token(db, user=admin, workspace=workspace, now=now, write=write, revoked=revoked)
        )
    db.commit()
    return {"workspace": workspace, "callers": callers, "users": users}


def _concrete(path: str, world: dict[str, object]) -> str:
    workspace = world["workspace"]
    users = world["users"]
    assert isinstance(users, dict)
    values = {
        "workspace_id": str(workspace.id),  # type: ignore[attr-defined]
        "user_id": str(users["viewer"].id),
        "token_id": "00000000-0000-4000-8000-000000000000",
    }
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), values["token_id"]), path)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("method", "path", "rule"), ROUTES, ids=[f"{m} {p}" for m, p, _ in ROUTES])
def test_access(
    client: TestClient,
    world: dict[str, object],
    persona: str,
    method: str,
    path: str,
    rule: str,
) -> None:
    callers = world["callers"]
    assert isinstance(callers, dict)
    caller: Caller = callers[persona]
    url = _concrete(path, world)
    client.cookies.clear()
    for name, value in caller.cookies.items():
        client.cookies.set(name, value)
    if "/imports/" in path:  # uploads are multipart; a JSON body would be refused (415) first
        files = {"file": ("empty.csv", b"name\n", "text/csv")}
        response = client.request(method, url, headers=caller.headers, files=files)
    else:
        body = {} if method in ("POST", "PUT", "PATCH") else None
        response = client.request(method, url, headers=caller.headers, json=body)

    expected = EXPECTED[rule][persona]
    if expected == OK:
        assert response.status_code not in (401, 403), response.text
        assert response.status_code < 500, response.text
        if response.status_code == 404:
            # Only the object in the path may be missing, never the workspace.
            assert "workspace" not in response.json()["detail"].lower()
    else:
        assert response.status_code == expected, response.text
