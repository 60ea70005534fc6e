"""Kelengkapan per unit: SKP ditetapkan, realisasi tepat waktu, penilaian selesai.

Definitions (one scope = a year, or one period of it):
- pegawai of a unit: those holding a position of that unit on the scope's last day (or today,
  if the scope has not ended yet);
- SKP set: an SKP of the year that is DITETAPKAN or later (a revision in progress keeps the set
  version in force);
- realisasi due: every IKI of a set SKP × every period of the scope whose realisasi deadline has
  passed; on time: confirmed (``confirmed_at``) at the latest on the deadline day, end of the local day (WIB);
- evaluations due: one per set SKP (the periodic one of the period, or the annual one for the
  year); done: set by the assessor (DITETAPKAN or DITERIMA).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import sqlalchemy as sa

from server.db.engine import Database
from server.db.models import (
    AppraisalPeriod,
    Evaluation,
    PerformancePlan,
    Position,
    PositionAssignment,
    RealizationTally,
)
from server.domain.enums import EvaluationKind, EvaluationStatus, PlanStatus
from server.services.actor import Actor
from server.services.organisation.directory import open_assignment_on
from server.services.reports.scope import (
    ReportScope,
    percent,
    resolve_report_scope,
    unit_alive,
)

SET_STATUSES = (PlanStatus.DITETAPKAN, PlanStatus.REVISI_DRAFT, PlanStatus.REVISI_DIAJUKAN)
DONE_STATUSES = (EvaluationStatus.DITETAPKAN, EvaluationStatus.DITERIMA)


def _plans_with_tally(
    set_plan: sa.ColumnElement[bool], scope: ReportScope, due: list[AppraisalPeriod]
) -> sa.Select[int, int, int, int]:
    """(SKP, pegawai, IKI count, realisasi on time in the due periods) of every set SKP.

    The counts come from the realisasi tally (kept by every write), one row per SKP whenever
    the due periods are the scope's first ones (always, deadlines follow the period numbers):
    a period's own row, or for a year the row of its last due period, which sums the periods
    up to it. Without a due period nothing is due and the tally is not read.
    """
    columns = (PerformancePlan.id, PerformancePlan.employee_id)
    if not due:
        return sa.select(*columns, sa.literal(0), sa.literal(0)).where(set_plan)
    if scope.period_number is not None or due == scope.periods[: len(due)]:
        counted = (
            RealizationTally.on_time
            if scope.period_number is not None
            else RealizationTally.on_time_through
        )
        return (
            sa.select(
                *columns,
                sa.func.coalesce(RealizationTally.iki_total, 0),
                sa.func.coalesce(counted, 0),
            )
            .outerjoin(
                RealizationTally,
                sa.and_(
                    RealizationTally.plan_id == PerformancePlan.id,
                    RealizationTally.period_id == due[-1].id,
                ),
            )
            .where(set_plan)
        )
    return (  # deadlines out of period order: the due periods' rows summed
        sa.select(
            *columns,
            sa.func.coalesce(sa.func.max(RealizationTally.iki_total), 0),
            sa.func.coalesce(sa.func.sum(RealizationTally.on_time), 0),
        )
        .outerjoin(
            RealizationTally,
            sa.and_(
                RealizationTally.plan_id == PerformancePlan.id,
                RealizationTally.period_id.in_([p.id for p in due]),
            ),
        )
        .where(set_plan)
        .group_by(*columns)
    )


@dataclass(frozen=True)
class CompletionRow:
    unit_id: int
    unit_code: str
    unit_name: str
    parent_unit_code: str | None
    employees: int
    skp_set: int
    realizations_due: int
    realizations_on_time: int
    evaluations_due: int
    evaluations_done: int

    @property
    def skp_set_pct(self) -> Decimal | None:
        return percent(self.skp_set, self.employees)

    @property
    def realizations_on_time_pct(self) -> Decimal | None:
        return percent(self.realizations_on_time, self.realizations_due)

    @property
    def evaluations_done_pct(self) -> Decimal | None:
        return percent(self.evaluations_done, self.evaluations_due)


async def completion_by_unit(
    db: Database,
    actor: Actor,
    *,
    year: int,
    period_number: int | None = None,
    unit_code: str | None = None,
    today: date,
) -> tuple[ReportScope, list[CompletionRow]]:
    """One row per unit in reach (by code): a fixed number of statements, whatever the size."""
    async with db.read() as session:
        scope = await resolve_report_scope(
            session, actor, year=year, period_number=period_number, unit_code=unit_code
        )
        reference = min(scope.end, today)
        members = (
            await session.execute(
                sa.select(PositionAssignment.employee_id, Position.unit_id)
                .join(Position, Position.id == PositionAssignment.position_id)
                .where(open_assignment_on(reference))
                .order_by(PositionAssignment.start_date, PositionAssignment.id)
            )
        ).all()
        set_plan = sa.and_(
            PerformancePlan.year_id == scope.year_id, PerformancePlan.status.in_(SET_STATUSES)
        )
        due_periods = [p for p in scope.periods if p.realization_due < today]
        plans = (await session.execute(_plans_with_tally(set_plan, scope, due_periods))).all()
        if scope.period_number is None:
            which = Evaluation.kind == EvaluationKind.TAHUNAN
        else:
            which = sa.and_(
                Evaluation.kind == EvaluationKind.PERIODIK,
                Evaluation.period_id == scope.periods[0].id,
            )
        evaluated = set(
            (
                await session.scalars(
                    sa.select(Evaluation.plan_id)
                    .join(PerformancePlan, PerformancePlan.id == Evaluation.plan_id)
                    .where(set_plan, which, Evaluation.status.in_(DONE_STATUSES))
                )
            ).all()
        )

    unit_of: dict[int, int] = {}
    for member, member_unit in members:  # the latest assignment wins, as in the directory
        unit_of[member] = member_unit
    head_count = Counter(unit_of.values())
    skp: Counter[int] = Counter()
    due: Counter[int] = Counter()
    timely: Counter[int] = Counter()
    done: Counter[int] = Counter()
    for plan_id, employee_id, iki_total, on_time in plans:
        unit_id = unit_of.get(employee_id)
        if unit_id is None:
            continue
        skp[unit_id] += 1
        due[unit_id] += iki_total * len(due_periods)
        timely[unit_id] += on_time
        done[unit_id] += plan_id in evaluated
    rows = [
        CompletionRow(
            unit_id=u.id,
            unit_code=u.code,
            unit_name=u.name,
            parent_unit_code=scope.codes.get(u.parent_id) if u.parent_id else None,
            employees=head_count[u.id],
            skp_set=skp[u.id],
            realizations_due=due[u.id],
            realizations_on_time=timely[u.id],
            evaluations_due=skp[u.id],
            evaluations_done=done[u.id],
        )
        for u in scope.units
        if head_count[u.id] or unit_alive(u, scope.start, scope.end)
    ]
    return scope, rows
