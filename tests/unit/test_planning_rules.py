"""Pure planning rules: the SKP transitions, the appraisal calendar, input cleaning."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

import pytest

from server.domain.enums import Cadence, PlanStatus
from server.domain.planning import (
    EDITABLE,
    SUBMITTED_AT_LEAST,
    build_periods,
    can_transition,
    coverage_share,
    period_label,
)
from server.services.errors import ServiceError
from server.services.planning.content import clean_target_value
from server.services.validation import clean_multiline

S = PlanStatus

ALLOWED = {
    (S.DRAFT, S.DIAJUKAN),
    (S.DIAJUKAN, S.DITETAPKAN),
    (S.DIAJUKAN, S.DITOLAK),
    (S.DITOLAK, S.DRAFT),
    (S.DITOLAK, S.DIAJUKAN),
    (S.DITETAPKAN, S.REVISI_DRAFT),
    (S.REVISI_DRAFT, S.REVISI_DIAJUKAN),
    (S.REVISI_DRAFT, S.DITETAPKAN),
    (S.REVISI_DIAJUKAN, S.DITETAPKAN),
    (S.REVISI_DIAJUKAN, S.REVISI_DRAFT),
}


@pytest.mark.parametrize("current", list(S))
@pytest.mark.parametrize("target", list(S))
def test_transition_table(current: PlanStatus, target: PlanStatus) -> None:
    assert can_transition(current, target) == ((current, target) in ALLOWED)


def test_state_groups() -> None:
    assert {S.DRAFT, S.DITOLAK, S.REVISI_DRAFT} == EDITABLE
    assert S.DRAFT not in SUBMITTED_AT_LEAST
    assert S.DITOLAK not in SUBMITTED_AT_LEAST
    assert {S.DIAJUKAN, S.DITETAPKAN, S.REVISI_DRAFT, S.REVISI_DIAJUKAN} == SUBMITTED_AT_LEAST


@pytest.mark.parametrize(
    ("cadence", "count", "last_start", "last_end"),
    [
        (Cadence.BULANAN, 12, date(2024, 12, 1), date(2024, 12, 31)),
        (Cadence.TRIWULAN, 4, date(2024, 10, 1), date(2024, 12, 31)),
        (Cadence.SEMESTER, 2, date(2024, 7, 1), date(2024, 12, 31)),
    ],
)
def test_build_periods(cadence: Cadence, count: int, last_start: date, last_end: date) -> None:
    periods = build_periods(2024, cadence, 10)
    assert [p.number for p in periods] == list(range(1, count + 1))
    assert periods[0].start == date(2024, 1, 1)
    assert (periods[-1].start, periods[-1].end) == (last_start, last_end)
    assert periods[-1].realization_due == date(2025, 1, 10)
    # Contiguous, no gaps, no overlaps.
    for before, after in itertools.pairwise(periods):
        assert (after.start - before.end).days == 1


def test_february_in_a_leap_year() -> None:
    assert build_periods(2024, Cadence.BULANAN, 0)[1].end == date(2024, 2, 29)
    assert build_periods(2025, Cadence.BULANAN, 0)[1].end == date(2025, 2, 28)


def test_period_labels() -> None:
    assert period_label(Cadence.BULANAN, 7) == "Bulan 7"
    assert period_label(Cadence.TRIWULAN, 3) == "Triwulan III"
    assert period_label(Cadence.SEMESTER, 2) == "Semester II"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        (Decimal(12), Decimal("12.0000")),
        ("0", Decimal("0.0000")),
        ("3.14159", Decimal("3.1416")),
        (2.5, Decimal("2.5000")),
        ("99999999999999", Decimal("99999999999999.0000")),
    ],
)
def test_target_values_accepted(raw: object, expected: Decimal | None) -> None:
    # Raw JSON values of any type reach it from the API: what the parameters test.
    assert clean_target_value(raw) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "raw", ["-1", "NaN", "sNaN", "Infinity", float("nan"), float("inf"), "1e15", "dua", ""]
)
def test_target_values_refused(raw: object) -> None:
    with pytest.raises(ServiceError) as caught:
        clean_target_value(raw)  # type: ignore[arg-type]  # any JSON value, as from the API
    assert caught.value.field == "targetValue"


def test_multiline_text() -> None:
    assert clean_multiline("  a  b \r\n\n c ", "f", "F", max_length=100) == "a b\n\nc"
    assert clean_multiline(" \n\t ", "f", "F", max_length=100) is None
    for bad in ("a\x00", "\x1bx", "\u202e", "x" * 101):
        with pytest.raises(ServiceError):
            clean_multiline(bad, "f", "F", max_length=100)


def test_coverage_share() -> None:
    assert coverage_share(0, 0) == 0.0
    assert coverage_share(1, 3) == 0.3333
    assert coverage_share(4, 4) == 1.0
