"""The workspace's rubric and thresholds, as the pilot rules read them."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import Session

from pilotboard.pilots.candidates.scoring import DEFAULT_RUBRIC
from pilotboard.pilots.health.rules import DEFAULT_THRESHOLDS
from pilotboard.workspaces.models import WorkspaceSettings


def workspace_rules(
    session: Session, workspace_id: uuid.UUID
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The workspace's rubric and thresholds (defaults until someone edits them)."""
    row = session.get(WorkspaceSettings, workspace_id)
    if row is None:
        return [dict(c) for c in DEFAULT_RUBRIC], dict(DEFAULT_THRESHOLDS)
    return list(row.rubric), {**DEFAULT_THRESHOLDS, **row.thresholds}
