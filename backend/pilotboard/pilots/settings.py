"""The workspace's rubric and thresholds, as the pilot rules read them."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import Session

from pilotboard.pilots.candidates.scoring import DEFAULT_RUBRIC
from pilotboard.pilots.health.rules import DEFAULT_THRESHOLDS
from pilotboard.pilots.lifecycle.rules import GATE_THRESHOLDS
from pilotboard.workspaces.models import WorkspaceSettings

# Every threshold of the workspace settings, with its default: the health rules' and the gates'.
WORKSPACE_THRESHOLDS: dict[str, int] = {**DEFAULT_THRESHOLDS, **GATE_THRESHOLDS}


def workspace_rules(
    session: Session, workspace_id: uuid.UUID
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The workspace's rubric and thresholds (defaults until someone edits them)."""
    row = session.get(WorkspaceSettings, workspace_id)
    if row is None:
        return [dict(c) for c in DEFAULT_RUBRIC], dict(WORKSPACE_THRESHOLDS)
    return list(row.rubric), {**WORKSPACE_THRESHOLDS, **row.thresholds}
