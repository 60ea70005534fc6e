"""Umpan balik berkelanjutan: comments on an SKP, RHK, IKI, realisasi or BerAKHLAK value.

A comment is never edited or deleted (the record of a conversation is append-only and audited);
a correction is a reply. Comments are threaded: a reply belongs to the same SKP and target as
the comment it answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server.db.engine import Database
from server.db.models import (
    Feedback,
    FeedbackPhrase,
    Indicator,
    PerformancePlan,
    Realization,
    WorkResult,
)
from server.domain.audit_actions import AuditAction
from server.domain.enums import CoreValue, FeedbackTarget, PlanStatus
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.errors import ErrorCode, ServiceError
from server.services.feedback._common import load_plan, require_open_year
from server.services.planning.access import PlanAccess, plan_access
from server.services.validation import clean_long_text, invalid

MAX_FEEDBACK_LENGTH = 4000


@dataclass(frozen=True)
class FeedbackInput:
    """A new comment. ``target_id`` names the RHK/IKI/realisasi; ``target_value`` the CoreValue."""

    plan_id: int
    target: FeedbackTarget
    target_id: int | None = None
    target_value: CoreValue | None = None
    parent_id: int | None = None
    text: str | None = None
    phrase_id: int | None = None


def feedback_state(feedback: Feedback) -> dict[str, Any]:
    return {
        "plan_id": feedback.plan_id,
        "target": feedback.target,
        "target_id": feedback.target_id,
        "target_value": feedback.target_value,
        "parent_id": feedback.parent_id,
        "author_employee_id": feedback.author_employee_id,
        "phrase_id": feedback.phrase_id,
        "text": feedback.text,
    }


def check_target_shape(
    target: FeedbackTarget, target_id: int | None, target_value: CoreValue | None
) -> None:
    """Which of target_id / target_value each kind of target needs (no database needed)."""
    if target is FeedbackTarget.PERILAKU:
        if target_value is None:
            raise invalid("targetValue", "Pilih nilai BerAKHLAK yang diberi umpan balik.")
        if target_id is not None:
            raise invalid("targetId", "Umpan balik perilaku tidak memakai targetId.")
        return
    if target_value is not None:
        raise invalid("targetValue", "targetValue hanya untuk umpan balik perilaku.")
    if target is FeedbackTarget.SKP:
        if target_id is not None:
            raise invalid("targetId", "Umpan balik atas SKP tidak memakai targetId.")
    elif target_id is None:
        raise invalid("targetId", "Pilih RHK, IKI atau realisasi yang diberi umpan balik.")


def _check_target_shape(data: FeedbackInput) -> None:
    check_target_shape(data.target, data.target_id, data.target_value)


async def _plan_of_target(
    session: AsyncSession, target: FeedbackTarget, target_id: int
) -> int | None:
    """The SKP an RHK, IKI or realisasi belongs to (None if it does not exist)."""
    if target is FeedbackTarget.RHK:
        stmt = sa.select(WorkResult.plan_id).where(WorkResult.id == target_id)
    elif target is FeedbackTarget.IKI:
        stmt = (
            sa.select(WorkResult.plan_id)
            .join(Indicator, Indicator.work_result_id == WorkResult.id)
            .where(Indicator.id == target_id)
        )
    else:
        stmt = (
            sa.select(WorkResult.plan_id)
            .join(Indicator, Indicator.work_result_id == WorkResult.id)
            .join(Realization, Realization.indicator_id == Indicator.id)
            .where(Realization.id == target_id)
        )
    return (await session.scalars(stmt)).first()


_TARGET_LABEL = {
    FeedbackTarget.RHK: "RHK",
    FeedbackTarget.IKI: "IKI",
    FeedbackTarget.REALISASI: "Realisasi",
}


async def _check_target_in_plan(
    session: AsyncSession, plan: PerformancePlan, data: FeedbackInput
) -> None:
    if data.target_id is None:
        return
    owner_plan = await _plan_of_target(session, data.target, data.target_id)
    # One message for "missing" and "elsewhere": the ids of other SKPs reveal nothing this way.
    if owner_plan != plan.id:
        raise invalid(
            "targetId", f"{_TARGET_LABEL[data.target]} tersebut bukan bagian dari SKP ini."
        )


async def _check_parent(session: AsyncSession, plan: PerformancePlan, data: FeedbackInput) -> None:
    if data.parent_id is None:
        return
    parent = await session.get(Feedback, data.parent_id)
    if (
        parent is None
        or parent.plan_id != plan.id
        or parent.target is not data.target
        or parent.target_id != data.target_id
        or parent.target_value != (data.target_value.value if data.target_value else None)
    ):
        raise invalid(
            "parentId", "Balasan harus menjawab umpan balik pada SKP dan sasaran yang sama."
        )


def _check_may_comment(plan: PerformancePlan, access: PlanAccess) -> None:
    access.require_read()
    if not access.can_comment:
        raise ServiceError(
            ErrorCode.FORBIDDEN,
            "Umpan balik hanya dapat diberikan oleh pegawai, Pejabat Penilai Kinerja atau "
            "atasannya.",
        )
    # A draft is still the pegawai's working paper: only they and their penilai discuss it.
    if plan.status is PlanStatus.DRAFT and not (access.is_owner or access.is_assessor):
        raise ServiceError(
            ErrorCode.FORBIDDEN,
            "SKP masih berupa draf: umpan balik hanya dari pegawai dan Pejabat Penilai Kinerja.",
        )


async def _compose_text(
    session: AsyncSession, access: PlanAccess, data: FeedbackInput
) -> tuple[str, int | None]:
    own = data.text
    if data.phrase_id is None:
        if own is None:
            raise invalid("text", "Umpan balik wajib diisi.")
        return clean_long_text(own, "text", "Umpan balik", max_length=MAX_FEEDBACK_LENGTH), None
    if not (access.is_assessor or access.is_assessors_assessor):
        raise ServiceError(
            ErrorCode.FORBIDDEN, "Frasa baku hanya dapat dipilih oleh penilai.", "phraseId"
        )
    phrase = await session.get(FeedbackPhrase, data.phrase_id)
    if phrase is None or not phrase.active:
        raise invalid("phraseId", "Frasa umpan balik tidak ditemukan atau sudah tidak aktif.")
    if own is None or not own.strip():
        return phrase.text, phrase.id
    cleaned = clean_long_text(own, "text", "Umpan balik", max_length=MAX_FEEDBACK_LENGTH)
    combined = f"{phrase.text}\n{cleaned}"
    if len(combined) > MAX_FEEDBACK_LENGTH:
        raise invalid(
            "text",
            f"Frasa dan umpan balik bersama maksimal {MAX_FEEDBACK_LENGTH} karakter "
            f"(diterima {len(combined)}).",
        )
    return combined, phrase.id


async def add_feedback(
    db: Database, actor: Actor, data: FeedbackInput, *, today: date | None = None
) -> Feedback:
    """Add a comment (or a reply) to an SKP; audited, never edited afterwards."""
    _check_target_shape(data)
    async with db.write() as session:
        plan = await load_plan(session, data.plan_id)
        access = await plan_access(session, actor, plan, today=today)
        _check_may_comment(plan, access)
        assert actor.employee_id is not None  # can_comment implies an employee account
        await require_open_year(session, plan)
        await _check_target_in_plan(session, plan, data)
        await _check_parent(session, plan, data)
        text, phrase_id = await _compose_text(session, access, data)
        feedback = Feedback(
            plan_id=plan.id,
            target=data.target,
            target_id=data.target_id,
            target_value=data.target_value.value if data.target_value else None,
            parent_id=data.parent_id,
            author_employee_id=actor.employee_id,
            phrase_id=phrase_id,
            text=text,
        )
        session.add(feedback)
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.FEEDBACK_CREATE,
            "feedback",
            feedback.id,
            after=feedback_state(feedback),
        )
    return feedback


@dataclass(frozen=True)
class FeedbackFilter:
    target: FeedbackTarget | None = None
    target_id: int | None = None
    target_value: CoreValue | None = None


async def list_plan_feedback(
    db: Database,
    actor: Actor,
    plan_id: int,
    filters: FeedbackFilter = FeedbackFilter(),
    *,
    today: date | None = None,
) -> Sequence[Feedback]:
    """The comments on one SKP, oldest first. Empty for an SKP the actor may not read (or none)."""
    async with db.read() as session:
        plan = await session.get(PerformancePlan, plan_id)
        if plan is None or not (await plan_access(session, actor, plan, today=today)).can_read:
            return []
        stmt = sa.select(Feedback).where(Feedback.plan_id == plan.id)
        if filters.target is not None:
            stmt = stmt.where(Feedback.target == filters.target)
        if filters.target_id is not None:
            stmt = stmt.where(Feedback.target_id == filters.target_id)
        if filters.target_value is not None:
            stmt = stmt.where(Feedback.target_value == filters.target_value.value)
        return (await session.scalars(stmt.order_by(Feedback.id))).all()
