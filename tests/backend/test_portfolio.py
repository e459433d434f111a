"""The executive portfolio: every figure against a hand-computed fixture, filters, `as_of`,
the CSV export, access and a constant number of queries.

The fixture (today is 2026-01-15, the frozen clock's date): nine pilots of "Acme Corp", stored
the way the app stores them (their health computed by ``pilots.health.service.refresh``).

| pilot   | stage, entered           | health as of today                      | lift | progress |
|---------|--------------------------|-----------------------------------------|------|----------|
| Alpha   | running 2025-11-01       | stalled: last iteration 56 days ago     | 0.3  | 0.55     |
| Bravo   | scale_review 2025-12-01  | stalled: no decision for 45 days        | 0.4  | 0.9      |
| Charlie | selecting 2025-11-01     | at risk: 75 days; Sales invited 71 ago  | none | none     |
| Delta   | scaling 2025-12-16       | at risk: no customer metric, no plan    | 0.4  | 0.8      |
| Echo    | adopted 2025-10-01       | on track                                | 0.25 | 1.25     |
| Foxtrot | stopped 2025-08-01       | on track                                | -0.1 | -0.4     |
| Golf    | paused 2025-12-20        | on track                                | none | 0.5      |
| Hotel   | proposed 2026-01-05      | on track (stuck in selection 03-07)     | none | none     |
| India   | running 2026-01-01       | on track (stalled from 2026-02-17)      | none | none     |

Golf's revenue metric has a baseline of 0 (no lift); Hotel's title has a comma, quotes and a
line break.
"""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Connection
from sqlmodel import Session

from pilotboard.accounts.models import User
from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings
from pilotboard.customers.models import Customer
from pilotboard.departments.models import Department
from pilotboard.pilots.health.service import refresh
from pilotboard.pilots.models import (
    Decision,
    Involvement,
    Iteration,
    Measurement,
    Metric,
    Pilot,
    Transition,
)
from pilotboard.portfolio import export
from pilotboard.portfolio.schemas import Portfolio
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
from tests.backend.queries import count_queries

HOTEL = 'Hotel, "quoted"\nline'


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=UTC)


def d(text: str) -> date:
    return date.fromisoformat(text)


@dataclass
class Builder:
    db: Session
    ws: Workspace

    def pilot(
        self,
        title: str,
        history: list[tuple[str, str]],
        *,
        owner: User,
        sponsor: User | None = None,
        customer: Customer | None = None,
        risk: str | None = None,
        revenue_at_stake: float | None = None,
        paused_from: str | None = None,
    ) -> Pilot:
        stage, entered = history[-1]
        pilot = Pilot(
            workspace_id=self.ws.id,
            title=title,
            hypothesis=f"{title} helps the customer.",
            target_outcome="business_process",
            owner_id=owner.id,
            sponsor_id=sponsor.id if sponsor else None,
            customer_id=customer.id if customer else None,
            risk_level=risk,
            risk_rationale="Set by the test." if risk else "",
            revenue_at_stake=revenue_at_stake,
            stage=stage,
            stage_entered_at=at(d(entered)),
            paused_from=paused_from,
            created_at=at(d(history[0][1])),
            updated_at=at(d(entered)),
        )
        self.db.add(pilot)
        self.db.flush()
        previous = None
        for sequence, (to_stage, day) in enumerate(history, 1):
            self.db.add(
                Transition(
                    workspace_id=self.ws.id,
                    pilot_id=pilot.id,
                    sequence=sequence,
                    from_stage=previous,
                    to_stage=to_stage,
                    reason="Test." if to_stage in ("paused", "stopped") else "",
                    occurred_at=at(d(day)),
                )
            )
            previous = to_stage
        return pilot

    def iteration(self, pilot: Pilot, number: int, start: str, end: str | None) -> Iteration:
        iteration = Iteration(
            workspace_id=self.ws.id,
            pilot_id=pilot.id,
            number=number,
            started_on=d(start),
            ended_on=d(end) if end else None,
            changes="A change.",
            created_at=at(d(start)),
            updated_at=at(d(start)),
        )
        self.db.add(iteration)
        self.db.flush()
        return iteration

    def metric(
        self,
        pilot: Pilot,
        name: str,
        *,
        baseline: float | None,
        target: float | None,
        kind: str = "customer_experienced",
        direction: str = "increase",
        is_revenue: bool = False,
        values: tuple[tuple[str, float, Iteration | None, int], ...] = (),
    ) -> Metric:
        metric = Metric(
            workspace_id=self.ws.id,
            pilot_id=pilot.id,
            name=name,
            direction=direction,
            kind=kind,
            is_revenue=is_revenue,
            baseline=baseline,
            target=target,
            created_at=pilot.created_at,
            updated_at=pilot.created_at,
        )
        self.db.add(metric)
        self.db.flush()
        for day, value, iteration, hour in values:
            self.db.add(
                Measurement(
                    workspace_id=self.ws.id,
                    pilot_id=pilot.id,
                    metric_id=metric.id,
                    iteration_id=iteration.id if iteration else None,
                    value=value,
                    measured_on=d(day),
                    created_at=at(d(day), hour),
                    updated_at=at(d(day), hour),
                )
            )
        return metric

    def involve(
        self, pilot: Pilot, department: Department, status: str, invited: str = "2025-06-01"
    ) -> None:
        self.db.add(
            Involvement(
                workspace_id=self.ws.id,
                pilot_id=pilot.id,
                department_id=department.id,
                stake="Its own win.",
                status=status,
                invited_on=d(invited),
                engaged_on=d(invited) if status in ("engaged", "champion") else None,
                created_at=at(d(invited)),
                updated_at=at(d(invited)),
            )
        )

    def decide(self, pilot: Pilot, kind: str, day: str, by: User) -> None:
        self.db.add(
            Decision(
                workspace_id=self.ws.id,
                pilot_id=pilot.id,
                kind=kind,
                rationale=f"{kind} it.",
                decided_on=d(day),
                decided_by=by.id,
                created_at=at(d(day)),
                updated_at=at(d(day)),
            )
        )


class Api:
    def __init__(self, client: TestClient, caller: Caller, workspace_id: uuid.UUID) -> None:
        self.client, self.caller = client, caller
        self.path = f"/api/v1/workspaces/{workspace_id}/portfolio"

    def get(self, **params: Any) -> Any:
        self.client.cookies.clear()
        for name, value in self.caller.cookies.items():
            self.client.cookies.set(name, value)
        return self.client.get(self.path, params=params, headers=self.caller.headers)

    def json(self, **params: Any) -> dict[str, Any]:
        response = self.get(**params)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/json"
        return response.json()  # type: ignore[no-any-return]


@pytest.fixture
def world(
    db: Session, clock: FrozenClock, settings: Settings, client: TestClient, app: FastAPI
) -> dict[str, Any]:
    now = clock.now()
    assert now.date() == d("2026-01-15")
    ws = make_workspace(db, now=now, name="Acme Corp")
    people = {}
    for role, name in (
        (Role.admin, "Ada Admin"),
        (Role.editor, "Eddie Editor"),
        (Role.executive, "Xena Executive"),
        (Role.viewer, "Vic Viewer"),
    ):
        user = make_user(db, now=now, name=name)
        add_member(db, workspace=ws, user=user, role=role, now=now)
        people[role.value] = user
    departments = {
        name: Department(workspace_id=ws.id, name=name, kpi="A KPI", created_at=now, updated_at=now)
        for name in ("Supply chain", "Finance", "Sales", "IT", "Quality", "Legal")
    }
    agnes = Customer(workspace_id=ws.id, name="St. Agnes Hospital", created_at=now, updated_at=now)
    northgate = Customer(workspace_id=ws.id, name="Northgate Foods", created_at=now, updated_at=now)
    db.add_all([*departments.values(), agnes, northgate])
    db.flush()

    b = Builder(db, ws)
    editor, admin, xena = people["editor"], people["admin"], people["executive"]
    dept = departments

    alpha = b.pilot(
        "Alpha",
        [("proposed", "2025-09-01"), ("selecting", "2025-09-15"), ("running", "2025-11-01")],
        owner=editor, sponsor=xena, customer=agnes, risk="low", revenue_at_stake=100000,
    )  # fmt: skip
    first = b.iteration(alpha, 1, "2025-11-05", "2025-11-20")
    b.metric(
        alpha, "Revenue", kind="internal", is_revenue=True, baseline=100, target=150,
        values=(("2025-11-10", 110, first, 10), ("2025-11-20", 130, first, 10)),
    )  # fmt: skip
    b.metric(
        alpha, "Minutes on supplies", direction="decrease", baseline=50, target=30,
        values=(("2025-11-20", 40, first, 10),),
    )  # fmt: skip
    b.involve(alpha, dept["Finance"], "engaged")
    b.involve(alpha, dept["Sales"], "champion")

    bravo = b.pilot(
        "Bravo",
        [("proposed", "2025-06-01"), ("selecting", "2025-06-10"), ("running", "2025-07-01"),
         ("scale_review", "2025-12-01")],
        owner=editor, sponsor=xena, customer=agnes, risk="medium", revenue_at_stake=200000,
    )  # fmt: skip
    b.decide(bravo, "start", "2025-06-28", xena)
    one = b.iteration(bravo, 1, "2025-07-05", "2025-08-30")
    two = b.iteration(bravo, 2, "2025-09-01", "2025-11-25")
    b.metric(
        bravo, "Revenue", kind="internal", is_revenue=True, baseline=200, target=300,
        values=(("2025-08-30", 240, one, 10), ("2025-11-25", 280, two, 10)),
    )  # fmt: skip
    b.metric(bravo, "Fill rate", baseline=10, target=20, values=(("2025-11-25", 20, two, 10),))
    b.involve(bravo, dept["Finance"], "engaged")
    b.involve(bravo, dept["Supply chain"], "engaged")

    charlie = b.pilot(
        "Charlie", [("proposed", "2025-10-20"), ("selecting", "2025-11-01")], owner=editor
    )
    b.involve(charlie, dept["Sales"], "invited", invited="2025-11-05")

    delta = b.pilot(
        "Delta",
        [("proposed", "2025-03-01"), ("selecting", "2025-03-10"), ("running", "2025-04-01"),
         ("scale_review", "2025-08-01"), ("scaling", "2025-12-16")],
        owner=admin, sponsor=xena, customer=agnes, risk="low", revenue_at_stake=400000,
    )  # fmt: skip
    b.decide(delta, "start", "2025-03-30", xena)
    b.decide(delta, "scale", "2025-09-10", xena)
    b.decide(delta, "scale", "2025-10-01", xena)  # only the first scale decision counts
    b.metric(
        delta, "Revenue", kind="internal", is_revenue=True, baseline=1000, target=1500,
        values=(("2025-06-01", 1200, None, 10), ("2025-07-15", 1400, None, 10)),
    )  # fmt: skip
    b.involve(delta, dept["Finance"], "champion")
    b.involve(delta, dept["Sales"], "engaged")

    echo = b.pilot(
        "Echo",
        [("proposed", "2024-10-01"), ("selecting", "2024-10-05"), ("running", "2024-11-01"),
         ("scale_review", "2025-03-01"), ("scaling", "2025-04-01"), ("adopted", "2025-10-01")],
        owner=editor, sponsor=xena, customer=agnes, risk="low", revenue_at_stake=250000,
    )  # fmt: skip
    b.decide(echo, "scale", "2025-03-20", xena)
    # Two measurements on the same day: the one entered last is the latest.
    b.metric(
        echo, "Revenue", kind="internal", is_revenue=True, baseline=100, target=120,
        values=(("2025-05-01", 110, None, 10), ("2025-09-01", 125, None, 15),
                ("2025-09-01", 118, None, 9)),
    )  # fmt: skip
    b.involve(echo, dept["Supply chain"], "declined")

    foxtrot = b.pilot(
        "Foxtrot",
        [("proposed", "2025-02-01"), ("selecting", "2025-02-10"), ("running", "2025-03-01"),
         ("stopped", "2025-08-01")],
        owner=editor, sponsor=xena, customer=northgate, risk="high", revenue_at_stake=50000,
    )  # fmt: skip
    b.metric(
        foxtrot, "Cost to serve", kind="internal", is_revenue=True, direction="decrease",
        baseline=80, target=60, values=(("2025-06-01", 88, None, 10),),
    )  # fmt: skip
    b.involve(foxtrot, dept["Sales"], "declined")
    b.involve(foxtrot, dept["Quality"], "declined")

    golf = b.pilot(
        "Golf",
        [("proposed", "2025-10-01"), ("selecting", "2025-10-05"), ("running", "2025-11-01"),
         ("paused", "2025-12-20")],
        owner=editor, sponsor=xena, risk="high", revenue_at_stake=70000, paused_from="running",
    )  # fmt: skip
    b.metric(
        golf, "Revenue", kind="internal", is_revenue=True, baseline=0, target=100,
        values=(("2025-11-15", 50, None, 10),),
    )  # fmt: skip
    b.involve(golf, dept["Finance"], "invited", invited="2025-10-06")
    b.involve(golf, dept["Quality"], "engaged")

    hotel = b.pilot(HOTEL, [("proposed", "2026-01-05")], owner=editor)
    b.involve(hotel, dept["Quality"], "invited", invited="2026-01-06")
    b.involve(hotel, dept["Legal"], "invited", invited="2026-01-06")

    india = b.pilot(
        "India",
        [("proposed", "2025-11-01"), ("selecting", "2025-11-10"), ("running", "2026-01-01")],
        owner=editor, sponsor=xena, customer=agnes, risk="medium", revenue_at_stake=30000,
    )  # fmt: skip
    b.iteration(india, 1, "2026-01-02", None)
    b.metric(india, "Wait time", baseline=10, target=20)
    b.involve(india, dept["Sales"], "engaged")
    b.involve(india, dept["Supply chain"], "champion")

    pilots = {p.title: p for p in (alpha, bravo, charlie, delta, echo, foxtrot, golf, hotel, india)}
    refresh(db, list(pilots.values()), now=now)
    db.commit()
    api = {
        role: Api(client, browser_caller(db, user=user, settings=settings, now=now), ws.id)
        for role, user in people.items()
    }
    db.commit()
    return {
        "ws": ws,
        "people": people,
        "departments": departments,
        "pilots": pilots,
        "api": api,
        "builder": b,
    }


def ids(world: dict[str, Any], *titles: str) -> list[str]:
    return [str(world["pilots"][t].id) for t in titles]


ALPHA_REASON = {
    "code": "no_recent_iteration",
    "severity": "stalled",
    "message": "No iteration for 56 days since the latest iteration (more than 45): "
    "log what changed with the customer.",
}
BRAVO_REASON = {
    "code": "scale_decision_overdue",
    "severity": "stalled",
    "message": "Waiting 45 days for an executive decision (more than 30): scale, continue, "
    "pivot or stop.",
}
CHARLIE_REASONS = [
    {
        "code": "stuck_in_selection",
        "severity": "at_risk",
        "message": "75 days in selecting (more than 60): choose the testbed customer and move on.",
    },
    {
        "code": "department_not_engaged",
        "severity": "at_risk",
        "message": "A department was invited 71 days ago (more than 21) and is not engaged: "
        "show it its stake.",
    },
]
DELTA_REASONS = [
    {
        "code": "no_customer_metric",
        "severity": "at_risk",
        "message": "No metric measures what the customer experiences: add one.",
    },
    {
        "code": "scale_plan_incomplete",
        "severity": "at_risk",
        "message": "2 involved department(s) have no planning, resource or compensation change "
        "in the scale plan.",
    },
]


def department(
    world: dict[str, Any],
    name: str,
    invited: int,
    engaged: int,
    champion: int,
    declined: int,
    index: float | None,
    flagged: bool,
) -> dict[str, Any]:
    return {
        "department_id": str(world["departments"][name].id),
        "name": name,
        "invited": invited,
        "engaged": engaged,
        "champion": champion,
        "declined": declined,
        "silent": 0,  # no department of the fixture was ever asked to check in
        "indifference_index": index,
        "flagged": flagged,
    }


def test_every_figure_of_the_portfolio(world: dict[str, Any]) -> None:
    body = world["api"]["executive"].json()
    # The document is built without models: it must still be exactly the documented schema.
    assert Portfolio.model_validate(body).model_dump(mode="json") == body
    [alpha, bravo, charlie, delta, echo, _, golf, hotel, india] = ids(
        world, "Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", HOTEL, "India"
    )

    assert body["as_of"] == "2026-01-15"
    assert body["totals"] == {
        "pilots": 9,
        "active": 7,
        "on_track": 3,
        "at_risk": 2,
        "stalled": 2,
    }
    assert body["stages"] == [
        {"stage": "proposed", "count": 1, "revenue_at_stake": 0.0},
        {"stage": "selecting", "count": 1, "revenue_at_stake": 0.0},
        {"stage": "running", "count": 2, "revenue_at_stake": 130000.0},
        {"stage": "scale_review", "count": 1, "revenue_at_stake": 200000.0},
        {"stage": "scaling", "count": 1, "revenue_at_stake": 400000.0},
        {"stage": "adopted", "count": 1, "revenue_at_stake": 250000.0},
        {"stage": "paused", "count": 1, "revenue_at_stake": 70000.0},
        {"stage": "stopped", "count": 1, "revenue_at_stake": 50000.0},
    ]

    def point(
        pid: str, title: str, stage: str, risk: str | None, health: str, lift: float | None,
        progress: float | None, stake: float | None,
    ) -> dict[str, Any]:  # fmt: skip
        return {
            "pilot_id": pid,
            "title": title,
            "stage": stage,
            "risk_level": risk,
            "health": health,
            "revenue_lift": lift,
            "progress": progress,
            "revenue_at_stake": stake,
            "criteria_changed": False,
        }

    # Every pilot but the stopped one (Foxtrot), by title.
    assert body["points"] == [
        point(alpha, "Alpha", "running", "low", "stalled", 0.3, 0.55, 100000.0),
        point(bravo, "Bravo", "scale_review", "medium", "stalled", 0.4, 0.9, 200000.0),
        point(charlie, "Charlie", "selecting", None, "at_risk", None, None, None),
        point(delta, "Delta", "scaling", "low", "at_risk", 0.4, 0.8, 400000.0),
        point(echo, "Echo", "adopted", "low", "on_track", 0.25, 1.25, 250000.0),
        point(golf, "Golf", "paused", "high", "on_track", None, 0.5, 70000.0),
        point(hotel, HOTEL, "proposed", None, "on_track", None, None, None),
        point(india, "India", "running", "medium", "on_track", None, None, 30000.0),
    ]
    # Stalled first, then at risk; longest in stage first within each.
    assert body["attention"] == [
        {
            "pilot_id": alpha,
            "title": "Alpha",
            "health": "stalled",
            "reasons": [ALPHA_REASON],
            "days_in_stage": 75,
            "criteria_changed": False,
        },
        {
            "pilot_id": bravo,
            "title": "Bravo",
            "health": "stalled",
            "reasons": [BRAVO_REASON],
            "days_in_stage": 45,
            "criteria_changed": False,
        },
        {
            "pilot_id": charlie,
            "title": "Charlie",
            "health": "at_risk",
            "reasons": CHARLIE_REASONS,
            "days_in_stage": 75,
            "criteria_changed": False,
        },
        {
            "pilot_id": delta,
            "title": "Delta",
            "health": "at_risk",
            "reasons": DELTA_REASONS,
            "days_in_stage": 30,
            "criteria_changed": False,
        },
    ]
    assert body["decisions_waiting"] == [
        {"pilot_id": bravo, "title": "Bravo", "decision": "scale", "waiting_days": 45}
    ]
    assert body["decisions_waiting_total"] == 1
    # Lifts -0.1 (Foxtrot, a decrease metric: 88 against 80), 0.25, 0.3, 0.4, 0.4 → median 0.3;
    # gains of scaling and adopted pilots: Delta 1400 - 1000 + Echo 125 - 100 = 425;
    # to the scale decision: Delta 2025-04-01 → 09-10 = 162 days, Echo 2024-11-01 → 2025-03-20
    # = 139 days → 150.5.
    assert body["outcomes"] == {
        "adopted": 1,
        "stopped": 1,
        "win_rate": 0.5,
        "total_revenue_gain": 425.0,
        "median_revenue_lift": 0.3,
        "median_days_to_scale_decision": 150.5,
    }
    assert body["departments"] == [
        department(world, "Finance", 1, 2, 1, 0, 0.25, False),
        department(world, "IT", 0, 0, 0, 0, None, False),
        department(world, "Legal", 1, 0, 0, 0, 1.0, False),  # one involvement: not flagged
        department(world, "Quality", 1, 1, 0, 1, 0.666667, True),
        department(world, "Sales", 1, 2, 1, 1, 0.4, False),
        department(world, "Supply chain", 0, 1, 1, 1, 0.333333, False),
    ]
    assert body["time_in_stage"] == [
        {"stage": "proposed", "median_days": 10.0, "max_days": 10},
        {"stage": "selecting", "median_days": 75.0, "max_days": 75},
        {"stage": "running", "median_days": 44.5, "max_days": 75},  # Alpha 75, India 14
        {"stage": "scale_review", "median_days": 45.0, "max_days": 45},
        {"stage": "scaling", "median_days": 30.0, "max_days": 30},
        {"stage": "paused", "median_days": 26.0, "max_days": 26},
    ]


def test_as_of_in_the_future_shows_what_will_stall(world: dict[str, Any]) -> None:
    # India's only iteration started on 2026-01-02: more than 45 days later it is stalled.
    before = world["api"]["viewer"].json(as_of="2026-02-16")
    after = world["api"]["viewer"].json(as_of="2026-02-17")
    india = ids(world, "India")[0]

    assert before["totals"] == {
        "pilots": 9,
        "active": 7,
        "on_track": 3,
        "at_risk": 2,
        "stalled": 2,
    }
    assert after["as_of"] == "2026-02-17"
    assert after["totals"] == {
        "pilots": 9,
        "active": 7,
        "on_track": 2,
        "at_risk": 2,
        "stalled": 3,
    }
    assert [(a["title"], a["health"], a["days_in_stage"]) for a in after["attention"]] == [
        ("Alpha", "stalled", 108),
        ("Bravo", "stalled", 78),
        ("India", "stalled", 47),
        ("Charlie", "at_risk", 108),
        ("Delta", "at_risk", 63),
    ]
    assert after["attention"][2] == {
        "pilot_id": india,
        "title": "India",
        "health": "stalled",
        "reasons": [
            {
                "code": "no_recent_iteration",
                "severity": "stalled",
                "message": "No iteration for 46 days since the latest iteration (more than "
                "45): log what changed with the customer.",
            }
        ],
        "days_in_stage": 47,
        "criteria_changed": False,
    }
    # Day counts in reasons move with as_of, even for pilots already stalled today.
    assert after["attention"][0]["reasons"][0]["message"].startswith("No iteration for 89 days")
    assert after["decisions_waiting"] == [
        {
            "pilot_id": ids(world, "Bravo")[0],
            "title": "Bravo",
            "decision": "scale",
            "waiting_days": 78,
        }
    ]
    assert after["time_in_stage"][2] == {"stage": "running", "median_days": 77.5, "max_days": 108}


def test_as_of_in_the_past(world: dict[str, Any]) -> None:
    # On 2026-01-01 Alpha's last iteration was 42 days old: not stalled yet; Hotel was not
    # proposed yet (its days in stage count from 0).
    body = world["api"]["viewer"].json(as_of="2026-01-01")

    assert body["totals"] == {
        "pilots": 9,
        "active": 7,
        "on_track": 4,
        "at_risk": 2,
        "stalled": 1,
    }
    assert [(a["title"], a["health"], a["days_in_stage"]) for a in body["attention"]] == [
        ("Bravo", "stalled", 31),
        ("Charlie", "at_risk", 61),
        ("Delta", "at_risk", 16),
    ]
    assert body["time_in_stage"][0] == {"stage": "proposed", "median_days": 0.0, "max_days": 0}


def test_filters_narrow_every_figure(world: dict[str, Any]) -> None:
    api = world["api"]["editor"]

    running = api.json(stage="running")
    assert running["totals"] == {
        "pilots": 2,
        "active": 2,
        "on_track": 1,
        "at_risk": 0,
        "stalled": 1,
    }
    assert [p["title"] for p in running["points"]] == ["Alpha", "India"]
    assert [(s["stage"], s["count"]) for s in running["stages"] if s["count"]] == [("running", 2)]
    assert running["departments"] == [
        department(world, "Finance", 0, 1, 0, 0, 0.0, False),
        department(world, "IT", 0, 0, 0, 0, None, False),
        department(world, "Legal", 0, 0, 0, 0, None, False),
        department(world, "Quality", 0, 0, 0, 0, None, False),
        department(world, "Sales", 0, 1, 1, 0, 0.0, False),
        department(world, "Supply chain", 0, 0, 1, 0, 0.0, False),
    ]
    assert running["outcomes"] == {
        "adopted": 0,
        "stopped": 0,
        "win_rate": None,
        "total_revenue_gain": 0.0,
        "median_revenue_lift": 0.3,
        "median_days_to_scale_decision": None,
    }

    quality = api.json(department_id=str(world["departments"]["Quality"].id))
    assert quality["totals"]["pilots"] == 3
    assert [p["title"] for p in quality["points"]] == ["Golf", HOTEL]  # Foxtrot is stopped
    assert quality["outcomes"]["stopped"] == 1
    assert quality["outcomes"]["median_revenue_lift"] == -0.1

    assert [p["title"] for p in api.json(q="GOLF")["points"]] == ["Golf"]
    assert [p["title"] for p in api.json(risk_level="low")["points"]] == [
        "Alpha",
        "Delta",
        "Echo",
    ]
    by_admin = api.json(owner_id=str(world["people"]["admin"].id))
    assert [p["title"] for p in by_admin["points"]] == ["Delta"]
    assert by_admin["outcomes"]["median_days_to_scale_decision"] == 162.0
    assert api.json(q="nothing matches")["totals"] == {
        "pilots": 0,
        "active": 0,
        "on_track": 0,
        "at_risk": 0,
        "stalled": 0,
    }


def test_health_filter_narrows_the_aggregates_too(world: dict[str, Any]) -> None:
    api = world["api"]["editor"]

    stalled = api.json(health="stalled")
    assert stalled["totals"] == {
        "pilots": 2,
        "active": 2,
        "on_track": 0,
        "at_risk": 0,
        "stalled": 2,
    }
    assert [a["title"] for a in stalled["attention"]] == ["Alpha", "Bravo"]
    assert [(dep["name"], dep["engaged"], dep["champion"]) for dep in stalled["departments"]] == [
        ("Finance", 2, 0),
        ("IT", 0, 0),
        ("Legal", 0, 0),
        ("Quality", 0, 0),
        ("Sales", 0, 1),
        ("Supply chain", 1, 0),
    ]
    assert stalled["outcomes"]["median_days_to_scale_decision"] is None

    # Adopted, stopped and paused pilots are on track by definition.
    on_track = api.json(health="on_track")
    assert on_track["totals"] == {
        "pilots": 5,
        "active": 3,
        "on_track": 3,
        "at_risk": 0,
        "stalled": 0,
    }
    assert on_track["attention"] == []
    assert on_track["outcomes"]["median_days_to_scale_decision"] == 139.0
    assert [(dep["name"], dep["invited"] + dep["engaged"] + dep["champion"] + dep["declined"])
            for dep in on_track["departments"]] == [
        ("Finance", 1), ("IT", 0), ("Legal", 1), ("Quality", 3), ("Sales", 2), ("Supply chain", 2),
    ]  # fmt: skip

    # Health is evaluated as of `as_of` for the filter as well.
    later = api.json(health="stalled", as_of="2026-02-17")
    assert [a["title"] for a in later["attention"]] == ["Alpha", "Bravo", "India"]
    assert later["totals"]["pilots"] == 3


def test_empty_workspace(
    db: Session, clock: FrozenClock, settings: Settings, client: TestClient
) -> None:
    now = clock.now()
    ws = make_workspace(db, now=now, name="Empty")
    user = make_user(db, now=now)
    add_member(db, workspace=ws, user=user, role=Role.viewer, now=now)
    api = Api(client, browser_caller(db, user=user, settings=settings, now=now), ws.id)
    db.commit()

    stages = ("proposed", "selecting", "running", "scale_review", "scaling", "adopted")
    expected = {
        "as_of": "2026-01-15",
        "totals": {"pilots": 0, "active": 0, "on_track": 0, "at_risk": 0, "stalled": 0},
        "stages": [
            {"stage": stage, "count": 0, "revenue_at_stake": 0.0}
            for stage in (*stages, "paused", "stopped")
        ],
        "points": [],
        "points_total": 0,
        "point_bins": [],
        "attention": [],
        "attention_total": 0,
        "decisions_waiting": [],
        "decisions_waiting_total": 0,
        "outcomes": {
            "adopted": 0,
            "stopped": 0,
            "win_rate": None,
            "total_revenue_gain": 0.0,
            "median_revenue_lift": None,
            "median_days_to_scale_decision": None,
        },
        "departments": [],
        "time_in_stage": [
            {"stage": stage, "median_days": None, "max_days": None}
            for stage in (*stages[:5], "paused")
        ],
    }
    assert api.json() == expected


def test_every_pilot_stopped(
    db: Session, clock: FrozenClock, settings: Settings, client: TestClient
) -> None:
    now = clock.now()
    ws = make_workspace(db, now=now, name="Stopped")
    user = make_user(db, now=now)
    add_member(db, workspace=ws, user=user, role=Role.editor, now=now)
    b = Builder(db, ws)
    pilots = [
        b.pilot(
            title,
            [("proposed", "2025-01-01"), ("selecting", "2025-01-05"), ("stopped", "2025-02-01")],
            owner=user,
            revenue_at_stake=1000,
        )
        for title in ("One", "Two")
    ]
    b.metric(
        pilots[0], "Revenue", kind="internal", is_revenue=True, baseline=0, target=10,
        values=(("2025-01-20", 5, None, 10),),
    )  # fmt: skip
    refresh(db, pilots, now=now)
    api = Api(client, browser_caller(db, user=user, settings=settings, now=now), ws.id)
    db.commit()

    body = api.json()

    assert body["totals"] == {"pilots": 2, "active": 0, "on_track": 0, "at_risk": 0, "stalled": 0}
    assert body["stages"][-1] == {"stage": "stopped", "count": 2, "revenue_at_stake": 2000.0}
    assert body["points"] == []
    assert body["attention"] == []
    assert body["outcomes"] == {
        "adopted": 0,
        "stopped": 2,
        "win_rate": 0.0,
        "total_revenue_gain": 0.0,
        "median_revenue_lift": None,  # the only revenue metric has a baseline of 0
        "median_days_to_scale_decision": None,
    }


def parse_csv(response: Any) -> list[list[str]]:
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def test_csv_has_one_row_per_pilot(world: dict[str, Any]) -> None:
    response = world["api"]["viewer"].get(format="csv")

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == (
        'attachment; filename="pilotboard-portfolio-acme-corp-2026-01-15.csv"'
    )
    assert b"\r\n" in response.content
    rows = parse_csv(response)
    assert rows[0] == [
        "Title", "Stage", "Health", "Reasons", "Risk", "Customer", "Owner", "Sponsor",
        "Departments", "Revenue at stake", "Revenue lift", "Progress", "Days in stage",
        "Last iteration", "Criteria changed",
    ]  # fmt: skip
    body = rows[1:]
    assert [r[0] for r in body] == [
        "Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", HOTEL, "India",
    ]  # fmt: skip
    by_title = {r[0]: r for r in body}
    assert by_title["Alpha"] == [
        "Alpha", "running", "stalled", ALPHA_REASON["message"], "low", "St. Agnes Hospital",
        "Eddie Editor", "Xena Executive", "Finance (engaged); Sales (champion)", "100000", "0.3",
        "0.55", "75", "2025-11-20", "no",
    ]  # fmt: skip
    assert by_title["Charlie"] == [
        "Charlie", "selecting", "at_risk", "; ".join(r["message"] for r in CHARLIE_REASONS),
        "", "", "Eddie Editor", "", "Sales (invited)", "", "", "", "75", "", "no",
    ]  # fmt: skip
    assert by_title["Foxtrot"] == [
        "Foxtrot", "stopped", "on_track", "", "high", "Northgate Foods", "Eddie Editor",
        "Xena Executive", "Quality (declined); Sales (declined)", "50000", "-0.1", "-0.4",
        "167", "", "no",
    ]  # fmt: skip
    # The comma, the quotes and the line break survive the round trip.
    assert by_title[HOTEL] == [
        HOTEL, "proposed", "on_track", "", "", "", "Eddie Editor", "", "Legal (invited); "
        "Quality (invited)", "", "", "", "10", "", "no",
    ]  # fmt: skip
    assert by_title["India"][12:] == ["14", "2026-01-02", "no"]


def test_csv_filters_as_of_and_formula_text(
    world: dict[str, Any], db: Session, settings: Settings
) -> None:
    hotel = world["pilots"][HOTEL]
    hotel.title = '=HYPERLINK("http://x")'
    db.add(hotel)
    db.commit()

    response = world["api"]["editor"].get(format="csv", health="stalled", as_of="2026-02-17")
    rows = parse_csv(response)
    assert response.headers["content-disposition"].endswith('-2026-02-17.csv"')
    assert [(r[0], r[2], r[12]) for r in rows[1:]] == [
        ("Alpha", "stalled", "108"),
        ("Bravo", "stalled", "78"),
        ("India", "stalled", "47"),
    ]
    everything = parse_csv(world["api"]["editor"].get(format="csv"))
    # A spreadsheet would run a leading `=` as a formula: the cell starts with an apostrophe.
    assert '\'=HYPERLINK("http://x")' in [r[0] for r in everything]


def test_csv_filename_falls_back_to_the_workspace_id(
    db: Session, clock: FrozenClock, settings: Settings, client: TestClient
) -> None:
    now = clock.now()
    ws = make_workspace(db, now=now, name="Café Zürich — 東京")
    user = make_user(db, now=now)
    add_member(db, workspace=ws, user=user, role=Role.viewer, now=now)
    ascii_free = make_workspace(db, now=now, name="東京")
    add_member(db, workspace=ascii_free, user=user, role=Role.viewer, now=now)
    caller = browser_caller(db, user=user, settings=settings, now=now)
    db.commit()

    named = Api(client, caller, ws.id).get(format="csv")
    unnamed = Api(client, caller, ascii_free.id).get(format="csv")

    assert named.headers["content-disposition"] == (
        'attachment; filename="pilotboard-portfolio-cafe-zurich-2026-01-15.csv"'
    )
    assert unnamed.headers["content-disposition"] == (
        f'attachment; filename="pilotboard-portfolio-{ascii_free.id}-2026-01-15.csv"'
    )
    assert parse_csv(unnamed) == [parse_csv(named)[0]]


def test_access(world: dict[str, Any], db: Session, clock: FrozenClock, settings: Settings) -> None:
    now = clock.now()
    client = world["api"]["viewer"].client
    ws = world["ws"]
    other = make_workspace(db, now=now, name="Elsewhere")
    outsider = make_user(db, now=now)
    add_member(db, workspace=other, user=outsider, role=Role.admin, now=now)
    read_token = make_token(db, user=world["people"]["viewer"], workspace=ws, now=now, write=False)
    outsider_caller = browser_caller(db, user=outsider, settings=settings, now=now)
    db.commit()

    for fmt in ("json", "csv"):
        response = Api(client, outsider_caller, ws.id).get(format=fmt)
        assert response.status_code == 404
        assert response.json()["type"] == "https://pilotboard.dev/problems/not-found"
        assert Api(client, Caller(), ws.id).get(format=fmt).status_code == 401
    assert Api(client, token_caller(read_token), ws.id).json()["totals"]["pilots"] == 9
    for role in ("admin", "editor", "executive", "viewer"):
        assert world["api"][role].json()["totals"]["pilots"] == 9


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"as_of": "2026-13-01"}, "as_of"),
        ({"format": "xml"}, "format"),
        ({"stage": "finished"}, "stage"),
        ({"health": "sick"}, "health"),
        ({"risk_level": "extreme"}, "risk_level"),
        ({"owner_id": "not-a-uuid"}, "owner_id"),
        ({"department_id": "42"}, "department_id"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_bad_parameters_are_named(
    world: dict[str, Any], params: dict[str, str], field: str
) -> None:
    response = world["api"]["viewer"].get(**params)

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"] == "https://pilotboard.dev/problems/validation-error"
    assert [e["loc"] for e in problem["errors"]] == [["query", field]]


def test_a_constant_number_of_queries(
    world: dict[str, Any], connection: Connection, db: Session, clock: FrozenClock
) -> None:
    api = world["api"]["executive"]
    variants: list[dict[str, str]] = [
        {},
        {"format": "csv"},
        {"health": "stalled"},
        {"health": "on_track", "format": "csv"},
        {"stage": "running", "department_id": str(world["departments"]["Sales"].id)},
    ]

    def queries() -> list[int]:
        counts = []
        for params in variants:
            with count_queries(connection) as statements:
                assert api.get(**params).status_code == 200
            counts.append(len(statements))
        return counts

    small = queries()
    # Thirty more pilots, each with records of every kind.
    b: Builder = world["builder"]
    owner, xena = world["people"]["editor"], world["people"]["executive"]
    more = []
    for number in range(30):
        pilot = b.pilot(
            f"Kilo {number}",
            [("proposed", "2025-05-01"), ("selecting", "2025-05-10"), ("running", "2025-06-01"),
             ("scale_review", "2025-10-01")],
            owner=owner, sponsor=xena, risk="low", revenue_at_stake=1000,
        )  # fmt: skip
        iteration = b.iteration(pilot, 1, "2025-06-05", "2025-07-01")
        b.metric(
            pilot, "Revenue", kind="internal", is_revenue=True, baseline=10, target=20,
            values=(("2025-07-01", 12, iteration, 10),),
        )  # fmt: skip
        b.involve(pilot, world["departments"]["Sales"], "engaged")
        b.decide(pilot, "scale", "2025-10-20", xena)
        more.append(pilot)
    refresh(db, more, now=clock.now())
    db.commit()

    assert queries() == small
    assert api.json()["totals"]["pilots"] == 39


def test_csv_chunks_and_cells() -> None:
    rows = [[f"row {i}", "=1+1", "-1"] for i in range(5)]

    chunks = list(export.csv_chunks(rows, chunk_rows=2))

    assert len(chunks) == 3  # BOM, header and rows 0-1; rows 2-3; row 4
    assert chunks[0].startswith("\ufeffTitle,Stage,".encode())
    text = b"".join(chunks).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text, newline="")))[1:] == rows
    assert [export.text_cell(v) for v in ("=1+1", "+a", "-a", "@a", "\tx", "a=b", "", None)] == [
        "'=1+1", "'+a", "'-a", "'@a", "'\tx", "a=b", "", "",
    ]  # fmt: skip
    assert [export.number_cell(v) for v in (850000.0, 0.35, -0.1, 1 / 3, None, 7)] == [
        "850000", "0.35", "-0.1", "0.333333", "", "7",
    ]  # fmt: skip
    assert export.slug("  Acme — Nord/Süd GmbH ") == "acme-nord-sud-gmbh"
