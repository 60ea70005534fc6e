"""The public side in a browser: the performance pages of the latest release (/kinerja, one
unit), the citizen satisfaction survey sent from the SPA (/layanan/<token>), accessibility at
360 px, and the real Content Security Policy."""

from __future__ import annotations

import re
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from server import clock
from server.domain.enums import UnitKind
from tests.e2e.conftest import AXE, ROOT, LiveServer

SERVICE_CODE = "E2E-KTP-EL"
SERVICE_NAME = "Perekaman KTP elektronik"
UNSUR_NAMES = (
    "Persyaratan",
    "Sistem, Mekanisme, dan Prosedur",
    "Waktu Penyelesaian",
    "Biaya/Tarif",
    "Produk Spesifikasi Jenis Pelayanan",
    "Kompetensi Pelaksana",
    "Perilaku Pelaksana",
    "Penanganan Pengaduan, Saran dan Masukan",
    "Sarana dan Prasarana",
)

# Run in a subprocess with the live server's environment, so it writes to the same database.
CREATE_SERVICE = """
import asyncio, sys
import sqlalchemy as sa
from server.config import Settings
from server.db.engine import Database
from server.db.models import Unit
from server.services.actor import system_actor
from server.services.survey.services import ServiceInput, create_service

async def main() -> None:
    db = Database(Settings.from_env().database_url)
    try:
        async with db.read() as session:
            unit_id = await session.scalar(sa.select(Unit.id).where(Unit.code == sys.argv[1]))
        service = await create_service(
            db, system_actor("e2e"), ServiceInput(unit_id, sys.argv[2], sys.argv[3], None)
        )
        print(service.survey_token)
    finally:
        await db.dispose()

asyncio.run(main())
"""


class Published:
    def __init__(self, unit_code: str, unit_name: str, token: str, release: int) -> None:
        self.unit_code = unit_code
        self.unit_name = unit_name
        self.token = token
        self.release = release


@pytest.fixture(scope="module")
def published(live_server: LiveServer, tmp_path_factory: pytest.TempPathFactory) -> Published:
    """A survey service of a perangkat daerah (Disdukcapil), then a release of this year."""
    env = dict(live_server.env)
    city = live_server.city
    perangkat = [u for u in city.units if u.kind == UnitKind.PERANGKAT_DAERAH]
    unit = next((u for u in perangkat if u.code == "DISDUKCAPIL"), perangkat[0])
    created = subprocess.run(
        [sys.executable, "-c", CREATE_SERVICE, unit.code, SERVICE_CODE, SERVICE_NAME],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    token = created.stdout.strip().splitlines()[-1]
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "server",
            "publish",
            "--period",
            str(clock.today().year),
            "--provisional",
            "--supersede",  # another module may have published it on this server already
        ],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    match = re.search(r"Rilis #(\d+)", done.stdout)
    assert match, done.stdout
    return Published(unit.code, unit.name, token, int(match.group(1)))


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    # bypass_csp only so that axe-core can be injected; the CSP test below runs without it.
    context = browser.new_context(
        viewport={"width": 360, "height": 780}, locale="id-ID", bypass_csp=True
    )
    page = context.new_page()
    yield page
    context.close()


def _axe_violations(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}))"
        ".violations.map(v => ({id: v.id, nodes: v.nodes.length, help: v.help,"
        " targets: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
    )
    return list(result)


def _fits_360(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth") <= 360)


def test_kinerja_shows_the_city_and_a_sortable_table_of_units(
    live_server: LiveServer, published: Published, page: Any
) -> None:
    page.goto(live_server.url + "/")
    page.get_by_role("navigation").get_by_role("link", name="Kinerja Unit").click()
    page.wait_for_url("**/kinerja")
    page.get_by_test_id("units-table").wait_for()

    assert page.get_by_test_id("release-number").inner_text().strip() == (
        f"Rilis #{published.release}"
    )
    facts = page.get_by_test_id("release-facts").inner_text()
    assert str(clock.today().year) in facts
    assert page.get_by_role("link", name=re.compile("Metodologi versi")).is_visible()
    headcount = page.get_by_test_id("city-headcount").locator("dd").inner_text().strip()
    assert re.fullmatch(r"\d[\d.]*", headcount), headcount
    assert int(headcount.replace(".", "")) > 300
    assert re.search(r"\d+,\d %", page.get_by_test_id("city-skp").inner_text())
    ikm = page.get_by_test_id("city-ikm").inner_text()
    assert "responden" in ikm

    # Perangkat daerah first, then the four kecamatan; every withheld cell says why.
    rows = page.get_by_test_id("unit-row")
    codes = [rows.nth(i).get_attribute("data-unit-code") for i in range(rows.count())]
    kinds = {u.code: u.kind for u in live_server.city.units}
    assert [kinds[c] for c in codes] == sorted(
        (kinds[c] for c in codes), key=lambda k: k != UnitKind.PERANGKAT_DAERAH
    )
    assert sum(1 for c in codes if kinds[c] == UnitKind.KECAMATAN) == 4
    withheld = page.locator("[data-testid=units-table] .withheld")
    assert withheld.count() > 0
    for i in range(min(withheld.count(), 20)):
        text = withheld.nth(i).inner_text()
        assert text.startswith("—")
        assert "disembunyikan" in text or "belum tersedia" in text

    # Sort by head count: aria-sort follows, biggest first, withheld last.
    page.locator("button[data-sort-key=headcount]").click()
    header = page.locator("th", has=page.locator("button[data-sort-key=headcount]"))
    assert header.get_attribute("aria-sort") == "descending"
    first = rows.nth(0).locator("td").nth(0).inner_text().strip()
    second = rows.nth(1).locator("td").nth(0).inner_text().strip()
    assert int(first.replace(".", "")) >= int(second.replace(".", ""))

    # Filter by kind.
    page.locator("#kind-filter").select_option("KECAMATAN")
    assert rows.count() == 4

    # The CSV of the same data.
    csv_link = page.get_by_test_id("units-csv")
    href = csv_link.get_attribute("href")
    assert href == f"/public/data/{published.release}/units.csv"
    with urllib.request.urlopen(live_server.url + href, timeout=5) as response:  # noqa: S310
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/csv")
        assert response.read().decode().startswith("release,")

    assert _fits_360(page)
    assert _axe_violations(page) == []


def test_unit_page_shows_services_follow_ups_and_the_time_series(
    live_server: LiveServer, published: Published, page: Any
) -> None:
    page.goto(live_server.url + "/kinerja")
    page.get_by_test_id("units-table").wait_for()
    page.get_by_role("link", name=published.unit_name, exact=True).click()
    page.wait_for_url(f"**/kinerja/unit/{published.unit_code}")
    page.get_by_test_id("unit-figures").wait_for()

    heading = page.locator("h1")
    assert heading.inner_text().strip() == published.unit_name
    assert page.evaluate("document.activeElement.tagName") == "H1"
    assert page.title().startswith(published.unit_name)

    service = page.locator(f"[data-service-code={SERVICE_CODE}]")
    assert SERVICE_NAME in service.locator("h3").inner_text()
    unsur = service.get_by_test_id("unsur-table").inner_text()
    for name in UNSUR_NAMES:
        assert name in unsur
    # No answers yet: the index is withheld with its reason, not shown as zero.
    assert "—" in service.inner_text()
    assert "0,00" not in service.inner_text()

    assert page.get_by_test_id("unit-follow-ups").is_visible()
    series = page.get_by_test_id("series-table").inner_text()
    assert f"#{published.release}" in series

    assert _fits_360(page)
    assert _axe_violations(page) == []

    page.get_by_role("link", name="Kembali ke daftar unit").click()
    page.get_by_test_id("units-table").wait_for()


def test_citizen_answers_the_survey_from_the_spa(
    live_server: LiveServer, published: Published, page: Any
) -> None:
    page.goto(f"{live_server.url}/layanan/{published.token}")
    page.get_by_test_id("survey-form").wait_for()
    assert SERVICE_NAME in page.get_by_test_id("survey-service").inner_text()
    questions = page.get_by_test_id("survey-question")
    assert questions.count() == 9
    # Nothing that could identify the respondent.
    for forbidden in ("nama", "telepon", "phone", "alamat", "address", "name"):
        assert page.locator(f"input[name={forbidden}], textarea[name={forbidden}]").count() == 0
    # The honeypot is off-screen, out of the tab order and hidden from screen readers.
    honeypot = page.locator("input[name=website]")
    box = honeypot.bounding_box()
    assert box is not None
    assert box["x"] + box["width"] <= 0
    assert honeypot.get_attribute("tabindex") == "-1"
    assert _fits_360(page)
    assert _axe_violations(page) == []

    # Sent empty: an error summary, focused, with a link to the first question.
    page.get_by_test_id("survey-submit").click()
    summary = page.get_by_test_id("survey-errors")
    summary.get_by_role("link").first.wait_for()
    assert "Jawab sedikitnya 5 dari 9" in summary.inner_text()
    assert page.evaluate("document.activeElement.dataset.testid") == "survey-errors"
    assert page.locator("#f-u1-1").get_attribute("aria-describedby") == "f-answers-error"
    assert _axe_violations(page) == []

    for n in range(1, 10):
        page.locator(f"#f-u{n}-{3 if n % 2 else 4}").check()
    page.locator("#f-age_band").select_option("30_39")
    page.locator("#f-comment").fill("Antrean cepat, petugas ramah.")
    assert "29 dari 2.000 karakter" in page.locator("#comment-count").inner_text()
    page.get_by_test_id("survey-submit").click()
    thanks = page.get_by_test_id("survey-thanks")
    thanks.wait_for()
    assert "Terima kasih" in thanks.inner_text()
    assert _axe_violations(page) == []

    # The same answer again from the same browser: refused with the reason, not counted twice.
    page.reload()
    page.get_by_test_id("survey-form").wait_for()
    for n in range(1, 10):
        page.locator(f"#f-u{n}-{3 if n % 2 else 4}").check()
    page.get_by_test_id("survey-submit").click()
    general = page.get_by_test_id("survey-general-error")
    general.wait_for()
    assert "24 jam terakhir" in general.inner_text()


def test_unknown_survey_link_says_so(live_server: LiveServer, page: Any) -> None:
    page.goto(f"{live_server.url}/layanan/{'x' * 32}")
    page.get_by_test_id("survey-not-found").wait_for()
    assert "tidak dikenal" in page.get_by_test_id("survey-not-found").inner_text()


def test_public_pages_run_under_the_strict_csp(
    live_server: LiveServer, published: Published, browser: Any
) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 780})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.goto(live_server.url + "/kinerja")
    page.get_by_test_id("unit-row").first.wait_for()
    page.goto(f"{live_server.url}/kinerja/unit/{published.unit_code}")
    page.get_by_test_id("unsur-table").first.wait_for()
    page.goto(live_server.url + "/kinerja/metodologi")
    page.get_by_test_id("method-definitions").wait_for()
    page.goto(f"{live_server.url}/layanan/{published.token}")
    page.get_by_test_id("survey-form").wait_for()
    context.close()
    assert [p for p in problems if "Content Security Policy" in p] == []


def test_spa_operations_are_valid_against_the_committed_schemas() -> None:
    """Public pages' operations against the public SDL, staff screens' against the internal one
    (graphql-codegen refuses invalid ones too, in `npm run build` and `npm test`)."""
    from graphql import build_schema, parse, validate

    for folder, sdl in (("public", "public.graphql"), ("staff", "internal.graphql")):
        schema = build_schema((ROOT / "schema" / sdl).read_text(encoding="utf-8"))
        files = sorted((ROOT / "web" / "src" / folder).rglob("*.graphql"))
        assert files, folder
        source = "\n".join(f.read_text(encoding="utf-8") for f in files)
        assert validate(schema, parse(source)) == [], folder
