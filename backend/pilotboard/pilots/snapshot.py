"""Everything the rules read about a batch of pilots, loaded in a fixed number of queries for any
number of them.

``load_records`` reads a batch of pilots (one workspace) and their records into a
:class:`PilotRecord` each; ``health/facts.py`` and ``lifecycle/facts.py`` turn one record into
the inputs of their pure rules.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import exists, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from pilotboard.accounts.models import User
from pilotboard.customers.models import Customer
from pilotboard.departments.models import Department
from pilotboard.pilots.feedback.models import FeedbackLink, FeedbackResponse
from pilotboard.pilots.models import (
    Decision,
    Engagement,
    Involvement,
    Iteration,
    Measurement,
    Metric,
    Pilot,
    ScalePlan,
    ScalePlanItem,
    Stage,
    Transition,
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
    first_asked_on: date | None = None
    last_check_in_on: date | None = None


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
    first_running_on: date | None = None
    iterations: list[tuple[int, date, date | None, bool]] = field(default_factory=list)
    metrics: list[MetricRecord] = field(default_factory=list)
    involvements: list[InvolvementRecord] = field(default_factory=list)
    decisions: list[tuple[str, date]] = field(default_factory=list)
    has_plan: bool = False
    plan_items: list[PlanItemRecord] = field(default_factory=list)
    has_feedback_link: bool = False  # an unrevoked one
    latest_response_on: date | None = None  # the UTC date of its latest feedback response


def load_records(session: Session, pilots: Sequence[Pilot]) -> dict[uuid.UUID, PilotRecord]:
    """Everything the rules look at, for ``pilots`` (one workspace), in 12 queries."""
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

    for pilot_id, first_running in session.execute(
        sa_select(col(Transition.pilot_id), func.min(col(Transition.occurred_at)))
        .where(
            col(Transition.workspace_id) == workspace_id,
            col(Transition.to_stage) == Stage.running.value,
            col(Transition.pilot_id).in_(ids),
        )
        .group_by(col(Transition.pilot_id))
    ).all():
        records[pilot_id].first_running_on = first_running.date()

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

    for (
        pilot_id,
        department_id,
        name,
        status,
        stake,
        invited_on,
        first_asked_on,
        last_check_in_on,
    ) in session.execute(
        sa_select(
            col(Involvement.pilot_id),
            col(Involvement.department_id),
            col(Department.name),
            col(Involvement.status),
            col(Involvement.stake),
            col(Involvement.invited_on),
            col(Involvement.first_asked_on),
            col(Involvement.last_check_in_on),
        )
        .join(Department, col(Department.id) == col(Involvement.department_id))
        .where(col(Involvement.workspace_id) == workspace_id, col(Involvement.pilot_id).in_(ids))
        .order_by(col(Department.name))
    ).all():
        records[pilot_id].involvements.append(
            InvolvementRecord(
                department_id, name, status, stake, invited_on, first_asked_on, last_check_in_on
            )
        )

    for pilot_id, kind, decided_on in session.execute(
        sa_select(col(Decision.pilot_id), col(Decision.kind), col(Decision.decided_on)).where(
            col(Decision.workspace_id) == workspace_id,
            col(Decision.pilot_id).in_(ids),
            col(Decision.withdrawn_at).is_(None),  # a withdrawn decision counts for nothing
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

    for pilot_id in session.exec(
        select(FeedbackLink.pilot_id)
        .where(
            FeedbackLink.workspace_id == workspace_id,
            col(FeedbackLink.pilot_id).in_(ids),
            col(FeedbackLink.revoked_at).is_(None),
        )
        .distinct()
    ).all():
        records[pilot_id].has_feedback_link = True
    for pilot_id, latest_response in session.execute(
        sa_select(col(FeedbackResponse.pilot_id), func.max(col(FeedbackResponse.created_at)))
        .where(
            col(FeedbackResponse.workspace_id) == workspace_id,
            col(FeedbackResponse.pilot_id).in_(ids),
        )
        .group_by(col(FeedbackResponse.pilot_id))
    ).all():
        records[pilot_id].latest_response_on = latest_response.date()
    return records


def involved(record: PilotRecord) -> list[InvolvementRecord]:
    return [i for i in record.involvements if i.status != Engagement.declined]


def departments_without_plan(record: PilotRecord) -> list[str]:
    covered = {item.department_id for item in record.plan_items if item.has_change}
    return [i.department_name for i in involved(record) if i.department_id not in covered]
