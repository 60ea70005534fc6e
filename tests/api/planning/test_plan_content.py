"""SKP content: cascading rules for RHKs, IKI targets, perilaku, lampiran, hostile input."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from server.db.models import AppraisalPeriod, Realization, WorkResult
from server.domain.enums import RealizationStatus
from tests.api.planning.conftest import Planning, call, error_codes, payload

ADD_RHK = """mutation($i:AddWorkResultInput!){ addWorkResult(input:$i){
  result { id plan { version } } errors { code message field } } }"""
ADD_IKI = """mutation($i:AddIndicatorInput!){ addIndicator(input:$i){
  result { id targetValue } errors { code message field } } }"""
UPDATE_RHK = """mutation($i:UpdateWorkResultInput!){ updateWorkResult(input:$i){
  result { id parent { id } } errors { code message field } } }"""
DELETE_RHK = "mutation($id:ID!,$v:Int!){ deleteWorkResult(id:$id, expectedVersion:$v){ result { version workResults { id } } errors { code message } } }"
EXPECT = """mutation($p:ID!,$v:Int!,$c:CoreValue!,$e:String){ setBehaviorExpectation(planId:$p,
  expectedVersion:$v, value:$c, expectation:$e){ result { version behaviorExpectations { value label expectation } }
  errors { code message } } }"""


async def _new_plan(client: httpx.AsyncClient, user: str, year: int) -> dict[str, str | int]:
    body = await call(
        client,
        user,
        "mutation($y:Int!){ createPlan(year:$y, approach: KUANTITATIF){ result { id version } errors { code } } }",
        {"y": year},
    )
    result: dict[str, str | int] = payload(body, "createPlan")["result"]
    return result


async def _add_rhk(
    client: httpx.AsyncClient, user: str, plan: dict[str, str | int], **link: str
) -> dict[str, Any]:
    """``user`` adds an RHK Utama "R" to ``plan`` (at the version read), linked by ``link``
    (``parentId`` and/or ``orgGoalId``)."""
    return await call(
        client,
        user,
        ADD_RHK,
        {
            "i": {
                "planId": plan["id"],
                "expectedVersion": plan["version"],
                "kind": "UTAMA",
                "text": "R",
                **link,
            }
        },
    )


async def test_cascade_rules(client: httpx.AsyncClient, planning: Planning) -> None:
    p = planning
    goal = await p.goal()
    kadis_plan, kadis_rhk = await p.draft("kadis", org_goal_id=goal)
    plan = await _new_plan(client, "kabid", p.year)

    def rhk(**extra: object) -> dict[str, object]:
        return {
            "i": {
                "planId": plan["id"],
                "expectedVersion": plan["version"],
                "kind": "UTAMA",
                "text": "R",
                **extra,
            }
        }

    # The assessor's SKP is still a draft: nothing to intervene yet.
    body = await call(client, "kabid", ADD_RHK, rhk(parentId=str(kadis_rhk)))
    assert error_codes(body, "addWorkResult") == ["INVALID_STATE"]
    await p.submit("kadis", kadis_plan)
    # A non-JPT RHK needs a parent, not an organisation goal.
    body = await call(client, "kabid", ADD_RHK, rhk())
    assert [(e["code"], e["field"]) for e in payload(body, "addWorkResult")["errors"]] == [
        ("INVALID_INPUT", "parentId")
    ]
    body = await call(client, "kabid", ADD_RHK, rhk(parentId=str(kadis_rhk), orgGoalId=str(goal)))
    assert error_codes(body, "addWorkResult") == ["INVALID_INPUT"]
    body = await call(client, "kabid", ADD_RHK, rhk(parentId="999999"))
    assert error_codes(body, "addWorkResult") == ["INVALID_INPUT"]
    body = await call(client, "kabid", ADD_RHK, rhk(parentId=str(kadis_rhk)))
    kabid_rhk = payload(body, "addWorkResult")["result"]
    body = await call(
        client,
        "kabid",
        ADD_IKI,
        {
            "i": {
                "workResultId": kabid_rhk["id"],
                "expectedVersion": kabid_rhk["plan"]["version"],
                "aspect": "WAKTU",
                "text": "Tepat waktu",
                "targetValue": "12",
                "targetUnit": "bulan",
            }
        },
    )
    assert payload(body, "addIndicator")["errors"] == []
    await p.submit("kabid", int(str(plan["id"])))
    # staf is rated by kabid (KASI is vacant): kadis's RHK is not theirs to intervene.
    staf_plan = await _new_plan(client, "staf", p.year)
    body = await _add_rhk(client, "staf", staf_plan, parentId=str(kadis_rhk))
    errors = payload(body, "addWorkResult")["errors"]
    assert [(e["code"], e["field"]) for e in errors] == [("INVALID_INPUT", "parentId")]
    assert "Pegawai Kabid" in errors[0]["message"]
    body = await _add_rhk(client, "staf", staf_plan, parentId=kabid_rhk["id"])
    assert payload(body, "addWorkResult")["errors"] == []
    # A JPT must reference an organisation goal of their own unit and year.
    kadis2_plan = await _new_plan(client, "kadis2", p.year)
    body = await _add_rhk(client, "kadis2", kadis2_plan, orgGoalId=str(goal))
    assert [(e["code"], e["field"]) for e in payload(body, "addWorkResult")["errors"]] == [
        ("INVALID_INPUT", "orgGoalId")
    ]
    body = await _add_rhk(client, "kadis2", kadis2_plan, parentId=str(kadis_rhk))
    assert error_codes(body, "addWorkResult") == ["INVALID_INPUT"]


async def test_link_is_checked_again_on_submit(planning: Planning) -> None:
    """The assessor changed after the RHK was linked: submission refuses the stale link."""
    from server.domain.enums import ActingKind
    from server.services.actor import system_actor
    from server.services.errors import ValidationErrors
    from server.services.organisation import structure

    p = planning
    ids = await p.chain()
    plan_id, _ = await p.draft("staf2", parent_id=ids["kabid_rhk"])
    await structure.set_assessor_override(
        p.db,
        system_actor("test"),
        structure.OverrideInput(
            p.org.ids["STAF2"],
            p.org.ids["emp:kadis"],
            ActingKind.PENUNJUKAN,
            "Penunjukan BKPSDM",
            date(2020, 1, 1),
        ),
    )
    with pytest.raises(ValidationErrors) as caught:
        await p.submit("staf2", plan_id)
    assert any("Pejabat Penilai" in e.message for e in caught.value.errors)
    assert (await p.reload(plan_id)).status.value == "DRAFT"


async def test_hostile_input(client: httpx.AsyncClient, planning: Planning) -> None:
    p = planning
    ids = await p.chain()
    plan = await _new_plan(client, "staf2", p.year)
    base = {
        "planId": plan["id"],
        "expectedVersion": plan["version"],
        "kind": "UTAMA",
        "parentId": str(ids["kabid_rhk"]),
    }
    for text in ("x" * 10_000, "a\x00b", "\x1b[31mmerah", "", "\u202etxt"):
        body = await call(client, "staf2", ADD_RHK, {"i": {**base, "text": text}})
        assert [(e["code"], e["field"]) for e in payload(body, "addWorkResult")["errors"]] == [
            ("INVALID_INPUT", "text")
        ]
    for bad_id in ("abc", "1.5", "-3", "0", "1e9", "99999999999999999999"):
        body = await call(client, "staf2", ADD_RHK, {"i": {**base, "planId": bad_id, "text": "R"}})
        assert error_codes(body, "addWorkResult") == ["INVALID_INPUT"], bad_id
        body = await call(client, "staf2", "query($id:ID!){ plan(id:$id){ id } }", {"id": bad_id})
        assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    body = await call(client, "staf2", ADD_RHK, {"i": {**base, "text": "  Menyusun\tlaporan  "}})
    rhk = payload(body, "addWorkResult")["result"]
    version = rhk["plan"]["version"]
    iki = {
        "workResultId": rhk["id"],
        "expectedVersion": version,
        "aspect": "KUANTITAS",
        "text": "Jumlah",
        "targetUnit": "dokumen",
    }
    for value in ("-1", "NaN", "Infinity", "-Infinity", "1e20", "100000000000000"):
        body = await call(client, "staf2", ADD_IKI, {"i": {**iki, "targetValue": value}})
        assert [(e["code"], e["field"]) for e in payload(body, "addIndicator")["errors"]] == [
            ("INVALID_INPUT", "targetValue")
        ], value
    body = await call(client, "staf2", ADD_IKI, {"i": {**iki, "targetValue": "dua belas"}})
    assert body.get("errors")  # not a Decimal: refused by GraphQL itself, nothing stored
    for field, value in (
        ("targetUnit", "u" * 61),
        ("text", "t" * 1001),
        ("targetDescription", "d" * 1001),
        ("targetUnit", "a\x07"),
    ):
        body = await call(
            client, "staf2", ADD_IKI, {"i": {**iki, "targetValue": "1", field: value}}
        )
        assert [(e["code"], e["field"]) for e in payload(body, "addIndicator")["errors"]] == [
            ("INVALID_INPUT", field)
        ], field
    body = await call(client, "staf2", ADD_IKI, {"i": {**iki, "targetValue": "12.123456"}})
    assert payload(body, "addIndicator")["result"]["targetValue"] == "12.1235"
    # Perspektif is for JPT SKPs only.
    body = await call(
        client,
        "staf2",
        ADD_IKI,
        {
            "i": {
                **iki,
                "expectedVersion": version + 1,
                "targetValue": "1",
                "perspective": "ANGGARAN",
            }
        },
    )
    assert [(e["code"], e["field"]) for e in payload(body, "addIndicator")["errors"]] == [
        ("INVALID_INPUT", "perspective")
    ]
    update = "mutation($i:UpdatePlanInput!){ updatePlan(input:$i){ result { version } errors { code field } } }"
    for field, value in (
        ("resourceSupport", "x" * 5001),
        ("consequences", "a\x00b"),
        ("accountabilityScheme", "\u202e"),
    ):
        body = await call(
            client,
            "staf2",
            update,
            {"i": {"id": plan["id"], "expectedVersion": version + 1, field: value}},
        )
        assert [(e["code"], e["field"]) for e in payload(body, "updatePlan")["errors"]] == [
            ("INVALID_INPUT", field)
        ]
    assert (await p.work_result(int(rhk["id"]))).text == "Menyusun laporan"


async def test_only_the_owner_edits(client: httpx.AsyncClient, planning: Planning) -> None:
    p = planning
    ids = await p.chain()
    plan_id, rhk = await p.draft("staf2", parent_id=ids["kabid_rhk"])
    version = (await p.reload(plan_id)).version
    for user, code in (
        ("kabid", "FORBIDDEN"),
        ("hradmin", "FORBIDDEN"),
        ("auditor", "FORBIDDEN"),
        ("manager", "FORBIDDEN"),
        ("staf", "NOT_FOUND"),
        ("kadis2", "NOT_FOUND"),
    ):
        body = await call(
            client,
            user,
            UPDATE_RHK,
            {"i": {"id": str(rhk), "expectedVersion": version, "text": "Diubah"}},
        )
        assert error_codes(body, "updateWorkResult") == [code], user
        body = await call(client, user, DELETE_RHK, {"id": str(rhk), "v": version})
        assert error_codes(body, "deleteWorkResult") == [code], user
    assert (await p.work_result(rhk)).text == "Tersusunnya laporan staf2"


async def test_rhk_with_realisasi_cannot_be_deleted(
    client: httpx.AsyncClient, planning: Planning
) -> None:
    p = planning
    ids = await p.chain()
    plan_id, rhk = await p.draft("staf2", parent_id=ids["kabid_rhk"])
    async with p.db.write() as s:
        period = (await s.scalars(sa.select(AppraisalPeriod).order_by(AppraisalPeriod.id))).first()
        assert period is not None
        from tests.api.planning.conftest import content_indicators

        iki = (await content_indicators(p, rhk))[0]
        s.add(
            Realization(
                indicator_id=iki,
                period_id=period.id,
                value=Decimal(1),
                description="Satu",
                status=RealizationStatus.USULAN,
            )
        )
    version = (await p.reload(plan_id)).version
    body = await call(client, "staf2", DELETE_RHK, {"id": str(rhk), "v": version})
    errors = payload(body, "deleteWorkResult")["errors"]
    assert [e["code"] for e in errors] == ["INVALID_STATE"]
    assert "realisasi" in errors[0]["message"]
    body = await call(
        client,
        "staf2",
        "mutation($id:ID!,$v:Int!){ deleteIndicator(id:$id, expectedVersion:$v){ errors { code } } }",
        {"id": str(iki), "v": version},
    )
    assert error_codes(body, "deleteIndicator") == ["INVALID_STATE"]
    body = await call(
        client,
        "staf2",
        UPDATE_RHK,
        {"i": {"id": str(rhk), "expectedVersion": version, "text": "Masih boleh diubah"}},
    )
    assert payload(body, "updateWorkResult")["errors"] == []


async def test_deleting_a_parent_detaches_children(
    client: httpx.AsyncClient, planning: Planning
) -> None:
    p = planning
    ids = await p.chain()
    await p.approve("kadis", ids["kabid_plan"])
    _, staf2_rhk = await p.draft("staf2", parent_id=ids["kabid_rhk"])
    # kabid revises and drops the RHK staf2 intervenes.
    from server.services.planning import plans as plan_service

    await plan_service.start_revision(
        p.db,
        p.actor("kabid"),
        ids["kabid_plan"],
        "Reorganisasi tugas",
        (await p.reload(ids["kabid_plan"])).version,
    )
    body = await call(
        client,
        "kabid",
        DELETE_RHK,
        {"id": str(ids["kabid_rhk"]), "v": (await p.reload(ids["kabid_plan"])).version},
    )
    assert payload(body, "deleteWorkResult")["result"]["workResults"] == []
    assert (await p.work_result(staf2_rhk)).parent_id is None
    async with p.db.read() as s:
        assert await s.get(WorkResult, ids["kabid_rhk"]) is None


async def test_behavior_expectations(client: httpx.AsyncClient, planning: Planning) -> None:
    p = planning
    ids = await p.chain()
    plan_id = str(ids["kabid_plan"])
    version = (await p.reload(ids["kabid_plan"])).version
    for user, code in (
        ("kabid", "FORBIDDEN"),
        ("hradmin", "FORBIDDEN"),
        ("staf2", "NOT_FOUND"),
        ("sekda", "FORBIDDEN"),
    ):
        body = await call(
            client, user, EXPECT, {"p": plan_id, "v": version, "c": "KOLABORATIF", "e": "Aktif"}
        )
        assert error_codes(body, "setBehaviorExpectation") == [code], user
    body = await call(
        client,
        "kadis",
        EXPECT,
        {"p": plan_id, "v": version, "c": "KOLABORATIF", "e": "Aktif dalam tim lintas bidang"},
    )
    result = payload(body, "setBehaviorExpectation")["result"]
    assert result["behaviorExpectations"] == [
        {
            "value": "KOLABORATIF",
            "label": "Kolaboratif",
            "expectation": "Aktif dalam tim lintas bidang",
        }
    ]
    body = await call(
        client, "kadis", EXPECT, {"p": plan_id, "v": version, "c": "ADAPTIF", "e": "Cepat"}
    )
    assert error_codes(body, "setBehaviorExpectation") == ["CONFLICT"]
    body = await call(
        client,
        "kadis",
        EXPECT,
        {"p": plan_id, "v": result["version"], "c": "ADAPTIF", "e": "x" * 2001},
    )
    assert error_codes(body, "setBehaviorExpectation") == ["INVALID_INPUT"]
    body = await call(
        client,
        "kadis",
        EXPECT,
        {"p": plan_id, "v": result["version"], "c": "KOLABORATIF", "e": None},
    )
    cleared = payload(body, "setBehaviorExpectation")["result"]
    assert cleared["behaviorExpectations"] == []
    await p.approve("kadis", ids["kabid_plan"])
    body = await call(
        client,
        "kadis",
        EXPECT,
        {
            "p": plan_id,
            "v": (await p.reload(ids["kabid_plan"])).version,
            "c": "LOYAL",
            "e": "Setia",
        },
    )
    assert error_codes(body, "setBehaviorExpectation") == ["INVALID_STATE"]
    body = await call(client, "staf", "{ coreValues { value label indicators } }")
    values = body["data"]["coreValues"]
    assert len(values) == 7
    assert values[0]["label"] == "Berorientasi Pelayanan"
    assert all(len(v["indicators"]) == 3 for v in values)
