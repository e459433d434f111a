"""What the iteration log tells the other domains."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class IterationLogged:
    """An iteration was added to a pilot's log (published in the transaction that adds it)."""

    workspace_id: uuid.UUID
    pilot_id: uuid.UUID
    iteration_id: uuid.UUID
    now: datetime
