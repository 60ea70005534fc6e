"""The staff portal's foundation in a browser, with the demo logins: the header names the person
(never the NIP) and what they do; the home lists exactly the pending items the API has for them;
the bell counts unread notifications and follows marking them read; a session that expires
mid-form keeps what was typed and resumes after login; leaving unsaved changes asks first; focus
and titles follow navigation, back and forward work; axe-core finds nothing on any visited route
in Indonesian and English at 1280 and 360 px (screenshots in tests/e2e/artifacts/)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import LiveServer
from tests.e2e.helpers import (
    LANGS,
    WIDTHS,
    assert_accessible,
    demo_account,
    fits_width,
    graphql,
    login_as,
    open_page,
    person_name,
    screenshot,
    settle,
    wait_until,
)

AGENDA = """
{
  myAgenda {
    taskCount unreadNotifications
    myPlan { link status }
    plansToApprove { link } realizationsDue { link } evaluationsToDo { link }
    myResults { link objectionLink } objectionsToDecide { link } myObjections { link }
    coaching { link }
  }
}"""
UNREAD = "{ unreadNotificationCount }"
MY_PLANS = "{ myPlans { id version status year { year } } }"
START_REVISION = """
mutation($id: ID!, $v: Int!) {
  startPlanRevision(id: $id, expectedVersion: $v, reason: "Uji e2e: beranda") {
    result { version status } errors { code message }
  }
}"""
WITHDRAW_REVISION = """
mutation($id: ID!, $v: Int!) {
  withdrawPlanRevision(id: $id, expectedVersion: $v) { result { status } errors { code message } }
}"""


def _agenda_links(agenda: dict[str, Any]) -> list[str]:
    links = [agenda["myPlan"]["link"]] if agenda["myPlan"] else []
    for key in (
        "plansToApprove",
        "realizationsDue",
        "evaluationsToDo",
        "myResults",
        "objectionsToDecide",
        "myObjections",
        "coaching",
    ):
        links.extend(item["link"] for item in agenda[key])
    return links


def _assert_home_shows(page: Any, agenda: dict[str, Any]) -> None:
    settle(page)
    shown = page.locator("[data-testid=agenda-item] a.agenda-link").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    expected = _agenda_links(agenda)
    if agenda["unreadNotifications"]:
        expected.append("/portal/notifikasi")
    assert sorted(shown) == sorted(expected)
    assert page.get_by_test_id("task-count").get_attribute("data-count") == str(agenda["taskCount"])


def test_the_employee_sees_their_name_and_their_pending_items(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    page = open_page(pages, browser)
    account = login_as(page, live_server, "employee")
    name = person_name(live_server.city, account)
    assert page.get_by_test_id("user-name").inner_text().strip() == name
    header = page.locator("header").inner_text()
    assert account.login not in header  # the NIP is never the label of the person
    assert page.get_by_test_id("user-roles").inner_text().strip() == "Pegawai"
    _assert_home_shows(page, graphql(page, live_server, AGENDA)["myAgenda"])

    # A real pending item: the employee opens a revision of the 2026 SKP (a draft to finish).
    plan = next(
        p for p in graphql(page, live_server, MY_PLANS)["myPlans"] if p["status"] == "DITETAPKAN"
    )
    started = graphql(page, live_server, START_REVISION, {"id": plan["id"], "v": plan["version"]})
    revision = started["startPlanRevision"]
    assert revision["errors"] == [], revision
    try:
        page.reload()
        agenda = graphql(page, live_server, AGENDA)["myAgenda"]
        assert agenda["myPlan"] == {
            "link": f"/portal/skp/{plan['year']['year']}",
            "status": "REVISI_DRAFT",
        }
        _assert_home_shows(page, agenda)
        item = page.locator("[data-kind=skp]")
        assert f"Lanjutkan draf SKP {plan['year']['year']}" in item.inner_text()
        assert "Draf revisi" in item.inner_text()
        screenshot(page, "beranda-pegawai-revisi-1280-id")
    finally:
        withdrawn = graphql(
            page,
            live_server,
            WITHDRAW_REVISION,
            {"id": plan["id"], "v": revision["result"]["version"]},
        )
        assert withdrawn["withdrawPlanRevision"]["errors"] == []


def test_the_assessor_sees_their_name_role_and_what_to_evaluate(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    page = open_page(pages, browser)
    account = login_as(page, live_server, "assessor")
    assert page.get_by_test_id("user-name").inner_text().strip() == person_name(
        live_server.city, account
    )
    me = graphql(page, live_server, "{ me { rateeCount } }")["me"]
    assert me["rateeCount"] >= 1
    assert page.get_by_test_id("user-roles").inner_text().strip() == (
        f"Pejabat Penilai bagi {me['rateeCount']} pegawai"
    )
    agenda = graphql(page, live_server, AGENDA)["myAgenda"]
    assert agenda["evaluationsToDo"], "the demo assessor has evaluations to set"
    _assert_home_shows(page, agenda)
    employee = person_name(live_server.city, demo_account(live_server.city, "employee"))
    assert employee in page.locator("[data-kind=evaluate]").first.inner_text()
    screenshot(page, "beranda-penilai-1280-id")


def _bell(page: Any) -> int:
    count = page.get_by_test_id("bell-count")
    return int(count.inner_text()) if count.count() else 0


def test_the_bell_counts_unread_notifications_and_follows_marking_them_read(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    page = open_page(pages, browser, width=360)
    login_as(page, live_server, "assessors_assessor")
    settle(page)
    unread = graphql(page, live_server, UNREAD)["unreadNotificationCount"]
    assert unread >= 2, "the reminders of the demo give the Kepala Bidang several notifications"
    assert _bell(page) == unread
    assert page.get_by_test_id("bell").get_attribute("aria-label") == (
        f"Notifikasi, {unread} belum dibaca"
    )

    page.get_by_test_id("bell").click()
    page.wait_for_url("**/portal/notifikasi")
    settle(page)
    items = page.get_by_test_id("notification")
    assert items.count() == unread
    # Each notification links to its object in the portal.
    assert all(
        href.startswith("/portal/")
        for href in page.locator("[data-testid=notification] a").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
    )
    assert_accessible(page, "notifikasi 360")
    screenshot(page, "notifikasi-360-id")

    items.first.get_by_test_id("mark-read").click()
    page.wait_for_function(
        f"document.querySelectorAll('[data-read=false]').length === {unread - 1}"
    )
    assert _bell(page) == unread - 1
    assert graphql(page, live_server, UNREAD)["unreadNotificationCount"] == unread - 1

    page.get_by_test_id("mark-all").click()
    page.wait_for_function("document.querySelectorAll('[data-read=false]').length === 0")
    assert _bell(page) == 0
    assert page.get_by_test_id("bell").get_attribute("aria-label") == (
        "Notifikasi, tidak ada yang belum dibaca"
    )
    assert graphql(page, live_server, UNREAD)["unreadNotificationCount"] == 0
    assert "0 belum dibaca" in page.get_by_test_id("notifications-summary").inner_text()


def test_an_expired_session_keeps_what_was_typed_and_resumes_after_login(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    page = open_page(pages, browser, width=360)
    page.goto(live_server.url + "/portal")
    page.wait_for_url("**/masuk?kembali=%2Fportal")  # no session: to the login page, and back
    login_as(page, live_server, "employee", path=page.url.removeprefix(live_server.url))
    settle(page)
    text = "Menata arsip surat masuk bulan ini (uji sesi berakhir)"
    page.locator("#quick-log-workResultId").select_option(index=1)
    page.locator("#quick-log-text").fill(text)
    page.locator("#quick-log-minutesSpent").fill("90")

    page.context.clear_cookies()  # the session is gone (expired, or signed out elsewhere)
    page.locator("[data-form-id=quick-log] button[type=submit]").click()
    page.wait_for_url("**/masuk?kembali=%2Fportal&sesi=berakhir")
    assert "isian yang belum terkirim tetap tersimpan" in (
        page.get_by_test_id("session-expired").inner_text()
    )
    assert_accessible(page, "masuk, sesi berakhir")
    screenshot(page, "masuk-sesi-berakhir-360-id")

    login_as(page, live_server, "employee", path=page.url.removeprefix(live_server.url))
    page.wait_for_url(live_server.url + "/portal")
    page.get_by_test_id("draft-restored").wait_for()
    assert page.locator("#quick-log-text").input_value() == text
    assert page.locator("#quick-log-minutesSpent").input_value() == "90"
    assert_accessible(page, "beranda, draf dipulihkan")
    screenshot(page, "beranda-draf-dipulihkan-360-id")

    page.locator("[data-form-id=quick-log] button[type=submit]").click()
    page.wait_for_function("document.querySelector('#quick-log-text').value === ''")
    assert "Tersimpan." in page.locator(".quick-log .form-progress").inner_text()
    page.reload()
    settle(page)
    assert page.get_by_test_id("draft-restored").count() == 0  # saved: the draft is gone


def test_errors_are_shown_next_to_the_fields_and_in_a_summary(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    page = open_page(pages, browser, lang="en")
    login_as(page, live_server, "employee")
    settle(page)
    page.locator("#quick-log-minutesSpent").fill("2000")
    page.locator("[data-form-id=quick-log] button[type=submit]").click()
    summary = page.get_by_test_id("error-summary")
    summary.wait_for()
    assert page.evaluate("document.activeElement.dataset.testid") == "error-summary"
    assert page.get_by_test_id("error-text").inner_text() == "Activity is required."
    text = page.locator("#quick-log-text")
    assert text.get_attribute("aria-invalid") == "true"
    assert "quick-log-text-error" in (text.get_attribute("aria-describedby") or "")
    assert page.get_by_test_id("error-minutesSpent").inner_text() == (
        "Time spent must be a whole number from 0 to 1440."
    )
    summary.get_by_role("link", name="Activity is required.").click()
    assert page.evaluate("document.activeElement.id") == "quick-log-text"
    assert_accessible(page, "form errors")
    screenshot(page, "beranda-kesalahan-isian-1280-en")


def test_leaving_unsaved_changes_asks_first(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    page = open_page(pages, browser)
    login_as(page, live_server, "employee")
    settle(page)
    page.locator("#quick-log-text").fill("Belum disimpan")
    questions: list[str] = []

    def stay(dialog: Any) -> None:
        questions.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", stay)
    page.get_by_role("link", name="Profil Saya").click()
    wait_until(page, lambda: bool(questions))
    assert page.url == live_server.url + "/portal"
    assert questions == ["Perubahan yang belum disimpan akan hilang. Tinggalkan halaman ini?"]
    page.remove_listener("dialog", stay)

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("link", name="Profil Saya").click()
    page.wait_for_url("**/portal/profil")
    page.go_back()
    page.wait_for_url(live_server.url + "/portal")
    settle(page)
    # Left on purpose: the changes (and their draft) are gone.
    assert page.get_by_test_id("draft-restored").count() == 0
    assert page.locator("#quick-log-text").input_value() == ""

    # Leaving by the browser's forward (or back) button asks too.
    page.locator("#quick-log-text").fill("Belum disimpan lagi")
    asked: list[str] = []

    def stay_again(dialog: Any) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", stay_again)
    page.go_forward()
    wait_until(page, lambda: bool(asked))
    # The guard puts the page with the changes back before the router sees the step.
    page.wait_for_url(live_server.url + "/portal")
    assert page.locator("#quick-log-text").input_value() == "Belum disimpan lagi"


def test_navigation_moves_focus_to_the_heading_sets_the_title_and_history_works(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    page = open_page(pages, browser)
    login_as(page, live_server, "assessor")
    settle(page)
    assert page.title() == "Beranda — e-Kinerja Kota Salatiga"
    page.get_by_role("link", name="Profil Saya").click()
    page.wait_for_url("**/portal/profil")
    page.wait_for_function("document.activeElement && document.activeElement.tagName === 'H1'")
    assert page.evaluate("document.activeElement.textContent") == "Profil Saya"
    assert page.title() == "Profil Saya — e-Kinerja Kota Salatiga"
    assert page.locator(
        "nav[aria-label='Menu portal pegawai'] [aria-current=page]"
    ).inner_text() == ("Profil Saya")
    page.go_back()
    page.wait_for_url(live_server.url + "/portal")
    page.wait_for_function("document.title.startsWith('Beranda')")
    page.go_forward()
    page.wait_for_url("**/portal/profil")
    page.wait_for_function("document.activeElement.tagName === 'H1'")
    page.goto(live_server.url + "/portal/tidak-ada")
    page.get_by_test_id("staff-not-found").wait_for()
    # Header, menu and banner stay on every portal page (the banner's site facts load after
    # the page: wait for it, as on the login page).
    page.get_by_test_id("synthetic-banner").wait_for()
    assert page.get_by_test_id("synthetic-banner").is_visible()
    assert page.get_by_test_id("user-name").is_visible()


ROLES_AND_ROUTES = {
    "employee": ("/portal", "/portal/notifikasi", "/portal/profil", "/portal/tidak-ada"),
    "assessor": ("/portal", "/portal/notifikasi", "/portal/profil"),
    "sysadmin": ("/portal", "/portal/profil"),
    "kepala_daerah": ("/portal", "/portal/notifikasi", "/portal/profil"),  # issue 8
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_staff_route_is_accessible_and_fits(
    live_server: LiveServer, browser: Any, pages: list[Any], lang: str, width: int
) -> None:
    for role, routes in ROLES_AND_ROUTES.items():
        page = open_page(pages, browser, width=width, lang=lang)
        account = login_as(page, live_server, role)
        expected = person_name(live_server.city, account)
        for route in routes:
            page.goto(live_server.url + route)
            page.get_by_test_id("user-name").wait_for()
            settle(page)
            assert page.get_by_test_id("user-name").inner_text().strip() == expected
            assert page.get_by_test_id("synthetic-banner").is_visible(), route
            assert page.locator("html").get_attribute("lang") == lang
            assert page.locator("h1").count() == 1, route
            assert fits_width(page), f"{role} {route} at {width}px scrolls sideways"
            assert_accessible(page, f"{role} {route} {lang} {width}")
            screenshot(page, f"{role}{route.replace('/', '_')}-{width}-{lang}")
        page.context.close()
        pages.remove(page)
    # The login page with the way back, and a public page: the banner is there too.
    page = open_page(pages, browser, width=width, lang=lang)
    page.goto(live_server.url + "/masuk?kembali=%2Fportal%2Fprofil")
    page.locator("#login-name").wait_for()
    page.get_by_test_id("synthetic-banner").wait_for()  # the site facts load after the page
    settle(page)
    assert_accessible(page, f"masuk {lang} {width}")
    screenshot(page, f"masuk-{width}-{lang}")
