"""Read queries of the work module: per SKP and period, for whoever may read the SKP."""

from __future__ import annotations

import strawberry

from server.api.graphql_common import ExpectedGraphQLError
from server.api.internal.payloads import require_id
from server.api.internal.types import Info
from server.api.internal.work.types import ActionPlanItem, RealizationItem, WorkLogEntryItem
from server.db.models import AppraisalPeriod
from server.services.errors import ErrorCode, ServiceError
from server.services.work import action_plans, realizations, work_log
from server.services.work.common import PlanContext, period_among


def _ids(plan_id: strawberry.ID, period_id: strawberry.ID) -> tuple[int, int]:
    try:
        return require_id(plan_id, "planId"), require_id(period_id, "periodId")
    except ServiceError as exc:
        raise _error(exc) from None


def _error(exc: ServiceError) -> ExpectedGraphQLError:
    return ExpectedGraphQLError(
        exc.message, extensions={"code": exc.code.value, "field": exc.field}
    )


async def _readable_period(
    info: Info, plan_id: strawberry.ID, period_id: strawberry.ID
) -> tuple[PlanContext, AppraisalPeriod]:
    """The SKP if the viewer may read it, and one period of its year; otherwise NOT_FOUND,
    whether either is missing or the SKP is not theirs to read. Through the request's loaders:
    plan(id) and the year's periods, asked for in the same request, are read once."""
    plan, period = _ids(plan_id, period_id)
    planning = info.context.loaders.planning
    ctx = await planning.readable_plan.load(plan)
    if ctx is None:
        raise _error(ServiceError(ErrorCode.NOT_FOUND, "SKP tidak ditemukan.", "planId"))
    try:
        return ctx, period_among(ctx, await planning.periods_of_year.load(ctx.plan.year_id), period)
    except ServiceError as exc:
        raise _error(exc) from None


@strawberry.type
class WorkQuery:
    @strawberry.field(description="Realisasi IKI sebuah SKP pada satu periode.")
    async def realizations(
        self, info: Info, plan_id: strawberry.ID, period_id: strawberry.ID
    ) -> list[RealizationItem]:
        plan, period = await _readable_period(info, plan_id, period_id)
        rows = await realizations.list_realizations(info.context.db, plan, period)
        # Counted with the rows: evidenceCount reads nothing more.
        counts = info.context.loaders.work.evidence_count_of_realization
        counts.prime_many({row.id: count for row, count in rows})
        return [RealizationItem.from_model(row) for row, _ in rows]

    @strawberry.field(description="Rencana aksi sebuah SKP pada satu periode.")
    async def action_plans(
        self, info: Info, plan_id: strawberry.ID, period_id: strawberry.ID
    ) -> list[ActionPlanItem]:
        plan, period = await _readable_period(info, plan_id, period_id)
        rows = await action_plans.list_action_plans(info.context.db, plan, period)
        return [ActionPlanItem.from_model(r) for r in rows]

    @strawberry.field(
        description="Catatan kerja sebuah SKP pada satu periode, terbaru lebih dahulu."
    )
    async def work_log(
        self, info: Info, plan_id: strawberry.ID, period_id: strawberry.ID
    ) -> list[WorkLogEntryItem]:
        plan, period = await _readable_period(info, plan_id, period_id)
        rows = await work_log.list_work_log(info.context.db, plan, period)
        return [WorkLogEntryItem.from_model(r) for r in rows]
