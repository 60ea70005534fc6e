"""Admin writes of the organisation: units, positions, assessor overrides, people, assignments,
accounts and CSV imports. Expected failures come back as data in ``errors``."""

from __future__ import annotations

from datetime import date
from typing import cast

import strawberry

from server.api.enums import (
    ActingKind,
    AsnType,
    EmployeeStatus,
    FunctionalLevel,
    PositionKind,
    Role,
    UnitKind,
)
from server.api.internal.payloads import maybe_value, parse_id, require_id, run_mutation
from server.api.internal.types import (
    Employee,
    ImportResult,
    Info,
    Payload,
    Position,
    Unit,
)
from server.db import models
from server.services import imports
from server.services.csv_files import ImportReport
from server.services.errors import ErrorCode, ServiceError
from server.services.organisation import accounts, employees, structure
from server.services.validation import _Unset

MAX_CSV_TEXT = 5_000_000


@strawberry.input(description="Unit baru.")
class CreateUnitInput:
    code: str
    name: str
    kind: UnitKind
    parent_id: strawberry.ID | None
    valid_from: date
    valid_until: date | None = None


@strawberry.input(description="Perubahan unit; kolom yang tidak dikirim tidak diubah.")
class UpdateUnitInput:
    id: strawberry.ID
    expected_version: int | None = None
    name: strawberry.Maybe[str] = None
    parent_id: strawberry.Maybe[strawberry.ID | None] = None
    valid_until: strawberry.Maybe[date | None] = None


@strawberry.input(description="Jabatan baru.")
class CreatePositionInput:
    code: str
    name: str
    kind: PositionKind
    unit_id: strawberry.ID
    parent_id: strawberry.ID | None
    valid_from: date
    functional_level: FunctionalLevel | None = None
    valid_until: date | None = None


@strawberry.input(description="Perubahan jabatan; kolom yang tidak dikirim tidak diubah.")
class UpdatePositionInput:
    id: strawberry.ID
    expected_version: int | None = None
    name: strawberry.Maybe[str] = None
    unit_id: strawberry.Maybe[strawberry.ID] = None
    parent_id: strawberry.Maybe[strawberry.ID | None] = None
    valid_until: strawberry.Maybe[date | None] = None


@strawberry.input(
    description="Penunjukan Pejabat Penilai (Plt/Plh/penunjukan) untuk pemangku jabatan."
)
class SetAssessorOverrideInput:
    position_id: strawberry.ID
    assessor_employee_id: strawberry.ID
    acting_kind: ActingKind
    reason: str
    valid_from: date
    valid_until: date | None = None

    def to_service(self) -> structure.OverrideInput:
        """The service's input (a set override and a proposed one take the same fields)."""
        return structure.OverrideInput(
            position_id=require_id(self.position_id, "positionId"),
            assessor_employee_id=require_id(self.assessor_employee_id, "assessorEmployeeId"),
            acting_kind=self.acting_kind,
            reason=self.reason,
            valid_from=self.valid_from,
            valid_until=self.valid_until,
        )


@strawberry.input(description="Pegawai baru. Jenis kelamin dan tanggal lahir diambil dari NIP.")
class CreateEmployeeInput:
    nip: str
    name: str
    asn_type: AsnType
    golongan: str
    status: EmployeeStatus = EmployeeStatus.AKTIF
    position_id: strawberry.ID | None = None
    assignment_start: date | None = None


@strawberry.input(description="Perubahan data pegawai; kolom yang tidak dikirim tidak diubah.")
class UpdateEmployeeInput:
    id: strawberry.ID
    expected_version: int | None = None
    name: strawberry.Maybe[str] = None
    golongan: strawberry.Maybe[str] = None
    status: strawberry.Maybe[EmployeeStatus] = None


@strawberry.input(description="Mutasi/promosi: pegawai memangku jabatan mulai tanggal itu.")
class AssignPositionInput:
    employee_id: strawberry.ID
    position_id: strawberry.ID
    start_date: date
    decree: str | None = None


@strawberry.input(description="Akun baru.")
class CreateAccountInput:
    login: str
    password: str
    roles: list[Role] = strawberry.field(default_factory=list)
    employee_id: strawberry.ID | None = None
    managed_unit_id: strawberry.ID | None = None


@strawberry.input(description="Perubahan akun; kolom yang tidak dikirim tidak diubah.")
class UpdateAccountInput:
    id: strawberry.ID
    expected_version: int | None = None
    roles: strawberry.Maybe[list[Role]] = None
    active: strawberry.Maybe[bool] = None
    managed_unit_id: strawberry.Maybe[strawberry.ID | None] = None
    employee_id: strawberry.Maybe[strawberry.ID | None] = strawberry.field(
        default=None, description="Pegawai pemilik akun; null melepaskan tautan."
    )
    password: strawberry.Maybe[str] = None


@strawberry.type(description="Akun (untuk pengelola akun).")
class Account:
    id: strawberry.ID
    login: str
    active: bool
    version: int


def _account(row: models.UserAccount) -> Account:
    return Account(
        id=strawberry.ID(str(row.id)), login=row.login, active=row.active, version=row.version
    )


def _optional_id(value: strawberry.ID | _Unset | None, field: str) -> int | _Unset | None:
    if isinstance(value, _Unset) or value is None:
        return value
    return parse_id(value, field)


async def _create_unit(info: Info, input: CreateUnitInput) -> models.Unit:
    ctx = info.context
    return await structure.create_unit(
        ctx.db,
        ctx.actor,
        structure.UnitInput(
            code=input.code,
            name=input.name,
            kind=input.kind,
            parent_id=parse_id(input.parent_id, "parentId"),
            valid_from=input.valid_from,
            valid_until=input.valid_until,
        ),
    )


async def _update_unit(info: Info, input: UpdateUnitInput) -> models.Unit:
    ctx = info.context
    return await structure.update_unit(
        ctx.db,
        ctx.actor,
        require_id(input.id, "id"),
        structure.UnitChanges(
            name=maybe_value(input.name),
            parent_id=_optional_id(maybe_value(input.parent_id), "parentId"),
            valid_until=maybe_value(input.valid_until),
            expected_version=input.expected_version,
        ),
    )


async def _create_position(info: Info, input: CreatePositionInput) -> models.Position:
    ctx = info.context
    return await structure.create_position(
        ctx.db,
        ctx.actor,
        structure.PositionInput(
            code=input.code,
            name=input.name,
            kind=input.kind,
            unit_id=require_id(input.unit_id, "unitId"),
            parent_id=parse_id(input.parent_id, "parentId"),
            valid_from=input.valid_from,
            valid_until=input.valid_until,
            functional_level=input.functional_level,
        ),
    )


async def _update_position(info: Info, input: UpdatePositionInput) -> models.Position:
    ctx = info.context
    return await structure.update_position(
        ctx.db,
        ctx.actor,
        require_id(input.id, "id"),
        structure.PositionChanges(
            name=maybe_value(input.name),
            # unitId is nullable in the SDL (changing it to ID! would change the schema); a null
            # reaches the service as it always has, which finds no such unit.
            unit_id=cast("int | _Unset", _optional_id(maybe_value(input.unit_id), "unitId")),
            parent_id=_optional_id(maybe_value(input.parent_id), "parentId"),
            valid_until=maybe_value(input.valid_until),
            expected_version=input.expected_version,
        ),
    )


async def _set_assessor_override(info: Info, input: SetAssessorOverrideInput) -> models.Position:
    ctx = info.context
    override = await structure.set_assessor_override(ctx.db, ctx.actor, input.to_service())
    position = await ctx.loaders.position.load(override.position_id)
    assert position is not None  # the service has just checked it exists
    return position


async def _create_employee(info: Info, input: CreateEmployeeInput) -> models.Employee:
    ctx = info.context
    return await employees.create_employee(
        ctx.db,
        ctx.actor,
        employees.EmployeeInput(
            nip=input.nip,
            name=input.name,
            asn_type=input.asn_type,
            golongan=input.golongan,
            status=input.status,
            position_id=parse_id(input.position_id, "positionId"),
            assignment_start=input.assignment_start,
        ),
    )


async def _update_employee(info: Info, input: UpdateEmployeeInput) -> models.Employee:
    ctx = info.context
    return await employees.update_employee(
        ctx.db,
        ctx.actor,
        require_id(input.id, "id"),
        employees.EmployeeChanges(
            name=maybe_value(input.name),
            golongan=maybe_value(input.golongan),
            status=maybe_value(input.status),
            expected_version=input.expected_version,
        ),
    )


async def _assign_position(info: Info, input: AssignPositionInput) -> models.Employee:
    ctx = info.context
    employee_id = require_id(input.employee_id, "employeeId")
    await employees.assign_position(
        ctx.db,
        ctx.actor,
        employee_id=employee_id,
        position_id=require_id(input.position_id, "positionId"),
        start_date=input.start_date,
        decree=input.decree,
    )
    employee = await ctx.loaders.employee.load(employee_id)
    assert employee is not None  # the service has just checked it exists
    return employee


async def _end_assignment(
    info: Info, employee_id: strawberry.ID, end_date: date
) -> models.Employee:
    ctx = info.context
    eid = require_id(employee_id, "employeeId")
    await employees.end_assignment(ctx.db, ctx.actor, employee_id=eid, end_date=end_date)
    employee = await ctx.loaders.employee.load(eid)
    assert employee is not None  # the service has just checked it exists
    return employee


async def _create_account(info: Info, input: CreateAccountInput) -> models.UserAccount:
    ctx = info.context
    return await accounts.create_account(
        ctx.db,
        ctx.actor,
        accounts.AccountInput(
            login=input.login,
            password=input.password,
            roles=frozenset(input.roles),
            employee_id=parse_id(input.employee_id, "employeeId"),
            managed_unit_id=parse_id(input.managed_unit_id, "managedUnitId"),
        ),
    )


async def _update_account(info: Info, input: UpdateAccountInput) -> models.UserAccount:
    ctx = info.context
    roles = maybe_value(input.roles)
    return await accounts.update_account(
        ctx.db,
        ctx.actor,
        require_id(input.id, "id"),
        accounts.AccountChanges(
            roles=roles if isinstance(roles, _Unset) else frozenset(roles),
            active=maybe_value(input.active),
            managed_unit_id=_optional_id(maybe_value(input.managed_unit_id), "managedUnitId"),
            employee_id=_optional_id(maybe_value(input.employee_id), "employeeId"),
            password=maybe_value(input.password),
            expected_version=input.expected_version,
        ),
    )


async def _revoke_sessions(info: Info, account_id: strawberry.ID) -> models.UserAccount:
    ctx = info.context
    return await accounts.revoke_account_sessions(
        ctx.db, ctx.actor, require_id(account_id, "accountId")
    )


async def _import_organisation(info: Info, csv: str) -> ImportReport:
    ctx = info.context
    if len(csv) > MAX_CSV_TEXT:
        raise ServiceError(ErrorCode.INVALID_INPUT, "Berkas CSV terlalu besar.", "csv")
    return await imports.import_organisation(ctx.db, ctx.actor, csv.encode())


async def _import_employees(info: Info, csv: str) -> ImportReport:
    ctx = info.context
    if len(csv) > MAX_CSV_TEXT:
        raise ServiceError(ErrorCode.INVALID_INPUT, "Berkas CSV terlalu besar.", "csv")
    return await imports.import_employees(ctx.db, ctx.actor, csv.encode(), today=ctx.today)


@strawberry.type
class OrganisationMutation:
    @strawberry.mutation(description="Tambah unit kerja.")
    async def create_unit(self, info: Info, input: CreateUnitInput) -> Payload[Unit]:
        return await run_mutation(_create_unit(info, input), Unit.from_model)

    @strawberry.mutation(description="Ubah unit kerja (dengan pemeriksaan versi).")
    async def update_unit(self, info: Info, input: UpdateUnitInput) -> Payload[Unit]:
        return await run_mutation(_update_unit(info, input), Unit.from_model)

    @strawberry.mutation(description="Tambah jabatan.")
    async def create_position(self, info: Info, input: CreatePositionInput) -> Payload[Position]:
        return await run_mutation(_create_position(info, input), Position.from_model)

    @strawberry.mutation(description="Ubah jabatan (dengan pemeriksaan versi).")
    async def update_position(self, info: Info, input: UpdatePositionInput) -> Payload[Position]:
        return await run_mutation(_update_position(info, input), Position.from_model)

    @strawberry.mutation(description="Tetapkan Pejabat Penilai pengganti (Plt/Plh/penunjukan).")
    async def set_assessor_override(
        self, info: Info, input: SetAssessorOverrideInput
    ) -> Payload[Position]:
        return await run_mutation(_set_assessor_override(info, input), Position.from_model)

    @strawberry.mutation(
        description="Tambah pegawai (NIP divalidasi), opsional langsung dengan jabatan."
    )
    async def create_employee(self, info: Info, input: CreateEmployeeInput) -> Payload[Employee]:
        return await run_mutation(_create_employee(info, input), Employee.from_model)

    @strawberry.mutation(description="Ubah data pegawai (dengan pemeriksaan versi).")
    async def update_employee(self, info: Info, input: UpdateEmployeeInput) -> Payload[Employee]:
        return await run_mutation(_update_employee(info, input), Employee.from_model)

    @strawberry.mutation(
        description="Pindahkan pegawai ke jabatan; jabatan lama berakhir sehari sebelumnya."
    )
    async def assign_position(self, info: Info, input: AssignPositionInput) -> Payload[Employee]:
        return await run_mutation(_assign_position(info, input), Employee.from_model)

    @strawberry.mutation(
        description="Akhiri jabatan pegawai (pensiun, keluar); riwayat tetap tersimpan."
    )
    async def end_assignment(
        self, info: Info, employee_id: strawberry.ID, end_date: date
    ) -> Payload[Employee]:
        return await run_mutation(_end_assignment(info, employee_id, end_date), Employee.from_model)

    @strawberry.mutation(description="Buat akun.")
    async def create_account(self, info: Info, input: CreateAccountInput) -> Payload[Account]:
        return await run_mutation(_create_account(info, input), _account)

    @strawberry.mutation(
        description="Ubah akun: peran, status aktif, pegawai, unit kelolaan, kata sandi."
    )
    async def update_account(self, info: Info, input: UpdateAccountInput) -> Payload[Account]:
        return await run_mutation(_update_account(info, input), _account)

    @strawberry.mutation(
        description="Akhiri semua sesi masuk sebuah akun (admin sistem); tercatat di log audit."
    )
    async def revoke_sessions(self, info: Info, account_id: strawberry.ID) -> Payload[Account]:
        return await run_mutation(_revoke_sessions(info, account_id), _account)

    @strawberry.mutation(
        description="Impor CSV organisasi (unit dan jabatan); semua baris atau tidak sama sekali."
    )
    async def import_organisation(self, info: Info, csv: str) -> Payload[ImportResult]:
        return await run_mutation(_import_organisation(info, csv), ImportResult.from_report)

    @strawberry.mutation(description="Impor CSV pegawai; semua baris atau tidak sama sekali.")
    async def import_employees(self, info: Info, csv: str) -> Payload[ImportResult]:
        return await run_mutation(_import_employees(info, csv), ImportResult.from_report)
