"""Addresses of the staff portal's pages (the SPA's URL scheme, web/README.md "Staff URLs").

Notifications carry one of these as their ``link``; the home page's agenda items point to the
same pages. Keep this module and ``web/src/staff/paths.ts`` in step.
"""

from __future__ import annotations

PORTAL = "/portal"


def plan_review(plan_id: int) -> str:
    """A subordinate's SKP, as their Pejabat Penilai reviews it (approve / reject)."""
    return f"{PORTAL}/tim/skp/{plan_id}"


def my_plan(year: int) -> str:
    """My SKP of a year (draft, submit, revise)."""
    return f"{PORTAL}/skp/{year}"


def my_work(year: int, period_number: int) -> str:
    """My work log and realisasi of one period."""
    return f"{PORTAL}/kerja/{year}/{period_number}"


def evaluation_to_do(plan_id: int, period_number: int | None) -> str:
    """The evaluation of a subordinate's SKP for one period (None: the annual one)."""
    which = "tahunan" if period_number is None else str(period_number)
    return f"{PORTAL}/tim/penilaian/{plan_id}/{which}"


def evaluation(evaluation_id: int) -> str:
    """One evaluation (the pegawai reads and acknowledges it; the penilai reads it)."""
    return f"{PORTAL}/penilaian/{evaluation_id}"


def objection_filing(evaluation_id: int) -> str:
    """The keberatan form against one evaluation."""
    return f"{PORTAL}/penilaian/{evaluation_id}/keberatan"


def objection(objection_id: int) -> str:
    return f"{PORTAL}/keberatan/{objection_id}"


def coaching(coaching_plan_id: int) -> str:
    return f"{PORTAL}/pembinaan/{coaching_plan_id}"


def notifications() -> str:
    return f"{PORTAL}/notifikasi"
