"""The departments involved: `…/pilots/{pilot_id}/involvements[/{involvement_id}]`."""

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
    AsOf,
    PilotForRead,
    PilotForWrite,
    PilotId,
    check_record_if_match,
    created,
    stamped,
    with_etag,
)
from pilotboard.pilots.involvements import service
from pilotboard.pilots.involvements.schemas import (
    InvolvementCreate,
    InvolvementPublic,
    InvolvementUpdate,
)
from pilotboard.pilots.models import Involvement

router = APIRouter(prefix="/workspaces/{workspace_id}", tags=["pilots"])

InvolvementId = Annotated[uuid.UUID, Path(description="The involvement's id.")]


def _involvement_for_write(
    pilot_id: PilotId,  # first: the path parameters keep their documented order
    involvement_id: InvolvementId,
    pilot: PilotForWrite,
    db: SessionDep,
    clock: ClockDep,
    if_match: IfMatch = None,
) -> tuple[Involvement, str]:
    """The involvement and its department's name."""
    involvement, name = service.get_involvement(db, pilot, involvement_id)
    check_record_if_match(
        if_match,
        involvement,
        lambda: service.involvement_public(involvement, name, clock.today()),
        what="involvement",
    )
    return involvement, name


InvolvementForWrite = Annotated[tuple[Involvement, str], Depends(_involvement_for_write)]


@router.get(
    "/pilots/{pilot_id}/involvements",
    operation_id="listInvolvements",
    description="The departments involved in the pilot with their stake and engagement "
    "(`invited`, `engaged`, `champion`, `declined`), their contact, and how long each has been "
    "silent: `last_check_in_on` and `silent_days`, counted as of `as_of` (default today).",
    summary="Departments involved and their engagement",
    response_model=Page[InvolvementPublic],
    responses=READ,
)
def list_involvements(
    pilot: PilotForRead,
    db: SessionDep,
    params: ListParamsDep,
    clock: ClockDep,
    as_of: AsOf = None,
) -> Page[InvolvementPublic]:
    involvements = service.involvement_publics(db, pilot, as_of or clock.today())
    items, cursor = page_in_memory(involvements, params, stamped)
    return Page[InvolvementPublic](items=items, next_cursor=cursor)


@router.post(
    "/pilots/{pilot_id}/involvements",
    operation_id="createInvolvement",
    description="Involves a department with its stake and contact; `invited_on` defaults to "
    "today and `engaged_on` is set when it engages. `409` when it is already involved; `422` "
    "naming `contact_email` when the address is malformed.",
    summary="Involve a department",
    status_code=201,
    response_model=InvolvementPublic,
    responses=problems(401, 403, 404, 409),
)
def create_involvement(
    pilot: PilotForWrite,
    body: InvolvementCreate,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    request: Request,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    now = clock.now()
    return created(
        db,
        request,
        access,
        idempotency_key,
        body,
        now,
        lambda: service.involvement_public(
            *service.add_involvement(
                db, pilot=pilot, actor=access.actor, data=body.model_dump(), now=now
            ),
            now.date(),
        ),
    )


@router.patch(
    "/pilots/{pilot_id}/involvements/{involvement_id}",
    operation_id="updateInvolvement",
    description="Changes the contact (its `contact_email` too: `null` stops the check-in "
    "requests), stake or engagement; moving to `engaged` or `champion` sets `engaged_on` to "
    "today unless given. `422` naming `contact_email` when the address is malformed.",
    summary="Update a department's engagement",
    response_model=InvolvementPublic,
    responses=WRITE,
)
def update_involvement(
    found: InvolvementForWrite,
    pilot: PilotForWrite,
    body: InvolvementUpdate,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    response: Response,
) -> InvolvementPublic:
    involvement, name = found
    now = clock.now()
    involvement = service.update_involvement(
        db,
        pilot=pilot,
        involvement=involvement,
        name=name,
        actor=access.actor,
        changes=body.model_dump(exclude_unset=True),
        now=now,
    )
    return with_etag(response, service.involvement_public(involvement, name, now.date()))


@router.delete(
    "/pilots/{pilot_id}/involvements/{involvement_id}",
    operation_id="deleteInvolvement",
    description="Removes the department from the pilot. `409` when the scale plan still names it.",
    summary="Remove a department from the pilot",
    status_code=204,
    responses=WRITE,
)
def delete_involvement(
    found: InvolvementForWrite,
    pilot: PilotForWrite,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
) -> Response:
    involvement, name = found
    service.delete_involvement(
        db, pilot=pilot, involvement=involvement, name=name, actor=access.actor, now=clock.now()
    )
    return Response(status_code=204)
