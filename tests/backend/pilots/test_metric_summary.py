"""``metrics.latest_value`` / ``latest_measured_on`` and each pilot's metric summary
(``pilots.revenue_*``, ``metrics_progress``), denormalized for the portfolio, always match the
metrics and their measurements, whichever path added, changed or removed them."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import text
from sqlmodel import Session, select

from pilotboard.activity.service import Actor
from pilotboard.core import migrations
from pilotboard.core.clock import FrozenClock
from pilotboard.core.db import create_db_engine
from pilotboard.demo import DemoResult, build_demo
from pilotboard.exports.schemas import ExportDocument
from pilotboard.exports.service import export_workspace, restore_workspace
from pilotboard.pilots.iterations import service as iterations
from pilotboard.pilots.metrics import service as records
from pilotboard.pilots.metrics.summary import sync_latest, sync_summary
from pilotboard.pilots.models import Iteration, Measurement, Metric, Pilot
from pilotboard.wiring import session_factory_for
from pilotboard.workspaces.models import Membership, Role, Workspace
from tests.backend.conftest import (
    TEST_SECRET,
    demo_built_once,
    make_settings,
    throwaway_database,
)

TODAY = datetime(2026, 11, 22, 14, 30, tzinfo=UTC)
# Success criteria of a started pilot change only with a reason.
WHY = "The team measures it differently now."
Latest = tuple[float | None, date | None]
Summary = tuple[float | None, float | None, str | None, float | None]


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


def stored_summary(db: Session, workspace_id: uuid.UUID) -> dict[uuid.UUID, Summary]:
    rows = db.exec(select(Pilot).where(Pilot.workspace_id == workspace_id)).all()
    for pilot in rows:
        db.refresh(pilot)
    return {
        p.id: (
            p.revenue_latest,
            p.revenue_baseline,
            p.revenue_direction,
            None if p.metrics_progress is None else round(p.metrics_progress, 9),
        )
        for p in rows
    }


def expected_summary(db: Session, workspace_id: uuid.UUID) -> dict[uuid.UUID, Summary]:
    """Recomputed in Python from the measurements themselves (not from latest_value)."""
    latest = expected(db, workspace_id)
    pilot_ids = db.exec(select(Pilot.id).where(Pilot.workspace_id == workspace_id)).all()
    result: dict[uuid.UUID, Summary] = dict.fromkeys(pilot_ids, (None, None, None, None))
    progress: dict[uuid.UUID, list[float]] = {}
    for m in db.exec(select(Metric).where(Metric.workspace_id == workspace_id)).all():
        value = latest[m.id][0]
        if m.is_revenue:
            result[m.pilot_id] = (value, m.baseline, m.direction, None)
        if (
            value is not None
            and m.baseline is not None
            and m.target is not None
            and m.target != m.baseline
        ):
            progress.setdefault(m.pilot_id, []).append(
                (value - m.baseline) / (m.target - m.baseline)
            )
    for pilot_id, values in progress.items():
        mean = round(sum(values) / len(values), 9)
        result[pilot_id] = (*result[pilot_id][:3], mean)
    return result


def assert_in_step(db: Session, workspace_id: uuid.UUID) -> None:
    db.flush()
    assert stored(db, workspace_id) == expected(db, workspace_id)
    assert stored_summary(db, workspace_id) == expected_summary(db, workspace_id)


demo_world, connection, demo = demo_built_once(TODAY, history=False)


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
    summary = stored_summary(db, demo.workspace_id)
    assert sum(revenue is not None for revenue, *_ in summary.values()) > 0
    assert sum(progress is not None for *_, progress in summary.values()) > 0
    assert summary == expected_summary(db, demo.workspace_id)


def test_editing_adding_and_deleting_metrics_keeps_the_summary_in_step(
    db: Session, demo: DemoResult
) -> None:
    pilot, metric = a_measured_metric(db, demo.workspace_id)
    actor = admin_actor(db, demo.workspace_id)
    version = pilot.updated_at
    # The revenue flag moves to this metric (after clearing the pilot's current one), then its
    # baseline, target and direction change: each is a different summary. The demo pilot has
    # started, so each change of a success criterion gives its reason.
    for other in db.exec(
        select(Metric).where(Metric.pilot_id == pilot.id, Metric.is_revenue == True)  # noqa: E712
    ).all():
        records.update_metric(
            db, pilot=pilot, metric=other, actor=actor, changes={"is_revenue": False}, now=TODAY
        )
    assert_in_step(db, demo.workspace_id)
    for changes in (
        {"is_revenue": True},
        {"direction": "increase", "baseline": 10.0, "target": 20.0},
        {"direction": "decrease", "target": 5.0},
        {"target": None},  # no target: no progress
    ):
        records.update_metric(
            db, pilot=pilot, metric=metric, actor=actor, changes=changes, now=TODAY, reason=WHY
        )
        assert_in_step(db, demo.workspace_id)
    db.refresh(pilot)
    assert (pilot.revenue_baseline, pilot.revenue_direction) == (10.0, "decrease")
    added = records.add_metric(
        db,
        pilot=pilot,
        actor=actor,
        data={"name": "Orders on time", "direction": "increase", "kind": "customer_experienced",
              "baseline": 0.5, "target": 0.9},
        now=TODAY,
    )  # fmt: skip
    records.add_measurement(
        db,
        pilot=pilot,
        metric=added,
        actor=actor,
        data={"value": 0.7, "measured_on": date(2026, 11, 20)},
        now=TODAY,
    )
    assert_in_step(db, demo.workspace_id)
    records.delete_metric(db, pilot=pilot, metric=metric, actor=actor, now=TODAY, reason=WHY)
    assert_in_step(db, demo.workspace_id)
    db.refresh(pilot)
    assert (pilot.revenue_latest, pilot.revenue_baseline, pilot.revenue_direction) == (
        None,
        None,
        None,
    )
    assert pilot.updated_at >= version  # the records' own changes may move it; the sync never does


def test_the_summary_is_not_part_of_the_pilots_version(db: Session, demo: DemoResult) -> None:
    pilot, metric = a_measured_metric(db, demo.workspace_id)
    version = pilot.updated_at
    db.add(
        Measurement(
            workspace_id=pilot.workspace_id,
            pilot_id=pilot.id,
            metric_id=metric.id,
            value=(metric.latest_value or 0) + 1000,
            measured_on=date(2026, 11, 22),
            created_at=TODAY,
            updated_at=TODAY,
        )
    )
    assert_in_step(db, demo.workspace_id)
    db.refresh(pilot)
    assert pilot.updated_at == version


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


def test_moving_measurements_and_metrics_keeps_both_owners_in_step(
    db: Session, demo: DemoResult
) -> None:
    """No route moves them today; the sync must not leave the previous owner stale if one
    does."""
    pilot, metric = a_measured_metric(db, demo.workspace_id)
    other = db.exec(
        select(Metric)
        .where(
            Metric.workspace_id == demo.workspace_id,
            Metric.pilot_id != pilot.id,
            Metric.is_revenue == False,  # noqa: E712 (a pilot has one revenue metric at most)
        )
        .order_by(Metric.name, Metric.id)
    ).first()
    assert other is not None
    for measurement in db.exec(select(Measurement).where(Measurement.metric_id == metric.id)):
        measurement.metric_id, measurement.pilot_id = other.id, other.pilot_id
        db.add(measurement)
    assert_in_step(db, demo.workspace_id)
    assert (metric.latest_value, metric.latest_measured_on) == (None, None)
    moved = db.get(Metric, other.id)
    assert moved is not None
    moved.pilot_id = pilot.id
    db.add(moved)
    assert_in_step(db, demo.workspace_id)


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
    iterations.delete_iteration(db, pilot=pilot, iteration=measured, actor=actor, now=TODAY)
    assert_in_step(db, demo.workspace_id)
    pilot, metric = a_measured_metric(db, demo.workspace_id)
    records.delete_metric(db, pilot=pilot, metric=metric, actor=actor, now=TODAY, reason=WHY)
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
    db.execute(
        text(
            "UPDATE pilots SET revenue_latest = NULL, revenue_baseline = NULL, "
            "revenue_direction = NULL, metrics_progress = NULL"
        ),
    )
    sync_summary(db, demo.workspace_id)
    assert_in_step(db, demo.workspace_id)


def assert_backfilled_again(
    tmp_path: Path,
    *,
    down_to: str,
    count: str,
    want: Callable[[Session, uuid.UUID], object],
    got: Callable[[Session, uuid.UUID], object],
) -> None:
    """On a demo workspace: downgrading to ``down_to`` and upgrading again keeps every row
    ``count`` counts, and the backfill gives what ``want`` computes from the records."""
    with throwaway_database(tmp_path, f"down-to-{down_to}") as url:
        settings = make_settings(url, tmp_path)
        engine = create_db_engine(url)
        try:
            migrations.upgrade(settings)
            with session_factory_for(engine, FrozenClock(current=TODAY))() as db:
                workspace_id = build_demo(
                    db, FrozenClock(current=TODAY), history=False
                ).workspace_id
                db.commit()
                wanted = want(db, workspace_id)
            with engine.connect() as connection:
                rows = connection.execute(text(count)).scalar_one()
            migrations.downgrade(settings, revision=down_to)
            migrations.upgrade(settings)
            with Session(engine) as db:
                assert db.execute(text(count)).scalar_one() == rows
                assert got(db, workspace_id) == wanted
        finally:
            engine.dispose()


def test_migration_0006_backfills_and_its_downgrade_keeps_the_measurements(
    tmp_path: Path,
) -> None:
    assert_backfilled_again(
        tmp_path,
        down_to="0005",
        count="SELECT COUNT(*) FROM measurements",
        want=expected,
        got=stored,
    )


def test_migration_0007_backfills_the_summary_and_its_downgrade_keeps_the_pilots(
    tmp_path: Path,
) -> None:
    assert_backfilled_again(
        tmp_path,
        down_to="0006",
        count="SELECT (SELECT COUNT(*) FROM pilots) + (SELECT COUNT(*) FROM metrics)",
        want=expected_summary,
        got=stored_summary,
    )
