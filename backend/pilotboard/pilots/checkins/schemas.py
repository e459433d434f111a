"""API shapes of the department check-ins: the answer a contact (or a member) gives, the check-in
as read, and what the public check-in page shows."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from pilotboard.core.fields import Text
from pilotboard.pilots.checkins.models import Benefit

MAX_BLOCKER = 2000
MAX_NOTE = 4000

_ID = "8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d"
_INVOLVEMENT = "4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a"
_ITERATION = "6f7a8b9c-0d1e-4f2a-8b3c-4d5e6f7a8b9c"

_SUBMIT_EXAMPLE: dict[str, Any] = {
    "benefit": "partly",
    "still_committed": True,
    "blocker": "Our pickers need the new shelf labels before the next round.",
    "note": "The morning restock already saves the night shift a trip.",
}
_PUBLIC_EXAMPLE: dict[str, Any] = {
    "id": _ID,
    "involvement_id": _INVOLVEMENT,
    "department_name": "Supply chain",
    "iteration_id": _ITERATION,
    "iteration_number": 2,
    **_SUBMIT_EXAMPLE,
    "source": "email",
    "recorded_by": None,
    "recorded_by_name": None,
    "created_at": "2026-11-22T10:00:00Z",
}


class CheckInSource(StrEnum):
    email = "email"
    app = "app"


class CheckInSubmit(BaseModel):
    """A check-in, by the department's contact through the emailed link or by a member."""

    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, json_schema_extra={"example": _SUBMIT_EXAMPLE}
    )

    benefit: Benefit = Field(
        description="Does the department see its benefit from the pilot yet: `yes`, `partly` "
        "or `not_yet`."
    )
    still_committed: bool = Field(
        description="Is the department still committed to the pilot? `false` tells the owner "
        "at once."
    )
    blocker: Text = Field(
        default="",
        max_length=MAX_BLOCKER,
        description=f"What stands in the department's way, if anything (at most {MAX_BLOCKER:,} "
        "characters; line breaks kept, other control characters refused).",
    )
    note: Text = Field(
        default="",
        max_length=MAX_NOTE,
        description=f"Anything else (at most {MAX_NOTE:,} characters; line breaks kept, other "
        "control characters refused).",
    )


class CheckInPublic(BaseModel):
    model_config = ConfigDict(json_schema_extra={"example": _PUBLIC_EXAMPLE})

    id: uuid.UUID = Field(description="The check-in's id.")
    involvement_id: uuid.UUID = Field(description="The department's involvement in the pilot.")
    department_name: str = Field(description="The department that checked in.")
    iteration_id: uuid.UUID | None = Field(
        description="The pilot's latest iteration when the check-in came; `null` before the "
        "first (or once that iteration was deleted)."
    )
    iteration_number: int | None = Field(description="That iteration's number; `null` without.")
    benefit: Benefit = Field(description="`yes`, `partly` or `not_yet`.")
    still_committed: bool = Field(description="Whether the department is still committed.")
    blocker: Text = Field(description="What stands in its way (may be empty).")
    note: Text = Field(description="Anything else (may be empty).")
    source: CheckInSource = Field(
        description="`email`: the contact answered through the emailed link; `app`: a member "
        "recorded it."
    )
    recorded_by: uuid.UUID | None = Field(
        description="The member who recorded it in the app; `null` when it came by the link."
    )
    recorded_by_name: str | None = Field(description="That member's name, for display.")
    created_at: datetime = Field(description="When it came.")


class CheckInIteration(BaseModel):
    number: int = Field(description="The iteration's number.")
    started_on: date = Field(description="When it started.")
    summary: str = Field(description="What was changed in it (its `changes`).")


class CheckInPage(BaseModel):
    """What the public check-in page shows: the pilot's title, the department's stake and the
    latest iteration's changes, nothing else of the pilot."""

    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "workspace_name": "Acme Health",
                "pilot_title": "Vendor-managed inventory at St. Agnes Hospital",
                "department_name": "Supply chain",
                "contact_name": "Sam Okafor",
                "stake": "Tries its automated picking system on a real ward.",
                "iteration": {
                    "number": 2,
                    "started_on": "2026-11-02",
                    "summary": "Moved the restock round to 6 a.m.",
                },
            }
        }
    )

    workspace_name: str = Field(description="The workspace running the pilot.")
    pilot_title: str = Field(description="The pilot's title.")
    department_name: str = Field(description="The department asked.")
    contact_name: str = Field(description="The department's contact (may be empty).")
    stake: str = Field(description="What the department gets from the pilot (may be empty).")
    iteration: CheckInIteration | None = Field(
        description="The pilot's latest iteration; `null` before the first."
    )
