"""metrics: the latest measurement's value and date, denormalized for the portfolio

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("metrics", schema=None) as batch_op:
        batch_op.add_column(sa.Column("latest_value", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("latest_measured_on", sa.Date(), nullable=True))
    # The latest measurement: by measured_on, then created_at, then id (as sync_latest).
    op.execute(
        "UPDATE metrics SET "
        "latest_value = (SELECT m.value FROM measurements AS m "
        "WHERE m.workspace_id = metrics.workspace_id AND m.metric_id = metrics.id "
        "ORDER BY m.measured_on DESC, m.created_at DESC, m.id DESC LIMIT 1), "
        "latest_measured_on = (SELECT m.measured_on FROM measurements AS m "
        "WHERE m.workspace_id = metrics.workspace_id AND m.metric_id = metrics.id "
        "ORDER BY m.measured_on DESC, m.created_at DESC, m.id DESC LIMIT 1)"
    )


def downgrade() -> None:
    # Not batch mode: on SQLite it would rebuild `metrics`, and dropping the old table with
    # foreign keys on deletes every measurement (ON DELETE CASCADE). SQLite (3.35+) and
    # PostgreSQL both drop a plain column in place.
    op.execute("ALTER TABLE metrics DROP COLUMN latest_measured_on")
    op.execute("ALTER TABLE metrics DROP COLUMN latest_value")
