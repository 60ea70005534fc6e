"""Issue 11 "Done when" as one walk, composed from the reusable steps in tests/e2e/steps/, UI
only with the demo logins, over the one session server (no server of its own, no fixed sleeps):

1. HR (admin.bkpsdm) opens a year, sets an organisation predicate, calibrates a unit with a
   justification, downloads a report, imports an employee CSV with one bad row (shown in place,
   nothing written) then the corrected file, and publishes a release;
2. the unit manager (pengelola.diskominfo) creates a survey service and prints its QR poster; a
   citizen answers its survey with a comment; the manager moderates a comment and records a
   follow-up;
3. the auditor finds the publication in the audit log and verifies the chain (360 px, English);
4. a new employee completes the guided first visit and practises an SKP in the sandbox (360 px,
   English), and the real data is unchanged afterwards.

Every visited page is checked with axe-core; each step leaves a screenshot `walk-…` in
tests/e2e/artifacts/.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from urllib.parse import urlparse

from playwright.sync_api import expect

from server.domain.enums import Gender
from server.domain.nip import make_nip
from tests.e2e.conftest import LiveServer
from tests.e2e.helpers import (
    assert_accessible,
    fits_width,
    graphql,
    login_as,
    menu_link,
    open_page,
    screenshot,
    settle,
)
from tests.e2e.steps import bkpsdm, guide
from tests.e2e.steps.audit import find_events, verify_chain
from tests.e2e.steps.calibration import calibrate_with_justification
from tests.e2e.steps.imports import (
    apply_import,
    choose_file,
    drop_file,
    open_imports,
    pick_with_the_keyboard,
)
from tests.e2e.steps.skp import draft_and_submit_skp, open_my_plan
from tests.e2e.steps.unit_manager import (
    create_survey_service,
    moderate_first_waiting_comment,
    open_qr_poster,
    record_follow_up,
)

# Sequence numbers of their own (test_imports_ui uses 981–983): new people on any run.
NIPS = [make_nip(date(1990, 7, 9), date(2015, 3, 1), Gender.LAKI_LAKI, n) for n in (991, 992)]
HEADER = "nip,nama,jenis_asn,golongan,status,kode_jabatan,tmt_jabatan"
SERVICE_CODE = "KOMINFO-WALK-PIK"
SERVICE_NAME = "Layanan Pusat Informasi Kota (jalan uji)"
RELEASE_REASON = "Koreksi jalan uji isu 11"
AUDIT = "{ auditEvents(first: 1) { totalCount nodes { seq } } }"
PLANS = "{ myPlans { id status version workResults { text } } }"


def employees_csv(*, bad: bool) -> bytes:
    rows = [
        f"{NIPS[0]},Uji Jalan Satu,PNS,III/a,,,",
        f"{NIPS[1]},Uji Jalan Dua,PNS,{'V/z' if bad else 'III/b'},,,",
    ]
    return ("\ufeff" + "\r\n".join([HEADER, *rows]) + "\r\n").encode()


def _stored_people(page: Any, live_server: LiveServer) -> int:
    query = "query($s: String) { employees(search: $s) { totalCount } }"
    return sum(
        graphql(page, live_server, query, {"s": nip})["employees"]["totalCount"] for nip in NIPS
    )


def _check(page: Any, step: str) -> None:
    """axe on the page, and its screenshot `walk-<step>`."""
    settle(page)
    assert_accessible(page, f"walk {step}")
    screenshot(page, f"walk-{step}")


def _hr_prepares_and_publishes(page: Any, live_server: LiveServer) -> int:
    """Part 1, HR (BKPSDM). Returns the number of the published release."""
    login_as(page, live_server, "hr_admin")
    running = bkpsdm.server_year(page, live_server)

    bkpsdm.open_screen(page, live_server, "/portal/bkpsdm/tahun")
    year = bkpsdm.open_next_year(page, live_server)
    _check(page, "01-year-opened")

    bkpsdm.open_screen(page, live_server, "/portal/bkpsdm/predikat")
    bkpsdm.set_org_predicate(page, live_server, year, "DISKOMINFO", "BAIK", "Saran Bappeda (jalan)")
    _check(page, "02-predicate")

    calibrated = calibrate_with_justification(page, live_server, shots="walk-03-calibration")
    assert calibrated.final

    bkpsdm.open_screen(page, live_server, "/portal/bkpsdm/laporan")
    page.locator("#report-year").select_option(str(running))
    page.get_by_test_id("report-apply").click()
    page.wait_for_url(f"**/portal/bkpsdm/laporan?tahun={running}")
    settle(page)
    report = bkpsdm.download_report(page, "completion", "csv")
    assert report.content_type.startswith("text/csv")
    assert bkpsdm.csv_rows(report.body), "the completion report has rows"
    _check(page, "04-report")

    # The import: one bad row is shown in place and nothing is written; then the good file.
    open_imports(page, "EMPLOYEES")
    assert _stored_people(page, live_server) == 0
    pick_with_the_keyboard(page)
    preview = choose_file(page, "pegawai-jalan.csv", employees_csv(bad=True))
    expect(preview).to_have_attribute("data-rows", "2")
    bad_row = page.locator("[data-testid=import-row][data-line='3']")
    expect(bad_row).to_have_attribute("data-ok", "false")
    expect(page.get_by_test_id("import-bad-count")).to_have_attribute("data-count", "1")
    expect(page.get_by_test_id("import-apply")).to_be_disabled()
    assert _stored_people(page, live_server) == 0
    _check(page, "05-import-bad-row")
    drop_file(page, "pegawai-jalan-benar.csv", employees_csv(bad=False))
    created, _updated, _unchanged = apply_import(page)
    assert created == 2
    assert _stored_people(page, live_server) == 2
    _check(page, "06-import-applied")

    bkpsdm.open_screen(page, live_server, "/portal/bkpsdm/rilis")
    published = bkpsdm.publish_release(page, str(running), reason=RELEASE_REASON)
    _check(page, "07-release-published")
    public = graphql(page, live_server, "{ dataReleases { number note } }")["dataReleases"][0]
    assert public == {"number": published.number, "note": RELEASE_REASON}
    return published.number


def _citizen_comments(
    browser: Any, pages: list[Any], survey_url: str, live_server: LiveServer
) -> None:
    """A citizen answers the new service's survey (the link the QR encodes) with a comment."""
    citizen = open_page(pages, browser, width=360)
    token = urlparse(survey_url).path.rstrip("/").rsplit("/", 1)[-1]
    citizen.goto(f"{live_server.url}/layanan/{token}")
    citizen.get_by_test_id("survey-form").wait_for()
    for n in range(1, 10):
        citizen.locator(f"#f-u{n}-{3 if n % 2 else 4}").check()
    citizen.locator("#f-comment").fill("Ruang tunggu nyaman, mohon tambah papan informasi.")
    citizen.get_by_test_id("survey-submit").click()
    expect(citizen.get_by_test_id("survey-thanks")).to_be_visible()
    _check(citizen, "09-citizen-answered-360")


def _unit_manager(browser: Any, pages: list[Any], live_server: LiveServer) -> None:
    """Part 2, the unit manager, with a citizen's answer in between."""
    page = open_page(pages, browser)
    login_as(page, live_server, "unit_manager")
    create_survey_service(
        page,
        code=SERVICE_CODE,
        name=SERVICE_NAME,
        description="Informasi layanan kota di satu loket.",
        shot="walk-08-service-created",
    )
    assert_accessible(page, "walk services")
    poster = open_qr_poster(page, SERVICE_CODE, shot="walk-08-qr-poster")
    page.emulate_media(media="print")
    expect(page.get_by_test_id("service-poster")).to_be_visible()
    screenshot(page, "walk-08-qr-poster-print")
    page.emulate_media(media="screen")

    _citizen_comments(browser, pages, poster["surveyUrl"], live_server)

    moderated = moderate_first_waiting_comment(
        page, decision="Setujui", reason="", shot="walk-10-comment-moderated"
    )
    assert_accessible(page, "walk moderation")
    approved = graphql(
        page, live_server, "{ surveyComments(status: DISETUJUI, first: 100) { nodes { id } } }"
    )["surveyComments"]["nodes"]
    assert {"id": moderated} in approved

    year = int(graphql(page, live_server, "{ myAgenda { today } }")["myAgenda"]["today"][:4])
    action = "Memasang papan informasi layanan di ruang tunggu (jalan uji)."
    record_follow_up(page, action=action, date=f"{year}-12-15", shot="walk-11-follow-up")
    assert_accessible(page, "walk follow-up")


def _auditor_finds_the_publication(
    browser: Any, pages: list[Any], live_server: LiveServer, release_number: int
) -> None:
    """Part 3, the auditor, at 360 px in English."""
    page = open_page(pages, browser, width=360, lang="en")
    login_as(page, live_server, "auditor", path="/masuk?kembali=/portal/audit")
    expect(page.get_by_role("heading", level=1, name="Audit log")).to_be_visible()
    rows = find_events(page, "release.publish")
    newest = graphql(
        page,
        live_server,
        '{ auditEvents(action: "release.publish", first: 1) { nodes { seq objectId after } } }',
    )["auditEvents"]["nodes"][0]
    assert newest["objectId"] == str(release_number)
    assert newest["after"]["number"] == release_number
    expect(rows.first).to_have_attribute("data-seq", str(newest["seq"]))
    _check(page, "12-audit-publication-360-en")
    verify_chain(page)
    assert fits_width(page)
    _check(page, "13-audit-chain-verified-360-en")


def _new_employee_practises(browser: Any, pages: list[Any], live_server: LiveServer) -> None:
    """Part 4, a new employee at 360 px in English: the tour, then an SKP in the Latihan; the
    real data (the audit log, which every write extends, and the demo employee's SKP) is
    unchanged."""
    login = guide.new_employee_account(live_server, 2)  # test_guide uses 0 and 1
    page = open_page(pages, browser, width=360, lang="en")
    guide.sign_in(page, live_server, login)
    seen = guide.complete_tour(page, shots="walk-14-tour-360-en")
    assert seen[0] == "welcome"
    auditor = open_page(pages, browser)
    login_as(auditor, live_server, "auditor")
    employee = open_page(pages, browser)
    login_as(employee, live_server, "employee")
    before = (graphql(auditor, live_server, AUDIT), graphql(employee, live_server, PLANS))

    menu_link(page.locator(".staff-nav a[href='/portal/panduan']")).click()
    page.wait_for_url("**/portal/panduan")
    guide.start_practice(page, "pegawai", shots="walk-15-practice-360-en")
    year = bkpsdm.server_year(page, live_server)
    open_my_plan(page, live_server, year)
    if page.get_by_test_id("start-revision").count():
        page.get_by_test_id("start-revision").click()
        page.locator("#start-revision-reason").fill("Latihan revisi (jalan uji)")
        page.locator("[data-form-id=start-revision] button[type=submit]").click()
        expect(page.get_by_test_id("plan-status").first).to_have_attribute(
            "data-status", re.compile("DRAFT|REVISI_DRAFT")
        )
    rhk = "Latihan jalan uji: tersusunnya rekap layanan informasi"
    draft_and_submit_skp(page, live_server, rhk=rhk, shots="walk-16-practice-skp-360-en")
    expect(page.get_by_test_id("practice-banner")).to_be_visible()
    guide.leave_practice(page, shots="walk-17-practice-left-360-en")

    after = (graphql(auditor, live_server, AUDIT), graphql(employee, live_server, PLANS))
    assert after == before
    assert all(w["text"] != rhk for p in after[1]["myPlans"] for w in p["workResults"])


def test_issue_11_acceptance_walk(live_server: LiveServer, browser: Any, pages: list[Any]) -> None:
    hr = open_page(pages, browser)
    release_number = _hr_prepares_and_publishes(hr, live_server)
    _unit_manager(browser, pages, live_server)
    _auditor_finds_the_publication(browser, pages, live_server, release_number)
    _new_employee_practises(browser, pages, live_server)
