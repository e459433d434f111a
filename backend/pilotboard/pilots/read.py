"""The API's read of pilots: health evaluated as of a date, with what the read shows from the
pilot's records (its departments, its latest iteration), in a fixed number of queries."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, func
from sqlmodel import Session, col, select

from pilotboard.core.db import core_rows
from pilotboard.core.derived import settle
from pilotboard.departments.models import Department
from pilotboard.pilots.health.rules import evaluate_pilot
from pilotboard.pilots.health.schemas import HealthReason
from pilotboard.pilots.metrics.figures import gain_per_year
from pilotboard.pilots.models import Involvement, Pilot, Stage, Transition
from pilotboard.pilots.schemas import PilotDepartment, PilotPublic
from pilotboard.pilots.settings import workspace_rules


def days_between(as_of: date, when: datetime) -> int:
    return (as_of - when.date()).days


@dataclass(frozen=True)
class PilotExtras:
    """What a pilot's read shows from its records rather than from its own row."""

    departments: tuple[PilotDepartment, ...] = ()
    stop_reason: str | None = None


# The statements of `pilot_extras`, built once (building one costs more than running it on a
# page of pilots; bench/RESULTS.md, "serving path, third pass"): `ids` expands to the pilots'
# ids, and one pilot (the API's most frequent read) binds `pilot_id` instead, which skips the
# expansion's work on every execution (bench/RESULTS.md, "serving path, fifth pass").
_DEPARTMENTS_IN_ORDER = (
    select(Involvement.pilot_id, Department.id, Department.name, Involvement.status)
    .join(
        Department,
        (col(Department.workspace_id) == col(Involvement.workspace_id))
        & (col(Department.id) == col(Involvement.department_id)),
    )
    .where(Involvement.workspace_id == bindparam("workspace_id"))
    .order_by(func.lower(Department.name), col(Department.name), col(Department.id))
)
_DEPARTMENTS = _DEPARTMENTS_IN_ORDER.where(
    col(Involvement.pilot_id).in_(bindparam("ids", expanding=True))
)
_DEPARTMENTS_OF_ONE = _DEPARTMENTS_IN_ORDER.where(Involvement.pilot_id == bindparam("pilot_id"))
# A stopped pilot's outcome: the reason of its latest transition to `stopped` (one query
# whatever the number of stopped pilots; none when no pilot read is stopped).
_STOPS_IN_ORDER = (
    select(Transition.pilot_id, Transition.reason)
    .where(
        Transition.workspace_id == bindparam("workspace_id"),
        Transition.to_stage == Stage.stopped,
    )
    .order_by(col(Transition.sequence))
)
_STOP_REASONS = _STOPS_IN_ORDER.where(
    col(Transition.pilot_id).in_(bindparam("ids", expanding=True))
)
_STOP_REASONS_OF_ONE = _STOPS_IN_ORDER.where(Transition.pilot_id == bindparam("pilot_id"))


def pilot_extras(session: Session, pilots: Sequence[Pilot]) -> dict[uuid.UUID, PilotExtras]:
    """The departments and stop reason of ``pilots`` (one workspace), in at most 2 queries
    whatever their number (1 when none is stopped)."""
    if not pilots:
        return {}
    workspace_id = pilots[0].workspace_id
    ids = [p.id for p in pilots]
    one = len(ids) == 1
    params: dict[str, Any] = {"workspace_id": workspace_id}
    params.update({"pilot_id": ids[0]} if one else {"ids": ids})
    departments: dict[uuid.UUID, list[PilotDepartment]] = {pilot_id: [] for pilot_id in ids}
    of_departments = _DEPARTMENTS_OF_ONE if one else _DEPARTMENTS
    for pilot_id, department_id, name, status in core_rows(session, of_departments, params):
        departments[pilot_id].append(
            PilotDepartment(department_id=department_id, name=name, status=status)
        )
    stop_reasons: dict[uuid.UUID, str] = {}
    if any(p.stage == Stage.stopped for p in pilots):
        of_stops = _STOP_REASONS_OF_ONE if one else _STOP_REASONS
        for pilot_id, reason in core_rows(session, of_stops, params):
            stop_reasons[pilot_id] = reason  # the latest wins
    return {
        pilot_id: PilotExtras(tuple(departments[pilot_id]), stop_reasons.get(pilot_id))
        for pilot_id in ids
    }


def _latest_iteration_on(pilot: Pilot) -> date | None:
    """The date its stored health facts hold (what the health rule reads: an iteration's end
    date, or its start while it runs), kept current in the transaction of every write by the
    derived columns' step (`read_pilots` settles it first): no query of the iterations."""
    value = (pilot.health_facts or {}).get("latest_iteration_on")
    return date.fromisoformat(value) if isinstance(value, str) else value


def read_pilots(
    session: Session, pilots: Sequence[Pilot], thresholds: dict[str, int], as_of: date
) -> list[PilotPublic]:
    """The API's read of ``pilots`` (one workspace), in a fixed number of queries."""
    settle(session)  # what this transaction changed shows in the read
    extras = pilot_extras(session, pilots)
    return [pilot_public(p, thresholds, as_of, extras=extras[p.id]) for p in pilots]


def read_pilot(session: Session, pilot: Pilot, as_of: date) -> PilotPublic:
    """The API's read of one pilot, health evaluated as of ``as_of``."""
    _, thresholds = workspace_rules(session, pilot.workspace_id)
    return read_pilots(session, [pilot], thresholds, as_of)[0]


def pilot_public(
    pilot: Pilot, thresholds: dict[str, int], as_of: date, *, extras: PilotExtras | None = None
) -> PilotPublic:
    """The pilot's read shape. Without ``extras`` (from `pilot_extras`) the departments are
    empty and a stopped pilot's `stop_reason` is null: API answers go through `read_pilots`."""
    extras = extras or PilotExtras()
    result = evaluate_pilot(pilot, thresholds, as_of)
    return PilotPublic(
        id=pilot.id,
        title=pilot.title,
        hypothesis=pilot.hypothesis,
        target_outcome=pilot.target_outcome,
        owner_id=pilot.owner_id,
        sponsor_id=pilot.sponsor_id,
        customer_id=pilot.customer_id,
        risk_level=pilot.risk_level,
        risk_rationale=pilot.risk_rationale,
        budget=pilot.budget,
        revenue_at_stake=pilot.revenue_at_stake,
        stage=pilot.stage,
        stage_entered_at=pilot.stage_entered_at,
        paused_from=pilot.paused_from,
        days_in_stage=max(0, days_between(as_of, pilot.stage_entered_at)),
        health=result.health,
        health_reasons=[HealthReason(**r.as_dict()) for r in result.reasons],
        departments=list(extras.departments),
        last_iteration_on=_latest_iteration_on(pilot),
        criteria_changed=pilot.criteria_changed,
        stop_reason=extras.stop_reason if pilot.stage == Stage.stopped else None,
        revenue_gain_per_year=gain_per_year(
            latest=pilot.revenue_latest,
            baseline=pilot.revenue_baseline,
            period=pilot.revenue_period,
        ),
        created_at=pilot.created_at,
        updated_at=pilot.updated_at,
    )
