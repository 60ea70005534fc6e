"""State that several app processes (uvicorn workers, machines) must share: Redis, or nothing.

With ``KINERJA_REDIS_URL`` set, the rate-limit buckets (:mod:`server.http.rate_limits`) and the
public response cache (:mod:`server.http.public_cache`) live in that Redis, and a publication is
announced on a channel so that every process drops its cached public answers at once. Without
it, each process keeps its own (the embedded mode, one process).

**Redis unreachable: fail open, to this process's own state, with a warning.** The rate limits
then hold per process (N processes: N × the configured allowance) and the public cache is this
process's only; nothing is refused because Redis is away. Why not 503: the limits protect
capacity, they guard no secret. Login throttling, the upload quota, survey limits and sessions
live in the database and are not weakened by a Redis outage, and a month-end deadline must not
turn a cache outage into a total one. A Redis that does not answer is not asked again for
``retry_seconds`` (so requests do not each wait for a timeout), then it is tried again and, when
it answers, used again; both transitions are logged once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from typing import Any

from redis import asyncio as aioredis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

log = logging.getLogger("server.shared_state")

# Redis errors, and the OS errors a socket can raise before redis-py wraps them.
SHARED_STATE_ERRORS: tuple[type[BaseException], ...] = (RedisError, OSError)
# A request never waits longer than this for Redis (it then falls back).
SOCKET_TIMEOUT_SECONDS = 0.5
RELEASES_CHANNEL = "releases"


class SharedState:
    """The Redis shared by all processes of one installation (or none), and its health."""

    def __init__(
        self,
        url: str,
        prefix: str = "kinerja",
        *,
        retry_seconds: float = 5.0,
        ticks: Callable[[], float] = time.monotonic,
    ) -> None:
        self.url = url
        self.prefix = prefix
        self.retry_seconds = retry_seconds
        self.ticks = ticks
        self.redis: aioredis.Redis | None = (
            aioredis.Redis.from_url(
                url,
                socket_timeout=SOCKET_TIMEOUT_SECONDS,
                socket_connect_timeout=SOCKET_TIMEOUT_SECONDS,
                health_check_interval=30,
                # One immediate retry (a pooled connection cut by a Redis restart is replaced
                # at once), never redis-py's default backoff of seconds.
                retry=Retry(NoBackoff(), 1),
            )
            if url
            else None
        )
        self._down_until = float("-inf")
        self._down = False
        self.failures = 0  # Redis calls that failed (and fell back)

    @property
    def enabled(self) -> bool:
        return self.redis is not None

    def key(self, *parts: str) -> str:
        return ":".join((self.prefix, *parts))

    def usable(self) -> bool:
        """Configured, and not known to be down (or its pause is over: try it again)."""
        return self.redis is not None and self.ticks() >= self._down_until

    def failed(self, exc: BaseException, what: str) -> None:
        """A call failed: use this process's own state for ``retry_seconds``."""
        self.failures += 1
        self._down_until = self.ticks() + self.retry_seconds
        if not self._down:
            self._down = True
            log.warning(
                "Redis unreachable (%s: %s): %s falls back to this process's own state, "
                "retrying every %.0f s",
                type(exc).__name__,
                exc,
                what,
                self.retry_seconds,
            )

    def succeeded(self) -> None:
        if self._down:
            self._down = False
            log.warning("Redis reachable again: shared rate limits and cache resumed")

    async def call(self, what: str, action: Callable[[aioredis.Redis], Any]) -> Any:
        """Run ``action(redis)``; None (after noting the failure) when Redis is away."""
        if self.redis is None or not self.usable():
            return None
        try:
            result = await action(self.redis)
        except SHARED_STATE_ERRORS as exc:
            self.failed(exc, what)
            return None
        self.succeeded()
        return result

    async def announce_release(self) -> bool:
        """Tell every process that a release was published (they drop their cached answers)."""
        channel = self.key(RELEASES_CHANNEL)
        return (
            await self.call("release announcement", lambda r: r.publish(channel, b"published"))
            is not None
        )

    async def listen_for_releases(self, on_announcement: Callable[[], None]) -> None:
        """Run until cancelled: call ``on_announcement`` for every announced publication, and
        once after each (re)subscription, since announcements sent meanwhile were missed."""
        if self.redis is None:
            return
        channel = self.key(RELEASES_CHANNEL)
        while True:
            try:
                async with self.redis.pubsub() as pubsub:
                    await pubsub.subscribe(channel)
                    on_announcement()
                    while True:
                        message = await pubsub.get_message(
                            ignore_subscribe_messages=True, timeout=5.0
                        )
                        if message is not None and message.get("type") == "message":
                            on_announcement()
            except SHARED_STATE_ERRORS as exc:
                self.failed(exc, "release announcements")
                await asyncio.sleep(self.retry_seconds)

    async def aclose(self) -> None:
        if self.redis is not None:
            with contextlib.suppress(*SHARED_STATE_ERRORS):
                await self.redis.aclose()


async def announce_release_published(url: str, prefix: str) -> bool:
    """For a process without the app (``kinerja publish``): announce, then disconnect."""
    if not url:
        return False
    shared = SharedState(url, prefix)
    try:
        return await shared.announce_release()
    finally:
        await shared.aclose()
