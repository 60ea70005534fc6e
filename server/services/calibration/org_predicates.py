"""Predikat Kinerja Organisasi: set per unit and period (or year) on behalf of the pimpinan one
level up, with its basis (advice of Bappeda, BKPSDM, Inspektorat), until calibration is final."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server.db.engine import Database
from server.db.models import CalibrationDecision, OrgPredicateAssignment
from server.domain.audit_actions import AuditAction
from server.domain.enums import OrgPredicate
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.calibration.scope import (
    Scope,
    can_read_unit,
    require_calibration_reader,
    require_calibrator,
    require_unit,
    resolve_scope,
)
from server.services.errors import ErrorCode, ServiceError
from server.services.organisation.directory import load_unit_tree
from server.services.validation import clean_long_text

MAX_BASIS = 2000


def assignment_state(row: OrgPredicateAssignment) -> dict[str, Any]:
    return {
        "unit_id": row.unit_id,
        "year_id": row.year_id,
        "period_id": row.period_id,
        "predicate": row.predicate,
        "basis": row.basis,
    }


def _scope_filter(
    model: type[OrgPredicateAssignment] | type[CalibrationDecision], scope: Scope
) -> sa.ColumnElement[bool]:
    period = (
        model.period_id.is_(None) if scope.period_id is None else model.period_id == scope.period_id
    )
    return sa.and_(model.year_id == scope.year_id, period)


async def decision_for(
    session: AsyncSession, unit_id: int, scope: Scope
) -> CalibrationDecision | None:
    return (
        await session.scalars(
            sa.select(CalibrationDecision)
            .where(
                CalibrationDecision.unit_id == unit_id, _scope_filter(CalibrationDecision, scope)
            )
            .order_by(CalibrationDecision.id.desc())
            .limit(1)
        )
    ).first()


async def effective_assignment(
    session: AsyncSession, unit_id: int, scope: Scope
) -> OrgPredicateAssignment | None:
    """The unit's predicate for the period; without one, the predicate for the whole year."""
    rows = (
        await session.scalars(
            sa.select(OrgPredicateAssignment).where(
                OrgPredicateAssignment.unit_id == unit_id,
                OrgPredicateAssignment.year_id == scope.year_id,
                sa.or_(
                    OrgPredicateAssignment.period_id.is_(None),
                    OrgPredicateAssignment.period_id == scope.period_id,
                ),
            )
        )
    ).all()
    return pick_assignment(rows, unit_id, scope)


def pick_assignment(
    rows: Sequence[OrgPredicateAssignment], unit_id: int, scope: Scope
) -> OrgPredicateAssignment | None:
    own = [r for r in rows if r.unit_id == unit_id and r.year_id == scope.year_id]
    exact = [r for r in own if r.period_id == scope.period_id]
    if exact:
        return exact[0]
    annual = [r for r in own if r.period_id is None]
    return annual[0] if annual else None


async def set_org_predicate(
    db: Database,
    actor: Actor,
    *,
    unit_id: int,
    predicate: OrgPredicate,
    basis: str,
    period_id: int | None = None,
    year_id: int | None = None,
) -> OrgPredicateAssignment:
    """Set or change the unit's predicate; refused once the unit's calibration is final."""
    require_calibrator(actor)
    text = clean_long_text(basis, "basis", "Dasar penetapan", max_length=MAX_BASIS)
    async with db.write() as session:
        await require_unit(session, unit_id)
        scope = await resolve_scope(session, period_id=period_id, year_id=year_id)
        if await decision_for(session, unit_id, scope) is not None:
            raise ServiceError(
                ErrorCode.INVALID_STATE,
                f"Kalibrasi unit ini untuk {scope.label} sudah difinalkan; predikat organisasi "
                "tidak dapat diubah lagi.",
                "predicate",
            )
        row = (
            await session.scalars(
                sa.select(OrgPredicateAssignment).where(
                    OrgPredicateAssignment.unit_id == unit_id,
                    _scope_filter(OrgPredicateAssignment, scope),
                )
            )
        ).first()
        before = assignment_state(row) if row is not None else None
        if row is None:
            row = OrgPredicateAssignment(
                unit_id=unit_id,
                year_id=scope.year_id,
                period_id=scope.period_id,
                predicate=predicate,
                basis=text,
                set_by_account_id=actor.account_id,
            )
            session.add(row)
        else:
            row.predicate = predicate
            row.basis = text
            row.set_by_account_id = actor.account_id
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.ORG_PREDICATE_SET,
            "org_predicate_assignment",
            row.id,
            before=before,
            after=assignment_state(row),
        )
        return row


async def list_org_predicates(
    db: Database, actor: Actor, *, period_id: int | None = None, year_id: int | None = None
) -> list[OrgPredicateAssignment]:
    """Predicates set for exactly this scope (period or year), for the units the actor may read."""
    require_calibration_reader(actor)
    async with db.read() as session:
        scope = await resolve_scope(session, period_id=period_id, year_id=year_id)
        rows = (
            await session.scalars(
                sa.select(OrgPredicateAssignment)
                .where(_scope_filter(OrgPredicateAssignment, scope))
                .order_by(OrgPredicateAssignment.unit_id)
            )
        ).all()
        units = None if actor.sees_everything else await load_unit_tree(session)
    return [r for r in rows if can_read_unit(actor, r.unit_id, units)]
