"""Workspaces and memberships: mine only, admins manage members, never without an admin."""

from __future__ import annotations

import uuid

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from pilotboard.accounts.models import User
from pilotboard.activity.models import Activity
from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings
from pilotboard.workspaces.models import Membership, Role, Workspace
from tests.backend.factories import Caller, add_member, browser_caller, make_user, make_workspace


def use(client: TestClient, caller: Caller) -> dict[str, str]:
    client.cookies.clear()
    for name, value in caller.cookies.items():
        client.cookies.set(name, value)
    return caller.headers


@pytest.fixture
def team(db: Session, clock: FrozenClock, settings: Settings) -> dict[str, object]:
    now = clock.now()
    workspace = make_workspace(db, now=now, name="Acme")
    admin = make_user(db, now=now, name="Ada Admin", email="ada@example.com")
    viewer = make_user(db, now=now, name="Vic Viewer", email="vic@example.com")
    newcomer = make_user(db, now=now, name="Nia New", email="nia@example.com")
    add_member(db, workspace=workspace, user=admin, role=Role.admin, now=now)
    add_member(db, workspace=workspace, user=viewer, role=Role.viewer, now=now)
    db.commit()
    return {
        "workspace": workspace,
        "admin": admin,
        "viewer": viewer,
        "newcomer": newcomer,
        "admin_caller": browser_caller(db, user=admin, settings=settings, now=now),
        "viewer_caller": browser_caller(db, user=viewer, settings=settings, now=now),
    }


def test_list_shows_only_my_workspaces(
    client: TestClient, db: Session, clock: FrozenClock, team
) -> None:  # type: ignore[no-untyped-def]
    make_workspace(db, now=clock.now(), name="Someone else's")
    db.commit()
    headers = use(client, team["viewer_caller"])

    items = client.get("/api/v1/workspaces", headers=headers).json()["items"]

    assert [(w["name"], w["role"]) for w in items] == [("Acme", "viewer")]


def test_creating_a_workspace_makes_me_its_admin(client: TestClient, db: Session, team) -> None:  # type: ignore[no-untyped-def]
    headers = use(client, team["viewer_caller"])

    response = client.post(
        "/api/v1/workspaces", json={"name": "  Field services "}, headers=headers
    )

    assert response.status_code == 201
    assert response.json()["name"] == "Field services"
    assert response.json()["role"] == "admin"
    assert response.json()["currency"] == "EUR"
    assert response.headers["etag"].startswith('"')
    membership = db.exec(
        select(Membership).where(Membership.workspace_id == uuid.UUID(response.json()["id"]))
    ).one()
    assert (membership.user_id, membership.role) == (team["viewer"].id, "admin")


def test_admin_adds_a_member_by_email(client: TestClient, db: Session, team) -> None:  # type: ignore[no-untyped-def]
    headers = use(client, team["admin_caller"])
    ws = team["workspace"].id

    response = client.post(
        f"/api/v1/workspaces/{ws}/members",
        json={"email": "NIA@example.com", "role": "editor"},
        headers=headers,
    )

    assert response.status_code == 201
    assert response.json()["email"] == "nia@example.com"
    assert response.json()["role"] == "editor"
    members = client.get(f"/api/v1/workspaces/{ws}/members", headers=headers).json()["items"]
    assert sorted(m["name"] for m in members) == ["Ada Admin", "Nia New", "Vic Viewer"]


def test_adding_an_unknown_email_names_the_field(client: TestClient, team) -> None:  # type: ignore[no-untyped-def]
    headers = use(client, team["admin_caller"])

    response = client.post(
        f"/api/v1/workspaces/{team['workspace'].id}/members",
        json={"email": "ghost@example.com", "role": "viewer"},
        headers=headers,
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "email"]


def test_adding_an_existing_member_is_409(client: TestClient, team) -> None:  # type: ignore[no-untyped-def]
    headers = use(client, team["admin_caller"])

    response = client.post(
        f"/api/v1/workspaces/{team['workspace'].id}/members",
        json={"email": "vic@example.com", "role": "viewer"},
        headers=headers,
    )

    assert response.status_code == 409


def test_admin_changes_a_role(client: TestClient, db: Session, team) -> None:  # type: ignore[no-untyped-def]
    headers = use(client, team["admin_caller"])
    url = f"/api/v1/workspaces/{team['workspace'].id}/members/{team['viewer'].id}"

    response = client.patch(url, json={"role": "executive"}, headers=headers)

    assert response.status_code == 200
    assert response.json()["role"] == "executive"
    entry = db.exec(select(Activity).where(Activity.action == "membership.updated")).one()
    assert (entry.before, entry.after) == ({"role": "viewer"}, {"role": "executive"})
    assert entry.actor_user_id == team["admin"].id


def test_last_admin_cannot_be_demoted_or_removed(client: TestClient, team) -> None:  # type: ignore[no-untyped-def]
    headers = use(client, team["admin_caller"])
    url = f"/api/v1/workspaces/{team['workspace'].id}/members/{team['admin'].id}"

    demote = client.patch(url, json={"role": "editor"}, headers=headers)
    remove = client.delete(url, headers=headers)

    assert demote.status_code == 409
    assert remove.status_code == 409
    assert (
        demote.json()["detail"]
        == "This is the workspace's last admin: make another member admin first."
    )


def test_an_admin_can_leave_once_another_admin_exists(
    client: TestClient, db: Session, team
) -> None:  # type: ignore[no-untyped-def]
    headers = use(client, team["admin_caller"])
    ws = team["workspace"].id
    client.patch(
        f"/api/v1/workspaces/{ws}/members/{team['viewer'].id}",
        json={"role": "admin"},
        headers=headers,
    )

    response = client.delete(f"/api/v1/workspaces/{ws}/members/{team['admin'].id}", headers=headers)

    assert response.status_code == 204
    remaining = db.exec(select(Membership.role).where(Membership.workspace_id == ws)).all()
    assert list(remaining) == ["admin"]


def test_non_admins_cannot_manage_members(client: TestClient, team) -> None:  # type: ignore[no-untyped-def]
    headers = use(client, team["viewer_caller"])
    ws = team["workspace"].id

    add = client.post(
        f"/api/v1/workspaces/{ws}/members",
        json={"email": "nia@example.com", "role": "admin"},
        headers=headers,
    )
    promote = client.patch(
        f"/api/v1/workspaces/{ws}/members/{team['viewer'].id}",
        json={"role": "admin"},
        headers=headers,
    )

    assert add.status_code == 403
    assert promote.status_code == 403


def test_stale_if_match_is_412_and_changes_nothing(client: TestClient, db: Session, team) -> None:  # type: ignore[no-untyped-def]
    headers = use(client, team["admin_caller"])
    url = f"/api/v1/workspaces/{team['workspace'].id}"
    etag = client.get(url, headers=headers).headers["etag"]
    assert (
        client.patch(url, json={"name": "First"}, headers={**headers, "If-Match": etag}).status_code
        == 200
    )

    stale = client.patch(url, json={"name": "Second"}, headers={**headers, "If-Match": etag})

    assert stale.status_code == 412
    assert stale.json()["current"]["name"] == "First"
    assert client.get(url, headers=headers).json()["name"] == "First"


def test_patch_refuses_unknown_and_read_only_fields(client: TestClient, team) -> None:  # type: ignore[no-untyped-def]
    headers = use(client, team["admin_caller"])

    response = client.patch(
        f"/api/v1/workspaces/{team['workspace'].id}",
        json={"role": "viewer", "id": "x"},
        headers=headers,
    )

    assert response.status_code == 422
    assert sorted(e["loc"][-1] for e in response.json()["errors"]) == ["id", "role"]


def test_pagination_walks_every_member_once(
    client: TestClient, db: Session, clock: FrozenClock, team
) -> None:  # type: ignore[no-untyped-def]
    ws: Workspace = team["workspace"]
    for i in range(7):
        clock.advance(seconds=1)
        user: User = make_user(db, now=clock.now(), name=f"Member {i}")
        add_member(db, workspace=ws, user=user, role=Role.viewer, now=clock.now())
    db.commit()
    headers = use(client, team["admin_caller"])

    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = client.get(
            f"/api/v1/workspaces/{ws.id}/members", params=params, headers=headers
        ).json()
        seen += [m["name"] for m in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break

    assert pages == 3
    assert len(seen) == 9
    assert len(set(seen)) == 9


def test_garbage_cursor_is_a_validation_error(client: TestClient, team) -> None:  # type: ignore[no-untyped-def]
    headers = use(client, team["admin_caller"])

    response = client.get(
        f"/api/v1/workspaces/{team['workspace'].id}/members?cursor=bm9wZQ", headers=headers
    )

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"loc": ["query", "cursor"], "msg": "Not a cursor this API issued."}
    ]


def test_member_list_items_carry_the_version_a_change_checks(  # type: ignore[no-untyped-def]
    client: TestClient, clock: FrozenClock, team
) -> None:
    headers = use(client, team["admin_caller"])
    base = f"/api/v1/workspaces/{team['workspace'].id}/members"
    listed = {m["user_id"]: m["etag"] for m in client.get(base, headers=headers).json()["items"]}
    viewer, admin = str(team["viewer"].id), str(team["admin"].id)
    assert set(listed) == {viewer, admin}
    assert listed[viewer] != listed[admin]
    assert all(
        tag.startswith('"') and tag.endswith('"') and len(tag) == 34 for tag in listed.values()
    )

    clock.advance(minutes=1)
    changed = client.patch(
        f"{base}/{viewer}", json={"role": "editor"}, headers={**headers, "If-Match": listed[viewer]}
    )

    assert changed.status_code == 200, changed.text
    assert changed.json()["etag"] == changed.headers["etag"] != listed[viewer]
    relisted = {m["user_id"]: m["etag"] for m in client.get(base, headers=headers).json()["items"]}
    assert relisted == {viewer: changed.headers["etag"], admin: listed[admin]}
    stale = client.delete(f"{base}/{viewer}", headers={**headers, "If-Match": listed[viewer]})
    assert stale.status_code == 412
    assert stale.json()["current"]["role"] == "editor"
    removed = client.delete(f"{base}/{viewer}", headers={**headers, "If-Match": relisted[viewer]})
    assert removed.status_code == 204
