"""The cascade (cascading RHK): who intervenes which RHK, and how well a unit is aligned."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server.db.models import (
    Employee,
    OrgGoal,
    PerformancePlan,
    Position,
    PositionAssignment,
    Unit,
    WorkResult,
)
from server.domain.assessor import OrgSnapshot
from server.domain.enums import Role
from server.domain.planning import SUBMITTED_AT_LEAST, OrphanReason, coverage_share
from server.services.actor import Actor
from server.services.errors import ErrorCode, ServiceError, forbidden, not_found
from server.services.organisation.directory import (
    current_positions_of,
    load_org_snapshot,
    load_unit_tree,
    open_assignment_on,
)
from server.services.planning.access import plans_access
from server.services.planning.years import year_by_number
from server.services.validation import invalid


@dataclass(frozen=True)
class Owner:
    """The pegawai of an SKP as the cascading rules need them (today)."""

    employee_id: int
    unit_id: int | None
    is_jpt: bool


async def owner_of(session: AsyncSession, employee_id: int, day: date) -> Owner:
    position_id = (await current_positions_of(session, [employee_id], day)).get(employee_id)
    position = await session.get(Position, position_id) if position_id is not None else None
    return Owner(
        employee_id=employee_id,
        unit_id=position.unit_id if position else None,
        is_jpt=bool(position and position.kind.is_jpt),
    )


async def check_link(
    session: AsyncSession,
    plan: PerformancePlan,
    owner: Owner,
    org: OrgSnapshot,
    parent_id: int | None,
    org_goal_id: int | None,
) -> None:
    """Cascading: a non-JPT RHK intervenes one RHK of the Pejabat Penilai's SKP of the same year
    (submitted at least); a JPT RHK references an organisation goal of the pegawai's unit."""
    if owner.is_jpt:
        if parent_id is not None:
            raise invalid(
                "parentId",
                "RHK pejabat pimpinan tinggi mengacu sasaran organisasi, bukan RHK atasan.",
            )
        if org_goal_id is None:
            raise invalid(
                "orgGoalId",
                "RHK pejabat pimpinan tinggi wajib mengacu satu sasaran organisasi unitnya.",
            )
        goal = await session.get(OrgGoal, org_goal_id)
        if goal is None or goal.year_id != plan.year_id or goal.unit_id != owner.unit_id:
            raise invalid(
                "orgGoalId", "Sasaran organisasi tidak ditemukan untuk unit dan tahun SKP ini."
            )
        return
    if org_goal_id is not None:
        raise invalid(
            "orgGoalId", "Hanya RHK pejabat pimpinan tinggi yang mengacu sasaran organisasi."
        )
    if parent_id is None:
        raise invalid("parentId", "RHK wajib mengintervensi satu RHK Pejabat Penilai Anda.")
    found = org.resolve_assessor(owner.employee_id)
    if found is None:
        raise ServiceError(
            ErrorCode.INVALID_STATE,
            "Pejabat Penilai Anda belum dapat ditentukan (jabatan atasan kosong dan tidak ada "
            "penunjukan). Hubungi pengelola kinerja.",
            "parentId",
        )
    parent = await session.get(WorkResult, parent_id)
    parent_plan = await session.get(PerformancePlan, parent.plan_id) if parent else None
    if parent is None or parent_plan is None:
        raise invalid("parentId", "RHK atasan tidak ditemukan.")
    if parent_plan.employee_id != found.employee_id:
        assessor = await session.get(Employee, found.employee_id)
        name = assessor.name if assessor else "Pejabat Penilai"
        raise invalid(
            "parentId",
            f"RHK yang diintervensi harus berasal dari SKP Pejabat Penilai Anda ({name}).",
        )
    if parent_plan.year_id != plan.year_id:
        raise invalid("parentId", "RHK yang diintervensi harus dari SKP tahun yang sama.")
    if parent_plan.status not in SUBMITTED_AT_LEAST:
        raise ServiceError(
            ErrorCode.INVALID_STATE,
            "SKP Pejabat Penilai belum diajukan; RHK-nya belum dapat diintervensi.",
            "parentId",
        )


async def readable_children(
    session: AsyncSession, actor: Actor, parent_ids: Sequence[int], today: date
) -> dict[int, list[WorkResult]]:
    """Subordinates' RHKs intervening each given RHK, limited to SKPs ``actor`` may read."""
    rows = (
        await session.scalars(
            sa.select(WorkResult)
            .where(WorkResult.parent_id.in_(parent_ids))
            .order_by(WorkResult.plan_id, WorkResult.ordinal, WorkResult.id)
        )
    ).all()
    plans = (
        await session.scalars(
            sa.select(PerformancePlan).where(PerformancePlan.id.in_({r.plan_id for r in rows}))
        )
    ).all()
    access = await plans_access(session, actor, plans, today=today)
    grouped: dict[int, list[WorkResult]] = {}
    for row in rows:
        if row.parent_id is not None and access[row.plan_id].can_read:
            grouped.setdefault(row.parent_id, []).append(row)
    return grouped


async def cascadable_work_results(
    session: AsyncSession, employee_id: int, year: int, today: date
) -> list[WorkResult]:
    """The RHKs a pegawai may intervene: those of their Pejabat Penilai's SKP of that year,
    once it is at least submitted. Knowing them is part of cascading, so no PlanAccess here;
    the API shows only their kind and text."""
    org = await load_org_snapshot(session, today)
    assessor = org.resolve_assessor(employee_id)
    found = await year_by_number(session, year)
    if assessor is None or found is None:
        return []
    plan = (
        await session.scalars(
            sa.select(PerformancePlan).where(
                PerformancePlan.employee_id == assessor.employee_id,
                PerformancePlan.year_id == found.id,
                PerformancePlan.status.in_(SUBMITTED_AT_LEAST),
            )
        )
    ).one_or_none()
    if plan is None:
        return []
    return list(
        (
            await session.scalars(
                sa.select(WorkResult)
                .where(WorkResult.plan_id == plan.id)
                .order_by(WorkResult.ordinal, WorkResult.id)
            )
        ).all()
    )


@dataclass(frozen=True)
class Orphan:
    work_result: WorkResult
    reason: OrphanReason


@dataclass(frozen=True)
class Coverage:
    """Alignment of the RHKs of one unit (with its sub-units) in one year."""

    year: int
    unit_id: int
    plan_count: int
    work_result_count: int
    linked_count: int
    linked_share: float
    unintervened: list[WorkResult]
    orphans: list[Orphan]


def require_coverage_reader(actor: Actor, unit_id: int, within: bool) -> None:
    if actor.sees_everything:
        return
    if actor.has(Role.UNIT_MANAGER) and actor.managed_unit_id is not None and within:
        return
    raise forbidden(
        "Hanya pengelola kinerja unit ini, BKPSDM dan auditor yang boleh melihat keselarasan RHK."
    )


async def alignment_coverage(
    session: AsyncSession, actor: Actor, unit_id: int, year: int, today: date
) -> Coverage:
    """Number of RHKs, share linked to a parent, superiors' RHKs nobody intervenes, orphans."""
    if await session.get(Unit, unit_id) is None:
        raise not_found("Unit")
    tree = await load_unit_tree(session)
    managed = actor.managed_unit_id
    require_coverage_reader(
        actor, unit_id, managed is not None and tree.is_within(unit_id, managed)
    )
    found = await year_by_number(session, year)
    if found is None:
        raise not_found("Periode penilaian")
    units = tree.subtree(unit_id)
    # Plans of those who work in the unit today, with their current position kind.
    rows = (
        await session.execute(
            sa.select(PerformancePlan, Position.kind)
            .join(PositionAssignment, PositionAssignment.employee_id == PerformancePlan.employee_id)
            .join(Position, Position.id == PositionAssignment.position_id)
            .where(
                PerformancePlan.year_id == found.id,
                Position.unit_id.in_(units),
                open_assignment_on(today),
            )
        )
    ).all()
    plans = {plan.id: plan for plan, _ in rows}
    is_jpt = {plan.employee_id: kind.is_jpt for plan, kind in rows}
    results = (
        await session.scalars(
            sa.select(WorkResult)
            .where(WorkResult.plan_id.in_(list(plans)))
            .order_by(WorkResult.plan_id, WorkResult.ordinal, WorkResult.id)
        )
    ).all()
    parent_ids = {r.parent_id for r in results if r.parent_id is not None}
    parent_owner = {
        key: value
        for key, value in (
            await session.execute(
                sa.select(WorkResult.id, PerformancePlan.employee_id)
                .join(PerformancePlan, PerformancePlan.id == WorkResult.plan_id)
                .where(WorkResult.id.in_(parent_ids))
            )
        ).all()
    }
    child_counts = {
        key: value
        for key, value in (
            await session.execute(
                sa.select(WorkResult.parent_id, sa.func.count(WorkResult.id))
                .where(WorkResult.parent_id.in_([r.id for r in results]))
                .group_by(WorkResult.parent_id)
            )
        ).all()
    }
    org = await load_org_snapshot(session, today)
    assessor_of: dict[int, int | None] = {}

    def current_assessor(employee_id: int) -> int | None:
        if employee_id not in assessor_of:
            found_assessor = org.resolve_assessor(employee_id)
            assessor_of[employee_id] = found_assessor.employee_id if found_assessor else None
        return assessor_of[employee_id]

    # Those who rate someone today: their RHKs are expected to be intervened.
    assessors = org.assessors()

    linked = 0
    orphans: list[Orphan] = []
    unintervened: list[WorkResult] = []
    for result in results:
        owner = plans[result.plan_id].employee_id
        if result.parent_id is not None or result.org_goal_id is not None:
            linked += 1
        if result.parent_id is not None:
            if parent_owner.get(result.parent_id) != current_assessor(owner):
                orphans.append(Orphan(result, OrphanReason.PENILAI_BERUBAH))
        elif not is_jpt.get(owner, False):
            # No parent: it was deleted; an organisation goal: the owner left a JPT position.
            reason = (
                OrphanReason.INDUK_DIHAPUS
                if result.org_goal_id is None
                else OrphanReason.PENILAI_BERUBAH
            )
            orphans.append(Orphan(result, reason))
        if owner in assessors and child_counts.get(result.id, 0) == 0:
            unintervened.append(result)
    return Coverage(
        year=year,
        unit_id=unit_id,
        plan_count=len(plans),
        work_result_count=len(results),
        linked_count=linked,
        linked_share=coverage_share(linked, len(results)),
        unintervened=unintervened,
        orphans=orphans,
    )
