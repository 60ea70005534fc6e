"""Reads of penilaian kinerja, scoped like the SKP: unreadable → null or empty."""

from __future__ import annotations

import strawberry

from server.api.internal.evaluation.types import Evaluation, EvaluationToDo
from server.api.internal.payloads import query_id, required_query_id
from server.api.internal.planning.types import PerformancePlan
from server.api.internal.types import Info
from server.services.evaluation import evaluations as service


@strawberry.type
class EvaluationQuery:
    @strawberry.field(description="Satu penilaian (null bila tidak ada atau Anda tidak berhak).")
    async def evaluation(self, info: Info, id: strawberry.ID) -> Evaluation | None:
        evaluation_id = required_query_id(id, "id")
        row = await service.get_evaluation(
            info.context.db, info.context.actor, evaluation_id, today=info.context.today
        )
        return Evaluation.from_model(row) if row else None

    @strawberry.field(
        description="Penilaian periodik dan tahunan satu SKP (kosong bila tidak berhak)."
    )
    async def evaluations_of_plan(self, info: Info, plan_id: strawberry.ID) -> list[Evaluation]:
        plan = required_query_id(plan_id, "planId")
        rows = await service.evaluations_of_plan(
            info.context.db, info.context.actor, plan, today=info.context.today
        )
        return [Evaluation.from_model(r) for r in rows]

    @strawberry.field(description="Penilaian atas SKP saya pada tahun itu.")
    async def my_evaluations(self, info: Info, year: int) -> list[Evaluation]:
        rows = await service.my_evaluations(info.context.db, info.context.actor, year)
        return [Evaluation.from_model(r) for r in rows]

    @strawberry.field(
        description="SKP pegawai yang saya nilai tanpa penilaian yang sudah ditetapkan untuk "
        "periode itu (periodId kosong: penilaian tahunan)."
    )
    async def evaluations_to_do(
        self, info: Info, year: int, period_id: strawberry.ID | None = None
    ) -> list[EvaluationToDo]:
        rows = await service.evaluations_to_do(
            info.context.db,
            info.context.actor,
            year,
            query_id(period_id, "periodId"),
            today=info.context.today,
        )
        return [
            EvaluationToDo(
                plan=PerformancePlan.from_model(r.plan),
                evaluation=Evaluation.from_model(r.evaluation) if r.evaluation else None,
            )
            for r in rows
        ]
