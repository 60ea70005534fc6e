"""Writes to the organisation: units, positions (jabatan) and assessor overrides."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server import clock
from server.db.engine import Database
from server.db.models import AssessorOverride, Employee, Position, Unit
from server.domain.assessor import OverrideConflict, override_conflict
from server.domain.audit_actions import AuditAction
from server.domain.enums import ActingKind, FunctionalLevel, PositionKind, UnitKind
from server.domain.organisation import (
    functional_level_consistent,
    parent_kind_allowed,
)
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.errors import ErrorCode, ServiceError, not_found
from server.services.organisation.directory import load_org_snapshot
from server.services.permissions import require_hr_admin, require_org_write
from server.services.validation import (
    UNSET,
    _Unset,
    check_period,
    check_version,
    clean_code,
    clean_text,
    invalid,
)


def unit_state(unit: Unit) -> dict[str, Any]:
    return {
        "code": unit.code,
        "name": unit.name,
        "kind": unit.kind,
        "parent_id": unit.parent_id,
        "valid_from": unit.valid_from,
        "valid_until": unit.valid_until,
    }


def position_state(position: Position) -> dict[str, Any]:
    return {
        "code": position.code,
        "name": position.name,
        "kind": position.kind,
        "functional_level": position.functional_level,
        "unit_id": position.unit_id,
        "parent_id": position.parent_id,
        "valid_from": position.valid_from,
        "valid_until": position.valid_until,
    }


@dataclass(frozen=True)
class UnitInput:
    code: str
    name: str
    kind: UnitKind
    parent_id: int | None
    valid_from: date
    valid_until: date | None = None


@dataclass(frozen=True)
class UnitChanges:
    name: str | _Unset = UNSET
    parent_id: int | _Unset | None = UNSET
    valid_until: date | _Unset | None = UNSET
    expected_version: int | None = None


async def _check_unit_parent(
    session: AsyncSession, kind: UnitKind, parent_id: int | None, self_id: int | None = None
) -> None:
    parent_kind: UnitKind | None = None
    if parent_id is not None:
        parent = await session.get(Unit, parent_id)
        if parent is None:
            raise invalid("parentId", "Unit induk tidak ditemukan.")
        parent_kind = parent.kind
        # Walk up from the new parent: meeting ourselves would make a cycle.
        current: Unit | None = parent
        seen: set[int] = set()
        while current is not None and self_id is not None and current.id not in seen:
            if current.id == self_id:
                raise invalid("parentId", "Unit tidak boleh berada di bawah unitnya sendiri.")
            seen.add(current.id)
            current = await session.get(Unit, current.parent_id) if current.parent_id else None
    elif kind is UnitKind.INSTANSI:
        existing_root = (
            await session.scalars(sa.select(Unit.id).where(Unit.parent_id.is_(None)))
        ).first()
        if existing_root is not None and existing_root != self_id:
            raise invalid("parentId", "Instansi sudah ada; hanya boleh ada satu unit akar.")
    if not parent_kind_allowed(kind, parent_kind):
        shown = parent_kind.value if parent_kind else "tanpa induk"
        raise invalid("parentId", f"Unit jenis {kind.value} tidak dapat berada di bawah {shown}.")


async def create_unit(db: Database, actor: Actor, data: UnitInput) -> Unit:
    code = clean_code(data.code)
    name = clean_text(data.name, "name", "Nama unit")
    check_period(data.valid_from, data.valid_until)
    async with db.write() as session:
        await require_org_write(session, actor, data.parent_id)
        await _check_unit_parent(session, data.kind, data.parent_id)
        if (await session.scalars(sa.select(Unit.id).where(Unit.code == code))).first():
            raise ServiceError(ErrorCode.DUPLICATE, f"Kode unit {code} sudah dipakai.", "code")
        unit = Unit(
            code=code,
            name=name,
            kind=data.kind,
            parent_id=data.parent_id,
            valid_from=data.valid_from,
            valid_until=data.valid_until,
        )
        session.add(unit)
        await session.flush()
        await record_event(
            session, actor, AuditAction.UNIT_CREATE, "unit", unit.id, after=unit_state(unit)
        )
    return unit


async def update_unit(db: Database, actor: Actor, unit_id: int, changes: UnitChanges) -> Unit:
    async with db.write() as session:
        unit = await session.get(Unit, unit_id)
        if unit is None:
            raise not_found("Unit")
        await require_org_write(session, actor, unit.id)
        check_version(unit.version, changes.expected_version, "Unit")
        before = unit_state(unit)
        # Checks below query the database: flushing half-applied changes there would write them
        # early (a second version bump, or a constraint error instead of a clear message).
        with session.no_autoflush:
            if not isinstance(changes.name, _Unset):
                unit.name = clean_text(changes.name, "name", "Nama unit")
            if not isinstance(changes.parent_id, _Unset):
                await _check_unit_parent(session, unit.kind, changes.parent_id, self_id=unit.id)
                await require_org_write(session, actor, changes.parent_id)
                unit.parent_id = changes.parent_id
            if not isinstance(changes.valid_until, _Unset):
                check_period(unit.valid_from, changes.valid_until)
                unit.valid_until = changes.valid_until
        after = unit_state(unit)
        if after != before:
            await session.flush()
            await record_event(
                session, actor, AuditAction.UNIT_UPDATE, "unit", unit.id, before=before, after=after
            )
    return unit


@dataclass(frozen=True)
class PositionInput:
    code: str
    name: str
    kind: PositionKind
    unit_id: int
    parent_id: int | None
    valid_from: date
    functional_level: FunctionalLevel | None = None
    valid_until: date | None = None


@dataclass(frozen=True)
class PositionChanges:
    name: str | _Unset = UNSET
    unit_id: int | _Unset = UNSET
    parent_id: int | _Unset | None = UNSET
    valid_until: date | _Unset | None = UNSET
    expected_version: int | None = None


async def _check_position_parent(
    session: AsyncSession, parent_id: int | None, self_id: int | None = None
) -> None:
    if parent_id is None:
        return
    current = await session.get(Position, parent_id)
    if current is None:
        raise invalid("parentId", "Jabatan atasan tidak ditemukan.")
    seen: set[int] = set()
    while current is not None and self_id is not None and current.id not in seen:
        if current.id == self_id:
            raise invalid("parentId", "Jabatan tidak boleh menjadi atasan dirinya sendiri.")
        seen.add(current.id)
        current = await session.get(Position, current.parent_id) if current.parent_id else None


async def _require_parent_write(session: AsyncSession, actor: Actor, parent_id: int | None) -> None:
    """The holder of the parent position rates this position's holder: a unit manager hangs
    positions only under positions of their own unit. A position without a parent is rated by
    the Kepala Daerah, so only BKPSDM creates one."""
    parent = await session.get(Position, parent_id) if parent_id is not None else None
    await require_org_write(session, actor, parent.unit_id if parent is not None else None)


async def create_position(db: Database, actor: Actor, data: PositionInput) -> Position:
    code = clean_code(data.code)
    name = clean_text(data.name, "name", "Nama jabatan")
    check_period(data.valid_from, data.valid_until)
    if not functional_level_consistent(data.kind, data.functional_level):
        raise invalid(
            "functionalLevel", "Jenjang wajib untuk jabatan fungsional dan hanya untuk jabatan itu."
        )
    async with db.write() as session:
        if await session.get(Unit, data.unit_id) is None:
            raise invalid("unitId", "Unit tidak ditemukan.")
        await require_org_write(session, actor, data.unit_id)
        await _check_position_parent(session, data.parent_id)
        await _require_parent_write(session, actor, data.parent_id)
        if (await session.scalars(sa.select(Position.id).where(Position.code == code))).first():
            raise ServiceError(ErrorCode.DUPLICATE, f"Kode jabatan {code} sudah dipakai.", "code")
        position = Position(
            code=code,
            name=name,
            kind=data.kind,
            functional_level=data.functional_level,
            unit_id=data.unit_id,
            parent_id=data.parent_id,
            valid_from=data.valid_from,
            valid_until=data.valid_until,
        )
        session.add(position)
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.POSITION_CREATE,
            "position",
            position.id,
            after=position_state(position),
        )
    return position


async def update_position(
    db: Database, actor: Actor, position_id: int, changes: PositionChanges
) -> Position:
    async with db.write() as session:
        position = await session.get(Position, position_id)
        if position is None:
            raise not_found("Jabatan")
        await require_org_write(session, actor, position.unit_id)
        check_version(position.version, changes.expected_version, "Jabatan")
        before = position_state(position)
        # Checks below query the database: flushing half-applied changes there would write them
        # early (a second version bump, or a constraint error instead of a clear message).
        with session.no_autoflush:
            if not isinstance(changes.name, _Unset):
                position.name = clean_text(changes.name, "name", "Nama jabatan")
            if not isinstance(changes.unit_id, _Unset):
                if await session.get(Unit, changes.unit_id) is None:
                    raise invalid("unitId", "Unit tidak ditemukan.")
                await require_org_write(session, actor, changes.unit_id)
                position.unit_id = changes.unit_id
            if not isinstance(changes.parent_id, _Unset):
                await _check_position_parent(session, changes.parent_id, self_id=position.id)
                await _require_parent_write(session, actor, changes.parent_id)
                position.parent_id = changes.parent_id
            if not isinstance(changes.valid_until, _Unset):
                check_period(position.valid_from, changes.valid_until)
                position.valid_until = changes.valid_until
        after = position_state(position)
        if after != before:
            await session.flush()
            await record_event(
                session,
                actor,
                AuditAction.POSITION_UPDATE,
                "position",
                position.id,
                before=before,
                after=after,
            )
    return position


@dataclass(frozen=True)
class OverrideInput:
    position_id: int
    assessor_employee_id: int
    acting_kind: ActingKind
    reason: str
    valid_from: date
    valid_until: date | None = None


APPOINTEE_ERRORS: dict[OverrideConflict, tuple[ErrorCode, str]] = {
    OverrideConflict.HOLDER: (
        ErrorCode.ASSESSOR_IS_HOLDER,
        "Pemangku jabatan ini tidak dapat menjadi Pejabat Penilai bagi dirinya sendiri.",
    ),
    OverrideConflict.ACTOR: (
        ErrorCode.ASSESSOR_IS_ACTOR,
        "Anda tidak dapat menunjuk diri sendiri sebagai Pejabat Penilai (juga bila Anda yang "
        "mengusulkan atau menyetujui penunjukan ini).",
    ),
    OverrideConflict.BELOW: (
        ErrorCode.ASSESSOR_BELOW_POSITION,
        "Pegawai ini menduduki jabatan di bawah jabatan yang dinilai; bawahan tidak dapat "
        "menilai atasannya.",
    ),
}


async def check_appointee(
    session: AsyncSession,
    position_id: int,
    assessor_employee_id: int,
    acting_employee_ids: Collection[int | None],
    valid_from: date,
) -> None:
    """Refuse an appointee who may not rate the holder of ``position_id``: the holder, one of
    the people acting (setting, proposing or approving), or someone below the position.
    Judged on the organisation of the first day the override counts (today if it is back-dated).
    """
    if await session.get(Employee, assessor_employee_id) is None:
        raise invalid("assessorEmployeeId", "Pegawai penilai tidak ditemukan.")
    org = await load_org_snapshot(session, max(clock.today(), valid_from))
    acting = {e for e in acting_employee_ids if e is not None}
    conflict = override_conflict(org, position_id, assessor_employee_id, acting)
    if conflict is not None:
        code, message = APPOINTEE_ERRORS[conflict]
        raise ServiceError(code, message, "assessorEmployeeId")


def override_state(data: OverrideInput, reason: str) -> dict[str, Any]:
    return {
        "position_id": data.position_id,
        "assessor_employee_id": data.assessor_employee_id,
        "acting_kind": data.acting_kind,
        "reason": reason,
        "valid_from": data.valid_from,
        "valid_until": data.valid_until,
    }


async def write_override(
    session: AsyncSession, actor: Actor, data: OverrideInput, reason: str
) -> AssessorOverride:
    """Store an override (checked by the caller); one at a time per position: a new one ends
    the previous one the day before it starts."""
    previous = (
        await session.scalars(
            sa.select(AssessorOverride).where(
                AssessorOverride.position_id == data.position_id,
                sa.or_(
                    AssessorOverride.valid_until.is_(None),
                    AssessorOverride.valid_until >= data.valid_from,
                ),
            )
        )
    ).all()
    for old in previous:
        if old.valid_from >= data.valid_from:
            raise invalid(
                "validFrom", "Sudah ada penunjukan penilai yang mulai pada/sesudah tanggal ini."
            )
        old.valid_until = date.fromordinal(data.valid_from.toordinal() - 1)
    override = AssessorOverride(
        position_id=data.position_id,
        assessor_employee_id=data.assessor_employee_id,
        acting_kind=data.acting_kind,
        reason=reason,
        valid_from=data.valid_from,
        valid_until=data.valid_until,
    )
    session.add(override)
    await session.flush()
    await record_event(
        session,
        actor,
        AuditAction.ASSESSOR_OVERRIDE_SET,
        "assessor_override",
        override.id,
        after=override_state(data, reason),
    )
    return override


async def set_assessor_override(
    db: Database, actor: Actor, data: OverrideInput
) -> AssessorOverride:
    """Name an explicit Pejabat Penilai (Plt/Plh/penunjukan) for a position's holder.

    BKPSDM alone: an override decides who rates whom, so a unit manager only proposes one
    (server.services.organisation.assessor_overrides)."""
    require_hr_admin(actor, "Hanya Admin BKPSDM yang menetapkan penunjukan Pejabat Penilai.")
    reason = clean_text(data.reason, "reason", "Alasan", max_length=500)
    check_period(data.valid_from, data.valid_until)
    async with db.write() as session:
        if await session.get(Position, data.position_id) is None:
            raise invalid("positionId", "Jabatan tidak ditemukan.")
        await check_appointee(
            session,
            data.position_id,
            data.assessor_employee_id,
            [actor.employee_id],
            data.valid_from,
        )
        return await write_override(session, actor, data, reason)
