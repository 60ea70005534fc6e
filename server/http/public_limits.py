"""Per-address rate limit of the public endpoints: a token bucket answering 429 + Retry-After.

State is in this process (a dict of buckets, pruned when it grows). With several app processes
each keeps its own buckets, so the effective limit is N × the configured one; the scale-out path
is the same bucket kept in Redis (an atomic Lua script per request) or in a PostgreSQL table
(``UPDATE … RETURNING`` per address) — the interface here (``take(address)``) stays the same.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from starlette.types import ASGIApp, Receive, Scope, Send

from server.http.errors import client_address, error_response

MAX_TRACKED = 50_000


@dataclass
class _Bucket:
    tokens: float
    stamp: float


class TokenBuckets:
    """``rate_per_minute`` sustained, ``burst`` at once, per address."""

    def __init__(
        self, rate_per_minute: int, burst: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate = rate_per_minute / 60.0
        self.burst = float(burst)
        self.clock = clock
        self.buckets: dict[str, _Bucket] = {}

    def take(self, address: str, cost: float = 1.0) -> float:
        """Take ``cost`` tokens; return 0 when allowed, else the seconds to wait."""
        now = self.clock()
        bucket = self.buckets.get(address)
        if bucket is None:
            if len(self.buckets) >= MAX_TRACKED:
                self._prune(now)
            bucket = self.buckets[address] = _Bucket(self.burst, now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.stamp) * self.rate)
        bucket.stamp = now
        if bucket.tokens >= cost:
            bucket.tokens -= cost
            return 0.0
        return (cost - bucket.tokens) / self.rate

    def _prune(self, now: float) -> None:
        full = [
            a
            for a, b in self.buckets.items()
            if b.tokens + (now - b.stamp) * self.rate >= self.burst
        ]
        for address in full:
            del self.buckets[address]
        if len(self.buckets) >= MAX_TRACKED:  # still full of active addresses: forget the oldest
            for address in sorted(self.buckets, key=lambda a: self.buckets[a].stamp)[
                : MAX_TRACKED // 10
            ]:
                del self.buckets[address]


class RateLimit:
    """ASGI middleware: refuse with 429 and Retry-After when the address's bucket is empty."""

    def __init__(self, app: ASGIApp, buckets: TokenBuckets) -> None:
        self.app = app
        self.buckets = buckets

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") == "OPTIONS":
            await self.app(scope, receive, send)
            return
        wait = self.buckets.take(client_address(scope.get("client")))
        if wait > 0:
            seconds = max(1, math.ceil(wait))
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
