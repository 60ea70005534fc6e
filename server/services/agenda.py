"""The staff home page's agenda (agenda kerja): what needs the signed-in person now.

One call gathers, for the actor's own employee record only:

- **my SKP** of the current appraisal year: to draft (none yet, or a draft), to revise
  (rejected), or waiting for the Pejabat Penilai;
- **SKPs to approve**: submitted to me (the Pejabat Penilai fixed on the SKP);
- **realisasi due**: periods of my SKP in force whose realisasi deadline falls in this month or
  has passed, that lack a confirmed realisasi for some IKI (until BKPSDM closes the period);
- **evaluations to do**: SKPs I rate with an ended, unclosed period (or an ended year) without a
  finalised evaluation, one item per SKP naming the earliest such period;
- **self-assessments waiting** (penilaian diri): draft evaluations of mine that my Pejabat
  Penilai has started and not rated yet, in which I have not entered my own ratings;
- **my results**: evaluations set for me that I have not acknowledged yet, or whose keberatan
  window is still open (with its deadline);
- **keberatan**: those waiting for my decision as Atasan Pejabat Penilai (with their deadline),
  and my own waiting for a decision;
- **coaching**: running coaching plans in which I am the coachee, or the mentor (else the
  penilai), with whether a check-in is due;
- the number of **unread notifications**.

Scoping: every statement is filtered by the actor's employee id, so nobody sees another person's
agenda; an account without an employee record has an empty agenda. The number of statements is
fixed (it does not depend on how many people the actor rates: tests count them).
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server.db.engine import Database
from server.db.models import (
    AppraisalPeriod,
    AppraisalYear,
    CoachingPlan,
    Employee,
    Evaluation,
    Indicator,
    Objection,
    PerformancePlan,
    WorkResult,
)
from server.domain.enums import (
    Cadence,
    CoachingStatus,
    EvaluationKind,
    EvaluationStatus,
    ObjectionStatus,
    PlanStatus,
    Predicate,
    YearStatus,
)
from server.domain.evaluation import FINALISED
from server.domain.planning import AWAITING_ASSESSOR, IN_FORCE
from server.services.actor import Actor
from server.services.due_items import (
    coaching_mentor,
    last_check_in,
    periodic_evaluation_due,
    realization_confirmed,
    realization_open,
)
from server.services.notifications import CHECK_IN_EVERY_DAYS, unread_of

TO_DO_STATUSES = frozenset({PlanStatus.DRAFT, PlanStatus.DITOLAK, PlanStatus.REVISI_DRAFT})


@dataclass(frozen=True)
class MyPlanItem:
    """My SKP of the current appraisal year; ``plan_id`` None: not started yet."""

    year: int
    plan_deadline: date
    plan_id: int | None
    status: PlanStatus | None
    rejection_reason: str | None


@dataclass(frozen=True)
class PlanToApprove:
    plan_id: int
    year: int
    employee_id: int
    employee_name: str
    status: PlanStatus
    submitted_at: datetime | None


@dataclass(frozen=True)
class RealizationDue:
    plan_id: int
    year: int
    cadence: Cadence
    period_id: int
    period_number: int
    due: date
    indicators_missing: int  # IKI without a confirmed realisasi for the period


@dataclass(frozen=True)
class EvaluationToDo:
    plan_id: int
    year: int
    cadence: Cadence
    employee_id: int
    employee_name: str
    period_number: int | None  # None: the annual evaluation
    other_periods: int  # further periods of the same SKP still to evaluate
    draft_evaluation_id: int | None


@dataclass(frozen=True)
class SelfAssessmentDue:
    """A draft evaluation of mine, not rated yet, without my penilaian diri."""

    evaluation_id: int
    year: int
    cadence: Cadence
    kind: EvaluationKind
    period_number: int | None
    assessor_name: str | None


@dataclass(frozen=True)
class MyResult:
    evaluation_id: int
    year: int
    cadence: Cadence
    kind: EvaluationKind
    period_number: int | None
    status: EvaluationStatus
    predicate: Predicate | None
    objection_deadline: date | None  # None: the window is closed or a keberatan was filed


@dataclass(frozen=True)
class ObjectionItem:
    objection_id: int
    evaluation_id: int
    employee_name: str  # who filed it
    decision_deadline: date


@dataclass(frozen=True)
class CoachingItem:
    coaching_plan_id: int
    employee_name: str  # the coachee
    as_mentor: bool  # False: I am the coachee
    ends_on: date
    last_check_in: date | None
    check_in_due: bool


@dataclass
class Agenda:
    today: date
    my_plan: MyPlanItem | None = None
    work_log_plan_id: int | None = None  # my SKP in force this year (daily work log goes there)
    plans_to_approve: list[PlanToApprove] = field(default_factory=list)
    realizations_due: list[RealizationDue] = field(default_factory=list)
    evaluations_to_do: list[EvaluationToDo] = field(default_factory=list)
    self_assessments_due: list[SelfAssessmentDue] = field(default_factory=list)
    my_results: list[MyResult] = field(default_factory=list)
    objections_to_decide: list[ObjectionItem] = field(default_factory=list)
    my_objections: list[ObjectionItem] = field(default_factory=list)
    coaching: list[CoachingItem] = field(default_factory=list)
    unread_notifications: int = 0


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


async def _my_plan(
    session: AsyncSession, me: int, today: date
) -> tuple[MyPlanItem | None, int | None]:
    """My SKP of this year if something is to be done on it, and its id if it is in force."""
    row = (
        await session.execute(
            sa.select(
                AppraisalYear.year,
                AppraisalYear.plan_deadline,
                PerformancePlan.id,
                PerformancePlan.status,
                PerformancePlan.rejection_reason,
            )
            .outerjoin(
                PerformancePlan,
                sa.and_(
                    PerformancePlan.year_id == AppraisalYear.id,
                    PerformancePlan.employee_id == me,
                ),
            )
            .where(AppraisalYear.year == today.year, AppraisalYear.status == YearStatus.DIBUKA)
        )
    ).first()
    if row is None:
        return None, None
    year, deadline, plan_id, status, reason = row
    in_force = plan_id if status in IN_FORCE else None
    if status is not None and status not in TO_DO_STATUSES and status not in AWAITING_ASSESSOR:
        return None, in_force  # set: nothing to do on the SKP itself
    return MyPlanItem(year, deadline, plan_id, status, reason), in_force


def _fixed_to(me: int | None) -> sa.ColumnElement[bool]:
    """SKPs whose Pejabat Penilai is ``me`` (None: the Kepala Daerah, who has no employee)."""
    if me is None:
        return PerformancePlan.assessed_by_kepala_daerah.is_(True)
    return PerformancePlan.assessor_employee_id == me


def _plans_i_rate(
    me: int | None, statuses: Iterable[PlanStatus], *columns: sa.orm.QueryableAttribute[Any]
) -> sa.Select[Any]:
    """``columns`` of the SKPs in ``statuses`` of an open year whose Pejabat Penilai is ``me``,
    their pegawai (``Employee``) and year joined."""
    return (
        sa.select(PerformancePlan.id, *columns)
        .join(Employee, Employee.id == PerformancePlan.employee_id)
        .join(AppraisalYear, AppraisalYear.id == PerformancePlan.year_id)
        .where(
            _fixed_to(me),
            PerformancePlan.status.in_(statuses),
            AppraisalYear.status == YearStatus.DIBUKA,
        )
    )


async def _plans_to_approve(session: AsyncSession, me: int | None) -> list[PlanToApprove]:
    rows = await session.execute(
        _plans_i_rate(
            me,
            AWAITING_ASSESSOR,
            AppraisalYear.year,
            Employee.id,
            Employee.name,
            PerformancePlan.status,
            PerformancePlan.submitted_at,
        ).order_by(PerformancePlan.submitted_at, PerformancePlan.id)
    )
    return [PlanToApprove(*row) for row in rows]


async def _realizations_due(session: AsyncSession, me: int, today: date) -> list[RealizationDue]:
    confirmed = realization_confirmed()
    missing = (
        sa.select(sa.func.count(Indicator.id))
        .join(WorkResult, WorkResult.id == Indicator.work_result_id)
        .where(WorkResult.plan_id == PerformancePlan.id, ~confirmed)
        .correlate(PerformancePlan, AppraisalPeriod)
        .scalar_subquery()
    )
    rows = await session.execute(
        sa.select(
            PerformancePlan.id,
            AppraisalYear.year,
            AppraisalYear.cadence,
            AppraisalPeriod.id,
            AppraisalPeriod.number,
            AppraisalPeriod.realization_due,
            missing,
        )
        .join(AppraisalYear, AppraisalYear.id == PerformancePlan.year_id)
        .join(AppraisalPeriod, AppraisalPeriod.year_id == PerformancePlan.year_id)
        .where(
            PerformancePlan.employee_id == me,
            *realization_open(today, due_by=month_end(today)),
            missing > 0,
        )
        .order_by(AppraisalPeriod.realization_due, AppraisalPeriod.number)
    )
    return [RealizationDue(*row) for row in rows]


async def _evaluations_to_do(
    session: AsyncSession, me: int | None, today: date
) -> list[EvaluationToDo]:
    base = _plans_i_rate(
        me, IN_FORCE, AppraisalYear.year, AppraisalYear.cadence, Employee.id, Employee.name
    )
    periodic = await session.execute(
        base.add_columns(AppraisalPeriod.number)
        .join(AppraisalPeriod, AppraisalPeriod.year_id == PerformancePlan.year_id)
        .where(*periodic_evaluation_due(today))
        .order_by(Employee.name, PerformancePlan.id, AppraisalPeriod.number)
    )
    finalised_annual = (
        sa.exists()
        .where(
            Evaluation.plan_id == PerformancePlan.id,
            Evaluation.kind == EvaluationKind.TAHUNAN,
            Evaluation.status.in_(FINALISED),
        )
        .correlate(PerformancePlan)
    )
    annual = await session.execute(
        base.add_columns(sa.literal(None).label("number"))
        .where(AppraisalYear.year < today.year, ~finalised_annual)
        .order_by(Employee.name, PerformancePlan.id)
    )
    Row = tuple[int, int, Cadence, int, str, int | None]
    by_plan: dict[tuple[int, EvaluationKind], list[Row]] = defaultdict(list)
    for kind, found in ((EvaluationKind.PERIODIK, periodic), (EvaluationKind.TAHUNAN, annual)):
        for plan_id, year, cadence, employee_id, name, number in found:
            by_plan[(plan_id, kind)].append((plan_id, year, cadence, employee_id, name, number))
    drafts = await _drafts(session, [plan_id for plan_id, _ in by_plan])
    items = []
    for (plan_id, kind), rows in by_plan.items():
        _, year, cadence, employee_id, name, number = rows[0]
        items.append(
            EvaluationToDo(
                plan_id=plan_id,
                year=year,
                cadence=cadence,
                employee_id=employee_id,
                employee_name=name,
                period_number=number,
                other_periods=len(rows) - 1,
                draft_evaluation_id=drafts.get((plan_id, kind, number)),
            )
        )
    return items


async def _drafts(
    session: AsyncSession, plan_ids: list[int]
) -> dict[tuple[int, EvaluationKind, int | None], int]:
    """Draft evaluations already started on these SKPs (which I rate), by (plan, kind, period
    number)."""
    if not plan_ids:
        return {}
    rows = await session.execute(
        sa.select(Evaluation.id, Evaluation.plan_id, Evaluation.kind, AppraisalPeriod.number)
        .outerjoin(AppraisalPeriod, AppraisalPeriod.id == Evaluation.period_id)
        .where(
            Evaluation.plan_id.in_(sorted(set(plan_ids))),
            Evaluation.status == EvaluationStatus.DRAFT,
        )
    )
    return {(plan_id, kind, number): ev_id for ev_id, plan_id, kind, number in rows}


def _my_evaluations(me: int, *more: Any) -> sa.Select[Any]:
    """The evaluations of my own SKPs: id, year, cadence, kind and period number (None for the
    annual one), then the ``more`` columns."""
    return (
        sa.select(
            Evaluation.id,
            AppraisalYear.year,
            AppraisalYear.cadence,
            Evaluation.kind,
            AppraisalPeriod.number,
            *more,
        )
        .join(PerformancePlan, PerformancePlan.id == Evaluation.plan_id)
        .join(AppraisalYear, AppraisalYear.id == PerformancePlan.year_id)
        .outerjoin(AppraisalPeriod, AppraisalPeriod.id == Evaluation.period_id)
        .where(PerformancePlan.employee_id == me)
    )


async def _self_assessments_due(session: AsyncSession, me: int) -> list[SelfAssessmentDue]:
    # The same window as save_self_assessment: a draft, before the penilai sets any rating.
    rows = await session.execute(
        _my_evaluations(me, Employee.name)
        .outerjoin(Employee, Employee.id == Evaluation.assessor_employee_id)
        .where(
            Evaluation.status == EvaluationStatus.DRAFT,
            Evaluation.result_rating.is_(None),
            Evaluation.behavior_rating.is_(None),
            Evaluation.self_result_rating.is_(None),
            Evaluation.self_behavior_rating.is_(None),
        )
        .order_by(AppraisalYear.year, Evaluation.kind, AppraisalPeriod.number, Evaluation.id)
    )
    return [SelfAssessmentDue(*row) for row in rows]


async def _my_results(session: AsyncSession, me: int, today: date) -> list[MyResult]:
    # Only results that can still matter: not acknowledged yet, or still inside the filing
    # window fixed on the evaluation when its result was set (never recomputed from settings).
    has_objection = (
        sa.exists().where(Objection.evaluation_id == Evaluation.id).correlate(Evaluation)
    )
    rows = await session.execute(
        _my_evaluations(
            me,
            Evaluation.status,
            Evaluation.predicate,
            Evaluation.objection_filing_deadline,
            has_objection,
        )
        .where(
            Evaluation.status.in_(FINALISED),
            sa.or_(
                Evaluation.status == EvaluationStatus.DITETAPKAN,
                Evaluation.objection_filing_deadline >= today,
            ),
        )
        .order_by(Evaluation.finalised_at.desc(), Evaluation.id.desc())
    )
    results = []
    for ev_id, year, cadence, kind, number, status, predicate, filing_deadline, objected in rows:
        deadline: date | None = None
        if filing_deadline is not None and not objected and today <= filing_deadline:
            deadline = filing_deadline
        if status is EvaluationStatus.DITERIMA and deadline is None:
            continue
        results.append(MyResult(ev_id, year, cadence, kind, number, status, predicate, deadline))
    return results


async def _objections(
    session: AsyncSession, me: int | None
) -> tuple[list[ObjectionItem], list[ObjectionItem]]:
    """Keberatan to decide and my own pending ones (``me`` None: the Kepala Daerah's)."""
    if me is None:
        to_me: sa.ColumnElement[bool] = Objection.decided_by_kepala_daerah.is_(True)
    else:
        to_me = sa.or_(Objection.decider_employee_id == me, Objection.filed_by_employee_id == me)
    rows = await session.execute(
        sa.select(
            Objection.id,
            Objection.evaluation_id,
            Employee.name,
            Objection.decision_deadline,
            Objection.decider_employee_id,
        )
        .join(Employee, Employee.id == Objection.filed_by_employee_id)
        .where(Objection.status == ObjectionStatus.DIAJUKAN, to_me)
        .order_by(Objection.decision_deadline, Objection.id)
    )
    to_decide: list[ObjectionItem] = []
    mine: list[ObjectionItem] = []
    for objection_id, evaluation_id, name, deadline, decider in rows:
        item = ObjectionItem(objection_id, evaluation_id, name, deadline)
        (to_decide if me is None or decider == me else mine).append(item)
    return to_decide, mine


async def _coaching(session: AsyncSession, me: int, today: date) -> list[CoachingItem]:
    last_check = last_check_in()
    # The same person the daily reminder goes to: the mentor, else the penilai of the result.
    mentor = coaching_mentor()
    rows = await session.execute(
        sa.select(
            CoachingPlan.id,
            Employee.name,
            CoachingPlan.employee_id,
            CoachingPlan.starts_on,
            CoachingPlan.ends_on,
            last_check,
        )
        .join(Evaluation, Evaluation.id == CoachingPlan.evaluation_id)
        .join(PerformancePlan, PerformancePlan.id == Evaluation.plan_id)
        .join(Employee, Employee.id == CoachingPlan.employee_id)
        .where(
            CoachingPlan.status == CoachingStatus.BERJALAN,
            sa.or_(CoachingPlan.employee_id == me, mentor == me),
        )
        .order_by(CoachingPlan.ends_on, CoachingPlan.id)
    )
    since = today - timedelta(days=CHECK_IN_EVERY_DAYS)
    items = []
    for plan_id, name, coachee, starts_on, ends_on, last in rows:
        due = starts_on <= since and (last is None or last <= since)
        items.append(CoachingItem(plan_id, name, coachee != me, ends_on, last, due))
    return items


async def _unread(session: AsyncSession, actor: Actor) -> int:
    return await unread_of(session, actor)


async def load_agenda(db: Database, actor: Actor, *, today: date) -> Agenda:
    """What needs ``actor`` on ``today``."""
    agenda = Agenda(today=today)
    me = actor.employee_id
    if me is None:
        if actor.is_kepala_daerah:
            await _kepala_daerah_agenda(db, actor, agenda, today)
        return agenda
    async with db.read() as session:
        agenda.my_plan, agenda.work_log_plan_id = await _my_plan(session, me, today)
        agenda.plans_to_approve = await _plans_to_approve(session, me)
        agenda.realizations_due = await _realizations_due(session, me, today)
        agenda.evaluations_to_do = await _evaluations_to_do(session, me, today)
        agenda.self_assessments_due = await _self_assessments_due(session, me)
        agenda.my_results = await _my_results(session, me, today)
        agenda.objections_to_decide, agenda.my_objections = await _objections(session, me)
        agenda.coaching = await _coaching(session, me, today)
        agenda.unread_notifications = await _unread(session, actor)
    return agenda


async def _kepala_daerah_agenda(db: Database, actor: Actor, agenda: Agenda, today: date) -> None:
    """The Wali Kota has no SKP of their own: what they rate and decide, and their bell."""
    async with db.read() as session:
        agenda.plans_to_approve = await _plans_to_approve(session, None)
        agenda.evaluations_to_do = await _evaluations_to_do(session, None, today)
        agenda.objections_to_decide, _ = await _objections(session, None)
        agenda.unread_notifications = await _unread(session, actor)
