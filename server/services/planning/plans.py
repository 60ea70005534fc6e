"""The SKP (PerformancePlan) life cycle: create, submit, approve or reject, revise (DOMAIN.md §3).

DRAFT → DIAJUKAN → DITETAPKAN; DIAJUKAN → DITOLAK (reason) → DRAFT (or straight back to
DIAJUKAN). A set SKP changes only through a revision: DITETAPKAN → REVISI_DRAFT →
REVISI_DIAJUKAN → DITETAPKAN (a new PlanVersion) or back to REVISI_DRAFT (rejected); a revision
draft can be withdrawn, which restores the set version exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, TypeVar, cast

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from server import clock
from server.db.base import Base
from server.db.engine import Database
from server.db.models import (
    AppraisalYear,
    BehaviorExpectation,
    Indicator,
    PerformancePlan,
    PlanVersion,
    WorkResult,
)
from server.domain.audit_actions import AuditAction
from server.domain.enums import Approach, PlanStatus, WorkResultKind, YearStatus
from server.domain.planning import (
    AWAITING_ASSESSOR,
    STATUS_LABELS,
    can_transition,
    transition_error,
)
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.errors import ErrorCode, ServiceError, ValidationErrors, forbidden
from server.services.grouping import group_by
from server.services.notifications import kepala_daerah_accounts
from server.services.organisation.directory import load_org_snapshot
from server.services.planning.access import load_readable_plan, plan_access, plans_access
from server.services.planning.cascade import check_link, owner_of
from server.services.planning.snapshots import identity_snapshot, plan_content, restore_content
from server.services.planning.usage import blocked_indicators, blocked_work_results
from server.services.planning.years import require_open_year, year_by_number
from server.services.validation import check_version, clean_text, invalid

_Row = TypeVar("_Row", bound=Base)

MAX_REASON = 2000


def plan_state(plan: PerformancePlan) -> dict[str, Any]:
    return {
        "employee_id": plan.employee_id,
        "year_id": plan.year_id,
        "status": plan.status,
        "approach": plan.approach,
        "assessor_employee_id": plan.assessor_employee_id,
        "revision": plan.revision,
    }


async def create_plan(
    db: Database, actor: Actor, year: int, approach: Approach = Approach.KUANTITATIF
) -> PerformancePlan:
    """The pegawai starts their own SKP for an open year (one per pegawai per year)."""
    if actor.employee_id is None:
        raise forbidden("Hanya pegawai yang dapat menyusun SKP.")
    async with db.write() as session:
        found = await year_by_number(session, year)
        if found is None:
            raise invalid("year", f"Periode penilaian {year} belum dibuka.")
        await require_open_year(session, found.id)
        exists = (
            await session.scalars(
                sa.select(PerformancePlan.id).where(
                    PerformancePlan.employee_id == actor.employee_id,
                    PerformancePlan.year_id == found.id,
                )
            )
        ).first()
        if exists is not None:
            raise ServiceError(ErrorCode.DUPLICATE, f"SKP tahun {year} Anda sudah ada.", "year")
        plan = PerformancePlan(
            employee_id=actor.employee_id,
            year_id=found.id,
            approach=approach,
            status=PlanStatus.DRAFT,
        )
        session.add(plan)
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.PLAN_CREATE,
            "performance_plan",
            plan.id,
            after=plan_state(plan),
        )
    return plan


async def _problems_before_submit(
    session: AsyncSession, plan: PerformancePlan, today: date
) -> list[ServiceError]:
    """Everything that keeps the SKP from being submitted, all at once (a form shows them all)."""
    problems: list[ServiceError] = []
    results = (
        await session.scalars(
            sa.select(WorkResult).where(WorkResult.plan_id == plan.id).order_by(WorkResult.ordinal)
        )
    ).all()
    indicators = (
        await session.scalars(
            sa.select(Indicator).where(Indicator.work_result_id.in_([r.id for r in results]))
        )
    ).all()
    by_result: dict[int, list[Indicator]] = {}
    for indicator in indicators:
        by_result.setdefault(indicator.work_result_id, []).append(indicator)
    if not any(r.kind is WorkResultKind.UTAMA for r in results):
        problems.append(
            invalid("workResults", "SKP wajib memiliki sekurang-kurangnya satu RHK utama.")
        )
    owner = await owner_of(session, plan.employee_id, today)
    org = await load_org_snapshot(session, today)
    for number, result in enumerate(results, start=1):
        label = f"RHK {number}"
        rows = by_result.get(result.id, [])
        if not rows:
            problems.append(invalid(f"workResults.{result.id}", f"{label} belum memiliki IKI."))
        for indicator in rows:
            if plan.approach is Approach.KUANTITATIF:
                if indicator.target_value is None or not indicator.target_unit:
                    problems.append(
                        invalid(
                            f"indicators.{indicator.id}",
                            f"IKI {label} wajib memiliki target angka dan satuannya (pendekatan kuantitatif).",
                        )
                    )
            elif not indicator.target_description:
                problems.append(
                    invalid(
                        f"indicators.{indicator.id}",
                        f"IKI {label} wajib memiliki uraian target (pendekatan kualitatif).",
                    )
                )
        # The assessor may have changed since the RHK was linked: check again.
        try:
            await check_link(session, plan, owner, org, result.parent_id, result.org_goal_id)
        except ServiceError as exc:
            problems.append(
                ServiceError(exc.code, f"{label}: {exc.message}", f"workResults.{result.id}")
            )
    return problems


async def _plan_for_step(
    session: AsyncSession,
    actor: Actor,
    plan_id: int,
    expected_version: int | None,
    today: date,
    *,
    by: Literal["owner", "assessor"],
) -> PerformancePlan:
    """The SKP for one workflow step: one the actor may read, taken by its pegawai (``owner``) or
    its Pejabat Penilai (``assessor``), of an open year, at the expected version."""
    plan, access = await load_readable_plan(session, actor, plan_id, today)
    if by == "owner":
        access.require_owner()
    else:
        access.require_assessor()
    await require_open_year(session, plan.year_id)
    check_version(plan.version, expected_version, "SKP")
    return plan


async def _record_step(
    session: AsyncSession,
    actor: Actor,
    action: AuditAction,
    plan: PerformancePlan,
    before: dict[str, Any],
    **after: Any,
) -> None:
    """The audit event of a workflow step: the SKP's state before and after, plus ``after``'s
    extra facts (the reason, the new version, …)."""
    await session.flush()
    await record_event(
        session,
        actor,
        action,
        "performance_plan",
        plan.id,
        before=before,
        after={**plan_state(plan), **after},
    )


def _move(plan: PerformancePlan, target: PlanStatus) -> None:
    if not can_transition(plan.status, target):
        raise ServiceError(ErrorCode.INVALID_STATE, transition_error(plan.status, target))
    plan.status = target


async def submit_plan(
    db: Database,
    actor: Actor,
    plan_id: int,
    expected_version: int | None,
    *,
    today: date | None = None,
) -> PerformancePlan:
    """DRAFT/DITOLAK → DIAJUKAN, REVISI_DRAFT → REVISI_DIAJUKAN. Fixes the Pejabat Penilai and
    snapshots both identities."""
    today = today or clock.today()
    async with db.write() as session:
        plan = await _plan_for_step(session, actor, plan_id, expected_version, today, by="owner")
        target = (
            PlanStatus.REVISI_DIAJUKAN
            if plan.status is PlanStatus.REVISI_DRAFT
            else PlanStatus.DIAJUKAN
        )
        if not can_transition(plan.status, target):
            raise ServiceError(ErrorCode.INVALID_STATE, transition_error(plan.status, target))
        org = await load_org_snapshot(session, today)
        assessor = org.resolve_assessor(plan.employee_id)
        # Nobody above in the tree: the Kepala Daerah rates, once their account exists.
        by_kepala_daerah = (
            assessor is None
            and org.rated_by_kepala_daerah(plan.employee_id)
            and bool(await kepala_daerah_accounts(session))
        )
        if assessor is None and not by_kepala_daerah:
            raise ServiceError(
                ErrorCode.INVALID_STATE,
                "Pejabat Penilai Anda belum dapat ditentukan (jabatan atasan kosong dan tidak ada "
                "penunjukan, atau akun Kepala Daerah belum dibuat). Hubungi pengelola kinerja "
                "sebelum mengajukan SKP.",
            )
        problems = await _problems_before_submit(session, plan, today)
        if problems:
            raise ValidationErrors(problems)
        before = plan_state(plan)
        _move(plan, target)
        plan.assessor_employee_id = assessor.employee_id if assessor else None
        plan.assessed_by_kepala_daerah = by_kepala_daerah
        plan.identity_snapshot = await identity_snapshot(
            session, plan.employee_id, plan.assessor_employee_id, today
        )
        plan.submitted_at = clock.now()
        await _record_step(
            session,
            actor,
            AuditAction.PLAN_SUBMIT,
            plan,
            before,
            identity_snapshot=plan.identity_snapshot,
        )
    return plan


async def approve_plan(
    db: Database,
    actor: Actor,
    plan_id: int,
    expected_version: int | None,
    *,
    today: date | None = None,
) -> PerformancePlan:
    """The Pejabat Penilai sets (menetapkan) the SKP: a new frozen PlanVersion."""
    today = today or clock.today()
    async with db.write() as session:
        plan = await _plan_for_step(session, actor, plan_id, expected_version, today, by="assessor")
        if plan.status not in AWAITING_ASSESSOR:
            raise ServiceError(
                ErrorCode.INVALID_STATE, transition_error(plan.status, PlanStatus.DITETAPKAN)
            )
        before = plan_state(plan)
        is_revision = plan.status is PlanStatus.REVISI_DIAJUKAN
        _move(plan, PlanStatus.DITETAPKAN)
        if is_revision:
            plan.revision += 1
        plan.identity_snapshot = await identity_snapshot(
            session, plan.employee_id, plan.assessor_employee_id, today
        )
        now = clock.now()
        plan.approved_at = now
        plan.rejection_reason = None
        plan.revision_reason = None
        await session.flush()
        content = await plan_content(session, plan)
        version = PlanVersion(
            plan_id=plan.id,
            revision=plan.revision,
            content=content,
            approved_at=now,
            approved_by_employee_id=actor.employee_id,
        )
        session.add(version)
        await _record_step(
            session, actor, AuditAction.PLAN_APPROVE, plan, before, plan_version_id=version.id
        )
    return plan


async def reject_plan(
    db: Database,
    actor: Actor,
    plan_id: int,
    reason: str,
    expected_version: int | None,
    *,
    today: date | None = None,
) -> PerformancePlan:
    """DIAJUKAN → DITOLAK, REVISI_DIAJUKAN → REVISI_DRAFT, always with a reason."""
    today = today or clock.today()
    text = clean_text(reason, "reason", "Alasan penolakan", max_length=MAX_REASON)
    async with db.write() as session:
        plan = await _plan_for_step(session, actor, plan_id, expected_version, today, by="assessor")
        target = (
            PlanStatus.REVISI_DRAFT
            if plan.status is PlanStatus.REVISI_DIAJUKAN
            else PlanStatus.DITOLAK
        )
        if plan.status not in AWAITING_ASSESSOR:
            raise ServiceError(ErrorCode.INVALID_STATE, transition_error(plan.status, target))
        before = plan_state(plan)
        _move(plan, target)
        plan.rejection_reason = text
        await _record_step(session, actor, AuditAction.PLAN_REJECT, plan, before, reason=text)
    return plan


async def return_to_draft(
    db: Database,
    actor: Actor,
    plan_id: int,
    expected_version: int | None,
    *,
    today: date | None = None,
) -> PerformancePlan:
    """DITOLAK → DRAFT: the pegawai takes the rejected SKP back to rework it."""
    today = today or clock.today()
    async with db.write() as session:
        plan = await _plan_for_step(session, actor, plan_id, expected_version, today, by="owner")
        if plan.status is not PlanStatus.DITOLAK:
            raise ServiceError(
                ErrorCode.INVALID_STATE, transition_error(plan.status, PlanStatus.DRAFT)
            )
        before = plan_state(plan)
        _move(plan, PlanStatus.DRAFT)
        await _record_step(session, actor, AuditAction.PLAN_RETURN_TO_DRAFT, plan, before)
    return plan


async def start_revision(
    db: Database,
    actor: Actor,
    plan_id: int,
    reason: str,
    expected_version: int | None,
    *,
    today: date | None = None,
) -> PerformancePlan:
    """DITETAPKAN → REVISI_DRAFT; the set version stays readable (and in force) meanwhile."""
    today = today or clock.today()
    text = clean_text(reason, "reason", "Alasan revisi", max_length=MAX_REASON)
    async with db.write() as session:
        plan = await _plan_for_step(session, actor, plan_id, expected_version, today, by="owner")
        before = plan_state(plan)
        _move(plan, PlanStatus.REVISI_DRAFT)
        plan.revision_reason = text
        plan.rejection_reason = None
        await _record_step(
            session, actor, AuditAction.PLAN_REVISION_START, plan, before, reason=text
        )
    return plan


async def latest_version(session: AsyncSession, plan_id: int) -> PlanVersion | None:
    return (
        await session.scalars(
            sa.select(PlanVersion)
            .where(PlanVersion.plan_id == plan_id)
            .order_by(PlanVersion.revision.desc())
            .limit(1)
        )
    ).first()


async def withdraw_revision(
    db: Database,
    actor: Actor,
    plan_id: int,
    expected_version: int | None,
    *,
    today: date | None = None,
) -> PerformancePlan:
    """REVISI_DRAFT → DITETAPKAN with the content of the set version restored exactly."""
    today = today or clock.today()
    async with db.write() as session:
        plan = await _plan_for_step(session, actor, plan_id, expected_version, today, by="owner")
        if plan.status is not PlanStatus.REVISI_DRAFT:
            raise ServiceError(
                ErrorCode.INVALID_STATE,
                f"Hanya draf revisi yang dapat dibatalkan (status sekarang {STATUS_LABELS[plan.status]}).",
            )
        version = await latest_version(session, plan.id)
        assert version is not None  # a plan reaches REVISI_DRAFT only after being set
        content: dict[str, Any] = version.content
        kept_results = {r["id"] for r in content["work_results"]}
        kept_indicators = {i["id"] for r in content["work_results"] for i in r["indicators"]}
        current_results = list(
            (
                await session.scalars(sa.select(WorkResult.id).where(WorkResult.plan_id == plan.id))
            ).all()
        )
        current_indicators = list(
            (
                await session.scalars(
                    sa.select(Indicator.id).where(Indicator.work_result_id.in_(current_results))
                )
            ).all()
        )
        added_results = [r for r in current_results if r not in kept_results]
        added_indicators = [i for i in current_indicators if i not in kept_indicators]
        if await blocked_work_results(session, added_results) or await blocked_indicators(
            session, added_indicators
        ):
            raise ServiceError(
                ErrorCode.INVALID_STATE,
                "RHK/IKI baru dalam revisi ini sudah dipakai untuk mendokumentasikan kerja; "
                "revisi tidak dapat dibatalkan, ajukan saja revisinya.",
            )
        children = (
            await session.scalars(
                sa.select(WorkResult.id).where(WorkResult.parent_id.in_(added_results))
            )
        ).first()
        if children is not None:
            raise ServiceError(
                ErrorCode.INVALID_STATE,
                "RHK baru dalam revisi ini sudah diintervensi bawahan; revisi tidak dapat dibatalkan.",
            )
        before = plan_state(plan)
        await restore_content(session, plan, content)
        _move(plan, PlanStatus.DITETAPKAN)
        plan.revision_reason = None
        plan.rejection_reason = None
        plan.identity_snapshot = content["identity_snapshot"]
        await _record_step(
            session,
            actor,
            AuditAction.PLAN_REVISION_WITHDRAW,
            plan,
            before,
            restored_revision=version.revision,
        )
    return plan


# --- reads -----------------------------------------------------------------------------------


async def plans_of_employee(session: AsyncSession, employee_id: int) -> Sequence[PerformancePlan]:
    return (
        await session.scalars(
            sa.select(PerformancePlan)
            .join(AppraisalYear, AppraisalYear.id == PerformancePlan.year_id)
            .where(PerformancePlan.employee_id == employee_id)
            .order_by(AppraisalYear.year.desc())
        )
    ).all()


async def plans_to_review(session: AsyncSession, actor: Actor) -> Sequence[PerformancePlan]:
    """SKPs waiting for this Pejabat Penilai's decision, oldest submission first."""
    fixed_to_me: sa.ColumnElement[bool]
    if actor.is_kepala_daerah:
        fixed_to_me = PerformancePlan.assessed_by_kepala_daerah.is_(True)
    elif actor.employee_id is not None:
        fixed_to_me = PerformancePlan.assessor_employee_id == actor.employee_id
    else:
        return []
    return (
        await session.scalars(
            sa.select(PerformancePlan)
            .join(AppraisalYear, AppraisalYear.id == PerformancePlan.year_id)
            .where(
                fixed_to_me,
                PerformancePlan.status.in_(AWAITING_ASSESSOR),
                AppraisalYear.status == YearStatus.DIBUKA,
            )
            .order_by(PerformancePlan.submitted_at, PerformancePlan.id)
        )
    ).all()


async def readable_plan(
    session: AsyncSession, actor: Actor, plan: PerformancePlan | None, today: date
) -> PerformancePlan | None:
    """The plan if ``actor`` may read it, else None (existence is not revealed)."""
    if plan is None:
        return None
    access = await plan_access(session, actor, plan, today=today)
    return plan if access.can_read else None


async def find_plan_of(
    session: AsyncSession, actor: Actor, today: date, *, employee_id: int, year: int
) -> PerformancePlan | None:
    """An employee's SKP of a year, if ``actor`` may read it (by id: readable_plan_contexts)."""
    plan = (
        await session.scalars(
            sa.select(PerformancePlan)
            .join(AppraisalYear, AppraisalYear.id == PerformancePlan.year_id)
            .where(PerformancePlan.employee_id == employee_id, AppraisalYear.year == year)
        )
    ).one_or_none()
    return await readable_plan(session, actor, plan, today)


async def readable_subset(
    session: AsyncSession, actor: Actor, plans: Sequence[PerformancePlan], today: date
) -> list[PerformancePlan]:
    access = await plans_access(session, actor, plans, today=today)
    return [p for p in plans if access[p.id].can_read]


async def _children_by_parent(
    session: AsyncSession,
    model: type[_Row],
    parent: InstrumentedAttribute[int],
    parent_ids: Sequence[int],
    *order_by: InstrumentedAttribute[Any],
) -> dict[int, list[_Row]]:
    """The ``model`` rows whose ``parent`` column is one of ``parent_ids``, grouped by it (one
    query for a whole page of parents, in ``order_by`` order)."""
    rows = (
        await session.scalars(sa.select(model).where(parent.in_(parent_ids)).order_by(*order_by))
    ).all()
    return group_by(rows, lambda row: cast(int, getattr(row, parent.key)))


async def work_results_of_plans(
    session: AsyncSession, plan_ids: Sequence[int]
) -> dict[int, list[WorkResult]]:
    return await _children_by_parent(
        session, WorkResult, WorkResult.plan_id, plan_ids, WorkResult.ordinal, WorkResult.id
    )


@dataclass(frozen=True)
class WorkResultsWithIndicators:
    """The RHK of some SKP and the IKI of each RHK, read in one statement."""

    of_plan: dict[int, list[WorkResult]]
    of_work_result: dict[int, list[Indicator]]


async def work_results_with_indicators_of_plans(
    session: AsyncSession, plan_ids: Sequence[int]
) -> WorkResultsWithIndicators:
    """:func:`work_results_of_plans` and :func:`indicators_of_work_results` of those RHK in one
    statement (RHK ⟕ IKI), each in the same order as there; an RHK without IKI has an empty
    list."""
    rows = (
        await session.execute(
            sa.select(WorkResult, Indicator)
            .outerjoin(Indicator, Indicator.work_result_id == WorkResult.id)
            .where(WorkResult.plan_id.in_(plan_ids))
            .order_by(WorkResult.ordinal, WorkResult.id, Indicator.ordinal, Indicator.id)
        )
    ).all()
    work_results: dict[int, WorkResult] = {}
    indicators: dict[int, list[Indicator]] = {}
    for work_result, indicator in rows:
        if work_result.id not in work_results:
            work_results[work_result.id] = work_result
            indicators[work_result.id] = []
        if indicator is not None:
            indicators[work_result.id].append(indicator)
    return WorkResultsWithIndicators(
        group_by(work_results.values(), lambda row: row.plan_id), indicators
    )


async def indicators_of_work_results(
    session: AsyncSession, ids: Sequence[int]
) -> dict[int, list[Indicator]]:
    return await _children_by_parent(
        session, Indicator, Indicator.work_result_id, ids, Indicator.ordinal, Indicator.id
    )


async def expectations_of_plans(
    session: AsyncSession, plan_ids: Sequence[int]
) -> dict[int, list[BehaviorExpectation]]:
    return await _children_by_parent(
        session,
        BehaviorExpectation,
        BehaviorExpectation.plan_id,
        plan_ids,
        BehaviorExpectation.id,
    )


async def versions_of_plans(
    session: AsyncSession, plan_ids: Sequence[int]
) -> dict[int, list[PlanVersion]]:
    return await _children_by_parent(
        session, PlanVersion, PlanVersion.plan_id, plan_ids, PlanVersion.revision
    )
