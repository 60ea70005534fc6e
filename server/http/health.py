"""GET /healthz: the process answers and the database is reachable."""

from __future__ import annotations

import sqlalchemy as sa
from starlette.requests import Request
from starlette.responses import Response

from server.db.availability import UNAVAILABLE_RETRY_SECONDS
from server.db.engine import Database
from server.http.errors import json_response


async def healthz(request: Request) -> Response:
    db: Database = request.app.state.db
    try:
        async with db.read() as session:
            await session.execute(sa.text("SELECT 1"))
    except Exception:  # the health check must answer, whatever the failure
        return json_response(
            {"status": "error", "database": "unreachable"},
            503,
            {"Retry-After": str(UNAVAILABLE_RETRY_SECONDS), "Cache-Control": "no-store"},
        )
    return json_response({"status": "ok", "database": "ok"}, headers={"Cache-Control": "no-store"})
