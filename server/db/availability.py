"""Which exceptions mean "the database is away or busy right now" (answer 503, try again later)
and which are ordinary bugs (answer 500, fix the code).

The answer depends on the driver, so it is decided here, in the database layer, once:

- PostgreSQL (asyncpg): a refused or reset connection arrives as a plain ``OSError`` from the
  driver (SQLAlchemy only wraps DB-API errors); a connection killed under us (server restart,
  ``pg_terminate_backend``) as ``InterfaceError``/``DBAPIError`` with ``connection_invalidated``;
  server-side refusals carry a SQLSTATE: class 08 (connection), 53 (too many connections, out
  of memory), 57P01–57P03 (shutdown, cannot connect now); and our own timeouts: 57014
  (``statement_timeout``), 55P03 (``lock_timeout``), plus 40001/40P01 (serialisation failure,
  deadlock), which are transient by definition.
- SQLite (aiosqlite): ``OperationalError`` "database is locked" after ``busy_timeout``,
  "unable to open database file", "disk I/O error"; "database or disk is full" is a full disk.
- The pool: ``sqlalchemy.exc.TimeoutError`` when no connection is free within ``pool_timeout``.

Everything else (integrity errors, "no such table", syntax errors) stays a bug.
"""

from __future__ import annotations

import errno
import socket
from dataclasses import dataclass
from enum import StrEnum
from types import TracebackType

from sqlalchemy import exc as sa_exc


class TroubleKind(StrEnum):
    UNAVAILABLE = "DATABASE_UNAVAILABLE"  # cannot reach or use the database at all
    BUSY = "DATABASE_BUSY"  # reachable, but a lock or a timeout stopped this request
    FULL = "STORAGE_FULL"  # the disk under the database is full


@dataclass(frozen=True)
class DatabaseTrouble:
    kind: TroubleKind
    retry_after_seconds: int
    detail: str

    @property
    def code(self) -> str:
        return self.kind.value

    @property
    def status(self) -> int:
        return 507 if self.kind is TroubleKind.FULL else 503

    @property
    def message(self) -> str:
        if self.kind is TroubleKind.FULL:
            return (
                "Penyimpanan server penuh; tidak ada yang disimpan. Hubungi admin. / The "
                "server's storage is full; nothing was saved."
            )
        if self.kind is TroubleKind.BUSY:
            return (
                f"Basis data sedang sibuk; coba lagi dalam {self.retry_after_seconds} detik. / "
                f"The database is busy; retry in {self.retry_after_seconds} s."
            )
        return (
            f"Basis data sedang tidak dapat dihubungi; coba lagi dalam "
            f"{self.retry_after_seconds} detik. / The database is unavailable; retry in "
            f"{self.retry_after_seconds} s."
        )


UNAVAILABLE_RETRY_SECONDS = 5
BUSY_RETRY_SECONDS = 2

_UNAVAILABLE_SQLSTATES = ("08", "53", "57P01", "57P02", "57P03", "3D000")
_BUSY_SQLSTATES = ("57014", "55P03", "40001", "40P01")
_SQLITE_BUSY = ("database is locked", "database table is locked", "database is busy")
_SQLITE_UNAVAILABLE = ("unable to open database file", "disk i/o error", "readonly database")
_SQLITE_FULL = ("database or disk is full",)
_NETWORK_ERRNOS = frozenset(
    {
        errno.ECONNREFUSED,
        errno.ECONNRESET,
        errno.ECONNABORTED,
        errno.EHOSTUNREACH,
        errno.ENETUNREACH,
        errno.ETIMEDOUT,
        errno.EPIPE,
    }
)
_DRIVER_MODULES = ("asyncpg", "aiosqlite", "sqlalchemy", "sqlite3")


def _unavailable(detail: str) -> DatabaseTrouble:
    return DatabaseTrouble(TroubleKind.UNAVAILABLE, UNAVAILABLE_RETRY_SECONDS, detail)


def _busy(detail: str) -> DatabaseTrouble:
    return DatabaseTrouble(TroubleKind.BUSY, BUSY_RETRY_SECONDS, detail)


def _from_driver(tb: TracebackType | None) -> bool:
    """True when the exception was raised inside database driver code (not, say, by a file
    write of ours): only then does a network ``OSError`` mean the database is away."""
    while tb is not None:
        module = tb.tb_frame.f_globals.get("__name__", "")
        if isinstance(module, str) and module.split(".", 1)[0] in _DRIVER_MODULES:
            return True
        tb = tb.tb_next
    return False


def _sqlstate(error: sa_exc.DBAPIError) -> str | None:
    original = error.orig
    for attribute in ("sqlstate", "pgcode"):
        value = getattr(original, attribute, None)
        if isinstance(value, str) and value:
            return value
    return None


def _classify_one(exc: BaseException) -> DatabaseTrouble | None:
    if isinstance(exc, sa_exc.TimeoutError):  # the pool had no free connection in time
        return _busy("connection pool timeout")
    if isinstance(exc, sa_exc.DBAPIError):
        state = _sqlstate(exc)
        if state is not None:
            if state.startswith(_BUSY_SQLSTATES):
                return _busy(f"SQLSTATE {state}")
            if state.startswith(_UNAVAILABLE_SQLSTATES):
                return _unavailable(f"SQLSTATE {state}")
        if exc.connection_invalidated:
            return _unavailable("connection lost")
        text = str(exc.orig).lower()
        if any(s in text for s in _SQLITE_FULL):
            return DatabaseTrouble(TroubleKind.FULL, UNAVAILABLE_RETRY_SECONDS, "disk full")
        if any(s in text for s in _SQLITE_BUSY):
            return _busy("database is locked")
        if any(s in text for s in _SQLITE_UNAVAILABLE):
            return _unavailable(text[:200])
        if isinstance(exc, sa_exc.InterfaceError):
            return _unavailable("driver interface error")
        return None
    if isinstance(exc, OSError) and _from_driver(exc.__traceback__):
        if isinstance(exc, ConnectionError | socket.gaierror | TimeoutError):
            return _unavailable(type(exc).__name__)
        if exc.errno in _NETWORK_ERRNOS:
            return _unavailable(errno.errorcode.get(exc.errno or 0, "network error"))
    if type(exc).__module__.startswith("asyncpg"):
        # Raised by asyncpg before SQLAlchemy could wrap it (while connecting): too many
        # connections, the server starting up or shutting down, the database missing.
        state = getattr(exc, "sqlstate", None)
        if isinstance(state, str) and state.startswith(_UNAVAILABLE_SQLSTATES + _BUSY_SQLSTATES):
            return _unavailable(f"SQLSTATE {state}")
        if type(exc).__name__ in {"ConnectionDoesNotExistError", "InterfaceError"}:
            return _unavailable(type(exc).__name__)
    return None


def classify_database_error(exc: BaseException | None) -> DatabaseTrouble | None:
    """The trouble behind ``exc`` (looking through its causes), or None for an ordinary bug."""
    seen: set[int] = set()
    stack: list[BaseException] = [exc] if exc is not None else []
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        found = _classify_one(current)
        if found is not None:
            return found
        if isinstance(current, BaseExceptionGroup):
            stack.extend(current.exceptions)
        if current.__cause__ is not None:
            stack.append(current.__cause__)
        if current.__context__ is not None and not current.__suppress_context__:
            stack.append(current.__context__)
    return None
