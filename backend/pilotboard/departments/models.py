"""Departments: the counterparts whose engagement makes or breaks a pilot."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from pilotboard.core.types import UTCDateTime, new_id


class Department(SQLModel, table=True):
    __tablename__ = "departments"
    __table_args__ = (
        UniqueConstraint("workspace_id", "name"),
        Index("ix_departments_workspace_id_created_at_id", "workspace_id", "created_at", "id"),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    workspace_id: uuid.UUID = Field(foreign_key="workspaces.id", ondelete="CASCADE")
    name: str = Field(max_length=120)
    lead_name: str = Field(default="", max_length=120)
    kpi: str = Field(
        default="", max_length=300, description="The measure the department is held to."
    )
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
