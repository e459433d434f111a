"""Executives' decisions: `…/pilots/{pilot_id}/decisions`."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from pilotboard.access import WorkspaceDecide
from pilotboard.core.clock import ClockDep
from pilotboard.core.db import SessionDep
from pilotboard.core.errors import problems
from pilotboard.core.idempotency import IdempotencyKey
from pilotboard.core.pagination import ListParamsDep, Page, page_in_memory
from pilotboard.pilots.decisions import service
from pilotboard.pilots.decisions.schemas import DecisionCreate, DecisionPublic
from pilotboard.pilots.http import READ, PilotForDecide, PilotForRead, created

router = APIRouter(prefix="/workspaces/{workspace_id}", tags=["pilots"])


@router.get(
    "/pilots/{pilot_id}/decisions",
    operation_id="listDecisions",
    description="The gate decisions recorded on the pilot, oldest first, with who decided.",
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


@router.post(
    "/pilots/{pilot_id}/decisions",
    operation_id="createDecision",
    summary="Record a decision (executives and admins)",
    status_code=201,
    response_model=DecisionPublic,
    responses=problems(401, 403, 404),
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
    """A decision satisfies a gate but moves nothing by itself: the team then moves the pilot."""
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
