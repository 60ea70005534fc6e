"""Hand-written GraphQL types of the internal API. Nothing is mapped from the ORM by accident."""

from __future__ import annotations

import base64
import dataclasses
from collections.abc import Awaitable, Sequence
from datetime import date, datetime
from typing import Generic, TypeVar

import strawberry
from strawberry.scalars import JSON
from strawberry.types.nodes import SelectedField, Selection

from server.api.enums import (
    ActingKind,
    AsnType,
    AssessorBasis,
    EmployeeStatus,
    ErrorCode,
    FunctionalLevel,
    Gender,
    PositionKind,
    Role,
    UnitKind,
)
from server.api.fill import fill_type
from server.api.internal.context import InternalContext
from server.db import models
from server.domain.assessor import AssessorResolution
from server.domain.golongan import pangkat_for
from server.domain.nip import format_nip
from server.domain.officials import office_title
from server.services.csv_files import ImportReport

Info = strawberry.Info[InternalContext, None]
T = TypeVar("T")


@strawberry.type(description="Unit kerja dalam pohon organisasi / a unit of the organisation.")
class Unit:
    id: strawberry.ID
    code: str
    name: str
    kind: UnitKind
    valid_from: date
    valid_until: date | None
    version: int
    parent_id: strawberry.Private[int | None]

    @classmethod
    def from_model(cls, unit: models.Unit) -> Unit:
        return fill_type(cls, unit)

    @staticmethod
    async def load(info: Info, unit_id: int | None) -> Unit | None:
        """The unit with this id through the request's loader (None for None or unknown)."""
        if unit_id is None:
            return None
        row = await info.context.loaders.unit.load(unit_id)
        return Unit.from_model(row) if row else None

    @strawberry.field(description="Unit induk.")
    async def parent(self, info: Info) -> Unit | None:
        if self.parent_id is None:
            return None
        unit = await info.context.loaders.unit.load(self.parent_id)
        return Unit.from_model(unit) if unit else None

    @strawberry.field(description="Sub-unit yang berlaku hari ini, urut nama.")
    async def children(self, info: Info) -> list[Unit]:
        rows = await info.context.loaders.children_of_unit.load(int(self.id))
        return [Unit.from_model(u) for u in rows]


@strawberry.type(description="Jabatan / a position.")
class Position:
    id: strawberry.ID
    code: str
    name: str
    kind: PositionKind
    functional_level: FunctionalLevel | None
    valid_from: date
    valid_until: date | None
    version: int
    unit_id: strawberry.Private[int]
    parent_id: strawberry.Private[int | None]

    @classmethod
    def from_model(cls, p: models.Position) -> Position:
        return fill_type(cls, p)

    @strawberry.field(description="Unit tempat jabatan ini berada.")
    async def unit(self, info: Info) -> Unit:
        unit = await info.context.loaders.unit.load(self.unit_id)
        assert unit is not None
        return Unit.from_model(unit)

    @strawberry.field(description="Jabatan atasan: pemangkunya adalah Pejabat Penilai.")
    async def parent(self, info: Info) -> Position | None:
        if self.parent_id is None:
            return None
        p = await info.context.loaders.position.load(self.parent_id)
        return Position.from_model(p) if p else None

    @strawberry.field(description="Pemangku jabatan hari ini; null bila kosong (lowong).")
    async def holder(self, info: Info) -> Employee | None:
        employee_id = await info.context.loaders.holder_id_of_position.load(int(self.id))
        return await Employee.load(info, employee_id)


@strawberry.type(description="Riwayat jabatan / a position held for a period.")
class PositionAssignment:
    start_date: date
    end_date: date | None
    decree: str | None
    position_id: strawberry.Private[int]

    @strawberry.field
    async def position(self, info: Info) -> Position:
        p = await info.context.loaders.position.load(self.position_id)
        assert p is not None
        return Position.from_model(p)


@strawberry.type(
    description="Data pribadi pegawai: hanya untuk pegawai itu, penilainya, pengelola kinerja "
    "unitnya, BKPSDM dan auditor / the restricted part of an employee's record."
)
class EmployeeRecord:
    nip: str
    asn_type: AsnType
    golongan: str
    gender: Gender
    birth_date: date
    status: EmployeeStatus
    version: int
    employee_id: strawberry.Private[int]

    @strawberry.field(description="NIP berformat, mis. 19860926 201505 1 001.")
    def nip_formatted(self) -> str:
        return format_nip(self.nip)

    @strawberry.field(description="Pangkat dari golongan (PNS); null untuk PPPK.")
    def pangkat(self) -> str | None:
        return pangkat_for(self.golongan)

    @strawberry.field(description="Riwayat jabatan, terbaru lebih dahulu.")
    async def assignments(self, info: Info) -> list[PositionAssignment]:
        rows = await info.context.loaders.assignments_of_employee.load(self.employee_id)
        return [fill_type(PositionAssignment, r) for r in rows]


@strawberry.type(description="Pejabat Penilai Kinerja (atau atasannya) dan dasar penentuannya.")
class AssessorLink:
    basis: AssessorBasis
    acting_kind: ActingKind | None
    employee: Employee


@dataclasses.dataclass(frozen=True)
class Placement:
    """An employee's position, unit and Pejabat Penilai today, resolved for a whole page at once
    (:func:`place_employees`), so the fields of each node need no lookup of their own."""

    position: Position | None
    unit: Unit | None
    assessor: AssessorLink | None = None
    assessor_known: bool = False  # False: the assessor field looks it up itself

    @classmethod
    def of(
        cls,
        held: tuple[models.Position, models.Unit] | None,
        assessor: AssessorLink | None = None,
        *,
        assessor_known: bool = False,
    ) -> Placement:
        """From what the placement loader gives (None: no position today)."""
        if held is None:
            return cls(None, None, assessor, assessor_known)
        return cls(Position.from_model(held[0]), Unit.from_model(held[1]), assessor, assessor_known)


@strawberry.type(description="Pegawai ASN. Rekan kerja hanya melihat nama, jabatan dan unit.")
class Employee:
    id: strawberry.ID
    name: str
    model: strawberry.Private[models.Employee]
    placement: strawberry.Private[Placement | None] = None

    @staticmethod
    async def load(info: Info, employee_id: int | None) -> Employee | None:
        if employee_id is None:
            return None
        row = await info.context.loaders.employee.load(employee_id)
        return Employee(id=strawberry.ID(str(row.id)), name=row.name, model=row) if row else None

    @classmethod
    def from_model(cls, row: models.Employee) -> Employee:
        return cls(id=strawberry.ID(str(row.id)), name=row.name, model=row)

    # position, unit and assessor answer at once from a page's placement; otherwise they return
    # an awaitable, which graphql-core awaits. An async resolver costs a task per node and
    # field even when its answer is known: about 70 µs, 100 nodes × 5 fields on a page.
    @strawberry.field(description="Jabatan yang dipangku hari ini.", graphql_type=Position | None)
    def position(self, info: Info) -> Position | Awaitable[Position | None] | None:
        if self.placement is not None:
            return self.placement.position
        return self._position(info)

    async def _position(self, info: Info) -> Position | None:
        return (await self._placed(info)).position

    @strawberry.field(
        description="Unit kerja hari ini (unit jabatannya).", graphql_type=Unit | None
    )
    def unit(self, info: Info) -> Unit | Awaitable[Unit | None] | None:
        if self.placement is not None:
            return self.placement.unit
        return self._unit(info)

    async def _unit(self, info: Info) -> Unit | None:
        return (await self._placed(info)).unit

    async def _placed(self, info: Info) -> Placement:
        """This employee's position and unit, looked up alone (outside a placed page)."""
        return Placement.of(await info.context.loaders.placement_of_employee.load(self.model.id))

    @strawberry.field(description="Data pribadi; null bila Anda tidak berhak melihatnya.")
    async def record(self, info: Info) -> EmployeeRecord | None:
        loaders = info.context.loaders
        scope = await loaders.record_scope()
        unit_id: int | None = None
        if scope.actor.managed_unit_id is not None:
            position = (self.placement or await self._placed(info)).position
            unit_id = position.unit_id if position else None
        if not scope.can_see_record(self.model.id, unit_id):
            return None
        return fill_type(EmployeeRecord, self.model, employee_id=self.model.id)

    @strawberry.field(
        description="Pejabat Penilai Kinerja hari ini.", graphql_type=AssessorLink | None
    )
    def assessor(self, info: Info) -> AssessorLink | Awaitable[AssessorLink | None] | None:
        if self.placement is not None and self.placement.assessor_known:
            return self.placement.assessor
        return self._assessor(info)

    async def _assessor(self, info: Info) -> AssessorLink | None:
        org = await info.context.loaders.org()
        return await _link(info, org.resolve_assessor(self.model.id))

    @strawberry.field(description="Atasan Pejabat Penilai Kinerja hari ini.")
    async def assessors_assessor(self, info: Info) -> AssessorLink | None:
        org = await info.context.loaders.org()
        return await _link(info, org.resolve_assessors_assessor(self.model.id))


async def _link(info: Info, found: object) -> AssessorLink | None:
    if not isinstance(found, AssessorResolution):
        return None
    employee = await Employee.load(info, found.employee_id)
    if employee is None:
        return None
    return AssessorLink(basis=found.basis, acting_kind=found.acting_kind, employee=employee)


async def place_employees(
    info: Info, rows: Sequence[models.Employee], *, with_assessors: bool
) -> list[Employee]:
    """A page of employees with their position and unit (and, ``with_assessors``, their Pejabat
    Penilai with that assessor's position and unit), one loader batch per kind for the page."""
    loaders = info.context.loaders
    links: dict[int, AssessorResolution | None] = {}
    assessor_rows: dict[int, models.Employee] = {}
    if with_assessors:
        org = await loaders.org()
        links = {row.id: org.resolve_assessor(row.id) for row in rows}
        wanted_ids = sorted({link.employee_id for link in links.values() if link is not None})
        assessor_rows = {
            e.id: e for e in await loaders.employee.load_many(wanted_ids) if e is not None
        }
    everyone = [row.id for row in rows] + list(assessor_rows)
    placement_of = dict(
        zip(everyone, await loaders.placement_of_employee.load_many(everyone), strict=True)
    )

    def placed(row: models.Employee, assessor: AssessorLink | None, *, known: bool) -> Employee:
        return Employee(
            id=strawberry.ID(str(row.id)),
            name=row.name,
            model=row,
            placement=Placement.of(placement_of[row.id], assessor, assessor_known=known),
        )

    def link_of(employee_id: int) -> AssessorLink | None:
        found = links[employee_id]
        row = assessor_rows.get(found.employee_id) if found is not None else None
        if found is None or row is None:
            return None
        # The assessor's own assessor is not part of the page: looked up if asked for.
        return AssessorLink(
            basis=found.basis,
            acting_kind=found.acting_kind,
            employee=placed(row, None, known=False),
        )

    return [
        placed(row, link_of(row.id) if with_assessors else None, known=with_assessors)
        for row in rows
    ]


@strawberry.type(description="Akun yang sedang masuk / the signed-in account.")
class Me:
    login: str
    roles: list[Role]
    employee_id: strawberry.Private[int | None]
    managed_unit_id: strawberry.Private[int | None]

    @strawberry.field(description="Data pegawai pemilik akun; null untuk akun sistem.")
    async def employee(self, info: Info) -> Employee | None:
        return await Employee.load(info, self.employee_id)

    @strawberry.field(
        description="Nama untuk ditampilkan: nama pegawai, atau nama pengguna (login) untuk akun "
        "tanpa data pegawai."
    )
    async def display_name(self, info: Info) -> str:
        employee = await Employee.load(info, self.employee_id)
        if employee is not None:
            return employee.name
        return office_title(frozenset(self.roles)) or self.login

    @strawberry.field(
        description='Jabatan pejabat yang bukan pegawai ASN ("Wali Kota Salatiga", "Wakil '
        'Wali Kota Salatiga"); null untuk akun lain.'
    )
    def office_title(self) -> str | None:
        if self.employee_id is not None:
            return None
        return office_title(frozenset(self.roles))

    @strawberry.field(
        description="Jumlah pegawai yang Anda nilai hari ini sebagai Pejabat Penilai Kinerja."
    )
    async def ratee_count(self, info: Info) -> int:
        if info.context.actor.is_kepala_daerah:
            return len((await info.context.loaders.org()).kepala_daerah_ratees)
        if self.employee_id is None:
            return 0
        org = await info.context.loaders.org()
        return len(org.assessees_of(self.employee_id))

    @strawberry.field(description="Unit yang dikelola (pengelola kinerja unit).")
    async def managed_unit(self, info: Info) -> Unit | None:
        if self.managed_unit_id is None:
            return None
        unit = await info.context.loaders.unit.load(self.managed_unit_id)
        return Unit.from_model(unit) if unit else None


@strawberry.type(description="Peristiwa log audit / an audit log event.")
class AuditEvent:
    seq: int
    occurred_at: datetime
    actor_label: str
    action: str
    object_type: str
    object_id: str | None
    before: JSON | None
    after: JSON | None
    client_address: str | None
    hash: str
    prev_hash: str


@strawberry.type(
    description="Akun dalam daftar admin sistem / an account as the administrator sees it."
)
class ManagedAccount:
    id: strawberry.ID
    login: str
    active: bool
    version: int
    roles: list[Role]
    employee_id: strawberry.ID | None
    employee_name: str | None
    employee_nip: str | None
    managed_unit_id: strawberry.ID | None
    last_login_at: datetime | None
    open_sessions: int = strawberry.field(description="Sesi masuk yang masih berlaku.")


@strawberry.type(description="Hasil pemeriksaan rantai hash log audit.")
class AuditChainStatus:
    intact: bool
    events_checked: int
    first_broken_seq: int | None
    problem: str | None


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type(description="Halaman hasil / a page of results.")
class Connection(Generic[T]):
    total_count: int
    page_info: PageInfo
    edges: list[Edge[T]]

    @strawberry.field(description="Simpul tanpa kursor (praktis).")
    def nodes(self) -> list[T]:
        return [edge.node for edge in self.edges]


def _fields(selections: Sequence[Selection]) -> list[SelectedField]:
    """The fields of a selection set, those of its fragments included."""
    found: list[SelectedField] = []
    for selection in selections:
        if isinstance(selection, SelectedField):
            found.append(selection)
        else:  # a fragment spread or an inline fragment
            found.extend(_fields(selection.selections))
    return found


def selected_under(info: Info, *path: str) -> set[str]:
    """The fields the query asks at ``path`` below the resolver's own field (through
    fragments), e.g. ``selected_under(info, "entries", "employee")``, so a resolver can batch
    only what is needed."""
    level = _fields(info.selected_fields)
    for name in path:
        level = [f for parent in level for f in _fields(parent.selections) if f.name == name]
    return {f.name for parent in level for f in _fields(parent.selections)}


def node_fields(info: Info) -> set[str]:
    """The fields a connection's query asks of each node (``nodes { … }`` or ``edges { node
    { … } }``)."""
    return selected_under(info, "nodes") | selected_under(info, "edges", "node")


async def employees_as_asked(
    info: Info, rows: Sequence[models.Employee], asked: set[str]
) -> list[Employee]:
    """``rows`` as Employee objects, placed for the whole list at once (:func:`place_employees`)
    when ``asked`` (the fields the query asks of each) needs a position, unit or assessor."""
    if asked & {"position", "unit", "record", "assessor"}:
        return await place_employees(info, rows, with_assessors="assessor" in asked)
    return [Employee.from_model(row) for row in rows]


DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_CURSOR_OFFSET = 2**31 - 1


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode()


def decode_cursor(cursor: str | None) -> int:
    """Offset after the given cursor; a malformed cursor is an input error, not a crash."""
    if cursor is None:
        return 0
    from server.api.graphql_common import ExpectedGraphQLError

    try:
        raw = base64.urlsafe_b64decode(cursor.encode()).decode()
        prefix, value = raw.split(":", 1)
        offset = int(value)
        # The offset goes into SQL: bound it so a forged cursor cannot overflow the column type.
        if prefix != "o" or offset < 0 or offset > MAX_CURSOR_OFFSET:
            raise ValueError
    except (ValueError, UnicodeDecodeError):
        raise ExpectedGraphQLError(
            "Kursor halaman tidak valid.", extensions={"code": "INVALID_INPUT"}
        ) from None
    return offset + 1


def page_size(first: int | None) -> int:
    from server.api.graphql_common import ExpectedGraphQLError

    if first is None:
        return DEFAULT_PAGE_SIZE
    if first < 0 or first > MAX_PAGE_SIZE:
        raise ExpectedGraphQLError(
            f"first harus antara 0 dan {MAX_PAGE_SIZE}.", extensions={"code": "INVALID_INPUT"}
        )
    return first


def make_connection(nodes: list[T], *, offset: int, total: int) -> Connection[T]:
    edges = [Edge(cursor=encode_cursor(offset + i), node=n) for i, n in enumerate(nodes)]
    return Connection(
        total_count=total,
        page_info=PageInfo(
            has_next_page=offset + len(nodes) < total,
            has_previous_page=offset > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        edges=edges,
    )


@strawberry.type(description="Kesalahan yang dapat ditangani klien / an expected failure.")
class MutationError:
    code: ErrorCode
    message: str
    field: str | None


@strawberry.type(description="Kesalahan pada satu baris berkas impor (baris 1 = judul kolom).")
class ImportRowError:
    line: int
    field: str | None
    message: str


@strawberry.type(description="Hasil impor CSV: semua baris atau tidak sama sekali.")
class ImportResult:
    ok: bool
    created: int
    updated: int
    unchanged: int
    errors: list[ImportRowError]

    @classmethod
    def from_report(cls, report: ImportReport) -> ImportResult:
        return fill_type(cls, report, errors=[fill_type(ImportRowError, e) for e in report.errors])


@strawberry.type(description="Hasil mutasi: objek yang diubah atau daftar kesalahan.")
class Payload(Generic[T]):
    result: T | None
    errors: list[MutationError]
