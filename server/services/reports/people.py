"""Pegawai unit: the people of a unit's subtree with their SKP status and realisasi progress.

The unit manager's (pengelola kinerja unit) list, and BKPSDM's for any unit. Same reach as the
completion report (:func:`resolve_report_scope`), same definitions:
- pegawai of a unit: those holding a position of that unit today (or on the year's last day for
  a year that has ended);
- the period shown: the one running on that day (for a past year its last period);
- behind: no set SKP (DITETAPKAN or later), or an IKI of the set SKP without a confirmed
  realisasi for the latest period whose deadline has passed.
Only counts and statuses: no ratings, no feedback, nothing of the employee's private record.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from server.db.engine import Database
from server.db.models import (
    AppraisalPeriod,
    Indicator,
    PerformancePlan,
    Position,
    PositionAssignment,
    Realization,
    WorkResult,
)
from server.domain.enums import BehindReason, PlanStatus, RealizationStatus
from server.services.actor import Actor
from server.services.organisation.directory import open_assignment_on
from server.services.reports.completion import SET_STATUSES
from server.services.reports.scope import ReportScope, resolve_report_scope


@dataclass(frozen=True)
class PersonProgress:
    employee_id: int
    unit_id: int
    plan_id: int | None
    plan_status: PlanStatus | None
    indicators: int  # IKI of the year's SKP (set or not)
    period_filled: int  # realisasi written for the period shown (any status)
    period_confirmed: int  # … of which confirmed by the Pejabat Penilai
    due_confirmed: int  # confirmed realisasi of the latest period past its deadline
    reasons: tuple[BehindReason, ...]

    @property
    def behind(self) -> bool:
        return bool(self.reasons)


@dataclass(frozen=True)
class UnitPeople:
    scope: ReportScope
    period: AppraisalPeriod | None  # the period shown
    due_period: AppraisalPeriod | None  # the latest period whose realisasi deadline has passed
    people: Sequence[PersonProgress]


def _shown_period(periods: Sequence[AppraisalPeriod], day: date) -> AppraisalPeriod | None:
    for p in periods:
        if p.start_date <= day <= p.end_date:
            return p
    return None


async def unit_people(
    db: Database, actor: Actor, *, year: int, unit_code: str | None, today: date
) -> UnitPeople:
    """Eight statements whatever the number of people (four of them resolve the scope)."""
    async with db.read() as session:
        scope = await resolve_report_scope(
            session, actor, year=year, period_number=None, unit_code=unit_code
        )
        reference = min(scope.end, today)
        period = _shown_period(scope.periods, reference)
        due = [p for p in scope.periods if p.realization_due < today]
        due_period = due[-1] if due else None
        in_reach = {u.id for u in scope.units}
        members = (
            await session.execute(
                sa.select(PositionAssignment.employee_id, Position.unit_id)
                .join(Position, Position.id == PositionAssignment.position_id)
                .where(open_assignment_on(reference), Position.unit_id.in_(in_reach))
                .order_by(PositionAssignment.start_date, PositionAssignment.id)
            )
        ).all()
        unit_of: dict[int, int] = {}
        for member, member_unit in members:  # the latest assignment wins, as in the directory
            unit_of[member] = member_unit
        if not unit_of:
            return UnitPeople(scope, period, due_period, [])
        plans = (
            await session.execute(
                sa.select(PerformancePlan.id, PerformancePlan.employee_id, PerformancePlan.status)
                .where(
                    PerformancePlan.year_id == scope.year_id,
                    PerformancePlan.employee_id.in_(unit_of),
                )
                .order_by(PerformancePlan.id)
            )
        ).all()
        plan_of = {employee: (plan_id, status) for plan_id, employee, status in plans}
        plan_ids = [plan_id for plan_id, _ in plan_of.values()]
        indicators: dict[int, int] = {}
        filled: Counter[int] = Counter()
        confirmed: Counter[int] = Counter()
        due_done: Counter[int] = Counter()
        if plan_ids:
            indicators = {
                plan_id: count
                for plan_id, count in (
                    await session.execute(
                        sa.select(WorkResult.plan_id, sa.func.count(Indicator.id))
                        .join(Indicator, Indicator.work_result_id == WorkResult.id)
                        .where(WorkResult.plan_id.in_(plan_ids))
                        .group_by(WorkResult.plan_id)
                    )
                ).all()
            }
            wanted = {p.id for p in (period, due_period) if p is not None}
            if wanted:
                rows = (
                    await session.execute(
                        sa.select(WorkResult.plan_id, Realization.period_id, Realization.status)
                        .join(Indicator, Indicator.id == Realization.indicator_id)
                        .join(WorkResult, WorkResult.id == Indicator.work_result_id)
                        .where(WorkResult.plan_id.in_(plan_ids), Realization.period_id.in_(wanted))
                    )
                ).all()
                for row_plan, period_id, real_status in rows:
                    done = real_status is RealizationStatus.DIKONFIRMASI
                    if period is not None and period_id == period.id:
                        filled[row_plan] += 1
                        confirmed[row_plan] += done
                    if due_period is not None and period_id == due_period.id:
                        due_done[row_plan] += done

    people: list[PersonProgress] = []
    for employee_id, unit_id in unit_of.items():
        plan_id, status = plan_of.get(employee_id, (None, None))
        count = indicators.get(plan_id, 0) if plan_id is not None else 0
        reasons: list[BehindReason] = []
        is_set = status in SET_STATUSES
        if not is_set:
            reasons.append(BehindReason.SKP_NOT_SET)
        elif due_period is not None and plan_id is not None and due_done[plan_id] < count:
            reasons.append(BehindReason.REALIZATION_LATE)
        people.append(
            PersonProgress(
                employee_id=employee_id,
                unit_id=unit_id,
                plan_id=plan_id,
                plan_status=status,
                indicators=count,
                period_filled=filled[plan_id] if plan_id is not None else 0,
                period_confirmed=confirmed[plan_id] if plan_id is not None else 0,
                due_confirmed=due_done[plan_id] if plan_id is not None else 0,
                reasons=tuple(reasons),
            )
        )
    return UnitPeople(scope, period, due_period, people)
