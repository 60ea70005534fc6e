"""Shared by the feedback services: loading an SKP with its year, and multi-line text checks."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from server.db.models import AppraisalYear, PerformancePlan
from server.domain.enums import YearStatus
from server.services.errors import ErrorCode, ServiceError
from server.services.validation import invalid, is_control_char


async def load_plan(session: AsyncSession, plan_id: int) -> PerformancePlan:
    plan = await session.get(PerformancePlan, plan_id)
    if plan is None:
        raise ServiceError(ErrorCode.NOT_FOUND, "SKP tidak ditemukan.", "planId")
    return plan


async def require_open_year(session: AsyncSession, plan: PerformancePlan) -> None:
    """Feedback and dialogues belong to the running year: a closed year is a closed record."""
    year = await session.get(AppraisalYear, plan.year_id)
    if year is not None and year.status is YearStatus.DITUTUP:
        raise ServiceError(
            ErrorCode.INVALID_STATE,
            f"Periode penilaian {year.year} sudah ditutup; catatan tidak dapat ditambah.",
        )


def clean_long_text(value: str, field: str, label: str, *, max_length: int) -> str:
    """Trimmed, non-empty, bounded, free of control characters; line breaks are kept.

    Unlike ``clean_text`` the inner whitespace stays: a comment or a summary has paragraphs.
    """
    if any(is_control_char(ch) for ch in value):
        raise invalid(field, f"{label} berisi karakter kendali yang tidak diizinkan.")
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise invalid(field, f"{label} wajib diisi.")
    if len(text) > max_length:
        raise invalid(field, f"{label} maksimal {max_length} karakter (diterima {len(text)}).")
    return text
