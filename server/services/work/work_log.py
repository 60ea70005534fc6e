"""Catatan kerja harian: dated entries of what the pegawai did, recorded any day (from a phone),
each linked to one of their own RHK or IKI, with optional time spent, quantity and evidence.
The period's realisasi is proposed from these entries (realizations.propose_realizations)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server import clock
from server.db.engine import Database
from server.db.models import AppraisalPeriod, Evidence, WorkLogEntry
from server.domain.audit_actions import AuditAction
from server.domain.periods import PeriodWork
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.errors import ErrorCode, ServiceError
from server.services.validation import UNSET, _Unset, clean_text, invalid
from server.services.work.common import (
    PlanContext,
    indicator_of,
    owner_context,
    period_on,
    require_period_open,
    work_result_of,
)
from server.services.work.evidence import EvidenceInput, attach_evidence, evidence_state
from server.services.work.realizations import clean_amount

MAX_TEXT = 2_000
MAX_MINUTES = 24 * 60
MAX_EVIDENCE_AT_ONCE = 10


def entry_state(row: WorkLogEntry) -> dict[str, Any]:
    return {
        "plan_id": row.plan_id,
        "work_result_id": row.work_result_id,
        "indicator_id": row.indicator_id,
        "work_date": row.work_date,
        "text": row.text,
        "minutes_spent": row.minutes_spent,
        "quantity": None if row.quantity is None else str(row.quantity),
    }


@dataclass(frozen=True)
class WorkLogInput:
    plan_id: int
    work_date: date
    text: str
    work_result_id: int | None = None
    indicator_id: int | None = None
    minutes_spent: int | None = None
    quantity: Decimal | None = None
    evidence: list[EvidenceInput] = field(default_factory=list)


@dataclass(frozen=True)
class WorkLogChanges:
    work_date: date | _Unset = UNSET
    text: str | _Unset = UNSET
    minutes_spent: int | _Unset | None = UNSET
    quantity: Decimal | _Unset | None = UNSET
    # Relinking: give the RHK, the IKI, or both (the IKI must belong to the RHK).
    work_result_id: int | _Unset | None = UNSET
    indicator_id: int | _Unset | None = UNSET


def _check_minutes(minutes: int | None) -> int | None:
    if minutes is not None and not 0 <= minutes <= MAX_MINUTES:
        raise invalid("minutesSpent", f"Waktu kerja antara 0 dan {MAX_MINUTES} menit (24 jam).")
    return minutes


async def _period_of_date(
    session: AsyncSession, ctx: PlanContext, work_date: date, today: date
) -> AppraisalPeriod:
    """The period the entry's date falls in, if work may be logged on that date today."""
    if work_date.year != ctx.year.year:
        raise invalid("workDate", f"Tanggal catatan kerja harus dalam tahun SKP ({ctx.year.year}).")
    period = await period_on(session, ctx, work_date)
    # The period rule first (a period still ahead), then the day itself (later this period).
    require_period_open(period, PeriodWork.CATATAN_KERJA, today, field="workDate")
    if work_date > today:
        raise invalid("workDate", "Tanggal catatan kerja tidak boleh di masa depan.")
    return period


async def _link(
    session: AsyncSession, ctx: PlanContext, work_result_id: int | None, indicator_id: int | None
) -> tuple[int, int | None]:
    """(RHK id, IKI id) of the SKP itself; an IKI implies its RHK."""
    if work_result_id is None and indicator_id is None:
        raise invalid("workResultId", "Kaitkan catatan kerja dengan salah satu RHK atau IKI Anda.")
    if indicator_id is not None:
        _, work_result = await indicator_of(session, indicator_id)
        if work_result.plan_id != ctx.plan.id:
            raise ServiceError(
                ErrorCode.NOT_FOUND, "IKI tidak ditemukan pada SKP ini.", "indicatorId"
            )
        if work_result_id is not None and work_result_id != work_result.id:
            raise invalid("indicatorId", "IKI tersebut bukan milik RHK yang dipilih.")
        return work_result.id, indicator_id
    assert work_result_id is not None
    found = await work_result_of(session, work_result_id)
    if found.plan_id != ctx.plan.id:
        raise ServiceError(ErrorCode.NOT_FOUND, "RHK tidak ditemukan pada SKP ini.", "workResultId")
    return found.id, None


async def create_work_log_entry(
    db: Database, actor: Actor, data: WorkLogInput, *, today: date | None = None
) -> WorkLogEntry:
    today = today or clock.today()
    text = clean_text(data.text, "text", "Uraian kegiatan", max_length=MAX_TEXT)
    minutes = _check_minutes(data.minutes_spent)
    quantity = clean_amount(data.quantity, "quantity", "Jumlah", required=False)
    if len(data.evidence) > MAX_EVIDENCE_AT_ONCE:
        raise invalid("evidence", f"Paling banyak {MAX_EVIDENCE_AT_ONCE} bukti dukung sekaligus.")
    async with db.write() as session:
        ctx = await owner_context(session, actor, data.plan_id, today)
        await _period_of_date(session, ctx, data.work_date, today)
        work_result_id, indicator_id = await _link(
            session, ctx, data.work_result_id, data.indicator_id
        )
        assert actor.employee_id is not None  # the owner is an employee
        row = WorkLogEntry(
            employee_id=actor.employee_id,
            plan_id=ctx.plan.id,
            work_result_id=work_result_id,
            indicator_id=indicator_id,
            work_date=data.work_date,
            text=text,
            minutes_spent=minutes,
            quantity=quantity,
        )
        session.add(row)
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.WORK_LOG_CREATE,
            "work_log_entry",
            row.id,
            after=entry_state(row),
        )
        for index, item in enumerate(data.evidence):
            await attach_evidence(
                session, actor, item, work_log_entry_id=row.id, field=f"evidence.{index}"
            )
        return row


async def _owned_entry(
    session: AsyncSession, actor: Actor, entry_id: int, today: date
) -> tuple[WorkLogEntry, PlanContext]:
    row = await session.get(WorkLogEntry, entry_id)
    if row is None:
        raise ServiceError(ErrorCode.NOT_FOUND, "Catatan kerja tidak ditemukan.", "id")
    ctx = await owner_context(session, actor, row.plan_id, today, field="id")
    period = await period_on(session, ctx, row.work_date)
    require_period_open(period, PeriodWork.CATATAN_KERJA, today, field="id")
    return row, ctx


async def update_work_log_entry(
    db: Database, actor: Actor, entry_id: int, changes: WorkLogChanges, *, today: date | None = None
) -> WorkLogEntry:
    today = today or clock.today()
    text = (
        UNSET
        if isinstance(changes.text, _Unset)
        else clean_text(changes.text, "text", "Uraian kegiatan", max_length=MAX_TEXT)
    )
    minutes = (
        UNSET
        if isinstance(changes.minutes_spent, _Unset)
        else _check_minutes(changes.minutes_spent)
    )
    quantity = (
        UNSET
        if isinstance(changes.quantity, _Unset)
        else clean_amount(changes.quantity, "quantity", "Jumlah", required=False)
    )
    async with db.write() as session:
        row, ctx = await _owned_entry(session, actor, entry_id, today)
        before = entry_state(row)
        if not isinstance(changes.work_date, _Unset):
            # Moving an entry into an evaluated period would change what was evaluated.
            await _period_of_date(session, ctx, changes.work_date, today)
            row.work_date = changes.work_date
        relink = not (
            isinstance(changes.work_result_id, _Unset) and isinstance(changes.indicator_id, _Unset)
        )
        if relink:
            wanted_rhk = (
                None if isinstance(changes.work_result_id, _Unset) else changes.work_result_id
            )
            wanted_iki = None if isinstance(changes.indicator_id, _Unset) else changes.indicator_id
            row.work_result_id, row.indicator_id = await _link(session, ctx, wanted_rhk, wanted_iki)
        if not isinstance(text, _Unset):
            row.text = text
        if not isinstance(minutes, _Unset):
            row.minutes_spent = minutes
        if not isinstance(quantity, _Unset):
            row.quantity = quantity
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.WORK_LOG_UPDATE,
            "work_log_entry",
            row.id,
            before=before,
            after=entry_state(row),
        )
        return row


async def delete_work_log_entry(
    db: Database, actor: Actor, entry_id: int, *, today: date | None = None
) -> int:
    """Delete an entry of an open period with its evidence rows (each recorded in the audit log).

    Evidence rows reference the entry, so they go with it; the stored files stay (other evidence
    may share them) and the uploads stay spent.
    """
    today = today or clock.today()
    async with db.write() as session:
        row, _ = await _owned_entry(session, actor, entry_id, today)
        before = entry_state(row)
        evidence = (
            await session.scalars(sa.select(Evidence).where(Evidence.work_log_entry_id == row.id))
        ).all()
        for item in evidence:
            await record_event(
                session,
                actor,
                AuditAction.EVIDENCE_DELETE,
                "evidence",
                item.id,
                before=evidence_state(item),
            )
            await session.delete(item)
        await session.flush()
        await session.delete(row)
        await session.flush()
        await record_event(
            session, actor, AuditAction.WORK_LOG_DELETE, "work_log_entry", entry_id, before=before
        )
        return entry_id


__all__ = [
    "WorkLogChanges",
    "WorkLogInput",
    "create_work_log_entry",
    "delete_work_log_entry",
    "update_work_log_entry",
]


async def list_work_log(
    db: Database, ctx: PlanContext, period: AppraisalPeriod
) -> list[WorkLogEntry]:
    """Work-log entries of an SKP in one period (newest first); ``ctx`` is an SKP the actor may
    read (:func:`readable_plan_contexts`), ``period`` one of its year's."""
    plan_id = ctx.plan.id
    async with db.read() as session:
        rows = await session.scalars(
            sa.select(WorkLogEntry)
            .where(
                WorkLogEntry.plan_id == plan_id,
                WorkLogEntry.work_date >= period.start_date,
                WorkLogEntry.work_date <= period.end_date,
            )
            .order_by(WorkLogEntry.work_date.desc(), WorkLogEntry.id.desc())
        )
        return list(rows)
