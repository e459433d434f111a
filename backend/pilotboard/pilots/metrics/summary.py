"""Each metric's latest measurement, denormalized onto the metric row.

``metrics.latest_value`` and ``metrics.latest_measured_on`` hold the value and date of the
metric's latest measurement: the last one by ``measured_on``, then ``created_at``, then ``id``
(the order the portfolio has always used). Every code path that inserts or deletes measurements
calls :func:`sync_latest` for the metrics it touched; migration 0006 backfilled existing rows
with the same correlated subqueries.

No caller syncs by hand: :class:`MetricFigures` is the deriver (``core/derived.py``) the app's
session factory runs. It notes the metrics of the measurements being added, changed or deleted
before each flush, and syncs them inside that flush, so ``session.add(Measurement(...))``
anywhere (records, the demo, tests) keeps the column right; a Core bulk insert through the
session (the export restore) is noted from its rows and synced before the commit. Only a
writer that bypasses the app's sessions altogether (``bench/seed.py``, on a bare connection)
calls the syncs itself. Deleting a metric, a pilot or a workspace deletes the measurements with it
(ON DELETE CASCADE), and deleting an iteration only unlinks them, so neither needs a sync.

Each pilot's metric summary, read by the portfolio, is derived the same way one level up:
``pilots.revenue_latest`` / ``revenue_baseline`` / ``revenue_direction`` (its revenue metric's,
a pilot has at most one) and ``pilots.metrics_progress`` (the mean progress of the metrics with
a latest value, a baseline and a different target). :func:`sync_summary` recomputes them for
the pilots whose metrics or measurements a flush added, changed or deleted, after their latest
values; migration 0007 backfilled them. ``pilots.revenue_lift`` follows from that summary
(:func:`revenue_lift_expression`; migration 0015). The summary is not part of the pilot's
version: its ``updated_at`` (and so its ETag) is left alone."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Float, and_, case, cast, func, inspect, literal, update
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from pilotboard.core.derived import DERIVED
from pilotboard.pilots.models import Measurement, Metric, Pilot


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


def _update(
    session: Session,
    model: type[Metric] | type[Pilot],
    workspace_id: uuid.UUID,
    ids: Collection[uuid.UUID] | None,
    values: dict[str, Any],
) -> None:
    """One UPDATE of ``values`` on the rows ``ids`` of ``model`` (all of the workspace when
    None); objects already loaded in the session read them again on their next access (the
    UPDATE bypassed the ORM)."""
    if ids is not None and not ids:
        return
    statement = update(model).where(col(model.workspace_id) == workspace_id)
    if ids is not None:
        statement = statement.where(col(model.id).in_(list(ids)))
    session.execute(
        statement.values(values).execution_options(synchronize_session=False, **{DERIVED: True})
    )
    for obj in session.identity_map.values():
        if (
            isinstance(obj, model)
            and obj.workspace_id == workspace_id
            and (ids is None or obj.id in ids)
        ):
            session.expire(obj, list(values))


def sync_latest(
    session: Session, workspace_id: uuid.UUID, metric_ids: Collection[uuid.UUID] | None = None
) -> None:
    """Recompute the latest measurement of ``metric_ids`` (every metric of the workspace when
    None) in one UPDATE. Metric objects already loaded in the session get the new values on
    their next access."""
    _update(
        session,
        Metric,
        workspace_id,
        metric_ids,
        {"latest_value": _latest("value"), "latest_measured_on": _latest("measured_on")},
    )


def _of_pilot(value: Callable[[Any], Any], *, revenue: bool = False) -> Any:
    """``value(metric)`` aggregated over the metrics of the pilot being updated (its revenue
    metric only when ``revenue``)."""
    metric = aliased(Metric)
    conditions = [
        col(metric.workspace_id) == col(Pilot.workspace_id),
        col(metric.pilot_id) == col(Pilot.id),
    ]
    if revenue:
        conditions.append(col(metric.is_revenue).is_(True))
    return select(value(metric)).where(*conditions).correlate(Pilot).scalar_subquery()


def _mean_progress(metric: Any) -> Any:
    latest, baseline, target = (
        col(metric.latest_value),
        col(metric.baseline),
        col(metric.target),
    )
    measurable = and_(
        latest.is_not(None), baseline.is_not(None), target.is_not(None), target != baseline
    )
    return func.avg(case((measurable, (latest - baseline) / (target - baseline))))


def _summary_values() -> dict[str, Any]:
    def revenue_metrics(column: str) -> Any:
        return _of_pilot(lambda m: func.max(col(getattr(m, column))), revenue=True)

    latest, baseline = revenue_metrics("latest_value"), revenue_metrics("baseline")
    direction = revenue_metrics("direction")
    return {
        "revenue_latest": latest,
        "revenue_baseline": baseline,
        "revenue_direction": direction,
        "revenue_period": revenue_metrics("revenue_period"),
        "metrics_progress": _of_pilot(_mean_progress),
        # From the same values (an UPDATE's right-hand sides read the row as it was).
        "revenue_lift": revenue_lift_expression(latest, baseline, direction),
    }


def revenue_lift_expression(
    latest: Any = None, baseline: Any = None, direction: Any = None
) -> ColumnElement[float]:
    """``figures.lift`` in SQL (unrounded): (latest - baseline) / baseline of the revenue
    metric, negated for a `decrease` metric; NULL without both or with a zero baseline. Of the
    pilot's stored summary by default; stored as ``pilots.revenue_lift``, the order in which
    the portfolio finds the median lift (migration 0015 backfilled it the same way)."""
    latest = cast(col(Pilot.revenue_latest) if latest is None else latest, Float)
    baseline = cast(col(Pilot.revenue_baseline) if baseline is None else baseline, Float)
    direction = col(Pilot.revenue_direction) if direction is None else direction
    sign = case((direction == "decrease", literal(-1.0)), else_=literal(1.0))
    known = and_(latest.is_not(None), baseline.is_not(None), baseline != 0)
    return case((known, (latest - baseline) / baseline * sign))


def sync_summary(
    session: Session, workspace_id: uuid.UUID, pilot_ids: Collection[uuid.UUID] | None = None
) -> None:
    """Recompute the metric summary of ``pilot_ids`` (every pilot of the workspace when None)
    in one UPDATE, from the metrics' stored latest values (sync those first)."""
    _update(session, Pilot, workspace_id, pilot_ids, _summary_values())


def _owners(obj: Measurement | Metric, attribute: str) -> list[uuid.UUID]:
    """The object's owner by ``attribute`` and, if this flush moves it, its previous one: both
    need their figures recomputed."""
    history = inspect(obj).attrs[attribute].history
    return [getattr(obj, attribute), *(old for old in history.deleted if old is not None)]


_PENDING = "pilotboard.latest_pending"
_PENDING_PILOTS = "pilotboard.summary_pending"


def _by_workspace(
    pairs: set[tuple[uuid.UUID, uuid.UUID | None]],
) -> dict[uuid.UUID, set[uuid.UUID] | None]:
    """Ids grouped by workspace; ``None`` (every row of the workspace) wins over ids."""
    grouped: dict[uuid.UUID, set[uuid.UUID] | None] = {}
    for workspace_id, object_id in pairs:
        if object_id is None:
            grouped[workspace_id] = None
        elif workspace_id not in grouped or grouped[workspace_id] is not None:
            ids = grouped.setdefault(workspace_id, set())
            assert ids is not None
            ids.add(object_id)
    return grouped


class MetricFigures:
    """The deriver of ``metrics.latest_*`` and of each pilot's metric summary."""

    def note(self, session: OrmSession, objects: Iterable[object]) -> None:
        touched: set[tuple[uuid.UUID, uuid.UUID | None]] = set()
        pilots: set[tuple[uuid.UUID, uuid.UUID | None]] = set()
        for obj in objects:
            if isinstance(obj, Measurement):
                touched.update((obj.workspace_id, m) for m in _owners(obj, "metric_id"))
                pilots.update((obj.workspace_id, p) for p in _owners(obj, "pilot_id"))
            elif isinstance(obj, Metric):
                pilots.update((obj.workspace_id, p) for p in _owners(obj, "pilot_id"))
        if touched:
            session.info.setdefault(_PENDING, set()).update(touched)
        if pilots:
            session.info.setdefault(_PENDING_PILOTS, set()).update(pilots)

    def note_bulk(self, session: OrmSession, table: str, rows: Sequence[Mapping[str, Any]]) -> None:
        if table == Measurement.__tablename__:
            session.info.setdefault(_PENDING, set()).update(
                (row["workspace_id"], None) for row in rows
            )
        if table in (Measurement.__tablename__, Metric.__tablename__):
            session.info.setdefault(_PENDING_PILOTS, set()).update(
                (row["workspace_id"], None) for row in rows
            )

    def after_flush(self, session: OrmSession) -> None:
        self.settle(session)

    def settle(self, session: OrmSession) -> bool:
        """Core UPDATEs only, so it may run inside a flush."""
        touched = _by_workspace(session.info.pop(_PENDING, set()))
        pilots = _by_workspace(session.info.pop(_PENDING_PILOTS, set()))
        for workspace_id, metric_ids in touched.items():
            sync_latest(session, workspace_id, metric_ids)  # type: ignore[arg-type]
        for workspace_id, pilot_ids in pilots.items():
            sync_summary(session, workspace_id, pilot_ids)  # type: ignore[arg-type]
        return False
