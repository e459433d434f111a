"""The customer's voice: the team's `…/pilots/{pilot_id}/feedback-links[/{link_id}]` and
`…/pilots/{pilot_id}/feedback`, and the public `/feedback/{token}` (anyone holding the token)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from pilotboard.access import Public, WorkspaceWrite, request_actor
from pilotboard.core.clock import ClockDep
from pilotboard.core.db import SessionDep
from pilotboard.core.errors import problems
from pilotboard.core.etag import IfMatch
from pilotboard.core.idempotency import IdempotencyKey, idempotent
from pilotboard.core.pagination import ListParamsDep, Page
from pilotboard.core.ratelimit import PublicRateLimit
from pilotboard.pilots.feedback import service
from pilotboard.pilots.feedback.models import FeedbackLink
from pilotboard.pilots.feedback.schemas import (
    FeedbackLinkCreate,
    FeedbackLinkCreated,
    FeedbackLinkPublic,
    FeedbackPage,
    FeedbackReceipt,
    FeedbackResponsePublic,
    FeedbackSubmit,
)
from pilotboard.pilots.http import (
    READ,
    PilotForRead,
    PilotId,
    check_record_if_match,
    created,
)
from pilotboard.pilots.models import Pilot
from pilotboard.pilots.service import get_pilot

router = APIRouter(tags=["feedback"])

WS = "/workspaces/{workspace_id}"
LinkId = Annotated[uuid.UUID, Path(description="The feedback link's id.")]
Token = Annotated[
    str,
    Path(
        # No length limit here: any token that opens nothing, a too long one included, gets
        # the same 404 (service.link_by_token).
        description="The token of the feedback link (the last part of its URL).",
        examples=["q7Vd0fK2mR9sT4wX1yZ3aB5cD8eF6gH0iJ2kL4mN6oP"],
    ),
]
IterationFilter = Annotated[
    uuid.UUID | None,
    Query(description="Only the responses about this iteration."),
]


def _pilot_for_links(pilot_id: PilotId, access: WorkspaceWrite, db: SessionDep) -> Pilot:
    # Not locked: a link changes nothing of its pilot (nor the pilot's version).
    return get_pilot(db, workspace_id=access.workspace_id, pilot_id=pilot_id)


PilotForLinks = Annotated[Pilot, Depends(_pilot_for_links)]


def _link_for_write(
    pilot_id: PilotId,  # first: the path parameters keep their documented order
    link_id: LinkId,
    pilot: PilotForLinks,
    db: SessionDep,
    clock: ClockDep,
    if_match: IfMatch = None,
) -> FeedbackLink:
    link = service.get_link(db, pilot, link_id)

    def current() -> FeedbackLinkPublic:
        responses, last = service.link_counts(db, link)
        return service.link_public(
            link, today=clock.today(), responses=responses, last_response_at=last
        )

    check_record_if_match(if_match, link, current, what="feedback link")
    return link


LinkForWrite = Annotated[FeedbackLink, Depends(_link_for_write)]


# --- the team's side ---------------------------------------------------------------------------


@router.get(
    WS + "/pilots/{pilot_id}/feedback-links",
    operation_id="listFeedbackLinks",
    summary="The pilot's feedback links (editors and admins)",
    description="Newest first, each with its `state` (`active`, `expired`, `revoked`), how many "
    "responses came through it and when the latest came. Tokens are never shown again.",
    response_model=Page[FeedbackLinkPublic],
    responses=problems(401, 403, 404),
)
def list_feedback_links(
    pilot: PilotForLinks, db: SessionDep, clock: ClockDep, params: ListParamsDep
) -> Page[FeedbackLinkPublic]:
    return service.list_links(db, pilot, params, today=clock.today())


@router.post(
    WS + "/pilots/{pilot_id}/feedback-links",
    operation_id="createFeedbackLink",
    summary="Make a feedback link for a contact at the testbed customer (editors and admins)",
    status_code=201,
    response_model=FeedbackLinkCreated,
    responses=problems(401, 403, 404, 409),
)
def create_feedback_link(
    pilot: PilotForLinks,
    body: FeedbackLinkCreate,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    request: Request,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Answers with the link's `token` and `url` (`PILOTBOARD_PUBLIC_URL/feedback/{token}`),
    shown this once; with `contact_email`, the link is also emailed to the contact. Anyone
    holding the link can answer, without an account, until `expires_on` (UTC, inclusive) or
    until it is revoked. `409` (`no-customer`) while the pilot has no testbed customer, `409`
    (`pilot-closed`) for a stopped pilot; `422` naming `expires_on` for a date in the past, or
    `contact_email` for a malformed address."""
    now = clock.now()
    return created(
        db,
        request,
        access,
        idempotency_key,
        body,
        now,
        lambda: service.create_link(
            db,
            pilot=pilot,
            actor=access.actor,
            creator=access.user,
            contact_name=body.contact_name,
            contact_email=body.contact_email,
            expires_on=body.expires_on,
            now=now,
        ),
    )


@router.delete(
    WS + "/pilots/{pilot_id}/feedback-links/{link_id}",
    operation_id="revokeFeedbackLink",
    summary="Revoke a feedback link (editors and admins)",
    description="The link stops working at once (its page answers `404`); the responses given "
    "through it stay. `404` when it was already revoked. Honours `If-Match` (the link's ETag, "
    "as answered when it was made).",
    status_code=204,
    responses=problems(401, 403, 404, 412),
)
def revoke_feedback_link(
    link: LinkForWrite,
    pilot: PilotForLinks,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
) -> Response:
    service.revoke_link(db, pilot=pilot, link=link, actor=access.actor, now=clock.now())
    return Response(status_code=204)


@router.get(
    WS + "/pilots/{pilot_id}/feedback",
    operation_id="listFeedback",
    summary="The customer's responses about a pilot",
    description="Newest first, each with the iteration it is about (the pilot's latest when it "
    "came) and the link it came through. Every member may read them. Filter by `iteration_id`.",
    response_model=Page[FeedbackResponsePublic],
    responses=READ,
)
def list_feedback(
    pilot: PilotForRead,
    db: SessionDep,
    params: ListParamsDep,
    iteration_id: IterationFilter = None,
) -> Page[FeedbackResponsePublic]:
    return service.list_responses(db, pilot, params, iteration_id=iteration_id)


# --- the public page ---------------------------------------------------------------------------


@router.get(
    "/feedback/{token}",
    operation_id="getFeedbackPage",
    summary="What a feedback link asks about (public, with the token)",
    description="The workspace, the pilot's title, the testbed customer, the contact the link "
    "was made for and the pilot's latest iteration with the summary written for the customer; "
    "nothing else of the pilot. `404`, always with the same answer, for a token that is unknown, "
    "expired or revoked. At most 300 requests per address per hour on the public pages, else "
    "`429` with `Retry-After`.",
    response_model=FeedbackPage,
    responses=problems(404, 429),
)
def get_feedback_page(
    _limit: PublicRateLimit, token: Token, _public: Public, db: SessionDep, clock: ClockDep
) -> FeedbackPage:
    return service.feedback_page(db, token=token, today=clock.today())


@router.post(
    "/feedback/{token}",
    operation_id="submitFeedback",
    summary="Answer a feedback link (public, with the token)",
    description="Records an answer about the pilot's latest iteration: `difference` and "
    "`effort` (1 to 5) are required, the texts optional. Several people may answer through one "
    "link, at most 20 times per link per UTC day (then `429` with `Retry-After`: the seconds to "
    "the next UTC midnight); the public pages also allow 300 requests per address per hour. "
    "Honours `Idempotency-Key`, so a retry records nothing twice. `404`, always with the same "
    "answer, for a token that is unknown, expired or revoked.",
    status_code=201,
    response_model=FeedbackReceipt,
    responses=problems(404, 429),
)
def submit_feedback(
    _limit: PublicRateLimit,
    token: Token,
    body: FeedbackSubmit,
    _public: Public,
    db: SessionDep,
    clock: ClockDep,
    request: Request,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    now = clock.now()
    link = service.link_by_token(db, token=token, today=now.date(), for_update=True)

    def create() -> tuple[BaseModel, dict[str, str]]:
        receipt = service.submit(db, link=link, body=body, actor=request_actor(request), now=now)
        return receipt, {}

    return idempotent(
        db,
        request=request,
        key=idempotency_key,
        caller=link.id,
        body=body,
        now=now,
        status_code=201,
        create=create,
    )
