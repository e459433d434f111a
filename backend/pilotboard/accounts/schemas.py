from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from pilotboard.workspaces.models import Role

_EXAMPLE_USER_ID = "6f1c2a9e-4b7d-4c1e-9a53-0d2f8b7e5a10"
_EXAMPLE_WS_ID = "2b8e4f61-93c5-4a0d-b7e2-5c9a1d3f6e84"


class Strict(BaseModel):
    """Request bodies refuse unknown and read-only fields instead of ignoring them."""

    model_config = ConfigDict(extra="forbid")


class LoginRequest(Strict):
    model_config = ConfigDict(
        json_schema_extra={"example": {"email": "exec@demo.local", "password": "pilotboard-demo"}}
    )

    email: str = Field(
        description="Your sign-in email (case-insensitive).", min_length=3, max_length=254
    )
    password: str = Field(description="Your password.", min_length=1, max_length=1024)


class MembershipSummary(BaseModel):
    workspace_id: uuid.UUID = Field(description="The workspace's id.")
    workspace_name: str = Field(description="The workspace's name.")
    role: Role = Field(description="Your role in it.")


class MePublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "id": _EXAMPLE_USER_ID,
                "email": "exec@demo.local",
                "name": "Erin Executive",
                "is_admin": False,
                "memberships": [
                    {"workspace_id": _EXAMPLE_WS_ID, "workspace_name": "Demo", "role": "executive"}
                ],
            }
        }
    )

    id: uuid.UUID = Field(description="Your user id.")
    email: str = Field(description="Your sign-in email (stored lower-cased).")
    name: str = Field(description="Your display name.")
    is_admin: bool = Field(description="Instance administrator (not a workspace role).")
    memberships: list[MembershipSummary] = Field(
        description="The workspaces you are a member of, with your role in each."
    )


class LoginResponse(BaseModel):
    user: MePublic = Field(description="The signed-in user and their workspaces.")
    csrf_token: str = Field(
        description="Send as `X-CSRF-Token` on every POST, PUT, PATCH and DELETE of this session."
    )


Scope = Literal["read", "write"]


class TokenCreate(Strict):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "example": {
                "name": "CRM sync",
                "workspace_id": _EXAMPLE_WS_ID,
                "scopes": ["read", "write"],
                "expires_at": "2027-06-30T00:00:00Z",
            }
        },
    )

    name: str = Field(
        description="A label to recognise the token by, e.g. the integration it serves.",
        min_length=1,
        max_length=100,
    )
    workspace_id: uuid.UUID = Field(
        description="The one workspace the token can reach; you must be a member."
    )
    scopes: list[Scope] = Field(
        min_length=1,
        max_length=2,
        description='`["read"]` or `["read", "write"]`.',
    )
    expires_at: datetime | None = Field(
        default=None, description="Optional; must be in the future."
    )

    @field_validator("name")
    @classmethod
    def _name_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("The name cannot be blank.")
        return value.strip()

    @field_validator("scopes")
    @classmethod
    def _scopes(cls, value: list[Scope]) -> list[Scope]:
        if sorted(set(value)) != sorted(value):
            raise ValueError("Each scope may appear once.")
        if "read" not in value:
            raise ValueError('Scopes are ["read"] or ["read", "write"]: write includes read.')
        return ["read", "write"] if "write" in value else ["read"]

    @field_validator("expires_at")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("Give a timezone, e.g. 2027-06-30T00:00:00Z.")
        try:
            return value.astimezone(UTC)
        except OverflowError:
            raise ValueError(
                "The time is out of range: it must fall between the years 1 and 9999 in UTC."
            ) from None


class TokenPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "id": "9d0e7c3b-1f4a-4e6b-8c2d-7a5b3e1f9c60",
                "name": "CRM sync",
                "workspace_id": _EXAMPLE_WS_ID,
                "scopes": ["read", "write"],
                "prefix": "pb_Xq3v",
                "expires_at": "2027-06-30T00:00:00Z",
                "last_used_at": None,
                "revoked_at": None,
                "created_at": "2026-11-22T10:00:00Z",
                "updated_at": "2026-11-22T10:00:00Z",
            }
        }
    )

    id: uuid.UUID = Field(description="The token's id (not the secret).")
    name: str = Field(description="Its label.")
    workspace_id: uuid.UUID = Field(description="The one workspace it can reach.")
    scopes: list[Scope] = Field(description="`read`, or `read` and `write`.")
    prefix: str = Field(description="The first characters of the token, to recognise it.")
    expires_at: datetime | None = Field(description="When it stops working; `null` for never.")
    last_used_at: datetime | None = Field(
        description="When it last authenticated a request; `null` if never."
    )
    revoked_at: datetime | None = Field(
        description="When it was revoked; `null` while it is valid."
    )
    created_at: datetime = Field(description="When it was created.")
    updated_at: datetime = Field(description="When it last changed.")


class TokenCreated(TokenPublic):
    token: str = Field(description="The secret (`pb_…`). Shown once: store it now.")
