"""GraphQL types of organisation predicates, calibration, keberatan and follow-up."""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.scalars import JSON

from server.api.enums import CoachingStatus, ObjectionStatus, OrgPredicate, Predicate
from server.api.graphql_common import ExpectedGraphQLError
from server.api.internal.types import Employee, Info, Unit
from server.db import models
from server.domain.evaluation import PREDICATE_ORDER
from server.services import follow_up
from server.services.calibration import calibration_view, distribution
from server.services.calibration.scope import Rated
from server.services.errors import ServiceError
from server.services.objections import is_overdue

T = TypeVar("T")


async def run_query(action: Awaitable[T]) -> T:
    """A service failure in a query becomes a readable GraphQL error with its code."""
    try:
        return await action
    except ServiceError as exc:
        raise ExpectedGraphQLError(
            exc.message, extensions={"code": exc.code.value, "field": exc.field}
        ) from None


def _id(value: int) -> strawberry.ID:
    return strawberry.ID(str(value))


def _float(value: Fraction | None) -> float | None:
    return None if value is None else round(float(value), 2)


async def _unit(info: Info, unit_id: int | None) -> Unit | None:
    if unit_id is None:
        return None
    row = await info.context.loaders.unit.load(unit_id)
    return Unit.from_model(row) if row else None


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
        return cls(
            id=_id(row.id),
            predicate=row.predicate,
            basis=row.basis,
            period_id=_id(row.period_id) if row.period_id is not None else None,
            year_id=_id(row.year_id),
            updated_at=row.updated_at,
            unit_id=row.unit_id,
        )

    @strawberry.field
    async def unit(self, info: Info) -> Unit | None:
        return await _unit(info, self.unit_id)


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
            evaluation_id=_id(r.evaluation_id), predicate=r.predicate, employee_id=r.employee_id
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
        return cls(
            id=_id(row.id),
            org_predicate=row.org_predicate,
            within_pattern=row.within_pattern,
            violations=list(row.violations or []),
            justification=row.justification,
            before_snapshot=row.before_snapshot,
            after_snapshot=row.after_snapshot,
            changed=[JSON(c) for c in distribution.changed_predicates(row)],
            policy_effective_from=row.policy_effective_from,
            decided_at=row.decided_at,
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
        return await _unit(info, self.unit_id)


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


@strawberry.type(description="Keberatan atas hasil penilaian kinerja.")
class Objection:
    id: strawberry.ID
    evaluation_id: strawberry.ID
    status: ObjectionStatus
    reasons: str
    filing_deadline: date
    decision_deadline: date
    overdue: bool = strawberry.field(description="Belum diputus setelah batas waktu keputusan.")
    employee_explanation: str | None
    assessor_explanation: str | None
    decision_note: str | None
    previous_result: JSON | None = strawberry.field(
        description="Rating dan predikat sebelum diubah (keputusan DIUBAH)."
    )
    filed_at: datetime
    decided_at: datetime | None
    version: int
    decided_by_kepala_daerah: bool = strawberry.field(
        description="Tidak ada Atasan Pejabat Penilai di antara pegawai: Kepala Daerah (Wali "
        "Kota) yang memutus."
    )
    filed_by_id: strawberry.Private[int]
    decider_id: strawberry.Private[int | None]

    @classmethod
    def from_model(cls, row: models.Objection, today: date) -> Objection:
        return cls(
            id=_id(row.id),
            evaluation_id=_id(row.evaluation_id),
            status=row.status,
            reasons=row.reasons,
            filing_deadline=row.filing_deadline,
            decision_deadline=row.decision_deadline,
            overdue=is_overdue(row, today),
            employee_explanation=row.employee_explanation,
            assessor_explanation=row.assessor_explanation,
            decision_note=row.decision_note,
            previous_result=row.previous_result,
            filed_at=row.created_at,
            decided_at=row.decided_at,
            version=row.version,
            decided_by_kepala_daerah=row.decided_by_kepala_daerah,
            filed_by_id=row.filed_by_employee_id,
            decider_id=row.decider_employee_id,
        )

    @strawberry.field(description="Pegawai yang mengajukan.")
    async def filed_by(self, info: Info) -> Employee | None:
        return await Employee.load(info, self.filed_by_id)

    @strawberry.field(description="Atasan Pejabat Penilai yang memutus.")
    async def decider(self, info: Info) -> Employee | None:
        return await Employee.load(info, self.decider_id)


@strawberry.type(description="Rekomendasi penghargaan: predikat Sangat Baik.")
class RecognitionRecommendation:
    evaluation_id: strawberry.ID
    predicate: Predicate
    employee_id: strawberry.Private[int]
    unit_id: strawberry.Private[int | None]

    @strawberry.field
    async def employee(self, info: Info) -> Employee | None:
        return await Employee.load(info, self.employee_id)

    @strawberry.field
    async def unit(self, info: Info) -> Unit | None:
        return await _unit(info, self.unit_id)


@strawberry.type(description="Calon talent pool: Sangat Baik dua tahun berturut-turut.")
class TalentPoolCandidate:
    evaluation_ids: list[strawberry.ID]
    employee_id: strawberry.Private[int]
    unit_id: strawberry.Private[int | None]

    @strawberry.field
    async def employee(self, info: Info) -> Employee | None:
        return await Employee.load(info, self.employee_id)

    @strawberry.field
    async def unit(self, info: Info) -> Unit | None:
        return await _unit(info, self.unit_id)


@strawberry.type(description="Kelayakan kenaikan pangkat: minimal Baik dua tahun berturut-turut.")
class PromotionEligibility:
    year: int
    previous_predicate: Predicate | None
    current_predicate: Predicate | None
    eligible: bool
    talent_priority: bool

    @classmethod
    def from_result(cls, r: follow_up.PromotionEligibility) -> PromotionEligibility:
        return cls(
            year=r.year,
            previous_predicate=r.previous,
            current_predicate=r.current,
            eligible=r.eligible,
            talent_priority=r.talent_priority,
        )


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


@strawberry.type(description="Catatan pertemuan pembinaan.")
class CoachingCheckIn:
    id: strawberry.ID
    held_on: date
    note: str
    created_at: datetime
    recorded_by_id: strawberry.Private[int]

    @classmethod
    def from_model(cls, row: models.CoachingCheckIn) -> CoachingCheckIn:
        return cls(
            id=_id(row.id),
            held_on=row.held_on,
            note=row.note,
            created_at=row.created_at,
            recorded_by_id=row.recorded_by_employee_id,
        )

    @strawberry.field
    async def recorded_by(self, info: Info) -> Employee | None:
        return await Employee.load(info, self.recorded_by_id)


class CoachingLoaders:
    def __init__(self, info: Info) -> None:
        db = info.context.db

        async def load(ids: list[int]) -> list[list[models.CoachingCheckIn]]:
            grouped = await follow_up.check_ins_of(db, ids)
            return [grouped[i] for i in ids]

        self.check_ins: DataLoader[int, list[models.CoachingCheckIn]] = DataLoader(load_fn=load)


def coaching_loaders(info: Info) -> CoachingLoaders:
    found: Any = info.context.cache.get("coaching")
    if found is None:
        found = info.context.cache["coaching"] = CoachingLoaders(info)
    assert isinstance(found, CoachingLoaders)
    return found


@strawberry.type(description="Rencana pembinaan kinerja (6 bulan) setelah predikat rendah.")
class CoachingPlan:
    id: strawberry.ID
    evaluation_id: strawberry.ID
    goals: str
    actions: str
    starts_on: date
    ends_on: date
    status: CoachingStatus
    outcome: str | None
    employee_id: strawberry.Private[int]
    mentor_id: strawberry.Private[int | None]

    @classmethod
    def from_model(cls, row: models.CoachingPlan) -> CoachingPlan:
        return cls(
            id=_id(row.id),
            evaluation_id=_id(row.evaluation_id),
            goals=row.goals,
            actions=row.actions,
            starts_on=row.starts_on,
            ends_on=row.ends_on,
            status=row.status,
            outcome=row.outcome,
            employee_id=row.employee_id,
            mentor_id=row.mentor_employee_id,
        )

    @strawberry.field
    async def employee(self, info: Info) -> Employee | None:
        return await Employee.load(info, self.employee_id)

    @strawberry.field
    async def mentor(self, info: Info) -> Employee | None:
        return await Employee.load(info, self.mentor_id)

    @strawberry.field(description="Pertemuan pembinaan, terlama dahulu.")
    async def check_ins(self, info: Info) -> list[CoachingCheckIn]:
        rows = await coaching_loaders(info).check_ins.load(int(self.id))
        return [CoachingCheckIn.from_model(r) for r in rows]
