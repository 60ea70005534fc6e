"""Browser steps of the SKP year, through the UI only (the lead's full-year walk composes them).

    plan_id = draft_and_submit_skp(employee_page, live_server, rhk="…", iki="…")
    reject_skp(assessor_page, live_server, plan_id, "Target IKI terlalu rendah.")
    see_rejection(employee_page, live_server, "Target IKI terlalu rendah.")
    revise_and_resubmit(employee_page, live_server, target="14")
    approve_skp(assessor_page, live_server, plan_id)

``employee_page`` is signed in as the demo ``employee``, ``assessor_page`` as their Pejabat Penilai
(``login_as``). The demo's SKP of the current year is already set (DITETAPKAN), so
``draft_and_submit_skp`` drafts a revision of it (with a reason); on a year without an SKP it
creates the SKP first. Every step checks the screen with axe-core and saves a screenshot named
``<shots>-<step>`` (give ``shots`` the width and language, e.g. ``"skp-1280-id"``).
"""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

from server import clock
from tests.e2e.conftest import LiveServer
from tests.e2e.helpers import assert_accessible, fits_width, screenshot, settle

REVISION_REASON = "Penyesuaian RHK setelah pembagian tugas baru di seksi."


def _check(page: Any, shots: str, step: str) -> None:
    settle(page)
    assert_accessible(page, f"{shots} {step}")
    assert fits_width(page), f"{shots} {step}: the page scrolls sideways"
    screenshot(page, f"{shots}-{step}")


def open_my_plan(page: Any, live_server: LiveServer, year: int | None = None) -> None:
    """My SKP of ``year`` (default: this year) through the menu item "SKP Saya"."""
    year = year or clock.today().year
    if year == clock.today().year:
        page.goto(live_server.url + "/portal")
        settle(page)
        page.locator(".staff-nav a", has_text=re.compile("SKP Saya|My SKP")).click()
    else:
        page.goto(f"{live_server.url}/portal/skp/{year}")
    page.wait_for_url(f"**/portal/skp/{year}")
    settle(page)


def plan_status(page: Any) -> str:
    return str(page.get_by_test_id("plan-status").first.get_attribute("data-status"))


def _wait_status(page: Any, *statuses: str) -> str:
    badge = page.get_by_test_id("plan-status").first
    expect(badge).to_have_attribute("data-status", re.compile("^(" + "|".join(statuses) + ")$"))
    return plan_status(page)


def _plan_id(page: Any, live_server: LiveServer, year: int) -> str:
    response = page.request.post(
        live_server.url + "/api/graphql",
        data={"query": "{ myPlans { id year { year } } }"},
        headers={"Content-Type": "application/json"},
    )
    plans = response.json()["data"]["myPlans"]
    return str(next(p["id"] for p in plans if p["year"]["year"] == year))


def draft_and_submit_skp(
    page: Any,
    live_server: LiveServer,
    *,
    year: int | None = None,
    rhk: str = "Tersusunnya rekap pengaduan layanan informasi per triwulan",
    iki: str = "Jumlah rekap pengaduan yang disusun tepat waktu",
    target: str = "12",
    unit: str = "laporan",
    shots: str = "skp-1280-id",
) -> str:
    """The employee drafts (or, for a set SKP, revises) the SKP of ``year``: one new RHK that
    intervenes the first RHK of the Pejabat Penilai offered, one IKI with aspect, target and unit,
    then submits it. Returns the SKP's id."""
    year = year or clock.today().year
    open_my_plan(page, live_server, year)
    if page.get_by_test_id("create-plan").count():
        page.get_by_test_id("create-plan").locator("button[type=submit]").click()
        _wait_status(page, "DRAFT")
    if plan_status(page) == "DITETAPKAN":
        page.get_by_test_id("start-revision").click()
        page.locator("#start-revision-reason").fill(REVISION_REASON)
        page.locator("[data-form-id=start-revision] button[type=submit]").click()
        _wait_status(page, "REVISI_DRAFT")
    _check(page, shots, "1-draf")

    before = page.get_by_test_id("rhk-item").count()
    page.locator("#rhk-new-text").fill(rhk)
    page.locator("#rhk-new-kind").select_option("UTAMA")
    picker = page.locator("#rhk-new-link")
    first = picker.locator("option").nth(1).get_attribute("value")
    assert first, "the picker offers no RHK of the Pejabat Penilai"
    picker.select_option(first)
    page.locator("[data-form-id=rhk-new] button[type=submit]").click()
    expect(page.get_by_test_id("rhk-item")).to_have_count(before + 1)
    item = page.get_by_test_id("rhk-item").filter(has_text=rhk).last
    item.locator("summary").first.click()
    form = item.locator("form[data-form-id^=iki-new-]")
    form.locator("textarea[name=text]").fill(iki)
    form.locator("select[name=aspect]").select_option("KUANTITAS")
    form.locator("input[name=targetValue]").fill(target)
    form.locator("input[name=targetUnit]").fill(unit)
    form.locator("button[type=submit]").click()
    expect(item.get_by_test_id("iki-text")).to_have_text(iki)
    # The document shows the new RHK with the RHK it intervenes.
    row = (
        page.get_by_test_id("skp-document").get_by_test_id("skp-rhk-row").filter(has_text=rhk).last
    )
    expect(row).to_have_attribute("data-parent-id", first)
    _check(page, shots, "2-rhk-iki")

    page.get_by_test_id("submit-plan").click()
    _wait_status(page, "DIAJUKAN", "REVISI_DIAJUKAN")
    expect(page.get_by_test_id("plan-waiting")).to_be_visible()
    _check(page, shots, "3-diajukan")
    return _plan_id(page, live_server, year)


def open_review(page: Any, live_server: LiveServer, plan_id: str) -> None:
    page.goto(f"{live_server.url}/portal/tim/skp/{plan_id}")
    page.get_by_test_id("review-decision").wait_for()
    settle(page)


def reject_skp(
    page: Any, live_server: LiveServer, plan_id: str, reason: str, *, shots: str = "skp-1280-id"
) -> None:
    """The Pejabat Penilai opens the SKP, sees the cascade, and rejects it with ``reason``
    (trying first without one: the reason is required)."""
    open_review(page, live_server, plan_id)
    expect(page.get_by_test_id("review-cascade")).to_be_visible()
    _check(page, shots, "4-tinjau")
    form = page.locator("[data-form-id=reject-plan]")
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("error-reason")).to_be_visible()
    expect(page.get_by_test_id("error-summary")).to_be_focused()
    form.locator("textarea[name=reason]").fill(reason)
    form.locator("button[type=submit]").click()
    _wait_status(page, "DITOLAK", "REVISI_DRAFT")
    expect(page.get_by_test_id("review-not-waiting")).to_be_visible()
    _check(page, shots, "5-ditolak")


def see_rejection(
    page: Any,
    live_server: LiveServer,
    reason: str,
    *,
    year: int | None = None,
    shots: str = "skp-1280-id",
) -> None:
    """The employee's My SKP shows the rejection and its reason at the top."""
    open_my_plan(page, live_server, year)
    expect(page.get_by_test_id("rejection-reason")).to_contain_text(reason)
    _check(page, shots, "6-alasan")


def revise_and_resubmit(
    page: Any,
    live_server: LiveServer,
    *,
    iki: str = "Jumlah rekap pengaduan yang disusun tepat waktu",
    target: str = "14",
    year: int | None = None,
    shots: str = "skp-1280-id",
) -> None:
    """The employee changes the target of the IKI ``iki`` and submits the SKP again."""
    open_my_plan(page, live_server, year)
    item = page.get_by_test_id("iki-item").filter(has_text=iki).last
    item.get_by_role("button", name=re.compile(r"^(Ubah|Edit) IKI")).click()
    form = page.locator("form[data-form-id^=iki-]:not([data-form-id^=iki-new])")
    form.locator("input[name=targetValue]").fill(target)
    form.locator("button[type=submit]").click()
    expect(
        page.get_by_test_id("skp-document").get_by_test_id("skp-rhk-row").filter(has_text=iki).last
    ).to_contain_text(target)
    page.get_by_test_id("submit-plan").click()
    _wait_status(page, "DIAJUKAN", "REVISI_DIAJUKAN")
    _check(page, shots, "7-diajukan-ulang")


def approve_skp(
    page: Any, live_server: LiveServer, plan_id: str, *, shots: str = "skp-1280-id"
) -> None:
    """The Pejabat Penilai approves (sets) the SKP."""
    open_review(page, live_server, plan_id)
    page.get_by_test_id("approve-plan").click()
    _wait_status(page, "DITETAPKAN")
    _check(page, shots, "8-ditetapkan")
