"""Read queries of continuous feedback. Unreadable SKPs give empty lists, not errors."""

from __future__ import annotations

import strawberry

from server.api.enums import CoreValue, FeedbackTarget
from server.api.internal.feedback.types import Feedback, FeedbackPhrase, PerformanceDialogue
from server.api.internal.payloads import query_id, required_query_id
from server.api.internal.types import Info
from server.services import feedback as service


@strawberry.type
class FeedbackQuery:
    @strawberry.field(
        description="Umpan balik atas satu SKP, terlama lebih dahulu (kosong bila Anda tidak "
        "berhak membaca SKP itu). Saring menurut sasaran bila perlu."
    )
    async def plan_feedback(
        self,
        info: Info,
        plan_id: strawberry.ID,
        target: FeedbackTarget | None = None,
        target_id: strawberry.ID | None = None,
        target_value: CoreValue | None = None,
    ) -> list[Feedback]:
        plan = required_query_id(plan_id, "planId")
        rows = await service.list_plan_feedback(
            info.context.db,
            info.context.actor,
            plan,
            service.FeedbackFilter(target, query_id(target_id, "targetId"), target_value),
            today=info.context.today,
        )
        return [Feedback.from_model(r) for r in rows]

    @strawberry.field(
        description="Frasa umpan balik baku yang aktif. includeInactive hanya berlaku bagi Admin "
        "BKPSDM dan auditor."
    )
    async def feedback_phrases(
        self, info: Info, include_inactive: bool = False
    ) -> list[FeedbackPhrase]:
        rows = await service.list_phrases(
            info.context.db, info.context.actor, include_inactive=include_inactive
        )
        return [FeedbackPhrase.from_model(r) for r in rows]

    @strawberry.field(
        description="Catatan dialog kinerja atas satu SKP, terbaru lebih dahulu (kosong bila Anda "
        "tidak berhak membaca SKP itu)."
    )
    async def plan_dialogues(self, info: Info, plan_id: strawberry.ID) -> list[PerformanceDialogue]:
        plan = required_query_id(plan_id, "planId")
        rows = await service.list_plan_dialogues(
            info.context.db, info.context.actor, plan, today=info.context.today
        )
        return [PerformanceDialogue.from_model(r) for r in rows]
