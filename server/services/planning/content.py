"""Editing an SKP's content: RHK (WorkResult), IKI (Indicator), ekspektasi perilaku, lampiran.

Every edit takes the SKP's ``expected_version`` and advances it, so two people editing one SKP
(or one person in two tabs) get a CONFLICT instead of overwriting each other. Content changes
only in the editable states (DRAFT, DITOLAK, REVISI_DRAFT), and only by the pegawai; the
ekspektasi khusus per BerAKHLAK value is set by the Pejabat Penilai until the SKP is set.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server import clock
from server.db.engine import Database
from server.db.models import (
    BehaviorExpectation,
    Indicator,
    PerformancePlan,
    WorkResult,
)
from server.domain.audit_actions import AuditAction
from server.domain.enums import (
    Approach,
    CoreValue,
    IndicatorAspect,
    Perspective,
    PlanStatus,
    WorkResultKind,
)
from server.domain.planning import EDITABLE, STATUS_LABELS
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.errors import ErrorCode, ServiceError, not_found
from server.services.organisation.directory import load_org_snapshot
from server.services.planning.access import load_readable_plan
from server.services.planning.cascade import check_link, owner_of
from server.services.planning.usage import blocked_indicators, blocked_work_results
from server.services.planning.years import require_open_year
from server.services.validation import (
    UNSET,
    _Unset,
    check_version,
    clean_multiline,
    clean_text,
    invalid,
)

MAX_RHK_TEXT = 1000
MAX_IKI_TEXT = 1000
MAX_TARGET_UNIT = 60
MAX_TARGET_DESCRIPTION = 1000
MAX_LAMPIRAN = 5000
MAX_EXPECTATION = 2000
MAX_ITEMS_PER_PLAN = 100
# Numeric(18, 4): 14 digits before the point.
MAX_TARGET = Decimal("99999999999999")
FOUR_PLACES = Decimal("0.0001")


# --- small helpers of the content edits ------------------------------------------------------


def clean_target_value(raw: Decimal | float | int | str | None) -> Decimal | None:
    """A finite, non-negative number that fits the column (four decimals kept)."""
    if raw is None:
        return None
    try:
        value = raw if isinstance(raw, Decimal) else Decimal(str(raw))
    except (InvalidOperation, ValueError):
        raise invalid("targetValue", "Target harus berupa angka.") from None
    if not value.is_finite() or (isinstance(raw, float) and not math.isfinite(raw)):
        raise invalid("targetValue", "Target harus berupa angka yang terhingga.")
    if value < 0:
        raise invalid("targetValue", "Target tidak boleh negatif.")
    if value > MAX_TARGET:
        raise invalid("targetValue", "Target terlalu besar.")
    return value.quantize(FOUR_PLACES, rounding=ROUND_HALF_UP)


def touch(plan: PerformancePlan) -> None:
    """Mark the SKP changed so its version advances with any content edit."""
    plan.updated_at = clock.now()


async def record_content_change(
    session: AsyncSession,
    actor: Actor,
    plan: PerformancePlan,
    action: AuditAction,
    object_type: str,
    object_id: int,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """An edit of the SKP's content: the plan's version advances and the change is audited."""
    touch(plan)
    await session.flush()
    await record_event(session, actor, action, object_type, object_id, before=before, after=after)


async def load_editable_plan(
    session: AsyncSession, actor: Actor, plan_id: int, expected_version: int | None, today: date
) -> PerformancePlan:
    """The pegawai's own SKP, in an editable state, of an open year, at the expected version."""
    plan, access = await load_readable_plan(session, actor, plan_id, today)
    access.require_owner()
    await require_open_year(session, plan.year_id)
    check_version(plan.version, expected_version, "SKP")
    if plan.status not in EDITABLE:
        hint = (
            " Ajukan revisi untuk mengubah SKP yang sudah ditetapkan."
            if plan.status is PlanStatus.DITETAPKAN
            else ""
        )
        raise ServiceError(
            ErrorCode.INVALID_STATE,
            f"SKP berstatus {STATUS_LABELS[plan.status]} tidak dapat diubah.{hint}",
        )
    return plan


async def detach_children(session: AsyncSession, ids: list[int]) -> list[int]:
    """Subordinates' RHKs that intervened a deleted RHK lose their link (they become orphans
    in the alignment view, so their owners re-link them); their own content is untouched."""
    if not ids:
        return []
    children = (
        await session.scalars(sa.select(WorkResult).where(WorkResult.parent_id.in_(ids)))
    ).all()
    for child in children:
        child.parent_id = None
    return sorted(c.id for c in children)


def work_result_state(row: WorkResult) -> dict[str, Any]:
    return {
        "plan_id": row.plan_id,
        "kind": row.kind,
        "text": row.text,
        "parent_id": row.parent_id,
        "org_goal_id": row.org_goal_id,
    }


def indicator_state(row: Indicator) -> dict[str, Any]:
    return {
        "work_result_id": row.work_result_id,
        "aspect": row.aspect,
        "text": row.text,
        "target_value": None if row.target_value is None else str(row.target_value),
        "target_unit": row.target_unit,
        "target_description": row.target_description,
        "perspective": row.perspective,
    }


# --- RHK -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkResultInput:
    plan_id: int
    kind: WorkResultKind
    text: str
    parent_id: int | None = None
    org_goal_id: int | None = None
    expected_version: int | None = None


@dataclass(frozen=True)
class WorkResultChanges:
    kind: WorkResultKind | _Unset = UNSET
    text: str | _Unset = UNSET
    parent_id: int | _Unset | None = UNSET
    org_goal_id: int | _Unset | None = UNSET
    expected_version: int | None = None


async def add_work_result(
    db: Database, actor: Actor, data: WorkResultInput, *, today: date | None = None
) -> WorkResult:
    today = today or clock.today()
    text = clean_text(data.text, "text", "Uraian RHK", max_length=MAX_RHK_TEXT)
    async with db.write() as session:
        plan = await load_editable_plan(session, actor, data.plan_id, data.expected_version, today)
        count = (
            await session.execute(
                sa.select(sa.func.count(WorkResult.id), sa.func.max(WorkResult.ordinal)).where(
                    WorkResult.plan_id == plan.id
                )
            )
        ).one()
        if count[0] >= MAX_ITEMS_PER_PLAN:
            raise invalid("planId", f"Satu SKP paling banyak {MAX_ITEMS_PER_PLAN} RHK.")
        owner = await owner_of(session, plan.employee_id, today)
        org = await load_org_snapshot(session, today)
        await check_link(session, plan, owner, org, data.parent_id, data.org_goal_id)
        row = WorkResult(
            plan_id=plan.id,
            kind=data.kind,
            text=text,
            parent_id=data.parent_id,
            org_goal_id=data.org_goal_id,
            ordinal=(count[1] or 0) + 1,
        )
        session.add(row)
        await record_content_change(
            session,
            actor,
            plan,
            AuditAction.WORK_RESULT_CREATE,
            "work_result",
            row.id,
            after=work_result_state(row),
        )
    return row


async def _editable_work_result(
    session: AsyncSession,
    actor: Actor,
    work_result_id: int,
    expected_version: int | None,
    today: date,
) -> tuple[WorkResult, PerformancePlan]:
    row = await session.get(WorkResult, work_result_id)
    if row is None:
        raise not_found("RHK")
    plan = await load_editable_plan(session, actor, row.plan_id, expected_version, today)
    return row, plan


async def update_work_result(
    db: Database,
    actor: Actor,
    work_result_id: int,
    changes: WorkResultChanges,
    *,
    today: date | None = None,
) -> WorkResult:
    today = today or clock.today()
    async with db.write() as session:
        row, plan = await _editable_work_result(
            session, actor, work_result_id, changes.expected_version, today
        )
        before = work_result_state(row)
        with session.no_autoflush:
            if not isinstance(changes.kind, _Unset):
                row.kind = changes.kind
            if not isinstance(changes.text, _Unset):
                row.text = clean_text(changes.text, "text", "Uraian RHK", max_length=MAX_RHK_TEXT)
            link_changed = False
            if not isinstance(changes.parent_id, _Unset):
                row.parent_id = changes.parent_id
                link_changed = True
            if not isinstance(changes.org_goal_id, _Unset):
                row.org_goal_id = changes.org_goal_id
                link_changed = True
            if link_changed:
                owner = await owner_of(session, plan.employee_id, today)
                org = await load_org_snapshot(session, today)
                await check_link(session, plan, owner, org, row.parent_id, row.org_goal_id)
        after = work_result_state(row)
        if after != before:
            await record_content_change(
                session,
                actor,
                plan,
                AuditAction.WORK_RESULT_UPDATE,
                "work_result",
                row.id,
                before=before,
                after=after,
            )
    return row


async def delete_work_result(
    db: Database,
    actor: Actor,
    work_result_id: int,
    expected_version: int | None,
    *,
    today: date | None = None,
) -> PerformancePlan:
    today = today or clock.today()
    async with db.write() as session:
        row, plan = await _editable_work_result(
            session, actor, work_result_id, expected_version, today
        )
        blocked = await blocked_work_results(session, [row.id])
        if row.id in blocked:
            raise ServiceError(
                ErrorCode.INVALID_STATE,
                f"RHK ini {blocked[row.id]}; ubah uraiannya, tetapi RHK tidak dapat dihapus.",
            )
        before = work_result_state(row)
        indicators = (
            await session.scalars(sa.select(Indicator).where(Indicator.work_result_id == row.id))
        ).all()
        for indicator in indicators:
            await session.delete(indicator)
        detached = await detach_children(session, [row.id])
        await session.flush()
        await session.delete(row)
        await record_content_change(
            session,
            actor,
            plan,
            AuditAction.WORK_RESULT_DELETE,
            "work_result",
            work_result_id,
            before={**before, "indicator_ids": [i.id for i in indicators]},
            after={"detached_child_ids": detached},
        )
    return plan


# --- IKI -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorInput:
    work_result_id: int
    aspect: IndicatorAspect
    text: str
    target_value: Decimal | None = None
    target_unit: str | None = None
    target_description: str | None = None
    perspective: Perspective | None = None
    expected_version: int | None = None


@dataclass(frozen=True)
class IndicatorChanges:
    aspect: IndicatorAspect | _Unset = UNSET
    text: str | _Unset = UNSET
    target_value: Decimal | _Unset | None = UNSET
    target_unit: str | _Unset | None = UNSET
    target_description: str | _Unset | None = UNSET
    perspective: Perspective | _Unset | None = UNSET
    expected_version: int | None = None


def _target_unit(raw: str | None) -> str | None:
    if raw is None or not raw.strip():
        return None
    return clean_text(raw, "targetUnit", "Satuan target", max_length=MAX_TARGET_UNIT)


def _target_description(raw: str | None) -> str | None:
    if raw is None or not raw.strip():
        return None
    return clean_text(raw, "targetDescription", "Uraian target", max_length=MAX_TARGET_DESCRIPTION)


async def _check_perspective(
    session: AsyncSession, plan: PerformancePlan, perspective: Perspective | None, today: date
) -> None:
    if perspective is None:
        return
    owner = await owner_of(session, plan.employee_id, today)
    if not owner.is_jpt:
        raise invalid("perspective", "Perspektif hanya untuk SKP pejabat pimpinan tinggi.")


async def add_indicator(
    db: Database, actor: Actor, data: IndicatorInput, *, today: date | None = None
) -> Indicator:
    today = today or clock.today()
    text = clean_text(data.text, "text", "Uraian IKI", max_length=MAX_IKI_TEXT)
    target_value = clean_target_value(data.target_value)
    target_unit = _target_unit(data.target_unit)
    target_description = _target_description(data.target_description)
    async with db.write() as session:
        result, plan = await _editable_work_result(
            session, actor, data.work_result_id, data.expected_version, today
        )
        await _check_perspective(session, plan, data.perspective, today)
        count = (
            await session.execute(
                sa.select(sa.func.count(Indicator.id), sa.func.max(Indicator.ordinal)).where(
                    Indicator.work_result_id == result.id
                )
            )
        ).one()
        if count[0] >= MAX_ITEMS_PER_PLAN:
            raise invalid("workResultId", f"Satu RHK paling banyak {MAX_ITEMS_PER_PLAN} IKI.")
        row = Indicator(
            work_result_id=result.id,
            aspect=data.aspect,
            text=text,
            target_value=target_value,
            target_unit=target_unit,
            target_description=target_description,
            perspective=data.perspective,
            ordinal=(count[1] or 0) + 1,
        )
        session.add(row)
        await record_content_change(
            session,
            actor,
            plan,
            AuditAction.INDICATOR_CREATE,
            "indicator",
            row.id,
            after=indicator_state(row),
        )
    return row


async def _editable_indicator(
    session: AsyncSession,
    actor: Actor,
    indicator_id: int,
    expected_version: int | None,
    today: date,
) -> tuple[Indicator, PerformancePlan]:
    row = await session.get(Indicator, indicator_id)
    if row is None:
        raise not_found("IKI")
    result = await session.get(WorkResult, row.work_result_id)
    assert result is not None
    plan = await load_editable_plan(session, actor, result.plan_id, expected_version, today)
    return row, plan


async def update_indicator(
    db: Database,
    actor: Actor,
    indicator_id: int,
    changes: IndicatorChanges,
    *,
    today: date | None = None,
) -> Indicator:
    today = today or clock.today()
    async with db.write() as session:
        row, plan = await _editable_indicator(
            session, actor, indicator_id, changes.expected_version, today
        )
        before = indicator_state(row)
        with session.no_autoflush:
            if not isinstance(changes.aspect, _Unset):
                row.aspect = changes.aspect
            if not isinstance(changes.text, _Unset):
                row.text = clean_text(changes.text, "text", "Uraian IKI", max_length=MAX_IKI_TEXT)
            if not isinstance(changes.target_value, _Unset):
                row.target_value = clean_target_value(changes.target_value)
            if not isinstance(changes.target_unit, _Unset):
                row.target_unit = _target_unit(changes.target_unit)
            if not isinstance(changes.target_description, _Unset):
                row.target_description = _target_description(changes.target_description)
            if not isinstance(changes.perspective, _Unset):
                await _check_perspective(session, plan, changes.perspective, today)
                row.perspective = changes.perspective
        after = indicator_state(row)
        if after != before:
            await record_content_change(
                session,
                actor,
                plan,
                AuditAction.INDICATOR_UPDATE,
                "indicator",
                row.id,
                before=before,
                after=after,
            )
    return row


async def delete_indicator(
    db: Database,
    actor: Actor,
    indicator_id: int,
    expected_version: int | None,
    *,
    today: date | None = None,
) -> PerformancePlan:
    today = today or clock.today()
    async with db.write() as session:
        row, plan = await _editable_indicator(session, actor, indicator_id, expected_version, today)
        blocked = await blocked_indicators(session, [row.id])
        if row.id in blocked:
            raise ServiceError(
                ErrorCode.INVALID_STATE,
                f"IKI ini {blocked[row.id]}; ubah uraiannya, tetapi IKI tidak dapat dihapus.",
            )
        before = indicator_state(row)
        await session.delete(row)
        await record_content_change(
            session,
            actor,
            plan,
            AuditAction.INDICATOR_DELETE,
            "indicator",
            indicator_id,
            before=before,
        )
    return plan


# --- lampiran, pendekatan, perilaku ----------------------------------------------------------


@dataclass(frozen=True)
class PlanChanges:
    approach: Approach | _Unset = UNSET
    resource_support: str | _Unset | None = UNSET
    accountability_scheme: str | _Unset | None = UNSET
    consequences: str | _Unset | None = UNSET
    expected_version: int | None = None


def plan_header_state(plan: PerformancePlan) -> dict[str, Any]:
    return {
        "approach": plan.approach,
        "resource_support": plan.resource_support,
        "accountability_scheme": plan.accountability_scheme,
        "consequences": plan.consequences,
    }


def _lampiran(raw: str | None, field: str, label: str) -> str | None:
    return None if raw is None else clean_multiline(raw, field, label, max_length=MAX_LAMPIRAN)


async def update_plan(
    db: Database, actor: Actor, plan_id: int, changes: PlanChanges, *, today: date | None = None
) -> PerformancePlan:
    """Pendekatan and the three lampiran sections."""
    today = today or clock.today()
    async with db.write() as session:
        plan = await load_editable_plan(session, actor, plan_id, changes.expected_version, today)
        before = plan_header_state(plan)
        if not isinstance(changes.approach, _Unset):
            plan.approach = changes.approach
        if not isinstance(changes.resource_support, _Unset):
            plan.resource_support = _lampiran(
                changes.resource_support, "resourceSupport", "Dukungan sumber daya"
            )
        if not isinstance(changes.accountability_scheme, _Unset):
            plan.accountability_scheme = _lampiran(
                changes.accountability_scheme, "accountabilityScheme", "Skema pertanggungjawaban"
            )
        if not isinstance(changes.consequences, _Unset):
            plan.consequences = _lampiran(changes.consequences, "consequences", "Konsekuensi")
        after = plan_header_state(plan)
        if after != before:
            await session.flush()
            await record_event(
                session,
                actor,
                AuditAction.PLAN_UPDATE,
                "performance_plan",
                plan.id,
                before=before,
                after=after,
            )
    return plan


async def set_behavior_expectation(
    db: Database,
    actor: Actor,
    plan_id: int,
    value: CoreValue,
    expectation: str | None,
    expected_version: int | None,
    *,
    today: date | None = None,
) -> PerformancePlan:
    """Ekspektasi khusus pimpinan for one BerAKHLAK value; empty text removes it."""
    today = today or clock.today()
    text = (
        None
        if expectation is None or not expectation.strip()
        else clean_text(expectation, "expectation", "Ekspektasi khusus", max_length=MAX_EXPECTATION)
    )
    async with db.write() as session:
        plan, access = await load_readable_plan(session, actor, plan_id, today)
        access.require_assessor()
        await require_open_year(session, plan.year_id)
        check_version(plan.version, expected_version, "SKP")
        if plan.status is PlanStatus.DITETAPKAN:
            raise ServiceError(
                ErrorCode.INVALID_STATE,
                "SKP sudah ditetapkan; ekspektasi khusus hanya dapat diubah melalui revisi.",
            )
        row = (
            await session.scalars(
                sa.select(BehaviorExpectation).where(
                    BehaviorExpectation.plan_id == plan.id, BehaviorExpectation.value == value
                )
            )
        ).one_or_none()
        before = row.expectation if row else None
        if before == text:
            return plan
        if row is None and text is not None:
            session.add(BehaviorExpectation(plan_id=plan.id, value=value, expectation=text))
        elif row is not None and text is None:
            await session.delete(row)
        elif row is not None and text is not None:
            row.expectation = text
        await record_content_change(
            session,
            actor,
            plan,
            AuditAction.PLAN_BEHAVIOR_EXPECTATION,
            "performance_plan",
            plan.id,
            before={"value": value, "expectation": before},
            after={"value": value, "expectation": text},
        )
    return plan
