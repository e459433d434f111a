"""Workspace settings (rubric, thresholds, the digest's day): reading them, and changing them as
an admin.

Until an admin edits them, a workspace uses the defaults of ``pilots/health/rules.py``,
``pilots/lifecycle/rules.py`` (the gates' time thresholds) and ``pilots/candidates/scoring.py``;
reading never writes. Changing the rubric or a threshold publishes ``ThresholdsChanged``, on
which the health of every pilot is re-evaluated.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from pilotboard.activity.service import Actor, record
from pilotboard.core.events import publish
from pilotboard.pilots.candidates.scoring import DEFAULT_RUBRIC
from pilotboard.pilots.settings import WORKSPACE_THRESHOLDS
from pilotboard.workspaces.events import ThresholdsChanged
from pilotboard.workspaces.models import Workspace, WorkspaceSettings
from pilotboard.workspaces.settings.schemas import (
    DEFAULT_DIGEST_WEEKDAY,
    SettingsPublic,
    SettingsUpdate,
    Thresholds,
)


def settings_public(row: WorkspaceSettings | None) -> SettingsPublic:
    if row is None:
        return SettingsPublic.model_validate(
            {
                "rubric": DEFAULT_RUBRIC,
                "thresholds": WORKSPACE_THRESHOLDS,
                "digest_weekday": DEFAULT_DIGEST_WEEKDAY,
                "updated_at": None,
            }
        )
    return SettingsPublic.model_validate(
        {
            "rubric": row.rubric,
            "thresholds": {**WORKSPACE_THRESHOLDS, **row.thresholds},
            "digest_weekday": row.digest_weekday,
            "updated_at": row.updated_at,
        }
    )


def get_settings(
    session: Session, *, workspace_id: uuid.UUID, for_update: bool = False
) -> WorkspaceSettings | None:
    statement = select(WorkspaceSettings).where(WorkspaceSettings.workspace_id == workspace_id)
    if not for_update:
        return session.exec(statement).first()
    statement = statement.with_for_update().execution_options(populate_existing=True)
    row = session.exec(statement).first()
    if row is None:
        # No row to lock yet: serialize the first edits on the workspace row instead, so two
        # admins saving at once cannot both insert.
        session.exec(select(Workspace.id).where(Workspace.id == workspace_id).with_for_update())
        row = session.exec(statement).first()
    return row


def _describe(before: SettingsPublic, after: SettingsPublic) -> str:
    parts = []
    if before.rubric != after.rubric:
        parts.append("rubric")
    changed = [
        name
        for name in Thresholds.model_fields
        if getattr(before.thresholds, name) != getattr(after.thresholds, name)
    ]
    if changed:
        parts.append("thresholds " + ", ".join(changed))
    if before.digest_weekday != after.digest_weekday:
        parts.append(f"digest day {after.digest_weekday}")
    return "Settings changed: " + "; ".join(parts)


def update_settings(
    session: Session,
    *,
    workspace_id: uuid.UUID,
    row: WorkspaceSettings | None,
    actor: Actor,
    changes: SettingsUpdate,
    now: datetime,
) -> SettingsPublic:
    before = settings_public(row)
    sent = changes.model_fields_set
    rubric: list[dict[str, Any]] = [c.model_dump() for c in before.rubric]
    thresholds: dict[str, int] = before.thresholds.model_dump()
    if "rubric" in sent and changes.rubric is not None:
        rubric = [criterion.model_dump() for criterion in changes.rubric]
    if "thresholds" in sent and changes.thresholds is not None:
        thresholds.update(changes.thresholds.model_dump(exclude_unset=True))
    digest_weekday = before.digest_weekday
    if "digest_weekday" in sent and changes.digest_weekday is not None:
        digest_weekday = changes.digest_weekday
    rules_changed = rubric != [c.model_dump() for c in before.rubric] or thresholds != (
        before.thresholds.model_dump()
    )
    if not rules_changed and digest_weekday == before.digest_weekday:
        return before
    if row is None:
        row = WorkspaceSettings(
            workspace_id=workspace_id,
            rubric=rubric,
            thresholds=thresholds,
            digest_weekday=digest_weekday,
            created_at=now,
            updated_at=now,
        )
    else:
        row.rubric = rubric
        row.thresholds = thresholds
        row.digest_weekday = digest_weekday
        row.updated_at = now
    session.add(row)
    session.flush()
    after = settings_public(row)
    record(
        session,
        actor=actor,
        now=now,
        action="settings.updated",
        object_type="settings",
        object_id=workspace_id,
        workspace_id=workspace_id,
        summary=_describe(before, after),
        before=before.model_dump(include={"rubric", "thresholds", "digest_weekday"}),
        after=after.model_dump(include={"rubric", "thresholds", "digest_weekday"}),
    )
    if rules_changed:
        publish(session, ThresholdsChanged(workspace_id=workspace_id, now=now))
    return after
