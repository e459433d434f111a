"""What the portfolio teaches: every figure against a hand-built history, `as_of`, filters,
access, the pilot's practices, `engaged_on` and a constant number of queries.

Today is 2026-01-15 (the frozen clock). Eleven pilots of "Acme Corp" are closed as of today:
six scaled (S1-S5 adopted or scaling, and Z, which entered `scaling` on 2025-12-10 and was
still `running` on 2025-11-19) and five stopped (X1-X5). Which side of each practice they fall
on (1 = follows), and what in the history makes it so:

|    | early | champ | 3 it | order | metric | low | premier | voice | quick |
|----|-------|-------|------|-------|--------|-----|---------|-------|-------|
| S1 | 1     | 1     | 1    | 1     | 1      | 1   | 0       | 1     | 1     |
| S2 | 1     | 1     | 1    | 1     | 1      | 1   | 0       | 1     | 1     |
| S3 | 1 (a) | 0     | 1    | 1     | 1      | 1   | 0       | 0     | 1 (b) |
| S4 | 1 (c) | 1     | 0    | 1     | 1      | 1   | 0       | 0 (d) | 0 (e) |
| S5 | 0 (f) | 0     | 1    | 0     | 1      | 0   | 1       | 0     | 0 (g) |
| Z  | 1     | 1     | 1    | 1     | 1      | 0   | 1       | 1     | 1     |
| X1 | 0     | 0     | 0    | 0     | 1 (h)  | 1   | 1       | 0     | 0     |
| X2 | 1     | 0     | 0    | 1     | 0 (i)  | 0   | 1       | 1     | 0 (j) |
| X3 | 0     | 1     | 0    | 1     | 1      | 0   | 1       | 0 (k) | 1     |
| X4 | 0 (l) | 1     | 0    | 0     | 0 (l)  | 0   | 0       | 0     | 0     |
| X5 | 0     | 0     | 0    | 0     | 0 (m)  | 0   | 0 (n)   | 0     | 0     |

(a) one department engaged on the very day it entered running; (b) a `continue` exactly
`scale_decision_days` (30) after entering scale review; (c) a third department engaged after
the start does not matter; (d) one response only; (e) decided after 45 days; (f) one engaged on
the day, one the day after; (g) a withdrawn decision in time, the real one after 40 days; (h)
its metric is internal now, but `criteria_changes` says it was customer-experienced at the
start; (i) its customer metric was created two days after the start; (j) stopped after 31
days; (k) three responses, all on one iteration, and one on none; (l) never ran, though two
departments engaged and a customer metric was set; (m) an internal metric, and a customer one
whose target was only set after the start; (n) no customer at all.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Connection
from sqlmodel import Session

from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings
from pilotboard.customers.models import Customer
from pilotboard.departments.models import Department
from pilotboard.pilots.feedback.models import FeedbackResponse
from pilotboard.pilots.models import (
    Decision,
    Involvement,
    Iteration,
    Metric,
    Pilot,
    Transition,
)
from pilotboard.portfolio.learning import CODES, wilson
from pilotboard.portfolio.learning_schemas import PilotPractices, PortfolioLearning
from pilotboard.workspaces.models import Role, Workspace
from tests.backend.factories import Api, add_member, browser_caller, make_user, make_workspace
from tests.backend.queries import count_queries

FULL = [
    ("proposed", "2025-01-05"),
    ("selecting", "2025-01-15"),
    ("running", "2025-02-01"),
    ("scale_review", "2025-05-01"),
]
STOPPED_FROM_RUNNING = [*FULL[:3], ("stopped", "2025-04-01")]


def d(text: str) -> date:
    return date.fromisoformat(text)


def at(text: str, hour: int = 10) -> datetime:
    day = d(text)
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


@dataclass
class Builder:
    db: Session
    ws: Workspace
    departments: list[Department]
    premier: Customer
    regular: Customer
    decider: uuid.UUID

    def pilot(
        self,
        title: str,
        history: list[tuple[str, str]],
        *,
        risk: str | None = None,
        premier: bool | None = None,
        engaged: tuple[tuple[str, str | None], ...] = (),
        iterations: tuple[tuple[str, int], ...] = (),
        metrics: tuple[dict[str, Any], ...] = (),
        feedback: tuple[tuple[int | None, str], ...] = (),
        decisions: tuple[tuple[str, str], ...] = (),
        withdrawn: tuple[tuple[str, str], ...] = (),
    ) -> Pilot:
        customer = None if premier is None else self.premier if premier else self.regular
        stage, entered = history[-1]
        pilot = Pilot(
            workspace_id=self.ws.id,
            title=title,
            hypothesis=f"{title} helps the customer.",
            target_outcome="business_process",
            owner_id=self.decider,
            customer_id=customer.id if customer else None,
            risk_level=risk,
            stage=stage,
            stage_entered_at=at(entered),
            criteria_changed=any(m.get("changes") for m in metrics),
            created_at=at(history[0][1]),
            updated_at=at(entered),
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
                    occurred_at=at(day, 12),
                )
            )
            previous = to_stage
        for department, (status, engaged_on) in zip(self.departments, engaged, strict=False):
            self.db.add(
                Involvement(
                    workspace_id=self.ws.id,
                    pilot_id=pilot.id,
                    department_id=department.id,
                    stake="Its own win.",
                    status=status,
                    invited_on=d(history[0][1]),
                    engaged_on=d(engaged_on) if engaged_on else None,
                    created_at=at(history[0][1]),
                    updated_at=at(history[0][1]),
                )
            )
        made = []
        for number, (start, order) in enumerate(iterations, 1):
            iteration = Iteration(
                workspace_id=self.ws.id,
                pilot_id=pilot.id,
                number=number,
                started_on=d(start),
                ended_on=d(start) + timedelta(days=20),
                changes="A change.",
                change_order=order,
                created_at=at(start),
                updated_at=at(start),
            )
            self.db.add(iteration)
            made.append(iteration)
        self.db.flush()
        for spec in metrics:
            self.db.add(
                Metric(
                    workspace_id=self.ws.id,
                    pilot_id=pilot.id,
                    name="Minutes lost",
                    kind=spec.get("kind", "customer_experienced"),
                    baseline=spec.get("baseline", 10.0),
                    target=spec.get("target", 20.0),
                    criteria_changes=spec.get("changes", []),
                    created_at=at(spec["created"]),
                    updated_at=at(spec["created"]),
                )
            )
        for index, day in feedback:
            self.db.add(
                FeedbackResponse(
                    workspace_id=self.ws.id,
                    pilot_id=pilot.id,
                    iteration_id=made[index].id if index is not None else None,
                    difference=4,
                    effort=4,
                    created_at=at(day),
                    updated_at=at(day),
                )
            )
        for kinds, is_withdrawn in ((decisions, False), (withdrawn, True)):
            for kind, day in kinds:
                self.db.add(
                    Decision(
                        workspace_id=self.ws.id,
                        pilot_id=pilot.id,
                        kind=kind,
                        rationale=f"{kind} it.",
                        decided_on=d(day),
                        decided_by=self.decider,
                        withdrawn_at=at(day, 11) if is_withdrawn else None,
                        withdraw_reason="Too early." if is_withdrawn else "",
                        created_at=at(day),
                        updated_at=at(day),
                    )
                )
        self.db.flush()
        return pilot


def change(field: str, before: Any, after: Any) -> dict[str, Any]:
    return {
        "field": field,
        "before": before,
        "after": after,
        "reason": "The customer counts it differently now.",
        "changed_by": None,
        "changed_at": "2025-03-01T10:00:00+00:00",
    }


def build_history(b: Builder) -> dict[str, Pilot]:
    """The pilots of the module docstring (and three open ones)."""
    ok_metric = ({"created": "2025-01-16"},)
    pilots = {}
    for title in ("S1", "S2"):
        pilots[title] = b.pilot(
            title,
            [*FULL, ("scaling", "2025-05-20"), ("adopted", "2025-08-01")],
            risk="low", premier=False,
            engaged=(("engaged", "2025-01-20"), ("champion", "2025-01-25")),
            iterations=(("2025-02-05", 1), ("2025-03-05", 2), ("2025-04-01", 1)),
            metrics=ok_metric,
            feedback=((0, "2025-02-20"), (1, "2025-03-20"), (1, "2025-03-21")),
            decisions=(("start", "2025-01-30"), ("scale", "2025-05-10")),
        )  # fmt: skip
    pilots["S3"] = b.pilot(
        "S3",
        [*FULL, ("scaling", "2025-06-05"), ("adopted", "2025-09-01")],
        risk="low", premier=False,
        engaged=(("engaged", "2025-01-20"), ("engaged", "2025-02-01")),
        iterations=(("2025-02-05", 1), ("2025-03-05", 3), ("2025-04-01", 1)),
        metrics=ok_metric,
        decisions=(("continue", "2025-05-31"), ("scale", "2025-06-02")),
    )  # fmt: skip
    pilots["S4"] = b.pilot(
        "S4",
        [*FULL, ("scaling", "2025-06-20")],
        risk="low", premier=False,
        engaged=(("engaged", "2025-01-20"), ("champion", "2025-01-22"), ("engaged", "2025-03-01")),
        iterations=(("2025-02-05", 1), ("2025-03-05", 2)),
        metrics=ok_metric,
        feedback=((0, "2025-02-20"),),
        decisions=(("scale", "2025-06-15"),),
    )  # fmt: skip
    pilots["S5"] = b.pilot(
        "S5",
        [*FULL, ("scaling", "2025-06-15"), ("adopted", "2025-08-01")],
        risk="medium", premier=True,
        engaged=(("engaged", "2025-02-01"), ("engaged", "2025-02-02")),
        iterations=(("2025-02-05", 1), ("2025-03-05", 1), ("2025-04-01", 1)),
        metrics=ok_metric,
        decisions=(("scale", "2025-06-10"),),
        withdrawn=(("scale", "2025-05-05"),),
    )  # fmt: skip
    pilots["Z"] = b.pilot(
        "Z",
        [("proposed", "2025-05-01"), ("selecting", "2025-05-10"), ("running", "2025-06-01"),
         ("scale_review", "2025-11-20"), ("scaling", "2025-12-10")],
        risk="high", premier=True,
        engaged=(("engaged", "2025-05-20"), ("champion", "2025-05-25")),
        iterations=(("2025-06-05", 1), ("2025-07-05", 2), ("2025-08-05", 1)),
        metrics=({"created": "2025-05-15"},),
        feedback=((0, "2025-06-20"), (2, "2025-08-20")),
        decisions=(("scale", "2025-12-05"),),
    )  # fmt: skip
    pilots["X1"] = b.pilot(
        "X1",
        STOPPED_FROM_RUNNING,
        risk="low", premier=True,
        engaged=(("engaged", "2025-01-20"),),
        iterations=(("2025-02-05", 1),),
        metrics=({"created": "2025-01-16", "kind": "internal",
                  "changes": [change("kind", "customer_experienced", "internal")]},),
    )  # fmt: skip
    pilots["X2"] = b.pilot(
        "X2",
        [*FULL, ("stopped", "2025-06-05")],
        risk="medium", premier=True,
        engaged=(("engaged", "2025-01-20"), ("engaged", "2025-01-21")),
        iterations=(("2025-02-05", 1), ("2025-03-05", 2)),
        metrics=({"created": "2025-02-03"},),
        feedback=((0, "2025-02-20"), (1, "2025-03-20")),
        decisions=(("stop", "2025-06-01"),),
    )  # fmt: skip
    pilots["X3"] = b.pilot(
        "X3",
        [*FULL, ("stopped", "2025-05-20")],
        risk="high", premier=True,
        engaged=(("champion", "2025-03-01"),),
        iterations=(("2025-02-05", 2), ("2025-03-05", 1)),
        metrics=ok_metric,
        feedback=((0, "2025-02-20"), (0, "2025-02-21"), (0, "2025-02-22"), (None, "2025-01-25")),
        decisions=(("stop", "2025-05-15"),),
    )  # fmt: skip
    pilots["X4"] = b.pilot(
        "X4",
        [*FULL[:2], ("stopped", "2025-03-01")],
        risk="high", premier=False,
        engaged=(("engaged", "2025-01-20"), ("champion", "2025-01-22")),
        metrics=ok_metric,
    )  # fmt: skip
    pilots["X5"] = b.pilot(
        "X5",
        [*FULL[:3], ("stopped", "2025-03-01")],
        risk="medium",
        metrics=({"created": "2025-01-16", "kind": "internal"},
                 {"created": "2025-01-16", "changes": [change("target", None, 20.0)]}),
    )  # fmt: skip
    # Open pilots: never part of the evidence.
    pilots["O1"] = b.pilot(
        "O1",
        [("proposed", "2025-10-01"), ("selecting", "2025-10-10"), ("running", "2025-12-01")],
        risk="medium", premier=False,
        engaged=(("engaged", "2025-11-20"), ("engaged", "2025-12-02")),
        iterations=(("2025-12-05", 1),),
        metrics=({"created": "2025-11-01"},),
    )  # fmt: skip
    pilots["O2"] = b.pilot(
        "O2",
        [("proposed", "2026-01-05")],
        engaged=(("engaged", "2026-01-06"), ("engaged", "2026-01-07")),
    )
    pilots["O3"] = b.pilot(
        "O3",
        [("proposed", "2025-07-01"), ("selecting", "2025-07-10"), ("running", "2025-09-01"),
         ("scale_review", "2025-12-01")],
        risk="low", premier=False,
    )  # fmt: skip
    return pilots


@pytest.fixture
def world(
    db: Session, clock: FrozenClock, settings: Settings, client: TestClient, app: FastAPI
) -> dict[str, Any]:
    now = clock.now()
    assert now.date() == d("2026-01-15")
    ws = make_workspace(db, now=now, name="Acme Corp")
    people = {}
    for role in (Role.admin, Role.editor, Role.executive, Role.viewer):
        user = make_user(db, now=now, name=f"{role.value} person")
        add_member(db, workspace=ws, user=user, role=role, now=now)
        people[role.value] = user
    departments = [
        Department(workspace_id=ws.id, name=name, kpi="A KPI", created_at=now, updated_at=now)
        for name in ("Finance", "Sales", "IT")
    ]
    premier = Customer(
        workspace_id=ws.id, name="Big One", is_premier_account=True, created_at=now, updated_at=now
    )
    regular = Customer(workspace_id=ws.id, name="Small One", created_at=now, updated_at=now)
    db.add_all([*departments, premier, regular])
    db.flush()
    builder = Builder(db, ws, departments, premier, regular, people["executive"].id)
    pilots = build_history(builder)

    # Another workspace, with a closed pilot of its own and a member of its own.
    other = make_workspace(db, now=now, name="Other Co")
    outsider = make_user(db, now=now, name="Outsider")
    add_member(db, workspace=other, user=outsider, role=Role.admin, now=now)
    other_builder = Builder(db, other, [], premier, regular, outsider.id)
    other_pilot = other_builder.pilot("Elsewhere", [*FULL, ("stopped", "2025-06-01")])
    db.commit()

    def api(user: Any, workspace: Workspace = ws) -> Api:
        caller = browser_caller(db, user=user, settings=settings, now=now)
        db.commit()
        return Api(client, caller, workspace)

    return {
        "ws": ws,
        "db": db,
        "builder": builder,
        "pilots": pilots,
        "people": people,
        "departments": departments,
        "api": {role: api(user) for role, user in people.items()},
        "outsider": api(outsider, other),
        "other_pilot": other_pilot,
    }


def learning(api: Api, **params: Any) -> dict[str, Any]:
    response = api.get("/portfolio/learning", **params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    body: dict[str, Any] = response.json()
    PortfolioLearning.model_validate(body)
    return body


def by_code(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["code"]: p for p in body["practices"]}


def brief(item: dict[str, Any]) -> tuple[Any, ...]:
    w, wo = item["with"], item["without"]
    return (w["pilots"], w["scaled"], wo["pilots"], wo["scaled"], item["difference"],
            item["enough_data"])  # fmt: skip


# --- the figures -------------------------------------------------------------------------


def test_every_practice_of_the_hand_built_history(world: dict[str, Any]) -> None:
    body = learning(world["api"]["viewer"])

    assert body["as_of"] == "2026-01-15"
    assert body["closed"] == {"scaled": 6, "stopped": 5}
    practices = by_code(body)
    assert {code: brief(item) for code, item in practices.items()} == {
        "early_departments": (6, 5, 5, 1, 0.633333, True),
        "champion": (6, 4, 5, 2, 0.266667, True),
        "three_iterations": (5, 5, 6, 1, 0.833333, True),
        "higher_order_change": (7, 5, 4, 1, 0.464286, False),
        "customer_metric": (8, 6, 3, 0, 0.75, False),
        "low_risk_customer": (5, 4, 6, 2, 0.466667, True),
        "premier_account": (5, 2, 6, 4, -0.266667, True),
        "customer_voice": (4, 3, 7, 3, 0.321429, False),
        "quick_decision": (5, 4, 6, 2, 0.466667, True),
    }
    # Enough data first, then |difference| descending; ties in the documented order.
    assert [p["code"] for p in body["practices"]] == [
        "three_iterations",
        "early_departments",
        "low_risk_customer",
        "quick_decision",
        "champion",
        "premier_account",
        "customer_metric",
        "higher_order_change",
        "customer_voice",
    ]


def test_rates_and_wilson_bounds_to_four_decimals(world: dict[str, Any]) -> None:
    practices = by_code(learning(world["api"]["executive"]))

    def four(side: dict[str, Any]) -> tuple[float, float, float]:
        return (round(side["rate"], 4), round(side["ci_low"], 4), round(side["ci_high"], 4))

    early = practices["early_departments"]
    assert four(early["with"]) == (0.8333, 0.4365, 0.9699)  # 5 of 6
    assert four(early["without"]) == (0.2, 0.0362, 0.6245)  # 1 of 5
    three = practices["three_iterations"]
    assert four(three["with"]) == (1.0, 0.5655, 1.0)  # 5 of 5
    assert four(three["without"]) == (0.1667, 0.0301, 0.5635)  # 1 of 6
    metric = practices["customer_metric"]
    assert four(metric["with"]) == (0.75, 0.4093, 0.9285)  # 6 of 8
    assert four(metric["without"]) == (0.0, 0.0, 0.5615)  # 0 of 3
    assert four(practices["low_risk_customer"]["with"]) == (0.8, 0.3755, 0.9638)  # 4 of 5
    assert four(practices["premier_account"]["with"]) == (0.4, 0.1176, 0.7693)  # 2 of 5
    assert four(practices["higher_order_change"]["without"]) == (0.25, 0.0456, 0.6994)  # 1/4
    # The interval of the module itself, against the textbook value for 4 of 5.
    assert wilson(4, 5) == pytest.approx((0.375535, 0.963776), abs=1e-6)
    assert wilson(0, 0) is None


def test_labels_and_explanations(world: dict[str, Any]) -> None:
    practices = learning(world["api"]["viewer"])["practices"]

    assert sorted(p["code"] for p in practices) == sorted(CODES)
    for item in practices:
        assert item["label"][:1].isupper()
        assert item["explanation"].endswith(".")
    quick = by_code({"practices": practices})["quick_decision"]
    assert "within 30 days" in quick["explanation"]


def test_an_empty_workspace_has_no_rates(world: dict[str, Any]) -> None:
    body = learning(world["api"]["viewer"], as_of="2024-01-01")

    assert body["closed"] == {"scaled": 0, "stopped": 0}
    for item in body["practices"]:
        empty = {"pilots": 0, "scaled": 0, "rate": None, "ci_low": None, "ci_high": None}
        assert item["with"] == empty
        assert item["without"] == empty
        assert item["difference"] is None
        assert item["enough_data"] is False
    assert [p["code"] for p in body["practices"]] == list(CODES)


def test_as_of_moves_a_pilot_from_running_to_closed(world: dict[str, Any]) -> None:
    api = world["api"]["viewer"]
    # On 2025-11-19 Z was still running: out of the evidence, and premier drops to 4 pilots.
    before = learning(api, as_of="2025-11-19")
    assert before["closed"] == {"scaled": 5, "stopped": 5}
    practices = by_code(before)
    assert brief(practices["premier_account"]) == (4, 1, 6, 4, -0.416667, False)
    assert brief(practices["low_risk_customer"]) == (5, 4, 5, 1, 0.6, True)
    assert brief(practices["early_departments"]) == (5, 4, 5, 1, 0.6, True)
    # In scale review on 2025-12-07 (its decision of 12-05 notwithstanding): still out.
    assert learning(api, as_of="2025-12-07")["closed"] == {"scaled": 5, "stopped": 5}
    # From 2025-12-10 it scaled: in, and premier has enough data.
    after = learning(api, as_of="2025-12-10")
    assert after["closed"] == {"scaled": 6, "stopped": 5}
    assert brief(by_code(after)["premier_account"]) == (5, 2, 6, 4, -0.266667, True)


def test_as_of_reads_the_history_of_that_day(world: dict[str, Any]) -> None:
    # On 2025-05-25 only X3 (stopped 05-20), X4 and X5 had closed, and S1/S2 were scaling
    # (entered 05-20): scaled, with the iterations and feedback they had by then.
    body = learning(world["api"]["viewer"], as_of="2025-05-25")

    assert body["closed"] == {"scaled": 2, "stopped": 4}  # S1, S2; X1 (04-01), X3, X4, X5
    practices = by_code(body)
    assert brief(practices["three_iterations"])[:4] == (2, 2, 4, 0)
    assert brief(practices["quick_decision"])[:4] == (3, 2, 3, 0)  # S1, S2, X3


def test_filters_narrow_the_pilots(world: dict[str, Any]) -> None:
    api = world["api"]["viewer"]

    assert learning(api, risk_level="low")["closed"] == {"scaled": 4, "stopped": 1}
    assert learning(api, stage="stopped")["closed"] == {"scaled": 0, "stopped": 5}
    assert learning(api, q="S1")["closed"] == {"scaled": 1, "stopped": 0}
    assert learning(api, health="stalled")["closed"] == {"scaled": 0, "stopped": 0}
    # S4 and Z are scaling without a scale plan: at risk, as the portfolio says too.
    assert learning(api, health="on_track")["closed"] == {"scaled": 4, "stopped": 5}
    assert learning(api, health="at_risk")["closed"] == {"scaled": 2, "stopped": 0}
    portfolio = api.get("/portfolio", health="at_risk").json()
    assert {p["title"] for p in portfolio["points"] if p["stage"] == "scaling"} == {"S4", "Z"}
    finance = world["departments"][0]  # every pilot with an involvement has Finance first
    body = learning(api, department_id=str(finance.id))
    assert body["closed"] == {"scaled": 6, "stopped": 4}  # not X5, which has none
    low = by_code(learning(api, risk_level="low"))["low_risk_customer"]
    assert brief(low) == (5, 4, 0, 0, None, False)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"as_of": "2026-13-01"}, "as_of"),
        ({"stage": "finished"}, "stage"),
        ({"health": "fine"}, "health"),
        ({"risk_level": "none"}, "risk_level"),
        ({"department_id": "42"}, "department_id"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_bad_parameters_are_named(
    world: dict[str, Any], params: dict[str, str], field: str
) -> None:
    response = world["api"]["viewer"].get("/portfolio/learning", **params)

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert [e["loc"] for e in response.json()["errors"]] == [["query", field]]


def test_access(world: dict[str, Any], client: TestClient) -> None:
    ws, pilot = world["ws"], world["pilots"]["S1"]
    outsider: Api = world["outsider"]
    for role in ("viewer", "editor", "executive", "admin"):
        assert world["api"][role].get("/portfolio/learning").status_code == 200
    # A member of another workspace does not see this one, nor its pilots' practices.
    outsider.base = f"/api/v1/workspaces/{ws.id}"
    assert outsider.get("/portfolio/learning").status_code == 404
    assert outsider.get(f"/pilots/{pilot.id}/practices").status_code == 404
    client.cookies.clear()
    assert client.get(f"/api/v1/workspaces/{ws.id}/portfolio/learning").status_code == 401


def test_another_workspace_counts_for_nothing(world: dict[str, Any]) -> None:
    outsider: Api = world["outsider"]
    body = learning(outsider)
    assert body["closed"] == {"scaled": 0, "stopped": 1}
    # Its pilot is not a pilot of Acme Corp.
    other = world["other_pilot"]
    assert world["api"]["viewer"].get(f"/pilots/{other.id}/practices").status_code == 404


# --- the pilot's practices ---------------------------------------------------------------


def practices_of(api: Api, pilot: Pilot, **params: Any) -> dict[str, Any]:
    response = api.get(f"/pilots/{pilot.id}/practices", **params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    PilotPractices.model_validate(body)
    return body


def follows(body: dict[str, Any]) -> dict[str, bool | None]:
    return {item["code"]: item["follows"] for item in body["items"]}


def test_a_running_pilot_follows_some_practices_so_far(world: dict[str, Any]) -> None:
    body = practices_of(world["api"]["viewer"], world["pilots"]["O1"])

    assert [item["code"] for item in body["items"]] == list(CODES)
    assert follows(body) == {
        "early_departments": False,  # one department engaged before it ran; too late now
        "champion": None,
        "three_iterations": None,
        "higher_order_change": None,
        "customer_metric": True,
        "low_risk_customer": False,
        "premier_account": False,
        "customer_voice": None,
        "quick_decision": None,
    }
    # The workspace's evidence, as the portfolio gives it without filters.
    portfolio = by_code(learning(world["api"]["viewer"]))
    for item in body["items"]:
        evidence = portfolio[item["code"]]
        for key in ("label", "explanation", "with", "without", "difference", "enough_data"):
            assert item[key] == evidence[key]


def test_a_proposed_pilot_can_still_follow_most(world: dict[str, Any]) -> None:
    assert follows(practices_of(world["api"]["viewer"], world["pilots"]["O2"])) == {
        "early_departments": True,  # two engaged already: they will have before the start
        "champion": None,
        "three_iterations": None,
        "higher_order_change": None,
        "customer_metric": None,
        "low_risk_customer": None,  # no customer chosen yet
        "premier_account": None,
        "customer_voice": None,
        "quick_decision": None,
    }


def test_a_scale_review_decision_becomes_late(world: dict[str, Any]) -> None:
    api, pilot = world["api"]["viewer"], world["pilots"]["O3"]

    assert follows(practices_of(api, pilot))["quick_decision"] is False  # 45 days, none
    assert follows(practices_of(api, pilot, as_of="2025-12-20"))["quick_decision"] is None
    assert follows(practices_of(api, pilot, as_of="2025-12-20"))["low_risk_customer"] is True


def test_a_closed_pilot_is_judged_as_the_evidence_counts_it(world: dict[str, Any]) -> None:
    api = world["api"]["viewer"]
    assert follows(practices_of(api, world["pilots"]["X4"])) == {
        "early_departments": False,
        "champion": True,
        "three_iterations": False,
        "higher_order_change": False,
        "customer_metric": False,
        "low_risk_customer": False,
        "premier_account": False,
        "customer_voice": False,
        "quick_decision": False,
    }
    assert set(follows(practices_of(api, world["pilots"]["S1"])).values()) == {True, False}
    # Before Z closed, it was an open pilot with a quick decision still to come.
    assert follows(practices_of(api, world["pilots"]["Z"], as_of="2025-11-19")) == {
        "early_departments": True,
        "champion": True,
        "three_iterations": True,
        "higher_order_change": True,
        "customer_metric": True,
        "low_risk_customer": False,
        "premier_account": True,
        "customer_voice": True,
        "quick_decision": None,
    }


def test_practices_parameters_are_named(world: dict[str, Any]) -> None:
    api = world["api"]["viewer"]
    response = api.get(f"/pilots/{world['pilots']['S1'].id}/practices", as_of="yesterday")
    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["errors"]] == [["query", "as_of"]]
    assert api.get(f"/pilots/{uuid.uuid4()}/practices").status_code == 404


# --- engaged_on --------------------------------------------------------------------------


def test_engaged_on_is_never_after_today(world: dict[str, Any]) -> None:
    api: Api = world["api"]["editor"]
    pilot, sales = world["pilots"]["O3"], world["departments"][1]
    path = f"/pilots/{pilot.id}/involvements"

    tomorrow = {"department_id": str(sales.id), "status": "engaged", "engaged_on": "2026-01-16"}
    response = api.send("POST", path, tomorrow)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert [e["loc"] for e in response.json()["errors"]] == [["body", "engaged_on"]]

    created = api.ok(
        "POST",
        path,
        {**tomorrow, "engaged_on": "2025-08-20", "invited_on": "2025-08-01"},
    )
    assert created["engaged_on"] == "2025-08-20"
    response = api.send("PATCH", f"{path}/{created['id']}", {"engaged_on": "2026-02-01"})
    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["errors"]] == [["body", "engaged_on"]]
    today = api.ok("PATCH", f"{path}/{created['id']}", {"engaged_on": "2026-01-15"})
    assert today["engaged_on"] == "2026-01-15"
    back = api.ok("PATCH", f"{path}/{created['id']}", {"engaged_on": "2025-08-02"})
    assert back["engaged_on"] == "2025-08-02"


def test_a_back_dated_engagement_moves_the_evidence(world: dict[str, Any]) -> None:
    """X1 had one department engaged before it ran; a second one, recorded now with its
    real date, puts it on the "with" side of `early_departments`."""
    api: Api = world["api"]["editor"]
    x1, sales = world["pilots"]["X1"], world["departments"][1]
    api.ok(
        "POST",
        f"/pilots/{x1.id}/involvements",
        {"department_id": str(sales.id), "status": "engaged", "invited_on": "2025-01-10",
         "engaged_on": "2025-01-28"},
    )  # fmt: skip
    early = by_code(learning(world["api"]["viewer"]))["early_departments"]
    assert brief(early)[:4] == (7, 5, 4, 1)


# --- a fixed number of statements --------------------------------------------------------


def test_a_constant_number_of_queries(world: dict[str, Any], connection: Connection) -> None:
    api = world["api"]["viewer"]
    pilot = world["pilots"]["O1"]
    requests: list[tuple[str, dict[str, str]]] = [
        ("/portfolio/learning", {}),
        ("/portfolio/learning", {"as_of": "2025-11-19", "risk_level": "low"}),
        ("/portfolio/learning", {"health": "on_track"}),
        (f"/pilots/{pilot.id}/practices", {}),
    ]

    def queries() -> list[int]:
        counts = []
        for path, params in requests:
            with count_queries(connection) as statements:
                assert api.get(path, **params).status_code == 200
            counts.append(len(statements))
        return counts

    small = queries()
    b: Builder = world["builder"]
    for number in range(20):
        b.pilot(
            f"More {number}",
            [*FULL, ("scaling", "2025-05-20"), ("adopted", "2025-08-01")],
            risk="low", premier=number % 2 == 0,
            engaged=(("engaged", "2025-01-20"), ("champion", "2025-01-25")),
            iterations=(("2025-02-05", 1), ("2025-03-05", 2), ("2025-04-01", 1)),
            metrics=({"created": "2025-01-16",
                      "changes": [change("target", 15.0, 20.0)] if number % 3 else []},),
            feedback=((0, "2025-02-20"), (1, "2025-03-20")),
            decisions=(("scale", "2025-05-10"),),
        )  # fmt: skip
    world["db"].commit()
    large = queries()

    assert large == small, (small, large)
    # Per request: the caller's session and membership, then the learning's own: thresholds,
    # the facts, the metrics whose criteria changed (and, for a pilot, the pilot itself).
    assert max(small) <= 6
    assert learning(api)["closed"] == {"scaled": 26, "stopped": 5}
