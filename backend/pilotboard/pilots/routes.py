"""A pilot itself: `/api/v1/workspaces/{workspace_id}/pilots[/{pilot_id}]`.

Its stage changes live in ``lifecycle/routes.py``; each kind of record has its own package.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from pilotboard.access import WorkspaceRead, WorkspaceWrite
from pilotboard.core.clock import ClockDep
from pilotboard.core.db import SessionDep, run_db
from pilotboard.core.errors import problems
from pilotboard.core.idempotency import IdempotencyKey, idempotent
from pilotboard.core.pagination import ListParamsDep, Page
from pilotboard.pilots import service
from pilotboard.pilots.filters import FiltersDep
from pilotboard.pilots.health.rules import rules_markdown
from pilotboard.pilots.http import (
    READ,
    WRITE,
    AsOf,
    PilotForRead,
    PilotIfMatch,
    caller,
    pilot_etag,
)
from pilotboard.pilots.read import read_pilot
from pilotboard.pilots.schemas import PilotCreate, PilotPublic, PilotUpdate

router = APIRouter(prefix="/workspaces/{workspace_id}", tags=["pilots"])

Sort = Literal[
    "created_at", "-created_at", "updated_at", "-updated_at", "title", "-title",
    "stage_entered_at", "-stage_entered_at",
]  # fmt: skip


@router.get(
    "/pilots",
    operation_id="listPilots",
    summary="Pilots of the workspace, with health",
    response_model=Page[PilotPublic],
    responses=READ,
    description="Filters combine with AND. Health is evaluated as of `as_of` (default today)."
    "\n\n" + rules_markdown(),
)
def list_pilots(
    access: WorkspaceRead,
    db: SessionDep,
    clock: ClockDep,
    params: ListParamsDep,
    filters: FiltersDep,
    sort: Annotated[Sort, Query(description="Order; `-` for descending.")] = "-created_at",
    as_of: AsOf = None,
) -> Page[PilotPublic]:
    today = clock.today()
    items, cursor = service.list_pilots(
        db,
        workspace_id=access.workspace_id,
        params=params,
        as_of=as_of or today,
        today=today,
        sort=sort,
        filters=filters,
    )
    return Page[PilotPublic](items=items, next_cursor=cursor)


@router.post(
    "/pilots",
    operation_id="createPilot",
    summary="Propose a pilot",
    status_code=status.HTTP_201_CREATED,
    response_model=PilotPublic,
    responses=problems(401, 403, 404),
)
def create_pilot(
    body: PilotCreate,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    request: Request,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Starts in `proposed`, owned by you unless `owner_id` says otherwise."""
    now = clock.now()

    def create() -> tuple[BaseModel, dict[str, str]]:
        pilot = service.create_pilot(
            db,
            workspace_id=access.workspace_id,
            actor=access.actor,
            user_id=access.user.id,
            data=body.model_dump(),
            now=now,
        )
        return read_pilot(db, pilot, now.date()), {"ETag": pilot_etag(pilot)}

    return idempotent(
        db,
        request=request,
        key=idempotency_key,
        caller=caller(access),
        body=body,
        now=now,
        status_code=201,
        create=create,
    )


@router.get(
    "/pilots/{pilot_id}",
    operation_id="getPilot",
    description="One pilot with its health evaluated as of `as_of` (default today), and an "
    "`ETag` to send back as `If-Match` when changing it.",
    summary="One pilot, with health",
    response_model=PilotPublic,
    responses=READ,
)
async def get_pilot(
    pilot: PilotForRead,
    db: SessionDep,
    clock: ClockDep,
    response: Response,
    as_of: AsOf = None,
) -> PilotPublic:
    # The API's most frequent read, and a short one (a few queries by key): like the pilot's own
    # loading, it runs inline on SQLite and in one trip to the pool on PostgreSQL (`run_db`), and
    # being `async`, its response is checked and written on the loop, not in a second trip.
    response.headers["ETag"] = pilot_etag(pilot)
    return await run_db(db, read_pilot, db, pilot, as_of or clock.today())


@router.patch(
    "/pilots/{pilot_id}",
    operation_id="updatePilot",
    summary="Change a pilot (choosing the customer derives the risk)",
    response_model=PilotPublic,
    responses=WRITE,
)
def update_pilot(
    pilot: PilotIfMatch,
    body: PilotUpdate,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    response: Response,
) -> PilotPublic:
    """`customer_id` must be one of the pilot's candidates; the risk level is then derived from
    its score (premier → high; ≥ 70 → low; ≥ 40 → medium; else high) unless an explicit
    `risk_level` comes with a `risk_rationale`. `stage` changes only through transitions."""
    now = clock.now()
    pilot = service.update_pilot(
        db, pilot=pilot, actor=access.actor, changes=body.model_dump(exclude_unset=True), now=now
    )
    response.headers["ETag"] = pilot_etag(pilot)
    return read_pilot(db, pilot, now.date())


@router.delete(
    "/pilots/{pilot_id}",
    operation_id="deletePilot",
    description="Deletes the pilot with every record (candidates, involvements, iterations, "
    "metrics, decisions, scale plan). The activity log keeps its history. Honours `If-Match`.",
    summary="Delete a pilot and its records (the activity log keeps the history)",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=WRITE,
)
def delete_pilot(
    pilot: PilotIfMatch, access: WorkspaceWrite, db: SessionDep, clock: ClockDep
) -> Response:
    service.delete_pilot(db, pilot=pilot, actor=access.actor, now=clock.now())
    return Response(status_code=204)
