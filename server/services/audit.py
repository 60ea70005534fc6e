"""The audit log: one call to record a write, one to verify the chain.

Each event's hash is SHA-256 over a canonical JSON of its fields and the previous hash. The
chain head row is locked while appending, so concurrent writers queue instead of forking it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server import clock
from server.db.engine import Database
from server.db.models import AuditChainHead, AuditEvent
from server.domain.audit_actions import AuditAction
from server.services.actor import Actor
from server.services.permissions import require_audit_reader

GENESIS_HASH = "0" * 64


def _plain(value: Any) -> Any:
    """JSON-safe form of a before/after value, stable across dialects."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    return value


def _event_hash(fields: Mapping[str, Any], prev_hash: str) -> str:
    payload = orjson.dumps({**fields, "prev_hash": prev_hash}, option=orjson.OPT_SORT_KEYS)
    return hashlib.sha256(payload).hexdigest()


def _hashed_fields(event: AuditEvent) -> dict[str, Any]:
    return {
        "seq": event.seq,
        "occurred_at": event.occurred_at.isoformat(),
        "actor_account_id": event.actor_account_id,
        "actor_label": event.actor_label,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "before": event.before,
        "after": event.after,
        "client_address": event.client_address,
    }


async def record_event(
    session: AsyncSession,
    actor: Actor,
    action: AuditAction,
    object_type: str,
    object_id: object | None,
    *,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Append an event in the caller's transaction; it commits or rolls back with the change."""
    head = (
        await session.execute(
            sa.select(AuditChainHead).where(AuditChainHead.id == 1).with_for_update()
        )
    ).scalar_one()
    event = AuditEvent(
        seq=head.last_seq + 1,
        # Microseconds are dropped so the value hashes the same after a database round trip.
        occurred_at=clock.now().replace(microsecond=0),
        actor_account_id=actor.account_id,
        actor_label=actor.login[:100],
        action=action,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        before=_plain(before) if before is not None else None,
        after=_plain(after) if after is not None else None,
        client_address=actor.client_address,
        prev_hash=head.last_hash,
    )
    event.hash = _event_hash(_hashed_fields(event), head.last_hash)
    head.last_seq = event.seq
    head.last_hash = event.hash
    session.add(event)
    await session.flush()
    return event


@dataclass(frozen=True)
class ChainVerification:
    intact: bool
    events_checked: int
    first_broken_seq: int | None = None
    problem: str | None = None


async def verify_audit_chain(db: Database, *, batch_size: int = 2_000) -> ChainVerification:
    """Recompute every hash in order. Reports the first event where the chain breaks."""
    expected_prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    async with db.read() as session:
        last_seq = 0
        while True:
            events = (
                await session.scalars(
                    sa.select(AuditEvent)
                    .where(AuditEvent.seq > last_seq)
                    .order_by(AuditEvent.seq)
                    .limit(batch_size)
                )
            ).all()
            if not events:
                break
            for event in events:
                if event.seq != expected_seq:
                    return ChainVerification(
                        False, checked, expected_seq, f"peristiwa #{expected_seq} hilang"
                    )
                if event.prev_hash != expected_prev:
                    return ChainVerification(
                        False, checked, event.seq, "hash sebelumnya tidak cocok"
                    )
                if _event_hash(_hashed_fields(event), event.prev_hash) != event.hash:
                    return ChainVerification(False, checked, event.seq, "isi peristiwa diubah")
                expected_prev = event.hash
                expected_seq += 1
                checked += 1
                last_seq = event.seq
        head = (
            await session.execute(sa.select(AuditChainHead).where(AuditChainHead.id == 1))
        ).scalar_one()
    if head.last_seq != checked or head.last_hash != expected_prev:
        return ChainVerification(
            False, checked, checked + 1, "ujung rantai tidak cocok (peristiwa terakhir dihapus)"
        )
    return ChainVerification(True, checked)


@dataclass(frozen=True)
class AuditSearch:
    """Filters of the audit-log search; each one narrows the result (all optional)."""

    object_type: str | None = None
    object_id: str | None = None
    action: str | None = None  # a prefix: "account." finds every account action
    actor: str | None = None  # part of the actor's label, any case
    occurred_from: date | None = None  # days of the city's calendar, both inclusive
    occurred_until: date | None = None


async def search_events(
    db: Database, actor: Actor, search: AuditSearch, *, offset: int, limit: int
) -> tuple[list[AuditEvent], int]:
    """One page of audit events, newest first, and how many match (auditors, BKPSDM, admin
    sistem only)."""
    require_audit_reader(actor)
    stmt = sa.select(AuditEvent)
    if search.object_type:
        stmt = stmt.where(AuditEvent.object_type == search.object_type[:64])
    if search.object_id:
        stmt = stmt.where(AuditEvent.object_id == search.object_id[:64])
    if search.action:
        stmt = stmt.where(AuditEvent.action.startswith(search.action[:64], autoescape=True))
    if search.actor:
        stmt = stmt.where(
            sa.func.lower(AuditEvent.actor_label).contains(
                search.actor[:100].lower(), autoescape=True
            )
        )
    if search.occurred_from is not None:
        stmt = stmt.where(AuditEvent.occurred_at >= clock.start_of(search.occurred_from))
    if search.occurred_until is not None:
        stmt = stmt.where(AuditEvent.occurred_at < clock.end_of(search.occurred_until))
    async with db.read() as session:
        total = (
            await session.execute(sa.select(sa.func.count()).select_from(stmt.subquery()))
        ).scalar_one()
        rows = (
            await session.scalars(stmt.order_by(AuditEvent.seq.desc()).offset(offset).limit(limit))
        ).all()
    return list(rows), int(total)


async def check_audit_chain(db: Database, actor: Actor) -> ChainVerification:
    """:func:`verify_audit_chain` for a person: auditors, BKPSDM and the admin sistem only."""
    require_audit_reader(actor)
    return await verify_audit_chain(db)
