"""login attempts in flight are not failures of their address

A login attempt is recorded before the slow password check (so guesses sent at the same moment
count against the limits) and deleted again when it succeeds. ``pending`` marks such a
reservation until its outcome is known: it counts for its (account, address) pair and for its
account, but not for its address's limit over all accounts, so many people logging in at the
same moment from one office address are not locked out by each other's attempts in flight.

Revision ID: 0018
Revises: 0013
Create Date: 2026-12-03 11:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN on both databases (no table rebuild: login_failure has no triggers, and
    # SQLite adds a column with a constant default in place).
    op.add_column(
        "login_failure",
        sa.Column("pending", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    with op.batch_alter_table("login_failure") as batch:
        batch.drop_column("pending")
