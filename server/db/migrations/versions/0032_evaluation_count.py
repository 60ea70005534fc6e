"""the evaluation count: finalised predicates per year, period, unit, assessor and self ratings

``evaluation_count`` is what calibration and the predicate distribution report count instead
of every evaluation of a year (server/db/evaluation_count.py keeps it in the transaction of
every write): one row per (year, period or NULL for the annual evaluation, rated unit,
assessor, predicate, self ratings) with how many evaluations set by the assessor (DITETAPKAN
or DITERIMA) with a predicate it holds. Evaluations without a rated unit are read live, through
the new ``ix_evaluation_rated_unit_id`` (which also serves the recount of a unit). Filled here
from the existing rows.

Revision ID: 0032
Revises: 0031
Create Date: 2026-12-05 23:45:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0032"
down_revision: str | None = "0031"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PREDICATES = ("SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG")
RATINGS = ("DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI")
FINALISED = ("DITERIMA", "DITETAPKAN")


def _enum(values: tuple[str, ...], name: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=32)


_plan = sa.table("performance_plan", sa.column("id", sa.Integer), sa.column("year_id", sa.Integer))
_evaluation = sa.table(
    "evaluation",
    sa.column("plan_id", sa.Integer),
    sa.column("period_id", sa.Integer),
    sa.column("status", sa.String),
    sa.column("predicate", sa.String),
    sa.column("rated_unit_id", sa.Integer),
    sa.column("assessor_employee_id", sa.Integer),
    sa.column("self_result_rating", sa.String),
    sa.column("self_behavior_rating", sa.String),
)
_count = sa.table(
    "evaluation_count",
    *(
        sa.column(name)
        for name in (
            "year_id",
            "period_id",
            "rated_unit_id",
            "assessor_employee_id",
            "predicate",
            "self_result_rating",
            "self_behavior_rating",
            "n",
        )
    ),
)


def _fill() -> None:
    e = _evaluation.c
    keys = (
        _plan.c.year_id,
        e.period_id,
        e.rated_unit_id,
        e.assessor_employee_id,
        e.predicate,
        e.self_result_rating,
        e.self_behavior_rating,
    )
    source = (
        sa.select(*keys, sa.func.count())
        .select_from(_evaluation)
        .join(_plan, _plan.c.id == e.plan_id)
        .where(e.status.in_(FINALISED), e.predicate.is_not(None), e.rated_unit_id.is_not(None))
        .group_by(*keys)
    )
    op.get_bind().execute(sa.insert(_count).from_select([c.name for c in _count.c], source))


def upgrade() -> None:
    op.create_index("ix_evaluation_rated_unit_id", "evaluation", ["rated_unit_id"])
    op.create_table(
        "evaluation_count",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year_id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=True),
        sa.Column("rated_unit_id", sa.Integer(), nullable=False),
        sa.Column("assessor_employee_id", sa.Integer(), nullable=True),
        sa.Column("predicate", _enum(PREDICATES, "predicate"), nullable=False),
        sa.Column("self_result_rating", _enum(RATINGS, "self_result_rating"), nullable=True),
        sa.Column("self_behavior_rating", _enum(RATINGS, "self_behavior_rating"), nullable=True),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["year_id"],
            ["appraisal_year.id"],
            name=op.f("fk_evaluation_count_year_id_appraisal_year"),
        ),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["appraisal_period.id"],
            name=op.f("fk_evaluation_count_period_id_appraisal_period"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_count")),
    )
    op.create_index(
        "ix_evaluation_count_scope",
        "evaluation_count",
        ["year_id", "period_id", "rated_unit_id"],
    )
    _fill()


def downgrade() -> None:
    op.drop_index("ix_evaluation_count_scope", table_name="evaluation_count")
    op.drop_table("evaluation_count")
    op.drop_index("ix_evaluation_rated_unit_id", table_name="evaluation")
