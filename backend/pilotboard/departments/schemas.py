"""API shapes for departments."""

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


def _not_blank(value: str) -> str:
    if not value:
        raise ValueError("The name cannot be blank.")
    return value


DepartmentName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=120),
    AfterValidator(_not_blank),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": 120}),
]
LeadName = Annotated[str, StringConstraints(strip_whitespace=True, max_length=120)]
Kpi = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)]

_EXAMPLE: dict[str, Any] = {
    "name": "Field service",
    "lead_name": "Maria Jensen",
    "kpi": "First-time fix rate",
}


class DepartmentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"example": _EXAMPLE})

    name: DepartmentName = Field(description="Unique in the workspace (case-insensitively).")
    lead_name: LeadName = Field(default="", description="Who leads the department.")
    kpi: Kpi = Field(default="", description="The measure the department is held to.")


class DepartmentUpdate(BaseModel):
    """Only the fields sent change."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"example": {"kpi": "Mean time to repair"}}
    )

    name: DepartmentName | None = Field(
        default=None,
        description="Unique in the workspace (case-insensitively).",
        json_schema_extra=refuses_null,
    )
    lead_name: LeadName | None = Field(
        default=None, description="Who leads the department.", json_schema_extra=refuses_null
    )
    kpi: Kpi | None = Field(
        default=None, description="The measure it is held to.", json_schema_extra=refuses_null
    )

    @field_validator("name", "lead_name", "kpi")
    @classmethod
    def _not_null(cls, value: str | None) -> str:
        # Runs only for fields that were sent: leaving a field out keeps it, `null` is refused.
        if value is None:
            raise ValueError("This field cannot be null; leave it out to keep its value.")
        return value


class DepartmentPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "id": "3f2a7c1e-8b4d-4e6f-9a0b-1c2d3e4f5a6b",
                **_EXAMPLE,
                "created_at": "2026-11-22T10:00:00Z",
                "updated_at": "2026-11-22T10:00:00Z",
            }
        }
    )

    id: uuid.UUID = Field(description="The department's id.")
    name: str = Field(description="Unique in the workspace (case-insensitively).")
    lead_name: str = Field(description="Who leads the department.")
    kpi: str = Field(description="The measure the department is held to.")
    created_at: datetime = Field(description="When it was created.")
    updated_at: datetime = Field(description="When it last changed.")
    etag: str = Field(
        default="",
        description="Read-only: the object's version, the exact `ETag` its single read answers "
        "with. Send it as `If-Match` to change or delete it straight from a list.",
    )

    @model_validator(mode="after")
    def _versioned(self) -> DepartmentPublic:
        if not self.etag:
            self.etag = etag_of(self)
        return self
