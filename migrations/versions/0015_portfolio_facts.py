"""the portfolio's stored facts (issue 18): pilots.scale_days, waiting_on, start_engaged and
revenue_lift, involvements.silent_since, with the indexes the portfolio walks

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As in pilotboard.pilots.models.WAITING_COLUMNS when this revision was written.
WAITING_COLUMNS = [
    "workspace_id",
    "waiting_on",
    "start_engaged",
    "sponsor_id",
    "stage",
    "stage_entered_at",
    "health",
    "title",
    "id",
]

# As in pilotboard.pilots.models.REVENUE_LIFT_COLUMNS when this revision was written.
REVENUE_LIFT_COLUMNS = [
    "workspace_id",
    "revenue_lift",
    "revenue_latest",
    "revenue_baseline",
    "revenue_direction",
]

# The backfill computes what pilotboard.pilots.portfolio_facts computes from a pilot's records
# (withdrawn decisions count for nothing; days are UTC calendar dates), per engine: DAY is the
# UTC date of a timestamp; a stake counts when something is left of it once TRIM strips the
# WHITESPACE (as Python's str.strip does on ASCII text).
DAY = {
    "sqlite": "date({})",
    "postgresql": "CAST(({}) AT TIME ZONE 'UTC' AS DATE)",
}
DAYS_BETWEEN = {
    "sqlite": "CAST(julianday({later}) - julianday({earlier}) AS INTEGER)",
    "postgresql": "({later}) - ({earlier})",
}
WHITESPACE = {
    "sqlite": "' ' || char(9, 10, 11, 12, 13)",
    "postgresql": "' ' || chr(9) || chr(10) || chr(11) || chr(12) || chr(13)",
}
TRIM = {"sqlite": "trim", "postgresql": "btrim"}

SCALE_DAYS = """
UPDATE pilots SET scale_days = {days_between}
WHERE EXISTS (SELECT 1 FROM decisions AS d WHERE d.workspace_id = pilots.workspace_id
    AND d.pilot_id = pilots.id AND d.kind = 'scale' AND d.withdrawn_at IS NULL)
  AND EXISTS (SELECT 1 FROM pilot_transitions AS t WHERE t.workspace_id = pilots.workspace_id
    AND t.pilot_id = pilots.id AND t.to_stage = 'running')
"""
FIRST_SCALE = """(SELECT min(d.decided_on) FROM decisions AS d
    WHERE d.workspace_id = pilots.workspace_id AND d.pilot_id = pilots.id AND d.kind = 'scale'
      AND d.withdrawn_at IS NULL)"""
FIRST_RUNNING = """(SELECT min(t.occurred_at) FROM pilot_transitions AS t
    WHERE t.workspace_id = pilots.workspace_id AND t.pilot_id = pilots.id
      AND t.to_stage = 'running')"""

WAITING_SCALE = """
UPDATE pilots SET waiting_on = 'scale'
WHERE stage = 'scale_review' AND NOT EXISTS (SELECT 1 FROM decisions AS d
    WHERE d.workspace_id = pilots.workspace_id AND d.pilot_id = pilots.id
      AND d.kind IN ('scale', 'continue', 'pivot', 'stop') AND d.withdrawn_at IS NULL
      AND d.decided_on >= {entered})
"""

WAITING_START = """
UPDATE pilots SET waiting_on = 'start', start_engaged = (SELECT count(*) FROM involvements AS i
    WHERE i.workspace_id = pilots.workspace_id AND i.pilot_id = pilots.id
      AND i.status IN ('engaged', 'champion') AND {trim}(i.stake, {whitespace}) != '')
WHERE stage IN ('proposed', 'selecting') AND customer_id IS NOT NULL
  AND EXISTS (SELECT 1 FROM metrics AS m WHERE m.workspace_id = pilots.workspace_id
    AND m.pilot_id = pilots.id AND m.kind = 'customer_experienced'
    AND m.baseline IS NOT NULL AND m.target IS NOT NULL)
  AND NOT EXISTS (SELECT 1 FROM decisions AS d WHERE d.workspace_id = pilots.workspace_id
    AND d.pilot_id = pilots.id AND d.kind = 'start' AND d.withdrawn_at IS NULL)
"""

# As pilotboard.pilots.metrics.summary.revenue_lift_expression, from the metric summary.
REVENUE_LIFT = """
UPDATE pilots SET revenue_lift = (CAST(revenue_latest AS FLOAT) - CAST(revenue_baseline AS FLOAT))
    / CAST(revenue_baseline AS FLOAT)
    * CASE WHEN revenue_direction = 'decrease' THEN -1.0 ELSE 1.0 END
WHERE revenue_latest IS NOT NULL AND revenue_baseline IS NOT NULL AND revenue_baseline != 0
"""

SILENT_SINCE = """
UPDATE involvements SET silent_since = coalesce(last_check_in_on, first_asked_on)
WHERE status IN ('engaged', 'champion')
  AND coalesce(last_check_in_on, first_asked_on) IS NOT NULL
  AND (SELECT p.stage FROM pilots AS p WHERE p.id = involvements.pilot_id)
    IN ('running', 'scale_review')
"""


def upgrade() -> None:
    # Plain ADD COLUMN, not batch mode (see 0007: a batch rebuild of `pilots` on SQLite would
    # delete every child row through ON DELETE CASCADE).
    op.add_column("pilots", sa.Column("scale_days", sa.Integer(), nullable=True))
    op.add_column("pilots", sa.Column("waiting_on", sa.String(length=8), nullable=True))
    op.add_column("pilots", sa.Column("start_engaged", sa.Integer(), nullable=True))
    op.add_column("pilots", sa.Column("revenue_lift", sa.Float(), nullable=True))
    op.add_column("involvements", sa.Column("silent_since", sa.Date(), nullable=True))
    engine = op.get_bind().dialect.name
    op.execute(
        SCALE_DAYS.format(
            days_between=DAYS_BETWEEN[engine].format(
                later=FIRST_SCALE, earlier=DAY[engine].format(FIRST_RUNNING)
            )
        )
    )
    op.execute(WAITING_SCALE.format(entered=DAY[engine].format("pilots.stage_entered_at")))
    op.execute(WAITING_START.format(trim=TRIM[engine], whitespace=WHITESPACE[engine]))
    op.execute(REVENUE_LIFT)
    op.execute(SILENT_SINCE)
    op.create_index("ix_pilots_waiting", "pilots", WAITING_COLUMNS)
    op.create_index("ix_pilots_workspace_id_scale_days", "pilots", ["workspace_id", "scale_days"])
    op.create_index("ix_pilots_revenue_lift", "pilots", REVENUE_LIFT_COLUMNS)
    op.create_index(
        "ix_involvements_workspace_id_silent_since",
        "involvements",
        ["workspace_id", "silent_since", "department_id", "pilot_id"],
    )
    if engine == "postgresql":
        # The backfill rewrote most pilot rows: fresh statistics keep the planner on the new
        # indexes. VACUUM cannot run in this transaction; autovacuum or the operator runs it.
        op.execute("ANALYZE pilots")
        op.execute("ANALYZE involvements")


def downgrade() -> None:
    op.drop_index("ix_involvements_workspace_id_silent_since", table_name="involvements")
    op.drop_index("ix_pilots_revenue_lift", table_name="pilots")
    op.drop_index("ix_pilots_workspace_id_scale_days", table_name="pilots")
    op.drop_index("ix_pilots_waiting", table_name="pilots")
    # In place (SQLite 3.35+ and PostgreSQL), for the reason given in upgrade().
    op.execute("ALTER TABLE involvements DROP COLUMN silent_since")
    for name in ("revenue_lift", "start_engaged", "waiting_on", "scale_days"):
        op.execute(f"ALTER TABLE pilots DROP COLUMN {name}")
