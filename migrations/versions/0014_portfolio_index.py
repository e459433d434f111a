"""the portfolio's covering index of compact pilot facts (issue 18)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As in pilotboard.pilots.models.PORTFOLIO_COLUMNS when this revision was written.
COLUMNS = [
    "workspace_id",
    "stage",
    "stage_entered_at",
    "health_changes_on",
    "health",
    "title",
    "id",
    "revenue_at_stake",
    "risk_level",
    "metrics_progress",
    "revenue_latest",
    "revenue_baseline",
    "revenue_direction",
    "revenue_period",
    "criteria_changed",
    "owner_id",
]


def upgrade() -> None:
    op.create_index("ix_pilots_portfolio", "pilots", COLUMNS, unique=False)
    # Its first two columns: the new index serves every query this one did.
    op.drop_index("ix_pilots_workspace_id_stage", table_name="pilots")


def downgrade() -> None:
    op.create_index("ix_pilots_workspace_id_stage", "pilots", ["workspace_id", "stage"])
    op.drop_index("ix_pilots_portfolio", table_name="pilots")
