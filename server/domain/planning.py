"""Rules of the SKP life cycle and of the appraisal calendar (DOMAIN.md §2–§4)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from server.domain.enums import Cadence, PlanStatus

_S = PlanStatus

# DRAFT → DIAJUKAN → DITETAPKAN; DIAJUKAN → DITOLAK (reason) → DRAFT.
# A set SKP changes only through a revision: DITETAPKAN → REVISI_DRAFT → REVISI_DIAJUKAN →
# DITETAPKAN (approved: a new version) or → REVISI_DRAFT (rejected); a revision draft can be
# withdrawn (→ DITETAPKAN, the set version restored).
TRANSITIONS: dict[PlanStatus, frozenset[PlanStatus]] = {
    _S.DRAFT: frozenset({_S.DIAJUKAN}),
    _S.DIAJUKAN: frozenset({_S.DITETAPKAN, _S.DITOLAK}),
    _S.DITOLAK: frozenset({_S.DRAFT, _S.DIAJUKAN}),
    _S.DITETAPKAN: frozenset({_S.REVISI_DRAFT}),
    _S.REVISI_DRAFT: frozenset({_S.REVISI_DIAJUKAN, _S.DITETAPKAN}),
    _S.REVISI_DIAJUKAN: frozenset({_S.DITETAPKAN, _S.REVISI_DRAFT}),
}

EDITABLE = frozenset({_S.DRAFT, _S.DITOLAK, _S.REVISI_DRAFT})
"""States in which the pegawai may change the SKP's content."""

AWAITING_ASSESSOR = frozenset({_S.DIAJUKAN, _S.REVISI_DIAJUKAN})
IN_FORCE = frozenset({_S.DITETAPKAN, _S.REVISI_DRAFT, _S.REVISI_DIAJUKAN})
"""States in which a set version exists, so work can be documented against it."""

SUBMITTED_AT_LEAST = frozenset({_S.DIAJUKAN, *IN_FORCE})
"""An assessor's SKP in one of these states can be cascaded from by subordinates."""

STATUS_LABELS = {
    _S.DRAFT: "Draf",
    _S.DIAJUKAN: "Diajukan",
    _S.DITOLAK: "Ditolak",
    _S.DITETAPKAN: "Ditetapkan",
    _S.REVISI_DRAFT: "Draf revisi",
    _S.REVISI_DIAJUKAN: "Revisi diajukan",
}


def can_transition(current: PlanStatus, target: PlanStatus) -> bool:
    return target in TRANSITIONS.get(current, frozenset())


def transition_error(current: PlanStatus, target: PlanStatus) -> str:
    return f"SKP berstatus {STATUS_LABELS[current]} tidak dapat menjadi {STATUS_LABELS[target]}."


@dataclass(frozen=True)
class PeriodSpec:
    number: int
    start: date
    end: date
    realization_due: date


def build_periods(year: int, cadence: Cadence, realization_due_days: int) -> list[PeriodSpec]:
    """The periodic evaluation windows of a year: 12 months, 4 quarters or 2 semesters."""
    months = 12 // cadence.periods_per_year
    periods = []
    for number in range(1, cadence.periods_per_year + 1):
        first_month = (number - 1) * months + 1
        last_month = first_month + months - 1
        start = date(year, first_month, 1)
        end = date(year, last_month, calendar.monthrange(year, last_month)[1])
        periods.append(PeriodSpec(number, start, end, end + timedelta(days=realization_due_days)))
    return periods


def period_label(cadence: Cadence, number: int) -> str:
    if cadence is Cadence.BULANAN:
        return f"Bulan {number}"
    roman = ["I", "II", "III", "IV"][number - 1]
    return f"Triwulan {roman}" if cadence is Cadence.TRIWULAN else f"Semester {roman}"


class OrphanReason(StrEnum):
    """Why an RHK no longer hangs in the cascade (alignment view)."""

    INDUK_DIHAPUS = "INDUK_DIHAPUS"  # the superior's RHK it intervened was deleted
    PENILAI_BERUBAH = "PENILAI_BERUBAH"  # it intervenes someone who is no longer the assessor


def coverage_share(linked: int, total: int) -> float:
    """Share of RHKs linked to a parent (0 when there are none: nothing to align yet)."""
    return 0.0 if total == 0 else round(linked / total, 4)
