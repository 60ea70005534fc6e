"""The demo loader for last year's evaluations: a small city, checked in the database."""

from __future__ import annotations

from collections import Counter
from datetime import date

import httpx
import pytest
import sqlalchemy as sa

from server.api.internal.planning.types import identity_from_json
from server.db.engine import Database
from server.db.models import (
    AppraisalPeriod,
    AppraisalYear,
    AuditEvent,
    BehaviorObservation,
    CalibrationDecision,
    CoachingCheckIn,
    CoachingPlan,
    Employee,
    Evaluation,
    Objection,
    OrgPredicateAssignment,
    PerformancePlan,
    WorkResult,
    WorkResultJudgement,
)
from server.demo import DEMO_PASSWORD, generate_city
from server.demo.evaluations import generate_evaluations
from server.demo.seed import load_demo_city
from server.demo.seed_evaluations import load_demo_evaluations
from server.domain.enums import (
    EvaluationKind,
    EvaluationStatus,
    ObjectionStatus,
    Predicate,
    WorkResultKind,
    YearStatus,
)
from server.domain.evaluation import LOW_PREDICATES, Judged, matrix_on, propose_rating
from server.services.actor import system_actor
from server.services.audit import verify_audit_chain
from tests.conftest import gql, login

TODAY = date(2026, 6, 20)
EMPLOYEES = 400


@pytest.fixture
async def seeded(db: Database) -> int:
    city = generate_city(seed=3373, employees=EMPLOYEES, today=TODAY)
    await load_demo_city(db, city, system_actor("test"))
    report = await load_demo_evaluations(
        db, city, generate_evaluations(city, seed=3373, today=TODAY), system_actor("test")
    )
    return report.year


async def test_last_year_is_fully_evaluated(db: Database, seeded: int) -> None:
    async with db.read() as s:
        year = (await s.scalars(sa.select(AppraisalYear).where(AppraisalYear.year == seeded))).one()
        assert year.status is YearStatus.DITUTUP
        periods = (
            await s.scalars(sa.select(AppraisalPeriod).where(AppraisalPeriod.year_id == year.id))
        ).all()
        assert len(periods) == 4
        assert all(p.evaluated_at is not None for p in periods)
        city = generate_city(seed=3373, employees=EMPLOYEES, today=TODAY)
        expected = {
            e.nip for e in city.employees if e.position_key and e.appointment_date.year < seeded
        }
        ids = dict((await s.execute(sa.select(Employee.nip, Employee.id))).all())
        holders = {ids[n] for n in expected}
        annual = dict(
            (
                await s.execute(
                    sa.select(PerformancePlan.employee_id, Evaluation.predicate)
                    .join(Evaluation, Evaluation.plan_id == PerformancePlan.id)
                    .where(
                        PerformancePlan.year_id == year.id,
                        Evaluation.kind == EvaluationKind.TAHUNAN,
                        Evaluation.status.in_(
                            (EvaluationStatus.DITETAPKAN, EvaluationStatus.DITERIMA)
                        ),
                    )
                )
            ).all()
        )
        positioned = set(
            (await s.scalars(sa.select(PerformancePlan.employee_id).where(
                PerformancePlan.year_id == year.id
            ))).all()
        )  # fmt: skip
        assert positioned == set(annual)
        assert positioned == holders
        assert set(Counter(annual.values())) == set(Predicate)

        evaluations = (
            await s.scalars(
                sa.select(Evaluation)
                .join(PerformancePlan, PerformancePlan.id == Evaluation.plan_id)
                .where(PerformancePlan.year_id == year.id)
            )
        ).all()
        kinds = dict((await s.execute(sa.select(WorkResult.id, WorkResult.kind))).all())
        judged: dict[int, list[Judged]] = {}
        for j in (await s.scalars(sa.select(WorkResultJudgement))).all():
            judged.setdefault(j.evaluation_id, []).append(
                Judged(j.rating, kinds[j.work_result_id] is WorkResultKind.UTAMA)
            )
        observed = Counter((await s.scalars(sa.select(BehaviorObservation.evaluation_id))).all())
        for ev in evaluations:
            # Every seeded evaluation is decided: both ratings, a predicate and its explanation.
            assert ev.result_rating is not None
            assert ev.behavior_rating is not None
            assert ev.predicate is matrix_on(date(seeded, 12, 31)).predicate(
                ev.result_rating, ev.behavior_rating
            )
            assert ev.explanation is not None
            assert ev.explanation["rules_applied"]
            if ev.kind is EvaluationKind.PERIODIK:
                assert observed[ev.id] == 7
                assert propose_rating(judged[ev.id]).rating is ev.proposed_result_rating
                assert (ev.result_rating is ev.proposed_result_rating) == (
                    ev.result_override_reason is None
                )

        low = {ev.id for ev in evaluations if ev.kind is EvaluationKind.TAHUNAN
               and ev.predicate in LOW_PREDICATES}  # fmt: skip
        coached = set((await s.scalars(sa.select(CoachingPlan.evaluation_id))).all())
        assert coached == low
        assert await s.scalar(sa.select(sa.func.count()).select_from(CoachingCheckIn))

        objections = (await s.scalars(sa.select(Objection))).all()
        statuses = Counter(o.status for o in objections)
        assert statuses[ObjectionStatus.DITOLAK]
        assert statuses[ObjectionStatus.DIUBAH]
        by_id = {ev.id: ev for ev in evaluations}
        for o in objections:
            if o.status is ObjectionStatus.DIUBAH:
                ev = by_id[o.evaluation_id]
                assert o.previous_result is not None
                assert ev.predicate is not None
                assert ev.result_rating is not None
                assert o.previous_result["predicate"] != ev.predicate.value or (
                    o.previous_result["result_rating"] != ev.result_rating.value
                )
            else:
                assert o.previous_result is None
        # Some were filed during the year against a quarterly result, inside its windows.
        periodic = [o for o in objections if by_id[o.evaluation_id].kind is EvaluationKind.PERIODIK]
        assert periodic
        for o in periodic:
            ev = by_id[o.evaluation_id]
            assert o.status is ObjectionStatus.DITOLAK
            assert o.filing_deadline == ev.objection_filing_deadline
            assert ev.finalised_at is not None
            assert o.decided_at is not None
            assert ev.finalised_at < o.created_at < o.decided_at
            assert o.created_at.year == o.decided_at.year == seeded
            assert o.decision_deadline >= o.filing_deadline

        assert await s.scalar(
            sa.select(sa.func.count())
            .select_from(OrgPredicateAssignment)
            .where(OrgPredicateAssignment.year_id == year.id)
        )
        for c in (await s.scalars(sa.select(CalibrationDecision))).all():
            assert c.within_pattern or len(c.justification or "") >= 20
        events = (
            await s.scalars(
                sa.select(AuditEvent.action).where(AuditEvent.action == "demo.seed_evaluations")
            )
        ).all()
        assert len(events) == 1
    assert (await verify_audit_chain(db)).intact


async def test_every_seeded_evaluation_reads_through_the_api(
    db: Database, seeded: int, client: httpx.AsyncClient
) -> None:
    """Found by fuzzing: an evaluation of someone without a Pejabat Penilai (the top of the
    instansi) carried a snapshot with no penilai and crashed `evaluation(id)`. Such a snapshot
    is now not stored (as for plans), and a reader tolerates one."""
    async with db.read() as session:
        ids = (await session.scalars(sa.select(Evaluation.id).order_by(Evaluation.id))).all()
        unassessed = (
            await session.scalars(
                sa.select(Evaluation).where(Evaluation.assessor_employee_id.is_(None))
            )
        ).all()
    assert unassessed
    assert all(ev.identity_snapshot is None for ev in unassessed)
    await login(client, "admin.bkpsdm", DEMO_PASSWORD)
    query = "query($id: ID!) { evaluation(id: $id) { id identitySnapshot { penilai { name } } } }"
    for evaluation_id in [unassessed[0].id, ids[0], ids[-1]]:
        body = await gql(client, query, {"id": str(evaluation_id)})
        assert "errors" not in body, body
        assert body["data"]["evaluation"]["id"] == str(evaluation_id)


def test_a_snapshot_without_both_people_has_no_identity() -> None:
    person = {
        "employee_id": 1,
        "name": "A",
        "nip": "1",
        "golongan": "III/a",
        "pangkat": "Penata Muda",
        "jabatan": None,
        "unit": None,
    }
    assert (
        identity_from_json({"taken_on": "2025-12-31", "pegawai": person, "penilai": None}) is None
    )
    assert identity_from_json({"taken_on": "2025-12-31", "pegawai": person}) is None
    full = identity_from_json({"taken_on": "2025-12-31", "pegawai": person, "penilai": person})
    assert full is not None
    assert full.penilai.name == "A"
