"""Issue 8 point 2: the Kepala Daerah (Wali Kota), an official who is not an ASN pegawai.

Found from outside: the Sekretaris Daerah's SKP could not be submitted, because their Pejabat
Penilai Kinerja, the Wali Kota, was not in the data. Now an account with the KEPALA_DAERAH role,
linked to the instansi's root unit and without an employee record, rates whoever has nobody
above them in the position tree (small_org: the Sekda), decides keberatan where no Atasan
Pejabat Penilai exists, and sees nothing of anyone else.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from server.db.engine import Database
from server.db.models import (
    Indicator,
    Objection,
    OrgGoal,
    PerformancePlan,
    WorkResult,
)
from server.domain.assessor import OrgSnapshot
from server.domain.enums import Approach, AsnType, IndicatorAspect, PlanStatus, Role, WorkResultKind
from server.services.actor import system_actor
from server.services.errors import ServiceError
from server.services.organisation import accounts, employees
from tests.api.evaluation.conftest import ACK, FINALISE, EvalFixture, confirm, judge, ok, start
from tests.conftest import (
    PASSWORD,
    ClientFactory,
    SmallOrg,
    add_login,
    error_codes,
    gql,
    mutate,
    nip_for,
)
from tests.db_state import changed_tables, fingerprint

A, S = "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI"
SUBMIT = """mutation($id: ID!, $v: Int!) { submitPlan(id: $id, expectedVersion: $v) { result { id status assessedByKepalaDaerah
  identitySnapshot { penilai { name } } } errors { code message } } }"""
APPROVE = """mutation($id: ID!, $v: Int!) { approvePlan(id: $id, expectedVersion: $v) { result { id status
  identitySnapshot { penilai { name } } } errors { code message } } }"""
REJECT = """mutation($id: ID!, $v: Int!, $r: String!) { rejectPlan(id: $id, expectedVersion: $v, reason: $r) {
  result { id status rejectionReason } errors { code message } } }"""
BACK_TO_DRAFT = """mutation($id: ID!, $v: Int!) { returnPlanToDraft(id: $id, expectedVersion: $v) { result { status }
  errors { code message } } }"""
ME = "{ me { displayName officeTitle rateeCount roles employee { id } } }"
AGENDA = "{ myAgenda { plansToApprove { planId employeeName } } }"
FILE = """mutation($input: FileObjectionInput!) { fileObjection(input: $input) {
  result { id decidedByKepalaDaerah decider { name } } errors { code message } } }"""
DECIDE = """mutation($input: DecideObjectionInput!) { decideObjection(input: $input) {
  result { id status } errors { code message } } }"""


async def act(
    db: Database, client: httpx.AsyncClient, document: str, plan: int, **extra: Any
) -> dict[str, Any]:
    """A plan transition with the plan's current version."""
    async with db.read() as s:
        version = await s.scalar(
            sa.select(PerformancePlan.version).where(PerformancePlan.id == plan)
        )
    return await mutate(client, document, {"id": str(plan), "v": version or 1, **extra})


async def sekda_plan(db: Database, small_org: SmallOrg, ev: EvalFixture) -> tuple[int, int]:
    """The Sekda's draft SKP: one RHK utama on a goal of the Pemerintah Kota, one IKI."""
    async with db.write() as s:
        goal = OrgGoal(unit_id=small_org.ids["PEMKOT"], year_id=ev.year_id, text="Tata kelola")
        plan = PerformancePlan(
            employee_id=small_org.ids["emp:sekda"],
            year_id=ev.year_id,
            approach=Approach.KUANTITATIF,
            status=PlanStatus.DRAFT,
        )
        s.add_all([goal, plan])
        await s.flush()
        rhk = WorkResult(
            plan_id=plan.id,
            kind=WorkResultKind.UTAMA,
            text="Meningkatnya akuntabilitas kinerja",
            org_goal_id=goal.id,
        )
        s.add(rhk)
        await s.flush()
        s.add(
            Indicator(
                work_result_id=rhk.id,
                aspect=IndicatorAspect.KUANTITAS,
                text="Nilai SAKIP",
                target_value=Decimal(80),
                target_unit="poin",
            )
        )
        return plan.id, rhk.id


@pytest.mark.usefixtures("walikota")
async def test_wali_kota_is_named_and_rates_the_sekda(
    client_for: ClientFactory, db: Database, small_org: SmallOrg, ev: EvalFixture
) -> None:
    wk = await client_for("walikota")
    me = (await gql(wk, ME))["data"]["me"]
    assert me == {
        "displayName": "Wali Kota Salatiga",
        "officeTitle": "Wali Kota Salatiga",
        "rateeCount": 1,
        "roles": ["KEPALA_DAERAH"],
        "employee": None,
    }
    # The record of the one they rate, and nobody else's.
    record = "query($id: ID!) { employee(id: $id) { name record { nip } } }"
    for who, visible in (("sekda", True), ("kadis", False), ("staf", False)):
        body = await gql(wk, record, {"id": str(small_org.ids[f"emp:{who}"])})
        employee = (body.get("data") or {}).get("employee")
        shown = employee is not None and employee["record"] is not None
        assert shown is visible, (who, body)
    sekda = await client_for("sekda")
    assert (await gql(sekda, ME))["data"]["me"]["officeTitle"] is None
    await add_login(db, "wakil", Role.WAKIL_KEPALA_DAERAH, managed_unit_id=small_org.ids["PEMKOT"])
    wakil = (await gql(await client_for("wakil"), ME))["data"]["me"]
    assert wakil["displayName"] == "Wakil Wali Kota Salatiga"
    assert wakil["rateeCount"] == 0  # no rating rights of its own


@pytest.mark.usefixtures("walikota")
async def test_the_sekda_submits_and_the_wali_kota_rejects_then_approves(
    client_for: ClientFactory, db: Database, small_org: SmallOrg, ev: EvalFixture
) -> None:
    plan, _ = await sekda_plan(db, small_org, ev)
    sekda, wk = await client_for("sekda"), await client_for("walikota")
    submitted = ok(await act(db, sekda, SUBMIT, plan))
    assert submitted["status"] == "DIAJUKAN"
    assert submitted["assessedByKepalaDaerah"] is True
    assert submitted["identitySnapshot"]["penilai"] == {"name": "Wali Kota Salatiga"}

    agenda = (await gql(wk, AGENDA))["data"]["myAgenda"]["plansToApprove"]
    assert agenda == [{"planId": str(plan), "employeeName": "Pegawai Sekda"}]
    review = (await gql(wk, "{ plansToReview { id } }"))["data"]["plansToReview"]
    assert review == [{"id": str(plan)}]
    inbox = await gql(
        wk,
        "query($y: Int!) { assessorInbox(year: $y) { entries { employee { name } plan { id } } } }",
        {"y": 2025},
    )
    assert inbox["data"]["assessorInbox"]["entries"] == [
        {"employee": {"name": "Pegawai Sekda"}, "plan": {"id": str(plan)}}
    ]

    # Nobody else decides on the Sekda's SKP (kadis and the hradmin account among others).
    for user in ("kadis", "hradmin", "sekda"):
        other = await client_for(user)
        assert error_codes(await act(db, other, APPROVE, plan)) in (
            ["FORBIDDEN"],
            ["NOT_FOUND"],
        )

    rejected = ok(await act(db, wk, REJECT, plan, r="Target SAKIP terlalu rendah."))
    assert rejected["status"] == "DITOLAK"
    ok(await act(db, sekda, BACK_TO_DRAFT, plan))
    ok(await act(db, sekda, SUBMIT, plan))
    approved = ok(await act(db, wk, APPROVE, plan))
    assert approved["status"] == "DITETAPKAN"
    assert approved["identitySnapshot"]["penilai"] == {"name": "Wali Kota Salatiga"}
    audit = await gql(
        await client_for("auditor"),
        """query($id: String!) { auditEvents(objectType: "performance_plan", objectId: $id) {
          nodes { action actorLabel } } }""",
        {"id": str(plan)},
    )
    assert [(n["action"], n["actorLabel"]) for n in audit["data"]["auditEvents"]["nodes"]][:2] == [
        ("plan.approve", "walikota"),
        ("plan.submit", "sekda"),
    ]


@pytest.mark.usefixtures("walikota")
async def test_the_wali_kota_evaluates_the_sekda_and_decides_the_keberatan(
    client_for: ClientFactory, db: Database, small_org: SmallOrg, ev: EvalFixture
) -> None:
    plan, rhk = await sekda_plan(db, small_org, ev)
    sekda, wk = await client_for("sekda"), await client_for("walikota")
    ok(await act(db, sekda, SUBMIT, plan))
    ok(await act(db, wk, APPROVE, plan))

    e = ok(await start(wk, plan, ev.period(1)))
    ok(await judge(wk, e["id"], [(rhk, S)], S))
    ok(await confirm(wk, e["id"]))
    done = ok(await mutate(wk, FINALISE, {"id": e["id"]}))
    assert done["status"] == "DITETAPKAN"
    assert done["identitySnapshot"]["penilai"] == {"name": "Wali Kota Salatiga"}
    # The Sekda's former assessor chain has nobody else: kadis cannot judge it.
    assert error_codes(await start(await client_for("kadis"), plan, ev.period(2))) in (
        ["FORBIDDEN"],
        ["NOT_FOUND"],
    )

    filed = ok(
        await mutate(
            sekda,
            FILE,
            {"input": {"evaluationId": e["id"], "reasons": "Capaian SAKIP tidak dihitung."}},
        )
    )
    assert filed["decidedByKepalaDaerah"] is True
    assert filed["decider"] is None
    bell = (await gql(wk, "{ unreadNotificationCount }"))["data"]["unreadNotificationCount"]
    assert bell >= 1
    to_decide = await gql(wk, "{ myAgenda { objectionsToDecide { objectionId } } }")
    assert to_decide["data"]["myAgenda"]["objectionsToDecide"] == [{"objectionId": filed["id"]}]
    decision = {
        "input": {
            "id": filed["id"],
            "decision": "DIUBAH",
            "note": "Capaian SAKIP terbukti melampaui target.",
            "resultRating": A,
            "behaviorRating": S,
            "employeeExplanation": "Nilai SAKIP 84.",
            "assessorExplanation": "Data SAKIP belum masuk saat menilai.",
        }
    }
    assert error_codes(await mutate(await client_for("kadis"), DECIDE, decision)) == ["NOT_FOUND"]
    decided = ok(await mutate(wk, DECIDE, decision))
    assert decided["status"] == "DIUBAH"
    acked = await mutate(sekda, ACK, {"id": e["id"]})
    assert acked["errors"] == [] or error_codes(acked) == ["INVALID_STATE"]


def test_the_kepala_daerah_rates_the_top_and_decides_where_no_atasan_exists() -> None:
    """Positions: SEKDA → KADIS → KABID → STAF (employees 1–4); the Wali Kota is above all."""
    org = OrgSnapshot(
        parent_of_position={10: None, 20: 10, 30: 20, 40: 30},
        holder_of_position={10: 1, 20: 2, 30: 3, 40: 4},
        position_of_employee={1: 10, 2: 20, 3: 30, 4: 40},
        overrides={},
    )
    assert org.kepala_daerah_ratees == {1}
    # The Sekda (no one above) and the Kepala Dinas (rated by the Sekda): the Kepala Daerah
    # decides; the Kabid's keberatan goes to the Sekda, the staff's to the Kepala Dinas.
    assert [org.objection_decided_by_kepala_daerah(e) for e in (1, 2, 3, 4)] == [
        True,
        True,
        False,
        False,
    ]
    vacant_sekda = OrgSnapshot(
        parent_of_position={10: None, 20: 10},
        holder_of_position={20: 2},
        position_of_employee={2: 20},
        overrides={},
    )
    assert vacant_sekda.kepala_daerah_ratees == {2}  # the next filled position up: the top


@pytest.mark.usefixtures("walikota")
async def test_the_wali_kota_sees_no_one_elses_skp_or_evaluation(
    client_for: ClientFactory, db: Database, small_org: SmallOrg, ev: EvalFixture
) -> None:
    e = ok(await start(await client_for("kabid"), ev.plan, ev.period(1)))
    wk = await client_for("walikota")
    before = await fingerprint(db)
    for plan in (ev.plan, ev.plan2, ev.kadis_plan):
        body = await gql(wk, "query($id: ID!) { plan(id: $id) { id } }", {"id": str(plan)})
        assert body.get("data") is None or body["data"]["plan"] is None, body
        assert error_codes(await start(wk, plan, ev.period(2))) in (["NOT_FOUND"], ["FORBIDDEN"])
        assert error_codes(await act(db, wk, APPROVE, plan)) in (
            ["NOT_FOUND"],
            ["FORBIDDEN"],
        )
    body = await gql(wk, "query($id: ID!) { evaluation(id: $id) { id } }", {"id": e["id"]})
    assert body.get("data") is None or body["data"]["evaluation"] is None, body
    inbox = await gql(
        wk,
        "query($y: Int!) { assessorInbox(year: $y) { entries { employee { name } } } }",
        {"y": 2025},
    )
    # Only the Sekda, whom the Wali Kota rates (no SKP yet here); no one else.
    assert inbox["data"]["assessorInbox"]["entries"] == [{"employee": {"name": "Pegawai Sekda"}}]
    assert (await gql(wk, "{ plansToReview { id } }"))["data"]["plansToReview"] == []
    agenda = await gql(wk, "{ myAgenda { plansToApprove { planId } evaluationsToDo { planId } } }")
    assert agenda["data"]["myAgenda"] == {"plansToApprove": [], "evaluationsToDo": []}
    assert changed_tables(before, await fingerprint(db)) == []


async def test_official_accounts_are_not_employees_and_hang_on_the_root(
    db: Database, small_org: SmallOrg
) -> None:
    actor = system_actor("test")
    person = await employees.create_employee(
        db, actor, employees.EmployeeInput(nip_for(50), "Calon Wali Kota", AsnType.PNS, "IV/c")
    )
    bad: list[tuple[accounts.AccountInput, str]] = [
        (
            accounts.AccountInput(
                "wk.pegawai",
                PASSWORD,
                frozenset({Role.KEPALA_DAERAH}),
                employee_id=person.id,
                managed_unit_id=small_org.ids["PEMKOT"],
            ),
            "roles",
        ),
        (
            accounts.AccountInput(
                "wk.dinas",
                PASSWORD,
                frozenset({Role.KEPALA_DAERAH}),
                managed_unit_id=small_org.ids["DINAS"],
            ),
            "managedUnitId",
        ),
        (
            accounts.AccountInput("wk.tanpa.unit", PASSWORD, frozenset({Role.WAKIL_KEPALA_DAERAH})),
            "managedUnitId",
        ),
    ]
    for data, field in bad:
        with pytest.raises(ServiceError) as caught:
            await accounts.create_account(db, actor, data)
        assert caught.value.field == field
    wakil = await accounts.create_account(
        db,
        actor,
        accounts.AccountInput(
            "wakil.walikota",
            PASSWORD,
            frozenset({Role.WAKIL_KEPALA_DAERAH}),
            managed_unit_id=small_org.ids["PEMKOT"],
        ),
    )
    assert wakil.employee_id is None
    async with db.read() as s:
        assert await s.scalar(sa.select(sa.func.count(Objection.id))) == 0
