"""Bulk insert of demo SKP content (RHK and IKI), shared by the current- and last-year loaders."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server.db.models import Indicator, PerformancePlan, WorkResult
from server.demo.bulk import insert_rows
from server.demo.performance import DemoWorkResult

IN_CHUNK = 900  # ids per IN (...) list: well inside every driver's parameter limit


class PlanWithContent(Protocol):
    """What both demo generators' SKP records share."""

    @property
    def nip(self) -> str: ...
    @property
    def assessor_nip(self) -> str | None: ...
    @property
    def unit_code(self) -> str: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def work_results(self) -> tuple[DemoWorkResult, ...]: ...


def chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    """Split ids for IN (...) lists of a safe size."""
    for start in range(0, len(ids), IN_CHUNK):
        yield list(ids[start : start + IN_CHUNK])


async def insert_skp_content(
    session: AsyncSession,
    plans: Sequence[PlanWithContent],
    *,
    plan_ids: Mapping[str, int],
    goal_ids: Mapping[tuple[str, int], int],
    depth: Mapping[str, int],
    year_id: int,
) -> tuple[dict[tuple[int, int], int], dict[tuple[int, int], int]]:
    """Insert the RHKs (level by level down the rating chain, so a parent RHK exists before the
    RHKs that intervene it) and their IKIs.

    Returns ``(plan id, RHK ordinal) → RHK id`` and ``(RHK id, IKI ordinal) → IKI id``.
    """
    rhk_ids: dict[tuple[int, int], int] = {}
    for level in sorted(set(depth.values())):
        level_plans = [p for p in plans if depth[p.nip] == level]
        rows: list[dict[str, Any]] = []
        for p in level_plans:
            parent_plan = plan_ids[p.assessor_nip] if p.assessor_nip else None
            for r in p.work_results:
                rows.append(
                    {
                        "plan_id": plan_ids[p.nip],
                        "kind": r.kind,
                        "text": r.text,
                        "parent_id": (
                            rhk_ids[parent_plan, r.parent_ordinal]
                            if parent_plan is not None and r.parent_ordinal is not None
                            else None
                        ),
                        "org_goal_id": (
                            goal_ids[p.unit_code, r.org_goal_ordinal]
                            if r.org_goal_ordinal is not None
                            else None
                        ),
                        "ordinal": r.ordinal,
                        "created_at": p.created_at,
                        "updated_at": p.created_at,
                    }
                )
        await insert_rows(session, WorkResult, rows)
        for ids in chunks([plan_ids[p.nip] for p in level_plans]):
            found = await session.execute(
                sa.select(WorkResult.plan_id, WorkResult.ordinal, WorkResult.id).where(
                    WorkResult.plan_id.in_(ids)
                )
            )
            rhk_ids.update({(plan_id, ordinal): i for plan_id, ordinal, i in found})

    await insert_rows(
        session,
        Indicator,
        [
            {
                "work_result_id": rhk_ids[plan_ids[p.nip], r.ordinal],
                "aspect": i.aspect,
                "text": i.text,
                "target_value": i.target_value,
                "target_unit": i.target_unit,
                "target_description": None,
                "perspective": i.perspective,
                "ordinal": i.ordinal,
                "created_at": p.created_at,
                "updated_at": p.created_at,
            }
            for p in plans
            for r in p.work_results
            for i in r.indicators
        ],
    )
    iki_by_rhk = {
        (rid, ordinal): iid
        for iid, rid, ordinal in await session.execute(
            sa.select(Indicator.id, Indicator.work_result_id, Indicator.ordinal)
            .join(WorkResult, WorkResult.id == Indicator.work_result_id)
            .join(PerformancePlan, PerformancePlan.id == WorkResult.plan_id)
            .where(PerformancePlan.year_id == year_id)
        )
    }
    return rhk_ids, iki_by_rhk
