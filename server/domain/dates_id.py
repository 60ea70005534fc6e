"""Dates as Indonesian letters and forms write them ("5 Januari 2026"): one list of month names
for the NIP messages, the evaluation document and its explanation, release period labels
and the demo texts."""

from __future__ import annotations

from datetime import date

MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def month_name_id(month: int) -> str:
    """``1`` → ``Januari``."""
    return MONTHS_ID[month - 1]


def long_date_id(day: date) -> str:
    """``date(2026, 1, 5)`` → ``5 Januari 2026``."""
    return f"{day.day} {month_name_id(day.month)} {day.year}"
