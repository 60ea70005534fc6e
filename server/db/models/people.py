"""People: employees (pegawai ASN) and their position assignments with history."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from server.db.base import Base, TimestampMixin, enum_column
from server.domain.enums import AsnType, EmployeeStatus, Gender


class Employee(TimestampMixin, Base):
    """Pegawai: a PNS (identified by NIP) or a PPPK (identified by NI PPPK)."""

    __tablename__ = "employee"

    id: Mapped[int] = mapped_column(primary_key=True)
    nip: Mapped[str] = mapped_column(sa.String(18), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200), index=True)
    asn_type: Mapped[AsnType] = mapped_column(enum_column(AsnType, name="asn_type"))
    golongan: Mapped[str] = mapped_column(sa.String(8))
    gender: Mapped[Gender] = mapped_column(enum_column(Gender, name="gender"))
    birth_date: Mapped[date] = mapped_column(sa.Date)
    status: Mapped[EmployeeStatus] = mapped_column(
        enum_column(EmployeeStatus, name="employee_status")
    )
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class PositionAssignment(TimestampMixin, Base):
    """An employee holding a position from ``start_date`` until ``end_date`` (open when NULL).

    Rows are never deleted: ending an assignment keeps the history (riwayat jabatan).
    """

    __tablename__ = "position_assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(sa.ForeignKey("employee.id"), index=True)
    position_id: Mapped[int] = mapped_column(sa.ForeignKey("position.id"), index=True)
    start_date: Mapped[date] = mapped_column(sa.Date)
    end_date: Mapped[date | None] = mapped_column(sa.Date)
    decree: Mapped[str | None] = mapped_column(sa.String(200))  # nomor SK

    __table_args__ = (
        sa.CheckConstraint("end_date IS NULL OR end_date >= start_date", name="period"),
    )
