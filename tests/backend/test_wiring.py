"""The app's plumbing: derived columns follow any write made through the app's sessions (and
only those), domain events reach their subscribers, and the job runner runs each daily job once
a day."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import Connection, insert
from sqlmodel import Session, select

from pilotboard.core.clock import FrozenClock
from pilotboard.core.derived import settle
from pilotboard.core.events import publish
from pilotboard.demo import DemoResult
from pilotboard.jobs.runner import Job, JobRunner
from pilotboard.pilots.models import Iteration, Measurement, Metric, Pilot
from pilotboard.workspaces.events import ThresholdsChanged
from tests.backend.conftest import demo_built_once

TODAY = datetime(2026, 11, 22, 14, 30, tzinfo=FrozenClock().now().tzinfo)


demo_world, connection, demo = demo_built_once(TODAY, history=False)


def _a_running_pilot(db: Session, demo: DemoResult) -> Pilot:
    pilot = db.exec(
        select(Pilot)
        .where(Pilot.workspace_id == demo.workspace_id, Pilot.stage == "running")
        .order_by(Pilot.title)
    ).first()
    assert pilot is not None
    return pilot


def test_a_record_written_without_any_service_still_refreshes_health(
    db: Session, demo: DemoResult
) -> None:
    pilot = _a_running_pilot(db, demo)
    before = pilot.health_facts["iteration_count"]
    db.add(
        Iteration(
            workspace_id=pilot.workspace_id,
            pilot_id=pilot.id,
            number=before + 1,
            started_on=date(2026, 11, 20),
            changes="Logged straight into the session",
            created_at=TODAY,
            updated_at=TODAY,
        )
    )
    db.commit()  # the commit settles what the flush noted

    db.refresh(pilot)
    assert pilot.health_facts["iteration_count"] == before + 1
    assert pilot.health_facts["latest_iteration_on"] == "2026-11-20"


def test_a_bulk_insert_through_the_session_is_noted_too(db: Session, demo: DemoResult) -> None:
    pilot = _a_running_pilot(db, demo)
    metric = db.exec(select(Metric).where(Metric.pilot_id == pilot.id)).first()
    assert metric is not None
    db.execute(
        insert(Measurement),
        [
            {
                "id": uuid.uuid4(),
                "workspace_id": pilot.workspace_id,
                "pilot_id": pilot.id,
                "metric_id": metric.id,
                "value": 1234.5,
                "measured_on": date(2026, 11, 21),
                "note": "",
                "created_at": TODAY,
                "updated_at": TODAY,
            }
        ],
    )
    settle(db)

    db.refresh(metric)
    assert (metric.latest_value, metric.latest_measured_on) == (1234.5, date(2026, 11, 21))


def test_a_session_made_elsewhere_is_left_alone(connection: Connection) -> None:
    plain = Session(bind=connection)
    settle(plain)  # nothing attached: a no-op
    with pytest.raises(RuntimeError, match="no event bus"):
        publish(plain, ThresholdsChanged(workspace_id=uuid.uuid4(), now=TODAY))
    plain.close()


def test_an_event_reaches_its_subscribers_in_the_same_transaction(
    db: Session, demo: DemoResult
) -> None:
    pilot = _a_running_pilot(db, demo)
    # Entering `running` long ago and no iteration since: only a re-evaluation shows it.
    pilot.health_facts = {**pilot.health_facts, "latest_iteration_on": "2025-01-01"}
    db.add(pilot)
    db.flush()
    db.expire(pilot)
    pilot.health = "on_track"

    publish(db, ThresholdsChanged(workspace_id=demo.workspace_id, now=TODAY))

    assert pilot.health == "stalled"
    assert "no_recent_iteration" in [r["code"] for r in pilot.health_reasons]


class TestTheJobRunner:
    @pytest.fixture
    def ran(self) -> list[str]:
        return []

    def runner(
        self,
        session_factory: Callable[[], Session],
        clock: FrozenClock,
        ran: list[str],
        fail: set[str],
    ) -> JobRunner:
        def job(name: str) -> Callable[[Session, datetime], int]:
            def run(session: Session, now: datetime) -> int:
                ran.append(f"{name} {now.date()}")
                if name in fail:
                    raise RuntimeError(f"{name} failed")
                return 1

            return run

        return JobRunner(
            session_factory=session_factory,
            clock=clock,
            jobs=[Job("first", job("first")), Job("second", job("second"))],
            frequent=[Job("often", job("often"))],
        )

    def test_each_job_runs_once_a_day(
        self, session_factory: Callable[[], Session], clock: FrozenClock, ran: list[str]
    ) -> None:
        runner = self.runner(session_factory, clock, ran, set())
        assert runner.run_due() == {"first": 1, "second": 1}
        assert runner.run_due() == {}
        clock.advance(days=1)
        assert runner.run_due() == {"first": 1, "second": 1}
        assert ran == [
            "first 2026-01-15",
            "second 2026-01-15",
            "first 2026-01-16",
            "second 2026-01-16",
        ]

    def test_a_frequent_job_runs_every_round_and_survives_its_failures(
        self,
        session_factory: Callable[[], Session],
        clock: FrozenClock,
        ran: list[str],
        caplog: Any,
    ) -> None:
        fail = {"often"}
        runner = self.runner(session_factory, clock, ran, fail)
        assert runner.run_frequent() == {}
        assert "The job often failed" in caplog.text
        fail.clear()
        assert runner.run_frequent() == {"often": 1}
        assert runner.run_frequent() == {"often": 1}  # the same day, again
        assert runner.run_due() == {"first": 1, "second": 1}  # the daily ones only
        assert ran == ["often 2026-01-15"] * 3 + ["first 2026-01-15", "second 2026-01-15"]

    def test_a_failed_job_does_not_stop_the_others_and_runs_again(
        self,
        session_factory: Callable[[], Session],
        clock: FrozenClock,
        ran: list[str],
        caplog: Any,
    ) -> None:
        fail = {"first"}
        runner = self.runner(session_factory, clock, ran, fail)
        assert runner.run_due() == {"second": 1}
        assert "The daily job first failed" in caplog.text
        fail.clear()
        assert runner.run_due() == {"first": 1, "second": 1}  # the same day, again
        assert runner.run_due() == {}
