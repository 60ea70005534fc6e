"""The evaluation figures of a release, read from the evaluation tables (issue: evaluation).

Everything here is per unit code and about the unit's *own* staff, with the unit of each pegawai
taken on the last day of the release exactly as the head counts are; sub-unit totals and
disclosure control are the job of ``disclosure_tables``. A fixed handful of statements, whatever
the number of employees: the rows are read in bulk and tallied in memory.

The evaluation period of a release is the latest appraisal period of its year that ends inside
the release and has already ended on the publication day (in Salatiga): completion and the
predicate distribution both describe that period, so one explains the other.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server import clock
from server.db.engine import Database
from server.db.models import (
    AppraisalPeriod,
    AppraisalYear,
    Evaluation,
    Objection,
    OrgPredicateAssignment,
    PerformancePlan,
    Unit,
)
from server.domain.enums import EvaluationKind, ObjectionStatus
from server.domain.evaluation import FINALISED
from server.services.releases.builder import (
    SET_PLAN_STATUSES,
    EvaluationFacts,
    ObjectionTally,
    employee_unit_codes,
)
from server.services.releases.periods import ReleasePeriod

"""Set by the assessor, acknowledged by the pegawai or not: the result counts either way."""


@dataclass(frozen=True)
class EvaluationPeriod:
    id: int
    year_id: int
    start: date
    end: date


async def build_evaluation_facts(
    db: Database, period: ReleasePeriod, today: date | None = None
) -> EvaluationFacts:
    """Completion, predicate distribution, organisation predicates and objections per unit."""
    day = today or clock.today()
    async with db.read() as session:
        year_id = (
            await session.scalars(
                sa.select(AppraisalYear.id).where(AppraisalYear.year == period.year)
            )
        ).first()
        if year_id is None:
            return EvaluationFacts(distribution=None)
        unit_of = await employee_unit_codes(session, period.end)
        target = await evaluation_period(session, year_id, period, day)
        org = await _org_predicates(session, year_id, target)
        objections = await _objections(session, period, unit_of)
        if target is None:
            return EvaluationFacts(distribution=None, org_predicates=org, objections=objections)
        eligible, completed, distribution = await _completion(session, year_id, target, unit_of)
    return EvaluationFacts(
        distribution=distribution,
        eligible=eligible,
        completed=completed,
        org_predicates=org,
        objections=objections,
    )


async def evaluation_period(
    session: AsyncSession, year_id: int, period: ReleasePeriod, today: date
) -> EvaluationPeriod | None:
    """The latest appraisal period ending inside the release and before ``today``."""
    row = (
        await session.execute(
            sa.select(
                AppraisalPeriod.id,
                AppraisalPeriod.year_id,
                AppraisalPeriod.start_date,
                AppraisalPeriod.end_date,
            )
            .where(
                AppraisalPeriod.year_id == year_id,
                AppraisalPeriod.end_date >= period.start,
                AppraisalPeriod.end_date <= period.end,
                AppraisalPeriod.end_date < today,
            )
            .order_by(AppraisalPeriod.end_date.desc(), AppraisalPeriod.number.desc())
            .limit(1)
        )
    ).first()
    return None if row is None else EvaluationPeriod(*row)


async def _completion(
    session: AsyncSession, year_id: int, target: EvaluationPeriod, unit_of: dict[int, str]
) -> tuple[dict[str, int], dict[str, int], dict[str, dict[str, int]]]:
    """Pegawai with a set SKP, those of them with a finalised evaluation, and its predicates."""
    eligible: Counter[str] = Counter()
    set_plans = await session.scalars(
        sa.select(PerformancePlan.employee_id)
        .where(PerformancePlan.year_id == year_id, PerformancePlan.status.in_(SET_PLAN_STATUSES))
        .distinct()
    )
    for employee_id in set_plans:
        code = unit_of.get(employee_id)
        if code is not None:
            eligible[code] += 1
    completed: Counter[str] = Counter()
    distribution: dict[str, Counter[str]] = defaultdict(Counter)
    rows = await session.execute(
        sa.select(PerformancePlan.employee_id, Evaluation.predicate)
        .join(PerformancePlan, PerformancePlan.id == Evaluation.plan_id)
        .where(
            PerformancePlan.year_id == year_id,
            PerformancePlan.status.in_(SET_PLAN_STATUSES),
            Evaluation.kind == EvaluationKind.PERIODIK,
            Evaluation.period_id == target.id,
            Evaluation.status.in_(FINALISED),
        )
    )
    # One SKP per pegawai and year and one evaluation per SKP and period (unique constraints),
    # so each row is one person.
    for employee_id, predicate in rows:
        code = unit_of.get(employee_id)
        if code is None:
            continue
        completed[code] += 1
        if predicate is not None:
            distribution[code][predicate.value] += 1
    return dict(eligible), dict(completed), {c: dict(v) for c, v in distribution.items()}


async def _org_predicates(
    session: AsyncSession, year_id: int, target: EvaluationPeriod | None
) -> dict[str, str]:
    """Each unit's predicate for the evaluation period, else the one set for the whole year."""
    wanted: sa.ColumnElement[bool] = OrgPredicateAssignment.period_id.is_(None)
    if target is not None:
        wanted = sa.or_(wanted, OrgPredicateAssignment.period_id == target.id)
    rows = await session.execute(
        sa.select(Unit.code, OrgPredicateAssignment.period_id, OrgPredicateAssignment.predicate)
        .join(Unit, Unit.id == OrgPredicateAssignment.unit_id)
        .where(OrgPredicateAssignment.year_id == year_id, wanted)
    )
    found: dict[str, str] = {}
    for code, _period_id, predicate in sorted(rows, key=lambda r: r[1] is not None):
        found[code] = predicate.value  # the period's row (sorted last) wins over the year's
    return found


async def _objections(
    session: AsyncSession, period: ReleasePeriod, unit_of: dict[int, str]
) -> dict[str, ObjectionTally]:
    """Pegawai who filed in the release period, each once, by the outcome of their latest."""
    lower, upper = clock.day_bounds(period.start, period.end)
    rows = await session.execute(
        sa.select(Objection.filed_by_employee_id, Objection.status)
        .where(Objection.created_at >= lower, Objection.created_at < upper)
        .order_by(Objection.created_at, Objection.id)
    )
    latest: dict[int, ObjectionStatus] = {}
    for employee_id, status in rows:
        latest[employee_id] = status  # later rows win
    tallies: dict[str, Counter[ObjectionStatus]] = defaultdict(Counter)
    for employee_id, status in latest.items():
        code = unit_of.get(employee_id)
        if code is not None:
            tallies[code][status] += 1
    return {
        code: ObjectionTally(
            filed=sum(c.values()),
            upheld=c[ObjectionStatus.DIUBAH],
            rejected=c[ObjectionStatus.DITOLAK],
            pending=c[ObjectionStatus.DIAJUKAN],
        )
        for code, c in tallies.items()
    }
