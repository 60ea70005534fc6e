"""Migrations are the only way the schema is made: they must match the models exactly."""

from __future__ import annotations

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
