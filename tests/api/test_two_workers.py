"""Two real server processes against one database and one Redis behave as one.

Two ``kinerja serve`` processes (two workers; the same as two machines) on their own ports,
with KINERJA_REDIS_URL set. Requests alternate between them. Client addresses come from
``X-Forwarded-For`` (the servers trust the proxy on 127.0.0.1, as in production behind a
reverse proxy), so each part of the test has its own address and bucket.

- The public bucket: the two processes together accept the burst once (alone, each would
  accept it: twice as many).
- The public cache: an answer computed by A is a hit in B (``X-Cache: HIT``).
- A release published by a third process (``kinerja publish``) is served by both at once,
  although their data-version recheck interval is an hour: only the announcement through
  Redis can have told them.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from server.config import Settings
from server.db.engine import Database
from tests.api.releases.conftest import TREE, build_org, publish, set_plans
from tests.network import free_port

ROOT = Path(__file__).resolve().parents[2]
BURST = 10
CITY = {"query": "{ latestRelease { number periodCode city { headcount } } }"}


def _start(env: dict[str, str], log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    # A log file, not a pipe that nobody reads (a full pipe blocks the server).
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "server", "serve", "--port", str(port)],
            env=env,
            cwd=ROOT,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    return process, f"http://127.0.0.1:{port}"


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-2000:]


async def _wait_healthy(process: subprocess.Popen[bytes], base: str, log: Path) -> None:
    async with httpx.AsyncClient(timeout=2) as client:
        for _ in range(600):
            if process.poll() is not None:
                raise RuntimeError(f"server exited: {_tail(log)}")
            try:
                if (await client.get(f"{base}/healthz")).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError("server did not become healthy")


@pytest.fixture
async def two_servers(
    settings: Settings, db: Database, redis_server: str, redis_prefix: str
) -> AsyncIterator[tuple[str, str, dict[str, str]]]:
    org = await build_org(db, TREE)
    await set_plans(db, org.employees["DINAS"][:15])
    await publish(db, settings)  # release 1
    env = {
        **os.environ,
        "KINERJA_DATA_DIR": str(settings.data_dir),
        "KINERJA_DATABASE_URL": settings.database_url,
        "KINERJA_WEB_DIST": str(settings.web_dist),
        "KINERJA_LOG_LEVEL": "WARNING",
        "KINERJA_REDIS_URL": redis_server,
        "KINERJA_REDIS_PREFIX": redis_prefix,
        "KINERJA_PUBLIC_RATE_PER_MINUTE": "1",
        "KINERJA_PUBLIC_RATE_BURST": str(BURST),
        "KINERJA_PUBLIC_CACHE_RECHECK_MS": str(3_600_000),
    }
    log_a, log_b = settings.data_dir / "worker-a.log", settings.data_dir / "worker-b.log"
    a, base_a = _start(env, log_a)
    b, base_b = _start(env, log_b)
    try:
        await asyncio.gather(_wait_healthy(a, base_a, log_a), _wait_healthy(b, base_b, log_b))
        yield base_a, base_b, env
    finally:
        for process in (a, b):
            process.terminate()
        for process in (a, b):
            process.wait(timeout=30)


async def _city(client: httpx.AsyncClient, base: str, address: str) -> httpx.Response:
    return await client.post(
        f"{base}/public/graphql", json=CITY, headers={"x-forwarded-for": address}
    )


async def test_two_processes_share_limits_cache_and_publications(
    two_servers: tuple[str, str, dict[str, str]],
) -> None:
    base_a, base_b, env = two_servers
    async with httpx.AsyncClient(timeout=30) as client:
        # The cache: computed by A, a hit in B.
        first = await _city(client, base_a, "198.51.100.1")
        assert first.status_code == 200, first.text
        assert first.headers["x-cache"] == "MISS"
        assert first.json()["data"]["latestRelease"]["number"] == 1
        second = await _city(client, base_b, "198.51.100.2")
        assert second.headers["x-cache"] == "HIT"
        assert (second.content, second.headers["etag"]) == (first.content, first.headers["etag"])

        # The public bucket: one address, alternating between the processes.
        statuses = [
            (await _city(client, (base_a, base_b)[i % 2], "198.51.100.3")).status_code
            for i in range(3 * BURST)
        ]
        assert statuses[:BURST] == [200] * BURST  # both processes accepted their share…
        # …and then neither: the burst was taken once over both (at 1 token a minute, at most
        # one more can have come back meanwhile). Alone, each would have accepted BURST.
        assert statuses[BURST:].count(200) <= 1, statuses
        assert statuses.count(429) >= 2 * BURST - 1

        # A publication by a third process reaches both servers' caches through Redis.
        done = await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "-m", "server", "publish", "--period", "2026-S2", "--provisional"],
            env=env, cwd=ROOT, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        seen: dict[str, int] = {}
        for attempt in range(100):  # the announcement is delivered asynchronously
            for base in (base_a, base_b):
                answer = await _city(client, base, f"203.0.113.{attempt + 1}")
                assert answer.status_code == 200, answer.text
                seen[base] = answer.json()["data"]["latestRelease"]["number"]
            if set(seen.values()) == {2}:
                break
            await asyncio.sleep(0.05)
        assert seen == {base_a: 2, base_b: 2}
