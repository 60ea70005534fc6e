"""Planning mutations. Expected failures come back as data in ``errors``; every SKP edit takes
the version the client saw (``expectedVersion``) and fails with CONFLICT when it is stale."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from decimal import Decimal

import strawberry

from server.api.enums import (
    Approach,
    Cadence,
    CoreValue,
    IndicatorAspect,
    Perspective,
    WorkResultKind,
)
from server.api.internal.payloads import maybe_value, parse_id, require_id, run_mutation
from server.api.internal.planning.types import (
    AppraisalYear,
    Deleted,
    Indicator,
    OrgGoal,
    PerformancePlan,
    WorkResult,
)
from server.api.internal.types import Info, Payload
from server.db import models
from server.services.planning import content, goals, plans, years


def _plan(row: models.PerformancePlan) -> PerformancePlan:
    return PerformancePlan.from_model(row)


@strawberry.input(description="Membuka periode penilaian tahunan.")
class OpenAppraisalYearInput:
    year: int
    plan_deadline: date = strawberry.field(description="SKP ditetapkan paling lambat.")
    cadence: Cadence = Cadence.BULANAN
    realization_due_days: int = strawberry.field(
        default=years.DEFAULT_DUE_DAYS,
        description="Realisasi paling lambat N hari setelah periode.",
    )


@strawberry.input(description="Sasaran organisasi baru (Perjanjian Kinerja).")
class CreateOrgGoalInput:
    unit_id: strawberry.ID
    year: int
    text: str
    indicator: str | None = None
    target: str | None = None


@strawberry.input(
    description="Perubahan sasaran organisasi; kolom yang tidak dikirim tidak diubah."
)
class UpdateOrgGoalInput:
    id: strawberry.ID
    text: strawberry.Maybe[str] = None
    indicator: strawberry.Maybe[str | None] = None
    target: strawberry.Maybe[str | None] = None


@strawberry.input(description="Perubahan pendekatan dan lampiran SKP.")
class UpdatePlanInput:
    id: strawberry.ID
    expected_version: int
    approach: strawberry.Maybe[Approach] = None
    resource_support: strawberry.Maybe[str | None] = None
    accountability_scheme: strawberry.Maybe[str | None] = None
    consequences: strawberry.Maybe[str | None] = None


@strawberry.input(description="RHK baru.")
class AddWorkResultInput:
    plan_id: strawberry.ID
    expected_version: int
    kind: WorkResultKind
    text: str
    parent_id: strawberry.ID | None = strawberry.field(
        default=None, description="RHK Pejabat Penilai yang diintervensi (non-JPT)."
    )
    org_goal_id: strawberry.ID | None = strawberry.field(
        default=None, description="Sasaran organisasi yang diacu (JPT)."
    )


@strawberry.input(description="Perubahan RHK; kolom yang tidak dikirim tidak diubah.")
class UpdateWorkResultInput:
    id: strawberry.ID
    expected_version: int
    kind: strawberry.Maybe[WorkResultKind] = None
    text: strawberry.Maybe[str] = None
    parent_id: strawberry.Maybe[strawberry.ID | None] = None
    org_goal_id: strawberry.Maybe[strawberry.ID | None] = None


@strawberry.input(description="IKI baru.")
class AddIndicatorInput:
    work_result_id: strawberry.ID
    expected_version: int
    aspect: IndicatorAspect
    text: str
    target_value: Decimal | None = None
    target_unit: str | None = None
    target_description: str | None = None
    perspective: Perspective | None = None


@strawberry.input(description="Perubahan IKI; kolom yang tidak dikirim tidak diubah.")
class UpdateIndicatorInput:
    id: strawberry.ID
    expected_version: int
    aspect: strawberry.Maybe[IndicatorAspect] = None
    text: strawberry.Maybe[str] = None
    target_value: strawberry.Maybe[Decimal | None] = None
    target_unit: strawberry.Maybe[str | None] = None
    target_description: strawberry.Maybe[str | None] = None
    perspective: strawberry.Maybe[Perspective | None] = None


def _maybe_id(value: strawberry.Maybe[strawberry.ID | None], field: str) -> object:
    raw = maybe_value(value)
    if raw is None or not isinstance(raw, str):
        return raw  # UNSET or an explicit null
    return parse_id(strawberry.ID(raw), field)


async def _create_org_goal(info: Info, input: CreateOrgGoalInput) -> models.OrgGoal:
    data = goals.GoalInput(
        unit_id=require_id(input.unit_id, "unitId"),
        year=input.year,
        text=input.text,
        indicator=input.indicator,
        target=input.target,
    )
    return await goals.create_goal(info.context.db, info.context.actor, data)


async def _update_org_goal(info: Info, input: UpdateOrgGoalInput) -> models.OrgGoal:
    changes = goals.GoalChanges(
        text=maybe_value(input.text),
        indicator=maybe_value(input.indicator),
        target=maybe_value(input.target),
    )
    return await goals.update_goal(
        info.context.db, info.context.actor, require_id(input.id, "id"), changes
    )


async def _delete_org_goal(info: Info, id: strawberry.ID) -> int:
    return await goals.delete_goal(info.context.db, info.context.actor, require_id(id, "id"))


async def _update_plan(info: Info, input: UpdatePlanInput) -> models.PerformancePlan:
    changes = content.PlanChanges(
        approach=maybe_value(input.approach),
        resource_support=maybe_value(input.resource_support),
        accountability_scheme=maybe_value(input.accountability_scheme),
        consequences=maybe_value(input.consequences),
        expected_version=input.expected_version,
    )
    return await content.update_plan(
        info.context.db,
        info.context.actor,
        require_id(input.id, "id"),
        changes,
        today=info.context.today,
    )


async def _add_work_result(info: Info, input: AddWorkResultInput) -> models.WorkResult:
    data = content.WorkResultInput(
        plan_id=require_id(input.plan_id, "planId"),
        kind=input.kind,
        text=input.text,
        parent_id=parse_id(input.parent_id, "parentId"),
        org_goal_id=parse_id(input.org_goal_id, "orgGoalId"),
        expected_version=input.expected_version,
    )
    return await content.add_work_result(
        info.context.db, info.context.actor, data, today=info.context.today
    )


async def _update_work_result(info: Info, input: UpdateWorkResultInput) -> models.WorkResult:
    changes = content.WorkResultChanges(
        kind=maybe_value(input.kind),
        text=maybe_value(input.text),
        parent_id=_maybe_id(input.parent_id, "parentId"),  # type: ignore[arg-type]
        org_goal_id=_maybe_id(input.org_goal_id, "orgGoalId"),  # type: ignore[arg-type]
        expected_version=input.expected_version,
    )
    return await content.update_work_result(
        info.context.db,
        info.context.actor,
        require_id(input.id, "id"),
        changes,
        today=info.context.today,
    )


async def _delete_work_result(
    info: Info, id: strawberry.ID, expected_version: int
) -> models.PerformancePlan:
    return await content.delete_work_result(
        info.context.db,
        info.context.actor,
        require_id(id, "id"),
        expected_version,
        today=info.context.today,
    )


async def _add_indicator(info: Info, input: AddIndicatorInput) -> models.Indicator:
    data = content.IndicatorInput(
        work_result_id=require_id(input.work_result_id, "workResultId"),
        aspect=input.aspect,
        text=input.text,
        target_value=input.target_value,
        target_unit=input.target_unit,
        target_description=input.target_description,
        perspective=input.perspective,
        expected_version=input.expected_version,
    )
    return await content.add_indicator(
        info.context.db, info.context.actor, data, today=info.context.today
    )


async def _update_indicator(info: Info, input: UpdateIndicatorInput) -> models.Indicator:
    changes = content.IndicatorChanges(
        aspect=maybe_value(input.aspect),
        text=maybe_value(input.text),
        target_value=maybe_value(input.target_value),
        target_unit=maybe_value(input.target_unit),
        target_description=maybe_value(input.target_description),
        perspective=maybe_value(input.perspective),
        expected_version=input.expected_version,
    )
    return await content.update_indicator(
        info.context.db,
        info.context.actor,
        require_id(input.id, "id"),
        changes,
        today=info.context.today,
    )


async def _delete_indicator(
    info: Info, id: strawberry.ID, expected_version: int
) -> models.PerformancePlan:
    return await content.delete_indicator(
        info.context.db,
        info.context.actor,
        require_id(id, "id"),
        expected_version,
        today=info.context.today,
    )


async def _set_behavior_expectation(
    info: Info,
    plan_id: strawberry.ID,
    expected_version: int,
    value: CoreValue,
    expectation: str | None,
) -> models.PerformancePlan:
    return await content.set_behavior_expectation(
        info.context.db,
        info.context.actor,
        require_id(plan_id, "planId"),
        value,
        expectation,
        expected_version,
        today=info.context.today,
    )


# A workflow step of services.planning.plans: (db, actor, plan id, [reason,] expected version,
# *, today) → the plan.
_PlanStep = Callable[..., Awaitable[models.PerformancePlan]]


async def _plan_step(
    info: Info, step: _PlanStep, id: strawberry.ID, expected_version: int, *reason: str
) -> models.PerformancePlan:
    """Run ``step`` for the signed-in actor; ``reason`` for the steps that record one."""
    return await step(
        info.context.db,
        info.context.actor,
        require_id(id, "id"),
        *reason,
        expected_version,
        today=info.context.today,
    )


@strawberry.type
class PlanningMutation:
    # --- years and goals ------------------------------------------------------------------

    @strawberry.mutation(description="Buka periode penilaian (Admin BKPSDM).")
    async def open_appraisal_year(
        self, info: Info, input: OpenAppraisalYearInput
    ) -> Payload[AppraisalYear]:
        data = years.YearInput(
            year=input.year,
            plan_deadline=input.plan_deadline,
            cadence=input.cadence,
            realization_due_days=input.realization_due_days,
        )
        return await run_mutation(
            years.open_year(info.context.db, info.context.actor, data), AppraisalYear.from_model
        )

    @strawberry.mutation(
        description="Tutup periode penilaian: SKP tahun itu tidak dapat diubah lagi."
    )
    async def close_appraisal_year(
        self, info: Info, year: int, expected_version: int | None = None
    ) -> Payload[AppraisalYear]:
        return await run_mutation(
            years.close_year(info.context.db, info.context.actor, year, expected_version),
            AppraisalYear.from_model,
        )

    @strawberry.mutation(
        description="Tambah sasaran organisasi unit (pengelola kinerja unit, BKPSDM)."
    )
    async def create_org_goal(self, info: Info, input: CreateOrgGoalInput) -> Payload[OrgGoal]:
        return await run_mutation(_create_org_goal(info, input), OrgGoal.from_model)

    @strawberry.mutation(description="Ubah sasaran organisasi.")
    async def update_org_goal(self, info: Info, input: UpdateOrgGoalInput) -> Payload[OrgGoal]:
        return await run_mutation(_update_org_goal(info, input), OrgGoal.from_model)

    @strawberry.mutation(description="Hapus sasaran organisasi yang belum diacu RHK.")
    async def delete_org_goal(self, info: Info, id: strawberry.ID) -> Payload[Deleted]:
        return await run_mutation(
            _delete_org_goal(info, id), lambda i: Deleted(id=strawberry.ID(str(i)))
        )

    # --- the SKP ------------------------------------------------------------------------------

    @strawberry.mutation(description="Susun SKP saya untuk satu tahun.")
    async def create_plan(
        self, info: Info, year: int, approach: Approach = Approach.KUANTITATIF
    ) -> Payload[PerformancePlan]:
        return await run_mutation(
            plans.create_plan(info.context.db, info.context.actor, year, approach), _plan
        )

    @strawberry.mutation(description="Ubah pendekatan dan lampiran SKP (selama masih draf).")
    async def update_plan(self, info: Info, input: UpdatePlanInput) -> Payload[PerformancePlan]:
        return await run_mutation(_update_plan(info, input), _plan)

    @strawberry.mutation(description="Tambah RHK pada SKP saya.")
    async def add_work_result(self, info: Info, input: AddWorkResultInput) -> Payload[WorkResult]:
        return await run_mutation(_add_work_result(info, input), WorkResult.from_model)

    @strawberry.mutation(description="Ubah RHK.")
    async def update_work_result(
        self, info: Info, input: UpdateWorkResultInput
    ) -> Payload[WorkResult]:
        return await run_mutation(_update_work_result(info, input), WorkResult.from_model)

    @strawberry.mutation(description="Hapus RHK yang belum dipakai mendokumentasikan kerja.")
    async def delete_work_result(
        self, info: Info, id: strawberry.ID, expected_version: int
    ) -> Payload[PerformancePlan]:
        return await run_mutation(_delete_work_result(info, id, expected_version), _plan)

    @strawberry.mutation(description="Tambah IKI pada RHK.")
    async def add_indicator(self, info: Info, input: AddIndicatorInput) -> Payload[Indicator]:
        return await run_mutation(_add_indicator(info, input), Indicator.from_model)

    @strawberry.mutation(description="Ubah IKI.")
    async def update_indicator(self, info: Info, input: UpdateIndicatorInput) -> Payload[Indicator]:
        return await run_mutation(_update_indicator(info, input), Indicator.from_model)

    @strawberry.mutation(description="Hapus IKI yang belum memiliki realisasi.")
    async def delete_indicator(
        self, info: Info, id: strawberry.ID, expected_version: int
    ) -> Payload[PerformancePlan]:
        return await run_mutation(_delete_indicator(info, id, expected_version), _plan)

    @strawberry.mutation(
        description="Pejabat Penilai menetapkan ekspektasi khusus untuk satu nilai BerAKHLAK "
        "(teks kosong menghapusnya)."
    )
    async def set_behavior_expectation(
        self,
        info: Info,
        plan_id: strawberry.ID,
        expected_version: int,
        value: CoreValue,
        expectation: str | None,
    ) -> Payload[PerformancePlan]:
        return await run_mutation(
            _set_behavior_expectation(info, plan_id, expected_version, value, expectation), _plan
        )

    # --- workflow -----------------------------------------------------------------------------

    @strawberry.mutation(description="Ajukan SKP (atau revisinya) kepada Pejabat Penilai.")
    async def submit_plan(
        self, info: Info, id: strawberry.ID, expected_version: int
    ) -> Payload[PerformancePlan]:
        return await run_mutation(_plan_step(info, plans.submit_plan, id, expected_version), _plan)

    @strawberry.mutation(description="Pejabat Penilai menetapkan SKP (atau revisinya).")
    async def approve_plan(
        self, info: Info, id: strawberry.ID, expected_version: int
    ) -> Payload[PerformancePlan]:
        return await run_mutation(_plan_step(info, plans.approve_plan, id, expected_version), _plan)

    @strawberry.mutation(description="Pejabat Penilai menolak SKP (atau revisinya) dengan alasan.")
    async def reject_plan(
        self, info: Info, id: strawberry.ID, expected_version: int, reason: str
    ) -> Payload[PerformancePlan]:
        return await run_mutation(
            _plan_step(info, plans.reject_plan, id, expected_version, reason), _plan
        )

    @strawberry.mutation(description="Kembalikan SKP yang ditolak menjadi draf.")
    async def return_plan_to_draft(
        self, info: Info, id: strawberry.ID, expected_version: int
    ) -> Payload[PerformancePlan]:
        return await run_mutation(
            _plan_step(info, plans.return_to_draft, id, expected_version), _plan
        )

    @strawberry.mutation(description="Mulai revisi SKP yang sudah ditetapkan, dengan alasan.")
    async def start_plan_revision(
        self, info: Info, id: strawberry.ID, expected_version: int, reason: str
    ) -> Payload[PerformancePlan]:
        return await run_mutation(
            _plan_step(info, plans.start_revision, id, expected_version, reason), _plan
        )

    @strawberry.mutation(
        description="Batalkan draf revisi: isi SKP kembali persis seperti versi yang ditetapkan."
    )
    async def withdraw_plan_revision(
        self, info: Info, id: strawberry.ID, expected_version: int
    ) -> Payload[PerformancePlan]:
        return await run_mutation(
            _plan_step(info, plans.withdraw_revision, id, expected_version), _plan
        )
