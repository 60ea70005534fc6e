"""Serving the built SPA: hashed assets cached for a year, index.html for client routes."""

from __future__ import annotations

import logging
from pathlib import Path

import sqlalchemy as sa
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.staticfiles import StaticFiles

from server.http.errors import error_response
from server.http.page_meta import SITE, SITE_DESCRIPTION, PageMeta, inject, page_meta

log = logging.getLogger(__name__)

API_PREFIXES = ("/api/", "/public/", "/auth/")

MISSING_BUILD = """<!doctype html><html lang="id"><meta charset="utf-8"><title>e-Kinerja Salatiga</title>
<h1>Antarmuka belum dibangun</h1><p>Jalankan <code>make run</code> (atau <code>npm run build</code>
di folder <code>web/</code>). / The web interface has not been built yet.</p></html>"""


class HashedAssets(StaticFiles):
    """Vite names assets by content hash, so they never change: cache them for a year."""

    def file_response(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        response = super().file_response(*args, **kwargs)
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response


def _top_level_file(dist: Path, path: str) -> Path | None:
    """A top-level file of the build (favicon, robots.txt), never one outside the build folder."""
    candidate = (dist / path.lstrip("/")).resolve()
    if (
        candidate.is_file()
        and candidate.parent == dist.resolve()
        and candidate.name != "index.html"
    ):
        return candidate
    return None


class IndexTemplate:
    """index.html, read again only when the build changes it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stamp: float | None = None
        self._text = ""

    def text(self) -> str:
        stamp = self.path.stat().st_mtime
        if stamp != self._stamp:
            self._text = self.path.read_text(encoding="utf-8")
            self._stamp = stamp
        return self._text


async def _meta(request: Request) -> PageMeta:
    try:
        return await page_meta(request.app.state.db, request.url.path)
    except (sa.exc.SQLAlchemyError, OSError):
        # The page itself must still load (it shows its own error); only the preview is generic.
        log.warning("page metadata unavailable for %s", request.url.path, exc_info=True)
        return PageMeta(SITE, SITE_DESCRIPTION)


def spa_fallback(dist: Path):  # type: ignore[no-untyped-def]
    index = dist / "index.html"
    template = IndexTemplate(index)

    async def endpoint(request: Request) -> Response:
        path = request.url.path
        if path.startswith(API_PREFIXES):
            return error_response(404, "NOT_FOUND", "Alamat tidak ditemukan.")
        candidate = _top_level_file(dist, path)
        if candidate is not None:
            return FileResponse(candidate, headers={"Cache-Control": "public, max-age=3600"})
        if not index.is_file():
            return HTMLResponse(MISSING_BUILD, status_code=503)
        base = request.app.state.settings.public_base_url.rstrip("/")
        html = inject(template.text(), await _meta(request), base + request.url.path)
        return HTMLResponse(html, headers={"Cache-Control": "no-cache"})

    return endpoint
