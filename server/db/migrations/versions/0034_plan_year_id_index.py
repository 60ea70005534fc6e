"""SKP by year with their ids: ``ix_performance_plan_year_id`` becomes (year_id, id)

The completion report bounds a year's annual evaluations by the lowest and highest SKP id of
the year before it matches them to the year's SKP. With the id in the index both bounds are one
step down the index each; with the year alone PostgreSQL walked the primary key instead (162 ms
at 100 000 pegawai). Everything the old index served, the new one serves (the year leads).

Revision ID: 0034
Revises: 0033
Create Date: 2026-12-06 11:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0034"
down_revision: str | None = "0033"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_performance_plan_year_id_id", "performance_plan", ["year_id", "id"])
    op.drop_index("ix_performance_plan_year_id", table_name="performance_plan")


def downgrade() -> None:
    op.create_index("ix_performance_plan_year_id", "performance_plan", ["year_id"])
    op.drop_index("ix_performance_plan_year_id_id", table_name="performance_plan")
