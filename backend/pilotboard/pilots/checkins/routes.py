"""Department check-ins: the team's `…/pilots/{pilot_id}/involvements/{involvement_id}/check-ins`
and the public `/check-ins/{token}` (anyone holding the token of an emailed request)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from pilotboard.access import Public, WorkspaceWrite, request_actor
from pilotboard.core.clock import ClockDep
from pilotboard.core.db import SessionDep
from pilotboard.core.errors import problems
from pilotboard.core.idempotency import IdempotencyKey, idempotent
from pilotboard.core.pagination import ListParamsDep, Page
from pilotboard.core.ratelimit import PublicRateLimit
from pilotboard.pilots.checkins import service
from pilotboard.pilots.checkins.schemas import CheckInPage, CheckInPublic, CheckInSubmit
from pilotboard.pilots.http import READ, PilotForRead, PilotForWrite, PilotId, caller
from pilotboard.pilots.involvements.service import get_involvement

router = APIRouter(tags=["check-ins"])

CHECK_INS = "/workspaces/{workspace_id}/pilots/{pilot_id}/involvements/{involvement_id}/check-ins"
InvolvementId = Annotated[uuid.UUID, Path(description="The involvement's id.")]
Token = Annotated[
    str,
    Path(
        description="The token of the check-in request (the last part of the emailed link). "
        "Unknown, expired or longer than 200 characters: `404`.",
        examples=["Zr4Vb8Nc1Df6Gh3Jk5x7Qp2Lm9aW0eR2tY4uI6oP8sD"],
    ),
]
_LIMITS = (
    "At most 300 requests per address per hour on the public pages, else `429` with `Retry-After`."
)


@router.get(
    CHECK_INS,
    operation_id="listCheckIns",
    summary="A department's check-ins on a pilot",
    description="The check-ins of the department's involvement, **newest first**: through the "
    "emailed link (`source` `email`) or recorded in the app (`app`, with who recorded it). "
    "`404` when the pilot has no such involvement.",
    response_model=Page[CheckInPublic],
    responses=READ,
)
def list_check_ins(
    pilot_id: PilotId,  # first: the path parameters keep their documented order
    involvement_id: InvolvementId,
    pilot: PilotForRead,
    db: SessionDep,
    params: ListParamsDep,
) -> Page[CheckInPublic]:
    return service.list_check_ins(db, pilot=pilot, involvement_id=involvement_id, params=params)


@router.post(
    CHECK_INS,
    operation_id="createCheckIn",
    summary="Record a department's check-in (editors and admins)",
    description="Records what the department's contact said (in a meeting, on the phone), "
    "exactly as if they had answered the emailed link: the involvement's `last_check_in_on` "
    "becomes today, the check-in is in the pilot's activity, the webhook event "
    "`check_in.received` is emitted and the pilot's owner is notified (`check_in_received`). "
    "Honours `Idempotency-Key`. `404` when the pilot has no such involvement.",
    status_code=201,
    response_model=CheckInPublic,
    responses=problems(401, 403, 404),
)
def create_check_in(
    pilot_id: PilotId,
    involvement_id: InvolvementId,
    pilot: PilotForWrite,
    body: CheckInSubmit,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    request: Request,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    now = clock.now()
    involvement, name = get_involvement(db, pilot, involvement_id)

    def create() -> tuple[BaseModel, dict[str, str]]:
        public = service.record_check_in(
            db,
            pilot=pilot,
            involvement=involvement,
            department_name=name,
            request=None,
            recorder=access.user,
            body=body,
            actor=access.actor,
            now=now,
        )
        return public, {}

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


# --- the public page -------------------------------------------------------------------------


@router.get(
    "/check-ins/{token}",
    operation_id="getCheckInPage",
    summary="What a check-in request asks about (public, with the token)",
    description="The workspace, the pilot's title, the department asked with its contact and "
    "stake, and the pilot's latest iteration with what changed in it; nothing else of the "
    "pilot. A request's link works for 60 days. `404`, always with the same answer, for a "
    "token that is unknown or expired. " + _LIMITS,
    response_model=CheckInPage,
    responses=problems(404, 429),
)
def get_check_in_page(
    _limit: PublicRateLimit, token: Token, _public: Public, db: SessionDep, clock: ClockDep
) -> CheckInPage:
    return service.describe(db, token=token, now=clock.now())


@router.post(
    "/check-ins/{token}",
    operation_id="submitCheckIn",
    summary="Answer a check-in request (public, with the token)",
    description="Records the department's check-in: `benefit` and `still_committed` are "
    "required, the texts optional. At most 20 answers per link per UTC day (then `429` with "
    "`Retry-After`: the seconds to the next UTC midnight). Honours `Idempotency-Key`, so a "
    "retry records nothing twice. `404`, always with the same answer, for a token that is "
    "unknown or expired. " + _LIMITS,
    status_code=201,
    response_model=CheckInPublic,
    responses=problems(404, 429),
)
def submit_check_in(
    _limit: PublicRateLimit,
    token: Token,
    body: CheckInSubmit,
    _public: Public,
    db: SessionDep,
    clock: ClockDep,
    request: Request,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    now = clock.now()
    link = service.find_link(db, token=token, now=now, for_update=True)

    def create() -> tuple[BaseModel, dict[str, str]]:
        public = service.answer(db, link=link, body=body, actor=request_actor(request), now=now)
        return public, {}

    return idempotent(
        db,
        request=request,
        key=idempotency_key,
        caller=link.request.id,
        body=body,
        now=now,
        status_code=201,
        create=create,
    )
