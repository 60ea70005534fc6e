"""Rencana aksi: what the pegawai plans to do for one RHK in one period."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server import clock
from server.db.engine import Database
from server.db.models import ActionPlan, AppraisalPeriod, WorkResult
from server.domain.audit_actions import AuditAction
from server.domain.periods import PeriodWork
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.errors import ErrorCode, ServiceError
from server.services.validation import clean_text
from server.services.work.common import (
    PlanContext,
    owner_context,
    period_of,
    require_period_open,
    work_result_of,
)

MAX_TEXT = 2_000
MAX_PER_RHK_PERIOD = 50


def action_plan_state(row: ActionPlan) -> dict[str, Any]:
    return {"work_result_id": row.work_result_id, "period_id": row.period_id, "text": row.text}


async def create_action_plan(
    db: Database,
    actor: Actor,
    work_result_id: int,
    period_id: int,
    text: str,
    *,
    today: date | None = None,
) -> ActionPlan:
    today = today or clock.today()
    cleaned = clean_text(text, "text", "Rencana aksi", max_length=MAX_TEXT)
    async with db.write() as session:
        work_result = await work_result_of(session, work_result_id)
        ctx = await owner_context(session, actor, work_result.plan_id, today, field="workResultId")
        period = await period_of(session, ctx, period_id)
        require_period_open(period, PeriodWork.RENCANA_AKSI, today, field="periodId")
        count = await session.scalar(
            sa.select(sa.func.count()).where(
                ActionPlan.work_result_id == work_result_id, ActionPlan.period_id == period_id
            )
        )
        if (count or 0) >= MAX_PER_RHK_PERIOD:
            raise ServiceError(
                ErrorCode.INVALID_INPUT,
                f"Paling banyak {MAX_PER_RHK_PERIOD} rencana aksi per RHK per periode.",
                "text",
            )
        row = ActionPlan(work_result_id=work_result_id, period_id=period_id, text=cleaned)
        session.add(row)
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.ACTION_PLAN_CREATE,
            "action_plan",
            row.id,
            after=action_plan_state(row),
        )
        return row


async def _owned_action_plan(
    session: AsyncSession, actor: Actor, action_plan_id: int, today: date
) -> ActionPlan:
    row = await session.get(ActionPlan, action_plan_id)
    if row is None:
        raise ServiceError(ErrorCode.NOT_FOUND, "Rencana aksi tidak ditemukan.", "id")
    work_result = await work_result_of(session, row.work_result_id)
    ctx = await owner_context(session, actor, work_result.plan_id, today, field="id")
    period = await period_of(session, ctx, row.period_id)
    require_period_open(period, PeriodWork.RENCANA_AKSI, today, field="id")
    return row


async def update_action_plan(
    db: Database, actor: Actor, action_plan_id: int, text: str, *, today: date | None = None
) -> ActionPlan:
    today = today or clock.today()
    cleaned = clean_text(text, "text", "Rencana aksi", max_length=MAX_TEXT)
    async with db.write() as session:
        row = await _owned_action_plan(session, actor, action_plan_id, today)
        before = action_plan_state(row)
        row.text = cleaned
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.ACTION_PLAN_UPDATE,
            "action_plan",
            row.id,
            before=before,
            after=action_plan_state(row),
        )
        return row


async def delete_action_plan(
    db: Database, actor: Actor, action_plan_id: int, *, today: date | None = None
) -> int:
    today = today or clock.today()
    async with db.write() as session:
        row = await _owned_action_plan(session, actor, action_plan_id, today)
        before = action_plan_state(row)
        await session.delete(row)
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.ACTION_PLAN_DELETE,
            "action_plan",
            action_plan_id,
            before=before,
        )
        return action_plan_id


async def list_action_plans(
    db: Database, ctx: PlanContext, period: AppraisalPeriod
) -> list[ActionPlan]:
    """Rencana aksi of an SKP in one period; ``ctx`` is an SKP the actor may read
    (:func:`readable_plan_contexts`), ``period`` one of its year's."""
    plan_id = ctx.plan.id
    async with db.read() as session:
        rows = await session.scalars(
            sa.select(ActionPlan)
            .join(WorkResult, WorkResult.id == ActionPlan.work_result_id)
            .where(WorkResult.plan_id == plan_id, ActionPlan.period_id == period.id)
            .order_by(WorkResult.ordinal, WorkResult.id, ActionPlan.id)
        )
        return list(rows)
