"""A page of employees resolves position, unit and Pejabat Penilai for the whole page at once
(``place_employees``): every node must answer exactly as the same employee read on its own, for
every viewer (row scoping included), through ``nodes``, ``edges`` and fragments."""

from __future__ import annotations

from typing import Any

import pytest

from server.db.engine import Database
from tests.conftest import ClientFactory, SmallOrg, count_statements, gql

NODE = """
  id name
  position { code unit { code } }
  unit { code }
  record { nip }
  assessor {
    basis actingKind
    employee { id name position { code } unit { code } record { nip }
               assessor { basis employee { id } } }
  }
  assessorsAssessor { basis employee { id } }
"""

PAGE_FORMS = {
    "nodes": f"{{ employees(first: 100) {{ nodes {{ {NODE} }} }} }}",
    "edges": f"{{ employees(first: 100) {{ edges {{ node {{ {NODE} }} }} }} }}",
    "fragment": (
        f"fragment Person on Employee {{ {NODE} }} "
        "{ employees(first: 100) { nodes { ...Person } } }"
    ),
    "inline": f"{{ employees(first: 100) {{ nodes {{ ... on Employee {{ {NODE} }} }} }} }}",
}


def _nodes(body: dict[str, Any]) -> list[dict[str, Any]]:
    assert "errors" not in body, body
    page = body["data"]["employees"]
    return page["nodes"] if "nodes" in page else [edge["node"] for edge in page["edges"]]


@pytest.mark.parametrize("viewer", ["hradmin", "kabid", "staf", "manager"])
@pytest.mark.parametrize("form", sorted(PAGE_FORMS))
async def test_a_page_answers_as_each_employee_read_alone(
    client_for: ClientFactory, small_org: SmallOrg, viewer: str, form: str
) -> None:
    client = await client_for(viewer)
    nodes = _nodes(await gql(client, PAGE_FORMS[form]))
    assert len(nodes) >= 6
    for node in nodes:
        alone = await gql(
            client, f"query($id: ID!) {{ employee(id: $id) {{ {NODE} }} }}", {"id": node["id"]}
        )
        assert "errors" not in alone, alone
        assert node == alone["data"]["employee"]


async def test_someone_is_placed_and_rated_in_the_page(
    client_for: ClientFactory, small_org: SmallOrg
) -> None:
    """The comparison above must compare something: positions, units and assessors exist."""
    client = await client_for("hradmin")
    nodes = _nodes(await gql(client, PAGE_FORMS["nodes"]))
    assert any(n["position"] and n["unit"] for n in nodes)
    rated = [n for n in nodes if n["assessor"]]
    assert rated
    assert any(n["assessor"]["employee"]["position"] for n in rated)
    assert any(n["assessor"]["employee"]["assessor"] for n in rated)


async def test_a_page_without_placement_fields_reads_no_placement(
    client_for: ClientFactory, small_org: SmallOrg, db: Database
) -> None:
    client = await client_for("hradmin")
    query = "{ employees(first: 100) { totalCount nodes { id name } } }"
    await gql(client, query)
    with count_statements(db) as statements:
        assert _nodes(await gql(client, query))
    assert not any("position_assignment" in sql for sql in statements), statements
