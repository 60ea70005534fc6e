"""Latihan: the training sandbox. A person practises the whole cycle (SKP, work log, realisasi,
evaluation) as a demo persona on a copy of the demo data in a SEPARATE database.

- The sandbox template (``KINERJA_SANDBOX_DATABASE_URL``, default ``<data_dir>/latihan/
  latihan.db``) is migrated and seeded with the ordinary demo (server/demo/load.py) once, on
  the first practice of the installation. Nobody practises in the template itself.
- Every account that practises gets its OWN copy of it: ``<data_dir>/latihan/sandbox/<account
  id>.sqlite`` (made with SQLite's online backup API) and its own evidence folder
  ``<data_dir>/latihan/sandbox/<account id>/evidence`` (the demo's files hard-linked). "Reset
  latihan" copies the template over that person's copy only; other people's practice is
  untouched. File names are built from the integer account id only.
- Copies are opened on demand; at most ``sandbox_open_copies`` engines stay open (least recently
  used first out, its engine disposed). ``kinerja latihan-prune`` removes copies unused for N
  days. A copy made before a schema upgrade is re-made from the upgraded template.
- With a PostgreSQL sandbox URL the template is that URL's database and each account's copy
  is the database ``<template>_p<account id>`` on the same server, made by PostgreSQL itself
  (``CREATE DATABASE … TEMPLATE <template>``; the sandbox's role needs CREATEDB). PostgreSQL
  copies only a template nobody is connected to: this process closes its own template
  connections first and retries while another process still holds one. Reset drops the
  person's database (``WITH (FORCE)``) and copies the template again. The last use of a copy is
  kept in its own database comment (``COMMENT ON DATABASE``, read by ``latihan-prune`` without
  connecting to every copy). These statements run on the server's maintenance database
  ``postgres``. A template name that is not a plain identifier (letters, digits, ``_``, ``-``,
  at most 49 characters) keeps the earlier behaviour: ONE shared sandbox, reset for everyone.
- A practice session is a session of the person's copy, carried in its own cookie
  (``kinerja_latihan`` = ``<account id>.<token>``); http/sandbox_routes.py sends every
  ``/api/…`` request that carries it to that account's copy, and only when the request's real
  session belongs to that same account: one person's practice cookie never opens another
  person's copy, and a real session token is unknown to every copy.
- Nothing here writes to the real database: starting, resetting and ending are recorded in the
  copy's own audit log (who practised is named there as ``latihan:<login>``).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import sqlite3
import time
from collections import OrderedDict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal, get_args

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

from server import clock
from server.config import Settings
from server.db.base import Base
from server.db.engine import Database
from server.db.migrate import upgrade_database_async
from server.db.models import LoginSession, UserAccount
from server.demo.seed import database_is_empty
from server.domain.audit_actions import AuditAction
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.auth import IssuedSession, add_session, hash_token
from server.services.auth import logout as end_session
from server.services.errors import ErrorCode, ServiceError

SANDBOX_COOKIE = "kinerja_latihan"
Persona = Literal["pegawai", "penilai"]
PERSONAS: tuple[str, ...] = get_args(Persona)
DEMO_SEED = 3373  # the demo's own seed: the sandbox holds the same city as `make run`
# Not more often than this per person (a shared sandbox reloads the whole demo).
RESET_INTERVAL_SECONDS = 60
# The last use of a copy is its file's modification time, refreshed at most this often.
TOUCH_INTERVAL_SECONDS = 3_600
# "<account id>.<token>": the id is a positive integer, the token secrets.token_urlsafe(32).
_COOKIE = re.compile(r"([1-9][0-9]{0,11})\.([A-Za-z0-9_-]{16,100})")
# PostgreSQL: a template name the copies' names are built from ("<template>_p<account id>", at
# most 49 + 2 + 12 = 63 characters, PostgreSQL's limit), and the database comment that records
# a copy's last use (an integer built by this module, never text from outside).
_PG_TEMPLATE = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,48}")
_LAST_USE = re.compile(r"latihan-last-use:([0-9]{1,12})")
PG_MAINTENANCE_DATABASE = "postgres"
# "source database … is being accessed by other users": PostgreSQL waits 5 s itself each time.
PG_COPY_ATTEMPTS = 2
PG_OBJECT_IN_USE = "55006"


@dataclass(frozen=True)
class PracticeSession:
    issued: IssuedSession
    persona: Persona
    cookie: str  # the value of the practice cookie: "<account id>.<token>"


@dataclass(frozen=True)
class SandboxCopy:
    """One person's sandbox: the database and settings (evidence folder) their requests see."""

    db: Database
    settings: Settings


def _persona(value: str) -> Persona:
    if value == "pegawai":
        return "pegawai"
    if value == "penilai":
        return "penilai"
    raise ServiceError(ErrorCode.INVALID_INPUT, "Peran latihan tidak dikenal.", "persona")


def parse_cookie(value: str | None) -> tuple[int, str] | None:
    """(account id, session token) of a practice cookie, or None if it is not one."""
    if not value or len(value) > 120:
        return None
    found = _COOKIE.fullmatch(value)
    if found is None:
        return None
    return int(found.group(1)), found.group(2)


def _sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:" or parsed.database.startswith("file:"):
        return None
    return Path(parsed.database)


def _pg_template(url: str) -> URL | None:
    """The parsed sandbox URL when it names a PostgreSQL template per-person copies can be made
    of (a plain identifier), else None."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql" or not parsed.database:
        return None
    if _PG_TEMPLATE.fullmatch(parsed.database) is None:
        return None
    return parsed


class SandboxBusy(Exception):
    """The template could not be copied now (another process is connected to it)."""


def _sqlstate(exc: sa.exc.DBAPIError) -> str | None:
    found = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
    return None if found is None else str(found)


def _account_id(value: int) -> int:
    # Every file name below is built from this integer and nothing else.
    if type(value) is not int or value <= 0:
        raise ValueError(f"not an account id: {value!r}")
    return value


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)  # evidence files are never rewritten in place: sharing them is safe
    except OSError:
        shutil.copy2(src, dst)


class Sandbox:
    """The sandboxes of this server process (``app.state.sandbox``): the template and the
    per-person copies made from it."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings.sandbox_settings()
        # The template; also the one shared sandbox when no per-person copies can be made.
        self.db = Database.from_settings(self.settings)
        self._template_file = _sqlite_file(self.settings.database_url)
        self._pg_url = _pg_template(self.settings.database_url)
        self.per_person = self._template_file is not None or self._pg_url is not None
        self._max_open = max(1, settings.sandbox_open_copies)
        self._open: OrderedDict[int, SandboxCopy] = OrderedDict()
        self._touched: dict[int, float] = {}
        self._person_locks: dict[int, asyncio.Lock] = {}
        self._lock = asyncio.Lock()
        self._ready = False
        self._revision: str | None = None
        self._last_reset: dict[int, float] = {}

    @property
    def _personas_file(self) -> Path:
        return self.settings.data_dir / "personas.json"

    @property
    def copies_dir(self) -> Path:
        return self.settings.data_dir / "sandbox"

    def copy_file(self, account_id: int) -> Path:
        return self.copies_dir / f"{_account_id(account_id)}.sqlite"

    @property
    def _template_name(self) -> str:
        """PostgreSQL: the template database's (validated) name."""
        name = None if self._pg_url is None else self._pg_url.database
        if name is None:
            raise RuntimeError("not a PostgreSQL sandbox")
        return name

    def copy_database(self, account_id: int) -> str:
        """PostgreSQL: the name of the person's database, ``<template>_p<account id>``."""
        return f"{self._template_name}_p{_account_id(account_id)}"

    def copy_settings(self, account_id: int) -> Settings:
        """A person's sandbox settings: their copy, their evidence folder."""
        folder = self.copies_dir / str(_account_id(account_id))
        if self._pg_url is not None:
            url = self._pg_url.set(database=self.copy_database(account_id))
            database_url = url.render_as_string(hide_password=False)
        else:
            database_url = f"sqlite+aiosqlite:///{self.copy_file(account_id)}"
        return replace(self.settings, data_dir=folder, database_url=database_url)

    @property
    def seeded(self) -> bool:
        """The sandbox was set up at some time (by any process): only then does a practice
        cookie get to open it; a cookie alone never makes the server load the demo."""
        return self._ready or self._personas_file.is_file()

    @property
    def open_copies(self) -> int:
        return len(self._open)

    async def ensure_ready(self) -> None:
        """Migrate and seed the template if this process has not seen it ready yet (a server
        restart finds the seeded database and only checks it)."""
        if self._ready:
            return
        async with self._lock:
            if not self._ready:
                await self._prepare()
                self._revision = await self._revision_of(self.db)
                self._ready = True
                if self._pg_url is not None:
                    await self.db.dispose()  # copies need the template without connections

    async def copy_for(self, account_id: int, *, create: bool) -> SandboxCopy | None:
        """The sandbox of ``account_id``; made from the template if ``create`` (else None when
        the person has none)."""
        account_id = _account_id(account_id)
        if not self.per_person:
            if not create and not self.seeded:
                return None
            await self.ensure_ready()
            return SandboxCopy(self.db, self.settings)
        if not create and not self.seeded:
            return None
        await self.ensure_ready()
        found = self._cached(account_id)
        if found is not None:
            return found
        async with self._person_lock(account_id):
            found = self._cached(account_id)  # opened while this one waited
            if found is not None:
                return found
            if await self._copy_exists(account_id):
                cached = self._open.get(account_id)
                if cached is not None:  # PostgreSQL: checked again, its last use recorded
                    self._open.move_to_end(account_id)
                    await self._touch(account_id)
                    return cached
            else:
                await self._close(account_id)  # its copy was removed (latihan-prune)
                if not create:
                    return None
                await self._make_copy(account_id)
            return await self._open_copy(account_id)

    def _cached(self, account_id: int) -> SandboxCopy | None:
        """The open copy, when it can be used without asking the disk or the server again."""
        cached = self._open.get(account_id)
        if cached is None:
            return None
        if self._template_file is not None:
            path = self.copy_file(account_id)
            if not path.is_file():
                return None
            self._open.move_to_end(account_id)
            self._touch_file(account_id, path)
            return cached
        # PostgreSQL: trusted until its last use is due to be recorded again; then the slow
        # path checks that the database is still there. latihan-prune (at least one day) never
        # drops a copy whose use was recorded within the hour.
        if (
            time.monotonic() - self._touched.get(account_id, float("-inf"))
            >= TOUCH_INTERVAL_SECONDS
        ):
            return None
        self._open.move_to_end(account_id)
        return cached

    async def reset(self, real: Actor, *, client_address: str | None) -> None:
        """Make the person's sandbox afresh (their database and evidence files); nobody else's
        is touched. A shared sandbox (see the module notes) is wiped and seeded again."""
        account_id = _account_id(real.account_id or 0)
        key = account_id if self.per_person else 0
        now = time.monotonic()
        if now - self._last_reset.get(key, float("-inf")) < RESET_INTERVAL_SECONDS:
            raise ServiceError(
                ErrorCode.INVALID_STATE,
                "Latihan baru saja diatur ulang; coba lagi dalam satu menit.",
            )
        self._last_reset[key] = now
        if self.per_person:
            await self.ensure_ready()
            async with self._person_lock(account_id):
                await self._close(account_id)
                await self._make_copy(account_id)
        else:
            async with self._lock:
                self._ready = False
                await self._wipe()
                await self._prepare()
                self._revision = await self._revision_of(self.db)
                self._ready = True
        copy = await self.copy_for(account_id, create=True)
        assert copy is not None
        async with copy.db.write() as session:
            await record_event(
                session,
                self._practiser(real, client_address),
                AuditAction.LATIHAN_RESET,
                "user_account",
                account_id,
            )

    async def start(
        self, persona: str, real: Actor, *, client_address: str | None, user_agent: str | None
    ) -> PracticeSession:
        """A practice session as ``persona`` in the sandbox of the real account ``real``."""
        if persona not in PERSONAS:
            raise ServiceError(ErrorCode.INVALID_INPUT, "Peran latihan tidak dikenal.", "persona")
        account_id = _account_id(real.account_id or 0)
        copy = await self.copy_for(account_id, create=True)
        assert copy is not None
        login = self._personas()[persona]
        async with copy.db.write() as session:
            account = (
                await session.scalars(sa.select(UserAccount).where(UserAccount.login == login))
            ).one()
            issued = add_session(
                session,
                account.id,
                self.settings.session_lifetime_minutes,
                client_address=client_address,
                user_agent=user_agent,
            )
            await record_event(
                session,
                self._practiser(real, client_address),
                AuditAction.LATIHAN_STARTED,
                "user_account",
                account.id,
                after={"persona": persona},
            )
        return PracticeSession(issued, _persona(persona), f"{account_id}.{issued.token}")

    async def persona_of(self, account_id: int, cookie: str | None) -> Persona | None:
        """The persona of the live practice session ``cookie`` of ``account_id``, or None."""
        parsed = parse_cookie(cookie)
        if parsed is None or parsed[0] != account_id:
            return None
        copy = await self.copy_for(account_id, create=False)
        if copy is None:
            return None
        async with copy.db.read() as session:
            login = await session.scalar(
                sa.select(UserAccount.login)
                .join(LoginSession, LoginSession.account_id == UserAccount.id)
                .where(
                    LoginSession.token_hash == hash_token(parsed[1]),
                    LoginSession.revoked_at.is_(None),
                    LoginSession.expires_at > clock.now(),
                )
            )
        return next((_persona(p) for p, known in self._personas().items() if known == login), None)

    async def stop(
        self, cookie: str | None, client_address: str | None, *, account_id: int | None
    ) -> None:
        """End the practice session ``cookie`` of the real account ``account_id`` (nothing if
        the cookie names another account: it never opens another person's copy)."""
        parsed = parse_cookie(cookie)
        if parsed is None or account_id is None or parsed[0] != account_id:
            return
        copy = await self.copy_for(parsed[0], create=False)
        if copy is not None:
            await end_session(copy.db, parsed[1], client_address)

    async def prune(self, unused_days: int) -> list[int]:
        """Remove the copies (database and evidence) not used for ``unused_days`` days; the
        account ids whose copy was removed. A person practising again gets a fresh copy."""
        if not self.per_person:
            return []
        cutoff = clock.now().timestamp() - unused_days * 86_400
        if self._pg_url is not None:
            return await self._prune_databases(cutoff)
        if not self.copies_dir.is_dir():
            return []
        removed: list[int] = []
        for path in sorted(self.copies_dir.glob("*.sqlite")):
            if not path.stem.isdigit() or path.stat().st_mtime >= cutoff:
                continue
            account_id = int(path.stem)
            async with self._person_lock(account_id):
                await self._close(account_id)
                await asyncio.to_thread(self._remove_copy, account_id)
            removed.append(account_id)
        return removed

    async def dispose(self) -> None:
        for account_id in list(self._open):
            await self._close(account_id)
        await self.db.dispose()

    # ------------------------------------------------------------------ internals

    @staticmethod
    def _practiser(real: Actor, client_address: str | None) -> Actor:
        return Actor(account_id=None, login=f"latihan:{real.login}", client_address=client_address)

    def _person_lock(self, account_id: int) -> asyncio.Lock:
        return self._person_locks.setdefault(account_id, asyncio.Lock())

    def _touch_file(self, account_id: int, path: Path) -> None:
        now = time.monotonic()
        if now - self._touched.get(account_id, float("-inf")) >= TOUCH_INTERVAL_SECONDS:
            self._touched[account_id] = now
            stamp = clock.now().timestamp()
            os.utime(path, (stamp, stamp))

    async def _touch(self, account_id: int) -> None:
        """Record the copy's last use (for latihan-prune), at most once an hour."""
        if self._template_file is not None:
            self._touch_file(account_id, self.copy_file(account_id))
            return
        self._touched[account_id] = time.monotonic()
        stamp = int(clock.now().timestamp())
        name = self._quoted(self.copy_database(account_id))
        async with self._admin() as conn:
            await conn.execute(sa.text(f"COMMENT ON DATABASE {name} IS 'latihan-last-use:{stamp}'"))

    async def _copy_exists(self, account_id: int) -> bool:
        if self._template_file is not None:
            return self.copy_file(account_id).is_file()
        async with self._admin() as conn:
            found = await conn.scalar(
                sa.text("SELECT 1 FROM pg_database WHERE datname = :name"),
                {"name": self.copy_database(account_id)},
            )
        return found is not None

    async def _open_copy(self, account_id: int) -> SandboxCopy:
        settings = self.copy_settings(account_id)
        copy = SandboxCopy(Database.from_settings(settings), settings)
        if await self._revision_of(copy.db) != self._revision:
            # Made before the schema was upgraded: made again from the upgraded template.
            await copy.db.dispose()
            await self._make_copy(account_id)
            copy = SandboxCopy(Database.from_settings(copy.settings), copy.settings)
        self._open[account_id] = copy
        self._touched.pop(account_id, None)
        await self._touch(account_id)
        while len(self._open) > self._max_open:
            oldest = next(iter(self._open))
            await self._close(oldest)
        return copy

    async def _close(self, account_id: int) -> None:
        copy = self._open.pop(account_id, None)
        if copy is not None:
            # Connections still in use are closed when they are given back.
            await copy.db.dispose()

    def _remove_copy(self, account_id: int) -> None:
        if self._template_file is not None:
            for extra in ("", "-wal", "-shm", "-journal"):
                Path(f"{self.copy_file(account_id)}{extra}").unlink(missing_ok=True)
        shutil.rmtree(self.copies_dir / str(account_id), ignore_errors=True)

    async def _make_copy(self, account_id: int) -> None:
        await asyncio.to_thread(self._copy_evidence, account_id)
        if self._template_file is not None:
            await asyncio.to_thread(self._copy_template_file, account_id)
        else:
            await self._copy_template_database(account_id)

    def _copy_evidence(self, account_id: int) -> None:
        evidence = self.copy_settings(account_id).evidence_dir
        evidence.parent.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(evidence, ignore_errors=True)
        if self.settings.evidence_dir.is_dir():
            shutil.copytree(self.settings.evidence_dir, evidence, copy_function=_link_or_copy)

    # ------------------------------------------------------------------ PostgreSQL copies

    def _quoted(self, name: str) -> str:
        # Always quoted (the template name may hold capitals or "-"); names are built from the
        # validated template name and integer account ids only.
        return str(self.db.engine.dialect.identifier_preparer.quote_identifier(name))

    @asynccontextmanager
    async def _admin(self) -> AsyncIterator[AsyncConnection]:
        """One connection to the maintenance database, outside any transaction (CREATE and DROP
        DATABASE cannot run in one), closed afterwards: nothing stays connected."""
        assert self._pg_url is not None
        url = self._pg_url.set(database=PG_MAINTENANCE_DATABASE)
        engine: AsyncEngine = create_async_engine(
            url,
            poolclass=NullPool,
            isolation_level="AUTOCOMMIT",
            connect_args={"timeout": self.settings.db_connect_timeout_seconds},
        )
        try:
            async with engine.connect() as conn:
                yield conn
        finally:
            await engine.dispose()

    async def _drop_database(self, account_id: int) -> None:
        await self._close(account_id)
        name = self._quoted(self.copy_database(account_id))
        async with self._admin() as conn:
            # FORCE: other server processes' connections to this person's copy are ended (their
            # pools replace them on the next checkout and find the fresh copy).
            await conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))

    async def _copy_template_database(self, account_id: int) -> None:
        await self._drop_database(account_id)
        target = self._quoted(self.copy_database(account_id))
        template = self._quoted(self._template_name)
        for attempt in range(1, PG_COPY_ATTEMPTS + 1):
            # PostgreSQL copies a template only while nobody is connected to it: this process's
            # own template connections (seeding, revision checks) are closed first.
            await self.db.dispose()
            try:
                async with self._admin() as conn:
                    await conn.execute(sa.text(f"CREATE DATABASE {target} TEMPLATE {template}"))
                break
            except sa.exc.DBAPIError as exc:
                if _sqlstate(exc) != PG_OBJECT_IN_USE:
                    raise
                if attempt == PG_COPY_ATTEMPTS:
                    raise SandboxBusy(
                        "Templat latihan sedang dipakai proses lain; coba lagi sebentar lagi."
                    ) from exc
                await asyncio.sleep(attempt)

    async def _prune_databases(self, cutoff: float) -> list[int]:
        own = re.compile(re.escape(self._template_name) + r"_p([1-9][0-9]{0,11})")
        async with self._admin() as conn:
            rows = (
                await conn.execute(
                    sa.text(
                        "SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database"
                    )
                )
            ).all()
        removed: list[int] = []
        for name, comment in sorted(rows):
            found = own.fullmatch(str(name))
            if found is None:
                continue
            stamp = _LAST_USE.fullmatch(comment or "")
            # No record of its use (a copy cut short while being made): removed too.
            if stamp is not None and int(stamp.group(1)) >= cutoff:
                continue
            account_id = int(found.group(1))
            async with self._person_lock(account_id):
                await self._drop_database(account_id)
                await asyncio.to_thread(self._remove_copy, account_id)
            self._touched.pop(account_id, None)
            removed.append(account_id)
        return sorted(removed)

    # ------------------------------------------------------------------ SQLite copies

    def _copy_template_file(self, account_id: int) -> None:
        assert self._template_file is not None
        target = self.copy_file(account_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        # The backup API writes the template's pages INTO the copy, in one transaction: another
        # server process with the copy open sees the fresh data, never a half-written file.
        # (Not opened read-only: a WAL database whose -wal/-shm files are gone cannot be.)
        source = sqlite3.connect(self._template_file)
        try:
            destination = sqlite3.connect(target)
            try:
                source.backup(destination)
            finally:
                destination.close()
        finally:
            source.close()

    @staticmethod
    async def _revision_of(db: Database) -> str | None:
        async with db.read() as session:
            try:
                found = await session.scalar(sa.text("SELECT version_num FROM alembic_version"))
            except sa.exc.DBAPIError:
                return None
        return None if found is None else str(found)

    def _personas(self) -> dict[str, str]:
        found: dict[str, str] = json.loads(self._personas_file.read_text(encoding="utf-8"))
        return found

    async def _prepare(self) -> None:
        from server.demo.load import load_full_demo

        await upgrade_database_async(self.settings.database_url)
        if not await database_is_empty(self.db) and self._personas_file.is_file():
            return
        if not await database_is_empty(self.db):  # seeded, but its personas were lost
            await self._wipe()
            await upgrade_database_async(self.settings.database_url)
        # Seeding is a batch job: the longer timeouts of the command line, its own engine.
        loader = Database.from_settings(self.settings, batch_job=True)
        try:
            loaded = await load_full_demo(
                loader,
                self.settings,
                seed=DEMO_SEED,
                employees=self.settings.sandbox_employees,
                actor_label="latihan",
            )
        finally:
            await loader.dispose()
        # The demo's first two employee accounts are its pelaksana and the Kepala Seksi who
        # rates them (server/demo/accounts.py builds them in that order).
        employees = [a.login for a in loaded.city.accounts if a.employee_nip and not a.roles]
        personas = {"pegawai": employees[0], "penilai": employees[1]}
        self._personas_file.parent.mkdir(parents=True, exist_ok=True)
        self._personas_file.write_text(json.dumps(personas), encoding="utf-8")

    async def _wipe(self) -> None:
        # Tables are dropped rather than the file deleted: other server processes keep their
        # connections to the same database and see the fresh demo, not a deleted file.
        async with self.db.engine.begin() as conn:
            await conn.run_sync(Base.metadata.drop_all)
            await conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
        await self.db.dispose()
        shutil.rmtree(self.settings.evidence_dir, ignore_errors=True)
        self._personas_file.unlink(missing_ok=True)
