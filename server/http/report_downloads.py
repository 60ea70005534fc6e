"""HR report downloads: ``GET /api/reports/{name}.csv`` and ``GET /api/reports/{name}.xlsx``.

Query parameters: ``year`` (required), ``periodNumber`` and ``unitCode`` (optional), as in the
GraphQL queries ``completionReport`` and ``predicateDistributionReport``. A session cookie is
required, and the same rules decide who may read what (the service decides, once). The file is
always an attachment, never cached, with ``nosniff``.
"""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from server import clock
from server.db.engine import Database
from server.http.errors import error_response
from server.http.session import require_actor
from server.http.uploads import content_disposition
from server.services import reports
from server.services.errors import ErrorCode, ServiceError

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
STATUS = {ErrorCode.FORBIDDEN: 403, ErrorCode.NOT_FOUND: 404}


def _int_param(request: Request, name: str, *, required: bool) -> int | Response | None:
    raw = request.query_params.get(name, "").strip()
    if not raw:
        if required:
            return error_response(400, "INVALID_INPUT", f"Parameter {name} wajib diisi.")
        return None
    if not raw.isdigit() or len(raw) > 4:
        return error_response(400, "INVALID_INPUT", f"Parameter {name} harus bilangan bulat.")
    return int(raw)


async def download_report(request: Request) -> Response:
    db: Database = request.app.state.db
    actor = await require_actor(request)
    if isinstance(actor, Response):
        return actor
    name, _, extension = request.path_params.get("file", "").rpartition(".")
    table = reports.REPORTS.get(name)
    if table is None or extension not in MEDIA_TYPES:
        return error_response(404, "NOT_FOUND", "Laporan tidak ditemukan.")
    year = _int_param(request, "year", required=True)
    period_number = _int_param(request, "periodNumber", required=False)
    if isinstance(year, Response):
        return year
    if isinstance(period_number, Response):
        return period_number
    assert year is not None
    unit_code = request.query_params.get("unitCode") or None
    scope: reports.ReportScope
    rows: Any
    try:
        if table is reports.REPORTS["completion"]:
            scope, rows = await reports.completion_by_unit(
                db,
                actor,
                year=year,
                period_number=period_number,
                unit_code=unit_code,
                today=clock.today(),
            )
        else:
            scope, rows = await reports.predicate_distribution(
                db, actor, year=year, period_number=period_number, unit_code=unit_code
            )
    except ServiceError as exc:
        return error_response(STATUS.get(exc.code, 400), exc.code.value, exc.message)
    if extension == "csv":
        body = reports.to_csv(table, scope, rows)
    else:
        body = await asyncio.to_thread(reports.to_xlsx, table, scope, rows)  # CPU work
    parts = [name, str(year)]
    if period_number is not None:
        parts.append(f"periode-{period_number}")
    if unit_code:
        parts.append(unit_code)
    return Response(
        body,
        media_type=MEDIA_TYPES[extension],
        headers={
            "Content-Disposition": content_disposition("-".join(parts) + "." + extension),
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


ROUTES: list[Route] = [Route("/api/reports/{file}", download_report, methods=["GET"])]
