"""The one engine and session factory, and the two ways to use them: read and write.

Writes go through :meth:`Database.write`, one transaction per action. On SQLite, writers inside
one process are serialised with a lock: SQLite allows one writer at a time, and a transaction
that reads and then writes while another commits would fail with "database is locked" instead
of waiting. PostgreSQL needs no such lock (row locks do the work).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry

from server.db import evaluation_count  # noqa: F401 — keeps evaluation_count on commit
from server.db.sqlite_driver import ONE_TRIP_AIOSQLITE
from server.db.tally import TallySession

if TYPE_CHECKING:
    from server.config import Settings

# In ``session.info`` of a session made by :meth:`Database.write`: what it reads may include
# its own uncommitted changes, so nothing it reads may be kept for other requests.
WRITING = "kinerja_writing"


@dataclass(frozen=True)
class DatabaseTimeouts:
    """How long one request may wait on the database before it gives up (then: 503).

    PostgreSQL: ``statement_timeout`` and ``lock_timeout`` are set on every connection of the
    pool (0 = no limit); ``connect_timeout_seconds`` bounds opening a connection and
    ``pool_timeout_seconds`` waiting for a free one. SQLite: ``busy_timeout`` is how long a
    writer waits for another process's lock before "database is locked".
    """

    statement_timeout_ms: int = 15_000
    lock_timeout_ms: int = 3_000
    sqlite_busy_timeout_ms: int = 5_000
    connect_timeout_seconds: float = 5.0
    pool_timeout_seconds: float = 10.0

    @classmethod
    def from_settings(cls, settings: Settings) -> DatabaseTimeouts:
        return cls(
            statement_timeout_ms=settings.db_statement_timeout_ms,
            lock_timeout_ms=settings.db_lock_timeout_ms,
            sqlite_busy_timeout_ms=settings.sqlite_busy_timeout_ms,
            connect_timeout_seconds=settings.db_connect_timeout_seconds,
            pool_timeout_seconds=settings.db_pool_timeout_seconds,
        )

    def for_batch_jobs(self) -> DatabaseTimeouts:
        """Command-line jobs (demo load, publication, imports) may run long statements and may
        wait for a lock: no request is waiting on them."""
        return DatabaseTimeouts(
            statement_timeout_ms=0,
            lock_timeout_ms=0,
            sqlite_busy_timeout_ms=max(self.sqlite_busy_timeout_ms, 30_000),
            connect_timeout_seconds=self.connect_timeout_seconds,
            pool_timeout_seconds=max(self.pool_timeout_seconds, 60.0),
        )


def _sqlite_pragmas(busy_timeout_ms: int) -> Callable[[Any, ConnectionPoolEntry], None]:
    def on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.close()

    return on_connect


def create_engine(
    url: str, *, echo: bool = False, timeouts: DatabaseTimeouts | None = None
) -> AsyncEngine:
    timeouts = timeouts or DatabaseTimeouts()
    parsed = make_url(url)
    kwargs: dict[str, Any] = {"echo": echo}
    if parsed.get_backend_name() == "postgresql":
        kwargs.update(
            pool_size=10,
            max_overflow=10,
            # A connection that died while idle in the pool (server restart, a terminated
            # backend) is replaced on checkout: the service recovers by itself.
            pool_pre_ping=True,
            pool_timeout=timeouts.pool_timeout_seconds,
            connect_args={
                "timeout": timeouts.connect_timeout_seconds,
                "server_settings": {
                    "statement_timeout": str(int(timeouts.statement_timeout_ms)),
                    "lock_timeout": str(int(timeouts.lock_timeout_ms)),
                },
            },
        )
    elif parsed.get_backend_name() == "sqlite":
        # One request reads through several sessions at once (a DataLoader batch per field):
        # past the default 5 pooled connections, each request opened and closed extra ones,
        # and a SQLite connection costs a file open and four PRAGMAs.
        kwargs.update(pool_size=20, max_overflow=20)
        if parsed.get_driver_name() == "aiosqlite":
            kwargs.update(module=ONE_TRIP_AIOSQLITE)  # one thread trip per statement, not four
    engine = create_async_engine(url, **kwargs)
    if parsed.get_backend_name() == "sqlite":
        event.listen(
            engine.sync_engine, "connect", _sqlite_pragmas(timeouts.sqlite_busy_timeout_ms)
        )
    return engine


class Database:
    """Engine plus session factory. Pass this object to services; never share a session."""

    def __init__(
        self, url: str, *, echo: bool = False, timeouts: DatabaseTimeouts | None = None
    ) -> None:
        self.url = url
        self.timeouts = timeouts or DatabaseTimeouts()
        self.engine = create_engine(url, echo=echo, timeouts=self.timeouts)
        # TallySession keeps the realisasi tally in the transaction of each write (db/tally.py).
        self.sessionmaker = async_sessionmaker(
            self.engine, expire_on_commit=False, sync_session_class=TallySession
        )
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        self._write_lock = asyncio.Lock() if self.is_sqlite else None

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncSession]:
        """A short session for reading. Nothing is committed."""
        async with self.sessionmaker() as session:
            yield session

    @asynccontextmanager
    async def write(self) -> AsyncIterator[AsyncSession]:
        """One transaction: committed when the block ends, rolled back on any exception."""
        if self._write_lock is None:
            async with self.sessionmaker(info={WRITING: True}) as session, session.begin():
                yield session
            return
        async with (
            self._write_lock,
            self.sessionmaker(info={WRITING: True}) as session,
            session.begin(),
        ):
            yield session

    @classmethod
    def from_settings(cls, settings: Settings, *, batch_job: bool = False) -> Database:
        timeouts = DatabaseTimeouts.from_settings(settings)
        return cls(
            settings.database_url, timeouts=timeouts.for_batch_jobs() if batch_job else timeouts
        )

    async def refresh_statistics(self) -> None:
        """After a bulk load (the demo, the province generator): planner statistics, and on
        PostgreSQL the visibility map too (``VACUUM (ANALYZE)``), which autovacuum would give a
        little later: without it an index-only scan still reads every table page it covers.

        SQLite never gathers statistics by itself: without them its planner took the index on a
        realisasi's period (every pegawai's realisasi of it) over the SKP's own IKI, 12.7 ms
        instead of 0.2 ms for one SKP on the demo.
        """
        if self.is_sqlite:
            async with self.engine.begin() as conn:
                await conn.execute(sa.text("ANALYZE"))
            return
        async with self.engine.connect() as conn:  # VACUUM runs outside a transaction
            await conn.execution_options(isolation_level="AUTOCOMMIT")
            await conn.execute(sa.text("VACUUM (ANALYZE)"))

    async def keep_statistics_fresh(self) -> None:
        """Periodically (the housekeeping's interval), on SQLite: statistics again, each index
        sampled (``analysis_limit``): 31 ms on the demo's 660 000 rows, 223 ms unsampled. A
        database that grew through the application, not a bulk load, would otherwise never have
        any (SQLite gathers none by itself, and ``PRAGMA optimize`` before 3.46 only looks at
        tables its own connection queried). PostgreSQL's autovacuum does this by itself."""
        if self._write_lock is None:
            return
        async with self._write_lock, self.engine.begin() as conn:  # ANALYZE writes sqlite_stat1
            await conn.execute(sa.text("PRAGMA analysis_limit=1000"))
            await conn.execute(sa.text("ANALYZE"))

    async def dispose(self) -> None:
        await self.engine.dispose()
