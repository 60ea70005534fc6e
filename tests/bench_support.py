"""What the scripts in tests/bench share: a seeded demo city and an in-process client.

Not a benchmark itself (``make bench`` runs only ``tests/bench/*.py``).
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx
from asgi_lifespan import LifespanManager

from server.app import create_app
from server.config import Settings
from server.db.engine import Database
from server.db.migrate import upgrade_database_async
from server.demo import DEMO_PASSWORD, DemoCity, generate_city
from server.demo.evaluations import generate_evaluations
from server.demo.performance import generate_performance
from server.demo.seed import load_demo_city
from server.demo.seed_evaluations import load_demo_evaluations
from server.demo.seed_performance import load_demo_performance
from server.services.actor import system_actor
from server.storage.evidence_store import EvidenceStore

# The demo's "today": a fixed day, so every run measures the same data (January to October
# have ended; last year is fully evaluated).
DEMO_TODAY = date(2026, 11, 20)
SEED = 3373


@dataclass(frozen=True)
class SeededDemo:
    city: DemoCity
    seconds: float
    # (pegawai, penilai) logins to measure with instead of the demo's cast.
    cast: tuple[str, str] | None = None

    @property
    def pegawai(self) -> str:
        """The login of the demo's pelaksana (Diskominfo) whose Kepala Seksi is :attr:`penilai`."""
        return self.cast[0] if self.cast else self._personal_logins()[0]

    @property
    def penilai(self) -> str:
        return self.cast[1] if self.cast else self._personal_logins()[1]

    def _personal_logins(self) -> list[str]:
        """The demo's NIP logins, in its order: the pelaksana first, then their Kepala Seksi
        (by kind, not by position in the list: role accounts are added to it over time)."""
        return [a.login for a in self.city.accounts if a.login == a.employee_nip]


async def seed_demo(
    settings: Settings,
    employees: int,
    *,
    today: date = DEMO_TODAY,
    evaluations: bool = True,
    migrate: bool = True,
) -> SeededDemo:
    """Migrate ``settings.database_url`` and load the demo city with a year of work (and last
    year's evaluations) into it, the way ``kinerja seed-demo`` does."""
    if migrate:
        await upgrade_database_async(settings.database_url)
    db = Database(settings.database_url)
    actor = system_actor("bench")
    try:
        started = time.perf_counter()
        city = generate_city(seed=SEED, employees=employees, today=today)
        await load_demo_city(db, city, actor)
        await load_demo_performance(
            db,
            city,
            generate_performance(city, seed=SEED, today=today),
            actor,
            EvidenceStore(settings.evidence_dir),
        )
        if evaluations:
            await load_demo_evaluations(
                db, city, generate_evaluations(city, seed=SEED, today=today), actor
            )
        await db.refresh_statistics()  # as load_full_demo does after the bulk rows
        return SeededDemo(city, time.perf_counter() - started)
    finally:
        await db.dispose()


def bench_settings(data_dir: Path, database_url: str = "") -> Settings:
    return Settings(
        data_dir=data_dir,
        database_url=database_url,
        demo_mode=True,
        web_dist=data_dir / "no-dist",
        log_level="WARNING",
        public_rate_per_minute=100_000_000,
        public_rate_burst=100_000_000,
        # The flows are sent back to back by one session: the per-session limit is not measured.
        internal_rate_per_minute=100_000_000,
        internal_rate_burst=100_000_000,
    )


@dataclass(frozen=True)
class RunningApp:
    transport: httpx.ASGITransport
    db: Database

    def client(self) -> httpx.AsyncClient:
        """A client with its own cookies (one per logged-in user)."""
        return httpx.AsyncClient(transport=self.transport, base_url="http://bench", timeout=120)


@asynccontextmanager
async def running_app(settings: Settings) -> AsyncIterator[RunningApp]:
    """The real app (middleware, session guard, both schemas) over ASGI, in this process."""
    db = Database(settings.database_url)
    app = create_app(settings, db)
    try:
        async with LifespanManager(app):
            yield RunningApp(httpx.ASGITransport(app=app, client=("127.0.0.1", 5555)), db)
    finally:
        await db.dispose()


@asynccontextmanager
async def app_client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with running_app(settings) as app, app.client() as client:
        yield client


async def log_in(client: httpx.AsyncClient, login: str, password: str = DEMO_PASSWORD) -> None:
    response = await client.post("/auth/login", json={"login": login, "password": password})
    if response.status_code != 200:
        raise RuntimeError(f"login {login} failed: {response.status_code} {response.text}")
