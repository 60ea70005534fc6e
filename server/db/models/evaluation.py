"""Evaluation: periodic and annual ratings, organisation predicates, calibration, objections,
coaching, and in-app notifications (issue: evaluation)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, validates

from server import clock
from server.db.base import Base, TimestampMixin, UtcDateTime, enum_column
from server.domain.enums import (
    CoachingStatus,
    CoreValue,
    EvaluationKind,
    EvaluationStatus,
    ObjectionStatus,
    OrgPredicate,
    Predicate,
    Rating,
)

# Set by the assessor (domain.evaluation.FINALISED), in the order of ix_evaluation_done's
# condition: a query reaches that partial index only by repeating the condition, and SQLite
# compares the text, order of the IN list included (the completion report uses both).
DONE_STATUSES = (EvaluationStatus.DITETAPKAN, EvaluationStatus.DITERIMA)
DONE_SQL = "status IN ({})".format(", ".join(f"'{s.value}'" for s in DONE_STATUSES))


def _rating(name: str) -> sa.Enum:
    return enum_column(Rating, name=name)


class Evaluation(TimestampMixin, Base):
    """Penilaian kinerja of one SKP for one period (PERIODIK) or the whole year (TAHUNAN)."""

    __tablename__ = "evaluation"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("performance_plan.id"), index=True)
    kind: Mapped[EvaluationKind] = mapped_column(
        enum_column(EvaluationKind, name="evaluation_kind")
    )
    period_id: Mapped[int | None] = mapped_column(sa.ForeignKey("appraisal_period.id"), index=True)
    status: Mapped[EvaluationStatus] = mapped_column(
        enum_column(EvaluationStatus, name="evaluation_status")
    )
    assessor_employee_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("employee.id"), index=True
    )
    # The Kepala Daerah rates (no employee id; migration 0019), as fixed on the SKP.
    assessed_by_kepala_daerah: Mapped[bool] = mapped_column(
        default=False, server_default=sa.false()
    )
    # The pegawai's own view, given before the assessor rates (shown side by side).
    self_result_rating: Mapped[Rating | None] = mapped_column(_rating("self_result_rating"))
    self_behavior_rating: Mapped[Rating | None] = mapped_column(_rating("self_behavior_rating"))
    self_note: Mapped[str | None] = mapped_column(sa.Text)
    proposed_result_rating: Mapped[Rating | None] = mapped_column(_rating("proposed_result_rating"))
    result_rating: Mapped[Rating | None] = mapped_column(_rating("result_rating"))
    result_override_reason: Mapped[str | None] = mapped_column(sa.Text)
    proposed_behavior_rating: Mapped[Rating | None] = mapped_column(
        _rating("proposed_behavior_rating")
    )
    behavior_rating: Mapped[Rating | None] = mapped_column(_rating("behavior_rating"))
    behavior_override_reason: Mapped[str | None] = mapped_column(sa.Text)
    predicate: Mapped[Predicate | None] = mapped_column(enum_column(Predicate, name="predicate"))
    # Why this predicate: inputs, rules applied (with their effective dates), overrides.
    explanation: Mapped[Any | None] = mapped_column(sa.JSON)
    identity_snapshot: Mapped[Any | None] = mapped_column(sa.JSON)
    # The pegawai's unit in ``identity_snapshot`` (where they sat when rated), copied out of
    # the JSON whenever the snapshot is set (see the validator below; bulk loaders use
    # :func:`rated_unit_of`): calibration and the distribution report group thousands of
    # evaluations by it, from a covering index instead of parsing every snapshot (0030).
    rated_unit_id: Mapped[int | None] = mapped_column(sa.Integer)
    assessor_note: Mapped[str | None] = mapped_column(sa.Text)
    finalised_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The last day a keberatan may be filed, fixed when the result is set (never recomputed).
    objection_filing_deadline: Mapped[date | None] = mapped_column(sa.Date)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(default=1)

    __table_args__ = (
        sa.UniqueConstraint("plan_id", "kind", "period_id"),
        # Covers what calibration and the distribution report read of every evaluation of a
        # year (reached through its SKPs): no table row, no JSON is touched (0030).
        sa.Index(
            "ix_evaluation_calibration",
            "plan_id",
            "kind",
            "period_id",
            "status",
            "predicate",
            "rated_unit_id",
            "assessor_employee_id",
            "self_result_rating",
            "self_behavior_rating",
        ),
        # The evaluation count recounts a year's evaluations by unit; the reports read the
        # few without a unit (rated_unit_id IS NULL) live (0032).
        sa.Index("ix_evaluation_rated_unit_id", "rated_unit_id"),
        # The completion report's "which SKP has a done evaluation of this period (or the
        # annual one, no period)": a range of this partial index, not every row (0033).
        sa.Index(
            "ix_evaluation_done",
            "period_id",
            "plan_id",
            postgresql_where=sa.text(DONE_SQL),
            sqlite_where=sa.text(DONE_SQL),
        ),
        sa.CheckConstraint(
            "(kind = 'TAHUNAN') = (period_id IS NULL)", name="period_only_for_periodic"
        ),
        sa.CheckConstraint(
            "(finalised_at IS NULL) = (objection_filing_deadline IS NULL)",
            name="filing_deadline_when_set",
        ),
    )
    __mapper_args__ = {"version_id_col": version}

    @validates("identity_snapshot")
    def _copy_rated_unit(self, _key: str, snapshot: Any) -> Any:
        self.rated_unit_id = rated_unit_of(snapshot)
        return snapshot


class EvaluationCount(Base):
    """Finalised predicates (penilaian DITETAPKAN or DITERIMA with a predikat) counted by year,
    period (None: the annual evaluation), rated unit, assessor, predicate and self ratings.

    What calibration and the predicate distribution report read instead of every evaluation
    of a year (0032); kept in the transaction of every write by server/db/evaluation_count.py.
    Evaluations without a rated unit are not counted here: the readers place them live.
    """

    __tablename__ = "evaluation_count"

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(sa.ForeignKey("appraisal_year.id"))
    period_id: Mapped[int | None] = mapped_column(sa.ForeignKey("appraisal_period.id"))
    rated_unit_id: Mapped[int] = mapped_column(sa.Integer)
    assessor_employee_id: Mapped[int | None] = mapped_column(sa.Integer)
    predicate: Mapped[Predicate] = mapped_column(enum_column(Predicate, name="predicate"))
    self_result_rating: Mapped[Rating | None] = mapped_column(_rating("self_result_rating"))
    self_behavior_rating: Mapped[Rating | None] = mapped_column(_rating("self_behavior_rating"))
    n: Mapped[int] = mapped_column(sa.Integer)

    __table_args__ = (
        sa.Index("ix_evaluation_count_scope", "year_id", "period_id", "rated_unit_id"),
    )


def rated_unit_of(snapshot: Any) -> int | None:
    """``pegawai.unit_id`` of an identity snapshot (None without one)."""
    pegawai = snapshot.get("pegawai") if isinstance(snapshot, dict) else None
    unit = pegawai.get("unit_id") if isinstance(pegawai, dict) else None
    return unit if isinstance(unit, int) and not isinstance(unit, bool) else None


class WorkResultJudgement(Base):
    """The assessor's judgement of one RHK in an evaluation, with feedback."""

    __tablename__ = "work_result_judgement"

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(sa.ForeignKey("evaluation.id"), index=True)
    work_result_id: Mapped[int] = mapped_column(sa.ForeignKey("work_result.id"))
    rating: Mapped[Rating] = mapped_column(_rating("judgement"))
    feedback: Mapped[str | None] = mapped_column(sa.Text)

    __table_args__ = (sa.UniqueConstraint("evaluation_id", "work_result_id"),)


class BehaviorObservation(Base):
    """The assessor's observation of one BerAKHLAK value in an evaluation."""

    __tablename__ = "behavior_observation"

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(sa.ForeignKey("evaluation.id"), index=True)
    value: Mapped[CoreValue] = mapped_column(enum_column(CoreValue, name="observed_value"))
    rating: Mapped[Rating] = mapped_column(_rating("observation"))
    note: Mapped[str | None] = mapped_column(sa.Text)

    __table_args__ = (sa.UniqueConstraint("evaluation_id", "value"),)


class OrgPredicateAssignment(TimestampMixin, Base):
    """Predikat Kinerja Organisasi of a unit for a period (or the year when period is NULL),
    set on behalf of the pimpinan one level up, with its basis."""

    __tablename__ = "org_predicate_assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("unit.id"), index=True)
    year_id: Mapped[int] = mapped_column(sa.ForeignKey("appraisal_year.id"), index=True)
    period_id: Mapped[int | None] = mapped_column(sa.ForeignKey("appraisal_period.id"))
    predicate: Mapped[OrgPredicate] = mapped_column(enum_column(OrgPredicate, name="org_predicate"))
    basis: Mapped[str] = mapped_column(sa.Text)
    set_by_account_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"))

    __table_args__ = (sa.UniqueConstraint("unit_id", "year_id", "period_id"),)


class CalibrationDecision(Base):
    """Finalising a unit's predicates for a period: the distribution check at that moment,
    the justification when outside the pattern, and before/after snapshots of calibration."""

    __tablename__ = "calibration_decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("unit.id"), index=True)
    year_id: Mapped[int] = mapped_column(sa.ForeignKey("appraisal_year.id"))
    period_id: Mapped[int | None] = mapped_column(sa.ForeignKey("appraisal_period.id"))
    org_predicate: Mapped[OrgPredicate] = mapped_column(
        enum_column(OrgPredicate, name="calibrated_org_predicate")
    )
    within_pattern: Mapped[bool] = mapped_column()
    violations: Mapped[Any] = mapped_column(sa.JSON)
    justification: Mapped[str | None] = mapped_column(sa.Text)
    before_snapshot: Mapped[Any] = mapped_column(sa.JSON)
    after_snapshot: Mapped[Any] = mapped_column(sa.JSON)
    policy_effective_from: Mapped[date] = mapped_column(sa.Date)
    decided_by_account_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"))
    decided_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)


class Objection(TimestampMixin, Base):
    """Keberatan against an evaluation, decided by the Atasan Pejabat Penilai (final)."""

    __tablename__ = "objection"

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(sa.ForeignKey("evaluation.id"), index=True)
    filed_by_employee_id: Mapped[int] = mapped_column(sa.ForeignKey("employee.id"))
    decider_employee_id: Mapped[int | None] = mapped_column(sa.ForeignKey("employee.id"))
    # No Atasan Pejabat Penilai among the employees: the Kepala Daerah decides (migration 0019).
    decided_by_kepala_daerah: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    reasons: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[ObjectionStatus] = mapped_column(
        enum_column(ObjectionStatus, name="objection_status")
    )
    # Both fixed when the objection is filed; the decision deadline is never the earlier one.
    filing_deadline: Mapped[date] = mapped_column(sa.Date)
    decision_deadline: Mapped[date] = mapped_column(sa.Date)
    employee_explanation: Mapped[str | None] = mapped_column(sa.Text)
    assessor_explanation: Mapped[str | None] = mapped_column(sa.Text)
    decision_note: Mapped[str | None] = mapped_column(sa.Text)
    previous_result: Mapped[Any | None] = mapped_column(sa.JSON)  # ratings and predicate before
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(default=1)

    __table_args__ = (
        sa.UniqueConstraint("evaluation_id"),
        sa.CheckConstraint("decision_deadline >= filing_deadline", name="decision_after_filing"),
    )
    __mapper_args__ = {"version_id_col": version}


class CoachingPlan(TimestampMixin, Base):
    """Rencana pembinaan after a low predicate: goals, actions, mentor, the 6-month window."""

    __tablename__ = "coaching_plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(sa.ForeignKey("employee.id"), index=True)
    evaluation_id: Mapped[int] = mapped_column(sa.ForeignKey("evaluation.id"), unique=True)
    mentor_employee_id: Mapped[int | None] = mapped_column(sa.ForeignKey("employee.id"))
    goals: Mapped[str] = mapped_column(sa.Text)
    actions: Mapped[str] = mapped_column(sa.Text)
    starts_on: Mapped[date] = mapped_column(sa.Date)
    ends_on: Mapped[date] = mapped_column(sa.Date)
    status: Mapped[CoachingStatus] = mapped_column(
        enum_column(CoachingStatus, name="coaching_status")
    )
    outcome: Mapped[str | None] = mapped_column(sa.Text)


class CoachingCheckIn(Base):
    __tablename__ = "coaching_check_in"

    id: Mapped[int] = mapped_column(primary_key=True)
    coaching_plan_id: Mapped[int] = mapped_column(sa.ForeignKey("coaching_plan.id"), index=True)
    held_on: Mapped[date] = mapped_column(sa.Date)
    note: Mapped[str] = mapped_column(sa.Text)
    recorded_by_employee_id: Mapped[int] = mapped_column(sa.ForeignKey("employee.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)


class Notification(Base):
    """An in-app notification (and, when SMTP is configured, an e-mail)."""

    __tablename__ = "notification"

    id: Mapped[int] = mapped_column(primary_key=True)
    # An employee's, or (migration 0019) an account's without an employee: BKPSDM, unit
    # managers and the Kepala Daerah receive notifications too.
    employee_id: Mapped[int | None] = mapped_column(sa.ForeignKey("employee.id"), index=True)
    account_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(64))
    message: Mapped[str] = mapped_column(sa.String(1000))
    link: Mapped[str | None] = mapped_column(sa.String(300))
    # One reminder of a kind per object and day: the daily `kinerja remind` run is idempotent.
    dedupe_key: Mapped[str] = mapped_column(sa.String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)
    read_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    __table_args__ = (
        sa.CheckConstraint("(employee_id IS NULL) <> (account_id IS NULL)", name="one_recipient"),
    )
