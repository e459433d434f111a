"""What the customers domain tells the others."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class PremierFlagChanged:
    """These customers became premier accounts, or stopped being ones (by hand or by import)."""

    workspace_id: uuid.UUID
    customer_ids: tuple[uuid.UUID, ...]
    now: datetime
