"""Writing to the activity log; always in the same transaction as the change it records."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session

from pilotboard.activity.models import Activity
from pilotboard.core.types import json_safe


@dataclass(frozen=True)
class Actor:
    """Who is acting, as the activity log records it."""

    user_id: uuid.UUID | None
    token_id: uuid.UUID | None = None
    client_address: str | None = None
    request_id: str | None = None


def record(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    action: str,
    object_type: str,
    workspace_id: uuid.UUID | None,
    object_id: uuid.UUID | None = None,
    pilot_id: uuid.UUID | None = None,
    summary: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> Activity:
    entry = Activity(
        workspace_id=workspace_id,
        occurred_at=now,
        actor_user_id=actor.user_id,
        actor_token_id=actor.token_id,
        action=action,
        object_type=object_type,
        object_id=object_id,
        pilot_id=pilot_id,
        summary=summary[:300],
        before=json_safe(before) if before is not None else None,
        after=json_safe(after) if after is not None else None,
        client_address=actor.client_address,
        request_id=actor.request_id,
    )
    session.add(entry)
    return entry
