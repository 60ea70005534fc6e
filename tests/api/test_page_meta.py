"""Shareable URLs: every public page's index.html carries its own title, description and
Open Graph / Twitter card tags (link previews do not run the SPA's script)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette

from server.app import create_app
from server.config import Settings
from server.db.engine import Database
from server.http.page_meta import PageMeta, inject
from server.services.actor import system_actor
from server.services.survey import services
from tests.conftest import SmallOrg, lifespan

INDEX = (
    '<!doctype html><html lang="id"><head><meta charset="utf-8" />'
    '<meta name="description" content="shell" />'
    '<title>e-Kinerja Kota Salatiga</title></head><body><div id="app"></div></body></html>'
)


@pytest.fixture
async def site(
    settings: Settings, db: Database, tmp_path: Path
) -> AsyncIterator[httpx.AsyncClient]:
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "index.html").write_text(INDEX, encoding="utf-8")
    app: Starlette = create_app(
        dataclasses.replace(settings, web_dist=dist, public_base_url="https://kinerja.example"),
        db,
    )
    async with lifespan(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            yield c


def _meta(html: str, attribute: str, name: str) -> str:
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    assert match, (name, html)
    return match.group(1)


def _title(html: str) -> str:
    match = re.search(r"<title>([^<]*)</title>", html)
    assert match, html
    return match.group(1)


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/", "e-Kinerja Kota Salatiga"),
        ("/kinerja", "Kinerja Unit — e-Kinerja Kota Salatiga"),
        ("/kinerja/metodologi", "Metodologi Data Kinerja — e-Kinerja Kota Salatiga"),
        ("/data", "Data Terbuka — e-Kinerja Kota Salatiga"),
        ("/api-publik", "API Publik untuk Jurnalis dan Pengembang — e-Kinerja Kota Salatiga"),
    ],
)
async def test_each_public_page_has_its_title_and_preview(
    site: httpx.AsyncClient, path: str, title: str
) -> None:
    r = await site.get(path)
    assert r.status_code == 200
    assert r.headers["cache-control"] == "no-cache"
    html = r.text
    assert _title(html) == title
    assert _meta(html, "property", "og:title") == title
    assert _meta(html, "property", "og:url") == f"https://kinerja.example{path}"
    description = _meta(html, "name", "description")
    assert description != "shell"
    assert _meta(html, "property", "og:description") == description
    assert _meta(html, "name", "twitter:card") == "summary"
    assert html.count("<title>") == 1


async def test_a_unit_page_is_named_after_its_unit(
    site: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    html = (await site.get("/kinerja/unit/dinas")).text
    assert _title(html) == "Unit DINAS — Kinerja Unit — e-Kinerja Kota Salatiga"
    assert "Unit DINAS" in _meta(html, "property", "og:description")
    # An unknown unit (or a hostile code) gets the site's own title, escaped, never echoed.
    for path in ("/kinerja/unit/TIDAK-ADA", "/kinerja/unit/%3Cscript%3Ealert(1)%3C%2Fscript%3E"):
        html = (await site.get(path)).text
        assert _title(html) == "e-Kinerja Kota Salatiga"
        assert "<script>alert" not in html


async def test_a_survey_page_is_named_after_its_service(
    site: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    service = await services.create_service(
        db,
        system_actor("test"),
        services.ServiceInput(small_org.ids["DINAS"], "KTP", 'Layanan "KTP" <el>', None),
    )
    html = (await site.get(f"/layanan/{service.survey_token}")).text
    assert _title(html) == (
        "Survei Kepuasan Masyarakat: Layanan &quot;KTP&quot; &lt;el&gt; — e-Kinerja Kota Salatiga"
    )
    assert "<el>" not in html
    assert _title((await site.get(f"/layanan/{'x' * 32}")).text) == "e-Kinerja Kota Salatiga"


def test_injection_escapes_and_clips() -> None:
    html = inject(INDEX, PageMeta('a"b<c>', "d" * 1_000), 'https://x/"y')
    assert '<meta property="og:title" content="a&quot;b&lt;c&gt;" />' in html
    assert 'content="https://x/&quot;y"' in html
    description = _meta(html, "name", "description")
    assert len(description) == 300
    assert description.endswith("…")
