"""Webhook endpoints (admins), the outbox events are written to, and the delivery log."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from pilotboard.activity.service import Actor, record
from pilotboard.core.config import Settings
from pilotboard.core.errors import Conflict, InvalidInput, NotFound
from pilotboard.core.pagination import ListParams, SortKey, cut_page, paginate_query
from pilotboard.webhooks import net, signing
from pilotboard.webhooks.models import (
    DeliveryStatus,
    EventType,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)
from pilotboard.webhooks.schemas import AttemptPublic, DeliveryPublic, WebhookPublic

MAX_ENDPOINTS = 20
FIELDS = ("url", "description", "events", "enabled")
ENDPOINT_SORT = SortKey(columns=(col(WebhookEndpoint.created_at), col(WebhookEndpoint.id)))
DELIVERY_SORT = SortKey(
    columns=(col(WebhookDelivery.created_at), col(WebhookDelivery.id)), descending=True
)
_CACHE = "pilotboard.webhooks.subscribers"


def message_id(event_id: uuid.UUID) -> str:
    """The `webhook-id` of an event (the same for every endpoint and every attempt)."""
    return f"msg_{event_id.hex}"


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def endpoint_public(endpoint: WebhookEndpoint) -> WebhookPublic:
    return WebhookPublic(
        id=endpoint.id,
        url=endpoint.url,
        description=endpoint.description,
        events=[EventType(e) for e in endpoint.events],
        enabled=endpoint.enabled,
        disabled_reason=endpoint.disabled_reason,
        disabled_at=endpoint.disabled_at,
        failing_since=endpoint.failing_since,
        last_success_at=endpoint.last_success_at,
        last_failure_at=endpoint.last_failure_at,
        created_at=endpoint.created_at,
        updated_at=endpoint.updated_at,
    )


def _fields(endpoint: WebhookEndpoint) -> dict[str, Any]:
    return {name: getattr(endpoint, name) for name in FIELDS}


def url_refusal(
    url: str, *, allow_localhost: bool, resolver: net.Resolver | None = None
) -> str | None:
    """Why ``url`` may not receive webhooks, or ``None`` when it may.

    A host that does not resolve now is accepted: nothing can be reached through it, and every
    delivery checks its addresses again before connecting.
    """
    try:
        net.check(url, allow_localhost=allow_localhost, resolver=resolver or net.system_resolver)
    except net.AddressRefused as exc:
        return str(exc)
    except net.UnresolvableHost:
        pass
    return None


def check_url(url: str, *, settings: Settings, resolver: net.Resolver | None = None) -> None:
    """422 naming `url` when it may not receive webhooks."""
    reason = url_refusal(url, allow_localhost=settings.webhooks_allow_localhost, resolver=resolver)
    if reason is not None:
        raise InvalidInput.field(["body", "url"], reason)


def _check_url_still_allowed(endpoint: WebhookEndpoint, *, settings: Settings) -> None:
    """422 naming `enabled` when an endpoint is turned on with a URL that is refused now (its
    host moved to a private address, `PILOTBOARD_WEBHOOKS_ALLOW_LOCALHOST` was turned off, or it
    came from a restored export)."""
    reason = url_refusal(endpoint.url, allow_localhost=settings.webhooks_allow_localhost)
    if reason is not None:
        raise InvalidInput.field(
            ["body", "enabled"],
            f"It cannot be turned on while its URL is refused: {reason} Change the URL first "
            "(or send the new `url` with `enabled`).",
        )


def _forget_subscribers(session: Session) -> None:
    session.info.pop(_CACHE, None)


def list_endpoints(
    session: Session, *, workspace_id: uuid.UUID, params: ListParams
) -> tuple[list[WebhookPublic], str | None]:
    statement = select(WebhookEndpoint).where(WebhookEndpoint.workspace_id == workspace_id)
    rows = session.exec(paginate_query(statement, ENDPOINT_SORT, params)).all()
    page, cursor = cut_page(rows, ENDPOINT_SORT, params, lambda e: (e.created_at, e.id))
    return [endpoint_public(e) for e in page], cursor


def get_endpoint(
    session: Session, *, workspace_id: uuid.UUID, endpoint_id: uuid.UUID, for_update: bool = False
) -> WebhookEndpoint:
    statement = select(WebhookEndpoint).where(
        WebhookEndpoint.workspace_id == workspace_id, WebhookEndpoint.id == endpoint_id
    )
    if for_update:
        statement = statement.with_for_update().execution_options(populate_existing=True)
    endpoint = session.exec(statement).first()
    if endpoint is None:
        raise NotFound("No webhook with this id.")
    return endpoint


def create_endpoint(
    session: Session,
    *,
    workspace_id: uuid.UUID,
    actor: Actor,
    values: Mapping[str, Any],
    settings: Settings,
    now: datetime,
) -> tuple[WebhookPublic, str]:
    """The new endpoint and its signing secret (returned this once)."""
    check_url(values["url"], settings=settings)
    count = session.exec(
        select(func.count()).where(WebhookEndpoint.workspace_id == workspace_id)
    ).one()
    if count >= MAX_ENDPOINTS:
        raise Conflict(
            f"A workspace can have {MAX_ENDPOINTS} webhooks; delete one you no longer use first.",
            extra={"code": "too_many_webhooks"},
        )
    secret = signing.new_secret()
    endpoint_id = uuid.uuid4()
    endpoint = WebhookEndpoint(
        id=endpoint_id,
        workspace_id=workspace_id,
        url=values["url"],
        description=values.get("description", ""),
        events=[str(e) for e in values["events"]],
        enabled=values.get("enabled", True),
        secret_sealed=signing.seal(secret, app_secret=settings.secret(), endpoint_id=endpoint_id),
        created_at=now,
        updated_at=now,
    )
    session.add(endpoint)
    session.flush()
    _forget_subscribers(session)
    record(
        session,
        actor=actor,
        now=now,
        action="webhook.created",
        object_type="webhook",
        object_id=endpoint.id,
        workspace_id=workspace_id,
        summary=f"Webhook to {endpoint.url} created",
        after=_fields(endpoint),
    )
    return endpoint_public(endpoint), secret


def update_endpoint(
    session: Session,
    *,
    endpoint: WebhookEndpoint,
    actor: Actor,
    changes: Mapping[str, Any],
    settings: Settings,
    now: datetime,
) -> WebhookPublic:
    before = _fields(endpoint)
    if "url" in changes and changes["url"] != endpoint.url:
        check_url(changes["url"], settings=settings)
    elif changes.get("enabled") is True and not endpoint.enabled:
        _check_url_still_allowed(endpoint, settings=settings)
    for name, value in changes.items():
        setattr(endpoint, name, [str(e) for e in value] if name == "events" else value)
    after = _fields(endpoint)
    if after == before:
        return endpoint_public(endpoint)
    if after["url"] != before["url"]:
        endpoint.failing_since = None  # a new address starts with a clean record
    if after["enabled"] and not before["enabled"]:
        # Enabled again by an admin: the reason it was off no longer holds.
        endpoint.failing_since = None
        endpoint.disabled_reason = None
        endpoint.disabled_at = None
    elif before["enabled"] and not after["enabled"]:
        endpoint.disabled_at = now  # switched off by an admin: no reason to report
        endpoint.disabled_reason = None
    endpoint.updated_at = now
    session.add(endpoint)
    session.flush()
    _forget_subscribers(session)
    changed = [name for name in FIELDS if before[name] != after[name]]
    record(
        session,
        actor=actor,
        now=now,
        action="webhook.updated",
        object_type="webhook",
        object_id=endpoint.id,
        workspace_id=endpoint.workspace_id,
        summary=f"Webhook to {endpoint.url} changed: {', '.join(changed)}",
        before={name: before[name] for name in changed},
        after={name: after[name] for name in changed},
    )
    return endpoint_public(endpoint)


def replace_secret(
    session: Session,
    *,
    endpoint: WebhookEndpoint,
    actor: Actor,
    settings: Settings,
    now: datetime,
) -> tuple[WebhookPublic, str]:
    """A new signing secret for the endpoint (returned this once); the old one stops at once.

    Deliveries are signed when they are sent, so retries of earlier events carry the new
    signature too. This is also how an endpoint gets a secret it can be told again: after a
    restore, or after `PILOTBOARD_SECRET_KEY` changed and the stored one cannot be opened.
    """
    secret = signing.new_secret()
    endpoint.secret_sealed = signing.seal(
        secret, app_secret=settings.secret(), endpoint_id=endpoint.id
    )
    endpoint.updated_at = now
    session.add(endpoint)
    session.flush()
    record(
        session,
        actor=actor,
        now=now,
        action="webhook.secret_replaced",
        object_type="webhook",
        object_id=endpoint.id,
        workspace_id=endpoint.workspace_id,
        summary=f"Webhook to {endpoint.url}: signing secret replaced",
    )
    return endpoint_public(endpoint), secret


def delete_endpoint(
    session: Session, *, endpoint: WebhookEndpoint, actor: Actor, now: datetime
) -> None:
    record(
        session,
        actor=actor,
        now=now,
        action="webhook.deleted",
        object_type="webhook",
        object_id=endpoint.id,
        workspace_id=endpoint.workspace_id,
        summary=f"Webhook to {endpoint.url} deleted with its delivery log",
        before=_fields(endpoint),
    )
    session.delete(endpoint)
    session.flush()
    _forget_subscribers(session)


# --- the outbox ------------------------------------------------------------------------------


def _subscribers(session: Session, workspace_id: uuid.UUID) -> list[tuple[uuid.UUID, set[str]]]:
    """The workspace's enabled endpoints and their events, read once per session."""
    cache: dict[uuid.UUID, list[tuple[uuid.UUID, set[str]]]] = session.info.setdefault(_CACHE, {})
    if workspace_id not in cache:
        rows = session.exec(
            select(WebhookEndpoint.id, WebhookEndpoint.events).where(
                WebhookEndpoint.workspace_id == workspace_id, col(WebhookEndpoint.enabled)
            )
        ).all()
        cache[workspace_id] = [(endpoint_id, set(events)) for endpoint_id, events in rows]
    return cache[workspace_id]


def emit(
    session: Session,
    *,
    workspace_id: uuid.UUID,
    type: EventType,
    now: datetime,
    data: Callable[[], dict[str, Any]],
) -> WebhookEvent | None:
    """Write an event to the outbox, in the caller's transaction, with a delivery for each
    enabled endpoint subscribed to it. ``data`` is only built when someone listens."""
    endpoints = [eid for eid, events in _subscribers(session, workspace_id) if type in events]
    if not endpoints:
        return None
    body = json.dumps(
        {"type": type.value, "timestamp": iso(now), "data": data()},
        separators=(",", ":"),
        ensure_ascii=False,
    )
    event = WebhookEvent(workspace_id=workspace_id, type=type.value, body=body, occurred_at=now)
    session.add(event)
    session.flush()
    session.add_all(
        WebhookDelivery(
            workspace_id=workspace_id,
            endpoint_id=endpoint_id,
            event_id=event.id,
            next_attempt_at=now,
            created_at=now,
            updated_at=now,
        )
        for endpoint_id in endpoints
    )
    session.flush()
    return event


# --- the delivery log ------------------------------------------------------------------------


def attempt_public(attempt: WebhookAttempt) -> AttemptPublic:
    return AttemptPublic(
        number=attempt.number,
        attempted_at=attempt.attempted_at,
        succeeded=attempt.succeeded,
        status_code=attempt.status_code,
        latency_ms=attempt.latency_ms,
        response_excerpt=attempt.response_excerpt,
        error=attempt.error,
    )


def list_deliveries(
    session: Session,
    *,
    endpoint: WebhookEndpoint,
    status: DeliveryStatus | None,
    params: ListParams,
) -> tuple[list[DeliveryPublic], str | None]:
    """Newest first, each with every attempt (two queries whatever the page size)."""
    statement = (
        select(WebhookDelivery, WebhookEvent)
        .join(WebhookEvent, col(WebhookEvent.id) == col(WebhookDelivery.event_id))
        .where(
            WebhookDelivery.workspace_id == endpoint.workspace_id,
            WebhookDelivery.endpoint_id == endpoint.id,
        )
    )
    if status is not None:
        statement = statement.where(WebhookDelivery.status == status.value)
    rows = session.exec(paginate_query(statement, DELIVERY_SORT, params)).all()
    page, cursor = cut_page(rows, DELIVERY_SORT, params, lambda r: (r[0].created_at, r[0].id))
    attempts: dict[uuid.UUID, list[AttemptPublic]] = {d.id: [] for d, _ in page}
    if page:
        for attempt in session.exec(
            select(WebhookAttempt)
            .where(
                WebhookAttempt.workspace_id == endpoint.workspace_id,
                col(WebhookAttempt.delivery_id).in_(list(attempts)),
            )
            .order_by(col(WebhookAttempt.delivery_id), col(WebhookAttempt.number))
        ).all():
            attempts[attempt.delivery_id].append(attempt_public(attempt))
    return [
        DeliveryPublic(
            id=delivery.id,
            message_id=message_id(event.id),
            event_type=EventType(event.type),
            status=DeliveryStatus(delivery.status),
            attempt_count=delivery.attempt_count,
            next_attempt_at=delivery.next_attempt_at,
            completed_at=delivery.completed_at,
            payload=json.loads(event.body),
            attempts=attempts[delivery.id],
            created_at=delivery.created_at,
            updated_at=delivery.updated_at,
        )
        for delivery, event in page
    ], cursor
