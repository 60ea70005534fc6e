"""Kelengkapan per unit: SKP ditetapkan, realisasi tepat waktu, penilaian selesai.

Definitions (one scope = a year, or one period of it):
- pegawai of a unit: those holding a position of that unit on the scope's last day (or today,
  if the scope has not ended yet);
- SKP set: an SKP of the year that is DITETAPKAN or later (a revision in progress keeps the set
  version in force);
- realisasi due: every IKI of a set SKP × every period of the scope whose realisasi deadline has
  passed; on time: confirmed (``confirmed_at``) at the latest on the deadline day, end of the local day (WIB);
- evaluations due: one per set SKP (the periodic one of the period, or the annual one for the
  year); done: set by the assessor (DITETAPKAN or DITERIMA).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from server.db.engine import Database
from server.db.models import (
    AppraisalPeriod,
    Evaluation,
    PerformancePlan,
    Position,
    PositionAssignment,
    RealizationTally,
)
from server.db.models.evaluation import DONE_STATUSES
from server.domain.enums import PlanStatus
from server.services.actor import Actor
from server.services.organisation.directory import open_assignment_on
from server.services.reports.scope import (
    ReportScope,
    percent,
    resolve_report_scope,
    unit_alive,
)

SET_STATUSES = (PlanStatus.DITETAPKAN, PlanStatus.REVISI_DRAFT, PlanStatus.REVISI_DIAJUKAN)
# Written into the statement, not bound: PostgreSQL uses a partial index (ix_evaluation_done)
# only when it can prove its condition at planning time, which a cached generic plan cannot.
DONE_LITERAL = Evaluation.status.in_(
    sa.bindparam("done", [s.value for s in DONE_STATUSES], expanding=True, literal_execute=True)
)


def _plans_with_tally(
    set_plan: sa.ColumnElement[bool], scope: ReportScope, due: list[AppraisalPeriod]
) -> sa.Select[int, int, int, int]:
    """(SKP, pegawai, IKI count, realisasi on time in the due periods) of every set SKP.

    The counts come from the realisasi tally (kept by every write), one row per SKP whenever
    the due periods are the scope's first ones (always, deadlines follow the period numbers):
    a period's own row, or for a year the row of its last due period, which sums the periods
    up to it. Without a due period nothing is due and the tally is not read.
    """
    columns = (PerformancePlan.id.label("plan_id"), PerformancePlan.employee_id)
    if not due:
        return sa.select(
            *columns, sa.literal(0).label("iki_total"), sa.literal(0).label("on_time")
        ).where(set_plan)
    if scope.period_number is not None or due == scope.periods[: len(due)]:
        counted = (
            RealizationTally.on_time
            if scope.period_number is not None
            else RealizationTally.on_time_through
        )
        return (
            sa.select(
                *columns,
                sa.func.coalesce(RealizationTally.iki_total, 0).label("iki_total"),
                sa.func.coalesce(counted, 0).label("on_time"),
            )
            .outerjoin(
                RealizationTally,
                sa.and_(
                    RealizationTally.plan_id == PerformancePlan.id,
                    RealizationTally.period_id == due[-1].id,
                ),
            )
            .where(set_plan)
        )
    return (  # deadlines out of period order: the due periods' rows summed
        sa.select(
            *columns,
            sa.func.coalesce(sa.func.max(RealizationTally.iki_total), 0).label("iki_total"),
            sa.func.coalesce(sa.func.sum(RealizationTally.on_time), 0).label("on_time"),
        )
        .outerjoin(
            RealizationTally,
            sa.and_(
                RealizationTally.plan_id == PerformancePlan.id,
                RealizationTally.period_id.in_([p.id for p in due]),
            ),
        )
        .where(set_plan)
        .group_by(PerformancePlan.id, PerformancePlan.employee_id)
    )


@dataclass(frozen=True)
class CompletionRow:
    unit_id: int
    unit_code: str
    unit_name: str
    parent_unit_code: str | None
    employees: int
    skp_set: int
    realizations_due: int
    realizations_on_time: int
    evaluations_due: int
    evaluations_done: int

    @property
    def skp_set_pct(self) -> Decimal | None:
        return percent(self.skp_set, self.employees)

    @property
    def realizations_on_time_pct(self) -> Decimal | None:
        return percent(self.realizations_on_time, self.realizations_due)

    @property
    def evaluations_done_pct(self) -> Decimal | None:
        return percent(self.evaluations_done, self.evaluations_due)


async def completion_by_unit(
    db: Database,
    actor: Actor,
    *,
    year: int,
    period_number: int | None = None,
    unit_code: str | None = None,
    today: date,
) -> tuple[ReportScope, list[CompletionRow]]:
    """One row per unit in reach (by code): a fixed number of statements, whatever the size."""
    async with db.read() as session:
        scope = await resolve_report_scope(
            session, actor, year=year, period_number=period_number, unit_code=unit_code
        )
        reference = min(scope.end, today)
        # Each pegawai's unit: the latest assignment open on the reference day wins, as in the
        # directory (an open assignment with no later open one: a hash anti-join, where ranking
        # every assignment by a window sorted 100 000 rows). Counted per unit by the database,
        # never fetched per pegawai.
        later = aliased(PositionAssignment, name="later")
        superseded = (
            sa.select(later.id)
            .where(
                later.employee_id == PositionAssignment.employee_id,
                later.start_date <= reference,
                sa.or_(later.end_date.is_(None), later.end_date >= reference),
                sa.or_(
                    later.start_date > PositionAssignment.start_date,
                    sa.and_(
                        later.start_date == PositionAssignment.start_date,
                        later.id > PositionAssignment.id,
                    ),
                ),
            )
            .exists()
        )
        placed = (
            sa.select(PositionAssignment.employee_id, Position.unit_id)
            .join(Position, Position.id == PositionAssignment.position_id)
            .where(open_assignment_on(reference), ~superseded)
            # A unit's subtree reads its own people only (nothing outside it is listed).
            .where(sa.true() if scope.reach is None else Position.unit_id.in_(scope.reach))
            .subquery("placed")
        )
        set_plan = sa.and_(
            PerformancePlan.year_id == scope.year_id, PerformancePlan.status.in_(SET_STATUSES)
        )
        due_periods = [p for p in scope.periods if p.realization_due < today]
        plans = _plans_with_tally(set_plan, scope, due_periods).subquery("plans")
        # The SKP with a done evaluation of the scope (the annual one: no period), read from
        # the partial index of done evaluations (0033) as a set joined once (hashed), not a
        # probe per SKP. For the year, only the range of that index between the year's lowest
        # and highest SKP id (each one step down ix_performance_plan_year_id_id, 0034): the
        # earlier years' evaluations, whose SKP ids come before, are never read. An SKP of
        # another year made in between falls inside the range; the join to this year's SKP
        # below leaves it out.
        if scope.period_number is None:
            of_year = PerformancePlan.year_id == scope.year_id
            lowest = sa.select(sa.func.min(PerformancePlan.id)).where(of_year).scalar_subquery()
            highest = sa.select(sa.func.max(PerformancePlan.id)).where(of_year).scalar_subquery()
            which = sa.and_(
                Evaluation.period_id.is_(None), Evaluation.plan_id.between(lowest, highest)
            )
        else:
            which = Evaluation.period_id == scope.periods[0].id
        evaluated = (
            sa.select(Evaluation.plan_id)
            .where(which, DONE_LITERAL)
            .distinct()
            .subquery("evaluated")
        )
        # One row per placed pegawai: an SKP per pegawai and year at most (unique), so the
        # pegawai and their SKP are counted in one pass.
        per_unit = (
            await session.execute(
                sa.select(
                    placed.c.unit_id,
                    sa.func.count(),
                    sa.func.count(plans.c.plan_id),
                    sa.func.sum(plans.c.iki_total),
                    sa.func.sum(plans.c.on_time),
                    sa.func.count(evaluated.c.plan_id),
                )
                .select_from(placed)
                .outerjoin(plans, plans.c.employee_id == placed.c.employee_id)
                .outerjoin(evaluated, evaluated.c.plan_id == plans.c.plan_id)
                .group_by(placed.c.unit_id)
            )
        ).all()

    head_count: dict[int, int] = {}
    skp: dict[int, int] = {}
    due: dict[int, int] = {}
    timely: dict[int, int] = {}
    done: dict[int, int] = {}
    for unit_id, members, plan_count, iki_total, on_time, evaluated_count in per_unit:
        head_count[unit_id] = int(members or 0)
        skp[unit_id] = int(plan_count or 0)
        due[unit_id] = int(iki_total or 0) * len(due_periods)
        timely[unit_id] = int(on_time or 0)
        done[unit_id] = int(evaluated_count or 0)
    rows = [
        CompletionRow(
            unit_id=u.id,
            unit_code=u.code,
            unit_name=u.name,
            parent_unit_code=scope.codes.get(u.parent_id) if u.parent_id else None,
            employees=head_count.get(u.id, 0),
            skp_set=skp.get(u.id, 0),
            realizations_due=due.get(u.id, 0),
            realizations_on_time=timely.get(u.id, 0),
            evaluations_due=skp.get(u.id, 0),
            evaluations_done=done.get(u.id, 0),
        )
        for u in scope.units
        if head_count.get(u.id) or unit_alive(u, scope.start, scope.end)
    ]
    return scope, rows
