"""What the health of pilots tells the other domains."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class HealthChanged:
    """A pilot's stored health changed (``previous`` → ``health``); not published for its
    first evaluation, when it is created or restored."""

    workspace_id: uuid.UUID
    pilot_id: uuid.UUID
    previous: str
    health: str
    now: datetime


@dataclass(frozen=True)
class PilotsReevaluated:
    """These pilots of one workspace were just re-evaluated, because their records, their
    people, the workspace's settings or the date changed: whatever else derives from the same
    (the decisions waiting) may have changed too."""

    workspace_id: uuid.UUID
    pilot_ids: tuple[uuid.UUID, ...]
    now: datetime
