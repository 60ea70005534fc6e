"""A database that is away or busy: every endpoint answers 503 JSON with Retry-After (not a
plain-text 500), nothing is logged as a crash, and the next request after the database is back
succeeds without a restart. All failures here are real ones: a refused TCP connection, a
connection cut under the pool, a lock held by another connection, a statement timeout."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine
from starlette.applications import Starlette

from server.app import create_app
from server.config import Settings, SettingsError
from server.db.availability import TroubleKind, classify_database_error
from server.db.engine import Database, DatabaseTimeouts
from server.db.models import FeedbackPhrase, LoginFailure
from tests.conftest import PASSWORD, PG_URL, SmallOrg, lifespan, login
from tests.network import TcpProxy, free_port

SESSION = {"kinerja_session": "x" * 43}
TOKEN = "a" * 32  # the shape of a survey token


def _quiet(caplog: pytest.LogCaptureFixture) -> None:
    """Unavailability is logged as one warning line, never as a crash with a traceback."""
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert all(r.exc_info is None for r in caplog.records)
    assert any("DATABASE_" in r.getMessage() for r in caplog.records)


def _assert_503_json(response: httpx.Response, code: str = "DATABASE_UNAVAILABLE") -> None:
    assert response.status_code == 503, (response.request.url, response.text)
    assert int(response.headers["retry-after"]) >= 1
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    if "errors" in body:  # the GraphQL endpoints keep their own shape
        assert body["data"] is None
        (error,) = body["errors"]
        assert error["extensions"]["code"] == code
        assert error["extensions"]["retryAfter"] == int(response.headers["retry-after"])
    else:
        assert body["error"]["code"] == code
        assert body["error"]["retryAfter"] == int(response.headers["retry-after"])


@contextlib.asynccontextmanager
async def _running(app: Starlette, address: str = "10.1.2.3") -> AsyncIterator[httpx.AsyncClient]:
    async with lifespan(app):
        transport = httpx.ASGITransport(app=app, client=(address, 5555))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            yield c


# --- nothing listens: every endpoint ---------------------------------------------------------

REQUESTS: list[tuple[str, str, dict[str, Any]]] = [
    ("POST", "/public/graphql", {"json": {"query": "{ units { code } }"}}),
    ("GET", "/public/graphql", {"params": {"query": "{ latestRelease { number } }"}}),
    ("POST", "/api/graphql", {"json": {"query": "{ me { login } }"}, "cookies": SESSION}),
    ("POST", "/auth/login", {"json": {"login": "staf", "password": PASSWORD}}),
    ("POST", "/auth/logout", {"json": {}, "cookies": SESSION}),
    (
        "POST",
        "/api/uploads",
        {
            "content": b"%PDF-1.7",
            "cookies": SESSION,
            "headers": {
                "x-requested-with": "kinerja",
                "x-file-name": "a.pdf",
                "content-type": "application/octet-stream",
            },
        },
    ),
    ("GET", "/api/evidence/1", {"cookies": SESSION}),
    ("GET", "/api/reports/completion.csv", {"cookies": SESSION, "params": {"year": "2026"}}),
    ("GET", "/api/interop/skp.csv", {"cookies": SESSION, "params": {"year": "2026"}}),
    ("GET", "/api/evaluations/1/document", {"cookies": SESSION}),
    ("GET", "/public/data/", {}),
    ("GET", "/public/data/latest/units.csv", {}),
    ("GET", "/public/data/1/units.csv", {}),
    ("GET", f"/public/survey/{TOKEN}", {}),
    ("POST", f"/public/survey/{TOKEN}", {"json": {"u1": 4}}),
    ("GET", f"/public/survey/{TOKEN}/qr.svg", {}),
    ("POST", f"/survei/{TOKEN}", {"data": {"u1": "4"}, "headers": {"accept": "application/json"}}),
]


@pytest.fixture
async def unreachable_app(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The app pointed at a PostgreSQL port where nothing listens: every connect is refused."""
    broken = Database(f"postgresql+asyncpg://nobody@127.0.0.1:{free_port()}/none")
    try:
        async with _running(create_app(settings, broken)) as c:
            yield c
    finally:
        await broken.dispose()


@pytest.mark.parametrize(("method", "path", "kwargs"), REQUESTS, ids=[r[1] for r in REQUESTS])
async def test_every_endpoint_answers_503_json_when_the_database_refuses_connections(
    unreachable_app: httpx.AsyncClient,
    caplog: pytest.LogCaptureFixture,
    method: str,
    path: str,
    kwargs: dict[str, Any],
) -> None:
    caplog.set_level(logging.DEBUG)
    cookies = kwargs.pop("cookies", None)
    if cookies:
        unreachable_app.cookies.update(cookies)
    response = await unreachable_app.request(method, path, **kwargs)
    _assert_503_json(response)
    _quiet(caplog)


async def test_the_survey_page_gets_a_page_not_json(unreachable_app: httpx.AsyncClient) -> None:
    for method in ("GET", "POST"):
        response = await unreachable_app.request(
            method, f"/survei/{TOKEN}", headers={"accept": "text/html"}, data={"u1": "4"}
        )
        assert response.status_code == 503
        assert response.headers["content-type"].startswith("text/html")
        assert int(response.headers["retry-after"]) >= 1
        assert "belum tersimpan" in response.text


async def test_public_503_carries_cors_headers(unreachable_app: httpx.AsyncClient) -> None:
    response = await unreachable_app.post(
        "/public/graphql",
        json={"query": "{ about { instansi } }"},
        headers={"origin": "https://koran.example"},
    )
    _assert_503_json(response)
    assert response.headers["access-control-allow-origin"] == "*"


async def test_healthz_says_when_to_come_back(unreachable_app: httpx.AsyncClient) -> None:
    response = await unreachable_app.get("/healthz")
    assert response.status_code == 503
    assert int(response.headers["retry-after"]) >= 1


# --- away, then back: the service recovers by itself -------------------------------------------


PHRASE = "mutation($t: String!) { createFeedbackPhrase(input: {text: $t}) { errors { code } } }"


async def _write_through_graphql(c: httpx.AsyncClient, text: str) -> httpx.Response:
    """A mutation (it writes a row and an audit event): the failure happens inside a resolver."""
    return await c.post("/api/graphql", json={"query": PHRASE, "variables": {"t": text}})


async def test_database_away_then_back_503_then_200(
    settings: Settings, db: Database, small_org: SmallOrg, caplog: pytest.LogCaptureFixture
) -> None:
    """PostgreSQL: a real TCP hop in front of the server is stopped (the pooled connections are
    cut, new ones refused), then started again on the same port. SQLite has no server to stop;
    there the database is made unusable by another process's writer holding its lock."""
    caplog.set_level(logging.DEBUG)
    if PG_URL:
        url = make_url(PG_URL)
        proxy = TcpProxy((url.host or "127.0.0.1", url.port or 5432))
        await proxy.start()
        app_db = Database(url.set(host="127.0.0.1", port=proxy.port).render_as_string(False))
        try:
            async with _running(create_app(settings, app_db)) as c:
                assert (await login(c, "hradmin")).status_code == 200
                me = {"query": "{ me { login } }"}
                assert (await c.post("/api/graphql", json=me)).status_code == 200
                await proxy.stop()  # the pooled connections die, new ones are refused
                _assert_503_json(await c.post("/api/graphql", json=me))
                _assert_503_json(await _write_through_graphql(c, "Terima kasih"))
                _assert_503_json(
                    await c.post("/public/graphql", json={"query": "{ units { code } }"})
                )
                _assert_503_json(await login(c, "staf2"))
                assert (await c.get("/healthz")).status_code == 503
                await proxy.start()  # back, at the same address: no restart of the app
                again = await c.post("/api/graphql", json=me)
                assert again.status_code == 200, again.text
                assert again.json()["data"]["me"]["login"] == "hradmin"
                written = await _write_through_graphql(c, "Terima kasih")
                assert written.json()["data"]["createFeedbackPhrase"]["errors"] == []
                assert (await login(c, "staf2")).status_code == 200
                assert (await c.get("/healthz")).status_code == 200
        finally:
            await app_db.dispose()
            if proxy.server is not None and proxy.server.is_serving():
                await proxy.stop()
    else:
        await _locked_then_released(settings, db, DatabaseTimeouts(sqlite_busy_timeout_ms=50))
    _quiet(caplog)


async def test_a_held_table_lock_fails_fast_with_503(
    settings: Settings, db: Database, small_org: SmallOrg, caplog: pytest.LogCaptureFixture
) -> None:
    """Another connection holds a lock the request needs. The request does not wait for it
    (``lock_timeout`` on PostgreSQL, ``busy_timeout`` on SQLite): 503 DATABASE_BUSY, and the
    same request succeeds once the lock is gone.

    No clock is read: if the timeout were not applied, the PostgreSQL holder ends its own
    transaction after 20 s (``idle_in_transaction_session_timeout``) and the request would
    then succeed, failing the 503 assertion instead of hanging the suite."""
    caplog.set_level(logging.DEBUG)
    timeouts = DatabaseTimeouts(lock_timeout_ms=200, sqlite_busy_timeout_ms=50)
    await _locked_then_released(settings, db, timeouts)
    _quiet(caplog)


async def _locked_then_released(
    settings: Settings, db: Database, timeouts: DatabaseTimeouts
) -> None:
    app_db = Database(db.url, timeouts=timeouts)
    try:
        async with _running(create_app(settings, app_db)) as c:
            assert (await login(c, "hradmin")).status_code == 200
            async with _lock_held(db.url, ("login_failure", "feedback_phrase")):
                _assert_503_json(await login(c, "staf2"), "DATABASE_BUSY")
                _assert_503_json(await _write_through_graphql(c, "Bagus"), "DATABASE_BUSY")
                # Reading what the lock does not cover still works meanwhile.
                me = await c.post("/api/graphql", json={"query": "{ me { login } }"})
                assert me.status_code == 200, me.text
            done = await _write_through_graphql(c, "Bagus")
            assert done.status_code == 200, done.text
            assert done.json()["data"]["createFeedbackPhrase"]["errors"] == []
            assert (await login(c, "staf2")).status_code == 200
        async with db.read() as session:
            # Nothing of the refused attempts was kept (the holder's row was rolled back too).
            keys = (await session.scalars(sa.select(LoginFailure.login_key))).all()
        assert keys == []
    finally:
        await app_db.dispose()


@contextlib.asynccontextmanager
async def _lock_held(url: str, tables: tuple[str, ...]) -> AsyncIterator[None]:
    """Another connection in the middle of a transaction that holds ``tables`` (PostgreSQL:
    ``LOCK TABLE … ACCESS EXCLUSIVE``; SQLite: the database's one write lock)."""
    if make_url(url).get_backend_name() == "postgresql":
        holder = create_async_engine(url)
        try:
            async with holder.connect() as conn:
                await conn.execute(sa.text("SET idle_in_transaction_session_timeout = '20s'"))
                await conn.execute(
                    sa.text(f"LOCK TABLE {', '.join(tables)} IN ACCESS EXCLUSIVE MODE")
                )
                yield
                await conn.rollback()
        finally:
            await holder.dispose()
        return
    path = make_url(url).database
    assert path
    sqlite_holder = sqlite3.connect(path, isolation_level=None)
    try:
        sqlite_holder.execute("BEGIN IMMEDIATE")
        yield
        sqlite_holder.execute("ROLLBACK")
    finally:
        sqlite_holder.close()


# --- timeouts are settings, applied to every connection ----------------------------------------


async def test_timeout_defaults_and_settings_reach_every_connection(settings: Settings) -> None:
    defaults = Database.from_settings(settings)
    tuned = Database.from_settings(
        replace(
            settings,
            db_statement_timeout_ms=1_234,
            db_lock_timeout_ms=567,
            sqlite_busy_timeout_ms=890,
        )
    )
    try:
        for database, expected in (
            (defaults, ("15s", "3s", 5_000)),
            (tuned, ("1234ms", "567ms", 890)),
        ):
            async with database.engine.connect() as conn:
                if database.is_sqlite:
                    assert await conn.scalar(sa.text("PRAGMA busy_timeout")) == expected[2]
                else:
                    assert await conn.scalar(sa.text("SHOW statement_timeout")) == expected[0]
                    assert await conn.scalar(sa.text("SHOW lock_timeout")) == expected[1]
    finally:
        await defaults.dispose()
        await tuned.dispose()


def test_timeouts_are_read_from_the_environment() -> None:
    env = {
        "KINERJA_DB_STATEMENT_TIMEOUT_MS": "2000",
        "KINERJA_DB_LOCK_TIMEOUT_MS": "0",
        "KINERJA_SQLITE_BUSY_TIMEOUT_MS": "750",
        "KINERJA_DB_CONNECT_TIMEOUT_SECONDS": "3",
        "KINERJA_DB_POOL_TIMEOUT_SECONDS": "4",
    }
    timeouts = DatabaseTimeouts.from_settings(Settings.from_env(env))
    assert timeouts == DatabaseTimeouts(2_000, 0, 750, 3, 4)
    assert DatabaseTimeouts.from_settings(Settings.from_env({})) == DatabaseTimeouts()
    # Command-line jobs (demo load, publication) are not cut by the request timeouts.
    assert timeouts.for_batch_jobs().statement_timeout_ms == 0
    assert timeouts.for_batch_jobs().lock_timeout_ms == 0
    for bad in ("-1", "soon", "1.5"):
        with pytest.raises(SettingsError, match="KINERJA_DB_STATEMENT_TIMEOUT_MS"):
            Settings.from_env({"KINERJA_DB_STATEMENT_TIMEOUT_MS": bad})


async def test_a_long_statement_is_cut_and_reported_as_busy(db_url: str) -> None:
    """PostgreSQL cuts a statement at ``statement_timeout``; SQLite has no statement timeout,
    its equivalent failure is a writer that cannot get the lock within ``busy_timeout``."""
    database = Database(
        db_url, timeouts=DatabaseTimeouts(statement_timeout_ms=50, sqlite_busy_timeout_ms=20)
    )
    try:
        with pytest.raises(sa_exc.DBAPIError) as caught:
            await _statement_that_cannot_finish(database, db_url)
        trouble = classify_database_error(caught.value)
        assert trouble is not None
        assert trouble.kind is TroubleKind.BUSY
        assert trouble.status == 503
    finally:
        await database.dispose()


async def _statement_that_cannot_finish(database: Database, db_url: str) -> None:
    if database.is_sqlite:
        async with _lock_held(db_url, ()), database.write() as session:
            await session.execute(sa.insert(FeedbackPhrase).values(text="x", active=True))
    else:
        async with database.read() as session:
            await session.execute(sa.text("SELECT pg_sleep(5)"))


# --- what counts as "away or busy", and what stays a bug --------------------------------------


async def test_real_failures_are_classified(db_url: str, db: Database, small_org: SmallOrg) -> None:
    # Refused connection (raised by the driver as OSError): unavailable.
    nowhere = Database(f"postgresql+asyncpg://nobody@127.0.0.1:{free_port()}/none")
    try:
        with pytest.raises(ConnectionRefusedError) as refused:
            async with nowhere.read() as session:
                await session.execute(sa.text("SELECT 1"))
    finally:
        await nowhere.dispose()
    found = classify_database_error(refused.value)
    assert found is not None
    assert found.kind is TroubleKind.UNAVAILABLE
    # No connection free in the pool within pool_timeout: busy.
    tight = create_async_engine(db_url, pool_size=1, max_overflow=0, pool_timeout=0.01)
    try:
        async with tight.connect():
            with pytest.raises(sa_exc.TimeoutError) as pool:
                async with tight.connect():
                    pass
    finally:
        await tight.dispose()
    found = classify_database_error(pool.value)
    assert found is not None
    assert found.kind is TroubleKind.BUSY
    # Bugs stay bugs: a constraint violation, a missing table, a syntax error.
    for statement in (
        "INSERT INTO user_account (id, login, password_hash, active) "
        "SELECT id, login, password_hash, active FROM user_account",
        "SELECT * FROM no_such_table",
        "SELEC 1",
    ):
        with pytest.raises(sa_exc.DBAPIError) as bug:
            async with db.write() as session:
                await session.execute(sa.text(statement))
        assert classify_database_error(bug.value) is None, statement
    # A disk error or a refused connection raised by our own code is not the database.
    assert classify_database_error(OSError(28, "No space left on device")) is None
    assert classify_database_error(ConnectionRefusedError(111, "refused")) is None
    assert classify_database_error(None) is None
