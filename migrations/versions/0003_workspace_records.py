"""departments, customers, workspace settings and idempotency keys

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import pilotboard.core.types

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "idempotency_keys",
        sa.Column("scope", sa.String(length=80), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("body", pilotboard.core.types.JSONDocument(), nullable=False),
        sa.Column("headers", pilotboard.core.types.JSONDocument(), nullable=False),
        sa.Column("created_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("scope", "key", name=op.f("pk_idempotency_keys")),
    )
    with op.batch_alter_table("idempotency_keys", schema=None) as batch_op:
        batch_op.create_index("ix_idempotency_keys_created_at", ["created_at"], unique=False)
    op.create_table(
        "customers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("segment", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("annual_revenue", sa.Float(), nullable=True),
        sa.Column("is_premier_account", sa.Boolean(), nullable=False),
        sa.Column("external_id", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column("created_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_customers_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
        sa.UniqueConstraint(
            "workspace_id", "external_id", name=op.f("uq_customers_workspace_id_external_id")
        ),
    )
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.create_index(
            "ix_customers_workspace_id_created_at_id",
            ["workspace_id", "created_at", "id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_customers_workspace_id_name", ["workspace_id", "name"], unique=False
        )
    op.create_table(
        "departments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("lead_name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("kpi", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("created_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_departments_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_departments")),
        sa.UniqueConstraint("workspace_id", "name", name=op.f("uq_departments_workspace_id_name")),
    )
    with op.batch_alter_table("departments", schema=None) as batch_op:
        batch_op.create_index(
            "ix_departments_workspace_id_created_at_id",
            ["workspace_id", "created_at", "id"],
            unique=False,
        )
    op.create_table(
        "workspace_settings",
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("rubric", pilotboard.core.types.JSONDocument(), nullable=False),
        sa.Column("thresholds", pilotboard.core.types.JSONDocument(), nullable=False),
        sa.Column("created_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_workspace_settings_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workspace_id", name=op.f("pk_workspace_settings")),
    )


def downgrade() -> None:
    op.drop_table("workspace_settings")
    with op.batch_alter_table("departments", schema=None) as batch_op:
        batch_op.drop_index("ix_departments_workspace_id_created_at_id")
    op.drop_table("departments")
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.drop_index("ix_customers_workspace_id_name")
        batch_op.drop_index("ix_customers_workspace_id_created_at_id")
    op.drop_table("customers")
    with op.batch_alter_table("idempotency_keys", schema=None) as batch_op:
        batch_op.drop_index("ix_idempotency_keys_created_at")
    op.drop_table("idempotency_keys")
