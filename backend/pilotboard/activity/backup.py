"""The activity log in a workspace export, and its restore (the ids in its snapshots
rewritten to the restored objects')."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlmodel import Session, col

from pilotboard.activity.models import Activity
from pilotboard.exports.context import RestoreContext, bulk_insert, workspace_rows
from pilotboard.exports.schemas import ExportActivity


def export_activity(session: Session, workspace_id: uuid.UUID) -> list[ExportActivity]:
    """Oldest first."""
    entries = workspace_rows(
        session, Activity, workspace_id, col(Activity.occurred_at), col(Activity.id)
    )
    return [ExportActivity.model_validate(a, from_attributes=True) for a in entries]


def people_referenced(entries: Sequence[ExportActivity]) -> set[uuid.UUID]:
    return {a.actor_user_id for a in entries if a.actor_user_id}


def restore_activity(
    session: Session, context: RestoreContext, entries: Sequence[ExportActivity]
) -> None:
    """Restore last: an entry's object, pilot and snapshots refer to every other kind of object
    (those since deleted get a new id too; the request's address and id are not kept)."""
    ids = context.ids
    new_ids = ids.assign([a.id for a in entries])
    bulk_insert(
        session,
        Activity,
        [
            {
                "id": new,
                "workspace_id": context.workspace_id,
                "occurred_at": a.occurred_at,
                "actor_user_id": context.person(a.actor_user_id),
                "actor_token_id": None,
                "action": a.action,
                "object_type": a.object_type,
                "object_id": ids.or_fresh(a.object_id),
                "pilot_id": ids.or_fresh(a.pilot_id),
                "summary": a.summary,
                "before": ids.rewrite(a.before),
                "after": ids.rewrite(a.after),
                "client_address": None,
                "request_id": None,
            }
            for a, new in zip(entries, new_ids, strict=True)
        ],
    )
