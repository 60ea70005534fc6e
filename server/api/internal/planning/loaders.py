"""Per-request DataLoaders of the planning schema: one short session per batch.

Listing N SKPs with their RHKs and IKIs costs a fixed number of statements, whatever N is.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
from strawberry.dataloader import DataLoader

from server.db.engine import Database
from server.db.models import (
    AppraisalPeriod,
    AppraisalYear,
    BehaviorExpectation,
    Indicator,
    OrgGoal,
    PerformancePlan,
    PlanVersion,
    WorkResult,
)
from server.services.actor import Actor
from server.services.planning import cascade, plans, years
from server.services.work.common import PlanContext, readable_plan_contexts


class PlanningLoaders:
    def __init__(self, db: Database, actor: Actor, today: date) -> None:
        self._db = db
        self._actor = actor
        self._today = today
        self.year = DataLoader(load_fn=self._years)
        self.periods_of_year = DataLoader(load_fn=self._periods)
        self.plan = DataLoader(load_fn=self._plans)
        # An SKP the viewer may read, with its year and access: asked by plan(id) and by the
        # work of its periods in the same request, checked once.
        self.readable_plan = DataLoader(load_fn=self._readable_plans)
        self.work_result = DataLoader(load_fn=self._work_results)
        self.work_results_of_plan = DataLoader(load_fn=self._work_results_of_plans)
        # The same RHK with their IKI in one statement, for a query that reads both (the IKI
        # loader learns them): one statement instead of two for an SKP shown whole.
        self.work_results_with_indicators_of_plan = DataLoader(
            load_fn=self._work_results_with_indicators
        )
        self.indicators_of_work_result = DataLoader(load_fn=self._indicators)
        self.expectations_of_plan = DataLoader(load_fn=self._expectations)
        self.versions_of_plan = DataLoader(load_fn=self._versions)
        self.org_goal = DataLoader(load_fn=self._org_goals)
        self.children_of_work_result = DataLoader(load_fn=self._children)

    async def _years(self, ids: list[int]) -> Sequence[AppraisalYear | None]:
        async with self._db.read() as s:
            found = {y.id: y for y in await years.years_by_ids(s, ids)}
        return [found.get(i) for i in ids]

    async def _periods(self, ids: list[int]) -> Sequence[list[AppraisalPeriod]]:
        async with self._db.read() as s:
            found = await years.periods_of_years(s, ids)
        return [found.get(i, []) for i in ids]

    async def _plans(self, ids: list[int]) -> Sequence[PerformancePlan | None]:
        async with self._db.read() as s:
            rows = (
                await s.scalars(sa.select(PerformancePlan).where(PerformancePlan.id.in_(ids)))
            ).all()
        found = {p.id: p for p in rows}
        return [found.get(i) for i in ids]

    async def _readable_plans(self, ids: list[int]) -> Sequence[PlanContext | None]:
        async with self._db.read() as s:
            found = await readable_plan_contexts(s, self._actor, ids, self._today)
        for ctx in found.values():
            self.plan.prime(ctx.plan.id, ctx.plan)
            self.year.prime(ctx.year.id, ctx.year)
        return [found.get(i) for i in ids]

    async def _work_results(self, ids: list[int]) -> Sequence[WorkResult | None]:
        async with self._db.read() as s:
            rows = (await s.scalars(sa.select(WorkResult).where(WorkResult.id.in_(ids)))).all()
        found = {r.id: r for r in rows}
        return [found.get(i) for i in ids]

    async def _work_results_of_plans(self, ids: list[int]) -> Sequence[list[WorkResult]]:
        async with self._db.read() as s:
            found = await plans.work_results_of_plans(s, ids)
        for rows in found.values():
            for row in rows:
                self.work_result.prime(row.id, row)
        return [found.get(i, []) for i in ids]

    async def _work_results_with_indicators(self, ids: list[int]) -> Sequence[list[WorkResult]]:
        async with self._db.read() as s:
            found = await plans.work_results_with_indicators_of_plans(s, ids)
        for rows in found.of_plan.values():
            for row in rows:
                self.work_result.prime(row.id, row)
                self.indicators_of_work_result.prime(row.id, found.of_work_result[row.id])
        return [found.of_plan.get(i, []) for i in ids]

    async def _indicators(self, ids: list[int]) -> Sequence[list[Indicator]]:
        async with self._db.read() as s:
            found = await plans.indicators_of_work_results(s, ids)
        return [found.get(i, []) for i in ids]

    async def _expectations(self, ids: list[int]) -> Sequence[list[BehaviorExpectation]]:
        async with self._db.read() as s:
            found = await plans.expectations_of_plans(s, ids)
        return [found.get(i, []) for i in ids]

    async def _versions(self, ids: list[int]) -> Sequence[list[PlanVersion]]:
        async with self._db.read() as s:
            found = await plans.versions_of_plans(s, ids)
        return [found.get(i, []) for i in ids]

    async def _org_goals(self, ids: list[int]) -> Sequence[OrgGoal | None]:
        async with self._db.read() as s:
            rows = (await s.scalars(sa.select(OrgGoal).where(OrgGoal.id.in_(ids)))).all()
        found = {g.id: g for g in rows}
        return [found.get(i) for i in ids]

    async def _children(self, ids: list[int]) -> Sequence[list[WorkResult]]:
        async with self._db.read() as s:
            found = await cascade.readable_children(s, self._actor, ids, self._today)
        return [found.get(i, []) for i in ids]
