"""What the workspaces domain tells the others."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class MembershipChanged:
    """A member's role changed, or they joined, left or were deactivated."""

    workspace_id: uuid.UUID
    user_id: uuid.UUID
    now: datetime


@dataclass(frozen=True)
class ThresholdsChanged:
    """The workspace's settings (rubric or thresholds) were saved."""

    workspace_id: uuid.UUID
    now: datetime
