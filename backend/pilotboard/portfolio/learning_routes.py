"""What the portfolio teaches: `GET …/portfolio/learning` and `GET …/pilots/{id}/practices`.

Included by the portfolio's router (``portfolio/routes.py``), so the paths sit under
`/api/v1/workspaces/{workspace_id}`.
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import APIRouter, Request, Response

from pilotboard.access import WorkspaceRead
from pilotboard.core.clock import ClockDep
from pilotboard.core.db import SessionDep
from pilotboard.core.errors import problems
from pilotboard.pilots.filters import FiltersDep
from pilotboard.pilots.http import AsOf, PilotForRead
from pilotboard.portfolio import learning
from pilotboard.portfolio.learning_schemas import PilotPractices, PortfolioLearning
from pilotboard.portfolio.service import HealthMemo

router = APIRouter()

RULES = {
    "early_departments": "at least 2 involvements whose `engaged_on` is on or before the UTC "
    "date the pilot first entered `running` (whatever their status now).",
    "champion": "an involvement whose status is `champion` (the status as stored: it has no "
    "dated history).",
    "three_iterations": "3 or more iterations started on or before `as_of`.",
    "higher_order_change": "an iteration started on or before `as_of` with `change_order` 2 or 3.",
    "customer_metric": "a metric created on or before the day the pilot first entered "
    "`running` that was `customer_experienced` with a `baseline` and a `target` on that day "
    "(after the start, the first recorded `criteria_changes` entry of each field gives its "
    "value at the start; a metric deleted since counts for nothing).",
    "low_risk_customer": "the pilot's `risk_level` is `low`.",
    "premier_account": "the pilot's chosen customer has `is_premier_account`.",
    "customer_voice": "feedback responses (through a feedback link) attached to at least 2 "
    "different iterations, received on or before `as_of`.",
    "quick_decision": "a `scale`, `continue`, `pivot` or `stop` decision (not withdrawn) "
    "whose `decided_on` is no earlier than the day the pilot first entered `scale_review` and "
    "at most `scale_decision_days` (a workspace threshold) after it.",
}

METHOD = "\n".join(
    [
        "From the workspace's own closed pilots, which practices went with scaling. A pilot is "
        "**closed** when its stage on `as_of`, by its transition history (the last stage change "
        "on or before that UTC date), is `adopted` or `scaling` (it **scaled**) or `stopped` "
        "(it did not). Every closed pilot falls on exactly one side of every practice: a pilot "
        "that never reached the stage a practice looks at (never ran, never reached scale "
        "review) is on the *without* side.",
        "",
        "Per side: `rate` = scaled ÷ pilots (`null` for 0 pilots), and its 95 % **Wilson score "
        "interval**, with n pilots, p = rate and z = 1.959963984540054: "
        "(p + z²/2n ± z·√(p(1-p)/n + z²/4n²)) ÷ (1 + z²/n). `difference` = with.rate - "
        "without.rate (`null` unless both exist). `enough_data`: each side has at least 5 "
        "pilots. Rates, bounds and differences are rounded to 6 decimals.",
        "",
        "What counts as following each practice (dated facts count up to `as_of`; withdrawn "
        "decisions never count):",
        "",
        *(f"- **`{p.code}`** ({p.label}): {RULES[p.code]}" for p in learning.PRACTICES),
        "",
        "This is association in one portfolio, not proof: pilots that followed a practice may "
        "differ from the others in many other ways, and small counts swing widely (read the "
        "intervals).",
    ]
)


def _json(document: dict[str, Any]) -> Response:
    return Response(orjson.dumps(document), media_type="application/json")


@router.get(
    "/portfolio/learning",
    operation_id="getPortfolioLearning",
    summary="What the portfolio teaches: which practices went with scaling",
    tags=["portfolio"],
    response_model=PortfolioLearning,
    responses=problems(401, 404),
    description="Over the closed pilots that match the filters (the filters of `GET /pilots`, "
    "combined with AND; `health` as of `as_of`), as of `as_of`. Sorted: `enough_data` first, "
    "then |difference| descending, null differences last.\n\n" + METHOD,
)
def get_portfolio_learning(
    request: Request,
    access: WorkspaceRead,
    db: SessionDep,
    clock: ClockDep,
    filters: FiltersDep,
    as_of: AsOf = None,
) -> Response:
    memo: HealthMemo = request.app.state.health_memo
    document = learning.learning(
        db,
        workspace_id=access.workspace_id,
        filters=filters,
        as_of=as_of or clock.today(),
        memo=memo,
    )
    return _json(document)


@router.get(
    "/pilots/{pilot_id}/practices",
    operation_id="getPilotPractices",
    summary="Which of the portfolio's practices the pilot follows",
    tags=["pilots"],
    response_model=PilotPractices,
    responses=problems(401, 404),
    description="Every practice of `GET /portfolio/learning`, in a fixed order, with "
    "`follows`: `true` as soon as the pilot follows it; `false` once it can no longer (the "
    "moment passed: it entered `running` without it for `early_departments` and "
    "`customer_metric`, the `scale_decision_days` after entering `scale_review` went by "
    "without a decision for `quick_decision`, the risk level or customer is set otherwise; "
    "and every practice of a closed pilot, judged as the evidence counts it); `null` while "
    "it cannot be known yet. `with` and `without` are the workspace's evidence over all its "
    "closed pilots, without filters, as of `as_of`.\n\n" + METHOD,
)
def get_pilot_practices(
    pilot: PilotForRead, db: SessionDep, clock: ClockDep, as_of: AsOf = None
) -> Response:
    document = learning.pilot_practices(db, pilot=pilot, as_of=as_of or clock.today())
    return _json(document)
