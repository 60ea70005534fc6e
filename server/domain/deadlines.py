"""Keberatan deadlines (PP 30/2019 Pasal 59; DOMAIN.md §9) as rules on calendar days.

Every date here is a calendar day of the instansi (the callers take them from server.clock).
A deadline is fixed on its record when the record is made and never recomputed: the filing
deadline on the evaluation when its result is set, the decision deadline on the objection when
it is filed. Changing the policy afterwards moves no deadline already given to someone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

DEFAULT_FILING_DAYS = 14
"""The pegawai objects within 14 days of receiving the result [V]."""
DEFAULT_DECISION_DAYS = 14
"""Days the Atasan Pejabat Penilai has to decide: not fixed by the rule [I]."""


@dataclass(frozen=True)
class ObjectionPolicy:
    """Windows in days (KINERJA_OBJECTION_FILING_DAYS / KINERJA_OBJECTION_DECISION_DAYS)."""

    filing_days: int = DEFAULT_FILING_DAYS
    decision_days: int = DEFAULT_DECISION_DAYS

    def __post_init__(self) -> None:
        if self.filing_days < 1 or self.decision_days < 1:
            raise ValueError("objection windows are at least one day")


DEFAULT_POLICY = ObjectionPolicy()


def filing_deadline(received_on: date, policy: ObjectionPolicy) -> date:
    """The last day on which an objection may be filed: ``filing_days`` after the day the
    result was received (the day it was set), that day included."""
    return received_on + timedelta(days=policy.filing_days)


def may_file(today: date, deadline: date) -> bool:
    """Filing is open up to and including the deadline day (local calendar)."""
    return today <= deadline


def decision_deadline(filed_on: date, filing_deadline: date, policy: ObjectionPolicy) -> date:
    """The day by which the objection must be decided: ``decision_days`` after filing, and
    never before the filing deadline (a short decision window must not close before the
    filing window has, whatever the settings)."""
    return max(filed_on + timedelta(days=policy.decision_days), filing_deadline)
