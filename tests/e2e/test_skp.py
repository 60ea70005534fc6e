"""The SKP screens in a browser with the demo logins: My SKP (/portal/skp/:year) and the Pejabat
Penilai's review (/portal/tim/skp/:planId). The year's SKP workflow runs through the UI only:
the employee drafts (a revision of the set SKP: the demo's is already set) and submits, the
assessor rejects with a reason (required), the employee reads the reason, revises and resubmits,
the assessor approves, and the history holds the new version. Creating an SKP runs on the next
year (opened by BKPSDM, as in December). axe-core finds nothing at 1280 and 360 px in Indonesian
and English; screenshots of every step in tests/e2e/artifacts/ (skp-*)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from server import clock
from tests.e2e.conftest import LiveServer
from tests.e2e.helpers import (
    LANGS,
    WIDTHS,
    assert_accessible,
    fits_width,
    graphql,
    login_as,
    mutate,
    open_page,
    screenshot,
    settle,
)
from tests.e2e.steps.skp import (
    approve_skp,
    draft_and_submit_skp,
    open_my_plan,
    open_review,
    reject_skp,
    revise_and_resubmit,
    see_rejection,
)
from tests.e2e.steps.skp_details import REJECT, START_REVISION, SUBMIT, WITHDRAW

REASON = "Target IKI laporan terlalu rendah; sesuaikan dengan target seksi (14 laporan)."
VERSIONS = "{ myPlans { id version status revision versions { revision } year { year } } }"
OPEN_YEAR = """
mutation($year: Int!, $deadline: Date!) {
  openAppraisalYear(input: {year: $year, planDeadline: $deadline}) { errors { code message } }
}"""


def _this_years_plan(page: Any, live_server: LiveServer) -> dict[str, Any]:
    year = clock.today().year
    plans = graphql(page, live_server, VERSIONS)["myPlans"]
    return next(p for p in plans if p["year"]["year"] == year)


@pytest.mark.parametrize(("width", "lang"), [(1280, "id"), (360, "en")])
def test_the_skp_year_submit_reject_revise_approve(
    live_server: LiveServer, browser: Any, pages: list[Any], width: int, lang: str
) -> None:
    shots = f"skp-{width}-{lang}"
    employee = open_page(pages, browser, width=width, lang=lang)
    login_as(employee, live_server, "employee")
    before = _this_years_plan(employee, live_server)
    assert before["status"] == "DITETAPKAN", "the demo employee's SKP of this year is set"

    plan_id = draft_and_submit_skp(employee, live_server, shots=shots)
    assert plan_id == before["id"]

    assessor = open_page(pages, browser, width=width, lang=lang)
    login_as(assessor, live_server, "assessor")
    reject_skp(assessor, live_server, plan_id, REASON, shots=shots)

    see_rejection(employee, live_server, REASON, shots=shots)
    revise_and_resubmit(employee, live_server, shots=shots)
    approve_skp(assessor, live_server, plan_id, shots=shots)

    # The employee sees the SKP set again, a new version in the history, and can open it.
    open_my_plan(employee, live_server)
    expect(employee.get_by_test_id("plan-status")).to_have_attribute("data-status", "DITETAPKAN")
    expect(employee.get_by_test_id("rejection-reason")).to_have_count(0)
    after = _this_years_plan(employee, live_server)
    assert after["revision"] == before["revision"] + 1
    assert len(after["versions"]) == len(before["versions"]) + 1
    newest = employee.get_by_test_id("version").first
    newest.get_by_test_id("version-toggle").click()
    document = newest.get_by_test_id("version-document")
    expect(document).to_contain_text("Jumlah rekap pengaduan yang disusun tepat waktu")
    expect(document).to_contain_text("14 laporan")
    assert document.get_by_test_id("skp-rhk-row").count() >= 1
    settle(employee)
    assert_accessible(employee, f"{shots}: versi terbuka")
    assert fits_width(employee)
    screenshot(employee, f"{shots}-9-versi")

    # Rencana aksi of the SKP in force: add one to the first RHK this period, then delete it.
    first = employee.get_by_test_id("aksi-rhk").first
    count = first.get_by_test_id("aksi-item").count()
    first.locator("summary").click()
    first.locator("form[data-form-id^=aksi-new-] textarea").fill("Menghimpun bahan laporan")
    first.locator("form[data-form-id^=aksi-new-] button[type=submit]").click()
    expect(first.get_by_test_id("aksi-item")).to_have_count(count + 1)
    added = first.get_by_test_id("aksi-item").filter(has_text="Menghimpun bahan laporan").last
    assert_accessible(employee, f"{shots}: rencana aksi")
    added.locator("[data-form-id^=aksi-delete-] button[type=submit]").click()
    expect(first.get_by_test_id("aksi-item")).to_have_count(count)


def test_my_skp_and_the_review_are_accessible_in_both_languages(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    employee = open_page(pages, browser)
    login_as(employee, live_server, "employee")
    assessor = open_page(pages, browser)
    login_as(assessor, live_server, "assessor")
    # Set-up through the API: the employee's set SKP goes to review as an unchanged revision.
    plan = _this_years_plan(employee, live_server)
    assert plan["status"] == "DITETAPKAN"
    started = mutate(
        employee,
        live_server,
        START_REVISION,
        {"id": plan["id"], "v": plan["version"], "reason": "Uji e2e: tampilan"},
    )
    submitted = mutate(employee, live_server, SUBMIT, {"id": plan["id"], "v": started["version"]})
    try:
        for width in WIDTHS:
            for lang in LANGS:
                page = open_page(pages, browser, width=width, lang=lang)
                login_as(page, live_server, "employee")
                open_my_plan(page, live_server)
                expect(page.get_by_test_id("plan-waiting")).to_be_visible()
                expect(page.locator("h1")).to_have_text(
                    f"{'SKP Saya' if lang == 'id' else 'My SKP'} {clock.today().year}"
                )
                assert_accessible(page, f"SKP saya {width} {lang}")
                assert fits_width(page)
                screenshot(page, f"skp-saya-{width}-{lang}")
                # The employee reaching the review address decides nothing.
                open_review(page, live_server, plan["id"])
                expect(page.get_by_test_id("review-not-mine")).to_be_visible()
                expect(page.get_by_test_id("approve-plan")).to_have_count(0)
                page.context.close()
                pages.remove(page)

                page = open_page(pages, browser, width=width, lang=lang)
                login_as(page, live_server, "assessor")
                open_review(page, live_server, plan["id"])
                expect(page.get_by_test_id("approve-plan")).to_be_visible()
                expect(page.get_by_test_id("review-cascade")).to_be_visible()
                assert_accessible(page, f"tinjau SKP {width} {lang}")
                assert fits_width(page)
                screenshot(page, f"skp-tinjau-{width}-{lang}")
                page.context.close()
                pages.remove(page)
    finally:
        rejected = mutate(
            assessor,
            live_server,
            REJECT,
            {"id": plan["id"], "v": submitted["version"], "reason": "Uji e2e: dikembalikan."},
        )
        mutate(employee, live_server, WITHDRAW, {"id": plan["id"], "v": rejected["version"]})


def test_the_print_layout_shows_only_the_official_document(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    page = open_page(pages, browser)
    login_as(page, live_server, "employee")
    open_my_plan(page, live_server)
    page.emulate_media(media="print")
    assert page.locator(".staff-nav").is_hidden()
    assert page.get_by_test_id("plan-status-card").is_hidden()
    document = page.get_by_test_id("skp-document")
    expect(document).to_be_visible()
    expect(document).to_contain_text("Rencana hasil kerja pimpinan yang diintervensi")
    expect(document.get_by_test_id("skp-pegawai")).to_be_visible()
    expect(document.get_by_test_id("skp-penilai")).to_be_visible()
    page.pdf(path=str(screenshot(page, "skp-cetak").with_suffix(".pdf")), landscape=True)


def test_creating_next_years_skp_and_the_errors_next_to_fields(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    next_year = clock.today().year + 1
    hr = open_page(pages, browser)
    login_as(hr, live_server, "hr_admin")
    opened = graphql(
        hr, live_server, OPEN_YEAR, {"year": next_year, "deadline": f"{next_year}-01-31"}
    )["openAppraisalYear"]
    assert opened["errors"] == [] or opened["errors"][0]["code"] == "DUPLICATE", opened

    page = open_page(pages, browser, width=360)
    login_as(page, live_server, "employee")
    open_my_plan(page, live_server, next_year + 5)
    expect(page.get_by_test_id("no-year")).to_be_visible()

    open_my_plan(page, live_server, next_year)
    create = page.get_by_test_id("create-plan")
    if create.count():
        assert_accessible(page, "SKP baru: susun")
        screenshot(page, "skp-baru-360-id-1-susun")
        # With the keyboard only: from the approach to the button, Enter.
        page.locator("#create-plan-approach").focus()
        page.keyboard.press("Tab")
        expect(create.locator("button[type=submit]")).to_be_focused()
        page.keyboard.press("Enter")
    expect(page.get_by_test_id("plan-status")).to_have_attribute("data-status", "DRAFT")
    # My Pejabat Penilai has no SKP for the next year yet: the picker says so.
    expect(page.get_by_test_id("link-none")).to_be_visible()

    # Missing fields: the errors appear next to each field and in a focused summary.
    page.locator("[data-form-id=rhk-new] button[type=submit]").click()
    expect(page.get_by_test_id("error-summary")).to_be_focused()
    expect(page.locator("[data-form-id=rhk-new] [data-testid=error-text]")).to_be_visible()
    expect(page.locator("[data-form-id=rhk-new] [data-testid=error-link]")).to_be_visible()
    assert page.locator("#rhk-new-text").get_attribute("aria-invalid") == "true"

    # Unsaved changes: leaving asks first; staying keeps what was typed.
    page.locator("#rhk-new-text").fill("Tersusunnya rencana kerja seksi")
    questions: list[str] = []

    def stay(dialog: Any) -> None:
        questions.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", stay)
    page.locator(".staff-nav a").first.click()
    page.remove_listener("dialog", stay)
    assert questions, "leaving with unsaved changes asks first"
    assert page.url.endswith(f"/portal/skp/{next_year}")
    expect(page.locator("#rhk-new-text")).to_have_value("Tersusunnya rencana kerja seksi")

    # Submitting an empty SKP: the server's reasons are shown, nothing changes.
    page.get_by_test_id("submit-plan").click()
    expect(page.locator("[data-form-id=submit-plan] [data-testid=error-summary]")).to_be_visible()
    expect(page.get_by_test_id("plan-status")).to_have_attribute("data-status", "DRAFT")
    settle(page)
    assert_accessible(page, "SKP baru: kesalahan")
    assert fits_width(page)
    screenshot(page, "skp-baru-360-id-2-kesalahan")


def test_a_plan_that_does_not_exist_or_is_not_mine_to_see_is_not_shown(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    page = open_page(pages, browser, lang="en")
    login_as(page, live_server, "employee")
    for plan_id in ("999999999", "not-a-number"):
        page.goto(f"{live_server.url}/portal/tim/skp/{plan_id}")
        expect(page.get_by_test_id("review-not-found")).to_be_visible()
        expect(page.get_by_test_id("approve-plan")).to_have_count(0)
    assert_accessible(page, "review not found")
