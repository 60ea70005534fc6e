"""BKN e-Kinerja exports: ``GET /api/interop/skp.csv|.json`` and
``GET /api/interop/evaluations.csv|.json`` with ``?year=2026[&unitCode=DINKES]``.

A session is required. BKPSDM and auditors export the whole instansi (or one unit's subtree);
a unit's pengelola kinerja exports their own unit's subtree. The layout is documented in
docs/interop-bkn.md. Individual results are personal data: the files are attachments that are
never cached.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from server.db.engine import Database
from server.http.errors import error_response
from server.http.session import require_actor
from server.http.uploads import content_disposition
from server.services.errors import ErrorCode, ServiceError
from server.services.interop.export import export_file

STATUS_OF = {ErrorCode.FORBIDDEN: 403, ErrorCode.NOT_FOUND: 404}
MAX_UNIT_CODE = 64


def _handler(what: str, fmt: str):  # type: ignore[no-untyped-def]
    async def download(request: Request) -> Response:
        db: Database = request.app.state.db
        actor = await require_actor(request)
        if isinstance(actor, Response):
            return actor
        raw_year = request.query_params.get("year", "")
        if not (raw_year.isascii() and raw_year.isdigit() and 2000 <= int(raw_year) <= 2100):
            return error_response(400, "BAD_REQUEST", "Parameter year wajib (mis. year=2026).")
        unit_code = request.query_params.get("unitCode") or None
        if unit_code is not None and len(unit_code) > MAX_UNIT_CODE:
            return error_response(400, "BAD_REQUEST", "Kode unit terlalu panjang.")
        try:
            found = await export_file(db, actor, what, fmt, int(raw_year), unit_code)
        except ServiceError as exc:
            return error_response(STATUS_OF.get(exc.code, 400), exc.code.value, exc.message)
        return Response(
            found.body,
            media_type=found.media_type,
            headers={
                "Content-Disposition": content_disposition(found.filename),
                "X-Content-Type-Options": "nosniff",
                "Cache-Control": "private, no-store",
            },
        )

    return download


ROUTES = [
    Route(f"/api/interop/{what}.{fmt}", _handler(what, fmt), methods=["GET"])
    for what in ("skp", "evaluations")
    for fmt in ("csv", "json")
]
