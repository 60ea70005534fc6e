"""The session check of the plain HTTP routes (downloads, uploads, documents): one place that
reads the session cookie and answers 401 in the one JSON error shape when there is none.

GraphQL goes through :mod:`server.http.session_guard` instead (it also applies the session's
rate limit and answers in GraphQL's error shape).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from server.db.engine import Database
from server.http.errors import client_address, error_response
from server.services.actor import Actor
from server.services.auth import SESSION_COOKIE, authenticate

UNAUTHENTICATED_MESSAGE = "Sesi tidak ada atau telah berakhir. Silakan masuk kembali."


async def current_actor(request: Request) -> Actor | None:
    """The signed-in actor of the real session cookie, or None."""
    db: Database = request.app.state.db
    return await authenticate(
        db, request.cookies.get(SESSION_COOKIE), client_address(request.client)
    )


async def require_actor(request: Request) -> Actor | Response:
    """The signed-in actor, or the 401 response to return as it is.

    Usage: ``actor = await require_actor(request)``, then
    ``if isinstance(actor, Response): return actor``.
    """
    actor = await current_actor(request)
    if actor is None:
        return error_response(401, "UNAUTHENTICATED", UNAUTHENTICATED_MESSAGE)
    return actor


MAX_RECORD_ID = 2**62


def record_id(request: Request, name: str) -> int | None:
    """The record id a path names (``/…/{name}``): a whole number from 1 to 2^62, else None
    (the route answers 404, as for a record that does not exist)."""
    raw = request.path_params.get(name, "")
    if not raw.isdigit() or not 0 < int(raw) <= MAX_RECORD_ID:
        return None
    return int(raw)
