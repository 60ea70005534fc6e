"""What a calibration is about: a unit, and a period of the year or the whole year.

Shared by the organisation predicate, distribution and calibration view services: resolving the
scope, loading the finalised predicates in it (a fixed number of statements, any size), and who
may read or change calibration data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server.db.models import (
    AppraisalPeriod,
    AppraisalYear,
    Evaluation,
    EvaluationCount,
    PerformancePlan,
    Unit,
)
from server.domain.enums import EvaluationKind, Predicate, Rating, Role
from server.domain.evaluation import FINALISED
from server.services.actor import Actor
from server.services.errors import ErrorCode, ServiceError, forbidden
from server.services.organisation.directory import UnitTree, current_units_of
from server.services.validation import invalid

"""An evaluation counts in calibration once the assessor has set it (acknowledged or not)."""


@dataclass(frozen=True)
class Scope:
    """A period of a year (periodic evaluations) or the year itself (annual evaluations)."""

    year_id: int
    year: int
    period_id: int | None
    period_number: int | None
    start: date
    end: date  # the reference day: which policy is in force, where people sat

    @property
    def key(self) -> str:
        return f"{self.year_id}:{self.period_id if self.period_id is not None else 'tahunan'}"

    @property
    def label(self) -> str:
        if self.period_number is None:
            return f"tahun {self.year}"
        return f"periode {self.period_number} tahun {self.year}"


async def resolve_scope(
    session: AsyncSession, *, period_id: int | None, year_id: int | None
) -> Scope:
    """Exactly one of ``period_id`` (periodic) and ``year_id`` (annual) must be given."""
    if (period_id is None) == (year_id is None):
        raise invalid("periodId", "Pilih tepat satu: periode penilaian atau tahun (tahunan).")
    if period_id is not None:
        period = await session.get(AppraisalPeriod, period_id)
        if period is None:
            raise ServiceError(
                ErrorCode.NOT_FOUND, "Periode penilaian tidak ditemukan.", "periodId"
            )
        year = await session.get(AppraisalYear, period.year_id)
        assert year is not None
        return Scope(
            year.id, year.year, period.id, period.number, period.start_date, period.end_date
        )
    assert year_id is not None
    year = await session.get(AppraisalYear, year_id)
    if year is None:
        raise ServiceError(ErrorCode.NOT_FOUND, "Tahun penilaian tidak ditemukan.", "yearId")
    return Scope(year.id, year.year, None, None, date(year.year, 1, 1), date(year.year, 12, 31))


async def require_unit(session: AsyncSession, unit_id: int) -> Unit:
    unit = await session.get(Unit, unit_id)
    if unit is None:
        raise ServiceError(ErrorCode.NOT_FOUND, "Unit kerja tidak ditemukan.", "unitId")
    return unit


def require_calibrator(actor: Actor) -> None:
    """Org predicates and calibration are set by BKPSDM on behalf of the pimpinan one level up.

    A unit's own pengelola kinerja only reads: they would otherwise grade their own unit.
    """
    if actor.is_system or actor.has(Role.HR_ADMIN):
        return
    raise forbidden(
        "Hanya Admin BKPSDM (atas nama pimpinan satu tingkat di atas) yang boleh menetapkan "
        "predikat organisasi dan kalibrasi."
    )


def can_read_unit(actor: Actor, unit_id: int, units: UnitTree | None) -> bool:
    if actor.sees_everything:
        return True
    return (
        actor.has(Role.UNIT_MANAGER)
        and actor.managed_unit_id is not None
        and units is not None
        and units.is_within(unit_id, actor.managed_unit_id)
    )


def require_calibration_reader(actor: Actor) -> None:
    """Coarse gate of calibration reads: BKPSDM, auditors, and unit managers (scoped later)."""
    if actor.sees_everything or (actor.has(Role.UNIT_MANAGER) and actor.managed_unit_id):
        return
    raise forbidden(
        "Hanya Admin BKPSDM, auditor dan pengelola kinerja unit yang boleh melihat kalibrasi."
    )


@dataclass(frozen=True)
class Rated:
    """One finalised evaluation in a scope, reduced to what calibration needs."""

    evaluation_id: int
    employee_id: int
    assessor_id: int | None
    predicate: Predicate
    self_result: Rating | None
    self_behavior: Rating | None
    unit_id: int | None


def in_scope(scope: Scope) -> sa.ColumnElement[bool]:
    if scope.period_id is not None:
        return sa.and_(
            Evaluation.kind == EvaluationKind.PERIODIK, Evaluation.period_id == scope.period_id
        )
    return sa.and_(
        Evaluation.kind == EvaluationKind.TAHUNAN, PerformancePlan.year_id == scope.year_id
    )


async def load_rated(
    session: AsyncSession, scope: Scope, units: set[int] | None = None
) -> list[Rated]:
    """Every finalised predicate in the scope (of ``units`` only, when given): at most three
    statements, whatever the size.

    The unit is the one frozen into the evaluation's identity snapshot (``rated_unit_id``);
    without one, the unit of the position held on the scope's last day.
    """
    query = (
        sa.select(
            Evaluation.id,
            PerformancePlan.employee_id,
            Evaluation.assessor_employee_id,
            Evaluation.predicate,
            Evaluation.self_result_rating,
            Evaluation.self_behavior_rating,
            Evaluation.rated_unit_id,
        )
        .join(PerformancePlan, PerformancePlan.id == Evaluation.plan_id)
        .where(in_scope(scope), Evaluation.status.in_(FINALISED), Evaluation.predicate.is_not(None))
        .order_by(PerformancePlan.employee_id, Evaluation.id)
    )
    if units is not None:
        # Those without a frozen unit are few (rated by the Kepala Daerah): placed below.
        query = query.where(
            sa.or_(Evaluation.rated_unit_id.in_(units), Evaluation.rated_unit_id.is_(None))
        )
    rows = (await session.execute(query)).all()
    missing = {row[1] for row in rows if row[6] is None}
    unit_of_employee: dict[int, int] = {}
    if missing:
        unit_of_employee = await current_units_of(session, missing, scope.end)
    found = [
        Rated(
            evaluation_id=ev_id,
            employee_id=emp,
            assessor_id=assessor,
            predicate=predicate,
            self_result=self_result,
            self_behavior=self_behavior,
            unit_id=frozen_unit or unit_of_employee.get(emp),
        )
        for ev_id, emp, assessor, predicate, self_result, self_behavior, frozen_unit in rows
        if predicate is not None  # the query asked for set predicates only
    ]
    return found if units is None else members(found, units)


@dataclass(frozen=True)
class RatedGroup:
    """Finalised predicates of a scope counted by unit, assessor, predicate and self ratings."""

    unit_id: int | None
    assessor_id: int | None
    predicate: Predicate
    self_result: Rating | None
    self_behavior: Rating | None
    count: int


async def count_rated(session: AsyncSession, scope: Scope) -> list[RatedGroup]:
    """:func:`load_rated`, counted: the scope's rows of the evaluation count (kept by every
    write, server/db/evaluation_count.py), plus the few evaluations without a rated unit,
    counted live and placed by position. At most four statements, whatever the size."""
    c = EvaluationCount
    counted_rows = (
        await session.execute(
            sa.select(
                c.rated_unit_id,
                c.assessor_employee_id,
                c.predicate,
                c.self_result_rating,
                c.self_behavior_rating,
                c.n,
            ).where(
                c.year_id == scope.year_id,
                c.period_id.is_(None)
                if scope.period_id is None
                else c.period_id == scope.period_id,
            )
        )
    ).all()
    keys = (
        PerformancePlan.employee_id,
        Evaluation.assessor_employee_id,
        Evaluation.predicate,
        Evaluation.self_result_rating,
        Evaluation.self_behavior_rating,
    )
    unplaced = (
        await session.execute(
            sa.select(*keys, sa.func.count())
            .join(PerformancePlan, PerformancePlan.id == Evaluation.plan_id)
            .where(
                Evaluation.rated_unit_id.is_(None),
                in_scope(scope),
                Evaluation.status.in_(FINALISED),
                Evaluation.predicate.is_not(None),
            )
            .group_by(*keys)
        )
    ).all()
    unit_of_employee: dict[int, int] = {}
    if unplaced:
        unit_of_employee = await current_units_of(session, {row[0] for row in unplaced}, scope.end)
    counted: dict[tuple[int | None, int | None, Predicate, Rating | None, Rating | None], int] = {}
    for unit, assessor, predicate, self_result, self_behavior, count in [
        *counted_rows,
        *((unit_of_employee.get(row[0]), *row[1:]) for row in unplaced),
    ]:
        if predicate is None:
            continue  # the queries asked for set predicates only
        key = (unit, assessor, predicate, self_result, self_behavior)
        counted[key] = counted.get(key, 0) + count
    return [RatedGroup(*key, count) for key, count in counted.items()]


def members(rated: Sequence[Rated], unit_ids: set[int]) -> list[Rated]:
    return [r for r in rated if r.unit_id is not None and r.unit_id in unit_ids]


def snapshot_of(rated: Sequence[Rated], *, include_subunits: bool) -> dict[str, Any]:
    """The list of (pegawai, predikat) at one moment, as stored in a CalibrationDecision."""
    return {
        "include_subunits": include_subunits,
        "predicates": [
            {
                "employee_id": r.employee_id,
                "evaluation_id": r.evaluation_id,
                "predicate": r.predicate.value,
            }
            for r in sorted(rated, key=lambda r: (r.employee_id, r.evaluation_id))
        ],
    }
