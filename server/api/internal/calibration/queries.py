"""Read queries of organisation predicates and calibration.

Failures (no right to see, unknown ids) are GraphQL errors with a code in ``extensions``.
"""

from __future__ import annotations

import strawberry

from server.api.graphql_common import ExpectedGraphQLError
from server.api.internal.calibration.types import (
    OrgPredicateAssignment,
    UnitCalibration,
    UnitDistribution,
)
from server.api.internal.payloads import query_id, required_query_id, run_query, scope_ids
from server.api.internal.types import Info
from server.services.calibration import calibration_view, distribution, org_predicates

MAX_OVERVIEW_PAGE = 100
"""Units per page of ``calibrationOverview`` (the answer is heavy: histogram and raters)."""


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
        period, year = scope_ids(period_id, year_id)
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
        period, year = scope_ids(period_id, year_id)
        state = await run_query(
            distribution.unit_distribution(
                info.context.db,
                info.context.actor,
                unit_id=required_query_id(unit_id, "unitId"),
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
        period, year = scope_ids(period_id, year_id)
        if first is not None and not 1 <= first <= MAX_OVERVIEW_PAGE:
            raise ExpectedGraphQLError(
                f"first harus antara 1 dan {MAX_OVERVIEW_PAGE}.",
                extensions={"code": "INVALID_INPUT", "field": "first"},
            )
        last_seen = query_id(after, "after")
        _, rows = await run_query(
            calibration_view.calibration_overview(
                info.context.db,
                info.context.actor,
                period_id=period,
                year_id=year,
                include_subunits=include_subunits,
                after_unit_id=last_seen,
                first=first,
            )
        )
        return await UnitCalibration.list_of(info, rows)
