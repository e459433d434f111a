"""pilots and what the method records about them

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import pilotboard.core.types

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pilots",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("hypothesis", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column("target_outcome", sa.String(length=32), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("sponsor_id", sa.Uuid(), nullable=True),
        sa.Column("customer_id", sa.Uuid(), nullable=True),
        sa.Column("risk_level", sa.String(length=8), nullable=True),
        sa.Column("risk_rationale", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("budget", sa.Float(), nullable=True),
        sa.Column("revenue_at_stake", sa.Float(), nullable=True),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column(
            "stage_entered_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("paused_from", sa.String(length=16), nullable=True),
        sa.Column("health", sa.String(length=16), nullable=False),
        sa.Column("health_reasons", pilotboard.core.types.JSONDocument(), nullable=False),
        sa.Column("health_facts", pilotboard.core.types.JSONDocument(), nullable=False),
        sa.Column("health_changes_on", sa.Date(), nullable=True),
        sa.Column("created_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_pilots_customer_id_customers"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_pilots_owner_id_users"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["sponsor_id"],
            ["users.id"],
            name=op.f("fk_pilots_sponsor_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_pilots_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pilots")),
    )
    with op.batch_alter_table("pilots", schema=None) as batch_op:
        batch_op.create_index(
            "ix_pilots_workspace_id_created_at_id",
            ["workspace_id", "created_at", "id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_pilots_workspace_id_customer_id", ["workspace_id", "customer_id"], unique=False
        )
        batch_op.create_index(
            "ix_pilots_workspace_id_health", ["workspace_id", "health"], unique=False
        )
        batch_op.create_index(
            "ix_pilots_workspace_id_owner_id", ["workspace_id", "owner_id"], unique=False
        )
        batch_op.create_index(
            "ix_pilots_workspace_id_stage", ["workspace_id", "stage"], unique=False
        )
        batch_op.create_index(
            "ix_pilots_workspace_id_title", ["workspace_id", "title"], unique=False
        )
    op.create_table(
        "candidates",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("pilot_id", sa.Uuid(), nullable=False),
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column("scores", pilotboard.core.types.JSONDocument(), nullable=False),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("created_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_candidates_customer_id_customers"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["pilot_id"],
            ["pilots.id"],
            name=op.f("fk_candidates_pilot_id_pilots"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_candidates_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_candidates")),
        sa.UniqueConstraint(
            "workspace_id",
            "pilot_id",
            "customer_id",
            name=op.f("uq_candidates_workspace_id_pilot_id_customer_id"),
        ),
    )
    with op.batch_alter_table("candidates", schema=None) as batch_op:
        batch_op.create_index(
            "ix_candidates_workspace_id_customer_id", ["workspace_id", "customer_id"], unique=False
        )
    op.create_table(
        "decisions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("pilot_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("rationale", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("decided_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["decided_by"],
            ["users.id"],
            name=op.f("fk_decisions_decided_by_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["pilot_id"],
            ["pilots.id"],
            name=op.f("fk_decisions_pilot_id_pilots"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_decisions_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decisions")),
    )
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_decisions_workspace_id_pilot_id_decided_on",
            ["workspace_id", "pilot_id", "decided_on"],
            unique=False,
        )
    op.create_table(
        "involvements",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("pilot_id", sa.Uuid(), nullable=False),
        sa.Column("department_id", sa.Uuid(), nullable=False),
        sa.Column("contact_name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("stake", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("invited_on", sa.Date(), nullable=True),
        sa.Column("engaged_on", sa.Date(), nullable=True),
        sa.Column("created_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_involvements_department_id_departments"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["pilot_id"],
            ["pilots.id"],
            name=op.f("fk_involvements_pilot_id_pilots"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_involvements_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_involvements")),
        sa.UniqueConstraint(
            "workspace_id",
            "pilot_id",
            "department_id",
            name=op.f("uq_involvements_workspace_id_pilot_id_department_id"),
        ),
    )
    with op.batch_alter_table("involvements", schema=None) as batch_op:
        batch_op.create_index(
            "ix_involvements_workspace_id_department_id",
            ["workspace_id", "department_id"],
            unique=False,
        )
    op.create_table(
        "iterations",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("pilot_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("changes", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column("change_order", sa.Integer(), nullable=False),
        sa.Column(
            "customer_feedback", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False
        ),
        sa.Column("new_needs", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column("learnings", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column("created_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["pilot_id"],
            ["pilots.id"],
            name=op.f("fk_iterations_pilot_id_pilots"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_iterations_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_iterations")),
        sa.UniqueConstraint(
            "workspace_id",
            "pilot_id",
            "number",
            name=op.f("uq_iterations_workspace_id_pilot_id_number"),
        ),
    )
    op.create_table(
        "metrics",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("pilot_id", sa.Uuid(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("unit", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("direction", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("is_revenue", sa.Boolean(), nullable=False),
        sa.Column("baseline", sa.Float(), nullable=True),
        sa.Column("target", sa.Float(), nullable=True),
        sa.Column("created_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["pilot_id"], ["pilots.id"], name=op.f("fk_metrics_pilot_id_pilots"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_metrics_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_metrics")),
    )
    with op.batch_alter_table("metrics", schema=None) as batch_op:
        batch_op.create_index(
            "ix_metrics_workspace_id_pilot_id", ["workspace_id", "pilot_id"], unique=False
        )
    op.create_table(
        "pilot_transitions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("pilot_id", sa.Uuid(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("from_stage", sa.String(length=16), nullable=True),
        sa.Column("to_stage", sa.String(length=16), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("lessons_learned", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column("actor_user_id", sa.Uuid(), nullable=True),
        sa.Column("occurred_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_user_id"],
            ["users.id"],
            name=op.f("fk_pilot_transitions_actor_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["pilot_id"],
            ["pilots.id"],
            name=op.f("fk_pilot_transitions_pilot_id_pilots"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_pilot_transitions_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pilot_transitions")),
        sa.UniqueConstraint(
            "workspace_id",
            "pilot_id",
            "sequence",
            name=op.f("uq_pilot_transitions_workspace_id_pilot_id_sequence"),
        ),
    )
    op.create_table(
        "scale_plan_items",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("pilot_id", sa.Uuid(), nullable=False),
        sa.Column("department_id", sa.Uuid(), nullable=False),
        sa.Column("planning_change", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("resource_change", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column(
            "compensation_change", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False
        ),
        sa.Column("owner_name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_scale_plan_items_department_id_departments"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["pilot_id"],
            ["pilots.id"],
            name=op.f("fk_scale_plan_items_pilot_id_pilots"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_scale_plan_items_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scale_plan_items")),
        sa.UniqueConstraint(
            "workspace_id",
            "pilot_id",
            "department_id",
            name=op.f("uq_scale_plan_items_workspace_id_pilot_id_department_id"),
        ),
    )
    with op.batch_alter_table("scale_plan_items", schema=None) as batch_op:
        batch_op.create_index(
            "ix_scale_plan_items_workspace_id_department_id",
            ["workspace_id", "department_id"],
            unique=False,
        )
    op.create_table(
        "scale_plans",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("pilot_id", sa.Uuid(), nullable=False),
        sa.Column("scope", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column("created_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["pilot_id"],
            ["pilots.id"],
            name=op.f("fk_scale_plans_pilot_id_pilots"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_scale_plans_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scale_plans")),
        sa.UniqueConstraint(
            "workspace_id", "pilot_id", name=op.f("uq_scale_plans_workspace_id_pilot_id")
        ),
    )
    op.create_table(
        "measurements",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("pilot_id", sa.Uuid(), nullable=False),
        sa.Column("metric_id", sa.Uuid(), nullable=False),
        sa.Column("iteration_id", sa.Uuid(), nullable=True),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("measured_on", sa.Date(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("created_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", pilotboard.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["iteration_id"],
            ["iterations.id"],
            name=op.f("fk_measurements_iteration_id_iterations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["metric_id"],
            ["metrics.id"],
            name=op.f("fk_measurements_metric_id_metrics"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["pilot_id"],
            ["pilots.id"],
            name=op.f("fk_measurements_pilot_id_pilots"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_measurements_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_measurements")),
    )
    with op.batch_alter_table("measurements", schema=None) as batch_op:
        batch_op.create_index(
            "ix_measurements_workspace_id_iteration_id",
            ["workspace_id", "iteration_id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_measurements_workspace_id_metric_id_measured_on",
            ["workspace_id", "metric_id", "measured_on"],
            unique=False,
        )
        batch_op.create_index(
            "ix_measurements_workspace_id_pilot_id", ["workspace_id", "pilot_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("measurements", schema=None) as batch_op:
        batch_op.drop_index("ix_measurements_workspace_id_pilot_id")
        batch_op.drop_index("ix_measurements_workspace_id_metric_id_measured_on")
        batch_op.drop_index("ix_measurements_workspace_id_iteration_id")
    op.drop_table("measurements")
    op.drop_table("scale_plans")
    with op.batch_alter_table("scale_plan_items", schema=None) as batch_op:
        batch_op.drop_index("ix_scale_plan_items_workspace_id_department_id")
    op.drop_table("scale_plan_items")
    op.drop_table("pilot_transitions")
    with op.batch_alter_table("metrics", schema=None) as batch_op:
        batch_op.drop_index("ix_metrics_workspace_id_pilot_id")
    op.drop_table("metrics")
    op.drop_table("iterations")
    with op.batch_alter_table("involvements", schema=None) as batch_op:
        batch_op.drop_index("ix_involvements_workspace_id_department_id")
    op.drop_table("involvements")
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.drop_index("ix_decisions_workspace_id_pilot_id_decided_on")
    op.drop_table("decisions")
    with op.batch_alter_table("candidates", schema=None) as batch_op:
        batch_op.drop_index("ix_candidates_workspace_id_customer_id")
    op.drop_table("candidates")
    with op.batch_alter_table("pilots", schema=None) as batch_op:
        batch_op.drop_index("ix_pilots_workspace_id_title")
        batch_op.drop_index("ix_pilots_workspace_id_stage")
        batch_op.drop_index("ix_pilots_workspace_id_owner_id")
        batch_op.drop_index("ix_pilots_workspace_id_health")
        batch_op.drop_index("ix_pilots_workspace_id_customer_id")
        batch_op.drop_index("ix_pilots_workspace_id_created_at_id")
    op.drop_table("pilots")
