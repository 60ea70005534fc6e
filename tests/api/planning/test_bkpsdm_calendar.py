"""BKPSDM's calendar corrections (setPlanDeadline, reopenPeriodEvaluation), the allowed
distribution patterns, and the release list and preview the staff screens read."""

from __future__ import annotations

import httpx
import sqlalchemy as sa

from server.db.models import AppraisalPeriod, AppraisalYear, AuditEvent, Release
from tests.api.planning.conftest import Planning, call, error_codes, payload

DEADLINE = """mutation($y:Int!,$d:Date!,$v:Int){ setPlanDeadline(year:$y, planDeadline:$d,
  expectedVersion:$v){ result { year planDeadline version } errors { code field message } } }"""
CLOSE_PERIOD = "mutation($p:ID!){ closePeriodEvaluation(periodId:$p){ result { evaluatedAt } errors { code } } }"
REOPEN = """mutation($p:ID!,$r:String!){ reopenPeriodEvaluation(periodId:$p, reason:$r){
  result { id evaluatedAt } errors { code field } } }"""
PATTERNS = "{ distributionPatterns { orgPredicate largest rules effectiveFrom } }"
RELEASES = "{ dataReleases { number periodCode provisional cellsWithheld } }"
PREVIEW = """query($p:String!){ releasePreview(period:$p){ periodCode units services headcount
  cellsWithheld cellsAdded linearProgrammes seconds tables { table cellsWithheld }
  currentReleaseNumber finalRefusal } }"""


async def _actions(planning: Planning, object_type: str) -> list[str]:
    async with planning.db.read() as s:
        rows = await s.scalars(
            sa.select(AuditEvent.action)
            .where(AuditEvent.object_type == object_type)
            .order_by(AuditEvent.seq)
        )
        return list(rows)


async def _deadline(planning: Planning) -> tuple[str, int]:
    async with planning.db.read() as s:
        year = (
            await s.scalars(sa.select(AppraisalYear).where(AppraisalYear.year == planning.year))
        ).one()
        return year.plan_deadline.isoformat(), year.version


async def test_set_plan_deadline(client: httpx.AsyncClient, planning: Planning) -> None:
    y = planning.year
    before = await _deadline(planning)
    for user in ("staf", "manager", "auditor", "sysadmin"):
        body = await call(client, user, DEADLINE, {"y": y, "d": f"{y}-02-28"})
        assert error_codes(body, "setPlanDeadline") == ["FORBIDDEN"], user
    for bad in (f"{y + 1}-01-01", f"{y - 2}-12-31"):
        body = await call(client, "hradmin", DEADLINE, {"y": y, "d": bad})
        errors = payload(body, "setPlanDeadline")["errors"]
        assert [(e["code"], e["field"]) for e in errors] == [("INVALID_INPUT", "planDeadline")]
    body = await call(client, "hradmin", DEADLINE, {"y": 2090, "d": "2090-01-31"})
    assert error_codes(body, "setPlanDeadline") == ["NOT_FOUND"]
    body = await call(client, "hradmin", DEADLINE, {"y": y, "d": f"{y}-02-28", "v": 99})
    assert error_codes(body, "setPlanDeadline") == ["CONFLICT"]
    body = await call(client, "hradmin", DEADLINE, {"y": y, "d": "31-02-2026"})
    assert body.get("errors")  # not a date: refused before any service runs
    assert await _deadline(planning) == before  # nothing changed so far
    assert await _actions(planning, "appraisal_year") == ["appraisal_year.open"]

    body = await call(client, "hradmin", DEADLINE, {"y": y, "d": f"{y}-02-28", "v": before[1]})
    result = payload(body, "setPlanDeadline")["result"]
    assert result["planDeadline"] == f"{y}-02-28"
    assert result["version"] > before[1]
    assert await _actions(planning, "appraisal_year") == [
        "appraisal_year.open",
        "appraisal_year.set_plan_deadline",
    ]

    body = await call(
        client,
        "hradmin",
        "mutation($y:Int!){ closeAppraisalYear(year:$y){ errors { code } } }",
        {"y": y},
    )
    assert error_codes(body, "closeAppraisalYear") == []
    body = await call(client, "hradmin", DEADLINE, {"y": y, "d": f"{y}-03-31"})
    assert error_codes(body, "setPlanDeadline") == ["INVALID_STATE"]


async def test_reopen_period_evaluation(client: httpx.AsyncClient, planning: Planning) -> None:
    async with planning.db.read() as s:
        period_id = (
            await s.scalars(sa.select(AppraisalPeriod.id).order_by(AppraisalPeriod.id))
        ).first()
    assert period_id is not None
    p = str(period_id)
    body = await call(client, "hradmin", REOPEN, {"p": p, "r": "Salah tutup"})
    assert error_codes(body, "reopenPeriodEvaluation") == ["INVALID_STATE"]  # not closed
    body = await call(client, "hradmin", CLOSE_PERIOD, {"p": p})
    assert payload(body, "closePeriodEvaluation")["result"]["evaluatedAt"]
    for user in ("staf", "manager", "auditor", "sysadmin"):
        body = await call(client, user, REOPEN, {"p": p, "r": "Salah tutup"})
        assert error_codes(body, "reopenPeriodEvaluation") == ["FORBIDDEN"], user
    for reason in ("", "   ", "x" * 501, "jahat\u202e", "a\x00b"):
        body = await call(client, "hradmin", REOPEN, {"p": p, "r": reason})
        errors = payload(body, "reopenPeriodEvaluation")["errors"]
        assert [(e["code"], e["field"]) for e in errors] == [("INVALID_INPUT", "reason")], reason
    for bad in ("999999", "-1", "abc"):
        body = await call(client, "hradmin", REOPEN, {"p": bad, "r": "Salah tutup"})
        assert error_codes(body, "reopenPeriodEvaluation") in (["NOT_FOUND"], ["INVALID_INPUT"])
    assert await _actions(planning, "appraisal_period") == ["period.close_evaluation"]

    body = await call(client, "hradmin", REOPEN, {"p": p, "r": "Ditutup sebelum waktunya"})
    result = payload(body, "reopenPeriodEvaluation")["result"]
    assert result == {"id": p, "evaluatedAt": None}
    assert await _actions(planning, "appraisal_period") == [
        "period.close_evaluation",
        "period.reopen_evaluation",
    ]
    async with planning.db.read() as s:
        event = (
            await s.scalars(
                sa.select(AuditEvent).where(AuditEvent.action == "period.reopen_evaluation")
            )
        ).one()
    assert "Ditutup sebelum waktunya" in str(event.after)


async def test_distribution_patterns(client: httpx.AsyncClient, planning: Planning) -> None:
    body = await call(client, "manager", PATTERNS)
    patterns = {p["orgPredicate"]: p for p in body["data"]["distributionPatterns"]}
    assert set(patterns) == {"ISTIMEWA", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG"}
    assert patterns["ISTIMEWA"]["largest"] == "SANGAT_BAIK"
    assert patterns["ISTIMEWA"]["rules"] == ["Sangat Baik ≤ 70 %"]
    assert patterns["SANGAT_KURANG"]["largest"] is None
    assert "tidak ada Sangat Baik" in patterns["SANGAT_KURANG"]["rules"]
    # A day before the first policy took effect is a clear input error, not a crash.
    body = await call(client, "manager", '{ distributionPatterns(on: "2019-01-01") { source } }')
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    assert "Belum ada pola sebaran" in body["errors"][0]["message"]


async def test_release_list_and_preview(client: httpx.AsyncClient, planning: Planning) -> None:
    for user in ("staf", "manager", "sysadmin"):
        body = await call(client, user, RELEASES)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", user
    for user in ("staf", "manager", "auditor", "sysadmin"):
        body = await call(client, user, PREVIEW, {"p": f"{planning.year}-M01"})
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", user
    for bad in ("", "kemarin", "2026-M13", "x" * 41, "<script>"):
        body = await call(client, "hradmin", PREVIEW, {"p": bad})
        assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT", bad
    body = await call(client, "hradmin", PREVIEW, {"p": "2099"})
    assert body["errors"][0]["extensions"]["code"] == "PERIOD_NOT_STARTED"

    body = await call(client, "hradmin", PREVIEW, {"p": f"{planning.year}-M01"})
    preview = body["data"]["releasePreview"]
    assert preview["periodCode"] == f"{planning.year}-M01"
    assert preview["units"] >= 1
    assert preview["currentReleaseNumber"] is None
    assert preview["cellsWithheld"] == sum(t["cellsWithheld"] for t in preview["tables"])
    assert preview["cellsWithheld"] > 0  # the small organisation is below the thresholds
    async with planning.db.read() as s:
        assert await s.scalar(sa.select(sa.func.count(Release.id))) == 0  # nothing written

    publish = """mutation($p:String!){ publishRelease(input:{period:$p, provisional:true}){
      result { number } errors { code } } }"""
    body = await call(client, "hradmin", publish, {"p": f"{planning.year}-M01"})
    number = payload(body, "publishRelease")["result"]["number"]
    body = await call(client, "auditor", RELEASES)
    assert body["data"]["dataReleases"] == [
        {
            "number": number,
            "periodCode": f"{planning.year}-M01",
            "provisional": True,
            "cellsWithheld": preview["cellsWithheld"],
        }
    ]
    body = await call(client, "hradmin", PREVIEW, {"p": f"{planning.year}-M01"})
    assert body["data"]["releasePreview"]["currentReleaseNumber"] == number


async def test_report_definitions_name_every_download(
    client: httpx.AsyncClient, planning: Planning
) -> None:
    from server.services.reports import REPORTS

    body = await call(client, "hradmin", "{ reportDefinitions { name title columns formats } }")
    listed = body["data"]["reportDefinitions"]
    assert [r["name"] for r in listed] == list(REPORTS)
    assert all(r["formats"] == ["csv", "xlsx"] for r in listed)
    completion = next(r for r in listed if r["name"] == "completion")
    assert completion["columns"][:3] == ["year", "period_number", "unit_code"]
    for r in listed:  # each one is really served
        response = await client.get(f"/api/reports/{r['name']}.csv", params={"year": planning.year})
        assert response.status_code == 200, r["name"]
        assert response.text.lstrip("\ufeff").split("\r\n")[0] == ",".join(r["columns"])
