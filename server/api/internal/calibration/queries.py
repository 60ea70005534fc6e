"""Read queries of organisation predicates, calibration, keberatan and follow-up.

Failures (no right to see, unknown ids) are GraphQL errors with a code in ``extensions``.
"""

from __future__ import annotations

from decimal import Decimal

import strawberry

from server.api.enums import CoachingStatus, ObjectionStatus
from server.api.graphql_common import ExpectedGraphQLError
from server.api.internal.calibration.types import (
    AngkaKredit,
    CoachingPlan,
    Objection,
    OrgPredicateAssignment,
    PromotionEligibility,
    RecognitionRecommendation,
    TalentPoolCandidate,
    UnitCalibration,
    UnitDistribution,
    run_query,
)
from server.api.internal.payloads import parse_id
from server.api.internal.types import Info
from server.services import follow_up, objections
from server.services.calibration import calibration_view, distribution, org_predicates
from server.services.errors import ServiceError

MAX_OVERVIEW_PAGE = 100
"""Units per page of ``calibrationOverview`` (the answer is heavy: histogram and raters)."""


def _qid(raw: strawberry.ID | None, field: str) -> int | None:
    """A query argument ID; garbage is a readable input error."""
    try:
        return parse_id(raw, field)
    except ServiceError as exc:
        raise ExpectedGraphQLError(
            exc.message, extensions={"code": exc.code.value, "field": field}
        ) from None


def _required(raw: strawberry.ID, field: str) -> int:
    value = _qid(raw, field)
    assert value is not None
    return value


def _scope_ids(
    period_id: strawberry.ID | None, year_id: strawberry.ID | None
) -> tuple[int | None, int | None]:
    return _qid(period_id, "periodId"), _qid(year_id, "yearId")


@strawberry.type
class CalibrationQuery:
    @strawberry.field(
        description="Predikat Kinerja Organisasi yang ditetapkan untuk satu periode (periodId) "
        "atau tahun (yearId)."
    )
    async def org_predicates(
        self,
        info: Info,
        period_id: strawberry.ID | None = None,
        year_id: strawberry.ID | None = None,
    ) -> list[OrgPredicateAssignment]:
        period, year = _scope_ids(period_id, year_id)
        rows = await run_query(
            org_predicates.list_org_predicates(
                info.context.db, info.context.actor, period_id=period, year_id=year
            )
        )
        return [OrgPredicateAssignment.from_model(r) for r in rows]

    @strawberry.field(
        description="Sebaran predikat satu unit (opsional dengan sub-unit) terhadap pola "
        "yang diizinkan predikat organisasinya, beserta status kalibrasi."
    )
    async def unit_distribution(
        self,
        info: Info,
        unit_id: strawberry.ID,
        period_id: strawberry.ID | None = None,
        year_id: strawberry.ID | None = None,
        include_subunits: bool = False,
    ) -> UnitDistribution:
        period, year = _scope_ids(period_id, year_id)
        state = await run_query(
            distribution.unit_distribution(
                info.context.db,
                info.context.actor,
                unit_id=_required(unit_id, "unitId"),
                period_id=period,
                year_id=year,
                include_subunits=include_subunits,
            )
        )
        return UnitDistribution.from_state(state)

    @strawberry.field(
        description="Tampilan kalibrasi BKPSDM: per unit sebaran, predikat organisasi, "
        "di dalam/di luar pola, dan statistik penilai; urut menurut id unit. Halaman: first "
        f"(1-{MAX_OVERVIEW_PAGE}) unit sesudah unit after (id unit terakhir halaman "
        "sebelumnya); tanpa first: semua unit."
    )
    async def calibration_overview(
        self,
        info: Info,
        period_id: strawberry.ID | None = None,
        year_id: strawberry.ID | None = None,
        include_subunits: bool = False,
        first: int | None = None,
        after: strawberry.ID | None = None,
    ) -> list[UnitCalibration]:
        period, year = _scope_ids(period_id, year_id)
        if first is not None and not 1 <= first <= MAX_OVERVIEW_PAGE:
            raise ExpectedGraphQLError(
                f"first harus antara 1 dan {MAX_OVERVIEW_PAGE}.",
                extensions={"code": "INVALID_INPUT", "field": "first"},
            )
        last_seen = _qid(after, "after")
        _, rows = await run_query(
            calibration_view.calibration_overview(
                info.context.db,
                info.context.actor,
                period_id=period,
                year_id=year,
                include_subunits=include_subunits,
            )
        )
        if last_seen is not None:
            rows = [r for r in rows if r.unit_id > last_seen]  # rows are sorted by unit id
        if first is not None:
            rows = rows[:first]
        return await UnitCalibration.list_of(info, rows)

    @strawberry.field(description="Satu keberatan (bila Anda berhak melihatnya).")
    async def objection(self, info: Info, id: strawberry.ID) -> Objection:
        objection_id = _required(id, "id")
        row = await run_query(
            objections.get_objection(
                info.context.db, info.context.actor, objection_id, today=info.context.today
            )
        )
        return Objection.from_model(row, info.context.today)

    @strawberry.field(
        description="Keberatan yang boleh Anda lihat, terbaru dahulu. toDecide: yang menunggu "
        "keputusan Anda; overdueOnly: melewati batas waktu keputusan."
    )
    async def objections(
        self,
        info: Info,
        status: ObjectionStatus | None = None,
        to_decide: bool = False,
        overdue_only: bool = False,
    ) -> list[Objection]:
        rows = await objections.list_objections(
            info.context.db,
            info.context.actor,
            status=status,
            to_decide=to_decide,
            overdue_only=overdue_only,
            today=info.context.today,
        )
        return [Objection.from_model(r, info.context.today) for r in rows]

    @strawberry.field(description="Rekomendasi penghargaan (predikat Sangat Baik) untuk BKPSDM.")
    async def recognition_recommendations(
        self,
        info: Info,
        period_id: strawberry.ID | None = None,
        year_id: strawberry.ID | None = None,
    ) -> list[RecognitionRecommendation]:
        period, year = _scope_ids(period_id, year_id)
        rows = await run_query(
            follow_up.recognition_recommendations(
                info.context.db, info.context.actor, period_id=period, year_id=year
            )
        )
        return [
            RecognitionRecommendation(
                evaluation_id=strawberry.ID(str(r.evaluation_id)),
                predicate=r.predicate,
                employee_id=r.employee_id,
                unit_id=r.unit_id,
            )
            for r in rows
        ]

    @strawberry.field(
        description="Calon talent pool: Sangat Baik pada penilaian tahunan tahun ini dan tahun lalu."
    )
    async def talent_pool_candidates(self, info: Info, year: int) -> list[TalentPoolCandidate]:
        rows = await run_query(
            follow_up.talent_pool_candidates(info.context.db, info.context.actor, year=year)
        )
        return [
            TalentPoolCandidate(
                evaluation_ids=[strawberry.ID(str(i)) for i in r.evaluation_ids],
                employee_id=r.employee_id,
                unit_id=r.unit_id,
            )
            for r in rows
        ]

    @strawberry.field(description="Kelayakan kenaikan pangkat seorang pegawai untuk satu tahun.")
    async def promotion_eligibility(
        self, info: Info, employee_id: strawberry.ID, year: int
    ) -> PromotionEligibility:
        employee = _required(employee_id, "employeeId")
        result = await run_query(
            follow_up.promotion_eligibility(
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
        evaluation = _required(evaluation_id, "evaluationId")
        r = await run_query(
            follow_up.angka_kredit_of(
                info.context.db,
                info.context.actor,
                evaluation_id=evaluation,
                annual_coefficient=annual_coefficient,
                today=info.context.today,
            )
        )
        return AngkaKredit(
            evaluation_id=strawberry.ID(str(r.evaluation_id)),
            predicate=r.predicate,
            percent=r.percent,
            months=r.months,
            annual_coefficient=r.annual_coefficient,
            value=r.value,
        )

    @strawberry.field(description="Satu rencana pembinaan (bila Anda berhak melihatnya).")
    async def coaching_plan(self, info: Info, id: strawberry.ID) -> CoachingPlan:
        plan_id = _required(id, "id")
        row = await run_query(
            follow_up.get_coaching_plan(
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
        employee = _qid(employee_id, "employeeId")
        rows = await follow_up.list_coaching_plans(
            info.context.db,
            info.context.actor,
            status=status,
            employee_id=employee,
            today=info.context.today,
        )
        return [CoachingPlan.from_model(r) for r in rows]
