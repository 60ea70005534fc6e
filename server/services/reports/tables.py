"""The reports as tables (one column list per report, shared by CSV and XLSX) and their files.

CSV: UTF-8 with a BOM (Excel opens it as UTF-8), comma separated, a header of stable snake_case
keys that scripts can rely on; empty cell = no value (e.g. a share of nothing). XLSX: the same
columns with Indonesian headings, a bold frozen header row, sensible widths, numbers as numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Generic, TypeVar

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from server.domain.enums import Predicate
from server.services.csv_files import protect_cell
from server.services.reports.completion import CompletionRow
from server.services.reports.distribution import DistributionRow
from server.services.reports.scope import ReportScope

Cell = str | int | Decimal | bool | None
R = TypeVar("R")


@dataclass(frozen=True)
class Column(Generic[R]):
    key: str  # CSV header: stable, machine-readable
    label: str  # XLSX header: for people
    value: Callable[[ReportScope, R], Cell]
    width: int = 14


@dataclass(frozen=True)
class ReportTable(Generic[R]):
    name: str  # URL name: /api/reports/{name}.csv
    title: str
    columns: Sequence[Column[R]]

    @property
    def header(self) -> list[str]:
        return [c.key for c in self.columns]

    def cells(self, scope: ReportScope, rows: Sequence[R]) -> list[list[Cell]]:
        return [[c.value(scope, row) for c in self.columns] for row in rows]


COMPLETION: ReportTable[CompletionRow] = ReportTable(
    "completion",
    "Kelengkapan kinerja per unit",
    [
        Column("year", "Tahun", lambda s, r: s.year, 8),
        Column("period_number", "Periode", lambda s, r: s.period_number, 9),
        Column("unit_code", "Kode unit", lambda s, r: r.unit_code, 16),
        Column("unit_name", "Unit kerja", lambda s, r: r.unit_name, 40),
        Column("parent_unit_code", "Kode unit induk", lambda s, r: r.parent_unit_code, 16),
        Column("employees", "Jumlah pegawai", lambda s, r: r.employees),
        Column("skp_set", "SKP ditetapkan", lambda s, r: r.skp_set),
        Column("skp_set_pct", "SKP ditetapkan (%)", lambda s, r: r.skp_set_pct),
        Column("realizations_due", "Realisasi wajib", lambda s, r: r.realizations_due),
        Column(
            "realizations_on_time", "Realisasi tepat waktu", lambda s, r: r.realizations_on_time, 18
        ),
        Column(
            "realizations_on_time_pct",
            "Realisasi tepat waktu (%)",
            lambda s, r: r.realizations_on_time_pct,
            20,
        ),
        Column("evaluations_due", "Penilaian wajib", lambda s, r: r.evaluations_due),
        Column("evaluations_done", "Penilaian selesai", lambda s, r: r.evaluations_done),
        Column(
            "evaluations_done_pct", "Penilaian selesai (%)", lambda s, r: r.evaluations_done_pct, 18
        ),
    ],
)


def _count(predicate: Predicate) -> Callable[[ReportScope, DistributionRow], Cell]:
    return lambda s, r: r.counts[predicate]


DISTRIBUTION: ReportTable[DistributionRow] = ReportTable(
    "predicate-distribution",
    "Sebaran predikat kinerja per unit dan periode",
    [
        Column("year", "Tahun", lambda s, r: s.year, 8),
        Column("period_number", "Periode", lambda s, r: r.period_number, 9),
        Column("period_label", "Nama periode", lambda s, r: r.period_label, 18),
        Column("unit_code", "Kode unit", lambda s, r: r.unit_code, 16),
        Column("unit_name", "Unit kerja", lambda s, r: r.unit_name, 40),
        Column(
            "org_predicate",
            "Predikat organisasi",
            lambda s, r: r.org_predicate.value if r.org_predicate else None,
            18,
        ),
        Column("total", "Jumlah dinilai", lambda s, r: r.total),
        Column("sangat_baik", "Sangat Baik", _count(Predicate.SANGAT_BAIK)),
        Column("baik", "Baik", _count(Predicate.BAIK)),
        Column("butuh_perbaikan", "Butuh Perbaikan", _count(Predicate.BUTUH_PERBAIKAN)),
        Column("kurang", "Kurang/Misconduct", _count(Predicate.KURANG), 18),
        Column("sangat_kurang", "Sangat Kurang", _count(Predicate.SANGAT_KURANG)),
        Column("within_pattern", "Sesuai pola", lambda s, r: r.within_pattern, 12),
        Column("violations", "Catatan pola", lambda s, r: "; ".join(r.violations) or None, 60),
    ],
)

REPORTS: dict[str, ReportTable[Any]] = {t.name: t for t in (COMPLETION, DISTRIBUTION)}


def _csv_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    # Unit names come from people: a leading "=" would run as a formula in a spreadsheet.
    return protect_cell(value) if isinstance(value, str) else str(value)


def to_csv(table: ReportTable[R], scope: ReportScope, rows: Sequence[R]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.header)
    for cells in table.cells(scope, rows):
        writer.writerow([_csv_text(c) for c in cells])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx_value(value: Cell) -> str | int | float | bool | None:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    return value


def to_xlsx(table: ReportTable[R], scope: ReportScope, rows: Sequence[R]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = table.name[:31]
    sheet.append([c.label for c in table.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cells in table.cells(scope, rows):
        # openpyxl writes str cells as text (never as formulas) only when not starting with "=".
        sheet.append(
            [
                "'" + v if isinstance(v, str) and v.startswith("=") else v
                for v in (_xlsx_value(c) for c in cells)
            ]
        )
    sheet.freeze_panes = "A2"
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.key.endswith("_pct"):
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "0.0"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
