"""Writes to people: employees (pegawai) and their position assignments (riwayat jabatan)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server import clock
from server.db.engine import Database
from server.db.models import Employee, Position, PositionAssignment
from server.domain.audit_actions import AuditAction
from server.domain.enums import AsnType, EmployeeStatus
from server.domain.golongan import InvalidGolongan, parse_golongan
from server.domain.nip import InvalidNip, Nip, parse_nip
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.errors import ErrorCode, ServiceError, not_found
from server.services.organisation.directory import current_positions_of
from server.services.permissions import require_org_write
from server.services.validation import UNSET, _Unset, check_version, clean_text, invalid


def employee_state(employee: Employee) -> dict[str, Any]:
    return {
        "nip": employee.nip,
        "name": employee.name,
        "asn_type": employee.asn_type,
        "golongan": employee.golongan,
        "gender": employee.gender,
        "birth_date": employee.birth_date,
        "status": employee.status,
    }


def validate_nip(raw: str, asn_type: AsnType) -> Nip:
    try:
        return parse_nip(raw, expected_type=asn_type, today=clock.today())
    except InvalidNip as exc:
        raise invalid("nip", exc.message) from None


def validate_golongan(raw: str, asn_type: AsnType) -> str:
    try:
        return parse_golongan(raw, asn_type).code
    except InvalidGolongan as exc:
        raise invalid("golongan", str(exc)) from None


@dataclass(frozen=True)
class EmployeeInput:
    nip: str
    name: str
    asn_type: AsnType
    golongan: str
    status: EmployeeStatus = EmployeeStatus.AKTIF
    position_id: int | None = None
    assignment_start: date | None = None


@dataclass(frozen=True)
class EmployeeChanges:
    name: str | _Unset = UNSET
    golongan: str | _Unset = UNSET
    status: EmployeeStatus | _Unset = UNSET
    expected_version: int | None = None


async def _unit_of_employee(session: AsyncSession, employee_id: int) -> int | None:
    position_id = (await current_positions_of(session, [employee_id], clock.today())).get(
        employee_id
    )
    if position_id is None:
        return None
    position = await session.get(Position, position_id)
    return position.unit_id if position else None


async def create_employee(db: Database, actor: Actor, data: EmployeeInput) -> Employee:
    nip = validate_nip(data.nip, data.asn_type)
    name = clean_text(data.name, "name", "Nama pegawai")
    golongan = validate_golongan(data.golongan, data.asn_type)
    async with db.write() as session:
        position: Position | None = None
        if data.position_id is not None:
            position = await session.get(Position, data.position_id)
            if position is None:
                raise invalid("positionId", "Jabatan tidak ditemukan.")
        await require_org_write(session, actor, position.unit_id if position else None)
        if (
            await session.scalars(sa.select(Employee.id).where(Employee.nip == nip.digits))
        ).first():
            raise ServiceError(ErrorCode.DUPLICATE, f"NIP {nip.formatted} sudah terdaftar.", "nip")
        employee = Employee(
            nip=nip.digits,
            name=name,
            asn_type=nip.asn_type,
            golongan=golongan,
            gender=nip.gender,
            birth_date=nip.birth_date,
            status=data.status,
        )
        session.add(employee)
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.EMPLOYEE_CREATE,
            "employee",
            employee.id,
            after=employee_state(employee),
        )
        if position is not None:
            await _assign(
                session, actor, employee, position, data.assignment_start or clock.today(), None
            )
    return employee


async def update_employee(
    db: Database, actor: Actor, employee_id: int, changes: EmployeeChanges
) -> Employee:
    async with db.write() as session:
        employee = await session.get(Employee, employee_id)
        if employee is None:
            raise not_found("Pegawai")
        await require_org_write(session, actor, await _unit_of_employee(session, employee.id))
        check_version(employee.version, changes.expected_version, "Data pegawai")
        before = employee_state(employee)
        if not isinstance(changes.name, _Unset):
            employee.name = clean_text(changes.name, "name", "Nama pegawai")
        if not isinstance(changes.golongan, _Unset):
            employee.golongan = validate_golongan(changes.golongan, employee.asn_type)
        if not isinstance(changes.status, _Unset):
            employee.status = changes.status
        after = employee_state(employee)
        if after != before:
            await session.flush()
            await record_event(
                session,
                actor,
                AuditAction.EMPLOYEE_UPDATE,
                "employee",
                employee.id,
                before=before,
                after=after,
            )
    return employee


async def _assign(
    session: AsyncSession,
    actor: Actor,
    employee: Employee,
    position: Position,
    start: date,
    decree: str | None,
) -> PositionAssignment:
    if position.valid_from > start or (
        position.valid_until is not None and position.valid_until < start
    ):
        raise invalid("startDate", "Jabatan tidak berlaku pada tanggal mulai itu.")
    holder = (
        await session.scalars(
            sa.select(PositionAssignment).where(
                PositionAssignment.position_id == position.id,
                PositionAssignment.employee_id != employee.id,
                sa.or_(PositionAssignment.end_date.is_(None), PositionAssignment.end_date >= start),
            )
        )
    ).first()
    if holder is not None:
        raise ServiceError(
            ErrorCode.CONFLICT,
            "Jabatan ini masih dipangku pegawai lain; akhiri penugasannya lebih dahulu.",
            "positionId",
        )
    open_rows = (
        await session.scalars(
            sa.select(PositionAssignment).where(
                PositionAssignment.employee_id == employee.id,
                sa.or_(PositionAssignment.end_date.is_(None), PositionAssignment.end_date >= start),
            )
        )
    ).all()
    for row in open_rows:
        # Moving someone out of a position is a write in that position's unit as well.
        old_position = await session.get(Position, row.position_id)
        await require_org_write(session, actor, old_position.unit_id if old_position else None)
        if row.start_date >= start:
            raise invalid(
                "startDate", "Tanggal mulai harus sesudah awal jabatan yang sedang dipangku."
            )
        row.end_date = start - timedelta(
            days=1
        )  # history is kept: the old row is closed, not removed
    assignment = PositionAssignment(
        employee_id=employee.id,
        position_id=position.id,
        start_date=start,
        end_date=None,
        decree=decree,
    )
    session.add(assignment)
    await session.flush()
    await record_event(
        session,
        actor,
        AuditAction.EMPLOYEE_ASSIGN_POSITION,
        "employee",
        employee.id,
        before={"position_ids": [r.position_id for r in open_rows]},
        after={"position_id": position.id, "start_date": start, "decree": decree},
    )
    return assignment


async def assign_position(
    db: Database,
    actor: Actor,
    *,
    employee_id: int,
    position_id: int,
    start_date: date,
    decree: str | None = None,
) -> PositionAssignment:
    """Move an employee into a position; the current assignment ends the day before."""
    if decree is not None:
        decree = clean_text(decree, "decree", "Nomor SK")
    async with db.write() as session:
        employee = await session.get(Employee, employee_id)
        if employee is None:
            raise not_found("Pegawai")
        position = await session.get(Position, position_id)
        if position is None:
            raise invalid("positionId", "Jabatan tidak ditemukan.")
        await require_org_write(session, actor, position.unit_id)
        return await _assign(session, actor, employee, position, start_date, decree)


async def end_assignment(db: Database, actor: Actor, *, employee_id: int, end_date: date) -> None:
    """The employee leaves their position (pensiun, mutasi keluar); the row stays as history."""
    async with db.write() as session:
        if await session.get(Employee, employee_id) is None:
            raise not_found("Pegawai")
        rows = (
            await session.scalars(
                sa.select(PositionAssignment).where(
                    PositionAssignment.employee_id == employee_id,
                    PositionAssignment.end_date.is_(None),
                )
            )
        ).all()
        if not rows:
            # Only those who may change this employee learn about their assignment state.
            await require_org_write(session, actor, await _unit_of_employee(session, employee_id))
            raise ServiceError(ErrorCode.INVALID_STATE, "Pegawai tidak sedang memangku jabatan.")
        for row in rows:
            position = await session.get(Position, row.position_id)
            await require_org_write(session, actor, position.unit_id if position else None)
            if end_date < row.start_date:
                raise invalid("endDate", "Tanggal akhir tidak boleh sebelum tanggal mulai jabatan.")
            row.end_date = end_date
        await record_event(
            session,
            actor,
            AuditAction.EMPLOYEE_END_ASSIGNMENT,
            "employee",
            employee_id,
            after={"end_date": end_date, "position_ids": [r.position_id for r in rows]},
        )
