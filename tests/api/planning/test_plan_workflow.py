"""The SKP life cycle through GraphQL: every transition, the forbidden ones, versions, snapshots."""

from __future__ import annotations

import httpx
import pytest
import sqlalchemy as sa

from server import clock
from server.db.models import AuditEvent, PerformancePlan
from server.domain.enums import Approach
from server.services.actor import system_actor
from server.services.audit import verify_audit_chain
from server.services.errors import ErrorCode, ServiceError
from server.services.organisation import employees
from tests.api.planning.conftest import Planning, call, content_indicators, error_codes, payload

PLAN_FIELDS = """
  id status statusLabel approach version revision rejectionReason revisionReason
  employee { name } assessor { name }
  identitySnapshot { takenOn pegawai { name nip nipFormatted jabatan pangkat golongan unit }
                     penilai { name jabatan unit } }
  lampiran { resourceSupport accountabilityScheme consequences }
  workResults { id kind text parent { id text ownerName } orgGoal { id text }
                indicators { id aspect text targetValue targetUnit targetDescription } }
  behaviorExpectations { value label expectation }
  versions { revision approvedAt content approvedBy { name } }
"""

CREATE = "mutation($y:Int!,$a:Approach!){ createPlan(year:$y, approach:$a){ result { id version status } errors { code message field } } }"
ADD_RHK = """mutation($i:AddWorkResultInput!){ addWorkResult(input:$i){
  result { id plan { version } } errors { code message field } } }"""
ADD_IKI = """mutation($i:AddIndicatorInput!){ addIndicator(input:$i){
  result { id targetValue workResult { plan { version } } } errors { code message field } } }"""
SUBMIT = "mutation($id:ID!,$v:Int!){ submitPlan(id:$id, expectedVersion:$v){ result { id status version } errors { code message field } } }"
APPROVE = "mutation($id:ID!,$v:Int!){ approvePlan(id:$id, expectedVersion:$v){ result { id status version revision } errors { code message field } } }"
REJECT = "mutation($id:ID!,$v:Int!,$r:String!){ rejectPlan(id:$id, expectedVersion:$v, reason:$r){ result { id status version rejectionReason } errors { code message field } } }"
TO_DRAFT = "mutation($id:ID!,$v:Int!){ returnPlanToDraft(id:$id, expectedVersion:$v){ result { id status version } errors { code message field } } }"
REVISE = "mutation($id:ID!,$v:Int!,$r:String!){ startPlanRevision(id:$id, expectedVersion:$v, reason:$r){ result { id status version revisionReason } errors { code message field } } }"
WITHDRAW = "mutation($id:ID!,$v:Int!){ withdrawPlanRevision(id:$id, expectedVersion:$v){ result { id status version } errors { code message field } } }"
UPDATE_RHK = """mutation($i:UpdateWorkResultInput!){ updateWorkResult(input:$i){
  result { id text plan { version } } errors { code message field } } }"""
PLAN = "query($id:ID!){ plan(id:$id){ " + PLAN_FIELDS + " } }"


async def _version(p: Planning, plan_id: int) -> int:
    return (await p.reload(plan_id)).version


async def test_full_cycle_through_graphql(client: httpx.AsyncClient, planning: Planning) -> None:
    p = planning
    goal = await p.goal()
    # The head of the dinas (JPT) cascades from an organisation goal; sekda sets it.
    body = await call(client, "kadis", CREATE, {"y": p.year, "a": "KUANTITATIF"})
    kadis_plan = payload(body, "createPlan")["result"]
    body = await call(
        client,
        "kadis",
        ADD_RHK,
        {
            "i": {
                "planId": kadis_plan["id"],
                "expectedVersion": kadis_plan["version"],
                "kind": "UTAMA",
                "text": "Meningkatnya layanan",
                "orgGoalId": str(goal),
            }
        },
    )
    kadis_rhk = payload(body, "addWorkResult")["result"]
    body = await call(
        client,
        "kadis",
        ADD_IKI,
        {
            "i": {
                "workResultId": kadis_rhk["id"],
                "expectedVersion": kadis_rhk["plan"]["version"],
                "aspect": "KUALITAS",
                "text": "Indeks kepuasan",
                "targetValue": "85.5",
                "targetUnit": "indeks",
                "perspective": "PENERIMA_LAYANAN",
            }
        },
    )
    iki = payload(body, "addIndicator")["result"]
    assert iki["targetValue"] == "85.5"
    version = iki["workResult"]["plan"]["version"]
    body = await call(client, "kadis", SUBMIT, {"id": kadis_plan["id"], "v": version})
    submitted = payload(body, "submitPlan")["result"]
    assert submitted["status"] == "DIAJUKAN"
    body = await call(client, "sekda", APPROVE, {"id": kadis_plan["id"], "v": submitted["version"]})
    assert payload(body, "approvePlan")["result"]["status"] == "DITETAPKAN"

    # kabid sees which RHKs can be intervened, drafts, submits.
    body = await call(
        client,
        "kabid",
        "query($y:Int!){ cascadableWorkResults(year:$y){ id text ownerName } }",
        {"y": p.year},
    )
    options = body["data"]["cascadableWorkResults"]
    assert [o["id"] for o in options] == [kadis_rhk["id"]]
    assert options[0]["ownerName"] == "Pegawai Kadis"
    body = await call(client, "kabid", CREATE, {"y": p.year, "a": "KUANTITATIF"})
    kabid_plan = payload(body, "createPlan")["result"]
    body = await call(
        client,
        "kabid",
        ADD_RHK,
        {
            "i": {
                "planId": kabid_plan["id"],
                "expectedVersion": kabid_plan["version"],
                "kind": "UTAMA",
                "text": "Tersusunnya SOP layanan",
                "parentId": kadis_rhk["id"],
            }
        },
    )
    kabid_rhk = payload(body, "addWorkResult")["result"]
    body = await call(
        client,
        "kabid",
        ADD_IKI,
        {
            "i": {
                "workResultId": kabid_rhk["id"],
                "expectedVersion": kabid_rhk["plan"]["version"],
                "aspect": "KUANTITAS",
                "text": "Jumlah SOP",
                "targetValue": "4",
                "targetUnit": "dokumen",
            }
        },
    )
    version = payload(body, "addIndicator")["result"]["workResult"]["plan"]["version"]
    body = await call(client, "kabid", SUBMIT, {"id": kabid_plan["id"], "v": version})
    version = payload(body, "submitPlan")["result"]["version"]

    # The assessor's inbox holds it; they reject with a reason.
    body = await call(client, "kadis", "{ plansToReview { id status employee { name } } }")
    assert [x["id"] for x in body["data"]["plansToReview"]] == [kabid_plan["id"]]
    body = await call(
        client,
        "kadis",
        REJECT,
        {"id": kabid_plan["id"], "v": version, "r": "Target terlalu rendah"},
    )
    rejected = payload(body, "rejectPlan")["result"]
    assert rejected["status"] == "DITOLAK"
    assert rejected["rejectionReason"] == "Target terlalu rendah"

    # The pegawai takes it back, corrects it, resubmits; the assessor sets it.
    body = await call(client, "kabid", TO_DRAFT, {"id": kabid_plan["id"], "v": rejected["version"]})
    draft = payload(body, "returnPlanToDraft")["result"]
    assert draft["status"] == "DRAFT"
    body = await call(
        client,
        "kabid",
        UPDATE_RHK,
        {
            "i": {
                "id": kabid_rhk["id"],
                "expectedVersion": draft["version"],
                "text": "Tersusunnya 6 SOP",
            }
        },
    )
    version = payload(body, "updateWorkResult")["result"]["plan"]["version"]
    assert version > draft["version"]  # editing an RHK advances the SKP version
    body = await call(client, "kabid", SUBMIT, {"id": kabid_plan["id"], "v": version})
    version = payload(body, "submitPlan")["result"]["version"]
    body = await call(client, "kadis", APPROVE, {"id": kabid_plan["id"], "v": version})
    approved = payload(body, "approvePlan")["result"]
    assert approved["status"] == "DITETAPKAN"
    assert approved["revision"] == 0

    body = await call(client, "kabid", PLAN, {"id": kabid_plan["id"]})
    plan = body["data"]["plan"]
    assert plan["assessor"]["name"] == "Pegawai Kadis"
    snap = plan["identitySnapshot"]
    assert snap["pegawai"]["jabatan"] == "Jabatan KABID"
    assert snap["pegawai"]["pangkat"] == "Penata"
    assert snap["pegawai"]["unit"] == "Unit BIDANG"
    assert snap["pegawai"]["nip"] == p.org.nips["kabid"]
    assert snap["penilai"]["name"] == "Pegawai Kadis"
    assert plan["workResults"][0]["parent"]["id"] == kadis_rhk["id"]
    assert [v["revision"] for v in plan["versions"]] == [0]
    content = plan["versions"][0]["content"]
    assert content["work_results"][0]["text"] == "Tersusunnya 6 SOP"
    assert plan["versions"][0]["approvedBy"]["name"] == "Pegawai Kadis"

    # The cascade is visible from the superior's side.
    body = await call(
        client,
        "kadis",
        "query($id:ID!){ workResult(id:$id){ children { id text } } }",
        {"id": kadis_rhk["id"]},
    )
    assert [c["id"] for c in body["data"]["workResult"]["children"]] == [kabid_rhk["id"]]

    async with p.db.read() as s:
        actions = set((await s.scalars(sa.select(AuditEvent.action))).all())
    assert {
        "plan.create",
        "work_result.create",
        "indicator.create",
        "plan.submit",
        "plan.reject",
        "plan.return_to_draft",
        "work_result.update",
        "plan.approve",
        "org_goal.create",
    } <= actions
    assert (await verify_audit_chain(p.db)).intact


async def test_only_the_assessor_decides(client: httpx.AsyncClient, planning: Planning) -> None:
    p = planning
    ids = await p.chain()
    plan_id = str(ids["kabid_plan"])
    version = await _version(p, ids["kabid_plan"])
    expected = {
        "kabid": "FORBIDDEN",
        "staf2": "NOT_FOUND",
        "hradmin": "FORBIDDEN",
        "auditor": "FORBIDDEN",
        "manager": "FORBIDDEN",
        "sekda": "FORBIDDEN",
        "kadis2": "NOT_FOUND",
        "sysadmin": "NOT_FOUND",
    }
    for user, code in expected.items():
        body = await call(client, user, APPROVE, {"id": plan_id, "v": version})
        assert error_codes(body, "approvePlan") == [code], user
        body = await call(client, user, REJECT, {"id": plan_id, "v": version, "r": "tidak"})
        assert error_codes(body, "rejectPlan") == [code], user
    assert (await p.reload(ids["kabid_plan"])).status.value == "DIAJUKAN"
    # Rejecting without a reason changes nothing.
    for reason in ("", "   ", "\x00\x07", "x" * 2001):
        body = await call(client, "kadis", REJECT, {"id": plan_id, "v": version, "r": reason})
        assert error_codes(body, "rejectPlan") == ["INVALID_INPUT"]
    assert (await p.reload(ids["kabid_plan"])).status.value == "DIAJUKAN"
    # A decided SKP cannot be decided again; an owner cannot submit twice.
    body = await call(client, "kadis", APPROVE, {"id": plan_id, "v": version})
    version = payload(body, "approvePlan")["result"]["version"]
    for mutation, name in (
        (APPROVE, "approvePlan"),
        (SUBMIT, "submitPlan"),
        (TO_DRAFT, "returnPlanToDraft"),
        (WITHDRAW, "withdrawPlanRevision"),
    ):
        user = "kadis" if name == "approvePlan" else "kabid"
        body = await call(client, user, mutation, {"id": plan_id, "v": version})
        assert error_codes(body, name) == ["INVALID_STATE"], name


async def test_submit_checks_content(client: httpx.AsyncClient, planning: Planning) -> None:
    p = planning
    ids = await p.chain()
    body = await call(client, "staf2", CREATE, {"y": p.year, "a": "KUANTITATIF"})
    plan = payload(body, "createPlan")["result"]
    body = await call(client, "staf2", SUBMIT, {"id": plan["id"], "v": plan["version"]})
    errors = payload(body, "submitPlan")["errors"]
    assert [e["code"] for e in errors] == ["INVALID_INPUT"]
    assert "RHK utama" in errors[0]["message"]
    # An RHK TAMBAHAN without IKI: still no UTAMA, and the RHK lacks an IKI.
    body = await call(
        client,
        "staf2",
        ADD_RHK,
        {
            "i": {
                "planId": plan["id"],
                "expectedVersion": plan["version"],
                "kind": "TAMBAHAN",
                "text": "Membantu",
                "parentId": str(ids["kabid_rhk"]),
            }
        },
    )
    rhk = payload(body, "addWorkResult")["result"]
    body = await call(client, "staf2", SUBMIT, {"id": plan["id"], "v": rhk["plan"]["version"]})
    messages = [e["message"] for e in payload(body, "submitPlan")["errors"]]
    assert len(messages) == 2
    assert any("belum memiliki IKI" in m for m in messages)
    # A quantitative IKI needs a number and a unit.
    body = await call(
        client,
        "staf2",
        ADD_IKI,
        {
            "i": {
                "workResultId": rhk["id"],
                "expectedVersion": rhk["plan"]["version"],
                "aspect": "KUANTITAS",
                "text": "Jumlah",
                "targetValue": "3",
            }
        },
    )
    version = payload(body, "addIndicator")["result"]["workResult"]["plan"]["version"]
    body = await call(client, "staf2", SUBMIT, {"id": plan["id"], "v": version})
    messages = [e["message"] for e in payload(body, "submitPlan")["errors"]]
    assert any("target angka dan satuannya" in m for m in messages)
    assert (await p.reload(int(plan["id"]))).status.value == "DRAFT"


async def test_qualitative_needs_described_target(planning: Planning) -> None:
    p = planning
    ids = await p.chain()
    from server.services.planning import content

    plan_id, _ = await p.draft("staf2", parent_id=ids["kabid_rhk"], approach=Approach.KUALITATIF)
    await p.submit("staf2", plan_id)  # the helper's IKI has a described target too
    assert (await p.reload(plan_id)).status.value == "DIAJUKAN"
    plan_id2, rhk2 = await p.draft("staf", parent_id=ids["kabid_rhk"], approach=Approach.KUALITATIF)
    iki = (await content_indicators(p, rhk2))[0]
    await content.update_indicator(
        p.db,
        p.actor("staf"),
        iki,
        content.IndicatorChanges(
            target_description=None, expected_version=await _version(p, plan_id2)
        ),
    )
    with pytest.raises(ServiceError) as caught:
        await p.submit("staf", plan_id2)
    assert "uraian target" in caught.value.message


async def test_set_plan_is_frozen_until_revision(
    client: httpx.AsyncClient, planning: Planning
) -> None:
    p = planning
    ids = await p.chain()
    await p.approve("kadis", ids["kabid_plan"])
    version = await _version(p, ids["kabid_plan"])
    body = await call(
        client,
        "kabid",
        UPDATE_RHK,
        {
            "i": {
                "id": str(ids["kabid_rhk"]),
                "expectedVersion": version,
                "text": "Diam-diam diubah",
            }
        },
    )
    errors = payload(body, "updateWorkResult")["errors"]
    assert [e["code"] for e in errors] == ["INVALID_STATE"]
    assert "revisi" in errors[0]["message"]
    assert (await p.work_result(ids["kabid_rhk"])).text == "Tersusunnya laporan kabid"


async def test_revision_cycle_keeps_every_version(
    client: httpx.AsyncClient, planning: Planning
) -> None:
    p = planning
    ids = await p.chain()
    await p.approve("kadis", ids["kabid_plan"])
    plan_id = str(ids["kabid_plan"])
    version = await _version(p, ids["kabid_plan"])
    body = await call(client, "kabid", REVISE, {"id": plan_id, "v": version, "r": " "})
    assert error_codes(body, "startPlanRevision") == ["INVALID_INPUT"]
    body = await call(
        client, "kabid", REVISE, {"id": plan_id, "v": version, "r": "Tugas tambahan dari pimpinan"}
    )
    revising = payload(body, "startPlanRevision")["result"]
    assert revising["status"] == "REVISI_DRAFT"
    assert revising["revisionReason"] == "Tugas tambahan dari pimpinan"
    body = await call(
        client,
        "kabid",
        UPDATE_RHK,
        {
            "i": {
                "id": str(ids["kabid_rhk"]),
                "expectedVersion": revising["version"],
                "text": "RHK direvisi",
            }
        },
    )
    version = payload(body, "updateWorkResult")["result"]["plan"]["version"]
    body = await call(client, "kabid", SUBMIT, {"id": plan_id, "v": version})
    submitted = payload(body, "submitPlan")["result"]
    assert submitted["status"] == "REVISI_DIAJUKAN"
    # Rejected revision goes back to the revision draft, with the reason.
    body = await call(
        client, "kadis", REJECT, {"id": plan_id, "v": submitted["version"], "r": "Belum jelas"}
    )
    rejected = payload(body, "rejectPlan")["result"]
    assert rejected["status"] == "REVISI_DRAFT"
    body = await call(client, "kabid", SUBMIT, {"id": plan_id, "v": rejected["version"]})
    version = payload(body, "submitPlan")["result"]["version"]
    body = await call(client, "kadis", APPROVE, {"id": plan_id, "v": version})
    approved = payload(body, "approvePlan")["result"]
    assert approved["status"] == "DITETAPKAN"
    assert approved["revision"] == 1
    body = await call(client, "kabid", PLAN, {"id": plan_id})
    versions = body["data"]["plan"]["versions"]
    assert [v["revision"] for v in versions] == [0, 1]
    assert versions[0]["content"]["work_results"][0]["text"] == "Tersusunnya laporan kabid"
    assert versions[1]["content"]["work_results"][0]["text"] == "RHK direvisi"


async def test_withdrawn_revision_restores_exactly(
    client: httpx.AsyncClient, planning: Planning
) -> None:
    p = planning
    ids = await p.chain()
    await p.approve("kadis", ids["kabid_plan"])
    from server.services.planning.snapshots import plan_content

    async with p.db.read() as s:
        before = await plan_content(s, await s.get_one(PerformancePlan, ids["kabid_plan"]))
    plan_id = str(ids["kabid_plan"])
    body = await call(
        client,
        "kabid",
        REVISE,
        {"id": plan_id, "v": await _version(p, ids["kabid_plan"]), "r": "Coba"},
    )
    version = payload(body, "startPlanRevision")["result"]["version"]
    # Change everything: text, a new RHK, the IKI removed, the lampiran.
    body = await call(
        client,
        "kabid",
        UPDATE_RHK,
        {"i": {"id": str(ids["kabid_rhk"]), "expectedVersion": version, "text": "Berubah"}},
    )
    version = payload(body, "updateWorkResult")["result"]["plan"]["version"]
    body = await call(
        client,
        "kabid",
        ADD_RHK,
        {
            "i": {
                "planId": plan_id,
                "expectedVersion": version,
                "kind": "TAMBAHAN",
                "text": "Baru",
                "parentId": str(ids["kadis_rhk"]),
            }
        },
    )
    version = payload(body, "addWorkResult")["result"]["plan"]["version"]
    iki = (await content_indicators(p, ids["kabid_rhk"]))[0]
    body = await call(
        client,
        "kabid",
        "mutation($id:ID!,$v:Int!){ deleteIndicator(id:$id, expectedVersion:$v){ result { version } errors { code } } }",
        {"id": str(iki), "v": version},
    )
    version = payload(body, "deleteIndicator")["result"]["version"]
    body = await call(
        client,
        "kabid",
        "mutation($i:UpdatePlanInput!){ updatePlan(input:$i){ result { version lampiran { consequences } } errors { code } } }",
        {"i": {"id": plan_id, "expectedVersion": version, "consequences": "Baris satu\nBaris dua"}},
    )
    updated = payload(body, "updatePlan")["result"]
    assert updated["lampiran"]["consequences"] == "Baris satu\nBaris dua"
    body = await call(client, "kabid", WITHDRAW, {"id": plan_id, "v": updated["version"]})
    assert payload(body, "withdrawPlanRevision")["result"]["status"] == "DITETAPKAN"
    async with p.db.read() as s:
        after = await plan_content(s, await s.get_one(PerformancePlan, ids["kabid_plan"]))
    assert after == before
    assert await content_indicators(p, ids["kabid_rhk"]) == [iki]  # same id, so realisasi still fit


async def test_snapshot_survives_a_transfer(client: httpx.AsyncClient, planning: Planning) -> None:
    p = planning
    ids = await p.chain()
    plan_id, _ = await p.draft("staf2", parent_id=ids["kabid_rhk"])
    await p.submit("staf2", plan_id)
    await p.approve("kabid", plan_id)
    # staf2 moves to the (vacant) KASI position, and is renamed.
    await employees.assign_position(
        p.db,
        system_actor("test"),
        employee_id=p.org.ids["emp:staf2"],
        position_id=p.org.ids["KASI"],
        start_date=clock.today(),
    )
    await employees.update_employee(
        p.db,
        system_actor("test"),
        p.org.ids["emp:staf2"],
        employees.EmployeeChanges(name="Nama Baru"),
    )
    body = await call(client, "staf2", PLAN, {"id": str(plan_id)})
    snap = body["data"]["plan"]["identitySnapshot"]
    assert snap["pegawai"]["jabatan"] == "Jabatan STAF2"
    assert snap["pegawai"]["name"] == "Pegawai Staf2"
    assert (
        body["data"]["plan"]["versions"][0]["content"]["identity_snapshot"]["pegawai"]["jabatan"]
        == "Jabatan STAF2"
    )


async def test_stale_version_is_a_conflict(client: httpx.AsyncClient, planning: Planning) -> None:
    p = planning
    ids = await p.chain()
    plan_id, rhk = await p.draft("staf2", parent_id=ids["kabid_rhk"])
    version = await _version(p, plan_id)
    body = await call(
        client,
        "staf2",
        UPDATE_RHK,
        {"i": {"id": str(rhk), "expectedVersion": version, "text": "Satu"}},
    )
    assert payload(body, "updateWorkResult")["errors"] == []
    body = await call(
        client,
        "staf2",
        UPDATE_RHK,
        {"i": {"id": str(rhk), "expectedVersion": version, "text": "Dua"}},
    )
    assert error_codes(body, "updateWorkResult") == ["CONFLICT"]
    body = await call(client, "staf2", SUBMIT, {"id": str(plan_id), "v": version})
    assert error_codes(body, "submitPlan") == ["CONFLICT"]
    assert (await p.work_result(rhk)).text == "Satu"


async def test_duplicate_and_closed_year(client: httpx.AsyncClient, planning: Planning) -> None:
    p = planning
    ids = await p.chain()
    body = await call(client, "kabid", CREATE, {"y": p.year, "a": "KUANTITATIF"})
    assert error_codes(body, "createPlan") == ["DUPLICATE"]
    body = await call(client, "kabid", CREATE, {"y": 2031, "a": "KUANTITATIF"})
    assert error_codes(body, "createPlan") == ["INVALID_INPUT"]
    body = await call(client, "hradmin", CREATE, {"y": p.year, "a": "KUANTITATIF"})
    assert error_codes(body, "createPlan") == ["FORBIDDEN"]
    plan_id, rhk = await p.draft("staf2", parent_id=ids["kabid_rhk"])
    await p.close_periods()
    body = await call(
        client,
        "hradmin",
        "mutation($y:Int!){ closeAppraisalYear(year:$y){ result { status } errors { code } } }",
        {"y": p.year},
    )
    assert payload(body, "closeAppraisalYear")["result"]["status"] == "DITUTUP"
    version = await _version(p, plan_id)
    body = await call(
        client,
        "staf2",
        UPDATE_RHK,
        {"i": {"id": str(rhk), "expectedVersion": version, "text": "Telat"}},
    )
    assert error_codes(body, "updateWorkResult") == ["INVALID_STATE"]
    body = await call(client, "staf2", SUBMIT, {"id": str(plan_id), "v": version})
    assert error_codes(body, "submitPlan") == ["INVALID_STATE"]
    body = await call(
        client,
        "kadis",
        APPROVE,
        {"id": str(ids["kabid_plan"]), "v": await _version(p, ids["kabid_plan"])},
    )
    assert error_codes(body, "approvePlan") == ["INVALID_STATE"]
    body = await call(client, "staf", CREATE, {"y": p.year, "a": "KUANTITATIF"})
    assert error_codes(body, "createPlan") == ["INVALID_STATE"]
    body = await call(client, "kadis", "{ plansToReview { id } }")
    assert body["data"]["plansToReview"] == []


async def test_no_assessor_is_a_clear_error(planning: Planning) -> None:
    """The Sekda has nobody above and small_org has no Kepala Daerah account (with one, the
    Wali Kota rates: tests/api/evaluation/test_kepala_daerah.py)."""
    p = planning
    goal = await p.goal("PEMKOT")
    plan_id, _ = await p.draft("sekda", org_goal_id=goal)
    with pytest.raises(ServiceError) as caught:
        await p.submit("sekda", plan_id)
    assert caught.value.code is ErrorCode.INVALID_STATE
    assert "Pejabat Penilai" in caught.value.message
    assert (await p.reload(plan_id)).status.value == "DRAFT"
