"""Load the synthetic demo city into an empty database, fast.

Bulk inserts (Core ``insert`` with many rows) instead of one service call per row: 4 000
employees must load in seconds. The whole load is one transaction with one audit event, so
the demo is in the audit log like any other write.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server import clock
from server.db.engine import Database
from server.db.models import (
    AccountRole,
    AssessorOverride,
    Employee,
    Position,
    PositionAssignment,
    Unit,
    UserAccount,
)
from server.demo import DemoCity
from server.demo.bulk import BATCH, insert_rows
from server.domain.audit_actions import AuditAction
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.passwords import hash_password

DEMO_VALID_FROM = date(2000, 1, 1)


@dataclass(frozen=True)
class SeedReport:
    units: int
    positions: int
    employees: int
    accounts: int


async def database_is_empty(db: Database) -> bool:
    async with db.read() as session:
        return (
            await session.execute(sa.select(sa.func.count()).select_from(Unit))
        ).scalar_one() == 0


async def _insert_returning_ids(
    session: AsyncSession, model: type[Any], key: str, rows: list[dict[str, Any]]
) -> dict[str, int]:
    """Insert in batches and map the natural key (code / nip) to the new id."""
    await insert_rows(session, model, rows)
    column = getattr(model, key)
    found = (await session.execute(sa.select(column, model.id))).all()
    return {k: i for k, i in found}


async def load_demo_city(db: Database, city: DemoCity, actor: Actor) -> SeedReport:
    now = clock.now()
    valid_from = min([DEMO_VALID_FROM, *(e.assignment_start for e in city.employees)])
    stamp = {"created_at": now, "updated_at": now, "version": 1}
    # Hash the (shared) demo passwords once each, outside the transaction.
    hashes = {p: await hash_password(p) for p in sorted({a.password for a in city.accounts})}
    async with db.write() as session:
        # Units and positions reference their parents, so insert level by level.
        unit_ids: dict[str, int] = {}
        for unit in city.units:
            result = await session.execute(
                sa.insert(Unit)
                .values(
                    code=unit.code,
                    name=unit.name,
                    kind=unit.kind,
                    parent_id=unit_ids[unit.parent_code] if unit.parent_code else None,
                    valid_from=valid_from,
                    valid_until=None,
                    **stamp,
                )
                .returning(Unit.id)
            )
            unit_ids[unit.code] = result.scalar_one()
        position_ids: dict[str, int] = {}
        for level in _levels(city):
            rows = [
                {
                    "code": p.key,
                    "name": p.name,
                    "kind": p.kind,
                    "functional_level": p.functional_level,
                    "unit_id": unit_ids[p.unit_code],
                    "parent_id": position_ids[p.parent_key] if p.parent_key else None,
                    "valid_from": valid_from,
                    "valid_until": None,
                    **stamp,
                }
                for p in level
            ]
            await insert_rows(session, Position, rows)
            keys = [p.key for p in level]
            for start in range(0, len(keys), BATCH):
                found = await session.execute(
                    sa.select(Position.code, Position.id).where(
                        Position.code.in_(keys[start : start + BATCH])
                    )
                )
                position_ids.update({code: pid for code, pid in found.all()})
        employee_ids = await _insert_returning_ids(
            session,
            Employee,
            "nip",
            [
                {
                    "nip": e.nip,
                    "name": e.name,
                    "asn_type": e.asn_type,
                    "golongan": e.golongan,
                    "gender": e.gender,
                    "birth_date": e.birth_date,
                    "status": e.status,
                    **stamp,
                }
                for e in city.employees
            ],
        )
        assignments = [
            {
                "employee_id": employee_ids[e.nip],
                "position_id": position_ids[e.position_key],
                "start_date": e.assignment_start,
                "end_date": None,
                "decree": None,
                "created_at": now,
                "updated_at": now,
            }
            for e in city.employees
            if e.position_key is not None
        ]
        await insert_rows(session, PositionAssignment, assignments)
        holder_of = {e.position_key: employee_ids[e.nip] for e in city.employees if e.position_key}
        for o in city.overrides:
            session.add(
                AssessorOverride(
                    position_id=position_ids[o.position_key],
                    assessor_employee_id=holder_of[o.assessor_position_key],
                    acting_kind=o.acting_kind,
                    reason=o.reason,
                    valid_from=valid_from,
                    valid_until=None,
                )
            )
        for a in city.accounts:
            account = UserAccount(
                login=a.login.lower(),
                password_hash=hashes[a.password],
                active=True,
                employee_id=employee_ids[a.employee_nip] if a.employee_nip else None,
                managed_unit_id=unit_ids[a.managed_unit_code] if a.managed_unit_code else None,
            )
            session.add(account)
            await session.flush()
            session.add_all(
                AccountRole(account_id=account.id, role=r) for r in sorted(set(a.roles))
            )
        report = SeedReport(
            len(city.units), len(position_ids), len(employee_ids), len(city.accounts)
        )
        await record_event(
            session,
            actor,
            AuditAction.DEMO_SEED,
            "database",
            None,
            after={
                "synthetic": True,
                "units": report.units,
                "positions": report.positions,
                "employees": report.employees,
                "accounts": report.accounts,
            },
        )
    return report


def _levels(city: DemoCity) -> list[list]:  # type: ignore[type-arg]
    """Positions grouped by depth, so every parent exists before its children."""
    depth: dict[str, int] = {}
    for p in city.positions:  # parents come first in the generator's output
        depth[p.key] = depth[p.parent_key] + 1 if p.parent_key else 0
    levels: dict[int, list] = {}  # type: ignore[type-arg]
    for p in city.positions:
        levels.setdefault(depth[p.key], []).append(p)
    return [levels[d] for d in sorted(levels)]
