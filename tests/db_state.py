"""What the database holds, for tests that prove a refused request changed nothing.

``fingerprint`` takes every row of every table (sessions aside); ``db_state`` only the
organisation's tables, without the columns a sign-in touches."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from server.db.base import Base
from server.db.engine import Database

WATCHED = {
    "unit": "id, code, name, kind, parent_id, valid_from, valid_until, version",
    "position": "id, code, name, kind, functional_level, unit_id, parent_id, valid_from, valid_until, version",
    "employee": "id, nip, name, asn_type, golongan, gender, birth_date, status, version",
    "position_assignment": "id, employee_id, position_id, start_date, end_date, decree",
    "user_account": "id, login, password_hash, active, employee_id, managed_unit_id, version",
    "account_role": "account_id, role",
    "assessor_override": "id, position_id, assessor_employee_id, acting_kind, reason, valid_from, valid_until",
    "audit_event": "seq, action, object_type, object_id",
}


async def db_state(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    state: dict[str, list[tuple[Any, ...]]] = {}
    async with db.read() as s:
        for table, columns in WATCHED.items():
            # Table and column names come from the constant above, never from input.
            rows = (await s.execute(sa.text(f"SELECT {columns} FROM {table}"))).all()  # noqa: S608
            state[table] = sorted((tuple(r) for r in rows), key=repr)
    return state


async def audit_count(db: Database) -> int:
    async with db.read() as s:
        return int((await s.execute(sa.text("SELECT count(*) FROM audit_event"))).scalar_one())


_VOLATILE_TABLES = frozenset({"login_session", "login_failure"})


async def fingerprint(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (sessions aside), ordered by primary key."""
    rows: dict[str, list[tuple[Any, ...]]] = {}
    async with db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            if table.name in _VOLATILE_TABLES:
                continue
            result = await conn.execute(sa.select(table).order_by(*table.primary_key.columns))
            rows[table.name] = [tuple(r) for r in result]
    return rows


def changed_tables(
    before: dict[str, list[tuple[Any, ...]]], after: dict[str, list[tuple[Any, ...]]]
) -> list[str]:
    return sorted(name for name in before if before[name] != after[name])
