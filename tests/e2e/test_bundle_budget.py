"""The JavaScript each page loads, read from the production build (web/dist and Vite's
manifest): public pages stay within 60 KB gzipped and never load staff code; the staff area is
its own chunks, and a first visit of any staff screen stays within 100 KB gzipped. The figures are written to tests/e2e/artifacts/js-weight.json."""

from __future__ import annotations

import gzip
import json
from typing import Any

from tests.e2e.conftest import DIST, ROOT

BUDGET = 60_000  # bytes of gzipped JavaScript for a public page
# A staff screen's first visit (entry + staff shell + the screen): on a phone over 3G (~50 KB/s)
# about two seconds. The heaviest today (calibration, My SKP) are about 65-70 KB.
STAFF_BUDGET = 100_000
API_PAGE = "src/public/api/PublicApi.tsx"
PUBLIC_PAGES: dict[str, str | None] = {
    "/": None,  # landing and login are in the entry chunk
    "/kinerja": "src/public/Kinerja.tsx",
    "/kinerja/unit/:code": "src/public/KinerjaUnit.tsx",
    "/kinerja/metodologi": "src/public/method/Methodology.tsx",
    "/layanan/:token": "src/public/Survey.tsx",
    "/data": "src/public/data/OpenData.tsx",
    "/api-publik": API_PAGE,
}
# GraphiQL (with React) is loaded only when a reader opens the explorer: never with a page.
EXPLORER = "src/public/api/Explorer.ts"
STAFF_AREA = "src/staff/StaffArea.tsx"


def _manifest() -> dict[str, Any]:
    path = DIST / ".vite" / "manifest.json"
    assert path.is_file(), "web/dist/.vite/manifest.json is missing: run `make web`"
    manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return manifest


def _closure(manifest: dict[str, Any], key: str) -> set[str]:
    """A chunk and every chunk it imports statically (loaded with it)."""
    seen: set[str] = set()
    todo = [key]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        todo.extend(manifest[current].get("imports", []))
    return seen


def _gzip_size(manifest: dict[str, Any], keys: set[str]) -> int:
    return sum(
        len(gzip.compress((DIST / manifest[k]["file"]).read_bytes(), compresslevel=9))
        for k in keys
        if manifest[k]["file"].endswith(".js")
    )


def test_public_pages_stay_within_the_budget_and_load_no_staff_code() -> None:
    manifest = _manifest()
    entry = _closure(manifest, "index.html")
    report: dict[str, Any] = {"public": {}, "staff": {}}
    for route, page in PUBLIC_PAGES.items():
        keys = entry | (_closure(manifest, page) if page else set())
        size = _gzip_size(manifest, keys)
        report["public"][route] = size
        assert size <= BUDGET, f"{route} loads {size} bytes of gzipped JS (budget {BUDGET})"
        assert not [k for k in keys if k.startswith("src/staff/")], route
        assert EXPLORER not in keys, route
    # The staff area is reached only through a dynamic import (its own chunk).
    assert STAFF_AREA in manifest["index.html"].get("dynamicImports", [])
    staff = _closure(manifest, STAFF_AREA)
    report["staff"]["/portal (shell, home)"] = _gzip_size(manifest, staff - entry)
    for screen in manifest[STAFF_AREA].get("dynamicImports", []):
        report["staff"][screen] = _gzip_size(manifest, _closure(manifest, screen) - staff - entry)
        first_visit = _gzip_size(manifest, entry | staff | _closure(manifest, screen))
        assert first_visit <= STAFF_BUDGET, (
            f"{screen}: a first visit loads {first_visit} bytes of gzipped JS "
            f"(budget {STAFF_BUDGET})"
        )
    report["entry"] = _gzip_size(manifest, entry)
    assert EXPLORER in manifest[API_PAGE].get("dynamicImports", [])
    report["explorer (lazy, opened on demand)"] = _gzip_size(
        manifest, _closure(manifest, EXPLORER) - entry
    )
    out = ROOT / "tests" / "e2e" / "artifacts"
    out.mkdir(parents=True, exist_ok=True)
    (out / "js-weight.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    # Every staff screen is a chunk of its own, not part of the shell.
    assert report["staff"], "the staff area has no lazily loaded screens"
