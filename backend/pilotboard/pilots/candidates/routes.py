"""The candidate customers: `…/pilots/{pilot_id}/candidates[/{candidate_id}]`."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, Response
from fastapi.responses import JSONResponse

from pilotboard.access import WorkspaceWrite
from pilotboard.core.clock import ClockDep
from pilotboard.core.db import SessionDep
from pilotboard.core.errors import problems
from pilotboard.core.etag import IfMatch
from pilotboard.core.idempotency import IdempotencyKey
from pilotboard.core.pagination import ListParamsDep, Page, page_in_memory
from pilotboard.pilots.candidates import service
from pilotboard.pilots.candidates.schemas import CandidateCreate, CandidatePublic, CandidateUpdate
from pilotboard.pilots.http import (
    READ,
    WRITE,
    PilotForRead,
    PilotForWrite,
    PilotId,
    check_record_if_match,
    created,
    stamped,
    with_etag,
)
from pilotboard.pilots.models import Candidate

router = APIRouter(prefix="/workspaces/{workspace_id}", tags=["pilots"])

CandidateId = Annotated[uuid.UUID, Path(description="The candidate's id.")]


def _candidate_for_write(
    pilot_id: PilotId,  # first: the path parameters keep their documented order
    candidate_id: CandidateId,
    pilot: PilotForWrite,
    db: SessionDep,
    if_match: IfMatch = None,
) -> Candidate:
    candidate = service.get_candidate(db, pilot, candidate_id)
    check_record_if_match(
        if_match,
        candidate,
        lambda: service.candidate_public(db, pilot, candidate),
        what="candidate",
    )
    return candidate


CandidateForWrite = Annotated[Candidate, Depends(_candidate_for_write)]


@router.get(
    "/pilots/{pilot_id}/candidates",
    operation_id="listCandidates",
    description="The customers considered for the pilot, with their rubric scores, the weighted "
    "total (0..100) and the premier-account flag.",
    summary="Candidate customers, scored",
    response_model=Page[CandidatePublic],
    responses=READ,
)
def list_candidates(
    pilot: PilotForRead, db: SessionDep, params: ListParamsDep
) -> Page[CandidatePublic]:
    items, cursor = page_in_memory(service.candidate_publics(db, pilot), params, stamped)
    return Page[CandidatePublic](items=items, next_cursor=cursor)


@router.post(
    "/pilots/{pilot_id}/candidates",
    operation_id="createCandidate",
    summary="Consider a customer and score it",
    status_code=201,
    response_model=CandidatePublic,
    responses=problems(401, 403, 404, 409),
)
def create_candidate(
    pilot: PilotForWrite,
    body: CandidateCreate,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    request: Request,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Scores are 1..5 per rubric criterion; `total` is their weighted mean mapped to 0..100."""
    now = clock.now()
    return created(
        db,
        request,
        access,
        idempotency_key,
        body,
        now,
        lambda: service.candidate_public(
            db,
            pilot,
            service.add_candidate(
                db, pilot=pilot, actor=access.actor, data=body.model_dump(), now=now
            ),
        ),
    )


@router.patch(
    "/pilots/{pilot_id}/candidates/{candidate_id}",
    operation_id="updateCandidate",
    description="Replaces the scores and/or notes. When the candidate is the chosen customer, "
    "the derived risk follows the new total.",
    summary="Rescore a candidate",
    response_model=CandidatePublic,
    responses=WRITE,
)
def update_candidate(
    candidate: CandidateForWrite,
    pilot: PilotForWrite,
    body: CandidateUpdate,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    response: Response,
) -> CandidatePublic:
    candidate = service.update_candidate(
        db,
        pilot=pilot,
        candidate=candidate,
        actor=access.actor,
        changes=body.model_dump(exclude_unset=True),
        now=clock.now(),
    )
    return with_etag(response, service.candidate_public(db, pilot, candidate))


@router.delete(
    "/pilots/{pilot_id}/candidates/{candidate_id}",
    operation_id="deleteCandidate",
    description="Stops considering the customer. `409` when it is the pilot's chosen customer: "
    "choose another first.",
    summary="Stop considering a customer",
    status_code=204,
    responses=WRITE,
)
def delete_candidate(
    candidate: CandidateForWrite,
    pilot: PilotForWrite,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
) -> Response:
    service.delete_candidate(
        db, pilot=pilot, candidate=candidate, actor=access.actor, now=clock.now()
    )
    return Response(status_code=204)
