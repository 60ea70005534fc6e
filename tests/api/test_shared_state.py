"""Rate limits and the public cache shared through Redis (KINERJA_REDIS_URL), and what happens
when Redis is away. Two app instances stand for two processes here (each has its own buckets,
caches and Redis connections); tests/api/test_two_workers.py runs two real server processes."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import replace

import httpx
import pytest
import redis.asyncio as aioredis
from starlette.applications import Starlette

from server.app import create_app
from server.config import Settings, SettingsError
from server.db.engine import Database
from server.http.rate_limits import SharedTokenBuckets, TokenBuckets
from server.http.shared_state import SharedState
from tests.conftest import SmallOrg, lifespan, login
from tests.network import TcpProxy, free_port

PUBLIC = "/public/graphql"
ABOUT = {"query": "{ about { instansi } }"}
ME = {"query": "{ me { login } }"}


@pytest.fixture
def shared_settings(settings: Settings, redis_server: str, redis_prefix: str) -> Settings:
    return replace(settings, redis_url=redis_server, redis_prefix=redis_prefix)


@contextlib.asynccontextmanager
async def running(app: Starlette, address: str = "10.9.9.9") -> AsyncIterator[httpx.AsyncClient]:
    async with lifespan(app):
        transport = httpx.ASGITransport(app=app, client=(address, 4444))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            yield c


async def _alternate(a: httpx.AsyncClient, b: httpx.AsyncClient, n: int) -> list[int]:
    statuses = []
    for i in range(n):
        response = await (a if i % 2 == 0 else b).post(PUBLIC, json=ABOUT)
        statuses.append(response.status_code)
        if response.status_code == 429:
            assert int(response.headers["retry-after"]) >= 1
    return statuses


async def test_the_public_bucket_holds_across_processes_with_redis(
    settings: Settings, shared_settings: Settings, db: Database
) -> None:
    for config, expected in ((shared_settings, 4), (settings, 8)):
        tight = replace(config, public_rate_per_minute=1, public_rate_burst=4)
        async with running(create_app(tight, db)) as a, running(create_app(tight, db)) as b:
            statuses = await _alternate(a, b, 12)
        # With Redis the two processes together let the burst through once; each process on its
        # own state lets it through once per process.
        assert statuses.count(200) == expected, (config.redis_url, statuses)
        assert statuses.count(429) == 12 - expected


async def test_a_session_s_bucket_holds_across_processes(
    shared_settings: Settings, db: Database, small_org: SmallOrg
) -> None:
    tight = replace(shared_settings, internal_rate_per_minute=1, internal_rate_burst=3)
    async with running(create_app(tight, db)) as a, running(create_app(tight, db)) as b:
        assert (await login(a, "staf")).status_code == 200
        b.cookies.update(a.cookies)  # the same session, sent to the other process
        statuses = [(await (a if i % 2 else b).post("/api/graphql", json=ME)).status_code
                    for i in range(6)]  # fmt: skip
    assert statuses == [200, 200, 200, 429, 429, 429]


async def test_an_answer_computed_by_one_process_is_a_hit_in_the_other(
    shared_settings: Settings, db: Database
) -> None:
    app_b = create_app(shared_settings, db)
    async with running(create_app(shared_settings, db)) as a, running(app_b) as b:
        first = await a.post(PUBLIC, json=ABOUT)
        assert first.headers["x-cache"] == "MISS"
        second = await b.post(PUBLIC, json=ABOUT)
        assert second.status_code == 200
        assert second.headers["x-cache"] == "HIT"
        assert (second.content, second.headers["etag"]) == (first.content, first.headers["etag"])
        front_b = app_b.state.public_front
        assert (front_b.misses, front_b.shared_hits) == (0, 1)  # GraphQL never ran in B


async def test_a_publication_announced_through_redis_is_seen_at_once(
    shared_settings: Settings, db: Database
) -> None:
    """The announcement alone (no local publication, a recheck interval of an hour) makes a
    process look at the data version again."""
    slow = replace(shared_settings, public_cache_recheck_seconds=3_600)
    app = create_app(slow, db)
    front = app.state.public_front
    async with running(app) as c:
        # The subscriber invalidates once when it has subscribed (announcements made before were
        # missed); wait for that, or it may land after the first request and reset the check.
        for _ in range(500):
            if front._invalidations:
                break
            await _yield_to_loop()
        assert front._invalidations == 1
        assert (await c.post(PUBLIC, json=ABOUT)).status_code == 200
        checked = front._checked_at
        assert checked > float("-inf")
        other = SharedState(slow.redis_url, slow.redis_prefix)  # another process announcing
        try:
            for _ in range(200):  # the subscriber runs in the app's event loop
                assert await other.announce_release()
                if front._checked_at == float("-inf"):
                    break
                await _yield_to_loop()
        finally:
            await other.aclose()
        assert front._checked_at == float("-inf")


async def _yield_to_loop() -> None:
    await asyncio.sleep(0.01)


# --- Redis away: fail open to this process's own state, with one warning ---------------------


async def test_redis_away_falls_back_to_this_process_with_one_warning(
    settings: Settings, db: Database, small_org: SmallOrg, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="server.shared_state")
    nowhere = replace(
        settings,
        redis_url=f"redis://127.0.0.1:{free_port()}/0",
        public_rate_per_minute=1,
        public_rate_burst=3,
    )
    app = create_app(nowhere, db)
    async with running(app) as c:
        statuses = [(await c.post(PUBLIC, json=ABOUT)).status_code for _ in range(5)]
        # Still limited, by this process's own bucket; nothing refused because Redis is away.
        assert statuses == [200, 200, 200, 429, 429]
        assert (await login(c, "staf")).status_code == 200
        assert (await c.post("/api/graphql", json=ME)).json()["data"]["me"]["login"] == "staf"
    shared: SharedState = app.state.shared_state
    assert shared.failures >= 1
    warnings = [r for r in caplog.records if "Redis unreachable" in r.getMessage()]
    assert len(warnings) == 1  # once per outage, not once per request
    assert warnings[0].levelno == logging.WARNING
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


async def test_shared_buckets_resume_when_redis_is_back(
    redis_server: str, redis_prefix: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="server.shared_state")
    host, port = redis_server.removeprefix("redis://").split("/")[0].split(":")
    proxy = TcpProxy((host, int(port)))
    await proxy.start()
    ticks = [0.0]
    shared = SharedState(
        f"redis://127.0.0.1:{proxy.port}/0", redis_prefix, retry_seconds=5, ticks=lambda: ticks[0]
    )
    direct = aioredis.Redis.from_url(redis_server)
    key = f"{redis_prefix}:rate:public:k"
    try:
        limiter = SharedTokenBuckets(shared, "public", 1, 5, lease_tokens=0)
        assert await limiter.acquire("k") == 0
        assert float(await direct.hget(key, "tokens") or -1) == pytest.approx(4, abs=0.01)
        await proxy.stop()
        assert await limiter.acquire("k") == 0  # from this process's own bucket
        assert shared.failures == 1
        for _ in range(3):  # while the pause lasts Redis is not asked again
            await limiter.acquire("k")
        assert shared.failures == 1
        await proxy.start()
        ticks[0] = 5.0
        assert await limiter.acquire("k") == 0
        assert float(await direct.hget(key, "tokens") or -1) == pytest.approx(3, abs=0.01)
        messages = [r.getMessage() for r in caplog.records]
        assert sum("Redis unreachable" in m for m in messages) == 1
        assert sum("Redis reachable again" in m for m in messages) == 1
    finally:
        await direct.aclose()
        await shared.aclose()
        if proxy.server is not None and proxy.server.is_serving():
            await proxy.stop()


async def test_the_redis_bucket_refills_and_says_how_long_to_wait(
    redis_server: str, redis_prefix: str
) -> None:
    shared = SharedState(redis_server, redis_prefix)
    try:
        limiter = SharedTokenBuckets(shared, "public", 60, 2)  # one token a second
        assert [await limiter.acquire("a") for _ in range(2)] == [0, 0]
        wait = await limiter.acquire("a")
        assert 0 < wait <= 1.0
        assert await limiter.acquire("b") == 0  # per key
        assert await limiter.acquire("c", cost=3) == pytest.approx(1.0, abs=0.01)  # over burst
        assert shared.redis is not None
        ttl = await shared.redis.pttl(f"{redis_prefix}:rate:public:a")
        assert 0 < ttl <= 3_000  # gone once it would be full again
        local = TokenBuckets(60, 2)
        assert [local.take("a") for _ in range(3)][:2] == [0, 0]
    finally:
        await shared.aclose()


async def test_leased_tokens_never_add_up_to_more_than_one_bucket(
    redis_server: str, redis_prefix: str
) -> None:
    """Two processes each take a few tokens ahead (fewer Redis round trips); together they still
    accept exactly one bucket, and an expired lease gives its unused tokens back."""
    ticks = [0.0]
    a = SharedState(redis_server, redis_prefix)
    b = SharedState(redis_server, redis_prefix)
    direct = aioredis.Redis.from_url(redis_server)
    try:
        first = SharedTokenBuckets(a, "public", 1, 40, lease_tokens=16, ticks=lambda: ticks[0])
        second = SharedTokenBuckets(b, "public", 1, 40, lease_tokens=16, ticks=lambda: ticks[0])
        waits = [await (first, second)[i % 2].acquire("x") for i in range(100)]
        assert waits.count(0) == 40
        assert all(w > 0 for w in waits if w)
        assert first.redis_calls + second.redis_calls < 40  # not one round trip per request
        # Requests arriving together wait for one round trip and share its lease.
        calls = first.redis_calls
        together = await asyncio.gather(*(first.acquire("z") for _ in range(10)))
        assert together == [0.0] * 10
        assert first.redis_calls == calls + 1
        # An expired lease goes back into the bucket with the next call.
        key = f"{redis_prefix}:rate:public:y"
        assert await first.acquire("y") == 0  # 40 - 1, then 16 of the 39 leased
        assert float(await direct.hget(key, "tokens") or -1) == pytest.approx(23, abs=0.1)
        ticks[0] = 2.0
        assert await first.acquire("y") == 0  # 23 + 16 back - 1, then 16 leased again
        assert float(await direct.hget(key, "tokens") or -1) == pytest.approx(22, abs=0.1)
    finally:
        await direct.aclose()
        await a.aclose()
        await b.aclose()


def test_redis_settings_are_checked() -> None:
    assert Settings.from_env({}).redis_url == ""
    env = {"KINERJA_REDIS_URL": "redis://:geheim@10.0.0.5:6379/2", "KINERJA_REDIS_PREFIX": "kota"}
    settings = Settings.from_env(env)
    assert (settings.redis_url, settings.redis_prefix) == (env["KINERJA_REDIS_URL"], "kota")
    assert "geheim" not in repr(settings)
    with pytest.raises(SettingsError, match="KINERJA_REDIS_URL") as bad:
        Settings.from_env({"KINERJA_REDIS_URL": "http://user:geheim@host"})
    assert "geheim" not in str(bad.value)
    for prefix in ("a b", "x" * 65, "k{1}"):
        with pytest.raises(SettingsError, match="KINERJA_REDIS_PREFIX"):
            Settings.from_env({"KINERJA_REDIS_PREFIX": prefix})
    assert (
        Settings.from_env({"KINERJA_PUBLIC_CACHE_RECHECK_MS": "250"}).public_cache_recheck_seconds
        == 0.25
    )
