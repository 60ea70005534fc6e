"""Put in front of the internal API: no valid session, no GraphQL at all; a session that sends
too many requests waits (429 + Retry-After, a token bucket per session)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from server.db.engine import Database
from server.http.errors import client_address, json_response
from server.http.public_limits import retry_seconds
from server.http.rate_limits import RateLimiter
from server.http.session import UNAUTHENTICATED_MESSAGE
from server.services.auth import SESSION_COOKIE, authenticate, hash_token

UNAUTHENTICATED_BODY = {
    "data": None,
    "errors": [
        {
            "message": UNAUTHENTICATED_MESSAGE,
            "extensions": {"code": "UNAUTHENTICATED"},
        }
    ],
}


def _rate_limited_body(seconds: int) -> dict[str, object]:
    return {
        "data": None,
        "errors": [
            {
                "message": f"Terlalu banyak permintaan dari sesi ini; coba lagi dalam {seconds} "
                f"detik. / Too many requests from this session; retry in {seconds} s.",
                "extensions": {"code": "RATE_LIMITED", "retryAfter": seconds},
            }
        ],
    }


class RequireSession:
    """ASGI wrapper: authenticates the cookie, applies the session's rate limit and stores the
    actor in ``request.state``."""

    def __init__(
        self, app: ASGIApp, db: Database | None, limiter: RateLimiter | None = None
    ) -> None:
        """``db`` None: the request's own (``request.app.state.db``, a person's Latihan)."""
        self.app = app
        self.db = db
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await json_response(UNAUTHENTICATED_BODY, 401)(scope, receive, send)
            return
        request = Request(scope)
        token = request.cookies.get(SESSION_COOKIE)
        db: Database = self.db if self.db is not None else request.app.state.db
        actor = await authenticate(db, token, client_address(request.client))
        if actor is None or token is None:
            await json_response(UNAUTHENTICATED_BODY, 401)(scope, receive, send)
            return
        if self.limiter is not None:
            wait = await self.limiter.acquire(f"session:{hash_token(token)}")
            if wait > 0:
                seconds = retry_seconds(wait)
                await json_response(
                    _rate_limited_body(seconds), 429, {"Retry-After": str(seconds)}
                )(scope, receive, send)
                return
        request.state.actor = actor
        await self.app(scope, receive, send)
