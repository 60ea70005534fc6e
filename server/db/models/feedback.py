"""Continuous feedback (umpan balik berkelanjutan) and dialog kinerja."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from server import clock
from server.db.base import Base, UtcDateTime, enum_column
from server.domain.enums import FeedbackTarget


class FeedbackPhrase(Base):
    """A standard phrase the assessor may pick (master list kept by BKPSDM)."""

    __tablename__ = "feedback_phrase"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(sa.String(500), unique=True)
    active: Mapped[bool] = mapped_column(default=True)


class Feedback(Base):
    """A comment on an SKP, RHK, IKI, realisasi or perilaku value; threaded by ``parent``."""

    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("performance_plan.id"), index=True)
    target: Mapped[FeedbackTarget] = mapped_column(
        enum_column(FeedbackTarget, name="feedback_target")
    )
    target_id: Mapped[int | None] = mapped_column()  # id of the RHK/IKI/realisasi, or None for SKP
    target_value: Mapped[str | None] = mapped_column(sa.String(32))  # CoreValue for PERILAKU
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("feedback.id"), index=True)
    author_employee_id: Mapped[int] = mapped_column(sa.ForeignKey("employee.id"))
    phrase_id: Mapped[int | None] = mapped_column(sa.ForeignKey("feedback_phrase.id"))
    text: Mapped[str] = mapped_column(sa.String(4000))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)


class PerformanceDialogue(Base):
    """Dialog kinerja: a recorded conversation between pegawai and penilai."""

    __tablename__ = "performance_dialogue"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("performance_plan.id"), index=True)
    held_on: Mapped[date] = mapped_column(sa.Date)
    participants: Mapped[Any] = mapped_column(sa.JSON)  # employee ids and free-text guests
    summary: Mapped[str] = mapped_column(sa.Text)
    follow_ups: Mapped[str | None] = mapped_column(sa.Text)
    recorded_by_employee_id: Mapped[int] = mapped_column(sa.ForeignKey("employee.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)


class FeedbackRead(Base):
    """How far one employee has read one feedback thread (an SKP, RHK, IKI, realisasi or
    BerAKHLAK value): every comment up to ``last_read_id`` counts as read by them.

    One row per reader and thread, moved forward only; ``thread_key`` is the target's id, the
    CoreValue for PERILAKU, or '' for the SKP itself."""

    __tablename__ = "feedback_read"
    __table_args__ = (sa.UniqueConstraint("employee_id", "plan_id", "target", "thread_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(sa.ForeignKey("employee.id"))
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("performance_plan.id"), index=True)
    target: Mapped[str] = mapped_column(sa.String(16))
    thread_key: Mapped[str] = mapped_column(sa.String(40))
    last_read_id: Mapped[int] = mapped_column()
    read_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)
