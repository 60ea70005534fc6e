"""Latihan: the training sandbox. A person practises the whole cycle (SKP, work log, realisasi,
evaluation) as a demo persona on a copy of the demo data in a SEPARATE database.

- The sandbox database (``KINERJA_SANDBOX_DATABASE_URL``, default ``<data_dir>/latihan/
  latihan.db``) is migrated and seeded with the ordinary demo (server/demo/load.py) on first
  use, and wiped and seeded again by "Reset latihan".
- A practice session is a session of the sandbox database, carried in its own cookie
  (``kinerja_latihan``); http/sandbox.py routes every ``/api/…`` request that carries it to the
  sandbox database and its own evidence folder. A real session token is unknown to the sandbox
  database and a practice token unknown to the real one, so neither can reach the other's data.
- Nothing here writes to the real database: starting, ending and resetting are recorded in the
  sandbox's own audit log (who practised is named there as ``latihan:<login>``).
"""

from __future__ import annotations

import asyncio
import json
import secrets
import shutil
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Literal, get_args

import sqlalchemy as sa

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
from server.services.auth import IssuedSession, hash_token
from server.services.auth import logout as end_session
from server.services.errors import ErrorCode, ServiceError

SANDBOX_COOKIE = "kinerja_latihan"
Persona = Literal["pegawai", "penilai"]
PERSONAS: tuple[str, ...] = get_args(Persona)
DEMO_SEED = 3373  # the demo's own seed: the sandbox holds the same city as `make run`
# A reset loads the whole demo again (tens of seconds of work): not more often than this.
RESET_INTERVAL_SECONDS = 60


@dataclass(frozen=True)
class PracticeSession:
    issued: IssuedSession
    persona: Persona


def _persona(value: str) -> Persona:
    if value == "pegawai":
        return "pegawai"
    if value == "penilai":
        return "penilai"
    raise ServiceError(ErrorCode.INVALID_INPUT, "Peran latihan tidak dikenal.", "persona")


class Sandbox:
    """The one sandbox of this server process (``app.state.sandbox``)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings.sandbox_settings()
        self.db = Database.from_settings(self.settings)
        self._lock = asyncio.Lock()
        self._ready = False
        self._last_reset = float("-inf")

    @property
    def _personas_file(self) -> Path:
        return self.settings.data_dir / "personas.json"

    @property
    def seeded(self) -> bool:
        """The sandbox was set up at some time (by any process): only then does a practice
        cookie get to open it; a cookie alone never makes the server load the demo."""
        return self._ready or self._personas_file.is_file()

    async def ensure_ready(self) -> None:
        """Migrate and seed the sandbox if this process has not seen it ready yet (a server
        restart finds the seeded database and only checks it)."""
        if self._ready:
            return
        async with self._lock:
            if not self._ready:
                await self._prepare()
                self._ready = True

    async def reset(self) -> None:
        """Wipe the sandbox (database and its evidence files) and seed it again."""
        async with self._lock:
            now = time.monotonic()
            if now - self._last_reset < RESET_INTERVAL_SECONDS:
                raise ServiceError(
                    ErrorCode.INVALID_STATE,
                    "Latihan baru saja diatur ulang; coba lagi dalam satu menit.",
                )
            self._last_reset = now
            self._ready = False
            await self._wipe()
            await self._prepare()
            self._ready = True

    async def start(
        self, persona: str, real: Actor, *, client_address: str | None, user_agent: str | None
    ) -> PracticeSession:
        """A practice session as ``persona`` for the real account ``real``."""
        if persona not in PERSONAS:
            raise ServiceError(ErrorCode.INVALID_INPUT, "Peran latihan tidak dikenal.", "persona")
        await self.ensure_ready()
        login = self._personas()[persona]
        token = secrets.token_urlsafe(32)
        expires_at = clock.now() + timedelta(minutes=self.settings.session_lifetime_minutes)
        async with self.db.write() as session:
            account = (
                await session.scalars(sa.select(UserAccount).where(UserAccount.login == login))
            ).one()
            session.add(
                LoginSession(
                    token_hash=hash_token(token),
                    account_id=account.id,
                    expires_at=expires_at,
                    client_address=client_address,
                    user_agent=(user_agent or "")[:300] or None,
                )
            )
            await record_event(
                session,
                Actor(
                    account_id=None, login=f"latihan:{real.login}", client_address=client_address
                ),
                AuditAction.LATIHAN_STARTED,
                "user_account",
                account.id,
                after={"persona": persona},
            )
        return PracticeSession(IssuedSession(token, expires_at), _persona(persona))

    async def persona_of(self, token: str | None) -> Persona | None:
        """The persona of a live practice session, or None."""
        if not token or len(token) > 200 or not self._ready:
            return None
        async with self.db.read() as session:
            login = await session.scalar(
                sa.select(UserAccount.login)
                .join(LoginSession, LoginSession.account_id == UserAccount.id)
                .where(
                    LoginSession.token_hash == hash_token(token),
                    LoginSession.revoked_at.is_(None),
                    LoginSession.expires_at > clock.now(),
                )
            )
        return next((_persona(p) for p, known in self._personas().items() if known == login), None)

    async def stop(self, token: str | None, client_address: str | None) -> None:
        if token and self._ready:
            await end_session(self.db, token, client_address)

    async def dispose(self) -> None:
        await self.db.dispose()

    # ------------------------------------------------------------------ internals

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
