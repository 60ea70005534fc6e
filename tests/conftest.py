"""Shared fixtures: a migrated database per test (SQLite, or PostgreSQL when
KINERJA_TEST_DATABASE_URL is set), the app, an HTTP client, and a small organisation."""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
import sqlalchemy as sa
from asgi_lifespan import LifespanManager
from sqlalchemy import event
from starlette.applications import Starlette
from starlette.types import ASGIApp

from server import clock
from server.app import create_app
from server.config import Settings
from server.db.base import Base
from server.db.engine import Database
from server.db.migrate import upgrade_database
from server.db.models import AuditEvent
from server.domain.enums import AsnType, Gender, PositionKind, Role, UnitKind
from server.domain.nip import make_nip
from server.services.actor import system_actor
from server.services.organisation import accounts, employees, structure
from server.services.passwords import use_cheap_hashing_for_tests


def _worker_database(base_url: str | None) -> str | None:
    """With pytest-xdist every worker gets its own PostgreSQL database, ``<name>_<worker>``.

    Tests empty and refill the database around each test, so two workers must never share one.
    The environment variable is updated too, so fixtures that read it see the worker's database.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not base_url or not worker:
        return base_url
    import asyncio

    from sqlalchemy.ext.asyncio import create_async_engine

    prefix, _, name = base_url.rpartition("/")
    own = f"{name}_{worker}"

    async def create() -> None:
        admin = create_async_engine(base_url, isolation_level="AUTOCOMMIT")
        try:
            async with admin.connect() as conn:
                exists = await conn.scalar(
                    sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": own}
                )
                if not exists:
                    await conn.execute(sa.text(f'CREATE DATABASE "{own}"'))
        finally:
            await admin.dispose()

    asyncio.run(create())
    url = f"{prefix}/{own}"
    os.environ["KINERJA_TEST_DATABASE_URL"] = url
    return url


pytest_plugins = [
    "tests.redis_support",  # redis_server, redis_prefix
    "tests.rated_world",  # cal: finalised evaluations for calibration, keberatan, career
]

PG_URL = _worker_database(os.environ.get("KINERJA_TEST_DATABASE_URL"))
use_cheap_hashing_for_tests()
PASSWORD = "kata-sandi-uji-123"
# The instansi's zone as the tests' oracle (WIB, UTC+7): written here once, not taken from
# server.clock, so a wrong zone in the server fails the tests instead of agreeing with them.
INSTANSI_ZONE = ZoneInfo("Asia/Jakarta")


@pytest.fixture(autouse=True)
def _calendar_reset() -> Iterator[None]:
    """Every test starts and ends on the system clock in the default zone."""
    clock.reset()
    yield
    clock.reset()


@pytest.fixture
def frozen_clock() -> Iterator[clock.FrozenTime]:
    """Time stands still (at the real now until the test moves it) for the whole test."""
    with clock.frozen(clock.now()) as frozen:
        yield frozen


@pytest.fixture(scope="session")
def _template(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Migrate once per session; each test then starts from a copy (SQLite) or a truncate (PG)."""
    if PG_URL:
        upgrade_database(PG_URL)
        return PG_URL
    path = tmp_path_factory.mktemp("template") / "template.db"
    upgrade_database(f"sqlite+aiosqlite:///{path}")
    return str(path)


@pytest.fixture
def db_url(_template: str, tmp_path: Path) -> str:
    if PG_URL:
        return PG_URL  # the `db` fixture truncates every table first
    target = tmp_path / "kinerja.db"
    shutil.copy(_template, target)
    return f"sqlite+aiosqlite:///{target}"


@pytest.fixture
async def db(db_url: str) -> AsyncIterator[Database]:
    database = Database(db_url)
    if PG_URL:
        await _truncate_all(database)
    yield database
    await database.dispose()


async def _truncate_all(database: Database) -> None:
    """Empty every table. DELETE is much faster than TRUNCATE for the few rows a test leaves."""
    async with database.engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            await conn.execute(table.delete())
        await conn.execute(
            sa.text("INSERT INTO audit_chain_head (id, last_seq, last_hash) VALUES (1, 0, :h)"),
            {"h": "0" * 64},
        )
        await conn.execute(sa.text("INSERT INTO org_revision (id, revision) VALUES (1, 1)"))


@pytest.fixture
def settings(tmp_path: Path, db_url: str) -> Settings:
    return Settings(
        data_dir=tmp_path,
        database_url=db_url,
        demo_mode=True,
        web_dist=tmp_path / "no-dist",
        login_lockout_seconds=60,
    )


HANG_SECONDS = 300


def lifespan(app: ASGIApp) -> LifespanManager:
    """Runs ``app``'s start-up and shut-down around a block, as a server would.

    asgi-lifespan allows each 5 s by default: a wall-clock limit, which failed once in CI when
    an app's start-up waited on a machine busy with chromium and another test worker. The
    limit here only stops a real hang.
    """
    return LifespanManager(app, startup_timeout=HANG_SECONDS, shutdown_timeout=HANG_SECONDS)


@pytest.fixture
async def app(settings: Settings, db: Database) -> AsyncIterator[Starlette]:
    application = create_app(settings, db)
    async with lifespan(application):
        yield application


@pytest.fixture
async def client(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, client=("10.1.2.3", 5555))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


async def login(client: httpx.AsyncClient, user: str, password: str = PASSWORD) -> httpx.Response:
    return await client.post("/auth/login", json={"login": user, "password": password})


async def gql(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    path: str = "/api/graphql",
) -> dict[str, Any]:
    response = await client.post(path, json={"query": query, "variables": variables or {}})
    assert response.headers["content-type"].startswith("application/json"), response.text
    body: dict[str, Any] = response.json()
    return without_cost(body) if response.status_code == 200 else body


ClientFactory = Callable[[str], Awaitable[httpx.AsyncClient]]


@pytest.fixture
async def client_for(app: Starlette) -> AsyncIterator[ClientFactory]:
    """A newly logged-in client per call (each with its own cookie jar), closed afterwards."""
    opened: list[httpx.AsyncClient] = []

    async def make(user: str) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=app, client=("10.1.2.3", 5555))
        c = httpx.AsyncClient(transport=transport, base_url="http://testserver")
        opened.append(c)
        response = await login(c, user)
        assert response.status_code == 200, response.text
        return c

    yield make
    for c in opened:
        await c.aclose()


async def mutate(
    client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Run a mutation whose single root field returns a payload; return that payload."""
    body = await gql(client, query, variables)
    assert "errors" not in body, body
    (payload,) = body["data"].values()
    assert isinstance(payload, dict)
    return payload


def error_codes(payload: dict[str, Any]) -> list[str]:
    """The codes of a payload's errors (a refused mutation)."""
    return [e["code"] for e in payload["errors"]]


def query_code(body: dict[str, Any]) -> str | None:
    """The error code of a failed query, or None when it succeeded."""
    if not body.get("errors"):
        return None
    code: str = body["errors"][0]["extensions"]["code"]
    return code


async def audit_actions(
    db: Database, prefix: str = "", *, object_type: str | None = None
) -> list[str]:
    """Recorded audit actions in order (those starting with ``prefix``, on ``object_type``)."""
    stmt = sa.select(AuditEvent.action).where(AuditEvent.action.startswith(prefix))
    if object_type is not None:
        stmt = stmt.where(AuditEvent.object_type == object_type)
    async with db.read() as session:
        return list(await session.scalars(stmt.order_by(AuditEvent.seq)))


def without_cost(body: dict[str, Any]) -> dict[str, Any]:
    """Check that a GraphQL answer reports its cost (every answer of both APIs does), then
    return it without ``extensions.cost`` so tests can compare whole answers."""
    extensions = dict(body.get("extensions") or {})
    cost = extensions.pop("cost", None)
    assert isinstance(cost, dict), body
    assert set(cost) == {"requestedQueryCost", "maximumAvailable"}, cost
    assert cost["requestedQueryCost"] >= 0, cost
    rest = {k: v for k, v in body.items() if k != "extensions"}
    if extensions:
        rest["extensions"] = extensions
    return rest


@dataclass
class SmallOrg:
    """Instansi → Dinas → Bidang → Seksi, with a pelaksana, a vacancy and accounts."""

    ids: dict[str, int]
    nips: dict[str, str]


def nip_for(seq: int, gender: Gender = Gender.LAKI_LAKI, year: int = 1985) -> str:
    return make_nip(date(year, 3, 14), date(2010, 4, 1), gender, seq)


@dataclass(frozen=True)
class _Snapshot:
    """Every row of every table after building the small organisation once."""

    org: SmallOrg
    rows: dict[str, list[dict[str, Any]]]


@pytest.fixture(scope="session")
def _small_org_snapshot(_template: str, tmp_path_factory: pytest.TempPathFactory) -> _Snapshot:
    """Build the organisation through the services once per session, then copy its rows.

    Building it per test (ten Argon2 hashes, forty audited writes) would cost most of the run.
    """
    import asyncio

    async def build() -> _Snapshot:
        if PG_URL:
            url = PG_URL
        else:
            path = tmp_path_factory.mktemp("small-org") / "org.db"
            shutil.copy(_template, path)
            url = f"sqlite+aiosqlite:///{path}"
        database = Database(url)
        try:
            if PG_URL:
                await _truncate_all(database)
            org = await _build_small_org(database)
            rows: dict[str, list[dict[str, Any]]] = {}
            async with database.engine.connect() as conn:
                for table in Base.metadata.sorted_tables:
                    result = await conn.execute(sa.select(table))
                    rows[table.name] = [dict(r._mapping) for r in result]
            return _Snapshot(org, rows)
        finally:
            await database.dispose()

    # A thread with its own event loop: this session fixture may first be needed while a
    # test's loop is already running (pytest-xdist changes which test comes first).
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, build()).result()


@pytest.fixture
async def small_org(db: Database, _small_org_snapshot: _Snapshot) -> SmallOrg:
    """Restore the snapshot's rows into this test's (empty) database."""
    async with db.engine.begin() as conn:
        await conn.execute(sa.text("DELETE FROM audit_chain_head"))
        await conn.execute(sa.text("DELETE FROM org_revision"))
        for table in Base.metadata.sorted_tables:
            rows = _small_org_snapshot.rows[table.name]
            if rows:
                await conn.execute(table.insert(), rows)
        if db.engine.dialect.name == "postgresql":
            for table in Base.metadata.sorted_tables:
                if (
                    "id" in table.c
                    and isinstance(table.c.id.type, sa.Integer)
                    and _small_org_snapshot.rows[table.name]
                ):
                    await conn.execute(
                        # Table names come from our own metadata, never from input.
                        sa.text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "  # noqa: S608
                            f"(SELECT max(id) FROM {table.name}))"
                        )
                    )
    return _small_org_snapshot.org


async def add_login(db: Database, login: str, role: Role, *, managed_unit_id: int) -> int:
    """One more account (password ``PASSWORD``) with one role over a unit, made as BKPSDM would;
    returns its id."""
    account = await accounts.create_account(
        db,
        system_actor("test"),
        accounts.AccountInput(login, PASSWORD, frozenset({role}), managed_unit_id=managed_unit_id),
    )
    return account.id


@pytest.fixture
async def walikota(db: Database, small_org: SmallOrg) -> int:
    """The Wali Kota's account: KEPALA_DAERAH, no employee, linked to the root unit (PEMKOT).
    Rates the Sekda only; must see and change nothing of staf's (issue 8)."""
    return await add_login(
        db, "walikota", Role.KEPALA_DAERAH, managed_unit_id=small_org.ids["PEMKOT"]
    )


async def _build_small_org(db: Database) -> SmallOrg:
    actor = system_actor("test")
    ids: dict[str, int] = {}
    nips: dict[str, str] = {}
    start = date(2020, 1, 1)

    async def unit(code: str, kind: UnitKind, parent: str | None) -> None:
        u = await structure.create_unit(
            db,
            actor,
            structure.UnitInput(code, f"Unit {code}", kind, ids.get(parent or ""), start),
        )
        ids[code] = u.id

    await unit("PEMKOT", UnitKind.INSTANSI, None)
    await unit("DINAS", UnitKind.PERANGKAT_DAERAH, "PEMKOT")
    await unit("BIDANG", UnitKind.BIDANG, "DINAS")
    await unit("DINAS2", UnitKind.PERANGKAT_DAERAH, "PEMKOT")

    async def position(code: str, kind: PositionKind, unit_code: str, parent: str | None) -> None:
        p = await structure.create_position(
            db,
            actor,
            structure.PositionInput(
                code, f"Jabatan {code}", kind, ids[unit_code], ids.get(parent or ""), start
            ),
        )
        ids[code] = p.id

    await position("SEKDA", PositionKind.JPT_PRATAMA, "PEMKOT", None)
    await position("KADIS", PositionKind.JPT_PRATAMA, "DINAS", "SEKDA")
    await position("KABID", PositionKind.ADMINISTRATOR, "BIDANG", "KADIS")
    await position("KASI", PositionKind.PENGAWAS, "BIDANG", "KABID")  # stays vacant
    await position("STAF", PositionKind.PELAKSANA, "BIDANG", "KASI")
    await position("STAF2", PositionKind.PELAKSANA, "BIDANG", "KABID")
    await position("KADIS2", PositionKind.JPT_PRATAMA, "DINAS2", "SEKDA")

    people = [
        ("sekda", "SEKDA"),
        ("kadis", "KADIS"),
        ("kabid", "KABID"),
        ("staf", "STAF"),
        ("staf2", "STAF2"),
        ("kadis2", "KADIS2"),
    ]
    for seq, (key, pos) in enumerate(people, start=1):
        nip = nip_for(seq)
        e = await employees.create_employee(
            db,
            actor,
            employees.EmployeeInput(
                nip,
                f"Pegawai {key.title()}",
                AsnType.PNS,
                "III/c",
                position_id=ids[pos],
                assignment_start=start,
            ),
        )
        ids[f"emp:{key}"] = e.id
        nips[key] = nip
        a = await accounts.create_account(
            db, actor, accounts.AccountInput(key, PASSWORD, employee_id=e.id)
        )
        ids[f"acc:{key}"] = a.id
    for login_name, roles, unit_code in (
        ("hradmin", {Role.HR_ADMIN}, None),
        ("auditor", {Role.AUDITOR}, None),
        ("sysadmin", {Role.SYSADMIN}, None),
        ("manager", {Role.UNIT_MANAGER}, "DINAS"),
    ):
        a = await accounts.create_account(
            db,
            actor,
            accounts.AccountInput(
                login_name,
                PASSWORD,
                frozenset(roles),
                managed_unit_id=ids[unit_code] if unit_code else None,
            ),
        )
        ids[f"acc:{login_name}"] = a.id
    return SmallOrg(ids, nips)


@contextmanager
def count_statements(db: Database) -> Iterator[list[str]]:
    """Records every SQL statement the engine sends while the block runs."""
    statements: list[str] = []

    def before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(db.engine.sync_engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", before)
