"""A pilot and everything the method records about it.

Every table carries ``workspace_id`` and every index starts with it (the unit of isolation and
of distribution). Children reference their pilot with ON DELETE CASCADE; the append-only
activity log keeps the history of deleted objects.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Column, Date, Index, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from pilotboard.core.types import JSONDocument, UTCDateTime, new_id


class Stage(StrEnum):
    proposed = "proposed"
    selecting = "selecting"
    running = "running"
    scale_review = "scale_review"
    scaling = "scaling"
    adopted = "adopted"
    paused = "paused"
    stopped = "stopped"


LIFECYCLE = (
    Stage.proposed,
    Stage.selecting,
    Stage.running,
    Stage.scale_review,
    Stage.scaling,
    Stage.adopted,
)

# The stages in which a pilot is under way: health rules apply, and it can be paused or stopped.
ACTIVE_STAGES = frozenset(
    {Stage.proposed, Stage.selecting, Stage.running, Stage.scale_review, Stage.scaling}
)


class Outcome(StrEnum):
    profitability = "profitability"
    business_process = "business_process"
    strategic_positioning = "strategic_positioning"


class RiskLevel(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"


class Health(StrEnum):
    on_track = "on_track"
    at_risk = "at_risk"
    stalled = "stalled"


class Engagement(StrEnum):
    invited = "invited"
    engaged = "engaged"
    champion = "champion"
    declined = "declined"


class Direction(StrEnum):
    increase = "increase"
    decrease = "decrease"


class MetricKind(StrEnum):
    customer_experienced = "customer_experienced"
    internal = "internal"


class DecisionKind(StrEnum):
    start = "start"
    continue_ = "continue"
    pivot = "pivot"
    scale = "scale"
    stop = "stop"


class RevenuePeriod(StrEnum):
    month = "month"
    quarter = "quarter"
    year = "year"


# How many of a period make a year: revenue gains are annualised before they are summed.
PERIODS_PER_YEAR: dict[str, int] = {
    RevenuePeriod.month.value: 12,
    RevenuePeriod.quarter.value: 4,
    RevenuePeriod.year.value: 1,
}


class ItemStatus(StrEnum):
    planned = "planned"
    in_progress = "in_progress"
    done = "done"


PORTFOLIO_COLUMNS = (
    "workspace_id",
    "stage",
    "stage_entered_at",
    "health_changes_on",
    "health",
    "title",
    "id",
    "revenue_at_stake",
    "risk_level",
    "metrics_progress",
    "revenue_latest",
    "revenue_baseline",
    "revenue_direction",
    "revenue_period",
    "criteria_changed",
    "owner_id",
)


# The portfolio's median revenue lift: a walk to the middle of the stored lifts, reading what
# the lift is computed from (#18).
REVENUE_LIFT_COLUMNS = (
    "workspace_id",
    "revenue_lift",
    "revenue_latest",
    "revenue_baseline",
    "revenue_direction",
)

WAITING_COLUMNS = (
    "workspace_id",
    "waiting_on",
    "start_engaged",
    "sponsor_id",
    "stage",
    "stage_entered_at",
    "health",
    "title",
    "id",
)


# What ``ix_pilots_marks`` holds, in order.
MARKS_COLUMNS = ("workspace_id", "health", "revenue_at_stake", "title", "id", "stage")


class Pilot(SQLModel, table=True):
    __tablename__ = "pilots"
    __table_args__ = (
        Index("ix_pilots_workspace_id_created_at_id", "workspace_id", "created_at", "id"),
        # By stored health, then stake: the portfolio's first chart marks are short walks
        # along it (#18, ``portfolio.service.first_marks_statement``); with the stage, so its
        # conditions read nothing else. It leads with (workspace_id, health), so it replaces
        # the index of those two.
        Index("ix_pilots_marks", *MARKS_COLUMNS),
        Index("ix_pilots_workspace_id_owner_id", "workspace_id", "owner_id"),
        Index("ix_pilots_workspace_id_customer_id", "workspace_id", "customer_id"),
        # By title, then id: the order of the portfolio and of `GET /pilots?sort=title`.
        Index("ix_pilots_workspace_id_title_id", "workspace_id", "title", "id"),
        # The portfolio's compact facts (#18): every column its aggregates read, so they scan
        # this index and never the rows (whose health facts make them a hundred times wider).
        # By stage, then entry into it: the median time in a stage is a walk to the middle of
        # one range. It leads with (workspace_id, stage), so it replaces the index of those two.
        Index("ix_pilots_portfolio", *PORTFOLIO_COLUMNS),
        # The portfolio's decisions waiting: the pilots that may wait on one come first, with
        # what the list prints and what its conditions read (#18).
        Index("ix_pilots_waiting", *WAITING_COLUMNS),
        # The portfolio's median days to the scale decision: a walk to the middle (#18).
        Index("ix_pilots_workspace_id_scale_days", "workspace_id", "scale_days"),
        # The portfolio's median revenue lift: a walk to the middle (#18).
        Index("ix_pilots_revenue_lift", *REVENUE_LIFT_COLUMNS),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    workspace_id: uuid.UUID = Field(foreign_key="workspaces.id", ondelete="CASCADE")
    title: str = Field(max_length=200)
    hypothesis: str = Field(default="", max_length=4000)
    target_outcome: str = Field(sa_type=String(32))
    owner_id: uuid.UUID = Field(foreign_key="users.id", ondelete="RESTRICT")
    sponsor_id: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    customer_id: uuid.UUID | None = Field(
        default=None, foreign_key="customers.id", ondelete="RESTRICT"
    )
    risk_level: str | None = Field(default=None, sa_type=String(8))
    risk_rationale: str = Field(default="", max_length=2000)
    budget: float | None = None
    revenue_at_stake: float | None = None
    stage: str = Field(default=Stage.proposed.value, sa_type=String(16))
    stage_entered_at: datetime = Field(sa_type=UTCDateTime)
    paused_from: str | None = Field(default=None, sa_type=String(16))
    # Derived, kept in step with the pilot's data on every change (see pilots/health.py).
    health: str = Field(default=Health.on_track.value, sa_type=String(16))
    health_reasons: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSONDocument, nullable=False)
    )
    health_facts: dict[str, Any] = Field(
        default_factory=dict, sa_column=Column(JSONDocument, nullable=False)
    )
    health_changes_on: date | None = Field(default=None, sa_type=Date)
    # Derived from the pilot's metrics, kept in step with them and their measurements by
    # pilots.metrics.summary (never part of the pilot's version): its revenue metric's latest
    # value, baseline, direction and period, and the mean progress of the metrics that have a
    # target. Read by the portfolio, so it never aggregates the metrics of every pilot.
    revenue_latest: float | None = None
    revenue_baseline: float | None = None
    revenue_direction: str | None = Field(default=None, sa_type=String(16))
    revenue_period: str | None = Field(default=None, sa_type=String(16))
    metrics_progress: float | None = None
    # The revenue lift of that summary, unrounded (summary.revenue_lift_expression): the order
    # in which the portfolio finds the median lift.
    revenue_lift: float | None = None
    # Set for good once a success criterion (a metric's baseline, target, direction or kind, or
    # a metric itself) changed after the pilot first entered `running`.
    criteria_changed: bool = False
    # Derived from the pilot's records with its health (``pilots/portfolio_facts.py``), never
    # part of its version; read by the portfolio, so it never reads the records of every pilot:
    # whole days from its first entry into `running` to its first `scale` decision; what it may
    # wait on (`start`, `scale`) and, waiting on its start, its engaged departments with a stake.
    scale_days: int | None = None
    waiting_on: str | None = Field(default=None, sa_type=String(8))
    start_engaged: int | None = None
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class Transition(SQLModel, table=True):
    """Every stage change, so time in stage and history are exact."""

    __tablename__ = "pilot_transitions"
    __table_args__ = (
        UniqueConstraint("workspace_id", "pilot_id", "sequence"),
        # The portfolio's first entry into a stage per pilot, from the index alone.
        Index(
            "ix_pilot_transitions_workspace_id_to_stage_pilot_id_occurred_at",
            "workspace_id",
            "to_stage",
            "pilot_id",
            "occurred_at",
        ),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    workspace_id: uuid.UUID = Field(foreign_key="workspaces.id", ondelete="CASCADE")
    pilot_id: uuid.UUID = Field(foreign_key="pilots.id", ondelete="CASCADE")
    sequence: int = Field(description="1, 2, … per pilot: the order of the history.")
    from_stage: str | None = Field(default=None, sa_type=String(16))
    to_stage: str = Field(sa_type=String(16))
    reason: str = Field(default="", max_length=2000)
    lessons_learned: str = Field(default="", max_length=4000)
    actor_user_id: uuid.UUID | None = Field(
        default=None, foreign_key="users.id", ondelete="SET NULL"
    )
    occurred_at: datetime = Field(sa_type=UTCDateTime)


class Candidate(SQLModel, table=True):
    __tablename__ = "candidates"
    __table_args__ = (
        UniqueConstraint("workspace_id", "pilot_id", "customer_id"),
        Index("ix_candidates_workspace_id_customer_id", "workspace_id", "customer_id"),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    workspace_id: uuid.UUID = Field(foreign_key="workspaces.id", ondelete="CASCADE")
    pilot_id: uuid.UUID = Field(foreign_key="pilots.id", ondelete="CASCADE")
    customer_id: uuid.UUID = Field(foreign_key="customers.id", ondelete="RESTRICT")
    scores: dict[str, int] = Field(
        default_factory=dict, sa_column=Column(JSONDocument, nullable=False)
    )
    notes: str = Field(default="", max_length=2000)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class Involvement(SQLModel, table=True):
    __tablename__ = "involvements"
    __table_args__ = (
        UniqueConstraint("workspace_id", "pilot_id", "department_id"),
        # With the status: the portfolio's department heatmap counts from the index alone.
        Index(
            "ix_involvements_workspace_id_department_id_status",
            "workspace_id",
            "department_id",
            "status",
        ),
        # The portfolio's silent involvements, oldest silence first, from the index alone.
        Index(
            "ix_involvements_workspace_id_silent_since",
            "workspace_id",
            "silent_since",
            "department_id",
            "pilot_id",
        ),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    workspace_id: uuid.UUID = Field(foreign_key="workspaces.id", ondelete="CASCADE")
    pilot_id: uuid.UUID = Field(foreign_key="pilots.id", ondelete="CASCADE")
    department_id: uuid.UUID = Field(foreign_key="departments.id", ondelete="RESTRICT")
    contact_name: str = Field(default="", max_length=120)
    # Where check-in requests go (`null`: the department is not asked by email).
    contact_email: str | None = Field(default=None, max_length=254)
    stake: str = Field(default="", max_length=1000)
    status: str = Field(default=Engagement.invited.value, sa_type=String(16))
    invited_on: date | None = Field(default=None, sa_type=Date)
    engaged_on: date | None = Field(default=None, sa_type=Date)
    # Kept current by pilots.checkins (never part of the involvement's version): the UTC date of
    # the first check-in request, the time of the latest, and the date of the latest check-in.
    first_asked_on: date | None = Field(default=None, sa_type=Date)
    last_asked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_check_in_on: date | None = Field(default=None, sa_type=Date)
    # Derived with the pilot's health (``pilots/portfolio_facts.py``), never part of the
    # involvement's version: the date its silence counts from (``last_check_in_on``, else
    # ``first_asked_on``) while the department is `engaged` or `champion` in a pilot in a stage
    # where silence counts (`running`, `scale_review`); null otherwise.
    silent_since: date | None = Field(default=None, sa_type=Date)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class Iteration(SQLModel, table=True):
    __tablename__ = "iterations"
    __table_args__ = (UniqueConstraint("workspace_id", "pilot_id", "number"),)

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    workspace_id: uuid.UUID = Field(foreign_key="workspaces.id", ondelete="CASCADE")
    pilot_id: uuid.UUID = Field(foreign_key="pilots.id", ondelete="CASCADE")
    number: int
    started_on: date = Field(sa_type=Date)
    ended_on: date | None = Field(default=None, sa_type=Date)
    changes: str = Field(default="", max_length=4000)
    change_order: int = 1
    customer_feedback: str = Field(default="", max_length=4000)
    # What the customer's feedback page shows of this iteration: written for the customer's eyes.
    customer_summary: str = Field(default="", max_length=4000)
    new_needs: str = Field(default="", max_length=4000)
    learnings: str = Field(default="", max_length=4000)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class Metric(SQLModel, table=True):
    __tablename__ = "metrics"
    __table_args__ = (Index("ix_metrics_workspace_id_pilot_id", "workspace_id", "pilot_id"),)

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    workspace_id: uuid.UUID = Field(foreign_key="workspaces.id", ondelete="CASCADE")
    pilot_id: uuid.UUID = Field(foreign_key="pilots.id", ondelete="CASCADE")
    name: str = Field(max_length=120)
    unit: str = Field(default="", max_length=30)
    direction: str = Field(default=Direction.increase.value, sa_type=String(16))
    kind: str = Field(default=MetricKind.customer_experienced.value, sa_type=String(24))
    is_revenue: bool = False
    # What a revenue metric's values are per: `month`, `quarter` or `year` (gains are annualised).
    revenue_period: str = Field(default=RevenuePeriod.year.value, sa_type=String(16))
    baseline: float | None = None
    target: float | None = None
    # Every change of baseline, target, direction or kind after the pilot first entered
    # `running`: [{field, before, after, reason, changed_by, changed_at}] (append-only).
    criteria_changes: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSONDocument, nullable=False)
    )
    # The latest measurement (by measured_on, then created_at, then id), kept in step with the
    # measurements by pilots.metrics.summary wherever they change; read by the portfolio.
    latest_value: float | None = None
    latest_measured_on: date | None = Field(default=None, sa_type=Date)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class Measurement(SQLModel, table=True):
    __tablename__ = "measurements"
    __table_args__ = (
        Index(
            "ix_measurements_workspace_id_metric_id_measured_on",
            "workspace_id",
            "metric_id",
            "measured_on",
        ),
        Index("ix_measurements_workspace_id_pilot_id", "workspace_id", "pilot_id"),
        Index("ix_measurements_workspace_id_iteration_id", "workspace_id", "iteration_id"),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    workspace_id: uuid.UUID = Field(foreign_key="workspaces.id", ondelete="CASCADE")
    pilot_id: uuid.UUID = Field(foreign_key="pilots.id", ondelete="CASCADE")
    metric_id: uuid.UUID = Field(foreign_key="metrics.id", ondelete="CASCADE")
    iteration_id: uuid.UUID | None = Field(
        default=None, foreign_key="iterations.id", ondelete="SET NULL"
    )
    value: float
    measured_on: date = Field(sa_type=Date)
    note: str = Field(default="", max_length=1000)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class Decision(SQLModel, table=True):
    __tablename__ = "decisions"
    __table_args__ = (
        Index(
            "ix_decisions_workspace_id_pilot_id_decided_on",
            "workspace_id",
            "pilot_id",
            "decided_on",
        ),
        # The portfolio's first decision of a kind per pilot, from the index alone.
        Index(
            "ix_decisions_workspace_id_kind_pilot_id_decided_on",
            "workspace_id",
            "kind",
            "pilot_id",
            "decided_on",
        ),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    workspace_id: uuid.UUID = Field(foreign_key="workspaces.id", ondelete="CASCADE")
    pilot_id: uuid.UUID = Field(foreign_key="pilots.id", ondelete="CASCADE")
    kind: str = Field(sa_type=String(16))
    rationale: str = Field(max_length=4000)
    decided_on: date = Field(sa_type=Date)
    decided_by: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    # A withdrawn decision stays on record and counts for nothing (no gate, rule or figure).
    withdrawn_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    withdrawn_by: uuid.UUID | None = Field(
        default=None, foreign_key="users.id", ondelete="SET NULL"
    )
    withdraw_reason: str = Field(default="", max_length=2000)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class ScalePlan(SQLModel, table=True):
    __tablename__ = "scale_plans"
    __table_args__ = (UniqueConstraint("workspace_id", "pilot_id"),)

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    workspace_id: uuid.UUID = Field(foreign_key="workspaces.id", ondelete="CASCADE")
    pilot_id: uuid.UUID = Field(foreign_key="pilots.id", ondelete="CASCADE")
    scope: str = Field(default="", max_length=4000)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class ScalePlanItem(SQLModel, table=True):
    __tablename__ = "scale_plan_items"
    __table_args__ = (
        UniqueConstraint("workspace_id", "pilot_id", "department_id"),
        Index("ix_scale_plan_items_workspace_id_department_id", "workspace_id", "department_id"),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    workspace_id: uuid.UUID = Field(foreign_key="workspaces.id", ondelete="CASCADE")
    pilot_id: uuid.UUID = Field(foreign_key="pilots.id", ondelete="CASCADE")
    department_id: uuid.UUID = Field(foreign_key="departments.id", ondelete="RESTRICT")
    planning_change: str = Field(default="", max_length=2000)
    resource_change: str = Field(default="", max_length=2000)
    compensation_change: str = Field(default="", max_length=2000)
    owner_name: str = Field(default="", max_length=120)
    due_on: date | None = Field(default=None, sa_type=Date)
    status: str = Field(default=ItemStatus.planned.value, sa_type=String(16))
    position: int = 0
