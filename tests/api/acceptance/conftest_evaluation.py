"""The owner's evaluation data for the issue-4 authorisation matrix, on top of issue 3's ``world``.

Built with the ORM (the matrix is about who may act, not about how the data came to be), except
the draft evaluation, which the Pejabat Penilai opens and judges through the services so that its
proposals are the system's own. Imported by test_authorization_matrix_evaluation.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from server import clock
from server.db.engine import Database
from server.db.models import (
    AppraisalYear,
    CoachingPlan,
    Evaluation,
    Notification,
    Objection,
    OrgPredicateAssignment,
    PerformancePlan,
)
from server.domain.enums import (
    Approach,
    Cadence,
    CoachingStatus,
    CoreValue,
    EvaluationKind,
    EvaluationStatus,
    ObjectionStatus,
    OrgPredicate,
    PlanStatus,
    Predicate,
    Rating,
    YearStatus,
)
from server.services import links
from server.services.actor import Actor
from server.services.evaluation import evaluations as evaluation_service
from server.services.planning.snapshots import identity_snapshot
from tests.api.acceptance.conftest import World
from tests.builders import filing_deadline_of
from tests.conftest import SmallOrg

A, S, B = Rating.DI_ATAS_EKSPEKTASI, Rating.SESUAI_EKSPEKTASI, Rating.DI_BAWAH_EKSPEKTASI


@dataclass
class EvalWorld:
    """staf's evaluations (penilai kabid, atasan penilai kadis), in ``world``'s year.

    - ``evaluation``: month 1, DITETAPKAN today, Butuh Perbaikan, no objection, no coaching plan;
      its identity snapshot places staf in BIDANG as a pejabat fungsional (for angka kredit);
    - ``draft``: month 2, DRAFT, opened and fully judged by kabid (no ratings confirmed yet);
    - month 3 has no evaluation (``startEvaluation``), month 4 is not closed;
    - ``coached``: month 5, DITETAPKAN, Kurang, with the objection ``objection`` (DIAJUKAN to
      kadis, both explanations recorded) and the coaching plan ``coaching`` (running, its
      6-month window already over);
    - ``annual`` (this year) and ``last_annual`` (last year): annual Sangat Baik;
    - ``org_predicate``: BIDANG's organisation predicate for month 1;
    - ``notification``: an unread notification of staf.
    """

    world: World
    evaluation: int
    draft: int
    coached: int
    annual: int
    last_year_id: int
    last_annual: int
    objection: int
    coaching: int
    org_predicate: int
    notification: int

    @property
    def db(self) -> Database:
        return self.world.db

    @property
    def org(self) -> SmallOrg:
        return self.world.org

    def unit(self, code: str) -> int:
        return self.org.ids[code]

    def actor(self, key: str) -> Actor:
        return Actor(
            account_id=self.org.ids[f"acc:{key}"],
            login=key,
            employee_id=self.org.ids[f"emp:{key}"],
        )

    async def rate_draft(self) -> None:
        """kabid confirms the proposals of the draft (as finaliseEvaluation needs)."""
        await evaluation_service.confirm_ratings(
            self.db,
            self.actor("kabid"),
            self.draft,
            result_rating=None,
            result_reason=None,
            behavior_rating=None,
            behavior_reason=None,
        )


def _finalised(
    plan: int,
    assessor: int,
    predicate: Predicate,
    ratings: tuple[Rating, Rating],
    *,
    period: int | None,
    at: datetime,
    snapshot: dict[str, Any] | None = None,
) -> Evaluation:
    result, behavior = ratings
    row = Evaluation(
        plan_id=plan,
        kind=EvaluationKind.PERIODIK if period else EvaluationKind.TAHUNAN,
        period_id=period,
        status=EvaluationStatus.DITETAPKAN,
        assessor_employee_id=assessor,
        proposed_result_rating=result,
        result_rating=result,
        proposed_behavior_rating=behavior,
        behavior_rating=behavior,
        predicate=predicate,
        finalised_at=at,
        objection_filing_deadline=filing_deadline_of(at),
    )
    if snapshot is not None:  # unset, not JSON null: a snapshot is taken only when it exists
        row.identity_snapshot = snapshot
    return row


@pytest.fixture
async def evworld(world: World) -> EvalWorld:
    org = world.org
    kabid = world.emp("kabid")
    now = clock.now()
    today = clock.day_of(now)
    async with world.db.write() as s:
        last_year = AppraisalYear(
            year=world.year - 1,
            cadence=Cadence.SEMESTER,
            plan_deadline=date(world.year - 1, 1, 31),
            realization_due_days=10,
            status=YearStatus.DITUTUP,
        )
        s.add(last_year)
        await s.flush()
        last_plan = PerformancePlan(
            employee_id=world.emp("staf"),
            year_id=last_year.id,
            approach=Approach.KUANTITATIF,
            status=PlanStatus.DITETAPKAN,
            assessor_employee_id=kabid,
        )
        s.add(last_plan)
        await s.flush()
        # As finaliseEvaluation freezes it, but staf as a pejabat fungsional (for angka kredit).
        snapshot = await identity_snapshot(s, world.emp("staf"), kabid, today)
        snapshot["pegawai"]["position_kind"] = "FUNGSIONAL"
        evaluation = _finalised(
            world.plan,
            kabid,
            Predicate.BUTUH_PERBAIKAN,
            (B, S),
            period=world.period(1),
            at=now,
            snapshot=snapshot,
        )
        coached = _finalised(
            world.plan, kabid, Predicate.KURANG, (S, B), period=world.period(5), at=now
        )
        annual = _finalised(world.plan, kabid, Predicate.SANGAT_BAIK, (A, A), period=None, at=now)
        last_annual = _finalised(
            last_plan.id,
            kabid,
            Predicate.SANGAT_BAIK,
            (A, A),
            period=None,
            at=datetime(world.year - 1, 12, 20, tzinfo=UTC),
        )
        s.add_all([evaluation, coached, annual, last_annual])
        await s.flush()
        objection = Objection(
            evaluation_id=coached.id,
            filed_by_employee_id=world.emp("staf"),
            decider_employee_id=world.emp("kadis"),
            reasons="Capaian bulan Mei belum diperhitungkan.",
            status=ObjectionStatus.DIAJUKAN,
            filing_deadline=today + timedelta(days=14),
            decision_deadline=today + timedelta(days=30),
            employee_explanation="Laporan Mei terlambat diunggah karena sistem gangguan.",
            assessor_explanation="Laporan diterima setelah penilaian ditetapkan.",
        )
        starts = today - timedelta(days=200)
        coaching = CoachingPlan(
            employee_id=world.emp("staf"),
            evaluation_id=coached.id,
            goals="Ketepatan waktu pelaporan.",
            actions="Pendampingan mingguan oleh penilai.",
            starts_on=starts,
            ends_on=starts + timedelta(days=183),
            status=CoachingStatus.BERJALAN,
        )
        org_predicate = OrgPredicateAssignment(
            unit_id=org.ids["BIDANG"],
            year_id=world.year_id,
            period_id=world.period(1),
            predicate=OrgPredicate.BAIK,
            basis="Saran Inspektorat atas capaian Januari.",
        )
        notification = Notification(
            employee_id=world.emp("staf"),
            kind="evaluation.finalised",
            message="Penilaian kinerja Bulan 1 telah ditetapkan.",
            link=links.evaluation(evaluation.id),
            dedupe_key=f"evaluation.finalised:{evaluation.id}",
        )
        s.add_all([objection, coaching, org_predicate, notification])
        await s.flush()
        ids = (
            evaluation.id,
            coached.id,
            annual.id,
            last_year.id,
            last_annual.id,
            objection.id,
            coaching.id,
            org_predicate.id,
            notification.id,
        )
    ev = EvalWorld(world, ids[0], 0, *ids[1:])
    kabid_actor = ev.actor("kabid")
    draft = await evaluation_service.start_evaluation(
        world.db, kabid_actor, world.plan, EvaluationKind.PERIODIK, world.period(2)
    )
    await evaluation_service.save_judgements(
        world.db,
        kabid_actor,
        draft.id,
        work_results=[
            evaluation_service.WorkResultJudgementInput(world.rhk, S, "Sesuai target."),
            evaluation_service.WorkResultJudgementInput(world.rhk2, S, None),
        ],
        behaviors=[evaluation_service.BehaviorObservationInput(v, S) for v in CoreValue],
    )
    ev.draft = draft.id
    return ev
