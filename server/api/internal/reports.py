"""HR reports (laporan BKPSDM): completion by unit and predicate distribution, as rows.

The same rows are downloadable as CSV/XLSX at ``/api/reports/{name}.csv|.xlsx``
(server/http/report_downloads.py). Failures are GraphQL errors with a code in ``extensions``.
"""

from __future__ import annotations

from decimal import Decimal

import strawberry

from server.api.enums import BehindReason, OrgPredicate, PlanStatus
from server.api.fill import fill_type
from server.api.graphql_common import ExpectedGraphQLError
from server.api.internal.calibration.types import PredicateCount
from server.api.internal.types import Employee, Info, decode_cursor, encode_cursor
from server.services import reports
from server.services.errors import ServiceError

MAX_DISTRIBUTION_PAGE = 500
"""Rows per page of ``predicateDistributionReport`` (one per unit and period)."""


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
        return fill_type(
            cls,
            row,
            year=scope.year,
            period_number=scope.period_number,
            skp_set_pct=_pct(row.skp_set_pct),
            realizations_on_time_pct=_pct(row.realizations_on_time_pct),
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
    cursor: str = strawberry.field(
        description="Kursor baris ini: after untuk halaman berikutnya (argumen first)."
    )

    @classmethod
    def of(
        cls, scope: reports.ReportScope, row: reports.DistributionRow, index: int
    ) -> PredicateDistributionReportRow:
        return fill_type(
            cls,
            row,
            year=scope.year,
            counts=[PredicateCount(predicate=p, count=n) for p, n in row.counts.items()],
            violations=list(row.violations),
            cursor=encode_cursor(index),
        )


@strawberry.type(description="Satu pegawai unit: status SKP dan kemajuan realisasinya.")
class UnitPerson:
    employee_id: strawberry.Private[int]
    unit_id: strawberry.ID
    unit_code: str
    unit_name: str
    plan_id: strawberry.ID | None = strawberry.field(
        description="SKP tahun itu (boleh dibaca pengelola unit); kosong bila belum dibuat."
    )
    plan_status: PlanStatus | None
    indicators: int = strawberry.field(description="Jumlah IKI SKP tahun itu.")
    period_filled: int = strawberry.field(description="Realisasi yang diisi pada periode ini.")
    period_confirmed: int = strawberry.field(
        description="Realisasi periode ini yang sudah dikonfirmasi Pejabat Penilai."
    )
    due_confirmed: int = strawberry.field(
        description="Realisasi terkonfirmasi pada periode terakhir yang batasnya sudah lewat."
    )
    behind: bool
    behind_reasons: list[BehindReason]

    @strawberry.field(description="Pegawai (nama, jabatan, Pejabat Penilai).")
    async def employee(self, info: Info) -> Employee:
        found = await Employee.load(info, self.employee_id)
        assert found is not None  # the row came from an assignment of this employee
        return found


@strawberry.type(description="Pegawai satu unit beserta sub-unitnya pada satu tahun.")
class UnitPeople:
    year: int
    period_number: int | None = strawberry.field(
        description="Periode yang sedang berjalan (untuk tahun yang lewat: periode terakhir)."
    )
    due_period_number: int | None = strawberry.field(
        description="Periode terakhir yang batas realisasinya sudah lewat."
    )
    people: list[UnitPerson]

    @classmethod
    def of(cls, found: reports.UnitPeople) -> UnitPeople:
        units = {u.id: u for u in found.scope.units}
        return cls(
            year=found.scope.year,
            period_number=found.period.number if found.period else None,
            due_period_number=found.due_period.number if found.due_period else None,
            people=[
                fill_type(
                    UnitPerson,
                    p,
                    unit_code=units[p.unit_id].code,
                    unit_name=units[p.unit_id].name,
                    behind_reasons=list(p.reasons),
                )
                for p in found.people
            ],
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
        f"organisasi dan pola yang diizinkan. Halaman: first (1-{MAX_DISTRIBUTION_PAGE}) baris "
        "sesudah baris yang kursornya after; tanpa first: semua baris."
    )
    async def predicate_distribution_report(
        self,
        info: Info,
        year: int,
        period_number: int | None = None,
        unit_code: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> list[PredicateDistributionReportRow]:
        if first is not None and not 1 <= first <= MAX_DISTRIBUTION_PAGE:
            raise ExpectedGraphQLError(
                f"first harus antara 1 dan {MAX_DISTRIBUTION_PAGE}.",
                extensions={"code": "INVALID_INPUT", "field": "first"},
            )
        offset = decode_cursor(after)
        try:
            scope, rows = await reports.predicate_distribution(
                info.context.db,
                info.context.actor,
                year=year,
                period_number=period_number,
                unit_code=unit_code,
                offset=offset,
                limit=first,
            )
        except ServiceError as exc:
            raise _expected(exc) from None
        return [
            PredicateDistributionReportRow.of(scope, row, offset + i) for i, row in enumerate(rows)
        ]

    @strawberry.field(
        description="Pegawai unit beserta sub-unitnya: jabatan, Pejabat Penilai, status SKP "
        "tahun itu dan kemajuan realisasi periode berjalan. Pengelola kinerja unit (unitnya "
        "sendiri), Admin BKPSDM dan auditor (unit mana pun)."
    )
    async def unit_people(self, info: Info, year: int, unit_code: str | None = None) -> UnitPeople:
        try:
            found = await reports.unit_people(
                info.context.db,
                info.context.actor,
                year=year,
                unit_code=unit_code,
                today=info.context.today,
            )
        except ServiceError as exc:
            raise _expected(exc) from None
        return UnitPeople.of(found)
