"""Which feedback an employee has read: one marker per reader and thread, moved forward only.

A thread is the comments of one SKP on one target (the SKP itself, an RHK, IKI or realisasi,
or a BerAKHLAK value). Marking it read records the highest comment id in it now; comments
added later are unread again for that reader. A reader's own comments are always read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server import clock
from server.db.engine import Database
from server.db.models import Feedback, FeedbackRead, PerformancePlan
from server.domain.audit_actions import AuditAction
from server.domain.enums import CoreValue, FeedbackTarget
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.errors import ErrorCode, ServiceError
from server.services.feedback.comments import check_target_shape
from server.services.planning.access import plan_access


@dataclass(frozen=True)
class FeedbackThread:
    plan_id: int
    target: FeedbackTarget
    target_id: int | None = None
    target_value: CoreValue | None = None


@dataclass(frozen=True)
class MarkedRead:
    thread: FeedbackThread
    read_up_to: int | None  # the highest comment id now read; None: the thread is empty


def thread_key(target_id: int | None, target_value: str | None) -> str:
    """The stored key of a thread: the target's id, the CoreValue, or '' for the SKP."""
    if target_id is not None:
        return str(target_id)
    return target_value or ""


async def mark_feedback_read(
    db: Database, actor: Actor, thread: FeedbackThread, *, today: date | None = None
) -> MarkedRead:
    """Marks every comment now in ``thread`` read by the actor. An SKP the actor may not read
    is NOT_FOUND (whether it exists is not revealed)."""
    check_target_shape(thread.target, thread.target_id, thread.target_value)
    if actor.employee_id is None:
        raise ServiceError(ErrorCode.FORBIDDEN, "Hanya pegawai yang membaca umpan balik.")
    async with db.write() as session:
        plan = await session.get(PerformancePlan, thread.plan_id)
        if plan is None or not (await plan_access(session, actor, plan, today=today)).can_read:
            raise ServiceError(ErrorCode.NOT_FOUND, "SKP tidak ditemukan.", "planId")
        value = thread.target_value.value if thread.target_value else None
        last = await session.scalar(
            sa.select(sa.func.max(Feedback.id)).where(
                Feedback.plan_id == plan.id,
                Feedback.target == thread.target,
                Feedback.target_id.is_(None)
                if thread.target_id is None
                else Feedback.target_id == thread.target_id,
                Feedback.target_value.is_(None)
                if value is None
                else Feedback.target_value == value,
            )
        )
        if last is None:
            return MarkedRead(thread, None)
        key = thread_key(thread.target_id, value)
        marker = (
            await session.scalars(
                sa.select(FeedbackRead).where(
                    FeedbackRead.employee_id == actor.employee_id,
                    FeedbackRead.plan_id == plan.id,
                    FeedbackRead.target == thread.target.value,
                    FeedbackRead.thread_key == key,
                )
            )
        ).first()
        if marker is not None and marker.last_read_id >= last:
            return MarkedRead(thread, marker.last_read_id)
        before = marker.last_read_id if marker is not None else None
        if marker is None:
            marker = FeedbackRead(
                employee_id=actor.employee_id,
                plan_id=plan.id,
                target=thread.target.value,
                thread_key=key,
                last_read_id=last,
            )
            session.add(marker)
        else:
            marker.last_read_id = last
            marker.read_at = clock.now()
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.FEEDBACK_READ,
            "feedback",
            last,
            before={"read_up_to": before} if before is not None else None,
            after={
                "plan_id": plan.id,
                "target": thread.target.value,
                "thread": key,
                "read_up_to": last,
            },
        )
        return MarkedRead(thread, last)


async def read_markers(
    session: AsyncSession, employee_id: int, plan_ids: list[int]
) -> dict[tuple[int, str, str], int]:
    """(plan id, target, thread key) → the highest comment id the employee has read."""
    rows = await session.execute(
        sa.select(
            FeedbackRead.plan_id,
            FeedbackRead.target,
            FeedbackRead.thread_key,
            FeedbackRead.last_read_id,
        ).where(FeedbackRead.employee_id == employee_id, FeedbackRead.plan_id.in_(plan_ids))
    )
    return {(p, t, k): last for p, t, k, last in rows.all()}
