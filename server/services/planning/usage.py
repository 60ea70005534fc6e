"""Which RHKs and IKIs already carry documented work (realisasi, rencana aksi, catatan kerja).

Such rows stay: deleting an RHK or IKI, and withdrawing a revision that added them, are refused.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server.db.models import ActionPlan, Indicator, Realization, WorkLogEntry


async def blocked_work_results(session: AsyncSession, ids: list[int]) -> dict[int, str]:
    """RHKs that cannot be deleted because work was documented against them, with the reason."""
    if not ids:
        return {}
    found: dict[int, str] = {}
    with_realisasi = (
        await session.execute(
            sa.select(Indicator.work_result_id)
            .join(Realization, Realization.indicator_id == Indicator.id)
            .where(Indicator.work_result_id.in_(ids))
        )
    ).scalars()
    for rid in with_realisasi:
        found[rid] = "sudah memiliki realisasi"
    for rid in (
        await session.scalars(
            sa.select(ActionPlan.work_result_id).where(ActionPlan.work_result_id.in_(ids))
        )
    ).all():
        found.setdefault(rid, "sudah memiliki rencana aksi")
    logged = (
        await session.execute(
            sa.select(WorkLogEntry.work_result_id, Indicator.work_result_id)
            .outerjoin(Indicator, Indicator.id == WorkLogEntry.indicator_id)
            .where(sa.or_(WorkLogEntry.work_result_id.in_(ids), Indicator.work_result_id.in_(ids)))
        )
    ).all()
    for direct, via in logged:
        for linked_id in (direct, via):
            if linked_id is not None and linked_id in ids:
                found.setdefault(linked_id, "sudah memiliki catatan kerja")
    return found


async def blocked_indicators(session: AsyncSession, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    found: dict[int, str] = {}
    for iid in (
        await session.scalars(
            sa.select(Realization.indicator_id).where(Realization.indicator_id.in_(ids))
        )
    ).all():
        found[iid] = "sudah memiliki realisasi"
    for logged_id in (
        await session.scalars(
            sa.select(WorkLogEntry.indicator_id).where(WorkLogEntry.indicator_id.in_(ids))
        )
    ).all():
        if logged_id is not None:
            found.setdefault(logged_id, "sudah memiliki catatan kerja")
    return found
