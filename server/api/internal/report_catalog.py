"""The reports the server offers as downloads (``/api/reports/{name}.csv|.xlsx``), so the staff
screen lists exactly those: adding a report to ``REPORTS`` adds it to the screen."""

from __future__ import annotations

import strawberry

from server.api.internal.types import Info
from server.services import reports


@strawberry.type(description="Satu laporan yang dapat diunduh (CSV dan XLSX).")
class ReportDefinition:
    name: str = strawberry.field(description="Nama pada alamat: /api/reports/{name}.csv|.xlsx.")
    title: str
    columns: list[str] = strawberry.field(description="Kolom CSV (kunci yang stabil).")
    formats: list[str]


@strawberry.type
class ReportCatalogQuery:
    @strawberry.field(
        description="Laporan yang dapat diunduh di /api/reports/{name}.csv|.xlsx; siapa membaca "
        "apa diputuskan saat mengunduh (BKPSDM, auditor, pengelola kinerja unit)."
    )
    def report_definitions(self, info: Info) -> list[ReportDefinition]:
        return [
            ReportDefinition(
                name=t.name, title=t.title, columns=list(t.header), formats=["csv", "xlsx"]
            )
            for t in reports.REPORTS.values()
        ]
