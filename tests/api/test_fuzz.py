"""Fuzzing both GraphQL schemas (hypothesis-graphql), bounded and derandomised for CI.

Each test sends generated operations to the ASGI app of a small demo city (a year of work,
last year evaluated and calibrated, a release published): no reply may be a 5xx or carry the
masked message of a crash, and the server must still answer afterwards.
The longer run is ``tests/bench/fuzz_long.py`` (``make bench``).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from server.config import Settings
from server.db.engine import Database
from server.demo import DEMO_PASSWORD
from server.services.actor import system_actor
from server.services.releases.publish import options_from_settings, publish_release
from tests.bench_support import SeededDemo, seed_demo
from tests.conftest import gql, login
from tests.fuzzing import (
    Sender,
    internal_mutations,
    internal_queries,
    public_queries,
    run_fuzz,
)

# A few hundred operations in all (make test); tests/bench/fuzz_long.py runs many more.
QUERY_EXAMPLES = 120  # per account
MUTATION_EXAMPLES = 100
PUBLIC_EXAMPLES = 80
BKPSDM = "admin.bkpsdm"


@pytest.fixture
def settings(tmp_path: Path, db_url: str) -> Settings:
    """The fuzz runs faster than a person: rate limits must not hide what the server does."""
    return Settings(
        data_dir=tmp_path,
        database_url=db_url,
        demo_mode=True,
        web_dist=tmp_path / "no-dist",
        public_rate_per_minute=1_000_000,
        public_rate_burst=1_000_000,
    )


@pytest.fixture
async def demo(db: Database, settings: Settings) -> SeededDemo:
    seeded = await seed_demo(settings, 120, migrate=False)
    await publish_release(db, system_actor("test"), "2025", options_from_settings(settings))
    return seeded


def internal_sender(
    client: httpx.AsyncClient, account: str
) -> tuple[asyncio.AbstractEventLoop, Sender]:
    async def send(query: str) -> httpx.Response:
        response = await client.post("/api/graphql", json={"query": query})
        if response.status_code == 401:  # a generated mutation may have ended the session
            await login(client, account, DEMO_PASSWORD)
            response = await client.post("/api/graphql", json={"query": query})
        return response

    return asyncio.get_running_loop(), send


async def _still_up(client: httpx.AsyncClient, account: str) -> None:
    await login(client, account, DEMO_PASSWORD)
    me = await gql(client, "{ me { login } }")
    assert me == {"data": {"me": {"login": account}}}
    public = await client.post("/public/graphql", json={"query": "{ about { instansi } }"})
    assert public.status_code == 200
    assert public.json()["data"]["about"]["instansi"]


@pytest.mark.parametrize("role", ["bkpsdm", "penilai"])
async def test_generated_internal_queries_never_crash(
    client: httpx.AsyncClient, demo: SeededDemo, role: str
) -> None:
    """As BKPSDM (sees everything) and as a Pejabat Penilai (row scoping on every path)."""
    account = BKPSDM if role == "bkpsdm" else demo.penilai
    assert (await login(client, account, DEMO_PASSWORD)).status_code == 200
    loop, send = internal_sender(client, account)
    run = await asyncio.to_thread(run_fuzz, loop, send, internal_queries(), examples=QUERY_EXAMPLES)
    assert run.sent >= QUERY_EXAMPLES
    assert run.with_data > 0  # the operations reached resolvers, not only validation
    await _still_up(client, account)


async def test_generated_internal_mutations_never_crash(
    client: httpx.AsyncClient, demo: SeededDemo
) -> None:
    assert (await login(client, BKPSDM, DEMO_PASSWORD)).status_code == 200
    loop, send = internal_sender(client, BKPSDM)
    run = await asyncio.to_thread(
        run_fuzz, loop, send, internal_mutations(), examples=MUTATION_EXAMPLES
    )
    assert run.sent >= MUTATION_EXAMPLES
    assert run.with_data > 0
    await _still_up(client, BKPSDM)


async def test_generated_public_queries_never_crash(
    client: httpx.AsyncClient, demo: SeededDemo
) -> None:
    async def send(query: str) -> httpx.Response:
        return await client.post("/public/graphql", json={"query": query})

    run = await asyncio.to_thread(
        run_fuzz, asyncio.get_running_loop(), send, public_queries(), examples=PUBLIC_EXAMPLES
    )
    assert run.sent >= PUBLIC_EXAMPLES
    assert run.with_data > 0
    await _still_up(client, BKPSDM)
