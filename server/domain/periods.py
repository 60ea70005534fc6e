"""What may be recorded against an appraisal period, and when: one rule for every entry point.

Realisasi, the daily work log (with its evidence) and the evaluation agree: nothing is recorded
for a period that has not started yet. Rencana aksi is planning, so it may be written ahead.
Once BKPSDM has closed a period's evaluation, what was evaluated stays as it was evaluated:
no rencana aksi, realisasi, work log or evidence of that period changes any more.

``today`` is the instansi's calendar day (server.clock), never the server's UTC date.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum


class PeriodWork(StrEnum):
    """Kinds of things recorded against a period."""

    RENCANA_AKSI = "RENCANA_AKSI"
    REALISASI = "REALISASI"  # and the bukti dukung hanging on it
    CATATAN_KERJA = "CATATAN_KERJA"  # and the bukti dukung hanging on it
    PENILAIAN = "PENILAIAN"  # starting a periodic evaluation


class PeriodRefusal(StrEnum):
    NOT_STARTED = "NOT_STARTED"
    EVALUATED = "EVALUATED"


NEEDS_STARTED = frozenset({PeriodWork.REALISASI, PeriodWork.CATATAN_KERJA, PeriodWork.PENILAIAN})
LOCKED_WHEN_EVALUATED = frozenset(
    {PeriodWork.RENCANA_AKSI, PeriodWork.REALISASI, PeriodWork.CATATAN_KERJA}
)

WORK_LABELS = {
    PeriodWork.RENCANA_AKSI: "rencana aksi",
    PeriodWork.REALISASI: "realisasi",
    PeriodWork.CATATAN_KERJA: "catatan kerja",
    PeriodWork.PENILAIAN: "penilaian",
}


def period_refusal(
    work: PeriodWork, *, today: date, start: date, evaluated: bool
) -> PeriodRefusal | None:
    """Why ``work`` may not be recorded now against the period starting on ``start``
    (``evaluated``: its evaluation has been closed), or None when it may.

    The period has started on its first day: at 00:00 local time, not at 00:00 UTC.
    """
    if work in NEEDS_STARTED and today < start:
        return PeriodRefusal.NOT_STARTED
    if work in LOCKED_WHEN_EVALUATED and evaluated:
        return PeriodRefusal.EVALUATED
    return None


class ReleaseRefusal(StrEnum):
    """Why a public data release of a period may not be published now."""

    NOT_STARTED = "NOT_STARTED"  # the period lies ahead: there is nothing to publish
    NOT_ENDED = "NOT_ENDED"  # still running: only a provisional release
    NO_APPRAISAL_YEAR = "NO_APPRAISAL_YEAR"  # the year was never opened: only provisional


def release_refusal(
    *, today: date, start: date, end: date, year_opened: bool, provisional: bool
) -> ReleaseRefusal | None:
    """Why a release of the period ``start``–``end`` may not be published on ``today``.

    A final release is for a period inside an opened appraisal year whose last day has passed;
    anything else only as a release marked provisional (shown as such to the public). A period
    that has not started is refused either way: a release of 2028 in 2026 describes nothing.
    """
    if today < start:
        return ReleaseRefusal.NOT_STARTED
    if provisional:
        return None
    if not year_opened:
        return ReleaseRefusal.NO_APPRAISAL_YEAR
    if today <= end:
        return ReleaseRefusal.NOT_ENDED
    return None
