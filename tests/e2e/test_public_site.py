"""The public site as its readers use it: a citizen finds a unit, reads its IKM and rates a
service through a dropped network (one answer stored, exactly); a journalist downloads a CSV,
checks it against datapackage.json and runs an example query in the API explorer; every public
route passes axe-core at 360 px in both languages."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from server import clock
from server.config import Settings
from tests.e2e.conftest import ROOT, LiveServer, running_demo_server
from tests.e2e.helpers import assert_accessible, fits_width, new_page, screenshot, settle

UNIT_CODE = "DISDUKCAPIL"
UNIT_NAME = "Dinas Kependudukan dan Pencatatan Sipil"
SERVICE_CODE = "SITE-AKTA"
SERVICE_NAME = "Akta kelahiran (uji situs)"
ANSWERS = 40


@dataclass(frozen=True)
class Site:
    release: int
    token: str


def _run(live_server: LiveServer, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, *args],
        env=dict(live_server.env),
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def stored_answers(live_server: LiveServer, key: str | None = None) -> int:
    keyed = [] if key is None else [key]
    return int(
        _run(live_server, "-m", "tests.e2e.public_data", "--count", SERVICE_CODE, *keyed).strip()
    )


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A demo server of this module's own. On the shared one, surveys other modules answer once
    or twice between two releases can be read from the releases' difference, and the disclosure
    audit rightly hides what changed beside them: this module's unit and service among them."""
    with running_demo_server(tmp_path_factory.mktemp("e2e-public-site")) as server:
        yield server


@pytest.fixture(scope="module")
def site(live_server: LiveServer) -> Site:
    """A service of Disdukcapil with enough answers for a published IKM, then a release
    (superseding one another module published on the same server, if any)."""
    made = _run(
        live_server,
        "-m",
        "tests.e2e.public_data",
        f"{UNIT_CODE}:{SERVICE_CODE}:{SERVICE_NAME}:{ANSWERS}",
    )
    token = made.split()[-1]
    published = _run(
        live_server,
        "-m",
        "server",
        "publish",
        "--period",
        str(clock.today().year),
        "--provisional",
        "--supersede",
    )
    match = re.search(r"Rilis #(\d+)", published)
    assert match, published
    return Site(int(match.group(1)), token)


def _answer(page: Any, questions: range) -> None:
    for n in questions:
        page.locator(f"#f-u{n}-{3 if n % 2 else 4}").check()


def test_citizen_finds_a_unit_reads_its_ikm_and_rates_a_service_through_a_network_drop(
    live_server: LiveServer, site: Site, browser: Any
) -> None:
    page = new_page(browser, width=360)
    try:
        page.goto(live_server.url + "/")
        page.locator("#unit-filter").fill("kependudukan")
        page.get_by_test_id("unit-tree").get_by_role("link", name=UNIT_NAME).click()
        page.wait_for_url(f"**/kinerja/unit/{UNIT_CODE}")
        page.get_by_test_id("unit-figures").wait_for()
        settle(page)
        # The release of this module is provisional (issue 8): the page says its figures may change.
        assert "Rilis sementara" in page.get_by_test_id("release-provisional").inner_text()
        ikm = page.get_by_test_id("unit-ikm").inner_text()
        assert re.search(r"\d+,\d\d", ikm), ikm
        assert "mutu" in ikm
        service = page.locator(f"[data-service-code={SERVICE_CODE}]")
        assert re.search(r"\d+,\d\d", service.inner_text())
        assert fits_width(page)
        screenshot(page, "public-unit-360")

        service.get_by_role("link", name=f"Nilai layanan ini: {SERVICE_NAME}").click()
        page.wait_for_url(f"**/layanan/{site.token}")
        page.get_by_test_id("survey-form").wait_for()
        before = stored_answers(live_server)

        # Half answered, then the page is reloaded: the answers are still there.
        _answer(page, range(1, 4))
        page.reload()
        page.get_by_test_id("survey-restored").wait_for()
        assert page.locator("#f-u1-3").is_checked()
        assert page.locator("#f-u2-4").is_checked()

        # The network drops mid-form; the citizen finishes and sends.
        page.context.set_offline(True)
        _answer(page, range(4, 10))
        page.locator("#f-comment").fill("Petugas ramah, antrean cepat.")
        page.get_by_test_id("survey-submit").click()
        offline = page.get_by_test_id("survey-offline")
        offline.wait_for()
        assert "tersimpan di perangkat ini" in offline.inner_text()
        assert stored_answers(live_server) == before
        kept = page.evaluate(f"localStorage.getItem('ekinerja.survey:{site.token}')")
        assert kept is not None
        assert json.loads(kept)["pending"]["u9"] == 3
        screenshot(page, "public-survey-offline-360")
        assert_accessible(page, "survey waiting for the network")

        # The network returns: the answer goes out by itself, once.
        page.context.set_offline(False)
        page.get_by_test_id("survey-thanks").wait_for()
        assert stored_answers(live_server) == before + 1
        assert page.evaluate(f"localStorage.getItem('ekinerja.survey:{site.token}')") is None
        page.reload()
        page.get_by_test_id("survey-form").wait_for()
        assert page.get_by_test_id("survey-restored").count() == 0
        assert stored_answers(live_server) == before + 1
    finally:
        page.context.set_offline(False)
        page.context.close()


def test_an_answer_whose_reply_is_lost_is_stored_once(
    live_server: LiveServer, site: Site, browser: Any
) -> None:
    """The request reaches the server but its reply never comes back: the form sends it again
    under the same idempotency key, and the server answers the repeat "already received"
    without a second row."""
    page = new_page(browser, width=1280)
    try:
        page.goto(f"{live_server.url}/layanan/{site.token}")
        page.get_by_test_id("survey-form").wait_for()
        before = stored_answers(live_server)
        lost: list[int] = []
        keys: list[str | None] = []

        def deliver_then_drop(route: Any) -> None:
            if route.request.method == "POST":
                keys.append(route.request.headers.get("idempotency-key"))
            if route.request.method == "POST" and not lost:
                response = route.fetch()  # the server stores the answer …
                lost.append(response.status)
                route.abort("internetdisconnected")  # … and the reply is lost on the way back
            else:
                route.continue_()

        page.route(f"**/public/survey/{site.token}", deliver_then_drop)
        for n in range(1, 10):
            page.locator(f"#f-u{n}-2").check()
        page.get_by_test_id("survey-submit").click()
        # The form either waits for the network (offline notice) or, the browser still being
        # online, sends again at once; either way the repeat is told it was already received.
        waiting = page.get_by_test_id("survey-offline")
        received = page.get_by_test_id("survey-already-received")
        waiting.or_(received).first.wait_for()
        assert lost == [200]
        assert stored_answers(live_server) == before + 1
        if waiting.count():
            page.evaluate("window.dispatchEvent(new Event('online'))")
        received.wait_for()
        assert stored_answers(live_server) == before + 1
        # Every try carried the one key made when the answers were queued; the row has it.
        assert len(keys) >= 2
        assert len(set(keys)) == 1
        assert keys[0] is not None
        assert re.fullmatch(
            r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", keys[0]
        )
        assert stored_answers(live_server, keys[0]) == 1
    finally:
        page.context.close()


def test_journalist_downloads_a_csv_checks_its_checksum_and_runs_an_example_query(
    live_server: LiveServer, site: Site, browser: Any
) -> None:
    # The real CSP (no bypass): the explorer must work within default-src 'self'.
    page = new_page(browser, width=1280, bypass_csp=False)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    try:
        page.goto(live_server.url + "/")
        page.get_by_role("navigation").get_by_role("link", name="Data Terbuka").click()
        page.wait_for_url("**/data")
        downloads = page.get_by_test_id("release-downloads")
        downloads.wait_for()
        assert downloads.get_attribute("data-release") == str(site.release)
        units = page.locator("[data-testid=dataset][data-dataset=units]")
        shown = units.get_by_test_id("checksum").inner_text().strip()
        with page.expect_download() as info:
            units.get_by_test_id("download-csv").click()
        content = Path(info.value.path()).read_bytes()
        digest = hashlib.sha256(content).hexdigest()
        package_url = f"{live_server.url}/public/data/{site.release}/datapackage.json"
        with urllib.request.urlopen(package_url) as response:  # noqa: S310
            package = json.loads(response.read())
        listed = next(r for r in package["resources"] if r["path"] == "units.csv")
        assert listed["hash"] == f"sha256:{digest}"
        assert shown == digest
        assert content.startswith(b"release") or b"unit_code" in content.splitlines()[0]
        screenshot(page, "public-data-1280")

        page.get_by_role("navigation").get_by_role("link", name="API Publik").click()
        page.wait_for_url("**/api-publik")
        # The limits come from the server (about.limits), the same values it enforces.
        depth = page.locator("[data-testid=api-limit][data-limit='limit.depth'] td").first
        expect(depth).to_have_text("8")
        burst = page.locator("[data-testid=api-limit][data-limit='limit.rate'] td").first
        expect(burst).to_contain_text(str(Settings.from_env(live_server.env).public_rate_burst))
        page.get_by_role("button", name=re.compile("Buka di penjelajah: Ringkasan kota")).click()
        page.locator(".graphiql-container").wait_for(timeout=60_000)
        editor = page.locator(".graphiql-query-editor")
        expect(editor).to_contain_text("CityOverview")
        page.locator(".graphiql-execute-button").click()
        result = page.locator(".result-window")
        expect(result).to_contain_text("requestedQueryCost", timeout=30_000)
        expect(result).to_contain_text('"latestRelease"')
        expect(result).to_contain_text(f'"number": {site.release}')
        screenshot(page, "public-api-explorer-1280")
    finally:
        page.context.close()
    assert [p for p in problems if "Content Security Policy" in p] == [], problems


def test_api_limits_that_fail_to_load_say_so_and_load_on_retry(
    live_server: LiveServer, browser: Any
) -> None:
    """The limits table of /api-publik comes from the site facts (about.limits). When that one
    request fails, the section says so with a retry button; before, it showed its loading line
    for ever (and the page never settled)."""
    page = new_page(browser, width=360)
    refused: list[str] = []
    server_back = False

    def refuse_site_facts_until_back(route: Any) -> None:
        # Every ask fails (the footer's and the page's) until the server is "back".
        if not server_back and "query SiteInfo" in (route.request.post_data or ""):
            refused.append(route.request.url)
            route.fulfill(
                status=503,
                headers={"Retry-After": "1", "Content-Type": "application/json"},
                body='{"errors": [{"message": "service unavailable"}]}',
            )
        else:
            route.continue_()

    try:
        page.route("**/public/graphql", refuse_site_facts_until_back)
        page.goto(live_server.url + "/api-publik")
        limits = page.get_by_test_id("api-limits")
        error = limits.get_by_test_id("load-error")
        error.wait_for()
        assert refused, "the site facts were never asked for"
        expect(limits.get_by_test_id("loading")).to_have_count(0)
        expect(limits.get_by_test_id("api-limit")).to_have_count(0)
        assert_accessible(page, "/api-publik, limits failed")
        server_back = True
        error.get_by_role("button", name="Coba lagi").click()
        depth = limits.locator("[data-testid=api-limit][data-limit='limit.depth'] td").first
        expect(depth).to_have_text("8")
        expect(error).to_have_count(0)
        settle(page)
    finally:
        page.context.close()


PUBLIC_ROUTES = ("/", "/kinerja", "/kinerja/metodologi", "/data", "/api-publik", "/masuk")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_public_route_is_accessible_at_360(
    live_server: LiveServer, site: Site, browser: Any, lang: str
) -> None:
    page = new_page(browser, width=360, lang=lang)
    try:
        routes = [*PUBLIC_ROUTES, f"/kinerja/unit/{UNIT_CODE}", f"/layanan/{site.token}"]
        for route in routes:
            page.goto(live_server.url + route)
            page.locator("h1").wait_for()
            settle(page)
            # The charts' data tables and the data dictionary are checked open too.
            for summary in page.locator("details:not([open]) > summary").all():
                if summary.is_visible():
                    summary.click()
            assert fits_width(page), f"{route} scrolls sideways at 360 px ({lang})"
            assert_accessible(page, f"{route} ({lang})")
            if lang == "id" and route in ("/kinerja", "/data", "/api-publik"):
                screenshot(page, f"public-{route.strip('/').replace('/', '-')}-360")
    finally:
        page.context.close()
