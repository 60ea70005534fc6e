"""Bulk downloads: /public/data/<release>/<dataset>.csv|.json and datapackage.json.

A numbered release's URLs never change content: they serve the bytes stored when the release
was published (``release_file``), cached for a year as immutable, with an ETag (the file's
SHA-256, also listed in datapackage.json). ``latest`` redirects (302,
short cache) to the newest number.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route, Router
from starlette.types import ASGIApp, Receive, Scope, Send

from server.http.errors import error_response, json_response
from server.services.releases.datasets import release_files
from server.services.releases.read import latest_release_number, list_releases

IMMUTABLE = "public, max-age=31536000, immutable"


async def index(request: Request) -> Response:
    releases = await list_releases(request.app.state.db)
    return json_response(
        {
            "releases": [
                {
                    "number": r.number,
                    "period": r.period_code,
                    "published_at": r.published_at.isoformat(),
                    "superseded_by": r.superseded_by_number,
                    "datapackage": f"/public/data/{r.number}/datapackage.json",
                }
                for r in releases
            ],
            "latest": "/public/data/latest/datapackage.json",
        },
        headers={"Cache-Control": "public, max-age=60"},
    )


async def latest(request: Request) -> Response:
    number = await latest_release_number(request.app.state.db)
    if number is None:
        return error_response(404, "NOT_FOUND", "Belum ada rilis data. / No release yet.")
    name = request.path_params["name"]
    return RedirectResponse(
        f"/public/data/{number}/{name}",
        status_code=302,
        headers={"Cache-Control": "public, max-age=60"},
    )


async def release_file(request: Request) -> Response:
    number: int = request.path_params["number"]
    name: str = request.path_params["name"]
    settings = request.app.state.settings
    files = await release_files(
        request.app.state.db, number, settings.contact, synthetic=settings.demo_mode
    )
    if files is None or name not in files.files:
        return error_response(
            404, "NOT_FOUND", "Rilis atau berkas tidak ada. / No such release or file."
        )
    stored = files.files[name]
    etag = f'"{stored.sha256}"'
    headers = {"Cache-Control": IMMUTABLE, "ETag": etag}
    if_none_match = request.headers.get("if-none-match", "")
    if etag in [t.strip().removeprefix("W/") for t in if_none_match.split(",")]:
        return Response(status_code=304, headers=headers)
    if name.endswith(".csv"):
        headers["Content-Disposition"] = f'attachment; filename="kinerja-rilis-{number}-{name}"'
    # Exactly the bytes stored at publication, never a new rendering.
    return Response(stored.content, media_type=stored.media_type, headers=headers)


async def schema_sdl(request: Request) -> Response:
    from server.api.public.schema import schema
    from server.api.schema_export import sdl_of

    return Response(
        sdl_of(schema._schema),
        media_type="text/plain; charset=utf-8",
        headers={"Cache-Control": "public, max-age=300"},
    )


async def example_query(request: Request) -> Response:
    from server.http.public_cache import EXAMPLES_DIR

    name = request.path_params["name"]
    path = EXAMPLES_DIR / f"{name}.graphql"
    if not name.replace("_", "").replace("-", "").isalnum() or not path.is_file():
        return error_response(404, "NOT_FOUND", "Contoh tidak ada. / No such example.")
    return Response(
        path.read_bytes(),
        media_type="text/plain; charset=utf-8",
        headers={"Cache-Control": "public, max-age=300"},
    )


async def _not_found(scope: Scope, receive: Receive, send: Send) -> None:
    response = error_response(404, "NOT_FOUND", "Alamat tidak ditemukan. / Not found.")
    await response(scope, receive, send)


def public_routes(wrap: Callable[[ASGIApp], ASGIApp]) -> list[BaseRoute]:
    """Downloads, SDL and examples; ``wrap`` adds CORS and the rate limit around them."""
    inner = Router(
        default=_not_found,
        routes=[
            Route("/schema.graphql", schema_sdl, methods=["GET", "HEAD"]),
            Route("/examples/{name}.graphql", example_query, methods=["GET", "HEAD"]),
            Route("/data/", index, methods=["GET", "HEAD"]),
            Route("/data/latest/{name}", latest, methods=["GET", "HEAD"]),
            Route("/data/{number:int}/{name}", release_file, methods=["GET", "HEAD"]),
        ],
    )
    return [Mount("/public", app=wrap(inner))]
