"""Read queries of the work module: per SKP and period, for whoever may read the SKP."""

from __future__ import annotations

import strawberry

from server.api.graphql_common import ExpectedGraphQLError
from server.api.internal.payloads import require_id
from server.api.internal.types import Info
from server.api.internal.work.types import ActionPlanItem, RealizationItem, WorkLogEntryItem
from server.services.errors import ServiceError
from server.services.work import action_plans, realizations, work_log


def _ids(plan_id: strawberry.ID, period_id: strawberry.ID) -> tuple[int, int]:
    try:
        return require_id(plan_id, "planId"), require_id(period_id, "periodId")
    except ServiceError as exc:
        raise _error(exc) from None


def _error(exc: ServiceError) -> ExpectedGraphQLError:
    return ExpectedGraphQLError(
        exc.message, extensions={"code": exc.code.value, "field": exc.field}
    )


@strawberry.type
class WorkQuery:
    @strawberry.field(description="Realisasi IKI sebuah SKP pada satu periode.")
    async def realizations(
        self, info: Info, plan_id: strawberry.ID, period_id: strawberry.ID
    ) -> list[RealizationItem]:
        plan, period = _ids(plan_id, period_id)
        ctx = info.context
        try:
            rows = await realizations.list_realizations(
                ctx.db, ctx.actor, plan, period, today=ctx.today
            )
        except ServiceError as exc:
            raise _error(exc) from None
        return [RealizationItem.from_model(r) for r in rows]

    @strawberry.field(description="Rencana aksi sebuah SKP pada satu periode.")
    async def action_plans(
        self, info: Info, plan_id: strawberry.ID, period_id: strawberry.ID
    ) -> list[ActionPlanItem]:
        plan, period = _ids(plan_id, period_id)
        ctx = info.context
        try:
            rows = await action_plans.list_action_plans(
                ctx.db, ctx.actor, plan, period, today=ctx.today
            )
        except ServiceError as exc:
            raise _error(exc) from None
        return [ActionPlanItem.from_model(r) for r in rows]

    @strawberry.field(
        description="Catatan kerja sebuah SKP pada satu periode, terbaru lebih dahulu."
    )
    async def work_log(
        self, info: Info, plan_id: strawberry.ID, period_id: strawberry.ID
    ) -> list[WorkLogEntryItem]:
        plan, period = _ids(plan_id, period_id)
        ctx = info.context
        try:
            rows = await work_log.list_work_log(ctx.db, ctx.actor, plan, period, today=ctx.today)
        except ServiceError as exc:
            raise _error(exc) from None
        return [WorkLogEntryItem.from_model(r) for r in rows]
