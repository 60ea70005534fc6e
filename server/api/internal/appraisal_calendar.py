"""BKPSDM's calendar corrections (Periode Penilaian): move the SKP deadline of an open year,
move the realisasi deadline of one period, reopen a period whose evaluation was closed; and the allowed predicate distribution per
organisation predicate (the pattern a unit's predicate sets), for the screens that explain it.
"""

from __future__ import annotations

from datetime import date

import strawberry

from server import clock
from server.api.enums import OrgPredicate, Predicate
from server.api.fill import fill_type
from server.api.graphql_common import ExpectedGraphQLError
from server.api.internal.evaluation.types import ClosedPeriod
from server.api.internal.payloads import require_id, run_mutation
from server.api.internal.planning.types import AppraisalYear
from server.api.internal.types import Info, Payload
from server.db import models
from server.domain.evaluation import policy_on
from server.services.planning import years


def _closed(row: models.AppraisalPeriod) -> ClosedPeriod:
    return fill_type(ClosedPeriod, row)


@strawberry.type(description="Pola sebaran predikat yang diizinkan satu predikat organisasi.")
class DistributionPattern:
    org_predicate: OrgPredicate
    largest: Predicate | None = strawberry.field(
        description="Predikat yang harus menjadi kelompok terbesar (null: tidak ada syarat)."
    )
    rules: list[str] = strawberry.field(description="Batas-batas pola, dalam bahasa Indonesia.")
    effective_from: date
    source: str


@strawberry.type
class CalendarQuery:
    @strawberry.field(
        description="Pola sebaran predikat yang diizinkan per predikat organisasi, menurut "
        "kebijakan yang berlaku pada tanggal itu (bawaan: hari ini)."
    )
    def distribution_patterns(self, on: date | None = None) -> list[DistributionPattern]:
        try:
            policy = policy_on(on or clock.today())
        except ValueError:  # a day before the first policy (PermenPANRB 6/2022) took effect
            raise ExpectedGraphQLError(
                "Belum ada pola sebaran yang berlaku pada tanggal itu.",
                extensions={"code": "INVALID_INPUT", "field": "on"},
            ) from None
        return [
            DistributionPattern(
                org_predicate=org,
                largest=rule.largest,
                rules=[b.description for b in rule.bounds],
                effective_from=policy.effective_from,
                source=policy.source,
            )
            for org, rule in policy.rules.items()
        ]


async def _set_realization_due(
    info: Info, period_id: strawberry.ID, realization_due: date, expected_version: int | None = None
) -> models.AppraisalYear:
    return await years.set_realization_due(
        info.context.db,
        info.context.actor,
        require_id(period_id, "periodId"),
        realization_due,
        expected_version,
    )


async def _reopen_period_evaluation(
    info: Info, period_id: strawberry.ID, reason: str
) -> models.AppraisalPeriod:
    return await years.reopen_period_evaluation(
        info.context.db, info.context.actor, require_id(period_id, "periodId"), reason
    )


@strawberry.type
class CalendarMutation:
    @strawberry.mutation(
        description="Ubah batas penetapan SKP satu periode penilaian yang masih dibuka (Admin "
        "BKPSDM)."
    )
    async def set_plan_deadline(
        self, info: Info, year: int, plan_deadline: date, expected_version: int | None = None
    ) -> Payload[AppraisalYear]:
        return await run_mutation(
            years.set_plan_deadline(
                info.context.db, info.context.actor, year, plan_deadline, expected_version
            ),
            AppraisalYear.from_model,
        )

    @strawberry.mutation(
        description="Ubah batas realisasi satu periode (Admin BKPSDM): tidak sebelum akhir "
        "periode, tidak setelah akhir tahun berikutnya; periode dan tahunnya masih dibuka. "
        "expectedVersion adalah versi tahunnya, yang naik karena perubahan ini."
    )
    async def set_realization_due(
        self,
        info: Info,
        period_id: strawberry.ID,
        realization_due: date,
        expected_version: int | None = None,
    ) -> Payload[AppraisalYear]:
        return await run_mutation(
            _set_realization_due(info, period_id, realization_due, expected_version),
            AppraisalYear.from_model,
        )

    @strawberry.mutation(
        description="Buka kembali penilaian satu periode yang sudah ditutup, dengan alasan "
        "(Admin BKPSDM)."
    )
    async def reopen_period_evaluation(
        self, info: Info, period_id: strawberry.ID, reason: str
    ) -> Payload[ClosedPeriod]:
        return await run_mutation(_reopen_period_evaluation(info, period_id, reason), _closed)
