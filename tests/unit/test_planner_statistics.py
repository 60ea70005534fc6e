"""The housekeeping keeps SQLite's planner statistics fresh: a database that grew through the
application (no bulk load ran ANALYZE) gets them at the next periodic sweep."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from server.config import Settings
from server.db.engine import Database
from server.http.housekeeping import Housekeeping

metadata = sa.MetaData()
rows = sa.Table(
    "grown",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("kind", sa.Integer, nullable=False, index=True),
)


@pytest.fixture
async def grown(tmp_path: Path) -> AsyncIterator[tuple[Database, Settings]]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'grown.db'}"
    db = Database(url)
    async with db.write() as s:
        await s.run_sync(lambda sync: metadata.create_all(sync.connection()))
        await s.execute(rows.insert(), [{"kind": n % 7} for n in range(3_000)])
    yield db, Settings(data_dir=tmp_path, database_url=url)
    await db.dispose()


async def _statistics(db: Database) -> list[str]:
    async with db.read() as s:
        has_table = await s.scalar(
            sa.text("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        )
        if not has_table:
            return []
        return list((await s.scalars(sa.text("SELECT DISTINCT tbl FROM sqlite_stat1"))).all())


async def test_a_periodic_sweep_gives_tables_without_statistics_some(
    grown: tuple[Database, Settings],
) -> None:
    db, settings = grown
    housekeeping = Housekeeping(settings, db)
    await housekeeping.sweep(at_startup=True)  # start-up stays quick: files only
    assert await _statistics(db) == []
    await housekeeping.sweep()
    assert await _statistics(db) == ["grown"]
    async with db.read() as s:  # the planner now knows the index is worth little (7 kinds)
        stat = await s.scalar(sa.text("SELECT stat FROM sqlite_stat1 WHERE idx = 'ix_grown_kind'"))
    assert stat is not None
    counted, per_kind = (int(n) for n in stat.split()[:2])
    # Sampled (analysis_limit): close to the 3 000 rows, about 3 000 / 7 rows per kind.
    assert 2_700 <= counted <= 3_300, stat
    assert 300 <= per_kind <= 600, stat


async def test_the_sweep_leaves_another_database_alone(db: Database, tmp_path: Path) -> None:
    """On the test database (PostgreSQL in CI's second pass: autovacuum's job), a sweep runs
    without error and the data is untouched."""
    housekeeping = Housekeeping(Settings(data_dir=tmp_path, database_url=db.url), db)
    await housekeeping.sweep()
    async with db.read() as s:
        assert await s.scalar(sa.select(sa.literal(1))) == 1
