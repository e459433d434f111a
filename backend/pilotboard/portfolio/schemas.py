"""API shape of the executive portfolio (field names and definitions as API.md fixes them)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from pilotboard.pilots.models import Health, RiskLevel, Stage

_P1 = "5b1f7c2e-8d3a-4e6f-9a0b-1c2d3e4f5a6b"
_P2 = "8c2d4e6f-1a3b-4c5d-8e7f-9a0b1c2d3e4f"
_D = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"

EXAMPLE: dict[str, Any] = {
    "as_of": "2026-11-22",
    "totals": {"pilots": 12, "active": 9, "on_track": 6, "at_risk": 2, "stalled": 1},
    "stages": [
        {"stage": "proposed", "count": 2, "revenue_at_stake": 300000.0},
        {"stage": "selecting", "count": 1, "revenue_at_stake": 150000.0},
        {"stage": "running", "count": 3, "revenue_at_stake": 2100000.0},
        {"stage": "scale_review", "count": 1, "revenue_at_stake": 850000.0},
        {"stage": "scaling", "count": 1, "revenue_at_stake": 400000.0},
        {"stage": "adopted", "count": 2, "revenue_at_stake": 1200000.0},
        {"stage": "paused", "count": 1, "revenue_at_stake": 0.0},
        {"stage": "stopped", "count": 1, "revenue_at_stake": 250000.0},
    ],
    "points": [
        {
            "pilot_id": _P1,
            "title": "Vendor-managed inventory at St. Agnes Hospital",
            "stage": "scale_review",
            "risk_level": "low",
            "health": "stalled",
            "revenue_lift": 0.35,
            "progress": 1.108333,
            "revenue_at_stake": 850000.0,
            "criteria_changed": False,
        }
    ],
    "points_total": 1,
    "point_bins": [],
    "attention": [
        {
            "pilot_id": _P1,
            "title": "Vendor-managed inventory at St. Agnes Hospital",
            "health": "stalled",
            "reasons": [
                {
                    "code": "scale_decision_overdue",
                    "severity": "stalled",
                    "message": "Waiting 41 days for an executive decision (more than 30): "
                    "scale, continue, pivot or stop.",
                }
            ],
            "days_in_stage": 41,
            "criteria_changed": False,
        }
    ],
    "attention_total": 1,
    "decisions_waiting": [
        {
            "pilot_id": _P1,
            "title": "Vendor-managed inventory at St. Agnes Hospital",
            "decision": "scale",
            "waiting_days": 41,
        },
        {
            "pilot_id": _P2,
            "title": "Same-day spares for Harbor Logistics",
            "decision": "start",
            "waiting_days": 12,
        },
    ],
    "decisions_waiting_total": 2,
    "outcomes": {
        "adopted": 2,
        "stopped": 1,
        "win_rate": 0.666667,
        "total_revenue_gain": 61000.0,
        "median_revenue_lift": 0.2,
        "median_days_to_scale_decision": 96.5,
    },
    "departments": [
        {
            "department_id": _D,
            "name": "Supply chain",
            "invited": 1,
            "engaged": 4,
            "champion": 1,
            "declined": 2,
            "silent": 1,
            "indifference_index": 0.5,
            "flagged": False,
        }
    ],
    "time_in_stage": [
        {"stage": "proposed", "median_days": 9.0, "max_days": 30},
        {"stage": "selecting", "median_days": 24.5, "max_days": 71},
        {"stage": "running", "median_days": 88.0, "max_days": 160},
        {"stage": "scale_review", "median_days": 20.0, "max_days": 41},
        {"stage": "scaling", "median_days": 110.0, "max_days": 180},
        {"stage": "paused", "median_days": None, "max_days": None},
    ],
}


class PortfolioTotals(BaseModel):
    pilots: int = Field(description="Every pilot that matches the filters, in any stage.")
    active: int = Field(
        description="Pilots neither `adopted` nor `stopped` (`paused` ones count as active)."
    )
    on_track: int = Field(description="Active pilots whose health as of `as_of` is `on_track`.")
    at_risk: int = Field(description="Active pilots whose health as of `as_of` is `at_risk`.")
    stalled: int = Field(description="Active pilots whose health as of `as_of` is `stalled`.")


class StageCount(BaseModel):
    stage: Stage = Field(description="The stage.")
    count: int = Field(description="Pilots currently in the stage.")
    revenue_at_stake: float = Field(
        description="Sum of their `revenue_at_stake` (pilots without one add nothing); 0 when "
        "the stage is empty."
    )


class PortfolioPoint(BaseModel):
    pilot_id: uuid.UUID = Field(description="The pilot's id.")
    title: str = Field(description="The pilot's title.")
    stage: Stage = Field(description="Its stage.")
    risk_level: RiskLevel | None = Field(description="`null` until the customer is chosen.")
    health: Health = Field(description="Health as of `as_of`.")
    revenue_lift: float | None = Field(
        description="The lift of the pilot's revenue metric: (latest - baseline) ÷ baseline, "
        "sign flipped for a `decrease` metric; `null` without a revenue metric, a measurement "
        "or a non-zero baseline."
    )
    progress: float | None = Field(
        description="Mean progress of the pilot's metrics that have a target: per metric "
        "(latest - baseline) ÷ (target - baseline), 1 = at target; metrics without a "
        "measurement or a baseline, or whose target equals the baseline, are left out; "
        "`null` when none is left."
    )
    revenue_at_stake: float | None = Field(
        description="In the workspace currency; `null` when not set."
    )
    criteria_changed: bool = Field(
        description="A success criterion (a metric's baseline, target, direction or kind, or "
        "a metric itself) changed after the pilot first entered `running`: whoever decides "
        "on it should see the metric's `criteria_changes` first."
    )


ProgressBand = Literal["none", "0-25", "25-50", "50-75", "75-100", "100+"]


class PointBin(BaseModel):
    """The pilots of one risk level and progress band that the chart does not mark one by one."""

    risk_level: RiskLevel | None = Field(
        description="Their risk level; `null` for pilots whose customer is not chosen yet."
    )
    progress_band: ProgressBand = Field(
        description="Their `progress` (as the points give it), in quarters of the way to "
        "target: `none` (no progress known), `0-25` (below 0.25, negative included), `25-50`, "
        "`50-75`, `75-100` (below 1) and `100+` (1 or more: at or past target)."
    )
    count: int = Field(description="How many pilots the bin holds (at least 1).")
    on_track: int = Field(description="Of them, `on_track` as of `as_of`.")
    at_risk: int = Field(description="Of them, `at_risk` as of `as_of`.")
    stalled: int = Field(description="Of them, `stalled` as of `as_of`.")
    revenue_at_stake: float = Field(
        description="Sum of their `revenue_at_stake` (pilots without one add nothing)."
    )


class AttentionReason(BaseModel):
    code: str = Field(description="The health rule that fired, e.g. `no_recent_iteration`.")
    severity: Literal["at_risk", "stalled"] = Field(description="`at_risk` or `stalled`.")
    message: str = Field(description="What is wrong and what clears it, in plain words.")


class AttentionItem(BaseModel):
    pilot_id: uuid.UUID = Field(description="The pilot's id.")
    title: str = Field(description="The pilot's title.")
    health: Literal["at_risk", "stalled"] = Field(
        description="`stalled` or `at_risk` as of `as_of`."
    )
    reasons: list[AttentionReason] = Field(description="Every rule that fires as of `as_of`.")
    days_in_stage: int = Field(
        description="Whole days from the UTC date the pilot entered its stage to `as_of` "
        "(0 when `as_of` is earlier)."
    )
    criteria_changed: bool = Field(
        description="A success criterion (a metric's baseline, target, direction or kind, or "
        "a metric itself) changed after the pilot first entered `running`: whoever decides "
        "on it should see the metric's `criteria_changes` first."
    )


ATTENTION_PAGE_EXAMPLE: dict[str, Any] = {
    "items": EXAMPLE["attention"],
    "next_cursor": None,
    "total": 1,
}


class AttentionPage(BaseModel):
    """One page of the portfolio's attention list."""

    model_config = ConfigDict(json_schema_extra={"example": ATTENTION_PAGE_EXAMPLE})

    items: list[AttentionItem] = Field(
        description="This page's pilots, in the order of the portfolio's `attention`: stalled "
        "first, then at risk; within each, longest in its stage first; then by title and id."
    )
    next_cursor: str | None = Field(
        description="Pass as `cursor` (with the same filters and `as_of`) to get the next "
        "page; `null` on the last page."
    )
    total: int = Field(
        description="Every item of the list over all pages (the portfolio's `attention_total`)."
    )


class DecisionWaiting(BaseModel):
    pilot_id: uuid.UUID = Field(description="The pilot's id.")
    title: str = Field(description="The pilot's title.")
    decision: Literal["start", "scale"] = Field(
        description="`start`: the pilot (`proposed` or `selecting`) meets its gate into "
        "`running` but for the sponsor's `start` decision. `scale`: the pilot is in "
        "`scale_review` with no `scale`, `continue`, `pivot` or `stop` decision since it "
        "entered it."
    )
    waiting_days: int = Field(
        description="Whole days to `as_of` since the pilot entered its current stage."
    )


DECISIONS_WAITING_PAGE_EXAMPLE: dict[str, Any] = {
    "items": EXAMPLE["decisions_waiting"],
    "next_cursor": None,
    "total": 2,
}


class DecisionsWaitingPage(BaseModel):
    """One page of the portfolio's decisions waiting."""

    model_config = ConfigDict(json_schema_extra={"example": DECISIONS_WAITING_PAGE_EXAMPLE})

    items: list[DecisionWaiting] = Field(
        description="This page's pilots, in the order of the portfolio's `decisions_waiting`: "
        "longest waiting first, then by title and id."
    )
    next_cursor: str | None = Field(
        description="Pass as `cursor` (with the same filters and `as_of`) to get the next "
        "page; `null` on the last page."
    )
    total: int = Field(
        description="Every item of the list over all pages (the portfolio's "
        "`decisions_waiting_total`)."
    )


class PortfolioOutcomes(BaseModel):
    adopted: int = Field(description="Pilots in `adopted`.")
    stopped: int = Field(description="Pilots in `stopped`.")
    win_rate: float | None = Field(
        description="adopted ÷ (adopted + stopped), rounded to 6 decimals; `null` when both are 0."
    )
    total_revenue_gain: float = Field(
        description="Sum of the yearly revenue gain of the pilots in `scaling` or `adopted`: "
        "latest - baseline of the revenue metric, annualised by its `revenue_period` (times 12 for "
        "`month`, 4 for `quarter`, 1 for `year`); 0 when none has one."
    )
    median_revenue_lift: float | None = Field(
        description="Median revenue lift over every pilot that has one, in any stage "
        "(`stopped` included); `null` when none has."
    )
    median_days_to_scale_decision: float | None = Field(
        description="Median, over the pilots with a `scale` decision, of the whole days from "
        "their first entry into `running` to the `decided_on` of their first `scale` "
        "decision (withdrawn decisions do not count); `null` when no pilot has both."
    )


class DepartmentParticipation(BaseModel):
    department_id: uuid.UUID = Field(description="The department's id.")
    name: str = Field(description="The department's name.")
    invited: int = Field(description="Involvements of the department still `invited`.")
    engaged: int = Field(description="Involvements `engaged`.")
    champion: int = Field(description="Involvements `champion`.")
    declined: int = Field(description="Involvements `declined`.")
    silent: int = Field(
        description="Involvements `engaged` or `champion` in a pilot `running` or in "
        "`scale_review` whose department has not checked in for more than "
        "`department_silence_days` as of `as_of` (since its last check-in, or since first "
        "asked): the ones the `department_silent` health rule names."
    )
    indifference_index: float | None = Field(
        description="(invited + declined + silent) ÷ all involvements of the department, "
        "rounded to 6 decimals; `null` when it has none."
    )
    flagged: bool = Field(
        description="The index is at least 0.5 over at least 2 involvements: the department "
        "is indifferent to the portfolio."
    )


class StageTime(BaseModel):
    stage: Stage = Field(description="The stage.")
    median_days: float | None = Field(
        description="Median days in the stage of the pilots now in it, as of `as_of`; `null` "
        "when none is."
    )
    max_days: int | None = Field(
        description="Days in the stage of the pilot that has been there longest."
    )


class Portfolio(BaseModel):
    """Where every pilot stands, what it returned and what waits on the executives."""

    model_config = ConfigDict(json_schema_extra={"example": EXAMPLE})

    as_of: date = Field(description="The date every health and day count is evaluated on.")
    totals: PortfolioTotals = Field(
        description="How many pilots, how many active, and their health."
    )
    stages: list[StageCount] = Field(
        description="Every stage, in lifecycle order (`proposed` … `adopted`), then `paused` "
        "and `stopped`."
    )
    points: list[PortfolioPoint] = Field(
        description="The marks of the risk-by-outcome chart, ordered by title: at most 300 "
        "(`POINT_LIMIT`). When at most 300 pilots match (stopped ones left out), every one of "
        "them. Otherwise the 300 that matter most: stalled first, then at risk, then the "
        "largest `revenue_at_stake` (pilots without one last), then by title and id; the others "
        "are counted in `point_bins`."
    )
    points_total: int = Field(
        description="Every matching pilot the chart represents (stopped ones left out): the "
        "`points` plus the pilots counted in `point_bins`."
    )
    point_bins: list[PointBin] = Field(
        description="The matching pilots (stopped ones left out) that are not in `points`, "
        "counted by risk level and progress band; ordered by risk (`low`, `medium`, `high`, "
        "then `null`), then band (`none`, `0-25` … `100+`). Empty when every pilot is a point."
    )
    attention: list[AttentionItem] = Field(
        description="The first 50 active pilots that are `stalled` or `at_risk` as of "
        "`as_of`: stalled first, then at risk; within each, longest in its stage first, then by "
        "title and id. `attention_total` counts them all; `GET …/portfolio/attention` pages "
        "through the rest, in the same order."
    )
    attention_total: int = Field(
        description="How many active pilots are `stalled` or `at_risk` as of `as_of` (every "
        "page of the attention list; `totals.stalled + totals.at_risk`)."
    )
    decisions_waiting: list[DecisionWaiting] = Field(
        description="The first 50 pilots an executive decision is due on: the `start` decision "
        "of a pilot otherwise ready to run, and the decision of a scale review; longest "
        "waiting first, then by title and id. A pilot leaves the list as soon as the decision "
        "is recorded (withdrawn decisions do not count). `decisions_waiting_total` counts them "
        "all; `GET …/portfolio/decisions-waiting` pages through the rest, in the same order."
    )
    decisions_waiting_total: int = Field(
        description="How many pilots wait on an executive decision as of `as_of` (every page "
        "of the decisions waiting; `decisions_waiting` holds the first 50)."
    )
    outcomes: PortfolioOutcomes = Field(
        description="What the portfolio returned: adoptions, win rate, revenue, time to decide."
    )
    departments: list[DepartmentParticipation] = Field(
        description="Every department of the workspace by name, with the engagement of its "
        "involvements in the matching pilots (the heatmap)."
    )
    time_in_stage: list[StageTime] = Field(
        description="How long the pilots now in each open stage (`proposed`, `selecting`, "
        "`running`, `scale_review`, `scaling`, `paused`) have been there, in whole days to "
        "`as_of`: where pilots wait."
    )
