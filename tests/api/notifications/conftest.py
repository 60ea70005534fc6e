"""A year in progress with one of each reminder due on ``TODAY``, built with the ORM.

On 3 April 2026 (monthly cadence, realisasi due 5 days after the month):
- staf2's SKP is DIAJUKAN to kabid                        → kabid: SKP awaiting approval;
- staf's SKP is set (penilai kabid), realisasi confirmed for months 1-2, not for month 3
  (due 5 April)                                           → staf: realisasi due;
- months 1-2 of staf are evaluated (DITETAPKAN), month 3 ended without → kabid: evaluation due;
- staf's objection against month 1 is due to kadis on 5 April → kadis: objection deadline;
  the one against month 2 is due on 20 April              → nothing yet;
- coaching plans: A (no mentor, started 45 days ago, never met) → kabid (the penilai);
  B (mentor sekda, last check-in 40 days ago)             → sekda;
  C (mentor kadis2, check-in 10 days ago) and D (mentor kadis2, started 5 days ago) → nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from server.db.engine import Database
from server.db.models import (
    CoachingCheckIn,
    CoachingPlan,
    Evaluation,
    Objection,
    PerformancePlan,
    Realization,
    WorkResult,
)
from server.domain.enums import (
    Approach,
    CoachingStatus,
    EvaluationKind,
    EvaluationStatus,
    ObjectionStatus,
    PlanStatus,
    Predicate,
    Rating,
    RealizationStatus,
    WorkResultKind,
)
from tests.builders import add_archive_indicator, create_year, filing_deadline_of, numbered_employee
from tests.conftest import SmallOrg

YEAR = 2026
TODAY = date(YEAR, 4, 3)
S = Rating.SESUAI_EKSPEKTASI


@dataclass
class ReminderData:
    year_id: int
    periods: list[int]  # index 0 = Bulan 1
    plan: int  # staf, DITETAPKAN
    plan2: int  # staf2, DIAJUKAN
    iki: int  # staf's only IKI
    evaluations: list[int]  # staf's finalised evaluations of months 1, 2
    objection_due: int
    objection_later: int
    coaching: dict[str, int] = field(default_factory=dict)  # "A".."D"

    def period(self, month: int) -> int:
        return self.periods[month - 1]


async def add_year(db: Database) -> tuple[int, list[int]]:
    async with db.write() as s:
        year, period_ids = await create_year(s, YEAR)
        return year.id, period_ids


async def add_set_plan(
    db: Database, employee_id: int, assessor_id: int, year_id: int, periods: list[int]
) -> tuple[int, int]:
    """A set SKP with one RHK and one IKI, its realisasi confirmed for months 1 and 2."""
    async with db.write() as s:
        plan = PerformancePlan(
            employee_id=employee_id,
            year_id=year_id,
            approach=Approach.KUANTITATIF,
            status=PlanStatus.DITETAPKAN,
            assessor_employee_id=assessor_id,
            submitted_at=datetime(YEAR, 1, 10, tzinfo=UTC),
            approved_at=datetime(YEAR, 1, 12, tzinfo=UTC),
        )
        s.add(plan)
        await s.flush()
        rhk = WorkResult(plan_id=plan.id, kind=WorkResultKind.UTAMA, text="Layanan arsip")
        s.add(rhk)
        await s.flush()
        iki = await add_archive_indicator(s, rhk.id)
        s.add_all(
            Realization(
                indicator_id=iki.id,
                period_id=periods[month - 1],
                value=Decimal(1),
                description="Arsip ditata",
                status=RealizationStatus.DIKONFIRMASI,
                confirmed_at=datetime(YEAR, month + 1, 2, tzinfo=UTC),
            )
            for month in (1, 2)
        )
        return plan.id, iki.id


def finalised(plan_id: int, period_id: int | None, assessor_id: int) -> Evaluation:
    return Evaluation(
        plan_id=plan_id,
        kind=EvaluationKind.PERIODIK if period_id else EvaluationKind.TAHUNAN,
        period_id=period_id,
        status=EvaluationStatus.DITETAPKAN,
        assessor_employee_id=assessor_id,
        result_rating=S,
        behavior_rating=S,
        predicate=Predicate.BAIK,
        finalised_at=datetime(YEAR, 3, 10, tzinfo=UTC),
        objection_filing_deadline=filing_deadline_of(datetime(YEAR, 3, 10, tzinfo=UTC)),
    )


async def add_employees(db: Database, first: int, count: int) -> list[int]:
    async with db.write() as s:
        people = [numbered_employee(n, f"Pegawai Uji {n:03d}") for n in range(first, first + count)]
        s.add_all(people)
        await s.flush()
        return [p.id for p in people]


@pytest.fixture
async def data(db: Database, small_org: SmallOrg) -> ReminderData:
    ids = small_org.ids
    year_id, periods = await add_year(db)
    plan, iki = await add_set_plan(db, ids["emp:staf"], ids["emp:kabid"], year_id, periods)
    async with db.write() as s:
        plan2 = PerformancePlan(
            employee_id=ids["emp:staf2"],
            year_id=year_id,
            approach=Approach.KUANTITATIF,
            status=PlanStatus.DIAJUKAN,
            assessor_employee_id=ids["emp:kabid"],
            submitted_at=datetime(YEAR, 3, 30, tzinfo=UTC),
        )
        s.add(plan2)
        await s.flush()
        evaluations = [finalised(plan, periods[m], ids["emp:kabid"]) for m in (0, 1)]
        annual = finalised(plan, None, ids["emp:kabid"])
        staf2_eval = finalised(plan2.id, periods[0], ids["emp:kabid"])
        s.add_all([*evaluations, annual, staf2_eval])
        await s.flush()
        objections = [
            Objection(
                evaluation_id=ev.id,
                filed_by_employee_id=ids["emp:staf"],
                decider_employee_id=ids["emp:kadis"],
                reasons="Realisasi belum dipertimbangkan.",
                status=ObjectionStatus.DIAJUKAN,
                filing_deadline=TODAY,
                decision_deadline=deadline,
            )
            for ev, deadline in zip(
                evaluations, (TODAY + timedelta(days=2), TODAY + timedelta(days=17)), strict=True
            )
        ]
        s.add_all(objections)

        def coaching(ev: Evaluation, employee: str, mentor: str | None, ago: int) -> CoachingPlan:
            return CoachingPlan(
                employee_id=ids[f"emp:{employee}"],
                evaluation_id=ev.id,
                mentor_employee_id=ids[f"emp:{mentor}"] if mentor else None,
                goals="Meningkatkan ketepatan waktu.",
                actions="Pendampingan mingguan.",
                starts_on=TODAY - timedelta(days=ago),
                ends_on=TODAY - timedelta(days=ago) + timedelta(days=182),
                status=CoachingStatus.BERJALAN,
            )

        plans = {
            "A": coaching(evaluations[0], "staf", None, 45),
            "B": coaching(evaluations[1], "staf", "sekda", 60),
            "C": coaching(annual, "staf", "kadis2", 60),
            "D": coaching(staf2_eval, "staf2", "kadis2", 5),
        }
        s.add_all(plans.values())
        await s.flush()
        s.add_all(
            CoachingCheckIn(
                coaching_plan_id=plans[key].id,
                held_on=TODAY - timedelta(days=ago),
                note="Pertemuan pemantauan.",
                recorded_by_employee_id=ids["emp:kabid"],
            )
            for key, ago in (("B", 40), ("C", 10))
        )
        await s.flush()
        return ReminderData(
            year_id=year_id,
            periods=periods,
            plan=plan,
            plan2=plan2.id,
            iki=iki,
            evaluations=[ev.id for ev in evaluations],
            objection_due=objections[0].id,
            objection_later=objections[1].id,
            coaching={key: p.id for key, p in plans.items()},
        )


async def set_values(db: Database, model: type, row_id: int, **values: object) -> None:
    async with db.write() as s:
        # Any mapped model with an ``id`` column; the ORM base class declares none.
        await s.execute(sa.update(model).where(model.id == row_id).values(**values))  # type: ignore[attr-defined]
