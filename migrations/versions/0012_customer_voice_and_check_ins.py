"""the customer's voice (feedback links and responses) and department check-ins (issue 15)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import pilotboard.core.types

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "rate_counters",
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("window_start", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", "window_start", name=op.f("pk_rate_counters")),
    )
    with op.batch_alter_table("rate_counters", schema=None) as batch_op:
        batch_op.create_index("ix_rate_counters_window_start", ["window_start"], unique=False)

    op.create_table(
        "feedback_links",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("pilot_id", sa.Uuid(), nullable=False),
        sa.Column("contact_name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("contact_email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("revoked_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("revoked_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["users.id"],
            name=op.f("fk_feedback_links_created_by_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["pilot_id"],
            ["pilots.id"],
            name=op.f("fk_feedback_links_pilot_id_pilots"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["revoked_by"],
            ["users.id"],
            name=op.f("fk_feedback_links_revoked_by_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_feedback_links_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_links")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_feedback_links_token_hash")),
    )
    with op.batch_alter_table("feedback_links", schema=None) as batch_op:
        batch_op.create_index(
            "ix_feedback_links_workspace_id_pilot_id_created_at_id",
            ["workspace_id", "pilot_id", "created_at", "id"],
            unique=False,
        )

    op.create_table(
        "check_in_requests",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("pilot_id", sa.Uuid(), nullable=False),
        sa.Column("involvement_id", sa.Uuid(), nullable=False),
        sa.Column("iteration_id", sa.Uuid(), nullable=True),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("asked_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["involvement_id"],
            ["involvements.id"],
            name=op.f("fk_check_in_requests_involvement_id_involvements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["iteration_id"],
            ["iterations.id"],
            name=op.f("fk_check_in_requests_iteration_id_iterations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["pilot_id"],
            ["pilots.id"],
            name=op.f("fk_check_in_requests_pilot_id_pilots"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_check_in_requests_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_in_requests")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_check_in_requests_token_hash")),
    )
    with op.batch_alter_table("check_in_requests", schema=None) as batch_op:
        batch_op.create_index(
            "ix_check_in_requests_workspace_id_involvement_id_asked_at",
            ["workspace_id", "involvement_id", "asked_at"],
            unique=False,
        )

    op.create_table(
        "feedback_responses",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("pilot_id", sa.Uuid(), nullable=False),
        sa.Column("link_id", sa.Uuid(), nullable=True),
        sa.Column("iteration_id", sa.Uuid(), nullable=True),
        sa.Column("respondent_name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("difference", sa.Integer(), nullable=False),
        sa.Column("effort", sa.Integer(), nullable=False),
        sa.Column("comment", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column("new_needs", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column("created_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["iteration_id"],
            ["iterations.id"],
            name=op.f("fk_feedback_responses_iteration_id_iterations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["link_id"],
            ["feedback_links.id"],
            name=op.f("fk_feedback_responses_link_id_feedback_links"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["pilot_id"],
            ["pilots.id"],
            name=op.f("fk_feedback_responses_pilot_id_pilots"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_feedback_responses_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_responses")),
    )
    with op.batch_alter_table("feedback_responses", schema=None) as batch_op:
        batch_op.create_index(
            "ix_feedback_responses_link_id_created_at", ["link_id", "created_at"], unique=False
        )
        batch_op.create_index(
            "ix_feedback_responses_workspace_id_pilot_id_created_at_id",
            ["workspace_id", "pilot_id", "created_at", "id"],
            unique=False,
        )

    op.create_table(
        "check_ins",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("pilot_id", sa.Uuid(), nullable=False),
        sa.Column("involvement_id", sa.Uuid(), nullable=False),
        sa.Column("request_id", sa.Uuid(), nullable=True),
        sa.Column("iteration_id", sa.Uuid(), nullable=True),
        sa.Column("benefit", sa.String(length=8), nullable=False),
        sa.Column("still_committed", sa.Boolean(), nullable=False),
        sa.Column("blocker", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column("recorded_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["involvement_id"],
            ["involvements.id"],
            name=op.f("fk_check_ins_involvement_id_involvements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["iteration_id"],
            ["iterations.id"],
            name=op.f("fk_check_ins_iteration_id_iterations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["pilot_id"],
            ["pilots.id"],
            name=op.f("fk_check_ins_pilot_id_pilots"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"],
            ["users.id"],
            name=op.f("fk_check_ins_recorded_by_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["check_in_requests.id"],
            name=op.f("fk_check_ins_request_id_check_in_requests"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_check_ins_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_ins")),
    )
    with op.batch_alter_table("check_ins", schema=None) as batch_op:
        batch_op.create_index(
            "ix_check_ins_workspace_id_involvement_id_created_at_id",
            ["workspace_id", "involvement_id", "created_at", "id"],
            unique=False,
        )

    # Added columns only (nullable, or with a server default): no batch rebuild on SQLite.
    op.add_column(
        "involvements",
        sa.Column("contact_email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True),
    )
    op.add_column("involvements", sa.Column("first_asked_on", sa.Date(), nullable=True))
    op.add_column(
        "involvements",
        sa.Column("last_asked_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=True),
    )
    op.add_column("involvements", sa.Column("last_check_in_on", sa.Date(), nullable=True))

    op.add_column(
        "iterations",
        sa.Column(
            "customer_summary",
            sqlmodel.sql.sqltypes.AutoString(length=4000),
            nullable=False,
            server_default="",
        ),
    )


def downgrade() -> None:
    with op.batch_alter_table("iterations", schema=None) as batch_op:
        batch_op.drop_column("customer_summary")

    with op.batch_alter_table("involvements", schema=None) as batch_op:
        batch_op.drop_column("last_check_in_on")
        batch_op.drop_column("last_asked_at")
        batch_op.drop_column("first_asked_on")
        batch_op.drop_column("contact_email")

    with op.batch_alter_table("check_ins", schema=None) as batch_op:
        batch_op.drop_index("ix_check_ins_workspace_id_involvement_id_created_at_id")

    op.drop_table("check_ins")
    with op.batch_alter_table("feedback_responses", schema=None) as batch_op:
        batch_op.drop_index("ix_feedback_responses_workspace_id_pilot_id_created_at_id")
        batch_op.drop_index("ix_feedback_responses_link_id_created_at")

    op.drop_table("feedback_responses")
    with op.batch_alter_table("check_in_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_check_in_requests_workspace_id_involvement_id_asked_at")

    op.drop_table("check_in_requests")
    with op.batch_alter_table("feedback_links", schema=None) as batch_op:
        batch_op.drop_index("ix_feedback_links_workspace_id_pilot_id_created_at_id")

    op.drop_table("feedback_links")
    with op.batch_alter_table("rate_counters", schema=None) as batch_op:
        batch_op.drop_index("ix_rate_counters_window_start")

    op.drop_table("rate_counters")
