"""Lookups and checks shared by the work services: which SKP a row belongs to, who may touch it,
and whether its period is still open."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server.db.models import (
    AppraisalPeriod,
    AppraisalYear,
    Evidence,
    Indicator,
    PerformancePlan,
    WorkResult,
)
from server.domain.enums import YearStatus
from server.domain.periods import WORK_LABELS, PeriodRefusal, PeriodWork, period_refusal
from server.domain.planning import IN_FORCE
from server.services.actor import Actor
from server.services.errors import ErrorCode, ServiceError
from server.services.planning.access import PlanAccess, plan_access, plans_access
from server.services.validation import invalid


def live_evidence_count(realization_id: sa.ColumnExpressionArgument[int]) -> sa.ScalarSelect[int]:
    """The bukti dukung of a realisasi that are not removed, counted as a column of a query of
    realisasi (so a list carries its counts without another statement)."""
    return (
        sa.select(sa.func.count(Evidence.id))
        .where(Evidence.realization_id == realization_id, Evidence.removed_at.is_(None))
        .scalar_subquery()
    )


@dataclass(frozen=True)
class PlanContext:
    """An SKP, its Periode Penilaian, and what the actor may do with it."""

    plan: PerformancePlan
    year: AppraisalYear
    access: PlanAccess


async def plan_context(
    session: AsyncSession, actor: Actor, plan_id: int, today: date, *, field: str = "planId"
) -> PlanContext:
    """The SKP if the actor may read it; otherwise NOT_FOUND (existence is private)."""
    plan = await session.get(PerformancePlan, plan_id)
    if plan is None:
        raise ServiceError(ErrorCode.NOT_FOUND, "SKP tidak ditemukan.", field)
    access = await plan_access(session, actor, plan, today=today)
    access.require_read()
    year = await session.get(AppraisalYear, plan.year_id)
    assert year is not None  # a foreign key
    return PlanContext(plan, year, access)


async def readable_plan_contexts(
    session: AsyncSession, actor: Actor, plan_ids: Iterable[int], today: date
) -> dict[int, PlanContext]:
    """:func:`plan_context` of many SKPs in a fixed number of statements: those the actor may
    read, by id (a missing or unreadable one is simply absent). The internal API asks this once
    a request (its DataLoader), so an SKP and the work of one of its periods, asked for in one
    request, check the same access once."""
    found = (
        await session.execute(
            sa.select(PerformancePlan, AppraisalYear)
            .join(AppraisalYear, AppraisalYear.id == PerformancePlan.year_id)
            .where(PerformancePlan.id.in_(set(plan_ids)))
        )
    ).all()
    if not found:
        return {}
    access = await plans_access(session, actor, [plan for plan, _ in found], today=today)
    return {
        plan.id: PlanContext(plan, year, access[plan.id])
        for plan, year in found
        if access[plan.id].can_read
    }


async def owner_context(
    session: AsyncSession, actor: Actor, plan_id: int, today: date, *, field: str = "planId"
) -> PlanContext:
    """The SKP for a write by its owner: readable, owned, in force, year open."""
    ctx = await plan_context(session, actor, plan_id, today, field=field)
    ctx.access.require_owner()
    if ctx.plan.status not in IN_FORCE:
        raise ServiceError(
            ErrorCode.INVALID_STATE,
            "SKP belum ditetapkan: rencana aksi, realisasi dan catatan kerja dicatat pada SKP "
            "yang sudah ditetapkan Pejabat Penilai.",
        )
    if ctx.year.status is YearStatus.DITUTUP:
        raise ServiceError(
            ErrorCode.INVALID_STATE, f"Periode Penilaian {ctx.year.year} sudah ditutup."
        )
    return ctx


async def work_result_of(
    session: AsyncSession, work_result_id: int, field: str = "workResultId"
) -> WorkResult:
    found = await session.get(WorkResult, work_result_id)
    if found is None:
        raise ServiceError(ErrorCode.NOT_FOUND, "RHK tidak ditemukan.", field)
    return found


async def indicator_of(
    session: AsyncSession, indicator_id: int, field: str = "indicatorId"
) -> tuple[Indicator, WorkResult]:
    found = await session.get(Indicator, indicator_id)
    if found is None:
        raise ServiceError(ErrorCode.NOT_FOUND, "IKI tidak ditemukan.", field)
    work_result = await session.get(WorkResult, found.work_result_id)
    assert work_result is not None
    return found, work_result


async def period_of(
    session: AsyncSession, ctx: PlanContext, period_id: int, field: str = "periodId"
) -> AppraisalPeriod:
    """A period of the SKP's own year (a period of another year is simply not found)."""
    period = await session.get(AppraisalPeriod, period_id)
    if period is None or period.year_id != ctx.plan.year_id:
        raise _period_not_found(field)
    return period


def period_among(
    ctx: PlanContext,
    periods: Sequence[AppraisalPeriod],
    period_id: int,
    field: str = "periodId",
) -> AppraisalPeriod:
    """:func:`period_of`, from the periods of the SKP's year already at hand (the internal API
    holds them once a request)."""
    for period in periods:
        if period.id == period_id and period.year_id == ctx.plan.year_id:
            return period
    raise _period_not_found(field)


def _period_not_found(field: str) -> ServiceError:
    return ServiceError(
        ErrorCode.NOT_FOUND, "Periode penilaian tidak ditemukan pada tahun SKP ini.", field
    )


async def period_on(session: AsyncSession, ctx: PlanContext, day: date) -> AppraisalPeriod:
    """The period of the SKP's year that contains ``day``."""
    period = (
        await session.scalars(
            sa.select(AppraisalPeriod).where(
                AppraisalPeriod.year_id == ctx.plan.year_id,
                AppraisalPeriod.start_date <= day,
                AppraisalPeriod.end_date >= day,
            )
        )
    ).first()
    if period is None:
        raise invalid("workDate", f"Tanggal {day:%d-%m-%Y} tidak termasuk periode SKP ini.")
    return period


def require_period_open(
    period: AppraisalPeriod,
    work: PeriodWork,
    today: date,
    *,
    field: str | None = None,
    what: str | None = None,
) -> None:
    """The one period rule (server.domain.periods), as the service error a client acts on:
    PERIOD_NOT_STARTED before the period's first day, INVALID_STATE once it is evaluated."""
    refusal = period_refusal(
        work, today=today, start=period.start_date, evaluated=period.evaluated_at is not None
    )
    label = what or WORK_LABELS[work]
    span = f"{period.start_date:%d-%m-%Y} s.d. {period.end_date:%d-%m-%Y}"
    if refusal is PeriodRefusal.NOT_STARTED:
        raise ServiceError(
            ErrorCode.PERIOD_NOT_STARTED,
            f"Periode {span} belum dimulai: {label} baru dapat dicatat mulai "
            f"{period.start_date:%d-%m-%Y}.",
            field,
        )
    if refusal is PeriodRefusal.EVALUATED:
        raise ServiceError(
            ErrorCode.INVALID_STATE,
            f"Periode {span} sudah dinilai: {label} tidak dapat lagi ditambah, diubah atau "
            "dihapus.",
        )
