"""Reads of the organisation and people, and the row-scoping rules that go with them.

Every API read goes through here, so the rules of who may see what live in one place:
an employee sees their own full record; of colleagues only name, jabatan and unit. The full
record (with the NIP, which encodes the birth date) is also visible to their Pejabat Penilai and
Atasan Pejabat Penilai, to the pengelola kinerja of their unit, to BKPSDM and to auditors.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from server.db.engine import WRITING
from server.db.models import (
    AssessorOverride,
    Employee,
    OrgRevision,
    Position,
    PositionAssignment,
    Unit,
)
from server.domain.assessor import OrgSnapshot, OverrideRule
from server.domain.enums import Role
from server.services.actor import Actor
from server.services.grouping import group_by


def _valid_on(
    model: type[Unit] | type[Position] | type[AssessorOverride], day: date
) -> sa.ColumnElement[bool]:
    return sa.and_(
        model.valid_from <= day,
        sa.or_(model.valid_until.is_(None), model.valid_until >= day),
    )


def open_assignment_on(day: date) -> sa.ColumnElement[bool]:
    return sa.and_(
        PositionAssignment.start_date <= day,
        sa.or_(PositionAssignment.end_date.is_(None), PositionAssignment.end_date >= day),
    )


@dataclass
class _OrgCache:
    """What one process keeps of one database's organisation, with the revision it was read at."""

    snapshots: dict[date, tuple[int, OrgSnapshot]] = field(default_factory=dict)
    unit_tree: tuple[int, UnitTree] | None = None


_org_caches: weakref.WeakKeyDictionary[object, _OrgCache] = weakref.WeakKeyDictionary()
KEPT_DAYS = 3  # snapshots of other days than these are dropped (today, around midnight)


def _org_cache(session: AsyncSession) -> _OrgCache:
    return _org_caches.setdefault(session.get_bind(), _OrgCache())


def _may_keep(session: AsyncSession) -> bool:
    """A writing transaction may have changed the organisation after its revision changed (the
    token changes once per transaction on PostgreSQL): what it reads is never kept."""
    return not session.info.get(WRITING, False)


async def org_revision(session: AsyncSession) -> int | None:
    """The organisation's revision token (None: the row is missing, nothing may be kept)."""
    return (
        await session.execute(sa.select(OrgRevision.revision).where(OrgRevision.id == 1))
    ).scalar_one_or_none()


def forget_org_cache() -> None:
    """Drop every kept organisation snapshot (tests; they are read again on demand)."""
    _org_caches.clear()


async def load_org_snapshot(session: AsyncSession, day: date) -> OrgSnapshot:
    """The whole position tree with holders and overrides on ``day``.

    Kept in memory per database and day while the organisation's revision token (changed by
    triggers on every write to its tables, migration 0013) stays the same: one primary-key read
    instead of three statements over every position. The token is read before and after a
    fresh load, and the load is kept only if no change came in between and it was not read
    inside a writing transaction.
    """
    cache = _org_cache(session)
    before = await org_revision(session)
    kept = cache.snapshots.get(day)
    if before is not None and kept is not None and kept[0] == before:
        return kept[1]
    snapshot = await read_org_snapshot(session, day)
    if _may_keep(session) and before is not None and await org_revision(session) == before:
        for other in sorted(cache.snapshots, key=lambda d: abs((d - day).days))[KEPT_DAYS - 1 :]:
            del cache.snapshots[other]
        cache.snapshots[day] = (before, snapshot)
    return snapshot


async def read_org_snapshot(session: AsyncSession, day: date) -> OrgSnapshot:
    """The whole position tree with holders and overrides: three statements, any size."""
    positions = (
        await session.execute(
            sa.select(Position.id, Position.parent_id).where(_valid_on(Position, day))
        )
    ).all()
    holders = (
        await session.execute(
            sa.select(PositionAssignment.position_id, PositionAssignment.employee_id)
            .where(open_assignment_on(day))
            .order_by(PositionAssignment.start_date)
        )
    ).all()
    overrides = (
        await session.execute(
            sa.select(
                AssessorOverride.position_id,
                AssessorOverride.assessor_employee_id,
                AssessorOverride.acting_kind,
            ).where(_valid_on(AssessorOverride, day))
        )
    ).all()
    holder_of_position: dict[int, int] = {}
    position_of_employee: dict[int, int] = {}
    for position_id, employee_id in holders:
        holder_of_position[position_id] = employee_id
        position_of_employee[employee_id] = position_id
    return OrgSnapshot(
        parent_of_position={pid: parent for pid, parent in positions},
        holder_of_position=holder_of_position,
        position_of_employee=position_of_employee,
        overrides={pid: OverrideRule(emp, kind) for pid, emp, kind in overrides},
    )


@dataclass(frozen=True)
class UnitTree:
    """Parent links of every unit, for subtree questions (a unit manager's reach)."""

    parent_of: dict[int, int | None]

    def ancestors_and_self(self, unit_id: int) -> list[int]:
        chain: list[int] = []
        current: int | None = unit_id
        while current is not None and current not in chain:
            chain.append(current)
            current = self.parent_of.get(current)
        return chain

    def is_within(self, unit_id: int, root_id: int) -> bool:
        return root_id in self.ancestors_and_self(unit_id)

    def subtree(self, root_id: int) -> set[int]:
        children: dict[int | None, list[int]] = {}
        for uid, parent in self.parent_of.items():
            children.setdefault(parent, []).append(uid)
        found: set[int] = set()
        stack = [root_id]
        while stack:
            uid = stack.pop()
            if uid in found:
                continue
            found.add(uid)
            stack.extend(children.get(uid, []))
        return found


async def load_unit_tree(session: AsyncSession) -> UnitTree:
    """Every unit's parent; kept in memory like :func:`load_org_snapshot`."""
    cache = _org_cache(session)
    before = await org_revision(session)
    if before is not None and cache.unit_tree is not None and cache.unit_tree[0] == before:
        return cache.unit_tree[1]
    rows = (await session.execute(sa.select(Unit.id, Unit.parent_id))).all()
    tree = UnitTree({uid: parent for uid, parent in rows})
    if _may_keep(session) and before is not None and await org_revision(session) == before:
        cache.unit_tree = (before, tree)
    return tree


@dataclass(frozen=True)
class RecordScope:
    """Decides, for one viewer, whose full employee record they may see."""

    actor: Actor
    org: OrgSnapshot | None
    units: UnitTree | None

    def can_see_record(self, employee_id: int, unit_id: int | None) -> bool:
        actor = self.actor
        if actor.sees_everything or actor.employee_id == employee_id:
            return True
        if (
            actor.has(Role.UNIT_MANAGER)  # a leftover managed unit without the role grants nothing
            and actor.managed_unit_id is not None
            and unit_id is not None
            and self.units is not None
            and self.units.is_within(unit_id, actor.managed_unit_id)
        ):
            return True
        if actor.employee_id is not None and self.org is not None:
            return actor.employee_id in self.org.assessors_of(employee_id)
        if actor.is_kepala_daerah and self.org is not None:
            # The Wali Kota rates those with nobody above them (the Sekda): their record only.
            return employee_id in self.org.kepala_daerah_ratees
        return False


async def units_by_ids(session: AsyncSession, ids: Iterable[int]) -> Sequence[Unit]:
    return (await session.scalars(sa.select(Unit).where(Unit.id.in_(set(ids))))).all()


async def positions_by_ids(session: AsyncSession, ids: Iterable[int]) -> Sequence[Position]:
    return (await session.scalars(sa.select(Position).where(Position.id.in_(set(ids))))).all()


async def employees_by_ids(session: AsyncSession, ids: Iterable[int]) -> Sequence[Employee]:
    return (await session.scalars(sa.select(Employee).where(Employee.id.in_(set(ids))))).all()


async def _open_assignments(
    session: AsyncSession,
    key: InstrumentedAttribute[int],
    value: InstrumentedAttribute[int],
    keys: Iterable[int],
    day: date,
) -> dict[int, int]:
    """``key`` → ``value`` (employee or position id) of the assignments open on ``day``; of two,
    the one that started later wins."""
    rows = (
        await session.execute(
            sa.select(key, value)
            .where(key.in_(set(keys)), open_assignment_on(day))
            .order_by(PositionAssignment.start_date)
        )
    ).all()
    return {k: v for k, v in rows}


async def current_positions_of(
    session: AsyncSession, employee_ids: Iterable[int], day: date
) -> dict[int, int]:
    """employee id → position id held on ``day``."""
    return await _open_assignments(
        session, PositionAssignment.employee_id, PositionAssignment.position_id, employee_ids, day
    )


async def current_placements_of(
    session: AsyncSession, employee_ids: Iterable[int], day: date
) -> dict[int, tuple[Position, Unit]]:
    """employee id → the position held on ``day`` and its unit, in one statement (what
    :func:`current_positions_of`, :func:`positions_by_ids` and :func:`units_by_ids` give in
    three); of two open assignments, the one that started later wins, as there."""
    rows = (
        await session.execute(
            sa.select(PositionAssignment.employee_id, Position, Unit)
            .join(Position, Position.id == PositionAssignment.position_id)
            .join(Unit, Unit.id == Position.unit_id)
            .where(PositionAssignment.employee_id.in_(set(employee_ids)), open_assignment_on(day))
            .order_by(PositionAssignment.start_date)
        )
    ).all()
    return {employee_id: (position, unit) for employee_id, position, unit in rows}


async def current_units_of(
    session: AsyncSession, employee_ids: Iterable[int], day: date
) -> dict[int, int]:
    """employee id → unit id of the position held on ``day`` (employees without one left out)."""
    positions = await current_positions_of(session, employee_ids, day)
    if not positions:
        return {}
    unit_of_position = dict(
        (
            await session.execute(
                sa.select(Position.id, Position.unit_id).where(
                    Position.id.in_(set(positions.values()))
                )
            )
        ).all()
    )
    return {e: unit_of_position[p] for e, p in positions.items() if p in unit_of_position}


async def current_holders_of(
    session: AsyncSession, position_ids: Iterable[int], day: date
) -> dict[int, int]:
    """position id → employee id holding it on ``day``."""
    return await _open_assignments(
        session, PositionAssignment.position_id, PositionAssignment.employee_id, position_ids, day
    )


async def assignments_of(
    session: AsyncSession, employee_ids: Iterable[int]
) -> dict[int, list[PositionAssignment]]:
    rows = (
        await session.scalars(
            sa.select(PositionAssignment)
            .where(PositionAssignment.employee_id.in_(set(employee_ids)))
            .order_by(PositionAssignment.start_date.desc(), PositionAssignment.id.desc())
        )
    ).all()
    return group_by(rows, lambda row: row.employee_id)


async def children_of_units(
    session: AsyncSession, unit_ids: Iterable[int], day: date
) -> dict[int, list[Unit]]:
    rows = (
        await session.scalars(
            sa.select(Unit)
            .where(Unit.parent_id.in_(set(unit_ids)), _valid_on(Unit, day))
            .order_by(Unit.name)
        )
    ).all()
    grouped: dict[int, list[Unit]] = {}
    for row in rows:
        assert row.parent_id is not None
        grouped.setdefault(row.parent_id, []).append(row)
    return grouped


async def list_units(session: AsyncSession, day: date) -> Sequence[Unit]:
    return (
        await session.scalars(sa.select(Unit).where(_valid_on(Unit, day)).order_by(Unit.id))
    ).all()


async def unit_by_code(session: AsyncSession, code: str) -> Unit | None:
    return (await session.scalars(sa.select(Unit).where(Unit.code == code))).one_or_none()


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True)
class EmployeePage:
    employees: Sequence[Employee]
    total: int


async def search_employees(
    session: AsyncSession,
    *,
    day: date,
    search: str | None,
    unit_ids: set[int] | None,
    offset: int,
    limit: int,
) -> EmployeePage:
    """Employees by name or NIP fragment, optionally within units, ordered by name."""
    stmt = sa.select(Employee)
    if search:
        term = search.strip()
        digits = term.replace(" ", "")
        if digits.isdigit():
            stmt = stmt.where(Employee.nip.startswith(digits, autoescape=True))
        else:
            stmt = stmt.where(
                sa.func.lower(Employee.name).like(f"%{_escape_like(term.lower())}%", escape="\\")
            )
    if unit_ids is not None:
        holders = (
            sa.select(PositionAssignment.employee_id)
            .join(Position, Position.id == PositionAssignment.position_id)
            .where(Position.unit_id.in_(unit_ids), open_assignment_on(day))
        )
        stmt = stmt.where(Employee.id.in_(holders))
    # Counting ids only: the database need not read every column of every row.
    counted = stmt.with_only_columns(Employee.id).subquery()
    total = (await session.execute(sa.select(sa.func.count()).select_from(counted))).scalar_one()
    rows = (
        await session.scalars(stmt.order_by(Employee.name, Employee.id).offset(offset).limit(limit))
    ).all()
    return EmployeePage(rows, int(total))


async def list_positions(
    session: AsyncSession,
    *,
    day: date,
    unit_ids: set[int] | None,
    vacant_only: bool,
    offset: int,
    limit: int,
) -> tuple[Sequence[Position], int]:
    stmt = sa.select(Position).where(_valid_on(Position, day))
    if unit_ids is not None:
        stmt = stmt.where(Position.unit_id.in_(unit_ids))
    if vacant_only:
        held = sa.select(PositionAssignment.position_id).where(open_assignment_on(day))
        stmt = stmt.where(Position.id.not_in(held))
    total = (
        await session.execute(sa.select(sa.func.count()).select_from(stmt.subquery()))
    ).scalar_one()
    rows = (await session.scalars(stmt.order_by(Position.id).offset(offset).limit(limit))).all()
    return rows, int(total)
