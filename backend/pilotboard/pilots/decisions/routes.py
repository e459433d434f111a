"""Executives' decisions: `…/pilots/{pilot_id}/decisions[/allowed | /{decision_id}/withdraw]`."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, Response
from fastapi.responses import JSONResponse

from pilotboard.access import WorkspaceDecide
from pilotboard.core.clock import ClockDep
from pilotboard.core.db import SessionDep
from pilotboard.core.errors import problems
from pilotboard.core.etag import IfMatch
from pilotboard.core.idempotency import IdempotencyKey
from pilotboard.core.pagination import ListParamsDep, Page, page_in_memory
from pilotboard.pilots.decisions import service
from pilotboard.pilots.decisions.schemas import (
    AllowedDecisions,
    DecisionCreate,
    DecisionPublic,
    DecisionWithdraw,
)
from pilotboard.pilots.http import (
    READ,
    WRITE,
    PilotForDecide,
    PilotForRead,
    PilotId,
    check_record_if_match,
    created,
    with_etag,
)
from pilotboard.pilots.models import Decision
from pilotboard.workspaces.models import Role

router = APIRouter(prefix="/workspaces/{workspace_id}", tags=["pilots"])

DecisionId = Annotated[uuid.UUID, Path(description="The decision's id.")]


def _decision_for_decide(
    pilot_id: PilotId,  # first: the path parameters keep their documented order
    decision_id: DecisionId,
    pilot: PilotForDecide,
    db: SessionDep,
    if_match: IfMatch = None,
) -> Decision:
    decision = service.get_decision(db, pilot, decision_id)
    check_record_if_match(
        if_match, decision, lambda: service.decision_public(decision), what="decision"
    )
    return decision


DecisionForDecide = Annotated[Decision, Depends(_decision_for_decide)]


@router.get(
    "/pilots/{pilot_id}/decisions",
    operation_id="listDecisions",
    description="The gate decisions recorded on the pilot, oldest first, with who decided. "
    "Withdrawn decisions are listed too, with `withdrawn_at`, `withdrawn_by` and "
    "`withdraw_reason`; they count for nothing.",
    summary="Gate decisions",
    response_model=Page[DecisionPublic],
    responses=READ,
)
def list_decisions(
    pilot: PilotForRead, db: SessionDep, params: ListParamsDep
) -> Page[DecisionPublic]:
    items, cursor = page_in_memory(
        service.decision_publics(db, pilot),
        params,
        lambda d: (f"{d.decided_on.isoformat()}|{d.created_at.isoformat()}", d.id),
    )
    return Page[DecisionPublic](items=items, next_cursor=cursor)


@router.get(
    "/pilots/{pilot_id}/decisions/allowed",
    operation_id="listAllowedDecisions",
    description="The decisions the pilot's stage takes, each with what it lets the team do "
    "next: `start` in `proposed` or `selecting`; `continue` and `pivot` in `running` or "
    "`scale_review`; `scale` in `scale_review`; `stop` from `proposed` to `scaling` and in "
    "`paused`. An adopted or stopped pilot takes none.",
    summary="Decisions the pilot's stage allows",
    response_model=AllowedDecisions,
    responses=READ,
)
def list_allowed_decisions(pilot: PilotForRead) -> AllowedDecisions:
    return service.allowed_for(pilot)


@router.post(
    "/pilots/{pilot_id}/decisions",
    operation_id="createDecision",
    summary="Record a decision (executives and admins)",
    status_code=201,
    response_model=DecisionPublic,
    responses=problems(401, 403, 404, 409),
)
def create_decision(
    pilot: PilotForDecide,
    body: DecisionCreate,
    access: WorkspaceDecide,
    db: SessionDep,
    clock: ClockDep,
    request: Request,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """A decision satisfies a gate but moves nothing by itself: the team then moves the pilot.
    Only the kinds the pilot's stage allows are taken (`GET …/decisions/allowed`); any other →
    409 `decision-not-allowed` with `allowed`, the kinds the stage takes."""
    now = clock.now()
    return created(
        db,
        request,
        access,
        idempotency_key,
        body,
        now,
        lambda: service.decision_public(
            service.record_decision(
                db,
                pilot=pilot,
                actor=access.actor,
                user_id=access.user.id,
                data=body.model_dump(),
                now=now,
            )
        ),
    )


@router.post(
    "/pilots/{pilot_id}/decisions/{decision_id}/withdraw",
    operation_id="withdrawDecision",
    summary="Withdraw a decision (its decider or an admin)",
    response_model=DecisionPublic,
    responses=WRITE,
)
def withdraw_decision(
    decision: DecisionForDecide,
    pilot: PilotForDecide,
    body: DecisionWithdraw,
    access: WorkspaceDecide,
    db: SessionDep,
    clock: ClockDep,
    response: Response,
) -> DecisionPublic:
    """200 with the decision, now with `withdrawn_at`, `withdrawn_by` and `withdraw_reason`. It
    stays in the list and the activity log but counts for no gate, health rule or portfolio
    figure. Only while the pilot is in the stage it was recorded in (else 409
    `decision-final`), and once (else 409 `decision-withdrawn`). Honours `If-Match` (the
    decision's ETag)."""
    decision = service.withdraw_decision(
        db,
        pilot=pilot,
        decision=decision,
        actor=access.actor,
        user_id=access.user.id,
        is_admin=access.role == Role.admin,
        reason=body.reason,
        now=clock.now(),
    )
    return with_etag(response, service.decision_public(decision))
