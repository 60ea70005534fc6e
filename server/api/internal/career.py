"""Career read-outs of the predicates (DOMAIN.md §10): recognition, talent pool, promotion
eligibility and angka kredit. Read-only; failures are GraphQL errors with a code."""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol

import strawberry

from server.api.enums import Predicate
from server.api.fill import fill_type
from server.api.internal.payloads import required_query_id, run_query, scope_ids
from server.api.internal.types import Employee, Info, Unit
from server.services import career


class _Listed(Protocol):
    """A row of a career list: whose it is and the unit they were rated in."""

    employee_id: int
    unit_id: int | None


async def _employee(root: _Listed, info: Info) -> Employee | None:
    return await Employee.load(info, root.employee_id)


async def _unit(root: _Listed, info: Info) -> Unit | None:
    return await Unit.load(info, root.unit_id)


@strawberry.type(description="Rekomendasi penghargaan: predikat Sangat Baik.")
class RecognitionRecommendation:
    evaluation_id: strawberry.ID
    predicate: Predicate
    employee_id: strawberry.Private[int]
    unit_id: strawberry.Private[int | None]

    employee: Employee | None = strawberry.field(resolver=_employee)
    unit: Unit | None = strawberry.field(resolver=_unit)


@strawberry.type(description="Calon talent pool: Sangat Baik dua tahun berturut-turut.")
class TalentPoolCandidate:
    evaluation_ids: list[strawberry.ID]
    employee_id: strawberry.Private[int]
    unit_id: strawberry.Private[int | None]

    employee: Employee | None = strawberry.field(resolver=_employee)
    unit: Unit | None = strawberry.field(resolver=_unit)


@strawberry.type(description="Kelayakan kenaikan pangkat: minimal Baik dua tahun berturut-turut.")
class PromotionEligibility:
    year: int
    previous_predicate: Predicate | None
    current_predicate: Predicate | None
    eligible: bool
    talent_priority: bool

    @classmethod
    def from_result(cls, r: career.PromotionEligibility) -> PromotionEligibility:
        return fill_type(cls, r, previous_predicate=r.previous, current_predicate=r.current)


@strawberry.type(
    description="Angka kredit JF = persentase predikat × koefisien tahunan (× bulan/12)."
)
class AngkaKredit:
    evaluation_id: strawberry.ID
    predicate: Predicate
    percent: int
    months: int
    annual_coefficient: Decimal
    value: Decimal


@strawberry.type
class CareerQuery:
    @strawberry.field(description="Rekomendasi penghargaan (predikat Sangat Baik) untuk BKPSDM.")
    async def recognition_recommendations(
        self,
        info: Info,
        period_id: strawberry.ID | None = None,
        year_id: strawberry.ID | None = None,
    ) -> list[RecognitionRecommendation]:
        period, year = scope_ids(period_id, year_id)
        rows = await run_query(
            career.recognition_recommendations(
                info.context.db, info.context.actor, period_id=period, year_id=year
            )
        )
        return [fill_type(RecognitionRecommendation, r) for r in rows]

    @strawberry.field(
        description="Calon talent pool: Sangat Baik pada penilaian tahunan tahun ini dan tahun lalu."
    )
    async def talent_pool_candidates(self, info: Info, year: int) -> list[TalentPoolCandidate]:
        rows = await run_query(
            career.talent_pool_candidates(info.context.db, info.context.actor, year=year)
        )
        return [
            fill_type(
                TalentPoolCandidate,
                r,
                evaluation_ids=[strawberry.ID(str(i)) for i in r.evaluation_ids],
            )
            for r in rows
        ]

    @strawberry.field(description="Kelayakan kenaikan pangkat seorang pegawai untuk satu tahun.")
    async def promotion_eligibility(
        self, info: Info, employee_id: strawberry.ID, year: int
    ) -> PromotionEligibility:
        employee = required_query_id(employee_id, "employeeId")
        result = await run_query(
            career.promotion_eligibility(
                info.context.db,
                info.context.actor,
                employee_id=employee,
                year=year,
                today=info.context.today,
            )
        )
        return PromotionEligibility.from_result(result)

    @strawberry.field(description="Angka kredit JF dari satu penilaian dan koefisien tahunannya.")
    async def angka_kredit(
        self, info: Info, evaluation_id: strawberry.ID, annual_coefficient: Decimal
    ) -> AngkaKredit:
        evaluation = required_query_id(evaluation_id, "evaluationId")
        r = await run_query(
            career.angka_kredit_of(
                info.context.db,
                info.context.actor,
                evaluation_id=evaluation,
                annual_coefficient=annual_coefficient,
                today=info.context.today,
            )
        )
        return fill_type(AngkaKredit, r)
