"""Organisation predicates, the distribution check, calibration and HR's calibration view."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
import sqlalchemy as sa

from server.db.models import Employee, Position, PositionAssignment
from server.domain.enums import AsnType, EmployeeStatus, Gender, PositionKind, Predicate
from tests.conftest import (
    ClientFactory,
    audit_actions,
    count_statements,
    error_codes,
    gql,
    mutate,
    nip_for,
    query_code,
)
from tests.rated_world import ROLES, Cal

P = Predicate

SET_ORG = """
mutation($input: SetOrgPredicateInput!) {
  setOrgPredicate(input: $input) {
    result { id predicate basis periodId unit { code } }
    errors { code field message }
  }
}"""
OPEN = """
mutation($input: CalibrationInput!) {
  openCalibration(input: $input) {
    result { total openedAt withinPattern violations }
    errors { code field message }
  }
}"""
FINALISE = """
mutation($input: FinaliseCalibrationInput!) {
  finaliseCalibration(input: $input) {
    result { id orgPredicate withinPattern violations justification beforeSnapshot
             afterSnapshot changed policyEffectiveFrom }
    errors { code field message }
  }
}"""
DISTRIBUTION = """
query($unit: ID!, $period: ID, $year: ID, $sub: Boolean!) {
  unitDistribution(unitId: $unit, periodId: $period, yearId: $year, includeSubunits: $sub) {
    total withinPattern violations finalised openedAt
    histogram { predicate count }
    orgPredicate { predicate }
    entries { predicate employee { name } }
  }
}"""
OVERVIEW = """
query($period: ID, $year: ID) {
  calibrationOverview(periodId: $period, yearId: $year) {
    unit { code } total withinPattern violations finalised
    orgPredicate { predicate basis }
    histogram { predicate count }
    raters { assessor { name } rated meanScore unitMean deviation selfAssessed meanSelfGap }
  }
}"""


def _org_input(cal: Cal, unit: str = "BIDANG", predicate: str = "BAIK", **scope: Any) -> Any:
    return {
        "input": {
            "unitId": str(cal.org.ids[unit]),
            "scope": scope or {"periodId": str(cal.periods[0])},
            "predicate": predicate,
            "basis": "Rekomendasi Bappeda, BKPSDM dan Inspektorat no. 800/12",
        }
    }


@pytest.mark.parametrize("user", ROLES)
async def test_only_hr_sets_org_predicates_and_calibrates(
    cal: Cal, client_for: ClientFactory, user: str
) -> None:
    await cal.evaluate("staf", P.BAIK)
    client = await client_for(user)
    allowed = user == "hradmin"
    payload = await mutate(client, SET_ORG, _org_input(cal))
    assert (payload["errors"] == []) is allowed, payload
    if not allowed:
        assert error_codes(payload) == ["FORBIDDEN"]
    scope = {"unitId": str(cal.org.ids["BIDANG"]), "scope": {"periodId": str(cal.periods[0])}}
    opened = await mutate(client, OPEN, {"input": scope})
    assert (opened["errors"] == []) is allowed, opened
    final = await mutate(client, FINALISE, {"input": {**scope, "justification": "x" * 30}})
    assert (final["errors"] == []) is allowed, final


@pytest.mark.parametrize(
    ("user", "unit", "readable"),
    [
        ("hradmin", "BIDANG", True),
        ("auditor", "BIDANG", True),
        ("manager", "BIDANG", True),  # DINAS manager: BIDANG is in the subtree
        ("manager", "DINAS2", False),
        ("staf", "BIDANG", False),
        ("kabid", "BIDANG", False),
        ("kadis", "BIDANG", False),
        ("sysadmin", "BIDANG", False),
    ],
)
async def test_who_reads_a_unit_distribution(
    cal: Cal, client_for: ClientFactory, user: str, unit: str, readable: bool
) -> None:
    await cal.evaluate("staf", P.BAIK)
    client = await client_for(user)
    body = await gql(
        client,
        DISTRIBUTION,
        {"unit": str(cal.org.ids[unit]), "period": str(cal.periods[0]), "sub": False},
    )
    assert (query_code(body) is None) is readable, body
    if not readable:
        assert query_code(body) == "FORBIDDEN"
    overview = await gql(client, OVERVIEW, {"period": str(cal.periods[0])})
    if user in ("hradmin", "auditor", "manager"):
        assert query_code(overview) is None
    else:
        assert query_code(overview) == "FORBIDDEN"


async def test_unit_outside_its_curve_is_blocked_until_justified(
    cal: Cal, client_for: ClientFactory
) -> None:
    hr = await client_for("hradmin")
    staf = await cal.evaluate("staf", P.SANGAT_BAIK)
    await cal.evaluate("staf2", P.SANGAT_BAIK)
    await cal.evaluate("kabid", P.BAIK)
    await cal.evaluate("kadis", P.SANGAT_KURANG)  # DINAS: only with sub-units excluded here
    period = str(cal.periods[0])
    unit = str(cal.org.ids["BIDANG"])
    scope = {"unitId": unit, "scope": {"periodId": period}}

    # No org predicate yet: the histogram is there, the check is not, finalising is refused.
    body = await gql(hr, DISTRIBUTION, {"unit": unit, "period": period, "sub": False})
    dist = body["data"]["unitDistribution"]
    assert dist["total"] == 3
    assert dist["withinPattern"] is None
    assert {h["predicate"]: h["count"] for h in dist["histogram"]} == {
        "SANGAT_BAIK": 2,
        "BAIK": 1,
        "BUTUH_PERBAIKAN": 0,
        "KURANG": 0,
        "SANGAT_KURANG": 0,
    }
    refused = await mutate(hr, FINALISE, {"input": {**scope, "justification": None}})
    assert error_codes(refused) == ["INVALID_STATE"]
    assert "belum ditetapkan" in refused["errors"][0]["message"]

    assert (await mutate(hr, SET_ORG, _org_input(cal)))["errors"] == []
    opened = await mutate(hr, OPEN, {"input": scope})
    assert opened["result"]["withinPattern"] is False
    assert opened["result"]["violations"] == [
        "Baik harus menjadi kelompok terbesar",
        "setidaknya satu Butuh Perbaikan atau Kurang/Misconduct (sekarang 0)",
    ]
    again = await mutate(hr, OPEN, {"input": scope})
    assert error_codes(again) == ["INVALID_STATE"]

    for justification in (None, "", "   terlalu pendek   "):
        blocked = await mutate(hr, FINALISE, {"input": {**scope, "justification": justification}})
        assert error_codes(blocked) == ["INVALID_STATE"], justification
        message = blocked["errors"][0]["message"]
        assert "di luar pola" in message
        assert "Baik harus menjadi kelompok terbesar" in message
        assert blocked["errors"][0]["field"] == "justification"

    # A predicate changed during calibration (through the evaluation service's override path).
    await cal.set_predicate(staf, P.BAIK)
    reason = "Unit kecil (3 pegawai); dua capaian luar biasa terdokumentasi dalam laporan."
    final = await mutate(hr, FINALISE, {"input": {**scope, "justification": reason}})
    assert final["errors"] == [], final
    decision = final["result"]
    assert decision["withinPattern"] is False
    assert decision["justification"] == reason
    assert decision["orgPredicate"] == "BAIK"
    assert decision["policyEffectiveFrom"] == "2023-01-01"
    before = {e["employee_id"]: e["predicate"] for e in decision["beforeSnapshot"]["predicates"]}
    after = {e["employee_id"]: e["predicate"] for e in decision["afterSnapshot"]["predicates"]}
    assert before[cal.emp("staf")] == "SANGAT_BAIK"
    assert after[cal.emp("staf")] == "BAIK"
    assert cal.emp("kadis") not in after
    assert decision["changed"] == [
        {
            "employee_id": cal.emp("staf"),
            "evaluation_id": staf,
            "predicate": "BAIK",
            "before": "SANGAT_BAIK",
        }
    ]

    # Final: no second decision, and the org predicate can no longer change.
    second = await mutate(hr, FINALISE, {"input": {**scope, "justification": reason}})
    assert error_codes(second) == ["INVALID_STATE"]
    change = await mutate(hr, SET_ORG, _org_input(cal, predicate="ISTIMEWA"))
    assert error_codes(change) == ["INVALID_STATE"]
    actions = await audit_actions(cal.db)
    assert actions.count("org_predicate.set") == 1
    assert actions.count("calibration.open") == 1
    assert actions.count("calibration.finalise") == 1


async def test_within_pattern_finalises_without_justification_and_subunits_count(
    cal: Cal, client_for: ClientFactory
) -> None:
    hr = await client_for("hradmin")
    await cal.evaluate("staf", P.BAIK)
    await cal.evaluate("staf2", P.BUTUH_PERBAIKAN)
    await cal.evaluate("kabid", P.BAIK)
    await cal.evaluate("kadis", P.SANGAT_BAIK)
    year_scope = {"yearId": str(cal.years[2026])}
    # An annual org predicate applies to the periods that have none of their own.
    assert (await mutate(hr, SET_ORG, _org_input(cal, unit="DINAS", **year_scope)))["errors"] == []
    dinas = str(cal.org.ids["DINAS"])
    period = str(cal.periods[0])
    only = (await gql(hr, DISTRIBUTION, {"unit": dinas, "period": period, "sub": False}))["data"]
    assert only["unitDistribution"]["total"] == 1
    assert only["unitDistribution"]["withinPattern"] is False
    whole = (await gql(hr, DISTRIBUTION, {"unit": dinas, "period": period, "sub": True}))["data"]
    assert whole["unitDistribution"]["total"] == 4
    assert whole["unitDistribution"]["withinPattern"] is True
    assert whole["unitDistribution"]["orgPredicate"] == {"predicate": "BAIK"}
    final = await mutate(
        hr,
        FINALISE,
        {"input": {"unitId": dinas, "scope": {"periodId": period}, "includeSubunits": True}},
    )
    assert final["errors"] == [], final
    assert final["result"]["withinPattern"] is True
    assert final["result"]["justification"] is None
    assert final["result"]["beforeSnapshot"] == final["result"]["afterSnapshot"]


@pytest.mark.parametrize(
    "variables",
    [
        {"scope": {}},
        {"scope": {"periodId": "1", "yearId": "1"}},
        {"scope": {"periodId": "abc"}},
        {"scope": {"periodId": "99999"}},
        {"unitId": "-1"},
        {"unitId": "99999"},
        {"basis": "Dasar\u202eterbalik"},
        {"basis": "   "},
        {"basis": "x" * 2001},
    ],
)
async def test_hostile_org_predicate_input_changes_nothing(
    cal: Cal, client_for: ClientFactory, variables: dict[str, Any]
) -> None:
    hr = await client_for("hradmin")
    data = _org_input(cal)
    data["input"].update(variables)
    payload = await mutate(hr, SET_ORG, data)
    assert payload["result"] is None
    assert error_codes(payload)[0] in ("INVALID_INPUT", "NOT_FOUND")
    assert "org_predicate.set" not in await audit_actions(cal.db)


async def test_rater_statistics(cal: Cal, client_for: ClientFactory) -> None:
    hr = await client_for("hradmin")
    # kabid rates staf (SB, self B) and staf2 (BP, self SB); kadis rates kabid (B, no self).
    await cal.evaluate("staf", P.SANGAT_BAIK, self_predicate=P.BAIK)
    await cal.evaluate("staf2", P.BUTUH_PERBAIKAN, self_predicate=P.SANGAT_BAIK)
    await cal.evaluate("kabid", P.BAIK)
    body = await gql(hr, OVERVIEW, {"period": str(cal.periods[0])})
    (bidang,) = body["data"]["calibrationOverview"]
    assert bidang["unit"] == {"code": "BIDANG"}
    assert bidang["orgPredicate"] is None
    assert bidang["withinPattern"] is None
    raters = {r["assessor"]["name"]: r for r in bidang["raters"]}
    # Unit mean (5 + 3 + 4) / 3 = 4.
    assert raters["Pegawai Kabid"] == {
        "assessor": {"name": "Pegawai Kabid"},
        "rated": 2,
        "meanScore": 4.0,
        "unitMean": 4.0,
        "deviation": 0.0,
        "selfAssessed": 2,
        "meanSelfGap": -0.5,  # (5-4) + (3-5) over 2
    }
    assert raters["Pegawai Kadis"]["deviation"] == 0.0
    assert raters["Pegawai Kadis"]["meanSelfGap"] is None


async def _add_staff(cal: Cal, n: int, start: int) -> None:
    """``n`` more pelaksana in BIDANG rated by kabid, each with a finalised evaluation."""
    async with cal.db.write() as s:
        for i in range(start, start + n):
            position = Position(
                code=f"X-{i}",
                name=f"Staf {i}",
                kind=PositionKind.PELAKSANA,
                unit_id=cal.org.ids["BIDANG"],
                parent_id=cal.org.ids["KABID"],
                valid_from=date(2020, 1, 1),
            )
            employee = Employee(
                nip=nip_for(200 + i),
                name=f"Staf {i}",
                asn_type=AsnType.PNS,
                golongan="II/a",
                gender=Gender.LAKI_LAKI,
                birth_date=date(1985, 3, 14),
                status=EmployeeStatus.AKTIF,
            )
            s.add_all([position, employee])
            await s.flush()
            s.add(
                PositionAssignment(
                    employee_id=employee.id, position_id=position.id, start_date=date(2020, 1, 1)
                )
            )
            await s.flush()
            cal.org.ids[f"emp:x{i}"] = employee.id
    for i in range(start, start + n):
        await cal.evaluate(
            f"x{i}",
            list(P)[i % 5],
            employee_id=cal.org.ids[f"emp:x{i}"],
            assessor_id=cal.emp("kabid"),
            self_predicate=P.BAIK,
        )


async def test_calibration_view_statement_count_does_not_grow(
    cal: Cal, client_for: ClientFactory
) -> None:
    hr = await client_for("hradmin")
    assert (await mutate(hr, SET_ORG, _org_input(cal)))["errors"] == []

    async def count() -> tuple[int, list[dict[str, Any]]]:
        with count_statements(cal.db) as statements:
            body = await gql(hr, OVERVIEW, {"period": str(cal.periods[0])})
        assert "errors" not in body, body
        rows: list[dict[str, Any]] = body["data"]["calibrationOverview"]
        return len(statements), rows

    await _add_staff(cal, 5, 0)
    few, rows = await count()
    assert rows[0]["total"] == 5
    await _add_staff(cal, 45, 5)
    many, rows = await count()
    assert rows[0]["total"] == 50
    assert rows[0]["raters"][0]["rated"] == 50
    assert few == many, (few, many)


async def test_finalised_at_is_not_needed_for_read(cal: Cal) -> None:
    """Drafts never count: only DITETAPKAN/DITERIMA evaluations are in the histogram."""
    from server.services.calibration import distribution

    draft = await cal.evaluate("staf", P.SANGAT_BAIK, finalised_at=datetime(2026, 7, 1, tzinfo=UTC))
    async with cal.db.write() as s:
        await s.execute(
            sa.text("UPDATE evaluation SET status = 'DRAFT' WHERE id = :i"), {"i": draft}
        )
    state = await distribution.unit_distribution(
        cal.db, cal.actor("hradmin"), unit_id=cal.org.ids["BIDANG"], period_id=cal.periods[0]
    )
    assert state.rated == []
