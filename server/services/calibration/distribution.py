"""The distribution check of one unit and the calibration that finalises it.

The live histogram of the unit's finalised predicates is compared with the pattern its
organisation predicate allows (the policy in force on the scope's last day). Finalising outside
the pattern needs a written justification; it never changes a rating. Opening a calibration
snapshots the predicates; finalising snapshots them again, so changes made in between (through
the evaluation service) stay visible as before/after.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server.db.engine import Database
from server.db.models import AuditEvent, CalibrationDecision, OrgPredicateAssignment
from server.domain.audit_actions import AuditAction
from server.domain.evaluation import DistributionCheck, check_distribution, policy_on
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.calibration.org_predicates import decision_for, effective_assignment
from server.services.calibration.scope import (
    Rated,
    Scope,
    can_read_unit,
    load_rated,
    require_calibration_reader,
    require_calibrator,
    require_unit,
    resolve_scope,
    snapshot_of,
)
from server.services.errors import ErrorCode, ServiceError, forbidden
from server.services.organisation.directory import load_unit_tree
from server.services.validation import is_control_char

MIN_JUSTIFICATION = 20
MAX_JUSTIFICATION = 4000
OPEN_ACTION = AuditAction.CALIBRATION_OPEN


@dataclass(frozen=True)
class UnitDistribution:
    """The state of one unit's calibration for a scope."""

    unit_id: int
    scope: Scope
    include_subunits: bool
    rated: list[Rated]
    assignment: OrgPredicateAssignment | None
    check: DistributionCheck | None  # None until the org predicate is set
    policy_effective_from: date
    opened_at: datetime | None
    opened_snapshot: dict[str, Any] | None
    decision: CalibrationDecision | None


def calibration_key(unit_id: int, scope: Scope) -> str:
    return f"{unit_id}:{scope.key}"


async def _opened(session: AsyncSession, key: str) -> AuditEvent | None:
    # The opening is kept as its audit event (no table of its own): the event is append-only
    # and hash-chained, which is exactly what a "before" snapshot needs.
    return (
        await session.scalars(
            sa.select(AuditEvent)
            .where(
                AuditEvent.action == OPEN_ACTION,
                AuditEvent.object_type == "calibration",
                AuditEvent.object_id == key,
            )
            .order_by(AuditEvent.seq.desc())
            .limit(1)
        )
    ).first()


async def _state(
    session: AsyncSession, unit_id: int, scope: Scope, include_subunits: bool
) -> UnitDistribution:
    units = {unit_id}
    if include_subunits:
        units = (await load_unit_tree(session)).subtree(unit_id)
    rated = await load_rated(session, scope, units)
    assignment = await effective_assignment(session, unit_id, scope)
    policy = policy_on(scope.end)
    check = (
        check_distribution(Counter(r.predicate for r in rated), assignment.predicate, policy)
        if assignment is not None
        else None
    )
    opened = await _opened(session, calibration_key(unit_id, scope))
    return UnitDistribution(
        unit_id=unit_id,
        scope=scope,
        include_subunits=include_subunits,
        rated=rated,
        assignment=assignment,
        check=check,
        policy_effective_from=policy.effective_from,
        opened_at=opened.occurred_at if opened else None,
        opened_snapshot=opened.after if opened else None,
        decision=await decision_for(session, unit_id, scope),
    )


async def _readable(session: AsyncSession, actor: Actor, unit_id: int) -> None:
    require_calibration_reader(actor)
    await require_unit(session, unit_id)
    units = None if actor.sees_everything else await load_unit_tree(session)
    if not can_read_unit(actor, unit_id, units):
        raise forbidden("Unit ini di luar unit yang Anda kelola.")


async def unit_distribution(
    db: Database,
    actor: Actor,
    *,
    unit_id: int,
    period_id: int | None = None,
    year_id: int | None = None,
    include_subunits: bool = False,
) -> UnitDistribution:
    async with db.read() as session:
        await _readable(session, actor, unit_id)
        scope = await resolve_scope(session, period_id=period_id, year_id=year_id)
        return await _state(session, unit_id, scope, include_subunits)


def _refuse_if_final(state: UnitDistribution) -> None:
    if state.decision is not None:
        raise ServiceError(
            ErrorCode.INVALID_STATE,
            f"Kalibrasi unit ini untuk {state.scope.label} sudah difinalkan.",
        )


async def open_calibration(
    db: Database,
    actor: Actor,
    *,
    unit_id: int,
    period_id: int | None = None,
    year_id: int | None = None,
    include_subunits: bool = False,
) -> UnitDistribution:
    """Start calibrating: the predicates as they stand now become the "before" snapshot."""
    require_calibrator(actor)
    async with db.write() as session:
        await require_unit(session, unit_id)
        scope = await resolve_scope(session, period_id=period_id, year_id=year_id)
        state = await _state(session, unit_id, scope, include_subunits)
        _refuse_if_final(state)
        if state.opened_at is not None:
            raise ServiceError(
                ErrorCode.INVALID_STATE,
                f"Kalibrasi unit ini untuk {scope.label} sudah dibuka pada "
                f"{state.opened_at:%d-%m-%Y %H:%M} UTC.",
            )
        snapshot = snapshot_of(state.rated, include_subunits=include_subunits)
        await record_event(
            session,
            actor,
            OPEN_ACTION,
            "calibration",
            calibration_key(unit_id, scope),
            after=snapshot,
        )
        return await _state(session, unit_id, scope, include_subunits)


def _clean_justification(raw: str | None) -> str | None:
    if raw is None:
        return None
    if any(is_control_char(ch) for ch in raw):
        raise ServiceError(
            ErrorCode.INVALID_INPUT,
            "Justifikasi berisi karakter kendali yang tidak diizinkan.",
            "justification",
        )
    text = raw.replace("\r\n", "\n").strip()
    if len(text) > MAX_JUSTIFICATION:
        raise ServiceError(
            ErrorCode.INVALID_INPUT,
            f"Justifikasi maksimal {MAX_JUSTIFICATION} karakter (diterima {len(text)}).",
            "justification",
        )
    return text or None


async def finalise_calibration(
    db: Database,
    actor: Actor,
    *,
    unit_id: int,
    justification: str | None,
    period_id: int | None = None,
    year_id: int | None = None,
    include_subunits: bool = False,
) -> CalibrationDecision:
    """Finalise the unit's predicates; outside the allowed pattern only with a justification."""
    require_calibrator(actor)
    text = _clean_justification(justification)
    async with db.write() as session:
        await require_unit(session, unit_id)
        scope = await resolve_scope(session, period_id=period_id, year_id=year_id)
        state = await _state(session, unit_id, scope, include_subunits)
        _refuse_if_final(state)
        if state.assignment is None or state.check is None:
            raise ServiceError(
                ErrorCode.INVALID_STATE,
                f"Predikat kinerja organisasi unit ini untuk {scope.label} belum ditetapkan.",
            )
        if not state.rated:
            raise ServiceError(
                ErrorCode.INVALID_STATE,
                f"Belum ada predikat pegawai yang ditetapkan di unit ini untuk {scope.label}.",
            )
        if not state.check.within and (text is None or len(text) < MIN_JUSTIFICATION):
            raise ServiceError(
                ErrorCode.INVALID_STATE,
                "Sebaran predikat di luar pola yang diizinkan untuk predikat organisasi "
                f"{state.assignment.predicate.value}: {'; '.join(state.check.violations)}. "
                f"Tuliskan justifikasi minimal {MIN_JUSTIFICATION} karakter untuk memfinalkan.",
                "justification",
            )
        after = snapshot_of(state.rated, include_subunits=include_subunits)
        decision = CalibrationDecision(
            unit_id=unit_id,
            year_id=scope.year_id,
            period_id=scope.period_id,
            org_predicate=state.assignment.predicate,
            within_pattern=state.check.within,
            violations=list(state.check.violations),
            justification=text,
            before_snapshot=state.opened_snapshot or after,
            after_snapshot=after,
            policy_effective_from=state.policy_effective_from,
            decided_by_account_id=actor.account_id,
        )
        session.add(decision)
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.CALIBRATION_FINALISE,
            "calibration_decision",
            decision.id,
            after={
                "unit_id": unit_id,
                "scope": scope.key,
                "org_predicate": decision.org_predicate,
                "within_pattern": decision.within_pattern,
                "violations": decision.violations,
                "justification": text,
                "counts": {p.value: n for p, n in state.check.counts.items()},
            },
        )
        return decision


def changed_predicates(decision: CalibrationDecision) -> list[dict[str, Any]]:
    """Entries whose predicate differs between the before and after snapshots."""
    before = {
        e["evaluation_id"]: e["predicate"] for e in decision.before_snapshot.get("predicates", [])
    }
    changes = []
    for entry in decision.after_snapshot.get("predicates", []):
        old = before.get(entry["evaluation_id"])
        if old != entry["predicate"]:
            changes.append({**entry, "before": old})
    return changes
