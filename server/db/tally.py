"""The realisasi tally (``realization_tally``): per SKP and period of its year, the SKP's IKI
count and how many of their realisasi of the period were confirmed on time.

The completion report reads it instead of counting every realisasi of the instansi. It is kept
like a trigger would keep it, in the transaction of the write:

- every ORM write (the services, imports, tests building rows) goes through a
  :class:`TallySession`: a flush notes the SKP whose IKI or realisasi it adds, changes or
  removes, and just before the commit their rows are recounted from the source rows;
- bulk loaders that insert with Core (the demo generators) call :func:`refresh_tally` once at
  the end, for the year they loaded.

A recount replaces the SKP's rows by an aggregate of its IKI and realisasi (four statements per
commit whatever the number of SKP touched, up to :data:`CHUNK`), so the tally cannot drift
from what it summarises. "On time" is decided when the realisasi is written: a period's
realisasi deadline never changes once its year is set up.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, SessionTransaction, UOWTransaction

from server import clock
from server.db.models import (
    AppraisalPeriod,
    Indicator,
    PerformancePlan,
    Realization,
    RealizationTally,
    WorkResult,
)

CHUNK = 500  # SKP per recount: well under every driver's limit of bound values
_PENDING = "realization_tally_pending"


def last_instant_of(day: date) -> datetime:
    """The last instant of the local ``day``: a realisasi confirmed then is still on time."""
    return clock.end_of(day) - timedelta(microseconds=1)


PlanFilter = list[int] | sa.Select[Any]


def _periods(plans: PlanFilter, year_id: int | None) -> sa.Select[int, date]:
    query = sa.select(AppraisalPeriod.id, AppraisalPeriod.realization_due)
    if year_id is not None:
        return query.where(AppraisalPeriod.year_id == year_id)
    years = sa.select(PerformancePlan.year_id).where(PerformancePlan.id.in_(plans))
    return query.where(AppraisalPeriod.year_id.in_(years))


def _clear(plans: PlanFilter) -> sa.Delete:
    return sa.delete(RealizationTally).where(RealizationTally.plan_id.in_(plans))


def _fill(plans: PlanFilter, periods: Iterable[tuple[int, date]]) -> sa.Insert:
    """INSERT…SELECT of the rows of ``plans``: one per SKP with IKI and period of its year."""
    on_time = sa.or_(
        *(
            sa.and_(
                Realization.period_id == period_id,
                Realization.confirmed_at <= last_instant_of(due),
            )
            for period_id, due in periods
        )
    )
    iki = (
        sa.select(WorkResult.plan_id, sa.func.count(Indicator.id).label("n"))
        .join(Indicator, Indicator.work_result_id == WorkResult.id)
        .where(WorkResult.plan_id.in_(plans))
        .group_by(WorkResult.plan_id)
        .subquery("iki")
    )
    timely = (
        sa.select(
            WorkResult.plan_id, Realization.period_id, sa.func.count(Realization.id).label("n")
        )
        .select_from(Realization)
        .join(Indicator, Indicator.id == Realization.indicator_id)
        .join(WorkResult, WorkResult.id == Indicator.work_result_id)
        .where(WorkResult.plan_id.in_(plans), Realization.confirmed_at.is_not(None), on_time)
        .group_by(WorkResult.plan_id, Realization.period_id)
        .subquery("timely")
    )
    on_time_count = sa.func.coalesce(timely.c.n, 0)
    source = (
        sa.select(
            PerformancePlan.id,
            AppraisalPeriod.id,
            iki.c.n,
            on_time_count,
            sa.func.sum(on_time_count).over(
                partition_by=PerformancePlan.id, order_by=AppraisalPeriod.number
            ),
            sa.literal(clock.now(), RealizationTally.updated_at.type),
        )
        .select_from(PerformancePlan)
        .join(iki, iki.c.plan_id == PerformancePlan.id)  # an SKP without IKI has no rows
        .join(AppraisalPeriod, AppraisalPeriod.year_id == PerformancePlan.year_id)
        .outerjoin(
            timely,
            sa.and_(
                timely.c.plan_id == PerformancePlan.id, timely.c.period_id == AppraisalPeriod.id
            ),
        )
        .where(PerformancePlan.id.in_(plans))
    )
    return sa.insert(RealizationTally).from_select(
        ["plan_id", "period_id", "iki_total", "on_time", "on_time_through", "updated_at"], source
    )


async def refresh_tally(
    session: AsyncSession, plan_ids: Iterable[int] | None = None, *, year_id: int | None = None
) -> None:
    """Recount the rows of these SKP, else of every SKP of ``year_id``, else of every SKP: for
    writers that bypass the ORM (bulk loaders), after their inserts."""
    await session.flush()
    batches: list[PlanFilter]
    if plan_ids is not None:
        plans = sorted(set(plan_ids))
        batches = [plans[start : start + CHUNK] for start in range(0, len(plans), CHUNK)]
    elif year_id is not None:
        batches = [sa.select(PerformancePlan.id).where(PerformancePlan.year_id == year_id)]
    else:
        batches = [sa.select(PerformancePlan.id)]
    if plan_ids is None:  # a whole year or everything: after a bulk load
        await _analyze_sources(session)
    for batch in batches:
        periods = [(p, due) for p, due in (await session.execute(_periods(batch, year_id))).all()]
        await session.execute(_clear(batch))
        if periods:
            await session.execute(_fill(batch, periods))


async def _analyze_sources(session: AsyncSession) -> None:
    """Planner statistics of the tables a whole recount reads, inside the bulk load's own
    transaction (PostgreSQL's ANALYZE counts the rows the transaction itself inserted).

    A bulk load recounts right after inserting every row, before autovacuum has looked at the
    tables: PostgreSQL then plans for the nearly empty tables it last saw, and took nested loops
    that re-aggregated the realisasi for every SKP (past the 15 s statement timeout at 400
    pegawai). SQLite plans these statements the same with or without statistics.
    """
    bind = session.bind
    if bind is None or bind.dialect.name != "postgresql":
        return
    tables = (PerformancePlan, WorkResult, Indicator, Realization, AppraisalPeriod)
    await session.execute(sa.text("ANALYZE " + ", ".join(t.__tablename__ for t in tables)))


# --- kept by the ORM session ---------------------------------------------------------------


class TallySession(Session):
    """The session class of :class:`server.db.engine.Database`: keeps the tally on commit."""


def _changed(obj: object, *names: str) -> bool:
    state = sa.inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in names)


@event.listens_for(TallySession, "before_flush")
def _note_touched(session: Session, _flush: UOWTransaction, _instances: object) -> None:
    """Note what this flush changes: by plan, work result or IKI (resolved at the commit)."""
    pending: dict[str, set[int]] = session.info.setdefault(
        _PENDING, {"plans": set(), "work_results": set(), "indicators": set()}
    )

    def note(kind: str, *values: Any) -> None:
        pending[kind].update(v for v in values if isinstance(v, int))

    def old(obj: object, name: str) -> list[Any]:
        return list(sa.inspect(obj).attrs[name].history.deleted)

    for obj in (*session.new, *session.deleted):
        if isinstance(obj, Realization):
            note("indicators", obj.indicator_id)
        elif isinstance(obj, Indicator):
            note("work_results", obj.work_result_id)
        elif isinstance(obj, WorkResult):
            note("plans", obj.plan_id)
    for obj in session.dirty:
        if isinstance(obj, Realization) and _changed(
            obj, "confirmed_at", "period_id", "indicator_id"
        ):
            note("indicators", obj.indicator_id, *old(obj, "indicator_id"))
        elif isinstance(obj, Indicator) and _changed(obj, "work_result_id"):
            note("work_results", obj.work_result_id, *old(obj, "work_result_id"))
        elif isinstance(obj, WorkResult) and _changed(obj, "plan_id"):
            note("plans", obj.plan_id, *old(obj, "plan_id"))


@event.listens_for(TallySession, "before_commit")
def _recount_touched(session: Session) -> None:
    session.flush()  # the last changes are noted too
    pending: dict[str, set[int]] | None = session.info.pop(_PENDING, None)
    if not pending:
        return
    plans = set(pending["plans"])
    conn = session.connection()
    if pending["work_results"] or pending["indicators"]:
        by_work_result = sa.select(WorkResult.plan_id).where(
            WorkResult.id.in_(sorted(pending["work_results"]))
        )
        by_indicator = (
            sa.select(WorkResult.plan_id)
            .join(Indicator, Indicator.work_result_id == WorkResult.id)
            .where(Indicator.id.in_(sorted(pending["indicators"])))
        )
        plans.update(conn.execute(sa.union(by_work_result, by_indicator)).scalars())
    ordered = sorted(plans)
    for start in range(0, len(ordered), CHUNK):
        batch = ordered[start : start + CHUNK]
        periods = [(p, due) for p, due in conn.execute(_periods(batch, None)).all()]
        conn.execute(_clear(batch))
        if periods:
            conn.execute(_fill(batch, periods))


@event.listens_for(TallySession, "after_transaction_end")
def _forget_touched(session: Session, transaction: SessionTransaction) -> None:
    """A rolled back transaction leaves nothing to recount (a savepoint's end keeps the notes:
    recounting an SKP once too often is harmless)."""
    if transaction.parent is None:
        session.info.pop(_PENDING, None)
