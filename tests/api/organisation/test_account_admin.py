"""The system administrator's account screen: the `accounts` list and `revokeSessions`.
Only SYSADMIN may use them; a refusal changes nothing; hostile input gets a clear error."""

from __future__ import annotations

from typing import Any

import httpx
import sqlalchemy as sa

from server.db.engine import Database
from tests.conftest import SmallOrg, count_statements, gql, login

LIST = (
    "query($s: String, $n: Int, $a: String) { accounts(search: $s, first: $n, after: $a) {"
    " totalCount pageInfo { hasNextPage endCursor }"
    " nodes { id login active roles employeeName employeeNip lastLoginAt openSessions } } }"
)
REVOKE = (
    "mutation($id: ID!) { revokeSessions(accountId: $id) {"
    " result { id login } errors { code field message } } }"
)


async def state(db: Database) -> tuple[Any, ...]:
    async with db.read() as s:
        sessions = (
            await s.execute(sa.text("SELECT id, revoked_at FROM login_session ORDER BY id"))
        ).all()
        audit = (await s.execute(sa.text("SELECT count(*) FROM audit_event"))).scalar_one()
    return tuple(map(tuple, sessions)), audit


async def listing(client: httpx.AsyncClient, **variables: Any) -> dict[str, Any]:
    body = await gql(client, LIST, variables)
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["accounts"]
    return result


async def test_sysadmin_lists_and_searches_accounts(
    client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    assert (await login(client, "sysadmin")).status_code == 200
    everything = await listing(client, n=100)
    logins = [n["login"] for n in everything["nodes"]]
    assert logins == sorted(logins)
    assert everything["totalCount"] == len(logins)
    auditor = next(n for n in everything["nodes"] if n["login"] == "auditor")
    assert auditor["roles"] == ["AUDITOR"]
    assert auditor["active"] is True
    me = next(n for n in everything["nodes"] if n["login"] == "sysadmin")
    assert me["openSessions"] >= 1
    assert me["lastLoginAt"] is not None
    staff = next(n for n in everything["nodes"] if n["employeeName"])
    # Search by login part, employee name (any case) and NIP.
    assert [n["login"] for n in (await listing(client, s="AUDIT"))["nodes"]] == ["auditor"]
    by_name = await listing(client, s=staff["employeeName"].upper())
    assert staff["login"] in [n["login"] for n in by_name["nodes"]]
    by_nip = await listing(client, s=staff["employeeNip"])
    assert [n["login"] for n in by_nip["nodes"]] == [staff["login"]]
    # Paging.
    first = await listing(client, n=2)
    assert len(first["nodes"]) == 2
    assert first["pageInfo"]["hasNextPage"]
    second = await listing(client, n=2, a=first["pageInfo"]["endCursor"])
    assert [n["login"] for n in second["nodes"]] == logins[2:4]


async def test_hostile_and_oversized_search(client: httpx.AsyncClient, small_org: SmallOrg) -> None:
    assert (await login(client, "sysadmin")).status_code == 200
    for text in ("%", "_", "' OR 1=1 --", "a" * 10_000, "\x00zz"):
        assert (await listing(client, s=text))["totalCount"] == 0, text
    for variables in ({"n": 10_000}, {"n": -1}, {"a": "bogus"}):
        body = await gql(client, LIST, variables)
        assert body.get("errors"), variables


async def test_only_sysadmin_lists_accounts(client: httpx.AsyncClient, small_org: SmallOrg) -> None:
    for user in ("hradmin", "auditor", "manager", next(iter(small_org.nips))):
        assert (await login(client, user)).status_code == 200
        body = await gql(client, LIST, {})
        assert body.get("errors"), user
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", body


async def test_list_statement_count_does_not_grow_with_page_size(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    assert (await login(client, "sysadmin")).status_code == 200
    await listing(client, n=1)
    with count_statements(db) as one:
        await listing(client, n=1)
    with count_statements(db) as many:
        await listing(client, n=100)
    assert len(many) == len(one)


async def test_revoke_sessions_signs_the_account_out_and_is_audited(
    client: httpx.AsyncClient, app: Any, db: Database, small_org: SmallOrg
) -> None:
    transport = httpx.ASGITransport(app=app, client=("10.1.2.4", 5555))
    other = httpx.AsyncClient(transport=transport, base_url="http://testserver")
    async with other:
        assert (await login(other, "auditor")).status_code == 200
        assert "errors" not in await gql(other, "{ me { login } }")
        assert (await login(client, "sysadmin")).status_code == 200
        body = await gql(client, REVOKE, {"id": str(small_org.ids["acc:auditor"])})
        assert body["data"]["revokeSessions"]["errors"] == [], body
        assert body["data"]["revokeSessions"]["result"]["login"] == "auditor"
        response = await other.post("/api/graphql", json={"query": "{ me { login } }"})
        assert response.status_code == 401
    events = await gql(
        client,
        '{ auditEvents(action: "account.revoke_sessions") { nodes { objectId after } } }',
    )
    node = events["data"]["auditEvents"]["nodes"][0]
    assert node["objectId"] == str(small_org.ids["acc:auditor"])
    assert node["after"]["sessions_ended"] >= 1


async def test_revoke_sessions_refusals_change_nothing(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    target = str(small_org.ids["acc:auditor"])
    for user in ("hradmin", "auditor", "manager"):
        assert (await login(client, user)).status_code == 200
        before = await state(db)
        body = await gql(client, REVOKE, {"id": target})
        payload = body["data"]["revokeSessions"]
        assert payload["result"] is None, body
        assert payload["errors"][0]["code"] == "FORBIDDEN", body
        assert await state(db) == before, user
    assert (await login(client, "sysadmin")).status_code == 200
    for bad, code in (("999999", "NOT_FOUND"), ("abc", "INVALID_INPUT"), ("1" * 500, None)):
        before = await state(db)
        body = await gql(client, REVOKE, {"id": bad})
        payload = (body.get("data") or {}).get("revokeSessions")
        if payload is not None:
            assert payload["result"] is None, body
            assert payload["errors"], body
            if code is not None:
                assert payload["errors"][0]["code"] == code, body
        else:
            assert body.get("errors"), body
        assert await state(db) == before, bad
