"""The audit log for auditors, BKPSDM and the system administrator: search and chain check.
Read-only; who may read it is decided in server.services.audit."""

from __future__ import annotations

from datetime import date

import strawberry

from server.api.fill import fill_type
from server.api.internal.payloads import run_query
from server.api.internal.types import (
    AuditChainStatus,
    AuditEvent,
    Connection,
    Info,
    decode_cursor,
    make_connection,
    page_size,
)
from server.services import audit


@strawberry.type
class AuditQuery:
    @strawberry.field(
        description="Log audit, terbaru lebih dahulu (auditor, BKPSDM, admin sistem)."
    )
    async def audit_events(
        self,
        info: Info,
        object_type: str | None = None,
        object_id: str | None = None,
        first: int | None = None,
        after: str | None = None,
        action: str | None = None,
        actor: str | None = None,
        occurred_from: date | None = None,
        occurred_until: date | None = None,
    ) -> Connection[AuditEvent]:
        limit = page_size(first)
        offset = decode_cursor(after)
        search = audit.AuditSearch(
            object_type=object_type,
            object_id=object_id,
            action=action,
            actor=actor,
            occurred_from=occurred_from,
            occurred_until=occurred_until,
        )
        rows, total = await run_query(
            audit.search_events(
                info.context.db, info.context.actor, search, offset=offset, limit=limit
            )
        )
        events = [fill_type(AuditEvent, r) for r in rows]
        return make_connection(events, offset=offset, total=total)

    @strawberry.field(description="Periksa keutuhan rantai hash log audit.")
    async def audit_chain(self, info: Info) -> AuditChainStatus:
        result = await run_query(audit.check_audit_chain(info.context.db, info.context.actor))
        return fill_type(AuditChainStatus, result)
