"""release files and objection columns

Keberatan outcomes move from pseudo-categories of ``release_distribution`` to their own columns
on ``release_unit``; ``release_file`` keeps the downloads of a release as rendered once.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27 22:00:25.379785
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Column part → the release_distribution category 0005/0006 stored it under.
OUTCOMES = {
    "upheld": "OBJECTIONS_UPHELD",
    "rejected": "OBJECTIONS_REJECTED",
    "pending": "OBJECTIONS_PENDING",
}
_unit = sa.table(
    "release_unit",
    sa.column("id", sa.Integer),
    sa.column("release_id", sa.Integer),
    sa.column("unit_code", sa.String),
    *(sa.column(f"objections_{p}", sa.Integer) for p in OUTCOMES),
    *(sa.column(f"objections_{p}_status", sa.String) for p in OUTCOMES),
)
_dist = sa.table(
    "release_distribution",
    sa.column("release_id", sa.Integer),
    sa.column("unit_code", sa.String),
    sa.column("category", sa.String),
    sa.column("count", sa.Integer),
    sa.column("count_status", sa.String),
)


def _same_cell(category: str) -> sa.ColumnElement[bool]:
    return sa.and_(
        _dist.c.release_id == _unit.c.release_id,
        _dist.c.category == category,
        sa.or_(
            _dist.c.unit_code == _unit.c.unit_code,
            sa.and_(_dist.c.unit_code.is_(None), _unit.c.unit_code.is_(None)),
        ),
    )


def upgrade() -> None:
    op.create_table(
        "release_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("release_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("media_type", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["release_id"], ["release.id"], name=op.f("fk_release_file_release_id_release")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_release_file")),
        sa.UniqueConstraint("release_id", "name", name=op.f("uq_release_file_release_id_name")),
    )
    with op.batch_alter_table("release_file", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_release_file_release_id"), ["release_id"], unique=False
        )

    with op.batch_alter_table("release_unit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("objections_upheld", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("objections_upheld_status", sa.String(length=24), nullable=True)
        )
        batch_op.add_column(sa.Column("objections_rejected", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("objections_rejected_status", sa.String(length=24), nullable=True)
        )
        batch_op.add_column(sa.Column("objections_pending", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("objections_pending_status", sa.String(length=24), nullable=True)
        )

    # Move the outcomes of existing releases into the columns. Releases from before the
    # outcomes existed have no such rows: their outcomes are NOT_AVAILABLE, as they were read.
    for part, category in OUTCOMES.items():
        same = _same_cell(category)
        op.execute(
            sa.update(_unit).values(
                {
                    f"objections_{part}": sa.select(sa.func.max(_dist.c.count))
                    .where(same)
                    .scalar_subquery(),
                    f"objections_{part}_status": sa.case(
                        (
                            sa.exists().where(same),
                            sa.select(sa.func.max(_dist.c.count_status))
                            .where(same)
                            .scalar_subquery(),
                        ),
                        else_=sa.literal("NOT_AVAILABLE"),
                    ),
                }
            )
        )
    op.execute(sa.delete(_dist).where(_dist.c.category.in_(list(OUTCOMES.values()))))


def downgrade() -> None:
    for part, category in OUTCOMES.items():
        op.execute(
            sa.insert(_dist).from_select(
                ["release_id", "unit_code", "category", "count", "count_status"],
                sa.select(
                    _unit.c.release_id,
                    _unit.c.unit_code,
                    sa.literal(category),
                    _unit.c[f"objections_{part}"],
                    _unit.c[f"objections_{part}_status"],
                ).order_by(_unit.c.id),
            )
        )
    with op.batch_alter_table("release_unit", schema=None) as batch_op:
        batch_op.drop_column("objections_pending_status")
        batch_op.drop_column("objections_pending")
        batch_op.drop_column("objections_rejected_status")
        batch_op.drop_column("objections_rejected")
        batch_op.drop_column("objections_upheld_status")
        batch_op.drop_column("objections_upheld")

    with op.batch_alter_table("release_file", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_release_file_release_id"))

    op.drop_table("release_file")
