"""Browser steps of the unit manager (pengelola kinerja unit), UI only: reusable by a whole-walk
test. Each step starts from the menu of a signed-in page and returns what a later step needs."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.e2e.helpers import assert_accessible, menu_link, screenshot, settle


def open_unit_screen(page: Any, menu_label: str, path: str) -> None:
    """Opens a unit screen from the staff menu and waits for its data."""
    link = page.locator("nav.staff-nav").get_by_role(
        "link", name=menu_label, exact=True, include_hidden=True
    )
    menu_link(link).click()
    page.wait_for_url(f"**{path}*")
    settle(page)


def create_survey_service(
    page: Any, *, code: str, name: str, description: str = "", shot: str | None = None
) -> str:
    """Layanan & Survei → Tambah jenis layanan; returns the new service's id (from its row)."""
    open_unit_screen(page, "Layanan & Survei", "/portal/unit/layanan")
    form = page.get_by_test_id("service-create")
    form.locator("#service-new-code").fill(code)
    form.locator("#service-new-name").fill(name)
    if description:
        form.locator("#service-new-description").fill(description)
    form.get_by_role("button", name="Tambah layanan").click()
    expect(page.get_by_test_id("service-notice")).to_contain_text(name)
    row = page.locator(f'[data-testid=service-row][data-service-code="{code}"]')
    expect(row).to_have_attribute("data-active", "true")
    if shot:
        screenshot(page, shot)
    return str(row.get_attribute("data-service-id"))


def open_qr_poster(page: Any, code: str, *, shot: str | None = None) -> dict[str, str]:
    """From the services list, opens a service's QR poster; waits until the QR image has loaded.
    Returns the survey URL the poster shows and the QR image's address."""
    row = page.locator(f'[data-testid=service-row][data-service-code="{code}"]')
    row.get_by_test_id("service-poster-link").click()
    page.wait_for_url("**/portal/unit/layanan/*/cetak")
    poster = page.get_by_test_id("service-poster")
    expect(poster).to_be_visible()
    qr = page.get_by_test_id("poster-qr")
    page.wait_for_function(
        "() => { const i = document.querySelector('[data-testid=poster-qr]');"
        " return i && i.complete && i.naturalWidth > 0; }"
    )
    assert_accessible(page, "QR poster")
    if shot:
        screenshot(page, shot)
    return {
        "surveyUrl": str(poster.get_attribute("data-survey-url")),
        "qrSrc": str(qr.evaluate("img => img.currentSrc")),
        "shown": page.get_by_test_id("poster-url").inner_text(),
    }


def moderate_first_waiting_comment(
    page: Any, *, decision: str, reason: str, shot: str | None = None
) -> str:
    """Moderasi Komentar → the first waiting comment: decide (Setujui / Sembunyikan / Teruskan …)
    with a reason; returns the comment's id."""
    open_unit_screen(page, "Moderasi Komentar", "/portal/unit/komentar")
    card = page.locator("[data-testid=survey-comment][data-status=MENUNGGU]").first
    expect(card).to_be_visible()
    comment_id = str(card.get_attribute("data-id"))
    card.get_by_role("combobox", name="Keputusan untuk komentar ini").select_option(label=decision)
    card.get_by_role("textbox", name="Alasan").fill(reason)
    card.get_by_role("button", name="Simpan keputusan").click()
    expect(page.get_by_test_id("comment-notice")).to_contain_text("Keputusan disimpan")
    expect(page.locator(f'[data-testid=survey-comment][data-id="{comment_id}"]')).to_have_count(0)
    if shot:
        screenshot(page, shot)
    return comment_id


def record_follow_up(
    page: Any,
    *,
    action: str,
    unsur_label: str | None = None,
    date: str | None = None,
    done: bool = False,
    shot: str | None = None,
) -> None:
    """Tindak Lanjut Survei → Catat tindak lanjut (what, which unsur, when, status)."""
    open_unit_screen(page, "Tindak Lanjut Survei", "/portal/unit/tindak-lanjut")
    form = page.get_by_test_id("follow-up-create")
    form.locator("#follow-up-new-action").fill(action)
    if unsur_label:
        form.locator("#follow-up-new-unsur").select_option(label=unsur_label)
    if date:
        form.locator("#follow-up-new-targetDate").fill(date)
    if done:
        form.locator("#follow-up-new-done").select_option(label="Selesai")
    form.get_by_role("button", name="Simpan tindak lanjut").click()
    expect(page.get_by_test_id("follow-up-notice")).to_contain_text("dicatat")
    row = page.get_by_test_id("follow-up-row").filter(has_text=action)
    expect(row).to_have_attribute("data-done", "true" if done else "false")
    if shot:
        screenshot(page, shot)


def review_held_follow_up(
    page: Any,
    action: str,
    *,
    decision: str = "Setujui (terbit)",
    expect_refusal: bool = False,
    shot: str | None = None,
) -> None:
    """Moderasi Komentar → Teks unit yang ditahan: decide on the held follow-up whose text is
    `action`. With `expect_refusal` the server's refusal (the author may not decide on their own
    text) must show on the card and the text stays held."""
    open_unit_screen(page, "Moderasi Komentar", "/portal/unit/komentar")
    card = page.get_by_test_id("held-follow-up").filter(has_text=action)
    expect(card).to_have_attribute("data-review", "MENUNGGU")
    card.get_by_role("combobox", name="Keputusan untuk rencana ini").select_option(label=decision)
    card.get_by_role("button", name="Simpan keputusan").click()
    if expect_refusal:
        expect(card.get_by_test_id("error-summary")).to_contain_text("Teks yang Anda tulis sendiri")
        expect(card).to_have_attribute("data-review", "MENUNGGU")
    else:
        expect(page.get_by_test_id("held-notice")).to_contain_text("Keputusan disimpan")
        expect(page.get_by_test_id("held-follow-up").filter(has_text=action)).to_have_count(0)
    if shot:
        screenshot(page, shot)
