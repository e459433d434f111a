"""API shapes for customers."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from pilotboard.core.etag import etag_of
from pilotboard.core.fields import refuses_null

MAX_REVENUE = 1e13


def _not_blank(value: str) -> str:
    if not value:
        raise ValueError("The name cannot be blank.")
    return value


def _blank_is_none(value: str | None) -> str | None:
    return value or None


CustomerName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=200),
    AfterValidator(_not_blank),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": 200}),
]
Segment = Annotated[str, StringConstraints(strip_whitespace=True, max_length=80)]
Notes = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)]
ExternalId = Annotated[
    str | None,
    StringConstraints(strip_whitespace=True, max_length=100),
    AfterValidator(_blank_is_none),
]
Revenue = Annotated[float | None, Field(ge=0, le=MAX_REVENUE, allow_inf_nan=False)]

_EXAMPLE: dict[str, Any] = {
    "name": "Nordwind Logistics",
    "segment": "Mid-market",
    "annual_revenue": 1250000.0,
    "is_premier_account": False,
    "external_id": "CRM-10442",
    "notes": "Open to trying new service formats; data team on site.",
}


class CustomerCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"example": _EXAMPLE})

    name: CustomerName = Field(description="The customer's name.")
    segment: Segment = Field(default="", description="Free text; filter on it with `segment`.")
    annual_revenue: Revenue = Field(
        default=None, description="In the workspace currency; `null` when unknown."
    )
    is_premier_account: bool = Field(
        default=False, description="A relationship too valuable to risk on an experiment."
    )
    external_id: ExternalId = Field(
        default=None,
        description="The customer's id in your CRM; unique in the workspace when set "
        "(blank means none).",
    )
    notes: Notes = Field(
        default="", description="Free text: why it would or would not make a good testbed."
    )


class CustomerUpdate(BaseModel):
    """Only the fields sent change; `annual_revenue` and `external_id` may be set to `null`."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"example": {"is_premier_account": True, "annual_revenue": None}},
    )

    name: CustomerName | None = Field(
        default=None, description="A new name.", json_schema_extra=refuses_null
    )
    segment: Segment | None = Field(
        default=None, description="A new segment.", json_schema_extra=refuses_null
    )
    annual_revenue: Revenue = Field(
        default=None, description="In the workspace currency; `null` when unknown."
    )
    is_premier_account: bool | None = Field(
        default=None,
        description="A relationship too valuable to risk on an experiment.",
        json_schema_extra=refuses_null,
    )
    external_id: ExternalId = Field(
        default=None, description="Unique in the workspace when set; `null` clears it."
    )
    notes: Notes | None = Field(
        default=None, description="New notes.", json_schema_extra=refuses_null
    )

    @field_validator("name", "segment", "is_premier_account", "notes")
    @classmethod
    def _not_null(cls, value: object) -> object:
        # Runs only for fields that were sent: leaving a field out keeps it, `null` is refused.
        if value is None:
            raise ValueError("This field cannot be null; leave it out to keep its value.")
        return value


class CustomerPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "id": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
                **_EXAMPLE,
                "created_at": "2026-11-22T10:00:00Z",
                "updated_at": "2026-11-22T10:00:00Z",
            }
        }
    )

    id: uuid.UUID = Field(description="The customer's id.")
    name: str = Field(description="The customer's name.")
    segment: str = Field(description="Free text, e.g. Healthcare or Mid-market.")
    annual_revenue: float | None = Field(
        description="In the workspace currency; `null` when unknown."
    )
    is_premier_account: bool = Field(
        description="A premier account: choosing it as a testbed is a red flag."
    )
    external_id: str | None = Field(
        description="The customer's id in your CRM, unique in the workspace; or `null`."
    )
    notes: str = Field(description="Free text.")
    created_at: datetime = Field(description="When it was created.")
    updated_at: datetime = Field(description="When it last changed.")
    etag: str = Field(
        default="",
        description="Read-only: the object's version, the exact `ETag` its single read answers "
        "with. Send it as `If-Match` to change or delete it straight from a list.",
    )

    @model_validator(mode="after")
    def _versioned(self) -> CustomerPublic:
        if not self.etag:
            self.etag = etag_of(self)
        return self
