"""Appraisal years (Periode Penilaian) and organisation goals (Perjanjian Kinerja)."""

from __future__ import annotations

from datetime import datetime

import httpx
import sqlalchemy as sa

from server.db.models import AppraisalPeriod, AppraisalYear, AuditEvent
from tests.api.planning.conftest import Planning, call, error_codes, payload
from tests.conftest import SmallOrg, audit_actions

OPEN = """mutation($i:OpenAppraisalYearInput!){ openAppraisalYear(input:$i){
  result { id year cadence status realizationDueDays planDeadline version
           periods { number label startDate endDate realizationDue } }
  errors { code message field } } }"""
CLOSE = "mutation($y:Int!,$v:Int){ closeAppraisalYear(year:$y, expectedVersion:$v){ result { status closedAt version } errors { code field message } } }"
CREATE_GOAL = """mutation($i:CreateOrgGoalInput!){ createOrgGoal(input:$i){
  result { id text indicator target year unit { code } } errors { code message field } } }"""


async def test_open_year_builds_periods(client: httpx.AsyncClient, small_org: SmallOrg) -> None:
    body = await call(client, "hradmin", OPEN, {"i": {"year": 2027, "planDeadline": "2027-01-31"}})
    year = payload(body, "openAppraisalYear")["result"]
    assert year["cadence"] == "BULANAN"
    assert year["realizationDueDays"] == 10
    assert year["status"] == "DIBUKA"
    periods = year["periods"]
    assert [p["label"] for p in periods] == [f"Bulan {n}" for n in range(1, 13)]
    assert periods[1] == {
        "number": 2,
        "label": "Bulan 2",
        "startDate": "2027-02-01",
        "endDate": "2027-02-28",
        "realizationDue": "2027-03-10",
    }
    body = await call(
        client,
        "hradmin",
        OPEN,
        {
            "i": {
                "year": 2028,
                "planDeadline": "2028-02-15",
                "cadence": "TRIWULAN",
                "realizationDueDays": 5,
            }
        },
    )
    periods = payload(body, "openAppraisalYear")["result"]["periods"]
    assert [p["label"] for p in periods] == [
        "Triwulan I",
        "Triwulan II",
        "Triwulan III",
        "Triwulan IV",
    ]
    assert periods[-1]["realizationDue"] == "2029-01-05"
    body = await call(
        client,
        "hradmin",
        OPEN,
        {"i": {"year": 2029, "planDeadline": "2029-01-31", "cadence": "SEMESTER"}},
    )
    assert [p["label"] for p in payload(body, "openAppraisalYear")["result"]["periods"]] == [
        "Semester I",
        "Semester II",
    ]
    body = await call(
        client,
        "staf",
        "{ appraisalYears { year } appraisalYear(year: 2028) { cadence periods { label } } }",
    )
    assert [y["year"] for y in body["data"]["appraisalYears"]] == [2029, 2028, 2027]
    assert body["data"]["appraisalYear"]["cadence"] == "TRIWULAN"


async def test_open_year_refuses_bad_input_and_duplicates(
    client: httpx.AsyncClient, small_org: SmallOrg, db: object
) -> None:
    body = await call(client, "hradmin", OPEN, {"i": {"year": 2027, "planDeadline": "2027-01-31"}})
    assert payload(body, "openAppraisalYear")["errors"] == []
    body = await call(client, "hradmin", OPEN, {"i": {"year": 2027, "planDeadline": "2027-01-31"}})
    assert error_codes(body, "openAppraisalYear") == ["DUPLICATE"]
    for bad, field in (
        ({"year": 1999, "planDeadline": "1999-01-31"}, "year"),
        ({"year": 99999, "planDeadline": "2030-01-31"}, "year"),
        (
            {"year": 2030, "planDeadline": "2030-01-31", "realizationDueDays": -1},
            "realizationDueDays",
        ),
        (
            {"year": 2030, "planDeadline": "2030-01-31", "realizationDueDays": 91},
            "realizationDueDays",
        ),
        ({"year": 2030, "planDeadline": "2035-01-31"}, "planDeadline"),
    ):
        body = await call(client, "hradmin", OPEN, {"i": bad})
        errors = payload(body, "openAppraisalYear")["errors"]
        assert [(e["code"], e["field"]) for e in errors] == [("INVALID_INPUT", field)], bad
    for user in ("staf", "manager", "auditor", "sysadmin", "kadis"):
        body = await call(client, user, OPEN, {"i": {"year": 2031, "planDeadline": "2031-01-31"}})
        assert error_codes(body, "openAppraisalYear") == ["FORBIDDEN"], user
    body = await call(client, "hradmin", OPEN, {"i": {"year": "2031", "planDeadline": "kemarin"}})
    assert body.get("errors")  # GraphQL rejects wrong types before any service runs


async def _year_row(planning: Planning) -> tuple[str, int, datetime | None]:
    async with planning.db.read() as s:
        year = (
            await s.scalars(sa.select(AppraisalYear).where(AppraisalYear.year == planning.year))
        ).one()
        return year.status.value, year.version, year.closed_at


async def test_close_year_refused_while_periods_are_open(
    client: httpx.AsyncClient, planning: Planning
) -> None:
    before = await _year_row(planning)
    body = await call(client, "hradmin", CLOSE, {"y": planning.year, "v": 1})
    errors = payload(body, "closeAppraisalYear")["errors"]
    assert [(e["code"], e["field"]) for e in errors] == [("INVALID_STATE", None)]
    assert "12 periode masih dibuka (Bulan 1, Bulan 2," in errors[0]["message"]
    await planning.close_periods(skip=2)  # Bulan 11 and 12 still open
    body = await call(client, "hradmin", CLOSE, {"y": planning.year, "v": 1})
    errors = payload(body, "closeAppraisalYear")["errors"]
    assert [e["code"] for e in errors] == ["INVALID_STATE"]
    assert "2 periode masih dibuka (Bulan 11, Bulan 12)" in errors[0]["message"]
    assert await _year_row(planning) == before  # nothing changed
    assert await audit_actions(planning.db, object_type="appraisal_year") == ["appraisal_year.open"]
    # A stale version is still a conflict first (the screen must reload before anything else).
    body = await call(client, "hradmin", CLOSE, {"y": planning.year, "v": 7})
    assert error_codes(body, "closeAppraisalYear") == ["CONFLICT"]


async def test_close_year(client: httpx.AsyncClient, planning: Planning) -> None:
    body = await call(client, "manager", CLOSE, {"y": planning.year})
    assert error_codes(body, "closeAppraisalYear") == ["FORBIDDEN"]
    body = await call(client, "hradmin", CLOSE, {"y": planning.year, "v": 7})
    assert error_codes(body, "closeAppraisalYear") == ["CONFLICT"]
    await planning.close_periods()
    body = await call(client, "hradmin", CLOSE, {"y": planning.year, "v": 1})
    closed = payload(body, "closeAppraisalYear")["result"]
    assert closed["status"] == "DITUTUP"
    assert closed["closedAt"]
    body = await call(client, "hradmin", CLOSE, {"y": planning.year})
    assert error_codes(body, "closeAppraisalYear") == ["INVALID_STATE"]
    body = await call(client, "hradmin", CLOSE, {"y": 2090})
    assert error_codes(body, "closeAppraisalYear") == ["NOT_FOUND"]
    async with planning.db.read() as s:
        periods = await s.scalar(sa.select(sa.func.count(AppraisalPeriod.id)))
    assert await audit_actions(planning.db, object_type="appraisal_year") == [
        "appraisal_year.open",
        "appraisal_year.close",
    ]
    assert periods == 12


async def test_org_goals(client: httpx.AsyncClient, planning: Planning) -> None:
    ids = planning.org.ids
    y = planning.year
    body = await call(
        client,
        "manager",
        CREATE_GOAL,
        {
            "i": {
                "unitId": str(ids["BIDANG"]),
                "year": y,
                "text": "Sasaran bidang",
                "indicator": "Indeks",
                "target": "80",
            }
        },
    )
    goal = payload(body, "createOrgGoal")["result"]
    assert goal == {
        "id": goal["id"],
        "text": "Sasaran bidang",
        "indicator": "Indeks",
        "target": "80",
        "year": y,
        "unit": {"code": "BIDANG"},
    }
    for user, unit in (
        ("manager", "DINAS2"),
        ("staf", "BIDANG"),
        ("auditor", "BIDANG"),
        ("kadis", "DINAS"),
    ):
        body = await call(
            client, user, CREATE_GOAL, {"i": {"unitId": str(ids[unit]), "year": y, "text": "X"}}
        )
        assert error_codes(body, "createOrgGoal") == ["FORBIDDEN"], user
    for text in ("x" * 10_000, "a\x00b", "   ", "\u202eabc"):
        body = await call(
            client,
            "hradmin",
            CREATE_GOAL,
            {"i": {"unitId": str(ids["DINAS"]), "year": y, "text": text}},
        )
        assert error_codes(body, "createOrgGoal") == ["INVALID_INPUT"]
    for unit_id in ("abc", "-1", "0", "99999999999999999999999"):
        body = await call(
            client, "hradmin", CREATE_GOAL, {"i": {"unitId": unit_id, "year": y, "text": "X"}}
        )
        assert error_codes(body, "createOrgGoal") == ["INVALID_INPUT"]
    body = await call(
        client,
        "hradmin",
        CREATE_GOAL,
        {"i": {"unitId": str(ids["DINAS"]), "year": 2099, "text": "X"}},
    )
    assert error_codes(body, "createOrgGoal") == ["INVALID_INPUT"]
    body = await call(
        client,
        "manager",
        "mutation($i:UpdateOrgGoalInput!){ updateOrgGoal(input:$i){ result { text indicator target } errors { code } } }",
        {"i": {"id": goal["id"], "text": "Sasaran baru", "indicator": None}},
    )
    assert payload(body, "updateOrgGoal")["result"] == {
        "text": "Sasaran baru",
        "indicator": None,
        "target": "80",
    }
    body = await call(
        client,
        "staf",
        "query($u:ID!,$y:Int!){ orgGoals(unitId:$u, year:$y){ text } }",
        {"u": str(ids["BIDANG"]), "y": y},
    )
    assert body["data"]["orgGoals"] == [{"text": "Sasaran baru"}]
    delete = "mutation($id:ID!){ deleteOrgGoal(id:$id){ result { id } errors { code } } }"
    body = await call(client, "staf", delete, {"id": goal["id"]})
    assert error_codes(body, "deleteOrgGoal") == ["FORBIDDEN"]
    # A goal a JPT RHK refers to cannot be deleted.
    used = await planning.goal()
    await planning.draft("kadis", org_goal_id=used)
    body = await call(client, "hradmin", delete, {"id": str(used)})
    assert error_codes(body, "deleteOrgGoal") == ["INVALID_STATE"]
    body = await call(client, "manager", delete, {"id": goal["id"]})
    assert payload(body, "deleteOrgGoal")["result"] == {"id": goal["id"]}
    async with planning.db.read() as s:
        actions = (
            await s.scalars(
                sa.select(AuditEvent.action)
                .where(AuditEvent.object_type == "org_goal")
                .order_by(AuditEvent.seq)
            )
        ).all()
    assert list(actions) == [
        "org_goal.create",
        "org_goal.update",
        "org_goal.create",
        "org_goal.delete",
    ]
