"""The assessor inbox (kotak masuk penilai): everyone the signed-in employee rates, with their SKP.

Loaded with a fixed number of set-based statements whatever the number of subordinates
(organisation snapshot, SKPs, employees, RHKs, IKIs, latest realisasi with evidence counts),
so the inbox of a kepala dinas costs the same number of round trips as that of a kepala seksi.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import IntEnum

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server import clock
from server.db.engine import Database
from server.db.models import (
    AppraisalPeriod,
    AppraisalYear,
    Employee,
    Indicator,
    PerformancePlan,
    Realization,
    WorkResult,
)
from server.domain.assessor import OrgSnapshot
from server.domain.enums import RealizationStatus, WorkResultKind
from server.domain.planning import AWAITING_ASSESSOR
from server.services.actor import Actor
from server.services.organisation.directory import load_org_snapshot
from server.services.planning.access import assessor_of_plan, rated_by_kepala_daerah
from server.services.planning.plans import (
    work_results_of_plans,
    work_results_with_indicators_of_plans,
)
from server.services.work.common import live_evidence_count


class InboxDepth(IntEnum):
    """How far below each SKP the inbox is loaded. A screen that shows only the SKP needs no
    RHK, one that shows the RHK no IKI or realisasi: the RHK are one statement (with their IKI
    when they are asked for too), the latest realisasi one more."""

    PLANS = 0
    WORK_RESULTS = 1
    INDICATORS = 2
    REALIZATIONS = 3


@dataclass(frozen=True)
class LatestRealization:
    """The realisasi of the latest period that has one (by period number)."""

    period_number: int
    value: Decimal | None
    status: RealizationStatus
    evidence_count: int  # bukti dukung not removed


@dataclass
class InboxIndicator:
    indicator: Indicator
    latest: LatestRealization | None = None


@dataclass
class InboxWorkResult:
    work_result: WorkResult
    indicators: list[InboxIndicator] = field(default_factory=list)


@dataclass
class InboxPlan:
    plan: PerformancePlan
    work_results: list[InboxWorkResult] = field(default_factory=list)

    @property
    def awaiting_approval(self) -> bool:
        return self.plan.status in AWAITING_ASSESSOR


@dataclass(frozen=True)
class InboxEntry:
    employee: Employee
    plan: InboxPlan | None
    # The SKP exists but was submitted to another penilai (e.g. before a transfer): not shown.
    plan_with_other_assessor: bool = False


@dataclass(frozen=True)
class AssessorInbox:
    year: int
    entries: Sequence[InboxEntry]

    @property
    def awaiting_approval_count(self) -> int:
        return sum(1 for e in self.entries if e.plan is not None and e.plan.awaiting_approval)


async def _plans(
    session: AsyncSession, year: int, subordinates: set[int], viewer: int | None
) -> Sequence[PerformancePlan]:
    """``viewer`` None: the Kepala Daerah."""
    fixed_to_viewer = (
        PerformancePlan.assessed_by_kepala_daerah.is_(True)
        if viewer is None
        else PerformancePlan.assessor_employee_id == viewer
    )
    return (
        await session.scalars(
            sa.select(PerformancePlan)
            .join(AppraisalYear, AppraisalYear.id == PerformancePlan.year_id)
            .where(
                AppraisalYear.year == year,
                sa.or_(PerformancePlan.employee_id.in_(subordinates), fixed_to_viewer),
            )
        )
    ).all()


async def _latest_realizations(
    session: AsyncSession, indicator_ids: list[int]
) -> dict[int, LatestRealization]:
    ranked = (
        sa.select(
            Realization.id.label("id"),
            Realization.indicator_id.label("indicator_id"),
            Realization.value.label("value"),
            Realization.status.label("status"),
            AppraisalPeriod.number.label("number"),
            sa.func.row_number()
            .over(partition_by=Realization.indicator_id, order_by=AppraisalPeriod.number.desc())
            .label("rank"),
        )
        .join(AppraisalPeriod, AppraisalPeriod.id == Realization.period_id)
        .where(Realization.indicator_id.in_(indicator_ids))
        .subquery()
    )
    rows = (
        await session.execute(
            sa.select(
                ranked.c.indicator_id,
                ranked.c.number,
                ranked.c.value,
                ranked.c.status,
                live_evidence_count(ranked.c.id),
            ).where(ranked.c.rank == 1)
        )
    ).all()
    return {
        indicator_id: LatestRealization(number, value, RealizationStatus(status), int(count or 0))
        for indicator_id, number, value, status, count in rows
    }


async def load_assessor_inbox(
    db: Database,
    actor: Actor,
    year: int,
    *,
    today: date | None = None,
    org: OrgSnapshot | None = None,
    depth: InboxDepth = InboxDepth.REALIZATIONS,
) -> AssessorInbox:
    """The people ``actor`` rates today, plus SKPs of the year submitted to them by others,
    each SKP loaded down to ``depth`` (the levels below it are left empty).

    ``org`` is today's organisation snapshot when the caller already has it (the API's
    per-request loaders do), saving the three statements that load it.
    """
    today = today or clock.today()
    viewer = actor.employee_id
    if viewer is None and not actor.is_kepala_daerah:  # other accounts without an employee
        return AssessorInbox(year, [])
    async with db.read() as session:
        if org is None:
            org = await load_org_snapshot(session, today)
        subordinates = set(org.kepala_daerah_ratees if viewer is None else org.assessees_of(viewer))
        plans = await _plans(session, year, subordinates, viewer)
        shown: dict[int, InboxPlan] = {}
        other_assessor: set[int] = set()
        for plan in plans:
            # The penilai fixed on submission decides; a draft goes to whoever rates them today.
            mine = (
                rated_by_kepala_daerah(plan, org)
                if viewer is None
                else assessor_of_plan(plan, org) == viewer
            )
            if mine:
                shown[plan.id] = InboxPlan(plan)
            else:
                other_assessor.add(plan.employee_id)
        plan_by_employee = {p.plan.employee_id: p for p in shown.values()}
        people = subordinates | set(plan_by_employee)
        employees = (
            (await session.scalars(sa.select(Employee).where(Employee.id.in_(people)))).all()
            if people
            else []
        )
        if shown and depth > InboxDepth.PLANS:
            await _fill_plans(session, shown, depth)
    entries = [
        InboxEntry(
            employee=e,
            plan=plan_by_employee.get(e.id),
            plan_with_other_assessor=e.id not in plan_by_employee and e.id in other_assessor,
        )
        for e in sorted(employees, key=lambda e: (e.name, e.id))
    ]
    return AssessorInbox(year, entries)


def _form_order(work_result: WorkResult) -> tuple[int, int, int]:
    """Utama before Tambahan, as on the SKP form, then by their number."""
    return (
        0 if work_result.kind is WorkResultKind.UTAMA else 1,
        work_result.ordinal,
        work_result.id,
    )


async def _fill_plans(
    session: AsyncSession, shown: dict[int, InboxPlan], depth: InboxDepth
) -> None:
    plan_ids = list(shown)
    indicators_of: dict[int, list[Indicator]] = {}
    if depth >= InboxDepth.INDICATORS:  # the RHK with their IKI, in one statement
        found = await work_results_with_indicators_of_plans(session, plan_ids)
        work_results, indicators_of = found.of_plan, found.of_work_result
    else:
        work_results = await work_results_of_plans(session, plan_ids)
    items: list[InboxIndicator] = []
    for plan_id, rows in work_results.items():
        for work_result in sorted(rows, key=_form_order):
            indicators = [InboxIndicator(i) for i in indicators_of.get(work_result.id, [])]
            shown[plan_id].work_results.append(InboxWorkResult(work_result, indicators))
            items.extend(indicators)
    if not items or depth < InboxDepth.REALIZATIONS:
        return
    latest = await _latest_realizations(session, [i.indicator.id for i in items])
    for item in items:
        item.latest = latest.get(item.indicator.id)
