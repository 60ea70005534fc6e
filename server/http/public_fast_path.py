"""A repeated public GraphQL request answered with the bytes of its last answer, before routing.

The outermost ASGI layer of the app. For ``/public/graphql`` it takes the request's rate-limit
token, then looks the request up by its exact bytes (method, scheme, query string, body, and
every request header the layers below read: content type, accept, accept-encoding, origin,
cookie presence). If the same request was answered from a cacheable answer of the current data
version, the very status, headers and body that the whole stack sent then (security and CORS
headers included) are sent again: no routing, no middleware, no JSON, no GraphQL parse. So a
hit cannot differ from what the full path would send, and costs less than a bare Starlette
handler (which still routes and builds a Request and a Response).

Everything else goes down the normal path, with the body replayed and the rate decision passed
along in the scope (``RATE_WAIT_SCOPE_KEY``) so that a request takes one token, not two.
``If-None-Match`` (304), HEAD, bodies without a Content-Length or over the route's limit, and
answers that are not cacheable (errors, 429, 503) always take the normal path.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.http.errors import client_address
from server.http.public_cache import ANSWER_VERSION_SCOPE_KEY, PublicGraphQLFront, replay_body
from server.http.public_limits import RATE_WAIT_SCOPE_KEY
from server.http.rate_limits import RateLimiter

ENTRIES = 1_024
MAX_ANSWER_BYTES = 512_000
_VARIANT_HEADERS = (b"content-type", b"accept", b"accept-encoding", b"origin")


@dataclass(frozen=True)
class _Replay:
    version: str
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


class PublicFastPath:
    def __init__(
        self,
        app: ASGIApp,
        front: PublicGraphQLFront,
        limiter: RateLimiter,
        *,
        path: str = "/public/graphql",
        max_body: int = 16_000,
    ) -> None:
        self.app = app
        self.front = front
        self.limiter = limiter
        self.path = path
        self.max_body = max_body
        self.entries: OrderedDict[tuple[object, ...], _Replay] = OrderedDict()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != self.path:
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        if method not in ("GET", "POST"):
            await self.app(scope, receive, send)
            return
        found: dict[bytes, bytes] = {}
        has_cookie = False
        length = -1
        for name, value in scope["headers"]:
            if name in _VARIANT_HEADERS:
                found[name] = value
            elif name == b"content-length":
                length = int(value) if value.isdigit() else -2
            elif name == b"if-none-match":
                await self.app(scope, receive, send)  # 304 is decided below
                return
            elif name == b"cookie":
                has_cookie = True
        body = b""
        if method == "POST":
            if not 0 <= length <= self.max_body:
                await self.app(scope, receive, send)  # the route's own limit answers
                return
            body, complete = await _read_exactly(receive, length)
            receive = replay_body(body)
            if not complete:
                await self.app(scope, receive, send)
                return
        wait = await self.limiter.acquire(f"public:{client_address(scope.get('client'))}")
        scope[RATE_WAIT_SCOPE_KEY] = wait
        variant = (
            method,
            scope.get("scheme"),
            scope.get("query_string", b""),
            body,
            has_cookie,
            *(found.get(name) for name in _VARIANT_HEADERS),
        )
        if wait <= 0:
            entry = self.entries.get(variant)
            if entry is not None:
                try:
                    version = await self.front.data_version()
                except Exception:  # the database is away: the normal path answers 503
                    version = None
                if version == entry.version:
                    self.front.hits += 1
                    self.front.fast_hits += 1
                    self.entries.move_to_end(variant)
                    await send(
                        {
                            "type": "http.response.start",
                            "status": entry.status,
                            "headers": entry.headers,
                        }
                    )
                    await send({"type": "http.response.body", "body": entry.body})
                    return
        await self._pass_and_keep(scope, receive, send, variant)

    async def _pass_and_keep(
        self, scope: Scope, receive: Receive, send: Send, variant: tuple[object, ...]
    ) -> None:
        status = 0
        headers: list[tuple[bytes, bytes]] = []
        chunks: list[bytes] = []
        size = 0

        async def keeping_send(message: Message) -> None:
            nonlocal status, headers, size
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
            elif message["type"] == "http.response.body" and size <= MAX_ANSWER_BYTES:
                chunk = message.get("body", b"")
                size += len(chunk)
                chunks.append(chunk)
            await send(message)

        await self.app(scope, receive, keeping_send)
        version = scope.get(ANSWER_VERSION_SCOPE_KEY)
        if status != 200 or not isinstance(version, str) or size > MAX_ANSWER_BYTES:
            return
        replayed = [(k, v) for k, v in headers if k != b"x-cache"] + [(b"x-cache", b"HIT")]
        self.entries[variant] = _Replay(version, status, replayed, b"".join(chunks))
        while len(self.entries) > ENTRIES:
            self.entries.popitem(last=False)


async def _read_exactly(receive: Receive, length: int) -> tuple[bytes, bool]:
    """The body, and whether it arrived whole with exactly the declared length."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return b"".join(chunks), False
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > length:
            return b"".join((*chunks, chunk)), False
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks), size == length
