"""The two health rules of the customer's voice and the departments' check-ins
(`department_silent`, `no_customer_voice`): as pure rules at their threshold edges, then from a
pilot's stored records, through `as_of`, the `?health=` filter, the portfolio's attention list,
the daily job and writes to the new tables."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session

from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings
from pilotboard.pilots.feedback.models import FeedbackLink, FeedbackResponse
from pilotboard.pilots.health import rules
from pilotboard.pilots.health.jobs import refresh_due_health
from pilotboard.pilots.health.rules import Facts
from pilotboard.pilots.models import Pilot
from tests.backend.test_check_ins import ANSWER, World, build_world

T = rules.DEFAULT_THRESHOLDS
D0 = date(2026, 1, 1)
SILENT = "Finance: silent for 31 days (more than 30): ask how the pilot is going for them."
UNHEARD = (
    "No word from the customer on the iteration started 31 days ago (more than 30): ask them "
    "through the feedback link."
)


def healthy(stage: str, **overrides: Any) -> Facts:
    """A pilot in ``stage`` that breaks no other rule for a long while."""
    values: dict[str, Any] = {
        "stage": stage,
        "stage_entered_on": D0,
        "latest_iteration_on": D0 + timedelta(days=400),
        "metric_count": 1,
        "customer_metric_count": 1,
        "engaged_departments": 2,
        "sponsor_active": True,
        "owner_active": True,
        "decision_since_stage_entry": True,
    }
    values.update(overrides)
    return Facts(**values)


def fired(facts: Facts, as_of: date, thresholds: dict[str, int] | None = None) -> list[str]:
    result = rules.evaluate_health(facts, {**T, **(thresholds or {})}, as_of)
    return [reason.message for reason in result.reasons]


# --- the rules -------------------------------------------------------------------------------


class TestDepartmentSilent:
    @pytest.mark.parametrize("stage", ["running", "scale_review"])
    def test_fires_the_day_after_the_threshold(self, stage: str) -> None:
        facts = healthy(stage, silent_department="Finance", silent_since=D0)

        assert fired(facts, D0 + timedelta(days=30)) == []
        assert fired(facts, D0 + timedelta(days=31)) == [SILENT]
        result = rules.evaluate_health(facts, T, D0 + timedelta(days=31))
        assert (result.health, result.reasons[0].code, result.reasons[0].threshold) == (
            "at_risk",
            "department_silent",
            30,
        )
        assert rules.evaluate_health(facts, T, D0).changes_on == D0 + timedelta(days=31)

    @pytest.mark.parametrize("stage", ["proposed", "selecting", "scaling", "paused", "adopted"])
    def test_only_while_running_or_in_review(self, stage: str) -> None:
        facts = healthy(stage, silent_department="Finance", silent_since=D0)
        assert "department_silent" not in [
            r.code for r in rules.evaluate_health(facts, T, D0 + timedelta(days=400)).reasons
        ]

    def test_nobody_asked_nothing_to_say_and_the_threshold_is_the_workspace_s(self) -> None:
        assert fired(healthy("running"), D0 + timedelta(days=400)) == []
        facts = healthy("running", silent_department="Finance", silent_since=D0)
        assert fired(facts, D0 + timedelta(days=7), {"department_silence_days": 7}) == []
        assert fired(facts, D0 + timedelta(days=8), {"department_silence_days": 7}) == [
            "Finance: silent for 8 days (more than 7): ask how the pilot is going for them."
        ]


class TestNoCustomerVoice:
    def voice(self, stage: str = "running", **overrides: Any) -> Facts:
        values = {"has_feedback_link": True, "latest_iteration_started_on": D0, **overrides}
        return healthy(stage, **values)

    @pytest.mark.parametrize("stage", ["running", "scale_review"])
    def test_fires_the_day_after_the_threshold_without_a_response(self, stage: str) -> None:
        facts = self.voice(stage)

        assert fired(facts, D0 + timedelta(days=30)) == []
        assert fired(facts, D0 + timedelta(days=31)) == [UNHEARD]
        assert rules.evaluate_health(facts, T, D0).changes_on == D0 + timedelta(days=31)

    def test_a_response_since_the_iteration_started_silences_it(self) -> None:
        late = D0 + timedelta(days=400)
        assert fired(self.voice(latest_response_on=D0), late) == []
        assert fired(self.voice(latest_response_on=D0 - timedelta(days=1)), late) == [
            UNHEARD.replace("31 days", "400 days")
        ]

    def test_needs_a_link_and_an_iteration(self) -> None:
        late = D0 + timedelta(days=400)
        assert fired(self.voice(has_feedback_link=False), late) == []
        assert fired(self.voice(latest_iteration_started_on=None), late) == []
        assert fired(self.voice("scaling"), late) == []
        assert fired(self.voice(), D0 + timedelta(days=11), {"customer_voice_days": 10}) == [
            UNHEARD.replace("31 days", "11 days").replace("than 30", "than 10")
        ]

    def test_the_new_facts_survive_json(self) -> None:
        facts = self.voice(silent_department="Finance", silent_since=D0, latest_response_on=D0)
        assert Facts.from_json(facts.to_json()) == facts


# --- from the stored records -----------------------------------------------------------------


@pytest.fixture
def world(
    db: Session, clock: FrozenClock, settings: Settings, client: TestClient, app: FastAPI
) -> World:
    return build_world(db, clock, settings, client, app)


def codes(world: World, as_of: str | None = None) -> list[str]:
    params = {"as_of": as_of} if as_of else {}
    pilot = world.api["viewer"].get(f"/pilots/{world.pilot.id}", **params).json()
    return [r["code"] for r in pilot["health_reasons"] if r["code"] in VOICE_CODES]


VOICE_CODES = {"department_silent", "no_customer_voice"}


def listed(world: World, health: str, as_of: str) -> list[str]:
    page = world.api["viewer"].get("/pilots", health=health, as_of=as_of).json()
    return [p["title"] for p in page["items"]]


def reasons_of(pilot: Pilot) -> list[str]:
    return [r["message"] for r in pilot.health_reasons if r["code"] in VOICE_CODES]


def test_an_engaged_department_asked_and_silent_puts_the_pilot_at_risk(world: World) -> None:
    world.involve("Finance", "engaged", "fin@customer.example")
    world.involve("Sales", "invited", "sales@customer.example")  # invited: not judged silent
    world.log_iteration()  # both asked on 2026-01-15

    assert codes(world, "2026-02-14") == []  # 30 days
    assert codes(world, "2026-02-15") == ["department_silent"]  # 31 days
    pilot = world.api["viewer"].get(f"/pilots/{world.pilot.id}", as_of="2026-02-15").json()
    [reason] = [r for r in pilot["health_reasons"] if r["code"] == "department_silent"]
    assert reason == {
        "code": "department_silent",
        "severity": "at_risk",
        "message": SILENT,
        "threshold": 30,
    }
    assert "Vendor-managed inventory" in listed(world, "at_risk", "2026-02-15")
    # The stored health follows once the day comes (the daily health job).
    world.clock.current = datetime(2026, 2, 15, 2, tzinfo=world.clock.now().tzinfo)
    world.db.expire_all()  # as a new session of the job would see it
    refresh_due_health(world.db, now=world.clock.now())
    world.db.commit()
    world.db.refresh(world.pilot)
    assert reasons_of(world.pilot) == [SILENT]
    portfolio = world.api["viewer"].get("/portfolio").json()
    [item] = portfolio["attention"]
    assert SILENT in [r["message"] for r in item["reasons"]]


def test_a_check_in_clears_the_silence_in_the_same_transaction(world: World) -> None:
    world.involve("Finance", "engaged", "fin@customer.example")
    world.log_iteration()
    world.clock.advance(days=31)
    world.db.expire_all()  # as a new session of the job would see it
    refresh_due_health(world.db, now=world.clock.now())
    world.db.commit()
    world.db.refresh(world.pilot)
    assert reasons_of(world.pilot) == [SILENT]

    world.api["editor"].ok(
        "POST", f"/pilots/{world.pilot.id}/involvements/{world.involvements['Finance']}/check-ins",
        ANSWER,
    )  # fmt: skip

    world.db.refresh(world.pilot)
    assert reasons_of(world.pilot) == []
    assert codes(world) == []
    assert codes(world, "2026-03-17") == []  # 30 days after the check-in on 2026-02-15
    assert codes(world, "2026-03-18") == ["department_silent"]


def test_the_silence_threshold_is_the_workspace_s(world: World) -> None:
    world.involve("Finance", "champion", "fin@customer.example")
    world.log_iteration()
    world.api["admin"].ok("PATCH", "/settings", {"thresholds": {"department_silence_days": 10}})

    assert codes(world, "2026-01-25") == []
    assert codes(world, "2026-01-26") == ["department_silent"]


def add_link(world: World, *, revoked: bool = False) -> FeedbackLink:
    now = world.clock.now()
    link = FeedbackLink(
        workspace_id=world.ws.id,
        pilot_id=world.pilot.id,
        contact_name="Dana at St. Agnes",
        token_hash=None,
        revoked_at=now if revoked else None,
        created_at=now,
        updated_at=now,
    )
    world.db.add(link)
    world.db.commit()
    return link


def add_response(world: World, link: FeedbackLink, when: datetime) -> None:
    world.db.add(
        FeedbackResponse(
            workspace_id=world.ws.id,
            pilot_id=world.pilot.id,
            link_id=link.id,
            difference=4,
            effort=3,
            created_at=when,
            updated_at=when,
        )
    )
    world.db.commit()


def test_a_feedback_link_unanswered_since_the_latest_iteration_puts_the_pilot_at_risk(
    world: World,
) -> None:
    world.log_iteration()  # started 2026-01-15
    assert codes(world, "2026-02-15") == []  # no link: the customer was never asked
    link = add_link(world)

    assert codes(world, "2026-02-14") == []  # 30 days
    assert codes(world, "2026-02-15") == ["no_customer_voice"]  # 31 days
    world.db.refresh(world.pilot)
    assert world.pilot.health_changes_on == date(2026, 2, 15)

    # A response the day the iteration started (UTC) is heard.
    add_response(world, link, world.clock.now().replace(hour=0, minute=0))
    assert codes(world, "2026-06-01") == []
    # A newer iteration needs a newer response.
    world.clock.advance(days=5)
    world.log_iteration()
    assert codes(world, "2026-02-19") == []
    assert codes(world, "2026-02-20") == ["no_customer_voice"]


def test_a_revoked_link_does_not_count(world: World) -> None:
    world.log_iteration()
    link = add_link(world)
    assert codes(world, "2026-02-15") == ["no_customer_voice"]

    link.revoked_at = world.clock.now()
    world.db.add(link)
    world.db.commit()

    assert codes(world, "2026-02-15") == []
    add_link(world, revoked=True)
    assert codes(world, "2026-02-15") == []
