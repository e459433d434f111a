"""Export and restore of the customer's voice and the departments' check-ins: feedback links
(restored revoked, without a token), responses, check-in requests (without a token), check-ins,
an involvement's contact address and check-in dates, and an iteration's customer summary."""

from __future__ import annotations

import copy
import uuid
from datetime import timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings
from pilotboard.core.errors import InvalidInput
from pilotboard.exports.schemas import ExportDocument
from pilotboard.exports.service import restore_workspace
from pilotboard.pilots.checkins.models import CheckIn, CheckInRequest
from pilotboard.pilots.feedback.models import FeedbackLink, FeedbackResponse
from pilotboard.pilots.models import Involvement
from pilotboard.workspaces.models import Role, Workspace
from tests.backend.conftest import TEST_SECRET
from tests.backend.factories import Api, add_member, browser_caller, make_user, make_workspace


@pytest.fixture
def world(
    db: Session, clock: FrozenClock, settings: Settings, client: TestClient, app: FastAPI
) -> dict[str, Any]:
    settings = settings.model_copy(update={"session_idle_hours": 1e5, "session_max_days": 1e4})
    app.state.settings = settings
    now = clock.now()
    ws = make_workspace(db, now=now, name="Acme")
    admin = make_user(db, now=now, email="ada@example.com", name="Ada")
    add_member(db, workspace=ws, user=admin, role=Role.admin, now=now)
    db.commit()
    api = Api(client, browser_caller(db, user=admin, settings=settings, now=now), ws)
    db.commit()
    customer = api.ok("POST", "/customers", {"name": "St. Agnes"})["id"]
    department = api.ok("POST", "/departments", {"name": "Finance"})["id"]
    pilot = api.ok("POST", "/pilots", {"title": "VMI", "target_outcome": "profitability"})["id"]
    api.ok("POST", f"/pilots/{pilot}/candidates", {"customer_id": customer})
    api.ok("PATCH", f"/pilots/{pilot}", {"customer_id": customer})
    involvement = api.ok(
        "POST", f"/pilots/{pilot}/involvements", {"department_id": department, "status": "engaged"}
    )["id"]
    first = api.ok(
        "POST",
        f"/pilots/{pilot}/iterations",
        {"started_on": "2026-01-10", "customer_summary": "Restocking at 6 a.m."},
    )
    clock.advance(minutes=1)
    revoked = api.ok("POST", f"/pilots/{pilot}/feedback-links", {"contact_name": "Old contact"})
    clock.advance(minutes=1)
    active = api.ok(
        "POST",
        f"/pilots/{pilot}/feedback-links",
        {
            "contact_name": "Lena Hart",
            "contact_email": "lena@st-agnes.example",
            "expires_on": "2026-06-30",
        },
    )
    for token, body in (
        (revoked["token"], {"difference": 3, "effort": 2}),
        (
            active["token"],
            {
                "respondent_name": "Lena",
                "difference": 5,
                "effort": 4,
                "comment": "Great",
                "new_needs": "IV fluids",
            },
        ),
    ):
        clock.advance(minutes=1)
        client.cookies.clear()
        assert client.post(f"/api/v1/feedback/{token}", json=body).status_code == 201
    clock.advance(minutes=1)
    api.ok("DELETE", f"/pilots/{pilot}/feedback-links/{revoked['id']}")
    # The departments' side, stored as pilots/checkins keeps it (its own API is tested there).
    now = clock.now()
    row = db.get(Involvement, uuid.UUID(involvement))
    assert row is not None
    row.contact_email = "finance@example.com"
    row.first_asked_on = now.date() - timedelta(days=3)
    row.last_asked_at = now - timedelta(days=3)
    row.last_check_in_on = now.date()
    request = CheckInRequest(
        workspace_id=ws.id,
        pilot_id=uuid.UUID(pilot),
        involvement_id=row.id,
        iteration_id=uuid.UUID(first["id"]),
        email="finance@example.com",
        token_hash="ab" * 32,
        asked_at=now - timedelta(days=3),
        expires_at=now + timedelta(days=57),
        created_at=now - timedelta(days=3),
        updated_at=now - timedelta(days=3),
    )
    db.add_all([row, request])
    db.flush()
    db.add_all(
        [
            CheckIn(
                workspace_id=ws.id,
                pilot_id=uuid.UUID(pilot),
                involvement_id=row.id,
                request_id=request.id,
                iteration_id=uuid.UUID(first["id"]),
                benefit="partly",
                still_committed=True,
                blocker="Month-end close",
                note="Invoices match now",
                created_at=now,
                updated_at=now,
            ),
            CheckIn(
                workspace_id=ws.id,
                pilot_id=uuid.UUID(pilot),
                involvement_id=row.id,
                benefit="not_yet",
                still_committed=False,
                recorded_by=admin.id,
                created_at=now + timedelta(seconds=1),
                updated_at=now + timedelta(seconds=1),
            ),
        ]
    )
    db.commit()
    return {"api": api, "ws": ws, "pilot": pilot, "admin": admin, "iteration": first}


def _restore(db: Session, document: dict[str, Any], clock: FrozenClock) -> uuid.UUID:
    restored = restore_workspace(
        db,
        document=ExportDocument.model_validate(document),
        name="Copy",
        admin_email=None,
        app_secret=TEST_SECRET,
        now=clock.now(),
    )
    db.commit()
    assert (
        restored.counts["feedback links"],
        restored.counts["feedback responses"],
        restored.counts["check-ins"],
    ) == (2, 2, 2)
    return restored.workspace_id


def test_the_export_holds_the_voice_without_any_token(world: dict[str, Any]) -> None:
    response = world["api"].get("/export")
    document = response.json()
    [pilot] = document["pilots"]

    assert [(x["contact_name"], x["revoked_at"] is not None) for x in pilot["feedback_links"]] == [
        ("Old contact", True),
        ("Lena Hart", False),
    ]
    assert [(r["difference"], r["effort"], r["respondent_name"]) for r in pilot["feedback"]] == [
        (3, 2, ""),
        (5, 4, "Lena"),
    ]
    assert pilot["feedback"][1]["link_id"] == pilot["feedback_links"][1]["id"]
    assert pilot["feedback"][1]["iteration_id"] == pilot["iterations"][0]["id"]
    assert pilot["iterations"][0]["customer_summary"] == "Restocking at 6 a.m."
    [involvement] = pilot["involvements"]
    assert (involvement["contact_email"], involvement["last_check_in_on"]) == (
        "finance@example.com",
        "2026-01-15",
    )
    assert [r["email"] for r in pilot["check_in_requests"]] == ["finance@example.com"]
    assert [(c["benefit"], c["still_committed"]) for c in pilot["check_ins"]] == [
        ("partly", True),
        ("not_yet", False),
    ]
    assert "token" not in response.text


def test_a_restore_brings_it_all_back_with_every_link_dead(
    world: dict[str, Any], db: Session, clock: FrozenClock, client: TestClient
) -> None:
    first = world["api"].get("/export").json()
    clock.advance(hours=1)

    copy_id = _restore(db, first, clock)

    links = db.exec(
        select(FeedbackLink)
        .where(FeedbackLink.workspace_id == copy_id)
        .order_by(col(FeedbackLink.created_at))
    ).all()
    # Revoked, the one revoked before keeping its time; no token opens them.
    assert [(x.contact_name, x.revoked_at, x.token_hash) for x in links] == [
        ("Old contact", clock.now() - timedelta(hours=1), None),
        ("Lena Hart", clock.now(), None),
    ]
    requests = db.exec(select(CheckInRequest).where(CheckInRequest.workspace_id == copy_id)).all()
    assert [(r.email, r.token_hash) for r in requests] == [("finance@example.com", None)]
    # The restored records point at the restored objects.
    copy_ws = db.get(Workspace, copy_id)
    assert copy_ws is not None
    api = Api(client, world["api"].caller, copy_ws)
    [pilot] = api.get("/pilots").json()["items"]
    [iteration] = api.get(f"/pilots/{pilot['id']}/iterations").json()["items"]
    assert (iteration["customer_summary"], iteration["feedback"]) == (
        "Restocking at 6 a.m.",
        {"responses": 2, "difference_mean": 4.0, "effort_mean": 3.0},
    )
    responses = api.get(f"/pilots/{pilot['id']}/feedback").json()["items"]
    assert {r["link_id"] for r in responses} == {str(x.id) for x in links}
    assert {r["iteration_id"] for r in responses} == {iteration["id"]}
    listed = api.get(f"/pilots/{pilot['id']}/feedback-links").json()["items"]
    assert [(x["state"], x["responses"]) for x in listed] == [("revoked", 1), ("revoked", 1)]
    check_ins = db.exec(
        select(CheckIn).where(CheckIn.workspace_id == copy_id).order_by(col(CheckIn.created_at))
    ).all()
    assert [(c.request_id, c.iteration_id, c.recorded_by) for c in check_ins] == [
        (requests[0].id, uuid.UUID(iteration["id"]), None),
        (None, None, world["admin"].id),
    ]
    involvement = db.exec(select(Involvement).where(Involvement.workspace_id == copy_id)).one()
    assert {c.involvement_id for c in check_ins} == {involvement.id} == {requests[0].involvement_id}
    assert (
        involvement.contact_email,
        involvement.first_asked_on,
        involvement.last_asked_at,
        involvement.last_check_in_on,
    ) == (
        "finance@example.com",
        clock.today() - timedelta(days=3),
        clock.now() - timedelta(hours=1, days=3),
        clock.today(),
    )
    # Exported again, the copy says the same, its links now all revoked.
    second = api.get("/export").json()
    [before], [after] = first["pilots"], second["pilots"]
    for key in ("feedback", "check_in_requests", "check_ins"):
        assert [_without_ids(x) for x in after[key]] == [_without_ids(x) for x in before[key]]
    assert [x["revoked_at"] for x in after["feedback_links"]] == [
        before["feedback_links"][0]["revoked_at"],
        "2026-01-15T10:05:00Z",
    ]


def _without_ids(item: dict[str, Any]) -> dict[str, Any]:
    return {
        k: v
        for k, v in item.items()
        if k not in ("id", "link_id", "iteration_id", "involvement_id", "request_id")
    }


def test_an_older_file_without_the_voice_still_restores(
    world: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    document = world["api"].get("/export").json()
    for pilot in document["pilots"]:
        for key in ("feedback_links", "feedback", "check_in_requests", "check_ins"):
            del pilot[key]
        for iteration in pilot["iterations"]:
            del iteration["customer_summary"]
        for involvement in pilot["involvements"]:
            for key in ("contact_email", "first_asked_on", "last_asked_at", "last_check_in_on"):
                del involvement[key]

    restored = restore_workspace(
        db,
        document=ExportDocument.model_validate(document),
        name="Old",
        admin_email=None,
        app_secret=TEST_SECRET,
        now=clock.now(),
    )

    assert restored.counts["feedback responses"] == 0
    assert (
        db.exec(
            select(FeedbackResponse).where(FeedbackResponse.workspace_id == restored.workspace_id)
        ).all()
        == []
    )


def test_broken_voice_references_are_refused_naming_each(
    world: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    document = copy.deepcopy(world["api"].get("/export").json())
    [pilot] = document["pilots"]
    pilot["feedback"][0]["link_id"] = str(uuid.uuid4())
    pilot["feedback"][1]["iteration_id"] = str(uuid.uuid4())
    pilot["check_in_requests"][0]["involvement_id"] = str(uuid.uuid4())
    pilot["check_ins"][0]["request_id"] = str(uuid.uuid4())

    with pytest.raises(InvalidInput) as refused:
        restore_workspace(
            db,
            document=ExportDocument.model_validate(document),
            name="Broken",
            admin_email=None,
            app_secret=TEST_SECRET,
            now=clock.now(),
        )

    assert [e["loc"] for e in refused.value.extra["errors"]] == [
        ["pilots", 0, "feedback", 0, "link_id"],
        ["pilots", 0, "feedback", 1, "iteration_id"],
        ["pilots", 0, "check_in_requests", 0, "involvement_id"],
        ["pilots", 0, "check_ins", 0, "request_id"],
    ]
