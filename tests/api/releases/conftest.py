"""Fixtures for releases: an organisation of chosen sizes, loaded fast, and publishing helpers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from server.config import Settings
from server.db.engine import Database
from server.db.models import (
    AppraisalYear,
    Employee,
    PerformancePlan,
    Position,
    PositionAssignment,
    PublicService,
    ServiceUserCount,
    SurveyFollowUp,
    SurveyResponse,
    Unit,
)
from server.domain.enums import (
    Approach,
    AsnType,
    Cadence,
    EmployeeStatus,
    Gender,
    PlanStatus,
    PositionKind,
    SurveyChannel,
    UnitKind,
    YearStatus,
)
from server.domain.nip import make_nip
from server.services.actor import system_actor
from server.services.releases.builder import EvaluationFacts
from server.services.releases.publish import (
    PublishedRelease,
    options_from_settings,
    publish_release,
)
from tests.conftest import gql

START = date(2020, 1, 1)
PUBLIC = "/public/graphql"

# code: (kind, parent, direct staff)
TREE: dict[str, tuple[UnitKind, str | None, int]] = {
    "KOTA": (UnitKind.INSTANSI, None, 6),
    "DINAS": (UnitKind.PERANGKAT_DAERAH, "KOTA", 20),
    "BID-A": (UnitKind.BIDANG, "DINAS", 3),  # below the head-count threshold
    "BID-B": (UnitKind.BIDANG, "DINAS", 12),
    "BID-C": (UnitKind.BIDANG, "DINAS", 30),
    "KECIL": (UnitKind.PERANGKAT_DAERAH, "KOTA", 7),  # 7 pegawai: percentages withheld
    "BADAN": (UnitKind.PERANGKAT_DAERAH, "KOTA", 25),
}


@dataclass
class Org:
    unit_ids: dict[str, int]
    position_ids: dict[str, int]
    employees: dict[str, list[int]] = field(default_factory=dict)
    nips: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    seq: int = 0


async def add_staff(db: Database, org: Org, unit: str, count: int) -> list[int]:
    ids: list[int] = []
    async with db.write() as s:
        for _ in range(count):
            org.seq += 1
            nip = make_nip(
                date(1980, 1, 1 + org.seq % 28),
                date(2005, 1 + org.seq % 12, 1),
                Gender.PEREMPUAN,
                org.seq,
            )
            name = f"Warga Rekaan {org.seq:04d}"
            e = Employee(
                nip=nip, name=name, asn_type=AsnType.PNS, golongan="III/a",
                gender=Gender.PEREMPUAN, birth_date=date(1980, 1, 1), status=EmployeeStatus.AKTIF,
            )  # fmt: skip
            s.add(e)
            await s.flush()
            s.add(
                PositionAssignment(
                    employee_id=e.id, position_id=org.position_ids[unit], start_date=START
                )
            )
            ids.append(e.id)
            org.nips.append(nip)
            org.names.append(name)
    org.employees.setdefault(unit, []).extend(ids)
    return ids


async def build_org(db: Database, tree: dict[str, tuple[UnitKind, str | None, int]]) -> Org:
    org = Org({}, {})
    async with db.write() as s:
        for code, (kind, parent, _n) in tree.items():
            u = Unit(code=code, name=f"Unit {code}", kind=kind,
                     parent_id=org.unit_ids.get(parent or ""), valid_from=START)  # fmt: skip
            s.add(u)
            await s.flush()
            org.unit_ids[code] = u.id
            p = Position(code=f"POS-{code}", name=f"Pelaksana {code}", kind=PositionKind.PELAKSANA,
                         unit_id=u.id, valid_from=START)  # fmt: skip
            s.add(p)
            await s.flush()
            org.position_ids[code] = p.id
    for code, (_kind, _parent, n) in tree.items():
        await add_staff(db, org, code, n)
    return org


@pytest.fixture
async def org(db: Database) -> Org:
    return await build_org(db, TREE)


async def set_plans(db: Database, employee_ids: list[int], year: int = 2026) -> None:
    async with db.write() as s:
        year_id = (
            await s.scalars(sa.select(AppraisalYear.id).where(AppraisalYear.year == year))
        ).first()
        if year_id is None:
            y = AppraisalYear(year=year, cadence=Cadence.BULANAN, plan_deadline=date(year, 1, 31),
                              realization_due_days=5, status=YearStatus.DIBUKA)  # fmt: skip
            s.add(y)
            await s.flush()
            year_id = y.id
        for e in employee_ids:
            s.add(PerformancePlan(employee_id=e, year_id=year_id, approach=Approach.KUANTITATIF,
                                  status=PlanStatus.DITETAPKAN))  # fmt: skip


async def add_service(
    db: Database, org: Org, unit: str, code: str, answers: list[list[int]], users: int | None = None
) -> None:
    async with db.write() as s:
        svc = PublicService(unit_id=org.unit_ids[unit], code=code, name=f"Layanan {code}",
                            survey_token=f"tok-{code}")  # fmt: skip
        s.add(svc)
        await s.flush()
        for i, scores in enumerate(answers):
            s.add(
                SurveyResponse(
                    service_id=svc.id,
                    submitted_at=datetime(2026, 3, 1 + i % 27, 10, tzinfo=UTC),
                    channel=SurveyChannel.FORMULIR,
                    submitter_fingerprint=f"fp-{code}-{i}",
                    **{f"u{k + 1}": v for k, v in enumerate(scores)},
                )
            )
        if users is not None:
            s.add(ServiceUserCount(service_id=svc.id, year=2026, month=3, users=users))


async def add_follow_up(db: Database, org: Org, unit: str, action: str) -> None:
    async with db.write() as s:
        s.add(SurveyFollowUp(unit_id=org.unit_ids[unit], year=2026, unsur="U3", action=action,
                             target_date=date(2026, 9, 30)))  # fmt: skip


async def publish(
    db: Database,
    settings: Settings,
    period: str = "2026-S1",
    *,
    supersede: bool = False,
    evaluation: EvaluationFacts | None = None,
    provisional: bool = True,
) -> PublishedRelease:
    """Publish ``period``; provisional by default, since most fixtures open no appraisal year
    and some periods (2026-S2) are still running on the system clock."""
    options = options_from_settings(settings, supersede=supersede, provisional=provisional)
    return await publish_release(db, system_actor("test"), period, options, evaluation=evaluation)


async def public(
    client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None
) -> dict[str, Any]:
    return await gql(client, query, variables, path=PUBLIC)


UNIT_FIELDS = """code parentCode kind headcount headcountStatus directHeadcount directHeadcountStatus
skpCoveragePct skpCoveragePctStatus distributionStatus distribution { category count status }"""


async def all_units(client: httpx.AsyncClient, number: int | None = None) -> list[dict[str, Any]]:
    """Every unit of a release through the public API, page by page."""
    rows: list[dict[str, Any]] = []
    after: str | None = None
    while True:
        body = await public(
            client,
            "query($n: Int!, $after: String) { release(number: $n) { units(first: 2, after: $after, orderBy: CODE) "
            "{ pageInfo { hasNextPage endCursor } edges { node { " + UNIT_FIELDS + " } } } } }",
            {"n": number or 1, "after": after},
        )
        assert "errors" not in body, body
        page = body["data"]["release"]["units"]
        rows += [e["node"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return rows
        after = page["pageInfo"]["endCursor"]
