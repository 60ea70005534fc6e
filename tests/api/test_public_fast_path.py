"""The outermost shortcut of /public/graphql: the exact bytes of a repeated request are answered
with the exact response the whole stack sent the first time, without GraphQL; everything it
cannot decide alone goes down the normal path."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import date

import httpx
import orjson
import sqlalchemy as sa
from starlette.applications import Starlette

from server.app import create_app
from server.config import Settings
from server.db.engine import Database
from server.db.models import Unit
from server.domain.enums import UnitKind
from server.http.public_cache import PublicGraphQLFront
from server.http.security_headers import HEADERS
from tests.conftest import lifespan

PUBLIC = "/public/graphql"
ABOUT = {"query": "{ about { instansi } }"}
BIG = {"query": "{ __schema { types { name kind } } }"}  # over the gzip threshold


@contextlib.asynccontextmanager
async def running(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    async with lifespan(app):
        transport = httpx.ASGITransport(app=app, client=("10.4.4.4", 1234))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            yield c


def _without_cache_header(response: httpx.Response) -> list[tuple[str, str]]:
    return sorted((k, v) for k, v in response.headers.multi_items() if k != "x-cache")


async def test_the_same_bytes_are_answered_before_graphql_with_the_same_response(
    settings: Settings, db: Database
) -> None:
    app = create_app(settings, db)
    front: PublicGraphQLFront = app.state.public_front
    async with running(app) as c:
        body = orjson.dumps(ABOUT)
        headers = {"content-type": "application/json", "origin": "https://koran.example"}
        first = await c.post(PUBLIC, content=body, headers=headers)
        assert first.headers["x-cache"] == "MISS"
        again = await c.post(PUBLIC, content=body, headers=headers)
        assert front.fast_hits == 1
        assert again.headers["x-cache"] == "HIT"
        assert again.content == first.content
        assert _without_cache_header(again) == _without_cache_header(first)
        for name, value in HEADERS.items():  # outer middleware's headers are part of the bytes
            assert again.headers[name] == value
        assert again.headers["access-control-allow-origin"] == "*"
        # Other spacing is another request: the cache below the router answers it, not GraphQL.
        spaced = await c.post(PUBLIC, json={"query": "{about{instansi}}"})
        assert spaced.headers["x-cache"] == "HIT"
        assert front.misses == 1
        assert front.fast_hits == 1
        # Without the Origin header the CORS headers are absent: another variant.
        plain = await c.post(PUBLIC, content=body, headers={"content-type": "application/json"})
        assert "access-control-allow-origin" not in plain.headers
        assert plain.content == first.content


async def test_gzip_and_identity_are_kept_apart(settings: Settings, db: Database) -> None:
    app = create_app(settings, db)
    front: PublicGraphQLFront = app.state.public_front
    async with running(app) as c:
        answers: dict[str, list[httpx.Response]] = {}
        for encoding in ("gzip", "identity", "gzip", "identity"):
            response = await c.post(PUBLIC, json=BIG, headers={"accept-encoding": encoding})
            assert response.status_code == 200
            answers.setdefault(encoding, []).append(response)
        assert front.fast_hits == 2
        zipped, raw = answers["gzip"][1], answers["identity"][1]
        assert zipped.headers["content-encoding"] == "gzip"
        assert "content-encoding" not in raw.headers
        assert zipped.content == raw.content  # httpx decodes: the same answer
        assert int(zipped.headers["content-length"]) < len(raw.content)


async def test_one_request_takes_one_token(settings: Settings, db: Database) -> None:
    tight = replace(settings, public_rate_per_minute=1, public_rate_burst=3)
    async with running(create_app(tight, db)) as c:
        statuses = [(await c.post(PUBLIC, json=ABOUT)).status_code for _ in range(5)]
        via_get = await c.get(PUBLIC, params=ABOUT)
    assert statuses == [200, 200, 200, 429, 429]
    assert via_get.status_code == 429
    assert int(via_get.headers["retry-after"]) >= 1


async def test_conditional_errors_and_new_data_take_the_normal_path(
    settings: Settings, db: Database
) -> None:
    app = create_app(settings, db)
    front: PublicGraphQLFront = app.state.public_front
    async with running(app) as c:
        first = await c.get(PUBLIC, params=ABOUT)
        etag = first.headers["etag"]
        assert (await c.get(PUBLIC, params=ABOUT)).headers["x-cache"] == "HIT"
        assert front.fast_hits == 1
        # If-None-Match: 304, decided by the cache below the router.
        conditional = await c.get(PUBLIC, params=ABOUT, headers={"if-none-match": etag})
        assert conditional.status_code == 304
        assert front.fast_hits == 1
        # An answer with errors is never kept, so never replayed.
        for _ in range(2):
            wrong = await c.post(PUBLIC, json={"query": "{ about { nope } }"})
            assert wrong.json()["errors"]
            assert wrong.headers["cache-control"] == "no-store"
        assert front.fast_hits == 1
        # The public data change (a unit is added): the kept bytes are not sent again.
        async with db.write() as session:
            await session.execute(
                sa.insert(Unit).values(
                    code="BARU", name="Unit Baru", kind=UnitKind.BIDANG, valid_from=date(2020, 1, 1)
                )
            )
        front.invalidate()
        fresh = await c.get(PUBLIC, params=ABOUT)
        assert fresh.headers["x-cache"] == "MISS"
        assert front.fast_hits == 1


async def test_bodies_it_cannot_bound_go_to_the_route(settings: Settings, db: Database) -> None:
    async with running(create_app(settings, db)) as c:
        big = await c.post(PUBLIC, json={**ABOUT, "pad": "x" * 20_000})
        assert big.status_code == 413
        for _ in range(2):
            batch = await c.post(PUBLIC, json=[ABOUT, ABOUT])
            assert batch.status_code == 400
        not_json = await c.post(PUBLIC, content=b"{ about { instansi } }")
        assert not_json.status_code == 400
