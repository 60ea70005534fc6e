"""Publishing: who may, numbering, supersede rule, audit, period codes."""

from __future__ import annotations

from datetime import date

import httpx
import pytest
import sqlalchemy as sa

from server.db.engine import Database
from server.db.models import AuditEvent, Release
from server.services.releases.periods import PeriodError, parse_period
from tests.conftest import SmallOrg, gql, login

PUBLISH = """mutation($p: String!, $s: Boolean! = false) {
  publishRelease(input: {period: $p, supersede: $s}) {
    result { number periodCode supersedesNumber units }
    errors { code field message }
  }
}"""


async def test_hr_admin_publishes_and_corrections_get_new_numbers(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    assert (await login(client, "hradmin")).status_code == 200
    first = (await gql(client, PUBLISH, {"p": "2026-s1"}))["data"]["publishRelease"]
    assert first == {
        "result": {"number": 1, "periodCode": "2026-S1", "supersedesNumber": None, "units": 4},
        "errors": [],
    }
    again = (await gql(client, PUBLISH, {"p": "2026-S1"}))["data"]["publishRelease"]
    assert again["result"] is None
    assert again["errors"][0]["code"] == "DUPLICATE"
    assert (
        "--supersede" in again["errors"][0]["message"]
        or "pengganti" in again["errors"][0]["message"]
    )
    second = (await gql(client, PUBLISH, {"p": "2026-S1", "s": True}))["data"]["publishRelease"]
    assert second["result"]["number"] == 2
    assert second["result"]["supersedesNumber"] == 1
    bad = (await gql(client, PUBLISH, {"p": "2026-S3"}))["data"]["publishRelease"]
    assert bad["errors"][0]["code"] == "INVALID_INPUT"
    assert bad["errors"][0]["field"] == "period"
    async with db.read() as s:
        releases = (
            await s.execute(
                sa.select(Release.number, Release.published_by).order_by(Release.number)
            )
        ).all()
        events = list(
            await s.scalars(
                sa.select(AuditEvent.action).where(AuditEvent.action == "release.publish")
            )
        )
    assert releases == [(1, "hradmin"), (2, "hradmin")]
    assert len(events) == 2
    # Who published stays internal: the public API has no field for it.
    body = await client.post("/public/graphql", json={"query": "{ releases { number } }"})
    assert "hradmin" not in body.text


@pytest.mark.parametrize("user", ["staf", "manager", "auditor"])
async def test_others_cannot_publish(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg, user: str
) -> None:
    assert (await login(client, user)).status_code == 200
    payload = (await gql(client, PUBLISH, {"p": "2026"}))["data"]["publishRelease"]
    assert payload["result"] is None
    assert payload["errors"][0]["code"] == "FORBIDDEN"
    async with db.read() as s:
        assert (await s.execute(sa.select(sa.func.count()).select_from(Release))).scalar_one() == 0


@pytest.mark.parametrize(
    ("text", "code", "start", "end"),
    [
        ("2026", "2026", date(2026, 1, 1), date(2026, 12, 31)),
        ("2026-S2", "2026-S2", date(2026, 7, 1), date(2026, 12, 31)),
        ("2024-q1", "2024-Q1", date(2024, 1, 1), date(2024, 3, 31)),
        ("2024-M2", "2024-M02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2026-02-01..2026-04-15", "2026-02-01..2026-04-15", date(2026, 2, 1), date(2026, 4, 15)),
    ],
)
def test_period_codes(text: str, code: str, start: date, end: date) -> None:
    period = parse_period(text)
    assert (period.code, period.start, period.end) == (code, start, end)


@pytest.mark.parametrize(
    "text",
    [
        "2026-S3",
        "2026-Q5",
        "2026-M13",
        "26-S1",
        "2026-04-01..2026-01-01",
        "2025-12-01..2026-01-31",
        "",
    ],
)
def test_bad_period_codes(text: str) -> None:
    with pytest.raises(PeriodError):
        parse_period(text)


async def test_realisations_on_time_share(db: Database, client: httpx.AsyncClient) -> None:
    from datetime import UTC, datetime

    from server.config import Settings
    from server.db.models import (
        AppraisalPeriod,
        AppraisalYear,
        Indicator,
        PerformancePlan,
        Realization,
        WorkResult,
    )
    from server.domain.enums import IndicatorAspect, RealizationStatus, WorkResultKind
    from tests.api.releases.conftest import TREE, all_units, build_org, publish, set_plans

    org = await build_org(db, TREE)
    people = org.employees["BADAN"][:12] + org.employees["KECIL"][:3]
    await set_plans(db, people)
    async with db.write() as s:
        year_id = (await s.scalars(sa.select(AppraisalYear.id))).one()
        period = AppraisalPeriod(year_id=year_id, number=3, start_date=date(2026, 3, 1),
                                 end_date=date(2026, 3, 31), realization_due=date(2026, 4, 5))  # fmt: skip
        s.add(period)
        plans = {p.employee_id: p.id for p in await s.scalars(sa.select(PerformancePlan))}
        await s.flush()
        for i, employee in enumerate(people):
            wr = WorkResult(plan_id=plans[employee], kind=WorkResultKind.UTAMA, text="RHK")
            s.add(wr)
            await s.flush()
            ind = Indicator(work_result_id=wr.id, aspect=IndicatorAspect.KUANTITAS, text="IKI")
            s.add(ind)
            await s.flush()
            # 23:00 WIB on the due day is on time; the next morning is late.
            late = i in (0, 1, 2)
            confirmed = (
                datetime(2026, 4, 6, 1, tzinfo=UTC)
                if late
                else datetime(2026, 4, 5, 16, tzinfo=UTC)
            )
            s.add(Realization(indicator_id=ind.id, period_id=period.id, description="ok",
                              status=RealizationStatus.DIKONFIRMASI, confirmed_at=confirmed))  # fmt: skip
    settings = Settings(database_url=db.url)
    await publish(db, settings)
    units = {u["code"]: u for u in await all_units(client)}
    body = await client.post(
        "/public/graphql",
        json={
            "query": '{ latestRelease { unit(code: "BADAN") { realizationOnTimePct } k: unit(code: "KECIL") { realizationOnTimePct realizationOnTimePctStatus } } }'
        },
    )
    data = body.json()["data"]["latestRelease"]
    assert data["unit"]["realizationOnTimePct"] == 75.0  # 9 of 12
    assert data["k"] == {
        "realizationOnTimePct": None,
        "realizationOnTimePctStatus": "BELOW_THRESHOLD",
    }
    assert units["BADAN"]["skpCoveragePct"] == 48.0  # 12 of 25
