"""The assessor inbox: content, scoping, and its SQL statement count (no N+1)."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
import sqlalchemy as sa

from server.db.engine import Database
from server.db.models import Employee, PerformancePlan, Position, PositionAssignment, Unit
from server.domain.enums import AsnType, EmployeeStatus, Gender, PlanStatus, PositionKind, UnitKind
from server.domain.nip import make_nip
from server.services.actor import system_actor
from server.services.organisation import accounts
from tests.api.feedback.conftest import YEAR, Plans, as_user, create_plan, run
from tests.builders import numbered_employee
from tests.conftest import PASSWORD, SmallOrg, count_statements, gql

INBOX = """
query($y: Int!) {
  assessorInbox(year: $y) {
    year
    awaitingApprovalCount
    entries {
      planWithOtherAssessor
      employee { id name position { code unit { code } } record { nip } }
      plan {
        id status approach revision awaitingApproval submittedAt approvedAt
        workResults {
          id kind text
          indicators {
            id aspect text targetValue targetUnit
            latestRealization { periodNumber value status evidenceCount }
          }
        }
      }
    }
  }
}
"""


async def inbox(client: httpx.AsyncClient, year: int = YEAR) -> dict[str, Any]:
    data: dict[str, Any] = (await run(client, INBOX, {"y": year}))["assessorInbox"]
    return data


def by_name(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["employee"]["name"]: e for e in data["entries"]}


async def test_assessor_sees_their_people_down_to_the_latest_realisasi(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg, plans: Plans
) -> None:
    await as_user(client, "kabid")
    data = await inbox(client)
    assert data["year"] == YEAR
    assert data["awaitingApprovalCount"] == 0
    entries = by_name(data)
    assert list(entries) == ["Pegawai Staf", "Pegawai Staf2"]
    staf = entries["Pegawai Staf"]
    assert staf["employee"]["position"] == {"code": "STAF", "unit": {"code": "BIDANG"}}
    assert staf["employee"]["record"] == {
        "nip": small_org.nips["staf"]
    }  # the penilai sees the record
    plan = staf["plan"]
    assert plan["id"] == str(plans.staf.id)
    assert plan["status"] == "DITETAPKAN"
    assert plan["awaitingApproval"] is False
    assert [w["id"] for w in plan["workResults"]] == [str(i) for i in plans.staf.work_results]
    assert [w["kind"] for w in plan["workResults"]] == ["UTAMA", "TAMBAHAN"]
    indicators = [i for w in plan["workResults"] for i in w["indicators"]]
    assert [i["id"] for i in indicators] == [str(i) for i in plans.staf.indicators]
    latest = [i["latestRealization"] for i in indicators]
    # Period 3 is the latest; IKI k has 1 + k live evidence items (the removed one is not counted).
    assert [r["periodNumber"] for r in latest] == [3, 3, 3, 3]
    assert [r["evidenceCount"] for r in latest] == [1, 2, 3, 4]
    assert {r["status"] for r in latest} == {"DIKONFIRMASI"}
    assert all(r["value"].startswith("3") for r in latest)
    assert indicators[0]["targetUnit"] == "dokumen"
    assert staf["planWithOtherAssessor"] is False

    # Submitting (or submitting a revision) puts the SKP in the "waiting for you" count.
    async with db.write() as s:
        await s.execute(
            sa.update(PerformancePlan)
            .where(PerformancePlan.id == plans.staf2.id)
            .values(status=PlanStatus.DIAJUKAN)
        )
        await s.execute(
            sa.update(PerformancePlan)
            .where(PerformancePlan.id == plans.staf.id)
            .values(status=PlanStatus.REVISI_DIAJUKAN)
        )
    data = await inbox(client)
    assert data["awaitingApprovalCount"] == 2
    assert {e["plan"]["awaitingApproval"] for e in data["entries"]} == {True}


async def test_inbox_of_the_next_level_and_of_people_who_rate_nobody(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg, plans: Plans
) -> None:
    await as_user(client, "kadis")  # rates kabid, whose draft SKP has no indicator realised yet
    data = await inbox(client)
    assert [e["employee"]["name"] for e in data["entries"]] == ["Pegawai Kabid"]
    plan = data["entries"][0]["plan"]
    assert plan["status"] == "DRAFT"
    assert plan["workResults"][0]["indicators"][0]["latestRealization"] is None
    await as_user(client, "sekda")  # rates kadis and kadis2; neither has an SKP for the year
    data = await inbox(client)
    assert [(e["employee"]["name"], e["plan"]) for e in data["entries"]] == [
        ("Pegawai Kadis", None),
        ("Pegawai Kadis2", None),
    ]
    for user in ("staf", "hradmin", "auditor", "manager", "sysadmin"):
        await as_user(client, user)
        assert (await inbox(client))["entries"] == [], user
    await as_user(client, "kabid")
    other_year = await inbox(client, 2025)
    assert [e["plan"] for e in other_year["entries"]] == [None, None]
    for bad in (1999, 2101, -1):
        body = await gql(client, INBOX, {"y": bad})
        assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT"


async def test_plan_submitted_to_another_assessor(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg, plans: Plans
) -> None:
    """staf's SKP was fixed to kadis (e.g. before a reorganisation): kadis sees it, kabid does not."""
    async with db.write() as s:
        await s.execute(
            sa.update(PerformancePlan)
            .where(PerformancePlan.id == plans.staf.id)
            .values(assessor_employee_id=small_org.ids["emp:kadis"], status=PlanStatus.DIAJUKAN)
        )
    await as_user(client, "kabid")
    staf = by_name(await inbox(client))["Pegawai Staf"]
    assert staf["plan"] is None
    assert staf["planWithOtherAssessor"] is True
    await as_user(client, "kadis")
    data = await inbox(client)
    entries = by_name(data)
    assert list(entries) == ["Pegawai Kabid", "Pegawai Staf"]
    assert entries["Pegawai Staf"]["plan"]["id"] == str(plans.staf.id)
    assert data["awaitingApprovalCount"] == 1


# ---------------------------------------------------------------- no N+1 (issue item 12)


async def add_subordinates(
    db: Database, plans: Plans, assessor_position_id: int, assessor_id: int, first: int, count: int
) -> None:
    """``count`` pelaksana under the assessor's position, each with an SKP set by the assessor."""
    start = date(2020, 1, 1)
    async with db.write() as s:
        unit_id = (await s.scalars(sa.select(Unit.id).where(Unit.code == "SEKSI-UJI"))).one()
        positions = [
            Position(
                code=f"PELAKSANA-{n:03d}",
                name=f"Pelaksana {n}",
                kind=PositionKind.PELAKSANA,
                unit_id=unit_id,
                parent_id=assessor_position_id,
                valid_from=start,
            )
            for n in range(first, first + count)
        ]
        people = [numbered_employee(n, f"Bawahan {n:03d}") for n in range(first, first + count)]
        s.add_all([*positions, *people])
        await s.flush()
        s.add_all(
            PositionAssignment(employee_id=e.id, position_id=p.id, start_date=start)
            for e, p in zip(people, positions, strict=True)
        )
        await s.flush()
        for e in people:
            await create_plan(
                s,
                employee_id=e.id,
                year_id=plans.year_id,
                period_ids=plans.period_ids,
                assessor_id=assessor_id,
                status=PlanStatus.DIAJUKAN if e.name.endswith("0") else PlanStatus.DITETAPKAN,
            )


async def test_inbox_statement_count_does_not_grow_with_subordinates(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg, plans: Plans
) -> None:
    first_batch = 5
    ids = small_org.ids
    async with db.write() as s:
        unit = Unit(
            code="SEKSI-UJI",
            name="Seksi Uji",
            kind=UnitKind.SEKSI,
            parent_id=ids["BIDANG"],
            valid_from=date(2020, 1, 1),
        )
        s.add(unit)
        await s.flush()
        position = Position(
            code="KASI-UJI",
            name="Kepala Seksi Uji",
            kind=PositionKind.PENGAWAS,
            unit_id=unit.id,
            parent_id=ids["KABID"],
            valid_from=date(2020, 1, 1),
        )
        assessor = Employee(
            nip=make_nip(date(1980, 1, 2), date(2005, 1, 1), Gender.LAKI_LAKI, 900),
            name="Penilai Uji",
            asn_type=AsnType.PNS,
            golongan="III/d",
            gender=Gender.LAKI_LAKI,
            birth_date=date(1980, 1, 2),
            status=EmployeeStatus.AKTIF,
        )
        s.add_all([position, assessor])
        await s.flush()
        s.add(
            PositionAssignment(
                employee_id=assessor.id, position_id=position.id, start_date=date(2020, 1, 1)
            )
        )
        position_id, assessor_id = position.id, assessor.id
    await accounts.create_account(
        db,
        system_actor("test"),
        accounts.AccountInput("penilai", PASSWORD, employee_id=assessor_id),
    )
    await add_subordinates(db, plans, position_id, assessor_id, 1, first_batch)
    await as_user(client, "penilai")
    await inbox(client)  # warm-up: first connections, dialect start-up queries

    async def measured() -> tuple[int, dict[str, Any]]:
        with count_statements(db) as statements:
            data = await inbox(client)
        return len(statements), data

    small_count, small = await measured()
    assert len(small["entries"]) == first_batch
    await add_subordinates(db, plans, position_id, assessor_id, first_batch + 1, 50 - first_batch)
    # The first request after the organisation changed reads it again (its revision token
    # changed); then it is kept in memory like before.
    reloaded_count, _ = await measured()
    large_count, large = await measured()

    assert small_count == large_count, (small_count, large_count)
    assert reloaded_count == large_count + 4  # token twice, positions, holders, overrides
    # Session (2), organisation token (1), SKP → RHK → IKI → realisasi (5), employee fields (2-3).
    assert small_count <= 11, small_count
    entries = large["entries"]
    assert [e["employee"]["name"] for e in entries] == [f"Bawahan {n:03d}" for n in range(1, 51)]
    assert large["awaitingApprovalCount"] == 5  # Bawahan 010, 020, …, 050
    for entry in entries:
        assert entry["employee"]["position"]["unit"] == {"code": "SEKSI-UJI"}
        assert entry["employee"]["record"]["nip"]
        workresults = entry["plan"]["workResults"]
        assert len(workresults) == 2
        indicators = [i for w in workresults for i in w["indicators"]]
        assert len(indicators) == 4
        assert [i["latestRealization"]["evidenceCount"] for i in indicators] == [1, 2, 3, 4]
        assert {i["latestRealization"]["periodNumber"] for i in indicators} == {3}
