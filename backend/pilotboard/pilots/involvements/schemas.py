"""API shapes of the departments involved in a pilot."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import ConfigDict, Field, model_validator
from pydantic.config import JsonDict

from pilotboard.core.fields import refuses_null
from pilotboard.pilots.models import (
    Engagement,
)
from pilotboard.pilots.schemas import _D, Body, Stamped

CONTACT_EMAIL_HELP = (
    "The contact's address (lower-cased): check-in requests go there when an iteration is "
    "logged, and every `check_in_days` while the pilot runs, as long as the department is "
    "`invited`, `engaged` or `champion`. `null` or empty: the department is not asked by email."
)


def email_format(schema: JsonDict) -> None:
    """`json_schema_extra` of an optional address: its text branch is an email address."""
    branches = schema.get("anyOf")
    for branch in branches if isinstance(branches, list) else []:
        if isinstance(branch, dict) and branch.get("type") == "string":
            branch["format"] = "email"


class InvolvementCreate(Body):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "example": {
                "department_id": _D,
                "contact_name": "Sam Okafor",
                "contact_email": "sam.okafor@example.com",
                "stake": "Tries its automated picking system on a real ward.",
                "status": "invited",
                "invited_on": "2026-11-02",
            }
        },
    )

    department_id: uuid.UUID = Field(description="The department to involve.")
    contact_name: str = Field(
        description="The department's contact for the pilot.", default="", max_length=120
    )
    contact_email: str | None = Field(
        default=None, max_length=254, description=CONTACT_EMAIL_HELP, json_schema_extra=email_format
    )
    stake: str = Field(default="", max_length=1000, description="What this department gets.")
    status: Engagement = Field(
        default=Engagement.invited, description="`invited`, `engaged`, `champion` or `declined`."
    )
    invited_on: date | None = Field(default=None, description="Defaults to today.")
    engaged_on: date | None = Field(
        default=None,
        description="Set when it engages (today when `status` becomes `engaged` or `champion` "
        "without one); never after today. What the portfolio compares with the first day in "
        "`running`.",
    )

    @model_validator(mode="after")
    def _order(self) -> InvolvementCreate:
        if self.invited_on and self.engaged_on and self.engaged_on < self.invited_on:
            raise ValueError("engaged_on must not be before invited_on")
        return self


class InvolvementUpdate(Body):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "example": {"status": "engaged", "contact_email": "sam.okafor@example.com"}
        },
    )

    contact_name: str | None = Field(
        description="The department's contact for the pilot.", default=None, max_length=120
    )
    contact_email: str | None = Field(
        default=None, max_length=254, description=CONTACT_EMAIL_HELP, json_schema_extra=email_format
    )
    stake: str | None = Field(
        description="What this department gets from the pilot.", default=None, max_length=1000
    )
    status: Engagement | None = Field(
        default=None,
        description="`invited`, `engaged`, `champion` or `declined`.",
        json_schema_extra=refuses_null,
    )
    invited_on: date | None = Field(default=None, description="When the department was invited.")
    engaged_on: date | None = Field(default=None, description="When it engaged; never after today.")


class InvolvementPublic(Stamped):
    department_id: uuid.UUID = Field(description="The department involved.")
    department_name: str = Field(description="Read-only, for display.")
    contact_name: str = Field(description="The department's contact for the pilot.")
    contact_email: str | None = Field(
        description="Where the check-in requests go (lower-cased); `null`: not asked by email."
    )
    stake: str = Field(description="What this department gets from the pilot.")
    status: Engagement = Field(description="`invited`, `engaged`, `champion` or `declined`.")
    invited_on: date | None = Field(description="When the department was invited.")
    engaged_on: date | None = Field(description="When it engaged.")
    last_check_in_on: date | None = Field(
        description="Read-only: the UTC date of the department's latest check-in (by its "
        "contact through the emailed link, or recorded in the app); `null` before the first."
    )
    silent_days: int | None = Field(
        description="Read-only: whole days from `last_check_in_on` (or, before any check-in, "
        "from the day the contact was first asked) to the evaluation date (`as_of`, default "
        "today), never negative; `null` when never asked and never checked in."
    )
