"""Invitations: the admins' `/workspaces/{ws}/invitations`, and the public link's
`/invitations/{token}` (open to anyone holding the token)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Request, Response, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from pilotboard.access import MaybeBrowserUser, MembersAdmin, request_actor
from pilotboard.accounts.routes import open_browser_session
from pilotboard.accounts.schemas import LoginResponse
from pilotboard.accounts.service import end_session
from pilotboard.core.clock import ClockDep
from pilotboard.core.db import SessionDep
from pilotboard.core.errors import problems
from pilotboard.core.etag import IfMatch, check_if_match, etag_of
from pilotboard.core.idempotency import IdempotencyKey, idempotent
from pilotboard.core.pagination import ListParamsDep, Page
from pilotboard.invitations import service
from pilotboard.invitations.schemas import (
    InvitationAccept,
    InvitationCreate,
    InvitationPreview,
    InvitationPublic,
)

router = APIRouter(tags=["invitations"])

InvitationId = Annotated[uuid.UUID, Path(description="The invitation's id.")]
Token = Annotated[str, Path(max_length=200, description="The token from the invitation's link.")]


@router.get(
    "/workspaces/{workspace_id}/invitations",
    operation_id="listInvitations",
    summary="Pending invitations (admins)",
    response_model=Page[InvitationPublic],
    responses=problems(401, 403, 404),
)
def list_invitations(
    access: MembersAdmin, db: SessionDep, params: ListParamsDep
) -> Page[InvitationPublic]:
    """Invitations not yet accepted or revoked, newest first; an `expires_at` in the past
    means the link expired (resend it). Browser sessions only."""
    items, cursor = service.list_pending(db, workspace_id=access.workspace_id, params=params)
    return Page[InvitationPublic](items=items, next_cursor=cursor)


@router.post(
    "/workspaces/{workspace_id}/invitations",
    operation_id="createInvitation",
    summary="Invite someone by email (admins)",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=InvitationPublic,
    responses=problems(401, 403, 404, 409),
)
def create_invitation(
    body: InvitationCreate,
    access: MembersAdmin,
    db: SessionDep,
    clock: ClockDep,
    request: Request,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Emails a link valid 7 days and usable once. The answer is the same whether or not the
    address has an account here. Inviting an address again replaces its pending invitation;
    `409` when it is already a member. Browser sessions only."""
    now = clock.now()

    def create() -> tuple[BaseModel, dict[str, str]]:
        created = service.invite(
            db,
            workspace=access.workspace,
            inviter=access.user,
            actor=access.actor,
            email=body.email,
            role=body.role,
            now=now,
        )
        return created, {"ETag": etag_of(created)}

    return idempotent(
        db,
        request=request,
        key=idempotency_key,
        caller=access.user.id,
        body=body,
        now=now,
        status_code=status.HTTP_202_ACCEPTED,
        create=create,
    )


@router.post(
    "/workspaces/{workspace_id}/invitations/{invitation_id}/resend",
    operation_id="resendInvitation",
    summary="Send an invitation again with a new link (admins)",
    response_model=InvitationPublic,
    responses=problems(401, 403, 404),
)
def resend_invitation(
    invitation_id: InvitationId,
    access: MembersAdmin,
    db: SessionDep,
    clock: ClockDep,
    request: Request,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """A new link, valid 7 days from now; the previous link stops working. `404` when the
    invitation was accepted or revoked. Browser sessions only."""
    now = clock.now()

    def create() -> tuple[BaseModel, dict[str, str]]:
        invitation = service.get_invitation(
            db, workspace_id=access.workspace_id, invitation_id=invitation_id
        )
        sent = service.resend(
            db,
            invitation=invitation,
            workspace=access.workspace,
            inviter=access.user,
            actor=access.actor,
            now=now,
        )
        return sent, {"ETag": etag_of(sent)}

    return idempotent(
        db,
        request=request,
        key=idempotency_key,
        caller=access.user.id,
        body=None,
        now=now,
        status_code=status.HTTP_200_OK,
        create=create,
    )


@router.delete(
    "/workspaces/{workspace_id}/invitations/{invitation_id}",
    operation_id="revokeInvitation",
    summary="Revoke an invitation (admins)",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(401, 403, 404, 412),
)
def revoke_invitation(
    invitation_id: InvitationId,
    access: MembersAdmin,
    db: SessionDep,
    clock: ClockDep,
    if_match: IfMatch = None,
) -> Response:
    """Its link stops working at once. `404` when it was already accepted or revoked. Honours
    `If-Match` (the ETag of the invitation as listed). Browser sessions only."""
    invitation = service.get_invitation(
        db, workspace_id=access.workspace_id, invitation_id=invitation_id
    )
    check_if_match(if_match, service.invitation_public(invitation), what="invitation")
    service.revoke(db, invitation=invitation, actor=access.actor, now=clock.now())
    return Response(status_code=204)


@router.get(
    "/invitations/{token}",
    operation_id="getInvitation",
    summary="What an invitation link offers (public, with the token)",
    response_model=InvitationPreview,
    responses=problems(404),
)
def get_invitation(
    token: Token, db: SessionDep, clock: ClockDep, _signed_in: MaybeBrowserUser
) -> InvitationPreview:
    """The workspace, the role, who invited and the address. `404` when the link was used,
    revoked or has expired."""
    return service.preview(db, token=token, now=clock.now())


@router.post(
    "/invitations/{token}/accept",
    operation_id="acceptInvitation",
    summary="Accept an invitation and sign in (public, with the token)",
    response_model=LoginResponse,
    responses=problems(401, 403, 404, 409),
)
def accept_invitation(
    token: Token,
    body: InvitationAccept,
    signed_in: MaybeBrowserUser,
    request: Request,
    response: Response,
    db: SessionDep,
    clock: ClockDep,
) -> LoginResponse:
    """With `{name, password}`: creates the account of the invited address (the password rules
    of `create-user`) and joins. With an empty body: joins as the signed-in user, who must have
    the invited address (`401` when nobody is signed in, `403` for another user; send the
    session's `X-CSRF-Token`). Answers like `POST /auth/login` and starts a session. `404`
    when the link was used, revoked or has expired; `409` for a new account when the address
    already has one."""
    now = clock.now()
    user = service.accept(
        db,
        token=token,
        signed_in=signed_in.user if signed_in is not None else None,
        name=body.name,
        password=body.password,
        actor=request_actor(request),
        now=now,
    )
    if signed_in is not None and signed_in.browser_session is not None:
        # A fresh session for the person who joined (the one they came with ends).
        end_session(db, browser_session=signed_in.browser_session, now=now)
    return open_browser_session(db, request=request, response=response, user=user, now=now)
