"""the portfolio's rollup of involvements by department and status (issue 18):
department_engagements, appended to by triggers on involvements, and filled once from the
involvements there are

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = "workspace_id, department_id, status, involvements"
KEY = ("workspace_id", "department_id", "status")


def _row(r: str, sign: str) -> str:
    """The select list of what involvement row ``r`` adds, times ``sign``."""
    return ", ".join([*(f"{r}.{name} AS {name}" for name in KEY), f"{sign} AS involvements"])


def _changed(old: str, new: str, distinct: str) -> str:
    return " OR ".join(f"{old}.{name} {distinct} {new}.{name}" for name in KEY)


# SQLite: row triggers; an UPDATE that changes none of the key appends nothing.
APPEND = "INSERT INTO department_engagements ({columns}) SELECT {row};"
SQLITE_TRIGGER = """CREATE TRIGGER department_engagements_{name} AFTER {event} ON involvements
{when}
BEGIN
    {body}
END"""
SQLITE = [
    SQLITE_TRIGGER.format(
        name="inserted",
        event="INSERT",
        when="",
        body=APPEND.format(columns=COLUMNS, row=_row("NEW", "1")),
    ),
    SQLITE_TRIGGER.format(
        name="deleted",
        event="DELETE",
        when="",
        body=APPEND.format(columns=COLUMNS, row=_row("OLD", "-1")),
    ),
    SQLITE_TRIGGER.format(
        name="updated",
        event=f"UPDATE OF {', '.join(KEY)}",
        when=f"WHEN {_changed('OLD', 'NEW', 'IS NOT')}",
        body=APPEND.format(columns=COLUMNS, row=_row("OLD", "-1"))
        + APPEND.format(columns=COLUMNS, row=_row("NEW", "1")),
    ),
]

# PostgreSQL: statement triggers over the transition tables, one summed row per key touched.
SUMMED = """INSERT INTO department_engagements ({columns})
    SELECT workspace_id, department_id, status, sum(involvements)
    FROM ({rows}) AS moved
    GROUP BY workspace_id, department_id, status
    HAVING sum(involvements) <> 0"""
ROWS = "SELECT {row} FROM {table} AS {r}"
UPDATED_ROWS = """SELECT {new} FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id
        WHERE {changed}
    UNION ALL
    SELECT {old} FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id WHERE {changed}"""
POSTGRESQL_EVENTS = {
    "inserted": (
        "INSERT",
        "NEW TABLE AS new_rows",
        ROWS.format(row=_row("n", "1"), table="new_rows", r="n"),
    ),
    "deleted": (
        "DELETE",
        "OLD TABLE AS old_rows",
        ROWS.format(row=_row("o", "-1"), table="old_rows", r="o"),
    ),
    "updated": (
        "UPDATE",
        "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        UPDATED_ROWS.format(
            new=_row("n", "1"), old=_row("o", "-1"), changed=_changed("o", "n", "IS DISTINCT FROM")
        ),
    ),
}
FUNCTION = """CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {body};
    RETURN NULL;
END $$"""
TRIGGER = """CREATE TRIGGER {name} AFTER {event} ON involvements REFERENCING {tables}
    FOR EACH STATEMENT EXECUTE FUNCTION {name}()"""


def _postgresql() -> list[str]:
    statements = []
    for name, (event, tables, rows) in POSTGRESQL_EVENTS.items():
        function = f"department_engagements_{name}"
        statements += [
            FUNCTION.format(name=function, body=SUMMED.format(columns=COLUMNS, rows=rows)),
            TRIGGER.format(name=function, event=event, tables=tables),
        ]
    return statements


BACKFILL = """INSERT INTO department_engagements ({columns})
SELECT workspace_id, department_id, status, count(*) FROM involvements
GROUP BY workspace_id, department_id, status"""


def upgrade() -> None:
    op.create_table(
        "department_engagements",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("department_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("involvements", sa.Integer(), nullable=False),
    )
    op.create_index(
        "ix_department_engagements_workspace_id", "department_engagements", ["workspace_id", "id"]
    )
    engine = op.get_bind().dialect.name
    for statement in SQLITE if engine == "sqlite" else _postgresql():
        op.execute(statement)
    op.execute(BACKFILL.format(columns=COLUMNS))


def downgrade() -> None:
    engine = op.get_bind().dialect.name
    for name in ("inserted", "deleted", "updated"):
        if engine == "sqlite":
            op.execute(f"DROP TRIGGER department_engagements_{name}")
        else:
            op.execute(f"DROP TRIGGER department_engagements_{name} ON involvements")
            op.execute(f"DROP FUNCTION department_engagements_{name}()")
    op.drop_index("ix_department_engagements_workspace_id", table_name="department_engagements")
    op.drop_table("department_engagements")
