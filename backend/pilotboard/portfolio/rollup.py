"""Reading and compacting the portfolio's rollups: of pilots by group (``PortfolioGroup``)
and of involvements by department and status (``DepartmentEngagement``).

What a workspace's rows sum to, by group, is what ``service.groups_statement`` would count over
its pilots with their stored health (and, by department and status, what
``service.departments_statement`` counts over its involvements): the triggers of migrations
0016 and 0018 append a signed row for every change. :func:`compact` keeps the rows few.
"""

from __future__ import annotations

import math
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, delete, func, insert, select
from sqlmodel import Session, col

from pilotboard.core.derived import DERIVED
from pilotboard.portfolio.models import DepartmentEngagement, PortfolioGroup

# A group: (stage, health, risk level, progress band); its figures: how many pilots, revenue at
# stake, annual revenue gain, how many with a revenue lift.
GroupKey = tuple[str, str, str | None, str]
Figures = tuple[int, float, float, int]

# Compact a workspace once it has this many rows: reading them stays well under a millisecond
# (a workspace has a few hundred groups at most, so compacting it leaves fewer).
COMPACT_AT = 1_000

_GROUP = (
    col(PortfolioGroup.stage),
    col(PortfolioGroup.health),
    col(PortfolioGroup.risk_level),
    col(PortfolioGroup.band),
)


def read(connection: Connection, workspace_id: uuid.UUID) -> dict[GroupKey, Figures]:
    """The workspace's pilots by group with their stored health: one statement over its rows
    (the groups with no pilot left are not among them)."""
    statement = (
        select(
            *_GROUP,
            func.sum(col(PortfolioGroup.pilots)),
            func.sum(col(PortfolioGroup.stake)),
            func.sum(col(PortfolioGroup.gain)),
            func.sum(col(PortfolioGroup.lifts)),
        )
        .where(col(PortfolioGroup.workspace_id) == workspace_id)
        .group_by(*_GROUP)
    )
    return {
        (stage, health, risk_level, band): (int(n), float(stake), float(gain), int(lifts))
        for stage, health, risk_level, band, n, stake, gain, lifts in connection.execute(statement)
        if n
    }


@dataclass(frozen=True)
class Rollup:
    """A table of signed rows that triggers append: its key columns (beside the workspace), its
    counts (the first one says whether anything is left of a key) and its float sums."""

    table: Table
    keys: tuple[str, ...]
    counts: tuple[str, ...]
    floats: tuple[str, ...] = ()


GROUPS = Rollup(
    PortfolioGroup.__table__,  # type: ignore[attr-defined]
    keys=("stage", "health", "risk_level", "band"),
    counts=("pilots", "lifts"),
    floats=("stake", "gain"),
)
ENGAGEMENTS = Rollup(
    DepartmentEngagement.__table__,  # type: ignore[attr-defined]
    keys=("department_id", "status"),
    counts=("involvements",),
)
ROLLUPS = (GROUPS, ENGAGEMENTS)


def _summed(rollup: Rollup, rows: Iterable[Any]) -> list[dict[str, Any]]:
    """One row per key of ``rows`` (as ``DELETE … RETURNING`` gives them: the keys, the counts,
    the floats), with its sums; a key nothing is left of (its first count sums to 0: every
    row of it cancels another) is not among them."""
    width = len(rollup.keys)
    counts: dict[tuple[Any, ...], list[int]] = defaultdict(lambda: [0] * len(rollup.counts))
    floats: dict[tuple[Any, ...], list[list[float]]] = defaultdict(
        lambda: [[] for _ in rollup.floats]
    )
    for row in rows:
        key = tuple(row[:width])
        for i, value in enumerate(row[width : width + len(rollup.counts)]):
            counts[key][i] += value
        for i, value in enumerate(row[width + len(rollup.counts) :]):
            floats[key][i].append(value)
    # fsum: the sums are exact, whatever the order the rows came in.
    return [
        {
            **dict(zip(rollup.keys, key, strict=True)),
            **dict(zip(rollup.counts, sums, strict=True)),
            **{
                name: math.fsum(values)
                for name, values in zip(rollup.floats, floats[key], strict=True)
            },
        }
        for key, sums in counts.items()
        if sums[0]
    ]


def compact(session: Session, workspace_id: uuid.UUID, rollup: Rollup = GROUPS) -> int:
    """Replace the workspace's rows of ``rollup`` with one per key, in the session's
    transaction; returns how many rows there were. The rows summed are exactly the rows deleted
    (``DELETE … RETURNING``), so rows that writers append meanwhile stay as they are and count
    once."""
    connection = session.connection()
    table = rollup.table
    gone = connection.execute(
        delete(table)
        .where(table.c.workspace_id == workspace_id)
        .returning(*(table.c[name] for name in (*rollup.keys, *rollup.counts, *rollup.floats)))
        .execution_options(**{DERIVED: True})
    ).all()
    summed = _summed(rollup, gone)
    if summed:
        connection.execute(
            insert(table).execution_options(**{DERIVED: True}),
            [{"workspace_id": workspace_id, **row} for row in summed],
        )
    return len(gone)


def compact_due(session: Session, _now: datetime, *, at: int | None = None) -> int:
    """Compact every workspace with ``at`` rows or more in a rollup (``COMPACT_AT`` by default;
    a job of every round of the job runner); returns how many rows were replaced."""
    done = 0
    for rollup in ROLLUPS:
        table = rollup.table
        due = session.connection().execute(
            select(table.c.workspace_id)
            .group_by(table.c.workspace_id)
            .having(func.count() >= (COMPACT_AT if at is None else at))
        )
        done += sum(compact(session, workspace_id, rollup) for (workspace_id,) in due.all())
    return done
