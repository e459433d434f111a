"""Comments on a pilot: `…/pilots/{pilot_id}/comments[/{comment_id}]`."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, Response
from fastapi.responses import JSONResponse

from pilotboard.access import WorkspaceComment
from pilotboard.core.clock import ClockDep
from pilotboard.core.db import SessionDep
from pilotboard.core.errors import problems
from pilotboard.core.etag import IfMatch
from pilotboard.core.idempotency import IdempotencyKey
from pilotboard.core.pagination import ListParamsDep, Page
from pilotboard.pilots.comments import service
from pilotboard.pilots.comments.models import Comment
from pilotboard.pilots.comments.schemas import CommentCreate, CommentPublic, CommentUpdate
from pilotboard.pilots.http import (
    READ,
    WRITE,
    PilotForRead,
    PilotId,
    check_record_if_match,
    created,
    with_etag,
)
from pilotboard.pilots.models import Pilot
from pilotboard.pilots.service import get_pilot
from pilotboard.workspaces.models import Role

router = APIRouter(prefix="/workspaces/{workspace_id}", tags=["pilots"])

CommentId = Annotated[uuid.UUID, Path(description="The comment's id.")]


def _pilot_for_comment(pilot_id: PilotId, access: WorkspaceComment, db: SessionDep) -> Pilot:
    # Not locked: a comment changes nothing of its pilot (nor the pilot's version).
    return get_pilot(db, workspace_id=access.workspace_id, pilot_id=pilot_id)


PilotForComment = Annotated[Pilot, Depends(_pilot_for_comment)]


def _comment_for_write(
    pilot_id: PilotId,  # first: the path parameters keep their documented order
    comment_id: CommentId,
    pilot: PilotForComment,
    db: SessionDep,
    if_match: IfMatch = None,
) -> Comment:
    comment = service.get_comment(db, pilot, comment_id)
    check_record_if_match(
        if_match,
        comment,
        lambda: service.comment_public(comment, service.author_name(db, comment)),
        what="comment",
    )
    return comment


CommentForWrite = Annotated[Comment, Depends(_comment_for_write)]


@router.get(
    "/pilots/{pilot_id}/comments",
    operation_id="listComments",
    description="The pilot's comments, **newest first** (as the pilot's activity is listed), "
    "each with its Markdown `body`, the sanitised `body_html`, the author, the members it "
    "mentions and `edited_at` (set once the author edited it).",
    summary="Comments on a pilot",
    response_model=Page[CommentPublic],
    responses=READ,
)
def list_comments(
    pilot: PilotForRead, db: SessionDep, params: ListParamsDep
) -> Page[CommentPublic]:
    return service.list_comments(db, pilot, params)


@router.post(
    "/pilots/{pilot_id}/comments",
    operation_id="createComment",
    summary="Comment on a pilot (editors, executives and admins)",
    status_code=201,
    response_model=CommentPublic,
    responses=problems(401, 403, 404),
)
def create_comment(
    pilot: PilotForComment,
    body: CommentCreate,
    access: WorkspaceComment,
    db: SessionDep,
    clock: ClockDep,
    request: Request,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """`body` is Markdown (at most 10,000 characters; empty → 422); raw HTML in it is shown
    as text. Every id in `mentions` must be an active member of the workspace, else 422
    naming `mentions` and nothing is stored. The members mentioned are notified
    (`mentioned`); the pilot's owner and those who commented on it before are notified
    (`commented`), except the author and those told they were mentioned. Emits the webhook
    event `comment.created`."""
    now = clock.now()
    return created(
        db,
        request,
        access,
        idempotency_key,
        body,
        now,
        lambda: service.comment_public(
            service.add_comment(
                db,
                pilot=pilot,
                actor=access.actor,
                author=access.user,
                body=body.body,
                mentions=body.mentions,
                now=now,
            ),
            access.user.name,
        ),
    )


@router.patch(
    "/pilots/{pilot_id}/comments/{comment_id}",
    operation_id="updateComment",
    summary="Edit a comment (its author)",
    response_model=CommentPublic,
    responses=WRITE,
)
def update_comment(
    comment: CommentForWrite,
    pilot: PilotForComment,
    body: CommentUpdate,
    access: WorkspaceComment,
    db: SessionDep,
    clock: ClockDep,
    response: Response,
) -> CommentPublic:
    """Only the fields sent change; `edited_at` is set when something did. Members added to
    `mentions` are notified (`mentioned`). Only the author edits (others → 403). Honours
    `If-Match` (the comment's ETag)."""
    comment = service.update_comment(
        db,
        pilot=pilot,
        comment=comment,
        actor=access.actor,
        author=access.user,
        changes=body.model_dump(exclude_unset=True),
        now=clock.now(),
    )
    return with_etag(response, service.comment_public(comment, access.user.name))


@router.delete(
    "/pilots/{pilot_id}/comments/{comment_id}",
    operation_id="deleteComment",
    description="Deletes the comment; the pilot's activity log keeps what it said. Its author "
    "or an admin may delete it (others → 403). Honours `If-Match` (the comment's ETag).",
    summary="Delete a comment (its author or an admin)",
    status_code=204,
    responses=WRITE,
)
def delete_comment(
    comment: CommentForWrite,
    pilot: PilotForComment,
    access: WorkspaceComment,
    db: SessionDep,
    clock: ClockDep,
) -> Response:
    service.delete_comment(
        db,
        pilot=pilot,
        comment=comment,
        actor=access.actor,
        user_id=access.user.id,
        is_admin=access.role == Role.admin,
        now=clock.now(),
    )
    return Response(status_code=204)
