"""fixed objection deadlines

The keberatan filing deadline moves onto the evaluation, fixed when its result is set, so a
later change of ``KINERJA_OBJECTION_FILING_DAYS`` no longer moves it; the decision deadline on
the objection is never before the filing deadline.

Existing rows are filled from the old computation: the deadline an objection was already given,
else the local day the result was set (in the configured ``KINERJA_TIMEZONE``, WIB by default)
plus the ``KINERJA_OBJECTION_FILING_DAYS`` in force, exactly what the old code would answer
now. Decision deadlines that the old UTC "today" put before the filing deadline move up to it.

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-03 08:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from alembic import op

from server.clock import load_zone
from server.config import Settings

revision: str = "0009"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_evaluation = sa.table(
    "evaluation",
    sa.column("id", sa.Integer),
    sa.column("finalised_at", sa.DateTime(timezone=True)),
    sa.column("objection_filing_deadline", sa.Date),
)
_objection = sa.table(
    "objection",
    sa.column("evaluation_id", sa.Integer),
    sa.column("filing_deadline", sa.Date),
    sa.column("decision_deadline", sa.Date),
)
BATCH = 1_000


def _fill_filing_deadlines() -> None:
    settings = Settings.from_env()
    zone = load_zone(settings.timezone)
    days = timedelta(days=settings.objection_filing_days)
    bind = op.get_bind()
    given: dict[int, date] = dict(
        bind.execute(sa.select(_objection.c.evaluation_id, _objection.c.filing_deadline)).all()
    )
    rows = bind.execute(
        sa.select(_evaluation.c.id, _evaluation.c.finalised_at).where(
            _evaluation.c.finalised_at.is_not(None)
        )
    ).all()
    values = []
    for evaluation_id, finalised_at in rows:
        moment: datetime = finalised_at
        if moment.tzinfo is None:  # SQLite keeps no zone: the column holds UTC
            moment = moment.replace(tzinfo=UTC)
        deadline = given.get(evaluation_id, moment.astimezone(zone).date() + days)
        values.append({"eid": evaluation_id, "deadline": deadline})
    update = (
        sa.update(_evaluation)
        .where(_evaluation.c.id == sa.bindparam("eid"))
        .values(objection_filing_deadline=sa.bindparam("deadline"))
    )
    for start in range(0, len(values), BATCH):
        bind.execute(update, values[start : start + BATCH])


def upgrade() -> None:
    with op.batch_alter_table("evaluation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("objection_filing_deadline", sa.Date(), nullable=True))

    _fill_filing_deadlines()
    op.execute(
        sa.update(_objection)
        .where(_objection.c.decision_deadline < _objection.c.filing_deadline)
        .values(decision_deadline=_objection.c.filing_deadline)
    )

    with op.batch_alter_table("evaluation", schema=None) as batch_op:
        batch_op.create_check_constraint(
            batch_op.f("ck_evaluation_filing_deadline_when_set"),
            "(finalised_at IS NULL) = (objection_filing_deadline IS NULL)",
        )
    with op.batch_alter_table("objection", schema=None) as batch_op:
        batch_op.create_check_constraint(
            batch_op.f("ck_objection_decision_after_filing"),
            "decision_deadline >= filing_deadline",
        )


def downgrade() -> None:
    # Moved decision deadlines stay where they are: they only ever gave the decider more time.
    with op.batch_alter_table("objection", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_objection_decision_after_filing"), type_="check")
    with op.batch_alter_table("evaluation", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("ck_evaluation_filing_deadline_when_set"), type_="check"
        )
        batch_op.drop_column("objection_filing_deadline")
