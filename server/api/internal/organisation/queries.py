"""Read queries of the organisation: me, units, positions, people and accounts. Row scoping is
decided in the services / loaders."""

from __future__ import annotations

import strawberry

from server.api.fill import fill_type
from server.api.graphql_common import ExpectedGraphQLError
from server.api.internal.types import (
    Connection,
    Employee,
    Info,
    ManagedAccount,
    Me,
    Position,
    Unit,
    decode_cursor,
    employees_as_asked,
    make_connection,
    node_fields,
    page_size,
)
from server.services.errors import ServiceError
from server.services.organisation import accounts, directory

MAX_SEARCH_LENGTH = 100


def _parse_id(raw: strawberry.ID, what: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise ExpectedGraphQLError(
            f"ID {what} tidak valid.", extensions={"code": "INVALID_INPUT"}
        ) from None
    if value <= 0 or value > 2**62:
        raise ExpectedGraphQLError(f"ID {what} tidak valid.", extensions={"code": "INVALID_INPUT"})
    return value


def _forbidden(exc: ServiceError) -> ExpectedGraphQLError:
    return ExpectedGraphQLError(exc.message, extensions={"code": exc.code.value})


async def _unit_filter(
    info: Info, unit_id: strawberry.ID | None, include_subunits: bool
) -> set[int] | None:
    """The units a directory list is limited to: none (every unit), the one asked for, or it
    with every unit below it."""
    if unit_id is None:
        return None
    root = _parse_id(unit_id, "unit")
    return (await info.context.loaders.unit_tree()).subtree(root) if include_subunits else {root}


@strawberry.type
class OrganisationQuery:
    @strawberry.field(description="Akun yang sedang masuk.")
    def me(self, info: Info) -> Me:
        actor = info.context.actor
        return fill_type(Me, actor, roles=sorted(actor.roles))

    @strawberry.field(description="Akar pohon unit (Pemerintah Kota Salatiga).")
    async def unit_tree(self, info: Info) -> list[Unit]:
        async with info.context.db.read() as s:
            units = await directory.list_units(s, info.context.today)
        return [Unit.from_model(u) for u in units if u.parent_id is None]

    @strawberry.field(description="Semua unit yang berlaku hari ini, datar (urut id).")
    async def units(self, info: Info) -> list[Unit]:
        async with info.context.db.read() as s:
            units = await directory.list_units(s, info.context.today)
        return [Unit.from_model(u) for u in units]

    @strawberry.field(description="Satu unit menurut id atau kode.")
    async def unit(
        self, info: Info, id: strawberry.ID | None = None, code: str | None = None
    ) -> Unit | None:
        if (id is None) == (code is None):
            raise ExpectedGraphQLError(
                "Isi tepat satu dari id atau code.", extensions={"code": "INVALID_INPUT"}
            )
        if id is not None:
            unit = await info.context.loaders.unit.load(_parse_id(id, "unit"))
        else:
            assert code is not None
            async with info.context.db.read() as s:
                unit = await directory.unit_by_code(s, code.strip().upper()[:64])
        return Unit.from_model(unit) if unit else None

    @strawberry.field(description="Cari pegawai menurut nama atau awal NIP, dapat dibatasi unit.")
    async def employees(
        self,
        info: Info,
        search: str | None = None,
        unit_id: strawberry.ID | None = None,
        include_subunits: bool = True,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Employee]:
        if search is not None and len(search) > MAX_SEARCH_LENGTH:
            raise ExpectedGraphQLError(
                f"Kata kunci maksimal {MAX_SEARCH_LENGTH} karakter.",
                extensions={"code": "INVALID_INPUT"},
            )
        limit = page_size(first)
        offset = decode_cursor(after)
        unit_ids = await _unit_filter(info, unit_id, include_subunits)
        async with info.context.db.read() as s:
            page = await directory.search_employees(
                s,
                day=info.context.today,
                search=search,
                unit_ids=unit_ids,
                offset=offset,
                limit=limit,
            )
        for row in page.employees:
            info.context.loaders.employee.prime(row.id, row)
        nodes = await employees_as_asked(info, page.employees, node_fields(info))
        return make_connection(nodes, offset=offset, total=page.total)

    @strawberry.field(description="Satu pegawai. Data pribadinya hanya bagi yang berhak.")
    async def employee(self, info: Info, id: strawberry.ID) -> Employee | None:
        return await Employee.load(info, _parse_id(id, "pegawai"))

    @strawberry.field(description="Jabatan, dapat dibatasi unit atau yang lowong saja.")
    async def positions(
        self,
        info: Info,
        unit_id: strawberry.ID | None = None,
        include_subunits: bool = False,
        vacant_only: bool = False,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Position]:
        limit = page_size(first)
        offset = decode_cursor(after)
        unit_ids = await _unit_filter(info, unit_id, include_subunits)
        async with info.context.db.read() as s:
            rows, total = await directory.list_positions(
                s,
                day=info.context.today,
                unit_ids=unit_ids,
                vacant_only=vacant_only,
                offset=offset,
                limit=limit,
            )
        return make_connection([Position.from_model(p) for p in rows], offset=offset, total=total)

    @strawberry.field(
        description="Daftar akun (admin sistem): cari pada nama pengguna, nama atau NIP pegawai."
    )
    async def accounts(
        self,
        info: Info,
        search: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[ManagedAccount]:
        try:
            accounts.require_sysadmin(info.context.actor)
        except ServiceError as exc:
            raise _forbidden(exc) from None
        limit = page_size(first)
        offset = decode_cursor(after)
        rows, total = await accounts.list_accounts(
            info.context.db, info.context.actor, search=search, offset=offset, limit=limit
        )
        return make_connection(
            [
                fill_type(
                    ManagedAccount,
                    r.account,
                    roles=sorted(r.roles, key=lambda role: role.value),
                    employee_name=r.employee_name,
                    employee_nip=r.employee_nip,
                    open_sessions=r.open_sessions,
                )
                for r in rows
            ],
            offset=offset,
            total=total,
        )
