"""Migrations are the only way the schema is made: they must match the models exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from server.db.base import Base
from server.db.engine import Database
from server.db.migrate import alembic_config


def test_single_head_revision() -> None:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    assert len(script.get_heads()) == 1


async def test_models_match_the_migrated_database(db: Database) -> None:
    def diff(connection: sa.Connection) -> list[object]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))

    async with db.engine.connect() as connection:
        differences = await connection.run_sync(diff)
    assert differences == []


async def test_audit_chain_starts_at_genesis(db: Database) -> None:
    async with db.read() as session:
        row = (
            await session.execute(sa.text("SELECT last_seq, last_hash FROM audit_chain_head"))
        ).one()
    assert row == (0, "0" * 64)


def test_migrations_go_down_and_up_again(db_url: str) -> None:
    """Every downgrade works, so a bad release can be rolled back."""
    from server.db.migrate import downgrade_database, upgrade_database

    downgrade_database(db_url, "base")
    upgrade_database(db_url)


async def test_the_organisation_revision_triggers_are_all_in_place(db: Database) -> None:
    """On the migrated database of this run (SQLite, or PostgreSQL with
    KINERJA_TEST_DATABASE_URL): every trigger the organisation cache depends on exists."""
    from server.db.org_revision_triggers import expected_triggers, missing_triggers

    async with db.engine.connect() as conn:
        assert await conn.run_sync(missing_triggers) == []
    assert len(expected_triggers(db.engine.dialect.name)) >= 4


def test_a_table_rebuild_that_drops_the_triggers_stops_the_upgrade(tmp_path: Path) -> None:
    """What a future migration could do on SQLite: batch mode rebuilds ``unit`` (copy, drop,
    rename), and with the old table go its triggers. ``kinerja db upgrade`` then refuses to
    finish quietly, naming the missing triggers."""
    import asyncio

    from alembic.operations import Operations

    from server.db.migrate import upgrade_database
    from server.db.org_revision_triggers import (
        MissingOrgRevisionTriggers,
        check_org_revision_triggers,
    )

    url = f"sqlite+aiosqlite:///{tmp_path / 'k.db'}"
    upgrade_database(url)  # passes: every trigger is there
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'k.db'}")
    try:
        with engine.begin() as conn:
            operations = Operations(MigrationContext.configure(conn))
            with operations.batch_alter_table("unit", recreate="always") as batch:
                batch.alter_column("name", existing_type=sa.String(200), nullable=False)
    finally:
        engine.dispose()
    with pytest.raises(MissingOrgRevisionTriggers) as caught:
        asyncio.run(check_org_revision_triggers(url))
    message = str(caught.value)
    for operation in ("insert", "update", "delete"):
        assert f"unit.trg_org_revision_unit_{operation}" in message
    assert "position." not in message
    with pytest.raises(MissingOrgRevisionTriggers):
        upgrade_database(url)  # nothing left to migrate, and still it says so
