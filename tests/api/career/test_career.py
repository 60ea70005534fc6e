"""Career read-outs: recognition, talent pool, promotion eligibility and angka kredit, with who
may see them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
import sqlalchemy as sa

from server.db.models import Position
from server.domain.enums import FunctionalLevel, PositionKind, Predicate
from server.services import career
from server.services.errors import ServiceError
from tests.conftest import ClientFactory, gql, query_code
from tests.rated_world import Cal

P = Predicate
RECOGNITION = "query($p: ID) { recognitionRecommendations(periodId: $p) { employee { name } } }"
TALENT = "query { talentPoolCandidates(year: 2026) { employee { name } evaluationIds } }"
PROMOTION = """query($e: ID!) { promotionEligibility(employeeId: $e, year: 2026) {
  previousPredicate currentPredicate eligible talentPriority } }"""


async def test_recognition_talent_pool_and_promotion(cal: Cal, client_for: ClientFactory) -> None:
    await cal.evaluate("staf", P.SANGAT_BAIK)
    await cal.evaluate("staf2", P.BAIK)
    for key, p2025, p2026 in (
        ("staf", P.SANGAT_BAIK, P.SANGAT_BAIK),
        ("staf2", P.BAIK, P.SANGAT_BAIK),
        ("kabid", P.BUTUH_PERBAIKAN, P.BAIK),
    ):
        await cal.evaluate(key, p2025, semester=None, year=2025)
        await cal.evaluate(key, p2026, semester=None, year=2026)
    hr = await client_for("hradmin")
    body = await gql(hr, RECOGNITION, {"p": str(cal.periods[0])})
    assert body["data"]["recognitionRecommendations"] == [{"employee": {"name": "Pegawai Staf"}}]
    talent = (await gql(hr, TALENT))["data"]["talentPoolCandidates"]
    assert [t["employee"]["name"] for t in talent] == ["Pegawai Staf"]
    expected = {
        "staf": ("SANGAT_BAIK", "SANGAT_BAIK", True, True),
        "staf2": ("BAIK", "SANGAT_BAIK", True, False),
        "kabid": ("BUTUH_PERBAIKAN", "BAIK", False, False),
    }
    for key, (prev, cur, eligible, priority) in expected.items():
        result = (await gql(hr, PROMOTION, {"e": str(cal.emp(key))}))["data"]
        assert result["promotionEligibility"] == {
            "previousPredicate": prev,
            "currentPredicate": cur,
            "eligible": eligible,
            "talentPriority": priority,
        }
    staf = await client_for("staf")
    own = await gql(staf, PROMOTION, {"e": str(cal.emp("staf"))})
    assert own["data"]["promotionEligibility"]["eligible"] is True
    other = await gql(staf, PROMOTION, {"e": str(cal.emp("staf2"))})
    assert other["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    for query in (TALENT, RECOGNITION):
        denied = await gql(staf, query, {"p": str(cal.periods[0])} if "$p" in query else None)
        assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"


ANGKA = """query($e: ID!, $c: Decimal!) { angkaKredit(evaluationId: $e, annualCoefficient: $c) {
  predicate percent months annualCoefficient value } }"""


@pytest.mark.parametrize(
    ("user", "coefficient", "expected"),
    [
        ("staf", "12.5", {"percent": 150, "months": 12, "value": "18.750"}),
        ("kabid", "12.5", {"percent": 150, "months": 12, "value": "18.750"}),
        ("hradmin", "0.5", {"percent": 150, "months": 12, "value": "0.750"}),
        ("staf2", "12.5", "NOT_FOUND"),
        ("sysadmin", "12.5", "NOT_FOUND"),
        ("hradmin", "0", "INVALID_INPUT"),
        ("hradmin", "-3", "INVALID_INPUT"),
        ("hradmin", "1e9", "INVALID_INPUT"),
    ],
)
async def test_angka_kredit_for_jf(
    cal: Cal, client_for: ClientFactory, user: str, coefficient: str, expected: Any
) -> None:
    async with cal.db.write() as s:
        await s.execute(
            sa.update(Position)
            .where(Position.id == cal.org.ids["STAF"])
            .values(kind=PositionKind.FUNGSIONAL, functional_level=FunctionalLevel.AHLI_PERTAMA)
        )
    evaluation = await cal.evaluate("staf", P.SANGAT_BAIK, semester=None)
    client = await client_for(user)
    body = await gql(client, ANGKA, {"e": str(evaluation), "c": coefficient})
    if isinstance(expected, str):
        assert body["errors"][0]["extensions"]["code"] == expected, body
    else:
        result = body["data"]["angkaKredit"]
        assert {k: result[k] for k in expected} == expected


async def test_angka_kredit_periodic_and_not_for_non_jf(cal: Cal) -> None:
    periodic = await cal.evaluate("staf2", P.BAIK)  # a pelaksana: no angka kredit
    with pytest.raises(ServiceError) as caught:
        await career.angka_kredit_of(
            cal.db, cal.actor("hradmin"), evaluation_id=periodic, annual_coefficient=Decimal(12)
        )
    assert "jabatan fungsional" in caught.value.message
    async with cal.db.write() as s:
        await s.execute(
            sa.update(Position)
            .where(Position.id == cal.org.ids["STAF2"])
            .values(kind=PositionKind.FUNGSIONAL, functional_level=FunctionalLevel.AHLI_PERTAMA)
        )
    result = await career.angka_kredit_of(
        cal.db, cal.actor("hradmin"), evaluation_id=periodic, annual_coefficient=Decimal(12)
    )
    assert (result.months, result.value) == (6, Decimal("6.000"))  # a semester: 6/12 × 100 %


@pytest.mark.parametrize("year", [0, -806, 2000, 2101, 2**31 - 1])
async def test_talent_pool_of_an_impossible_year_is_an_input_error(
    cal: Cal, client_for: ClientFactory, year: int
) -> None:
    """Found by fuzzing: year 0 reached date(0, 12, 31) and crashed (a masked error)."""
    hr = await client_for("hradmin")
    body = await gql(
        hr, "query($y: Int!) { talentPoolCandidates(year: $y) { evaluationIds } }", {"y": year}
    )
    assert query_code(body) == "INVALID_INPUT"
    assert "Tahun harus antara 2001 dan 2100" in body["errors"][0]["message"]
