"""Plain HTTP: security headers, /healthz, the SPA fallback and hashed assets, path traversal,
body-size limits, and which routes are JSON rather than the SPA."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.types import Message

from server.api.public.limits import MAX_BODY_BYTES as PUBLIC_MAX_BODY
from server.app import create_app
from server.config import Settings
from server.db.engine import Database
from server.http.security_headers import HEADERS
from tests.conftest import PASSWORD, SmallOrg, lifespan, login

INDEX_HTML = '<!doctype html><html><head><script type="module" src="/assets/x-abc.js"></script></head><body><div id="app">SPA-INDEX</div></body></html>'
ASSET_JS = "console.log('asset-x-abc');\n"
SECRET = "TOP-SECRET-OUTSIDE-DIST"


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    root = tmp_path / "dist"
    (root / "assets").mkdir(parents=True)
    (root / "index.html").write_text(INDEX_HTML, encoding="utf-8")
    (root / "assets" / "x-abc.js").write_text(ASSET_JS, encoding="utf-8")
    (root / "robots.txt").write_text("User-agent: *\n", encoding="utf-8")
    # Files next to the build that must never be served.
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    (root / "assets" / "nested").mkdir()
    return root


@pytest.fixture
async def spa_app(settings: Settings, db: Database, dist: Path) -> AsyncIterator[Starlette]:
    application = create_app(dataclasses.replace(settings, web_dist=dist), db)
    async with lifespan(application):
        yield application


@pytest.fixture
async def spa(spa_app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=spa_app, client=("10.1.2.3", 5555))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


async def _raw_get(app: Starlette, raw_path: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send a path exactly as given (no client-side normalisation of dots or escapes)."""
    path = raw_path.split(b"?")[0]
    from urllib.parse import unquote

    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": unquote(path.decode("latin-1")),
        "raw_path": path,
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"testserver")],
        "client": ("10.1.2.3", 5555),
        "server": ("testserver", 80),
    }
    messages: list[Message] = []

    sent_request = False
    never = asyncio.Event()

    async def receive() -> dict[str, Any]:
        nonlocal sent_request
        if not sent_request:
            sent_request = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await never.wait()  # the client stays connected; the app cancels this when done
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        messages.append(message)

    await app(scope, receive, send)
    start = next(m for m in messages if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
    headers = {k.decode().lower(): v.decode() for k, v in start["headers"]}
    return start["status"], headers, body


def _assert_security_headers(response: httpx.Response) -> None:
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value, (name, response.headers.get(name))
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"]


# --- security headers ------------------------------------------------------------------------


async def test_security_headers_on_every_kind_of_response(
    spa: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    responses = [
        await spa.get("/healthz"),
        await spa.get("/"),
        await spa.get("/masuk"),
        await spa.get("/assets/x-abc.js"),
        await spa.get("/api/unknown"),
        await spa.post("/api/graphql", json={"query": "{ me { login } }"}),  # 401
        await spa.post("/public/graphql", json={"query": "{ about { instansi } }"}),
        await spa.post(
            "/auth/login", json={"login": "staf", "password": "salah-sekali-123"}
        ),  # 401
        await spa.post(
            "/public/graphql",
            content=b"x" * (PUBLIC_MAX_BODY + 1),
            headers={"content-type": "application/json"},
        ),  # 413
    ]
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 404, 401, 200, 401, 413]
    for response in responses:
        _assert_security_headers(response)
        assert "strict-transport-security" not in response.headers  # plain http


async def test_hsts_only_over_https(app: Starlette) -> None:
    transport = httpx.ASGITransport(app=app, client=("10.1.2.3", 5555))
    async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as c:
        response = await c.get("/healthz")
    assert response.status_code == 200
    assert response.headers["strict-transport-security"].startswith("max-age=31536000")
    _assert_security_headers(response)


# --- /healthz --------------------------------------------------------------------------------


async def test_healthz_answers_ok_and_is_not_cached(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == {"status": "ok", "database": "ok"}
    assert response.headers["cache-control"] == "no-store"
    head = await client.post("/healthz")
    assert head.status_code == 405


async def test_healthz_reports_an_unreachable_database(settings: Settings, tmp_path: Path) -> None:
    # A PostgreSQL URL on a closed port: the connection is refused at once. (A SQLite file in a
    # missing folder fails inside aiosqlite's worker thread, which can outlive the test's loop.)
    broken = Database("postgresql+asyncpg://nobody@127.0.0.1:9/none")
    application = create_app(settings, broken)
    try:
        async with lifespan(application):
            transport = httpx.ASGITransport(app=application, client=("10.1.2.3", 5555))
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
                response = await c.get("/healthz")
    finally:
        await broken.dispose()
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable"}
    _assert_security_headers(response)


# --- SPA fallback and assets ------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/masuk", "/portal", "/portal/profil/12", "/en/units?x=1"])
async def test_client_routes_get_index_html(spa: httpx.AsyncClient, path: str) -> None:
    response = await spa.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.text == INDEX_HTML
    # index.html names the current hashed assets: it must always be revalidated.
    assert response.headers["cache-control"] == "no-cache"


async def test_head_on_a_client_route(spa: httpx.AsyncClient) -> None:
    response = await spa.head("/portal")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.content == b""


async def test_hashed_assets_are_cached_for_a_year(spa: httpx.AsyncClient) -> None:
    response = await spa.get("/assets/x-abc.js")
    assert response.status_code == 200
    assert response.text == ASSET_JS
    assert "javascript" in response.headers["content-type"]
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert response.headers["x-content-type-options"] == "nosniff"


async def test_a_missing_asset_is_a_404_not_the_index(spa: httpx.AsyncClient) -> None:
    response = await spa.get("/assets/x-old.js")
    assert response.status_code == 404
    assert "SPA-INDEX" not in response.text
    assert "immutable" not in response.headers.get("cache-control", "")


async def test_top_level_build_files_are_served(spa: httpx.AsyncClient) -> None:
    response = await spa.get("/robots.txt")
    assert response.status_code == 200
    assert response.text == "User-agent: *\n"
    assert "immutable" not in response.headers["cache-control"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/unknown",
        "/api/graphql/extra",
        "/public/unknown",
        "/public/data/x.csv",
        "/auth/unknown",
    ],
)
async def test_unknown_api_paths_are_json_404s_not_the_spa(
    spa: httpx.AsyncClient, path: str
) -> None:
    response = await spa.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["error"]["code"] == "NOT_FOUND"
    assert "SPA-INDEX" not in response.text


async def test_post_to_a_client_route_is_not_allowed(spa: httpx.AsyncClient) -> None:
    response = await spa.post("/masuk", json={})
    assert response.status_code == 405
    assert "SPA-INDEX" not in response.text


async def test_without_a_build_the_fallback_explains_how_to_build(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/masuk")
    assert response.status_code == 503
    assert response.headers["content-type"].startswith("text/html")
    assert "make run" in response.text
    api = await client.get("/api/unknown")
    assert api.status_code == 404
    assert api.headers["content-type"].startswith("application/json")


@pytest.mark.parametrize(
    "raw_path",
    [
        b"/..%2f..%2fetc/passwd",
        b"/..%2fsecret.txt",
        b"/../secret.txt",
        b"/%2e%2e/secret.txt",
        b"/assets/..%2f..%2fsecret.txt",
        b"/assets/../../secret.txt",
        b"/assets/%2e%2e/%2e%2e/secret.txt",
        b"/assets/..%5c..%5csecret.txt",
        b"/%2fetc%2fpasswd",
        b"//etc/passwd",
    ],
)
async def test_path_traversal_never_leaks_files(spa_app: Starlette, raw_path: bytes) -> None:
    status, headers, body = await _raw_get(spa_app, raw_path)
    assert SECRET.encode() not in body
    assert b"root:" not in body  # /etc/passwd
    # Either refused or the SPA shell: never a file from outside the build.
    assert status in {200, 400, 404}
    if status == 200:
        assert body == INDEX_HTML.encode()
        assert headers["cache-control"] == "no-cache"


async def test_path_traversal_through_the_http_client(spa: httpx.AsyncClient) -> None:
    for path in ("/..%2f..%2fetc/passwd", "/..%2fsecret.txt", "/assets/..%2f..%2fsecret.txt"):
        response = await spa.get(path)
        assert SECRET not in response.text
        assert "root:" not in response.text
        assert response.status_code in {200, 404}


# --- request size limits -----------------------------------------------------------------------


async def test_public_body_over_the_limit_is_refused_with_413(client: httpx.AsyncClient) -> None:
    padding = " " * (PUBLIC_MAX_BODY + 10)
    response = await client.post(
        "/public/graphql",
        content=f'{{"query": "{{ about {{ instansi }} }}"{padding}}}'.encode(),
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 413
    assert "data" not in response.text


async def test_public_body_limit_holds_without_a_content_length(client: httpx.AsyncClient) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"query": "{ about { instansi } }", "pad": "'
        for _ in range(20):
            yield b"x" * 1_000
        yield b'"}'

    response = await client.post(
        "/public/graphql", content=chunks(), headers={"content-type": "application/json"}
    )
    assert "content-length" not in response.request.headers
    assert response.status_code == 413


async def test_a_body_just_under_the_public_limit_is_accepted(client: httpx.AsyncClient) -> None:
    base = '{"query": "{ about { instansi } }"}'
    body = base[:-1] + " " * (PUBLIC_MAX_BODY - len(base)) + "}"
    assert len(body) == PUBLIC_MAX_BODY
    response = await client.post(
        "/public/graphql", content=body.encode(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["data"]["about"]["instansi"] == "Pemerintah Kota Salatiga"


async def test_internal_body_over_the_limit_is_refused_with_413(
    client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    from server.app import INTERNAL_MAX_BODY

    assert (await login(client, "staf", PASSWORD)).status_code == 200
    response = await client.post(
        "/api/graphql",
        content=b'{"query": "{ me { login } }", "pad": "' + b"x" * INTERNAL_MAX_BODY + b'"}',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 413


async def test_compression_of_large_responses(spa: httpx.AsyncClient, dist: Path) -> None:
    (dist / "assets" / "big-abc.js").write_text("const a = 1;\n" * 500, encoding="utf-8")
    response = await spa.get("/assets/big-abc.js", headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers.get("content-encoding") == "gzip"
    assert response.text == "const a = 1;\n" * 500  # httpx decodes it
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
