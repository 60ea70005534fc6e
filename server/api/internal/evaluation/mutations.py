"""Writes of penilaian kinerja. Expected failures come back as data in ``errors``."""

from __future__ import annotations

import strawberry

from server.api.enums import CoreValue, EvaluationKind, Rating
from server.api.internal.evaluation.types import ClosedPeriod, Evaluation
from server.api.internal.payloads import parse_id, require_id, run_mutation
from server.api.internal.types import Info, Payload
from server.db import models
from server.services.evaluation import evaluations as service
from server.services.evaluation.objections import objection_policy


@strawberry.input(description="Mulai penilaian periodik (dengan periodId) atau tahunan.")
class StartEvaluationInput:
    plan_id: strawberry.ID
    kind: EvaluationKind
    period_id: strawberry.ID | None = None


@strawberry.input(description="Penilaian diri pegawai, sebelum penilai menetapkan rating.")
class SaveSelfAssessmentInput:
    evaluation_id: strawberry.ID
    result_rating: Rating | None = None
    behavior_rating: Rating | None = None
    note: str | None = None
    version: int | None = None


@strawberry.input(description="Penilaian satu RHK.")
class WorkResultJudgementInput:
    work_result_id: strawberry.ID
    rating: Rating
    feedback: str | None = None


@strawberry.input(description="Pengamatan satu nilai BerAKHLAK.")
class BehaviorObservationInput:
    value: CoreValue
    rating: Rating
    note: str | None = None


@strawberry.input(description="Penilaian RHK dan pengamatan perilaku (ditambah atau diganti).")
class SaveEvaluationJudgementsInput:
    evaluation_id: strawberry.ID
    work_results: list[WorkResultJudgementInput] = strawberry.field(default_factory=list)
    behaviors: list[BehaviorObservationInput] = strawberry.field(default_factory=list)
    version: int | None = None


@strawberry.input(
    description="Konfirmasi usulan rating (kosong = usulan) atau ubah dengan alasan wajib."
)
class ConfirmEvaluationRatingsInput:
    evaluation_id: strawberry.ID
    result_rating: Rating | None = None
    result_override_reason: str | None = None
    behavior_rating: Rating | None = None
    behavior_override_reason: str | None = None
    assessor_note: str | None = None
    version: int | None = None


async def _start(info: Info, data: StartEvaluationInput) -> models.Evaluation:
    return await service.start_evaluation(
        info.context.db,
        info.context.actor,
        require_id(data.plan_id, "planId"),
        data.kind,
        parse_id(data.period_id, "periodId"),
        today=info.context.today,
    )


async def _self(info: Info, data: SaveSelfAssessmentInput) -> models.Evaluation:
    return await service.save_self_assessment(
        info.context.db,
        info.context.actor,
        require_id(data.evaluation_id, "evaluationId"),
        result_rating=data.result_rating,
        behavior_rating=data.behavior_rating,
        note=data.note,
        version=data.version,
        today=info.context.today,
    )


async def _judge(info: Info, data: SaveEvaluationJudgementsInput) -> models.Evaluation:
    return await service.save_judgements(
        info.context.db,
        info.context.actor,
        require_id(data.evaluation_id, "evaluationId"),
        work_results=[
            service.WorkResultJudgementInput(
                require_id(w.work_result_id, "workResults"), w.rating, w.feedback
            )
            for w in data.work_results
        ],
        behaviors=[
            service.BehaviorObservationInput(b.value, b.rating, b.note) for b in data.behaviors
        ],
        version=data.version,
        today=info.context.today,
    )


async def _confirm(info: Info, data: ConfirmEvaluationRatingsInput) -> models.Evaluation:
    return await service.confirm_ratings(
        info.context.db,
        info.context.actor,
        require_id(data.evaluation_id, "evaluationId"),
        result_rating=data.result_rating,
        result_reason=data.result_override_reason,
        behavior_rating=data.behavior_rating,
        behavior_reason=data.behavior_override_reason,
        assessor_note=data.assessor_note,
        version=data.version,
        today=info.context.today,
    )


async def _finalise(info: Info, raw: strawberry.ID, version: int | None) -> models.Evaluation:
    return await service.finalise_evaluation(
        info.context.db,
        info.context.actor,
        require_id(raw, "id"),
        version=version,
        policy=objection_policy(info.context.settings),
        today=info.context.today,
    )


async def _acknowledge(info: Info, raw: strawberry.ID, version: int | None) -> models.Evaluation:
    return await service.acknowledge_evaluation(
        info.context.db,
        info.context.actor,
        require_id(raw, "id"),
        version=version,
        today=info.context.today,
    )


async def _close(info: Info, raw: strawberry.ID) -> models.AppraisalPeriod:
    return await service.close_period_evaluation(
        info.context.db, info.context.actor, require_id(raw, "periodId")
    )


def _closed(row: models.AppraisalPeriod) -> ClosedPeriod:
    return ClosedPeriod(
        id=strawberry.ID(str(row.id)),
        evaluated_at=row.evaluated_at,
        start_date=row.start_date,
        end_date=row.end_date,
    )


@strawberry.type
class EvaluationMutation:
    @strawberry.mutation(description="Mulai penilaian (Pejabat Penilai Kinerja).")
    async def start_evaluation(
        self, info: Info, input: StartEvaluationInput
    ) -> Payload[Evaluation]:
        return await run_mutation(_start(info, input), Evaluation.from_model)

    @strawberry.mutation(description="Isi penilaian diri (pegawai yang dinilai).")
    async def save_self_assessment(
        self, info: Info, input: SaveSelfAssessmentInput
    ) -> Payload[Evaluation]:
        return await run_mutation(_self(info, input), Evaluation.from_model)

    @strawberry.mutation(description="Nilai RHK dan amati perilaku (Pejabat Penilai Kinerja).")
    async def save_evaluation_judgements(
        self, info: Info, input: SaveEvaluationJudgementsInput
    ) -> Payload[Evaluation]:
        return await run_mutation(_judge(info, input), Evaluation.from_model)

    @strawberry.mutation(description="Konfirmasi atau ubah usulan rating; predikat dihitung.")
    async def confirm_evaluation_ratings(
        self, info: Info, input: ConfirmEvaluationRatingsInput
    ) -> Payload[Evaluation]:
        return await run_mutation(_confirm(info, input), Evaluation.from_model)

    @strawberry.mutation(description="Tetapkan penilaian; pegawai diberi notifikasi.")
    async def finalise_evaluation(
        self, info: Info, id: strawberry.ID, version: int | None = None
    ) -> Payload[Evaluation]:
        return await run_mutation(_finalise(info, id, version), Evaluation.from_model)

    @strawberry.mutation(description="Terima penilaian yang sudah ditetapkan (pegawai).")
    async def acknowledge_evaluation(
        self, info: Info, id: strawberry.ID, version: int | None = None
    ) -> Payload[Evaluation]:
        return await run_mutation(_acknowledge(info, id, version), Evaluation.from_model)

    @strawberry.mutation(
        description="Tutup penilaian satu periode (Admin BKPSDM): realisasi dan bukti dukung "
        "periode itu terkunci."
    )
    async def close_period_evaluation(
        self, info: Info, period_id: strawberry.ID
    ) -> Payload[ClosedPeriod]:
        return await run_mutation(_close(info, period_id), _closed)
