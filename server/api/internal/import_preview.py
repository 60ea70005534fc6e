"""The preview of a CSV import (HR only): every import is checked — and its writes counted — in a
transaction that is rolled back, so the screen shows the file with each row's errors in place
and what applying it would create or change, before anything is written. Applying is the
import's own mutation (``importOrganisation``, ``importEmployees``, ``importSkpFromBkn``)."""

from __future__ import annotations

from enum import Enum

import strawberry
from strawberry.types import Info

from server.api.internal.context import InternalContext
from server.api.internal.interop import MAX_CSV_TEXT
from server.api.internal.payloads import run_mutation
from server.api.internal.types import ImportResult, Payload
from server.services import imports
from server.services.csv_files import ImportReport, read_table
from server.services.errors import ErrorCode, ServiceError
from server.services.interop.import_skp import import_skp

# Rows sent back for the table; rows with an error are always sent, wherever they are.
PREVIEW_ROWS = 500


@strawberry.enum(description="Jenis berkas impor.")
class ImportKind(Enum):
    ORGANISATION = "ORGANISATION"
    EMPLOYEES = "EMPLOYEES"
    BKN_SKP = "BKN_SKP"


@strawberry.type(description="Satu baris berkas seperti terbaca (baris 1 = judul kolom).")
class ImportPreviewRow:
    line: int
    cells: list[str] = strawberry.field(description="Isi sel, urut seperti `columns`.")


@strawberry.type(description="Pratinjau impor: berkas seperti terbaca dan hasil pemeriksaannya.")
class ImportPreview:
    kind: ImportKind
    columns: list[str]
    rows: list[ImportPreviewRow] = strawberry.field(
        description=f"{PREVIEW_ROWS} baris pertama dan setiap baris yang salah."
    )
    row_count: int = strawberry.field(description="Jumlah baris data (tanpa baris kosong).")
    result: ImportResult = strawberry.field(
        description="Yang akan terjadi bila diterapkan; `ok` false: tidak ada yang ditulis."
    )


async def _check(
    ctx: InternalContext, kind: ImportKind, data: bytes, year: int | None
) -> ImportReport:
    if kind is ImportKind.ORGANISATION:
        return await imports.import_organisation(ctx.db, ctx.actor, data, dry_run=True)
    if kind is ImportKind.EMPLOYEES:
        return await imports.import_employees(
            ctx.db, ctx.actor, data, today=ctx.today, dry_run=True
        )
    if year is None:
        raise ServiceError(ErrorCode.INVALID_INPUT, "Tahun wajib untuk impor SKP BKN.", "year")
    return await import_skp(ctx.db, ctx.actor, year, data, today=ctx.today, dry_run=True)


async def _check_text(
    ctx: InternalContext, kind: ImportKind, text: str, data: bytes, year: int | None
) -> ImportReport:
    """A CSV too large to preview is an input error, like any other bad cell."""
    if len(text) > MAX_CSV_TEXT:
        raise ServiceError(ErrorCode.INVALID_INPUT, "Berkas CSV terlalu besar.", "csv")
    return await _check(ctx, kind, data, year)


def _preview(kind: ImportKind, data: bytes, report: ImportReport) -> ImportPreview:
    table = read_table(data, limit=PREVIEW_ROWS, also={e.line for e in report.errors})
    return ImportPreview(
        kind=kind,
        columns=table.columns,
        rows=[
            ImportPreviewRow(line=row.line, cells=[row.values[c] for c in table.columns])
            for row in table.rows
        ],
        row_count=table.row_count,
        result=ImportResult.from_report(report),
    )


@strawberry.type
class ImportPreviewMutation:
    @strawberry.mutation(
        description=(
            "Pratinjau impor CSV (Admin BKPSDM): memeriksa setiap baris dan menghitung yang akan "
            "dibuat/diubah tanpa menulis apa pun. `year` wajib untuk BKN_SKP."
        )
    )
    async def preview_import(
        self,
        info: Info[InternalContext, None],
        kind: ImportKind,
        csv: str,
        year: int | None = None,
    ) -> Payload[ImportPreview]:
        data = csv.encode()
        return await run_mutation(
            _check_text(info.context, kind, csv, data, year),
            lambda report: _preview(kind, data, report),
        )
