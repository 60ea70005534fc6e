"""Rate-limit state behind one small interface, so that where it lives can change.

:class:`RateLimiter` is all the endpoints know: ``acquire(key, cost)`` answers 0 when the
request may go ahead, or the seconds to wait. :class:`TokenBuckets` keeps the buckets in this
process (a dict, pruned when it grows): with several app processes each keeps its own, so the
effective limit is N × the configured one. :class:`SharedTokenBuckets` keeps the same buckets
in Redis (``KINERJA_REDIS_URL``): one atomic Lua script per ``acquire`` reads tokens and stamp,
refills by Redis's own clock (machines need not agree on the time), takes, and writes back
with an expiry of the time a bucket needs to fill up. When Redis cannot be reached it falls
back to a :class:`TokenBuckets` of its own (see :mod:`server.http.shared_state` for why).

Keys are namespaced by their user: ``public:<address>`` (public API and downloads),
``session:<token hash>`` (internal API).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from server.http.shared_state import SharedState

MAX_TRACKED = 50_000


class RateLimiter(Protocol):
    async def acquire(self, key: str, cost: float = 1.0) -> float:
        """Take ``cost`` from ``key``'s allowance: 0 when allowed, else the seconds to wait."""
        ...


@dataclass
class _Bucket:
    tokens: float
    stamp: float


class TokenBuckets:
    """In-process token buckets: ``rate_per_minute`` sustained, ``burst`` at once, per key."""

    def __init__(
        self, rate_per_minute: int, burst: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate = rate_per_minute / 60.0
        self.burst = float(burst)
        self.clock = clock
        self.buckets: dict[str, _Bucket] = {}

    async def acquire(self, key: str, cost: float = 1.0) -> float:
        return self.take(key, cost)

    def take(self, key: str, cost: float = 1.0) -> float:
        """Take ``cost`` tokens; return 0 when allowed, else the seconds to wait."""
        now = self.clock()
        bucket = self.buckets.get(key)
        if bucket is None:
            if len(self.buckets) >= MAX_TRACKED:
                self._prune(now)
            bucket = self.buckets[key] = _Bucket(self.burst, now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.stamp) * self.rate)
        bucket.stamp = now
        if bucket.tokens >= cost:
            bucket.tokens -= cost
            return 0.0
        return (cost - bucket.tokens) / self.rate

    def _prune(self, now: float) -> None:
        full = [
            k
            for k, b in self.buckets.items()
            if b.tokens + (now - b.stamp) * self.rate >= self.burst
        ]
        for key in full:
            del self.buckets[key]
        if len(self.buckets) >= MAX_TRACKED:  # still full of active keys: forget the oldest
            for key in sorted(self.buckets, key=lambda k: self.buckets[k].stamp)[
                : MAX_TRACKED // 10
            ]:
                del self.buckets[key]


# KEYS[1] the bucket; ARGV rate (tokens/s), burst, cost, lease (extra tokens wanted), refund
# (unused tokens of an expired lease, given back). Returns {seconds to wait, as a string ("0"
# when taken: Lua numbers become integers in a reply), extra tokens granted}. A lease never
# takes more than half of what is left, so leases shrink as the bucket empties.
BUCKET_SCRIPT_LUA = """
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local want = tonumber(ARGV[4])
local refund = tonumber(ARGV[5])
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'stamp')
local tokens = tonumber(state[1])
local stamp = tonumber(state[2])
if tokens == nil or stamp == nil then
  tokens = burst
  stamp = now
end
tokens = math.min(burst, tokens + math.max(0, now - stamp) * rate + refund)
local wait = 0
local extra = 0
if tokens >= cost then
  tokens = tokens - cost
  extra = math.min(want, math.floor(tokens / 2))
  tokens = tokens - extra
else
  wait = (cost - tokens) / rate
end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens),
           'stamp', string.format('%.17g', now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return {string.format('%.17g', wait), extra}
"""
LEASE_TOKENS = 16
LEASE_TOKENS_MAX = 512
LEASE_SECONDS = 1.0


@dataclass
class _Lease:
    tokens: float
    until: float
    size: int  # the extra tokens asked for when it was taken


class SharedTokenBuckets:
    """The same token buckets, in Redis, for every process; this process's own when Redis is
    away (fail open, logged: :class:`server.http.shared_state.SharedState`).

    A process that takes a token may take up to ``lease_tokens`` more, never more than half of
    what the bucket still holds, and spend them without asking Redis for ``lease_seconds``;
    what is left then goes back into the bucket with the next call. A key whose lease was used
    up before it expired asks for twice as many the next time (up to ``LEASE_TOKENS_MAX``), one
    whose lease expired unused for half as many. Every token spent was taken
    from the shared bucket first, so all processes together never accept more than one bucket
    allows; a busy key costs one Redis round trip per few requests instead of one per request.
    A refused key is refused here, without Redis, for the wait Redis gave.
    """

    def __init__(
        self,
        shared: SharedState,
        name: str,
        rate_per_minute: int,
        burst: int,
        *,
        lease_tokens: int = LEASE_TOKENS,
        lease_seconds: float = LEASE_SECONDS,
        ticks: Callable[[], float] = time.monotonic,
    ) -> None:
        assert shared.redis is not None
        self.shared = shared
        self.name = name
        self.rate = rate_per_minute / 60.0
        self.burst = float(burst)
        self.lease_tokens = lease_tokens
        self.lease_seconds = lease_seconds
        self.ticks = ticks
        self.leases: dict[str, _Lease] = {}
        # Keys Redis refused, until when: refused here meanwhile without asking again (a flood
        # from one address costs one round trip per wait, not one per request).
        self.refused: dict[str, float] = {}
        self.pending: dict[str, asyncio.Future[None]] = {}
        self.fallback = TokenBuckets(rate_per_minute, burst)
        self.script = shared.redis.register_script(BUCKET_SCRIPT_LUA)
        self.redis_calls = 0

    async def acquire(self, key: str, cost: float = 1.0) -> float:
        while True:
            now = self.ticks()
            refused_until = self.refused.get(key)
            if refused_until is not None:
                if refused_until > now:
                    return refused_until - now
                del self.refused[key]
            lease = self.leases.get(key)
            if lease is not None and lease.until > now and lease.tokens >= cost:
                lease.tokens -= cost
                return 0.0
            # One round trip per key at a time: requests arriving meanwhile wait for its lease
            # instead of each asking Redis (and each overwriting the others' lease).
            pending = self.pending.get(key)
            if pending is None:
                break
            await asyncio.shield(pending)
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.pending[key] = done
        try:
            return await self._ask_redis(key, cost, now)
        finally:
            del self.pending[key]
            done.set_result(None)

    async def _ask_redis(self, key: str, cost: float, now: float) -> float:
        lease = self.leases.pop(key, None)
        refund = lease.tokens if lease is not None else 0.0  # what is left goes back now
        size = self.lease_tokens
        if lease is not None:  # used up before it expired: a busy key; else a quiet one
            size = (
                min(LEASE_TOKENS_MAX, lease.size * 2)
                if lease.until > now
                else max(self.lease_tokens, lease.size // 2)
            )
        redis_key = self.shared.key("rate", self.name, key)
        args: list[str | int | float] = [
            repr(self.rate),
            repr(self.burst),
            repr(float(cost)),
            size,
            repr(refund),
        ]
        self.redis_calls += 1
        answer = await self.shared.call(
            f"{self.name} rate limit", lambda _: self.script(keys=[redis_key], args=args)
        )
        if answer is None:
            return self.fallback.take(key, cost)
        wait, extra = float(answer[0]), int(answer[1])
        if len(self.leases) + len(self.refused) >= MAX_TRACKED:
            self._prune(now)
        if extra > 0:
            self.leases[key] = _Lease(float(extra), now + self.lease_seconds, size)
        if wait > 0:
            self.refused[key] = now + wait
        return wait

    def _prune(self, now: float) -> None:
        for key in [k for k, lease in self.leases.items() if lease.until <= now]:
            del self.leases[key]
        for key in [k for k, until in self.refused.items() if until <= now]:
            del self.refused[key]
        if len(self.leases) + len(self.refused) >= MAX_TRACKED:
            self.leases.clear()  # their tokens are lost: stricter for a moment, never looser
            self.refused.clear()


def make_rate_limiter(
    shared: SharedState, name: str, rate_per_minute: int, burst: int
) -> RateLimiter:
    """Redis-backed buckets when Redis is configured, this process's own otherwise."""
    if shared.enabled:
        return SharedTokenBuckets(shared, name, rate_per_minute, burst)
    return TokenBuckets(rate_per_minute, burst)
