"""Doing the work: rencana aksi, realisasi, bukti dukung (evidence) and the daily work log."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from server import clock
from server.db.base import Base, TimestampMixin, UtcDateTime, enum_column
from server.domain.enums import EvidenceKind, RealizationStatus


class ActionPlan(TimestampMixin, Base):
    """Rencana aksi: what the pegawai plans to do for an RHK in one period."""

    __tablename__ = "action_plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    work_result_id: Mapped[int] = mapped_column(sa.ForeignKey("work_result.id"), index=True)
    period_id: Mapped[int] = mapped_column(sa.ForeignKey("appraisal_period.id"), index=True)
    text: Mapped[str] = mapped_column(sa.String(2000))


class Realization(TimestampMixin, Base):
    """Realisasi of one IKI in one period (exactly one row per pair)."""

    __tablename__ = "realization"

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(sa.ForeignKey("indicator.id"), index=True)
    period_id: Mapped[int] = mapped_column(sa.ForeignKey("appraisal_period.id"), index=True)
    value: Mapped[Decimal | None] = mapped_column(sa.Numeric(18, 4))
    description: Mapped[str] = mapped_column(sa.Text)  # dasar realisasi
    status: Mapped[RealizationStatus] = mapped_column(
        enum_column(RealizationStatus, name="realization_status")
    )
    confirmed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(default=1)

    __table_args__ = (sa.UniqueConstraint("indicator_id", "period_id"),)
    __mapper_args__ = {"version_id_col": version}


class RealizationTally(Base):
    """Per SKP and period of its year: how many IKI the SKP has and how many of their realisasi
    of the period were confirmed on time (by the end of the period's deadline day, WIB).

    Derived data for the completion report, kept by ``server.services.work.tally`` in the
    transaction of every write that changes realisasi or the SKP's IKI (the demo loaders refill
    it after their bulk inserts). Only SKP with at least one IKI have rows.
    """

    __tablename__ = "realization_tally"

    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("performance_plan.id"), primary_key=True)
    period_id: Mapped[int] = mapped_column(
        sa.ForeignKey("appraisal_period.id"), primary_key=True, index=True
    )
    iki_total: Mapped[int]
    on_time: Mapped[int]
    # on_time summed over the periods of the year up to this one (by number): a whole-year
    # report reads the row of the last period due, one row per SKP.
    on_time_through: Mapped[int]
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)


class StoredFile(Base):
    """File content, stored once by SHA-256 on the evidence store (deduplicated)."""

    __tablename__ = "stored_file"

    sha256: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    size: Mapped[int] = mapped_column(sa.BigInteger)
    media_type: Mapped[str] = mapped_column(sa.String(120))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)


class Upload(Base):
    """A file received by the upload endpoint, waiting to be attached to a realisasi or log entry.

    Uploads are owned by the uploader; an unattached upload is only usable by them.
    """

    __tablename__ = "upload"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(sa.String(64), unique=True)
    sha256: Mapped[str] = mapped_column(sa.ForeignKey("stored_file.sha256"))
    original_name: Mapped[str] = mapped_column(sa.String(255))
    uploaded_by_account_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)
    attached_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Evidence(Base):
    """Bukti dukung of a realisasi or a work-log entry: a stored file or an http(s) link."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    realization_id: Mapped[int | None] = mapped_column(sa.ForeignKey("realization.id"), index=True)
    work_log_entry_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("work_log_entry.id"), index=True
    )
    kind: Mapped[EvidenceKind] = mapped_column(enum_column(EvidenceKind, name="evidence_kind"))
    sha256: Mapped[str | None] = mapped_column(sa.ForeignKey("stored_file.sha256"))
    original_name: Mapped[str | None] = mapped_column(sa.String(255))
    url: Mapped[str | None] = mapped_column(sa.String(2000))
    title: Mapped[str | None] = mapped_column(sa.String(300))
    added_by_employee_id: Mapped[int | None] = mapped_column(sa.ForeignKey("employee.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)
    removed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    __table_args__ = (
        sa.CheckConstraint(
            "(kind = 'FILE' AND sha256 IS NOT NULL AND url IS NULL) OR "
            "(kind = 'LINK' AND url IS NOT NULL AND sha256 IS NULL)",
            name="file_or_link",
        ),
        sa.CheckConstraint(
            "(realization_id IS NULL) <> (work_log_entry_id IS NULL)", name="one_owner"
        ),
    )


class WorkLogEntry(TimestampMixin, Base):
    """A dated entry of what was done (catatan kerja harian), linked to an RHK or IKI."""

    __tablename__ = "work_log_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(sa.ForeignKey("employee.id"), index=True)
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("performance_plan.id"), index=True)
    work_result_id: Mapped[int | None] = mapped_column(sa.ForeignKey("work_result.id"), index=True)
    indicator_id: Mapped[int | None] = mapped_column(sa.ForeignKey("indicator.id"), index=True)
    work_date: Mapped[date] = mapped_column(sa.Date, index=True)
    text: Mapped[str] = mapped_column(sa.String(2000))
    minutes_spent: Mapped[int | None] = mapped_column()
    quantity: Mapped[Decimal | None] = mapped_column(sa.Numeric(18, 4))  # counts toward the IKI

    __table_args__ = (
        sa.CheckConstraint(
            "minutes_spent IS NULL OR minutes_spent BETWEEN 0 AND 1440", name="minutes"
        ),
    )
