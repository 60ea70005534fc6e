"""Issue 10: the public API's numeric limits are told by ``about { limits }`` from the same
values the server enforces (one source), and every answer carries ``extensions.cost``."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from server.app import create_app
from server.config import Settings
from server.db.engine import Database
from tests.api.releases.conftest import Org, publish

PUBLIC = "/public/graphql"
LIMITS = """{ about { limits { maxDepth maxAliases maxTokens maxCost defaultPageSize maxPageSize
maxFilterValues ratePerMinute rateBurst maxBodyBytes } } }"""


@pytest.fixture
async def tight(settings: Settings, db: Database) -> AsyncIterator[httpx.AsyncClient]:
    """An instance configured with its own cost ceiling and rate, to prove they are read."""
    configured = dataclasses.replace(
        settings, public_max_cost=2500, public_rate_burst=9, public_rate_per_minute=30
    )
    app = create_app(configured, db)
    transport = httpx.ASGITransport(app=app, client=("203.0.113.9", 4000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


async def _post(client: httpx.AsyncClient, query: str) -> httpx.Response:
    return await client.post(PUBLIC, json={"query": query})


def _nested(depth: int) -> str:
    """``unitTree { children { children … code } }`` of ``depth`` levels."""
    inner = "code"
    for _ in range(depth - 1):
        inner = f"children {{ {inner} }}"
    return f"{{ unitTree {{ {inner} }} }}"


async def test_limits_are_told_and_enforced_from_one_source(
    tight: httpx.AsyncClient, db: Database, settings: Settings, org: Org
) -> None:
    await publish(db, settings)
    response = await _post(tight, LIMITS)
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    limits = body["data"]["about"]["limits"]
    assert limits == {
        "maxDepth": 8,
        "maxAliases": 15,
        "maxTokens": 2000,
        "maxCost": 2500,
        "defaultPageSize": 20,
        "maxPageSize": 100,
        "maxFilterValues": 20,
        "ratePerMinute": 30,
        "rateBurst": 9,
        "maxBodyBytes": 16000,
    }
    assert body["extensions"]["cost"]["maximumAvailable"] == limits["maxCost"]
    assert body["extensions"]["cost"]["requestedQueryCost"] > 0

    # Depth: the told maximum passes, one more is refused.
    assert "errors" not in (await _post(tight, _nested(limits["maxDepth"]))).json()
    deep = (await _post(tight, _nested(limits["maxDepth"] + 1))).json()
    assert "depth" in deep["errors"][0]["message"].lower()
    # Aliases: the told maximum passes, one more is refused.
    many = " ".join(f"a{i}: about {{ instansi }}" for i in range(limits["maxAliases"]))
    assert "errors" not in (await _post(tight, "{ " + many + " }")).json()
    too_many = many + " z: about { instansi }"
    assert (await _post(tight, "{ " + too_many + " }")).json()["errors"]
    # Page size: the told maximum passes validation, one more is refused with a clear code.
    page = "{ latestRelease { units(first: %d) { totalCount } } }"
    assert "errors" not in (await _post(tight, page % limits["maxPageSize"])).json()
    over = (await _post(tight, page % (limits["maxPageSize"] + 1))).json()
    assert over["errors"][0]["extensions"]["code"] == "BAD_PAGE_SIZE"
    # Body: one byte over is refused.
    big = await tight.post(
        PUBLIC,
        content=b'{"query": "{ about { instansi } }", "x": "'
        + b"a" * limits["maxBodyBytes"]
        + b'"}',
        headers={"content-type": "application/json"},
    )
    assert big.status_code == 413


async def test_every_answer_carries_its_cost_and_the_burst_is_the_told_one(
    tight: httpx.AsyncClient,
) -> None:
    limits = (await _post(tight, LIMITS)).json()["data"]["about"]["limits"]
    statuses: list[int] = []
    # Fresh, cached, GET and failing answers alike report their cost until the burst is spent.
    queries = ["{ about { instansi } }", "{ units { code } }", "{ noSuchField }"]
    for i in range(limits["rateBurst"] + 5):
        query = queries[i % len(queries)]
        response = (
            await tight.get(PUBLIC, params={"query": query}) if i % 2 else await _post(tight, query)
        )
        statuses.append(response.status_code)
        if response.status_code == 429:
            assert int(response.headers["retry-after"]) >= 1
            continue
        assert "cost" in response.json()["extensions"], (i, response.text)
    # The LIMITS request above took one token of the burst.
    assert statuses[: limits["rateBurst"] - 1] == [200] * (limits["rateBurst"] - 1)
    assert 429 in statuses[limits["rateBurst"] - 1 :]
