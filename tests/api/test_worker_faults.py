"""Faults of a real server process (``kinerja serve`` in a subprocess), not of an app in the
test's own process:

- ``kill -9`` while the worker is inside a write transaction (a CSV import of thousands of
  pegawai through the staff API): not one of its rows and not its audit event is left, the audit
  chain verifies, and the restarted server imports the same file.
- The database goes away (PostgreSQL: a TCP hop in front of it is cut and new connections are
  refused; SQLite: another process holds its write lock): the worker answers 503 with
  Retry-After, and serves again as soon as the database is back, without a restart.

(Killing a worker in the middle of an upload: tests/api/work/test_upload_resilience.py.)
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import httpx
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from server.config import Settings
from server.db.engine import Database
from server.db.models import AuditEvent, Employee
from server.domain.enums import Gender
from server.domain.nip import make_nip
from server.services.actor import system_actor
from server.services.audit import verify_audit_chain
from server.services.imports import import_employees
from tests.conftest import PASSWORD, PG_URL, SmallOrg
from tests.network import TcpProxy, free_port

ROOT = Path(__file__).resolve().parents[2]
IMPORT = "mutation($csv: String!) { importEmployees(csv: $csv) { errors { code message } } }"
PHRASE = "mutation($t: String!) { createFeedbackPhrase(input: {text: $t}) { errors { code } } }"
ROWS = 8_000


def _employees_csv(count: int, first: int = 0) -> str:
    lines = ["nip,nama,jenis_asn,golongan,status,kode_jabatan,tmt_jabatan"]
    for i in range(first, first + count):
        birth = date(1970 + i % 30, 1 + (i // 30) % 12, 1 + (i // 360) % 28)
        nip = make_nip(birth, date(2020, 1, 1), Gender.PEREMPUAN, 1 + i % 999)
        lines.append(f"{nip},Pegawai Uji {i},PNS,III/a,AKTIF,,")
    return "\n".join(lines) + "\n"


def _spawn(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "server", "serve", "--port", str(port)],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


@contextlib.asynccontextmanager
async def _server(
    settings: Settings, database_url: str, **extra: str
) -> AsyncIterator[tuple[str, subprocess.Popen[bytes]]]:
    port = free_port()
    env = {
        **os.environ,
        "KINERJA_DATA_DIR": str(settings.data_dir),
        "KINERJA_DATABASE_URL": database_url,
        "KINERJA_WEB_DIST": str(settings.web_dist),
        "KINERJA_LOG_LEVEL": "WARNING",
        **extra,
    }
    process = _spawn(env, port)
    base = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(timeout=2) as probe:
            for _ in range(600):
                if process.poll() is not None:
                    raise RuntimeError("the server exited")
                with contextlib.suppress(httpx.HTTPError):
                    if (await probe.get(f"{base}/healthz")).status_code == 200:
                        break
                await asyncio.sleep(0.1)
            else:
                raise RuntimeError("the server did not become healthy")
        yield base, process
    finally:
        if process.poll() is None:
            process.terminate()
        # Waited for off the event loop: the TCP hop in front of PostgreSQL runs in this loop,
        # and the worker's shutdown closes its connections through it.
        await asyncio.to_thread(process.wait, 60)


async def _counts(db: Database) -> tuple[int, int]:
    async with db.read() as s:
        employees = await s.scalar(sa.select(sa.func.count()).select_from(Employee))
        events = await s.scalar(sa.select(sa.func.count()).select_from(AuditEvent))
    return int(employees or 0), int(events or 0)


async def _writer_is_busy(db: Database) -> bool:
    """Someone else is inside a transaction that wrote to ``employee`` (PostgreSQL) or holds
    the database's write lock (SQLite)."""
    if db.is_sqlite:
        path = make_url(db.url).database
        assert path
        probe = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            return True
        else:
            probe.execute("ROLLBACK")
            return False
        finally:
            probe.close()
    async with db.read() as s:
        held = await s.scalar(
            sa.text(
                "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                "WHERE c.relname = 'employee' AND l.mode = 'RowExclusiveLock' AND l.granted "
                "AND l.pid <> pg_backend_pid()"
            )
        )
    return bool(held)


async def test_kill_9_inside_a_write_transaction_leaves_nothing_behind(
    settings: Settings, db: Database, small_org: SmallOrg
) -> None:
    csv = _employees_csv(ROWS)
    async with (
        _server(settings, settings.database_url) as (base, worker),
        httpx.AsyncClient(base_url=base, timeout=120) as c,
    ):
        assert (await c.post("/auth/login", json={"login": "hradmin", "password": PASSWORD})).status_code == 200  # fmt: skip
        employees_before, events_before = await _counts(db)
        importing = asyncio.create_task(
            c.post("/api/graphql", json={"query": IMPORT, "variables": {"csv": csv}})
        )
        for _ in range(3_000):  # the import parses first, then opens its one transaction
            if await _writer_is_busy(db):
                break
            assert not importing.done(), "the import finished before it could be caught"
            await asyncio.sleep(0.005)
        else:
            raise AssertionError("the import never started writing")
        # With one worker, uvicorn serves in the serve process itself: kill -9 it now.
        os.kill(worker.pid, signal.SIGKILL)
        try:
            await importing
        except httpx.HTTPError:
            pass  # the connection died with the worker: nobody got an answer
        else:
            raise AssertionError("the killed worker answered")
    for _ in range(500):  # PostgreSQL rolls back once it notices its client is gone
        if not await _writer_is_busy(db):
            break
        await asyncio.sleep(0.02)
    assert await _counts(db) == (employees_before, events_before)
    chain = await verify_audit_chain(db)
    assert chain.intact, chain
    assert chain.events_checked == events_before
    # A new worker on the same database imports the same file, whole.
    async with (
        _server(settings, settings.database_url) as (base, _),
        httpx.AsyncClient(base_url=base, timeout=300) as c,
    ):
        assert (await c.post("/auth/login", json={"login": "hradmin", "password": PASSWORD})).status_code == 200  # fmt: skip
        small = _employees_csv(50, first=ROWS)
        done = await c.post("/api/graphql", json={"query": IMPORT, "variables": {"csv": small}})
        assert done.status_code == 200, done.text
        assert done.json()["data"]["importEmployees"]["errors"] == []
    assert (await _counts(db))[0] == employees_before + 50
    assert (await verify_audit_chain(db)).intact


def _assert_503(response: httpx.Response) -> None:
    assert response.status_code == 503, response.text
    assert int(response.headers["retry-after"]) >= 1


async def test_a_worker_process_answers_503_while_the_database_is_away_then_recovers(
    settings: Settings, db: Database, small_org: SmallOrg
) -> None:
    me = {"query": "{ me { login } }"}
    if PG_URL:
        url = make_url(PG_URL)
        proxy = TcpProxy((url.host or "127.0.0.1", url.port or 5432))
        await proxy.start()
        via_proxy = url.set(host="127.0.0.1", port=proxy.port).render_as_string(False)
        try:
            async with (
                _server(settings, via_proxy) as (base, _),
                httpx.AsyncClient(base_url=base, timeout=60) as c,
            ):
                assert (await c.post("/auth/login", json={"login": "hradmin", "password": PASSWORD})).status_code == 200  # fmt: skip
                assert (await c.post("/api/graphql", json=me)).status_code == 200
                await proxy.stop()  # pooled connections cut, new ones refused
                _assert_503(await c.post("/api/graphql", json=me))
                _assert_503(await c.post("/api/graphql", json={"query": PHRASE, "variables": {"t": "Bagus"}}))  # fmt: skip
                _assert_503(await c.get("/healthz"))
                await proxy.start()  # back on the same address; the worker was not restarted
                again = await c.post("/api/graphql", json=me)
                assert again.status_code == 200, again.text
                assert again.json()["data"]["me"]["login"] == "hradmin"
                assert (await c.get("/healthz")).status_code == 200
        finally:
            if proxy.server is not None and proxy.server.is_serving():
                await proxy.stop()
        return
    path = make_url(settings.database_url).database
    assert path
    async with (
        _server(settings, settings.database_url, KINERJA_SQLITE_BUSY_TIMEOUT_MS="100") as (base, _),
        httpx.AsyncClient(base_url=base, timeout=60) as c,
    ):
        assert (await c.post("/auth/login", json={"login": "hradmin", "password": PASSWORD})).status_code == 200  # fmt: skip
        holder = sqlite3.connect(path, isolation_level=None)
        try:
            holder.execute("BEGIN IMMEDIATE")  # another process's writer holds the lock
            busy = await c.post("/api/graphql", json={"query": PHRASE, "variables": {"t": "Bagus"}})
            _assert_503(busy)
            assert busy.json()["errors"][0]["extensions"]["code"] == "DATABASE_BUSY"
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        done = await c.post("/api/graphql", json={"query": PHRASE, "variables": {"t": "Bagus"}})
        assert done.status_code == 200, done.text
        assert done.json()["data"]["createFeedbackPhrase"]["errors"] == []


async def test_the_fixture_csv_is_valid(db: Database, small_org: SmallOrg) -> None:
    """The file the kill test imports is one the import accepts whole (else the test would
    prove nothing about a transaction)."""
    report = await import_employees(db, system_actor("test"), _employees_csv(300).encode())
    assert report.errors == []
    assert report.created == 300
