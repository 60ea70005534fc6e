"""Coaching (rencana pembinaan) after a low predicate (DOMAIN.md §10): a 6-month improvement
window for Butuh Perbaikan, Kurang and Sangat Kurang, with check-ins and an outcome.
Coaching plans are personal: the pegawai, their Pejabat Penilai, the mentor, the pengelola
kinerja of their unit, BKPSDM and auditors see them; nobody else, and never the public.
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
    CoachingCheckIn,
    CoachingPlan,
    Employee,
    Evaluation,
    PerformancePlan,
)
from server.domain.audit_actions import AuditAction
from server.domain.enums import CoachingStatus, Role
from server.domain.evaluation import (
    COACHING_MONTHS,
    FINALISED,
    LOW_PREDICATES,
    PREDICATE_LABELS,
    add_months,
)
from server.services import links
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.calibration.scope import (
    load_rated,
    resolve_scope,
)
from server.services.errors import ErrorCode, ServiceError, forbidden
from server.services.notifications import notify
from server.services.organisation.directory import (
    UnitTree,
    current_units_of,
    load_unit_tree,
)
from server.services.validation import clean_long_text, invalid

MAX_TEXT = 4000
DEFAULT_GOALS = (
    "Meningkatkan kinerja hingga sesuai ekspektasi dalam {months} bulan setelah predikat "
    "{predicate}; sasaran rinci disepakati Pejabat Penilai dengan pegawai."
)
DEFAULT_ACTIONS = "Disusun bersama Pejabat Penilai pada pertemuan pembinaan pertama."


def coaching_state(plan: CoachingPlan) -> dict[str, Any]:
    return {
        "employee_id": plan.employee_id,
        "evaluation_id": plan.evaluation_id,
        "mentor_employee_id": plan.mentor_employee_id,
        "goals": plan.goals,
        "actions": plan.actions,
        "starts_on": plan.starts_on,
        "ends_on": plan.ends_on,
        "status": plan.status,
        "outcome": plan.outcome,
    }


@dataclass(frozen=True)
class CoachingRoles:
    is_pegawai: bool
    is_assessor: bool
    is_mentor: bool
    is_unit_manager: bool
    sees_everything: bool
    is_hr: bool

    @property
    def can_read(self) -> bool:
        return (
            self.is_pegawai
            or self.is_assessor
            or self.is_mentor
            or self.is_unit_manager
            or self.sees_everything
        )

    @property
    def can_manage(self) -> bool:
        """Goals, actions, mentor and the outcome: the Pejabat Penilai or BKPSDM."""
        return self.is_assessor or self.is_hr


async def _roles(
    session: AsyncSession,
    actor: Actor,
    plans: Sequence[CoachingPlan],
    today: date,
) -> dict[int, CoachingRoles]:
    assessors = (
        dict(
            (
                await session.execute(
                    sa.select(Evaluation.id, Evaluation.assessor_employee_id).where(
                        Evaluation.id.in_({p.evaluation_id for p in plans})
                    )
                )
            ).all()
        )
        if plans
        else {}
    )
    tree: UnitTree | None = None
    unit_of: dict[int, int] = {}
    if actor.has(Role.UNIT_MANAGER) and actor.managed_unit_id is not None and plans:
        tree = await load_unit_tree(session)
        unit_of = await current_units_of(session, {p.employee_id for p in plans}, today)
    me = actor.employee_id
    result = {}
    for p in plans:
        unit = unit_of.get(p.employee_id)
        result[p.id] = CoachingRoles(
            is_pegawai=me is not None and me == p.employee_id,
            is_assessor=me is not None and me == assessors.get(p.evaluation_id),
            is_mentor=me is not None and me == p.mentor_employee_id,
            is_unit_manager=(
                tree is not None
                and unit is not None
                and actor.managed_unit_id is not None
                and tree.is_within(unit, actor.managed_unit_id)
            ),
            sees_everything=actor.sees_everything,
            is_hr=actor.is_system or actor.has(Role.HR_ADMIN),
        )
    return result


def _new_plan(
    evaluation: Evaluation,
    employee_id: int,
    starts_on: date,
    goals: str,
    actions: str,
    mentor: int | None,
) -> CoachingPlan:
    return CoachingPlan(
        employee_id=employee_id,
        evaluation_id=evaluation.id,
        mentor_employee_id=mentor,
        goals=goals,
        actions=actions,
        starts_on=starts_on,
        ends_on=add_months(starts_on, COACHING_MONTHS),
        status=CoachingStatus.BERJALAN,
    )


async def _opened(
    session: AsyncSession, actor: Actor, plan: CoachingPlan, assessor: int | None
) -> None:
    await record_event(
        session,
        actor,
        AuditAction.COACHING_OPEN,
        "coaching_plan",
        plan.id,
        after=coaching_state(plan),
    )
    message = (
        f"Rencana pembinaan kinerja dibuka untuk {plan.starts_on:%d-%m-%Y} s.d. "
        f"{plan.ends_on:%d-%m-%Y}."
    )
    for who in {plan.employee_id, assessor, plan.mentor_employee_id} - {None}:
        assert who is not None
        await notify(
            session,
            who,
            kind="PEMBINAAN_DIBUKA",
            message=message,
            link=links.coaching(plan.id),
            dedupe_key=f"coaching.open:{plan.id}:{who}",
        )


async def open_coaching_for_low_predicates(
    db: Database,
    actor: Actor,
    *,
    period_id: int | None = None,
    year_id: int | None = None,
    today: date | None = None,
) -> list[CoachingPlan]:
    """Open a plan for every finalised low predicate in the scope that has none yet."""
    if not (actor.is_system or actor.has(Role.HR_ADMIN)):
        raise forbidden("Hanya Admin BKPSDM yang membuka rencana pembinaan secara massal.")
    today = today or clock.today()
    async with db.write() as session:
        scope = await resolve_scope(session, period_id=period_id, year_id=year_id)
        low = [r for r in await load_rated(session, scope) if r.predicate in LOW_PREDICATES]
        taken = (
            set(
                (
                    await session.scalars(
                        sa.select(CoachingPlan.evaluation_id).where(
                            CoachingPlan.evaluation_id.in_({r.evaluation_id for r in low})
                        )
                    )
                ).all()
            )
            if low
            else set()
        )
        evaluations = (
            {
                e.id: e
                for e in (
                    await session.scalars(
                        sa.select(Evaluation).where(
                            Evaluation.id.in_({r.evaluation_id for r in low} - taken)
                        )
                    )
                ).all()
            }
            if low
            else {}
        )
        created = []
        for r in low:
            if r.evaluation_id in taken:
                continue
            plan = _new_plan(
                evaluations[r.evaluation_id],
                r.employee_id,
                today,
                DEFAULT_GOALS.format(
                    months=COACHING_MONTHS, predicate=PREDICATE_LABELS[r.predicate]
                ),
                DEFAULT_ACTIONS,
                None,
            )
            session.add(plan)
            await session.flush()
            await _opened(session, actor, plan, r.assessor_id)
            created.append(plan)
        return created


def _mentor_check(mentor_id: int | None, employee_id: int) -> None:
    if mentor_id is not None and mentor_id == employee_id:
        raise invalid("mentorId", "Pegawai tidak dapat menjadi mentor bagi dirinya sendiri.")


async def _require_employee(session: AsyncSession, employee_id: int | None, field: str) -> None:
    if employee_id is not None and await session.get(Employee, employee_id) is None:
        raise ServiceError(ErrorCode.NOT_FOUND, "Pegawai tidak ditemukan.", field)


async def open_coaching_plan(
    db: Database,
    actor: Actor,
    *,
    evaluation_id: int,
    goals: str,
    actions: str,
    mentor_id: int | None = None,
    starts_on: date | None = None,
    today: date | None = None,
) -> CoachingPlan:
    """Opened by the Pejabat Penilai of the evaluation or BKPSDM, for a low predicate."""
    today = today or clock.today()
    goals_text = clean_long_text(goals, "goals", "Sasaran pembinaan", max_length=MAX_TEXT)
    actions_text = clean_long_text(actions, "actions", "Langkah pembinaan", max_length=MAX_TEXT)
    async with db.write() as session:
        evaluation = await session.get(Evaluation, evaluation_id)
        plan = await session.get(PerformancePlan, evaluation.plan_id) if evaluation else None
        if evaluation is None or plan is None:
            raise ServiceError(ErrorCode.NOT_FOUND, "Penilaian tidak ditemukan.", "evaluationId")
        is_assessor = (
            actor.employee_id is not None and actor.employee_id == evaluation.assessor_employee_id
        )
        if not (is_assessor or actor.is_system or actor.has(Role.HR_ADMIN)):
            raise forbidden(
                "Hanya Pejabat Penilai pegawai ini atau Admin BKPSDM yang membuka rencana pembinaan."
            )
        if evaluation.status not in FINALISED or evaluation.predicate not in LOW_PREDICATES:
            raise ServiceError(
                ErrorCode.INVALID_STATE,
                "Rencana pembinaan dibuka untuk predikat Butuh Perbaikan, Kurang atau Sangat "
                "Kurang yang sudah ditetapkan.",
            )
        _mentor_check(mentor_id, plan.employee_id)
        await _require_employee(session, mentor_id, "mentorId")
        if await session.scalar(
            sa.select(CoachingPlan.id).where(CoachingPlan.evaluation_id == evaluation.id)
        ):
            raise ServiceError(
                ErrorCode.DUPLICATE, "Rencana pembinaan untuk penilaian ini sudah ada."
            )
        start = starts_on or today
        if abs((start - today).days) > 90:
            raise invalid("startsOn", "Tanggal mulai pembinaan paling jauh 90 hari dari hari ini.")
        coaching = _new_plan(
            evaluation, plan.employee_id, start, goals_text, actions_text, mentor_id
        )
        session.add(coaching)
        await session.flush()
        await _opened(session, actor, coaching, evaluation.assessor_employee_id)
        return coaching


async def _plan_for(
    session: AsyncSession, actor: Actor, plan_id: int, today: date
) -> tuple[CoachingPlan, CoachingRoles]:
    plan = await session.get(CoachingPlan, plan_id)
    roles = (await _roles(session, actor, [plan], today))[plan.id] if plan else None
    if plan is None or roles is None or not roles.can_read:
        raise ServiceError(ErrorCode.NOT_FOUND, "Rencana pembinaan tidak ditemukan.", "id")
    return plan, roles


def _require_running(plan: CoachingPlan) -> None:
    if plan.status is not CoachingStatus.BERJALAN:
        raise ServiceError(ErrorCode.INVALID_STATE, "Rencana pembinaan ini sudah ditutup.")


async def update_coaching_plan(
    db: Database,
    actor: Actor,
    *,
    plan_id: int,
    goals: str | None = None,
    actions: str | None = None,
    mentor_id: int | None = None,
    clear_mentor: bool = False,
    today: date | None = None,
) -> CoachingPlan:
    today = today or clock.today()
    goals_text = (
        None
        if goals is None
        else clean_long_text(goals, "goals", "Sasaran pembinaan", max_length=MAX_TEXT)
    )
    actions_text = (
        None
        if actions is None
        else clean_long_text(actions, "actions", "Langkah pembinaan", max_length=MAX_TEXT)
    )
    async with db.write() as session:
        plan, roles = await _plan_for(session, actor, plan_id, today)
        if not roles.can_manage:
            raise forbidden(
                "Hanya Pejabat Penilai atau Admin BKPSDM yang mengubah rencana pembinaan."
            )
        _require_running(plan)
        _mentor_check(mentor_id, plan.employee_id)
        await _require_employee(session, mentor_id, "mentorId")
        before = coaching_state(plan)
        if goals_text is not None:
            plan.goals = goals_text
        if actions_text is not None:
            plan.actions = actions_text
        if clear_mentor:
            plan.mentor_employee_id = None
        elif mentor_id is not None:
            plan.mentor_employee_id = mentor_id
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.COACHING_UPDATE,
            "coaching_plan",
            plan.id,
            before=before,
            after=coaching_state(plan),
        )
        return plan


async def record_coaching_check_in(
    db: Database,
    actor: Actor,
    *,
    plan_id: int,
    held_on: date,
    note: str,
    today: date | None = None,
) -> CoachingCheckIn:
    """A check-in by the Pejabat Penilai or the mentor, within the window and not in the future."""
    today = today or clock.today()
    text = clean_long_text(note, "note", "Catatan pertemuan", max_length=MAX_TEXT)
    async with db.write() as session:
        plan, roles = await _plan_for(session, actor, plan_id, today)
        if not (roles.is_assessor or roles.is_mentor):
            raise forbidden("Hanya Pejabat Penilai atau mentor yang mencatat pertemuan pembinaan.")
        _require_running(plan)
        if held_on > today or not plan.starts_on <= held_on <= plan.ends_on:
            raise invalid(
                "heldOn",
                f"Tanggal pertemuan harus di dalam masa pembinaan ({plan.starts_on:%d-%m-%Y} s.d. "
                f"{plan.ends_on:%d-%m-%Y}) dan tidak di masa depan.",
            )
        assert actor.employee_id is not None
        check_in = CoachingCheckIn(
            coaching_plan_id=plan.id,
            held_on=held_on,
            note=text,
            recorded_by_employee_id=actor.employee_id,
        )
        session.add(check_in)
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.COACHING_CHECK_IN,
            "coaching_plan",
            plan.id,
            after={"check_in_id": check_in.id, "held_on": held_on, "note": text},
        )
        return check_in


async def close_coaching_plan(
    db: Database,
    actor: Actor,
    *,
    plan_id: int,
    status: CoachingStatus,
    outcome: str,
    today: date | None = None,
) -> CoachingPlan:
    """The outcome at the end of the window: BERHASIL or TIDAK_BERHASIL."""
    today = today or clock.today()
    if status is CoachingStatus.BERJALAN:
        raise invalid("status", "Hasil pembinaan harus BERHASIL atau TIDAK_BERHASIL.")
    text = clean_long_text(outcome, "outcome", "Hasil pembinaan", max_length=MAX_TEXT)
    async with db.write() as session:
        plan, roles = await _plan_for(session, actor, plan_id, today)
        if not roles.can_manage:
            raise forbidden(
                "Hanya Pejabat Penilai atau Admin BKPSDM yang menutup rencana pembinaan."
            )
        _require_running(plan)
        if today < plan.ends_on:
            raise ServiceError(
                ErrorCode.INVALID_STATE,
                f"Hasil pembinaan dicatat pada akhir masa pembinaan ({plan.ends_on:%d-%m-%Y}).",
            )
        before = coaching_state(plan)
        plan.status = status
        plan.outcome = text
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.COACHING_CLOSE,
            "coaching_plan",
            plan.id,
            before=before,
            after=coaching_state(plan),
        )
        await notify(
            session,
            plan.employee_id,
            kind="PEMBINAAN_SELESAI",
            message=f"Rencana pembinaan Anda ditutup: {status.value.replace('_', ' ').lower()}.",
            link=links.coaching(plan.id),
            dedupe_key=f"coaching.close:{plan.id}",
        )
        return plan


async def get_coaching_plan(
    db: Database, actor: Actor, plan_id: int, *, today: date | None = None
) -> CoachingPlan:
    async with db.read() as session:
        plan, _ = await _plan_for(session, actor, plan_id, today or clock.today())
        return plan


async def list_coaching_plans(
    db: Database,
    actor: Actor,
    *,
    status: CoachingStatus | None = None,
    employee_id: int | None = None,
    today: date | None = None,
    limit: int = 200,
) -> list[CoachingPlan]:
    today = today or clock.today()
    query = sa.select(CoachingPlan).order_by(CoachingPlan.id.desc())
    if status is not None:
        query = query.where(CoachingPlan.status == status)
    if employee_id is not None:
        query = query.where(CoachingPlan.employee_id == employee_id)
    async with db.read() as session:
        plans = (await session.scalars(query)).all()
        roles = await _roles(session, actor, plans, today)
    return [p for p in plans if roles[p.id].can_read][:limit]


async def check_ins_of(db: Database, plan_ids: Sequence[int]) -> dict[int, list[CoachingCheckIn]]:
    """Check-ins per plan (for a DataLoader: the plans were scoped when they were loaded)."""
    async with db.read() as session:
        rows = (
            await session.scalars(
                sa.select(CoachingCheckIn)
                .where(CoachingCheckIn.coaching_plan_id.in_(set(plan_ids)))
                .order_by(CoachingCheckIn.held_on, CoachingCheckIn.id)
            )
        ).all()
    grouped: dict[int, list[CoachingCheckIn]] = {i: [] for i in plan_ids}
    for row in rows:
        grouped[row.coaching_plan_id].append(row)
    return grouped
