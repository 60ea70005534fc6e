"""The province generator's evaluated last year: what calibration and the reports read."""

from __future__ import annotations

from collections import Counter
from datetime import date

import sqlalchemy as sa

from server.db.engine import Database
from server.db.models import (
    AppraisalPeriod,
    AppraisalYear,
    Evaluation,
    PerformancePlan,
    Position,
    PositionAssignment,
)
from server.db.models.evaluation import rated_unit_of
from server.demo import generate_city
from server.demo.seed import load_demo_city
from server.demo.seed_province import load_province_work
from server.domain.enums import EvaluationKind, EvaluationStatus, Predicate, YearStatus
from server.domain.evaluation import matrix_on
from server.services.actor import system_actor

TODAY = date(2026, 11, 20)
EMPLOYEES = 300


async def test_last_year_is_closed_and_every_skp_evaluated_as_the_rules_say(db: Database) -> None:
    city = generate_city(seed=3373, employees=EMPLOYEES, today=TODAY)
    actor = system_actor("test-province")
    await load_demo_city(db, city, actor)
    report = await load_province_work(db, city, actor, year=TODAY.year, today=TODAY)
    assert report.evaluations == 5 * report.plans > 0  # four Triwulan and the annual one

    async with db.read() as s:
        last = (
            await s.execute(sa.select(AppraisalYear).where(AppraisalYear.year == TODAY.year - 1))
        ).scalar_one()
        assert last.status is YearStatus.DITUTUP
        periods = dict(
            (await s.execute(sa.select(AppraisalPeriod.id, AppraisalPeriod.number).where(
                AppraisalPeriod.year_id == last.id
            ))).all()
        )  # fmt: skip
        assert sorted(periods.values()) == [1, 2, 3, 4]
        this_year = set(
            (
                await s.scalars(
                    sa.select(PerformancePlan.employee_id)
                    .join(AppraisalYear)
                    .where(AppraisalYear.year == TODAY.year)
                )
            ).all()
        )
        rows = (
            await s.execute(
                sa.select(Evaluation, PerformancePlan.employee_id)
                .join(PerformancePlan, PerformancePlan.id == Evaluation.plan_id)
                .where(PerformancePlan.year_id == last.id)
            )
        ).all()
        unit_of = dict(
            (
                await s.execute(
                    sa.select(PositionAssignment.employee_id, Position.unit_id).join(
                        Position, Position.id == PositionAssignment.position_id
                    )
                )
            ).all()
        )

    per_pegawai = Counter(employee for _, employee in rows)
    assert set(per_pegawai) == this_year
    assert set(per_pegawai.values()) == {5}
    matrix = matrix_on(date(TODAY.year - 1, 12, 31))
    kinds: Counter[tuple[EvaluationKind, int | None]] = Counter()
    for ev, employee in rows:
        kinds[ev.kind, periods.get(ev.period_id) if ev.period_id else None] += 1
        assert ev.status in (EvaluationStatus.DITETAPKAN, EvaluationStatus.DITERIMA)
        assert (ev.acknowledged_at is not None) == (ev.status is EvaluationStatus.DITERIMA)
        assert ev.finalised_at is not None
        assert ev.objection_filing_deadline is not None
        assert ev.result_rating is not None
        assert ev.behavior_rating is not None
        assert ev.predicate is matrix.predicate(ev.result_rating, ev.behavior_rating)
        # The reports group by the copy of the snapshot's unit: both the pegawai's unit.
        assert ev.rated_unit_id == rated_unit_of(ev.identity_snapshot) == unit_of[employee]
    assert set(kinds.values()) == {len(this_year)}
    annual = Counter(ev.predicate for ev, _ in rows if ev.kind is EvaluationKind.TAHUNAN)
    # Spread as the demo city's: Baik the most, more than one predicate below it.
    assert annual.most_common(1)[0][0] is Predicate.BAIK
    assert len(annual) >= 3
