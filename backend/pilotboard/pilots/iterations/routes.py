"""The iteration log: `…/pilots/{pilot_id}/iterations[/{iteration_id}]`."""

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
from pilotboard.pilots.http import (
    READ,
    WRITE,
    PilotForRead,
    PilotForWrite,
    PilotId,
    check_record_if_match,
    created,
    with_etag,
)
from pilotboard.pilots.iterations import service
from pilotboard.pilots.iterations.schemas import IterationCreate, IterationPublic, IterationUpdate
from pilotboard.pilots.models import Iteration

router = APIRouter(prefix="/workspaces/{workspace_id}", tags=["pilots"])

IterationId = Annotated[uuid.UUID, Path(description="The iteration's id.")]


def _iteration_for_write(
    pilot_id: PilotId,  # first: the path parameters keep their documented order
    iteration_id: IterationId,
    pilot: PilotForWrite,
    db: SessionDep,
    if_match: IfMatch = None,
) -> Iteration:
    iteration = service.get_iteration(db, pilot, iteration_id)
    check_record_if_match(
        if_match,
        iteration,
        lambda: service.iteration_public(
            iteration,
            service.iteration_measurement_count(db, pilot, iteration),
            service.iteration_feedback(db, pilot, iteration),
        ),
        what="iteration",
    )
    return iteration


IterationForWrite = Annotated[Iteration, Depends(_iteration_for_write)]


@router.get(
    "/pilots/{pilot_id}/iterations",
    operation_id="listIterations",
    description="The iteration log in order (1, 2, …), each with how many measurements are tied "
    "to it and the customer's `feedback` about it (responses, mean `difference` and `effort`).",
    summary="The iteration log",
    response_model=Page[IterationPublic],
    responses=READ,
)
def list_iterations(
    pilot: PilotForRead, db: SessionDep, params: ListParamsDep
) -> Page[IterationPublic]:
    items, cursor = page_in_memory(
        service.iteration_publics(db, pilot), params, lambda i: (f"{i.number:09d}", i.id)
    )
    return Page[IterationPublic](items=items, next_cursor=cursor)


@router.post(
    "/pilots/{pilot_id}/iterations",
    operation_id="createIteration",
    summary="Log an iteration",
    status_code=201,
    response_model=IterationPublic,
    responses=problems(401, 403, 404),
)
def create_iteration(
    pilot: PilotForWrite,
    body: IterationCreate,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    request: Request,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Numbered 1, 2, … automatically. `change_order` 1 is the change itself; 2 and 3 are the
    changes it led to, driven by what the customer experienced. `customer_summary` is what the
    customer's feedback page shows of it (written for their eyes); responses given through
    feedback links from now on attach to this iteration."""
    now = clock.now()
    return created(
        db,
        request,
        access,
        idempotency_key,
        body,
        now,
        lambda: service.iteration_public(
            service.add_iteration(
                db, pilot=pilot, actor=access.actor, data=body.model_dump(), now=now
            )
        ),
    )


@router.patch(
    "/pilots/{pilot_id}/iterations/{iteration_id}",
    operation_id="updateIteration",
    description="Only the fields sent change; the number stays.",
    summary="Edit an iteration",
    response_model=IterationPublic,
    responses=WRITE,
)
def update_iteration(
    iteration: IterationForWrite,
    pilot: PilotForWrite,
    body: IterationUpdate,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    response: Response,
) -> IterationPublic:
    count = service.iteration_measurement_count(db, pilot, iteration)
    feedback = service.iteration_feedback(db, pilot, iteration)
    iteration = service.update_iteration(
        db,
        pilot=pilot,
        iteration=iteration,
        actor=access.actor,
        changes=body.model_dump(exclude_unset=True),
        now=clock.now(),
    )
    return with_etag(response, service.iteration_public(iteration, count, feedback))


@router.delete(
    "/pilots/{pilot_id}/iterations/{iteration_id}",
    operation_id="deleteIteration",
    description="Deletes the iteration; later ones are renumbered and measurements tied to it "
    "are kept, untied.",
    summary="Delete an iteration (later ones are renumbered)",
    status_code=204,
    responses=WRITE,
)
def delete_iteration(
    iteration: IterationForWrite,
    pilot: PilotForWrite,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
) -> Response:
    service.delete_iteration(
        db, pilot=pilot, iteration=iteration, actor=access.actor, now=clock.now()
    )
    return Response(status_code=204)
