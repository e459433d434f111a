"""Reading and compacting the portfolio's rollup of pilots by group (``models.PortfolioGroup``).

What a workspace's rows sum to, by group, is what ``service.groups_statement`` would count over
its pilots with their stored health: the triggers of migration 0016 append a signed row for
every change. :func:`compact` keeps the rows few.
"""

from __future__ import annotations

import math
import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select
from sqlmodel import Session, col

from pilotboard.core.derived import DERIVED
from pilotboard.portfolio.models import PortfolioGroup

# A group: (stage, health, risk level, progress band); its figures: how many pilots, revenue at
# stake, annual revenue gain, how many with a revenue lift.
GroupKey = tuple[str, str, str | None, str]
Figures = tuple[int, float, float, int]

# Compact a workspace once it has this many rows: reading them stays well under a millisecond
# (a workspace has a few hundred groups at most, so compacting it leaves fewer).
COMPACT_AT = 1_000

_TABLE = PortfolioGroup.__table__  # type: ignore[attr-defined]
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


def _summed(rows: Iterable[Any]) -> dict[tuple[Any, ...], Figures]:
    counts: dict[tuple[Any, ...], list[int]] = defaultdict(lambda: [0, 0])
    stakes: dict[tuple[Any, ...], list[float]] = defaultdict(list)
    gains: dict[tuple[Any, ...], list[float]] = defaultdict(list)
    for workspace_id, stage, health, risk_level, band, n, stake, gain, lifts in rows:
        key = (workspace_id, stage, health, risk_level, band)
        counts[key][0] += n
        counts[key][1] += lifts
        stakes[key].append(stake)
        gains[key].append(gain)
    # A group no pilot is left in sums to nothing (every pilot's rows in it cancel out): it
    # goes. fsum: the sums are exact, whatever the order the rows came in.
    return {
        key: (n, math.fsum(stakes[key]), math.fsum(gains[key]), lifts)
        for key, (n, lifts) in counts.items()
        if n
    }


def compact(session: Session, workspace_id: uuid.UUID) -> int:
    """Replace the workspace's rows with one per group, in the session's transaction; returns
    how many rows there were. The rows summed are exactly the rows deleted (``DELETE …
    RETURNING``), so rows that writers append meanwhile stay as they are and count once."""
    connection = session.connection()
    gone = connection.execute(
        delete(_TABLE)
        .where(_TABLE.c.workspace_id == workspace_id)
        .returning(
            _TABLE.c.workspace_id,
            _TABLE.c.stage,
            _TABLE.c.health,
            _TABLE.c.risk_level,
            _TABLE.c.band,
            _TABLE.c.pilots,
            _TABLE.c.stake,
            _TABLE.c.gain,
            _TABLE.c.lifts,
        )
        .execution_options(**{DERIVED: True})
    ).all()
    summed = _summed(gone)
    if summed:
        connection.execute(
            insert(_TABLE).execution_options(**{DERIVED: True}),
            [
                {
                    "workspace_id": workspace_id,
                    "stage": stage,
                    "health": health,
                    "risk_level": risk_level,
                    "band": band,
                    "pilots": n,
                    "stake": stake,
                    "gain": gain,
                    "lifts": lifts,
                }
                for (_, stage, health, risk_level, band), (n, stake, gain, lifts) in summed.items()
            ],
        )
    return len(gone)


def compact_due(session: Session, _now: datetime, *, at: int | None = None) -> int:
    """Compact every workspace with ``at`` rows or more (``COMPACT_AT`` by default; a job of
    every round of the job runner); returns how many rows were replaced."""
    due = session.connection().execute(
        select(col(PortfolioGroup.workspace_id))
        .group_by(col(PortfolioGroup.workspace_id))
        .having(func.count() >= (COMPACT_AT if at is None else at))
    )
    return sum(compact(session, workspace_id) for (workspace_id,) in due.all())
