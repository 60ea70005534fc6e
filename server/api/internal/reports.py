"""HR reports (laporan BKPSDM): completion by unit and predicate distribution, as rows.

The same rows are downloadable as CSV/XLSX at ``/api/reports/{name}.csv|.xlsx``
(server/http/report_downloads.py). Failures are GraphQL errors with a code in ``extensions``.
"""

from __future__ import annotations

from decimal import Decimal

import strawberry

from server.api.enums import OrgPredicate
from server.api.graphql_common import ExpectedGraphQLError
from server.api.internal.calibration.types import PredicateCount
from server.api.internal.types import Info
from server.services import reports
from server.services.errors import ServiceError


def _pct(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


@strawberry.type(description="Kelengkapan kinerja satu unit (pegawai yang menjabat di unit itu).")
class CompletionReportRow:
    year: int
    period_number: int | None = strawberry.field(description="Kosong: seluruh tahun.")
    unit_id: strawberry.ID
    unit_code: str
    unit_name: str
    parent_unit_code: str | None
    employees: int
    skp_set: int = strawberry.field(description="SKP berstatus DITETAPKAN atau sesudahnya.")
    skp_set_pct: float | None
    realizations_due: int = strawberry.field(
        description="IKI SKP yang ditetapkan × periode yang batas realisasinya sudah lewat."
    )
    realizations_on_time: int = strawberry.field(
        description="Realisasi dikonfirmasi paling lambat hari batasnya (pukul 24.00 WIB)."
    )
    realizations_on_time_pct: float | None
    evaluations_due: int
    evaluations_done: int = strawberry.field(
        description="Penilaian periode (atau tahunan) yang sudah ditetapkan Pejabat Penilai."
    )
    evaluations_done_pct: float | None

    @classmethod
    def of(cls, scope: reports.ReportScope, row: reports.CompletionRow) -> CompletionReportRow:
        return cls(
            year=scope.year,
            period_number=scope.period_number,
            unit_id=strawberry.ID(str(row.unit_id)),
            unit_code=row.unit_code,
            unit_name=row.unit_name,
            parent_unit_code=row.parent_unit_code,
            employees=row.employees,
            skp_set=row.skp_set,
            skp_set_pct=_pct(row.skp_set_pct),
            realizations_due=row.realizations_due,
            realizations_on_time=row.realizations_on_time,
            realizations_on_time_pct=_pct(row.realizations_on_time_pct),
            evaluations_due=row.evaluations_due,
            evaluations_done=row.evaluations_done,
            evaluations_done_pct=_pct(row.evaluations_done_pct),
        )


@strawberry.type(description="Sebaran predikat pegawai satu unit pada satu periode (atau tahunan).")
class PredicateDistributionReportRow:
    year: int
    period_number: int | None = strawberry.field(description="Kosong: penilaian tahunan.")
    period_label: str
    unit_id: strawberry.ID
    unit_code: str
    unit_name: str
    org_predicate: OrgPredicate | None
    total: int
    counts: list[PredicateCount] = strawberry.field(description="Semua predikat, terbaik dulu.")
    within_pattern: bool | None = strawberry.field(
        description="Kosong bila unit belum memiliki predikat organisasi."
    )
    violations: list[str]

    @classmethod
    def of(
        cls, scope: reports.ReportScope, row: reports.DistributionRow
    ) -> PredicateDistributionReportRow:
        return cls(
            year=scope.year,
            period_number=row.period_number,
            period_label=row.period_label,
            unit_id=strawberry.ID(str(row.unit_id)),
            unit_code=row.unit_code,
            unit_name=row.unit_name,
            org_predicate=row.org_predicate,
            total=row.total,
            counts=[PredicateCount(predicate=p, count=n) for p, n in row.counts.items()],
            within_pattern=row.within_pattern,
            violations=list(row.violations),
        )


def _expected(exc: ServiceError) -> ExpectedGraphQLError:
    return ExpectedGraphQLError(
        exc.message, extensions={"code": exc.code.value, "field": exc.field}
    )


@strawberry.type
class ReportQuery:
    @strawberry.field(
        description="Laporan kelengkapan per unit (SKP ditetapkan, realisasi tepat waktu, "
        "penilaian selesai) untuk satu tahun atau satu periode. Admin BKPSDM, auditor, dan "
        "pengelola kinerja unit (unitnya sendiri beserta sub-unit)."
    )
    async def completion_report(
        self,
        info: Info,
        year: int,
        period_number: int | None = None,
        unit_code: str | None = None,
    ) -> list[CompletionReportRow]:
        try:
            scope, rows = await reports.completion_by_unit(
                info.context.db,
                info.context.actor,
                year=year,
                period_number=period_number,
                unit_code=unit_code,
                today=info.context.today,
            )
        except ServiceError as exc:
            raise _expected(exc) from None
        return [CompletionReportRow.of(scope, r) for r in rows]

    @strawberry.field(
        description="Laporan sebaran predikat per unit dan periode, terhadap predikat "
        "organisasi dan pola yang diizinkan."
    )
    async def predicate_distribution_report(
        self,
        info: Info,
        year: int,
        period_number: int | None = None,
        unit_code: str | None = None,
    ) -> list[PredicateDistributionReportRow]:
        try:
            scope, rows = await reports.predicate_distribution(
                info.context.db,
                info.context.actor,
                year=year,
                period_number=period_number,
                unit_code=unit_code,
            )
        except ServiceError as exc:
            raise _expected(exc) from None
        return [PredicateDistributionReportRow.of(scope, r) for r in rows]
