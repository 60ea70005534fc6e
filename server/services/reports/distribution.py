"""Sebaran predikat per unit dan periode: how many of each predicate a unit's pegawai received,
against the unit's organisation predicate and the distribution pattern it allows.

Counts only evaluations set by the assessor (DITETAPKAN or DITERIMA). A pegawai counts in the
unit frozen into the evaluation's identity snapshot (where they sat when rated); without one,
the unit of the position they held on the period's last day. Units count their own pegawai, not
their sub-units'. With no period chosen, a year lists every period and then the annual
evaluation (``period_number`` None).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from server.db.engine import Database
from server.db.models import (
    AppraisalPeriod,
    Evaluation,
    EvaluationCount,
    OrgPredicateAssignment,
    PerformancePlan,
    Position,
    PositionAssignment,
)
from server.domain.enums import EvaluationKind, OrgPredicate, Predicate
from server.domain.evaluation import FINALISED, PREDICATE_ORDER, check_distribution, policy_on
from server.services.actor import Actor
from server.services.reports.scope import ReportScope, resolve_report_scope


@dataclass(frozen=True)
class DistributionRow:
    unit_id: int
    unit_code: str
    unit_name: str
    period_number: int | None  # None: the annual evaluation
    period_label: str
    org_predicate: OrgPredicate | None
    counts: dict[Predicate, int]  # every predicate, zeros included
    within_pattern: bool | None  # None without an org predicate
    violations: tuple[str, ...]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


async def predicate_distribution(
    db: Database,
    actor: Actor,
    *,
    year: int,
    period_number: int | None = None,
    unit_code: str | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> tuple[ReportScope, list[DistributionRow]]:
    """Rows by period (then annual) and unit code; eight statements, whatever the size.

    ``offset`` and ``limit`` select a page of those rows: only its rows are built and checked
    against their pattern (a year is every period x every unit: thousands of rows).
    """
    async with db.read() as session:
        scope = await resolve_report_scope(
            session, actor, year=year, period_number=period_number, unit_code=unit_code
        )
        # The evaluation count (kept by every write) has the placed ones; only an evaluation
        # without a frozen unit keeps its pegawai, to be placed by position below.
        c = EvaluationCount
        which = c.year_id == scope.year_id
        live: sa.ColumnElement[bool] = PerformancePlan.year_id == scope.year_id
        if period_number is not None:
            which = sa.and_(which, c.period_id == scope.periods[0].id)
            live = sa.and_(
                Evaluation.kind == EvaluationKind.PERIODIK,
                Evaluation.period_id == scope.periods[0].id,
            )
        keys = (c.period_id, c.rated_unit_id, c.predicate)
        rated: list[tuple[int | None, int | None, int | None, Predicate | None, int]] = [
            (period_id, unit, None, predicate, int(count))
            for period_id, unit, predicate, count in await session.execute(
                sa.select(*keys, sa.func.sum(c.n)).where(which).group_by(*keys)
            )
        ]
        unplaced = (Evaluation.period_id, PerformancePlan.employee_id, Evaluation.predicate)
        rated.extend(
            (period_id, None, employee_id, predicate, count)
            for period_id, employee_id, predicate, count in await session.execute(
                sa.select(*unplaced, sa.func.count())
                .join(PerformancePlan, PerformancePlan.id == Evaluation.plan_id)
                .where(
                    Evaluation.rated_unit_id.is_(None),
                    live,
                    Evaluation.status.in_(FINALISED),
                    Evaluation.predicate.is_not(None),
                )
                .group_by(*unplaced)
            )
        )
        missing = {row[2] for row in rated if row[2] is not None}
        history: dict[int, list[tuple[date, date | None, int]]] = defaultdict(list)
        if missing:
            for employee_id, start, end, unit_id in (
                await session.execute(
                    sa.select(
                        PositionAssignment.employee_id,
                        PositionAssignment.start_date,
                        PositionAssignment.end_date,
                        Position.unit_id,
                    )
                    .join(Position, Position.id == PositionAssignment.position_id)
                    .where(PositionAssignment.employee_id.in_(missing))
                    .order_by(PositionAssignment.start_date, PositionAssignment.id)
                )
            ).all():
                history[employee_id].append((start, end, unit_id))
        assignments = (
            await session.scalars(
                sa.select(OrgPredicateAssignment).where(
                    OrgPredicateAssignment.year_id == scope.year_id
                )
            )
        ).all()

    periods: dict[int | None, AppraisalPeriod | None] = {p.id: p for p in scope.periods}
    if period_number is None:
        periods[None] = None  # the annual evaluation, listed last

    def unit_on(employee_id: int, day: date) -> int | None:
        found = None
        for start, end, unit_id in history.get(employee_id, []):
            if start <= day and (end is None or end >= day):
                found = unit_id  # the latest assignment wins, as in the directory
        return found

    counts: dict[tuple[int | None, int], Counter[Predicate]] = defaultdict(Counter)
    for period_id, frozen_unit, pegawai, predicate, count in rated:
        if period_id not in periods or predicate is None:
            continue
        period = periods[period_id]
        day = period.end_date if period is not None else scope.end
        rated_unit = frozen_unit
        if rated_unit is None and pegawai is not None:
            rated_unit = unit_on(pegawai, day)
        if rated_unit is not None:
            counts[(period_id, rated_unit)][predicate] += count
    org: dict[tuple[int | None, int], OrgPredicate] = {}
    annual_org: dict[int, OrgPredicate] = {}
    for a in assignments:
        if a.period_id is None:
            annual_org[a.unit_id] = a.predicate
        org[(a.period_id, a.unit_id)] = a.predicate

    rows = []
    stop = None if limit is None else offset + limit
    index = -1  # of the last row listed, in or before the page
    none: Counter[Predicate] = Counter()
    for period_id, period in periods.items():
        if stop is not None and index + 1 >= stop:
            break
        policy = policy_on(period.end_date if period is not None else scope.end)
        for unit in scope.units:
            key = (period_id, unit.id)
            found = counts.get(key, none)
            if not found and key not in org:
                continue
            index += 1
            if index < offset:
                continue
            if stop is not None and index >= stop:
                break
            # A period without its own org predicate falls back on the year's, as calibration does.
            org_predicate = org.get(key) or annual_org.get(unit.id)
            check = check_distribution(found, org_predicate, policy) if org_predicate else None
            rows.append(
                DistributionRow(
                    unit_id=unit.id,
                    unit_code=unit.code,
                    unit_name=unit.name,
                    period_number=period.number if period is not None else None,
                    period_label=scope.label_of(period),
                    org_predicate=org_predicate,
                    counts={p: found.get(p, 0) for p in PREDICATE_ORDER},
                    within_pattern=check.within if check is not None else None,
                    violations=check.violations if check is not None else (),
                )
            )
    return scope, rows
