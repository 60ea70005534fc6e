"""Admin mutations: happy paths with their audit events, and hostile input that changes nothing."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from server.db.engine import Database
from server.db.models import AssessorOverride
from server.domain.enums import AsnType, Gender
from server.domain.nip import make_nip
from tests.conftest import PASSWORD, SmallOrg, gql, login
from tests.db_state import audit_count, db_state

# Tables a rejected write must leave exactly as they were (sessions and login times excluded).


async def as_user(client: httpx.AsyncClient, user: str) -> None:
    response = await login(client, user)
    assert response.status_code == 200, response.text


Call = Callable[[dict[str, Any]], Awaitable[dict[str, Any]]]


def mutation(client: httpx.AsyncClient, name: str, input_type: str, selection: str) -> Call:
    query = (
        f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ "
        f"result {{ {selection} }} errors {{ code field message }} }} }}"
    )

    async def call(variables: dict[str, Any]) -> dict[str, Any]:
        body = await gql(client, query, {"input": variables})
        assert "errors" not in body, body
        payload: dict[str, Any] = body["data"][name]
        return payload

    return call


async def assert_rejected(
    db: Database,
    call: Call,
    variables: dict[str, Any],
    code: str,
    field: str | None = None,
    message_part: str | None = None,
) -> str:
    """The mutation answers with one error of this code and the database is untouched."""
    before = await db_state(db)
    payload = await call(variables)
    assert payload["result"] is None, payload
    assert payload["errors"], payload
    error = payload["errors"][0]
    assert error["code"] == code, (variables, payload)
    if field is not None:
        assert error["field"] == field, (variables, payload)
    if message_part is not None:
        assert message_part in error["message"], (variables, payload)
    assert await db_state(db) == before, f"a rejected write changed data: {variables}"
    message: str = error["message"]
    return message


async def last_audit(
    client: httpx.AsyncClient, object_type: str, object_id: str
) -> list[dict[str, Any]]:
    """Events of one object, newest first, read as the auditor through the API."""
    await as_user(client, "auditor")
    body = await gql(
        client,
        "query($t: String, $i: String) { auditEvents(objectType: $t, objectId: $i, first: 100) "
        "{ nodes { action actorLabel before after } } }",
        {"t": object_type, "i": object_id},
    )
    assert "errors" not in body, body
    nodes: list[dict[str, Any]] = body["data"]["auditEvents"]["nodes"]
    return nodes


UNIT_FIELDS = "id code name kind version validFrom validUntil parent { code }"
POSITION_FIELDS = (
    "id code name kind functionalLevel version unit { code } parent { code } holder { name }"
)
EMPLOYEE_FIELDS = (
    "id name position { code } record { nip golongan pangkat status version gender birthDate asnType "
    "assignments { startDate endDate decree position { code } } }"
)


def new_nip(seq: int, gender: Gender = Gender.PEREMPUAN) -> str:
    return make_nip(date(1992, 8, 17), date(2018, 2, 1), gender, seq)


# ---------------------------------------------------------------- units


async def test_create_unit_happy_path_and_audit(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    await as_user(client, "hradmin")
    create = mutation(client, "createUnit", "CreateUnitInput", UNIT_FIELDS)
    payload = await create(
        {
            "code": " seksi-a.1 ",
            "name": "  Seksi   Anggaran ",
            "kind": "SEKSI",
            "parentId": str(small_org.ids["BIDANG"]),
            "validFrom": "2024-01-01",
        }
    )
    assert payload["errors"] == []
    unit = payload["result"]
    assert unit["code"] == "SEKSI-A.1"
    assert unit["name"] == "Seksi Anggaran"
    assert unit["kind"] == "SEKSI"
    assert unit["version"] == 1
    assert unit["parent"] == {"code": "BIDANG"}
    events = await last_audit(client, "unit", unit["id"])
    assert [e["action"] for e in events] == ["unit.create"]
    assert events[0]["actorLabel"] == "hradmin"
    assert events[0]["after"]["code"] == "SEKSI-A.1"
    assert events[0]["after"]["kind"] == "SEKSI"


async def test_create_unit_rejects_bad_input_and_changes_nothing(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    await as_user(client, "hradmin")
    create = mutation(client, "createUnit", "CreateUnitInput", UNIT_FIELDS)
    ok = {
        "code": "BARU",
        "name": "Unit Baru",
        "kind": "BIDANG",
        "parentId": str(small_org.ids["DINAS"]),
        "validFrom": "2024-01-01",
    }
    cases: list[tuple[dict[str, Any], str, str]] = [
        ({"code": "dinas"}, "DUPLICATE", "code"),
        ({"code": ""}, "INVALID_INPUT", "code"),
        ({"code": "KODE DENGAN SPASI"}, "INVALID_INPUT", "code"),
        ({"code": "'; DROP TABLE unit; --"}, "INVALID_INPUT", "code"),
        ({"code": "X" * 10_000}, "INVALID_INPUT", "code"),
        ({"name": ""}, "INVALID_INPUT", "name"),
        ({"name": "   "}, "INVALID_INPUT", "name"),
        ({"name": "N" * 10_000}, "INVALID_INPUT", "name"),
        ({"name": "Bidang\x00Nol"}, "INVALID_INPUT", "name"),
        ({"name": "Bidang\x07Bel"}, "INVALID_INPUT", "name"),
        ({"name": "Bidang\x1fSep"}, "INVALID_INPUT", "name"),
        ({"name": "Bidang\x7fDel"}, "INVALID_INPUT", "name"),
        ({"name": "Bidang\u202eevil"}, "INVALID_INPUT", "name"),
        ({"parentId": "999999"}, "INVALID_INPUT", "parentId"),
        ({"parentId": "abc"}, "INVALID_INPUT", "parentId"),
        ({"parentId": "-1"}, "INVALID_INPUT", "parentId"),
        ({"parentId": "1" * 30}, "INVALID_INPUT", "parentId"),
        # Wrong kind of parent: a bidang under a bidang, a kelurahan under a dinas.
        ({"parentId": str(small_org.ids["BIDANG"])}, "INVALID_INPUT", "parentId"),
        ({"kind": "KELURAHAN"}, "INVALID_INPUT", "parentId"),
        ({"kind": "BIDANG", "parentId": None}, "INVALID_INPUT", "parentId"),
        # A second root instansi.
        ({"kind": "INSTANSI", "parentId": None}, "INVALID_INPUT", "parentId"),
        ({"validUntil": "2023-12-31"}, "INVALID_INPUT", "validUntil"),
    ]
    for change, code, field in cases:
        await assert_rejected(db, create, {**ok, **change}, code, field)
    # The same input without the poison goes through.
    assert (await create(ok))["errors"] == []


async def test_create_unit_rejects_malformed_graphql_input_without_side_effects(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    await as_user(client, "hradmin")
    before = await db_state(db)
    query = "mutation($input: CreateUnitInput!) { createUnit(input: $input) { errors { code } } }"
    for bad in (
        {
            "code": "A",
            "name": "B",
            "kind": "NOT_A_KIND",
            "parentId": None,
            "validFrom": "2024-01-01",
        },
        {"code": "A", "name": "B", "kind": "BIDANG", "parentId": None, "validFrom": "2024-13-45"},
        {"code": "A", "kind": "BIDANG", "parentId": None, "validFrom": "2024-01-01"},
    ):
        body = await gql(client, query, {"input": bad})
        assert body.get("data") is None, body
        assert body["errors"], body
    assert await db_state(db) == before


async def test_unit_writes_forbidden_for_staff_auditor_sysadmin_and_outside_manager(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    ok = {
        "code": "BARU",
        "name": "Unit Baru",
        "kind": "BIDANG",
        "parentId": str(small_org.ids["DINAS"]),
        "validFrom": "2024-01-01",
    }
    for user in ("staf", "kadis", "auditor", "sysadmin"):
        await as_user(client, user)
        create = mutation(client, "createUnit", "CreateUnitInput", UNIT_FIELDS)
        update = mutation(client, "updateUnit", "UpdateUnitInput", UNIT_FIELDS)
        await assert_rejected(db, create, ok, "FORBIDDEN")
        await assert_rejected(
            db, update, {"id": str(small_org.ids["BIDANG"]), "name": "X"}, "FORBIDDEN"
        )
    await as_user(client, "manager")
    create = mutation(client, "createUnit", "CreateUnitInput", UNIT_FIELDS)
    update = mutation(client, "updateUnit", "UpdateUnitInput", UNIT_FIELDS)
    await assert_rejected(db, create, {**ok, "parentId": str(small_org.ids["DINAS2"])}, "FORBIDDEN")
    await assert_rejected(
        db,
        create,
        {**ok, "kind": "PERANGKAT_DAERAH", "parentId": str(small_org.ids["PEMKOT"])},
        "FORBIDDEN",
    )
    await assert_rejected(
        db, update, {"id": str(small_org.ids["DINAS2"]), "name": "X"}, "FORBIDDEN"
    )
    await assert_rejected(
        db, update, {"id": str(small_org.ids["PEMKOT"]), "name": "X"}, "FORBIDDEN"
    )
    # Moving a unit of their own out of their subtree is writing outside it.
    await assert_rejected(
        db,
        update,
        {"id": str(small_org.ids["BIDANG"]), "parentId": str(small_org.ids["DINAS2"])},
        "FORBIDDEN",
    )
    # Inside their own subtree the manager may write.
    payload = await create({**ok, "kind": "UPTD"})
    assert payload["errors"] == []
    assert payload["result"]["parent"] == {"code": "DINAS"}
    renamed = await update({"id": str(small_org.ids["BIDANG"]), "name": "Bidang Baru"})
    assert renamed["errors"] == []
    assert renamed["result"]["name"] == "Bidang Baru"


async def test_update_unit_happy_path_version_and_audit(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    await as_user(client, "hradmin")
    update = mutation(client, "updateUnit", "UpdateUnitInput", UNIT_FIELDS)
    bidang = str(small_org.ids["BIDANG"])
    payload = await update(
        {
            "id": bidang,
            "expectedVersion": 1,
            "name": "Bidang Pajak",
            "parentId": str(small_org.ids["DINAS2"]),
            "validUntil": "2030-12-31",
        }
    )
    assert payload["errors"] == []
    unit = payload["result"]
    assert (unit["name"], unit["version"], unit["parent"], unit["validUntil"]) == (
        "Bidang Pajak",
        2,
        {"code": "DINAS2"},
        "2030-12-31",
    )
    # Clearing a nullable field with an explicit null.
    cleared = await update({"id": bidang, "expectedVersion": 2, "validUntil": None})
    assert cleared["result"]["validUntil"] is None
    assert cleared["result"]["version"] == 3
    events = await last_audit(client, "unit", bidang)
    assert [e["action"] for e in events] == ["unit.update", "unit.update", "unit.create"]
    assert events[1]["before"]["name"] == "Unit BIDANG"
    assert events[1]["after"]["name"] == "Bidang Pajak"
    assert events[1]["after"]["parent_id"] == small_org.ids["DINAS2"]


async def test_update_unit_without_change_writes_no_event(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    await as_user(client, "hradmin")
    update = mutation(client, "updateUnit", "UpdateUnitInput", UNIT_FIELDS)
    before = await db_state(db)
    payload = await update({"id": str(small_org.ids["BIDANG"]), "name": " Unit   BIDANG "})
    assert payload["errors"] == []
    assert payload["result"]["version"] == 1
    assert await db_state(db) == before


async def test_update_unit_rejects_bad_input_and_changes_nothing(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    await as_user(client, "hradmin")
    update = mutation(client, "updateUnit", "UpdateUnitInput", UNIT_FIELDS)
    dinas, bidang = str(small_org.ids["DINAS"]), str(small_org.ids["BIDANG"])
    await assert_rejected(
        db, update, {"id": bidang, "expectedVersion": 7, "name": "X"}, "CONFLICT", "version"
    )
    await assert_rejected(db, update, {"id": "999999", "name": "X"}, "NOT_FOUND")
    await assert_rejected(db, update, {"id": "abc", "name": "X"}, "INVALID_INPUT", "id")
    await assert_rejected(db, update, {"id": bidang, "name": "N" * 10_000}, "INVALID_INPUT", "name")
    await assert_rejected(db, update, {"id": bidang, "name": "a\x00b"}, "INVALID_INPUT", "name")
    # A parent cycle: the dinas under its own bidang, or a unit under itself.
    await assert_rejected(
        db, update, {"id": dinas, "parentId": bidang}, "INVALID_INPUT", "parentId"
    )
    await assert_rejected(db, update, {"id": dinas, "parentId": dinas}, "INVALID_INPUT", "parentId")
    # Wrong kind of parent, unknown parent, the root losing... and a second root.
    await assert_rejected(
        db,
        update,
        {"id": bidang, "parentId": str(small_org.ids["PEMKOT"])},
        "INVALID_INPUT",
        "parentId",
    )
    await assert_rejected(
        db, update, {"id": bidang, "parentId": "999999"}, "INVALID_INPUT", "parentId"
    )
    await assert_rejected(db, update, {"id": bidang, "parentId": None}, "INVALID_INPUT", "parentId")
    await assert_rejected(
        db, update, {"id": bidang, "validUntil": "1999-01-01"}, "INVALID_INPUT", "validUntil"
    )
    # One bad field spoils the whole change: the valid name is not saved either.
    await assert_rejected(
        db,
        update,
        {"id": bidang, "name": "Nama Sah", "parentId": bidang},
        "INVALID_INPUT",
        "parentId",
    )


async def test_stale_version_after_a_concurrent_edit(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    await as_user(client, "hradmin")
    update = mutation(client, "updateUnit", "UpdateUnitInput", UNIT_FIELDS)
    bidang = str(small_org.ids["BIDANG"])
    first = await update({"id": bidang, "expectedVersion": 1, "name": "Edit Pertama"})
    assert first["result"]["version"] == 2
    message = await assert_rejected(
        db,
        update,
        {"id": bidang, "expectedVersion": 1, "name": "Edit Kedua"},
        "CONFLICT",
        "version",
    )
    assert "versi 2" in message
    one = await gql(client, "query($id: ID) { unit(id: $id) { name } }", {"id": bidang})
    assert one["data"]["unit"]["name"] == "Edit Pertama"


# ---------------------------------------------------------------- positions


async def test_create_position_happy_path_and_audit(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    await as_user(client, "hradmin")
    create = mutation(client, "createPosition", "CreatePositionInput", POSITION_FIELDS)
    payload = await create(
        {
            "code": "analis-1",
            "name": "Analis Kebijakan",
            "kind": "FUNGSIONAL",
            "functionalLevel": "AHLI_PERTAMA",
            "unitId": str(small_org.ids["BIDANG"]),
            "parentId": str(small_org.ids["KABID"]),
            "validFrom": "2024-01-01",
        }
    )
    assert payload["errors"] == []
    position = payload["result"]
    assert position["code"] == "ANALIS-1"
    assert position["functionalLevel"] == "AHLI_PERTAMA"
    assert position["unit"] == {"code": "BIDANG"}
    assert position["parent"] == {"code": "KABID"}
    assert position["holder"] is None
    events = await last_audit(client, "position", position["id"])
    assert [e["action"] for e in events] == ["position.create"]
    assert events[0]["after"]["functional_level"] == "AHLI_PERTAMA"


async def test_create_position_rejects_bad_input_and_changes_nothing(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    await as_user(client, "hradmin")
    create = mutation(client, "createPosition", "CreatePositionInput", POSITION_FIELDS)
    ok = {
        "code": "BARU",
        "name": "Jabatan Baru",
        "kind": "PELAKSANA",
        "unitId": str(small_org.ids["BIDANG"]),
        "parentId": str(small_org.ids["KABID"]),
        "validFrom": "2024-01-01",
    }
    cases: list[tuple[dict[str, Any], str, str]] = [
        ({"code": "kabid"}, "DUPLICATE", "code"),
        ({"code": "?"}, "INVALID_INPUT", "code"),
        ({"name": "N" * 10_000}, "INVALID_INPUT", "name"),
        ({"name": "tab\x0bvt"}, "INVALID_INPUT", "name"),
        ({"kind": "FUNGSIONAL"}, "INVALID_INPUT", "functionalLevel"),
        ({"functionalLevel": "AHLI_MUDA"}, "INVALID_INPUT", "functionalLevel"),
        ({"unitId": "999999"}, "INVALID_INPUT", "unitId"),
        ({"unitId": "x1"}, "INVALID_INPUT", "unitId"),
        ({"parentId": "999999"}, "INVALID_INPUT", "parentId"),
        ({"parentId": "1e3"}, "INVALID_INPUT", "parentId"),
        ({"validUntil": "2020-01-01"}, "INVALID_INPUT", "validUntil"),
    ]
    for change, code, field in cases:
        await assert_rejected(db, create, {**ok, **change}, code, field)
    for user in ("staf", "auditor", "sysadmin"):
        await as_user(client, user)
        await assert_rejected(
            db, mutation(client, "createPosition", "CreatePositionInput", "id"), ok, "FORBIDDEN"
        )
    await as_user(client, "manager")
    as_manager = mutation(client, "createPosition", "CreatePositionInput", "id unit { code }")
    await assert_rejected(
        db, as_manager, {**ok, "unitId": str(small_org.ids["DINAS2"])}, "FORBIDDEN"
    )
    allowed = await as_manager(ok)
    assert allowed["errors"] == []
    assert allowed["result"]["unit"] == {"code": "BIDANG"}


async def test_update_position_happy_conflict_cycle_and_scope(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    await as_user(client, "hradmin")
    update = mutation(client, "updatePosition", "UpdatePositionInput", POSITION_FIELDS)
    staf2 = str(small_org.ids["STAF2"])
    payload = await update(
        {
            "id": staf2,
            "expectedVersion": 1,
            "name": "Pengadministrasi Umum",
            "parentId": str(small_org.ids["KASI"]),
        }
    )
    assert payload["errors"] == []
    assert payload["result"]["name"] == "Pengadministrasi Umum"
    assert payload["result"]["version"] == 2
    assert payload["result"]["parent"] == {"code": "KASI"}
    events = await last_audit(client, "position", staf2)
    assert [e["action"] for e in events] == ["position.update", "position.create"]
    assert events[0]["before"]["parent_id"] == small_org.ids["KABID"]

    await as_user(client, "hradmin")
    kadis = str(small_org.ids["KADIS"])
    await assert_rejected(db, update, {"id": staf2, "expectedVersion": 1, "name": "X"}, "CONFLICT")
    await assert_rejected(
        db,
        update,
        {"id": kadis, "parentId": str(small_org.ids["STAF"])},
        "INVALID_INPUT",
        "parentId",
    )
    await assert_rejected(db, update, {"id": kadis, "parentId": kadis}, "INVALID_INPUT", "parentId")
    await assert_rejected(
        db, update, {"id": kadis, "parentId": "999999"}, "INVALID_INPUT", "parentId"
    )
    await assert_rejected(db, update, {"id": kadis, "unitId": "999999"}, "INVALID_INPUT", "unitId")
    await assert_rejected(db, update, {"id": "999999", "name": "X"}, "NOT_FOUND")
    await assert_rejected(db, update, {"id": "", "name": "X"}, "INVALID_INPUT", "id")

    await as_user(client, "manager")
    update = mutation(client, "updatePosition", "UpdatePositionInput", POSITION_FIELDS)
    await assert_rejected(
        db, update, {"id": str(small_org.ids["KADIS2"]), "name": "X"}, "FORBIDDEN"
    )
    await assert_rejected(
        db, update, {"id": staf2, "unitId": str(small_org.ids["DINAS2"])}, "FORBIDDEN"
    )
    await as_user(client, "staf")
    update = mutation(client, "updatePosition", "UpdatePositionInput", "id")
    await assert_rejected(db, update, {"id": staf2, "name": "X"}, "FORBIDDEN")


async def test_set_assessor_override_happy_path_and_errors(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    await as_user(client, "hradmin")
    override = mutation(client, "setAssessorOverride", "SetAssessorOverrideInput", "code")
    ok = {
        "positionId": str(small_org.ids["STAF"]),
        "assessorEmployeeId": str(small_org.ids["emp:kadis2"]),
        "actingKind": "PLT",
        "reason": "Plt Kasi selama kekosongan",
        "validFrom": "2021-01-01",
    }
    cases: list[tuple[dict[str, Any], str, str]] = [
        ({"positionId": "999999"}, "INVALID_INPUT", "positionId"),
        ({"positionId": "abc"}, "INVALID_INPUT", "positionId"),
        ({"assessorEmployeeId": "999999"}, "INVALID_INPUT", "assessorEmployeeId"),
        ({"reason": ""}, "INVALID_INPUT", "reason"),
        ({"reason": "r" * 10_000}, "INVALID_INPUT", "reason"),
        ({"reason": "alasan\x1b[31m"}, "INVALID_INPUT", "reason"),
        ({"validUntil": "2020-01-01"}, "INVALID_INPUT", "validUntil"),
    ]
    for change, code, field in cases:
        await assert_rejected(db, override, {**ok, **change}, code, field)
    payload = await override(ok)
    assert payload["errors"] == []
    assert payload["result"] == {"code": "STAF"}
    body = await gql(
        client,
        "query($id: ID!) { employee(id: $id) { assessor { basis actingKind employee { name } } } }",
        {"id": str(small_org.ids["emp:staf"])},
    )
    assert body["data"]["employee"]["assessor"] == {
        "basis": "OVERRIDE",
        "actingKind": "PLT",
        "employee": {"name": "Pegawai Kadis2"},
    }
    # A second override starting on the same day cannot replace the first.
    await assert_rejected(db, override, ok, "INVALID_INPUT", "validFrom")
    async with db.read() as session:
        override_id = await session.scalar(sa.select(sa.func.max(AssessorOverride.id)))
    events = await last_audit(client, "assessor_override", str(override_id))
    assert events
    assert events[0]["action"] == "assessor_override.set"
    assert events[0]["after"]["acting_kind"] == "PLT"

    for user in ("staf", "auditor"):
        await as_user(client, user)
        await assert_rejected(
            db,
            mutation(client, "setAssessorOverride", "SetAssessorOverrideInput", "code"),
            {**ok, "validFrom": "2022-01-01"},
            "FORBIDDEN",
        )
    await as_user(client, "manager")
    await assert_rejected(
        db,
        mutation(client, "setAssessorOverride", "SetAssessorOverrideInput", "code"),
        {**ok, "positionId": str(small_org.ids["KADIS2"]), "validFrom": "2022-01-01"},
        "FORBIDDEN",
    )


# ---------------------------------------------------------------- employees


async def test_create_employee_happy_path_with_position_and_audit(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    await as_user(client, "hradmin")
    create = mutation(client, "createEmployee", "CreateEmployeeInput", EMPLOYEE_FIELDS)
    nip = new_nip(7)
    spaced = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    payload = await create(
        {
            "nip": spaced,
            "name": "Siti Rahayu",
            "asnType": "PNS",
            "golongan": "iii/a",
            "positionId": str(small_org.ids["KASI"]),
            "assignmentStart": "2024-02-01",
        }
    )
    assert payload["errors"] == []
    employee = payload["result"]
    assert employee["position"] == {"code": "KASI"}
    record = employee["record"]
    assert record["nip"] == nip
    assert record["golongan"] == "III/a"
    assert record["pangkat"] == "Penata Muda"
    assert record["gender"] == "PEREMPUAN"
    assert record["birthDate"] == "1992-08-17"
    assert record["assignments"] == [
        {"startDate": "2024-02-01", "endDate": None, "decree": None, "position": {"code": "KASI"}},
    ]
    events = await last_audit(client, "employee", employee["id"])
    assert [e["action"] for e in events] == ["employee.assign_position", "employee.create"]
    assert events[1]["after"]["nip"] == nip
    # Staf is now rated by the new Kasi.
    await as_user(client, "staf")
    body = await gql(client, "{ me { employee { assessor { basis employee { name } } } } }")
    assert body["data"]["me"]["employee"]["assessor"] == {
        "basis": "PARENT_POSITION",
        "employee": {"name": "Siti Rahayu"},
    }


async def test_create_pppk_employee(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    await as_user(client, "hradmin")
    create = mutation(client, "createEmployee", "CreateEmployeeInput", EMPLOYEE_FIELDS)
    nip = make_nip(date(1990, 3, 14), 2022, Gender.PEREMPUAN, 4, AsnType.PPPK)
    payload = await create({"nip": nip, "name": "Dewi PPPK", "asnType": "PPPK", "golongan": "IX"})
    assert payload["errors"] == []
    assert payload["result"]["record"]["asnType"] == "PPPK"
    assert payload["result"]["record"]["pangkat"] is None


async def test_create_employee_each_nip_error_has_its_own_message(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    await as_user(client, "hradmin")
    create = mutation(client, "createEmployee", "CreateEmployeeInput", "id")
    good = new_nip(9)
    pppk = make_nip(date(1990, 3, 14), 2022, Gender.LAKI_LAKI, 4, AsnType.PPPK)
    bad_nips = {
        "wrong length": (good[:17], "PNS"),
        "not digits": (good[:17] + "x", "PNS"),
        "bad birth date": ("19921332" + good[8:], "PNS"),
        "bad tmt month": (good[:12] + "13" + good[14:], "PNS"),
        "gender digit": (good[:14] + "3" + good[15:], "PNS"),
        "zero sequence": (good[:15] + "000", "PNS"),
        "pppk as pns": (pppk, "PNS"),
        "pns as pppk": (good, "PPPK"),
        "empty": ("   ", "PNS"),
    }
    messages: dict[str, str] = {}
    for kind, (nip, asn) in bad_nips.items():
        messages[kind] = await assert_rejected(
            db,
            create,
            {
                "nip": nip,
                "name": "Coba",
                "asnType": asn,
                "golongan": "III/a" if asn == "PNS" else "IX",
            },
            "INVALID_INPUT",
            "nip",
        )
    assert len(set(messages.values())) == len(messages), messages
    assert "18 digit" in messages["wrong length"]
    assert "Tanggal lahir" in messages["bad birth date"]
    assert "jenis kelamin" in messages["gender digit"]
    assert "urut" in messages["zero sequence"]
    assert "NI PPPK" in messages["pppk as pns"]
    assert "bukan NIP PNS" in messages["pppk as pns"]


async def test_create_employee_rejects_bad_input_and_changes_nothing(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    await as_user(client, "hradmin")
    create = mutation(client, "createEmployee", "CreateEmployeeInput", "id")
    ok = {"nip": new_nip(11), "name": "Pegawai Baru", "asnType": "PNS", "golongan": "II/c"}
    existing = small_org.nips["staf"]
    cases: list[tuple[dict[str, Any], str, str]] = [
        ({"nip": existing}, "DUPLICATE", "nip"),
        (
            {"nip": f"{existing[:8]}.{existing[8:14]}.{existing[14]}.{existing[15:]}"},
            "DUPLICATE",
            "nip",
        ),
        ({"golongan": "V/a"}, "INVALID_INPUT", "golongan"),
        ({"golongan": "IX"}, "INVALID_INPUT", "golongan"),
        ({"golongan": ""}, "INVALID_INPUT", "golongan"),
        ({"name": "N" * 10_000}, "INVALID_INPUT", "name"),
        ({"name": "Nama\x00"}, "INVALID_INPUT", "name"),
        ({"positionId": "999999"}, "INVALID_INPUT", "positionId"),
        ({"positionId": "STAF"}, "INVALID_INPUT", "positionId"),
        # The position is held: the employee must not be created without it either.
        (
            {"positionId": str(small_org.ids["STAF"]), "assignmentStart": "2024-01-01"},
            "CONFLICT",
            "positionId",
        ),
        # Start before the position exists.
        (
            {"positionId": str(small_org.ids["KASI"]), "assignmentStart": "2019-01-01"},
            "INVALID_INPUT",
            "startDate",
        ),
    ]
    for change, code, field in cases:
        await assert_rejected(db, create, {**ok, **change}, code, field)
    for user in ("staf", "auditor", "sysadmin", "manager"):
        await as_user(client, user)
        # Without a position nobody but BKPSDM may add people; the manager not in another unit.
        await assert_rejected(
            db, mutation(client, "createEmployee", "CreateEmployeeInput", "id"), ok, "FORBIDDEN"
        )
    await as_user(client, "manager")
    await assert_rejected(
        db,
        mutation(client, "createEmployee", "CreateEmployeeInput", "id"),
        {**ok, "positionId": str(small_org.ids["KADIS2"])},
        "FORBIDDEN",
    )
    payload = await mutation(client, "createEmployee", "CreateEmployeeInput", "position { code }")(
        {**ok, "positionId": str(small_org.ids["KASI"]), "assignmentStart": "2024-01-01"}
    )
    assert payload["errors"] == []
    assert payload["result"]["position"] == {"code": "KASI"}


async def test_update_employee_happy_conflict_and_scope(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    await as_user(client, "hradmin")
    update = mutation(client, "updateEmployee", "UpdateEmployeeInput", EMPLOYEE_FIELDS)
    staf = str(small_org.ids["emp:staf"])
    payload = await update(
        {
            "id": staf,
            "expectedVersion": 1,
            "golongan": "IV/a",
            "status": "CUTI",
            "name": "Pegawai Staf Baru",
        }
    )
    assert payload["errors"] == []
    assert payload["result"]["name"] == "Pegawai Staf Baru"
    record = payload["result"]["record"]
    assert (record["golongan"], record["pangkat"], record["status"], record["version"]) == (
        "IV/a",
        "Pembina",
        "CUTI",
        2,
    )
    events = await last_audit(client, "employee", staf)
    assert events[0]["action"] == "employee.update"
    assert events[0]["before"]["golongan"] == "III/c"
    assert events[0]["after"]["golongan"] == "IV/a"

    await as_user(client, "hradmin")
    await assert_rejected(
        db, update, {"id": staf, "expectedVersion": 1, "name": "X"}, "CONFLICT", "version"
    )
    await assert_rejected(
        db, update, {"id": staf, "golongan": "III/z"}, "INVALID_INPUT", "golongan"
    )
    await assert_rejected(db, update, {"id": staf, "name": ""}, "INVALID_INPUT", "name")
    await assert_rejected(db, update, {"id": staf, "name": "x" * 10_000}, "INVALID_INPUT", "name")
    await assert_rejected(db, update, {"id": "999999", "name": "X"}, "NOT_FOUND")
    await assert_rejected(db, update, {"id": "nope", "name": "X"}, "INVALID_INPUT", "id")

    await as_user(client, "manager")
    update = mutation(client, "updateEmployee", "UpdateEmployeeInput", "name")
    await assert_rejected(
        db, update, {"id": str(small_org.ids["emp:kadis2"]), "name": "X"}, "FORBIDDEN"
    )
    await assert_rejected(
        db, update, {"id": str(small_org.ids["emp:sekda"]), "name": "X"}, "FORBIDDEN"
    )
    inside = await update({"id": str(small_org.ids["emp:staf2"]), "name": "Nama Dari Pengelola"})
    assert inside["errors"] == []
    assert inside["result"]["name"] == "Nama Dari Pengelola"
    for user in ("staf", "auditor", "sysadmin"):
        await as_user(client, user)
        await assert_rejected(
            db,
            mutation(client, "updateEmployee", "UpdateEmployeeInput", "name"),
            {"id": staf, "name": "X"},
            "FORBIDDEN",
        )


async def test_staff_cannot_edit_even_their_own_record(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    await as_user(client, "staf")
    update = mutation(client, "updateEmployee", "UpdateEmployeeInput", "name")
    await assert_rejected(
        db, update, {"id": str(small_org.ids["emp:staf"]), "golongan": "IV/e"}, "FORBIDDEN"
    )


async def test_assign_position_keeps_history(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    await as_user(client, "hradmin")
    assign = mutation(client, "assignPosition", "AssignPositionInput", EMPLOYEE_FIELDS)
    staf2 = str(small_org.ids["emp:staf2"])
    payload = await assign(
        {
            "employeeId": staf2,
            "positionId": str(small_org.ids["KASI"]),
            "startDate": "2024-03-01",
            "decree": "SK 800/12/2024",
        }
    )
    assert payload["errors"] == []
    employee = payload["result"]
    assert employee["position"] == {"code": "KASI"}
    assert employee["record"]["assignments"] == [
        {
            "startDate": "2024-03-01",
            "endDate": None,
            "decree": "SK 800/12/2024",
            "position": {"code": "KASI"},
        },
        {
            "startDate": "2020-01-01",
            "endDate": "2024-02-29",
            "decree": None,
            "position": {"code": "STAF2"},
        },
    ]
    events = await last_audit(client, "employee", staf2)
    assert events[0]["action"] == "employee.assign_position"
    assert events[0]["before"] == {"position_ids": [small_org.ids["STAF2"]]}
    assert events[0]["after"]["position_id"] == small_org.ids["KASI"]
    # STAF2 is vacant now and Staf is rated by the new Kasi.
    body = await gql(client, "{ positions(vacantOnly: true) { nodes { code } } }")
    assert [p["code"] for p in body["data"]["positions"]["nodes"]] == ["STAF2"]


async def test_assign_position_errors_change_nothing(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    await as_user(client, "hradmin")
    assign = mutation(client, "assignPosition", "AssignPositionInput", "id")
    ok = {
        "employeeId": str(small_org.ids["emp:staf2"]),
        "positionId": str(small_org.ids["KASI"]),
        "startDate": "2024-03-01",
    }
    cases: list[tuple[dict[str, Any], str, str | None]] = [
        ({"positionId": str(small_org.ids["STAF"])}, "CONFLICT", "positionId"),  # already held
        ({"positionId": str(small_org.ids["KADIS2"])}, "CONFLICT", "positionId"),
        ({"startDate": "2019-12-31"}, "INVALID_INPUT", "startDate"),  # before the position exists
        ({"startDate": "2020-01-01"}, "INVALID_INPUT", "startDate"),  # not after the current start
        ({"employeeId": "999999"}, "NOT_FOUND", None),
        ({"employeeId": "abc"}, "INVALID_INPUT", "employeeId"),
        ({"positionId": "999999"}, "INVALID_INPUT", "positionId"),
        ({"decree": "d" * 10_000}, "INVALID_INPUT", "decree"),
        ({"decree": "SK\x00"}, "INVALID_INPUT", "decree"),
    ]
    for change, code, field in cases:
        await assert_rejected(db, assign, {**ok, **change}, code, field)
    await as_user(client, "manager")
    assign = mutation(client, "assignPosition", "AssignPositionInput", "id")
    # Into another unit, and pulling someone out of another unit into their own.
    await assert_rejected(
        db,
        assign,
        {
            **ok,
            "employeeId": str(small_org.ids["emp:kabid"]),
            "positionId": str(small_org.ids["KADIS2"]),
        },
        "FORBIDDEN",
    )
    await assert_rejected(
        db, assign, {**ok, "employeeId": str(small_org.ids["emp:kadis2"])}, "FORBIDDEN"
    )
    await assert_rejected(
        db, assign, {**ok, "employeeId": str(small_org.ids["emp:sekda"])}, "FORBIDDEN"
    )
    for user in ("staf", "auditor", "sysadmin"):
        await as_user(client, user)
        await assert_rejected(
            db, mutation(client, "assignPosition", "AssignPositionInput", "id"), ok, "FORBIDDEN"
        )


async def test_manager_cannot_move_own_staff_into_another_unit(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    from server.domain.enums import PositionKind
    from server.services.actor import system_actor
    from server.services.organisation import structure

    vacant = await structure.create_position(
        db,
        system_actor("test"),
        structure.PositionInput(
            "STAF-D2",
            "Staf Dinas 2",
            PositionKind.PELAKSANA,
            small_org.ids["DINAS2"],
            small_org.ids["KADIS2"],
            date(2020, 1, 1),
        ),
    )
    await as_user(client, "manager")
    assign = mutation(client, "assignPosition", "AssignPositionInput", "id")
    await assert_rejected(
        db,
        assign,
        {
            "employeeId": str(small_org.ids["emp:staf2"]),
            "positionId": str(vacant.id),
            "startDate": "2024-01-01",
        },
        "FORBIDDEN",
    )


async def test_end_assignment_happy_and_errors(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    query = (
        "mutation($e: ID!, $d: Date!) { endAssignment(employeeId: $e, endDate: $d) { "
        f"result {{ {EMPLOYEE_FIELDS} }} errors {{ code field message }} }} }}"
    )

    def end(client: httpx.AsyncClient) -> Call:
        async def call(variables: dict[str, Any]) -> dict[str, Any]:
            body = await gql(client, query, variables)
            assert "errors" not in body, body
            payload: dict[str, Any] = body["data"]["endAssignment"]
            return payload

        return call

    staf = str(small_org.ids["emp:staf"])
    await as_user(client, "manager")
    await assert_rejected(
        db, end(client), {"e": str(small_org.ids["emp:kadis2"]), "d": "2024-01-31"}, "FORBIDDEN"
    )
    for user in ("staf", "auditor"):
        await as_user(client, user)
        await assert_rejected(db, end(client), {"e": staf, "d": "2024-01-31"}, "FORBIDDEN")
    await as_user(client, "hradmin")
    await assert_rejected(
        db, end(client), {"e": staf, "d": "2019-12-31"}, "INVALID_INPUT", "endDate"
    )
    await assert_rejected(db, end(client), {"e": "999999", "d": "2024-01-31"}, "NOT_FOUND")
    await assert_rejected(
        db, end(client), {"e": "x", "d": "2024-01-31"}, "INVALID_INPUT", "employeeId"
    )
    payload = await end(client)({"e": staf, "d": "2024-01-31"})
    assert payload["errors"] == []
    employee = payload["result"]
    assert employee["record"]["assignments"] == [
        {
            "startDate": "2020-01-01",
            "endDate": "2024-01-31",
            "decree": None,
            "position": {"code": "STAF"},
        },
    ]
    events = await last_audit(client, "employee", staf)
    assert events[0]["action"] == "employee.end_assignment"
    assert events[0]["after"] == {"end_date": "2024-01-31", "position_ids": [small_org.ids["STAF"]]}
    await as_user(client, "hradmin")
    # Nothing left to end.
    await assert_rejected(db, end(client), {"e": staf, "d": "2024-02-28"}, "INVALID_STATE")


# ---------------------------------------------------------------- accounts


ACCOUNT_FIELDS = "id login active version"


async def test_create_account_happy_path_and_login(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    from server.services.actor import system_actor
    from server.services.organisation import employees

    e = await employees.create_employee(
        db, system_actor("test"), employees.EmployeeInput(new_nip(21), "Rina", AsnType.PNS, "III/b")
    )
    await as_user(client, "hradmin")
    create = mutation(client, "createAccount", "CreateAccountInput", ACCOUNT_FIELDS)
    payload = await create(
        {
            "login": "  Rina.Pengelola ",
            "password": "sandi-yang-panjang-1",
            "roles": ["UNIT_MANAGER"],
            "employeeId": str(e.id),
            "managedUnitId": str(small_org.ids["DINAS2"]),
        }
    )
    assert payload["errors"] == []
    account = payload["result"]
    assert account["login"] == "rina.pengelola"
    assert account["active"] is True
    assert account["version"] == 1
    events = await last_audit(client, "user_account", account["id"])
    assert [ev["action"] for ev in events] == ["account.create"]
    assert events[0]["after"]["roles"] == ["UNIT_MANAGER"]
    assert "password" not in repr(events[0]["after"]).replace("password_changed", "")
    response = await login(client, "RINA.PENGELOLA", "sandi-yang-panjang-1")
    assert response.status_code == 200
    me = await gql(client, "{ me { login roles employee { name } managedUnit { code } } }")
    assert me["data"]["me"] == {
        "login": "rina.pengelola",
        "roles": ["UNIT_MANAGER"],
        "employee": {"name": "Rina"},
        "managedUnit": {"code": "DINAS2"},
    }


async def test_create_account_rejects_bad_input_and_changes_nothing(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    await as_user(client, "hradmin")
    create = mutation(client, "createAccount", "CreateAccountInput", ACCOUNT_FIELDS)
    ok = {"login": "akun.baru", "password": "sandi-yang-panjang-1"}
    cases: list[tuple[dict[str, Any], str, str | None]] = [
        ({"login": "STAF"}, "DUPLICATE", "login"),
        ({"login": "ab"}, "INVALID_INPUT", "login"),
        ({"login": "dengan spasi"}, "INVALID_INPUT", "login"),
        ({"login": "a" * 10_000}, "INVALID_INPUT", "login"),
        ({"login": "nol\x00byte"}, "INVALID_INPUT", "login"),
        ({"login": "<script>"}, "INVALID_INPUT", "login"),
        ({"password": "pendek"}, "INVALID_INPUT", "password"),
        ({"password": "p" * 10_000}, "INVALID_INPUT", "password"),
        ({"employeeId": "999999"}, "INVALID_INPUT", "employeeId"),
        ({"employeeId": str(small_org.ids["emp:staf"])}, "DUPLICATE", "employeeId"),
        ({"employeeId": "satu"}, "INVALID_INPUT", "employeeId"),
        ({"roles": ["UNIT_MANAGER"]}, "INVALID_INPUT", "managedUnitId"),
        ({"roles": ["UNIT_MANAGER"], "managedUnitId": "999999"}, "INVALID_INPUT", "managedUnitId"),
        # BKPSDM grants only the HR-side roles.
        ({"roles": ["SYSADMIN"]}, "FORBIDDEN", None),
        ({"roles": ["AUDITOR"]}, "FORBIDDEN", None),
        ({"roles": ["HR_ADMIN", "SYSADMIN"]}, "FORBIDDEN", None),
    ]
    for change, code, field in cases:
        await assert_rejected(db, create, {**ok, **change}, code, field)
    for user in ("staf", "auditor", "manager"):
        await as_user(client, user)
        await assert_rejected(
            db, mutation(client, "createAccount", "CreateAccountInput", "id"), ok, "FORBIDDEN"
        )
    # The system administrator may grant every role.
    await as_user(client, "sysadmin")
    payload = await mutation(client, "createAccount", "CreateAccountInput", ACCOUNT_FIELDS)(
        {**ok, "roles": ["SYSADMIN", "AUDITOR"]}
    )
    assert payload["errors"] == []
    assert payload["result"]["login"] == "akun.baru"


async def test_update_account_happy_path_revokes_sessions(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg, app: Any
) -> None:
    staf2 = str(small_org.ids["acc:staf2"])
    # Staf2 signs in on another device first.
    transport = httpx.ASGITransport(app=app, client=("10.9.9.9", 1234))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as other:
        assert (await login(other, "staf2")).status_code == 200
        assert "errors" not in await gql(other, "{ me { login } }")

        await as_user(client, "hradmin")
        update = mutation(client, "updateAccount", "UpdateAccountInput", ACCOUNT_FIELDS)
        payload = await update({"id": staf2, "expectedVersion": 1, "active": False})
        assert payload["errors"] == []
        assert payload["result"]["active"] is False
        assert payload["result"]["version"] == 2
        body = await gql(other, "{ me { login } }")
        assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert (await login(client, "staf2")).status_code != 200

    await as_user(client, "hradmin")
    update = mutation(client, "updateAccount", "UpdateAccountInput", ACCOUNT_FIELDS)
    again = await update(
        {"id": staf2, "expectedVersion": 2, "active": True, "password": "kata-sandi-baru-456"}
    )
    assert again["errors"] == []
    assert again["result"]["active"] is True
    assert (await login(client, "staf2", PASSWORD)).status_code != 200
    assert (await login(client, "staf2", "kata-sandi-baru-456")).status_code == 200
    events = [
        e
        for e in await last_audit(client, "user_account", staf2)
        if e["action"].startswith("account.")
    ]
    assert [e["action"] for e in events] == ["account.update", "account.update", "account.create"]
    assert events[0]["after"]["password_changed"] is True
    assert "hash" not in repr(events[0])


async def test_update_account_roles_bump_version(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    await as_user(client, "hradmin")
    update = mutation(client, "updateAccount", "UpdateAccountInput", ACCOUNT_FIELDS)
    staf = str(small_org.ids["acc:staf"])
    first = await update(
        {
            "id": staf,
            "expectedVersion": 1,
            "roles": ["UNIT_MANAGER"],
            "managedUnitId": str(small_org.ids["BIDANG"]),
        }
    )
    assert first["errors"] == []
    assert first["result"]["version"] == 2
    # A second admin still holding version 1 gets a conflict instead of silently undoing it.
    await assert_rejected(
        db, update, {"id": staf, "expectedVersion": 1, "roles": []}, "CONFLICT", "version"
    )
    await as_user(client, "staf")
    me = await gql(client, "{ me { roles managedUnit { code } } }")
    assert me["data"]["me"] == {"roles": ["UNIT_MANAGER"], "managedUnit": {"code": "BIDANG"}}


async def test_update_account_rejects_bad_input_and_changes_nothing(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    await as_user(client, "hradmin")
    update = mutation(client, "updateAccount", "UpdateAccountInput", ACCOUNT_FIELDS)
    staf = str(small_org.ids["acc:staf"])
    cases: list[tuple[dict[str, Any], str, str | None]] = [
        ({"expectedVersion": 5, "active": False}, "CONFLICT", "version"),
        ({"roles": ["SYSADMIN"]}, "FORBIDDEN", None),  # HR_ADMIN granting SYSADMIN
        ({"roles": ["AUDITOR"]}, "FORBIDDEN", None),
        ({"roles": ["UNIT_MANAGER"]}, "INVALID_INPUT", "managedUnitId"),
        ({"managedUnitId": "999999"}, "INVALID_INPUT", "managedUnitId"),
        ({"password": "kurang"}, "INVALID_INPUT", "password"),
        ({"password": "x" * 10_000}, "INVALID_INPUT", "password"),
        ({"id": "999999", "active": False}, "NOT_FOUND", None),
        ({"id": "abc", "active": False}, "INVALID_INPUT", "id"),
        # BKPSDM cannot touch a sysadmin or auditor account.
        ({"id": str(small_org.ids["acc:sysadmin"]), "active": False}, "FORBIDDEN", None),
        (
            {"id": str(small_org.ids["acc:auditor"]), "password": "sandi-baru-panjang-1"},
            "FORBIDDEN",
            None,
        ),
        # Nobody deactivates themself.
        ({"id": str(small_org.ids["acc:hradmin"]), "active": False}, "INVALID_INPUT", "active"),
    ]
    for change, code, field in cases:
        await assert_rejected(db, update, {"id": staf, **change}, code, field)
    for user in ("staf", "auditor", "manager"):
        await as_user(client, user)
        await assert_rejected(
            db,
            mutation(client, "updateAccount", "UpdateAccountInput", "id"),
            {"id": staf, "active": False},
            "FORBIDDEN",
        )
        await assert_rejected(
            db,
            mutation(client, "updateAccount", "UpdateAccountInput", "id"),
            {"id": str(small_org.ids[f"acc:{user}"]), "roles": ["HR_ADMIN"]},
            "FORBIDDEN",
        )
    await as_user(client, "sysadmin")
    granted = await mutation(client, "updateAccount", "UpdateAccountInput", "id")(
        {"id": staf, "roles": ["SYSADMIN"]}
    )
    assert granted["errors"] == []


@pytest.mark.parametrize("user", ["staf", "auditor"])
async def test_no_write_of_staff_or_auditor_adds_an_audit_event(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg, user: str
) -> None:
    await as_user(client, user)
    count = await audit_count(db)
    body = await gql(
        client,
        """mutation($u: ID!) {
      a: updateUnit(input: {id: $u, name: "X"}) { errors { code } }
      b: createPosition(input: {code: "Q", name: "Q", kind: PELAKSANA, unitId: $u, parentId: null,
                                validFrom: "2024-01-01"}) { errors { code } }
      c: importOrganisation(csv: "jenis_baris,kode,nama,jenis,kode_induk\\n") { errors { code } }
    }""",
        {"u": str(small_org.ids["BIDANG"])},
    )
    assert "errors" not in body, body
    assert {k: v["errors"][0]["code"] for k, v in body["data"].items()} == {
        "a": "FORBIDDEN",
        "b": "FORBIDDEN",
        "c": "FORBIDDEN",
    }
    assert await audit_count(db) == count
