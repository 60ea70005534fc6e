"""Periode Penilaian: appraisal years with their periodic evaluation windows (AppraisalPeriod)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import flag_modified

from server import clock
from server.db.engine import Database
from server.db.models import AppraisalPeriod, AppraisalYear
from server.domain.audit_actions import AuditAction
from server.domain.enums import Cadence, Role, YearStatus
from server.domain.planning import build_periods, period_label
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.errors import ErrorCode, ServiceError, forbidden, not_found
from server.services.grouping import group_by
from server.services.validation import check_version, clean_text, invalid

MIN_YEAR = 2000
MAX_YEAR = 2100
MAX_DUE_DAYS = 90
DEFAULT_DUE_DAYS = 10


def year_state(year: AppraisalYear) -> dict[str, Any]:
    return {
        "year": year.year,
        "cadence": year.cadence,
        "plan_deadline": year.plan_deadline,
        "realization_due_days": year.realization_due_days,
        "status": year.status,
    }


def require_calendar_admin(actor: Actor) -> None:
    """Opening and closing years is BKPSDM's job (pengelola kinerja instansi)."""
    if actor.is_system or actor.has(Role.HR_ADMIN):
        return
    raise forbidden("Hanya Admin BKPSDM yang boleh membuka atau menutup periode penilaian.")


@dataclass(frozen=True)
class YearInput:
    year: int
    plan_deadline: date
    cadence: Cadence = Cadence.BULANAN
    realization_due_days: int = DEFAULT_DUE_DAYS


async def open_year(db: Database, actor: Actor, data: YearInput) -> AppraisalYear:
    """Open a year and create its periods (12 months, 4 quarters or 2 semesters)."""
    require_calendar_admin(actor)
    if not MIN_YEAR <= data.year <= MAX_YEAR:
        raise invalid("year", f"Tahun harus antara {MIN_YEAR} dan {MAX_YEAR}.")
    if not 0 <= data.realization_due_days <= MAX_DUE_DAYS:
        raise invalid("realizationDueDays", f"Batas realisasi harus 0 sampai {MAX_DUE_DAYS} hari.")
    if not date(data.year - 1, 1, 1) <= data.plan_deadline <= date(data.year, 12, 31):
        raise invalid(
            "planDeadline",
            f"Batas penetapan SKP harus antara awal tahun {data.year - 1} dan akhir tahun {data.year}.",
        )
    async with db.write() as session:
        exists = (
            await session.scalars(
                sa.select(AppraisalYear.id).where(AppraisalYear.year == data.year)
            )
        ).first()
        if exists is not None:
            raise ServiceError(
                ErrorCode.DUPLICATE, f"Periode penilaian {data.year} sudah dibuka.", "year"
            )
        year = AppraisalYear(
            year=data.year,
            cadence=data.cadence,
            plan_deadline=data.plan_deadline,
            realization_due_days=data.realization_due_days,
            status=YearStatus.DIBUKA,
        )
        session.add(year)
        await session.flush()
        for spec in build_periods(data.year, data.cadence, data.realization_due_days):
            session.add(
                AppraisalPeriod(
                    year_id=year.id,
                    number=spec.number,
                    start_date=spec.start,
                    end_date=spec.end,
                    realization_due=spec.realization_due,
                )
            )
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.APPRAISAL_YEAR_OPEN,
            "appraisal_year",
            year.id,
            after=year_state(year),
        )
    return year


async def _year_at_version(
    session: AsyncSession, year_number: int, expected_version: int | None
) -> AppraisalYear:
    """The year BKPSDM is changing, as it was when the screen read it (else NOT_FOUND/CONFLICT)."""
    year = await year_by_number(session, year_number)
    if year is None:
        raise not_found("Periode penilaian")
    check_version(year.version, expected_version, "Periode penilaian")
    return year


async def close_year(
    db: Database, actor: Actor, year_number: int, expected_version: int | None = None
) -> AppraisalYear:
    """Close a year: no SKP of it can be created, edited, submitted or decided any more."""
    require_calendar_admin(actor)
    async with db.write() as session:
        year = await _year_at_version(session, year_number, expected_version)
        if year.status is YearStatus.DITUTUP:
            raise ServiceError(
                ErrorCode.INVALID_STATE, f"Periode penilaian {year.year} sudah ditutup."
            )
        await _refuse_open_periods(session, year)
        before = year_state(year)
        year.status = YearStatus.DITUTUP
        year.closed_at = clock.now()
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.APPRAISAL_YEAR_CLOSE,
            "appraisal_year",
            year.id,
            before=before,
            after=year_state(year),
        )
    return year


async def _refuse_open_periods(session: AsyncSession, year: AppraisalYear) -> None:
    """A year closes only after the evaluation of each of its periods was closed: closing it
    would otherwise freeze realisasi nobody has evaluated yet (there is no reopening a year)."""
    numbers = (
        await session.scalars(
            sa.select(AppraisalPeriod.number)
            .where(AppraisalPeriod.year_id == year.id, AppraisalPeriod.evaluated_at.is_(None))
            .order_by(AppraisalPeriod.number)
        )
    ).all()
    if numbers:
        labels = ", ".join(period_label(year.cadence, n) for n in numbers)
        raise ServiceError(
            ErrorCode.INVALID_STATE,
            f"Periode penilaian {year.year} belum dapat ditutup: penilaian {len(numbers)} "
            f"periode masih dibuka ({labels}). Tutup penilaian periode itu lebih dulu.",
        )


async def year_by_number(session: AsyncSession, year: int) -> AppraisalYear | None:
    return (
        await session.scalars(sa.select(AppraisalYear).where(AppraisalYear.year == year))
    ).one_or_none()


async def require_open_year(session: AsyncSession, year_id: int) -> AppraisalYear:
    """The year of an SKP, which must still be open for any change to the SKP."""
    year = await session.get(AppraisalYear, year_id)
    assert year is not None
    if year.status is not YearStatus.DIBUKA:
        raise ServiceError(
            ErrorCode.INVALID_STATE,
            f"Periode penilaian {year.year} sudah ditutup; SKP tahun itu tidak dapat diubah.",
        )
    return year


async def list_years(session: AsyncSession) -> Sequence[AppraisalYear]:
    return (
        await session.scalars(sa.select(AppraisalYear).order_by(AppraisalYear.year.desc()))
    ).all()


async def years_by_ids(session: AsyncSession, ids: Sequence[int]) -> Sequence[AppraisalYear]:
    return (await session.scalars(sa.select(AppraisalYear).where(AppraisalYear.id.in_(ids)))).all()


async def periods_of_years(
    session: AsyncSession, year_ids: Sequence[int]
) -> dict[int, list[AppraisalPeriod]]:
    rows = (
        await session.scalars(
            sa.select(AppraisalPeriod)
            .where(AppraisalPeriod.year_id.in_(year_ids))
            .order_by(AppraisalPeriod.year_id, AppraisalPeriod.number)
        )
    ).all()
    return group_by(rows, lambda row: row.year_id)


MAX_REASON = 500


async def set_plan_deadline(
    db: Database,
    actor: Actor,
    year_number: int,
    plan_deadline: date,
    expected_version: int | None = None,
) -> AppraisalYear:
    """BKPSDM moves the deadline for setting SKPs of an open year (e.g. a late regulation).

    Periods keep their realisation deadlines: those were fixed when the year was opened."""
    require_calendar_admin(actor)
    if not date(year_number - 1, 1, 1) <= plan_deadline <= date(year_number, 12, 31):
        raise invalid(
            "planDeadline",
            f"Batas penetapan SKP harus antara awal tahun {year_number - 1} dan akhir tahun "
            f"{year_number}.",
        )
    async with db.write() as session:
        year = await _year_at_version(session, year_number, expected_version)
        if year.status is YearStatus.DITUTUP:
            raise ServiceError(
                ErrorCode.INVALID_STATE,
                f"Periode penilaian {year.year} sudah ditutup: batasnya tidak dapat diubah.",
                "planDeadline",
            )
        if year.plan_deadline == plan_deadline:
            return year
        before = year_state(year)
        year.plan_deadline = plan_deadline
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.APPRAISAL_YEAR_SET_PLAN_DEADLINE,
            "appraisal_year",
            year.id,
            before=before,
            after=year_state(year),
        )
    return year


def latest_realization_due(year_number: int) -> date:
    """The latest realisasi deadline a period of the year may get: the end of the next year."""
    return date(year_number + 1, 12, 31)


async def set_realization_due(
    db: Database,
    actor: Actor,
    period_id: int,
    realization_due: date,
    expected_version: int | None = None,
) -> AppraisalYear:
    """BKPSDM moves the realisasi deadline of one period (e.g. a holiday, a system outage).

    The deadline can't fall before the period's last day (realisasi of days still to come can't
    be due) nor after the end of the next year. The period's evaluation and its year must still
    be open. ``expected_version`` is the year's version: the year's calendar is one whole, so a
    moved deadline raises the year's version too (a screen showing the old calendar is stale).
    The agenda, reminders and completion reports read the stored deadline of each period."""
    require_calendar_admin(actor)
    async with db.write() as session:
        period = await session.get(AppraisalPeriod, period_id)
        if period is None:
            raise ServiceError(
                ErrorCode.NOT_FOUND, "Periode penilaian tidak ditemukan.", "periodId"
            )
        year = await session.get(AppraisalYear, period.year_id)
        assert year is not None
        check_version(year.version, expected_version, "Periode penilaian")
        if year.status is YearStatus.DITUTUP:
            raise ServiceError(
                ErrorCode.INVALID_STATE,
                f"Periode penilaian {year.year} sudah ditutup: batasnya tidak dapat diubah.",
                "realizationDue",
            )
        if period.evaluated_at is not None:
            raise ServiceError(
                ErrorCode.INVALID_STATE,
                "Penilaian periode ini sudah ditutup: buka kembali penilaiannya lebih dulu "
                "untuk mengubah batas realisasi.",
                "realizationDue",
            )
        latest = latest_realization_due(year.year)
        if not period.end_date <= realization_due <= latest:
            raise invalid(
                "realizationDue",
                f"Batas realisasi harus antara akhir periode ({period.end_date.isoformat()}) "
                f"dan akhir tahun {latest.year} ({latest.isoformat()}).",
            )
        if period.realization_due == realization_due:
            return year
        before = {"realization_due": period.realization_due}
        period.realization_due = realization_due
        flag_modified(year, "realization_due_days")  # raises the year's version
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.PERIOD_SET_REALIZATION_DUE,
            "appraisal_period",
            period.id,
            before=before,
            after={"realization_due": period.realization_due, "year_version": year.version},
        )
        return year


async def reopen_period_evaluation(
    db: Database, actor: Actor, period_id: int, reason: str
) -> AppraisalPeriod:
    """BKPSDM reopens a period whose evaluation was closed (realisasi and evidence editable
    again), with a reason kept in the audit log. The year must still be open."""
    if not actor.has(Role.HR_ADMIN):
        raise forbidden("Hanya Admin BKPSDM yang dapat membuka kembali penilaian periode.")
    text = clean_text(reason, "reason", "Alasan", max_length=MAX_REASON)
    async with db.write() as session:
        period = await session.get(AppraisalPeriod, period_id)
        if period is None:
            raise ServiceError(
                ErrorCode.NOT_FOUND, "Periode penilaian tidak ditemukan.", "periodId"
            )
        if period.evaluated_at is None:
            raise ServiceError(ErrorCode.INVALID_STATE, "Penilaian periode ini belum ditutup.")
        year = await session.get(AppraisalYear, period.year_id)
        if year is not None and year.status is YearStatus.DITUTUP:
            raise ServiceError(
                ErrorCode.INVALID_STATE,
                f"Periode penilaian {year.year} sudah ditutup: periodenya tidak dapat dibuka lagi.",
            )
        before = {"evaluated_at": period.evaluated_at}
        period.evaluated_at = None
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.PERIOD_REOPEN_EVALUATION,
            "appraisal_period",
            period.id,
            before=before,
            after={"evaluated_at": None, "reason": text},
        )
        return period
