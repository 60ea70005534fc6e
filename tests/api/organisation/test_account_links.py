"""Linking an account to an employee (create and update) and, for a UNIT_MANAGER, to the unit
they manage: what the administrator's screen needs. One account per person; hostile ids get a
clear error; refusals change nothing; who may do it."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from starlette.applications import Starlette

from server.db.engine import Database
from tests.conftest import SmallOrg, gql, login

UPDATE = (
    "mutation($input: UpdateAccountInput!) { updateAccount(input: $input) {"
    " result { id login version } errors { code field message } } }"
)
CREATE = (
    "mutation($input: CreateAccountInput!) { createAccount(input: $input) {"
    " result { id login } errors { code field message } } }"
)
LIST = (
    "query($s: String) { accounts(search: $s) { nodes {"
    " id login roles employeeId employeeName employeeNip managedUnitId } } }"
)
PASSWORD = "kata-sandi-yang-panjang-1"


async def accounts_state(db: Database) -> list[tuple[Any, ...]]:
    async with db.read() as s:
        rows = await s.execute(
            sa.text(
                "SELECT id, login, employee_id, managed_unit_id, version FROM user_account"
                " ORDER BY id"
            )
        )
        return [tuple(r) for r in rows.all()]


async def audit_count(db: Database) -> int:
    async with db.read() as s:
        return int((await s.execute(sa.text("SELECT count(*) FROM audit_event"))).scalar_one())


async def update(client: httpx.AsyncClient, **fields: Any) -> dict[str, Any]:
    body = await gql(client, UPDATE, {"input": fields})
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["updateAccount"]
    return result


async def account(client: httpx.AsyncClient, login_name: str) -> dict[str, Any]:
    body = await gql(client, LIST, {"s": login_name})
    return next(n for n in body["data"]["accounts"]["nodes"] if n["login"] == login_name)


async def test_sysadmin_moves_an_employee_link_and_it_is_audited(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    assert (await login(client, "sysadmin")).status_code == 200
    ids = small_org.ids
    staf2 = str(ids["emp:staf2"])
    # One account per person: staf2 still has theirs.
    refused = await update(client, id=str(ids["acc:auditor"]), employeeId=staf2)
    assert refused["errors"] == [
        {"code": "DUPLICATE", "field": "employeeId", "message": "Pegawai ini sudah memiliki akun."}
    ]
    events = await audit_count(db)
    freed = await update(client, id=str(ids["acc:staf2"]), employeeId=None)
    assert freed["errors"] == []
    linked = await update(client, id=str(ids["acc:auditor"]), employeeId=staf2)
    assert linked["errors"] == []
    shown = await account(client, "auditor")
    assert shown["employeeId"] == staf2
    assert shown["employeeName"] == "Pegawai Staf2"
    assert shown["employeeNip"] == small_org.nips["staf2"]
    assert (await account(client, "staf2"))["employeeId"] is None
    assert await audit_count(db) == events + 2
    async with db.read() as s:
        before, after = (
            await s.execute(
                sa.text(
                    "SELECT before, after FROM audit_event WHERE action = 'account.update'"
                    " ORDER BY seq DESC LIMIT 1"
                )
            )
        ).one()
    assert _as_dict(before)["employee_id"] is None
    assert _as_dict(after)["employee_id"] == ids["emp:staf2"]


async def test_relinking_ends_the_accounts_sessions(
    app: Starlette, client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    transport = httpx.ASGITransport(app=app, client=("10.1.2.4", 5555))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as other:
        assert (await login(other, "staf")).status_code == 200
        me = await gql(other, "{ me { login } }")
        assert me["data"]["me"]["login"] == "staf"
        assert (await login(client, "sysadmin")).status_code == 200
        result = await update(client, id=str(small_org.ids["acc:staf"]), employeeId=None)
        assert result["errors"] == []
        response = await other.post("/api/graphql", json={"query": "{ me { login } }"})
        assert response.status_code == 401


@pytest.mark.parametrize(
    ("employee_id", "code"),
    [
        ("999999", "INVALID_INPUT"),
        ("abc", "INVALID_INPUT"),
        ("-1", "INVALID_INPUT"),
        ("9" * 40, "INVALID_INPUT"),
    ],
)
async def test_hostile_employee_ids_are_refused_and_change_nothing(
    client: httpx.AsyncClient,
    db: Database,
    small_org: SmallOrg,
    employee_id: str,
    code: str,
) -> None:
    assert (await login(client, "sysadmin")).status_code == 200
    before, events = await accounts_state(db), await audit_count(db)
    result = await update(client, id=str(small_org.ids["acc:auditor"]), employeeId=employee_id)
    assert result["result"] is None
    assert [(e["code"], e["field"]) for e in result["errors"]] == [(code, "employeeId")]
    assert await accounts_state(db) == before
    assert await audit_count(db) == events


async def test_unit_manager_needs_a_unit_and_is_created_linked(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    assert (await login(client, "sysadmin")).status_code == 200
    ids = small_org.ids
    # Free an employee to link the new account to.
    assert (await update(client, id=str(ids["acc:kabid"]), employeeId=None))["errors"] == []
    before = await accounts_state(db)
    base = {"login": "pengelola.bidang", "password": PASSWORD, "roles": ["UNIT_MANAGER"]}
    missing = await gql(client, CREATE, {"input": {**base, "employeeId": str(ids["emp:kabid"])}})
    assert [(e["code"], e["field"]) for e in missing["data"]["createAccount"]["errors"]] == [
        ("INVALID_INPUT", "managedUnitId")
    ]
    assert await accounts_state(db) == before
    created = await gql(
        client,
        CREATE,
        {
            "input": {
                **base,
                "employeeId": str(ids["emp:kabid"]),
                "managedUnitId": str(ids["BIDANG"]),
            }
        },
    )
    assert created["data"]["createAccount"]["errors"] == []
    shown = await account(client, "pengelola.bidang")
    assert shown["roles"] == ["UNIT_MANAGER"]
    assert shown["employeeId"] == str(ids["emp:kabid"])
    assert shown["managedUnitId"] == str(ids["BIDANG"])
    # Moving the managed unit, and dropping it while the role stays, is checked the same way.
    moved = await update(client, id=shown["id"], managedUnitId=str(ids["DINAS"]))
    assert moved["errors"] == []
    dropped = await update(client, id=shown["id"], managedUnitId=None)
    assert [(e["code"], e["field"]) for e in dropped["errors"]] == [
        ("INVALID_INPUT", "managedUnitId")
    ]
    assert (await account(client, "pengelola.bidang"))["managedUnitId"] == str(ids["DINAS"])


async def test_an_official_account_cannot_be_linked_to_an_employee(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    assert (await login(client, "sysadmin")).status_code == 200
    ids = small_org.ids
    created = await gql(
        client,
        CREATE,
        {
            "input": {
                "login": "walikota.uji",
                "password": PASSWORD,
                "roles": ["KEPALA_DAERAH"],
                "managedUnitId": str(ids["PEMKOT"]),
            }
        },
    )
    assert created["data"]["createAccount"]["errors"] == []
    assert (await update(client, id=str(ids["acc:staf2"]), employeeId=None))["errors"] == []
    before = await accounts_state(db)
    refused = await update(
        client,
        id=created["data"]["createAccount"]["result"]["id"],
        employeeId=str(ids["emp:staf2"]),
    )
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [("INVALID_INPUT", "roles")]
    assert await accounts_state(db) == before


@pytest.mark.parametrize(
    ("user", "target", "allowed"),
    [
        ("auditor", "acc:staf", False),
        ("staf", "acc:staf2", False),
        ("manager", "acc:staf", False),
        # BKPSDM manages only HR-side accounts: not the auditor's.
        ("hradmin", "acc:auditor", False),
        ("hradmin", "acc:manager", True),
    ],
)
async def test_who_may_link_an_employee(
    client: httpx.AsyncClient,
    db: Database,
    small_org: SmallOrg,
    user: str,
    target: str,
    allowed: bool,
) -> None:
    assert (await login(client, "sysadmin")).status_code == 200
    assert (await update(client, id=str(small_org.ids["acc:staf2"]), employeeId=None))[
        "errors"
    ] == []
    assert (await login(client, user)).status_code == 200
    before = await accounts_state(db)
    result = await update(
        client, id=str(small_org.ids[target]), employeeId=str(small_org.ids["emp:staf2"])
    )
    if allowed:
        assert result["errors"] == []
        assert await accounts_state(db) != before
    else:
        assert [e["code"] for e in result["errors"]] == ["FORBIDDEN"]
        assert await accounts_state(db) == before


CANDIDATES = (
    "query($s: String!, $n: Int) { accountEmployeeCandidates(search: $s, first: $n) {"
    " id name nip accountLogin } }"
)


async def test_employee_search_shows_nip_and_the_linked_account(
    client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    assert (await login(client, "sysadmin")).status_code == 200
    body = await gql(client, CANDIDATES, {"s": "staf"})
    found = {c["name"]: c for c in body["data"]["accountEmployeeCandidates"]}
    assert set(found) == {"Pegawai Staf", "Pegawai Staf2"}
    assert found["Pegawai Staf"]["nip"] == small_org.nips["staf"]
    assert found["Pegawai Staf"]["accountLogin"] == "staf"
    by_nip = await gql(client, CANDIDATES, {"s": small_org.nips["kabid"]})
    assert [c["name"] for c in by_nip["data"]["accountEmployeeCandidates"]] == ["Pegawai Kabid"]
    # Hostile input: wildcards are text, control characters dropped, the count is bounded.
    for text in ("%", "_", "\x00", "   "):
        body = await gql(client, CANDIDATES, {"s": text})
        assert body["data"]["accountEmployeeCandidates"] == [], text
    body = await gql(client, CANDIDATES, {"s": "pegawai", "n": 10_000})
    assert len(body["data"]["accountEmployeeCandidates"]) == 6
    body = await gql(client, CANDIDATES, {"s": "pegawai", "n": -5})
    assert len(body["data"]["accountEmployeeCandidates"]) == 1
    body = await gql(client, CANDIDATES, {"s": "x" * 101})
    assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT"


@pytest.mark.parametrize(
    ("user", "allowed"),
    [
        ("sysadmin", True),
        ("hradmin", True),
        ("auditor", False),
        ("staf", False),
        ("manager", False),
    ],
)
async def test_who_may_search_employees_for_accounts(
    client: httpx.AsyncClient, small_org: SmallOrg, user: str, allowed: bool
) -> None:
    assert (await login(client, user)).status_code == 200
    body = await gql(client, CANDIDATES, {"s": "pegawai"})
    if allowed:
        assert len(body["data"]["accountEmployeeCandidates"]) == 6
    else:
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def _as_dict(value: object) -> dict[str, object]:
    """An audit payload as stored: a JSON string on SQLite, already a dict on PostgreSQL."""
    stored = json.loads(value) if isinstance(value, str) else value
    assert isinstance(stored, dict), value
    return stored
