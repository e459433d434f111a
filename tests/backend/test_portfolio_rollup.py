"""The portfolio's rollup of pilots by group (``portfolio/rollup.py``, migration 0016's
triggers, #18): whatever writes the pilots, the workspace's rows sum to what the app's own SQL
counts over its pilots; compacting them changes no sum, even with writers at work; and the
portfolio read off the rollup is the portfolio read off the pilots, for every filter it serves
and as of any day.

The world is the demo workspace with its closed history, as of 2026-11-22.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import (
    Connection,
    Engine,
    case,
    delete,
    event,
    func,
    literal,
    select,
    text,
    update,
)
from sqlmodel import Session, col
from typer.testing import CliRunner

from pilotboard.cli import app as cli_app
from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import get_settings
from pilotboard.core.db import create_db_engine
from pilotboard.demo.load import DemoResult
from pilotboard.jobs.runner import JobRunner
from pilotboard.pilots.filters import PilotFilters
from pilotboard.pilots.models import Involvement, Pilot
from pilotboard.portfolio import rollup, service
from pilotboard.portfolio.models import DepartmentEngagement, PortfolioGroup
from pilotboard.portfolio.service import (
    HealthMemo,
    Judged,
    gain_expression,
    lift_known,
    progress_band_expression,
)
from pilotboard.wiring import FREQUENT_JOBS, session_factory_for
from pilotboard.workspaces.models import Workspace
from tests.backend.conftest import TEST_SECRET, backend_name, demo_built_once, throwaway_database
from tests.backend.factories import make_user, make_workspace

TODAY = datetime(2026, 11, 22, 14, 30, tzinfo=UTC)

demo_world, connection, demo = demo_built_once(TODAY)


def counted(connection: Connection, workspace_id: uuid.UUID) -> dict[rollup.GroupKey, Any]:
    """The workspace's pilots by group with their stored health, counted over the pilots with
    the portfolio's own expressions: what the rollup must sum to."""
    band = progress_band_expression()
    statement = (
        select(
            col(Pilot.stage),
            col(Pilot.health),
            col(Pilot.risk_level),
            band,
            func.count(),
            func.sum(func.coalesce(col(Pilot.revenue_at_stake), 0.0)),
            func.sum(gain_expression()),
            func.count(case((lift_known(), literal(1)))),
        )
        .where(col(Pilot.workspace_id) == workspace_id)
        .group_by(col(Pilot.stage), col(Pilot.health), col(Pilot.risk_level), band)
    )
    return {
        (stage, health, risk, band): (n, pytest.approx(float(stake)), pytest.approx(gain), lifts)
        for stage, health, risk, band, n, stake, gain, lifts in connection.execute(statement)
    }


def rows(connection: Connection, workspace_id: uuid.UUID) -> int:
    return connection.execute(
        select(func.count()).where(col(PortfolioGroup.workspace_id) == workspace_id)
    ).scalar_one()


def assert_rolled_up(db: Session, workspace_id: uuid.UUID) -> None:
    db.flush()
    connection = db.connection()
    assert rollup.read(connection, workspace_id) == counted(connection, workspace_id)


def pilots_of(db: Session, workspace_id: uuid.UUID) -> list[Pilot]:
    return list(
        db.scalars(
            select(Pilot).where(col(Pilot.workspace_id) == workspace_id).order_by(col(Pilot.title))
        )
    )


def test_the_demo_is_rolled_up_as_it_was_built(db: Session, demo: DemoResult) -> None:
    groups = counted(db.connection(), demo.workspace_id)
    assert len(groups) > 5  # several stages, healths, risks and bands
    assert sum(n for n, *_ in groups.values()) == len(pilots_of(db, demo.workspace_id))
    assert_rolled_up(db, demo.workspace_id)


def test_every_kind_of_write_to_the_pilots_is_rolled_up(db: Session, demo: DemoResult) -> None:
    ws = demo.workspace_id
    first, second, third, *_ = pilots_of(db, ws)
    # The ORM, one column of a group at a time.
    first.stage = "scaling"
    first.revenue_latest, first.revenue_baseline, first.revenue_period = 130.0, 100.0, "month"
    assert_rolled_up(db, ws)
    second.health = "stalled" if second.health != "stalled" else "at_risk"
    second.risk_level = "high" if second.risk_level != "high" else "low"
    assert_rolled_up(db, ws)
    for progress in (None, 0.1, 0.3, 0.6, 0.8, 1.0, 2.5):
        third.metrics_progress = progress
        assert_rolled_up(db, ws)
    third.revenue_at_stake = 12_345.67
    assert_rolled_up(db, ws)
    third.revenue_baseline = 0.0  # no lift any more
    assert_rolled_up(db, ws)

    # A write of nothing a group reads appends nothing.
    before = rows(db.connection(), ws)
    second.title = "Renamed, nothing else"
    db.flush()
    assert rows(db.connection(), ws) == before

    # Core statements over many pilots at once.
    db.execute(
        update(Pilot)
        .where(col(Pilot.workspace_id) == ws)
        .values(revenue_at_stake=func.coalesce(col(Pilot.revenue_at_stake), 0.0) * 2 + 1)
        .execution_options(synchronize_session=False)
    )
    assert_rolled_up(db, ws)
    db.execute(
        update(Pilot)
        .where(col(Pilot.workspace_id) == ws, col(Pilot.stage) == "running")
        .values(health="at_risk")
        .execution_options(synchronize_session=False)
    )
    assert_rolled_up(db, ws)

    # A pilot that moves to another workspace leaves this one's groups for that one's.
    other = make_workspace(db, now=TODAY, name="Elsewhere")
    db.execute(
        update(Pilot)
        .where(col(Pilot.id) == first.id)
        .values(workspace_id=other.id)
        .execution_options(synchronize_session=False)
    )
    assert_rolled_up(db, ws)
    assert_rolled_up(db, other.id)
    assert sum(n for n, *_ in rollup.read(db.connection(), other.id).values()) == 1

    # Deleted pilots leave their groups; a workspace with none left sums to nothing.
    db.execute(delete(Pilot).where(col(Pilot.workspace_id) == other.id))
    assert rollup.read(db.connection(), other.id) == {}
    db.expire_all()
    db.delete(pilots_of(db, ws)[-1])
    assert_rolled_up(db, ws)


def test_a_new_pilot_is_rolled_up(db: Session, demo: DemoResult) -> None:
    ws = demo.workspace_id
    model = pilots_of(db, ws)[0]
    for n in range(3):  # one INSERT of several rows
        db.add(
            Pilot(
                workspace_id=ws,
                title=f"New {n}",
                target_outcome=model.target_outcome,
                owner_id=model.owner_id,
                stage="running",
                stage_entered_at=TODAY,
                risk_level="medium",
                revenue_at_stake=1_000.0 * n,
                metrics_progress=0.3 * n,
                created_at=TODAY,
                updated_at=TODAY,
            )
        )
    assert_rolled_up(db, ws)


def test_compacting_leaves_one_row_per_group_and_every_sum_as_it_was(
    db: Session, demo: DemoResult
) -> None:
    ws = demo.workspace_id
    for pilot in pilots_of(db, ws)[:6]:
        pilot.revenue_at_stake = (pilot.revenue_at_stake or 0) + 0.1  # not exact in binary
        pilot.metrics_progress = 0.55
    db.flush()
    connection = db.connection()
    groups = counted(connection, ws)
    assert rows(connection, ws) > len(groups)
    assert rollup.compact_due(db, TODAY, at=rows(connection, ws) + 1) == 0  # none due
    replaced = rows(connection, ws)
    assert rollup.compact_due(db, TODAY, at=2) >= replaced
    assert rows(connection, ws) == len(groups)
    assert rollup.read(connection, ws) == groups
    assert rollup.compact(db, ws) == len(groups)  # again: the same rows
    assert rollup.read(connection, ws) == groups


def test_the_job_runner_compacts_at_every_round(
    db: Session,
    demo: DemoResult,
    session_factory: Callable[[], Session],
    clock: FrozenClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ws = demo.workspace_id
    for pilot in pilots_of(db, ws)[:4]:
        pilot.metrics_progress = 0.9
    db.commit()
    before = rows(db.connection(), ws)
    monkeypatch.setattr(rollup, "COMPACT_AT", before)
    runner = JobRunner(
        session_factory=session_factory, clock=clock, jobs=(), frequent=FREQUENT_JOBS
    )
    # The pilots' rows, and the involvements' if there are as many.
    assert runner.run_frequent()["portfolio_rollups"] >= before
    assert rows(db.connection(), ws) < before
    assert_rolled_up(db, ws)
    assert runner.run_frequent() == {"portfolio_rollups": 0}  # fewer rows than COMPACT_AT now


def test_the_rollup_can_be_counted_again_from_the_pilots(db: Session, demo: DemoResult) -> None:
    """For pilots written with the triggers off (a bulk load as a replica): a recount."""
    ws = demo.workspace_id
    db.execute(delete(PortfolioGroup).where(col(PortfolioGroup.workspace_id) == ws))
    db.execute(delete(DepartmentEngagement).where(col(DepartmentEngagement.workspace_id) == ws))
    assert rollup.read(db.connection(), ws) == {}
    assert engagements_rolled_up(db.connection(), ws) == {}
    groups = counted(db.connection(), ws)
    assert service.rebuild_rollup(db, ws) == len(groups) == rows(db.connection(), ws)
    assert_rolled_up(db, ws)
    engagements = engagements_counted(db.connection(), ws)
    assert engagements_rolled_up(db.connection(), ws) == engagements
    assert rows_of(db, DepartmentEngagement, ws) == len(engagements)
    assert service.rebuild_rollup(db, ws) == len(groups)  # again: the same
    assert engagements_rolled_up(db.connection(), ws) == engagements


PORTFOLIO_FILTERS = [
    PilotFilters(),
    PilotFilters(stage="running"),
    PilotFilters(risk_level="high"),
    PilotFilters(health="at_risk"),
    PilotFilters(health="on_track", stage="scale_review"),
    PilotFilters(stage="stopped", risk_level="low"),
]


@pytest.mark.parametrize("marks", [None, 7])
@pytest.mark.parametrize("days", [0, 45, -20])
def test_the_portfolio_off_the_rollup_is_the_portfolio_off_the_pilots(
    db: Session,
    demo: DemoResult,
    monkeypatch: pytest.MonkeyPatch,
    days: int,
    marks: int | None,
) -> None:
    """For each filter the rollup serves, as of today, later (health moves for stale pilots)
    and earlier (every flagged pilot is judged again). With ``marks``, the chart has room for
    that few marks, walked to (``first_marks_statement``) off the rollup and sorted off the
    pilots; a paused pilot is then stored as stalled (written around the rules), which only
    the rollup's reader can tell."""
    today = TODAY.date()
    as_of = today + timedelta(days=days)
    ws = demo.workspace_id
    judged = Judged.of(
        db, workspace_id=ws, filters=PilotFilters(), as_of=as_of, today=today, memo=HealthMemo()
    )
    if days:
        assert judged.moved  # some pilots' health as of that day is not the stored one
    if marks is not None:
        monkeypatch.setattr(service, "POINT_LIMIT", marks)
        paused = next(p for p in pilots_of(db, ws) if p.stage == "paused")
        db.execute(
            update(Pilot)
            .where(col(Pilot.id) == paused.id)
            .values(health="stalled", revenue_at_stake=10_000_000.0)
            .execution_options(synchronize_session=False)
        )
    sorted_marks = service.points_statement

    def read(filters: PilotFilters) -> dict[str, Any]:
        return service.portfolio(
            db, workspace_id=ws, filters=filters, as_of=as_of, today=today, memo=HealthMemo()
        )

    for filters in PORTFOLIO_FILTERS:
        assert service.rolled_up(filters)
        off_rollup = read(filters)
        with monkeypatch.context() as patch:
            patch.setattr(service, "rolled_up", lambda _filters: False)
            patch.setattr(
                service,
                "points_statement",
                lambda judged, *, limit, **_: sorted_marks(judged, limit=limit),
            )
            off_pilots = read(filters)
        assert off_rollup == off_pilots, filters
        if marks is not None and off_rollup["points_total"] > marks:
            assert len(off_rollup["points"]) == marks
    assert read(PilotFilters())["totals"]["pilots"] == len(pilots_of(db, ws))


def test_the_rollup_tells_a_pilot_stored_around_the_rules(db: Session, demo: DemoResult) -> None:
    ws = demo.workspace_id
    today = TODAY.date()
    judged = Judged.of(
        db, workspace_id=ws, filters=PilotFilters(), as_of=today, today=today, memo=HealthMemo()
    )
    assert service.rollup_groups(db.connection(), judged, PilotFilters())[1] is False
    adopted = next(p for p in pilots_of(db, ws) if p.stage == "adopted")
    db.execute(
        update(Pilot)
        .where(col(Pilot.id) == adopted.id)
        .values(health="at_risk")
        .execution_options(synchronize_session=False)
    )
    rows, misfiled = service.rollup_groups(db.connection(), judged, PilotFilters())
    assert misfiled is True
    assert all(health == "on_track" for stage, health, *_ in rows if stage == "adopted")


def engagements_counted(connection: Connection, workspace_id: uuid.UUID) -> dict[Any, int]:
    """The workspace's involvements by department and status, counted over them."""
    key = (col(Involvement.department_id), col(Involvement.status))
    return {
        (department_id, status): n
        for department_id, status, n in connection.execute(
            select(*key, func.count())
            .where(col(Involvement.workspace_id) == workspace_id)
            .group_by(*key)
        )
    }


def engagements_rolled_up(connection: Connection, workspace_id: uuid.UUID) -> dict[Any, int]:
    key = (col(DepartmentEngagement.department_id), col(DepartmentEngagement.status))
    return {
        (department_id, status): n
        for department_id, status, n in connection.execute(
            select(*key, func.sum(col(DepartmentEngagement.involvements)))
            .where(col(DepartmentEngagement.workspace_id) == workspace_id)
            .group_by(*key)
        )
        if n
    }


def test_the_departments_engagements_are_rolled_up(db: Session, demo: DemoResult) -> None:
    """Whatever writes the involvements; and the heatmap off the rollup is the heatmap off the
    involvements."""
    ws = demo.workspace_id

    def assert_current() -> None:
        db.flush()
        connection = db.connection()
        assert engagements_rolled_up(connection, ws) == engagements_counted(connection, ws)

    assert_current()
    involvements = list(
        db.scalars(
            select(Involvement)
            .where(col(Involvement.workspace_id) == ws)
            .order_by(col(Involvement.id))
        )
    )
    assert len(involvements) > 5
    involvements[0].status = "declined" if involvements[0].status != "declined" else "champion"
    assert_current()
    departments = {i.department_id for i in involvements}
    moved = next(i for i in involvements if i.department_id != involvements[1].department_id)
    before = rows_of(db, DepartmentEngagement, ws)
    involvements[1].contact_name = "Someone else"  # nothing counted changes: nothing appended
    db.flush()
    assert rows_of(db, DepartmentEngagement, ws) == before
    db.execute(
        update(Involvement)
        .where(col(Involvement.workspace_id) == ws, col(Involvement.status) == "invited")
        .values(status="engaged")
        .execution_options(synchronize_session=False)
    )
    assert_current()
    db.execute(delete(Involvement).where(col(Involvement.id) == moved.id))
    assert_current()
    assert rollup.compact(db, ws, rollup.ENGAGEMENTS) > 0
    assert rows_of(db, DepartmentEngagement, ws) == len(engagements_counted(db.connection(), ws))
    assert_current()
    assert len(departments) > 1

    today = TODAY.date()
    scope = service.Scope.of(ws, PilotFilters())
    narrowed = service.Scope(scope.workspace_id, scope.conditions, narrowed=True)
    heatmap = db.execute(service.departments_statement(scope, today, 14)).all()
    assert heatmap == db.execute(service.departments_statement(narrowed, today, 14)).all()
    assert sum(sum(row[2:6]) for row in heatmap) == sum(
        engagements_counted(db.connection(), ws).values()
    )


def rows_of(db: Session, model: Any, workspace_id: uuid.UUID) -> int:
    return (
        db.connection()
        .execute(select(func.count()).where(col(model.workspace_id) == workspace_id))
        .scalar_one()
    )


def test_filters_on_what_groups_do_not_carry_read_the_pilots() -> None:
    owner = uuid.uuid4()
    for filters in (
        PilotFilters(owner_id=owner),
        PilotFilters(department_id=owner),
        PilotFilters(engagement="engaged"),
        PilotFilters(q="loyalty"),
    ):
        assert not service.rolled_up(filters)
        assert not service.rolled_up(replace(filters, stage="running"))


# --- with writers at work (committed data, so PostgreSQL only: SQLite runs one writer) --------


@pytest.fixture
def committed(migrated_engine: Engine) -> Iterator[tuple[Any, uuid.UUID, uuid.UUID]]:
    """A workspace of 40 committed pilots, its own sessions, and their owner; dropped after."""
    if backend_name() != "postgresql":
        pytest.skip("SQLite runs one writer at a time: a compaction never meets another")
    factory = session_factory_for(migrated_engine, FrozenClock(current=TODAY))
    with factory() as db:
        owner = make_user(db, now=TODAY, email=f"{uuid.uuid4().hex}@example.com")
        ws = make_workspace(db, now=TODAY, name="Committed")
        owner_id, ws_id = owner.id, ws.id
        db.add_all(
            pilot(ws_id, owner_id, f"Pilot {n}", stage=("running", "scaling", "proposed")[n % 3])
            for n in range(40)
        )
        db.commit()
    try:
        yield factory, ws_id, owner_id
    finally:
        with factory() as db:
            db.execute(delete(Pilot).where(col(Pilot.workspace_id) == ws_id))
            db.execute(delete(PortfolioGroup).where(col(PortfolioGroup.workspace_id) == ws_id))
            db.execute(delete(Workspace).where(col(Workspace.id) == ws_id))
            db.commit()


def pilot(ws: uuid.UUID, owner: uuid.UUID, title: str, *, stage: str = "running") -> Pilot:
    return Pilot(
        workspace_id=ws,
        title=title,
        target_outcome="business_process",
        owner_id=owner,
        stage=stage,
        stage_entered_at=TODAY,
        revenue_at_stake=250.5,
        revenue_latest=120.0,
        revenue_baseline=100.0,
        metrics_progress=0.4,
        created_at=TODAY,
        updated_at=TODAY,
    )


def test_what_writers_append_while_compacting_counts_once(
    committed: tuple[Any, uuid.UUID, uuid.UUID],
) -> None:
    factory, ws, owner = committed
    with factory() as compactor, factory() as writer:
        assert rollup.compact(compactor, ws) > 0  # its deleted rows stay locked until commit
        writer.add(pilot(ws, owner, "Added meanwhile", stage="adopted"))
        writer.execute(
            update(Pilot)
            .where(col(Pilot.workspace_id) == ws, col(Pilot.stage) == "running")
            .values(health="stalled")
        )
        writer.commit()  # appends only: it never waits on the compaction
        compactor.commit()
    with factory() as db:
        assert rollup.read(db.connection(), ws) == counted(db.connection(), ws)
        assert sum(n for n, *_ in rollup.read(db.connection(), ws).values()) == 41


def test_two_compactions_at_once_count_every_row_once(
    committed: tuple[Any, uuid.UUID, uuid.UUID],
) -> None:
    factory, ws, owner = committed
    with factory() as db:
        for n in range(5):  # more rows to compact
            db.add(pilot(ws, owner, f"More {n}"))
            db.commit()
    first = factory()
    errors: list[BaseException] = []

    def second() -> None:
        try:
            with factory() as db:
                rollup.compact(db, ws)  # waits on the first one's rows, then skips them
                db.commit()
        except BaseException as error:  # pragma: no cover (reported below)
            errors.append(error)

    try:
        rollup.compact(first, ws)
        thread = threading.Thread(target=second)
        thread.start()
        first.commit()
        thread.join()
    finally:
        first.close()
    assert not errors
    with factory() as db:
        groups = counted(db.connection(), ws)
        assert rollup.read(db.connection(), ws) == groups
        assert sum(n for n, *_ in groups.values()) == 45


# --- the first chart marks, walked -------------------------------------------------------------


def classes_of(db: Session, judged: Judged) -> dict[str, int]:
    """How many matching pilots but the stopped ones there are by health as of the day."""
    return dict(
        db.execute(
            select(judged.health, func.count())
            .where(*judged.scope.conditions, col(Pilot.stage) != "stopped")
            .group_by(judged.health)
        ).all()
    )


@pytest.mark.parametrize("days", [0, 45, -20])
def test_the_first_marks_walked_are_the_first_marks_sorted(
    db: Session, demo: DemoResult, days: int
) -> None:
    """Whatever the number asked for, the filters and the day: ties of stake (broken by title,
    then id), pilots with no stake (last), pilots whose health moved, and a pilot outside the
    evaluated stages stored with another health (on track as of any day)."""
    ws = demo.workspace_id
    pilots = pilots_of(db, ws)
    for pilot in pilots[::4]:
        pilot.revenue_at_stake = None
    for pilot in pilots[1::4] + pilots[2::4]:
        pilot.revenue_at_stake = 50_000.0
    paused = next(p for p in pilots if p.stage in ("paused", "adopted"))
    db.flush()
    db.execute(
        update(Pilot)
        .where(col(Pilot.id) == paused.id)
        .values(health="stalled")
        .execution_options(synchronize_session=False)
    )
    today = TODAY.date()
    as_of = today + timedelta(days=days)
    for filters in (*PORTFOLIO_FILTERS, PilotFilters(q="a")):
        judged = Judged.of(
            db, workspace_id=ws, filters=filters, as_of=as_of, today=today, memo=HealthMemo()
        )
        classes = classes_of(db, judged)
        for limit in (*range(1, 12), 13, 17, 22, 30, 40, 1_000):
            walked = first_marks(db, judged, limit, classes)
            assert walked == first_marks(db, judged, limit, None), (filters, limit)
            assert len(walked) == min(limit, sum(classes.values()))


def first_marks(
    db: Session, judged: Judged, limit: int, classes: dict[str, int] | None
) -> list[str]:
    statement = service.points_statement(judged, limit=limit, classes=classes)
    return sorted(row.id for row in db.execute(statement))


def test_a_recount_counts_a_write_committed_meanwhile_once(
    committed: tuple[Any, uuid.UUID, uuid.UUID], migrated_engine: Engine
) -> None:
    """`pilotboard rebuild-rollups` while the app writes: a pilot added between the recount's
    delete and its count is counted by its own appended row, not a second time by the count."""
    factory, ws, owner = committed
    written: list[str] = []

    def write_meanwhile(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if not written and statement.lstrip().upper().startswith("INSERT INTO PORTFOLIO_GROUPS"):
            written.append(statement)
            with factory() as writer:
                writer.add(pilot(ws, owner, "Added meanwhile", stage="adopted"))
                writer.commit()

    event.listen(migrated_engine, "before_cursor_execute", write_meanwhile)
    try:
        assert service.recount_rollups(migrated_engine, ws) > 0
    finally:
        event.remove(migrated_engine, "before_cursor_execute", write_meanwhile)
    assert written
    with factory() as db:
        groups = counted(db.connection(), ws)
        assert rollup.read(db.connection(), ws) == groups
        assert sum(n for n, *_ in groups.values()) == 41


@pytest.fixture
def cli_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Engine, uuid.UUID]]:
    """A migrated database of its own with a workspace of 12 committed pilots, named in the
    environment the CLI reads."""
    with throwaway_database(tmp_path, "rollup_cli") as url:
        monkeypatch.setenv("PILOTBOARD_ENV", "production")
        monkeypatch.setenv("PILOTBOARD_SECRET_KEY", TEST_SECRET)
        monkeypatch.setenv("PILOTBOARD_VAR_DIR", str(tmp_path / "var"))
        monkeypatch.setenv("PILOTBOARD_DATABASE_URL", url)
        get_settings.cache_clear()
        assert CliRunner().invoke(cli_app, ["migrate"]).exit_code == 0
        engine = create_db_engine(url)
        try:
            factory = session_factory_for(engine, FrozenClock(current=TODAY))
            with factory() as db:
                owner = make_user(db, now=TODAY, email="rollups@example.com")
                ws = make_workspace(db, now=TODAY, name="Recounted")
                stages = ("running", "scaling", "proposed", "adopted")
                db.add_all(
                    pilot(ws.id, owner.id, f"Pilot {n}", stage=stages[n % 4]) for n in range(12)
                )
                db.commit()
                ws_id = ws.id
            yield engine, ws_id
        finally:
            engine.dispose()
            get_settings.cache_clear()


def test_the_cli_counts_a_workspaces_rollups_again(cli_database: tuple[Engine, uuid.UUID]) -> None:
    engine, ws = cli_database
    with engine.begin() as connection:  # as after a load with the triggers off
        connection.execute(delete(PortfolioGroup).where(col(PortfolioGroup.workspace_id) == ws))
        connection.execute(
            delete(DepartmentEngagement).where(col(DepartmentEngagement.workspace_id) == ws)
        )
        assert rollup.read(connection, ws) == {}

    result = CliRunner().invoke(cli_app, ["rebuild-rollups", "--workspace", str(ws)])

    assert result.exit_code == 0, result.output
    with engine.connect() as connection:
        groups = counted(connection, ws)
        assert rollup.read(connection, ws) == groups
    assert f"Recounted the rollups of 1 workspace(s): {len(groups)} group(s)" in result.output
    everyone = CliRunner().invoke(cli_app, ["rebuild-rollups"])
    assert everyone.exit_code == 0, everyone.output
    assert "of 1 workspace(s)" in everyone.output


@pytest.mark.parametrize(
    ("workspace", "message"),
    [("not-an-id", "is not a workspace id"), (str(uuid.UUID(int=7)), "no workspace")],
)
def test_the_cli_refuses_a_workspace_it_cannot_find(
    cli_database: tuple[Engine, uuid.UUID], workspace: str, message: str
) -> None:
    result = CliRunner().invoke(cli_app, ["rebuild-rollups", "--workspace", workspace])

    assert result.exit_code == 2
    assert message in result.output


def test_a_recount_meeting_a_compaction_starts_again(
    committed: tuple[Any, uuid.UUID, uuid.UUID], migrated_engine: Engine
) -> None:
    """The compaction deletes the rows the recount deletes too: the recount waits for it, cannot
    commit on its snapshot, and starts again; every pilot is counted once."""
    factory, ws, owner = committed
    with factory() as db:
        for n in range(3):
            db.add(pilot(ws, owner, f"More {n}"))
            db.commit()
    deletes: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().upper().startswith("DELETE FROM PORTFOLIO_GROUPS"):
            deletes.append(statement)

    errors: list[BaseException] = []

    def recount() -> None:
        try:
            service.recount_rollups(migrated_engine, ws)
        except BaseException as error:  # pragma: no cover (reported below)
            errors.append(error)

    compactor = factory()
    event.listen(migrated_engine, "before_cursor_execute", seen)
    try:
        assert rollup.compact(compactor, ws) > 0  # holds its deleted rows until it commits
        thread = threading.Thread(target=recount)
        thread.start()
        with migrated_engine.connect() as watcher:  # until the recount waits on those rows
            waiting = text(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            while not watcher.execute(waiting).scalar_one() and thread.is_alive():
                watcher.rollback()
        compactor.commit()
        thread.join()
    finally:
        compactor.close()
        event.remove(migrated_engine, "before_cursor_execute", seen)
    assert not errors
    assert len(deletes) >= 2  # the first try failed on its snapshot, a second one committed
    with factory() as db:
        groups = counted(db.connection(), ws)
        assert rollup.read(db.connection(), ws) == groups
        assert sum(n for n, *_ in groups.values()) == 43
