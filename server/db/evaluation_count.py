"""The evaluation count (``evaluation_count``): finalised predicates of each year counted by
period (None: annual), rated unit, assessor, predicate and self ratings.

Calibration and the predicate distribution report read it instead of grouping every
evaluation of a year (half a million at 100 000 pegawai). It is kept exactly like the
realisasi tally (server/db/tally.py), in the transaction of the write:

- every ORM write goes through the :class:`~server.db.tally.TallySession`: a flush notes the
  (SKP, rated unit) of each evaluation it adds, removes, or changes in a counted column (old
  and new values), and just before the commit the rows of those (year, unit) are recounted
  from the evaluations;
- bulk loaders that insert with Core (the demo generators) call
  :func:`refresh_evaluation_count` once at the end, for the year they loaded.

An evaluation without a rated unit is not counted: the readers place those few live.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, SessionTransaction, UOWTransaction

from server.db.models import Evaluation, EvaluationCount, PerformancePlan
from server.db.tally import TallySession
from server.domain.evaluation import FINALISED

CHUNK = 500  # units per recount: well under every driver's limit of bound values
_PENDING = "evaluation_count_pending"
KEYS = (
    PerformancePlan.year_id,
    Evaluation.period_id,
    Evaluation.rated_unit_id,
    Evaluation.assessor_employee_id,
    Evaluation.predicate,
    Evaluation.self_result_rating,
    Evaluation.self_behavior_rating,
)
# What a row of the count depends on: a change of any of these moves an evaluation.
COUNTED = ("plan_id", "status", *(column.key for column in KEYS[1:]))
COLUMNS = [*(column.key for column in KEYS), "n"]  # year_id, … as named in evaluation_count


def counted() -> sa.ColumnElement[bool]:
    """The evaluations the table counts: set by the assessor, with a predicate and a unit."""
    return sa.and_(
        Evaluation.status.in_(sorted(FINALISED)),
        Evaluation.predicate.is_not(None),
        Evaluation.rated_unit_id.is_not(None),
    )


def _recount(year_id: int | None, units: list[int] | None) -> tuple[sa.Delete, sa.Insert]:
    clear = sa.delete(EvaluationCount)
    source = (
        sa.select(*KEYS, sa.func.count())
        .join(PerformancePlan, PerformancePlan.id == Evaluation.plan_id)
        .where(counted())
        .group_by(*KEYS)
    )
    if year_id is not None:
        clear = clear.where(EvaluationCount.year_id == year_id)
        source = source.where(PerformancePlan.year_id == year_id)
    if units is not None:
        clear = clear.where(EvaluationCount.rated_unit_id.in_(units))
        source = source.where(Evaluation.rated_unit_id.in_(units))
    return clear, sa.insert(EvaluationCount).from_select(COLUMNS, source)


async def refresh_evaluation_count(session: AsyncSession, *, year_id: int | None = None) -> None:
    """Recount the rows of ``year_id``, else of every year: for writers that bypass the ORM
    (bulk loaders), after their inserts."""
    await session.flush()
    for statement in _recount(year_id, None):
        await session.execute(statement)


# --- kept by the ORM session ---------------------------------------------------------------


@event.listens_for(TallySession, "before_flush")
def _note_touched(session: Session, _flush: UOWTransaction, _instances: object) -> None:
    """Note the (SKP, rated unit) this flush adds to, removes from or moves between."""
    pending: set[tuple[Any, Any]] = session.info.setdefault(_PENDING, set())
    for obj in (*session.new, *session.deleted):
        if isinstance(obj, Evaluation):
            pending.add((obj.plan_id, obj.rated_unit_id))
    for obj in session.dirty:
        if not isinstance(obj, Evaluation):
            continue
        state = sa.inspect(obj)
        if not any(state.attrs[name].history.has_changes() for name in COUNTED):
            continue
        plans = {obj.plan_id, *state.attrs["plan_id"].history.deleted}
        units = {obj.rated_unit_id, *state.attrs["rated_unit_id"].history.deleted}
        pending.update((plan, unit) for plan in plans for unit in units)


@event.listens_for(TallySession, "before_commit")
def _recount_touched(session: Session) -> None:
    session.flush()  # the last changes are noted too
    pending: set[tuple[Any, Any]] | None = session.info.pop(_PENDING, None)
    touched = {
        (plan, unit)
        for plan, unit in pending or ()
        if isinstance(plan, int) and isinstance(unit, int)
    }
    if not touched:
        return
    conn = session.connection()
    year_of: dict[int, int] = dict(
        conn.execute(
            sa.select(PerformancePlan.id, PerformancePlan.year_id).where(
                PerformancePlan.id.in_(sorted({plan for plan, _ in touched}))
            )
        ).all()
    )
    # An SKP removed in this transaction took its year along: its units are recounted in
    # every year (rare, and still exact).
    units_of: dict[int | None, set[int]] = defaultdict(set)
    for plan, unit in touched:
        units_of[year_of.get(plan)].add(unit)
    for year_id, units in sorted(units_of.items(), key=lambda item: item[0] or 0):
        ordered = sorted(units)
        for start in range(0, len(ordered), CHUNK):
            for statement in _recount(year_id, ordered[start : start + CHUNK]):
                conn.execute(statement)


@event.listens_for(TallySession, "after_transaction_end")
def _forget_touched(session: Session, transaction: SessionTransaction) -> None:
    """A rolled back transaction leaves nothing to recount."""
    if transaction.parent is None:
        session.info.pop(_PENDING, None)
