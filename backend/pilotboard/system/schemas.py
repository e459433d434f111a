from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Health(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"example": {"status": "ok", "database": "ok", "revision": "0001"}}
    )

    status: Literal["ok"] = Field(description="`ok` when the service answers.")
    database: Literal["ok"] = Field(description="`ok` when the database answered a query.")
    revision: str | None = Field(description="The Alembic revision the database is migrated to.")
