"""Frozen copies: the identities on an SKP and the full content of a set version.

Identities (name, NIP, jabatan, pangkat/golongan, unit of pegawai and Pejabat Penilai) are read
from the database when the SKP is submitted and when it is set, so a later transfer or promotion
does not rewrite what the SKP said at the time (DOMAIN.md §3).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server.db.models import (
    BehaviorExpectation,
    Employee,
    Indicator,
    PerformancePlan,
    Position,
    Unit,
    WorkResult,
)
from server.domain.enums import (
    Approach,
    CoreValue,
    IndicatorAspect,
    Perspective,
    WorkResultKind,
)
from server.domain.golongan import pangkat_for
from server.domain.officials import kepala_daerah_identity
from server.services.organisation.directory import current_positions_of

CONTENT_FORMAT = 1


async def identity_of(session: AsyncSession, employee_id: int, day: date) -> dict[str, Any]:
    """One person's identity as it stands on ``day``."""
    employee = await session.get(Employee, employee_id)
    assert employee is not None
    position_id = (await current_positions_of(session, [employee_id], day)).get(employee_id)
    position = await session.get(Position, position_id) if position_id is not None else None
    unit = await session.get(Unit, position.unit_id) if position is not None else None
    return {
        "employee_id": employee.id,
        "name": employee.name,
        "nip": employee.nip,
        "golongan": employee.golongan,
        "pangkat": pangkat_for(employee.golongan),
        "position_id": position.id if position else None,
        "jabatan": position.name if position else None,
        "position_kind": position.kind.value if position else None,
        "unit_id": unit.id if unit else None,
        "unit": unit.name if unit else None,
    }


async def identity_snapshot(
    session: AsyncSession, employee_id: int, assessor_id: int | None, day: date
) -> dict[str, Any]:
    """Both identities; ``assessor_id`` None: the Kepala Daerah rates (no employee)."""
    if assessor_id is None:
        root = (
            await session.execute(
                sa.select(Unit.id, Unit.name).where(Unit.parent_id.is_(None)).order_by(Unit.id)
            )
        ).first()
        penilai = kepala_daerah_identity(*(root if root else (None, None)))
    else:
        penilai = await identity_of(session, assessor_id, day)
    return {
        "taken_on": day.isoformat(),
        "pegawai": await identity_of(session, employee_id, day),
        "penilai": penilai,
    }


def _decimal_text(value: Decimal | None) -> str | None:
    # Text keeps the exact value through JSON (a float would not) and compares equal on both dialects.
    return None if value is None else format(value.normalize(), "f")


async def content_rows(
    session: AsyncSession, plan_ids: Collection[int]
) -> tuple[Sequence[WorkResult], Sequence[Indicator]]:
    """The RHKs of these SKPs and their IKIs, each in the order they stand on the SKP (two
    statements, however many SKPs)."""
    results = (
        await session.scalars(
            sa.select(WorkResult)
            .where(WorkResult.plan_id.in_(plan_ids))
            .order_by(WorkResult.ordinal, WorkResult.id)
        )
    ).all()
    indicators = (
        await session.scalars(
            sa.select(Indicator)
            .where(Indicator.work_result_id.in_([r.id for r in results]))
            .order_by(Indicator.ordinal, Indicator.id)
        )
    ).all()
    return results, indicators


async def plan_content(session: AsyncSession, plan: PerformancePlan) -> dict[str, Any]:
    """Everything the pegawai and penilai agreed on, as plain JSON (a PlanVersion body)."""
    results, indicators = await content_rows(session, [plan.id])
    by_result: dict[int, list[Indicator]] = {}
    for indicator in indicators:
        by_result.setdefault(indicator.work_result_id, []).append(indicator)
    expectations = (
        await session.scalars(
            sa.select(BehaviorExpectation)
            .where(BehaviorExpectation.plan_id == plan.id)
            .order_by(BehaviorExpectation.value)
        )
    ).all()
    return {
        "format": CONTENT_FORMAT,
        "approach": plan.approach.value,
        "work_results": [
            {
                "id": r.id,
                "kind": r.kind.value,
                "text": r.text,
                "parent_id": r.parent_id,
                "org_goal_id": r.org_goal_id,
                "ordinal": r.ordinal,
                "indicators": [
                    {
                        "id": i.id,
                        "aspect": i.aspect.value,
                        "text": i.text,
                        "target_value": _decimal_text(i.target_value),
                        "target_unit": i.target_unit,
                        "target_description": i.target_description,
                        "perspective": i.perspective.value if i.perspective else None,
                        "ordinal": i.ordinal,
                    }
                    for i in by_result.get(r.id, [])
                ],
            }
            for r in results
        ],
        "behavior_expectations": [
            {"value": e.value.value, "expectation": e.expectation} for e in expectations
        ],
        "lampiran": {
            "resource_support": plan.resource_support,
            "accountability_scheme": plan.accountability_scheme,
            "consequences": plan.consequences,
        },
        "identity_snapshot": plan.identity_snapshot,
    }


async def restore_content(
    session: AsyncSession, plan: PerformancePlan, content: dict[str, Any]
) -> list[int]:
    """Put the plan's content back exactly as in ``content`` (a withdrawn revision).

    Rows keep their ids: realisasi, rencana aksi and subordinates' RHKs point at them. RHKs and
    IKIs added during the revision are removed (the caller checked nothing depends on them);
    those deleted during it are re-created with their old ids. Returns the ids of RHKs removed.
    """
    plan.approach = Approach(content["approach"])
    lampiran = content["lampiran"]
    plan.resource_support = lampiran["resource_support"]
    plan.accountability_scheme = lampiran["accountability_scheme"]
    plan.consequences = lampiran["consequences"]

    current = {
        r.id: r
        for r in (
            await session.scalars(sa.select(WorkResult).where(WorkResult.plan_id == plan.id))
        ).all()
    }
    current_indicators = {
        i.id: i
        for i in (
            await session.scalars(
                sa.select(Indicator).where(Indicator.work_result_id.in_(list(current)))
            )
        ).all()
    }
    wanted_results = {r["id"]: r for r in content["work_results"]}
    wanted_indicators = {
        i["id"]: (r["id"], i) for r in content["work_results"] for i in r["indicators"]
    }
    for indicator_id, indicator in current_indicators.items():
        if indicator_id not in wanted_indicators:
            await session.delete(indicator)
    removed = [rid for rid in current if rid not in wanted_results]
    await session.flush()
    for rid in removed:
        await session.delete(current[rid])
    await session.flush()
    for rid, data in wanted_results.items():
        row = current.get(rid)
        if row is None:
            row = WorkResult(id=rid, plan_id=plan.id)
            session.add(row)
        row.kind = WorkResultKind(data["kind"])
        row.text = data["text"]
        row.parent_id = data["parent_id"]
        row.org_goal_id = data["org_goal_id"]
        row.ordinal = data["ordinal"]
    await session.flush()
    for iid, (rid, data) in wanted_indicators.items():
        ind = current_indicators.get(iid)
        if ind is None:
            ind = Indicator(id=iid)
            session.add(ind)
        ind.work_result_id = rid
        ind.aspect = IndicatorAspect(data["aspect"])
        ind.text = data["text"]
        ind.target_value = (
            Decimal(data["target_value"]) if data["target_value"] is not None else None
        )
        ind.target_unit = data["target_unit"]
        ind.target_description = data["target_description"]
        ind.perspective = Perspective(data["perspective"]) if data["perspective"] else None
        ind.ordinal = data["ordinal"]

    existing = {
        e.value: e
        for e in (
            await session.scalars(
                sa.select(BehaviorExpectation).where(BehaviorExpectation.plan_id == plan.id)
            )
        ).all()
    }
    wanted = {CoreValue(e["value"]): e["expectation"] for e in content["behavior_expectations"]}
    for value, expectation in existing.items():
        if value not in wanted:
            await session.delete(expectation)
        else:
            expectation.expectation = wanted[value]
    for value, text in wanted.items():
        if value not in existing:
            session.add(BehaviorExpectation(plan_id=plan.id, value=value, expectation=text))
    await session.flush()
    return removed
