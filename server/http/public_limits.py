"""Per-address rate limit of the public endpoints: a token bucket answering 429 + Retry-After.

The bucket state sits behind :class:`server.http.rate_limits.RateLimiter` (in this process, or
in Redis for several processes). A request that already took its token in the outermost layer
(:mod:`server.http.public_fast_path`) carries the decision in its scope and takes no second one.
"""

from __future__ import annotations

import math

from starlette.types import ASGIApp, Receive, Scope, Send

from server.http.errors import client_address, error_response
from server.http.rate_limits import RateLimiter

# Set by the outermost layer when it has already taken this request's token: the seconds to wait.
RATE_WAIT_SCOPE_KEY = "kinerja.public_rate_wait"


def retry_seconds(wait: float) -> int:
    return max(1, math.ceil(wait))


class RateLimit:
    """ASGI middleware: refuse with 429 and Retry-After when the address's bucket is empty."""

    def __init__(self, app: ASGIApp, limiter: RateLimiter) -> None:
        self.app = app
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") == "OPTIONS":
            await self.app(scope, receive, send)
            return
        decided = scope.pop(RATE_WAIT_SCOPE_KEY, None)
        if isinstance(decided, float | int):
            wait = float(decided)
        else:
            wait = await self.limiter.acquire(f"public:{client_address(scope.get('client'))}")
        if wait > 0:
            seconds = retry_seconds(wait)
            response = error_response(
                429,
                "RATE_LIMITED",
                f"Terlalu banyak permintaan; coba lagi dalam {seconds} detik. / Too many "
                f"requests; retry in {seconds} s.",
                headers={"Retry-After": str(seconds)},
                retry_after_seconds=seconds,
            )
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)
