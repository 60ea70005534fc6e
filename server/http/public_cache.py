"""The front of /public/graphql: response cache with ETag/304, and the endpoint's own page.

Public answers change only when a release is published (or, for the legacy ``units`` fields,
when the unit list changes), so a successful answer is kept, keyed by the normalised query,
the variables, the operation name and a fingerprint of the published data. The fingerprint is
looked up at most every ``public_cache_recheck_seconds`` (a release published by another
process is seen within that time; one published in this process at once). A hit is served
from memory without touching GraphQL; ``If-None-Match`` with the current ETag gives 304.
Answers with errors are never cached.
"""

from __future__ import annotations

import gzip
import hashlib
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path
from urllib.parse import parse_qs

import orjson
from graphql import GraphQLError, parse, print_ast
from starlette.datastructures import Headers
from starlette.responses import HTMLResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.db.engine import Database
from server.services.releases.freshness import public_data_fingerprint
from server.services.releases.read import local_generation

CACHE_ENTRIES = 1_024
CACHE_CONTROL = "public, max-age=60"
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
        clock: Callable[[], float] = time.monotonic,
        fingerprint: Callable[[Database], Awaitable[tuple[object, ...]]] = public_data_fingerprint,
    ) -> None:
        self.app = app
        self.db = db
        self.recheck_seconds = recheck_seconds
        self.clock = clock
        self.fingerprint = fingerprint
        self.cache: OrderedDict[str, CachedAnswer] = OrderedDict()
        self._version: str | None = None
        self._checked_at = float("-inf")
        self.hits = 0
        self.misses = 0

    async def _data_version(self) -> str:
        now = self.clock()
        if self._version is None or now - self._checked_at >= self.recheck_seconds:
            self._version = repr((await self.fingerprint(self.db), date.today().isoformat()))
            self._checked_at = now
        return f"{self._version}|{local_generation()}"

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
        replay = _replay(body) if method == "POST" else receive
        if key is None:
            await self.app(scope, replay, send)
            return
        digest = hashlib.sha256(f"{await self._data_version()}\x00{key}".encode()).hexdigest()
        answer = self.cache.get(digest)
        if answer is not None:
            self.hits += 1
            self.cache.move_to_end(digest)
            await _respond(answer, headers, scope, receive, send)
            return
        self.misses += 1
        status, response_headers, content = await _capture(self.app, scope, replay)
        if status == 200 and _cacheable(content):
            answer = CachedAnswer(content, gzip.compress(content, 6), _etag(content))
            self.cache[digest] = answer
            while len(self.cache) > CACHE_ENTRIES:
                self.cache.popitem(last=False)
            await _respond(answer, headers, scope, receive, send)
            return
        passthrough = Response(content, status_code=status)
        passthrough.raw_headers = [
            (k, v) for k, v in response_headers if k.lower() != b"content-length"
        ] + [(b"content-length", str(len(content)).encode()), (b"cache-control", b"no-store")]
        await passthrough(scope, receive, send)

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
    answer: CachedAnswer, request_headers: Headers, scope: Scope, receive: Receive, send: Send
) -> None:
    common = {"ETag": answer.etag, "Cache-Control": CACHE_CONTROL, "Vary": "Accept-Encoding"}
    if _matches(request_headers.get("if-none-match"), answer.etag):
        await Response(status_code=304, headers=common)(scope, receive, send)
        return
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


def _replay(body: bytes) -> Receive:
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
