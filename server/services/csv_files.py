"""CSV files: reading uploads (encoding, delimiter, header and size checks shared by imports)
and the one rule that neutralises spreadsheet formulas in every CSV the application writes."""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

MAX_CSV_BYTES = 10 * 1024 * 1024
MAX_CSV_ROWS = 50_000
MAX_CELL_LENGTH = 500
# Spreadsheet programs run a cell that starts with one of these as a formula: every CSV written
# (internal exports, reports, public release files) prefixes such a text cell with an
# apostrophe, and an import removes exactly that apostrophe again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def protect_cell(value: str) -> str:
    """Neutralise a spreadsheet formula at the start of a written text cell."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def unprotect_cell(value: str) -> str:
    """Undo :func:`protect_cell` (only an apostrophe followed by a formula start is removed)."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


@dataclass(frozen=True)
class RowError:
    """A problem in one line of the file (line 1 is the header)."""

    line: int
    field: str | None
    message: str


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class CsvRow:
    line: int
    values: dict[str, str]


class CsvFileError(ValueError):
    """The file as a whole cannot be read (encoding, header, size)."""


def _decode(data: bytes) -> str:
    """UTF-8 (BOM allowed, as Excel writes it), within the size limit, without NUL bytes."""
    if len(data) > MAX_CSV_BYTES:
        raise CsvFileError(f"Berkas terlalu besar: maksimal {MAX_CSV_BYTES // (1024 * 1024)} MB.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CsvFileError(
            f"Berkas bukan UTF-8 (byte ke-{exc.start + 1}). Simpan sebagai CSV UTF-8."
        ) from None
    if "\x00" in text:
        raise CsvFileError("Berkas berisi byte NUL: ini bukan berkas CSV teks.")
    return text


def _reader(text: str) -> Any:
    """``,`` or ``;`` as delimiter, whichever the header line uses more."""
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)


@dataclass
class CsvTable:
    """The cells of a file as read, for showing it before it is imported (the preview)."""

    columns: list[str]
    rows: list[CsvRow]  # values keyed by column; at most ``limit`` rows
    row_count: int


def read_table(data: bytes, *, limit: int, also: Collection[int] = ()) -> CsvTable:
    """The header, the first ``limit`` non-blank rows and the rows on the lines ``also`` (those
    with errors), cells as written (a formula stays text: the screen shows it, never runs it).
    An unreadable file: no rows."""
    try:
        reader = _reader(_decode(data))
        columns = [h.strip().lower() for h in next(reader)]
        rows: list[CsvRow] = []
        count = 0
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            count += 1
            if len(rows) < limit or reader.line_num in also:
                cells = {
                    c: values[i].strip() if i < len(values) else "" for i, c in enumerate(columns)
                }
                rows.append(CsvRow(reader.line_num, cells))
    except (CsvFileError, StopIteration, csv.Error):
        return CsvTable([], [], 0)
    return CsvTable(columns, rows, count)


def read_csv(data: bytes, *, required: Sequence[str], optional: Sequence[str] = ()) -> list[CsvRow]:
    """Decode UTF-8 (BOM allowed, as Excel writes it), accept ``,`` or ``;`` as delimiter."""
    reader = _reader(_decode(data))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise CsvFileError("Berkas kosong: baris judul kolom tidak ada.") from None
    except csv.Error as exc:
        raise CsvFileError(f"Baris judul tidak dapat dibaca: {exc}.") from None
    missing = [c for c in required if c not in header]
    if missing:
        raise CsvFileError(
            f"Kolom wajib tidak ada: {', '.join(missing)}. Judul kolom yang diharapkan: "
            f"{', '.join([*required, *optional])}."
        )
    unknown = [h for h in header if h not in required and h not in optional]
    if unknown:
        raise CsvFileError(f"Kolom tidak dikenal: {', '.join(unknown)}.")
    if len(set(header)) != len(header):
        raise CsvFileError("Ada judul kolom yang ganda.")
    rows: list[CsvRow] = []
    try:
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue  # blank lines are harmless
            if len(rows) >= MAX_CSV_ROWS:
                raise CsvFileError(f"Terlalu banyak baris: maksimal {MAX_CSV_ROWS}.")
            if len(values) != len(header):
                rows.append(
                    CsvRow(
                        line, {"__error__": f"jumlah kolom {len(values)}, seharusnya {len(header)}"}
                    )
                )
                continue
            rows.append(CsvRow(line, {h: v.strip() for h, v in zip(header, values, strict=True)}))
    except csv.Error as exc:
        raise CsvFileError(f"Baris {reader.line_num} tidak dapat dibaca: {exc}.") from None
    return rows
