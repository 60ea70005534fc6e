"""What is due, as SQL pieces shared by the agenda (one person's to-do list) and the daily
reminders (everyone's), so the two never disagree on when a realisasi, a periodic evaluation or a
coaching check-in is due.

The pieces correlate with the ``PerformancePlan``, ``AppraisalYear`` and ``AppraisalPeriod`` (or
``CoachingPlan`` and ``Evaluation``) of the statement they are used in.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from server.db.models import (
    AppraisalPeriod,
    AppraisalYear,
    CoachingCheckIn,
    CoachingPlan,
    Evaluation,
    Indicator,
    PerformancePlan,
    Realization,
)
from server.domain.enums import EvaluationKind, RealizationStatus, YearStatus
from server.domain.evaluation import FINALISED
from server.domain.planning import IN_FORCE


def realization_confirmed() -> sa.Exists:
    """The IKI (``Indicator``) has a confirmed realisasi for the period."""
    return (
        sa.exists()
        .where(
            Realization.indicator_id == Indicator.id,
            Realization.period_id == AppraisalPeriod.id,
            Realization.status == RealizationStatus.DIKONFIRMASI,
        )
        .correlate(Indicator, AppraisalPeriod)
    )


def realization_open(today: date, due_by: date) -> list[sa.ColumnElement[bool]]:
    """An SKP in force in an open year, and one of its periods that has begun, is not evaluated
    yet and whose realisasi are due by ``due_by``."""
    return [
        PerformancePlan.status.in_(IN_FORCE),
        AppraisalYear.status == YearStatus.DIBUKA,
        AppraisalPeriod.evaluated_at.is_(None),
        AppraisalPeriod.start_date <= today,
        AppraisalPeriod.realization_due <= due_by,
    ]


def periodic_evaluation_finalised() -> sa.Exists:
    """The SKP's periodic evaluation of the period is finalised."""
    return (
        sa.exists()
        .where(
            Evaluation.plan_id == PerformancePlan.id,
            Evaluation.kind == EvaluationKind.PERIODIK,
            Evaluation.period_id == AppraisalPeriod.id,
            Evaluation.status.in_(FINALISED),
        )
        .correlate(PerformancePlan, AppraisalPeriod)
    )


def periodic_evaluation_due(today: date) -> list[sa.ColumnElement[bool]]:
    """A period that has ended, not closed by HR, without a finalised periodic evaluation."""
    return [
        AppraisalPeriod.evaluated_at.is_(None),
        AppraisalPeriod.end_date < today,
        ~periodic_evaluation_finalised(),
    ]


def last_check_in() -> sa.ScalarSelect[date]:
    """The day of the coaching plan's latest check-in (NULL when there was none)."""
    return (
        sa.select(sa.func.max(CoachingCheckIn.held_on))
        .where(CoachingCheckIn.coaching_plan_id == CoachingPlan.id)
        .correlate(CoachingPlan)
        .scalar_subquery()
    )


def coaching_mentor() -> sa.ColumnElement[int]:
    """Who accompanies a coaching plan: the mentor if one is named, else the penilai who set the
    low predicate, else the SKP's."""
    return sa.func.coalesce(
        CoachingPlan.mentor_employee_id,
        Evaluation.assessor_employee_id,
        PerformancePlan.assessor_employee_id,
    )
