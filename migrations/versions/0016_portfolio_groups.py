"""the portfolio's rollup of pilots by group (issue 18): portfolio_groups, appended to by
triggers on pilots, and filled once from the pilots there are

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# What one pilot adds to its group, as SQL on a pilot row named {r}: as in
# pilotboard.portfolio.service (progress_band_expression, gain_expression, lift_known, a null
# revenue at stake counting 0) when this revision was written.
BAND = """CASE WHEN {r}.metrics_progress IS NULL THEN 'none'
    WHEN {r}.metrics_progress >= 1.0 THEN '100+'
    WHEN {r}.metrics_progress < 0.25 THEN '0-25'
    WHEN {r}.metrics_progress < 0.5 THEN '25-50'
    WHEN {r}.metrics_progress < 0.75 THEN '50-75'
    ELSE '75-100' END"""
STAKE = "COALESCE({r}.revenue_at_stake, 0.0)"
GAIN = """CASE WHEN {r}.stage IN ('scaling', 'adopted') AND {r}.revenue_latest IS NOT NULL
        AND {r}.revenue_baseline IS NOT NULL
    THEN ({r}.revenue_latest - {r}.revenue_baseline) * CASE {r}.revenue_period
        WHEN 'month' THEN 12 WHEN 'quarter' THEN 4 WHEN 'year' THEN 1 ELSE 1 END
    ELSE 0.0 END"""
LIFT = """CASE WHEN {r}.revenue_latest IS NOT NULL AND {r}.revenue_baseline IS NOT NULL
        AND {r}.revenue_baseline <> 0 THEN 1 ELSE 0 END"""

GROUP = ("workspace_id", "stage", "health", "risk_level")
COLUMNS = "workspace_id, stage, health, risk_level, band, pilots, stake, gain, lifts"
# The columns a group's figures are read from: an UPDATE of no other column moves nothing.
SOURCES = (
    "workspace_id",
    "stage",
    "health",
    "risk_level",
    "metrics_progress",
    "revenue_at_stake",
    "revenue_latest",
    "revenue_baseline",
    "revenue_period",
)


def _contribution(r: str, sign: str) -> str:
    """The select list of what pilot row ``r`` adds to its group, times ``sign``."""
    return ", ".join(
        [
            *(f"{r}.{name} AS {name}" for name in GROUP),
            f"{BAND.format(r=r)} AS band",
            f"{sign} AS pilots",
            f"{sign} * {STAKE.format(r=r)} AS stake",
            f"{sign} * ({GAIN.format(r=r)}) AS gain",
            f"{sign} * ({LIFT.format(r=r)}) AS lifts",
        ]
    )


def _changed(old: str, new: str, distinct: str) -> str:
    """Whether a pilot's group or figures differ between its rows ``old`` and ``new``."""
    return " OR ".join(
        f"({expression.format(r=old)}) {distinct} ({expression.format(r=new)})"
        for expression in (*(f"{{r}}.{name}" for name in GROUP), BAND, STAKE, GAIN, LIFT)
    )


# SQLite: row triggers (it has no others), each appending a row per group the pilot leaves or
# enters. An UPDATE that changes none of the figures appends nothing.
APPEND = "INSERT INTO portfolio_groups ({columns}) SELECT {contribution};"
SQLITE_TRIGGER = """CREATE TRIGGER portfolio_groups_{name} AFTER {event} ON pilots {when}
BEGIN
    {body}
END"""
SQLITE = [
    SQLITE_TRIGGER.format(
        name="inserted",
        event="INSERT",
        when="",
        body=APPEND.format(columns=COLUMNS, contribution=_contribution("NEW", "1")),
    ),
    SQLITE_TRIGGER.format(
        name="deleted",
        event="DELETE",
        when="",
        body=APPEND.format(columns=COLUMNS, contribution=_contribution("OLD", "-1")),
    ),
    SQLITE_TRIGGER.format(
        name="updated",
        event=f"UPDATE OF {', '.join(SOURCES)}",
        when=f"WHEN {_changed('OLD', 'NEW', 'IS NOT')}",
        body=APPEND.format(columns=COLUMNS, contribution=_contribution("OLD", "-1"))
        + APPEND.format(columns=COLUMNS, contribution=_contribution("NEW", "1")),
    ),
]

# PostgreSQL: statement triggers over the transition tables, so a bulk statement appends one
# row per group it touches, summed, however many pilots it writes.
SUMMED = """INSERT INTO portfolio_groups ({columns})
    SELECT workspace_id, stage, health, risk_level, band, sum(pilots), sum(stake), sum(gain),
        sum(lifts)
    FROM ({rows}) AS moved
    GROUP BY workspace_id, stage, health, risk_level, band
    HAVING sum(pilots) <> 0 OR sum(stake) <> 0 OR sum(gain) <> 0 OR sum(lifts) <> 0"""
ROWS = "SELECT {contribution} FROM {table} AS {r}"
UPDATED_ROWS = """SELECT {new} FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id
        WHERE {changed}
    UNION ALL
    SELECT {old} FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id WHERE {changed}"""
POSTGRESQL_EVENTS = {
    "inserted": (
        "INSERT",
        "NEW TABLE AS new_rows",
        ROWS.format(contribution=_contribution("n", "1"), table="new_rows", r="n"),
    ),
    "deleted": (
        "DELETE",
        "OLD TABLE AS old_rows",
        ROWS.format(contribution=_contribution("o", "-1"), table="old_rows", r="o"),
    ),
    "updated": (
        "UPDATE",
        "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        UPDATED_ROWS.format(
            new=_contribution("n", "1"),
            old=_contribution("o", "-1"),
            changed=_changed("o", "n", "IS DISTINCT FROM"),
        ),
    ),
}
FUNCTION = """CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {body};
    RETURN NULL;
END $$"""
TRIGGER = """CREATE TRIGGER {name} AFTER {event} ON pilots REFERENCING {tables}
    FOR EACH STATEMENT EXECUTE FUNCTION {name}()"""


def _postgresql() -> list[str]:
    statements = []
    for name, (event, tables, rows) in POSTGRESQL_EVENTS.items():
        function = f"portfolio_groups_{name}"
        statements += [
            FUNCTION.format(name=function, body=SUMMED.format(columns=COLUMNS, rows=rows)),
            TRIGGER.format(name=function, event=event, tables=tables),
        ]
    return statements


BACKFILL = """INSERT INTO portfolio_groups ({columns})
SELECT workspace_id, stage, health, risk_level, band, count(*), sum(stake), sum(gain), sum(lifts)
FROM (SELECT {contribution} FROM pilots AS p) AS pilot
GROUP BY workspace_id, stage, health, risk_level, band"""


def upgrade() -> None:
    op.create_table(
        "portfolio_groups",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("health", sa.String(length=16), nullable=False),
        sa.Column("risk_level", sa.String(length=8), nullable=True),
        sa.Column("band", sa.String(length=8), nullable=False),
        sa.Column("pilots", sa.Integer(), nullable=False),
        sa.Column("stake", sa.Float(), nullable=False),
        sa.Column("gain", sa.Float(), nullable=False),
        sa.Column("lifts", sa.Integer(), nullable=False),
    )
    op.create_index("ix_portfolio_groups_workspace_id", "portfolio_groups", ["workspace_id", "id"])
    engine = op.get_bind().dialect.name
    for statement in SQLITE if engine == "sqlite" else _postgresql():
        op.execute(statement)
    op.execute(BACKFILL.format(columns=COLUMNS, contribution=_contribution("p", "1")))


def downgrade() -> None:
    engine = op.get_bind().dialect.name
    for name in ("inserted", "deleted", "updated"):
        if engine == "sqlite":
            op.execute(f"DROP TRIGGER portfolio_groups_{name}")
        else:
            op.execute(f"DROP TRIGGER portfolio_groups_{name} ON pilots")
            op.execute(f"DROP FUNCTION portfolio_groups_{name}()")
    op.drop_index("ix_portfolio_groups_workspace_id", table_name="portfolio_groups")
    op.drop_table("portfolio_groups")
