"""Put in front of the internal API: no valid session, no GraphQL at all."""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from server.db.engine import Database
from server.http.errors import client_address, json_response
from server.services.auth import SESSION_COOKIE, authenticate

UNAUTHENTICATED_BODY = {
    "data": None,
    "errors": [
        {
            "message": "Sesi tidak ada atau telah berakhir. Silakan masuk kembali.",
            "extensions": {"code": "UNAUTHENTICATED"},
        }
    ],
}


class RequireSession:
    """ASGI wrapper: authenticates the cookie and stores the actor in ``request.state``."""

    def __init__(self, app: ASGIApp, db: Database) -> None:
        self.app = app
        self.db = db

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await json_response(UNAUTHENTICATED_BODY, 401)(scope, receive, send)
            return
        request = Request(scope)
        actor = await authenticate(
            self.db, request.cookies.get(SESSION_COOKIE), client_address(request.client)
        )
        if actor is None:
            await json_response(UNAUTHENTICATED_BODY, 401)(scope, receive, send)
            return
        request.state.actor = actor
        await self.app(scope, receive, send)
