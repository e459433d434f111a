"""The portfolio's department table counts silent involvements (API.md, "Department check-ins"):
`engaged` or `champion` in a running pilot or one in scale review, silent for more than
`department_silence_days` as of `as_of`; the indifference index counts them with the invited and
declined ones; the number of queries stays the same however many there are."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Connection
from sqlmodel import Session

from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings
from pilotboard.departments.models import Department
from pilotboard.pilots.models import Involvement, Pilot
from tests.backend.queries import count_queries
from tests.backend.test_check_ins import World, build_world

TODAY = date(2026, 1, 15)


@pytest.fixture
def world(
    db: Session, clock: FrozenClock, settings: Settings, client: TestClient, app: FastAPI
) -> World:
    return build_world(db, clock, settings, client, app)


def pilot(world: World, title: str, stage: str) -> Pilot:
    now = world.clock.now()
    made = Pilot(
        workspace_id=world.ws.id,
        title=title,
        target_outcome="business_process",
        owner_id=world.pilot.owner_id,
        stage=stage,
        stage_entered_at=now - timedelta(days=5),
        created_at=now,
        updated_at=now,
    )
    world.db.add(made)
    world.db.flush()
    return made


def department(world: World, name: str) -> Department:
    now = world.clock.now()
    made = Department(workspace_id=world.ws.id, name=name, created_at=now, updated_at=now)
    world.db.add(made)
    world.db.flush()
    return made


def involve(
    world: World,
    target: Pilot,
    dept: Department,
    status: str,
    *,
    asked: date | None = None,
    checked_in: date | None = None,
) -> None:
    now = world.clock.now()
    world.db.add(
        Involvement(
            workspace_id=world.ws.id,
            pilot_id=target.id,
            department_id=dept.id,
            status=status,
            invited_on=TODAY - timedelta(days=100),
            first_asked_on=asked,
            last_asked_at=datetime.combine(asked, datetime.min.time(), UTC) if asked else None,
            last_check_in_on=checked_in,
            created_at=now,
            updated_at=now,
        )
    )


def row(world: World, name: str, **params: Any) -> dict[str, Any]:
    body = world.api["executive"].get("/portfolio", **params).json()
    [found] = [d for d in body["departments"] if d["name"] == name]
    return {k: v for k, v in found.items() if k not in ("department_id", "name")}


def test_silent_involvements_count_toward_the_indifference_index(world: World) -> None:
    finance = department(world, "Finance")
    ago = TODAY - timedelta(days=30)  # silent for 30 days today: not yet
    # Engaged and asked 30 days ago, in a running pilot and one in scale review.
    involve(world, world.pilot, finance, "engaged", asked=ago)
    involve(world, pilot(world, "Beta", "scale_review"), finance, "champion", asked=ago)
    # Silent as long, but judged by no rule: scaling, paused, adopted pilots; an invited one.
    involve(world, pilot(world, "Gamma", "scaling"), finance, "engaged", asked=ago)
    involve(world, pilot(world, "Delta", "paused"), finance, "engaged", asked=ago)
    involve(world, pilot(world, "Echo", "running"), finance, "invited", asked=ago)
    # Never asked: not silent; checked in lately: not silent.
    involve(world, pilot(world, "Foxtrot", "running"), finance, "engaged")
    involve(
        world, pilot(world, "Golf", "running"), finance, "champion",
        asked=ago, checked_in=TODAY - timedelta(days=3),
    )  # fmt: skip
    world.db.commit()
    base = {"invited": 1, "engaged": 4, "champion": 2, "declined": 0, "flagged": False}

    assert row(world, "Finance") == {**base, "silent": 0, "indifference_index": round(1 / 7, 6)}
    assert row(world, "Finance", as_of="2026-01-16") == {
        **base,
        "silent": 2,
        "indifference_index": round(3 / 7, 6),
    }
    # Golf's check-in is 31 days old on 2026-02-13; Foxtrot was never asked.
    assert row(world, "Finance", as_of="2026-02-13") == {
        **base,
        "silent": 3,
        "indifference_index": round(4 / 7, 6),
        "flagged": True,
    }


def test_the_workspace_threshold_and_the_filters_apply(world: World) -> None:
    finance, sales = department(world, "Finance"), department(world, "Sales")
    involve(world, world.pilot, finance, "engaged", asked=TODAY - timedelta(days=8))
    involve(world, world.pilot, sales, "declined")
    world.db.commit()

    assert row(world, "Finance")["silent"] == 0
    world.api["admin"].ok("PATCH", "/settings", {"thresholds": {"department_silence_days": 7}})
    assert row(world, "Finance") == {
        "invited": 0,
        "engaged": 1,
        "champion": 0,
        "declined": 0,
        "silent": 1,
        "indifference_index": 1.0,
        "flagged": False,
    }
    assert row(world, "Finance", stage="scaling")["silent"] == 0
    assert row(world, "Finance", health="at_risk")["silent"] == 1


def test_a_constant_number_of_queries(world: World, connection: Connection) -> None:
    def queries() -> int:
        with count_queries(connection) as statements:
            assert world.api["executive"].get("/portfolio", as_of="2026-03-01").status_code == 200
        return len(statements)

    finance = department(world, "Finance")
    involve(world, world.pilot, finance, "engaged", asked=TODAY)
    world.db.commit()
    few = queries()
    for number in range(20):
        dept = department(world, f"Department {number}")
        for stage in ("running", "scale_review"):
            involve(
                world, pilot(world, f"Pilot {number} {stage}", stage), dept, "engaged", asked=TODAY
            )
    world.db.commit()

    assert queries() == few
    body = world.api["executive"].get("/portfolio", as_of="2026-03-01").json()
    assert sum(d["silent"] for d in body["departments"]) == 41
    assert uuid.UUID(body["departments"][0]["department_id"])
