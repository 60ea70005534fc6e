"""evaluations keep the unit they were rated in as a column, under a covering index

``evaluation.rated_unit_id``: ``pegawai.unit_id`` of the identity snapshot, copied out of the
JSON (the application sets it with the snapshot; existing rows are filled here). Calibration and
the predicate distribution report group every evaluation of a year by it: with
``ix_evaluation_calibration`` they read the index alone instead of every row and its JSON.

Revision ID: 0030
Revises: 0023
Create Date: 2026-12-03 18:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0030"
down_revision: str | None = "0029"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COVERED = [
    "plan_id",
    "kind",
    "period_id",
    "status",
    "predicate",
    "rated_unit_id",
    "assessor_employee_id",
    "self_result_rating",
    "self_behavior_rating",
]


def upgrade() -> None:
    # A nullable column is a plain ALTER TABLE on SQLite too (no batch rebuild of the table).
    op.add_column("evaluation", sa.Column("rated_unit_id", sa.Integer(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        unit = "((identity_snapshot -> 'pegawai') ->> 'unit_id')::integer"
        typed = "json_typeof(identity_snapshot -> 'pegawai' -> 'unit_id') = 'number'"
    else:
        unit = "CAST(json_extract(identity_snapshot, '$.pegawai.unit_id') AS INTEGER)"
        typed = "json_type(identity_snapshot, '$.pegawai.unit_id') = 'integer'"
    op.execute(
        f"UPDATE evaluation SET rated_unit_id = {unit} "  # noqa: S608 — constant SQL
        f"WHERE identity_snapshot IS NOT NULL AND {typed}"
    )
    op.create_index("ix_evaluation_calibration", "evaluation", COVERED)


def downgrade() -> None:
    op.drop_index("ix_evaluation_calibration", table_name="evaluation")
    with op.batch_alter_table("evaluation") as batch:
        batch.drop_column("rated_unit_id")
