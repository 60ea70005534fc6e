"""Bulk insert of a demo year (Periode Penilaian, its periods and organisation goals), its SKPs'
content (RHK and IKI), shared by the current- and last-year loaders."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, Protocol

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server.db.models import (
    AppraisalPeriod,
    AppraisalYear,
    Indicator,
    OrgGoal,
    PerformancePlan,
    WorkResult,
)
from server.demo.bulk import insert_rows
from server.demo.performance import DemoOrgGoal, DemoWorkResult
from server.domain.enums import Cadence, YearStatus
from server.domain.planning import PeriodSpec

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


class YearRecord(Protocol):
    """What both demo generators' Periode Penilaian records share."""

    @property
    def year(self) -> int: ...
    @property
    def cadence(self) -> Cadence: ...
    @property
    def plan_deadline(self) -> date: ...
    @property
    def realization_due_days(self) -> int: ...
    @property
    def periods(self) -> tuple[PeriodSpec, ...]: ...


def chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    """Split ids for IN (...) lists of a safe size."""
    for start in range(0, len(ids), IN_CHUNK):
        yield list(ids[start : start + IN_CHUNK])


async def insert_year(
    session: AsyncSession,
    y: YearRecord,
    *,
    status: YearStatus,
    closed_at: datetime | None,
    evaluated_at: Sequence[datetime | None],
    now: datetime,
) -> tuple[int, dict[int, int]]:
    """Insert the Periode Penilaian and its periods (``evaluated_at`` one per period).

    Returns the year's id and ``period number → period id``.
    """
    year_id = (
        await session.execute(
            sa.insert(AppraisalYear)
            .values(
                year=y.year,
                cadence=y.cadence,
                plan_deadline=y.plan_deadline,
                realization_due_days=y.realization_due_days,
                status=status,
                closed_at=closed_at,
                version=1,
                created_at=now,
                updated_at=now,
            )
            .returning(AppraisalYear.id)
        )
    ).scalar_one()
    await insert_rows(
        session,
        AppraisalPeriod,
        [
            {
                "year_id": year_id,
                "number": p.number,
                "start_date": p.start,
                "end_date": p.end,
                "realization_due": p.realization_due,
                "evaluated_at": evaluated,
            }
            for p, evaluated in zip(y.periods, evaluated_at, strict=True)
        ],
    )
    period_ids: dict[int, int] = dict(
        (
            await session.execute(
                sa.select(AppraisalPeriod.number, AppraisalPeriod.id).where(
                    AppraisalPeriod.year_id == year_id
                )
            )
        ).all()
    )
    return year_id, period_ids


async def insert_org_goals(
    session: AsyncSession,
    goals: Sequence[DemoOrgGoal],
    *,
    unit_ids: Mapping[str, int],
    year_id: int,
    now: datetime,
) -> dict[tuple[str, int], int]:
    """Insert the organisation goals; returns ``(unit code, ordinal) → goal id``."""
    await insert_rows(
        session,
        OrgGoal,
        [
            {
                "unit_id": unit_ids[g.unit_code],
                "year_id": year_id,
                "text": g.text,
                "indicator": g.indicator,
                "target": g.target,
                "created_at": now,
                "updated_at": now,
            }
            for g in goals
        ],
    )
    goal_by_text = {
        (unit_id, text): goal_id
        for goal_id, unit_id, text in await session.execute(
            sa.select(OrgGoal.id, OrgGoal.unit_id, OrgGoal.text).where(OrgGoal.year_id == year_id)
        )
    }
    return {(g.unit_code, g.ordinal): goal_by_text[unit_ids[g.unit_code], g.text] for g in goals}


async def plan_ids_by_nip(
    session: AsyncSession,
    plans: Sequence[PlanWithContent],
    *,
    employee_ids: Mapping[str, int],
    year_id: int,
) -> dict[str, int]:
    """The ids of the SKPs just inserted for ``year_id``, by their pegawai's NIP."""
    plan_by_employee = dict(
        (
            await session.execute(
                sa.select(PerformancePlan.employee_id, PerformancePlan.id).where(
                    PerformancePlan.year_id == year_id
                )
            )
        ).all()
    )
    return {p.nip: plan_by_employee[employee_ids[p.nip]] for p in plans}


def rhk_links(
    plan: PlanWithContent,
    rhk: DemoWorkResult,
    *,
    plan_ids: Mapping[str, int],
    rhk_ids: Mapping[tuple[int, int], int],
    goal_ids: Mapping[tuple[str, int], int],
) -> dict[str, int | None]:
    """The RHK's ``parent_id`` (the RHK it intervenes in the assessor's SKP) and ``org_goal_id``."""
    parent_plan = plan_ids[plan.assessor_nip] if plan.assessor_nip else None
    return {
        "parent_id": (
            rhk_ids[parent_plan, rhk.parent_ordinal]
            if parent_plan is not None and rhk.parent_ordinal is not None
            else None
        ),
        "org_goal_id": (
            goal_ids[plan.unit_code, rhk.org_goal_ordinal]
            if rhk.org_goal_ordinal is not None
            else None
        ),
    }


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
            for r in p.work_results:
                rows.append(
                    {
                        "plan_id": plan_ids[p.nip],
                        "kind": r.kind,
                        "text": r.text,
                        **rhk_links(p, r, plan_ids=plan_ids, rhk_ids=rhk_ids, goal_ids=goal_ids),
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
