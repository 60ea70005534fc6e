"""Writes of organisation predicates, calibration, keberatan and coaching.

Expected failures come back as data in ``errors`` (see payloads.run_mutation).
"""

from __future__ import annotations

from datetime import date

import strawberry

from server.api.enums import CoachingStatus, ObjectionStatus, OrgPredicate, Rating
from server.api.internal.calibration.types import (
    CalibrationDecision,
    CoachingCheckIn,
    CoachingPlan,
    Objection,
    OrgPredicateAssignment,
    UnitDistribution,
)
from server.api.internal.payloads import parse_id, require_id, run_mutation
from server.api.internal.types import Info, Payload
from server.db import models
from server.services import follow_up, objections
from server.services.calibration import distribution, org_predicates


@strawberry.input(description="Periode (penilaian periodik) atau tahun (penilaian tahunan).")
class ScopeInput:
    period_id: strawberry.ID | None = None
    year_id: strawberry.ID | None = None


def _scope(scope: ScopeInput) -> dict[str, int | None]:
    return {
        "period_id": parse_id(scope.period_id, "periodId"),
        "year_id": parse_id(scope.year_id, "yearId"),
    }


@strawberry.input(
    description="Predikat Kinerja Organisasi, atas nama pimpinan satu tingkat di atas."
)
class SetOrgPredicateInput:
    unit_id: strawberry.ID
    scope: ScopeInput
    predicate: OrgPredicate
    basis: str = strawberry.field(description="Dasar: saran Bappeda, BKPSDM, Inspektorat, dsb.")


@strawberry.input(description="Kalibrasi satu unit.")
class CalibrationInput:
    unit_id: strawberry.ID
    scope: ScopeInput
    include_subunits: bool = False


@strawberry.input(description="Finalisasi kalibrasi; di luar pola perlu justifikasi ≥ 20 karakter.")
class FinaliseCalibrationInput:
    unit_id: strawberry.ID
    scope: ScopeInput
    justification: str | None = None
    include_subunits: bool = False


@strawberry.input(description="Keberatan atas hasil penilaian (oleh pegawai yang dinilai).")
class FileObjectionInput:
    evaluation_id: strawberry.ID
    reasons: str
    evidence_links: list[str] = strawberry.field(default_factory=list)


@strawberry.input(description="Penjelasan kedua pihak, dicatat oleh Atasan Pejabat Penilai.")
class ObjectionExplanationsInput:
    id: strawberry.ID
    employee_explanation: str | None = None
    assessor_explanation: str | None = None
    version: int | None = None


@strawberry.input(description="Keputusan final atas keberatan.")
class DecideObjectionInput:
    id: strawberry.ID
    decision: ObjectionStatus = strawberry.field(description="DITOLAK atau DIUBAH.")
    note: str
    result_rating: Rating | None = None
    behavior_rating: Rating | None = None
    employee_explanation: str | None = None
    assessor_explanation: str | None = None
    version: int | None = None


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


async def _set_org_predicate(
    info: Info, data: SetOrgPredicateInput
) -> models.OrgPredicateAssignment:
    return await org_predicates.set_org_predicate(
        info.context.db,
        info.context.actor,
        unit_id=require_id(data.unit_id, "unitId"),
        predicate=data.predicate,
        basis=data.basis,
        **_scope(data.scope),
    )


async def _open(info: Info, data: CalibrationInput) -> distribution.UnitDistribution:
    return await distribution.open_calibration(
        info.context.db,
        info.context.actor,
        unit_id=require_id(data.unit_id, "unitId"),
        include_subunits=data.include_subunits,
        **_scope(data.scope),
    )


async def _finalise(info: Info, data: FinaliseCalibrationInput) -> models.CalibrationDecision:
    return await distribution.finalise_calibration(
        info.context.db,
        info.context.actor,
        unit_id=require_id(data.unit_id, "unitId"),
        justification=data.justification,
        include_subunits=data.include_subunits,
        **_scope(data.scope),
    )


async def _file(info: Info, data: FileObjectionInput) -> models.Objection:
    return await objections.file_objection(
        info.context.db,
        info.context.actor,
        evaluation_id=require_id(data.evaluation_id, "evaluationId"),
        reasons=data.reasons,
        evidence_links=data.evidence_links,
        policy=objections.objection_policy(info.context.settings),
        today=info.context.today,
    )


async def _explain(info: Info, data: ObjectionExplanationsInput) -> models.Objection:
    return await objections.record_explanations(
        info.context.db,
        info.context.actor,
        objection_id=require_id(data.id, "id"),
        employee_explanation=data.employee_explanation,
        assessor_explanation=data.assessor_explanation,
        expected_version=data.version,
    )


async def _decide(info: Info, data: DecideObjectionInput) -> models.Objection:
    return await objections.decide_objection(
        info.context.db,
        info.context.actor,
        objection_id=require_id(data.id, "id"),
        decision=data.decision,
        note=data.note,
        result_rating=data.result_rating,
        behavior_rating=data.behavior_rating,
        employee_explanation=data.employee_explanation,
        assessor_explanation=data.assessor_explanation,
        expected_version=data.version,
    )


async def _open_low(info: Info, scope: ScopeInput) -> list[models.CoachingPlan]:
    return await follow_up.open_coaching_for_low_predicates(
        info.context.db, info.context.actor, today=info.context.today, **_scope(scope)
    )


async def _open_coaching(info: Info, data: OpenCoachingPlanInput) -> models.CoachingPlan:
    return await follow_up.open_coaching_plan(
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
    return await follow_up.update_coaching_plan(
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
    return await follow_up.record_coaching_check_in(
        info.context.db,
        info.context.actor,
        plan_id=require_id(data.plan_id, "planId"),
        held_on=data.held_on,
        note=data.note,
        today=info.context.today,
    )


async def _close(info: Info, data: CloseCoachingPlanInput) -> models.CoachingPlan:
    return await follow_up.close_coaching_plan(
        info.context.db,
        info.context.actor,
        plan_id=require_id(data.id, "id"),
        status=data.status,
        outcome=data.outcome,
        today=info.context.today,
    )


@strawberry.type
class CalibrationMutation:
    @strawberry.mutation(description="Tetapkan/ubah Predikat Kinerja Organisasi (Admin BKPSDM).")
    async def set_org_predicate(
        self, info: Info, input: SetOrgPredicateInput
    ) -> Payload[OrgPredicateAssignment]:
        return await run_mutation(
            _set_org_predicate(info, input), OrgPredicateAssignment.from_model
        )

    @strawberry.mutation(
        description="Buka kalibrasi unit: snapshot predikat saat ini (Admin BKPSDM)."
    )
    async def open_calibration(
        self, info: Info, input: CalibrationInput
    ) -> Payload[UnitDistribution]:
        return await run_mutation(_open(info, input), UnitDistribution.from_state)

    @strawberry.mutation(
        description="Finalkan kalibrasi unit (Admin BKPSDM); di luar pola perlu justifikasi."
    )
    async def finalise_calibration(
        self, info: Info, input: FinaliseCalibrationInput
    ) -> Payload[CalibrationDecision]:
        return await run_mutation(_finalise(info, input), CalibrationDecision.from_model)

    @strawberry.mutation(description="Ajukan keberatan atas hasil penilaian Anda.")
    async def file_objection(self, info: Info, input: FileObjectionInput) -> Payload[Objection]:
        today = info.context.today
        return await run_mutation(_file(info, input), lambda o: Objection.from_model(o, today))

    @strawberry.mutation(description="Catat penjelasan pegawai dan Pejabat Penilai.")
    async def record_objection_explanations(
        self, info: Info, input: ObjectionExplanationsInput
    ) -> Payload[Objection]:
        today = info.context.today
        return await run_mutation(_explain(info, input), lambda o: Objection.from_model(o, today))

    @strawberry.mutation(description="Putuskan keberatan (Atasan Pejabat Penilai); final.")
    async def decide_objection(self, info: Info, input: DecideObjectionInput) -> Payload[Objection]:
        today = info.context.today
        return await run_mutation(_decide(info, input), lambda o: Objection.from_model(o, today))

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
