"""What the gates look at, from a pilot's loaded records (``snapshot.py``)."""

from __future__ import annotations

from pilotboard.pilots.lifecycle.rules import GateFacts
from pilotboard.pilots.models import MetricKind
from pilotboard.pilots.snapshot import ENGAGED, PilotRecord, departments_without_plan


def gate_facts(record: PilotRecord) -> GateFacts:
    pilot = record.pilot
    entered = pilot.stage_entered_at.date()
    return GateFacts(
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
        first_running_on=record.first_running_on,
        iterations=[(started, ended) for _, started, ended, _ in record.iterations],
        metrics_without_measurement=[m.name for m in record.metrics if not m.measurements],
        metric_count=len(record.metrics),
        has_scale_decision_by_executive=any(
            kind == "scale" and decided_on >= entered for kind, decided_on in record.decisions
        ),
        has_scale_plan=record.has_plan,
        departments_without_plan=departments_without_plan(record),
        open_plan_items=sum(1 for item in record.plan_items if item.status != "done"),
        plan_item_count=len(record.plan_items),
        continue_or_pivot_since_entry=any(
            kind in ("continue", "pivot") and day >= entered for kind, day in record.decisions
        ),
    )
