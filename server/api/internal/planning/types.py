"""GraphQL types of SKP planning, written by hand (nothing mapped from the ORM by accident)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import strawberry
from strawberry.scalars import JSON

from server.api.enums import (
    Approach,
    Cadence,
    CoreValue,
    IndicatorAspect,
    OrphanReason,
    Perspective,
    PlanStatus,
    WorkResultKind,
    YearStatus,
)
from server.api.fill import fill_type
from server.api.internal.payloads import graphql_id
from server.api.internal.types import Employee, Info, Unit, selected_under
from server.db import models
from server.domain import planning as planning_rules
from server.domain.berakhlak import BY_VALUE
from server.domain.nip import InvalidNip, format_nip


def _plain(value: Decimal | None) -> Decimal | None:
    """Trailing zeros dropped without an exponent: 100.0000 → "100", not normalize()'s "1E+2"."""
    if value is None:
        return None
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral_value() else normal


@strawberry.type(
    description="Periode penilaian periodik dalam satu tahun (mis. Bulan 3, Triwulan II)."
)
class AppraisalPeriod:
    id: strawberry.ID
    number: int
    label: str
    start_date: date
    end_date: date
    realization_due: date
    evaluated_at: datetime | None


@strawberry.type(description="Periode Penilaian tahunan dengan siklus dan tenggatnya.")
class AppraisalYear:
    id: strawberry.ID
    year: int
    cadence: Cadence
    plan_deadline: date
    realization_due_days: int
    status: YearStatus
    closed_at: datetime | None
    version: int

    @classmethod
    def from_model(cls, row: models.AppraisalYear) -> AppraisalYear:
        return fill_type(cls, row)

    @strawberry.field(description="Periode penilaian periodik, urut nomor.")
    async def periods(self, info: Info) -> list[AppraisalPeriod]:
        rows = await info.context.loaders.planning.periods_of_year.load(int(self.id))
        return [
            fill_type(AppraisalPeriod, p, label=planning_rules.period_label(self.cadence, p.number))
            for p in rows
        ]


@strawberry.type(description="Nilai dasar BerAKHLAK dengan indikator perilakunya.")
class CoreValueInfo:
    value: CoreValue
    label: str
    indicators: list[str]


@strawberry.type(description="Sasaran organisasi (Perjanjian Kinerja) tempat RHK JPT mengacu.")
class OrgGoal:
    id: strawberry.ID
    text: str
    indicator: str | None
    target: str | None
    unit_id: strawberry.Private[int]
    year_id: strawberry.Private[int]

    @classmethod
    def from_model(cls, row: models.OrgGoal) -> OrgGoal:
        return fill_type(cls, row)

    @strawberry.field
    async def unit(self, info: Info) -> Unit | None:
        unit = await info.context.loaders.unit.load(self.unit_id)
        return Unit.from_model(unit) if unit else None

    @strawberry.field(description="Tahun periode penilaian.")
    async def year(self, info: Info) -> int:
        row = await info.context.loaders.planning.year.load(self.year_id)
        assert row is not None
        return row.year


@strawberry.type(description="Identitas seseorang seperti tercatat saat SKP diajukan/ditetapkan.")
class PersonSnapshot:
    employee_id: strawberry.ID
    name: str
    nip: str
    golongan: str
    pangkat: str | None
    jabatan: str | None
    unit: str | None

    @strawberry.field(description="NIP berformat.")
    def nip_formatted(self) -> str:
        try:
            return format_nip(self.nip)
        except InvalidNip:
            return self.nip


@strawberry.type(description="Identitas pegawai dan Pejabat Penilai yang dibekukan pada SKP.")
class IdentitySnapshot:
    taken_on: date
    pegawai: PersonSnapshot
    penilai: PersonSnapshot


def _person(data: dict[str, Any]) -> PersonSnapshot:
    return PersonSnapshot(
        employee_id=graphql_id(data["employee_id"]),
        name=data["name"],
        nip=data["nip"],
        golongan=data["golongan"],
        pangkat=data["pangkat"],
        jabatan=data["jabatan"],
        unit=data["unit"],
    )


def identity_from_json(data: Any) -> IdentitySnapshot | None:
    # A snapshot without both people (an evaluation of someone with no Pejabat Penilai in the
    # system) has no identity to show, like a plan that was never set.
    if not isinstance(data, dict) or not all(
        isinstance(data.get(k), dict) for k in ("pegawai", "penilai")
    ):
        return None
    return IdentitySnapshot(
        taken_on=date.fromisoformat(data["taken_on"]),
        pegawai=_person(data["pegawai"]),
        penilai=_person(data["penilai"]),
    )


@strawberry.type(description="IKI (Indikator Kinerja Individu) dengan aspek dan targetnya.")
class Indicator:
    id: strawberry.ID
    aspect: IndicatorAspect
    text: str
    target_value: Decimal | None
    target_unit: str | None
    target_description: str | None
    perspective: Perspective | None
    work_result_id: strawberry.Private[int]

    @classmethod
    def from_model(cls, row: models.Indicator) -> Indicator:
        return fill_type(cls, row, target_value=_plain(row.target_value))

    @strawberry.field(description="RHK pemilik IKI ini.")
    async def work_result(self, info: Info) -> WorkResult | None:
        row = await info.context.loaders.planning.work_result.load(self.work_result_id)
        return WorkResult.from_model(row) if row else None


@strawberry.type(
    description="RHK atasan yang diintervensi: hanya yang perlu diketahui bawahan untuk kaskade."
)
class SuperiorWorkResult:
    id: strawberry.ID
    kind: WorkResultKind
    text: str
    plan_id: strawberry.Private[int]

    @strawberry.field(description="Nama pemilik RHK (Pejabat Penilai).")
    async def owner_name(self, info: Info) -> str | None:
        plan = await info.context.loaders.planning.plan.load(self.plan_id)
        if plan is None:
            return None
        employee = await info.context.loaders.employee.load(plan.employee_id)
        return employee.name if employee else None


@strawberry.type(description="RHK (Rencana Hasil Kerja).")
class WorkResult:
    id: strawberry.ID
    kind: WorkResultKind
    text: str
    ordinal: int
    plan_id: strawberry.Private[int]
    parent_id: strawberry.Private[int | None]
    org_goal_id: strawberry.Private[int | None]

    @classmethod
    def from_model(cls, row: models.WorkResult) -> WorkResult:
        return fill_type(cls, row)

    @strawberry.field(description="IKI dari RHK ini.")
    async def indicators(self, info: Info) -> list[Indicator]:
        rows = await info.context.loaders.planning.indicators_of_work_result.load(int(self.id))
        return [Indicator.from_model(r) for r in rows]

    @strawberry.field(description="RHK Pejabat Penilai yang diintervensi (non-JPT).")
    async def parent(self, info: Info) -> SuperiorWorkResult | None:
        if self.parent_id is None:
            return None
        row = await info.context.loaders.planning.work_result.load(self.parent_id)
        if row is None:
            return None
        return fill_type(SuperiorWorkResult, row)

    @strawberry.field(description="Sasaran organisasi yang diacu (JPT).")
    async def org_goal(self, info: Info) -> OrgGoal | None:
        if self.org_goal_id is None:
            return None
        row = await info.context.loaders.planning.org_goal.load(self.org_goal_id)
        return OrgGoal.from_model(row) if row else None

    @strawberry.field(
        description="RHK bawahan yang mengintervensi RHK ini (hanya SKP yang boleh Anda lihat)."
    )
    async def children(self, info: Info) -> list[WorkResult]:
        rows = await info.context.loaders.planning.children_of_work_result.load(int(self.id))
        return [WorkResult.from_model(r) for r in rows]

    @strawberry.field(description="SKP pemilik RHK ini.")
    async def plan(self, info: Info) -> PerformancePlan | None:
        row = await info.context.loaders.planning.plan.load(self.plan_id)
        return PerformancePlan.from_model(row) if row else None


@strawberry.type(description="Ekspektasi khusus pimpinan untuk satu nilai BerAKHLAK.")
class BehaviorExpectation:
    value: CoreValue
    label: str
    expectation: str


@strawberry.type(description="Lampiran SKP.")
class PlanAttachments:
    resource_support: str | None = strawberry.field(description="Dukungan sumber daya.")
    accountability_scheme: str | None = strawberry.field(description="Skema pertanggungjawaban.")
    consequences: str | None = strawberry.field(description="Konsekuensi.")


@strawberry.type(description="Versi SKP yang pernah ditetapkan (isi beku dalam JSON).")
class PlanVersion:
    revision: int
    approved_at: datetime
    content: JSON
    approved_by_id: strawberry.Private[int | None]

    @strawberry.field(description="Pejabat Penilai yang menetapkan.")
    async def approved_by(self, info: Info) -> Employee | None:
        return await Employee.load(info, self.approved_by_id)


@strawberry.type(description="SKP (Sasaran Kinerja Pegawai) satu pegawai untuk satu tahun.")
class PerformancePlan:
    id: strawberry.ID
    status: PlanStatus
    approach: Approach
    revision: int
    version: int
    rejection_reason: str | None
    revision_reason: str | None
    submitted_at: datetime | None
    approved_at: datetime | None
    model: strawberry.Private[models.PerformancePlan]

    @classmethod
    def from_model(cls, row: models.PerformancePlan) -> PerformancePlan:
        return fill_type(cls, row, model=row)

    @strawberry.field(description="Label status dalam bahasa Indonesia.")
    def status_label(self) -> str:
        return planning_rules.STATUS_LABELS[self.status]

    @strawberry.field(description="Tahun periode penilaian.")
    async def year(self, info: Info) -> AppraisalYear:
        row = await info.context.loaders.planning.year.load(self.model.year_id)
        assert row is not None
        return AppraisalYear.from_model(row)

    @strawberry.field(description="Pegawai pemilik SKP.")
    async def employee(self, info: Info) -> Employee | None:
        return await Employee.load(info, self.model.employee_id)

    @strawberry.field(description="Pejabat Penilai yang ditetapkan saat SKP diajukan.")
    async def assessor(self, info: Info) -> Employee | None:
        return await Employee.load(info, self.model.assessor_employee_id)

    @strawberry.field(
        description="Pejabat Penilai adalah Kepala Daerah (Wali Kota), bukan pegawai: untuk "
        "pegawai tanpa atasan dalam pohon jabatan (Sekretaris Daerah)."
    )
    def assessed_by_kepala_daerah(self) -> bool:
        return self.model.assessed_by_kepala_daerah

    @strawberry.field(description="Identitas pegawai dan penilai saat diajukan/ditetapkan.")
    def identity_snapshot(self) -> IdentitySnapshot | None:
        return identity_from_json(self.model.identity_snapshot)

    @strawberry.field(description="Lampiran SKP.")
    def lampiran(self) -> PlanAttachments:
        return fill_type(PlanAttachments, self.model)

    @strawberry.field(description="RHK, urut nomor.")
    async def work_results(self, info: Info) -> list[WorkResult]:
        loaders = info.context.loaders.planning
        if "indicators" in selected_under(info):  # read with their IKI, in one statement
            rows = await loaders.work_results_with_indicators_of_plan.load(self.model.id)
        else:
            rows = await loaders.work_results_of_plan.load(self.model.id)
        return [WorkResult.from_model(r) for r in rows]

    @strawberry.field(description="Ekspektasi khusus pimpinan per nilai BerAKHLAK.")
    async def behavior_expectations(self, info: Info) -> list[BehaviorExpectation]:
        rows = await info.context.loaders.planning.expectations_of_plan.load(self.model.id)
        return [
            BehaviorExpectation(
                value=r.value, label=BY_VALUE[r.value].label, expectation=r.expectation
            )
            for r in rows
        ]

    @strawberry.field(description="Semua versi yang pernah ditetapkan, terlama lebih dahulu.")
    async def versions(self, info: Info) -> list[PlanVersion]:
        rows = await info.context.loaders.planning.versions_of_plan.load(self.model.id)
        return [fill_type(PlanVersion, r, approved_by_id=r.approved_by_employee_id) for r in rows]


@strawberry.type(description="RHK yang terlepas dari kaskade, dengan alasannya.")
class AlignmentOrphan:
    reason: OrphanReason
    work_result: WorkResult


@strawberry.type(
    description="Keselarasan (kaskade) RHK satu unit beserta sub-unitnya dalam satu tahun."
)
class AlignmentCoverage:
    year: int
    plan_count: int
    work_result_count: int
    linked_count: int
    linked_share: float = strawberry.field(
        description="Bagian RHK yang terhubung ke induknya (0–1)."
    )
    unintervened: list[WorkResult] = strawberry.field(
        description="RHK atasan yang belum diintervensi bawahan mana pun."
    )
    orphans: list[AlignmentOrphan]
    unit_id: strawberry.Private[int]

    @strawberry.field
    async def unit(self, info: Info) -> Unit | None:
        unit = await info.context.loaders.unit.load(self.unit_id)
        return Unit.from_model(unit) if unit else None


@strawberry.type(description="Objek yang dihapus.")
class Deleted:
    id: strawberry.ID
