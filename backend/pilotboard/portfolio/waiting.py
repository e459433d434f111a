"""Which pilots wait on an executive's decision, in two queries whatever the number of pilots.

- **Start decision**: a pilot in `proposed` or `selecting` whose gate into `running` is met but
  for the `start` decision. The gate's other criteria (``pilots/lifecycle/rules.py``, the
  `running` entry of ``GATES``) are asked here in SQL, so the portfolio never loads the records
  of every early pilot: a testbed customer, a hypothesis, at least ``min_engaged_departments``
  engaged departments with a stake, a customer-experienced metric with baseline and target, and
  a sponsor who is an active executive or admin of the workspace. The tests
  (``test_portfolio_integrity.py``) check the two agree, pilot by pilot.
- **Scale review**: a pilot in `scale_review` with no `scale`, `continue`, `pivot` or `stop`
  decision since it entered the stage. This module answers the opposite, the pilots in review
  that have one (fewer rows to carry).

Withdrawn decisions count for nothing in either.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, String, cast, exists, func, select
from sqlmodel import col

from pilotboard.accounts.models import User
from pilotboard.pilots.models import (
    Decision,
    DecisionKind,
    Involvement,
    Metric,
    MetricKind,
    Pilot,
    Stage,
)
from pilotboard.pilots.portfolio_facts import REVIEW_ANSWERS, START_STAGES
from pilotboard.pilots.snapshot import ENGAGED, SPONSOR_ROLES
from pilotboard.portfolio.sql import day_number
from pilotboard.workspaces.models import Membership


def awaiting_start_statement(
    workspace_id: uuid.UUID, conditions: Sequence[ColumnElement[bool]], min_engaged: int
) -> Select[Any]:
    """The ids of the matching pilots waiting only on their `start` decision."""
    pilot_id = col(Pilot.id)
    engaged = (
        select(func.count())
        .where(
            col(Involvement.workspace_id) == workspace_id,
            col(Involvement.pilot_id) == pilot_id,
            col(Involvement.status).in_(ENGAGED),
            col(Involvement.stake) != "",
        )
        .scalar_subquery()
    )
    customer_metric = exists().where(
        col(Metric.workspace_id) == workspace_id,
        col(Metric.pilot_id) == pilot_id,
        col(Metric.kind) == MetricKind.customer_experienced.value,
        col(Metric.baseline).is_not(None),
        col(Metric.target).is_not(None),
    )
    sponsors = (
        select(col(Membership.user_id))
        .join(User, col(User.id) == col(Membership.user_id))
        .where(
            col(Membership.workspace_id) == workspace_id,
            col(Membership.role).in_(SPONSOR_ROLES),
            col(User.is_active),
        )
    )
    started = exists().where(
        col(Decision.workspace_id) == workspace_id,
        col(Decision.pilot_id) == pilot_id,
        col(Decision.kind) == DecisionKind.start.value,
        col(Decision.withdrawn_at).is_(None),
    )
    return select(pilot_id).where(
        *conditions,
        col(Pilot.stage).in_(START_STAGES),
        # Not as `customer_id IS NOT NULL`: SQLite would then walk the customer index over
        # every pilot with a customer instead of the stage index over the early ones (3x slower
        # at 10,000 pilots).
        func.coalesce(cast(col(Pilot.customer_id), String), "") != "",
        col(Pilot.hypothesis) != "",
        col(Pilot.sponsor_id).in_(sponsors),
        customer_metric,
        ~started,
        engaged >= min_engaged,
    )


def answered_review_statement(
    workspace_id: uuid.UUID, conditions: Sequence[ColumnElement[bool]]
) -> Select[Any]:
    """The ids of the matching pilots in `scale_review` that an executive has answered since
    they entered it (`scale`, `continue`, `pivot` or `stop`, not withdrawn)."""
    answered = exists().where(
        col(Decision.workspace_id) == workspace_id,
        col(Decision.pilot_id) == col(Pilot.id),
        col(Decision.kind).in_(REVIEW_ANSWERS),
        col(Decision.withdrawn_at).is_(None),
        day_number(col(Decision.decided_on)) >= day_number(col(Pilot.stage_entered_at)),
    )
    return select(col(Pilot.id)).where(
        *conditions,
        col(Pilot.stage) == Stage.scale_review.value,
        answered,
    )
