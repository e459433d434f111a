"""The daily check-in job: while a pilot runs, its departments are asked again once
``check_in_days`` passed since their last request or check-in."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import ColumnElement, or_
from sqlmodel import Session, col, select

from pilotboard.departments.models import Department
from pilotboard.pilots.checkins.service import Ask, ask, latest_iterations, mailable
from pilotboard.pilots.health.rules import DEFAULT_THRESHOLDS
from pilotboard.pilots.models import Involvement, Pilot, Stage
from pilotboard.workspaces.models import WorkspaceSettings

BATCH = 500
THRESHOLD = "check_in_days"


def _schedules(session: Session) -> list[tuple[int, ColumnElement[bool] | None]]:
    """Each ``check_in_days`` in use, with the condition on ``Involvement.workspace_id`` that
    picks the workspaces using it (``None``: every workspace). One query."""
    default = DEFAULT_THRESHOLDS[THRESHOLD]
    custom: dict[int, list[uuid.UUID]] = {}
    for workspace_id, thresholds in session.exec(
        select(WorkspaceSettings.workspace_id, WorkspaceSettings.thresholds)
    ).all():
        days = (thresholds or {}).get(THRESHOLD, default)
        if days != default:
            custom.setdefault(int(days), []).append(workspace_id)
    if not custom:
        return [(default, None)]
    others = [ws for ids in custom.values() for ws in ids]
    schedules: list[tuple[int, ColumnElement[bool] | None]] = [
        (default, col(Involvement.workspace_id).not_in(others))
    ]
    schedules += [(days, col(Involvement.workspace_id).in_(ids)) for days, ids in custom.items()]
    return schedules


def _due(days: int, now: datetime) -> list[ColumnElement[bool]]:
    """Neither the last request nor the last check-in is from the last ``days`` days (whole
    UTC calendar days: asked on day D, due again on D + days)."""
    latest_day = now.date() - timedelta(days=days)
    next_midnight = datetime.combine(latest_day + timedelta(days=1), time(), tzinfo=UTC)
    return [
        or_(
            col(Involvement.last_asked_at).is_(None), col(Involvement.last_asked_at) < next_midnight
        ),
        or_(
            col(Involvement.last_check_in_on).is_(None),
            col(Involvement.last_check_in_on) <= latest_day,
        ),
    ]


def ask_due_check_ins(session: Session, *, now: datetime, batch: int = BATCH) -> int:
    """Ask every department due a check-in request today, a batch at a time (keyset on the
    involvement's id; rows another process holds are skipped, it asks them). Idempotent: an
    asked department is not due again for ``check_in_days``. Returns how many were asked."""
    asked = 0
    for days, workspaces in _schedules(session):
        after: uuid.UUID | None = None
        while True:
            conditions: Sequence[ColumnElement[bool]] = [
                col(Pilot.stage) == Stage.running.value,
                *mailable(),
                *_due(days, now),
                *([workspaces] if workspaces is not None else []),
                *([col(Involvement.id) > after] if after is not None else []),
            ]
            rows = session.exec(
                select(Involvement, Department.name, Pilot)
                .join(
                    Pilot,
                    (col(Pilot.id) == col(Involvement.pilot_id))
                    & (col(Pilot.workspace_id) == col(Involvement.workspace_id)),
                )
                .join(Department, col(Department.id) == col(Involvement.department_id))
                .where(*conditions)
                .order_by(col(Involvement.id))
                .limit(batch)
                .with_for_update(of=Involvement, skip_locked=True)
            ).all()
            if not rows:
                break
            iterations = latest_iterations(session, [pilot for *_, pilot in rows])
            asked += ask(
                session,
                [
                    Ask(involvement, name, pilot, iterations.get(pilot.id))
                    for involvement, name, pilot in rows
                ],
                now=now,
                cause=None,
            )
            if len(rows) < batch:
                break
            after = rows[-1][0].id
    return asked
