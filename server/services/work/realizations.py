"""Realisasi: the achieved value of one IKI in one period, with the basis of that value.

Exactly one row per (IKI, period): saving again updates it (an upsert). What the pegawai types
is their own statement and is stored as DIKONFIRMASI; :func:`propose_realizations` drafts USULAN
rows from the period's work log, which the pegawai then confirms (or edits, which confirms).
A proposal never overwrites a confirmed realisasi.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server import clock
from server.db.engine import Database
from server.db.models import AppraisalPeriod, Indicator, Realization, WorkLogEntry, WorkResult
from server.domain.audit_actions import AuditAction
from server.domain.enums import Approach, RealizationStatus
from server.domain.periods import PeriodWork
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.errors import ErrorCode, ServiceError
from server.services.validation import check_version, invalid, is_control_char
from server.services.work.common import (
    PlanContext,
    indicator_of,
    live_evidence_count,
    owner_context,
    period_of,
    require_period_open,
)

MAX_DESCRIPTION = 10_000
# Numeric(18, 4): 14 digits before the point, 4 after.
MAX_VALUE = Decimal("99999999999999.9999")
VALUE_EXPONENT = Decimal("0.0001")


def clean_amount(raw: Decimal | None, field: str, label: str, *, required: bool) -> Decimal | None:
    """A finite, non-negative number with at most 4 decimals that fits the column."""
    if raw is None:
        if required:
            raise invalid(field, f"{label} wajib diisi.")
        return None
    if not isinstance(raw, Decimal):
        try:
            raw = Decimal(str(raw))
        except InvalidOperation:
            raise invalid(field, f"{label} harus berupa angka.") from None
    if not raw.is_finite():
        raise invalid(field, f"{label} harus berupa angka terhingga.")
    if raw < 0:
        raise invalid(field, f"{label} tidak boleh negatif.")
    if raw > MAX_VALUE:
        raise invalid(field, f"{label} terlalu besar (maksimal {MAX_VALUE:,.0f}).")
    if raw != raw.quantize(VALUE_EXPONENT):
        raise invalid(field, f"{label} maksimal 4 angka di belakang koma.")
    return raw.quantize(VALUE_EXPONENT)


def clean_description(raw: str, field: str = "description") -> str:
    """Free text with line breaks kept (a basis is often a list); bounded, no control chars."""
    if any(is_control_char(ch) for ch in raw):
        raise invalid(field, "Dasar realisasi berisi karakter kendali yang tidak diizinkan.")
    text = "\n".join(line.strip() for line in raw.strip().splitlines())
    if not text:
        raise invalid(field, "Dasar realisasi wajib diisi.")
    if len(text) > MAX_DESCRIPTION:
        raise invalid(
            field, f"Dasar realisasi maksimal {MAX_DESCRIPTION} karakter (diterima {len(text)})."
        )
    return text


def realization_state(row: Realization) -> dict[str, Any]:
    return {
        "indicator_id": row.indicator_id,
        "period_id": row.period_id,
        "value": None if row.value is None else str(row.value),
        "description": row.description,
        "status": row.status,
    }


@dataclass(frozen=True)
class RealizationInput:
    indicator_id: int
    period_id: int
    value: Decimal | None
    description: str
    expected_version: int | None = None


async def _existing(session: AsyncSession, indicator_id: int, period_id: int) -> Realization | None:
    return (
        await session.scalars(
            sa.select(Realization).where(
                Realization.indicator_id == indicator_id, Realization.period_id == period_id
            )
        )
    ).first()


async def save_realization(
    db: Database, actor: Actor, data: RealizationInput, *, today: date | None = None
) -> Realization:
    """Create or update the realisasi of (IKI, period); stored as confirmed by the pegawai."""
    today = today or clock.today()
    description = clean_description(data.description)
    async with db.write() as session:
        _, work_result = await indicator_of(session, data.indicator_id)
        ctx = await owner_context(session, actor, work_result.plan_id, today, field="indicatorId")
        value = clean_amount(
            data.value,
            "value",
            "Nilai realisasi",
            required=ctx.plan.approach is Approach.KUANTITATIF,
        )
        period = await period_of(session, ctx, data.period_id)
        require_period_open(period, PeriodWork.REALISASI, today, field="periodId")
        row = await _existing(session, data.indicator_id, data.period_id)
        before = realization_state(row) if row is not None else None
        if row is None:
            if data.expected_version is not None:
                raise ServiceError(
                    ErrorCode.CONFLICT,
                    "Realisasi yang Anda ubah sudah tidak ada. Muat ulang lalu ulangi.",
                    "version",
                )
            row = Realization(indicator_id=data.indicator_id, period_id=data.period_id)
            session.add(row)
        else:
            check_version(row.version, data.expected_version, "Realisasi")
        row.value = value
        row.description = description
        row.status = RealizationStatus.DIKONFIRMASI
        row.confirmed_at = clock.now()
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.REALIZATION_SAVE,
            "realization",
            row.id,
            before=before,
            after=realization_state(row),
        )
        return row


async def confirm_realization(
    db: Database,
    actor: Actor,
    realization_id: int,
    *,
    expected_version: int | None = None,
    today: date | None = None,
) -> Realization:
    """The pegawai accepts a proposed (USULAN) realisasi as theirs."""
    today = today or clock.today()
    async with db.write() as session:
        row = await session.get(Realization, realization_id)
        if row is None:
            raise ServiceError(ErrorCode.NOT_FOUND, "Realisasi tidak ditemukan.", "id")
        _, work_result = await indicator_of(session, row.indicator_id)
        ctx = await owner_context(session, actor, work_result.plan_id, today, field="id")
        period = await period_of(session, ctx, row.period_id)
        require_period_open(period, PeriodWork.REALISASI, today, field="id")
        check_version(row.version, expected_version, "Realisasi")
        if row.status is RealizationStatus.DIKONFIRMASI:
            raise ServiceError(ErrorCode.INVALID_STATE, "Realisasi ini sudah dikonfirmasi.", "id")
        before = realization_state(row)
        row.status = RealizationStatus.DIKONFIRMASI
        row.confirmed_at = clock.now()
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.REALIZATION_CONFIRM,
            "realization",
            row.id,
            before=before,
            after=realization_state(row),
        )
        return row


def _proposal_text(entries: list[WorkLogEntry]) -> str:
    lines = [f"{e.work_date:%d-%m-%Y}: {e.text}" for e in entries]
    text = "\n".join(lines)
    if len(text) > MAX_DESCRIPTION:
        text = text[: MAX_DESCRIPTION - 1] + "…"
    return text


async def propose_realizations(
    db: Database, actor: Actor, plan_id: int, period_id: int, *, today: date | None = None
) -> list[Realization]:
    """Draft (USULAN) realisasi from the period's work log, per IKI: the quantities summed, the
    entries listed with their dates. Entries linked only to an RHK (no IKI) are not counted: a
    number cannot be attributed to one indicator. Confirmed realisasi are left as they are."""
    today = today or clock.today()
    async with db.write() as session:
        ctx = await owner_context(session, actor, plan_id, today)
        period = await period_of(session, ctx, period_id)
        require_period_open(period, PeriodWork.REALISASI, today, field="periodId")
        entries = (
            await session.scalars(
                sa.select(WorkLogEntry)
                .join(Indicator, Indicator.id == WorkLogEntry.indicator_id)
                .join(WorkResult, WorkResult.id == Indicator.work_result_id)
                .where(
                    WorkResult.plan_id == plan_id,
                    WorkLogEntry.plan_id == plan_id,
                    WorkLogEntry.work_date >= period.start_date,
                    WorkLogEntry.work_date <= period.end_date,
                )
                .order_by(WorkLogEntry.work_date, WorkLogEntry.id)
            )
        ).all()
        if not entries:
            raise ServiceError(
                ErrorCode.INVALID_STATE,
                "Belum ada catatan kerja yang terkait IKI pada periode ini.",
                "periodId",
            )
        by_indicator: dict[int, list[WorkLogEntry]] = defaultdict(list)
        for entry in entries:
            assert entry.indicator_id is not None
            by_indicator[entry.indicator_id].append(entry)
        existing = {
            r.indicator_id: r
            for r in await session.scalars(
                sa.select(Realization).where(
                    Realization.period_id == period_id,
                    Realization.indicator_id.in_(list(by_indicator)),
                )
            )
        }
        proposed: list[Realization] = []
        for indicator_id, group in sorted(by_indicator.items()):
            row = existing.get(indicator_id)
            if row is not None and row.status is RealizationStatus.DIKONFIRMASI:
                continue
            quantities = [e.quantity for e in group if e.quantity is not None]
            value = sum(quantities, Decimal(0)) if quantities else None
            if value is not None and value > MAX_VALUE:
                value = MAX_VALUE
            before = realization_state(row) if row is not None else None
            if row is None:
                row = Realization(indicator_id=indicator_id, period_id=period_id)
                session.add(row)
            row.value = value
            row.description = _proposal_text(group)
            row.status = RealizationStatus.USULAN
            row.confirmed_at = None
            await session.flush()
            await record_event(
                session,
                actor,
                AuditAction.REALIZATION_PROPOSE,
                "realization",
                row.id,
                before=before,
                after=realization_state(row),
            )
            proposed.append(row)
        return proposed


async def list_realizations(
    db: Database, ctx: PlanContext, period: AppraisalPeriod
) -> list[tuple[Realization, int]]:
    """Realisasi of an SKP's IKIs in one period, each with its count of bukti dukung; ``ctx`` is
    an SKP the actor may read (:func:`readable_plan_contexts`), ``period`` one of its year's."""
    async with db.read() as session:
        rows = await session.execute(
            sa.select(Realization, live_evidence_count(Realization.id))
            .join(Indicator, Indicator.id == Realization.indicator_id)
            .join(WorkResult, WorkResult.id == Indicator.work_result_id)
            .where(WorkResult.plan_id == ctx.plan.id, Realization.period_id == period.id)
            .order_by(WorkResult.ordinal, WorkResult.id, Indicator.ordinal, Indicator.id)
        )
        return [(row, int(count)) for row, count in rows]
