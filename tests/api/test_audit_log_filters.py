"""auditEvents filters (object, action, actor, days) for the auditor's screen: scoping, hostile
input, and a statement count that does not depend on the filters."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import httpx

from server import clock
from server.db.engine import Database
from tests.conftest import SmallOrg, count_statements, gql, login

QUERY = (
    "query($t: String, $i: String, $a: String, $p: String, $f: Date, $u: Date, $n: Int) {"
    " auditEvents(objectType: $t, objectId: $i, action: $a, actor: $p, occurredFrom: $f,"
    " occurredUntil: $u, first: $n) { totalCount nodes { seq action actorLabel objectType occurredAt } } }"
)


def day_of(node: dict[str, Any]) -> date:
    """The city's calendar day of an event."""
    return clock.day_of(datetime.fromisoformat(node["occurredAt"]))


async def events(client: httpx.AsyncClient, **variables: Any) -> dict[str, Any]:
    body = await gql(client, QUERY, {"n": 100, **variables})
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["auditEvents"]
    return result


async def test_filters_by_action_actor_and_days(
    client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    assert (await login(client, "auditor")).status_code == 200
    everything = await events(client)
    assert everything["totalCount"] > 0
    creates = await events(client, a="account.create")
    assert creates["totalCount"] > 0
    assert all(n["action"] == "account.create" for n in creates["nodes"])
    # A prefix finds the family of actions.
    family = await events(client, a="account.")
    assert family["totalCount"] >= creates["totalCount"]
    assert all(n["action"].startswith("account.") for n in family["nodes"])
    # The actor filter is a case-insensitive part of the label.
    label = everything["nodes"][0]["actorLabel"]
    by_actor = await events(client, p=label[1:-1].upper())
    assert by_actor["totalCount"] > 0
    assert all(label[1:-1].lower() in n["actorLabel"].lower() for n in by_actor["nodes"])
    # Days of the city's calendar, both inclusive. The organisation may have been built on the
    # day before (a run crossing midnight WIB): the days are read from the events themselves.
    days = sorted({day_of(n) for n in everything["nodes"]})
    first, last = days[0].isoformat(), days[-1].isoformat()
    assert (await events(client, f=first, u=last))["totalCount"] == everything["totalCount"]
    on_last = sum(day_of(n).isoformat() == last for n in everything["nodes"])
    assert (await events(client, f=last, u=last))["totalCount"] == on_last
    assert (await events(client, f="2999-01-01"))["totalCount"] == 0
    assert (await events(client, u="2000-01-01"))["totalCount"] == 0
    combined = await events(client, t="user_account", a="account.create", f=first)
    assert combined["totalCount"] == creates["totalCount"]


async def test_hostile_and_oversized_filters_are_plain_text(
    client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    assert (await login(client, "auditor")).status_code == 200
    # LIKE wildcards are escaped: "%" matches only a literal percent sign.
    assert (await events(client, a="%"))["totalCount"] == 0
    assert (await events(client, p="_"))["totalCount"] == 0
    assert (await events(client, a="x' OR 1=1 --"))["totalCount"] == 0
    assert (await events(client, p="a" * 10_000))["totalCount"] == 0
    body = await gql(client, QUERY, {"f": "not-a-date"})
    assert body.get("errors"), body
    body = await gql(client, QUERY, {"n": 10_000})
    assert body.get("errors"), body


async def test_only_audit_readers_may_search(
    client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    for user in ("hradmin", "sysadmin"):
        assert (await login(client, user)).status_code == 200
        assert (await events(client, a="account."))["totalCount"] > 0
    for user in ("manager", next(iter(small_org.nips))):
        assert (await login(client, user)).status_code == 200
        body = await gql(client, QUERY, {"a": "account."})
        assert body.get("errors"), (user, body)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", body


async def test_statement_count_does_not_depend_on_filters(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    assert (await login(client, "auditor")).status_code == 200
    await events(client)
    with count_statements(db) as plain:
        await events(client)
    with count_statements(db) as filtered:
        await events(client, t="user_account", a="account.", p="a", f="2000-01-01", u="2999-12-31")
    assert len(filtered) == len(plain)
