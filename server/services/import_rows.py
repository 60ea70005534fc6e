"""What the CSV imports (organisation, employees, SKP from BKN) share: opening the file into a
report, the problem one cell raises, enum cells, and the digest that names the file."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from server.services.csv_files import CsvFileError, CsvRow, ImportReport, RowError, read_csv


class CellProblem(Exception):
    """What is wrong in one row, and in which column (None: the row as a whole); the import turns
    it into a :class:`RowError` of that line."""

    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def read_import(
    data: bytes, *, required: Sequence[str], optional: Sequence[str]
) -> tuple[ImportReport, list[CsvRow]]:
    """A fresh report and the file's rows; a file that cannot be read gives no rows and its
    reason as an error on line 1 (the header)."""
    report = ImportReport()
    try:
        return report, read_csv(data, required=required, optional=optional)
    except CsvFileError as exc:
        report.errors.append(RowError(1, None, str(exc)))
        return report, []


def enum_cell(raw: str, column: str, enum_cls: Any) -> Any:
    """The member of ``enum_cls`` a cell names (any case, a space for an underscore); None for an
    empty cell. A bad value is quoted cut to 40 characters, so one long cell cannot flood the
    report."""
    value = raw.upper().replace(" ", "_")
    if not value:
        return None
    try:
        return enum_cls(value)
    except ValueError:
        allowed = ", ".join(m.value for m in enum_cls)
        raise CellProblem(
            column, f"nilai {value[:40]!r} tidak dikenal (pilihan: {allowed})"
        ) from None


def file_digest(data: bytes) -> str:
    """SHA-256 of an imported file, hex (named in the import's audit event)."""
    return hashlib.sha256(data).hexdigest()
