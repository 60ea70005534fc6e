"""Penilaian kinerja periodik dan tahunan (PermenPANRB 6/2022; DOMAIN.md §4, §5).

Life of an evaluation: the Pejabat Penilai starts it (DRAFT); the pegawai may record a
self-assessment until the penilai sets a rating; the penilai judges each RHK and observes the
seven BerAKHLAK values; the system proposes both ratings; the penilai confirms them or overrides
with a reason; the predicate follows from the matrix; the penilai sets it (DITETAPKAN) and the
pegawai acknowledges it (DITERIMA). Closing a period for evaluation is BKPSDM's action.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server import clock
from server.db.engine import Database
from server.db.models import (
    AppraisalPeriod,
    AppraisalYear,
    BehaviorObservation,
    Evaluation,
    OrgPredicateAssignment,
    PerformancePlan,
    Position,
    Unit,
    WorkResult,
    WorkResultJudgement,
)
from server.domain.audit_actions import AuditAction
from server.domain.deadlines import DEFAULT_POLICY, ObjectionPolicy, filing_deadline
from server.domain.enums import (
    CoreValue,
    EvaluationKind,
    EvaluationStatus,
    OrgPredicate,
    Rating,
    Role,
    UnitKind,
    WorkResultKind,
)
from server.domain.evaluation import FINALISED, PREDICATE_LABELS, RATING_LABELS, Proposal
from server.domain.periods import PeriodRefusal, PeriodWork, period_refusal
from server.domain.planning import IN_FORCE, period_label
from server.services import links
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.errors import ErrorCode, ServiceError
from server.services.evaluation.explanation import ExplanationBuilder, add_objection_override
from server.services.evaluation.proposals import (
    head_of_unit_rating,
    predicate_for,
    propose_annual,
    propose_behavior,
    propose_result,
)
from server.services.notifications import notify
from server.services.organisation.directory import current_positions_of
from server.services.planning.access import PlanAccess, plan_access, plans_access
from server.services.planning.snapshots import identity_snapshot
from server.services.validation import check_version, invalid, is_control_char

HEAD_UNIT_KINDS = frozenset({UnitKind.PERANGKAT_DAERAH, UnitKind.KECAMATAN})
MAX_NOTE = 4000
MAX_REASON = 2000
ORG_LABELS = {
    OrgPredicate.ISTIMEWA: "Istimewa",
    OrgPredicate.BAIK: "Baik",
    OrgPredicate.BUTUH_PERBAIKAN: "Butuh Perbaikan",
    OrgPredicate.KURANG: "Kurang",
    OrgPredicate.SANGAT_KURANG: "Sangat Kurang",
}
VALUE_LABELS = {
    CoreValue.BERORIENTASI_PELAYANAN: "Berorientasi Pelayanan",
    CoreValue.AKUNTABEL: "Akuntabel",
    CoreValue.KOMPETEN: "Kompeten",
    CoreValue.HARMONIS: "Harmonis",
    CoreValue.LOYAL: "Loyal",
    CoreValue.ADAPTIF: "Adaptif",
    CoreValue.KOLABORATIF: "Kolaboratif",
}


def not_found() -> ServiceError:
    return ServiceError(ErrorCode.NOT_FOUND, "Penilaian tidak ditemukan.", "evaluationId")


def long_text(value: str | None, field: str, label: str, *, max_length: int) -> str | None:
    """Optional multi-line text: trimmed, bounded, no control characters; blank → None."""
    if value is None:
        return None
    if any(is_control_char(ch) for ch in value):
        raise invalid(field, f"{label} berisi karakter kendali yang tidak diizinkan.")
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(text) > max_length:
        raise invalid(field, f"{label} maksimal {max_length} karakter (diterima {len(text)}).")
    return text or None


def evaluation_state(ev: Evaluation) -> dict[str, Any]:
    return {
        "plan_id": ev.plan_id,
        "kind": ev.kind,
        "period_id": ev.period_id,
        "status": ev.status,
        "self_result_rating": ev.self_result_rating,
        "self_behavior_rating": ev.self_behavior_rating,
        "proposed_result_rating": ev.proposed_result_rating,
        "result_rating": ev.result_rating,
        "result_override_reason": ev.result_override_reason,
        "proposed_behavior_rating": ev.proposed_behavior_rating,
        "behavior_rating": ev.behavior_rating,
        "behavior_override_reason": ev.behavior_override_reason,
        "predicate": ev.predicate,
    }


# ---------------------------------------------------------------------------------------------
# Loading and facts


@dataclass
class EvaluationContext:
    evaluation: Evaluation
    plan: PerformancePlan
    year: AppraisalYear
    period: AppraisalPeriod | None
    access: PlanAccess

    @property
    def rating_day(self) -> date:
        """The day whose policies apply: the end of the period (or of the year)."""
        return self.period.end_date if self.period else date(self.year.year, 12, 31)

    @property
    def label(self) -> str:
        if self.period is None:
            return f"Tahunan {self.year.year}"
        return f"{period_label(self.year.cadence, self.period.number)} {self.year.year}"


async def _context(
    session: AsyncSession, actor: Actor, evaluation_id: int, today: date
) -> EvaluationContext:
    ev = await session.get(Evaluation, evaluation_id)
    if ev is None:
        raise not_found()
    plan = await session.get(PerformancePlan, ev.plan_id)
    assert plan is not None
    access = await plan_access(session, actor, plan, today=today)
    if not access.can_read:
        raise not_found()  # existence of someone else's evaluation is private too
    year = await session.get(AppraisalYear, plan.year_id)
    assert year is not None
    period = await session.get(AppraisalPeriod, ev.period_id) if ev.period_id else None
    return EvaluationContext(ev, plan, year, period, access)


def _require_assessor(ctx: EvaluationContext) -> None:
    if not ctx.access.is_assessor:
        raise ServiceError(
            ErrorCode.FORBIDDEN,
            "Hanya Pejabat Penilai Kinerja pegawai ini yang boleh menilai.",
        )


def _require_draft(ev: Evaluation) -> None:
    if ev.status is not EvaluationStatus.DRAFT:
        raise ServiceError(
            ErrorCode.INVALID_STATE, "Penilaian sudah ditetapkan dan tidak dapat diubah lagi."
        )


# What the pegawai's own steps answer anyone else.
_NOT_YOUR_SELF_ASSESSMENT = "Penilaian diri hanya dapat diisi oleh pegawai yang dinilai."
_NOT_YOURS_TO_ACKNOWLEDGE = "Hanya pegawai yang dinilai yang dapat menerima penilaian."


async def _assessor_draft(
    session: AsyncSession, actor: Actor, evaluation_id: int, today: date, version: int | None
) -> EvaluationContext:
    """The evaluation as its Pejabat Penilai edits it: still a draft, at the version they saw."""
    ctx = await _context(session, actor, evaluation_id, today)
    _require_assessor(ctx)
    _require_draft(ctx.evaluation)
    check_version(ctx.evaluation.version, version, "Penilaian")
    return ctx


async def _owner_context(
    session: AsyncSession, actor: Actor, evaluation_id: int, today: date, refusal: str
) -> EvaluationContext:
    """The evaluation as the pegawai it rates acts on it; anyone else is refused with ``refusal``."""
    ctx = await _context(session, actor, evaluation_id, today)
    if not ctx.access.is_owner:
        raise ServiceError(ErrorCode.FORBIDDEN, refusal)
    return ctx


@dataclass(frozen=True)
class HeadOfUnit:
    """The pegawai heads a perangkat daerah/kecamatan; ``org_predicate`` is None when not set."""

    unit_id: int
    unit_name: str
    org_predicate: OrgPredicate | None


async def head_of_unit(
    session: AsyncSession, employee_id: int, year_id: int, period_id: int | None, day: date
) -> HeadOfUnit | None:
    """Whether the pegawai holds the top position of a perangkat daerah or kecamatan on ``day``.

    The head is the position of the unit whose parent position is in another unit (or none).
    """
    position_id = (await current_positions_of(session, [employee_id], day)).get(employee_id)
    if position_id is None:
        return None
    position = await session.get(Position, position_id)
    assert position is not None
    unit = await session.get(Unit, position.unit_id)
    if unit is None or unit.kind not in HEAD_UNIT_KINDS:
        return None
    if position.parent_id is not None:
        parent = await session.get(Position, position.parent_id)
        if parent is not None and parent.unit_id == position.unit_id:
            return None
    assignment = (
        await session.scalars(
            sa.select(OrgPredicateAssignment).where(
                OrgPredicateAssignment.unit_id == unit.id,
                OrgPredicateAssignment.year_id == year_id,
                OrgPredicateAssignment.period_id.is_(None)
                if period_id is None
                else OrgPredicateAssignment.period_id == period_id,
            )
        )
    ).first()
    return HeadOfUnit(unit.id, unit.name, assignment.predicate if assignment else None)


@dataclass
class Facts:
    work_results: list[WorkResult]
    judgements: dict[int, WorkResultJudgement]
    observations: dict[CoreValue, BehaviorObservation]
    head: HeadOfUnit | None
    periodic: list[tuple[int, Rating, Rating]]  # (period number, result, behaviour), finalised

    @property
    def unjudged(self) -> list[WorkResult]:
        return [w for w in self.work_results if w.id not in self.judgements]

    @property
    def unobserved(self) -> list[CoreValue]:
        return [v for v in CoreValue if v not in self.observations]


async def _facts(session: AsyncSession, ctx: EvaluationContext, today: date) -> Facts:
    ev = ctx.evaluation
    work_results = list(
        (
            await session.scalars(
                sa.select(WorkResult)
                .where(WorkResult.plan_id == ctx.plan.id)
                .order_by(WorkResult.ordinal, WorkResult.id)
            )
        ).all()
    )
    judgements = {
        j.work_result_id: j
        for j in (
            await session.scalars(
                sa.select(WorkResultJudgement).where(WorkResultJudgement.evaluation_id == ev.id)
            )
        ).all()
    }
    observations = {
        o.value: o
        for o in (
            await session.scalars(
                sa.select(BehaviorObservation).where(BehaviorObservation.evaluation_id == ev.id)
            )
        ).all()
    }
    head = await head_of_unit(
        session, ctx.plan.employee_id, ctx.plan.year_id, ev.period_id, min(ctx.rating_day, today)
    )
    periodic: list[tuple[int, Rating, Rating]] = []
    if ev.kind is EvaluationKind.TAHUNAN:
        rows = await session.execute(
            sa.select(AppraisalPeriod.number, Evaluation.result_rating, Evaluation.behavior_rating)
            .join(AppraisalPeriod, AppraisalPeriod.id == Evaluation.period_id)
            .where(
                Evaluation.plan_id == ctx.plan.id,
                Evaluation.kind == EvaluationKind.PERIODIK,
                Evaluation.status.in_(FINALISED),
            )
            .order_by(AppraisalPeriod.number)
        )
        periodic = [(n, r, b) for n, r, b in rows if r is not None and b is not None]
    return Facts(work_results, judgements, observations, head, periodic)


def _refresh(ctx: EvaluationContext, facts: Facts) -> None:
    """Recompute both proposals, drop a plain confirmation the proposal no longer supports,
    then the predicate and the explanation."""
    ev = ctx.evaluation
    why = ExplanationBuilder(ctx.rating_day)
    why.inputs.append(f"Jenis penilaian: {ctx.label}.")
    result_proposal: Proposal | None = None
    if facts.head is not None:
        org = facts.head.org_predicate
        ev.proposed_result_rating = head_of_unit_rating(org) if org else None
        why.head_of_unit(
            facts.head.unit_name, ORG_LABELS[org] if org else None, ev.proposed_result_rating
        )
    elif ev.kind is EvaluationKind.TAHUNAN:
        for number, result, behavior in facts.periodic:
            why.inputs.append(
                f"{period_label(ctx.year.cadence, number)}: Rating Hasil Kerja "
                f"{RATING_LABELS[result]}, Rating Perilaku Kerja {RATING_LABELS[behavior]}."
            )
        if facts.periodic:
            result_proposal = propose_annual([r for _, r, _ in facts.periodic])
        why.proposal("Rating Hasil Kerja", result_proposal, rule="annual")
        ev.proposed_result_rating = result_proposal.rating if result_proposal else None
    else:
        for w in facts.work_results:
            j = facts.judgements.get(w.id)
            kind = "utama" if w.kind is WorkResultKind.UTAMA else "tambahan"
            why.inputs.append(
                f"RHK {kind} “{w.text}”: {RATING_LABELS[j.rating] if j else 'belum dinilai'}."
            )
        if facts.work_results and not facts.unjudged:
            result_proposal = propose_result(
                [(w.kind, facts.judgements[w.id].rating) for w in facts.work_results],
                ctx.rating_day,
            )
        why.proposal("Rating Hasil Kerja", result_proposal, rule="judgements")
        ev.proposed_result_rating = result_proposal.rating if result_proposal else None

    behavior_proposal: Proposal | None = None
    if ev.kind is EvaluationKind.TAHUNAN:
        if facts.periodic:
            behavior_proposal = propose_annual([b for _, _, b in facts.periodic])
        why.proposal("Rating Perilaku Kerja", behavior_proposal, rule="annual")
    else:
        for value in CoreValue:
            o = facts.observations.get(value)
            why.inputs.append(
                f"Perilaku {VALUE_LABELS[value]}: "
                f"{RATING_LABELS[o.rating] if o else 'belum diamati'}."
            )
        if not facts.unobserved:
            behavior_proposal = propose_behavior(
                [facts.observations[v].rating for v in CoreValue], ctx.rating_day
            )
        why.proposal("Rating Perilaku Kerja", behavior_proposal, rule="judgements")
    ev.proposed_behavior_rating = behavior_proposal.rating if behavior_proposal else None

    if ev.self_result_rating or ev.self_behavior_rating:
        why.inputs.append(
            "Penilaian diri pegawai (pembanding, tidak dihitung): Hasil Kerja "
            f"{_label(ev.self_result_rating)}, Perilaku Kerja {_label(ev.self_behavior_rating)}."
        )

    # A confirmation without a reason was agreement with the proposal: it lapses when the
    # proposal moves. An override (with its reason) stands on its own.
    if (
        ev.result_rating is not None
        and ev.result_rating != ev.proposed_result_rating
        and (facts.head is not None or ev.result_override_reason is None)
    ):
        ev.result_rating = None
        ev.result_override_reason = None
    if (
        ev.behavior_rating is not None
        and ev.behavior_rating != ev.proposed_behavior_rating
        and ev.behavior_override_reason is None
    ):
        ev.behavior_rating = None
    if ev.result_rating is not None and ev.result_override_reason:
        why.override(
            "Rating Hasil Kerja",
            ev.proposed_result_rating,
            ev.result_rating,
            ev.result_override_reason,
        )
    if ev.behavior_rating is not None and ev.behavior_override_reason:
        why.override(
            "Rating Perilaku Kerja",
            ev.proposed_behavior_rating,
            ev.behavior_rating,
            ev.behavior_override_reason,
        )
    ev.predicate = why.predicate(ev.result_rating, ev.behavior_rating)
    ev.explanation = why.build()


def _label(rating: Rating | None) -> str:
    return RATING_LABELS[rating] if rating else "tidak diisi"


# ---------------------------------------------------------------------------------------------
# Writes


async def start_evaluation(
    db: Database,
    actor: Actor,
    plan_id: int,
    kind: EvaluationKind,
    period_id: int | None,
    *,
    today: date | None = None,
) -> Evaluation:
    """The penilai opens the evaluation of a set SKP for a period (or the year)."""
    today = today or clock.today()
    async with db.write() as session:
        plan = await session.get(PerformancePlan, plan_id)
        if plan is None:
            raise ServiceError(ErrorCode.NOT_FOUND, "SKP tidak ditemukan.", "planId")
        access = await plan_access(session, actor, plan, today=today)
        access.require_read()
        if not access.is_assessor:
            raise ServiceError(
                ErrorCode.FORBIDDEN, "Hanya Pejabat Penilai Kinerja pegawai ini yang boleh menilai."
            )
        if plan.status not in IN_FORCE:
            raise ServiceError(
                ErrorCode.INVALID_STATE, "Hanya SKP yang sudah ditetapkan yang dapat dinilai."
            )
        year = await session.get(AppraisalYear, plan.year_id)
        assert year is not None
        period: AppraisalPeriod | None = None
        if kind is EvaluationKind.PERIODIK:
            if period_id is None:
                raise invalid("periodId", "Penilaian periodik memerlukan periode.")
            period = await session.get(AppraisalPeriod, period_id)
            if period is None or period.year_id != plan.year_id:
                raise ServiceError(
                    ErrorCode.NOT_FOUND,
                    "Periode penilaian tidak ditemukan pada tahun SKP ini.",
                    "periodId",
                )
            refusal = period_refusal(
                PeriodWork.PENILAIAN,
                today=today,
                start=period.start_date,
                evaluated=period.evaluated_at is not None,
            )
            if refusal is PeriodRefusal.NOT_STARTED:
                raise ServiceError(
                    ErrorCode.PERIOD_NOT_STARTED,
                    f"Periode ini belum dimulai ({period.start_date:%d-%m-%Y}): penilaian dibuat "
                    "untuk periode yang sedang berjalan atau sudah berakhir.",
                    "periodId",
                )
        else:
            if period_id is not None:
                raise invalid("periodId", "Penilaian tahunan tidak memakai periode.")
            finalised = await session.scalar(
                sa.select(sa.func.count())
                .select_from(Evaluation)
                .where(
                    Evaluation.plan_id == plan.id,
                    Evaluation.kind == EvaluationKind.PERIODIK,
                    Evaluation.status.in_(FINALISED),
                )
            )
            if not finalised:
                raise ServiceError(
                    ErrorCode.INVALID_STATE,
                    "Penilaian tahunan diusulkan dari penilaian periodik: tetapkan dahulu "
                    "setidaknya satu penilaian periodik.",
                )
        existing = await session.scalar(
            sa.select(Evaluation.id).where(
                Evaluation.plan_id == plan.id,
                Evaluation.kind == kind,
                Evaluation.period_id.is_(None)
                if period_id is None
                else Evaluation.period_id == period_id,
            )
        )
        if existing is not None:
            raise ServiceError(
                ErrorCode.DUPLICATE,
                "Penilaian untuk SKP dan periode ini sudah ada.",
                "periodId",
            )
        ev = Evaluation(
            plan_id=plan.id,
            kind=kind,
            period_id=period_id,
            status=EvaluationStatus.DRAFT,
            assessor_employee_id=actor.employee_id,
            assessed_by_kepala_daerah=actor.is_kepala_daerah,
        )
        session.add(ev)
        await session.flush()
        ctx = EvaluationContext(ev, plan, year, period, access)
        _refresh(ctx, await _facts(session, ctx, today))
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.EVALUATION_START,
            "evaluation",
            ev.id,
            after=evaluation_state(ev),
        )
        return ev


async def save_self_assessment(
    db: Database,
    actor: Actor,
    evaluation_id: int,
    *,
    result_rating: Rating | None,
    behavior_rating: Rating | None,
    note: str | None,
    version: int | None = None,
    today: date | None = None,
) -> Evaluation:
    """The pegawai's own view, before the penilai sets a rating (shown side by side)."""
    today = today or clock.today()
    async with db.write() as session:
        ctx = await _owner_context(session, actor, evaluation_id, today, _NOT_YOUR_SELF_ASSESSMENT)
        ev = ctx.evaluation
        _require_draft(ev)
        if ev.result_rating is not None or ev.behavior_rating is not None:
            raise ServiceError(
                ErrorCode.INVALID_STATE,
                "Pejabat Penilai sudah menetapkan rating: penilaian diri tidak dapat diubah lagi.",
            )
        check_version(ev.version, version, "Penilaian")
        if result_rating is None and behavior_rating is None:
            raise invalid("resultRating", "Isi setidaknya satu rating penilaian diri.")
        before = evaluation_state(ev) | {"self_note": ev.self_note}
        ev.self_result_rating = result_rating
        ev.self_behavior_rating = behavior_rating
        ev.self_note = long_text(note, "note", "Catatan penilaian diri", max_length=MAX_NOTE)
        _refresh(ctx, await _facts(session, ctx, today))
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.EVALUATION_SELF_ASSESS,
            "evaluation",
            ev.id,
            before=before,
            after=evaluation_state(ev) | {"self_note": ev.self_note},
        )
        return ev


@dataclass(frozen=True)
class WorkResultJudgementInput:
    work_result_id: int
    rating: Rating
    feedback: str | None = None


@dataclass(frozen=True)
class BehaviorObservationInput:
    value: CoreValue
    rating: Rating
    note: str | None = None


async def save_judgements(
    db: Database,
    actor: Actor,
    evaluation_id: int,
    *,
    work_results: Sequence[WorkResultJudgementInput] = (),
    behaviors: Sequence[BehaviorObservationInput] = (),
    version: int | None = None,
    today: date | None = None,
) -> Evaluation:
    """The penilai judges RHKs and observes BerAKHLAK values (given items are added or replaced)."""
    today = today or clock.today()
    async with db.write() as session:
        ctx = await _assessor_draft(session, actor, evaluation_id, today, version)
        ev = ctx.evaluation
        if not work_results and not behaviors:
            raise invalid("workResults", "Tidak ada penilaian yang dikirim.")
        facts = await _facts(session, ctx, today)
        own = {w.id for w in facts.work_results}
        seen: set[int] = set()
        for item in work_results:
            if item.work_result_id not in own:
                raise invalid("workResults", "RHK tersebut bukan bagian dari SKP ini.")
            if item.work_result_id in seen:
                raise invalid("workResults", "Satu RHK dinilai dua kali dalam satu permintaan.")
            seen.add(item.work_result_id)
        if len({b.value for b in behaviors}) != len(behaviors):
            raise invalid(
                "behaviors", "Satu nilai BerAKHLAK diamati dua kali dalam satu permintaan."
            )
        changes: list[dict[str, Any]] = []
        for item in work_results:
            feedback = long_text(item.feedback, "workResults", "Umpan balik", max_length=MAX_NOTE)
            row = facts.judgements.get(item.work_result_id)
            if row is None:
                row = WorkResultJudgement(evaluation_id=ev.id, work_result_id=item.work_result_id)
                session.add(row)
                facts.judgements[item.work_result_id] = row
            row.rating = item.rating
            row.feedback = feedback
            changes.append({"work_result_id": item.work_result_id, "rating": item.rating})
        for obs in behaviors:
            note = long_text(obs.note, "behaviors", "Catatan perilaku", max_length=MAX_NOTE)
            found = facts.observations.get(obs.value)
            if found is None:
                found = BehaviorObservation(evaluation_id=ev.id, value=obs.value)
                session.add(found)
                facts.observations[obs.value] = found
            found.rating = obs.rating
            found.note = note
            changes.append({"value": obs.value, "rating": obs.rating})
        before = evaluation_state(ev)
        _refresh(ctx, facts)
        ev.updated_at = clock.now()  # the version moves: someone else's stale form must reload
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.EVALUATION_JUDGE,
            "evaluation",
            ev.id,
            before=before,
            after=evaluation_state(ev) | {"items": changes},
        )
        return ev


async def confirm_ratings(
    db: Database,
    actor: Actor,
    evaluation_id: int,
    *,
    result_rating: Rating | None,
    result_reason: str | None,
    behavior_rating: Rating | None,
    behavior_reason: str | None,
    assessor_note: str | None = None,
    version: int | None = None,
    today: date | None = None,
) -> Evaluation:
    """The penilai confirms the proposals (no reason needed) or overrides them (reason required).

    A rating left out means "the proposal". The predicate follows from the matrix.
    """
    today = today or clock.today()
    async with db.write() as session:
        ctx = await _assessor_draft(session, actor, evaluation_id, today, version)
        ev = ctx.evaluation
        facts = await _facts(session, ctx, today)
        _refresh(ctx, facts)
        before = evaluation_state(ev)

        if facts.head is not None:
            if facts.head.org_predicate is None:
                raise ServiceError(
                    ErrorCode.INVALID_STATE,
                    f"Pegawai memimpin {facts.head.unit_name}: Rating Hasil Kerjanya mengikuti "
                    "predikat kinerja organisasi, yang belum ditetapkan untuk periode ini. "
                    "Tetapkan predikat kinerja organisasi terlebih dahulu.",
                    "resultRating",
                )
            if result_rating is not None and result_rating != ev.proposed_result_rating:
                raise invalid(
                    "resultRating",
                    "Rating Hasil Kerja pimpinan unit mengikuti predikat kinerja organisasi "
                    "dan tidak dapat diubah penilai.",
                )
            ev.result_rating, ev.result_override_reason = ev.proposed_result_rating, None
        else:
            if ev.kind is EvaluationKind.PERIODIK and facts.unjudged:
                raise ServiceError(
                    ErrorCode.INVALID_STATE,
                    f"Nilai semua RHK terlebih dahulu ({len(facts.unjudged)} belum dinilai).",
                    "workResults",
                )
            ev.result_rating, ev.result_override_reason = _decide(
                "Rating Hasil Kerja",
                ev.proposed_result_rating,
                result_rating,
                result_reason,
                "resultOverrideReason",
            )
        if ev.kind is EvaluationKind.PERIODIK and facts.unobserved:
            raise ServiceError(
                ErrorCode.INVALID_STATE,
                f"Ketujuh nilai BerAKHLAK wajib diamati ({len(facts.unobserved)} belum diamati).",
                "behaviors",
            )
        ev.behavior_rating, ev.behavior_override_reason = _decide(
            "Rating Perilaku Kerja",
            ev.proposed_behavior_rating,
            behavior_rating,
            behavior_reason,
            "behaviorOverrideReason",
        )
        ev.assessor_note = long_text(
            assessor_note, "assessorNote", "Catatan penilai", max_length=MAX_NOTE
        )
        _refresh(ctx, facts)
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.EVALUATION_RATE,
            "evaluation",
            ev.id,
            before=before,
            after=evaluation_state(ev),
        )
        return ev


def _decide(
    what: str, proposed: Rating | None, chosen: Rating | None, reason: str | None, field: str
) -> tuple[Rating, str | None]:
    """The rating and its override reason: agreeing needs none, disagreeing needs one."""
    if chosen is None:
        if proposed is None:
            raise ServiceError(ErrorCode.INVALID_STATE, f"Usulan {what} belum tersedia.", field)
        return proposed, None
    if chosen == proposed:
        return chosen, None
    text = long_text(reason, field, f"Alasan mengubah {what}", max_length=MAX_REASON)
    if text is None:
        raise invalid(
            field,
            f"{what} berbeda dari usulan sistem ({_label(proposed)}): alasan wajib diisi.",
        )
    return chosen, text


async def finalise_evaluation(
    db: Database,
    actor: Actor,
    evaluation_id: int,
    *,
    version: int | None = None,
    policy: ObjectionPolicy = DEFAULT_POLICY,
    today: date | None = None,
) -> Evaluation:
    """DRAFT → DITETAPKAN: identities frozen, the objection filing deadline fixed on the record
    (``policy.filing_days`` after the local day the result is set), the pegawai notified."""
    today = today or clock.today()
    async with db.write() as session:
        ctx = await _assessor_draft(session, actor, evaluation_id, today, version)
        ev = ctx.evaluation
        facts = await _facts(session, ctx, today)
        _refresh(ctx, facts)  # a confirmation the judgements no longer support lapses here
        if ev.kind is EvaluationKind.PERIODIK and facts.head is None and facts.unjudged:
            raise ServiceError(
                ErrorCode.INVALID_STATE,
                f"Nilai semua RHK terlebih dahulu ({len(facts.unjudged)} belum dinilai).",
            )
        if ev.kind is EvaluationKind.PERIODIK and facts.unobserved:
            raise ServiceError(
                ErrorCode.INVALID_STATE,
                f"Ketujuh nilai BerAKHLAK wajib diamati ({len(facts.unobserved)} belum diamati).",
            )
        if ev.result_rating is None or ev.behavior_rating is None or ev.predicate is None:
            raise ServiceError(
                ErrorCode.INVALID_STATE,
                "Tetapkan Rating Hasil Kerja dan Rating Perilaku Kerja terlebih dahulu.",
            )
        before = evaluation_state(ev)
        # The assessor's identity; None when the Kepala Daerah (no employee) rates.
        ev.identity_snapshot = await identity_snapshot(
            session, ctx.plan.employee_id, actor.employee_id, today
        )
        ev.status = EvaluationStatus.DITETAPKAN
        ev.finalised_at = clock.now()
        # Fixed now, never recomputed: a later change of the setting moves no one's deadline.
        ev.objection_filing_deadline = filing_deadline(clock.day_of(ev.finalised_at), policy)
        await notify(
            session,
            ctx.plan.employee_id,
            kind="evaluation.finalised",
            message=(
                f"Penilaian kinerja {ctx.label} telah ditetapkan: predikat "
                f"{PREDICATE_LABELS[ev.predicate]}. Mohon periksa dan nyatakan diterima."
            ),
            link=links.evaluation(ev.id),
            dedupe_key=f"evaluation.finalised:{ev.id}",
        )
        await record_event(
            session,
            actor,
            AuditAction.EVALUATION_FINALISE,
            "evaluation",
            ev.id,
            before=before,
            after=evaluation_state(ev)
            | {"objection_filing_deadline": ev.objection_filing_deadline},
        )
        return ev


async def acknowledge_evaluation(
    db: Database,
    actor: Actor,
    evaluation_id: int,
    *,
    version: int | None = None,
    today: date | None = None,
) -> Evaluation:
    """DITETAPKAN → DITERIMA by the pegawai (receiving it starts the objection period)."""
    today = today or clock.today()
    async with db.write() as session:
        ctx = await _owner_context(session, actor, evaluation_id, today, _NOT_YOURS_TO_ACKNOWLEDGE)
        ev = ctx.evaluation
        if ev.status is not EvaluationStatus.DITETAPKAN:
            raise ServiceError(
                ErrorCode.INVALID_STATE,
                "Hanya penilaian yang sudah ditetapkan dan belum diterima yang dapat diterima.",
            )
        check_version(ev.version, version, "Penilaian")
        before = evaluation_state(ev)
        ev.status = EvaluationStatus.DITERIMA
        ev.acknowledged_at = clock.now()
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.EVALUATION_ACKNOWLEDGE,
            "evaluation",
            ev.id,
            before=before,
            after=evaluation_state(ev),
        )
        return ev


async def close_period_evaluation(db: Database, actor: Actor, period_id: int) -> AppraisalPeriod:
    """BKPSDM closes a period's evaluation: realisasi and evidence of it are locked from now on."""
    if not actor.has(Role.HR_ADMIN):
        raise ServiceError(
            ErrorCode.FORBIDDEN, "Hanya Admin BKPSDM yang dapat menutup penilaian periode."
        )
    async with db.write() as session:
        period = await session.get(AppraisalPeriod, period_id)
        if period is None:
            raise ServiceError(
                ErrorCode.NOT_FOUND, "Periode penilaian tidak ditemukan.", "periodId"
            )
        if period.evaluated_at is not None:
            raise ServiceError(ErrorCode.INVALID_STATE, "Penilaian periode ini sudah ditutup.")
        period.evaluated_at = clock.now()
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.PERIOD_CLOSE_EVALUATION,
            "appraisal_period",
            period.id,
            before={"evaluated_at": None},
            after={"evaluated_at": period.evaluated_at},
        )
        return period


async def apply_objection_result(
    session: AsyncSession,
    evaluation: Evaluation,
    *,
    result_rating: Rating,
    behavior_rating: Rating,
    reason: str,
    actor: Actor,
) -> None:
    """A keberatan decided "result changed": new ratings, the predicate from the matrix in force
    at the period's end, the decision appended to the explanation, audited.

    Called inside the objection service's transaction; the status stays as it was.
    """
    if evaluation.status not in FINALISED:
        raise ServiceError(
            ErrorCode.INVALID_STATE, "Keberatan hanya atas penilaian yang sudah ditetapkan."
        )
    text = long_text(reason, "reason", "Alasan keputusan keberatan", max_length=MAX_REASON)
    if text is None:
        raise invalid("reason", "Alasan keputusan keberatan wajib diisi.")
    if evaluation.period_id is not None:
        period = await session.get(AppraisalPeriod, evaluation.period_id)
        assert period is not None
        day = period.end_date
    else:
        plan = await session.get(PerformancePlan, evaluation.plan_id)
        assert plan is not None
        year = await session.get(AppraisalYear, plan.year_id)
        assert year is not None
        day = date(year.year, 12, 31)
    before = evaluation_state(evaluation)
    evaluation.result_rating = result_rating
    evaluation.behavior_rating = behavior_rating
    evaluation.predicate = predicate_for(result_rating, behavior_rating, day).predicate
    after = evaluation_state(evaluation)
    evaluation.explanation = add_objection_override(evaluation.explanation, before, after, text)
    await session.flush()
    await record_event(
        session,
        actor,
        AuditAction.EVALUATION_OBJECTION_APPLIED,
        "evaluation",
        evaluation.id,
        before=before,
        after=after | {"reason": text},
    )


# ---------------------------------------------------------------------------------------------
# Reads


async def get_evaluation(
    db: Database, actor: Actor, evaluation_id: int, *, today: date | None = None
) -> Evaluation | None:
    today = today or clock.today()
    async with db.read() as session:
        try:
            ctx = await _context(session, actor, evaluation_id, today)
        except ServiceError:
            return None
        return ctx.evaluation


async def _readable(
    session: AsyncSession, actor: Actor, plans: Sequence[PerformancePlan], today: date
) -> set[int]:
    access = await plans_access(session, actor, plans, today=today)
    return {pid for pid, a in access.items() if a.can_read}


def _ordered(stmt: sa.Select[Any]) -> sa.Select[Any]:
    return stmt.outerjoin(AppraisalPeriod, AppraisalPeriod.id == Evaluation.period_id).order_by(
        Evaluation.kind, AppraisalPeriod.number, Evaluation.id
    )


async def evaluations_of_plan(
    db: Database, actor: Actor, plan_id: int, *, today: date | None = None
) -> Sequence[Evaluation]:
    today = today or clock.today()
    async with db.read() as session:
        plan = await session.get(PerformancePlan, plan_id)
        if plan is None or not await _readable(session, actor, [plan], today):
            return []
        return (
            await session.scalars(
                _ordered(sa.select(Evaluation).where(Evaluation.plan_id == plan_id))
            )
        ).all()


async def my_evaluations(db: Database, actor: Actor, year: int) -> Sequence[Evaluation]:
    if actor.employee_id is None:
        return []
    async with db.read() as session:
        return (
            await session.scalars(
                _ordered(
                    sa.select(Evaluation)
                    .join(PerformancePlan, PerformancePlan.id == Evaluation.plan_id)
                    .join(AppraisalYear, AppraisalYear.id == PerformancePlan.year_id)
                    .where(
                        PerformancePlan.employee_id == actor.employee_id,
                        AppraisalYear.year == year,
                    )
                )
            )
        ).all()


@dataclass(frozen=True)
class EvaluationToDo:
    """A set SKP of someone the actor rates, without a finalised evaluation for the period."""

    plan: PerformancePlan
    evaluation: Evaluation | None  # a draft already started


async def evaluations_to_do(
    db: Database, actor: Actor, year: int, period_id: int | None, *, today: date | None = None
) -> list[EvaluationToDo]:
    """Periodic (``period_id``) or annual (None) evaluations the penilai still has to set."""
    today = today or clock.today()
    if actor.employee_id is None:
        return []
    async with db.read() as session:
        year_row = (
            await session.scalars(sa.select(AppraisalYear).where(AppraisalYear.year == year))
        ).first()
        if year_row is None:
            return []
        if period_id is not None:
            period = await session.get(AppraisalPeriod, period_id)
            if period is None or period.year_id != year_row.id:
                return []
        plans = (
            await session.scalars(
                sa.select(PerformancePlan)
                .where(
                    PerformancePlan.year_id == year_row.id,
                    (
                        PerformancePlan.assessed_by_kepala_daerah.is_(True)
                        if actor.is_kepala_daerah
                        else PerformancePlan.assessor_employee_id == actor.employee_id
                    ),
                    PerformancePlan.status.in_(IN_FORCE),
                )
                .order_by(PerformancePlan.id)
            )
        ).all()
        access = await plans_access(session, actor, plans, today=today)
        mine = [p for p in plans if access[p.id].is_assessor]
        kind = EvaluationKind.PERIODIK if period_id is not None else EvaluationKind.TAHUNAN
        existing = {
            e.plan_id: e
            for e in (
                await session.scalars(
                    sa.select(Evaluation).where(
                        Evaluation.plan_id.in_([p.id for p in mine]),
                        Evaluation.kind == kind,
                        Evaluation.period_id.is_(None)
                        if period_id is None
                        else Evaluation.period_id == period_id,
                    )
                )
            ).all()
        }
        return [
            EvaluationToDo(p, existing.get(p.id))
            for p in mine
            if existing.get(p.id) is None or existing[p.id].status is EvaluationStatus.DRAFT
        ]
