"""Customers: candidates for a testbed, importable from a CRM."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from pilotboard.core.types import UTCDateTime, new_id


class Customer(SQLModel, table=True):
    __tablename__ = "customers"
    __table_args__ = (
        UniqueConstraint("workspace_id", "external_id"),
        Index("ix_customers_workspace_id_name", "workspace_id", "name"),
        Index("ix_customers_workspace_id_created_at_id", "workspace_id", "created_at", "id"),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    workspace_id: uuid.UUID = Field(foreign_key="workspaces.id", ondelete="CASCADE")
    name: str = Field(max_length=200)
    segment: str = Field(default="", max_length=80)
    annual_revenue: float | None = None
    is_premier_account: bool = False
    external_id: str | None = Field(default=None, max_length=100)
    notes: str = Field(default="", max_length=4000)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
