"""Departments: unique names, filters, pagination, ETags, idempotent creates, safe deletes."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection
from sqlmodel import Session, select

from pilotboard.accounts.models import User
from pilotboard.activity.models import Activity
from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings
from pilotboard.departments.models import Department
from pilotboard.pilots.models import Involvement, Pilot, ScalePlanItem
from pilotboard.workspaces.models import Role, Workspace
from tests.backend.factories import Caller, add_member, browser_caller, make_user, make_workspace
from tests.backend.queries import count_queries

CONFLICT = "https://pilotboard.dev/problems/conflict"


def use(client: TestClient, caller: Caller) -> dict[str, str]:
    client.cookies.clear()
    for name, value in caller.cookies.items():
        client.cookies.set(name, value)
    return caller.headers


@pytest.fixture
def team(db: Session, clock: FrozenClock, settings: Settings) -> dict[str, Any]:
    now = clock.now()
    workspace = make_workspace(db, now=now, name="Acme")
    editor = make_user(db, now=now, name="Eve Editor")
    viewer = make_user(db, now=now, name="Vic Viewer")
    add_member(db, workspace=workspace, user=editor, role=Role.editor, now=now)
    add_member(db, workspace=workspace, user=viewer, role=Role.viewer, now=now)
    db.commit()
    return {
        "workspace": workspace,
        "editor": editor,
        "url": f"/api/v1/workspaces/{workspace.id}/departments",
        "editor_caller": browser_caller(db, user=editor, settings=settings, now=now),
        "viewer_caller": browser_caller(db, user=viewer, settings=settings, now=now),
    }


def make_department(
    db: Session, clock: FrozenClock, workspace: Workspace, name: str, **fields: str
) -> Department:
    clock.advance(seconds=1)
    department = Department(
        workspace_id=workspace.id,
        name=name,
        created_at=clock.now(),
        updated_at=clock.now(),
        **fields,
    )
    db.add(department)
    db.flush()
    return department


def make_pilot(
    db: Session, clock: FrozenClock, workspace: Workspace, owner: User, title: str
) -> Pilot:
    now = clock.now()
    pilot = Pilot(
        workspace_id=workspace.id,
        title=title,
        target_outcome="profitability",
        owner_id=owner.id,
        stage_entered_at=now,
        created_at=now,
        updated_at=now,
    )
    db.add(pilot)
    db.flush()
    return pilot


def test_create_returns_the_department_with_an_etag_and_logs_it(
    client: TestClient, db: Session, clock: FrozenClock, team: dict[str, Any]
) -> None:
    headers = use(client, team["editor_caller"])

    response = client.post(
        team["url"],
        json={
            "name": "  Field service ",
            "lead_name": " Maria Jensen",
            "kpi": "First-time fix rate",
        },
        headers=headers,
    )

    assert response.status_code == 201
    body = response.json()
    assert {k: body[k] for k in ("name", "lead_name", "kpi")} == {
        "name": "Field service",
        "lead_name": "Maria Jensen",
        "kpi": "First-time fix rate",
    }
    assert body["created_at"] == body["updated_at"] == "2026-01-15T09:00:00Z"
    read = client.get(f"{team['url']}/{body['id']}", headers=headers)
    assert read.json() == body
    assert response.headers["etag"] == read.headers["etag"]
    entry = db.exec(select(Activity).where(Activity.action == "department.created")).one()
    assert entry.object_type == "department"
    assert entry.object_id == uuid.UUID(body["id"])
    assert entry.workspace_id == team["workspace"].id
    assert entry.actor_user_id == team["editor"].id
    assert entry.after == {
        "name": "Field service",
        "lead_name": "Maria Jensen",
        "kpi": "First-time fix rate",
    }
    assert entry.summary == "Department “Field service” created"


def test_only_the_name_is_required(client: TestClient, team: dict[str, Any]) -> None:
    headers = use(client, team["editor_caller"])

    response = client.post(team["url"], json={"name": "Finance"}, headers=headers)

    assert response.status_code == 201
    assert (response.json()["lead_name"], response.json()["kpi"]) == ("", "")


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": "   "}, "name"),
        ({}, "name"),
        ({"name": "x" * 121}, "name"),
        ({"name": "Ops", "kpi": "k" * 301}, "kpi"),
        ({"name": "Ops", "id": str(uuid.uuid4())}, "id"),
        ({"name": "Ops", "created_at": "2026-01-01T00:00:00Z"}, "created_at"),
        ({"name": "Ops", "head": "Ann"}, "head"),
    ],
)
def test_invalid_bodies_name_the_field(
    client: TestClient, db: Session, team: dict[str, Any], payload: dict[str, Any], field: str
) -> None:
    headers = use(client, team["editor_caller"])

    response = client.post(team["url"], json=payload, headers=headers)

    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["errors"]] == [["body", field]]
    assert db.exec(select(Department)).all() == []


def test_names_are_unique_per_workspace_ignoring_case(
    client: TestClient, db: Session, clock: FrozenClock, team: dict[str, Any]
) -> None:
    make_department(db, clock, team["workspace"], "Field Service")
    make_department(db, clock, make_workspace(db, now=clock.now(), name="Other"), "Sales")
    db.commit()
    headers = use(client, team["editor_caller"])

    duplicate = client.post(team["url"], json={"name": "field service"}, headers=headers)
    elsewhere = client.post(team["url"], json={"name": "Sales"}, headers=headers)

    assert duplicate.status_code == 409
    assert duplicate.json()["type"] == CONFLICT
    assert duplicate.json()["detail"] == (
        "A department named “field service” already exists in this workspace; choose another name."
    )
    assert elsewhere.status_code == 201


def test_renaming_onto_another_name_is_409_but_recasing_itself_is_fine(
    client: TestClient, db: Session, clock: FrozenClock, team: dict[str, Any]
) -> None:
    make_department(db, clock, team["workspace"], "Sales")
    finance = make_department(db, clock, team["workspace"], "Finance")
    db.commit()
    headers = use(client, team["editor_caller"])
    url = f"{team['url']}/{finance.id}"

    clash = client.patch(url, json={"name": "SALES"}, headers=headers)
    recase = client.patch(url, json={"name": "FINANCE"}, headers=headers)

    assert clash.status_code == 409
    assert recase.status_code == 200
    assert recase.json()["name"] == "FINANCE"


def test_q_matches_name_lead_and_kpi_case_insensitively(
    client: TestClient, db: Session, clock: FrozenClock, team: dict[str, Any]
) -> None:
    ws = team["workspace"]
    make_department(db, clock, ws, "Field service", lead_name="Maria", kpi="First-time fix rate")
    make_department(db, clock, ws, "Sales", lead_name="Otto Fielding", kpi="Bookings")
    make_department(db, clock, ws, "Finance", lead_name="Ann", kpi="Margin above 40%")
    make_department(db, clock, ws, "Legal_Ops", lead_name="Lee", kpi="Contract cycle time")
    make_department(db, clock, make_workspace(db, now=clock.now()), "Fielders")
    db.commit()
    headers = use(client, team["editor_caller"])

    def names(**params: str) -> list[str]:
        response = client.get(team["url"], params=params, headers=headers)
        assert response.status_code == 200
        return [d["name"] for d in response.json()["items"]]

    assert names(q="FIELD") == ["Field service", "Sales"]
    assert names(q="fix") == ["Field service"]
    assert names(q="%") == ["Finance"]
    assert names(q="_") == ["Legal_Ops"]
    assert names(q="  ") == ["Field service", "Sales", "Finance", "Legal_Ops"]
    assert names(q="nothing like it") == []


def test_pagination_returns_each_department_once_in_one_query_per_page(
    client: TestClient,
    db: Session,
    clock: FrozenClock,
    connection: Connection,
    team: dict[str, Any],
) -> None:
    for i in range(7):
        make_department(db, clock, team["workspace"], f"Department {i}")
    db.commit()
    headers = use(client, team["editor_caller"])

    seen: list[str] = []
    cursor = None
    pages = 0
    with count_queries(connection) as statements:
        while True:
            params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
            page = client.get(team["url"], params=params, headers=headers).json()
            seen += [d["name"] for d in page["items"]]
            pages += 1
            cursor = page["next_cursor"]
            if cursor is None:
                break

    assert pages == 3
    assert seen == [f"Department {i}" for i in range(7)]
    assert len([s for s in statements if "FROM departments" in s]) == 3


def test_unknown_or_foreign_ids_are_404_without_naming_the_workspace(
    client: TestClient, db: Session, clock: FrozenClock, team: dict[str, Any]
) -> None:
    foreign = make_department(db, clock, make_workspace(db, now=clock.now()), "Theirs")
    db.commit()
    headers = use(client, team["editor_caller"])

    for department_id in (foreign.id, uuid.uuid4()):
        url = f"{team['url']}/{department_id}"
        for response in (
            client.get(url, headers=headers),
            client.patch(url, json={"kpi": "x"}, headers=headers),
            client.delete(url, headers=headers),
        ):
            assert response.status_code == 404
            assert response.json()["detail"] == "No department with this id."
    assert db.get(Department, foreign.id) is not None


def test_patch_changes_only_the_fields_sent_and_logs_the_difference(
    client: TestClient, db: Session, clock: FrozenClock, team: dict[str, Any]
) -> None:
    department = make_department(
        db, clock, team["workspace"], "Sales", lead_name="Otto", kpi="Bookings"
    )
    db.commit()
    clock.advance(hours=1)
    headers = use(client, team["editor_caller"])

    response = client.patch(
        f"{team['url']}/{department.id}", json={"kpi": " Net revenue "}, headers=headers
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["name"], body["lead_name"], body["kpi"]) == ("Sales", "Otto", "Net revenue")
    assert body["updated_at"] == "2026-01-15T10:00:01Z"
    assert (
        response.headers["etag"]
        == client.get(f"{team['url']}/{department.id}", headers=headers).headers["etag"]
    )
    entry = db.exec(select(Activity).where(Activity.action == "department.updated")).one()
    assert (entry.before, entry.after) == ({"kpi": "Bookings"}, {"kpi": "Net revenue"})
    assert entry.summary == "Department “Sales” changed: kpi"


def test_patch_without_a_change_touches_nothing(
    client: TestClient, db: Session, clock: FrozenClock, team: dict[str, Any]
) -> None:
    department = make_department(db, clock, team["workspace"], "Sales", kpi="Bookings")
    db.commit()
    clock.advance(hours=1)
    headers = use(client, team["editor_caller"])

    response = client.patch(
        f"{team['url']}/{department.id}", json={"kpi": "Bookings"}, headers=headers
    )

    assert response.status_code == 200
    assert response.json()["updated_at"] == "2026-01-15T09:00:01Z"
    assert db.exec(select(Activity).where(Activity.action == "department.updated")).all() == []


@pytest.mark.parametrize("field", ["name", "lead_name", "kpi"])
def test_patch_refuses_null(
    client: TestClient, db: Session, clock: FrozenClock, team: dict[str, Any], field: str
) -> None:
    department = make_department(db, clock, team["workspace"], "Sales")
    db.commit()
    headers = use(client, team["editor_caller"])

    response = client.patch(f"{team['url']}/{department.id}", json={field: None}, headers=headers)

    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["errors"]] == [["body", field]]


def test_patch_refuses_unknown_and_read_only_fields(
    client: TestClient, db: Session, clock: FrozenClock, team: dict[str, Any]
) -> None:
    department = make_department(db, clock, team["workspace"], "Sales")
    db.commit()
    headers = use(client, team["editor_caller"])

    response = client.patch(
        f"{team['url']}/{department.id}",
        json={"updated_at": "2026-01-01T00:00:00Z", "lead": "x"},
        headers=headers,
    )

    assert response.status_code == 422
    assert sorted(e["loc"][-1] for e in response.json()["errors"]) == ["lead", "updated_at"]
    assert {e["msg"] for e in response.json()["errors"]} == {
        "Unknown or read-only field: it cannot be set here"
    }


def test_stale_if_match_is_412_and_changes_nothing(
    client: TestClient, db: Session, clock: FrozenClock, team: dict[str, Any]
) -> None:
    department = make_department(db, clock, team["workspace"], "Sales")
    db.commit()
    headers = use(client, team["editor_caller"])
    url = f"{team['url']}/{department.id}"
    etag = client.get(url, headers=headers).headers["etag"]
    first = client.patch(url, json={"kpi": "Bookings"}, headers={**headers, "If-Match": etag})
    assert first.status_code == 200

    stale_patch = client.patch(url, json={"kpi": "Churn"}, headers={**headers, "If-Match": etag})
    stale_delete = client.delete(url, headers={**headers, "If-Match": etag})

    assert stale_patch.status_code == 412
    assert stale_patch.json()["current"]["kpi"] == "Bookings"
    assert stale_delete.status_code == 412
    assert client.get(url, headers=headers).json()["kpi"] == "Bookings"
    fresh = client.delete(url, headers={**headers, "If-Match": first.headers["etag"]})
    assert fresh.status_code == 204


def test_delete_removes_it_and_logs_what_it_was(
    client: TestClient, db: Session, clock: FrozenClock, team: dict[str, Any]
) -> None:
    department = make_department(db, clock, team["workspace"], "Sales", lead_name="Otto")
    db.commit()
    headers = use(client, team["editor_caller"])
    url = f"{team['url']}/{department.id}"

    response = client.delete(url, headers=headers)

    assert response.status_code == 204
    assert response.content == b""
    assert client.get(url, headers=headers).status_code == 404
    entry = db.exec(select(Activity).where(Activity.action == "department.deleted")).one()
    assert entry.object_id == department.id
    assert entry.before == {"name": "Sales", "lead_name": "Otto", "kpi": ""}


def test_delete_of_an_involved_department_is_409_naming_the_pilots(
    client: TestClient, db: Session, clock: FrozenClock, team: dict[str, Any]
) -> None:
    ws = team["workspace"]
    department = make_department(db, clock, ws, "Field service")
    involved = make_pilot(db, clock, ws, team["editor"], "Remote diagnostics")
    clock.advance(seconds=1)
    planned = make_pilot(db, clock, ws, team["editor"], "Predictive parts")
    make_pilot(db, clock, ws, team["editor"], "Unrelated")
    now = clock.now()
    db.add(
        Involvement(
            workspace_id=ws.id,
            pilot_id=involved.id,
            department_id=department.id,
            created_at=now,
            updated_at=now,
        )
    )
    db.add(ScalePlanItem(workspace_id=ws.id, pilot_id=planned.id, department_id=department.id))
    db.commit()
    headers = use(client, team["editor_caller"])

    response = client.delete(f"{team['url']}/{department.id}", headers=headers)

    assert response.status_code == 409
    problem = response.json()
    assert problem["type"] == CONFLICT
    assert problem["detail"] == (
        "This department is involved in, or in the scale plan of, the pilots "
        "“Remote diagnostics”, “Predictive parts”; remove it from them first."
    )
    assert problem["pilots"] == [
        {"id": str(involved.id), "title": "Remote diagnostics"},
        {"id": str(planned.id), "title": "Predictive parts"},
    ]
    assert db.get(Department, department.id) is not None
    assert db.exec(select(Activity).where(Activity.action == "department.deleted")).all() == []


def test_idempotency_key_creates_once_and_refuses_another_body(
    client: TestClient, db: Session, team: dict[str, Any]
) -> None:
    headers = {**use(client, team["editor_caller"]), "Idempotency-Key": "dept-1"}

    responses = [
        client.post(team["url"], json={"name": "Sales"}, headers=headers) for _ in range(3)
    ]
    other = client.post(team["url"], json={"name": "Finance"}, headers=headers)

    assert [r.status_code for r in responses] == [201, 201, 201]
    assert len({r.json()["id"] for r in responses}) == 1
    assert len({r.headers["etag"] for r in responses}) == 1
    assert [r.headers.get("idempotent-replayed") for r in responses] == [None, "true", "true"]
    assert other.status_code == 422
    assert other.json()["errors"][0]["loc"] == ["header", "Idempotency-Key"]
    rows = db.exec(select(Department).where(Department.workspace_id == team["workspace"].id))
    assert [d.name for d in rows.all()] == ["Sales"]
    created = db.exec(select(Activity).where(Activity.action == "department.created")).all()
    assert len(created) == 1


def test_viewers_read_but_cannot_write(
    client: TestClient, db: Session, clock: FrozenClock, team: dict[str, Any]
) -> None:
    department = make_department(db, clock, team["workspace"], "Sales")
    db.commit()
    headers = use(client, team["viewer_caller"])
    url = f"{team['url']}/{department.id}"

    assert client.get(team["url"], headers=headers).status_code == 200
    assert client.get(url, headers=headers).status_code == 200
    assert client.post(team["url"], json={"name": "New"}, headers=headers).status_code == 403
    assert client.patch(url, json={"kpi": "x"}, headers=headers).status_code == 403
    assert client.delete(url, headers=headers).status_code == 403
    assert db.get(Department, department.id) is not None
    assert db.exec(select(Activity)).all() == []
