"""A pilot's health facts, from its loaded records (``snapshot.py``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pilotboard.pilots.health.rules import Facts
from pilotboard.pilots.metrics.figures import reached_target_on
from pilotboard.pilots.models import Engagement, MetricKind
from pilotboard.pilots.snapshot import ENGAGED, MetricRecord, PilotRecord, departments_without_plan


def _all_at_target_since(metrics: Sequence[MetricRecord]) -> date | None:
    if not metrics:
        return None
    reached = []
    for metric in metrics:
        when = reached_target_on(
            metric.measurements, target=metric.target, direction=metric.direction
        )
        if when is None:
            return None
        reached.append(when)
    return max(reached)


def _longest_silent(record: PilotRecord) -> tuple[str | None, date | None]:
    """The engaged or champion department silent the longest: its name and the date its
    silence counts from (its last check-in, or when it was first asked)."""
    found: tuple[str | None, date | None] = (None, None)
    for involvement in record.involvements:
        if involvement.status not in ENGAGED:
            continue
        since = involvement.last_check_in_on or involvement.first_asked_on
        if since is not None and (found[1] is None or since < found[1]):
            found = (involvement.department_name, since)
    return found


def health_facts(record: PilotRecord) -> Facts:
    pilot = record.pilot
    entered = pilot.stage_entered_at.date()
    iterations = sorted(record.iterations, key=lambda it: it[0], reverse=True)
    latest = max(
        (max(started, ended or started) for _, started, ended, _ in iterations), default=None
    )
    silent_department, silent_since = _longest_silent(record)
    pending = [
        i.invited_on for i in record.involvements if i.status == Engagement.invited and i.invited_on
    ]
    return Facts(
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
        departments_without_plan=len(departments_without_plan(record)),
        silent_department=silent_department,
        silent_since=silent_since,
        has_feedback_link=record.has_feedback_link,
        latest_iteration_started_on=iterations[0][1] if iterations else None,
        latest_response_on=record.latest_response_on,
    )
