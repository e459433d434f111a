"""API shapes of saved views. ``search`` holds the pilots list's own URL search params and is
validated as that list's filters (the same stages, health, risk levels and sorts)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from pilotboard.core.fields import OneLine, refuses_null
from pilotboard.pilots.models import Engagement, Health, RiskLevel, Stage
from pilotboard.pilots.routes import Sort
from pilotboard.saved_views.models import MAX_NAME_LENGTH, Density, Layout

ViewName = Annotated[
    OneLine,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NAME_LENGTH),
]


class ViewSearch(BaseModel):
    """The pilots list's filters and sort, under the names of its URL (`/pilots?stage=…`).
    Absent keys mean "any" (and the default sort, newest first)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"example": {"stage": "running", "health": "at_risk", "sort": "title"}},
    )

    stage: Stage | None = Field(default=None, description="Only pilots in this stage.")
    health: Health | None = Field(default=None, description="Only pilots with this health.")
    risk: RiskLevel | None = Field(default=None, description="Only this risk level.")
    owner: uuid.UUID | None = Field(default=None, description="Only pilots this member owns.")
    department: uuid.UUID | None = Field(
        default=None, description="Only pilots involving this department."
    )
    engagement: Engagement | None = Field(
        default=None,
        description="Only pilots with a department at this engagement status (with "
        "`department`: that department).",
    )
    q: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = Field(
        default=None, description="Text in the title or hypothesis."
    )
    sort: Sort | None = Field(
        default=None, description="The list's order, as `GET /pilots` takes it (`-`: descending)."
    )

    def stored(self) -> dict[str, Any]:
        """The params as stored and returned: empty ones left out."""
        return {k: v for k, v in self.model_dump(mode="json").items() if v not in (None, "")}


_EXAMPLE: dict[str, Any] = {
    "name": "My running pilots at risk",
    "layout": "board",
    "density": "compact",
    "search": {"stage": "running", "health": "at_risk", "sort": "title"},
}


class SavedViewCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"example": _EXAMPLE})

    name: ViewName = Field(description="What the view is called: unique among your views here.")
    layout: Layout = Field(default=Layout.list, description="`list` or `board`.")
    density: Density = Field(
        default=Density.comfortable, description="The list's rows: `comfortable` or `compact`."
    )
    search: ViewSearch = Field(
        default_factory=ViewSearch, description="The list's filters and sort."
    )


class SavedViewUpdate(BaseModel):
    """Only the fields sent change; `search` replaces the stored filters as a whole."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"example": {"name": "At risk"}})

    name: ViewName | None = Field(
        default=None, description="A new name.", json_schema_extra=refuses_null
    )
    layout: Layout | None = Field(
        default=None, description="`list` or `board`.", json_schema_extra=refuses_null
    )
    density: Density | None = Field(
        default=None, description="`comfortable` or `compact`.", json_schema_extra=refuses_null
    )
    search: ViewSearch | None = Field(
        default=None,
        description="The new filters and sort (replaces them).",
        json_schema_extra=refuses_null,
    )

    @field_validator("name", "layout", "density", "search")
    @classmethod
    def _not_null(cls, value: object) -> object:
        if value is None:
            raise ValueError("This field cannot be null; leave it out to keep its value.")
        return value


class SavedViewPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "id": "6b1f0f4e-3c1d-4b7a-9a8e-2f5d1c0b9e7a",
                **_EXAMPLE,
                "etag": '"5d41402abc4b2a76b9719d911017c592"',
                "created_at": "2026-11-22T10:00:00Z",
                "updated_at": "2026-11-22T10:00:00Z",
            }
        }
    )

    id: uuid.UUID = Field(description="The view's id.")
    name: str = Field(description="What the view is called.")
    layout: Layout = Field(description="`list` or `board`.")
    density: Density = Field(description="`comfortable` or `compact`.")
    search: dict[str, str] = Field(
        description="The list's filters and sort under its URL names (`stage`, `health`, "
        "`risk`, `owner`, `department`, `engagement`, `q`, `sort`); absent ones mean any."
    )
    etag: str = Field(description="The view's version: send it as `If-Match` on a change.")
    created_at: datetime = Field(description="When it was saved.")
    updated_at: datetime = Field(description="When it last changed.")
