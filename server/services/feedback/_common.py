"""Shared by the feedback services: loading an SKP with its year, and multi-line text checks."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from server.db.models import AppraisalYear, PerformancePlan
from server.domain.enums import YearStatus
from server.services.errors import ErrorCode, ServiceError


async def load_plan(session: AsyncSession, plan_id: int) -> PerformancePlan:
    """The SKP by id (NOT_FOUND on ``planId`` otherwise). Checks NO access: comments and
    dialogues each decide with ``plan_access`` by their own rules. To load an SKP for an actor
    who must be allowed to read it, use ``planning.access.load_readable_plan``."""
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
