"""Webhooks: `/api/v1/workspaces/{workspace_id}/webhooks/…` (workspace admins).

An admin's API token with the `write` scope may manage webhooks too, so an integration can
register the endpoint it listens on; read-only tokens and other roles get 403.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response, status

from pilotboard.access import WorkspaceAdmin, settings_of
from pilotboard.core import etag
from pilotboard.core.clock import ClockDep
from pilotboard.core.db import SessionDep
from pilotboard.core.errors import problems
from pilotboard.core.etag import IfMatch
from pilotboard.core.pagination import ListParamsDep, Page
from pilotboard.webhooks import service
from pilotboard.webhooks.models import DeliveryStatus
from pilotboard.webhooks.schemas import (
    DeliveryPublic,
    WebhookCreate,
    WebhookCreated,
    WebhookPublic,
    WebhookUpdate,
    webhook_etag,
)

router = APIRouter(prefix="/workspaces/{workspace_id}/webhooks", tags=["webhooks"])

WebhookId = Annotated[uuid.UUID, Path(description="The webhook's id.")]


def set_etag(response: Response, webhook: WebhookPublic) -> None:
    etag.set_etag(response, webhook, etag=webhook_etag(webhook))


def check_if_match(if_match: str | None, current: WebhookPublic) -> None:
    etag.check_if_match(if_match, current, what="webhook", etag=webhook_etag(current))


_VERIFYING = """
Each delivery is an HTTP `POST` of `{"type", "timestamp", "data"}` (JSON) signed as the
[Standard Webhooks](https://www.standardwebhooks.com) specification says: headers `webhook-id`
(the same on every retry), `webhook-timestamp` (Unix seconds of the attempt) and
`webhook-signature: v1,<base64 HMAC-SHA256>` over `"{webhook-id}.{webhook-timestamp}.{body}"`,
keyed by the base64-decoded part of the secret after `whsec_`. Answer 2xx within 10 seconds;
anything else (redirects included) is retried with exponential backoff for 24 hours, and an
endpoint whose deliveries fail for 24 hours is turned off (`disabled_reason` says why).
"""


@router.get(
    "",
    operation_id="listWebhooks",
    description="The workspace's webhook endpoints (never their secrets), oldest first, with "
    "whether each is enabled and, when Pilotboard turned one off, why.",
    summary="Webhooks of the workspace (admins)",
    response_model=Page[WebhookPublic],
    responses=problems(401, 403, 404),
)
def list_webhooks(
    access: WorkspaceAdmin, db: SessionDep, params: ListParamsDep
) -> Page[WebhookPublic]:
    items, cursor = service.list_endpoints(db, workspace_id=access.workspace_id, params=params)
    return Page[WebhookPublic](items=items, next_cursor=cursor)


@router.post(
    "",
    operation_id="createWebhook",
    summary="Add a webhook (admins; the signing secret is returned once)",
    status_code=status.HTTP_201_CREATED,
    response_model=WebhookCreated,
    responses=problems(401, 403, 404, 409),
    description="Store `secret` now: it is never shown again. `url` is refused (422) when it "
    "is not http(s) or its host is or resolves to a loopback, private, link-local, multicast, "
    "reserved or cloud-metadata address. `409` when the workspace has 20 webhooks already. "
    "Creating a webhook has no `Idempotency-Key`: a replay would have to show the secret again."
    "\n" + _VERIFYING,
)
def create_webhook(
    body: WebhookCreate,
    access: WorkspaceAdmin,
    db: SessionDep,
    clock: ClockDep,
    request: Request,
    response: Response,
) -> WebhookCreated:
    created, secret = service.create_endpoint(
        db,
        workspace_id=access.workspace_id,
        actor=access.actor,
        values=body.model_dump(),
        settings=settings_of(request),
        now=clock.now(),
    )
    set_etag(response, created)
    return WebhookCreated(**created.model_dump(), secret=secret)


@router.get(
    "/{webhook_id}",
    operation_id="getWebhook",
    description="One webhook endpoint, with its delivery health (`failing_since`, "
    "`last_success_at`) and an `ETag` for `If-Match`.",
    summary="One webhook (admins)",
    response_model=WebhookPublic,
    responses=problems(401, 403, 404),
)
def get_webhook(
    webhook_id: WebhookId, access: WorkspaceAdmin, db: SessionDep, response: Response
) -> WebhookPublic:
    read = service.endpoint_public(
        service.get_endpoint(db, workspace_id=access.workspace_id, endpoint_id=webhook_id)
    )
    set_etag(response, read)
    return read


@router.patch(
    "/{webhook_id}",
    operation_id="updateWebhook",
    summary="Change a webhook, or turn it off and on (admins)",
    response_model=WebhookPublic,
    responses=problems(401, 403, 404, 412),
)
def update_webhook(
    webhook_id: WebhookId,
    body: WebhookUpdate,
    access: WorkspaceAdmin,
    db: SessionDep,
    clock: ClockDep,
    request: Request,
    response: Response,
    if_match: IfMatch = None,
) -> WebhookPublic:
    """Only the fields sent change. `enabled: true` turns on an endpoint Pilotboard turned off
    and clears `disabled_reason`; deliveries waiting for it resume. A new `url` is checked as on
    creation, and so is the stored one when the endpoint is turned on: `422` naming `enabled`
    when it is refused now (its host resolves to a private address, or local receivers are no
    longer allowed)."""
    endpoint = service.get_endpoint(
        db, workspace_id=access.workspace_id, endpoint_id=webhook_id, for_update=True
    )
    check_if_match(if_match, service.endpoint_public(endpoint))
    read = service.update_endpoint(
        db,
        endpoint=endpoint,
        actor=access.actor,
        changes=body.model_dump(exclude_unset=True),
        settings=settings_of(request),
        now=clock.now(),
    )
    set_etag(response, read)
    return read


@router.post(
    "/{webhook_id}/secret",
    operation_id="replaceWebhookSecret",
    summary="Replace a webhook's signing secret (admins; the new secret is returned once)",
    response_model=WebhookCreated,
    responses=problems(401, 403, 404, 412),
    description="Generates a new `secret` and returns it this once; the old secret stops "
    "signing at once, retries of earlier events included. Use it when a secret may have leaked, "
    "after restoring an export (restored webhooks get a secret nobody has seen), or when "
    "`PILOTBOARD_SECRET_KEY` changed and deliveries fail with an unreadable secret. "
    "Honours `If-Match`.",
)
def replace_webhook_secret(
    webhook_id: WebhookId,
    access: WorkspaceAdmin,
    db: SessionDep,
    clock: ClockDep,
    request: Request,
    response: Response,
    if_match: IfMatch = None,
) -> WebhookCreated:
    endpoint = service.get_endpoint(
        db, workspace_id=access.workspace_id, endpoint_id=webhook_id, for_update=True
    )
    check_if_match(if_match, service.endpoint_public(endpoint))
    read, secret = service.replace_secret(
        db, endpoint=endpoint, actor=access.actor, settings=settings_of(request), now=clock.now()
    )
    set_etag(response, read)
    return WebhookCreated(**read.model_dump(), secret=secret)


@router.delete(
    "/{webhook_id}",
    operation_id="deleteWebhook",
    description="Deletes the endpoint and its delivery log; events not yet delivered to it are "
    "dropped. Honours `If-Match`.",
    summary="Delete a webhook and its delivery log (admins)",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(401, 403, 404, 412),
)
def delete_webhook(
    webhook_id: WebhookId,
    access: WorkspaceAdmin,
    db: SessionDep,
    clock: ClockDep,
    if_match: IfMatch = None,
) -> Response:
    endpoint = service.get_endpoint(
        db, workspace_id=access.workspace_id, endpoint_id=webhook_id, for_update=True
    )
    check_if_match(if_match, service.endpoint_public(endpoint))
    service.delete_endpoint(db, endpoint=endpoint, actor=access.actor, now=clock.now())
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/{webhook_id}/deliveries",
    operation_id="listWebhookDeliveries",
    summary="The delivery log of a webhook, newest first (admins)",
    response_model=Page[DeliveryPublic],
    responses=problems(401, 403, 404),
)
def list_deliveries(
    webhook_id: WebhookId,
    access: WorkspaceAdmin,
    db: SessionDep,
    params: ListParamsDep,
    status: Annotated[
        DeliveryStatus | None, Query(description="Only deliveries in this state.")
    ] = None,
) -> Page[DeliveryPublic]:
    """Each delivery with every attempt: status code, latency, the start of the response."""
    endpoint = service.get_endpoint(db, workspace_id=access.workspace_id, endpoint_id=webhook_id)
    items, cursor = service.list_deliveries(db, endpoint=endpoint, status=status, params=params)
    return Page[DeliveryPublic](items=items, next_cursor=cursor)
