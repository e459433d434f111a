"""The workspace's rubric and thresholds, as the pilot rules read them."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import bindparam
from sqlmodel import Session, select

from pilotboard.core.db import core_rows
from pilotboard.pilots.candidates.scoring import DEFAULT_RUBRIC
from pilotboard.pilots.health.rules import DEFAULT_THRESHOLDS
from pilotboard.pilots.lifecycle.rules import GATE_THRESHOLDS
from pilotboard.workspaces.models import WorkspaceSettings

# Every threshold of the workspace settings, with its default: the health rules' and the gates'.
WORKSPACE_THRESHOLDS: dict[str, int] = {**DEFAULT_THRESHOLDS, **GATE_THRESHOLDS}


# Built once: every pilot read runs it. The columns, not the entity: nothing is kept in the
# session (a write of the settings in this transaction is flushed before it runs).
_RULES = select(WorkspaceSettings.rubric, WorkspaceSettings.thresholds).where(
    WorkspaceSettings.workspace_id == bindparam("workspace_id")
)


def workspace_rules(
    session: Session, workspace_id: uuid.UUID
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The workspace's rubric and thresholds (defaults until someone edits them)."""
    rows = core_rows(session, _RULES, {"workspace_id": workspace_id})
    if not rows:
        return [dict(c) for c in DEFAULT_RUBRIC], dict(WORKSPACE_THRESHOLDS)
    rubric, thresholds = rows[0]
    return list(rubric), {**WORKSPACE_THRESHOLDS, **thresholds}
