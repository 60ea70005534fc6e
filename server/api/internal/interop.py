"""BKN e-Kinerja interoperability in the internal API: importing SKPs set in BKN (HR only).

Exports are plain downloads (server/http/interop_downloads.py); the layout is in
docs/interop-bkn.md.
"""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from server.api.internal.context import InternalContext
from server.api.internal.payloads import run_mutation
from server.api.internal.types import ImportResult, Payload
from server.services.errors import ErrorCode, ServiceError
from server.services.interop.import_skp import import_skp

MAX_CSV_TEXT = 5_000_000


async def _import_skp_from_bkn(info: Info[InternalContext, None], year: int, csv: str) -> Any:
    ctx = info.context
    if len(csv) > MAX_CSV_TEXT:
        raise ServiceError(ErrorCode.INVALID_INPUT, "Berkas CSV terlalu besar.", "csv")
    return await import_skp(ctx.db, ctx.actor, year, csv.encode(), today=ctx.today)


@strawberry.type
class InteropMutation:
    @strawberry.mutation(
        description=(
            "Impor SKP yang sudah ditetapkan di BKN e-Kinerja (CSV, tata letak docs/interop-bkn.md); "
            "semua baris atau tidak sama sekali; SKP yang sudah ada tidak ditimpa."
        )
    )
    async def import_skp_from_bkn(
        self, info: Info[InternalContext, None], year: int, csv: str
    ) -> Payload[ImportResult]:
        return await run_mutation(_import_skp_from_bkn(info, year, csv), ImportResult.from_report)
