"""Decisions fit the stage, and can be withdrawn while the pilot is still in it (API.md, Method
integrity)."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from pilotboard.activity.models import Activity
from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings
from pilotboard.exports.schemas import ExportDocument
from pilotboard.exports.service import restore_workspace
from pilotboard.pilots.decisions.rules import DECISION_EFFECTS
from pilotboard.pilots.models import Decision, DecisionKind, Pilot, Stage
from pilotboard.webhooks.models import WebhookEvent
from pilotboard.workspaces.models import Role, Workspace
from tests.backend.conftest import TEST_SECRET
from tests.backend.factories import Api, add_member, browser_caller, make_user, make_workspace

PROBLEMS = "https://pilotboard.dev/problems/"

# The spec's table, spelled out here rather than read from the code under test.
ALLOWED: dict[str, list[str]] = {
    "proposed": ["start", "stop"],
    "selecting": ["start", "stop"],
    "running": ["continue", "pivot", "stop"],
    "scale_review": ["continue", "pivot", "scale", "stop"],
    "scaling": ["stop"],
    "adopted": [],
    "paused": ["stop"],
    "stopped": [],
}
REASON = "Recorded on the wrong pilot."


@pytest.fixture
def world(
    db: Session, clock: FrozenClock, settings: Settings, client: TestClient, app: FastAPI
) -> dict[str, Any]:
    settings = settings.model_copy(update={"session_idle_hours": 1e5, "session_max_days": 1e4})
    app.state.settings = settings
    now = clock.now()
    ws = make_workspace(db, now=now, name="Acme")
    people = {}
    for name, role in (
        ("admin", Role.admin),
        ("editor", Role.editor),
        ("executive", Role.executive),
        ("other_executive", Role.executive),
        ("viewer", Role.viewer),
    ):
        people[name] = make_user(db, now=now, email=f"{name}@example.com", name=name.title())
        add_member(db, workspace=ws, user=people[name], role=role, now=now)
    db.commit()
    apis = {
        name: Api(client, browser_caller(db, user=user, settings=settings, now=now), ws)
        for name, user in people.items()
    }
    db.commit()
    return {"ws": ws, "people": people, "api": apis}


def new_pilot(world: dict[str, Any]) -> str:
    pilot = world["api"]["editor"].ok(
        "POST",
        "/pilots",
        {"title": "Vendor-managed inventory", "target_outcome": "business_process"},
    )
    return str(pilot["id"])


def put_in_stage(
    db: Session, clock: FrozenClock, pid: str, stage: str, *, days_ago: int = 0
) -> None:
    """Arrange a pilot in ``stage`` directly (the lifecycle's gates are tested elsewhere)."""
    pilot = db.get(Pilot, uuid.UUID(pid))
    assert pilot is not None
    pilot.stage = stage
    pilot.paused_from = Stage.running.value if stage == Stage.paused else None
    pilot.stage_entered_at = clock.now() - timedelta(days=days_ago)
    db.add(pilot)
    db.commit()


def decide(api: Api, pid: str, kind: str = "start") -> Any:
    return api.send("POST", f"/pilots/{pid}/decisions", {"kind": kind, "rationale": "Go"})


def withdraw(api: Api, pid: str, did: str, reason: str = REASON, **headers: str) -> Any:
    return api.send(
        "POST", f"/pilots/{pid}/decisions/{did}/withdraw", {"reason": reason}, **headers
    )


def decisions(api: Api, pid: str) -> list[dict[str, Any]]:
    return api.get(f"/pilots/{pid}/decisions").json()["items"]  # type: ignore[no-any-return]


def stored(db: Session, did: str) -> Decision:
    db.expire_all()
    decision = db.get(Decision, uuid.UUID(did))
    assert decision is not None
    return decision


# --- decisions fit the stage -----------------------------------------------------------------


@pytest.mark.parametrize("kind", [k.value for k in DecisionKind])
@pytest.mark.parametrize("stage", [s.value for s in Stage])
def test_a_decision_is_recorded_only_in_the_stages_that_take_it(
    world: dict[str, Any], db: Session, clock: FrozenClock, stage: str, kind: str
) -> None:
    executive: Api = world["api"]["executive"]
    pid = new_pilot(world)
    put_in_stage(db, clock, pid, stage)

    response = decide(executive, pid, kind)

    if kind in ALLOWED[stage]:
        assert response.status_code == 201, response.text
        assert response.json()["kind"] == kind
        assert [d["kind"] for d in decisions(executive, pid)] == [kind]
    else:
        body = response.json()
        assert response.status_code == 409
        assert (body["type"], body["allowed"]) == (
            PROBLEMS + "decision-not-allowed",
            ALLOWED[stage],
        )
        assert f"`{stage}`" in body["detail"]
        assert decisions(executive, pid) == []


def test_a_refused_decision_writes_no_activity(
    world: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    pid = new_pilot(world)

    response = decide(world["api"]["executive"], pid, "scale")

    assert response.json()["detail"] == (
        "A `scale` decision cannot be recorded while the pilot is in `proposed` "
        "(it takes `start`, `stop`)."
    )
    assert db.exec(select(Activity).where(Activity.action == "decision.recorded")).all() == []


@pytest.mark.parametrize("stage", [s.value for s in Stage])
def test_the_allowed_decisions_of_each_stage_are_explained(
    world: dict[str, Any], db: Session, clock: FrozenClock, stage: str
) -> None:
    pid = new_pilot(world)
    put_in_stage(db, clock, pid, stage)

    response = world["api"]["viewer"].get(f"/pilots/{pid}/decisions/allowed")

    assert response.status_code == 200
    assert response.json() == {
        "stage": stage,
        "allowed": [
            {"kind": kind, "effect": DECISION_EFFECTS[DecisionKind(kind)]}
            for kind in ALLOWED[stage]
        ],
    }


def test_each_effect_says_what_the_decision_lets_the_team_do() -> None:
    assert set(DECISION_EFFECTS) == set(DecisionKind)
    assert DECISION_EFFECTS[DecisionKind.start] == (
        "Lets the team move the pilot into Running once the other start criteria are met."
    )


def test_the_allowed_decisions_of_an_unknown_pilot_are_not_found(world: dict[str, Any]) -> None:
    response = world["api"]["viewer"].get(f"/pilots/{uuid.uuid4()}/decisions/allowed")

    assert (response.status_code, response.json()["type"]) == (404, PROBLEMS + "not-found")


# --- withdrawing -----------------------------------------------------------------------------


def test_the_decider_withdraws_a_decision(
    world: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    executive: Api = world["api"]["executive"]
    pid = new_pilot(world)
    did = decide(executive, pid).json()["id"]
    clock.advance(hours=2)

    response = withdraw(executive, pid, did, f"  {REASON}  ")

    body = response.json()
    assert response.status_code == 200, response.text
    assert (body["id"], body["kind"]) == (did, "start")
    assert (body["withdrawn_at"], body["withdrawn_by"], body["withdraw_reason"]) == (
        "2026-01-15T11:00:00Z",
        str(world["people"]["executive"].id),
        REASON,
    )
    assert body["updated_at"] == "2026-01-15T11:00:00Z"
    assert response.headers["ETag"]


def test_an_admin_withdraws_an_executives_decision(
    world: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    pid = new_pilot(world)
    did = decide(world["api"]["executive"], pid).json()["id"]

    response = withdraw(world["api"]["admin"], pid, did)

    assert response.status_code == 200, response.text
    assert response.json()["withdrawn_by"] == str(world["people"]["admin"].id)


@pytest.mark.parametrize(
    ("who", "message"),
    [
        (
            "other_executive",
            "Only the executive who recorded this decision, or an admin, can withdraw it.",
        ),
        ("editor", "Only executives and admins record decisions."),
        ("viewer", "Only executives and admins record decisions."),
    ],
)
def test_nobody_else_withdraws_a_decision(
    world: dict[str, Any], db: Session, who: str, message: str
) -> None:
    pid = new_pilot(world)
    did = decide(world["api"]["executive"], pid).json()["id"]

    response = withdraw(world["api"][who], pid, did)

    assert (response.status_code, response.json()["detail"]) == (403, message)
    assert stored(db, did).withdrawn_at is None


def test_a_decision_is_withdrawn_once(world: dict[str, Any], clock: FrozenClock) -> None:
    executive: Api = world["api"]["executive"]
    pid = new_pilot(world)
    did = decide(executive, pid).json()["id"]
    first = withdraw(executive, pid, did).json()
    clock.advance(minutes=5)

    again = withdraw(world["api"]["admin"], pid, did, "A second, different reason.")

    assert again.status_code == 409
    assert again.json()["type"] == PROBLEMS + "decision-withdrawn"
    assert decisions(executive, pid) == [first]


def test_a_decision_is_final_once_the_pilot_changed_stage(
    world: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    executive: Api = world["api"]["executive"]
    pid = new_pilot(world)
    did = decide(executive, pid).json()["id"]
    clock.advance(seconds=1)
    world["api"]["editor"].ok("POST", f"/pilots/{pid}/transitions", {"to_stage": "selecting"})

    response = withdraw(world["api"]["admin"], pid, did)

    assert response.status_code == 409
    assert response.json()["type"] == PROBLEMS + "decision-final"
    assert stored(db, did).withdrawn_at is None


def test_a_decision_recorded_as_the_pilot_entered_its_stage_can_be_withdrawn(
    world: dict[str, Any], clock: FrozenClock
) -> None:
    """The edge: entered at the very instant the decision was recorded, not after it."""
    executive: Api = world["api"]["executive"]
    pid = new_pilot(world)
    world["api"]["editor"].ok("POST", f"/pilots/{pid}/transitions", {"to_stage": "selecting"})
    did = decide(executive, pid).json()["id"]

    assert withdraw(executive, pid, did).status_code == 200


def test_a_decision_stays_withdrawable_while_the_pilot_stays_in_its_stage(
    world: dict[str, Any], clock: FrozenClock
) -> None:
    executive: Api = world["api"]["executive"]
    pid = new_pilot(world)
    did = decide(executive, pid).json()["id"]
    clock.advance(days=90)
    world["api"]["editor"].ok("PATCH", f"/pilots/{pid}", {"hypothesis": "Nurses save time."})

    assert withdraw(executive, pid, did).status_code == 200


@pytest.mark.parametrize(
    ("reason", "status"),
    [
        ("123456789", 422),
        ("   123456789   ", 422),
        ("1234567890", 200),
        ("x" * 2000, 200),
        ("x" * 2001, 422),
    ],
    ids=["9", "9-padded", "10", "2000", "2001"],
)
def test_the_reason_is_10_to_2000_characters(
    world: dict[str, Any], db: Session, reason: str, status: int
) -> None:
    executive: Api = world["api"]["executive"]
    pid = new_pilot(world)
    did = decide(executive, pid).json()["id"]

    response = withdraw(executive, pid, did, reason)

    assert response.status_code == status, response.text
    if status == 422:
        assert [e["loc"] for e in response.json()["errors"]] == [["body", "reason"]]
        assert stored(db, did).withdrawn_at is None
        assert db.exec(select(Activity).where(Activity.action == "decision.withdrawn")).all() == []
    else:
        assert response.json()["withdraw_reason"] == reason


def test_a_missing_reason_is_named(world: dict[str, Any]) -> None:
    executive: Api = world["api"]["executive"]
    pid = new_pilot(world)
    did = decide(executive, pid).json()["id"]

    response = executive.send("POST", f"/pilots/{pid}/decisions/{did}/withdraw", {})

    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["errors"]] == [["body", "reason"]]


def test_a_decision_of_another_pilot_is_not_found(world: dict[str, Any]) -> None:
    executive: Api = world["api"]["executive"]
    pid, other = new_pilot(world), new_pilot(world)
    did = decide(executive, pid).json()["id"]

    response = withdraw(executive, other, did)
    unknown = withdraw(executive, pid, str(uuid.uuid4()))

    assert [response.status_code, unknown.status_code] == [404, 404]
    assert response.json()["detail"] == "No decision with this id on the pilot."


def test_a_stale_if_match_is_refused(world: dict[str, Any], db: Session) -> None:
    executive: Api = world["api"]["executive"]
    pid = new_pilot(world)
    recorded = decide(executive, pid)
    did, etag = recorded.json()["id"], recorded.headers["ETag"]

    stale = withdraw(executive, pid, did, **{"If-Match": '"0123456789abcdef0123456789abcdef"'})
    unchanged = stored(db, did).withdrawn_at
    current = withdraw(executive, pid, did, **{"If-Match": etag})

    assert (stale.status_code, stale.json()["type"]) == (412, PROBLEMS + "precondition-failed")
    assert stale.json()["current"]["id"] == did
    assert unchanged is None
    assert current.status_code == 200


# --- what a withdrawn decision still is, and no longer counts for -----------------------------


def test_a_withdrawn_decision_stays_in_the_list(world: dict[str, Any], clock: FrozenClock) -> None:
    executive: Api = world["api"]["executive"]
    pid = new_pilot(world)
    withdrawn = decide(executive, pid).json()["id"]
    clock.advance(minutes=1)
    standing = decide(executive, pid, "stop").json()["id"]
    clock.advance(minutes=1)
    withdraw(executive, pid, withdrawn)

    items = decisions(world["api"]["viewer"], pid)

    assert [
        (d["id"], d["kind"], d["withdrawn_at"], d["withdrawn_by"], d["withdraw_reason"])
        for d in items
    ] == [
        (
            withdrawn,
            "start",
            "2026-01-15T09:02:00Z",
            str(world["people"]["executive"].id),
            REASON,
        ),
        (standing, "stop", None, None, ""),
    ]


def test_the_activity_log_has_the_withdrawal(world: dict[str, Any], clock: FrozenClock) -> None:
    executive: Api = world["api"]["executive"]
    pid = new_pilot(world)
    did = decide(executive, pid).json()["id"]
    clock.advance(minutes=1)
    withdraw(executive, pid, did)

    entries = executive.get(f"/pilots/{pid}/activity").json()["items"]

    assert [
        (e["action"], e["object_id"], e["summary"])
        for e in entries
        if e["action"].startswith("decision.")
    ] == [
        ("decision.withdrawn", did, f"Decision withdrawn: start — {REASON}"),
        ("decision.recorded", did, "Decision: start — Go"),
    ]


def test_a_withdrawn_start_decision_no_longer_opens_the_running_gate(
    world: dict[str, Any],
) -> None:
    executive: Api = world["api"]["executive"]
    editor: Api = world["api"]["editor"]
    pid = new_pilot(world)
    editor.ok("POST", f"/pilots/{pid}/transitions", {"to_stage": "selecting"})

    def start_met() -> bool:
        criteria = editor.get(f"/pilots/{pid}/gate", to="running").json()["criteria"]
        [met] = [c["met"] for c in criteria if c["code"] == "start_decision"]
        return bool(met)

    did = decide(executive, pid).json()["id"]
    before = start_met()
    withdraw(executive, pid, did)

    assert (before, start_met()) == (True, False)
    refused = editor.send("POST", f"/pilots/{pid}/transitions", {"to_stage": "running"})
    assert "start_decision" in [u["code"] for u in refused.json()["unmet"]]


def test_a_withdrawn_decision_no_longer_counts_for_health(
    world: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    executive: Api = world["api"]["executive"]
    pid = new_pilot(world)
    put_in_stage(db, clock, pid, Stage.scale_review, days_ago=40)

    def reasons() -> list[str]:
        pilot = executive.get(f"/pilots/{pid}").json()
        return [r["code"] for r in pilot["health_reasons"]]

    waiting = reasons()
    did = decide(executive, pid, "continue").json()["id"]
    decided = reasons()
    withdraw(executive, pid, did)

    assert "scale_decision_overdue" in waiting
    assert "scale_decision_overdue" not in decided
    assert "scale_decision_overdue" in reasons()


def test_the_withdrawal_is_a_webhook_event(world: dict[str, Any], db: Session) -> None:
    world["api"]["admin"].ok(
        "POST",
        "/webhooks",
        {"url": "https://93.184.215.14/hooks", "events": ["decision.withdrawn"]},
    )
    executive: Api = world["api"]["executive"]
    pid = new_pilot(world)
    did = decide(executive, pid).json()["id"]
    body = withdraw(executive, pid, did).json()

    events = db.exec(select(WebhookEvent).where(WebhookEvent.workspace_id == world["ws"].id)).all()

    assert [e.type for e in events] == ["decision.withdrawn"]
    assert f'"withdraw_reason":"{REASON}"' in events[0].body
    assert f'"id":"{body["id"]}"' in events[0].body


def test_export_and_restore_keep_the_withdrawal(
    world: dict[str, Any], db: Session, clock: FrozenClock, client: TestClient
) -> None:
    admin: Api = world["api"]["admin"]
    executive: Api = world["api"]["executive"]
    pid = new_pilot(world)
    did = decide(executive, pid).json()["id"]
    clock.advance(minutes=1)
    decide(executive, pid, "stop")
    clock.advance(minutes=1)
    withdraw(executive, pid, did)
    document = admin.get("/export").json()
    [exported] = document["pilots"]

    restored = restore_workspace(
        db,
        document=ExportDocument.model_validate(document),
        name="Copy",
        admin_email=None,
        app_secret=TEST_SECRET,
        now=clock.now(),
    )
    db.commit()
    copy = db.get(Workspace, restored.workspace_id)
    assert copy is not None
    [pilot] = Api(client, admin.caller, copy).get("/pilots").json()["items"]
    items = Api(client, admin.caller, copy).get(f"/pilots/{pilot['id']}/decisions").json()["items"]

    fields = ("kind", "withdrawn_at", "withdrawn_by", "withdraw_reason")
    assert [tuple(d[f] for f in fields) for d in exported["decisions"]] == [
        ("start", "2026-01-15T09:02:00Z", str(world["people"]["executive"].id), REASON),
        ("stop", None, None, ""),
    ]
    assert [tuple(d[f] for f in fields) for d in items] == [
        tuple(d[f] for f in fields) for d in exported["decisions"]
    ]
    # Restored, the withdrawn decision still counts for nothing.
    gate = Api(client, admin.caller, copy).get(f"/pilots/{pilot['id']}/gate", to="running").json()
    assert [c["met"] for c in gate["criteria"] if c["code"] == "start_decision"] == [False]
