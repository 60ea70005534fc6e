"""Who reads which SKP, the cascade from above, alignment coverage, and no N+1 in lists."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import httpx

from server.domain.enums import ActingKind, AsnType, IndicatorAspect, PositionKind, WorkResultKind
from server.services.actor import Actor, system_actor
from server.services.organisation import accounts, employees, structure
from server.services.planning import content, plans
from server.services.planning import plans as plan_service
from tests.api.planning.conftest import Planning, call
from tests.conftest import PASSWORD, count_statements, gql, login, nip_for

PLAN_BY_ID = "query($id:ID!){ plan(id:$id){ id employee { name } } }"
PLAN_BY_OWNER = "query($e:ID!,$y:Int!){ plan(employeeId:$e, year:$y){ id } }"
CHILDREN = "query($id:ID!){ workResult(id:$id){ id children { id plan { employee { name } } } } }"
COVERAGE = """query($u:ID!,$y:Int!){ alignmentCoverage(unitId:$u, year:$y){
  year unit { code } planCount workResultCount linkedCount linkedShare
  unintervened { id } orphans { reason workResult { id } } } }"""


async def test_plan_reads_are_scoped(client: httpx.AsyncClient, planning: Planning) -> None:
    p = planning
    ids = await p.chain()
    plan_id = str(ids["kabid_plan"])
    readers = {"kabid", "kadis", "sekda", "manager", "hradmin", "auditor"}
    for user in (
        "kabid",
        "kadis",
        "sekda",
        "manager",
        "hradmin",
        "auditor",
        "staf2",
        "staf",
        "kadis2",
        "sysadmin",
    ):
        body = await call(client, user, PLAN_BY_ID, {"id": plan_id})
        assert "errors" not in body
        found = body["data"]["plan"]
        assert (found is not None) == (user in readers), user
        body = await call(
            client, user, PLAN_BY_OWNER, {"e": str(p.org.ids["emp:kabid"]), "y": p.year}
        )
        assert (body["data"]["plan"] is not None) == (user in readers), user
    body = await call(client, "kabid", PLAN_BY_ID, {"id": "424242"})
    assert body["data"]["plan"] is None
    body = await call(client, "kabid", "{ myPlans { id year { year } } }")
    assert body["data"]["myPlans"] == [{"id": plan_id, "year": {"year": p.year}}]
    body = await call(client, "hradmin", "{ myPlans { id } plansToReview { id } }")
    assert body["data"] == {"myPlans": [], "plansToReview": []}
    body = await call(
        client, "kabid", "query($id:ID!){ plan(id:$id, year: 2026){ id } }", {"id": plan_id}
    )
    assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT"


async def test_children_only_where_readable(client: httpx.AsyncClient, planning: Planning) -> None:
    p = planning
    ids = await p.chain()
    await p.approve("kadis", ids["kabid_plan"])
    _, staf2_rhk = await p.draft("staf2", parent_id=ids["kabid_rhk"])

    async def children(user: str, rhk: int) -> list[str] | None:
        body = await call(client, user, CHILDREN, {"id": str(rhk)})
        found = body["data"]["workResult"]
        return None if found is None else [c["id"] for c in found["children"]]

    assert await children("kadis", ids["kadis_rhk"]) == [str(ids["kabid_rhk"])]
    assert await children("kadis", ids["kabid_rhk"]) == [str(staf2_rhk)]
    assert await children("kabid", ids["kabid_rhk"]) == [str(staf2_rhk)]
    # sekda reads kabid's SKP (Atasan Pejabat Penilai) but not staf2's, three levels down.
    assert await children("sekda", ids["kabid_rhk"]) == []
    assert await children("auditor", ids["kabid_rhk"]) == [str(staf2_rhk)]
    assert await children("staf2", ids["kadis_rhk"]) is None
    assert await children("staf", ids["kabid_rhk"]) is None


async def test_alignment_coverage(client: httpx.AsyncClient, planning: Planning) -> None:
    p = planning
    ids = await p.chain()
    await p.approve("kadis", ids["kabid_plan"])
    variables = {"u": str(p.org.ids["DINAS"]), "y": p.year}
    body = await call(client, "manager", COVERAGE, variables)
    cov = body["data"]["alignmentCoverage"]
    assert cov["unit"] == {"code": "DINAS"}
    assert (cov["planCount"], cov["workResultCount"], cov["linkedCount"], cov["linkedShare"]) == (
        2,
        2,
        2,
        1.0,
    )
    assert cov["unintervened"] == [{"id": str(ids["kabid_rhk"])}]  # kabid rates staf and staf2
    assert cov["orphans"] == []
    _, staf_rhk = await p.draft("staf", parent_id=ids["kabid_rhk"])
    _, staf2_rhk = await p.draft("staf2", parent_id=ids["kabid_rhk"])
    # Reorganisation: staf2 is now rated by kadis, but their RHK still intervenes kabid's.
    await structure.set_assessor_override(
        p.db,
        system_actor("test"),
        structure.OverrideInput(
            p.org.ids["STAF2"], p.org.ids["emp:kadis"], ActingKind.PLT, "Plt", date(2020, 1, 1)
        ),
    )
    body = await call(client, "hradmin", COVERAGE, variables)
    cov = body["data"]["alignmentCoverage"]
    assert (cov["planCount"], cov["workResultCount"], cov["linkedCount"]) == (4, 4, 4)
    assert cov["unintervened"] == []
    assert cov["orphans"] == [{"reason": "PENILAI_BERUBAH", "workResult": {"id": str(staf2_rhk)}}]
    # kabid revises and deletes the RHK staf intervened: staf's RHK is orphaned.
    await plan_service.start_revision(
        p.db,
        p.actor("kabid"),
        ids["kabid_plan"],
        "Ubah",
        (await p.reload(ids["kabid_plan"])).version,
    )
    await content.delete_work_result(
        p.db, p.actor("kabid"), ids["kabid_rhk"], (await p.reload(ids["kabid_plan"])).version
    )
    body = await call(client, "auditor", COVERAGE, variables)
    cov = body["data"]["alignmentCoverage"]
    assert (cov["workResultCount"], cov["linkedCount"], cov["linkedShare"]) == (3, 1, 0.3333)
    assert sorted((o["reason"], o["workResult"]["id"]) for o in cov["orphans"]) == sorted(
        [("INDUK_DIHAPUS", str(staf_rhk)), ("INDUK_DIHAPUS", str(staf2_rhk))]
    )
    # Not for pegawai, nor for a manager outside their unit; bad ids are input errors.
    for user, unit in (
        ("staf", "DINAS"),
        ("kadis", "DINAS"),
        ("manager", "DINAS2"),
        ("manager", "PEMKOT"),
    ):
        body = await call(client, user, COVERAGE, {"u": str(p.org.ids[unit]), "y": p.year})
        assert body["data"] is None
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", (user, unit)
    body = await call(client, "manager", COVERAGE, {"u": "abc", "y": p.year})
    assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    body = await call(client, "manager", COVERAGE, {"u": str(p.org.ids["BIDANG"]), "y": 1990})
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


INBOX = """{ plansToReview { id status version approach employee { name } assessor { name }
  identitySnapshot { pegawai { name jabatan } penilai { name } } year { year periods { label } }
  lampiran { consequences } behaviorExpectations { value }
  versions { revision }
  workResults { id kind text parent { id text } orgGoal { id }
                indicators { id aspect targetValue targetUnit } } } }"""


async def test_inbox_statement_count_does_not_grow(
    client: httpx.AsyncClient, planning: Planning
) -> None:
    p = planning
    ids = await p.chain()
    actor = system_actor("test")
    seq = 100

    async def add_subordinates(n: int) -> None:
        nonlocal seq
        for _ in range(n):
            seq += 1
            position = await structure.create_position(
                p.db,
                actor,
                structure.PositionInput(
                    f"STAF-{seq}",
                    f"Staf {seq}",
                    PositionKind.PELAKSANA,
                    p.org.ids["BIDANG"],
                    p.org.ids["KABID"],
                    date(2020, 1, 1),
                ),
            )
            employee = await employees.create_employee(
                p.db,
                actor,
                employees.EmployeeInput(
                    nip_for(seq),
                    f"Staf {seq}",
                    AsnType.PNS,
                    "II/a",
                    position_id=position.id,
                    assignment_start=date(2020, 1, 1),
                ),
            )
            account = await accounts.create_account(
                p.db, actor, accounts.AccountInput(f"s{seq}", PASSWORD, employee_id=employee.id)
            )
            emp_actor = Actor(account_id=account.id, login=f"s{seq}", employee_id=employee.id)
            plan = await plans.create_plan(p.db, emp_actor, p.year)
            rhk = await content.add_work_result(
                p.db,
                emp_actor,
                content.WorkResultInput(
                    plan.id, WorkResultKind.UTAMA, "RHK", ids["kabid_rhk"], None, plan.version
                ),
            )
            await content.add_indicator(
                p.db,
                emp_actor,
                content.IndicatorInput(
                    rhk.id,
                    IndicatorAspect.KUANTITAS,
                    "IKI",
                    target_value=Decimal(3),
                    target_unit="dokumen",
                    expected_version=(await p.reload(plan.id)).version,
                ),
            )
            await plans.submit_plan(p.db, emp_actor, plan.id, (await p.reload(plan.id)).version)

    async def count_inbox() -> tuple[int, dict[str, Any]]:
        with count_statements(p.db) as statements:
            body = await gql(client, INBOX)
        return len(statements), body

    await add_subordinates(2)
    await p.approve("kadis", ids["kabid_plan"])  # versions present in the listing too
    await login(client, "kabid")
    few, body = await count_inbox()
    assert len(body["data"]["plansToReview"]) == 2
    await add_subordinates(8)
    many, body = await count_inbox()
    inbox = body["data"]["plansToReview"]
    assert len(inbox) == 10
    assert all(len(x["workResults"][0]["indicators"]) == 1 for x in inbox)
    assert all(x["workResults"][0]["parent"]["id"] == str(ids["kabid_rhk"]) for x in inbox)
    assert few == many, (few, many)
