"""The gate in front of /api/graphql: no valid session, no GraphQL at all; JSON POSTs only."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from server import clock
from server.db.engine import Database
from server.db.models import LoginSession, UserAccount
from server.db.models.audit import AuditEvent
from server.services.auth import SESSION_COOKIE
from tests.conftest import SmallOrg, gql, login

API = "/api/graphql"
ME = "query { me { login } }"


def _assert_unauthenticated(response: httpx.Response) -> None:
    assert response.status_code == 401, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["data"] is None
    assert len(body["errors"]) == 1
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert "masuk" in body["errors"][0]["message"].lower()


async def _session_update(db: Database, **values: Any) -> None:
    async with db.write() as session:
        await session.execute(
            sa.update(LoginSession).values(**values).execution_options(synchronize_session=False)
        )


async def _audit_count(db: Database) -> int:
    async with db.read() as session:
        return int(
            (await session.execute(sa.select(sa.func.count()).select_from(AuditEvent))).scalar_one()
        )


async def test_a_valid_session_reaches_the_api(
    client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    assert (await login(client, "staf")).status_code == 200
    assert await gql(client, ME) == {"data": {"me": {"login": "staf"}}}


@pytest.mark.parametrize(
    "query",
    [
        ME,
        "{ __typename }",
        "{ __schema { types { name } } }",
        "mutation { __typename }",
        "this is not even graphql",
    ],
)
async def test_without_a_session_every_request_is_unauthenticated(
    client: httpx.AsyncClient, small_org: SmallOrg, query: str
) -> None:
    _assert_unauthenticated(await client.post(API, json={"query": query}))


async def test_unknown_and_malformed_cookies_are_unauthenticated(
    client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    for value in ("bukan-token", "", "x" * 500, "%00%ff"):
        response = await client.post(
            API, json={"query": ME}, headers={"cookie": f"{SESSION_COOKIE}={value}"}
        )
        _assert_unauthenticated(response)


async def test_an_expired_session_is_unauthenticated(
    client: httpx.AsyncClient, small_org: SmallOrg, db: Database
) -> None:
    assert (await login(client, "staf")).status_code == 200
    assert (await client.post(API, json={"query": ME})).status_code == 200
    await _session_update(db, expires_at=clock.now() - timedelta(seconds=1))
    _assert_unauthenticated(await client.post(API, json={"query": ME}))


async def test_a_session_is_valid_until_it_expires(
    client: httpx.AsyncClient, small_org: SmallOrg, db: Database
) -> None:
    assert (await login(client, "staf")).status_code == 200
    await _session_update(db, expires_at=clock.now() + timedelta(seconds=30))
    assert (await client.post(API, json={"query": ME})).status_code == 200


async def test_a_revoked_session_is_unauthenticated(
    client: httpx.AsyncClient, small_org: SmallOrg, db: Database
) -> None:
    assert (await login(client, "staf")).status_code == 200
    await _session_update(db, revoked_at=clock.now())
    _assert_unauthenticated(await client.post(API, json={"query": ME}))


async def test_a_session_of_a_deactivated_account_is_unauthenticated(
    client: httpx.AsyncClient, small_org: SmallOrg, db: Database
) -> None:
    """Even if revoking the sessions was somehow missed, an inactive account gets nothing."""
    assert (await login(client, "staf")).status_code == 200
    async with db.write() as session:
        await session.execute(
            sa.update(UserAccount)
            .where(UserAccount.login == "staf")
            .values(active=False)
            .execution_options(synchronize_session=False)
        )
    _assert_unauthenticated(await client.post(API, json={"query": ME}))


async def test_unauthenticated_mutations_change_nothing(
    client: httpx.AsyncClient, small_org: SmallOrg, db: Database
) -> None:
    before = await _audit_count(db)
    response = await client.post(
        API,
        json={
            "query": "mutation($i: CreateUnitInput!) { createUnit(input: $i) { __typename } }",
            "variables": {"i": {"code": "X", "name": "X", "kind": "BIDANG"}},
        },
    )
    _assert_unauthenticated(response)
    assert await _audit_count(db) == before


async def test_get_is_refused_even_with_a_session(
    client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    assert (await login(client, "hradmin")).status_code == 200
    response = await client.get(API, params={"query": ME})
    assert response.status_code in {400, 404, 405}
    assert "hradmin" not in response.text
    mutation = await client.get(API, params={"query": "mutation { __typename }"})
    assert mutation.status_code in {400, 404, 405}
    assert '"data"' not in mutation.text


async def test_get_without_a_session_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.get(API, params={"query": ME})
    assert response.status_code in {401, 404, 405}
    assert response.headers["content-type"].startswith("application/json")


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b'{"query": "query { me { login } }"}', "text/plain"),
        (b'{"query": "query { me { login } }"}', "text/plain; charset=utf-8"),
        (b"query=query+%7B+me+%7B+login+%7D+%7D", "application/x-www-form-urlencoded"),
        (
            b'--b\r\nContent-Disposition: form-data; name="operations"\r\n\r\n'
            b'{"query": "query { me { login } }"}\r\n--b--\r\n',
            "multipart/form-data; boundary=b",
        ),
        (b'{"query": "query { me { login } }"}', ""),
    ],
)
async def test_non_json_posts_are_refused_even_with_a_session(
    client: httpx.AsyncClient, small_org: SmallOrg, content: bytes, content_type: str
) -> None:
    """A cross-site form or a "simple" fetch cannot carry a query (CSRF)."""
    assert (await login(client, "staf")).status_code == 200
    headers = {"content-type": content_type} if content_type else {}
    response = await client.post(API, content=content, headers=headers)
    assert response.status_code == 400, response.text
    assert '"login"' not in response.text
    assert "staf" not in response.text


async def test_cross_site_text_plain_mutation_changes_nothing(
    client: httpx.AsyncClient, small_org: SmallOrg, db: Database
) -> None:
    assert (await login(client, "hradmin")).status_code == 200
    before = await _audit_count(db)
    response = await client.post(
        API,
        content=b'{"query": "mutation { __typename }"}',
        headers={"content-type": "text/plain", "origin": "https://evil.example"},
    )
    assert response.status_code == 400
    assert await _audit_count(db) == before


async def test_batching_is_refused_on_the_internal_api(
    client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    assert (await login(client, "staf")).status_code == 200
    response = await client.post(API, json=[{"query": ME}, {"query": ME}])
    assert response.status_code == 400
    assert "staf" not in response.text


async def test_no_graphiql_on_the_internal_api(
    client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    assert (await login(client, "staf")).status_code == 200
    response = await client.get(API, headers={"accept": "text/html"})
    assert "graphiql" not in response.text.lower()
    assert response.status_code in {400, 404, 405}
