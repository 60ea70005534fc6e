"""IKM through the database: worked examples by hand, band edges, sample size, trend, roll-ups."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from fractions import Fraction

import pytest

from server.db.engine import Database
from server.domain.ikm import Band, Unsur
from server.services.actor import system_actor
from server.services.survey import ikm, services
from tests.api.survey.conftest import SurveyOrg, store_responses
from tests.conftest import count_statements

# Four full answers and one without U4 (worked by hand below).
WORKED: list[list[int | None]] = [
    [4, 3, 3, 4, 3, 3, 4, 2, 3],
    [3, 3, 2, 4, 3, 4, 4, 3, 3],
    [4, 4, 3, 4, 4, 3, 3, 3, 4],
    [3, 2, 3, 4, 3, 3, 4, 3, 2],
    [4, 4, 4, None, 4, 4, 4, 4, 4],
]
MARCH = ikm.month_period(2026, 3)


async def test_worked_example_matches_hand_computation(db: Database, survey_org: SurveyOrg) -> None:
    sid = survey_org.ids["svc:KTP"]
    await store_responses(db, sid, WORKED[:4])
    # NRR: U1 14/4, U2 12/4, U3 11/4, U4 16/4, U5 13/4, U6 13/4, U7 15/4, U8 11/4, U9 12/4;
    # Σ = 29.25; IKM = 29.25 / 9 = 3.25; converted 81.25 → B (Baik).
    s = (await ikm.ikm_by_service(db, MARCH.start, MARCH.end))[sid]
    assert s.responses == 4
    assert s.nrr[Unsur.U1] == Fraction(7, 2)
    assert s.nrr[Unsur.U3] == Fraction(11, 4)
    assert s.ikm == Fraction(13, 4)
    assert s.converted == Decimal("81.25")
    assert s.band is Band.B

    await store_responses(db, sid, WORKED[4:])
    # The fifth answer skips U4: U4 stays 16/4 = 4 over its four valid answers, the others are
    # over five: 18/5, 16/5, 15/5, 4, 17/5, 17/5, 19/5, 15/5, 16/5 → Σ 30.6; IKM 3.4; 85.00.
    s = (await ikm.ikm_by_service(db, MARCH.start, MARCH.end))[sid]
    assert s.responses == 5
    assert s.nrr[Unsur.U4] == 4
    assert [u.answers for u in s.unsur] == [5, 5, 5, 4, 5, 5, 5, 5, 5]
    assert s.ikm == Fraction(17, 5)
    assert s.converted == Decimal("85.00")
    assert s.band is Band.B


def _rows_with_total(n: int, total: int) -> list[list[int]]:
    """n full answers whose 9n scores add up to ``total``."""
    scores = [1] * (9 * n)
    extra = total - 9 * n
    for i in range(len(scores)):
        step = min(3, extra)
        scores[i] += step
        extra -= step
    assert extra == 0
    return [scores[i * 9 : (i + 1) * 9] for i in range(n)]


@pytest.mark.parametrize(
    ("n", "total", "converted", "band"),
    [
        # converted = 25 × total / (9 n), rounded half-up to two places, then banded.
        (38, 889, "64.99", Band.D),  # 64.9854 → 64.99
        (5, 117, "65.00", Band.C),  # exactly 65
        (26, 717, "76.60", Band.C),  # 76.6026 → 76.60
        (19, 524, "76.61", Band.B),  # 76.6082 → 76.61
        (19, 604, "88.30", Band.B),  # 88.3041 → 88.30
        (24, 763, "88.31", Band.A),  # 88.3102 → 88.31
    ],
)
async def test_band_edges_through_the_database(
    db: Database, survey_org: SurveyOrg, n: int, total: int, converted: str, band: Band
) -> None:
    sid = survey_org.ids["svc:AKTA"]
    await store_responses(db, sid, _rows_with_total(n, total))
    s = (await ikm.ikm_by_service(db, MARCH.start, MARCH.end))[sid]
    assert s.responses == n
    assert s.ikm == Fraction(total, 9 * n)
    assert s.converted == Decimal(converted)
    assert s.band is band


async def test_required_sample_from_entered_user_counts(
    db: Database, survey_org: SurveyOrg
) -> None:
    sid = survey_org.ids["svc:KTP"]
    actor = system_actor("test")
    await store_responses(db, sid, WORKED)
    q1 = ikm.quarter_period(2026, 1)
    s = (await ikm.ikm_by_service(db, q1.start, q1.end))[sid]
    assert s.population is None
    assert s.required_sample is None
    assert s.sample_sufficient is None
    assert s.converted == Decimal("85.00")  # the result is there without N

    await services.set_user_count(db, actor, sid, 2026, 1, 60)
    await services.set_user_count(db, actor, sid, 2026, 3, 40)
    await services.set_user_count(db, actor, sid, 2026, 4, 5_000)  # outside the quarter
    s = (await ikm.ikm_by_service(db, q1.start, q1.end))[sid]
    assert s.population == 100
    assert s.required_sample == 80  # Krejcie–Morgan, N 100 → 80
    assert s.sample_sufficient is False
    assert s.converted == Decimal("85.00")  # never hidden when short

    await services.set_user_count(db, actor, sid, 2026, 1, 0)
    await services.set_user_count(db, actor, sid, 2026, 3, 5)
    s = (await ikm.ikm_by_service(db, q1.start, q1.end))[sid]
    assert (s.population, s.required_sample, s.sample_sufficient) == (5, 5, True)


async def test_periods_use_local_dates_and_the_trend_is_monthly(
    db: Database, survey_org: SurveyOrg
) -> None:
    sid = survey_org.ids["svc:KTP"]
    # 31 Jan 18:00 UTC is 1 Feb 01:00 in Salatiga (WIB): a February answer; 31 Mar 17:00 UTC
    # is 1 Apr 00:00 WIB.
    await store_responses(db, sid, [WORKED[0]], at=datetime(2026, 1, 31, 18, 0, tzinfo=UTC))
    await store_responses(db, sid, [WORKED[1]], at=datetime(2026, 1, 31, 16, 59, tzinfo=UTC))
    await store_responses(db, sid, WORKED[2:4], at=datetime(2026, 3, 31, 17, 0, tzinfo=UTC))
    jan = (await ikm.ikm_by_service(db, date(2026, 1, 1), date(2026, 1, 31)))[sid]
    feb = (await ikm.ikm_by_service(db, date(2026, 2, 1), date(2026, 2, 28)))[sid]
    assert (jan.responses, feb.responses) == (1, 1)

    s1 = ikm.semester_period(2026, 1)
    report = await ikm.ikm_report(db, system_actor("test"), s1, service_id=sid)
    assert report.responses == 4
    assert [(t.month, t.responses) for t in report.trend] == [
        (1, 1),
        (2, 1),
        (3, 0),
        (4, 2),
        (5, 0),
        (6, 0),
    ]
    april = report.trend[3]
    # April: score sums 7, 6, 6, 8, 7, 6, 7, 6, 6 over two answers → Σ NRR 29.5; 25 × 29.5 / 9.
    assert april.ikm == Fraction(59, 18)
    assert april.converted == Decimal("81.94")
    assert april.band is Band.B
    assert report.trend[2].ikm is None
    assert report.trend[2].band is None


async def test_units_pool_their_subtree_and_the_instansi_pools_everything(
    db: Database, survey_org: SurveyOrg
) -> None:
    ids = survey_org.ids
    await store_responses(db, ids["svc:KTP"], WORKED[:2])  # DINAS
    await store_responses(db, ids["svc:AKTA"], WORKED[2:4])  # BIDANG, under DINAS
    await store_responses(db, ids["svc:IZIN"], [WORKED[4]])  # DINAS2
    by_unit = await ikm.ikm_by_unit(db, MARCH.start, MARCH.end)
    assert by_unit[ids["DINAS"]].responses == 4
    assert by_unit[ids["DINAS"]].ikm == Fraction(13, 4)  # the four worked answers pooled
    assert by_unit[ids["BIDANG"]].responses == 2
    assert by_unit[ids["DINAS2"]].responses == 1
    assert by_unit[ids["PEMKOT"]].responses == 5
    own = await ikm.ikm_by_unit(db, MARCH.start, MARCH.end, include_subtree=False)
    assert own[ids["DINAS"]].responses == 2
    assert ids["PEMKOT"] not in own
    city = await ikm.ikm_instansi(db, MARCH.start, MARCH.end)
    assert city.responses == 5
    assert city.ikm == Fraction(17, 5)


async def test_statement_count_does_not_grow_with_answers(
    db: Database, survey_org: SurveyOrg
) -> None:
    ids = survey_org.ids
    await store_responses(db, ids["svc:KTP"], WORKED[:2])
    year = ikm.year_period(2026)
    # Warm: the unit tree is then kept in memory until the organisation changes.
    await ikm.ikm_by_unit(db, year.start, year.end, with_trend=True)
    with count_statements(db) as few:
        await ikm.ikm_by_unit(db, year.start, year.end, with_trend=True)
    await store_responses(db, ids["svc:KTP"], WORKED * 40)
    await store_responses(db, ids["svc:IZIN"], WORKED * 40, at=datetime(2026, 7, 1, tzinfo=UTC))
    with count_statements(db) as many:
        result = await ikm.ikm_by_unit(db, year.start, year.end, with_trend=True)
    assert result[ids["PEMKOT"]].responses == 2 + 400
    assert len(many) == len(few) <= 4


def test_period_helpers() -> None:
    assert ikm.quarter_period(2026, 4) == ikm.Period(date(2026, 10, 1), date(2026, 12, 31))
    assert ikm.semester_period(2026, 2) == ikm.Period(date(2026, 7, 1), date(2026, 12, 31))
    assert ikm.month_period(2024, 2).end == date(2024, 2, 29)
    assert ikm.year_period(2026).months()[-1] == (2026, 12)
    assert len(ikm.Period(date(2025, 11, 15), date(2026, 2, 3)).months()) == 4
