"""The SQLite driver (server/db/sqlite_driver.py): one trip to aiosqlite's connection thread per
statement, with the rows, counts, ids and errors SQLite gives through SQLAlchemy's own adapter."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, cast

import aiosqlite
import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from server.db.engine import Database

metadata = sa.MetaData()
notes = sa.Table(
    "note",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("code", sa.String(10), nullable=False, unique=True),
    sa.Column("body", sa.Text),
)


@pytest.fixture
async def sqlite_db(tmp_path: Path) -> AsyncIterator[Database]:
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'driver.db'}")
    async with db.engine.begin() as conn:
        await conn.run_sync(metadata.create_all)
    yield db
    await db.dispose()


@pytest.fixture
def trips(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every function aiosqlite sends to a connection's thread."""
    sent: list[Any] = []
    original = aiosqlite.Connection._execute

    async def counted(self: aiosqlite.Connection, fn: Any, *args: Any, **kwargs: Any) -> Any:
        sent.append(fn)
        return await original(self, fn, *args, **kwargs)  # type: ignore[no-untyped-call]

    monkeypatch.setattr(aiosqlite.Connection, "_execute", counted)
    return sent


async def test_a_statement_is_one_trip_to_the_connection_thread(
    sqlite_db: Database, trips: list[Any]
) -> None:
    async with sqlite_db.write() as s:
        await s.execute(notes.insert().values(code="a", body="satu"))
    async with sqlite_db.read() as s:
        await s.execute(sa.select(sa.literal(1)))  # the connection is checked out
        before = len(trips)
        rows = (await s.execute(sa.select(notes.c.code, notes.c.body))).all()
        # SQLAlchemy's own adapter: make a cursor, execute, fetch the rows, close: four trips.
        assert len(trips) - before == 1
    assert [tuple(r) for r in rows] == [("a", "satu")]
    # A whole read session: its statement, and no rollback when it ends (none was open).
    before = len(trips)
    async with sqlite_db.read() as s:
        await s.execute(sa.select(notes.c.code))
    assert len(trips) - before == 1


async def test_a_write_still_ends_in_its_commit_or_rollback(
    sqlite_db: Database, trips: list[Any]
) -> None:
    async with sqlite_db.write() as s:
        await s.execute(notes.insert().values(code="a"))

    async def failing_after_an_insert() -> None:
        async with sqlite_db.write() as s:
            await s.execute(notes.insert().values(code="b"))
            raise RuntimeError("the request failed after its insert")

    with pytest.raises(RuntimeError):
        await failing_after_an_insert()
    async with sqlite_db.read() as s:
        assert (await s.scalars(sa.select(notes.c.code))).all() == ["a"]
    names = [getattr(fn, "__name__", "") for fn in trips]
    assert "commit" in names
    assert "rollback" in names


async def _written(session: AsyncSession, statement: Any) -> sa.CursorResult[Any]:
    """A DML statement's result (its row count and inserted key)."""
    return cast(sa.CursorResult[Any], await session.execute(statement))


async def test_rows_counts_and_ids_are_those_of_sqlite(sqlite_db: Database) -> None:
    async with sqlite_db.write() as s:
        first = await _written(s, notes.insert().values(code="a", body="satu"))
        assert first.inserted_primary_key == (1,)
        second = await _written(s, notes.insert().values(code="b", body=None))
        assert second.inserted_primary_key == (2,)
        # executemany: several parameter sets in one statement
        await s.execute(notes.insert(), [{"code": f"m{n}", "body": "banyak"} for n in range(5)])
        changed = await _written(
            s, notes.update().where(notes.c.body == "banyak").values(body="diubah")
        )
        assert changed.rowcount == 5
        none = await _written(s, notes.update().where(notes.c.code == "zz").values(body="x"))
        assert none.rowcount == 0
    async with sqlite_db.read() as s:
        result = await s.execute(sa.select(notes).order_by(notes.c.id))
        assert list(result.keys()) == ["id", "code", "body"]
        rows = [tuple(r) for r in result]
        assert rows[:2] == [(1, "a", "satu"), (2, "b", None)]
        assert [r[2] for r in rows[2:]] == ["diubah"] * 5
        assert await s.scalar(sa.select(sa.func.count()).select_from(notes)) == 7
        assert (await s.execute(sa.select(notes).where(notes.c.id == 99))).first() is None
        # fetchmany through partitions
        partitions = [
            len(p)
            for p in (await s.execute(sa.select(notes.c.id).order_by(notes.c.id))).partitions(3)
        ]
        assert partitions == [3, 3, 1]


async def test_an_error_is_sqlites_and_leaves_nothing_written(sqlite_db: Database) -> None:
    async with sqlite_db.write() as s:
        await s.execute(notes.insert().values(code="a"))

    async def twice_the_same_code() -> None:
        async with sqlite_db.write() as s:
            await s.execute(notes.insert().values(code="b"))
            await s.execute(notes.insert().values(code="a"))

    async def a_missing_table() -> None:
        async with sqlite_db.read() as s:
            await s.execute(sa.text("SELECT * FROM missing_table"))

    with pytest.raises(IntegrityError, match="UNIQUE constraint failed"):
        await twice_the_same_code()
    with pytest.raises(sa.exc.OperationalError, match="no such table"):
        await a_missing_table()
    async with sqlite_db.read() as s:  # the pooled connections still work
        codes = (await s.scalars(sa.select(notes.c.code))).all()
    assert codes == ["a"]


async def test_streamed_results_still_arrive_whole(sqlite_db: Database) -> None:
    async with sqlite_db.write() as s:
        await s.execute(notes.insert(), [{"code": f"s{n}"} for n in range(250)])
    async with sqlite_db.engine.connect() as conn:
        streamed = await conn.stream(sa.select(notes.c.code).order_by(notes.c.id))
        codes = [row.code async for row in streamed]
    assert codes == [f"s{n}" for n in range(250)]
