"""Mail: the workspace's email log (admins) and the public one-click unsubscribe (RFC 8058)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from pilotboard.access import Public, WorkspaceAdmin, settings_of
from pilotboard.core.clock import ClockDep
from pilotboard.core.db import SessionDep
from pilotboard.core.errors import problems
from pilotboard.core.pagination import ListParamsDep
from pilotboard.mail import service
from pilotboard.mail.models import MailState
from pilotboard.mail.schemas import MailLogPage, UnsubscribeInfo

router = APIRouter(tags=["mail"])

Token = Annotated[
    str,
    Path(
        min_length=1,
        max_length=100,
        description="The token of the message's unsubscribe link.",
        examples=["k3Jx9mQ2vT8wZ1pL5nR7bY4cH6dF0gA2sE8uI1oP3qW"],
    ),
]

_WITHOUT_SMTP = (
    "Without `PILOTBOARD_SMTP_URL` nothing is sent: messages stay `queued` and this log shows "
    "what would go out."
)


@router.get(
    "/workspaces/{workspace_id}/mail",
    operation_id="listMail",
    summary="The email log (admins)",
    description="Every message the workspace queued, newest first, with its delivery state: "
    "`queued` (waiting, or between retries with backoff), `sent`, or `failed` (refused for "
    "good, or every retry failed), the attempts so far and the last error. " + _WITHOUT_SMTP,
    response_model=MailLogPage,
    responses=problems(401, 403, 404),
)
def list_mail(
    request: Request,
    access: WorkspaceAdmin,
    db: SessionDep,
    params: ListParamsDep,
    state: Annotated[MailState | None, Query(description="Only messages in this state.")] = None,
) -> MailLogPage:
    items, cursor = service.list_log(
        db, workspace_id=access.workspace_id, state=state, params=params
    )
    configured = settings_of(request).smtp_url is not None
    return MailLogPage(items=items, next_cursor=cursor, smtp_configured=configured)


@router.get(
    "/mail/unsubscribe/{token}",
    operation_id="describeUnsubscribe",
    summary="What an unsubscribe link stops (public)",
    description="For the page a person reaches from the link at the foot of a message: the "
    "workspace, the kind of mail and the (masked) address. Changes nothing. `404` for a token "
    "that is not known.",
    response_model=UnsubscribeInfo,
    responses=problems(404),
)
def describe_unsubscribe(token: Token, _public: Public, db: SessionDep) -> UnsubscribeInfo:
    return service.describe_unsubscribe(db, token=token)


@router.post(
    "/mail/unsubscribe/{token}",
    operation_id="unsubscribe",
    summary="One-click unsubscribe (public, RFC 8058)",
    description="The target of every message's `List-Unsubscribe` header, with "
    "`List-Unsubscribe-Post: List-Unsubscribe=One-Click`: a `POST` with no session and no CSRF "
    "token, by the mail provider (its form body `List-Unsubscribe=One-Click`, "
    "`application/x-www-form-urlencoded`, is accepted and not needed) or by the unsubscribe "
    "page. It stops that kind of mail to that address: for an account, its notification "
    "preferences (the digest sets `weekly_digest` false); for an address without an account, "
    "the workspace stops mailing it. Repeating it changes nothing more. `404` for a token "
    "that is not known.",
    response_model=UnsubscribeInfo,
    responses=problems(404, 415),
)
def unsubscribe(token: Token, _public: Public, db: SessionDep, clock: ClockDep) -> UnsubscribeInfo:
    return service.unsubscribe(db, token=token, now=clock.now())
