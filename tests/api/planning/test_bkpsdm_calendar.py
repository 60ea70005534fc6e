"""BKPSDM's calendar corrections (setPlanDeadline, reopenPeriodEvaluation), the allowed
distribution patterns, and the release list and preview the staff screens read."""

from __future__ import annotations

import httpx
import sqlalchemy as sa

from server.db.models import AppraisalPeriod, AppraisalYear, AuditEvent, Release
from tests.api.planning.conftest import Planning, call, error_codes, payload
from tests.conftest import audit_actions

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

CLOSE_YEAR = "mutation($y:Int!){ closeAppraisalYear(year:$y){ errors { code } } }"


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
    assert await audit_actions(planning.db, object_type="appraisal_year") == ["appraisal_year.open"]

    body = await call(client, "hradmin", DEADLINE, {"y": y, "d": f"{y}-02-28", "v": before[1]})
    result = payload(body, "setPlanDeadline")["result"]
    assert result["planDeadline"] == f"{y}-02-28"
    assert result["version"] > before[1]
    assert await audit_actions(planning.db, object_type="appraisal_year") == [
        "appraisal_year.open",
        "appraisal_year.set_plan_deadline",
    ]

    await planning.close_periods()
    body = await call(client, "hradmin", CLOSE_YEAR, {"y": y})
    assert error_codes(body, "closeAppraisalYear") == []
    body = await call(client, "hradmin", DEADLINE, {"y": y, "d": f"{y}-03-31"})
    assert error_codes(body, "setPlanDeadline") == ["INVALID_STATE"]


DUE = """mutation($p:ID!,$d:Date!,$v:Int){ setRealizationDue(periodId:$p, realizationDue:$d,
  expectedVersion:$v){ result { version periods { id realizationDue } } errors { code field message } } }"""


async def _dues(planning: Planning) -> list[tuple[int, str]]:
    async with planning.db.read() as s:
        rows = await s.execute(
            sa.select(AppraisalPeriod.number, AppraisalPeriod.realization_due).order_by(
                AppraisalPeriod.number
            )
        )
        return [(n, d.isoformat()) for n, d in rows]


async def test_set_realization_due(client: httpx.AsyncClient, planning: Planning) -> None:
    y = planning.year
    ids = await planning.period_ids()
    march = str(ids[2])  # Bulan 3: 1-31 March, due 10 April
    dues, (_, version) = await _dues(planning), await _deadline(planning)
    assert dues[2] == (3, f"{y}-04-10")
    for user in ("staf", "manager", "auditor", "sysadmin", "kadis", "kabid"):
        body = await call(client, user, DUE, {"p": march, "d": f"{y}-04-20"})
        assert error_codes(body, "setRealizationDue") == ["FORBIDDEN"], user
    for bad in (f"{y}-03-30", f"{y}-01-01", f"{y + 2}-01-01", "2000-01-01", "9999-12-31"):
        body = await call(client, "hradmin", DUE, {"p": march, "d": bad})
        errors = payload(body, "setRealizationDue")["errors"]
        assert [(e["code"], e["field"]) for e in errors] == [("INVALID_INPUT", "realizationDue")]
        assert f"{y}-03-31" in errors[0]["message"], bad
    for missing in ("999999", "2147483647"):
        body = await call(client, "hradmin", DUE, {"p": missing, "d": f"{y}-04-20"})
        assert error_codes(body, "setRealizationDue") == ["NOT_FOUND"], missing
    for garbage in ("abc", "-1", "1" * 40, "1; DROP TABLE appraisal_period"):
        body = await call(client, "hradmin", DUE, {"p": garbage, "d": f"{y}-04-20"})
        assert error_codes(body, "setRealizationDue") in (["INVALID_INPUT"], ["NOT_FOUND"])
    body = await call(client, "hradmin", DUE, {"p": march, "d": f"{y}-04-20", "v": version + 5})
    assert error_codes(body, "setRealizationDue") == ["CONFLICT"]
    for not_a_date in ("20-04-2026", "2026-02-30", "", "x" * 5000):
        body = await call(client, "hradmin", DUE, {"p": march, "d": not_a_date})
        assert body.get("errors")  # refused by GraphQL before any service runs
    assert await _dues(planning) == dues  # nothing changed so far
    assert await audit_actions(planning.db, object_type="appraisal_period") == []

    # The period end itself and the end of the next year are the bounds, both allowed.
    body = await call(client, "hradmin", DUE, {"p": march, "d": f"{y}-03-31", "v": version})
    result = payload(body, "setRealizationDue")["result"]
    assert result["version"] == version + 1  # the year's calendar changed
    assert {"id": march, "realizationDue": f"{y}-03-31"} in result["periods"]
    body = await call(client, "hradmin", DUE, {"p": march, "d": f"{y + 1}-12-31"})
    assert payload(body, "setRealizationDue")["errors"] == []
    body = await call(client, "hradmin", DUE, {"p": march, "d": f"{y}-04-20", "v": version + 2})
    assert payload(body, "setRealizationDue")["result"]["version"] == version + 3
    # The same date again: nothing to record.
    body = await call(client, "hradmin", DUE, {"p": march, "d": f"{y}-04-20"})
    assert payload(body, "setRealizationDue")["result"]["version"] == version + 3
    expected = [(n, d) if n != 3 else (3, f"{y}-04-20") for n, d in dues]
    assert await _dues(planning) == expected  # only Bulan 3 moved
    assert (
        await audit_actions(planning.db, object_type="appraisal_period")
        == ["period.set_realization_due"] * 3
    )
    async with planning.db.read() as s:
        event = (
            await s.scalars(
                sa.select(AuditEvent)
                .where(AuditEvent.action == "period.set_realization_due")
                .order_by(AuditEvent.seq.desc())
            )
        ).first()
    assert event is not None
    assert event.object_id == march
    assert event.before == {"realization_due": f"{y + 1}-12-31"}
    assert event.after == {"realization_due": f"{y}-04-20", "year_version": version + 3}

    # A period whose evaluation is closed, then a closed year: refused, nothing changed.
    body = await call(client, "hradmin", CLOSE_PERIOD, {"p": march})
    assert payload(body, "closePeriodEvaluation")["errors"] == []
    body = await call(client, "hradmin", DUE, {"p": march, "d": f"{y}-04-25"})
    assert error_codes(body, "setRealizationDue") == ["INVALID_STATE"]
    async with planning.db.write() as s:
        await s.execute(
            sa.update(AppraisalPeriod)
            .where(AppraisalPeriod.evaluated_at.is_(None))
            .values(evaluated_at=sa.func.now())
        )
    body = await call(client, "hradmin", CLOSE_YEAR, {"y": y})
    assert error_codes(body, "closeAppraisalYear") == []
    body = await call(client, "hradmin", DUE, {"p": str(ids[0]), "d": f"{y}-02-20"})
    errors = payload(body, "setRealizationDue")["errors"]
    assert [(e["code"], e["field"]) for e in errors] == [("INVALID_STATE", "realizationDue")]
    assert await _dues(planning) == expected


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
    assert await audit_actions(planning.db, object_type="appraisal_period") == [
        "period.close_evaluation"
    ]

    body = await call(client, "hradmin", REOPEN, {"p": p, "r": "Ditutup sebelum waktunya"})
    result = payload(body, "reopenPeriodEvaluation")["result"]
    assert result == {"id": p, "evaluatedAt": None}
    assert await audit_actions(planning.db, object_type="appraisal_period") == [
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
