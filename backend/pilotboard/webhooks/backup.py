"""The webhook endpoints in a workspace export (never their secrets), and their restore:
checked as the API checks URLs, disabled, each with a new signing secret."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlmodel import Session, col

from pilotboard.core.errors import InvalidInput
from pilotboard.exports.context import RestoreContext, bulk_insert, stamps, workspace_rows
from pilotboard.exports.schemas import ExportWebhook
from pilotboard.webhooks import signing
from pilotboard.webhooks.models import WebhookEndpoint
from pilotboard.webhooks.service import url_refusal


def export_webhooks(session: Session, workspace_id: uuid.UUID) -> list[ExportWebhook]:
    """Oldest first."""
    endpoints = workspace_rows(
        session,
        WebhookEndpoint,
        workspace_id,
        col(WebhookEndpoint.created_at),
        col(WebhookEndpoint.id),
    )
    return [ExportWebhook.model_validate(w, from_attributes=True) for w in endpoints]


def check_urls(webhooks: Sequence[ExportWebhook], *, allow_localhost: bool) -> None:
    """Every webhook URL passes the check the API makes (422 naming each one refused): a file
    written elsewhere, or by hand, may point at this server's private network."""
    errors: list[tuple[list[str | int], str]] = []
    for i, webhook in enumerate(webhooks):
        reason = url_refusal(webhook.url, allow_localhost=allow_localhost)
        if reason is not None:
            errors.append((["webhooks", i, "url"], reason))
    if errors:
        raise InvalidInput(
            f"The file has {len(errors)} webhook URL(s) this server refuses; it was not "
            "restored. Correct or remove them in the file.",
            errors=errors,
        )


def restore_webhooks(
    session: Session,
    context: RestoreContext,
    webhooks: Sequence[ExportWebhook],
    *,
    app_secret: str,
) -> list[tuple[str, str]]:
    """The endpoints, disabled, each with a new signing secret (sealed with ``app_secret``);
    returns (url, secret) of each, for the restorer to see this once."""
    new_ids = context.ids.assign([w.id for w in webhooks])
    secrets: list[tuple[str, str]] = []
    rows = []
    for w, new in zip(webhooks, new_ids, strict=True):
        secret = signing.new_secret()
        secrets.append((w.url, secret))
        rows.append(
            {
                "id": new,
                "workspace_id": context.workspace_id,
                "url": w.url,
                "description": w.description,
                "events": list(w.events),
                "enabled": False,
                "secret_sealed": signing.seal(secret, app_secret=app_secret, endpoint_id=new),
                **stamps(w),
            }
        )
    bulk_insert(session, WebhookEndpoint, rows)
    return secrets
