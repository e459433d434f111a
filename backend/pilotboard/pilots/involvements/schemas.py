"""API shapes of the departments involved in a pilot."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import ConfigDict, Field, model_validator

from pilotboard.core.fields import refuses_null
from pilotboard.pilots.models import (
    Engagement,
)
from pilotboard.pilots.schemas import _D, Body, Stamped


class InvolvementCreate(Body):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "example": {
                "department_id": _D,
                "contact_name": "Sam Okafor",
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
    stake: str = Field(default="", max_length=1000, description="What this department gets.")
    status: Engagement = Field(
        default=Engagement.invited, description="`invited`, `engaged`, `champion` or `declined`."
    )
    invited_on: date | None = Field(default=None, description="Defaults to today.")
    engaged_on: date | None = Field(default=None, description="Set when it engages.")

    @model_validator(mode="after")
    def _order(self) -> InvolvementCreate:
        if self.invited_on and self.engaged_on and self.engaged_on < self.invited_on:
            raise ValueError("engaged_on must not be before invited_on")
        return self


class InvolvementUpdate(Body):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={"example": {"status": "engaged"}},
    )

    contact_name: str | None = Field(
        description="The department's contact for the pilot.", default=None, max_length=120
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
    engaged_on: date | None = Field(default=None, description="When it engaged.")


class InvolvementPublic(Stamped):
    department_id: uuid.UUID = Field(description="The department involved.")
    department_name: str = Field(description="Read-only, for display.")
    contact_name: str = Field(description="The department's contact for the pilot.")
    stake: str = Field(description="What this department gets from the pilot.")
    status: Engagement = Field(description="`invited`, `engaged`, `champion` or `declined`.")
    invited_on: date | None = Field(description="When the department was invited.")
    engaged_on: date | None = Field(description="When it engaged.")
