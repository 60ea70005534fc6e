"""A database that is away or busy is a ``503`` with ``Retry-After``, never a plain-text 500.

:class:`DatabaseGuard` wraps an ASGI app: an exception that
:func:`server.db.availability.classify_database_error` recognises (refused connection, lost
connection, pool timeout, statement/lock timeout, "database is locked") becomes a JSON answer in
the endpoint's own error shape, logged as one warning line without a traceback. Anything else
is re-raised (a bug stays a 500). Nothing has to be reset afterwards: the pool opens new
connections (PostgreSQL checks them first, ``pool_pre_ping``), so the next request after the
database returns succeeds.

GraphQL resolvers never let exceptions out (graphql-core turns them into errors); for them the
same decision is taken in ``server.api.graphql_common``, which uses the responses built here.
"""

from __future__ import annotations

import logging
from typing import Any

from starlette.datastructures import Headers
from starlette.responses import HTMLResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.db.availability import DatabaseTrouble, classify_database_error
from server.http.errors import error_response, json_response

log = logging.getLogger("server.http")


def _headers(trouble: DatabaseTrouble) -> dict[str, str]:
    headers = {"Cache-Control": "no-store"}
    if trouble.status == 503:
        headers["Retry-After"] = str(trouble.retry_after_seconds)
    return headers


def trouble_response(trouble: DatabaseTrouble) -> Response:
    """The plain endpoints' shape: ``{"error": {"code", "message", "retryAfter"}}``."""
    return error_response(
        trouble.status,
        trouble.code,
        trouble.message,
        _headers(trouble),
        retryAfter=trouble.retry_after_seconds,
    )


def graphql_trouble_response(
    trouble: DatabaseTrouble, extensions: dict[str, Any] | None = None
) -> Response:
    """The GraphQL endpoints' shape: ``{"data": null, "errors": [{message, extensions}]}``."""
    body: dict[str, Any] = {
        "data": None,
        "errors": [
            {
                "message": trouble.message,
                "extensions": {"code": trouble.code, "retryAfter": trouble.retry_after_seconds},
            }
        ],
    }
    if extensions:
        body["extensions"] = extensions
    return json_response(body, trouble.status, _headers(trouble))


def _html_trouble_response(trouble: DatabaseTrouble) -> Response:
    """Pages that work without JavaScript (the survey form) get a page, not JSON."""
    return HTMLResponse(
        '<!doctype html><html lang="id"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Layanan sedang sibuk</title></head><body><main>"
        "<h1>Layanan sedang tidak tersedia</h1>"
        f"<p>{trouble.message}</p>"
        "<p>Jawaban Anda belum tersimpan. Silakan muat ulang halaman ini sebentar lagi.</p>"
        "</main></body></html>",
        status_code=trouble.status,
        headers=_headers(trouble),
    )


def log_trouble(trouble: DatabaseTrouble, where: str) -> None:
    log.warning("database %s at %s (%s)", trouble.code, where, trouble.detail)


class DatabaseGuard:
    """ASGI middleware: database unavailability → 503 (507 for a full disk) in JSON."""

    def __init__(self, app: ASGIApp, *, graphql: bool = False) -> None:
        self.app = app
        self.graphql = graphql

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            trouble = classify_database_error(exc)
            if trouble is None or started:
                raise
            log_trouble(trouble, scope.get("path", "?"))
            if self.graphql:
                response = graphql_trouble_response(trouble)
            elif _wants_html(scope):
                response = _html_trouble_response(trouble)
            else:
                response = trouble_response(trouble)
            await response(scope, receive, send)


def _wants_html(scope: Scope) -> bool:
    accept = Headers(scope=scope).get("accept", "")
    return "text/html" in accept and "application/json" not in accept
