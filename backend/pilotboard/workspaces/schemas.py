from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

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

    name: str = Field(min_length=1, max_length=100)
    currency: str = Field(default="EUR", pattern=CURRENCY_PATTERN, description="ISO 4217 code.")

    _name = field_validator("name")(_not_blank)


class WorkspaceUpdate(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"example": {"name": "Field services EMEA"}}
    )

    name: str | None = Field(default=None, min_length=1, max_length=100)
    currency: str | None = Field(default=None, pattern=CURRENCY_PATTERN)

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

    id: uuid.UUID
    name: str
    currency: str
    role: Role = Field(description="Your role in this workspace.")
    created_at: datetime
    updated_at: datetime


class MemberCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"example": {"email": "dana@example.com", "role": "editor"}},
    )

    email: str = Field(min_length=3, max_length=254, description="An existing user's email.")
    role: Role


class MemberUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"example": {"role": "executive"}})

    role: Role


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
    user_id: uuid.UUID
    email: str
    name: str
    role: Role
    is_active: bool
    created_at: datetime
    updated_at: datetime
