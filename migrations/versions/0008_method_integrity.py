"""method integrity: withdrawn decisions, success criteria changes, revenue per period

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import pilotboard.core.types

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The server defaults backfill existing rows: decisions are not withdrawn, metrics are per
    # year with no criteria change, pilots' criteria unchanged. `metrics` and `pilots` get plain
    # ADD COLUMN, never a batch rebuild: on SQLite that would drop the old table and, with
    # foreign keys on, cascade to their child rows.
    # Nothing references `decisions`, so SQLite may rebuild it (batch mode) to add the foreign
    # key; PostgreSQL just alters it.
    with op.batch_alter_table("decisions") as batch:
        batch.add_column(
            sa.Column("withdrawn_at", pilotboard.core.types.UTCDateTime(), nullable=True)
        )
        batch.add_column(sa.Column("withdrawn_by", sa.Uuid(), nullable=True))
        batch.add_column(
            sa.Column("withdraw_reason", sa.String(length=2000), nullable=False, server_default="")
        )
        batch.create_foreign_key(
            "fk_decisions_withdrawn_by_users",
            "users",
            ["withdrawn_by"],
            ["id"],
            ondelete="SET NULL",
        )
    op.add_column(
        "metrics",
        sa.Column("revenue_period", sa.String(length=16), nullable=False, server_default="year"),
    )
    op.add_column(
        "metrics",
        sa.Column(
            "criteria_changes",
            pilotboard.core.types.JSONDocument(),
            nullable=False,
            server_default="[]",
        ),
    )
    op.add_column("pilots", sa.Column("revenue_period", sa.String(length=16), nullable=True))
    op.add_column(
        "pilots",
        sa.Column("criteria_changed", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.execute(
        "UPDATE pilots SET revenue_period = (SELECT max(m.revenue_period) FROM metrics AS m "
        "WHERE m.workspace_id = pilots.workspace_id AND m.pilot_id = pilots.id AND m.is_revenue)"
    )


def downgrade() -> None:
    op.drop_column("pilots", "criteria_changed")
    op.drop_column("pilots", "revenue_period")
    op.drop_column("metrics", "criteria_changes")
    op.drop_column("metrics", "revenue_period")
    with op.batch_alter_table("decisions") as batch:
        batch.drop_constraint("fk_decisions_withdrawn_by_users", type_="foreignkey")
        batch.drop_column("withdraw_reason")
        batch.drop_column("withdrawn_by")
        batch.drop_column("withdrawn_at")
