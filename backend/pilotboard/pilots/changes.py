"""What every change to a pilot or its records does alike: the audit entry and the version bump."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session

from pilotboard.activity.service import Actor, record
from pilotboard.core.errors import InvalidInput
from pilotboard.pilots.models import Pilot


def audit(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    action: str,
    pilot: Pilot,
    object_type: str = "pilot",
    object_id: uuid.UUID | None = None,
    summary: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    record(
        session,
        actor=actor,
        now=now,
        action=action,
        object_type=object_type,
        object_id=object_id or pilot.id,
        workspace_id=pilot.workspace_id,
        pilot_id=pilot.id,
        summary=summary,
        before=before,
        after=after,
    )


def touch(record: Any, now: datetime) -> None:
    """Mark a pilot or one of its records as edited. `updated_at` moves to ``now``, or just past
    its previous value when the clock has not moved on (two edits within one clock tick, a write
    that waited for a lock, a frozen clock): every edit changes the version-based ETag."""
    previous: datetime | None = record.updated_at
    record.updated_at = (
        now if previous is None or now > previous else previous + timedelta(microseconds=1)
    )


def fields_of(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    """The audit log's view of a record: these fields and their values."""
    return {name: getattr(obj, name) for name in names}


def apply_changes(obj: Any, changes: dict[str, Any], *, not_null: tuple[str, ...] = ()) -> None:
    """Set the fields a PATCH sent; ``null`` clears a text field, and is refused for
    ``not_null``."""
    for name, value in changes.items():
        if value is None and name in not_null:
            raise InvalidInput.field(["body", name], "This field cannot be null.")
        setattr(obj, name, "" if value is None and isinstance(getattr(obj, name), str) else value)
