"""Compute the raw aggregates of a release from the operational tables.

The result lives only in memory: ``disclosure_tables.protect_release`` turns it into the
suppressed values that are stored. Every count here is per unit *directly* (the unit's own
staff); totals over sub-units are rolled up by the disclosure step, which needs both.

IKM is computed here from ``SurveyResponse`` with ``server.domain.ikm`` (pooled NRR over the
answers of every service of the unit and its sub-units), the same rule as
``services.survey.ikm``, which is scoped to a signed-in actor; this is the publication's own
unscoped read, done once per release.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server import clock
from server.db.engine import Database
from server.db.models import (
    AppraisalPeriod,
    AppraisalYear,
    Employee,
    Indicator,
    PerformancePlan,
    Position,
    PositionAssignment,
    PublicService,
    Realization,
    ServiceUserCount,
    SurveyFollowUp,
    SurveyResponse,
    Unit,
    WorkResult,
)
from server.domain.enums import (
    PUBLISHABLE_REVIEWS,
    EmployeeStatus,
    PlanStatus,
    RealizationStatus,
)
from server.domain.ikm import Unsur
from server.services.releases.periods import ReleasePeriod
from server.services.survey.services import public_service_name

# Periods and due dates are the instansi's calendar days (server.clock); timestamps are UTC.
SET_PLAN_STATUSES = (PlanStatus.DITETAPKAN, PlanStatus.REVISI_DRAFT, PlanStatus.REVISI_DIAJUKAN)
ACTIVE_STATUSES = tuple(s for s in EmployeeStatus if s.is_active)
CATEGORIES = ("SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG")


@dataclass
class SurveyTally:
    """Sums and counts of valid answers per unsur: enough to pool NRR over any grouping."""

    responses: int = 0
    sums: dict[Unsur, int] = field(default_factory=lambda: dict.fromkeys(Unsur, 0))
    counts: dict[Unsur, int] = field(default_factory=lambda: dict.fromkeys(Unsur, 0))
    population: int | None = None  # service users in the period (None: not entered)

    def add(self, other: SurveyTally) -> None:
        self.responses += other.responses
        for u in Unsur:
            self.sums[u] += other.sums[u]
            self.counts[u] += other.counts[u]
        if other.population is not None:
            self.population = (self.population or 0) + other.population


@dataclass
class RawUnit:
    code: str
    name: str
    kind: str
    parent_code: str | None
    headcount: int = 0  # direct staff
    skp_set: int = 0
    realized_people: int = 0
    realizations: int = 0
    realizations_on_time: int = 0
    survey: SurveyTally = field(default_factory=SurveyTally)  # own services only


@dataclass(frozen=True)
class RawService:
    code: str
    name: str
    unit_code: str
    survey: SurveyTally


@dataclass(frozen=True)
class RawFollowUp:
    unit_code: str
    year: int
    unsur: str | None
    action: str
    target_date: date | None
    done: bool


@dataclass(frozen=True)
class ObjectionTally:
    """Pegawai of a unit who filed a keberatan in the release period, by the outcome of their
    latest one: ``filed == upheld + rejected + pending``."""

    filed: int = 0
    upheld: int = 0  # DIUBAH: the result was changed
    rejected: int = 0  # DITOLAK: the result stands
    pending: int = 0  # DIAJUKAN: not decided yet at publication


@dataclass(frozen=True)
class EvaluationFacts:
    """Evaluation figures per unit code, each about the unit's own staff (not sub-units).

    ``distribution[unit_code][category]`` counts the unit's own staff with that predicate in
    the evaluation period of the release (None: no such period, NOT_AVAILABLE everywhere).
    ``eligible``/``completed`` are the completion numerator's population and the numerator;
    without them the completion falls back to distributed people over head count.
    ``org_predicates`` is a unit-level fact (no person), published as is.
    ``objections`` is None when there is no appraisal year for the release (NOT_AVAILABLE).
    ``server.services.releases.evaluation_facts`` builds all of it from the operational tables.
    """

    distribution: Mapping[str, Mapping[str, int]] | None
    eligible: Mapping[str, int] | None = None
    completed: Mapping[str, int] | None = None
    org_predicates: Mapping[str, str] = field(default_factory=dict)
    objections: Mapping[str, ObjectionTally] | None = None


@dataclass
class RawRelease:
    period: ReleasePeriod
    units: list[RawUnit]  # parents before children
    services: list[RawService]
    follow_ups: list[RawFollowUp]
    skp_available: bool  # an appraisal year exists for the period's year
    evaluation: EvaluationFacts | None = None


async def build_raw_release(
    db: Database, period: ReleasePeriod, evaluation: EvaluationFacts | None = None
) -> RawRelease:
    async with db.read() as session:
        units = await _units(session, period.end)
        by_id = {unit_id: u for unit_id, u in units}
        employee_unit = await _employee_units(session, period.end, set(by_id))
        for unit_id in employee_unit.values():
            by_id[unit_id].headcount += 1
        skp_available = await _skp(session, period, employee_unit, by_id)
        await _realizations(session, period, employee_unit, by_id)
        services = await _survey(session, period, by_id)
        follow_ups = await _follow_ups(session, period, by_id)
    return RawRelease(
        period=period,
        units=[u for _, u in units],
        services=services,
        follow_ups=follow_ups,
        skp_available=skp_available,
        evaluation=evaluation,
    )


async def employee_unit_codes(session: AsyncSession, day: date) -> dict[int, str]:
    """Each active employee's unit code on ``day``, by the same rule as the head counts."""
    units = await _units(session, day)
    code_of = {unit_id: u.code for unit_id, u in units}
    return {
        employee_id: code_of[unit_id]
        for employee_id, unit_id in (await _employee_units(session, day, set(code_of))).items()
    }


async def _units(session: AsyncSession, day: date) -> list[tuple[int, RawUnit]]:
    rows = (
        await session.execute(
            sa.select(Unit.id, Unit.code, Unit.name, Unit.kind, Unit.parent_id).where(
                Unit.valid_from <= day, sa.or_(Unit.valid_until.is_(None), Unit.valid_until >= day)
            )
        )
    ).all()
    code_of = {r.id: r.code for r in rows}
    children: dict[int | None, list[tuple[str, int]]] = defaultdict(list)
    for r in rows:
        parent = r.parent_id if r.parent_id in code_of else None
        children[parent].append((r.code, r.id))
    info = {r.id: r for r in rows}
    ordered: list[tuple[int, RawUnit]] = []
    queue: list[int | None] = [None]
    while queue:  # breadth first: parents always before their children
        parent_id = queue.pop(0)
        for _code, unit_id in sorted(children.get(parent_id, [])):
            r = info[unit_id]
            ordered.append(
                (
                    unit_id,
                    RawUnit(
                        r.code,
                        r.name,
                        r.kind.value,
                        code_of.get(parent_id) if parent_id is not None else None,
                    ),
                )
            )
            queue.append(unit_id)
    return ordered


async def _employee_units(session: AsyncSession, day: date, unit_ids: set[int]) -> dict[int, int]:
    """Each active employee's unit on ``day`` (their most recent assignment if several)."""
    rows = (
        await session.execute(
            sa.select(
                PositionAssignment.employee_id, Position.unit_id, PositionAssignment.start_date
            )
            .join(Position, Position.id == PositionAssignment.position_id)
            .join(Employee, Employee.id == PositionAssignment.employee_id)
            .where(
                PositionAssignment.start_date <= day,
                sa.or_(PositionAssignment.end_date.is_(None), PositionAssignment.end_date >= day),
                Employee.status.in_(ACTIVE_STATUSES),
            )
            .order_by(PositionAssignment.employee_id, PositionAssignment.start_date)
        )
    ).all()
    result: dict[int, int] = {}
    for employee_id, unit_id, _start in rows:
        if unit_id in unit_ids:
            result[employee_id] = unit_id  # later rows (newer starts) win
    return result


async def _skp(
    session: AsyncSession,
    period: ReleasePeriod,
    employee_unit: Mapping[int, int],
    by_id: Mapping[int, RawUnit],
) -> bool:
    year_id = (
        await session.scalars(sa.select(AppraisalYear.id).where(AppraisalYear.year == period.year))
    ).first()
    if year_id is None:
        return False
    employees = await session.scalars(
        sa.select(PerformancePlan.employee_id).where(
            PerformancePlan.year_id == year_id, PerformancePlan.status.in_(SET_PLAN_STATUSES)
        )
    )
    for employee_id in employees:
        unit_id = employee_unit.get(employee_id)
        if unit_id is not None:
            by_id[unit_id].skp_set += 1
    return True


async def _realizations(
    session: AsyncSession,
    period: ReleasePeriod,
    employee_unit: Mapping[int, int],
    by_id: Mapping[int, RawUnit],
) -> None:
    rows = await session.execute(
        sa.select(
            PerformancePlan.employee_id, Realization.confirmed_at, AppraisalPeriod.realization_due
        )
        .join(AppraisalPeriod, AppraisalPeriod.id == Realization.period_id)
        .join(Indicator, Indicator.id == Realization.indicator_id)
        .join(WorkResult, WorkResult.id == Indicator.work_result_id)
        .join(PerformancePlan, PerformancePlan.id == WorkResult.plan_id)
        .where(
            Realization.status == RealizationStatus.DIKONFIRMASI,
            Realization.confirmed_at.is_not(None),
            AppraisalPeriod.end_date >= period.start,
            AppraisalPeriod.end_date <= period.end,
        )
    )
    people: dict[int, set[int]] = defaultdict(set)
    for employee_id, confirmed_at, due in rows:
        unit_id = employee_unit.get(employee_id)
        if unit_id is None:
            continue
        unit = by_id[unit_id]
        unit.realizations += 1
        # On time: confirmed before the end of the (local) due day, which is inclusive.
        deadline = clock.end_of(due)
        if confirmed_at is not None and confirmed_at < deadline:
            unit.realizations_on_time += 1
        people[unit_id].add(employee_id)
    for unit_id, ids in people.items():
        by_id[unit_id].realized_people = len(ids)


async def _survey(
    session: AsyncSession, period: ReleasePeriod, by_id: Mapping[int, RawUnit]
) -> list[RawService]:
    start, end = clock.day_bounds(period.start, period.end)
    columns = [getattr(SurveyResponse, u.value.lower()) for u in Unsur]
    tallies = {
        row[0]: row[1:]
        for row in await session.execute(
            sa.select(
                SurveyResponse.service_id,
                sa.func.count(),
                *[sa.func.coalesce(sa.func.sum(c), 0) for c in columns],
                *[sa.func.count(c) for c in columns],
            )
            .where(SurveyResponse.submitted_at >= start, SurveyResponse.submitted_at < end)
            .group_by(SurveyResponse.service_id)
        )
    }
    month_key = ServiceUserCount.year * 100 + ServiceUserCount.month
    populations = dict(
        (
            await session.execute(
                sa.select(ServiceUserCount.service_id, sa.func.sum(ServiceUserCount.users))
                .where(
                    month_key >= period.start.year * 100 + period.start.month,
                    month_key <= period.end.year * 100 + period.end.month,
                )
                .group_by(ServiceUserCount.service_id)
            )
        ).all()
    )
    services = (
        await session.execute(
            sa.select(
                PublicService.id,
                PublicService.code,
                PublicService.name,
                PublicService.unit_id,
                PublicService.text_review,
            )
            .where(sa.or_(PublicService.active.is_(True), PublicService.id.in_(list(tallies))))
            .order_by(PublicService.code)
        )
    ).all()
    result: list[RawService] = []
    for service_id, code, name, unit_id, review in services:
        unit = by_id.get(unit_id)
        if unit is None:
            continue
        tally = SurveyTally()
        row = tallies.get(service_id)
        if row is not None:
            tally.responses = int(row[0])
            for i, u in enumerate(Unsur):
                tally.sums[u] = int(row[1 + i])
                tally.counts[u] = int(row[10 + i])
        population = populations.get(service_id)
        tally.population = None if population is None else int(population)
        unit.survey.add(tally)
        # A name held by the officer-name screening is published as the code.
        result.append(RawService(code, public_service_name(code, name, review), unit.code, tally))
    return result


async def _follow_ups(
    session: AsyncSession, period: ReleasePeriod, by_id: Mapping[int, RawUnit]
) -> list[RawFollowUp]:
    rows = await session.scalars(
        sa.select(SurveyFollowUp)
        # Only texts that passed the officer-name/NIP screening or a moderator's approval.
        .where(SurveyFollowUp.year == period.year, SurveyFollowUp.review.in_(PUBLISHABLE_REVIEWS))
        .order_by(SurveyFollowUp.unit_id, SurveyFollowUp.id)
    )
    return [
        RawFollowUp(by_id[f.unit_id].code, f.year, f.unsur, f.action, f.target_date, f.done)
        for f in rows
        if f.unit_id in by_id
    ]
