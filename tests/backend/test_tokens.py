"""API tokens: shown once, stored hashed, one workspace, the owner's role narrowed by scopes."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from pilotboard.accounts.models import ApiToken, User
from pilotboard.activity.models import Activity
from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings
from pilotboard.core.security import sha256_hex
from pilotboard.workspaces.models import Membership, Role, Workspace
from tests.backend.factories import Caller, add_member, browser_caller, make_user, make_workspace


@pytest.fixture
def setup(
    db: Session, clock: FrozenClock, settings: Settings
) -> tuple[User, Workspace, Workspace, Caller]:
    now = clock.now()
    owner = make_user(db, now=now, name="Owner")
    home = make_workspace(db, now=now, name="Home")
    other = make_workspace(db, now=now, name="Other")
    add_member(db, workspace=home, user=owner, role=Role.admin, now=now)
    add_member(db, workspace=other, user=owner, role=Role.admin, now=now)
    caller = browser_caller(db, user=owner, settings=settings, now=now)
    db.commit()
    return owner, home, other, caller


def _create(
    client: TestClient, caller: Caller, workspace: Workspace, scopes: list[str], **extra: object
):  # type: ignore[no-untyped-def]
    for name, value in caller.cookies.items():
        client.cookies.set(name, value)
    return client.post(
        "/api/v1/tokens",
        json={"name": "CRM sync", "workspace_id": str(workspace.id), "scopes": scopes, **extra},
        headers=caller.headers,
    )


def test_secret_is_returned_once_and_stored_hashed(client: TestClient, db: Session, setup) -> None:  # type: ignore[no-untyped-def]
    _, home, _, caller = setup
    response = _create(client, caller, home, ["read", "write"])

    assert response.status_code == 201
    body = response.json()
    secret = body["token"]
    assert secret.startswith("pb_")
    assert len(secret) >= 3 + 43  # 32 random bytes: 256 bits
    assert body["scopes"] == ["read", "write"]
    assert body["prefix"] == secret[:7]
    stored = db.exec(select(ApiToken).where(ApiToken.name == "CRM sync")).one()
    assert stored.token_hash == sha256_hex(secret)
    listed = client.get("/api/v1/tokens", headers=caller.headers).json()["items"]
    assert [t["name"] for t in listed] == ["CRM sync"]
    assert "token" not in listed[0]
    assert secret not in client.get("/api/v1/tokens").text


def test_scopes_must_include_read(client: TestClient, setup) -> None:  # type: ignore[no-untyped-def]
    _, home, _, caller = setup

    response = _create(client, caller, home, ["write"])

    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "scopes"]


def test_expiry_must_be_in_the_future(client: TestClient, clock: FrozenClock, setup) -> None:  # type: ignore[no-untyped-def]
    _, home, _, caller = setup

    response = _create(
        client, caller, home, ["read"], expires_at=(clock.now() - timedelta(days=1)).isoformat()
    )

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"loc": ["body", "expires_at"], "msg": "The expiry must be in the future."}
    ]


def test_token_works_only_in_its_workspace(client: TestClient, setup) -> None:  # type: ignore[no-untyped-def]
    _, home, other, caller = setup
    secret = _create(client, caller, home, ["read"]).json()["token"]
    client.cookies.clear()
    bearer = {"Authorization": f"Bearer {secret}"}

    assert client.get(f"/api/v1/workspaces/{home.id}", headers=bearer).status_code == 200
    assert client.get(f"/api/v1/workspaces/{other.id}", headers=bearer).status_code == 404
    listed = client.get("/api/v1/workspaces", headers=bearer).json()["items"]
    assert [w["name"] for w in listed] == ["Home"]


def test_read_token_cannot_write_and_write_token_can(client: TestClient, setup) -> None:  # type: ignore[no-untyped-def]
    _, home, _, caller = setup
    read = _create(client, caller, home, ["read"]).json()["token"]
    write = _create(client, caller, home, ["read", "write"]).json()["token"]
    client.cookies.clear()

    refused = client.patch(
        f"/api/v1/workspaces/{home.id}",
        json={"name": "Renamed"},
        headers={"Authorization": f"Bearer {read}"},
    )
    allowed = client.patch(
        f"/api/v1/workspaces/{home.id}",
        json={"name": "Renamed"},
        headers={"Authorization": f"Bearer {write}"},
    )

    assert refused.status_code == 403
    assert refused.json()["detail"] == "This API token is read-only."
    assert allowed.status_code == 200
    assert allowed.json()["name"] == "Renamed"


def test_token_follows_the_owners_current_role(client: TestClient, db: Session, setup) -> None:  # type: ignore[no-untyped-def]
    owner, home, _, caller = setup
    write = _create(client, caller, home, ["read", "write"]).json()["token"]
    row = db.exec(
        select(Membership).where(Membership.user_id == owner.id, Membership.workspace_id == home.id)
    ).one()
    row.role = Role.viewer
    db.add(row)
    db.commit()
    client.cookies.clear()

    response = client.patch(
        f"/api/v1/workspaces/{home.id}",
        json={"name": "Renamed"},
        headers={"Authorization": f"Bearer {write}"},
    )

    assert response.status_code == 403


def test_tokens_cannot_create_tokens_or_manage_members(client: TestClient, setup) -> None:  # type: ignore[no-untyped-def]
    _, home, _, caller = setup
    write = _create(client, caller, home, ["read", "write"]).json()["token"]
    client.cookies.clear()
    bearer = {"Authorization": f"Bearer {write}"}

    create = client.post(
        "/api/v1/tokens",
        json={"name": "x", "workspace_id": str(home.id), "scopes": ["read"]},
        headers=bearer,
    )
    member = client.post(
        f"/api/v1/workspaces/{home.id}/members",
        json={"email": "a@b.c", "role": "viewer"},
        headers=bearer,
    )

    assert create.status_code == 403
    assert member.status_code == 403


def test_revoked_token_is_401(client: TestClient, db: Session, setup) -> None:  # type: ignore[no-untyped-def]
    _, home, _, caller = setup
    created = _create(client, caller, home, ["read"]).json()

    assert (
        client.delete(f"/api/v1/tokens/{created['id']}", headers=caller.headers).status_code == 204
    )
    client.cookies.clear()
    response = client.get(
        f"/api/v1/workspaces/{home.id}", headers={"Authorization": f"Bearer {created['token']}"}
    )

    assert response.status_code == 401
    actions = db.exec(
        select(Activity.action)
        .where(Activity.object_id == uuid.UUID(created["id"]))
        .order_by(Activity.occurred_at)
    ).all()
    assert sorted(actions) == ["token.created", "token.revoked"]


def test_expired_token_is_401(client: TestClient, clock: FrozenClock, setup) -> None:  # type: ignore[no-untyped-def]
    _, home, _, caller = setup
    secret = _create(
        client, caller, home, ["read"], expires_at=(clock.now() + timedelta(days=1)).isoformat()
    ).json()["token"]
    client.cookies.clear()
    bearer = {"Authorization": f"Bearer {secret}"}

    assert client.get(f"/api/v1/workspaces/{home.id}", headers=bearer).status_code == 200
    clock.advance(days=1)
    assert client.get(f"/api/v1/workspaces/{home.id}", headers=bearer).status_code == 401


def test_last_used_time_is_recorded(
    client: TestClient, db: Session, clock: FrozenClock, setup
) -> None:  # type: ignore[no-untyped-def]
    _, home, _, caller = setup
    created = _create(client, caller, home, ["read"]).json()
    assert created["last_used_at"] is None
    client.cookies.clear()
    clock.advance(minutes=5)

    client.get(
        f"/api/v1/workspaces/{home.id}", headers={"Authorization": f"Bearer {created['token']}"}
    )

    stored = db.get(ApiToken, uuid.UUID(created["id"]))
    assert stored is not None
    db.refresh(stored)
    assert stored.last_used_at == clock.now()


def test_someone_elses_token_cannot_be_revoked(
    client: TestClient, db: Session, clock: FrozenClock, settings: Settings, setup
) -> None:  # type: ignore[no-untyped-def]
    _, home, _, caller = setup
    created = _create(client, caller, home, ["read"]).json()
    stranger = make_user(db, now=clock.now())
    add_member(db, workspace=home, user=stranger, role=Role.admin, now=clock.now())
    other_caller = browser_caller(db, user=stranger, settings=settings, now=clock.now())
    db.commit()
    client.cookies.clear()
    for name, value in other_caller.cookies.items():
        client.cookies.set(name, value)

    response = client.delete(f"/api/v1/tokens/{created['id']}", headers=other_caller.headers)

    assert response.status_code == 404


def test_list_can_be_limited_to_one_workspace(client: TestClient, setup) -> None:  # type: ignore[no-untyped-def]
    _, home, other, caller = setup
    _create(client, caller, home, ["read"])
    _create(client, caller, other, ["read"])

    mine = client.get(
        "/api/v1/tokens", params={"workspace_id": str(other.id)}, headers=caller.headers
    )

    assert [t["workspace_id"] for t in mine.json()["items"]] == [str(other.id)]


@pytest.mark.parametrize("moment", ["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00"])
def test_an_expiry_outside_the_representable_range_is_a_422(  # type: ignore[no-untyped-def]
    client: TestClient, setup, moment: str
) -> None:
    _, home, _, caller = setup

    response = _create(client, caller, home, ["read"], expires_at=moment)

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "loc": ["body", "expires_at"],
            "msg": "Value error, The time is out of range: it must fall between the years 1 and "
            "9999 in UTC.",
        }
    ]
