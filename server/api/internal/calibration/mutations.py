"""Writes of organisation predicates and calibration.

Expected failures come back as data in ``errors`` (see payloads.run_mutation).
"""

from __future__ import annotations

import strawberry

from server.api.enums import OrgPredicate
from server.api.internal.calibration.types import (
    CalibrationDecision,
    OrgPredicateAssignment,
    UnitDistribution,
)
from server.api.internal.payloads import parse_id, require_id, run_mutation
from server.api.internal.types import Info, Payload
from server.db import models
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
