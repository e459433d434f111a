"""Customers: filters, unique external ids, pagination, ETags, idempotent creates, safe deletes."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from pilotboard.accounts.models import User
from pilotboard.activity.models import Activity
from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings
from pilotboard.customers.models import Customer
from pilotboard.pilots.models import Candidate, Pilot
from pilotboard.workspaces.models import Role, Workspace
from tests.backend.factories import (
    Caller,
    add_member,
    browser_caller,
    make_token,
    make_user,
    make_workspace,
    token_caller,
)

CONFLICT = "https://pilotboard.dev/problems/conflict"
FULL = {
    "name": "Nordwind Logistics",
    "segment": "Mid-market",
    "annual_revenue": 1250000.5,
    "is_premier_account": True,
    "external_id": "CRM-1",
    "notes": "Data team on site.",
}


def use(client: TestClient, caller: Caller) -> dict[str, str]:
    client.cookies.clear()
    for name, value in caller.cookies.items():
        client.cookies.set(name, value)
    return caller.headers


@pytest.fixture
def team(db: Session, clock: FrozenClock, settings: Settings) -> dict[str, Any]:
    now = clock.now()
    workspace = make_workspace(db, now=now, name="Acme")
    admin = make_user(db, now=now, name="Ada Admin")
    viewer = make_user(db, now=now, name="Vic Viewer")
    executive = make_user(db, now=now, name="Exe Cutive")
    add_member(db, workspace=workspace, user=admin, role=Role.admin, now=now)
    add_member(db, workspace=workspace, user=viewer, role=Role.viewer, now=now)
    add_member(db, workspace=workspace, user=executive, role=Role.executive, now=now)
    db.commit()
    return {
        "workspace": workspace,
        "admin": admin,
        "url": f"/api/v1/workspaces/{workspace.id}/customers",
        "admin_caller": browser_caller(db, user=admin, settings=settings, now=now),
        "viewer_caller": browser_caller(db, user=viewer, settings=settings, now=now),
        "executive_caller": browser_caller(db, user=executive, settings=settings, now=now),
    }


def make_customer(
    db: Session, clock: FrozenClock, workspace: Workspace, name: str, **fields: Any
) -> Customer:
    clock.advance(seconds=1)
    customer = Customer(
        workspace_id=workspace.id,
        name=name,
        created_at=clock.now(),
        updated_at=clock.now(),
        **fields,
    )
    db.add(customer)
    db.flush()
    return customer


def make_pilot(
    db: Session, clock: FrozenClock, workspace: Workspace, owner: User, title: str, **fields: Any
) -> Pilot:
    clock.advance(seconds=1)
    now = clock.now()
    pilot = Pilot(
        workspace_id=workspace.id,
        title=title,
        target_outcome="profitability",
        owner_id=owner.id,
        stage_entered_at=now,
        created_at=now,
        updated_at=now,
        **fields,
    )
    db.add(pilot)
    db.flush()
    return pilot


def test_create_with_every_field(client: TestClient, db: Session, team: dict[str, Any]) -> None:
    headers = use(client, team["admin_caller"])

    response = client.post(
        team["url"], json={**FULL, "name": " Nordwind Logistics  "}, headers=headers
    )

    assert response.status_code == 201
    body = response.json()
    assert {k: body[k] for k in FULL} == FULL
    assert body["created_at"] == body["updated_at"] == "2026-01-15T09:00:00Z"
    read = client.get(f"{team['url']}/{body['id']}", headers=headers)
    assert read.json() == body
    assert read.headers["etag"] == response.headers["etag"]
    entry = db.exec(select(Activity).where(Activity.action == "customer.created")).one()
    assert (entry.object_type, entry.object_id) == ("customer", uuid.UUID(body["id"]))
    assert entry.after == FULL
    assert entry.summary == "Customer “Nordwind Logistics” created"


def test_defaults_and_blank_external_id_means_none(
    client: TestClient, team: dict[str, Any]
) -> None:
    headers = use(client, team["admin_caller"])

    first = client.post(team["url"], json={"name": "A", "external_id": "  "}, headers=headers)
    second = client.post(team["url"], json={"name": "B", "external_id": ""}, headers=headers)

    assert (first.status_code, second.status_code) == (201, 201)
    body = first.json()
    assert {k: body[k] for k in FULL} == {
        "name": "A",
        "segment": "",
        "annual_revenue": None,
        "is_premier_account": False,
        "external_id": None,
        "notes": "",
    }


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": " "}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "A", "annual_revenue": -1}, "annual_revenue"),
        ({"name": "A", "annual_revenue": 1e13 + 1e4}, "annual_revenue"),
        ({"name": "A", "segment": "s" * 81}, "segment"),
        ({"name": "A", "external_id": "e" * 101}, "external_id"),
        ({"name": "A", "notes": "n" * 4001}, "notes"),
        ({"name": "A", "is_premier_account": "maybe"}, "is_premier_account"),
        ({"name": "A", "id": str(uuid.uuid4())}, "id"),
        ({"name": "A", "vip": True}, "vip"),
    ],
)
def test_invalid_bodies_name_the_field(
    client: TestClient, db: Session, team: dict[str, Any], payload: dict[str, Any], field: str
) -> None:
    headers = use(client, team["admin_caller"])

    response = client.post(team["url"], json=payload, headers=headers)

    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["errors"]] == [["body", field]]
    assert db.exec(select(Customer)).all() == []


def test_external_id_is_unique_per_workspace(
    client: TestClient, db: Session, clock: FrozenClock, team: dict[str, Any]
) -> None:
    make_customer(db, clock, team["workspace"], "Nordwind", external_id="CRM-1")
    other = make_customer(db, clock, team["workspace"], "Südhafen", external_id="CRM-2")
    make_customer(db, clock, make_workspace(db, now=clock.now()), "Theirs", external_id="CRM-9")
    db.commit()
    headers = use(client, team["admin_caller"])

    duplicate = client.post(
        team["url"], json={"name": "X", "external_id": "CRM-1"}, headers=headers
    )
    renamed = client.patch(
        f"{team['url']}/{other.id}", json={"external_id": "CRM-1"}, headers=headers
    )
    elsewhere = client.post(
        team["url"], json={"name": "Y", "external_id": "CRM-9"}, headers=headers
    )

    assert duplicate.status_code == 409
    assert duplicate.json()["type"] == CONFLICT
    assert duplicate.json()["detail"] == (
        "Another customer in this workspace has the external id “CRM-1”."
    )
    assert renamed.status_code == 409
    assert elsewhere.status_code == 201
    assert db.get(Customer, other.id).external_id == "CRM-2"  # type: ignore[union-attr]


def test_filters_give_exact_result_sets(
    client: TestClient, db: Session, clock: FrozenClock, team: dict[str, Any]
) -> None:
    ws = team["workspace"]
    make_customer(db, clock, ws, "Nordwind", segment="Enterprise", is_premier_account=True)
    make_customer(db, clock, ws, "Südhafen", segment="Mid-market", external_id="NORD-7")
    make_customer(db, clock, ws, "Alpenblick", segment="enterprise", notes="Nordic subsidiary")
    make_customer(db, clock, ws, "Kranich", segment="Enterprise", notes="50% owned by Nordwind")
    make_customer(db, clock, make_workspace(db, now=clock.now()), "Nordlicht", segment="Enterprise")
    db.commit()
    headers = use(client, team["viewer_caller"])

    def names(**params: str) -> list[str]:
        response = client.get(team["url"], params=params, headers=headers)
        assert response.status_code == 200
        return [c["name"] for c in response.json()["items"]]

    assert names() == ["Nordwind", "Südhafen", "Alpenblick", "Kranich"]
    assert names(q="nord") == ["Nordwind", "Südhafen", "Alpenblick", "Kranich"]
    assert names(q="NORD-") == ["Südhafen"]
    assert names(q="MID") == ["Südhafen"]
    assert names(q="50%") == ["Kranich"]
    assert names(q="%") == ["Kranich"]
    assert names(segment="Enterprise") == ["Nordwind", "Kranich"]
    assert names(segment="Enter") == []
    assert names(is_premier_account="true") == ["Nordwind"]
    assert names(is_premier_account="false") == ["Südhafen", "Alpenblick", "Kranich"]
    assert names(segment="Enterprise", is_premier_account="false", q="nordwind") == ["Kranich"]


def test_pagination_returns_each_customer_once(
    client: TestClient, db: Session, clock: FrozenClock, team: dict[str, Any]
) -> None:
    for i in range(7):
        make_customer(db, clock, team["workspace"], f"Customer {i}")
    db.commit()
    headers = use(client, team["admin_caller"])

    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = client.get(team["url"], params=params, headers=headers).json()
        seen += [c["name"] for c in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break

    assert pages == 3
    assert seen == [f"Customer {i}" for i in range(7)]


def test_patch_changes_only_what_is_sent_and_null_clears_nullable_fields(
    client: TestClient, db: Session, clock: FrozenClock, team: dict[str, Any]
) -> None:
    customer = make_customer(
        db,
        clock,
        team["workspace"],
        "Nordwind",
        segment="Enterprise",
        annual_revenue=5e6,
        external_id="CRM-1",
    )
    db.commit()
    clock.advance(minutes=5)
    headers = use(client, team["admin_caller"])

    response = client.patch(
        f"{team['url']}/{customer.id}",
        json={"annual_revenue": None, "external_id": None, "is_premier_account": True},
        headers=headers,
    )

    assert response.status_code == 200
    body = response.json()
    assert {k: body[k] for k in FULL} == {
        "name": "Nordwind",
        "segment": "Enterprise",
        "annual_revenue": None,
        "is_premier_account": True,
        "external_id": None,
        "notes": "",
    }
    assert body["updated_at"] == "2026-01-15T09:05:01Z"
    entry = db.exec(select(Activity).where(Activity.action == "customer.updated")).one()
    assert entry.before == {
        "annual_revenue": 5e6,
        "is_premier_account": False,
        "external_id": "CRM-1",
    }
    assert entry.after == {
        "annual_revenue": None,
        "is_premier_account": True,
        "external_id": None,
    }


@pytest.mark.parametrize("field", ["name", "segment", "is_premier_account", "notes"])
def test_patch_refuses_null_for_non_nullable_fields(
    client: TestClient, db: Session, clock: FrozenClock, team: dict[str, Any], field: str
) -> None:
    customer = make_customer(db, clock, team["workspace"], "Nordwind")
    db.commit()
    headers = use(client, team["admin_caller"])

    response = client.patch(f"{team['url']}/{customer.id}", json={field: None}, headers=headers)

    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["errors"]] == [["body", field]]


def test_patch_refuses_read_only_fields(
    client: TestClient, db: Session, clock: FrozenClock, team: dict[str, Any]
) -> None:
    customer = make_customer(db, clock, team["workspace"], "Nordwind")
    db.commit()
    headers = use(client, team["admin_caller"])

    response = client.patch(
        f"{team['url']}/{customer.id}",
        json={"id": str(uuid.uuid4()), "created_at": "2026-01-01T00:00:00Z"},
        headers=headers,
    )

    assert response.status_code == 422
    assert sorted(e["loc"][-1] for e in response.json()["errors"]) == ["created_at", "id"]


def test_stale_if_match_is_412_and_changes_nothing(
    client: TestClient, db: Session, clock: FrozenClock, team: dict[str, Any]
) -> None:
    customer = make_customer(db, clock, team["workspace"], "Nordwind")
    db.commit()
    headers = use(client, team["admin_caller"])
    url = f"{team['url']}/{customer.id}"
    etag = client.get(url, headers=headers).headers["etag"]
    assert (
        client.patch(
            url, json={"segment": "SMB"}, headers={**headers, "If-Match": etag}
        ).status_code
        == 200
    )

    stale = client.patch(url, json={"segment": "Enterprise"}, headers={**headers, "If-Match": etag})
    stale_delete = client.delete(url, headers={**headers, "If-Match": etag})

    assert stale.status_code == 412
    assert stale.json()["current"]["segment"] == "SMB"
    assert stale_delete.status_code == 412
    assert client.get(url, headers=headers).json()["segment"] == "SMB"
    updates = db.exec(select(Activity).where(Activity.action == "customer.updated")).all()
    assert len(updates) == 1


def test_delete_removes_it_and_logs_what_it_was(
    client: TestClient, db: Session, clock: FrozenClock, team: dict[str, Any]
) -> None:
    customer = make_customer(db, clock, team["workspace"], "Nordwind", segment="Enterprise")
    db.commit()
    headers = use(client, team["admin_caller"])
    url = f"{team['url']}/{customer.id}"

    response = client.delete(url, headers=headers)

    assert response.status_code == 204
    assert client.get(url, headers=headers).json()["detail"] == "No customer with this id."
    entry = db.exec(select(Activity).where(Activity.action == "customer.deleted")).one()
    assert entry.before == {
        "name": "Nordwind",
        "segment": "Enterprise",
        "annual_revenue": None,
        "is_premier_account": False,
        "external_id": None,
        "notes": "",
    }


def test_delete_of_a_chosen_or_candidate_customer_is_409_naming_the_pilots(
    client: TestClient, db: Session, clock: FrozenClock, team: dict[str, Any]
) -> None:
    ws = team["workspace"]
    customer = make_customer(db, clock, ws, "Nordwind")
    chosen = make_pilot(db, clock, ws, team["admin"], "Remote diagnostics", customer_id=customer.id)
    considering = make_pilot(db, clock, ws, team["admin"], "Predictive parts")
    make_pilot(db, clock, ws, team["admin"], "Unrelated")
    now = clock.now()
    for pilot in (chosen, considering):
        db.add(
            Candidate(
                workspace_id=ws.id,
                pilot_id=pilot.id,
                customer_id=customer.id,
                created_at=now,
                updated_at=now,
            )
        )
    db.commit()
    headers = use(client, team["admin_caller"])

    response = client.delete(f"{team['url']}/{customer.id}", headers=headers)

    assert response.status_code == 409
    problem = response.json()
    assert problem["type"] == CONFLICT
    assert problem["detail"] == (
        "This customer is chosen or a candidate in the pilots “Remote diagnostics”, "
        "“Predictive parts”; remove it from them first."
    )
    assert problem["pilots"] == [
        {"id": str(chosen.id), "title": "Remote diagnostics"},
        {"id": str(considering.id), "title": "Predictive parts"},
    ]
    assert db.get(Customer, customer.id) is not None


def test_delete_of_a_chosen_customer_alone_is_409(
    client: TestClient, db: Session, clock: FrozenClock, team: dict[str, Any]
) -> None:
    customer = make_customer(db, clock, team["workspace"], "Nordwind")
    pilot = make_pilot(
        db, clock, team["workspace"], team["admin"], "Remote diagnostics", customer_id=customer.id
    )
    db.commit()
    headers = use(client, team["admin_caller"])

    response = client.delete(f"{team['url']}/{customer.id}", headers=headers)

    assert response.status_code == 409
    assert response.json()["pilots"] == [{"id": str(pilot.id), "title": "Remote diagnostics"}]
    assert response.json()["detail"] == (
        "This customer is chosen or a candidate in the pilot “Remote diagnostics”; "
        "remove it from them first."
    )


def test_idempotency_key_creates_once_and_refuses_another_body(
    client: TestClient, db: Session, team: dict[str, Any]
) -> None:
    headers = {**use(client, team["admin_caller"]), "Idempotency-Key": "import-42"}

    responses = [client.post(team["url"], json=FULL, headers=headers) for _ in range(3)]
    other = client.post(team["url"], json={**FULL, "notes": "changed"}, headers=headers)

    assert [r.status_code for r in responses] == [201, 201, 201]
    assert len({r.json()["id"] for r in responses}) == 1
    assert responses[2].json() == responses[0].json()
    assert other.status_code == 422
    assert other.json()["errors"][0]["loc"] == ["header", "Idempotency-Key"]
    assert len(db.exec(select(Customer)).all()) == 1
    assert len(db.exec(select(Activity).where(Activity.action == "customer.created")).all()) == 1


def test_idempotency_keys_belong_to_the_caller(
    client: TestClient, db: Session, clock: FrozenClock, team: dict[str, Any]
) -> None:
    secret = make_token(
        db, user=team["admin"], workspace=team["workspace"], now=clock.now(), write=True
    )
    db.commit()
    browser = {**use(client, team["admin_caller"]), "Idempotency-Key": "same"}
    first = client.post(team["url"], json={"name": "A"}, headers=browser)
    token = {**use(client, token_caller(secret)), "Idempotency-Key": "same"}
    second = client.post(team["url"], json={"name": "A"}, headers=token)

    assert (first.status_code, second.status_code) == (201, 201)
    assert first.json()["id"] != second.json()["id"]
    entry = db.exec(
        select(Activity).where(Activity.object_id == uuid.UUID(second.json()["id"]))
    ).one()
    assert entry.actor_token_id is not None


@pytest.mark.parametrize("caller", ["viewer_caller", "executive_caller"])
def test_readers_cannot_write(
    client: TestClient, db: Session, clock: FrozenClock, team: dict[str, Any], caller: str
) -> None:
    customer = make_customer(db, clock, team["workspace"], "Nordwind")
    db.commit()
    headers = use(client, team[caller])
    url = f"{team['url']}/{customer.id}"

    assert client.get(url, headers=headers).status_code == 200
    assert client.post(team["url"], json={"name": "New"}, headers=headers).status_code == 403
    assert client.patch(url, json={"notes": "x"}, headers=headers).status_code == 403
    assert client.delete(url, headers=headers).status_code == 403
    assert db.exec(select(Activity)).all() == []
