"""GraphQL types of penilaian kinerja. The work sheet (RHKs, targets, realisasi, judgements,
observations) is loaded per request in one batch for every evaluation in the response."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import strawberry

from server.api.enums import (
    CoreValue,
    EvaluationKind,
    EvaluationStatus,
    Predicate,
    Rating,
    WorkResultKind,
)
from server.api.fill import fill_type
from server.api.internal.payloads import graphql_id
from server.api.internal.planning.types import (
    AppraisalPeriod,
    IdentitySnapshot,
    Indicator,
    PerformancePlan,
    _plain,
    identity_from_json,
)
from server.api.internal.types import Employee, Info
from server.db import models
from server.domain.evaluation import matrix_on
from server.domain.planning import period_label
from server.services.evaluation.explanation import source_lines, text_lines


@strawberry.type(description="Realisasi satu IKI pada satu periode, dengan jumlah bukti dukung.")
class EvaluatedRealization:
    period_id: strawberry.ID
    period_number: int
    value: Decimal | None
    description: str
    evidence_count: int


@strawberry.type(description="IKI dengan target dan realisasinya pada periode yang dinilai.")
class EvaluatedIndicator:
    indicator: Indicator
    realizations: list[EvaluatedRealization]


@strawberry.type(description="Satu RHK dalam penilaian: target, realisasi, dan penilaian penilai.")
class EvaluatedWorkResult:
    work_result_id: strawberry.ID
    kind: WorkResultKind
    text: str
    indicators: list[EvaluatedIndicator]
    rating: Rating | None = strawberry.field(description="Penilaian penilai atas RHK ini.")
    feedback: str | None = strawberry.field(description="Umpan balik penilai atas RHK ini.")


@strawberry.type(description="Pengamatan satu nilai BerAKHLAK dalam penilaian.")
class BehaviorObservation:
    value: CoreValue
    rating: Rating | None
    note: str | None
    expectation: str | None = strawberry.field(description="Ekspektasi khusus pimpinan di SKP.")


@strawberry.type(description="Mengapa predikat ini: masukan, aturan yang diterapkan, perubahan.")
class EvaluationExplanation:
    inputs: list[str]
    rules_applied: list[str]
    overrides: list[str]
    sources: list[str] = strawberry.field(
        description="Sumber kebijakan yang dipakai, dengan tanggal berlakunya."
    )


@strawberry.type(description="Penilaian diri pegawai dan rating penilai, berdampingan.")
class RatingComparison:
    aspect: str = strawberry.field(description="HASIL_KERJA atau PERILAKU_KERJA.")
    self_rating: Rating | None
    proposed_rating: Rating | None
    assessor_rating: Rating | None
    override_reason: str | None


@strawberry.type(description="Satu sel matriks predikat: Rating Hasil Kerja × Perilaku Kerja.")
class PredicateMatrixCell:
    result_rating: Rating
    behavior_rating: Rating
    predicate: Predicate


@strawberry.type(
    description=(
        "Matriks predikat yang berlaku pada hari penilaian ini: layar penilai menampilkan "
        "predikat langsung dari sel-selnya sebelum rating disimpan."
    )
)
class PredicateMatrixInfo:
    effective_from: date
    source: str
    cells: list[PredicateMatrixCell]


def explanation_from_json(data: Any) -> EvaluationExplanation | None:
    if not isinstance(data, dict):
        return None
    return EvaluationExplanation(
        inputs=text_lines(data, "inputs"),
        rules_applied=text_lines(data, "rules_applied"),
        overrides=text_lines(data, "overrides"),
        sources=source_lines(data),
    )


@strawberry.type(description="Penilaian kinerja periodik atau tahunan atas satu SKP.")
class Evaluation:
    id: strawberry.ID
    plan_id: strawberry.ID
    kind: EvaluationKind
    status: EvaluationStatus
    self_result_rating: Rating | None
    self_behavior_rating: Rating | None
    self_note: str | None
    proposed_result_rating: Rating | None = strawberry.field(description="Usulan sistem.")
    result_rating: Rating | None = strawberry.field(description="Rating Hasil Kerja (penilai).")
    result_override_reason: str | None
    proposed_behavior_rating: Rating | None = strawberry.field(description="Usulan sistem.")
    behavior_rating: Rating | None = strawberry.field(description="Rating Perilaku Kerja.")
    behavior_override_reason: str | None
    predicate: Predicate | None
    explanation: EvaluationExplanation | None
    identity_snapshot: IdentitySnapshot | None = strawberry.field(
        description="Identitas pegawai dan penilai saat penilaian ditetapkan."
    )
    assessor_note: str | None
    finalised_at: datetime | None
    objection_filing_deadline: date | None = strawberry.field(
        description="Hari terakhir keberatan dapat diajukan (tetap sejak hasil ditetapkan)."
    )
    acknowledged_at: datetime | None
    version: int
    document_url: str = strawberry.field(description="Dokumen Evaluasi Kinerja (HTML cetak).")
    model: strawberry.Private[models.Evaluation]

    @classmethod
    def from_model(cls, row: models.Evaluation) -> Evaluation:
        return fill_type(
            cls,
            row,
            explanation=explanation_from_json(row.explanation),
            identity_snapshot=identity_from_json(row.identity_snapshot),
            document_url=f"/api/evaluations/{row.id}/document",
            model=row,
        )

    @strawberry.field(description="Penilaian diri dan rating penilai, berdampingan.")
    def side_by_side(self) -> list[RatingComparison]:
        m = self.model
        return [
            RatingComparison(
                aspect="HASIL_KERJA",
                self_rating=m.self_result_rating,
                proposed_rating=m.proposed_result_rating,
                assessor_rating=m.result_rating,
                override_reason=m.result_override_reason,
            ),
            RatingComparison(
                aspect="PERILAKU_KERJA",
                self_rating=m.self_behavior_rating,
                proposed_rating=m.proposed_behavior_rating,
                assessor_rating=m.behavior_rating,
                override_reason=m.behavior_override_reason,
            ),
        ]

    @strawberry.field(
        description=(
            "Matriks predikat yang berlaku untuk penilaian ini (akhir periodenya, atau 31 "
            "Desember untuk penilaian tahunan): sumber yang sama dengan predikat yang dihitung."
        )
    )
    async def predicate_matrix(self, info: Info) -> PredicateMatrixInfo | None:
        loaders = info.context.loaders.planning
        plan = await loaders.plan.load(self.model.plan_id)
        year = await loaders.year.load(plan.year_id) if plan is not None else None
        if plan is None or year is None:
            return None
        # The same day the service rates on (EvaluationContext.rating_day).
        day = date(year.year, 12, 31)
        if self.model.period_id is not None:
            periods = await loaders.periods_of_year.load(plan.year_id)
            day = next((p.end_date for p in periods if p.id == self.model.period_id), day)
        matrix = matrix_on(day)
        return PredicateMatrixInfo(
            effective_from=matrix.effective_from,
            source=matrix.source,
            cells=[
                PredicateMatrixCell(result_rating=r, behavior_rating=b, predicate=p)
                for (r, b), p in matrix.cells.items()
            ],
        )

    @strawberry.field(description="SKP yang dinilai.")
    async def plan(self, info: Info) -> PerformancePlan | None:
        row = await info.context.loaders.planning.plan.load(self.model.plan_id)
        return PerformancePlan.from_model(row) if row else None

    @strawberry.field(description="Periode yang dinilai (null untuk penilaian tahunan).")
    async def period(self, info: Info) -> AppraisalPeriod | None:
        if self.model.period_id is None:
            return None
        plan = await info.context.loaders.planning.plan.load(self.model.plan_id)
        if plan is None:
            return None
        year = await info.context.loaders.planning.year.load(plan.year_id)
        periods = await info.context.loaders.planning.periods_of_year.load(plan.year_id)
        for p in periods:
            if p.id == self.model.period_id and year is not None:
                return AppraisalPeriod(
                    id=graphql_id(p.id),
                    number=p.number,
                    label=period_label(year.cadence, p.number),
                    start_date=p.start_date,
                    end_date=p.end_date,
                    realization_due=p.realization_due,
                    evaluated_at=p.evaluated_at,
                )
        return None

    @strawberry.field(description="Pejabat Penilai Kinerja.")
    async def assessor(self, info: Info) -> Employee | None:
        return await Employee.load(info, self.model.assessor_employee_id)

    @strawberry.field(description="RHK dengan target, realisasi, bukti dan penilaian penilai.")
    async def work_results(self, info: Info) -> list[EvaluatedWorkResult]:
        sheet = await info.context.loaders.evaluation.sheet.load(self.model)
        return [
            EvaluatedWorkResult(
                work_result_id=graphql_id(line.work_result.id),
                kind=line.work_result.kind,
                text=line.work_result.text,
                indicators=[
                    EvaluatedIndicator(
                        indicator=Indicator.from_model(i.indicator),
                        realizations=[
                            fill_type(EvaluatedRealization, r, value=_plain(r.value))
                            for r in i.realizations
                        ],
                    )
                    for i in line.indicators
                ],
                rating=line.rating,
                feedback=line.feedback,
            )
            for line in sheet.work_results
        ]

    @strawberry.field(description="Ketujuh nilai BerAKHLAK dengan pengamatan penilai.")
    async def behaviors(self, info: Info) -> list[BehaviorObservation]:
        sheet = await info.context.loaders.evaluation.sheet.load(self.model)
        return [fill_type(BehaviorObservation, b) for b in sheet.behaviors]


@strawberry.type(description="SKP yang masih harus dinilai untuk periode ini.")
class EvaluationToDo:
    plan: PerformancePlan
    evaluation: Evaluation | None = strawberry.field(description="Draf yang sudah dimulai.")


@strawberry.type(description="Periode yang penilaiannya ditutup BKPSDM.")
class ClosedPeriod:
    id: strawberry.ID
    evaluated_at: datetime | None
    start_date: date
    end_date: date
