"""The notifications other changes cause: `decision_needed` when a pilot enters the decisions
waiting (once per entry, to its sponsor, else the executives), `health_changed` to the owner.
Neither goes to the person who caused it, nor to anyone who is not a member."""

from __future__ import annotations

import uuid
from datetime import timedelta
from email.message import EmailMessage
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from pilotboard.accounts.models import User
from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings
from pilotboard.core.derived import settle
from pilotboard.customers.models import Customer
from pilotboard.departments.models import Department
from pilotboard.notifications.models import DecisionWait, HealthChange, Notification
from pilotboard.pilots.health.jobs import refresh_due_health
from pilotboard.pilots.models import Pilot, Stage
from pilotboard.workspaces.models import Membership, Role
from tests.backend.factories import Api, add_member, browser_caller, make_user, make_workspace
from tests.backend.smtp import SmtpServer, mail_settings, run_mail_worker

PUBLIC_URL = "http://127.0.0.1:8000"


@pytest.fixture
def world(
    db: Session, clock: FrozenClock, settings: Settings, client: TestClient, app: FastAPI
) -> dict[str, Any]:
    settings = settings.model_copy(update={"session_idle_hours": 1e5, "session_max_days": 1e4})
    app.state.settings = settings
    now = clock.now()
    ws = make_workspace(db, now=now, name="Acme")
    people: dict[str, User] = {}
    for name, role in (
        ("admin", Role.admin),
        ("editor", Role.editor),
        ("owner", Role.editor),
        ("erin", Role.executive),
        ("eve", Role.executive),
        ("viewer", Role.viewer),
    ):
        people[name] = make_user(db, now=now, email=f"{name}@example.com", name=name.title())
        add_member(db, workspace=ws, user=people[name], role=role, now=now)
    departments = [
        Department(workspace_id=ws.id, name=name, kpi="KPI", created_at=now, updated_at=now)
        for name in ("Supply chain", "Sales")
    ]
    customer = Customer(workspace_id=ws.id, name="St. Agnes", created_at=now, updated_at=now)
    db.add_all([*departments, customer])
    db.commit()
    apis = {
        name: Api(client, browser_caller(db, user=user, settings=settings, now=now), ws)
        for name, user in people.items()
    }
    db.commit()
    return {
        "ws": ws,
        "people": people,
        "api": apis,
        "departments": departments,
        "customer": customer,
        "settings": settings,
    }


def new_pilot(world: dict[str, Any], *, sponsor: str | None = None, by: str = "editor") -> str:
    body: dict[str, Any] = {
        "title": "Proactive outage calls",
        "hypothesis": "Calling before they notice keeps them.",
        "target_outcome": "business_process",
        "owner_id": str(world["people"]["owner"].id),
    }
    if sponsor:
        body["sponsor_id"] = str(world["people"][sponsor].id)
    return str(world["api"][by].ok("POST", "/pilots", body)["id"])


def put_in_stage(
    db: Session, clock: FrozenClock, pid: str, stage: Stage, *, days_ago: int = 0
) -> None:
    """Arrange the stage directly (the gates are tested elsewhere); nobody is acting."""
    db.expire_all()
    pilot = db.get(Pilot, uuid.UUID(pid))
    assert pilot is not None
    pilot.stage = stage.value
    pilot.stage_entered_at = clock.now() - timedelta(days=days_ago)
    db.add(pilot)
    db.commit()


def notes(db: Session, kind: str) -> list[tuple[str, str]]:
    """(recipient's name, title) of every notification of ``kind``, sorted."""
    db.expire_all()
    rows = db.exec(
        select(User.name, Notification.title)
        .join(User, col(User.id) == col(Notification.user_id))
        .where(Notification.kind == kind)
    ).all()
    return sorted((name, title) for name, title in rows)


def deliver(
    session_factory: Any, settings: Settings, clock: FrozenClock, server: SmtpServer
) -> list[EmailMessage]:
    run_mail_worker(session_factory, mail_settings(settings, server), clock)
    return list(server.messages)


WAITS = "A decision waits on you: Proactive outage calls"


# --- decision needed ---------------------------------------------------------------------------


def test_entering_scale_review_tells_the_sponsor_once_per_entry(
    world: dict[str, Any],
    db: Session,
    clock: FrozenClock,
    session_factory: Any,
    smtp_server: SmtpServer,
) -> None:
    pid = new_pilot(world, sponsor="erin")
    assert notes(db, "decision_needed") == []

    put_in_stage(db, clock, pid, Stage.scale_review)

    assert notes(db, "decision_needed") == [("Erin", WAITS)]
    [message] = deliver(session_factory, world["settings"], clock, smtp_server)
    assert message["To"] == "Erin <erin@example.com>"
    assert message["Subject"] == WAITS
    body = message.get_body(("plain",))
    assert body is not None
    assert f"{PUBLIC_URL}/w/{world['ws'].id}/pilots/{pid}" in body.get_content()

    # Edits while it waits tell nobody again.
    editor: Api = world["api"]["editor"]
    editor.ok("PATCH", f"/pilots/{pid}", {"title": "Proactive outage calls"})
    editor.ok("PATCH", f"/pilots/{pid}", {"hypothesis": "Calling first keeps them loyal."})
    assert notes(db, "decision_needed") == [("Erin", WAITS)]

    # The decision ends the wait; withdrawing it (by an admin) starts a new one.
    decision = world["api"]["erin"].ok(
        "POST", f"/pilots/{pid}/decisions", {"kind": "continue", "rationale": "One more round"}
    )
    assert db.exec(select(DecisionWait)).all() == []
    world["api"]["admin"].ok(
        "POST",
        f"/pilots/{pid}/decisions/{decision['id']}/withdraw",
        {"reason": "Recorded on the wrong pilot."},
    )
    assert notes(db, "decision_needed") == [("Erin", WAITS), ("Erin", WAITS)]
    [wait] = db.exec(select(DecisionWait)).all()
    assert wait.decision == "scale"


def test_without_a_sponsor_the_executives_are_told_but_not_the_one_who_caused_it(
    world: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    pid = new_pilot(world)
    put_in_stage(db, clock, pid, Stage.scale_review)
    assert notes(db, "decision_needed") == [("Erin", WAITS), ("Eve", WAITS)]

    erin: Api = world["api"]["erin"]
    decision = erin.ok(
        "POST", f"/pilots/{pid}/decisions", {"kind": "pivot", "rationale": "Other segment"}
    )
    erin.ok(
        "POST",
        f"/pilots/{pid}/decisions/{decision['id']}/withdraw",
        {"reason": "Recorded on the wrong pilot."},
    )

    # Erin's own withdrawal put it back in the waiting: only Eve hears of it.
    assert notes(db, "decision_needed") == [("Erin", WAITS), ("Eve", WAITS), ("Eve", WAITS)]


def test_a_sponsor_who_left_is_replaced_by_the_executives(
    world: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    pid = new_pilot(world, sponsor="erin")
    erin = world["people"]["erin"]
    membership = db.exec(select(Membership).where(Membership.user_id == erin.id)).one()
    db.delete(membership)
    db.commit()

    put_in_stage(db, clock, pid, Stage.scale_review)

    assert notes(db, "decision_needed") == [("Eve", WAITS)]


def test_a_pilot_ready_to_start_tells_its_sponsor_once(
    world: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    editor: Api = world["api"]["editor"]
    pid = new_pilot(world, sponsor="erin")
    editor.ok("POST", f"/pilots/{pid}/transitions", {"to_stage": "selecting"})
    scores = {
        "low_stakes": 5,
        "ideal_conditions": 4,
        "eager_champion": 5,
        "learning_value": 4,
        "data_access": 4,
    }
    customer_id = str(world["customer"].id)
    editor.ok("POST", f"/pilots/{pid}/candidates", {"customer_id": customer_id, "scores": scores})
    editor.ok("PATCH", f"/pilots/{pid}", {"customer_id": customer_id})
    for department in world["departments"]:
        editor.ok(
            "POST",
            f"/pilots/{pid}/involvements",
            {"department_id": str(department.id), "stake": "Its own win", "status": "engaged"},
        )
    assert notes(db, "decision_needed") == []

    editor.ok(
        "POST",
        f"/pilots/{pid}/metrics",
        {
            "name": "Complaints per month",
            "direction": "decrease",
            "kind": "customer_experienced",
            "baseline": 12,
            "target": 4,
        },
    )
    start = "A decision waits on you: Proactive outage calls"
    assert notes(db, "decision_needed") == [("Erin", start)]
    db.expire_all()
    assert [w.decision for w in db.exec(select(DecisionWait)).all()] == ["start"]
    body = db.exec(select(Notification.body)).one()
    assert "start decision" in body

    editor.ok(
        "POST",
        f"/pilots/{pid}/metrics",
        {
            "name": "Calls made",
            "direction": "increase",
            "kind": "internal",
            "baseline": 0,
            "target": 50,
        },
    )
    assert notes(db, "decision_needed") == [("Erin", start)]
    world["api"]["erin"].ok(
        "POST", f"/pilots/{pid}/decisions", {"kind": "start", "rationale": "Go"}
    )
    db.expire_all()
    assert db.exec(select(DecisionWait)).all() == []


# --- health changed ---------------------------------------------------------------------------


def test_the_owner_is_told_when_their_pilot_turns_stalled(
    world: dict[str, Any],
    db: Session,
    clock: FrozenClock,
    session_factory: Any,
    smtp_server: SmtpServer,
) -> None:
    on_track_running_pilot(world, db, clock)
    assert notes(db, "health_changed") == []

    clock.advance(days=46)
    refresh_due_health(db, now=clock.now())
    db.commit()

    assert notes(db, "health_changed") == [("Owner", "Proactive outage calls is now stalled")]
    body = db.exec(select(Notification.body).where(Notification.kind == "health_changed")).one()
    assert body.startswith("Why: No iteration for 46 days since entering running")
    [change] = db.exec(select(HealthChange)).all()
    assert (change.previous, change.health) == ("on_track", "stalled")
    # health_changed is not emailed by default.
    assert deliver(session_factory, world["settings"], clock, smtp_server) == []


def on_track_running_pilot(world: dict[str, Any], db: Session, clock: FrozenClock) -> str:
    pid = new_pilot(world, sponsor="erin")
    for department in world["departments"]:
        world["api"]["editor"].ok(
            "POST",
            f"/pilots/{pid}/involvements",
            {"department_id": str(department.id), "stake": "Its own win", "status": "engaged"},
        )
    world["api"]["editor"].ok(
        "POST",
        f"/pilots/{pid}/metrics",
        {
            "name": "Complaints",
            "direction": "decrease",
            "kind": "customer_experienced",
            "baseline": 12,
            "target": 4,
        },
    )
    put_in_stage(db, clock, pid, Stage.running)
    db.expire_all()
    pilot = db.get(Pilot, uuid.UUID(pid))
    assert pilot is not None
    assert pilot.health == "on_track"
    return pid


def test_the_owner_who_caused_the_change_is_not_told_but_is_when_someone_else_does(
    world: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    pid = on_track_running_pilot(world, db, clock)

    # The owner removes the sponsor: at risk, and nobody is told (the owner did it).
    world["api"]["owner"].ok("PATCH", f"/pilots/{pid}", {"sponsor_id": None})
    assert notes(db, "health_changed") == []

    # The admin puts the sponsor back: on track again, and the owner hears of it.
    world["api"]["admin"].ok(
        "PATCH", f"/pilots/{pid}", {"sponsor_id": str(world["people"]["erin"].id)}
    )
    assert notes(db, "health_changed") == [("Owner", "Proactive outage calls is now on track")]
    db.expire_all()
    changes = db.exec(select(HealthChange).order_by(col(HealthChange.changed_at))).all()
    assert sorted((c.previous, c.health) for c in changes) == [
        ("at_risk", "on_track"),
        ("on_track", "at_risk"),
    ]


def test_an_owner_who_left_the_workspace_is_not_notified(
    world: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    pid = new_pilot(world, sponsor="erin")
    owner = world["people"]["owner"]
    membership = db.exec(select(Membership).where(Membership.user_id == owner.id)).one()
    db.delete(membership)
    db.commit()

    put_in_stage(db, clock, pid, Stage.running)

    db.expire_all()
    pilot = db.get(Pilot, uuid.UUID(pid))
    assert pilot is not None
    assert pilot.health == "at_risk"  # owner_inactive, among others
    assert notes(db, "health_changed") == []
    assert len(db.exec(select(HealthChange)).all()) >= 1


def test_a_new_workspace_member_gets_nothing_from_before(
    world: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    pid = new_pilot(world)
    put_in_stage(db, clock, pid, Stage.scale_review)
    late = make_user(db, now=clock.now(), email="late@example.com", name="Late")
    add_member(db, workspace=world["ws"], user=late, role=Role.executive, now=clock.now())
    other = make_workspace(db, now=clock.now(), name="Other")
    add_member(
        db, workspace=other, user=world["people"]["viewer"], role=Role.executive, now=clock.now()
    )
    db.commit()

    assert [name for name, _ in notes(db, "decision_needed")] == ["Erin", "Eve"]


# --- told once, at commit ----------------------------------------------------------------------


def test_a_change_undone_within_one_transaction_tells_nobody(
    world: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    pid = on_track_running_pilot(world, db, clock)
    pilot = db.get(Pilot, uuid.UUID(pid))
    assert pilot is not None

    pilot.sponsor_id = None
    db.add(pilot)
    settle(db)
    assert pilot.health == "at_risk"
    pilot.sponsor_id = world["people"]["erin"].id
    pilot.stage = Stage.scale_review.value
    db.add(pilot)
    settle(db)
    assert db.exec(select(DecisionWait)).all() != []
    pilot.stage = Stage.running.value
    db.add(pilot)
    settle(db)
    db.commit()

    assert pilot.health == "on_track"
    assert notes(db, "health_changed") == []
    assert notes(db, "decision_needed") == []
    assert db.exec(select(HealthChange)).all() == []
    assert db.exec(select(DecisionWait)).all() == []


def test_a_rolled_back_change_tells_nobody_and_the_next_commit_only_its_own(
    world: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    pid = new_pilot(world)
    pilot = db.get(Pilot, uuid.UUID(pid))
    assert pilot is not None
    pilot.stage = Stage.scale_review.value
    db.add(pilot)
    settle(db)
    db.rollback()

    db.commit()

    assert notes(db, "decision_needed") == []
