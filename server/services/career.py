"""Career read-outs of the predicates (DOMAIN.md §10): recognition and talent pool for Sangat
Baik, promotion eligibility (at least Baik two years running) and angka kredit for jabatan
fungsional. Read-only: each answers who may see it from the same rules as the person's record.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server import clock
from server.db.engine import Database
from server.db.models import (
    AppraisalPeriod,
    AppraisalYear,
    Employee,
    Evaluation,
    PerformancePlan,
    Position,
)
from server.domain.enums import EvaluationKind, PositionKind, Predicate, Role
from server.domain.evaluation import (
    ANGKA_KREDIT_PERCENT,
    FINALISED,
    angka_kredit,
    eligible_for_promotion,
    talent_pool_priority,
)
from server.services.actor import Actor
from server.services.calibration.scope import (
    Rated,
    can_read_unit,
    load_rated,
    require_calibration_reader,
    resolve_scope,
)
from server.services.errors import ErrorCode, ServiceError
from server.services.organisation.directory import (
    RecordScope,
    current_positions_of,
    current_units_of,
    load_org_snapshot,
    load_unit_tree,
)
from server.services.planning.years import MAX_YEAR, MIN_YEAR
from server.services.validation import invalid

MAX_COEFFICIENT = Decimal(1000)


async def recognition_recommendations(
    db: Database, actor: Actor, *, period_id: int | None = None, year_id: int | None = None
) -> list[Rated]:
    """Sangat Baik in the scope: recommendations for a reward (penghargaan) for BKPSDM."""
    require_calibration_reader(actor)
    async with db.read() as session:
        scope = await resolve_scope(session, period_id=period_id, year_id=year_id)
        rated = await load_rated(session, scope)
        tree = None if actor.sees_everything else await load_unit_tree(session)
    return [
        r
        for r in rated
        if r.predicate is Predicate.SANGAT_BAIK
        and (
            actor.sees_everything
            or (r.unit_id is not None and can_read_unit(actor, r.unit_id, tree))
        )
    ]


async def _annual_predicates(
    session: AsyncSession, years: Sequence[int], employee_ids: set[int] | None = None
) -> dict[tuple[int, int], tuple[int, Predicate]]:
    """(employee id, year) → (evaluation id, predicate) of finalised annual evaluations."""
    query = (
        sa.select(
            PerformancePlan.employee_id, AppraisalYear.year, Evaluation.id, Evaluation.predicate
        )
        .join(PerformancePlan, PerformancePlan.id == Evaluation.plan_id)
        .join(AppraisalYear, AppraisalYear.id == PerformancePlan.year_id)
        .where(
            Evaluation.kind == EvaluationKind.TAHUNAN,
            Evaluation.status.in_(FINALISED),
            Evaluation.predicate.is_not(None),
            AppraisalYear.year.in_(list(years)),
        )
    )
    if employee_ids is not None:
        query = query.where(PerformancePlan.employee_id.in_(employee_ids))
    rows = (await session.execute(query)).all()
    return {
        (emp, year): (ev, predicate) for emp, year, ev, predicate in rows if predicate is not None
    }


@dataclass(frozen=True)
class TalentCandidate:
    employee_id: int
    unit_id: int | None
    evaluation_ids: tuple[int, int]  # previous year, this year


async def talent_pool_candidates(db: Database, actor: Actor, *, year: int) -> list[TalentCandidate]:
    """Sangat Baik in the annual evaluations of ``year`` and the year before (talent-pool
    priority, DOMAIN.md §10). BKPSDM and auditors; a unit manager sees their own units."""
    require_calibration_reader(actor)
    if not MIN_YEAR < year <= MAX_YEAR:
        raise invalid("year", f"Tahun harus antara {MIN_YEAR + 1} dan {MAX_YEAR}.")
    async with db.read() as session:
        found = await _annual_predicates(session, (year - 1, year))
        employees = {
            emp
            for (emp, y), (_, predicate) in found.items()
            if y == year
            and (emp, year - 1) in found
            and talent_pool_priority([found[(emp, year - 1)][1], predicate])
        }
        unit_of = await current_units_of(session, employees, date(year, 12, 31))
        tree = None if actor.sees_everything else await load_unit_tree(session)
    return [
        TalentCandidate(emp, unit_of.get(emp), (found[(emp, year - 1)][0], found[(emp, year)][0]))
        for emp in sorted(employees)
        if actor.sees_everything
        or (unit_of.get(emp) is not None and can_read_unit(actor, unit_of[emp], tree))
    ]


async def _record_scope(session: AsyncSession, actor: Actor, today: date) -> RecordScope:
    needs_org = actor.employee_id is not None or actor.is_kepala_daerah
    org = await load_org_snapshot(session, today) if needs_org else None
    units = await load_unit_tree(session) if actor.has(Role.UNIT_MANAGER) else None
    return RecordScope(actor, org, units)


async def _require_person_reader(
    session: AsyncSession, actor: Actor, employee_id: int, today: date
) -> None:
    """The same audience as the full employee record (self, assessors, unit manager, HR)."""
    scope = await _record_scope(session, actor, today)
    unit = (await current_units_of(session, {employee_id}, today)).get(employee_id)
    if not scope.can_see_record(employee_id, unit):
        raise ServiceError(ErrorCode.NOT_FOUND, "Pegawai tidak ditemukan.", "employeeId")


@dataclass(frozen=True)
class PromotionEligibility:
    employee_id: int
    year: int
    previous: Predicate | None  # year - 1
    current: Predicate | None
    eligible: bool  # kenaikan pangkat and talent pool: at least Baik two years running
    talent_priority: bool  # Sangat Baik twice


async def promotion_eligibility(
    db: Database, actor: Actor, *, employee_id: int, year: int, today: date | None = None
) -> PromotionEligibility:
    today = today or clock.today()
    async with db.read() as session:
        if await session.get(Employee, employee_id) is None:
            raise ServiceError(ErrorCode.NOT_FOUND, "Pegawai tidak ditemukan.", "employeeId")
        await _require_person_reader(session, actor, employee_id, today)
        found = await _annual_predicates(session, (year - 1, year), {employee_id})
    previous = found.get((employee_id, year - 1))
    current = found.get((employee_id, year))
    pair = [previous[1] if previous else None, current[1] if current else None]
    return PromotionEligibility(
        employee_id=employee_id,
        year=year,
        previous=pair[0],
        current=pair[1],
        eligible=eligible_for_promotion(pair),
        talent_priority=talent_pool_priority(pair),
    )


# --- angka kredit ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AngkaKredit:
    evaluation_id: int
    predicate: Predicate
    percent: int
    months: int
    annual_coefficient: Decimal
    value: Decimal


def _months(period: AppraisalPeriod) -> int:
    return (
        (period.end_date.year - period.start_date.year) * 12
        + (period.end_date.month - period.start_date.month)
        + 1
    )


async def angka_kredit_of(
    db: Database,
    actor: Actor,
    *,
    evaluation_id: int,
    annual_coefficient: Decimal,
    today: date | None = None,
) -> AngkaKredit:
    """Angka kredit of a JF from one finalised evaluation (annual, or periodic: months/12)."""
    today = today or clock.today()
    try:
        if not Decimal(0) < annual_coefficient <= MAX_COEFFICIENT:
            raise invalid(
                "annualCoefficient",
                f"Koefisien tahunan harus lebih dari 0 dan paling besar {MAX_COEFFICIENT}.",
            )
    except InvalidOperation:  # NaN compares with an exception
        raise invalid("annualCoefficient", "Koefisien tahunan tidak valid.") from None
    async with db.read() as session:
        evaluation = await session.get(Evaluation, evaluation_id)
        plan = await session.get(PerformancePlan, evaluation.plan_id) if evaluation else None
        if evaluation is None or plan is None:
            raise ServiceError(ErrorCode.NOT_FOUND, "Penilaian tidak ditemukan.", "evaluationId")
        try:
            await _require_person_reader(session, actor, plan.employee_id, today)
        except ServiceError:
            raise ServiceError(
                ErrorCode.NOT_FOUND, "Penilaian tidak ditemukan.", "evaluationId"
            ) from None
        if evaluation.status not in FINALISED or evaluation.predicate is None:
            raise ServiceError(ErrorCode.INVALID_STATE, "Penilaian ini belum ditetapkan.")
        months = 12
        day = date(today.year, 12, 31)
        if evaluation.kind is EvaluationKind.PERIODIK and evaluation.period_id is not None:
            period = await session.get(AppraisalPeriod, evaluation.period_id)
            assert period is not None
            months = min(12, _months(period))
            day = period.end_date
        else:
            year = await session.get(AppraisalYear, plan.year_id)
            assert year is not None
            day = date(year.year, 12, 31)
        if (
            await _position_kind(session, evaluation, plan.employee_id, day)
            != PositionKind.FUNGSIONAL.value
        ):
            raise ServiceError(
                ErrorCode.INVALID_STATE,
                "Angka kredit hanya dihitung untuk pemangku jabatan fungsional.",
            )
    return AngkaKredit(
        evaluation_id=evaluation.id,
        predicate=evaluation.predicate,
        percent=ANGKA_KREDIT_PERCENT[evaluation.predicate],
        months=months,
        annual_coefficient=annual_coefficient,
        value=angka_kredit(evaluation.predicate, annual_coefficient, months),
    )


async def _position_kind(
    session: AsyncSession, evaluation: Evaluation, employee_id: int, day: date
) -> str | None:
    snapshot = evaluation.identity_snapshot
    if isinstance(snapshot, dict) and isinstance(snapshot.get("pegawai"), dict):
        kind = snapshot["pegawai"].get("position_kind")
        if isinstance(kind, str):
            return kind
    position_id = (await current_positions_of(session, {employee_id}, day)).get(employee_id)
    position = await session.get(Position, position_id) if position_id is not None else None
    return position.kind.value if position else None
