from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from pilotboard.core.fields import refuses_null
from pilotboard.workspaces.models import Role

_INVITATION = "5d6e7f80-1a2b-4c3d-9e4f-5a6b7c8d9e0f"


class InvitationCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"example": {"email": "noor@example.com", "role": "executive"}},
    )

    email: str = Field(
        min_length=3,
        max_length=254,
        description="The address to invite (with or without an "
        "account here: the answer is the same).",
    )
    role: Role = Field(description="The role they get on accepting.")


class InvitationPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "id": _INVITATION,
                "email": "noor@example.com",
                "role": "executive",
                "created_at": "2026-11-22T10:00:00Z",
                "expires_at": "2026-11-29T10:00:00Z",
            }
        }
    )

    id: uuid.UUID = Field(description="The invitation's id.")
    email: str = Field(description="The invited address (lower-cased).")
    role: Role = Field(description="The role they get on accepting.")
    created_at: datetime = Field(description="When it was sent.")
    expires_at: datetime = Field(description="When its link stops working (7 days after sending).")


class InvitationPreview(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "workspace_name": "Field services",
                "role": "executive",
                "invited_by": "Ada Admin",
                "email": "noor@example.com",
                "account_exists": False,
            }
        }
    )

    workspace_name: str = Field(description="The workspace the link leads into.")
    role: Role = Field(description="The role it gives.")
    invited_by: str | None = Field(description="Who sent it (`null` if their account is gone).")
    email: str = Field(description="The invited address.")
    account_exists: bool = Field(
        description="`true`: sign in with this address, then accept with an empty body; `false`: "
        "accept with a name and a password to create the account."
    )


class InvitationAccept(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "example": {"name": "Noor Executive", "password": "a long and private phrase"}
        },
    )

    name: str | None = Field(
        default=None,
        min_length=1,
        max_length=120,
        description="Your name, for a new account (with `password`): one line, no control "
        "characters. Leave both out to join with the account you are signed in with.",
        json_schema_extra=refuses_null,
    )
    password: str | None = Field(
        default=None,
        min_length=1,
        max_length=1024,
        description="A password for the new account: at least 12 characters, not the address.",
        json_schema_extra=refuses_null,
    )
