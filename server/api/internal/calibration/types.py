"""GraphQL types of organisation predicates and calibration."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from fractions import Fraction

import strawberry
from strawberry.scalars import JSON

from server.api.enums import OrgPredicate, Predicate
from server.api.fill import fill_type
from server.api.internal.payloads import graphql_id
from server.api.internal.types import Employee, Info, Unit
from server.db import models
from server.domain.evaluation import PREDICATE_ORDER
from server.services.calibration import calibration_view, distribution
from server.services.calibration.scope import Rated


def _float(value: Fraction | None) -> float | None:
    return None if value is None else round(float(value), 2)


@strawberry.type(description="Predikat Kinerja Organisasi satu unit untuk satu periode/tahun.")
class OrgPredicateAssignment:
    id: strawberry.ID
    predicate: OrgPredicate
    basis: str = strawberry.field(
        description="Dasar penetapan (saran Bappeda, BKPSDM, Inspektorat)."
    )
    period_id: strawberry.ID | None = strawberry.field(description="Null: berlaku setahun.")
    year_id: strawberry.ID
    updated_at: datetime
    unit_id: strawberry.Private[int]

    @classmethod
    def from_model(cls, row: models.OrgPredicateAssignment) -> OrgPredicateAssignment:
        return fill_type(cls, row)

    @strawberry.field
    async def unit(self, info: Info) -> Unit | None:
        return await Unit.load(info, self.unit_id)


@strawberry.type(description="Jumlah pegawai per predikat.")
class PredicateCount:
    predicate: Predicate
    count: int


def _histogram(counts: Mapping[Predicate, int]) -> list[PredicateCount]:
    return [PredicateCount(predicate=p, count=counts.get(p, 0)) for p in PREDICATE_ORDER]


@strawberry.type(description="Predikat satu pegawai dalam kalibrasi.")
class CalibrationEntry:
    evaluation_id: strawberry.ID
    predicate: Predicate
    employee_id: strawberry.Private[int]

    @strawberry.field
    async def employee(self, info: Info) -> Employee | None:
        return await Employee.load(info, self.employee_id)


def _entries(rated: Sequence[Rated]) -> list[CalibrationEntry]:
    return [
        CalibrationEntry(
            evaluation_id=graphql_id(r.evaluation_id),
            predicate=r.predicate,
            employee_id=r.employee_id,
        )
        for r in rated
    ]


@strawberry.type(
    description="Keputusan kalibrasi: sebaran saat difinalkan dan snapshot sebelum/sesudah."
)
class CalibrationDecision:
    id: strawberry.ID
    org_predicate: OrgPredicate
    within_pattern: bool
    violations: list[str]
    justification: str | None
    before_snapshot: JSON
    after_snapshot: JSON
    changed: list[JSON] = strawberry.field(description="Predikat yang berubah selama kalibrasi.")
    policy_effective_from: date
    decided_at: datetime

    @classmethod
    def from_model(cls, row: models.CalibrationDecision) -> CalibrationDecision:
        return fill_type(
            cls,
            row,
            violations=list(row.violations or []),
            changed=[JSON(c) for c in distribution.changed_predicates(row)],
        )


@strawberry.type(description="Sebaran predikat satu unit terhadap pola yang diizinkan.")
class UnitDistribution:
    include_subunits: bool
    total: int
    histogram: list[PredicateCount]
    org_predicate: OrgPredicateAssignment | None
    within_pattern: bool | None = strawberry.field(
        description="Null bila predikat organisasi belum ada."
    )
    violations: list[str]
    policy_effective_from: date
    opened_at: datetime | None
    finalised: bool
    decision: CalibrationDecision | None
    entries: list[CalibrationEntry]
    unit_id: strawberry.Private[int]

    @classmethod
    def from_state(cls, state: distribution.UnitDistribution) -> UnitDistribution:
        return cls(
            include_subunits=state.include_subunits,
            total=len(state.rated),
            histogram=_histogram(Counter(r.predicate for r in state.rated)),
            org_predicate=OrgPredicateAssignment.from_model(state.assignment)
            if state.assignment
            else None,
            within_pattern=state.check.within if state.check else None,
            violations=list(state.check.violations) if state.check else [],
            policy_effective_from=state.policy_effective_from,
            opened_at=state.opened_at,
            finalised=state.decision is not None,
            decision=CalibrationDecision.from_model(state.decision) if state.decision else None,
            entries=_entries(state.rated),
            unit_id=state.unit_id,
        )

    @strawberry.field
    async def unit(self, info: Info) -> Unit | None:
        return await Unit.load(info, self.unit_id)


@strawberry.type(
    description="Statistik penilai: rata-rata skor predikat (Sangat Baik = 5 … Sangat Kurang = 1) "
    "dibanding rata-rata unit, dan selisih terhadap penilaian diri."
)
class RaterStatistics:
    rated: int
    mean_score: float
    unit_mean: float
    deviation: float = strawberry.field(description="Positif: cenderung murah; negatif: ketat.")
    self_assessed: int
    mean_self_gap: float | None = strawberry.field(
        description="Rata-rata (skor penilai − skor penilaian diri); negatif: penilai lebih rendah."
    )
    # Loaded with the view (one batch), not by a resolver per rater: the overview lists
    # hundreds of raters and a resolver call costs more than the rest of the row.
    assessor: Employee | None

    @classmethod
    def from_stats(
        cls, s: calibration_view.RaterStats, employees: Mapping[int, models.Employee]
    ) -> RaterStatistics:
        person = employees.get(s.assessor_id)
        return cls(
            rated=s.rated,
            mean_score=_float(s.mean_score) or 0.0,
            unit_mean=_float(s.unit_mean) or 0.0,
            deviation=_float(s.deviation) or 0.0,
            self_assessed=s.self_assessed,
            mean_self_gap=_float(s.mean_self_gap),
            assessor=Employee.from_model(person) if person else None,
        )


@strawberry.type(description="Satu unit dalam tampilan kalibrasi BKPSDM.")
class UnitCalibration:
    total: int
    histogram: list[PredicateCount]
    org_predicate: OrgPredicateAssignment | None
    within_pattern: bool | None
    violations: list[str]
    finalised: bool
    raters: list[RaterStatistics]
    unit: Unit | None  # loaded with the view, as RaterStatistics.assessor

    @classmethod
    async def list_of(
        cls, info: Info, rows: Sequence[calibration_view.UnitCalibration]
    ) -> list[UnitCalibration]:
        """The rows with their units and raters, each loaded in one batch."""
        loaders = info.context.loaders
        unit_ids = [r.unit_id for r in rows]
        assessor_ids = sorted({s.assessor_id for r in rows for s in r.raters})
        units = dict(zip(unit_ids, await loaders.unit.load_many(unit_ids), strict=True))
        people = await loaders.employee.load_many(assessor_ids)
        employees = {i: e for i, e in zip(assessor_ids, people, strict=True) if e is not None}
        return [cls.from_row(r, units.get(r.unit_id), employees) for r in rows]

    @classmethod
    def from_row(
        cls,
        row: calibration_view.UnitCalibration,
        unit: models.Unit | None,
        employees: Mapping[int, models.Employee],
    ) -> UnitCalibration:
        return cls(
            total=row.total,
            histogram=_histogram(row.counts),
            org_predicate=OrgPredicateAssignment.from_model(row.assignment)
            if row.assignment
            else None,
            within_pattern=row.check.within if row.check else None,
            violations=list(row.check.violations) if row.check else [],
            finalised=row.decision is not None,
            raters=[RaterStatistics.from_stats(s, employees) for s in row.raters],
            unit=Unit.from_model(unit) if unit else None,
        )
