"""A past TRIWULAN year in small_org with SKPs, realisasi and evaluations in known states,
built with the ORM: the reports only read, so how the data came to be does not matter here.

First quarter (realisasi due 5 days after the quarter, i.e. on ``DUE``):
- staf: SKP DITETAPKAN, two IKI: one realisasi confirmed at 23:59 WIB on the due day (on time),
  one at 00:00 WIB the day after (late); periodic evaluation DITETAPKAN, Baik; annual
  evaluation DITETAPKAN, Kurang;
- staf2: SKP DIAJUKAN (not set);
- kabid: SKP REVISI_DRAFT (set; a revision is in progress), one IKI realised on time;
  periodic evaluation still a DRAFT;
- kadis: SKP DITETAPKAN, one IKI never realised; periodic evaluation DITERIMA, Sangat Baik,
  rated while sitting in DINAS2 (the identity snapshot says so);
- sekda, kadis2: no SKP.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from server.db.engine import Database
from server.db.models import (
    AppraisalPeriod,
    Employee,
    Evaluation,
    Indicator,
    OrgPredicateAssignment,
    PerformancePlan,
    PositionAssignment,
    Realization,
    WorkResult,
)
from server.domain.enums import (
    Approach,
    AsnType,
    Cadence,
    EmployeeStatus,
    EvaluationKind,
    EvaluationStatus,
    Gender,
    IndicatorAspect,
    OrgPredicate,
    PlanStatus,
    Predicate,
    Rating,
    RealizationStatus,
    WorkResultKind,
)
from server.domain.nip import make_nip
from tests.builders import create_year, filing_deadline_of
from tests.conftest import INSTANSI_ZONE, SmallOrg

YEAR = 2024
DUE = date(YEAR, 4, 5)  # Triwulan I ends 31 March; realisasi due 5 days later
WIB = INSTANSI_ZONE
ON_TIME = datetime(YEAR, 4, 5, 23, 59, 59, tzinfo=WIB)
LATE = datetime(YEAR, 4, 6, 0, 0, 0, tzinfo=WIB)
S = Rating.SESUAI_EKSPEKTASI


@dataclass
class Rep:
    db: Database
    org: SmallOrg
    year_id: int
    periods: list[int]  # by number - 1

    def emp(self, key: str) -> int:
        return self.org.ids[f"emp:{key}"]

    async def plan(
        self,
        employee_id: int,
        status: PlanStatus,
        indicators: int,
        assessor: int | None,
        *,
        year_id: int | None = None,  # another year's (this one's by default)
    ) -> tuple[int, list[int]]:
        async with self.db.write() as s:
            plan = PerformancePlan(
                employee_id=employee_id,
                year_id=year_id or self.year_id,
                approach=Approach.KUANTITATIF,
                status=status,
                assessor_employee_id=assessor,
            )
            s.add(plan)
            await s.flush()
            rhk = WorkResult(plan_id=plan.id, kind=WorkResultKind.UTAMA, text="RHK")
            s.add(rhk)
            await s.flush()
            ikis = [
                Indicator(
                    work_result_id=rhk.id,
                    aspect=IndicatorAspect.KUANTITAS,
                    text=f"IKI {n}",
                    target_value=Decimal(10),
                    target_unit="berkas",
                )
                for n in range(indicators)
            ]
            s.add_all(ikis)
            await s.flush()
            return plan.id, [i.id for i in ikis]

    async def realise(self, indicator_id: int, period: int, confirmed_at: datetime | None) -> None:
        async with self.db.write() as s:
            s.add(
                Realization(
                    indicator_id=indicator_id,
                    period_id=self.periods[period - 1],
                    value=Decimal(3),
                    description="Tiga berkas",
                    status=RealizationStatus.DIKONFIRMASI
                    if confirmed_at
                    else RealizationStatus.USULAN,
                    confirmed_at=confirmed_at,
                )
            )

    async def evaluate(
        self,
        plan_id: int,
        period: int | None,
        status: EvaluationStatus,
        predicate: Predicate | None,
        *,
        assessor: int | None = None,
        snapshot_unit: int | None = None,
    ) -> None:
        set_at = None if status is EvaluationStatus.DRAFT else datetime(YEAR, 4, 20, tzinfo=UTC)
        async with self.db.write() as s:
            s.add(
                Evaluation(
                    plan_id=plan_id,
                    kind=EvaluationKind.PERIODIK if period else EvaluationKind.TAHUNAN,
                    period_id=self.periods[period - 1] if period else None,
                    status=status,
                    assessor_employee_id=assessor,
                    proposed_result_rating=S,
                    result_rating=S,
                    proposed_behavior_rating=S,
                    behavior_rating=S,
                    predicate=predicate,
                    identity_snapshot={"pegawai": {"unit_id": snapshot_unit}}
                    if snapshot_unit
                    else None,
                    finalised_at=set_at,
                    objection_filing_deadline=filing_deadline_of(set_at),
                )
            )

    async def org_predicate(self, unit: str, period: int | None, predicate: OrgPredicate) -> None:
        async with self.db.write() as s:
            s.add(
                OrgPredicateAssignment(
                    unit_id=self.org.ids[unit],
                    year_id=self.year_id,
                    period_id=self.periods[period - 1] if period else None,
                    predicate=predicate,
                    basis="Capaian Perjanjian Kinerja",
                )
            )

    async def add_staff(self, first: int, count: int) -> None:
        """``count`` extra pegawai in BIDANG, each with a set SKP, a realisasi on time and a
        periodic evaluation: for statement counts that must not grow with them."""
        async with self.db.write() as s:
            for n in range(first, first + count):
                person = Employee(
                    nip=make_nip(date(1991, 2, 3), date(2016, 4, 1), Gender.PEREMPUAN, n),
                    name=f"Staf Tambahan {n:03d}",
                    asn_type=AsnType.PNS,
                    golongan="II/c",
                    gender=Gender.PEREMPUAN,
                    birth_date=date(1991, 2, 3),
                    status=EmployeeStatus.AKTIF,
                )
                s.add(person)
                await s.flush()
                s.add(
                    PositionAssignment(
                        employee_id=person.id,
                        position_id=self.org.ids["STAF2"],
                        start_date=date(2020, 1, 1),
                    )
                )
                plan = PerformancePlan(
                    employee_id=person.id,
                    year_id=self.year_id,
                    approach=Approach.KUANTITATIF,
                    status=PlanStatus.DITETAPKAN,
                    assessor_employee_id=self.emp("kabid"),
                )
                s.add(plan)
                await s.flush()
                rhk = WorkResult(plan_id=plan.id, kind=WorkResultKind.UTAMA, text="RHK")
                s.add(rhk)
                await s.flush()
                iki = Indicator(
                    work_result_id=rhk.id,
                    aspect=IndicatorAspect.KUANTITAS,
                    text="IKI",
                    target_value=Decimal(4),
                )
                s.add(iki)
                await s.flush()
                s.add(
                    Realization(
                        indicator_id=iki.id,
                        period_id=self.periods[0],
                        value=Decimal(1),
                        description="Satu",
                        status=RealizationStatus.DIKONFIRMASI,
                        confirmed_at=ON_TIME,
                    )
                )
                s.add(
                    Evaluation(
                        plan_id=plan.id,
                        kind=EvaluationKind.PERIODIK,
                        period_id=self.periods[0],
                        status=EvaluationStatus.DITETAPKAN,
                        assessor_employee_id=self.emp("kabid"),
                        result_rating=S,
                        behavior_rating=S,
                        predicate=Predicate.BAIK,
                    )
                )


@pytest.fixture
async def rep(db: Database, small_org: SmallOrg) -> Rep:
    async with db.write() as s:
        year, period_ids = await create_year(s, YEAR, cadence=Cadence.TRIWULAN)
        r = Rep(db, small_org, year.id, period_ids)
        first_due = (await s.get_one(AppraisalPeriod, period_ids[0])).realization_due
    assert first_due == DUE
    staf_plan, staf_ikis = await r.plan(r.emp("staf"), PlanStatus.DITETAPKAN, 2, r.emp("kabid"))
    await r.realise(staf_ikis[0], 1, ON_TIME)
    await r.realise(staf_ikis[1], 1, LATE)
    await r.evaluate(staf_plan, 1, EvaluationStatus.DITETAPKAN, Predicate.BAIK)
    await r.evaluate(staf_plan, None, EvaluationStatus.DITETAPKAN, Predicate.KURANG)
    await r.plan(r.emp("staf2"), PlanStatus.DIAJUKAN, 1, r.emp("kabid"))
    kabid_plan, kabid_ikis = await r.plan(
        r.emp("kabid"), PlanStatus.REVISI_DRAFT, 1, r.emp("kadis")
    )
    await r.realise(kabid_ikis[0], 1, datetime(YEAR, 4, 1, 2, 0, tzinfo=UTC))
    await r.evaluate(kabid_plan, 1, EvaluationStatus.DRAFT, None)
    kadis_plan, _ = await r.plan(r.emp("kadis"), PlanStatus.DITETAPKAN, 1, r.emp("sekda"))
    await r.evaluate(
        kadis_plan,
        1,
        EvaluationStatus.DITERIMA,
        Predicate.SANGAT_BAIK,
        snapshot_unit=small_org.ids["DINAS2"],
    )
    await r.org_predicate("BIDANG", 1, OrgPredicate.BAIK)
    await r.org_predicate("DINAS", None, OrgPredicate.ISTIMEWA)
    return r


COMPLETION = """query($y: Int!, $p: Int, $u: String) {
  completionReport(year: $y, periodNumber: $p, unitCode: $u) {
    year periodNumber unitCode parentUnitCode employees skpSet skpSetPct realizationsDue
    realizationsOnTime realizationsOnTimePct evaluationsDue evaluationsDone evaluationsDonePct
  } }"""


COMPLETION_FIELDS = (
    "unitCode",
    "employees",
    "skpSet",
    "skpSetPct",
    "realizationsDue",
    "realizationsOnTime",
    "realizationsOnTimePct",
    "evaluationsDue",
    "evaluationsDone",
    "evaluationsDonePct",
)
