"""The triggers that keep ``org_revision`` honest (migration 0013), and a check that they exist.

Every process keeps the organisation snapshot for as long as ``org_revision`` says the same
value; triggers on the organisation tables change it in the same transaction as any write. A
missing trigger would let processes serve a stale organisation (who rates whom) without any
error. On SQLite, Alembic's batch mode rebuilds a table (create a copy, move the rows, drop,
rename) for most column changes, and **the rebuild drops the table's triggers**. So:

- ``kinerja db upgrade`` (and the embedded mode's upgrade at start) checks, after migrating to
  the newest revision, that every trigger is there, and stops with the list of missing ones;
- ``tests/api/test_migrations.py`` checks the migrated database on SQLite and PostgreSQL, and
  shows that a batch rebuild of one of these tables is caught.

A migration that rebuilds one of ``ORG_TABLES`` on SQLite must create its triggers again (the
statements are in migration 0013; copy them, a migration never imports application code).
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import create_async_engine

ORG_TABLES = ("unit", "position", "position_assignment", "assessor_override")
SQLITE_OPERATIONS = ("insert", "update", "delete")


class MissingOrgRevisionTriggers(RuntimeError):
    """The database lacks triggers that the organisation cache depends on."""


def expected_triggers(dialect: str) -> set[tuple[str, str]]:
    if dialect == "postgresql":
        return {(table, f"trg_org_revision_{table}") for table in ORG_TABLES}
    return {
        (table, f"trg_org_revision_{table}_{operation}")
        for table in ORG_TABLES
        for operation in SQLITE_OPERATIONS
    }


def missing_triggers(connection: sa.Connection) -> list[str]:
    """``table.trigger`` of every expected trigger the database does not have."""
    dialect = connection.dialect.name
    if dialect == "postgresql":
        query = sa.text(
            "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE NOT t.tgisinternal"
        )
    else:
        query = sa.text("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'")
    found = {(str(table), str(name)) for table, name in connection.execute(query).all()}
    return sorted(f"{table}.{name}" for table, name in expected_triggers(dialect) - found)


async def check_org_revision_triggers(url: str) -> None:
    """Raise :class:`MissingOrgRevisionTriggers` when a trigger is missing."""
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            missing = await conn.run_sync(missing_triggers)
    finally:
        await engine.dispose()
    if missing:
        raise MissingOrgRevisionTriggers(
            "The organisation revision triggers are missing: "
            + ", ".join(missing)
            + ". A migration rebuilt these tables (SQLite batch mode drops a table's triggers) "
            "without creating the triggers again; without them every process may keep serving "
            "an outdated organisation. Recreate them in that migration (see migration 0013 and "
            "server/db/org_revision_triggers.py)."
        )
