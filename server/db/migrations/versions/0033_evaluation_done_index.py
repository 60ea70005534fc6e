"""a partial index of the evaluations set by the assessor, by period and SKP

``ix_evaluation_done`` holds (period_id, plan_id) of every evaluation set by the assessor
(DITETAPKAN or DITERIMA). The completion report asks which SKP of a year, or of one period, has
a done evaluation: at 100 000 pegawai that read every evaluation row of every year (a sequential
scan of half a million rows); from this index it is one range of the index alone (the annual
evaluations are those without a period).

Revision ID: 0033
Revises: 0032
Create Date: 2026-12-06 04:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0033"
down_revision: str | None = "0032"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DONE = sa.text("status IN ('DITETAPKAN', 'DITERIMA')")  # as the model's DONE_SQL


def upgrade() -> None:
    op.create_index(
        "ix_evaluation_done",
        "evaluation",
        ["period_id", "plan_id"],
        postgresql_where=DONE,
        sqlite_where=DONE,
    )


def downgrade() -> None:
    op.drop_index("ix_evaluation_done", table_name="evaluation")
