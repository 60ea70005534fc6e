"""Planning: appraisal years and periods, organisation goals, and the SKP with its RHK and IKI."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from server.db.base import Base, TimestampMixin, UtcDateTime, enum_column
from server.domain.enums import (
    Approach,
    Cadence,
    CoreValue,
    IndicatorAspect,
    Perspective,
    PlanStatus,
    WorkResultKind,
    YearStatus,
)


class AppraisalYear(TimestampMixin, Base):
    """Periode Penilaian: one calendar year with its cadence and deadlines."""

    __tablename__ = "appraisal_year"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(unique=True)
    cadence: Mapped[Cadence] = mapped_column(enum_column(Cadence, name="cadence"))
    plan_deadline: Mapped[date] = mapped_column(sa.Date)  # SKP ditetapkan paling lambat
    realization_due_days: Mapped[int] = mapped_column()  # realisasi due N days after period end
    status: Mapped[YearStatus] = mapped_column(enum_column(YearStatus, name="year_status"))
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(default=1)

    __table_args__ = (
        sa.CheckConstraint("year BETWEEN 2000 AND 2100", name="plausible_year"),
        sa.CheckConstraint("realization_due_days BETWEEN 0 AND 90", name="due_days"),
    )
    __mapper_args__ = {"version_id_col": version}


class AppraisalPeriod(Base):
    """One periodic evaluation window of a year (e.g. Bulan 3, Triwulan II)."""

    __tablename__ = "appraisal_period"

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(sa.ForeignKey("appraisal_year.id"), index=True)
    number: Mapped[int] = mapped_column()  # 1-based within the year
    start_date: Mapped[date] = mapped_column(sa.Date)
    end_date: Mapped[date] = mapped_column(sa.Date)
    realization_due: Mapped[date] = mapped_column(sa.Date)
    evaluated_at: Mapped[datetime | None] = mapped_column(
        UtcDateTime
    )  # set by the evaluation issue

    __table_args__ = (sa.UniqueConstraint("year_id", "number"),)


class OrgGoal(TimestampMixin, Base):
    """A Perjanjian Kinerja target of a unit: what JPT RHKs cascade from."""

    __tablename__ = "org_goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("unit.id"), index=True)
    year_id: Mapped[int] = mapped_column(sa.ForeignKey("appraisal_year.id"), index=True)
    text: Mapped[str] = mapped_column(sa.String(500))
    indicator: Mapped[str | None] = mapped_column(sa.String(500))
    target: Mapped[str | None] = mapped_column(sa.String(200))


class PerformancePlan(TimestampMixin, Base):
    """SKP (Sasaran Kinerja Pegawai) of one employee for one year."""

    __tablename__ = "performance_plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(sa.ForeignKey("employee.id"), index=True)
    # Indexed with the id (ix_performance_plan_year_id_id): a year's lowest and highest SKP id
    # are one index step each (the completion report bounds the year's evaluations by them).
    year_id: Mapped[int] = mapped_column(sa.ForeignKey("appraisal_year.id"))
    approach: Mapped[Approach] = mapped_column(enum_column(Approach, name="approach"))
    status: Mapped[PlanStatus] = mapped_column(enum_column(PlanStatus, name="plan_status"))
    # The Pejabat Penilai fixed when the SKP is submitted (a later transfer does not move it).
    assessor_employee_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("employee.id"), index=True
    )
    # Fixed with it: the Pejabat Penilai is the Kepala Daerah (Wali Kota), who is no employee
    # (the Sekda and anyone with nobody above in the tree; migration 0019).
    assessed_by_kepala_daerah: Mapped[bool] = mapped_column(
        default=False, server_default=sa.false()
    )
    revision: Mapped[int] = mapped_column(default=0)  # number of approved revisions
    rejection_reason: Mapped[str | None] = mapped_column(sa.String(2000))
    revision_reason: Mapped[str | None] = mapped_column(sa.String(2000))
    # Identities of pegawai and penilai (name, NIP, jabatan, pangkat, unit) when submitted/set.
    identity_snapshot: Mapped[Any | None] = mapped_column(sa.JSON)
    resource_support: Mapped[str | None] = mapped_column(sa.Text)  # dukungan sumber daya
    accountability_scheme: Mapped[str | None] = mapped_column(sa.Text)  # skema pertanggungjawaban
    consequences: Mapped[str | None] = mapped_column(sa.Text)  # konsekuensi
    submitted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    approved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(default=1)

    __table_args__ = (
        sa.UniqueConstraint("employee_id", "year_id"),
        sa.Index("ix_performance_plan_year_id_id", "year_id", "id"),
    )
    __mapper_args__ = {"version_id_col": version}


class PlanVersion(Base):
    """A frozen copy of a set SKP; every approval adds one, so earlier versions stay readable."""

    __tablename__ = "plan_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("performance_plan.id"), index=True)
    revision: Mapped[int] = mapped_column()
    content: Mapped[Any] = mapped_column(sa.JSON)
    approved_at: Mapped[datetime] = mapped_column(UtcDateTime)
    approved_by_employee_id: Mapped[int | None] = mapped_column(sa.ForeignKey("employee.id"))

    __table_args__ = (sa.UniqueConstraint("plan_id", "revision"),)


class WorkResult(TimestampMixin, Base):
    """RHK (Rencana Hasil Kerja). ``parent`` is the superior's RHK it intervenes (cascading)."""

    __tablename__ = "work_result"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("performance_plan.id"), index=True)
    kind: Mapped[WorkResultKind] = mapped_column(
        enum_column(WorkResultKind, name="work_result_kind")
    )
    text: Mapped[str] = mapped_column(sa.String(1000))
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("work_result.id"), index=True)
    org_goal_id: Mapped[int | None] = mapped_column(sa.ForeignKey("org_goal.id"), index=True)
    ordinal: Mapped[int] = mapped_column(default=0)


class Indicator(TimestampMixin, Base):
    """IKI (Indikator Kinerja Individu) of an RHK, with its aspect and target."""

    __tablename__ = "indicator"

    id: Mapped[int] = mapped_column(primary_key=True)
    work_result_id: Mapped[int] = mapped_column(sa.ForeignKey("work_result.id"), index=True)
    aspect: Mapped[IndicatorAspect] = mapped_column(
        enum_column(IndicatorAspect, name="indicator_aspect")
    )
    text: Mapped[str] = mapped_column(sa.String(1000))
    target_value: Mapped[Decimal | None] = mapped_column(sa.Numeric(18, 4))
    target_unit: Mapped[str | None] = mapped_column(sa.String(60))
    target_description: Mapped[str | None] = mapped_column(sa.String(1000))  # Kualitatif
    perspective: Mapped[Perspective | None] = mapped_column(
        enum_column(Perspective, name="perspective")
    )
    ordinal: Mapped[int] = mapped_column(default=0)


class BehaviorExpectation(Base):
    """Ekspektasi khusus pimpinan for one BerAKHLAK value in one SKP."""

    __tablename__ = "behavior_expectation"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("performance_plan.id"), index=True)
    value: Mapped[CoreValue] = mapped_column(enum_column(CoreValue, name="core_value"))
    expectation: Mapped[str] = mapped_column(sa.String(2000))

    __table_args__ = (sa.UniqueConstraint("plan_id", "value"),)
