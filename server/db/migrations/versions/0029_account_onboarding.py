"""each account remembers whether it finished the guided first visit of the portal

``account_onboarding``: one row per account that finished (or skipped) the tour, or restarted
it from the Panduan; no row means a fresh account, shown the tour on its first visit.

Revision ID: 0029
Revises: 0023
Create Date: 2026-12-03 18:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0029"
down_revision: str | None = "0028"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "account_onboarding",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("tour_completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["user_account.id"],
            name=op.f("fk_account_onboarding_account_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_account_onboarding")),
    )


def downgrade() -> None:
    op.drop_table("account_onboarding")
