"""the portfolio's index of the chart marks (issue 18): ix_pilots_marks, by workspace, stored
health, stake, title and id, with the stage; it replaces ix_pilots_workspace_id_health

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As in pilotboard.pilots.models.MARKS_COLUMNS when this revision was written.
COLUMNS = ["workspace_id", "health", "revenue_at_stake", "title", "id", "stage"]


def upgrade() -> None:
    op.create_index("ix_pilots_marks", "pilots", COLUMNS, unique=False)
    # Its first two columns: the new index serves every query this one did.
    op.drop_index("ix_pilots_workspace_id_health", table_name="pilots")


def downgrade() -> None:
    op.create_index("ix_pilots_workspace_id_health", "pilots", ["workspace_id", "health"])
    op.drop_index("ix_pilots_marks", table_name="pilots")
