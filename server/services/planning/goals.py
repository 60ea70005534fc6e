"""Organisation goals (OrgGoal): the Perjanjian Kinerja targets JPT RHKs cascade from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server.db.engine import Database
from server.db.models import OrgGoal, Unit, WorkResult
from server.domain.audit_actions import AuditAction
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.errors import ErrorCode, ServiceError, not_found
from server.services.permissions import require_org_write
from server.services.planning.years import require_open_year, year_by_number
from server.services.validation import UNSET, _Unset, clean_text, invalid


def goal_state(goal: OrgGoal) -> dict[str, Any]:
    return {
        "unit_id": goal.unit_id,
        "year_id": goal.year_id,
        "text": goal.text,
        "indicator": goal.indicator,
        "target": goal.target,
    }


def _optional(value: str | None, field: str, label: str, max_length: int) -> str | None:
    if value is None or not value.strip():
        return None
    return clean_text(value, field, label, max_length=max_length)


@dataclass(frozen=True)
class GoalInput:
    unit_id: int
    year: int
    text: str
    indicator: str | None = None
    target: str | None = None


@dataclass(frozen=True)
class GoalChanges:
    text: str | _Unset = UNSET
    indicator: str | _Unset | None = UNSET
    target: str | _Unset | None = UNSET


async def create_goal(db: Database, actor: Actor, data: GoalInput) -> OrgGoal:
    text = clean_text(data.text, "text", "Sasaran", max_length=500)
    indicator = _optional(data.indicator, "indicator", "Indikator", 500)
    target = _optional(data.target, "target", "Target", 200)
    async with db.write() as session:
        if await session.get(Unit, data.unit_id) is None:
            raise invalid("unitId", "Unit tidak ditemukan.")
        await require_org_write(session, actor, data.unit_id)
        year = await year_by_number(session, data.year)
        if year is None:
            raise invalid("year", f"Periode penilaian {data.year} belum dibuka.")
        await require_open_year(session, year.id)
        goal = OrgGoal(
            unit_id=data.unit_id, year_id=year.id, text=text, indicator=indicator, target=target
        )
        session.add(goal)
        await session.flush()
        await record_event(
            session, actor, AuditAction.ORG_GOAL_CREATE, "org_goal", goal.id, after=goal_state(goal)
        )
    return goal


async def _writable_goal(session: AsyncSession, actor: Actor, goal_id: int) -> OrgGoal:
    """The sasaran, if ``actor`` may change it now (its unit's writer, its year still open)."""
    goal = await session.get(OrgGoal, goal_id)
    if goal is None:
        raise not_found("Sasaran organisasi")
    await require_org_write(session, actor, goal.unit_id)
    await require_open_year(session, goal.year_id)
    return goal


async def update_goal(db: Database, actor: Actor, goal_id: int, changes: GoalChanges) -> OrgGoal:
    async with db.write() as session:
        goal = await _writable_goal(session, actor, goal_id)
        before = goal_state(goal)
        if not isinstance(changes.text, _Unset):
            goal.text = clean_text(changes.text, "text", "Sasaran", max_length=500)
        if not isinstance(changes.indicator, _Unset):
            goal.indicator = _optional(changes.indicator, "indicator", "Indikator", 500)
        if not isinstance(changes.target, _Unset):
            goal.target = _optional(changes.target, "target", "Target", 200)
        after = goal_state(goal)
        if after != before:
            await session.flush()
            await record_event(
                session,
                actor,
                AuditAction.ORG_GOAL_UPDATE,
                "org_goal",
                goal.id,
                before=before,
                after=after,
            )
    return goal


async def delete_goal(db: Database, actor: Actor, goal_id: int) -> int:
    async with db.write() as session:
        goal = await _writable_goal(session, actor, goal_id)
        used = (
            await session.scalars(
                sa.select(WorkResult.id).where(WorkResult.org_goal_id == goal.id).limit(1)
            )
        ).first()
        if used is not None:
            raise ServiceError(
                ErrorCode.INVALID_STATE,
                "Sasaran ini sudah diacu RHK pimpinan; ubah RHK itu lebih dahulu.",
            )
        before = goal_state(goal)
        await session.delete(goal)
        await session.flush()
        await record_event(
            session, actor, AuditAction.ORG_GOAL_DELETE, "org_goal", goal_id, before=before
        )
    return goal_id


async def goals_of_unit(session: AsyncSession, unit_id: int, year_id: int) -> Sequence[OrgGoal]:
    return (
        await session.scalars(
            sa.select(OrgGoal)
            .where(OrgGoal.unit_id == unit_id, OrgGoal.year_id == year_id)
            .order_by(OrgGoal.id)
        )
    ).all()
