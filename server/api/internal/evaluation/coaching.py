"""Coaching (rencana pembinaan) after a low predicate (DOMAIN.md §10): plans, check-ins and
their outcome. Expected failures of writes come back as data in ``errors``.
"""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from server.api.enums import CoachingStatus
from server.api.fill import fill_type
from server.api.internal.calibration.mutations import ScopeInput, _scope
from server.api.internal.payloads import (
    parse_id,
    query_id,
    require_id,
    required_query_id,
    run_mutation,
    run_query,
)
from server.api.internal.types import Employee, Info, Payload
from server.db import models
from server.services.evaluation import coaching


@strawberry.type(description="Catatan pertemuan pembinaan.")
class CoachingCheckIn:
    id: strawberry.ID
    held_on: date
    note: str
    created_at: datetime
    recorded_by_id: strawberry.Private[int]

    @classmethod
    def from_model(cls, row: models.CoachingCheckIn) -> CoachingCheckIn:
        return fill_type(cls, row, recorded_by_id=row.recorded_by_employee_id)

    @strawberry.field
    async def recorded_by(self, info: Info) -> Employee | None:
        return await Employee.load(info, self.recorded_by_id)


@strawberry.type(description="Rencana pembinaan kinerja (6 bulan) setelah predikat rendah.")
class CoachingPlan:
    id: strawberry.ID
    evaluation_id: strawberry.ID
    goals: str
    actions: str
    starts_on: date
    ends_on: date
    status: CoachingStatus
    outcome: str | None
    employee_id: strawberry.Private[int]
    mentor_id: strawberry.Private[int | None]

    @classmethod
    def from_model(cls, row: models.CoachingPlan) -> CoachingPlan:
        return fill_type(cls, row, mentor_id=row.mentor_employee_id)

    @strawberry.field
    async def employee(self, info: Info) -> Employee | None:
        return await Employee.load(info, self.employee_id)

    @strawberry.field
    async def mentor(self, info: Info) -> Employee | None:
        return await Employee.load(info, self.mentor_id)

    @strawberry.field(description="Pertemuan pembinaan, terlama dahulu.")
    async def check_ins(self, info: Info) -> list[CoachingCheckIn]:
        rows = await info.context.loaders.evaluation.check_ins_of_coaching_plan.load(int(self.id))
        return [CoachingCheckIn.from_model(r) for r in rows]


@strawberry.input(description="Rencana pembinaan untuk predikat rendah.")
class OpenCoachingPlanInput:
    evaluation_id: strawberry.ID
    goals: str
    actions: str
    mentor_id: strawberry.ID | None = None
    starts_on: date | None = None


@strawberry.input(description="Perubahan rencana pembinaan; kolom kosong tidak berubah.")
class UpdateCoachingPlanInput:
    id: strawberry.ID
    goals: str | None = None
    actions: str | None = None
    mentor_id: strawberry.ID | None = None
    clear_mentor: bool = False


@strawberry.input(description="Pertemuan pembinaan (Pejabat Penilai atau mentor).")
class CoachingCheckInInput:
    plan_id: strawberry.ID
    held_on: date
    note: str


@strawberry.input(description="Hasil pembinaan pada akhir masa pembinaan.")
class CloseCoachingPlanInput:
    id: strawberry.ID
    status: CoachingStatus = strawberry.field(description="BERHASIL atau TIDAK_BERHASIL.")
    outcome: str


async def _open_low(info: Info, scope: ScopeInput) -> list[models.CoachingPlan]:
    return await coaching.open_coaching_for_low_predicates(
        info.context.db, info.context.actor, today=info.context.today, **_scope(scope)
    )


async def _open_coaching(info: Info, data: OpenCoachingPlanInput) -> models.CoachingPlan:
    return await coaching.open_coaching_plan(
        info.context.db,
        info.context.actor,
        evaluation_id=require_id(data.evaluation_id, "evaluationId"),
        goals=data.goals,
        actions=data.actions,
        mentor_id=parse_id(data.mentor_id, "mentorId"),
        starts_on=data.starts_on,
        today=info.context.today,
    )


async def _update_coaching(info: Info, data: UpdateCoachingPlanInput) -> models.CoachingPlan:
    return await coaching.update_coaching_plan(
        info.context.db,
        info.context.actor,
        plan_id=require_id(data.id, "id"),
        goals=data.goals,
        actions=data.actions,
        mentor_id=parse_id(data.mentor_id, "mentorId"),
        clear_mentor=data.clear_mentor,
        today=info.context.today,
    )


async def _check_in(info: Info, data: CoachingCheckInInput) -> models.CoachingCheckIn:
    return await coaching.record_coaching_check_in(
        info.context.db,
        info.context.actor,
        plan_id=require_id(data.plan_id, "planId"),
        held_on=data.held_on,
        note=data.note,
        today=info.context.today,
    )


async def _close(info: Info, data: CloseCoachingPlanInput) -> models.CoachingPlan:
    return await coaching.close_coaching_plan(
        info.context.db,
        info.context.actor,
        plan_id=require_id(data.id, "id"),
        status=data.status,
        outcome=data.outcome,
        today=info.context.today,
    )


@strawberry.type
class CoachingQuery:
    @strawberry.field(description="Satu rencana pembinaan (bila Anda berhak melihatnya).")
    async def coaching_plan(self, info: Info, id: strawberry.ID) -> CoachingPlan:
        plan_id = required_query_id(id, "id")
        row = await run_query(
            coaching.get_coaching_plan(
                info.context.db, info.context.actor, plan_id, today=info.context.today
            )
        )
        return CoachingPlan.from_model(row)

    @strawberry.field(description="Rencana pembinaan yang boleh Anda lihat, terbaru dahulu.")
    async def coaching_plans(
        self,
        info: Info,
        status: CoachingStatus | None = None,
        employee_id: strawberry.ID | None = None,
    ) -> list[CoachingPlan]:
        employee = query_id(employee_id, "employeeId")
        rows = await coaching.list_coaching_plans(
            info.context.db,
            info.context.actor,
            status=status,
            employee_id=employee,
            today=info.context.today,
        )
        return [CoachingPlan.from_model(r) for r in rows]


@strawberry.type
class CoachingMutation:
    @strawberry.mutation(
        description="Buka rencana pembinaan untuk semua predikat rendah dalam periode/tahun."
    )
    async def open_coaching_for_low_predicates(
        self, info: Info, scope: ScopeInput
    ) -> Payload[list[CoachingPlan]]:
        return await run_mutation(
            _open_low(info, scope), lambda rows: [CoachingPlan.from_model(r) for r in rows]
        )

    @strawberry.mutation(description="Buka rencana pembinaan (Pejabat Penilai atau Admin BKPSDM).")
    async def open_coaching_plan(
        self, info: Info, input: OpenCoachingPlanInput
    ) -> Payload[CoachingPlan]:
        return await run_mutation(_open_coaching(info, input), CoachingPlan.from_model)

    @strawberry.mutation(description="Ubah sasaran, langkah atau mentor rencana pembinaan.")
    async def update_coaching_plan(
        self, info: Info, input: UpdateCoachingPlanInput
    ) -> Payload[CoachingPlan]:
        return await run_mutation(_update_coaching(info, input), CoachingPlan.from_model)

    @strawberry.mutation(description="Catat pertemuan pembinaan.")
    async def record_coaching_check_in(
        self, info: Info, input: CoachingCheckInInput
    ) -> Payload[CoachingCheckIn]:
        return await run_mutation(_check_in(info, input), CoachingCheckIn.from_model)

    @strawberry.mutation(description="Catat hasil pembinaan pada akhir masa pembinaan.")
    async def close_coaching_plan(
        self, info: Info, input: CloseCoachingPlanInput
    ) -> Payload[CoachingPlan]:
        return await run_mutation(_close(info, input), CoachingPlan.from_model)
