# ruff: noqa: F811 (the `world` fixture, imported, is each test's parameter)
"""What a portfolio read costs (#18): its aggregates read covering indexes (the portfolio's
index of compact pilot facts, and those of the facts stored for the median lift, the days to
the scale decision, the decisions waiting and the silent departments), never the wide pilot
rows nor the records of every pilot, and Python re-evaluates the health of only the stale
pilots and of the attention items it prints.

The fixture of ``test_portfolio.py``: nine pilots, its clock on 2026-01-15.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Connection, event
from sqlmodel import Session, col

from pilotboard.pilots.filters import PilotFilters
from pilotboard.pilots.models import PORTFOLIO_COLUMNS, Pilot
from pilotboard.portfolio import service
from pilotboard.portfolio.service import HealthMemo, Judged
from tests.backend.test_portfolio import world  # noqa: F401 (the fixture)

TODAY = date(2026, 1, 15)


class CountingMemo(HealthMemo):
    """A memo that never remembers, counting what it is asked to evaluate."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def evaluate(self, stored_facts: str | None, stage: str, *args: Any) -> service.Evaluated:
        if stored_facts is not None:
            self.asked.append(stage)
        self.clear()
        return super().evaluate(stored_facts, stage, *args)


def test_the_index_holds_every_column_the_aggregates_read() -> None:
    index = next(i for i in Pilot.__table__.indexes if i.name == "ix_pilots_portfolio")  # type: ignore[attr-defined]
    assert tuple(c.name for c in index.columns) == PORTFOLIO_COLUMNS


# Each statement and the covering indexes it reads the pilots (or the involvements) from.
PORTFOLIO = "ix_pilots_portfolio"
READS: dict[str, tuple[str, ...]] = {
    "groups": (PORTFOLIO,),
    "lifts": ("ix_pilots_revenue_lift",),
    "time in stage": (PORTFOLIO,),
    "marks": (PORTFOLIO, "ix_pilots_marks"),
    # Each health's walks (then the 300 rows by id).
    "first marks": ("ix_pilots_marks",),
    "waiting": ("ix_pilots_waiting",),
    "waiting page": ("ix_pilots_waiting",),
    "scale days": ("ix_pilots_workspace_id_scale_days",),
    # Unfiltered, the counts come off the rollup (department_engagements).
    "departments": ("ix_involvements_workspace_id_silent_since",),
}


def test_the_aggregates_read_indexes_not_the_rows(
    world: dict[str, Any], db: Session, connection: Connection
) -> None:
    if connection.dialect.name != "sqlite":
        pytest.skip("EXPLAIN QUERY PLAN is SQLite's; PostgreSQL plans by its statistics")
    judged = Judged.of(
        db,
        workspace_id=world["ws"].id,
        filters=PilotFilters(),
        as_of=TODAY,
        today=TODAY,
        memo=HealthMemo(),
    )
    counts = dict.fromkeys(service.TIMED_STAGES, 3)
    statements = {
        "groups": service.groups_statement(judged),
        "lifts": service.lifts_statement(judged, 3),
        "time in stage": service.time_in_stage_statement(judged, counts),
        "marks": service.points_statement(judged, limit=service.POINT_LIMIT),
        "first marks": service.points_statement(
            judged, limit=3, classes={"stalled": 1, "at_risk": 1, "on_track": 5}, misfiled=False
        ),
        "waiting": service.waiting_statement(judged, 2),
        # A page of `GET …/portfolio/decisions-waiting`, after a cursor.
        "waiting page": service.waiting_statement(
            judged, 2, limit=51, cursor=[-3, "Bravo", uuid.UUID(int=1)]
        ),
        "scale days": service.scale_days_statement(judged.scope),
        "departments": service.departments_statement(judged.scope, TODAY, 30),
    }
    for name, statement in statements.items():
        assert statement is not None
        plan = [row[3] for row in explained(connection, statement)]
        table = " involvements " if name == "departments" else " pilots "
        reads = [step for step in plan if table in f" {step} "]
        assert reads, (name, plan)
        # A covering index, or a row by its id (the 300 marks, the middle lifts, once chosen
        # on an index): never a scan of the rows.
        covering = [f"COVERING INDEX {index} " for index in READS[name]]
        assert all(
            any(c in f"{step} " for c in covering) or step.endswith("(id=?)") for step in reads
        ), (name, plan)
        for index in covering:
            assert any(index in f"{step} " for step in reads), (name, index, plan)


def explained(connection: Connection, statement: Any) -> list[Any]:
    """SQLite's query plan of ``statement``, with its parameters bound as the app binds them."""

    def explain(_conn: Any, _cursor: Any, sql: str, parameters: Any, *_: Any) -> Any:
        return "EXPLAIN QUERY PLAN " + sql, parameters

    event.listen(connection, "before_cursor_execute", explain, retval=True)
    try:
        # The driver's rows: the statement's own result types do not describe a plan's.
        result = connection.execute(statement)
        return list(result.cursor.fetchall()) if result.cursor is not None else []
    finally:
        event.remove(connection, "before_cursor_execute", explain)


def test_only_stale_pilots_and_printed_items_are_evaluated(
    world: dict[str, Any], db: Session
) -> None:
    ws = world["ws"].id
    # As of today nothing is stale (every pilot was refreshed today): only the four attention
    # items are evaluated, for their reasons.
    memo = CountingMemo()
    today = service.portfolio(
        db, workspace_id=ws, filters=PilotFilters(), as_of=TODAY, today=TODAY, memo=memo
    )
    assert today["attention_total"] == 4
    assert len(memo.asked) == 4

    # A month on, the pilots whose health time alone changes by then are stale too.
    memo = CountingMemo()
    later = service.portfolio(
        db,
        workspace_id=ws,
        filters=PilotFilters(),
        as_of=date(2026, 2, 17),
        today=TODAY,
        memo=memo,
    )
    stale = db.exec(
        Pilot.__table__.select().where(  # type: ignore[attr-defined]
            col(Pilot.workspace_id) == ws,
            col(Pilot.stage).in_(service.EVALUATED_STAGES),
            col(Pilot.health_changes_on) <= date(2026, 2, 17),
        )
    ).all()
    assert len(memo.asked) == len(stale) + len(later["attention"])
    assert later["attention_total"] == 5


def test_on_postgresql_the_portfolio_plans_without_parallel_workers(
    world: dict[str, Any], db: Session, connection: Connection
) -> None:
    """Its statements each read one workspace's compact index: parallel workers would cost
    more than they save, and take the cores of concurrent requests (`serial_plans`)."""
    if connection.dialect.name != "postgresql":
        pytest.skip("parallel plans are PostgreSQL's")
    setting = "SHOW max_parallel_workers_per_gather"
    assert connection.exec_driver_sql(setting).scalar() != "0"  # the server's default
    service.portfolio(
        db,
        workspace_id=world["ws"].id,
        filters=PilotFilters(),
        as_of=TODAY,
        today=TODAY,
        memo=HealthMemo(),
    )
    # For the rest of the portfolio's transaction only (SET LOCAL).
    assert db.connection().exec_driver_sql(setting).scalar() == "0"
