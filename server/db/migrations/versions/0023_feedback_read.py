"""feedback threads remember how far each reader has read them

``feedback_read``: one row per (employee, SKP, target, thread) with the highest feedback id the
employee marked read; the portal shows newer comments of others as unread.

Revision ID: 0023
Revises: 0021
Create Date: 2026-12-03 14:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "feedback_read",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("target", sa.String(length=16), nullable=False),
        sa.Column("thread_key", sa.String(length=40), nullable=False),
        sa.Column("last_read_id", sa.Integer(), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["employee_id"], ["employee.id"], name=op.f("fk_feedback_read_employee_id_employee")
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["performance_plan.id"],
            name=op.f("fk_feedback_read_plan_id_performance_plan"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_read")),
        sa.UniqueConstraint(
            "employee_id",
            "plan_id",
            "target",
            "thread_key",
            name=op.f("uq_feedback_read_employee_id_plan_id_target_thread_key"),
        ),
    )
    with op.batch_alter_table("feedback_read", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_read_plan_id"), ["plan_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("feedback_read", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_read_plan_id"))
    op.drop_table("feedback_read")
