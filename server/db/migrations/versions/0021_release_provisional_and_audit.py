"""releases say whether they are provisional and keep the report of their disclosure audit

``provisional``: published before the period's end or outside an opened appraisal year, and
shown as such in the public API. ``audit_report``: what the disclosure audit found and added at
publication (cells withheld, cells added, seconds taken), as JSON; NULL for releases published
before the audit existed.

Revision ID: 0021
Revises: 0019
Create Date: 2026-12-03 13:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMNs on both databases (SQLite adds a column with a constant default in place).
    op.add_column(
        "release",
        sa.Column("provisional", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column("release", sa.Column("audit_report", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("release") as batch:
        batch.drop_column("audit_report")
        batch.drop_column("provisional")
