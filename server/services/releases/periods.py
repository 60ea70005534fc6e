"""Release periods: a year, a semester, a quarter (triwulan), a month, or an explicit range.

Codes are stable and sortable: ``2026``, ``2026-S1``, ``2026-Q3``, ``2026-M04``, or
``2026-01-01..2026-03-31`` for a date range.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from server.domain.dates_id import month_name_id

_CODE = re.compile(r"^(\d{4})(?:-(S|Q|M)(\d{1,2}))?$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")
_PARTS = {"S": (2, 6), "Q": (4, 3), "M": (12, 1)}  # kind: (parts per year, months per part)


class PeriodError(ValueError):
    """The period text cannot be understood."""


@dataclass(frozen=True)
class ReleasePeriod:
    code: str
    year: int
    start: date
    end: date


def parse_period(text: str) -> ReleasePeriod:
    """``2026-S1`` → 1 January – 30 June 2026, and so on; raise :class:`PeriodError` if invalid."""
    raw = text.strip().upper()
    ranged = _RANGE.match(raw)
    if ranged:
        try:
            start, end = date.fromisoformat(ranged[1]), date.fromisoformat(ranged[2])
        except ValueError as exc:
            raise PeriodError(f"Tanggal tidak valid: {text!r}") from exc
        if end < start or end.year != start.year:
            raise PeriodError("Rentang harus berurutan dan dalam satu tahun yang sama.")
        return ReleasePeriod(f"{start.isoformat()}..{end.isoformat()}", start.year, start, end)
    match = _CODE.match(raw)
    if not match:
        raise PeriodError(
            f"Periode {text!r} tidak dikenal: gunakan 2026, 2026-S1, 2026-Q2, 2026-M04 "
            "atau 2026-01-01..2026-03-31."
        )
    year = int(match[1])
    if not 2000 <= year <= 2100:
        raise PeriodError(f"Tahun {year} di luar rentang 2000–2100.")
    if match[2] is None:
        return ReleasePeriod(str(year), year, date(year, 1, 1), date(year, 12, 31))
    kind, number = match[2], int(match[3])
    parts, months = _PARTS[kind]
    if not 1 <= number <= parts:
        raise PeriodError(f"{kind}{number} tidak ada: pilih 1–{parts}.")
    first_month = (number - 1) * months + 1
    last_month = first_month + months - 1
    last_day = calendar.monthrange(year, last_month)[1]
    code = f"{year}-{kind}{number:02d}" if kind == "M" else f"{year}-{kind}{number}"
    return ReleasePeriod(code, year, date(year, first_month, 1), date(year, last_month, last_day))


def period_label(code: str) -> str:
    """The period as a person reads it, in Indonesian: ``2026-S1`` → ``Semester 1 2026``."""
    period = parse_period(code)
    if ".." in period.code:
        return f"{period.start.isoformat()} s.d. {period.end.isoformat()}"
    if "-" not in period.code:
        return f"Tahun {period.year}"
    kind, number = period.code.split("-")[1][0], int(period.code.split("-")[1][1:])
    if kind == "S":
        return f"Semester {number} {period.year}"
    if kind == "Q":
        return f"Triwulan {number} {period.year}"
    return f"{month_name_id(number)} {period.year}"
