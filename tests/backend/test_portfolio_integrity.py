"""The portfolio under the method-integrity rules: decisions waiting (start and scale), withdrawn
decisions counting for nothing, moved success criteria flagged, revenue gains annualised.

Today is 2026-01-15 (the frozen clock's date). Pilots are stored as the app stores them
(``Builder`` from the portfolio's own tests); the start-decision list is checked against the
gate endpoint pilot by pilot, so the SQL of ``portfolio/waiting.py`` and the gate of
``pilots/lifecycle`` cannot drift apart unnoticed.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings
from pilotboard.customers.models import Customer
from pilotboard.departments.models import Department
from pilotboard.pilots.models import Decision, Involvement, Metric, Pilot
from pilotboard.workspaces.models import Role
from tests.backend.factories import Api, add_member, browser_caller, make_user, make_workspace
from tests.backend.test_portfolio import Builder, d

TODAY = "2026-01-15"


@pytest.fixture
def world(
    db: Session, clock: FrozenClock, settings: Settings, client: TestClient, app: FastAPI
) -> dict[str, Any]:
    now = clock.now()
    assert now.date() == d(TODAY)
    ws = make_workspace(db, now=now, name="Integrity")
    people = {}
    for role in (Role.admin, Role.editor, Role.executive, Role.viewer):
        user = make_user(db, now=now, name=f"{role.value.title()} Person")
        add_member(db, workspace=ws, user=user, role=role, now=now)
        people[role.value] = user
    departments = [
        Department(workspace_id=ws.id, name=name, kpi="A KPI", created_at=now, updated_at=now)
        for name in ("Finance", "Sales", "Supply chain")
    ]
    customer = Customer(workspace_id=ws.id, name="St. Agnes", created_at=now, updated_at=now)
    db.add_all([*departments, customer])
    db.commit()
    api = {
        role: Api(client, browser_caller(db, user=user, settings=settings, now=now), ws)
        for role, user in people.items()
    }
    db.commit()
    return {
        "ws": ws,
        "people": people,
        "departments": departments,
        "customer": customer,
        "api": api,
        "b": Builder(db, ws),
    }


def portfolio(world: dict[str, Any], **params: Any) -> dict[str, Any]:
    response = world["api"]["viewer"].get("/portfolio", **params)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def waiting(world: dict[str, Any], **params: Any) -> list[tuple[str, str, int]]:
    return [
        (w["title"], w["decision"], w["waiting_days"])
        for w in portfolio(world, **params)["decisions_waiting"]
    ]


def ready_to_start(world: dict[str, Any], title: str, entered: str = "2026-01-05") -> Pilot:
    """A pilot in `selecting` that meets its gate into `running` but for the start decision."""
    b: Builder = world["b"]
    pilot = b.pilot(
        title,
        [("proposed", "2025-12-20"), ("selecting", entered)],
        owner=world["people"]["editor"],
        sponsor=world["people"]["executive"],
        customer=world["customer"],
        risk="low",
    )
    for department in world["departments"][:2]:
        b.involve(pilot, department, "engaged")
    b.metric(pilot, "Minutes on supplies", direction="decrease", baseline=50, target=30)
    return pilot


def unmet_into_running(world: dict[str, Any], pilot: Pilot) -> set[str]:
    gate = world["api"]["viewer"].get(f"/pilots/{pilot.id}/gate", to="running")
    assert gate.status_code == 200, gate.text
    return {c["code"] for c in gate.json()["criteria"] if not c["met"]}


def test_a_pilot_ready_but_for_its_start_decision_waits_on_it(
    world: dict[str, Any], db: Session
) -> None:
    pilot = ready_to_start(world, "Ready")
    db.commit()

    assert unmet_into_running(world, pilot) == {"start_decision"}
    assert waiting(world) == [("Ready", "start", 10)]
    assert waiting(world, as_of="2026-02-01") == [("Ready", "start", 27)]
    # The filters of the portfolio apply.
    assert waiting(world, stage="selecting") == [("Ready", "start", 10)]
    assert waiting(world, stage="proposed") == []
    assert waiting(world, health="stalled") == []


def test_the_start_decision_takes_the_pilot_off_the_list_and_withdrawing_it_puts_it_back(
    world: dict[str, Any], db: Session
) -> None:
    pilot = ready_to_start(world, "Ready")
    db.commit()
    executive: Api = world["api"]["executive"]

    decision = executive.ok(
        "POST", f"/pilots/{pilot.id}/decisions", {"kind": "start", "rationale": "Go."}
    )
    assert waiting(world) == []
    assert unmet_into_running(world, pilot) == set()

    executive.ok(
        "POST",
        f"/pilots/{pilot.id}/decisions/{decision['id']}/withdraw",
        {"reason": "Recorded on the wrong pilot."},
    )
    assert waiting(world) == [("Ready", "start", 10)]
    assert unmet_into_running(world, pilot) == {"start_decision"}


# Each variation breaks one criterion of the gate into `running` besides the start decision.
def _no_customer(world: dict[str, Any], pilot: Pilot, db: Session) -> None:
    pilot.customer_id = None


def _no_hypothesis(world: dict[str, Any], pilot: Pilot, db: Session) -> None:
    pilot.hypothesis = ""


def _no_sponsor(world: dict[str, Any], pilot: Pilot, db: Session) -> None:
    pilot.sponsor_id = None


def _editor_as_sponsor(world: dict[str, Any], pilot: Pilot, db: Session) -> None:
    pilot.sponsor_id = world["people"]["editor"].id


def _inactive_sponsor(world: dict[str, Any], pilot: Pilot, db: Session) -> None:
    world["people"]["executive"].is_active = False
    db.add(world["people"]["executive"])


def _one_department(world: dict[str, Any], pilot: Pilot, db: Session) -> None:
    involvement = db.exec(select(Involvement).where(Involvement.pilot_id == pilot.id)).first()
    assert involvement is not None
    involvement.status = "declined"
    db.add(involvement)


def _no_stake(world: dict[str, Any], pilot: Pilot, db: Session) -> None:
    involvement = db.exec(select(Involvement).where(Involvement.pilot_id == pilot.id)).first()
    assert involvement is not None
    involvement.stake = ""
    db.add(involvement)


def _internal_metric_only(world: dict[str, Any], pilot: Pilot, db: Session) -> None:
    for metric in db.exec(select(Metric).where(Metric.pilot_id == pilot.id)).all():
        metric.kind = "internal"
        db.add(metric)


def _metric_without_target(world: dict[str, Any], pilot: Pilot, db: Session) -> None:
    for metric in db.exec(select(Metric).where(Metric.pilot_id == pilot.id)).all():
        metric.target = None
        db.add(metric)


def _three_departments_required(world: dict[str, Any], pilot: Pilot, db: Session) -> None:
    world["api"]["admin"].ok("PATCH", "/settings", {"thresholds": {"min_engaged_departments": 3}})


def _start_decision_recorded(world: dict[str, Any], pilot: Pilot, db: Session) -> None:
    world["b"].decide(pilot, "start", "2026-01-10", world["people"]["executive"])


def _nothing(world: dict[str, Any], pilot: Pilot, db: Session) -> None:
    return None


VARIATIONS = {
    "ready": (_nothing, True),
    "no customer": (_no_customer, False),
    "no hypothesis": (_no_hypothesis, False),
    "no sponsor": (_no_sponsor, False),
    "an editor as sponsor": (_editor_as_sponsor, False),
    "an inactive sponsor": (_inactive_sponsor, False),
    "one department declined": (_one_department, False),
    "a department without a stake": (_no_stake, False),
    "internal metrics only": (_internal_metric_only, False),
    "a metric without target": (_metric_without_target, False),
    "three departments required": (_three_departments_required, False),
    "start decision recorded": (_start_decision_recorded, False),
}


@pytest.mark.parametrize("name", list(VARIATIONS))
def test_the_start_list_agrees_with_the_gate(world: dict[str, Any], db: Session, name: str) -> None:
    change, listed = VARIATIONS[name]
    pilot = ready_to_start(world, "Pilot")
    db.flush()
    change(world, pilot, db)
    db.add(pilot)
    db.commit()

    unmet = unmet_into_running(world, pilot)
    assert (unmet == {"start_decision"}) is listed, unmet
    assert waiting(world) == ([("Pilot", "start", 10)] if listed else [])


def in_review(world: dict[str, Any], title: str, entered: str = "2026-01-01") -> Pilot:
    b: Builder = world["b"]
    pilot = b.pilot(
        title,
        [("proposed", "2025-06-01"), ("selecting", "2025-06-10"), ("running", "2025-07-01"),
         ("scale_review", entered)],
        owner=world["people"]["editor"], sponsor=world["people"]["executive"],
        customer=world["customer"], risk="low",
    )  # fmt: skip
    b.decide(pilot, "start", "2025-06-28", world["people"]["executive"])
    return pilot


def test_a_scale_review_waits_until_any_answer_since_it_began(
    world: dict[str, Any], db: Session
) -> None:
    executive = world["people"]["executive"]
    b: Builder = world["b"]
    fresh = in_review(world, "Fresh")
    # A `continue` from an earlier review does not answer this one.
    again = in_review(world, "Again", entered="2025-12-20")
    b.decide(again, "continue", "2025-12-01", executive)
    for title, kind in (("Scaled", "scale"), ("Continued", "continue"), ("Pivoted", "pivot"),
                        ("Stopped", "stop")):  # fmt: skip
        b.decide(in_review(world, title), kind, "2026-01-01", executive)
    db.commit()

    assert waiting(world) == [("Again", "scale", 26), ("Fresh", "scale", 14)]
    assert fresh.id


def test_a_withdrawn_review_decision_puts_the_pilot_back_and_leaves_the_medians(
    world: dict[str, Any], db: Session
) -> None:
    pilot = in_review(world, "Review")
    db.commit()
    executive: Api = world["api"]["executive"]
    assert waiting(world) == [("Review", "scale", 14)]

    decision = executive.ok(
        "POST", f"/pilots/{pilot.id}/decisions", {"kind": "scale", "rationale": "Scale it."}
    )
    body = portfolio(world)
    assert body["decisions_waiting"] == []
    assert body["outcomes"]["median_days_to_scale_decision"] == 198.0

    executive.ok(
        "POST",
        f"/pilots/{pilot.id}/decisions/{decision['id']}/withdraw",
        {"reason": "The evidence is not complete yet."},
    )
    body = portfolio(world)
    assert waiting(world) == [("Review", "scale", 14)]
    assert body["outcomes"]["median_days_to_scale_decision"] is None
    withdrawn = db.exec(select(Decision).where(Decision.pilot_id == pilot.id)).all()
    assert sorted((x.kind, x.withdrawn_at is not None) for x in withdrawn) == [
        ("scale", True),
        ("start", False),
    ]


def test_the_list_is_longest_waiting_first_across_both_kinds(
    world: dict[str, Any], db: Session
) -> None:
    ready_to_start(world, "Start early", entered="2025-12-01")
    ready_to_start(world, "Start late", entered="2026-01-14")
    in_review(world, "Review", entered="2026-01-01")
    db.commit()

    assert waiting(world) == [
        ("Start early", "start", 45),
        ("Review", "scale", 14),
        ("Start late", "start", 1),
    ]


def test_revenue_gains_are_annualised(world: dict[str, Any], db: Session) -> None:
    b: Builder = world["b"]
    owner = world["people"]["editor"]
    history = [("proposed", "2025-01-01"), ("running", "2025-02-01"), ("scaling", "2025-10-01")]
    for title, period, stage in (
        ("Monthly", "month", "scaling"),
        ("Quarterly", "quarter", "adopted"),
        ("Yearly", "year", "scaling"),
        ("Running monthly", "month", "running"),  # not yet a gain of the portfolio
    ):
        steps = [*history, ("adopted", "2025-12-01")] if stage == "adopted" else history
        if stage == "running":
            steps = history[:2]
        pilot = b.pilot(title, steps, owner=owner)
        metric = b.metric(
            pilot, "Revenue", kind="internal", is_revenue=True, baseline=100, target=200,
            values=(("2025-09-01", 110, None, 10),),
        )  # fmt: skip
        metric.revenue_period = period
        db.add(metric)
    db.commit()

    outcomes = portfolio(world)["outcomes"]
    # 10 a month, 10 a quarter, 10 a year: 120 + 40 + 10 a year.
    assert outcomes["total_revenue_gain"] == 170.0
    # Lifts are ratios: the period changes nothing.
    assert outcomes["median_revenue_lift"] == pytest.approx(0.1)
    pilots = {p.title: p for p in db.exec(select(Pilot)).all()}
    assert pilots["Monthly"].revenue_period == "month"


def test_moved_criteria_are_flagged_in_points_attention_and_csv(
    world: dict[str, Any], db: Session
) -> None:
    moved = in_review(world, "Moved", entered="2025-11-01")  # stalled: no decision for 75 days
    kept = in_review(world, "Kept", entered="2025-11-01")
    moved.criteria_changed = True
    db.add(moved)
    db.commit()

    body = portfolio(world)
    assert {p["title"]: p["criteria_changed"] for p in body["points"]} == {
        "Kept": False,
        "Moved": True,
    }
    assert {a["title"]: a["criteria_changed"] for a in body["attention"]} == {
        "Kept": False,
        "Moved": True,
    }
    response = world["api"]["viewer"].get("/portfolio", format="csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][-1] == "Criteria changed"
    assert {r[0]: r[-1] for r in rows[1:]} == {"Kept": "no", "Moved": "yes"}
    assert kept.id


def test_a_target_moved_after_the_start_flags_the_pilot_in_the_portfolio(
    world: dict[str, Any], db: Session
) -> None:
    pilot = in_review(world, "Moved")
    metric = world["b"].metric(pilot, "Fill rate", baseline=10, target=20)
    db.commit()
    editor: Api = world["api"]["editor"]
    assert [p["criteria_changed"] for p in portfolio(world)["points"]] == [False]

    editor.ok(
        "PATCH",
        f"/pilots/{pilot.id}/metrics/{metric.id}",
        {"target": 15, "change_reason": "Twenty was never realistic for one ward."},
    )

    assert [p["criteria_changed"] for p in portfolio(world)["points"]] == [True]
    assert editor.ok("GET", f"/pilots/{pilot.id}")["criteria_changed"] is True
