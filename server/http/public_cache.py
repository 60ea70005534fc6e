"""The front of /public/graphql: response cache with ETag/304, and the endpoint's own page.

Public answers change only when a release is published (or, for the legacy ``units`` fields,
when the unit list changes), so a successful answer is kept, keyed by the normalised query,
the variables, the operation name and a fingerprint of the published data. The fingerprint is
looked up at most every ``public_cache_recheck_seconds``, and at once after a publication in
this process or announced by another (:mod:`server.http.shared_state`). A hit is served from
memory without touching GraphQL; ``If-None-Match`` with the current ETag gives 304. Answers
with errors are never cached. ``X-Cache`` says ``HIT`` or ``MISS``.

With Redis, answers are shared: a miss here looks in Redis before running GraphQL, and an
answer computed here is stored there, under the same key in every process. The exact bytes of
a repeated request are answered even earlier, before routing, by
:mod:`server.http.public_fast_path`.
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import parse_qs

import orjson
from graphql import GraphQLError, parse, print_ast
from starlette.datastructures import Headers
from starlette.responses import HTMLResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server import clock
from server.db.engine import Database
from server.http.shared_state import SharedState
from server.services.releases.freshness import public_data_fingerprint
from server.services.releases.read import local_generation

CACHE_ENTRIES = 1_024
CACHE_CONTROL = "public, max-age=60"
# The shared (Redis) cache: answers up to this size, kept this long (their keys carry the data
# version, so an entry of an older release is never read again; the expiry frees the memory).
SHARED_ANSWER_MAX_BYTES = 2_000_000
SHARED_ANSWER_SECONDS = 3_600
# Set in the ASGI scope when a cacheable answer (from the cache or just computed) is sent: the
# data version it belongs to.
ANSWER_VERSION_SCOPE_KEY = "kinerja.public_answer_version"
EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "schema" / "examples"


@dataclass(frozen=True)
class CachedAnswer:
    body: bytes
    gzipped: bytes
    etag: str


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


_normalised: OrderedDict[str, str | None] = OrderedDict()
MAX_QUERY_TOKENS = 2_000


def _normalise(query: str) -> str | None:
    """The query printed from its syntax tree (spacing and commas do not matter); None when it
    does not parse, so that Strawberry reports the error. Remembered, so a hit costs no parse."""
    if query in _normalised:
        return _normalised[query]
    try:
        printed: str | None = print_ast(parse(query, no_location=True, max_tokens=MAX_QUERY_TOKENS))
    except GraphQLError:
        printed = None
    _normalised[query] = printed
    while len(_normalised) > CACHE_ENTRIES:
        _normalised.popitem(last=False)
    return printed


def _key(query: object, variables: object, operation: object) -> str | None:
    if not isinstance(query, str) or not (variables is None or isinstance(variables, dict)):
        return None
    if not (operation is None or isinstance(operation, str)):
        return None
    normalised = _normalise(query)
    if normalised is None:
        return None
    try:
        vars_ = orjson.dumps(variables or {}, option=orjson.OPT_SORT_KEYS)
    except TypeError:
        return None
    return "\x00".join((normalised, vars_.decode(), operation or ""))


def _matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
    return "*" in tags or etag in tags


class PublicGraphQLFront:
    def __init__(
        self,
        app: ASGIApp,
        db: Database,
        recheck_seconds: float,
        ticks: Callable[[], float] = time.monotonic,
        fingerprint: Callable[[Database], Awaitable[tuple[object, ...]]] = public_data_fingerprint,
        shared: SharedState | None = None,
    ) -> None:
        self.app = app
        self.db = db
        self.recheck_seconds = recheck_seconds
        self.ticks = ticks  # monotonic seconds, for the recheck interval
        self.fingerprint = fingerprint
        self.shared = shared if shared is not None and shared.enabled else None
        self.cache: OrderedDict[str, CachedAnswer] = OrderedDict()
        self._version: str | None = None
        self._checked_at = float("-inf")
        self._seen_generation = local_generation()
        self._lookup: asyncio.Future[None] | None = None
        self._invalidations = 0
        self.hits = 0  # answered from a cache (this process's or the shared one)
        self.shared_hits = 0  # of which from the shared (Redis) cache
        self.fast_hits = 0  # of which replayed before routing (server/http/public_fast_path.py)
        self.misses = 0

    def invalidate(self) -> None:
        """A release was announced (by any process): look the data version up again now."""
        self._invalidations += 1
        self._checked_at = float("-inf")

    async def data_version(self) -> str:
        """What the public data look like now: the newest release, the unit list, today.

        Only facts every process reads alike (no process-local counter), so the shared cache's
        keys agree between processes. Looked up at most every ``recheck_seconds``, and at once
        after a publication in this process or announced by another; requests arriving while
        it is being looked up wait for that one lookup."""
        while True:
            generation = local_generation()
            if (
                self._version is not None
                and generation == self._seen_generation
                and self.ticks() - self._checked_at < self.recheck_seconds
            ):
                return self._version
            if self._lookup is None:
                break
            await asyncio.shield(self._lookup)
        self._lookup = asyncio.get_running_loop().create_future()
        try:
            started, invalidations = self.ticks(), self._invalidations
            version = repr((await self.fingerprint(self.db), clock.today().isoformat()))
            # Announced while looking up: the lookup may predate the publication; look again.
            self._checked_at = started if invalidations == self._invalidations else float("-inf")
            self._version = version
            self._seen_generation = generation
            return version
        finally:
            lookup, self._lookup = self._lookup, None
            lookup.set_result(None)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        headers = Headers(scope=scope)
        body = b""
        key: str | None = None
        if method in ("GET", "HEAD"):
            params = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            if "query" not in params:
                if "text/html" in headers.get("accept", ""):
                    await documentation_page()(scope, receive, send)
                    return
            else:
                key = self._get_key(params)
        elif method == "POST":
            body = await _read_body(receive)
            if headers.get("content-type", "").split(";")[0].strip() == "application/json":
                key = self._post_key(body)
        replay = replay_body(body) if method == "POST" else receive
        if key is None:
            await self.app(scope, replay, send)
            return
        version = await self.data_version()
        digest = hashlib.sha256(f"{version}\x00{key}".encode()).hexdigest()
        answer = self.cache.get(digest)
        if answer is not None:
            self.cache.move_to_end(digest)
        else:
            answer = await self._shared_get(digest)
        if answer is not None:
            self.hits += 1
            await _respond(answer, headers, scope, receive, send, version, hit=True)
            return
        self.misses += 1
        status, response_headers, content = await _capture(self.app, scope, replay)
        if status == 200 and _cacheable(content):
            answer = self._remember(digest, content)
            await self._shared_put(digest, content)
            await _respond(answer, headers, scope, receive, send, version, hit=False)
            return
        passthrough = Response(content, status_code=status)
        passthrough.raw_headers = [
            (k, v) for k, v in response_headers if k.lower() != b"content-length"
        ] + [(b"content-length", str(len(content)).encode()), (b"cache-control", b"no-store")]
        await passthrough(scope, receive, send)

    def _remember(self, digest: str, content: bytes) -> CachedAnswer:
        answer = CachedAnswer(content, gzip.compress(content, 6), _etag(content))
        self.cache[digest] = answer
        while len(self.cache) > CACHE_ENTRIES:
            self.cache.popitem(last=False)
        return answer

    async def _shared_get(self, digest: str) -> CachedAnswer | None:
        if self.shared is None:
            return None
        key = self.shared.key("public", "answer", digest)
        content = await self.shared.call("public cache", lambda r: r.get(key))
        if not isinstance(content, bytes):
            return None
        self.shared_hits += 1
        return self._remember(digest, content)

    async def _shared_put(self, digest: str, content: bytes) -> None:
        if self.shared is None or len(content) > SHARED_ANSWER_MAX_BYTES:
            return
        key = self.shared.key("public", "answer", digest)
        await self.shared.call(
            "public cache", lambda r: r.set(key, content, ex=SHARED_ANSWER_SECONDS)
        )

    @staticmethod
    def _get_key(params: dict[str, list[str]]) -> str | None:
        try:
            variables = orjson.loads(params["variables"][0]) if "variables" in params else None
        except orjson.JSONDecodeError:
            return None
        operation = params.get("operationName", [None])[0]
        return _key(params["query"][0], variables, operation)

    @staticmethod
    def _post_key(body: bytes) -> str | None:
        try:
            data = orjson.loads(body)
        except orjson.JSONDecodeError:
            return None
        if not isinstance(data, dict):
            return None  # a batch (list) goes to Strawberry, which refuses it
        return _key(data.get("query"), data.get("variables"), data.get("operationName"))


def _cacheable(content: bytes) -> bool:
    try:
        data = orjson.loads(content)
    except orjson.JSONDecodeError:
        return False
    return isinstance(data, dict) and "errors" not in data and data.get("data") is not None


async def _respond(
    answer: CachedAnswer,
    request_headers: Headers,
    scope: Scope,
    receive: Receive,
    send: Send,
    version: str,
    *,
    hit: bool,
) -> None:
    common = {
        "ETag": answer.etag,
        "Cache-Control": CACHE_CONTROL,
        "Vary": "Accept-Encoding",
        "X-Cache": "HIT" if hit else "MISS",
    }
    if _matches(request_headers.get("if-none-match"), answer.etag):
        await Response(status_code=304, headers=common)(scope, receive, send)
        return
    # For the outermost shortcut (public_fast_path): this answer may be replayed as it is sent.
    scope[ANSWER_VERSION_SCOPE_KEY] = version
    if "gzip" in request_headers.get("accept-encoding", "") and len(answer.body) >= 1_000:
        response = Response(
            answer.gzipped,
            media_type="application/json",
            headers={**common, "Content-Encoding": "gzip"},
        )
    else:
        response = Response(answer.body, media_type="application/json", headers=common)
    await response(scope, receive, send)


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def replay_body(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    return receive


async def _capture(
    app: ASGIApp, scope: Scope, receive: Receive
) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    status = 500
    headers: list[tuple[bytes, bytes]] = []
    chunks: list[bytes] = []

    async def send(message: Message) -> None:
        nonlocal status, headers
        if message["type"] == "http.response.start":
            status = message["status"]
            headers = list(message.get("headers", []))
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return status, headers, b"".join(chunks)


def _example_names() -> list[str]:
    if not EXAMPLES_DIR.is_dir():
        return []
    return sorted(p.stem for p in EXAMPLES_DIR.glob("*.graphql"))


def documentation_page() -> HTMLResponse:
    """A self-hosted page for browsers: no script, nothing from other sites (our CSP)."""
    examples = "".join(
        f'<li><a href="/public/examples/{escape(n)}.graphql">{escape(n)}</a></li>'
        for n in _example_names()
    )
    html = f"""<!doctype html>
<html lang="id"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API publik e-Kinerja Kota Salatiga / public API</title></head>
<body><main>
<h1>API GraphQL publik e-Kinerja Kota Salatiga</h1>
<p lang="en"><em>Public GraphQL API of e-Kinerja Kota Salatiga.</em></p>
<p>Titik akhir ini hanya menerima kueri (bukan mutasi) dan hanya berisi angka agregat dari rilis
data yang sudah diterbitkan. Nilai yang menyangkut terlalu sedikit orang bernilai
<code>null</code> dengan alasan di kolom <code>…Status</code>.</p>
<p lang="en">Queries only; aggregates of published releases only. Values about too few people
are <code>null</code> with the reason in the matching <code>…Status</code> field.</p>
<h2>Cara memakai / how to use</h2>
<p>Kirim <code>POST</code> dengan <code>Content-Type: application/json</code> dan badan
<code>{{"query": "…", "variables": {{}}}}</code>, atau <code>GET ?query=…</code>:</p>
<pre>curl -s https://&lt;host&gt;/public/graphql \\
  -H 'Content-Type: application/json' \\
  -d '{{"query": "{{ latestRelease {{ number periodCode city {{ headcount }} }} }}"}}'</pre>
<p>Jawaban dapat di-cache: setiap jawaban membawa <code>ETag</code>; kirim
<code>If-None-Match</code> untuk mendapat <code>304</code>. Batas: kedalaman, alias, token,
biaya kueri (<code>extensions.cost</code>) dan laju per alamat (<code>429</code> +
<code>Retry-After</code>).</p>
<h2>Skema / schema</h2>
<p><a href="/public/schema.graphql">SDL skema publik (schema.graphql)</a> — introspeksi juga
diizinkan / introspection is allowed.</p>
<h2>Contoh kueri / example queries</h2>
<ul>{examples}</ul>
<h2>Unduhan data / bulk data</h2>
<p><a href="/public/data/latest/datapackage.json">/public/data/latest/datapackage.json</a>
(CSV dan JSON per rilis, dengan kamus data, lisensi dan checksum).</p>
</main></body></html>
"""
    return HTMLResponse(html, headers={"Cache-Control": "public, max-age=300"})
