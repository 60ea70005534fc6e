"""The public GraphQL API at /public/graphql: open, read-only, protected, and unable to carry a
person."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from graphql import get_introspection_query
from starlette.applications import Starlette

from server import clock
from server.api.graphql_common import MASKED_MESSAGE
from server.api.public import schema as public_schema
from server.api.public.limits import MAX_ALIASES, MAX_DEPTH, MAX_TOKENS
from server.api.schema_export import current_sdl
from server.app import create_app
from server.config import Settings
from server.db.engine import Database
from server.db.models import Unit
from tests.conftest import SmallOrg, gql, lifespan, login, without_cost

PUBLIC = "/public/graphql"


async def public(
    client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None
) -> dict[str, Any]:
    return await gql(client, query, variables, path=PUBLIC)


def _messages(body: dict[str, Any]) -> list[str]:
    return [e["message"] for e in body.get("errors", [])]


# --- open access, CORS --------------------------------------------------------------------------


async def test_no_credentials_needed(client: httpx.AsyncClient, small_org: SmallOrg) -> None:
    assert not client.cookies
    response = await client.post(PUBLIC, json={"query": "{ units { code } }"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert "errors" not in response.json()
    assert {u["code"] for u in response.json()["data"]["units"]} == {
        "PEMKOT",
        "DINAS",
        "BIDANG",
        "DINAS2",
    }
    assert "set-cookie" not in response.headers


async def test_a_session_cookie_changes_nothing(
    client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    anonymous = await public(client, "{ units { code name } }")
    assert (await login(client, "hradmin")).status_code == 200
    assert await public(client, "{ units { code name } }") == anonymous


async def test_cors_allows_any_origin_without_credentials(
    client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    response = await client.post(
        PUBLIC,
        json={"query": "{ about { instansi } }"},
        headers={"origin": "https://jurnalis.example"},
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in response.headers

    get = await client.get(
        PUBLIC,
        params={"query": "{ about { instansi } }"},
        headers={"origin": "https://peneliti.example"},
    )
    assert get.status_code == 200
    assert get.headers["access-control-allow-origin"] == "*"


async def test_cors_preflight(client: httpx.AsyncClient) -> None:
    response = await client.options(
        PUBLIC,
        headers={
            "origin": "https://jurnalis.example",
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type",
        },
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    assert "POST" in response.headers["access-control-allow-methods"]
    assert "content-type" in response.headers["access-control-allow-headers"].lower()
    assert response.headers["access-control-max-age"] == "86400"
    assert "access-control-allow-credentials" not in response.headers


async def test_cors_preflight_refuses_other_methods(client: httpx.AsyncClient) -> None:
    response = await client.options(
        PUBLIC,
        headers={"origin": "https://x.example", "access-control-request-method": "DELETE"},
    )
    assert response.status_code == 400
    assert "DELETE" not in response.headers.get("access-control-allow-methods", "")


async def test_internal_api_has_no_cors(client: httpx.AsyncClient, small_org: SmallOrg) -> None:
    assert (await login(client, "staf")).status_code == 200
    response = await client.post(
        "/api/graphql",
        json={"query": "{ me { login } }"},
        headers={"origin": "https://evil.example"},
    )
    assert "access-control-allow-origin" not in response.headers
    preflight = await client.options(
        "/api/graphql",
        headers={"origin": "https://evil.example", "access-control-request-method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers
    assert preflight.status_code in {404, 405}


# --- units and about -----------------------------------------------------------------------------


async def test_units_list_sorted_and_filtered(
    client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    body = await public(client, "{ units { code name kind parentCode } }")
    assert "errors" not in body, body
    assert body["data"]["units"] == [
        {"code": "BIDANG", "name": "Unit BIDANG", "kind": "BIDANG", "parentCode": "DINAS"},
        {"code": "DINAS", "name": "Unit DINAS", "kind": "PERANGKAT_DAERAH", "parentCode": "PEMKOT"},
        {
            "code": "DINAS2",
            "name": "Unit DINAS2",
            "kind": "PERANGKAT_DAERAH",
            "parentCode": "PEMKOT",
        },
        {"code": "PEMKOT", "name": "Unit PEMKOT", "kind": "INSTANSI", "parentCode": None},
    ]
    by_kind = await public(client, "{ units(kind: PERANGKAT_DAERAH) { code } }")
    assert [u["code"] for u in by_kind["data"]["units"]] == ["DINAS", "DINAS2"]
    by_parent = await public(client, '{ units(parentCode: " dinas ") { code } }')
    assert [u["code"] for u in by_parent["data"]["units"]] == ["BIDANG"]
    both = await public(
        client,
        "query($k: UnitKind, $p: String) { units(kind: $k, parentCode: $p) { code } }",
        {"k": "BIDANG", "p": "PEMKOT"},
    )
    assert both == {"data": {"units": []}}


async def test_unit_tree(client: httpx.AsyncClient, small_org: SmallOrg) -> None:
    body = await public(
        client,
        "{ unitTree { code parent { code } children { code parent { code } children { code children { code } } } } }",
    )
    assert "errors" not in body, body
    assert body["data"]["unitTree"] == [
        {
            "code": "PEMKOT",
            "parent": None,
            "children": [
                {
                    "code": "DINAS",
                    "parent": {"code": "PEMKOT"},
                    "children": [{"code": "BIDANG", "children": []}],
                },
                {"code": "DINAS2", "parent": {"code": "PEMKOT"}, "children": []},
            ],
        }
    ]


async def test_one_unit_by_code(client: httpx.AsyncClient, small_org: SmallOrg) -> None:
    body = await public(
        client, '{ unit(code: " bidang") { code name parent { code parent { code } } } }'
    )
    assert body == {
        "data": {
            "unit": {
                "code": "BIDANG",
                "name": "Unit BIDANG",
                "parent": {"code": "DINAS", "parent": {"code": "PEMKOT"}},
            }
        }
    }
    assert await public(client, '{ unit(code: "TIDAK-ADA") { code } }') == {"data": {"unit": None}}


async def test_only_units_valid_today_are_listed(
    client: httpx.AsyncClient, small_org: SmallOrg, db: Database
) -> None:
    yesterday = clock.today() - timedelta(days=1)
    tomorrow = clock.today() + timedelta(days=1)
    async with db.write() as session:
        await session.execute(
            sa.update(Unit)
            .where(Unit.code == "DINAS")
            .values(valid_until=yesterday)
            .execution_options(synchronize_session=False)
        )
        await session.execute(
            sa.update(Unit)
            .where(Unit.code == "DINAS2")
            .values(valid_from=tomorrow)
            .execution_options(synchronize_session=False)
        )
    body = await public(client, "{ units { code parentCode } unitTree { code } }")
    assert "errors" not in body, body
    # BIDANG's parent has ended: BIDANG is not lost, it shows at the top.
    assert body["data"]["units"] == [
        {"code": "BIDANG", "parentCode": None},
        {"code": "PEMKOT", "parentCode": None},
    ]
    assert [u["code"] for u in body["data"]["unitTree"]] == ["BIDANG", "PEMKOT"]


async def test_empty_database_gives_empty_lists(client: httpx.AsyncClient) -> None:
    assert await public(client, "{ units { code } unitTree { code } }") == {
        "data": {"units": [], "unitTree": []}
    }


async def test_about_in_demo_mode(client: httpx.AsyncClient, settings: Settings) -> None:
    body = await public(client, "{ about { instansi licence licenceUrl contact syntheticData } }")
    assert body == {
        "data": {
            "about": {
                "instansi": settings.instansi_name,
                "licence": settings.data_licence,
                "licenceUrl": settings.data_licence_url,
                "contact": settings.contact,
                "syntheticData": True,
            }
        }
    }


async def test_about_without_demo_mode(settings: Settings, db: Database) -> None:
    application = create_app(
        dataclasses.replace(settings, demo_mode=False, contact="Kontak Uji"), db
    )
    async with lifespan(application):
        transport = httpx.ASGITransport(app=application, client=("10.9.9.9", 1))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            body = await public(c, "{ about { syntheticData contact } }")
    assert body == {"data": {"about": {"syntheticData": False, "contact": "Kontak Uji"}}}


# --- read-only, transport rules ------------------------------------------------------------------


async def test_mutations_are_refused(client: httpx.AsyncClient, small_org: SmallOrg) -> None:
    response = await client.post(
        PUBLIC, json={"query": 'mutation { createUnit(code: "X") { code } }'}
    )
    assert response.status_code in {200, 400}
    body = response.json()
    assert body.get("data") is None
    assert body["errors"], body
    assert "mutation" in " ".join(_messages(body)).lower()


async def test_schema_has_no_mutation_or_subscription_type() -> None:
    assert public_schema.schema.get_type_by_name("Mutation") is None
    graphql_schema = public_schema.schema._schema
    assert graphql_schema.mutation_type is None
    assert graphql_schema.subscription_type is None


async def test_get_queries_work(client: httpx.AsyncClient, small_org: SmallOrg) -> None:
    response = await client.get(
        PUBLIC,
        params={
            "query": "query($c: String!) { unit(code: $c) { name } }",
            "variables": '{"c": "DINAS"}',
        },
    )
    assert response.status_code == 200, response.text
    assert without_cost(response.json()) == {"data": {"unit": {"name": "Unit DINAS"}}}


async def test_mutation_over_get_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.get(PUBLIC, params={"query": "mutation { __typename }"})
    assert response.status_code in {400, 405}
    assert '"data"' not in response.text or response.json().get("data") is None


async def test_batching_is_refused(client: httpx.AsyncClient, small_org: SmallOrg) -> None:
    response = await client.post(
        PUBLIC, json=[{"query": "{ units { code } }"}, {"query": "{ about { instansi } }"}]
    )
    assert response.status_code == 400
    assert "PEMKOT" not in response.text
    assert "batch" in response.text.lower()


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b'{"query": "{ about { instansi } }"}', "text/plain"),
        (b"query=%7B+about+%7B+instansi+%7D+%7D", "application/x-www-form-urlencoded"),
    ],
)
async def test_non_json_posts_are_refused(
    client: httpx.AsyncClient, content: bytes, content_type: str
) -> None:
    response = await client.post(PUBLIC, content=content, headers={"content-type": content_type})
    assert response.status_code == 400
    assert "Pemerintah Kota Salatiga" not in response.text


async def test_malformed_json_is_a_client_error(client: httpx.AsyncClient) -> None:
    response = await client.post(
        PUBLIC, content=b"{nope", headers={"content-type": "application/json"}
    )
    assert response.status_code == 400


async def test_missing_query_is_a_client_error(client: httpx.AsyncClient) -> None:
    response = await client.post(PUBLIC, json={"variables": {}})
    assert response.status_code == 400


async def test_browser_get_shows_a_self_hosted_help_page_without_scripts(
    client: httpx.AsyncClient,
) -> None:
    """GraphiQL would load scripts from a CDN (blocked by our CSP); a plain page explains the API."""
    response = await client.get(PUBLIC, headers={"accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<script" not in response.text.lower()
    assert "/public/schema.graphql" in response.text


# --- protection limits ---------------------------------------------------------------------------


def _nested(depth: int) -> str:
    query = "code"
    for _ in range(depth):
        query = f"code children {{ {query} }}"
    return f"{{ unitTree {{ {query} }} }}"


async def test_depth_limit(client: httpx.AsyncClient, small_org: SmallOrg) -> None:
    allowed = await public(client, _nested(MAX_DEPTH - 1))
    assert "errors" not in allowed, allowed
    refused = await public(client, _nested(MAX_DEPTH + 2))
    assert refused.get("data") is None
    message = " ".join(_messages(refused))
    assert "depth" in message.lower()
    assert str(MAX_DEPTH) in message


async def test_depth_limit_cannot_be_dodged_with_fragments(
    client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    fragments = "fragment F0 on PublicUnit { code }\n"
    for i in range(1, 12):
        fragments += f"fragment F{i} on PublicUnit {{ children {{ ...F{i - 1} }} }}\n"
    body = await public(client, "{ unitTree { ...F11 } }\n" + fragments)
    assert body.get("data") is None
    assert "depth" in " ".join(_messages(body)).lower()


async def test_alias_limit(client: httpx.AsyncClient, small_org: SmallOrg) -> None:
    def aliases(n: int) -> str:
        return "{ " + " ".join(f"a{i}: about {{ instansi }}" for i in range(n)) + " }"

    allowed = await public(client, aliases(MAX_ALIASES))
    assert "errors" not in allowed, allowed
    assert len(allowed["data"]) == MAX_ALIASES
    refused = await public(client, aliases(MAX_ALIASES + 1))
    assert refused.get("data") is None
    message = " ".join(_messages(refused)).lower()
    assert "alias" in message
    assert str(MAX_ALIASES) in message


async def test_token_limit(client: httpx.AsyncClient) -> None:
    # Thousands of tokens in few bytes (below the body limit): refused before validation.
    query = "{ about { " + "x " * (MAX_TOKENS + 10) + "} }"
    response = await client.post(PUBLIC, json={"query": query})
    assert response.status_code in {200, 400}
    body = response.json()
    assert body.get("data") is None
    message = " ".join(_messages(body)).lower()
    assert "token" in message


async def test_no_field_suggestions(client: httpx.AsyncClient) -> None:
    body = await public(client, "{ unitz { code } about { instansii } }")
    assert body.get("data") is None
    messages = _messages(body)
    assert messages
    assert any("unitz" in m for m in messages)
    for message in messages:
        assert "Did you mean" not in message
        assert "units" not in message.replace("unitz", "")


async def test_validation_errors_stay_readable(client: httpx.AsyncClient) -> None:
    body = await public(client, "{ unit { code } }")
    assert body.get("data") is None
    (message,) = _messages(body)
    assert "code" in message
    assert "required" in message
    assert message != MASKED_MESSAGE
    syntax = await public(client, "{ units { code }")
    assert "Syntax Error" in _messages(syntax)[0]


async def test_unexpected_exceptions_are_masked(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from server.services import public_catalog

    async def broken(*_args: Any) -> Any:
        raise RuntimeError("connection to db-primary.internal:5432 refused, password=hunter2")

    monkeypatch.setattr(public_catalog, "list_public_units", broken)
    with caplog.at_level("ERROR", logger="server.api"):
        response = await client.post(PUBLIC, json={"query": "{ units { code } }"})
    assert response.status_code == 200
    body = response.json()
    assert _messages(body) == [MASKED_MESSAGE]
    assert "hunter2" not in response.text
    assert "db-primary" not in response.text
    assert (
        "extensions" not in body["errors"][0] or "exception" not in body["errors"][0]["extensions"]
    )
    # The detail goes to the log, for the operators.
    assert any("hunter2" in (r.exc_text or "") or r.exc_info for r in caplog.records)


async def test_field_errors_do_not_hide_other_fields(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from server.services import public_catalog

    async def broken(*_args: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(public_catalog, "list_public_units", broken)
    with caplog.at_level("CRITICAL", logger="server.api"):
        body = await public(client, "{ about { instansi } units { code } }")
    assert body["data"] is None or body["data"]["about"]["instansi"] == "Pemerintah Kota Salatiga"
    assert _messages(body) == [MASKED_MESSAGE]


# --- privacy: no type can carry a person ----------------------------------------------------------

DENIED_FIELD = re.compile(
    r"nip|nik|name_?of_?person|person|birth|born|gender|sex|golongan|pangkat|employee|pegawai|"
    r"assessor|penilai|rating|predicate|predikat|account|login|password|email|phone|address|"
    r"alamat|salary|gaji",
    re.IGNORECASE,
)
DENIED_TYPE = re.compile(
    r"employee|person|pegawai|account|assessor|user|session|audit", re.IGNORECASE
)


async def _introspect(client: httpx.AsyncClient) -> dict[str, Any]:
    body = await public(client, get_introspection_query(descriptions=False))
    assert "errors" not in body, body
    schema: dict[str, Any] = body["data"]["__schema"]
    return schema


async def test_public_schema_has_no_field_that_can_hold_a_person(client: httpx.AsyncClient) -> None:
    schema = await _introspect(client)
    own_types = [t for t in schema["types"] if not t["name"].startswith("__")]
    assert {t["name"] for t in own_types} >= {"Query", "PublicUnit", "About", "UnitKind"}
    names: set[str] = set()
    for t in own_types:
        for f in t.get("fields") or []:
            names.add(f["name"])
            names.update(a["name"] for a in f.get("args") or [])
        names.update(f["name"] for f in t.get("inputFields") or [])
        names.update(v["name"] for v in t.get("enumValues") or [])
    # Sanity: the collection works.
    assert {"units", "unitTree", "code", "syntheticData"} <= names
    leaked = sorted(n for n in names if DENIED_FIELD.search(n))
    assert leaked == []
    assert schema["mutationType"] is None
    assert schema["subscriptionType"] is None


async def test_public_schema_has_no_type_named_like_a_person(client: httpx.AsyncClient) -> None:
    schema = await _introspect(client)
    type_names = [t["name"] for t in schema["types"]]
    assert [n for n in type_names if DENIED_TYPE.search(n)] == []


def test_committed_public_sdl_has_no_person_fields() -> None:
    from pathlib import Path

    sdl = (Path(__file__).resolve().parents[2] / "schema" / "public.graphql").read_text(
        encoding="utf-8"
    )
    assert sdl == current_sdl()["public.graphql"]
    field_names = re.findall(r"^\s+(\w+)\s*[(:]", sdl, re.MULTILINE)
    assert field_names
    assert [n for n in field_names if DENIED_FIELD.search(n)] == []


async def test_public_api_never_returns_people(
    client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    body = await public(
        client,
        "{ units { code name kind parentCode parent { code name } children { code name } } "
        "unitTree { code name children { code name } } about { instansi contact } }",
    )
    assert "errors" not in body, body
    text = str(body)
    for nip in small_org.nips.values():
        assert nip not in text
    assert "Pegawai" not in text


@pytest.fixture
async def other_address_client(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, client=("10.9.9.9", 1))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


async def test_same_answer_for_every_client(
    client: httpx.AsyncClient, other_address_client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    query = "{ units { code name } }"
    assert await public(client, query) == await public(other_address_client, query)


def _exploding_introspection(levels: int) -> str:
    """Each level doubles the work (a unit's parent and its children both lead back to
    PublicUnit), while the text grows linearly: a small query, an enormous answer."""
    fragments = ["fragment T0 on __Type { name }"]
    for i in range(1, levels + 1):
        fragments.append(
            f"fragment T{i} on __Type {{ name fields {{ type {{ ...T{i - 1} "
            f"ofType {{ ofType {{ ofType {{ ...T{i - 1} }} }} }} }} }} }}"
        )
    return f'{{ __type(name: "PublicUnit") {{ ...T{levels} }} }}\n' + "\n".join(fragments)


async def test_deep_introspection_is_refused(client: httpx.AsyncClient) -> None:
    # Kept small so that, were the rule missing, the test would fail rather than hang.
    body = await public(client, _exploding_introspection(6))
    assert body.get("data") is None, "nested introspection was executed"
    assert "introspection depth" in " ".join(_messages(body)).lower()


async def test_ordinary_introspection_still_works(client: httpx.AsyncClient) -> None:
    body = await public(
        client, '{ __type(name: "PublicUnit") { fields { name type { kind ofType { name } } } } }'
    )
    assert "errors" not in body, body
    assert {f["name"] for f in body["data"]["__type"]["fields"]} == {
        "code",
        "name",
        "kind",
        "parentCode",
        "parent",
        "children",
    }
