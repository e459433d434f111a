"""What every pilot route shares: the pilot loaded for reading or writing, If-Match checks,
ETags and idempotent creation.

A write route declares ``pilot: PilotForWrite`` (or ``PilotForDecide``): the pilot is found in
the caller's workspace (404 otherwise) and locked for the transaction. ``PilotIfMatch`` also
checks the request's `If-Match` against the pilot; a record's route loads its record through
its package's ``…ForWrite`` dependency, which checks the record's `If-Match`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlmodel import Session

from pilotboard.access import (
    WorkspaceContext,
    WorkspaceDecide,
    WorkspaceId,
    WorkspaceWrite,
    requires,
    workspace_access,
)
from pilotboard.accounts.service import Subject
from pilotboard.core.clock import ClockDep
from pilotboard.core.db import SessionDep, run_db
from pilotboard.core.errors import NotFound, problems
from pilotboard.core.etag import IfMatch, check_if_match, set_etag, version_etag
from pilotboard.core.idempotency import idempotent
from pilotboard.pilots.models import Pilot
from pilotboard.pilots.read import read_pilot
from pilotboard.pilots.schemas import Stamped
from pilotboard.pilots.service import get_pilot

PilotId = Annotated[uuid.UUID, Path(description="The pilot's id.")]
AsOf = Annotated[
    date | None,
    Query(description="Evaluate health and day counts as of this date (default: today)."),
]

READ = problems(401, 404)
WRITE = problems(401, 403, 404, 409, 412)


def caller(access: WorkspaceContext) -> uuid.UUID:
    token = access.principal.token
    return token.id if token else access.user.id


# ETags are versions, not hashes of the read shape: a pilot's tag is its id and `updated_at`
# (every change to the pilot or to one of its records moves it), and so is each record's. The
# derived fields (health, departments, a candidate's total or `is_chosen`, an iteration's
# measurement count …) change without anyone editing the object; they never make a tag stale.


def pilot_etag(pilot: Pilot) -> str:
    return version_etag(pilot.id, pilot.updated_at)


def record_etag(record: Any) -> str:
    return version_etag(record.id, record.updated_at)


# --- the pilot, loaded ---------------------------------------------------------------------


@requires("read")
async def _pilot_for_read(
    workspace_id: WorkspaceId, pilot_id: PilotId, request: Request, db: SessionDep, clock: ClockDep
) -> Pilot:
    """The pilot a read route shows, found with the caller's access in one statement
    (`workspace_access`): one dependency, one call of `run_db` (one trip to the pool on
    PostgreSQL) and one statement, where a separate ``WorkspaceRead`` takes two of each. No
    read route needs the access context itself."""
    return await run_db(db, _readable_pilot, request, db, workspace_id, pilot_id, clock.now())


def _readable_pilot(
    request: Request, db: Session, workspace_id: uuid.UUID, pilot_id: uuid.UUID, now: datetime
) -> Pilot:
    access = workspace_access(
        request, db, workspace_id, "read", now, subject=Subject(Pilot, pilot_id)
    )
    if access.subject is None:
        raise NotFound("No pilot with this id.")
    pilot: Pilot = access.subject
    return pilot


async def _pilot_for_write(pilot_id: PilotId, access: WorkspaceWrite, db: SessionDep) -> Pilot:
    return await run_db(
        db, get_pilot, db, workspace_id=access.workspace_id, pilot_id=pilot_id, for_update=True
    )


async def _pilot_for_decide(pilot_id: PilotId, access: WorkspaceDecide, db: SessionDep) -> Pilot:
    return await run_db(
        db, get_pilot, db, workspace_id=access.workspace_id, pilot_id=pilot_id, for_update=True
    )


async def _pilot_if_match(
    pilot: Annotated[Pilot, Depends(_pilot_for_write)],
    db: SessionDep,
    clock: ClockDep,
    if_match: IfMatch = None,
) -> Pilot:
    await run_db(
        db,
        check_if_match,
        if_match,
        lambda: read_pilot(db, pilot, clock.today()),
        what="pilot",
        etag=pilot_etag(pilot),
    )
    return pilot


PilotForRead = Annotated[Pilot, Depends(_pilot_for_read)]
PilotForWrite = Annotated[Pilot, Depends(_pilot_for_write)]
PilotForDecide = Annotated[Pilot, Depends(_pilot_for_decide)]
PilotIfMatch = Annotated[Pilot, Depends(_pilot_if_match)]


# --- records -------------------------------------------------------------------------------


def check_record_if_match(
    if_match: str | None, record: Any, current: Callable[[], BaseModel], *, what: str
) -> None:
    """``record`` is the stored row (a candidate, involvement, iteration or metric)."""
    check_if_match(if_match, current, what=what, etag=record_etag(record))


def stamped(item: Any) -> tuple[Any, Any]:
    """The paging key of records listed in creation order."""
    return (item.created_at, item.id)


StampedT = TypeVar("StampedT", bound=Stamped)


def with_etag(response: Response, model: StampedT) -> StampedT:
    set_etag(response, model, etag=record_etag(model))
    return model


def created(
    db: SessionDep,
    request: Request,
    access: WorkspaceContext,
    key: str | None,
    body: BaseModel,
    now: Any,
    make: Callable[[], Stamped],
) -> JSONResponse:
    """201 with the record ``make`` creates and its ETag, once per `Idempotency-Key`."""

    def create() -> tuple[BaseModel, dict[str, str]]:
        model = make()
        return model, {"ETag": record_etag(model)}

    return idempotent(
        db,
        request=request,
        key=key,
        caller=caller(access),
        body=body,
        now=now,
        status_code=201,
        create=create,
    )
