"""Run Alembic from code: ``kinerja db upgrade`` and the tests use this, never ``create_all``."""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command
from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url)
    return config


def upgrade_database(url: str, revision: str = "head") -> None:
    """Bring the database at ``url`` to ``revision``. Creates the SQLite file's folder if needed."""
    if url.startswith("sqlite") and ":///" in url:
        path = url.split(":///", 1)[1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(url), revision)
    if revision == "head":
        # A table rebuild in a later migration must not silently drop these (see the module).
        from server.db.org_revision_triggers import check_org_revision_triggers

        asyncio.run(check_org_revision_triggers(url))


def downgrade_database(url: str, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)


async def upgrade_database_async(url: str, revision: str = "head") -> None:
    """Alembic's env runs its own event loop, so call it from a worker thread."""
    await asyncio.to_thread(upgrade_database, url, revision)
