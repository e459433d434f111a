"""``metrics.latest_value`` / ``latest_measured_on`` (denormalized for the portfolio) always
match the metric's measurements, whichever path added or removed them."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from pilotboard.activity.service import Actor
from pilotboard.core import migrations
from pilotboard.core.clock import FrozenClock
from pilotboard.core.db import create_db_engine
from pilotboard.demo import DemoResult, build_demo
from pilotboard.exports.schemas import ExportDocument
from pilotboard.exports.service import export_workspace, restore_workspace
from pilotboard.pilots import records
from pilotboard.pilots.latest import sync_latest
from pilotboard.pilots.models import Iteration, Measurement, Metric, Pilot
from pilotboard.workspaces.models import Membership, Role, Workspace
from tests.backend.conftest import TEST_SECRET, make_settings, throwaway_database

TODAY = datetime(2026, 11, 22, 14, 30, tzinfo=UTC)
Latest = tuple[float | None, date | None]


def stored(db: Session, workspace_id: uuid.UUID) -> dict[uuid.UUID, Latest]:
    rows = db.exec(select(Metric).where(Metric.workspace_id == workspace_id)).all()
    for metric in rows:
        db.refresh(metric)
    return {m.id: (m.latest_value, m.latest_measured_on) for m in rows}


def expected(db: Session, workspace_id: uuid.UUID) -> dict[uuid.UUID, Latest]:
    """Recomputed in Python: the last measurement by date, then entry time, then id."""
    metric_ids = db.exec(select(Metric.id).where(Metric.workspace_id == workspace_id)).all()
    result: dict[uuid.UUID, Latest] = dict.fromkeys(metric_ids, (None, None))
    rows = db.exec(select(Measurement).where(Measurement.workspace_id == workspace_id)).all()
    for m in sorted(rows, key=lambda m: (m.measured_on, m.created_at, m.id)):
        result[m.metric_id] = (m.value, m.measured_on)
    return result


def assert_in_step(db: Session, workspace_id: uuid.UUID) -> None:
    db.flush()
    assert stored(db, workspace_id) == expected(db, workspace_id)


@pytest.fixture
def demo(db: Session) -> DemoResult:
    result = build_demo(db, FrozenClock(current=TODAY))
    db.flush()
    return result


def admin_actor(db: Session, workspace_id: uuid.UUID) -> Actor:
    user_id = db.exec(
        select(Membership.user_id).where(
            Membership.workspace_id == workspace_id, Membership.role == Role.admin.value
        )
    ).first()
    return Actor(user_id=user_id)


def a_measured_metric(db: Session, workspace_id: uuid.UUID) -> tuple[Pilot, Metric]:
    metric = db.exec(
        select(Metric)
        .where(Metric.workspace_id == workspace_id, Metric.latest_value.is_not(None))  # type: ignore[union-attr]
        .order_by(Metric.name, Metric.id)
    ).first()
    assert metric is not None
    pilot = db.get(Pilot, metric.pilot_id)
    assert pilot is not None
    return pilot, metric


def test_the_demo_built_through_add_measurement_is_in_step(db: Session, demo: DemoResult) -> None:
    latest = stored(db, demo.workspace_id)
    assert sum(value is not None for value, _ in latest.values()) > 0
    assert latest == expected(db, demo.workspace_id)


def test_add_measurement_moves_the_latest_only_when_it_is_later(
    db: Session, demo: DemoResult
) -> None:
    pilot, metric = a_measured_metric(db, demo.workspace_id)
    actor = admin_actor(db, demo.workspace_id)
    before = metric.latest_measured_on
    assert before is not None
    records.add_measurement(
        db,
        pilot=pilot,
        metric=metric,
        actor=actor,
        data={"value": 4242.0, "measured_on": before - timedelta(days=1)},
        now=TODAY,
    )
    assert metric.latest_measured_on == before
    assert metric.latest_value != 4242.0
    records.add_measurement(
        db,
        pilot=pilot,
        metric=metric,
        actor=actor,
        data={"value": 4343.0, "measured_on": before},
        now=TODAY + timedelta(hours=1),
    )
    assert (metric.latest_value, metric.latest_measured_on) == (4343.0, before)
    assert_in_step(db, demo.workspace_id)


def test_direct_orm_adds_and_deletes_keep_it_in_step(db: Session, demo: DemoResult) -> None:
    pilot, metric = a_measured_metric(db, demo.workspace_id)
    day = date(2026, 11, 21)
    entered = datetime(2026, 11, 21, 9, tzinfo=UTC)
    # Same day and same entry time: the id decides.
    twins = [
        Measurement(
            id=uuid.UUID(int=n),
            workspace_id=pilot.workspace_id,
            pilot_id=pilot.id,
            metric_id=metric.id,
            value=value,
            measured_on=day,
            created_at=entered,
            updated_at=entered,
        )
        for n, value in ((2**127 + 1, 1.5), (2**127 + 2, 2.5))
    ]
    db.add_all(twins)
    assert_in_step(db, demo.workspace_id)
    assert (metric.latest_value, metric.latest_measured_on) == (2.5, day)
    db.delete(twins[1])
    assert_in_step(db, demo.workspace_id)
    assert (metric.latest_value, metric.latest_measured_on) == (1.5, day)
    every = db.exec(select(Measurement).where(Measurement.metric_id == metric.id)).all()
    for measurement in every:
        db.delete(measurement)
    assert_in_step(db, demo.workspace_id)
    assert (metric.latest_value, metric.latest_measured_on) == (None, None)


def test_deleting_an_iteration_or_a_metric_keeps_it_in_step(db: Session, demo: DemoResult) -> None:
    actor = admin_actor(db, demo.workspace_id)
    measured = db.exec(
        select(Iteration)
        .join(Measurement, Measurement.iteration_id == Iteration.id)  # type: ignore[arg-type]
        .where(Iteration.workspace_id == demo.workspace_id)
        .order_by(Iteration.id)
    ).first()
    assert measured is not None
    pilot = db.get(Pilot, measured.pilot_id)
    assert pilot is not None
    records.delete_iteration(db, pilot=pilot, iteration=measured, actor=actor, now=TODAY)
    assert_in_step(db, demo.workspace_id)
    pilot, metric = a_measured_metric(db, demo.workspace_id)
    records.delete_metric(db, pilot=pilot, metric=metric, actor=actor, now=TODAY)
    assert_in_step(db, demo.workspace_id)


def test_a_restored_export_is_in_step(db: Session, demo: DemoResult) -> None:
    workspace_id = demo.workspace_id
    workspace = db.get(Workspace, workspace_id)
    assert workspace is not None
    document = export_workspace(db, workspace=workspace, now=TODAY)
    restored = restore_workspace(
        db,
        document=ExportDocument.model_validate(document.model_dump(mode="json")),
        name="Copy",
        admin_email=None,
        app_secret=TEST_SECRET,
        now=TODAY,
    )
    db.flush()
    copy = stored(db, restored.workspace_id)
    assert sorted(v for v in copy.values() if v[0] is not None) == sorted(
        v for v in stored(db, workspace_id).values() if v[0] is not None
    )
    assert copy == expected(db, restored.workspace_id)


def test_sync_latest_repairs_a_stale_column(db: Session, demo: DemoResult) -> None:
    db.execute(
        text("UPDATE metrics SET latest_value = NULL, latest_measured_on = NULL"),
    )
    sync_latest(db, demo.workspace_id)
    assert_in_step(db, demo.workspace_id)


def test_migration_0006_backfills_and_its_downgrade_keeps_the_measurements(
    tmp_path: Path,
) -> None:
    with throwaway_database(tmp_path, "latest") as url:
        settings = make_settings(url, tmp_path)
        engine = create_db_engine(url)
        try:
            migrations.upgrade(settings)
            with Session(engine) as db:
                workspace_id = build_demo(db, FrozenClock(current=TODAY)).workspace_id
                db.commit()
                want = expected(db, workspace_id)
            count = "SELECT COUNT(*) FROM measurements"
            with engine.connect() as connection:
                measurements = connection.execute(text(count)).scalar_one()
            migrations.downgrade(settings, revision="0005")
            migrations.upgrade(settings)
            with Session(engine) as db:
                assert db.execute(text(count)).scalar_one() == measurements
                assert stored(db, workspace_id) == want
        finally:
            engine.dispose()
