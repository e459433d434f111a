"""Each metric's latest measurement, denormalized onto the metric row.

``metrics.latest_value`` and ``metrics.latest_measured_on`` hold the value and date of the
metric's latest measurement: the last one by ``measured_on``, then ``created_at``, then ``id``
(the order the portfolio has always used). Every code path that inserts or deletes measurements
calls :func:`sync_latest` for the metrics it touched; migration 0006 backfilled existing rows
with the same correlated subqueries.

ORM writes need no call: a ``before_flush`` listener on every session notes the metrics of the
measurements being added, changed or deleted, and ``after_flush`` syncs them in the same
transaction, so ``session.add(Measurement(...))`` anywhere (records, the demo, tests) keeps the
column right. Only Core bulk writes (the export restore, ``bench/seed.py``) call it or fill the
columns themselves. Deleting a metric, a pilot or a workspace deletes the measurements with it
(ON DELETE CASCADE), and deleting an iteration only unlinks them, so neither needs a sync."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from typing import Any

from sqlalchemy import event, update
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from pilotboard.pilots.models import Measurement, Metric


def _latest(column: str) -> Any:
    measurement = aliased(Measurement)
    return (
        select(getattr(measurement, column))
        .where(
            col(measurement.workspace_id) == col(Metric.workspace_id),
            col(measurement.metric_id) == col(Metric.id),
        )
        .order_by(
            col(measurement.measured_on).desc(),
            col(measurement.created_at).desc(),
            col(measurement.id).desc(),
        )
        .limit(1)
        .correlate(Metric)
        .scalar_subquery()
    )


def sync_latest(
    session: Session, workspace_id: uuid.UUID, metric_ids: Collection[uuid.UUID] | None = None
) -> None:
    """Recompute the latest measurement of ``metric_ids`` (every metric of the workspace when
    None) in one UPDATE. Metric objects already loaded in the session get the new values on
    their next access."""
    if metric_ids is not None and not metric_ids:
        return
    statement = update(Metric).where(col(Metric.workspace_id) == workspace_id)
    if metric_ids is not None:
        statement = statement.where(col(Metric.id).in_(list(metric_ids)))
    session.execute(
        statement.values(
            latest_value=_latest("value"), latest_measured_on=_latest("measured_on")
        ).execution_options(synchronize_session=False)
    )
    for obj in session.identity_map.values():
        if (
            isinstance(obj, Metric)
            and obj.workspace_id == workspace_id
            and (metric_ids is None or obj.id in metric_ids)
        ):
            session.expire(obj, ["latest_value", "latest_measured_on"])


_PENDING = "pilotboard.latest_pending"


@event.listens_for(OrmSession, "before_flush")
def _note_measurements(session: OrmSession, _context: Any, _instances: Any) -> None:
    touched = {
        (obj.workspace_id, obj.metric_id)
        for obj in (*session.new, *session.dirty, *session.deleted)
        if isinstance(obj, Measurement)
    }
    if touched:
        session.info.setdefault(_PENDING, set()).update(touched)


@event.listens_for(OrmSession, "after_flush")
def _sync_noted(session: OrmSession, _context: Any) -> None:
    touched: set[tuple[uuid.UUID, uuid.UUID]] = session.info.pop(_PENDING, set())
    by_workspace: dict[uuid.UUID, set[uuid.UUID]] = {}
    for workspace_id, metric_id in touched:
        by_workspace.setdefault(workspace_id, set()).add(metric_id)
    for workspace_id, metric_ids in by_workspace.items():
        sync_latest(session, workspace_id, metric_ids)  # type: ignore[arg-type]
