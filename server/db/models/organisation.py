"""Organisation: units (unit kerja), positions (jabatan) and assessor overrides (Plt/Plh)."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from server.db.base import Base, TimestampMixin, UtcDateTime, enum_column
from server.domain.enums import (
    ActingKind,
    FunctionalLevel,
    PositionKind,
    ProposalStatus,
    UnitKind,
)


class Unit(TimestampMixin, Base):
    """Unit kerja: a node of the tree Pemerintah Kota → perangkat daerah → bidang … → kelurahan."""

    __tablename__ = "unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(64), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[UnitKind] = mapped_column(enum_column(UnitKind, name="unit_kind"))
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("unit.id"), index=True)
    valid_from: Mapped[date] = mapped_column(sa.Date)
    valid_until: Mapped[date | None] = mapped_column(sa.Date)
    version: Mapped[int] = mapped_column(default=1)

    __table_args__ = (
        sa.CheckConstraint("valid_until IS NULL OR valid_until >= valid_from", name="validity"),
        sa.CheckConstraint("parent_id IS NULL OR parent_id <> id", name="not_own_parent"),
    )
    __mapper_args__ = {"version_id_col": version}


class Position(TimestampMixin, Base):
    """Jabatan. The holder of ``parent`` is the Pejabat Penilai of this position's holder."""

    __tablename__ = "position"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(120), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[PositionKind] = mapped_column(enum_column(PositionKind, name="position_kind"))
    functional_level: Mapped[FunctionalLevel | None] = mapped_column(
        enum_column(FunctionalLevel, name="functional_level")
    )
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("unit.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("position.id"), index=True)
    valid_from: Mapped[date] = mapped_column(sa.Date)
    valid_until: Mapped[date | None] = mapped_column(sa.Date)
    version: Mapped[int] = mapped_column(default=1)

    __table_args__ = (
        sa.CheckConstraint("valid_until IS NULL OR valid_until >= valid_from", name="validity"),
        sa.CheckConstraint(
            "(kind = 'FUNGSIONAL') = (functional_level IS NOT NULL)",
            name="level_only_for_fungsional",
        ),
    )
    __mapper_args__ = {"version_id_col": version}


class AssessorOverride(TimestampMixin, Base):
    """An explicit Pejabat Penilai for whoever holds ``position`` (Plt/Plh or penunjukan)."""

    __tablename__ = "assessor_override"

    id: Mapped[int] = mapped_column(primary_key=True)
    position_id: Mapped[int] = mapped_column(sa.ForeignKey("position.id"), index=True)
    assessor_employee_id: Mapped[int] = mapped_column(sa.ForeignKey("employee.id"), index=True)
    acting_kind: Mapped[ActingKind] = mapped_column(enum_column(ActingKind, name="acting_kind"))
    reason: Mapped[str] = mapped_column(sa.String(500))
    valid_from: Mapped[date] = mapped_column(sa.Date)
    valid_until: Mapped[date | None] = mapped_column(sa.Date)

    __table_args__ = (
        sa.CheckConstraint("valid_until IS NULL OR valid_until >= valid_from", name="validity"),
    )


class AssessorOverrideProposal(TimestampMixin, Base):
    """A unit manager's proposal of an assessor override, approved or refused by BKPSDM.

    Only BKPSDM sets overrides (an override decides who rates whom); approving a proposal
    creates the override and records it in ``override_id``."""

    __tablename__ = "assessor_override_proposal"

    id: Mapped[int] = mapped_column(primary_key=True)
    position_id: Mapped[int] = mapped_column(sa.ForeignKey("position.id"), index=True)
    assessor_employee_id: Mapped[int] = mapped_column(sa.ForeignKey("employee.id"))
    acting_kind: Mapped[ActingKind] = mapped_column(enum_column(ActingKind, name="acting_kind"))
    reason: Mapped[str] = mapped_column(sa.String(500))
    valid_from: Mapped[date] = mapped_column(sa.Date)
    valid_until: Mapped[date | None] = mapped_column(sa.Date)
    status: Mapped[ProposalStatus] = mapped_column(
        enum_column(ProposalStatus, name="proposal_status"), index=True
    )
    proposed_by_account_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id"))
    decided_by_account_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    decision_note: Mapped[str | None] = mapped_column(sa.String(500))
    override_id: Mapped[int | None] = mapped_column(sa.ForeignKey("assessor_override.id"))
    version: Mapped[int] = mapped_column(default=1)

    __table_args__ = (
        sa.CheckConstraint("valid_until IS NULL OR valid_until >= valid_from", name="validity"),
        sa.CheckConstraint(
            "(status = 'DIAJUKAN') = (decided_at IS NULL)", name="decided_when_not_pending"
        ),
    )
    __mapper_args__ = {"version_id_col": version}


class OrgRevision(Base):
    """A token that changes with every write to the organisation (units, positions, holders,
    overrides), set by database triggers (migration 0013), so a process can keep the
    organisation snapshot in memory and know with one primary-key read that it is current."""

    __tablename__ = "org_revision"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    revision: Mapped[int] = mapped_column(sa.BigInteger)
