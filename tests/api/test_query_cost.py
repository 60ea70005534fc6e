"""Query cost on both GraphQL endpoints: computed on the values execution will use (variable
defaults included), reported in ``extensions.cost`` on every answer, and an over-budget
operation refused before any resolver or SQL statement runs."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from graphql import GraphQLInterfaceType, GraphQLObjectType, build_schema, parse
from starlette.applications import Starlette

from server.api.internal.cost import internal_cost_model
from server.api.query_cost import CostModel, query_cost
from server.app import create_app
from server.config import Settings
from server.db.engine import Database
from tests.conftest import SmallOrg, count_statements, lifespan, login

PUBLIC = "/public/graphql"
INTERNAL = "/api/graphql"


async def _post(client: httpx.AsyncClient, path: str, query: str, **variables: Any) -> Any:
    response = await client.post(path, json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    return response.json()


def _cost(body: dict[str, Any]) -> int:
    cost = body["extensions"]["cost"]
    assert set(cost) == {"requestedQueryCost", "maximumAvailable"}
    requested: int = cost["requestedQueryCost"]
    return requested


def _refused(body: dict[str, Any], maximum: int) -> int:
    assert body["data"] is None
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "QUERY_COST_LIMIT"
    assert error["extensions"]["cost"] == body["extensions"]["cost"]
    assert body["extensions"]["cost"]["maximumAvailable"] == maximum
    requested = _cost(body)
    assert requested > maximum
    assert f"Biaya kueri {requested} melebihi batas {maximum}" in error["message"]
    return requested


# --- public ------------------------------------------------------------------------------------

UNITS_PAGE = "{ edges { node { code headcount distribution { count } survey { unsur { nrr } } } } }"


async def test_public_variable_defaults_are_costed_like_values_sent(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    by_default = await _post(
        client, PUBLIC, f"query($n: Int = 100) {{ releases {{ units(first: $n) {UNITS_PAGE} }} }}"
    )
    sent = await _post(
        client, PUBLIC, f"query($n: Int) {{ releases {{ units(first: $n) {UNITS_PAGE} }} }}", n=100
    )
    literal = await _post(client, PUBLIC, f"{{ releases {{ units(first: 100) {UNITS_PAGE} }} }}")
    assert _refused(by_default, settings.public_max_cost) == _cost(sent) == _cost(literal)
    # The reported bypass: the default was costed as the default page size (20).
    small = await _post(
        client, PUBLIC, f"query($n: Int = 20) {{ releases {{ units(first: $n) {UNITS_PAGE} }} }}"
    )
    assert _cost(small) < _cost(by_default)
    # A value sent wins over the default, as in execution.
    overridden = await _post(
        client,
        PUBLIC,
        f"query($n: Int = 100) {{ releases {{ units(first: $n) {UNITS_PAGE} }} }}",
        n=20,
    )
    assert _cost(overridden) == _cost(small)
    assert "errors" not in overridden


async def test_public_answers_always_report_their_cost(
    client: httpx.AsyncClient, small_org: SmallOrg, settings: Settings
) -> None:
    ok = await _post(client, PUBLIC, "{ units { code } }")
    assert "errors" not in ok
    assert 0 < _cost(ok) <= settings.public_max_cost
    assert ok["extensions"]["cost"]["maximumAvailable"] == settings.public_max_cost
    # A cache hit carries the same answer, cost included.
    again = await _post(client, PUBLIC, "{ units { code } }")
    assert again == ok
    # Refused before execution (a validation error): nothing ran, cost 0.
    invalid = await _post(client, PUBLIC, "{ noSuchField }")
    assert invalid["errors"]
    assert _cost(invalid) == 0
    via_get = await client.get(PUBLIC, params={"query": "{ about { instansi } }"})
    assert _cost(via_get.json()) > 0


# --- internal ----------------------------------------------------------------------------------


def _bomb(aliases: int = 30, first: str = "100", variables: str = "") -> str:
    fields = " ".join(
        f"e{i}: employees(first: {first}) {{ edges {{ node {{ id name }} }} }}"
        for i in range(aliases)
    )
    return f"query{variables} {{ {fields} }}"


async def test_thirty_aliases_of_a_full_page_are_refused_before_any_sql(
    client: httpx.AsyncClient, small_org: SmallOrg, db: Database, settings: Settings
) -> None:
    assert (await login(client, "hradmin")).status_code == 200
    with count_statements(db) as baseline:
        nothing = await _post(client, INTERNAL, "{ __typename }")
    assert nothing["data"] == {"__typename": "Query"}
    assert _cost(nothing) == 0
    with count_statements(db) as during:
        body = await _post(client, INTERNAL, _bomb())
    requested = _refused(body, settings.internal_max_cost)
    assert requested >= 30 * 100
    # Only the session lookup ran, exactly as for a request that resolves nothing.
    assert len(during) == len(baseline)
    # A page caps at 100 rows whatever first says: the cost does not grow past it ...
    capped = await _post(client, INTERNAL, _bomb(first="100000"))
    assert _refused(capped, settings.internal_max_cost) == requested
    # ... and the same bomb through variable defaults is refused the same way.
    with count_statements(db) as during:
        by_default = await _post(client, INTERNAL, _bomb(first="$n", variables="($n: Int = 100)"))
    assert _refused(by_default, settings.internal_max_cost) == requested
    assert len(during) == len(baseline)


async def test_selecting_only_the_count_does_not_make_a_page_free(
    client: httpx.AsyncClient, small_org: SmallOrg, db: Database, settings: Settings
) -> None:
    """The resolver loads the page whatever is selected: each of the 30 pages counts 100 rows
    (5 each on the internal API), so the bomb is refused whatever it selects."""
    assert (await login(client, "hradmin")).status_code == 200
    fields = " ".join(f"e{i}: employees(first: 100) {{ totalCount }}" for i in range(30))
    with count_statements(db) as baseline:
        await _post(client, INTERNAL, "{ __typename }")
    with count_statements(db) as during:
        body = await _post(client, INTERNAL, f"{{ {fields} }}")
    assert _refused(body, settings.internal_max_cost) == 30 * (1 + 5 * 100 + 1)
    assert len(during) == len(baseline)  # the session lookup only; no resolver ran
    fifteen = " ".join(f"e{i}: employees(first: 100) {{ totalCount }}" for i in range(15))
    allowed = await _post(client, INTERNAL, f"{{ {fifteen} }}")
    assert "errors" not in allowed
    assert allowed["data"]["e14"]["totalCount"] == 6


async def test_one_full_page_is_allowed_and_costed(
    client: httpx.AsyncClient, small_org: SmallOrg, settings: Settings
) -> None:
    assert (await login(client, "hradmin")).status_code == 200
    body = await _post(client, INTERNAL, _bomb(aliases=1))
    assert "errors" not in body, body
    assert len(body["data"]["e0"]["edges"]) == 6
    # 1 (field) + 5 × 100 (the page) + 1 (edges) + 100 nodes + 2 × 100 scalars
    assert _cost(body) == 802
    me = await _post(client, INTERNAL, "{ me { login } }")
    assert _cost(me) == 2
    assert me["extensions"]["cost"]["maximumAvailable"] == settings.internal_max_cost


@pytest.fixture
async def tight_internal(settings: Settings, db: Database) -> AsyncIterator[Starlette]:
    app = create_app(dataclasses.replace(settings, internal_max_cost=120), db)
    async with lifespan(app):
        yield app


async def test_the_internal_ceiling_is_a_setting(
    tight_internal: Starlette, small_org: SmallOrg
) -> None:
    transport = httpx.ASGITransport(app=tight_internal, client=("10.1.2.3", 5555))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        assert (await login(c, "hradmin")).status_code == 200
        small = await _post(c, INTERNAL, "{ employees(first: 10) { edges { node { id } } } }")
        assert "errors" not in small
        assert _cost(small) == 1 + 5 * 10 + 1 + 10 + 10
        big = await _post(c, INTERNAL, "{ employees(first: 20) { edges { node { id } } } }")
        assert _refused(big, 120) == 1 + 5 * 20 + 1 + 20 + 20
        # Mutations cost more at the root (a transaction and an audit event each).
        mark = await _post(c, INTERNAL, "mutation { markNotificationsRead { errors { code } } }")
        assert _cost(mark) == 10 + 1 + 10  # the root field, the errors list, 10 × code


def test_settings_read_the_internal_ceiling_and_rate() -> None:
    s = Settings.from_env(
        {
            "KINERJA_INTERNAL_MAX_COST": "777",
            "KINERJA_INTERNAL_RATE_PER_MINUTE": "30",
            "KINERJA_INTERNAL_RATE_BURST": "4",
        }
    )
    assert (s.internal_max_cost, s.internal_rate_per_minute, s.internal_rate_burst) == (777, 30, 4)
    d = Settings.from_env({})
    assert (d.internal_max_cost, d.internal_rate_per_minute, d.internal_rate_burst) == (
        12_000,
        600,
        120,
    )


# --- the rule, on a small schema -----------------------------------------------------------

SDL = """
interface Named { name: String! tags: [Tag!]! }
type Tag { label: String! }
type Person implements Named { name: String! tags: [Tag!]! friends: [Person!]! }
type Robot implements Named { name: String! tags: [Tag!]! }
union Thing = Person | Robot
type PersonEdge { node: Person! cursor: String! }
type PageInfo { hasNextPage: Boolean! }
type PersonConnection { totalCount: Int! pageInfo: PageInfo! edges: [PersonEdge!]! nodes: [Person!]! }
type Query {
  people(first: Int): PersonConnection!
  things: [Thing!]!
  named: [Named!]!
  me: Person
}
type Mutation { rename(name: String!): Person }
"""
SCHEMA = build_schema(SDL)
MODEL = CostModel(
    default_page_size=20,
    max_page_size=100,
    default_maximum=1_000,
    maximum_setting="x",
    list_multipliers={"Person.friends": 3},
)


def _rule(query: str, variables: dict[str, Any] | None = None, name: str | None = None) -> int:
    return query_cost(SCHEMA, parse(query), variables, name, MODEL)


def test_connections_count_their_page_once_and_their_lists_per_row() -> None:
    assert _rule("{ people { totalCount } }") == 1 + 20 + 1
    assert _rule("{ people(first: 5) { totalCount pageInfo { hasNextPage } } }") == 1 + 5 + 3
    assert _rule("{ people(first: 5) { nodes { name } } }") == 1 + 5 + 1 + 5
    assert _rule("{ people(first: 5) { edges { cursor node { name } } } }") == 1 + 5 + 1 + 15
    assert _rule("{ people(first: 500) { totalCount } }") == _rule(
        "{ people(first: 100) { totalCount } }"
    )
    assert _rule("{ people(first: 0) { totalCount } }") == 1 + 1 + 1
    heavy_rows = dataclasses.replace(MODEL, connection_row_cost=5)
    doc = parse("{ people(first: 5) { nodes { name } } }")
    assert query_cost(SCHEMA, doc, None, None, heavy_rows) == 1 + 25 + 1 + 5
    assert _rule("query($n: Int = 7) { people(first: $n) { totalCount } }") == 1 + 7 + 1
    assert _rule("query($n: Int = 7) { people(first: $n) { totalCount } }", {"n": 2}) == 4
    assert _rule("query($n: Int = 7) { people(first: $n) { totalCount } }", {"n": None}) == 22
    # Values that do not coerce: execution refuses them; the estimate uses the default page.
    assert _rule("query($n: Int) { people(first: $n) { totalCount } }", {"n": "x"}) == 22


def test_lists_fragments_interfaces_and_unions() -> None:
    assert _rule("{ me { friends { name } } }") == 1 + 1 + 3
    assert _rule("{ me { friends { friends { name } } } }") == 1 + 1 + 3 + 9
    assert _rule("{ named { name tags { label } } }") == 1 + 10 + 10 + 100
    fragment = "{ things { ... on Person { name friends { name } } ...R } } fragment R on Robot { tags { label } }"
    assert _rule(fragment) == 1 + 10 + 10 + 30 + 10 + 100
    # A fragment spread inside an inline fragment keeps its own type condition.
    nested = "{ named { ... on Person { ...P } } } fragment P on Person { friends { name } }"
    assert _rule(nested) == 1 + 10 + 30
    assert _rule("{ __typename things { __typename } }") == 1


def test_operations_are_picked_by_name_and_mutations_cost_more() -> None:
    doc = "query A { me { name } } query B { people { totalCount } }"
    assert _rule(doc, name="A") == 2
    assert _rule(doc, name="B") == 22
    assert _rule(doc) == 0  # ambiguous: execution refuses it
    assert _rule(doc, name="C") == 0
    mutation = 'mutation { a: rename(name: "x") { name } b: rename(name: "y") { name } }'
    assert _rule(mutation) == 4
    assert (
        query_cost(
            SCHEMA, parse(mutation), None, None, dataclasses.replace(MODEL, mutation_field_cost=10)
        )
        == 22
    )


def test_the_internal_model_knows_every_list_it_names() -> None:
    from server.api.internal.schema import schema

    graphql_schema = schema._schema
    for key in internal_cost_model().list_multipliers:
        type_name, field_name = key.split(".")
        owner = graphql_schema.get_type(type_name)
        assert owner is not None, key
        assert isinstance(owner, GraphQLObjectType | GraphQLInterfaceType), key
        assert field_name in owner.fields, key
