"""SQLAlchemy's aiosqlite driver, with one trip to the connection's thread per statement.

aiosqlite runs each SQLite connection on a thread of its own, and every call on it (make a
cursor, execute, fetch the rows, close the cursor) is one trip there and back: a queue put, a
thread wake-up, and a wake-up of the event loop through its self-pipe. SQLAlchemy's adapter makes
four such trips per statement. Measured on a demo database: a primary-key SELECT cost 374 µs
through the four trips, 84 µs in one, and 3 µs in plain sqlite3, so the trips, not SQLite, were
most of every request's database time.

Here the four steps run as one function on the connection's thread; the rows come back with the
cursor's description, row count and last row id, which this cursor then answers from memory. And
the rollback the pool sends when a session ends is skipped when no transaction is open, as
sqlite3 itself would (a read session, in sqlite3's transaction handling, opens none).
Everything else (connections, transactions, errors, server-side cursors) is SQLAlchemy's and
aiosqlite's own. The engine gets it through ``create_async_engine(url, module=ONE_TRIP_AIOSQLITE)``
(:func:`server.db.engine.create_engine`): the URL stays ``sqlite+aiosqlite``.
"""

from __future__ import annotations

import collections
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any, cast

import aiosqlite
from sqlalchemy.connectors.asyncio import AsyncAdapt_dbapi_cursor
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
    AsyncAdapt_aiosqlite_dbapi,
)
from sqlalchemy.util import EMPTY_DICT
from sqlalchemy.util.concurrency import await_

# What one statement leaves behind: description, rowcount, lastrowid, rows.
_Outcome = tuple[Any, int, int | None, list[Any]]


def _execute(
    connection: sqlite3.Connection, operation: str, parameters: Sequence[Any] | None
) -> _Outcome:
    """On the connection's thread: one statement, from a new cursor to its closing."""
    cursor = connection.cursor()
    try:
        cursor.execute(operation, () if parameters is None else parameters)
        rows = cursor.fetchall() if cursor.description else []
        return cursor.description, cursor.rowcount, cursor.lastrowid, rows
    finally:
        cursor.close()


def _executemany(
    connection: sqlite3.Connection, operation: str, parameters: Sequence[Sequence[Any]]
) -> _Outcome:
    cursor = connection.cursor()
    try:
        cursor.executemany(operation, parameters)
        return cursor.description, cursor.rowcount, cursor.lastrowid, []
    finally:
        cursor.close()


class OneTripCursor(AsyncAdapt_aiosqlite_cursor):
    """A cursor whose statement runs in one trip; it holds no aiosqlite cursor at all."""

    __slots__ = ("_arraysize", "_description", "_lastrowid", "_rowcount")

    def __init__(self, adapt_connection: AsyncAdapt_aiosqlite_connection) -> None:
        # Not the parent's __init__: that makes an aiosqlite cursor, a trip of its own.
        self._adapt_connection = adapt_connection
        self._connection = adapt_connection._connection
        self._soft_closed_memoized = EMPTY_DICT
        self._rows = collections.deque()
        self._description: Any = None
        self._rowcount = -1
        self._lastrowid: int | None = None
        self._arraysize = 1

    @property
    def description(self) -> Any:
        return self._description

    @property
    def rowcount(self) -> int:
        return self._rowcount

    @property
    def lastrowid(self) -> int:
        return self._lastrowid  # type: ignore[return-value]  # None before any INSERT, as sqlite3

    @property
    def arraysize(self) -> int:
        return self._arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._arraysize = value

    async def _execute_async(self, operation: Any, parameters: Any) -> Any:
        self._remember(await self._on_thread(_execute, operation, parameters))

    async def _executemany_async(self, operation: Any, seq_of_parameters: Any) -> Any:
        self._remember(await self._on_thread(_executemany, operation, seq_of_parameters))

    async def _on_thread(self, step: Callable[..., _Outcome], *args: Any) -> _Outcome:
        connection = cast(aiosqlite.Connection, self._connection)
        async with self._adapt_connection._execute_mutex:
            # aiosqlite's own way of running a function on the connection's thread (untyped).
            outcome: _Outcome = await connection._execute(  # type: ignore[no-untyped-call]
                step, connection._conn, *args
            )
        return outcome

    def _remember(self, outcome: _Outcome) -> None:
        self._description, self._rowcount, self._lastrowid, rows = outcome
        self._rows = collections.deque(rows)

    async def _async_soft_close(self) -> None:
        return  # nothing is open: the statement's cursor was closed on the thread

    def close(self) -> None:
        self._rows.clear()

    def setinputsizes(self, *inputsizes: Any) -> None:
        return  # sqlite3's does nothing either


class OneTripConnection(AsyncAdapt_aiosqlite_connection):
    __slots__ = ()

    def cursor(self, server_side: bool = False) -> AsyncAdapt_dbapi_cursor:
        # Server-side cursors (streamed results) stay SQLAlchemy's own.
        return self._ss_cursor_cls(self) if server_side else OneTripCursor(self)

    def rollback(self) -> None:
        # The pool rolls back every connection it takes back, after each read session too. With
        # no transaction open, sqlite3's rollback does nothing: ask it (a read of SQLite's
        # autocommit flag, no trip) before paying a trip for nothing.
        connection = cast(aiosqlite.Connection, self._connection)
        if connection._connection is not None and not connection._conn.in_transaction:
            return
        super().rollback()


class OneTripAiosqlite(AsyncAdapt_aiosqlite_dbapi):
    """The DBAPI module SQLAlchemy's aiosqlite dialect is given instead of its own."""

    def connect(self, *arg: Any, **kw: Any) -> OneTripConnection:
        creator = kw.pop("async_creator_fn", None)
        connection = creator(*arg, **kw) if creator else self.aiosqlite.connect(*arg, **kw)
        if not creator:
            # As SQLAlchemy does: the connection's thread must not keep the process alive.
            connection._thread.daemon = True
        return OneTripConnection(self, await_(connection))


ONE_TRIP_AIOSQLITE = OneTripAiosqlite(aiosqlite, sqlite3)
