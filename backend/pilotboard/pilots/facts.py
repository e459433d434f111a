"""Load what the rules need about pilots, in a fixed number of queries for any number of them.

``load_records`` reads a batch of pilots and their records; ``health_facts`` and
``gate_facts`` turn one record into the inputs of the pure rules in ``rules.py``.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import exists
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from pilotboard.accounts.models import User
from pilotboard.customers.models import Customer
from pilotboard.departments.models import Department
from pilotboard.pilots import rules
from pilotboard.pilots.models import (
    Decision,
    Engagement,
    Involvement,
    Iteration,
    Measurement,
    Metric,
    MetricKind,
    Pilot,
    ScalePlan,
    ScalePlanItem,
)
from pilotboard.workspaces.models import Membership, Role

ENGAGED = (Engagement.engaged.value, Engagement.champion.value)
SPONSOR_ROLES = (Role.executive.value, Role.admin.value)


@dataclass
class MetricRecord:
    id: uuid.UUID
    name: str
    kind: str
    direction: str
    baseline: float | None
    target: float | None
    measurements: list[tuple[date, float]] = field(default_factory=list)


@dataclass
class InvolvementRecord:
    department_id: uuid.UUID
    department_name: str
    status: str
    stake: str
    invited_on: date | None


@dataclass
class PlanItemRecord:
    department_id: uuid.UUID
    has_change: bool
    status: str


@dataclass
class PilotRecord:
    pilot: Pilot
    premier_customer: bool = False
    owner_active: bool = False
    sponsor_active: bool = False
    iterations: list[tuple[int, date, date | None, bool]] = field(default_factory=list)
    metrics: list[MetricRecord] = field(default_factory=list)
    involvements: list[InvolvementRecord] = field(default_factory=list)
    decisions: list[tuple[str, date]] = field(default_factory=list)
    has_plan: bool = False
    plan_items: list[PlanItemRecord] = field(default_factory=list)


def load_records(session: Session, pilots: Sequence[Pilot]) -> dict[uuid.UUID, PilotRecord]:
    """Everything the rules look at, for ``pilots`` (one workspace), in 9 queries."""
    if not pilots:
        return {}
    workspace_id = pilots[0].workspace_id
    records = {p.id: PilotRecord(pilot=p) for p in pilots}
    ids = list(records)

    customer_ids = {p.customer_id for p in pilots if p.customer_id}
    premier = (
        set(
            session.exec(
                select(Customer.id).where(
                    col(Customer.id).in_(customer_ids), col(Customer.is_premier_account)
                )
            ).all()
        )
        if customer_ids
        else set()
    )
    people = {p.owner_id for p in pilots} | {p.sponsor_id for p in pilots if p.sponsor_id}
    members = dict(
        session.exec(
            select(Membership.user_id, Membership.role)
            .join(User, col(User.id) == col(Membership.user_id))
            .where(
                Membership.workspace_id == workspace_id,
                col(Membership.user_id).in_(people),
                col(User.is_active),
            )
        ).all()
    )
    for record in records.values():
        p = record.pilot
        record.premier_customer = p.customer_id in premier
        record.owner_active = p.owner_id in members
        record.sponsor_active = (
            p.sponsor_id is not None and members.get(p.sponsor_id) in SPONSOR_ROLES
        )

    measured = exists().where(
        col(Measurement.iteration_id) == col(Iteration.id),
        col(Measurement.workspace_id) == workspace_id,
    )
    for pilot_id, number, started, ended, has in session.execute(
        sa_select(
            col(Iteration.pilot_id),
            col(Iteration.number),
            col(Iteration.started_on),
            col(Iteration.ended_on),
            measured,
        ).where(col(Iteration.workspace_id) == workspace_id, col(Iteration.pilot_id).in_(ids))
    ).all():
        records[pilot_id].iterations.append((number, started, ended, bool(has)))

    metrics: dict[uuid.UUID, MetricRecord] = {}
    for metric in session.exec(
        select(Metric)
        .where(Metric.workspace_id == workspace_id, col(Metric.pilot_id).in_(ids))
        .order_by(col(Metric.created_at), col(Metric.id))
    ).all():
        record_metric = MetricRecord(
            id=metric.id,
            name=metric.name,
            kind=metric.kind,
            direction=metric.direction,
            baseline=metric.baseline,
            target=metric.target,
        )
        metrics[metric.id] = record_metric
        records[metric.pilot_id].metrics.append(record_metric)
    for metric_id, measured_on, value in session.execute(
        sa_select(col(Measurement.metric_id), col(Measurement.measured_on), col(Measurement.value))
        .where(col(Measurement.workspace_id) == workspace_id, col(Measurement.pilot_id).in_(ids))
        .order_by(col(Measurement.measured_on), col(Measurement.created_at))
    ).all():
        metrics[metric_id].measurements.append((measured_on, value))

    for pilot_id, department_id, name, status, stake, invited_on in session.execute(
        sa_select(
            col(Involvement.pilot_id),
            col(Involvement.department_id),
            col(Department.name),
            col(Involvement.status),
            col(Involvement.stake),
            col(Involvement.invited_on),
        )
        .join(Department, col(Department.id) == col(Involvement.department_id))
        .where(col(Involvement.workspace_id) == workspace_id, col(Involvement.pilot_id).in_(ids))
        .order_by(col(Department.name))
    ).all():
        records[pilot_id].involvements.append(
            InvolvementRecord(department_id, name, status, stake, invited_on)
        )

    for pilot_id, kind, decided_on in session.execute(
        sa_select(col(Decision.pilot_id), col(Decision.kind), col(Decision.decided_on)).where(
            col(Decision.workspace_id) == workspace_id, col(Decision.pilot_id).in_(ids)
        )
    ).all():
        records[pilot_id].decisions.append((kind, decided_on))

    for pilot_id in session.exec(
        select(ScalePlan.pilot_id).where(
            ScalePlan.workspace_id == workspace_id, col(ScalePlan.pilot_id).in_(ids)
        )
    ).all():
        records[pilot_id].has_plan = True
    for item in session.exec(
        select(ScalePlanItem).where(
            ScalePlanItem.workspace_id == workspace_id, col(ScalePlanItem.pilot_id).in_(ids)
        )
    ).all():
        records[item.pilot_id].plan_items.append(
            PlanItemRecord(
                department_id=item.department_id,
                has_change=any(
                    s.strip()
                    for s in (item.planning_change, item.resource_change, item.compensation_change)
                ),
                status=item.status,
            )
        )
    return records


def _involved(record: PilotRecord) -> list[InvolvementRecord]:
    return [i for i in record.involvements if i.status != Engagement.declined]


def _departments_without_plan(record: PilotRecord) -> list[str]:
    covered = {item.department_id for item in record.plan_items if item.has_change}
    return [i.department_name for i in _involved(record) if i.department_id not in covered]


def _all_at_target_since(metrics: Sequence[MetricRecord]) -> date | None:
    if not metrics:
        return None
    reached = []
    for metric in metrics:
        when = rules.reached_target_on(
            metric.measurements, target=metric.target, direction=metric.direction
        )
        if when is None:
            return None
        reached.append(when)
    return max(reached)


def health_facts(record: PilotRecord) -> rules.Facts:
    pilot = record.pilot
    entered = pilot.stage_entered_at.date()
    iterations = sorted(record.iterations, key=lambda it: it[0], reverse=True)
    latest = max(
        (max(started, ended or started) for _, started, ended, _ in iterations), default=None
    )
    pending = [
        i.invited_on for i in record.involvements if i.status == Engagement.invited and i.invited_on
    ]
    return rules.Facts(
        stage=pilot.stage,
        stage_entered_on=entered,
        latest_iteration_on=latest,
        iteration_count=len(iterations),
        recent_iterations_measured=[has for *_, has in iterations[:10]],
        metric_count=len(record.metrics),
        customer_metric_count=sum(
            1 for m in record.metrics if m.kind == MetricKind.customer_experienced
        ),
        all_metrics_at_target_since=_all_at_target_since(record.metrics),
        engaged_departments=sum(1 for i in record.involvements if i.status in ENGAGED),
        oldest_pending_invite_on=min(pending) if pending else None,
        premier_customer=record.premier_customer,
        sponsor_active=record.sponsor_active,
        owner_active=record.owner_active,
        decision_since_stage_entry=any(
            kind in ("scale", "continue", "pivot", "stop") and decided_on >= entered
            for kind, decided_on in record.decisions
        ),
        departments_without_plan=len(_departments_without_plan(record)),
    )


def gate_facts(record: PilotRecord) -> rules.GateFacts:
    pilot = record.pilot
    entered = pilot.stage_entered_at.date()
    return rules.GateFacts(
        has_customer=pilot.customer_id is not None,
        has_hypothesis=bool(pilot.hypothesis.strip()),
        engaged_with_stake=sum(
            1 for i in record.involvements if i.status in ENGAGED and i.stake.strip()
        ),
        customer_metric_with_targets=sum(
            1
            for m in record.metrics
            if m.kind == MetricKind.customer_experienced
            and m.baseline is not None
            and m.target is not None
        ),
        has_sponsor=record.sponsor_active,
        has_start_decision=any(kind == "start" for kind, _ in record.decisions),
        iteration_count=len(record.iterations),
        metrics_without_measurement=[m.name for m in record.metrics if not m.measurements],
        metric_count=len(record.metrics),
        has_scale_decision_by_executive=any(
            kind == "scale" and decided_on >= entered for kind, decided_on in record.decisions
        ),
        has_scale_plan=record.has_plan,
        departments_without_plan=_departments_without_plan(record),
        open_plan_items=sum(1 for item in record.plan_items if item.status != "done"),
        plan_item_count=len(record.plan_items),
    )


def continue_or_pivot_since_entry(record: PilotRecord) -> bool:
    entered = record.pilot.stage_entered_at.date()
    return any(kind in ("continue", "pivot") and day >= entered for kind, day in record.decisions)
