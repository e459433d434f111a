"""pilots: the metric summary (revenue metric's latest value, baseline, direction; mean
progress), denormalized for the portfolio; indexes that answer the portfolio's department
heatmap and days to the scale decision without reading the tables, and its order by title

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("revenue_latest", "revenue_baseline", "revenue_direction", "metrics_progress")


# As pilots.latest.sync_summary computes them, from metrics.latest_value (migration 0006).
BACKFILL = """
UPDATE pilots SET
  revenue_latest = (SELECT max(m.latest_value) FROM metrics AS m
    WHERE m.workspace_id = pilots.workspace_id AND m.pilot_id = pilots.id AND m.is_revenue),
  revenue_baseline = (SELECT max(m.baseline) FROM metrics AS m
    WHERE m.workspace_id = pilots.workspace_id AND m.pilot_id = pilots.id AND m.is_revenue),
  revenue_direction = (SELECT max(m.direction) FROM metrics AS m
    WHERE m.workspace_id = pilots.workspace_id AND m.pilot_id = pilots.id AND m.is_revenue),
  metrics_progress = (SELECT avg(CASE WHEN m.latest_value IS NOT NULL
      AND m.baseline IS NOT NULL AND m.target IS NOT NULL AND m.target != m.baseline
      THEN (m.latest_value - m.baseline) / (m.target - m.baseline) END) FROM metrics AS m
    WHERE m.workspace_id = pilots.workspace_id AND m.pilot_id = pilots.id)
"""


def upgrade() -> None:
    # Plain ADD COLUMN, not batch mode: on SQLite a batch rebuild of `pilots` would drop the
    # old table and, with foreign keys on, delete every child row (ON DELETE CASCADE).
    op.add_column("pilots", sa.Column("revenue_latest", sa.Float(), nullable=True))
    op.add_column("pilots", sa.Column("revenue_baseline", sa.Float(), nullable=True))
    op.add_column("pilots", sa.Column("revenue_direction", sa.String(length=16), nullable=True))
    op.add_column("pilots", sa.Column("metrics_progress", sa.Float(), nullable=True))
    op.execute(BACKFILL)
    # By title then id (the order of the portfolio and of the pilots list by title), so neither
    # sorts the ties itself.
    op.drop_index("ix_pilots_workspace_id_title", table_name="pilots")
    op.create_index("ix_pilots_workspace_id_title_id", "pilots", ["workspace_id", "title", "id"])
    # The involvements' department index gains the status (same prefix, same users).
    op.drop_index("ix_involvements_workspace_id_department_id", table_name="involvements")
    op.create_index(
        "ix_involvements_workspace_id_department_id_status",
        "involvements",
        ["workspace_id", "department_id", "status"],
    )
    op.create_index(
        "ix_decisions_workspace_id_kind_pilot_id_decided_on",
        "decisions",
        ["workspace_id", "kind", "pilot_id", "decided_on"],
    )
    op.create_index(
        "ix_pilot_transitions_workspace_id_to_stage_pilot_id_occurred_at",
        "pilot_transitions",
        ["workspace_id", "to_stage", "pilot_id", "occurred_at"],
    )


def downgrade() -> None:
    op.drop_index(
        "ix_pilot_transitions_workspace_id_to_stage_pilot_id_occurred_at",
        table_name="pilot_transitions",
    )
    op.drop_index("ix_decisions_workspace_id_kind_pilot_id_decided_on", table_name="decisions")
    op.drop_index("ix_involvements_workspace_id_department_id_status", table_name="involvements")
    op.create_index(
        "ix_involvements_workspace_id_department_id",
        "involvements",
        ["workspace_id", "department_id"],
    )
    op.drop_index("ix_pilots_workspace_id_title_id", table_name="pilots")
    op.create_index("ix_pilots_workspace_id_title", "pilots", ["workspace_id", "title"])
    # In place (SQLite 3.35+ and PostgreSQL), for the reason given in upgrade().
    for name in reversed(COLUMNS):
        op.execute(f"ALTER TABLE pilots DROP COLUMN {name}")
