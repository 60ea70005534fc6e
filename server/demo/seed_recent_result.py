"""The demo employee's recent result: a periodic evaluation set a moment ago, Butuh Perbaikan,
inside its keberatan window, so the person trying the demo can read it, acknowledge it or
object, and the Atasan Pejabat Penilai (the demo Kepala Bidang) can decide.

Last year's results (server.demo.evaluations) were all set months ago, outside any window.
This one goes through the evaluation service as the demo Kepala Seksi (the pegawai's Pejabat
Penilai), so everything about it is what the portal itself records: judgements, explanation,
frozen identities, the filing deadline fixed on the record, the audit events and the
notification to the pegawai.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from server.db.engine import Database
from server.db.models import (
    AppraisalPeriod,
    AppraisalYear,
    Employee,
    PerformancePlan,
    UserAccount,
    WorkResult,
)
from server.demo import DemoCity
from server.demo.performance import demo_cast
from server.domain.deadlines import DEFAULT_POLICY, ObjectionPolicy
from server.domain.enums import CoreValue, EvaluationKind, Rating
from server.domain.planning import IN_FORCE
from server.services.actor import Actor
from server.services.evaluation import evaluations as service

RESULT_FEEDBACK = (
    "Realisasi bulan ini jauh di bawah target; dokumen pendukung belum lengkap. Mari kita "
    "bahas langkah perbaikannya dalam dialog kinerja."
)
ASSESSOR_NOTE = (
    "Sebagian besar hasil kerja bulan ini belum mencapai target. Perilaku kerja sesuai "
    "ekspektasi. Saya siap mendampingi perbaikan pada periode berikutnya."
)


@dataclass(frozen=True)
class RecentResult:
    evaluation_id: int
    period_number: int
    objection_deadline: date


async def stage_recent_result(
    db: Database, city: DemoCity, *, today: date, policy: ObjectionPolicy = DEFAULT_POLICY
) -> RecentResult | None:
    """Set the demo pelaksana's evaluation of the latest ended period (or, in the first month,
    the running one) as Butuh Perbaikan. None when the demo has no such SKP to evaluate."""
    cast = demo_cast(city)
    async with db.read() as s:
        pegawai = await s.scalar(sa.select(Employee.id).where(Employee.nip == cast.pelaksana))
        account = await s.scalar(
            sa.select(UserAccount)
            .join(Employee, Employee.id == UserAccount.employee_id)
            .where(Employee.nip == cast.kasi)
        )
        if pegawai is None or account is None:
            return None
        plan = await s.scalar(
            sa.select(PerformancePlan)
            .join(AppraisalYear, AppraisalYear.id == PerformancePlan.year_id)
            .where(
                PerformancePlan.employee_id == pegawai,
                AppraisalYear.year == today.year,
                PerformancePlan.status.in_(IN_FORCE),
            )
        )
        if plan is None:
            return None
        periods = (
            await s.scalars(
                sa.select(AppraisalPeriod)
                .where(AppraisalPeriod.year_id == plan.year_id, AppraisalPeriod.start_date <= today)
                .order_by(AppraisalPeriod.number)
            )
        ).all()
        ended = [p for p in periods if p.end_date < today]
        candidates = ended or list(periods)
        period = candidates[-1] if candidates else None
        results = (
            await s.scalars(
                sa.select(WorkResult.id)
                .where(WorkResult.plan_id == plan.id)
                .order_by(WorkResult.ordinal, WorkResult.id)
            )
        ).all()
        if period is None or not results:
            return None
        plan_id, period_id, period_number = plan.id, period.id, period.number
    kasi = Actor(account_id=account.id, login=account.login, employee_id=account.employee_id)
    ev = await service.start_evaluation(
        db, kasi, plan_id, EvaluationKind.PERIODIK, period_id, today=today
    )
    await service.save_judgements(
        db,
        kasi,
        ev.id,
        work_results=[
            service.WorkResultJudgementInput(r, Rating.DI_BAWAH_EKSPEKTASI, RESULT_FEEDBACK)
            for r in results
        ],
        behaviors=[
            service.BehaviorObservationInput(v, Rating.SESUAI_EKSPEKTASI) for v in CoreValue
        ],
        today=today,
    )
    await service.confirm_ratings(
        db,
        kasi,
        ev.id,
        result_rating=None,
        result_reason=None,
        behavior_rating=None,
        behavior_reason=None,
        assessor_note=ASSESSOR_NOTE,
        today=today,
    )
    done = await service.finalise_evaluation(db, kasi, ev.id, policy=policy, today=today)
    assert done.objection_filing_deadline is not None
    return RecentResult(done.id, period_number, done.objection_filing_deadline)
