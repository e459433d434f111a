from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from pilotboard.core.etag import etag_of
from pilotboard.core.fields import refuses_null
from pilotboard.workspaces.models import Role

_WS = "2b8e4f61-93c5-4a0d-b7e2-5c9a1d3f6e84"
_USER = "6f1c2a9e-4b7d-4c1e-9a53-0d2f8b7e5a10"
CURRENCY_PATTERN = r"^[A-Z]{3}$"


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("The name cannot be blank.")
    return value.strip()


class WorkspaceCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"example": {"name": "Field services", "currency": "EUR"}}
    )

    name: str = Field(
        description="The workspace's name (one portfolio: a company or unit).",
        min_length=1,
        max_length=100,
    )
    currency: str = Field(default="EUR", pattern=CURRENCY_PATTERN, description="ISO 4217 code.")

    _name = field_validator("name")(_not_blank)


class WorkspaceUpdate(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"example": {"name": "Field services EMEA"}}
    )

    name: str | None = Field(
        description="A new name.",
        default=None,
        min_length=1,
        max_length=100,
        json_schema_extra=refuses_null,
    )
    currency: str | None = Field(
        description="A new ISO 4217 currency code for money amounts.",
        default=None,
        pattern=CURRENCY_PATTERN,
        json_schema_extra=refuses_null,
    )

    @field_validator("name")
    @classmethod
    def _name(cls, value: str | None) -> str | None:
        return None if value is None else _not_blank(value)


class WorkspacePublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "id": _WS,
                "name": "Field services",
                "currency": "EUR",
                "role": "admin",
                "created_at": "2026-11-22T10:00:00Z",
                "updated_at": "2026-11-22T10:00:00Z",
            }
        }
    )

    id: uuid.UUID = Field(description="The workspace's id.")
    name: str = Field(description="The workspace's name.")
    currency: str = Field(description="ISO 4217 code of its money amounts.")
    role: Role = Field(description="Your role in this workspace.")
    created_at: datetime = Field(description="When it was created.")
    updated_at: datetime = Field(description="When it last changed.")


class MemberCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"example": {"email": "dana@example.com", "role": "editor"}},
    )

    email: str = Field(min_length=3, max_length=254, description="An existing user's email.")
    role: Role = Field(description="The role to give: `admin`, `editor`, `executive` or `viewer`.")


class MemberUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"example": {"role": "executive"}})

    role: Role = Field(description="The new role (a workspace always keeps one admin).")


class MemberPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "id": "8c4d2e1f-5a6b-4c7d-9e8f-0a1b2c3d4e5f",
                "user_id": _USER,
                "email": "dana@example.com",
                "name": "Dana Editor",
                "role": "editor",
                "is_active": True,
                "created_at": "2026-11-22T10:00:00Z",
                "updated_at": "2026-11-22T10:00:00Z",
            }
        }
    )

    id: uuid.UUID = Field(description="The membership's id.")
    user_id: uuid.UUID = Field(
        description="The member's user id (the id `owner_id` and `sponsor_id` use)."
    )
    email: str = Field(description="The member's sign-in email.")
    name: str = Field(description="The member's display name.")
    role: Role = Field(description="The member's role in this workspace.")
    is_active: bool = Field(description="`false` when the account is deactivated.")
    created_at: datetime = Field(description="When they joined the workspace.")
    updated_at: datetime = Field(description="When their membership last changed.")
    etag: str = Field(
        default="",
        description="Read-only: the membership's version, the exact `ETag` a change of role "
        "answers with. Send it as `If-Match` to change the role or remove the member straight "
        "from the list.",
    )

    @model_validator(mode="after")
    def _versioned(self) -> MemberPublic:
        if not self.etag:
            self.etag = etag_of(self)
        return self
