"""Pegawai unit (unitPeople): the unit manager's list of people with SKP status and progress."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from server.db.engine import Database
from server.domain.enums import PlanStatus
from tests.api.reports.conftest import ON_TIME, YEAR, Rep
from tests.conftest import ClientFactory, count_statements, gql

PEOPLE = """query($y: Int!, $u: String) {
  unitPeople(year: $y, unitCode: $u) {
    year periodNumber duePeriodNumber
    people {
      unitCode planStatus indicators periodFilled periodConfirmed dueConfirmed behind
      behindReasons planId
      employee { name position { name } assessor { employee { name } } record { nip } }
    }
  } }"""


async def _people(client: httpx.AsyncClient, unit: str | None = None) -> dict[str, Any]:
    return await gql(client, PEOPLE, {"y": YEAR, "u": unit})


def _by_unit(body: dict[str, Any]) -> list[tuple[Any, ...]]:
    return sorted(
        (
            p["unitCode"],
            p["planStatus"],
            p["indicators"],
            p["periodFilled"],
            p["periodConfirmed"],
            p["dueConfirmed"],
            p["behind"],
            tuple(p["behindReasons"]),
        )
        for p in body["data"]["unitPeople"]["people"]
    )


async def test_a_unit_manager_sees_the_people_of_the_unit_and_its_subunits(
    rep: Rep, client_for: ClientFactory
) -> None:
    body = await _people(await client_for("manager"))
    found = body["data"]["unitPeople"]
    # A past TRIWULAN year: the last quarter is shown, and its deadline has passed.
    assert (found["year"], found["periodNumber"], found["duePeriodNumber"]) == (YEAR, 4, 4)
    assert _by_unit(body) == [
        # kabid (revision in progress: still set), staf (2 IKI), staf2 (submitted, not set)
        ("BIDANG", "DIAJUKAN", 1, 0, 0, 0, True, ("SKP_NOT_SET",)),
        ("BIDANG", "DITETAPKAN", 2, 0, 0, 0, True, ("REALIZATION_LATE",)),
        ("BIDANG", "REVISI_DRAFT", 1, 0, 0, 0, True, ("REALIZATION_LATE",)),
        ("DINAS", "DITETAPKAN", 1, 0, 0, 0, True, ("REALIZATION_LATE",)),
    ]
    people = found["people"]
    staf = next(p for p in people if p["indicators"] == 2)
    assert staf["employee"]["assessor"]["employee"]["name"]  # the Pejabat Penilai is named
    assert staf["planId"] is not None
    # Only what a unit manager may see: the SKP link leads to a plan they may read.
    plan = await gql(
        await client_for("manager"),
        "query($id: ID!) { plan(id: $id) { id status } }",
        {"id": staf["planId"]},
    )
    assert plan["data"]["plan"] == {"id": staf["planId"], "status": "DITETAPKAN"}


async def test_progress_of_the_period_and_who_is_behind(
    rep: Rep, client_for: ClientFactory
) -> None:
    """kadis2 (DINAS2): two IKI, one confirmed in the last quarter, one only proposed."""
    _, ikis = await rep.plan(rep.emp("kadis2"), PlanStatus.DITETAPKAN, 2, rep.emp("sekda"))
    await rep.realise(ikis[0], 4, ON_TIME)
    await rep.realise(ikis[1], 4, None)
    body = await _people(await client_for("hradmin"), "DINAS2")
    assert _by_unit(body) == [
        ("DINAS2", "DITETAPKAN", 2, 2, 1, 1, True, ("REALIZATION_LATE",)),
    ]
    await rep.realise(ikis[1], 3, ON_TIME)  # another period changes nothing here
    assert _by_unit(await _people(await client_for("auditor"), "DINAS2"))[0][3:6] == (2, 1, 1)
    # sekda has no SKP at all.
    pemkot = await _people(await client_for("hradmin"), "PEMKOT")
    assert ("PEMKOT", None, 0, 0, 0, 0, True, ("SKP_NOT_SET",)) in _by_unit(pemkot)
    assert len(pemkot["data"]["unitPeople"]["people"]) == 6


@pytest.mark.parametrize(
    ("user", "unit", "code"),
    [
        ("manager", "DINAS2", "FORBIDDEN"),  # outside the unit they manage
        ("manager", "PEMKOT", "FORBIDDEN"),
        ("manager", "TIDAK-ADA", "NOT_FOUND"),
        ("manager", "x" * 5000, "NOT_FOUND"),
        ("manager", "'; DROP TABLE employee; --", "NOT_FOUND"),
        ("staf", None, "FORBIDDEN"),  # a plain employee
        ("kabid", "BIDANG", "FORBIDDEN"),  # a Pejabat Penilai is not a unit manager
    ],
)
async def test_who_may_not_list_a_unit(
    rep: Rep, client_for: ClientFactory, user: str, unit: str | None, code: str
) -> None:
    body = await _people(await client_for(user), unit)
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == code


async def test_an_unopened_year_and_a_missing_year(rep: Rep, client_for: ClientFactory) -> None:
    client = await client_for("manager")
    body = await gql(client, PEOPLE, {"y": 1990, "u": None})
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    missing = await gql(client, PEOPLE, {"u": None})
    assert "errors" in missing
    assert missing.get("data") is None


async def test_statements_do_not_grow_with_the_people(
    rep: Rep, db: Database, client_for: ClientFactory
) -> None:
    client = await client_for("hradmin")

    async def measure() -> int:
        with count_statements(db) as seen:
            body = await _people(client, "DINAS")
        assert "errors" not in body, body
        return len(seen)

    # Each measure after a warm-up: the organisation snapshot is reloaded after every write.
    await rep.add_staff(1, 3)
    await measure()
    small = await measure()
    await rep.add_staff(4, 30)
    assert len((await _people(client, "DINAS"))["data"]["unitPeople"]["people"]) == 37
    assert await measure() == small
