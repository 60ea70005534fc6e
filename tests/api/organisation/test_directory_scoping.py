"""Internal GraphQL reads (me, units, employees, positions, audit log) and row scoping."""

from __future__ import annotations

import base64
from datetime import date
from typing import Any

import httpx
import pytest

from server.db.engine import Database
from server.domain.enums import AsnType, Gender
from server.domain.nip import make_nip
from server.services.actor import system_actor
from server.services.organisation import employees
from tests.conftest import SmallOrg, gql, login

ALL_NAMES = [
    "Pegawai Kabid",
    "Pegawai Kadis",
    "Pegawai Kadis2",
    "Pegawai Sekda",
    "Pegawai Staf",
    "Pegawai Staf2",
]

EMPLOYEES = """
query Employees($search: String, $unitId: ID, $sub: Boolean! = true, $first: Int, $after: String) {
  employees(search: $search, unitId: $unitId, includeSubunits: $sub, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id name } }
  }
}
"""

EMPLOYEE = """
query One($id: ID!) {
  employee(id: $id) {
    id name
    position { code }
    unit { code }
    record { nip nipFormatted asnType golongan pangkat gender birthDate status
             assignments { startDate endDate position { code } } }
    assessor { basis actingKind employee { name record { nip } } }
    assessorsAssessor { basis employee { name } }
  }
}
"""


async def as_user(client: httpx.AsyncClient, user: str) -> None:
    response = await login(client, user)
    assert response.status_code == 200, response.text


async def names(client: httpx.AsyncClient, **variables: Any) -> list[str]:
    body = await gql(client, EMPLOYEES, variables)
    assert "errors" not in body, body
    return [e["node"]["name"] for e in body["data"]["employees"]["edges"]]


def error_code(body: dict[str, Any]) -> str:
    assert body.get("errors"), body
    code: str = body["errors"][0]["extensions"]["code"]
    return code


async def record_of(client: httpx.AsyncClient, employee_id: int) -> dict[str, Any] | None:
    body = await gql(client, EMPLOYEE, {"id": str(employee_id)})
    assert "errors" not in body, body
    employee = body["data"]["employee"]
    assert employee is not None
    # Name, jabatan and unit are visible to every staff member.
    assert employee["name"].startswith("Pegawai ")
    assert employee["position"] is not None
    assert employee["unit"] is not None
    record: dict[str, Any] | None = employee["record"]
    return record


# ---------------------------------------------------------------- me, units, positions


async def test_requires_a_session(client: httpx.AsyncClient, small_org: SmallOrg) -> None:
    body = await gql(client, "{ units { code } }")
    assert body.get("data") is None
    assert error_code(body) == "UNAUTHENTICATED"


async def test_me_for_employee_manager_and_role_accounts(
    client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    query = "{ me { login roles employee { id name } managedUnit { code } } }"
    await as_user(client, "kabid")
    me = (await gql(client, query))["data"]["me"]
    assert me == {
        "login": "kabid",
        "roles": [],
        "employee": {"id": str(small_org.ids["emp:kabid"]), "name": "Pegawai Kabid"},
        "managedUnit": None,
    }
    await as_user(client, "manager")
    me = (await gql(client, query))["data"]["me"]
    assert me == {
        "login": "manager",
        "roles": ["UNIT_MANAGER"],
        "employee": None,
        "managedUnit": {"code": "DINAS"},
    }
    await as_user(client, "hradmin")
    me = (await gql(client, query))["data"]["me"]
    assert me["roles"] == ["HR_ADMIN"]
    assert me["employee"] is None


async def test_unit_tree_units_and_unit_lookup(
    client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    await as_user(client, "staf")
    body = await gql(
        client,
        "{ unitTree { code parent { code } children { code kind parent { code } "
        "children { code children { code } } } } }",
    )
    assert "errors" not in body, body
    assert body["data"]["unitTree"] == [
        {
            "code": "PEMKOT",
            "parent": None,
            "children": [
                {
                    "code": "DINAS",
                    "kind": "PERANGKAT_DAERAH",
                    "parent": {"code": "PEMKOT"},
                    "children": [{"code": "BIDANG", "children": []}],
                },
                {
                    "code": "DINAS2",
                    "kind": "PERANGKAT_DAERAH",
                    "parent": {"code": "PEMKOT"},
                    "children": [],
                },
            ],
        }
    ]
    body = await gql(client, "{ units { id code } }")
    assert [u["code"] for u in body["data"]["units"]] == ["PEMKOT", "DINAS", "BIDANG", "DINAS2"]

    one = "query($id: ID, $code: String) { unit(id: $id, code: $code) { id code name kind } }"
    by_id = await gql(client, one, {"id": str(small_org.ids["BIDANG"])})
    assert by_id["data"]["unit"] == {
        "id": str(small_org.ids["BIDANG"]),
        "code": "BIDANG",
        "name": "Unit BIDANG",
        "kind": "BIDANG",
    }
    by_code = await gql(client, one, {"code": "  dinas2 "})
    assert by_code["data"]["unit"]["id"] == str(small_org.ids["DINAS2"])
    assert (await gql(client, one, {"id": "999999"}))["data"]["unit"] is None
    assert (await gql(client, one, {"code": "X" * 10_000}))["data"]["unit"] is None


@pytest.mark.parametrize(
    ("variables", "message_part"),
    [
        ({}, "tepat satu"),
        ({"id": "1", "code": "PEMKOT"}, "tepat satu"),
        ({"id": "abc"}, "tidak valid"),
        ({"id": "-4"}, "tidak valid"),
        ({"id": "99999999999999999999999"}, "tidak valid"),
    ],
)
async def test_unit_lookup_rejects_bad_arguments(
    client: httpx.AsyncClient, small_org: SmallOrg, variables: dict[str, str], message_part: str
) -> None:
    await as_user(client, "staf")
    body = await gql(
        client, "query($id: ID, $code: String) { unit(id: $id, code: $code) { id } }", variables
    )
    assert error_code(body) == "INVALID_INPUT"
    assert message_part in body["errors"][0]["message"]


async def test_positions_all_vacant_and_by_unit(
    client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    await as_user(client, "staf")
    query = """query($vacant: Boolean!, $unitId: ID, $sub: Boolean!) {
      positions(vacantOnly: $vacant, unitId: $unitId, includeSubunits: $sub) {
        totalCount nodes { code holder { name } unit { code } parent { code } } } }"""
    body = await gql(client, query, {"vacant": False, "sub": False})
    assert "errors" not in body, body
    positions = body["data"]["positions"]
    assert positions["totalCount"] == 7
    by_code = {p["code"]: p for p in positions["nodes"]}
    assert by_code["STAF"]["holder"] == {"name": "Pegawai Staf"}
    assert by_code["STAF"]["parent"] == {"code": "KASI"}
    assert by_code["KASI"]["holder"] is None
    assert by_code["SEKDA"]["parent"] is None

    vacant = (await gql(client, query, {"vacant": True, "sub": False}))["data"]["positions"]
    assert vacant["totalCount"] == 1
    assert [p["code"] for p in vacant["nodes"]] == ["KASI"]

    dinas = str(small_org.ids["DINAS"])
    only = (await gql(client, query, {"vacant": False, "unitId": dinas, "sub": False}))["data"][
        "positions"
    ]
    assert [p["code"] for p in only["nodes"]] == ["KADIS"]
    sub = (await gql(client, query, {"vacant": False, "unitId": dinas, "sub": True}))["data"][
        "positions"
    ]
    assert sorted(p["code"] for p in sub["nodes"]) == ["KABID", "KADIS", "KASI", "STAF", "STAF2"]


POSITION_PAGE = """query($unitId: ID!, $first: Int!, $after: String) {
  positions(unitId: $unitId, includeSubunits: true, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { code } } }"""


@pytest.mark.parametrize("user", ["hradmin", "manager"])
async def test_positions_of_a_unit_page_by_cursor(
    client: httpx.AsyncClient, small_org: SmallOrg, user: str
) -> None:
    """As the Jabatan & Penugasan screen asks (a page, then "Muat lebih banyak" with the last
    cursor): every position of the unit tree once, in id order, whatever the page size."""
    await as_user(client, user)
    dinas = str(small_org.ids["DINAS"])
    for size in (1, 2, 3, 100):
        seen: list[str] = []
        after: str | None = None
        while True:
            body = await gql(
                client, POSITION_PAGE, {"unitId": dinas, "first": size, "after": after}
            )
            assert "errors" not in body, body
            page = body["data"]["positions"]
            assert page["totalCount"] == 5
            assert len(page["nodes"]) <= size
            seen += [p["code"] for p in page["nodes"]]
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
        assert sorted(seen) == ["KABID", "KADIS", "KASI", "STAF", "STAF2"], size
        assert len(seen) == len(set(seen)), size
    body = await gql(client, POSITION_PAGE, {"unitId": dinas, "first": 101})
    assert error_code(body) == "INVALID_INPUT"
    body = await gql(client, POSITION_PAGE, {"unitId": dinas, "first": 2, "after": "bukan-kursor"})
    assert error_code(body) == "INVALID_INPUT"


async def test_appointee_search_reaches_people_of_other_units(
    client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    """The assessor picker of a unit manager (DINAS) finds someone of DINAS2 by name or NIP."""
    await as_user(client, "manager")
    assert await names(client, unitId=str(small_org.ids["DINAS"])) == [
        "Pegawai Kabid",
        "Pegawai Kadis",
        "Pegawai Staf",
        "Pegawai Staf2",
    ]
    assert await names(client, search="kadis2") == ["Pegawai Kadis2"]
    nip = small_org.nips["kadis2"]
    assert await names(client, search=nip) == ["Pegawai Kadis2"]


async def test_vacancy_filled_after_assignment_disappears_from_vacant_list(
    client: httpx.AsyncClient, small_org: SmallOrg, db: Database
) -> None:
    await employees.assign_position(
        db,
        system_actor("test"),
        employee_id=small_org.ids["emp:staf2"],
        position_id=small_org.ids["KASI"],
        start_date=date(2023, 1, 1),
    )
    await as_user(client, "staf")
    body = await gql(client, "{ positions(vacantOnly: true) { totalCount nodes { code } } }")
    # STAF2 is vacant now, KASI is held.
    assert [p["code"] for p in body["data"]["positions"]["nodes"]] == ["STAF2"]


# ---------------------------------------------------------------- employees connection


async def test_employees_default_page_sorted_by_name(
    client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    await as_user(client, "staf")
    body = await gql(client, EMPLOYEES)
    conn = body["data"]["employees"]
    assert conn["totalCount"] == 6
    assert [e["node"]["name"] for e in conn["edges"]] == ALL_NAMES
    assert conn["pageInfo"]["hasNextPage"] is False
    assert conn["pageInfo"]["hasPreviousPage"] is False
    assert conn["pageInfo"]["startCursor"] == conn["edges"][0]["cursor"]
    assert conn["pageInfo"]["endCursor"] == conn["edges"][-1]["cursor"]


async def test_employees_pagination_walks_every_row_once(
    client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    await as_user(client, "staf")
    seen: list[str] = []
    after: str | None = None
    pages = 0
    while True:
        body = await gql(client, EMPLOYEES, {"first": 4 if pages == 0 else 1, "after": after})
        assert "errors" not in body, body
        conn = body["data"]["employees"]
        assert conn["totalCount"] == 6
        assert conn["pageInfo"]["hasPreviousPage"] is (pages > 0)
        seen.extend(e["node"]["name"] for e in conn["edges"])
        pages += 1
        if not conn["pageInfo"]["hasNextPage"]:
            break
        after = conn["pageInfo"]["endCursor"]
    assert seen == ALL_NAMES
    assert pages == 3  # 4 + 1 + 1


async def test_employees_first_zero_and_after_last(
    client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    await as_user(client, "staf")
    body = await gql(client, EMPLOYEES, {"first": 0})
    conn = body["data"]["employees"]
    assert conn["edges"] == []
    assert conn["totalCount"] == 6
    assert conn["pageInfo"]["hasNextPage"] is True
    assert conn["pageInfo"]["endCursor"] is None
    last = (await gql(client, EMPLOYEES, {}))["data"]["employees"]["pageInfo"]["endCursor"]
    beyond = (await gql(client, EMPLOYEES, {"after": last}))["data"]["employees"]
    assert beyond["edges"] == []
    assert beyond["pageInfo"]["hasNextPage"] is False


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage!!",
        "",
        base64.urlsafe_b64encode(b"o:-3").decode(),
        base64.urlsafe_b64encode(b"x:3").decode(),
        base64.urlsafe_b64encode(b"o:abc").decode(),
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
        base64.urlsafe_b64encode(b"o:" + b"9" * 40).decode(),
    ],
)
async def test_employees_malformed_cursor_is_a_clear_error(
    client: httpx.AsyncClient, small_org: SmallOrg, cursor: str
) -> None:
    await as_user(client, "staf")
    body = await gql(client, EMPLOYEES, {"after": cursor})
    assert error_code(body) == "INVALID_INPUT"
    assert body["errors"][0]["message"] == "Kursor halaman tidak valid."


@pytest.mark.parametrize("first", [101, -1, 10_000])
async def test_employees_page_size_out_of_range_is_refused(
    client: httpx.AsyncClient, small_org: SmallOrg, first: int
) -> None:
    await as_user(client, "staf")
    body = await gql(client, EMPLOYEES, {"first": first})
    assert error_code(body) == "INVALID_INPUT"
    assert "100" in body["errors"][0]["message"]


async def test_employees_first_100_is_allowed(
    client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    await as_user(client, "staf")
    assert await names(client, first=100) == ALL_NAMES


async def test_employees_search_by_name_fragment(
    client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    await as_user(client, "staf")
    assert await names(client, search="kadis") == ["Pegawai Kadis", "Pegawai Kadis2"]
    assert await names(client, search="  STAF2 ") == ["Pegawai Staf2"]
    assert await names(client, search="tidak ada") == []
    body = await gql(client, EMPLOYEES, {"search": "kadis"})
    assert body["data"]["employees"]["totalCount"] == 2


async def test_employees_search_by_nip_prefix(
    client: httpx.AsyncClient, small_org: SmallOrg, db: Database
) -> None:
    other = make_nip(date(1990, 7, 1), date(2015, 5, 1), Gender.PEREMPUAN, 3)
    await employees.create_employee(
        db,
        system_actor("test"),
        employees.EmployeeInput(other, "Sri Lestari", AsnType.PNS, "III/a"),
    )
    await as_user(client, "staf")
    assert await names(client, search="1985") == ALL_NAMES
    assert await names(client, search="199007") == ["Sri Lestari"]
    full = small_org.nips["kadis"]
    assert await names(client, search=full) == ["Pegawai Kadis"]
    spaced = f"{full[:8]} {full[8:14]} {full[14]} {full[15:]}"
    assert await names(client, search=spaced) == ["Pegawai Kadis"]
    # A NIP fragment from the middle is not a prefix: no match.
    assert await names(client, search=full[8:14]) == []


async def test_employees_search_like_wildcards_are_literal(
    client: httpx.AsyncClient, small_org: SmallOrg, db: Database
) -> None:
    actor = system_actor("test")
    for seq, name in ((40, "Ani 100% Jaya"), (41, "Budi_Santoso"), (42, "Citra\\Dewi")):
        await employees.create_employee(
            db,
            actor,
            employees.EmployeeInput(
                make_nip(date(1991, 1, 1), date(2016, 1, 1), Gender.LAKI_LAKI, seq),
                name,
                AsnType.PNS,
                "III/a",
            ),
        )
    await as_user(client, "staf")
    assert await names(client, search="%") == ["Ani 100% Jaya"]
    assert await names(client, search="_") == ["Budi_Santoso"]
    assert await names(client, search="i_s") == ["Budi_Santoso"]
    assert await names(client, search="0%") == ["Ani 100% Jaya"]
    assert await names(client, search="\\") == ["Citra\\Dewi"]
    assert await names(client, search="a\\d") == ["Citra\\Dewi"]
    assert await names(client, search="%%") == []


async def test_employees_search_too_long_is_refused(
    client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    await as_user(client, "staf")
    body = await gql(client, EMPLOYEES, {"search": "a" * 101})
    assert error_code(body) == "INVALID_INPUT"


async def test_employees_filter_by_unit(client: httpx.AsyncClient, small_org: SmallOrg) -> None:
    await as_user(client, "staf")
    dinas = str(small_org.ids["DINAS"])
    assert await names(client, unitId=dinas) == [
        "Pegawai Kabid",
        "Pegawai Kadis",
        "Pegawai Staf",
        "Pegawai Staf2",
    ]
    assert await names(client, unitId=dinas, sub=False) == ["Pegawai Kadis"]
    assert await names(client, unitId=str(small_org.ids["BIDANG"]), search="staf") == [
        "Pegawai Staf",
        "Pegawai Staf2",
    ]
    assert await names(client, unitId="999999") == []
    body = await gql(client, EMPLOYEES, {"unitId": "abc"})
    assert error_code(body) == "INVALID_INPUT"


# ---------------------------------------------------------------- employee, assessors


async def test_employee_with_assessor_and_atasan(
    client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    await as_user(client, "hradmin")
    body = await gql(client, EMPLOYEE, {"id": str(small_org.ids["emp:staf2"])})
    employee = body["data"]["employee"]
    assert employee["position"] == {"code": "STAF2"}
    assert employee["unit"] == {"code": "BIDANG"}
    assert employee["assessor"]["basis"] == "PARENT_POSITION"
    assert employee["assessor"]["employee"]["name"] == "Pegawai Kabid"
    assert employee["assessorsAssessor"] == {
        "basis": "PARENT_POSITION",
        "employee": {"name": "Pegawai Kadis"},
    }
    sekda = (await gql(client, EMPLOYEE, {"id": str(small_org.ids["emp:sekda"])}))["data"][
        "employee"
    ]
    assert sekda["assessor"] is None
    assert sekda["assessorsAssessor"] is None


async def test_employee_unknown_or_malformed_id(
    client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    await as_user(client, "staf")
    assert (await gql(client, EMPLOYEE, {"id": "999999"}))["data"]["employee"] is None
    for bad in ("abc", "0", "1.5", "' OR 1=1 --"):
        body = await gql(client, EMPLOYEE, {"id": bad})
        assert error_code(body) == "INVALID_INPUT", bad


# ---------------------------------------------------------------- row scoping


async def test_employee_sees_own_record(client: httpx.AsyncClient, small_org: SmallOrg) -> None:
    await as_user(client, "staf")
    record = await record_of(client, small_org.ids["emp:staf"])
    assert record is not None
    nip = small_org.nips["staf"]
    assert record["nip"] == nip
    assert record["nipFormatted"] == f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    assert record["asnType"] == "PNS"
    assert record["golongan"] == "III/c"
    assert record["pangkat"] == "Penata"
    assert record["gender"] == "LAKI_LAKI"
    assert record["birthDate"] == "1985-03-14"
    assert record["status"] == "AKTIF"
    assert record["assignments"] == [
        {"startDate": "2020-01-01", "endDate": None, "position": {"code": "STAF"}}
    ]


async def test_colleague_sees_name_position_unit_but_not_record(
    client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    await as_user(client, "staf")
    for key in ("staf2", "kabid", "kadis", "sekda", "kadis2"):
        assert await record_of(client, small_org.ids[f"emp:{key}"]) is None, key
    # The assessor link does not leak the assessor's record either.
    body = await gql(client, EMPLOYEE, {"id": str(small_org.ids["emp:staf"])})
    assessor = body["data"]["employee"]["assessor"]
    assert assessor["employee"] == {"name": "Pegawai Kabid", "record": None}


async def test_nested_lookups_are_scoped_too(
    client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    await as_user(client, "staf2")
    body = await gql(
        client,
        "{ positions(first: 100) { nodes { code holder { name record { nip } } } } "
        "employees(first: 100) { nodes { name record { nip } } } }",
    )
    assert "errors" not in body, body
    visible = {
        p["code"]
        for p in body["data"]["positions"]["nodes"]
        if p["holder"] and p["holder"]["record"]
    }
    assert visible == {"STAF2"}
    visible_names = {e["name"] for e in body["data"]["employees"]["nodes"] if e["record"]}
    assert visible_names == {"Pegawai Staf2"}


@pytest.mark.parametrize(
    ("viewer", "visible"),
    [
        ("staf", {"staf"}),
        ("staf2", {"staf2"}),
        # Kabid rates Staf (over the vacant Kasi) and Staf2.
        ("kabid", {"kabid", "staf", "staf2"}),
        # Kadis rates Kabid and is the Atasan Pejabat Penilai of Staf and Staf2.
        ("kadis", {"kadis", "kabid", "staf", "staf2"}),
        # Sekda rates both Kadis and is the Atasan of the Kabid only.
        ("sekda", {"sekda", "kadis", "kadis2", "kabid"}),
        ("kadis2", {"kadis2"}),
        # Unit manager of DINAS: its subtree (DINAS, BIDANG), not PEMKOT or DINAS2.
        ("manager", {"kadis", "kabid", "staf", "staf2"}),
        ("hradmin", {"sekda", "kadis", "kabid", "staf", "staf2", "kadis2"}),
        ("auditor", {"sekda", "kadis", "kabid", "staf", "staf2", "kadis2"}),
        ("sysadmin", set()),
    ],
)
async def test_record_visibility_matrix(
    client: httpx.AsyncClient, small_org: SmallOrg, viewer: str, visible: set[str]
) -> None:
    await as_user(client, viewer)
    seen = set()
    for key in ("sekda", "kadis", "kabid", "staf", "staf2", "kadis2"):
        record = await record_of(client, small_org.ids[f"emp:{key}"])
        if record is not None:
            assert record["nip"] == small_org.nips[key]
            seen.add(key)
    assert seen == visible
    # The same rule applies through the connection.
    body = await gql(client, "{ employees(first: 100) { nodes { name record { nip } } } }")
    listed = {e["name"] for e in body["data"]["employees"]["nodes"] if e["record"]}
    assert listed == {f"Pegawai {k.title()}" for k in visible}


async def test_managed_unit_without_the_manager_role_grants_no_records(
    client: httpx.AsyncClient, small_org: SmallOrg, db: Database
) -> None:
    from server.services.organisation import accounts

    # The role was taken away but the managed unit stayed on the account.
    await accounts.update_account(
        db,
        system_actor("test"),
        small_org.ids["acc:manager"],
        accounts.AccountChanges(roles=frozenset()),
    )
    await as_user(client, "manager")
    me = await gql(client, "{ me { roles managedUnit { code } } }")
    assert me["data"]["me"]["roles"] == []
    for key in ("kadis", "kabid", "staf", "staf2"):
        assert await record_of(client, small_org.ids[f"emp:{key}"]) is None, key


async def test_override_gives_the_acting_assessor_the_record(
    client: httpx.AsyncClient, small_org: SmallOrg, db: Database
) -> None:
    from server.domain.enums import ActingKind
    from server.services.organisation import structure

    await structure.set_assessor_override(
        db,
        system_actor("test"),
        structure.OverrideInput(
            small_org.ids["STAF"],
            small_org.ids["emp:kadis2"],
            ActingKind.PLT,
            "Plt Kasi",
            date(2021, 1, 1),
        ),
    )
    await as_user(client, "kadis2")
    assert await record_of(client, small_org.ids["emp:staf"]) is not None
    body = await gql(client, EMPLOYEE, {"id": str(small_org.ids["emp:staf"])})
    employee = body["data"]["employee"]
    assert employee["assessor"]["basis"] == "OVERRIDE"
    assert employee["assessor"]["actingKind"] == "PLT"
    assert employee["assessor"]["employee"]["name"] == "Pegawai Kadis2"
    # Kadis2's own assessor (the Sekda) becomes the Atasan Pejabat Penilai.
    assert employee["assessorsAssessor"]["employee"]["name"] == "Pegawai Sekda"
    # The Kabid no longer rates Staf.
    await as_user(client, "kabid")
    assert await record_of(client, small_org.ids["emp:staf"]) is None


# ---------------------------------------------------------------- audit log


@pytest.mark.parametrize("user", ["staf", "kadis", "manager"])
async def test_audit_log_forbidden_for_staff(
    client: httpx.AsyncClient, small_org: SmallOrg, user: str
) -> None:
    await as_user(client, user)
    for query in ("{ auditEvents { totalCount } }", "{ auditChain { intact } }"):
        body = await gql(client, query)
        assert body["data"] is None
        assert error_code(body) == "FORBIDDEN"


@pytest.mark.parametrize("user", ["auditor", "hradmin", "sysadmin"])
async def test_audit_log_readable_by_auditors_and_admins(
    client: httpx.AsyncClient, small_org: SmallOrg, user: str
) -> None:
    await as_user(client, user)
    body = await gql(
        client,
        "{ auditEvents(first: 3) { totalCount nodes { seq action objectType } } "
        "auditChain { intact eventsChecked firstBrokenSeq problem } }",
    )
    assert "errors" not in body, body
    events = body["data"]["auditEvents"]
    # 4 units + 7 positions + 6 employees (+ 6 assignments) + 10 accounts, then logins.
    assert events["totalCount"] >= 33
    seqs = [e["seq"] for e in events["nodes"]]
    assert seqs == sorted(seqs, reverse=True)
    assert len(seqs) == 3
    chain = body["data"]["auditChain"]
    assert chain["intact"] is True
    assert chain["firstBrokenSeq"] is None
    assert chain["eventsChecked"] >= events["totalCount"]


async def test_audit_events_filter_by_object(
    client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    await as_user(client, "auditor")
    body = await gql(
        client,
        "query($t: String, $i: String) { auditEvents(objectType: $t, objectId: $i) "
        "{ totalCount nodes { action objectType objectId after } } }",
        {"t": "unit", "i": str(small_org.ids["BIDANG"])},
    )
    events = body["data"]["auditEvents"]
    assert events["totalCount"] == 1
    assert events["nodes"][0]["action"] == "unit.create"
    assert events["nodes"][0]["after"]["code"] == "BIDANG"
