"""Per-session request rate of the internal API: a token bucket per session, 429 + Retry-After."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.applications import Starlette

from server.app import create_app
from server.config import Settings
from server.db.engine import Database
from server.http.rate_limits import RateLimiter, TokenBuckets
from tests.conftest import SmallOrg, lifespan, login

ME = {"query": "{ me { login } }"}


@pytest.fixture
async def tight_app(settings: Settings, db: Database) -> AsyncIterator[Starlette]:
    """Three requests at once per session, then one per second."""
    app = create_app(
        dataclasses.replace(settings, internal_rate_per_minute=60, internal_rate_burst=3), db
    )
    async with lifespan(app):
        yield app


def _client(app: Starlette, address: str = "10.1.2.3") -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 5555))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


async def test_a_session_over_its_rate_gets_429_with_retry_after(
    tight_app: Starlette, small_org: SmallOrg
) -> None:
    async with _client(tight_app) as staf, _client(tight_app) as other_session:
        assert (await login(staf, "staf")).status_code == 200
        statuses = [(await staf.post("/api/graphql", json=ME)).status_code for _ in range(3)]
        assert statuses == [200, 200, 200]
        refused = await staf.post("/api/graphql", json=ME)
        assert refused.status_code == 429
        assert refused.headers["retry-after"] == "1"
        body = refused.json()
        assert body["data"] is None
        (error,) = body["errors"]
        assert error["extensions"] == {"code": "RATE_LIMITED", "retryAfter": 1}
        assert "coba lagi dalam 1 detik" in error["message"]
        # Per session: another session (even of the same person, from the same address) has
        # its own allowance.
        assert (await login(other_session, "staf")).status_code == 200
        assert (await other_session.post("/api/graphql", json=ME)).status_code == 200


async def test_requests_without_a_valid_session_do_not_use_anyone_s_allowance(
    tight_app: Starlette, small_org: SmallOrg
) -> None:
    async with _client(tight_app) as anonymous, _client(tight_app) as staf:
        for _ in range(10):
            anonymous.cookies.set("kinerja_session", "forged-token-value")
            assert (await anonymous.post("/api/graphql", json=ME)).status_code == 401
        assert (await login(staf, "staf")).status_code == 200
        assert (await staf.post("/api/graphql", json=ME)).status_code == 200
    limiter: TokenBuckets = tight_app.state.session_rate_limiter
    assert len(limiter.buckets) == 1  # only the real session has a bucket


async def test_the_bucket_refills_and_is_behind_the_limiter_interface() -> None:
    now = [0.0]
    buckets = TokenBuckets(60, 2, clock=lambda: now[0])
    limiter: RateLimiter = buckets  # the interface the endpoints use (Redis later, issue 12)
    assert await limiter.acquire("session:a") == 0
    assert await limiter.acquire("session:a") == 0
    assert await limiter.acquire("session:a") == pytest.approx(1.0)
    assert await limiter.acquire("public:10.0.0.1") == 0  # keys are independent
    now[0] = 1.0
    assert await limiter.acquire("session:a") == 0
    assert await limiter.acquire("session:a", cost=3) == pytest.approx(3.0)


def test_default_rate_is_generous_for_a_person_and_tight_for_a_script() -> None:
    s = Settings()
    # A page of the SPA sends a handful of requests; a script sending many is slowed to 10/s.
    assert s.internal_rate_burst >= 60
    assert s.internal_rate_per_minute == 600
