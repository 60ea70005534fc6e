"""Publishing: who may, numbering, supersede rule, audit, period codes."""

from __future__ import annotations

from datetime import UTC, date, datetime

import httpx
import pytest
import sqlalchemy as sa

from server.clock import FrozenTime
from server.db.engine import Database
from server.db.models import AppraisalYear, AuditEvent, Release
from server.domain.enums import Cadence, YearStatus
from server.services.releases.periods import PeriodError, parse_period
from tests.conftest import SmallOrg, gql, login

PUBLISH = """mutation($p: String!, $s: Boolean! = false) {
  publishRelease(input: {period: $p, supersede: $s}) {
    result { number periodCode supersedesNumber units }
    errors { code field message }
  }
}"""
PUBLISH_PROVISIONAL = """mutation($p: String!, $v: Boolean!) {
  publishRelease(input: {period: $p, provisional: $v}) {
    result { number periodCode provisional }
    errors { code field message }
  }
}"""


async def open_year(db: Database, year: int, status: YearStatus = YearStatus.DIBUKA) -> None:
    async with db.write() as s:
        s.add(AppraisalYear(year=year, cadence=Cadence.BULANAN, plan_deadline=date(year, 1, 31),
                            realization_due_days=5, status=status))  # fmt: skip


async def release_count(db: Database) -> int:
    async with db.read() as s:
        return (await s.execute(sa.select(sa.func.count()).select_from(Release))).scalar_one()


async def test_hr_admin_publishes_and_corrections_get_new_numbers(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg, frozen_clock: FrozenTime
) -> None:
    frozen_clock.move_to(datetime(2026, 8, 1, 3, tzinfo=UTC))
    await open_year(db, 2026)
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
        "realizationOnTimePctStatus": "WITHHELD",
    }
    assert units["BADAN"]["skpCoveragePct"] == 48.0  # 12 of 25


@pytest.mark.parametrize("provisional", [False, True])
async def test_a_period_still_ahead_is_refused_even_provisional(
    client: httpx.AsyncClient,
    db: Database,
    small_org: SmallOrg,
    frozen_clock: FrozenTime,
    provisional: bool,
) -> None:
    """Issue 8: ``publishRelease`` accepted 2028 and made it the latest release."""
    frozen_clock.move_to(datetime(2026, 12, 3, 3, tzinfo=UTC))
    await open_year(db, 2026)
    assert (await login(client, "hradmin")).status_code == 200
    for period in ("2028", "2027-S1", "2027-M01"):
        payload = (await gql(client, PUBLISH_PROVISIONAL, {"p": period, "v": provisional}))["data"][
            "publishRelease"
        ]
        assert payload["result"] is None
        assert payload["errors"][0]["code"] == "PERIOD_NOT_STARTED"
        assert payload["errors"][0]["field"] == "period"
    assert await release_count(db) == 0
    latest = await client.post("/public/graphql", json={"query": "{ latestRelease { number } }"})
    assert latest.json()["data"]["latestRelease"] is None


async def test_a_running_period_is_published_only_as_provisional(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg, frozen_clock: FrozenTime
) -> None:
    # 30 June 2026 23:30 WIB: the semester's last day is not over yet.
    frozen_clock.move_to(datetime(2026, 6, 30, 16, 30, tzinfo=UTC))
    await open_year(db, 2026)
    assert (await login(client, "hradmin")).status_code == 200
    refused = (await gql(client, PUBLISH_PROVISIONAL, {"p": "2026-S1", "v": False}))["data"][
        "publishRelease"
    ]
    assert refused["result"] is None
    assert refused["errors"][0]["code"] == "PERIOD_NOT_ENDED"
    assert "sementara" in refused["errors"][0]["message"]
    assert await release_count(db) == 0
    done = (await gql(client, PUBLISH_PROVISIONAL, {"p": "2026-S1", "v": True}))["data"][
        "publishRelease"
    ]
    assert done == {
        "result": {"number": 1, "periodCode": "2026-S1", "provisional": True},
        "errors": [],
    }
    body = await client.post(
        "/public/graphql", json={"query": "{ latestRelease { number provisional } }"}
    )
    assert body.json()["data"]["latestRelease"] == {"number": 1, "provisional": True}
    package = (await client.get("/public/data/1/datapackage.json")).json()
    assert package["provisional"] is True
    # 1 July 00:30 WIB (still 30 June in UTC): the semester has ended in Salatiga.
    frozen_clock.move_to(datetime(2026, 6, 30, 17, 30, tzinfo=UTC))
    final = (await gql(client, PUBLISH, {"p": "2026-S1", "s": True}))["data"]["publishRelease"]
    assert final["errors"] == []
    body = await client.post(
        "/public/graphql", json={"query": "{ release(number: 2) { provisional } }"}
    )
    assert body.json()["data"]["release"] == {"provisional": False}


async def test_a_year_never_opened_is_published_only_as_provisional(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg, frozen_clock: FrozenTime
) -> None:
    frozen_clock.move_to(datetime(2027, 2, 1, 3, tzinfo=UTC))
    assert (await login(client, "hradmin")).status_code == 200
    refused = (await gql(client, PUBLISH_PROVISIONAL, {"p": "2025", "v": False}))["data"][
        "publishRelease"
    ]
    assert refused["errors"][0]["code"] == "INVALID_STATE"
    assert "2025" in refused["errors"][0]["message"]
    assert await release_count(db) == 0
    await open_year(db, 2026, YearStatus.DITUTUP)  # closed after it was open: still opened
    final = (await gql(client, PUBLISH_PROVISIONAL, {"p": "2026", "v": False}))["data"][
        "publishRelease"
    ]
    assert final["result"] == {"number": 1, "periodCode": "2026", "provisional": False}


def test_the_period_rule_in_one_place() -> None:
    from server.domain.periods import ReleaseRefusal, release_refusal

    start, end = date(2026, 1, 1), date(2026, 6, 30)

    def rule(today: date, opened: bool = True, provisional: bool = False) -> object:
        return release_refusal(
            today=today, start=start, end=end, year_opened=opened, provisional=provisional
        )

    assert rule(date(2025, 12, 31), provisional=True) is ReleaseRefusal.NOT_STARTED
    assert rule(date(2026, 1, 1)) is ReleaseRefusal.NOT_ENDED
    assert rule(date(2026, 6, 30)) is ReleaseRefusal.NOT_ENDED
    assert rule(date(2026, 7, 1)) is None
    assert rule(date(2026, 7, 1), opened=False) is ReleaseRefusal.NO_APPRAISAL_YEAR
    assert rule(date(2026, 1, 1), opened=False, provisional=True) is None
