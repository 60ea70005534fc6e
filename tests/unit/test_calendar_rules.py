"""Pure calendar rules: keberatan deadlines and what may be recorded against a period, as tables."""

from __future__ import annotations

from datetime import date

import pytest

from server.domain.deadlines import (
    DEFAULT_POLICY,
    ObjectionPolicy,
    decision_deadline,
    filing_deadline,
    may_file,
)
from server.domain.periods import PeriodRefusal, PeriodWork, period_refusal

W = PeriodWork
R = PeriodRefusal


def test_filing_deadline_counts_from_the_day_received() -> None:
    assert filing_deadline(date(2026, 7, 3), DEFAULT_POLICY) == date(2026, 7, 17)
    assert filing_deadline(date(2026, 12, 25), DEFAULT_POLICY) == date(2027, 1, 8)
    assert filing_deadline(date(2026, 7, 3), ObjectionPolicy(filing_days=7)) == date(2026, 7, 10)


@pytest.mark.parametrize(
    ("today", "allowed"),
    [(date(2026, 7, 3), True), (date(2026, 7, 17), True), (date(2026, 7, 18), False)],
)
def test_filing_is_open_up_to_and_including_the_deadline(today: date, allowed: bool) -> None:
    assert may_file(today, date(2026, 7, 17)) is allowed


@pytest.mark.parametrize(
    ("filed_on", "filing", "policy", "expected"),
    [
        # The issue: filed the day the result was set, 14 + 14 days: both on the 17th.
        (date(2026, 7, 3), date(2026, 7, 17), DEFAULT_POLICY, date(2026, 7, 17)),
        (date(2026, 7, 10), date(2026, 7, 17), DEFAULT_POLICY, date(2026, 7, 24)),
        (date(2026, 7, 17), date(2026, 7, 17), DEFAULT_POLICY, date(2026, 7, 31)),
        # A short decision window never closes before the filing window.
        (date(2026, 7, 4), date(2026, 7, 17), ObjectionPolicy(14, 3), date(2026, 7, 17)),
        (date(2026, 7, 16), date(2026, 7, 17), ObjectionPolicy(14, 3), date(2026, 7, 19)),
    ],
)
def test_decision_deadline_is_never_before_the_filing_deadline(
    filed_on: date, filing: date, policy: ObjectionPolicy, expected: date
) -> None:
    found = decision_deadline(filed_on, filing, policy)
    assert found == expected
    assert found >= filing


@pytest.mark.parametrize(("filing", "decision"), [(0, 14), (14, 0), (-1, 14)])
def test_a_window_is_at_least_a_day(filing: int, decision: int) -> None:
    with pytest.raises(ValueError, match="at least one day"):
        ObjectionPolicy(filing, decision)


START = date(2026, 8, 1)


@pytest.mark.parametrize(
    ("work", "today", "evaluated", "refusal"),
    [
        # The day before the period: only planning may be written ahead.
        (W.REALISASI, date(2026, 7, 31), False, R.NOT_STARTED),
        (W.CATATAN_KERJA, date(2026, 7, 31), False, R.NOT_STARTED),
        (W.PENILAIAN, date(2026, 7, 31), False, R.NOT_STARTED),
        (W.RENCANA_AKSI, date(2026, 7, 31), False, None),
        # Its first day: everything.
        (W.REALISASI, START, False, None),
        (W.CATATAN_KERJA, START, False, None),
        (W.PENILAIAN, START, False, None),
        (W.RENCANA_AKSI, START, False, None),
        # Evaluated: what was evaluated stays; a new evaluation is not locked out by it.
        (W.REALISASI, date(2026, 9, 20), True, R.EVALUATED),
        (W.CATATAN_KERJA, date(2026, 9, 20), True, R.EVALUATED),
        (W.RENCANA_AKSI, date(2026, 9, 20), True, R.EVALUATED),
        (W.PENILAIAN, date(2026, 9, 20), True, None),
        # Not started wins over evaluated (a period cannot be evaluated before it starts).
        (W.REALISASI, date(2026, 7, 1), True, R.NOT_STARTED),
    ],
)
def test_one_period_rule(
    work: PeriodWork, today: date, evaluated: bool, refusal: PeriodRefusal | None
) -> None:
    assert period_refusal(work, today=today, start=START, evaluated=evaluated) is refusal
