"""the realisasi tally: per SKP and period, its IKI count and realisasi confirmed on time

``realization_tally`` is what the completion report counts instead of every realisasi of the
instansi (server/db/tally.py keeps it in the transaction of every write); ``on_time_through``
sums ``on_time`` over the year's periods up to the row's (by number). Filled
here from the existing rows: "on time" is confirmed by the end of the period's deadline day in
the configured ``KINERJA_TIMEZONE`` (WIB by default), as the report counted it.

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-04 20:45:00
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from alembic import op

from server.clock import load_zone
from server.config import Settings

revision: str = "0031"
down_revision: str | None = "0030"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_plan = sa.table("performance_plan", sa.column("id", sa.Integer), sa.column("year_id", sa.Integer))
_period = sa.table(
    "appraisal_period",
    sa.column("id", sa.Integer),
    sa.column("year_id", sa.Integer),
    sa.column("number", sa.Integer),
    sa.column("realization_due", sa.Date),
)
_work_result = sa.table(
    "work_result", sa.column("id", sa.Integer), sa.column("plan_id", sa.Integer)
)
_indicator = sa.table(
    "indicator", sa.column("id", sa.Integer), sa.column("work_result_id", sa.Integer)
)
_realization = sa.table(
    "realization",
    sa.column("id", sa.Integer),
    sa.column("indicator_id", sa.Integer),
    sa.column("period_id", sa.Integer),
    sa.column("confirmed_at", sa.DateTime(timezone=True)),
)


def _fill() -> None:
    zone = load_zone(Settings.from_env().timezone)
    bind = op.get_bind()
    periods = bind.execute(sa.select(_period.c.id, _period.c.realization_due)).all()
    if not periods:
        return

    def last_instant(day: date) -> datetime:
        midnight = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
        return midnight.astimezone(UTC) - timedelta(microseconds=1)

    on_time = sa.or_(
        *(
            sa.and_(
                _realization.c.period_id == period_id,
                _realization.c.confirmed_at <= last_instant(due),
            )
            for period_id, due in periods
        )
    )
    iki = (
        sa.select(_work_result.c.plan_id, sa.func.count(_indicator.c.id).label("n"))
        .join(_indicator, _indicator.c.work_result_id == _work_result.c.id)
        .group_by(_work_result.c.plan_id)
        .subquery("iki")
    )
    done = (
        sa.select(
            _work_result.c.plan_id,
            _realization.c.period_id,
            sa.func.count(_realization.c.id).label("n"),
        )
        .select_from(_realization)
        .join(_indicator, _indicator.c.id == _realization.c.indicator_id)
        .join(_work_result, _work_result.c.id == _indicator.c.work_result_id)
        .where(_realization.c.confirmed_at.is_not(None), on_time)
        .group_by(_work_result.c.plan_id, _realization.c.period_id)
        .subquery("timely")
    )
    source = (
        sa.select(
            _plan.c.id,
            _period.c.id,
            iki.c.n,
            sa.func.coalesce(done.c.n, 0),
            sa.func.sum(sa.func.coalesce(done.c.n, 0)).over(
                partition_by=_plan.c.id, order_by=_period.c.number
            ),
            sa.func.current_timestamp(),
        )
        .select_from(_plan)
        .join(iki, iki.c.plan_id == _plan.c.id)
        .join(_period, _period.c.year_id == _plan.c.year_id)
        .outerjoin(done, sa.and_(done.c.plan_id == _plan.c.id, done.c.period_id == _period.c.id))
    )
    tally = sa.table(
        "realization_tally",
        sa.column("plan_id", sa.Integer),
        sa.column("period_id", sa.Integer),
        sa.column("iki_total", sa.Integer),
        sa.column("on_time", sa.Integer),
        sa.column("on_time_through", sa.Integer),
        sa.column("updated_at", sa.DateTime(timezone=True)),
    )
    bind.execute(
        sa.insert(tally).from_select(
            ["plan_id", "period_id", "iki_total", "on_time", "on_time_through", "updated_at"],
            source,
        )
    )


def upgrade() -> None:
    op.create_table(
        "realization_tally",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("iki_total", sa.Integer(), nullable=False),
        sa.Column("on_time", sa.Integer(), nullable=False),
        sa.Column("on_time_through", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["appraisal_period.id"],
            name=op.f("fk_realization_tally_period_id_appraisal_period"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["performance_plan.id"],
            name=op.f("fk_realization_tally_plan_id_performance_plan"),
        ),
        sa.PrimaryKeyConstraint("plan_id", "period_id", name=op.f("pk_realization_tally")),
    )
    op.create_index(
        op.f("ix_realization_tally_period_id"), "realization_tally", ["period_id"], unique=False
    )
    _fill()


def downgrade() -> None:
    op.drop_index(op.f("ix_realization_tally_period_id"), table_name="realization_tally")
    op.drop_table("realization_tally")
