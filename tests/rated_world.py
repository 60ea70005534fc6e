"""A rated world (the ``cal`` fixture): years, SKPs and finalised evaluations built directly
with the ORM, for calibration, keberatan, coaching and career tests.

The evaluation services are written elsewhere at the same time: these tests need only
evaluation rows in the right states (DITETAPKAN with ratings and a predicate).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import pytest

from server.db.engine import Database
from server.db.models import (
    AppraisalPeriod,
    AppraisalYear,
    Evaluation,
    PerformancePlan,
)
from server.domain.deadlines import DEFAULT_POLICY, ObjectionPolicy
from server.domain.enums import (
    Approach,
    Cadence,
    EvaluationKind,
    EvaluationStatus,
    PlanStatus,
    Predicate,
    Rating,
    Role,
    YearStatus,
)
from server.domain.planning import build_periods
from server.services.actor import Actor
from tests.builders import filing_deadline_of
from tests.conftest import SmallOrg

A, S, B = Rating.DI_ATAS_EKSPEKTASI, Rating.SESUAI_EKSPEKTASI, Rating.DI_BAWAH_EKSPEKTASI
RATINGS: dict[Predicate, tuple[Rating, Rating]] = {
    Predicate.SANGAT_BAIK: (A, A),
    Predicate.BAIK: (S, S),
    Predicate.BUTUH_PERBAIKAN: (B, S),
    Predicate.KURANG: (S, B),
    Predicate.SANGAT_KURANG: (B, B),
}
ASSESSOR = {
    "staf": "kabid",
    "staf2": "kabid",
    "kabid": "kadis",
    "kadis": "sekda",
    "kadis2": "sekda",
}


@dataclass
class Cal:
    db: Database
    org: SmallOrg
    years: dict[int, int]  # calendar year → id
    periods: list[int]  # 2026 semesters: index 0 = semester 1
    plans: dict[tuple[str, int], int] = field(default_factory=dict)

    def emp(self, key: str) -> int:
        return self.org.ids[f"emp:{key}"]

    def actor(self, login_name: str) -> Actor:
        """A service-level actor equal to what the session guard builds for the account."""
        ids = self.org.ids
        roles = {
            "hradmin": frozenset({Role.HR_ADMIN}),
            "auditor": frozenset({Role.AUDITOR}),
            "sysadmin": frozenset({Role.SYSADMIN}),
            "manager": frozenset({Role.UNIT_MANAGER}),
        }.get(login_name, frozenset())
        return Actor(
            account_id=ids[f"acc:{login_name}"],
            login=login_name,
            employee_id=ids.get(f"emp:{login_name}"),
            roles=roles,
            managed_unit_id=ids["DINAS"] if login_name == "manager" else None,
        )

    async def plan(self, key: str, year: int = 2026, employee_id: int | None = None) -> int:
        found = self.plans.get((key, year))
        if found is not None:
            return found
        async with self.db.write() as s:
            plan = PerformancePlan(
                employee_id=employee_id or self.emp(key),
                year_id=self.years[year],
                approach=Approach.KUANTITATIF,
                status=PlanStatus.DITETAPKAN,
                assessor_employee_id=self.org.ids.get(f"emp:{ASSESSOR.get(key, '')}"),
            )
            s.add(plan)
            await s.flush()
            self.plans[(key, year)] = plan.id
            return plan.id

    async def evaluate(
        self,
        key: str,
        predicate: Predicate,
        *,
        semester: int | None = 1,
        year: int = 2026,
        finalised_at: datetime | None = None,
        self_predicate: Predicate | None = None,
        assessor: str | None = None,
        employee_id: int | None = None,
        assessor_id: int | None = None,
        policy: ObjectionPolicy = DEFAULT_POLICY,
    ) -> int:
        """A DITETAPKAN evaluation (PERIODIK for a 2026 semester, or TAHUNAN when None), with
        the objection filing deadline finalising fixes under ``policy``."""
        plan_id = await self.plan(key, year, employee_id)
        set_at = finalised_at or datetime(year, 7, 1, 3, 0, tzinfo=UTC)
        result, behavior = RATINGS[predicate]
        self_result, self_behavior = RATINGS[self_predicate] if self_predicate else (None, None)
        async with self.db.write() as s:
            row = Evaluation(
                plan_id=plan_id,
                kind=EvaluationKind.PERIODIK if semester else EvaluationKind.TAHUNAN,
                period_id=self.periods[semester - 1] if semester else None,
                status=EvaluationStatus.DITETAPKAN,
                assessor_employee_id=assessor_id
                or self.org.ids.get(f"emp:{assessor or ASSESSOR.get(key, '')}"),
                self_result_rating=self_result,
                self_behavior_rating=self_behavior,
                proposed_result_rating=result,
                result_rating=result,
                proposed_behavior_rating=behavior,
                behavior_rating=behavior,
                predicate=predicate,
                finalised_at=set_at,
                objection_filing_deadline=filing_deadline_of(set_at, policy),
            )
            s.add(row)
            await s.flush()
            return row.id

    async def evaluation(self, evaluation_id: int) -> Evaluation:
        async with self.db.read() as s:
            row = await s.get(Evaluation, evaluation_id)
            assert row is not None
            return row

    async def set_predicate(self, evaluation_id: int, predicate: Predicate) -> None:
        result, behavior = RATINGS[predicate]
        async with self.db.write() as s:
            row = await s.get(Evaluation, evaluation_id)
            assert row is not None
            row.predicate, row.result_rating, row.behavior_rating = predicate, result, behavior


@pytest.fixture
async def cal(db: Database, small_org: SmallOrg) -> Cal:
    years: dict[int, int] = {}
    periods: list[int] = []
    async with db.write() as s:
        for y in (2025, 2026):
            row = AppraisalYear(
                year=y,
                cadence=Cadence.SEMESTER,
                plan_deadline=date(y, 1, 31),
                realization_due_days=5,
                status=YearStatus.DIBUKA,
            )
            s.add(row)
            await s.flush()
            years[y] = row.id
        rows = [
            AppraisalPeriod(
                year_id=years[2026],
                number=spec.number,
                start_date=spec.start,
                end_date=spec.end,
                realization_due=spec.realization_due,
            )
            for spec in build_periods(2026, Cadence.SEMESTER, 5)
        ]
        s.add_all(rows)
        await s.flush()
        periods = [p.id for p in rows]
    return Cal(db, small_org, years, periods)


ROLES = ("staf", "kabid", "kadis", "staf2", "manager", "hradmin", "auditor", "sysadmin")
