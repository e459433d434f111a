"""API shapes of the activity log."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class ActivityPublic(BaseModel):
    id: uuid.UUID = Field(description="The entry's id.")
    occurred_at: datetime = Field(description="When the change happened.")
    actor_user_id: uuid.UUID | None = Field(
        description="Who made it (user id); `null` for the system."
    )
    actor_name: str | None = Field(description="Their name, for display.")
    action: str = Field(description="e.g. `pilot.updated`, `pilot.stage_changed`.")
    object_type: str = Field(description="The kind of object changed, e.g. `pilot` or `customer`.")
    object_id: uuid.UUID | None = Field(
        description="The object changed (it may since have been deleted)."
    )
    pilot_id: uuid.UUID | None = Field(description="The pilot the object belongs to, if any.")
    summary: str = Field(description="What happened, in words.")
    before: dict[str, Any] | None = Field(
        description="The changed fields before the change; `null` for a creation."
    )
    after: dict[str, Any] | None = Field(
        description="The changed fields after the change; `null` for a deletion."
    )
    names: dict[str, str] = Field(
        default_factory=dict,
        description="Read-only: the display name of every person, customer and department whose "
        "id appears in `before` or `after` (`owner_id`, `sponsor_id`, `customer_id`, "
        "`department_id` …), keyed by id, as they are named now; an id whose object was deleted "
        "is left out.",
    )
