"""Public endpoint protection (cost, rate limit, body, batching, CORS) and the response cache."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.applications import Starlette

from server.app import create_app
from server.config import Settings
from server.db.engine import Database
from server.http.public_cache import PublicGraphQLFront
from server.http.rate_limits import TokenBuckets
from tests.api.releases.conftest import PUBLIC, Org, public, publish
from tests.conftest import lifespan

CITY = "{ latestRelease { number city { headcount } } }"


async def test_query_cost_limit_reports_the_cost(
    client: httpx.AsyncClient, db: Database, settings: Settings, org: Org
) -> None:
    await publish(db, settings)
    cheap = await public(
        client, "{ latestRelease { units(first: 5) { edges { node { code } } } } }"
    )
    assert "errors" not in cheap, cheap
    costly = (
        "{ releases { units(first: 100) { edges { node { code headcount distribution { count } "
        "survey { unsur { nrr } } } } } } }"
    )
    body = await public(client, costly)
    assert body["data"] is None
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "QUERY_COST_LIMIT"
    cost = error["extensions"]["cost"]
    assert cost["maximumAvailable"] == settings.public_max_cost
    assert cost["requestedQueryCost"] > cost["maximumAvailable"]
    # Variables count too.
    via_variable = await public(
        client,
        "query($n: Int) { releases { units(first: $n) { edges { node { code survey { unsur { nrr } } } } } } }",
        {"n": 100},
    )
    assert via_variable["errors"][0]["extensions"]["code"] == "QUERY_COST_LIMIT"


@pytest.fixture
async def strict_client(settings: Settings, db: Database) -> AsyncIterator[httpx.AsyncClient]:
    tight = dataclasses.replace(settings, public_rate_per_minute=60, public_rate_burst=3)
    app = create_app(tight, db)
    async with lifespan(app):
        transport = httpx.ASGITransport(app=app, client=("10.7.7.7", 1))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            yield c


async def test_rate_limit_answers_429_with_retry_after(
    strict_client: httpx.AsyncClient, org: Org
) -> None:
    statuses = []
    for _ in range(3):
        statuses.append(
            (await strict_client.post(PUBLIC, json={"query": "{ about { instansi } }"})).status_code
        )
    assert statuses == [200, 200, 200]
    refused = await strict_client.post(
        PUBLIC, json={"query": "{ about { instansi } }"}, headers={"origin": "https://x.example"}
    )
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) >= 1
    assert refused.json()["error"]["code"] == "RATE_LIMITED"
    assert refused.headers["access-control-allow-origin"] == "*"  # readable by browser scripts
    # Downloads share the same bucket.
    assert (await strict_client.get("/public/data/latest/units.csv")).status_code == 429


def test_token_bucket_refills() -> None:
    now = [0.0]
    buckets = TokenBuckets(60, 2, clock=lambda: now[0])
    assert buckets.take("a") == 0
    assert buckets.take("a") == 0
    assert buckets.take("a") == pytest.approx(1.0)
    assert buckets.take("b") == 0  # per address
    now[0] = 1.0
    assert buckets.take("a") == 0


async def test_body_limit_and_batching(client: httpx.AsyncClient, org: Org) -> None:
    big = await client.post(PUBLIC, json={"query": "{ about { instansi } }", "pad": "x" * 20_000})
    assert big.status_code == 413
    batch = await client.post(PUBLIC, json=[{"query": CITY}, {"query": CITY}])
    assert batch.status_code == 400


async def test_cache_hit_etag_and_304(
    app: Starlette, client: httpx.AsyncClient, db: Database, settings: Settings, org: Org
) -> None:
    await publish(db, settings)
    front: PublicGraphQLFront = app.state.public_front
    first = await client.post(PUBLIC, json={"query": CITY})
    assert first.status_code == 200
    etag = first.headers["etag"]
    assert first.headers["cache-control"].startswith("public")
    misses = front.misses
    # Same query with other whitespace: a hit, same bytes, same ETag.
    again = await client.post(PUBLIC, json={"query": "{latestRelease{number city{headcount}}}"})
    assert (front.misses, again.content, again.headers["etag"]) == (misses, first.content, etag)
    assert front.hits >= 1
    not_modified = await client.post(PUBLIC, json={"query": CITY}, headers={"if-none-match": etag})
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    via_get = await client.get(PUBLIC, params={"query": CITY}, headers={"if-none-match": etag})
    assert via_get.status_code == 304
    # A new release changes the answer and its ETag at once in this process.
    await publish(db, settings, "2026-S2")
    fresh = await client.post(PUBLIC, json={"query": CITY}, headers={"if-none-match": etag})
    assert fresh.status_code == 200
    assert fresh.json()["data"]["latestRelease"]["number"] == 2
    assert fresh.headers["etag"] != etag


async def test_errors_are_not_cached(
    app: Starlette, client: httpx.AsyncClient, db: Database, settings: Settings, org: Org
) -> None:
    await publish(db, settings)
    front: PublicGraphQLFront = app.state.public_front
    for _ in range(2):
        body = await public(client, "{ latestRelease { units(first: 500) { totalCount } } }")
        assert body["errors"]
    assert front.hits == 0


async def test_browser_get_shows_a_self_hosted_page(client: httpx.AsyncClient) -> None:
    page = await client.get(PUBLIC, headers={"accept": "text/html"})
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "<script" not in page.text  # nothing to load from a CDN; our CSP allows none
    assert "/public/schema.graphql" in page.text
    assert "city_overview" in page.text
    sdl = await client.get("/public/schema.graphql")
    assert sdl.status_code == 200
    assert "type DataRelease" in sdl.text
    example = await client.get("/public/examples/city_overview.graphql")
    assert "latestRelease" in example.text
    assert (await client.get("/public/examples/..%2Fpublic.graphql")).status_code == 404
