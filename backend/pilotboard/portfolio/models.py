"""The portfolio's rollup of pilots by group (#18), kept by the database itself.

The portfolio's totals, stages, health counts, outcomes and risk-by-progress bins are all sums
over a few hundred groups of pilots: by stage, stored health, risk level and progress band, with
how many pilots, their revenue at stake, their annual revenue gain and how many have a revenue
lift. Summing the pilots themselves on every read costs time in proportion to the workspace, so
each write to ``pilots`` appends what it changes in those sums instead: one signed row per group
it leaves or enters (+1 and the pilot's figures, or -1 and its former ones). Triggers on
``pilots`` append them (``migrations/versions/0016_portfolio_groups.py``), so every write counts,
whoever makes it: the ORM, a Core bulk statement, a restore, the health job, raw SQL.

Rows are only ever appended by writers, so two writers never wait on the same row. A reader sums
a workspace's rows by group; ``rollup.compact`` replaces them now and then with one row per
group (in one transaction that deletes exactly the rows it sums), so what a reader sums stays a
few hundred rows whatever the number of pilots.
"""

from __future__ import annotations

import uuid

from sqlalchemy import BigInteger, Index, Integer, String
from sqlmodel import Field, SQLModel

# The progress bands, in the order the bins print them (``service.progress_band_expression``).
BANDS = ("none", "0-25", "25-50", "50-75", "75-100", "100+")


class PortfolioGroup(SQLModel, table=True):
    __tablename__ = "portfolio_groups"
    __table_args__ = (Index("ix_portfolio_groups_workspace_id", "workspace_id", "id"),)

    # An integer rowid on SQLite (which numbers only INTEGER PRIMARY KEY columns itself).
    id: int | None = Field(
        default=None,
        primary_key=True,
        sa_type=BigInteger().with_variant(Integer(), "sqlite"),
    )
    # No foreign key: the rows a workspace's deletion appends (its pilots leave their groups)
    # would otherwise outlive it or fail; they sum to nothing and compaction drops them.
    workspace_id: uuid.UUID
    stage: str = Field(sa_type=String(16))
    health: str = Field(sa_type=String(16))  # as stored on the pilot
    risk_level: str | None = Field(default=None, sa_type=String(8))
    band: str = Field(sa_type=String(8))
    pilots: int
    stake: float  # revenue at stake (null counts 0)
    gain: float  # ``service.gain_expression``
    lifts: int  # pilots with a revenue lift (``service.lift_known``)


class DepartmentEngagement(SQLModel, table=True):
    """The portfolio's rollup of involvements by department and engagement status (#18): the
    departments' heatmap counts, kept as ``PortfolioGroup`` is (signed rows that triggers on
    ``involvements`` append, migration 0018; compacted by ``rollup.compact``)."""

    __tablename__ = "department_engagements"
    __table_args__ = (Index("ix_department_engagements_workspace_id", "workspace_id", "id"),)

    id: int | None = Field(
        default=None,
        primary_key=True,
        sa_type=BigInteger().with_variant(Integer(), "sqlite"),
    )
    workspace_id: uuid.UUID  # no foreign key, as for PortfolioGroup
    department_id: uuid.UUID
    status: str = Field(sa_type=String(16))
    involvements: int
