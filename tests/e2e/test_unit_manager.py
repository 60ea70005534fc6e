"""Issue 11 point 2 in a browser, UI only with the demo login of a unit manager
(pengelola.diskominfo): the unit's people and completion, then a new survey service and its
printable QR poster (the QR encodes exactly the service's survey link), a moderated comment and a
recorded follow-up. BKPSDM sees the same screens for any unit through a unit picker.
axe on every visited page, 1280 and 360 px, Indonesian and English."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from playwright.sync_api import expect

from server.services.survey.qr import qr_svg
from tests.e2e.conftest import LiveServer
from tests.e2e.helpers import (
    assert_accessible,
    fits_width,
    graphql,
    login_as,
    open_page,
    screenshot,
    settle,
)
from tests.e2e.steps.unit_manager import (
    create_survey_service,
    moderate_first_waiting_comment,
    open_qr_poster,
    open_unit_screen,
    record_follow_up,
    review_held_follow_up,
)


def test_the_unit_manager_sees_the_people_and_the_completion(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    page = open_page(pages, browser)
    login_as(page, live_server, "unit_manager")
    open_unit_screen(page, "Pegawai Unit", "/portal/unit/pegawai")
    rows = page.get_by_test_id("unit-person")
    expect(rows.first).to_be_visible()
    today = graphql(page, live_server, "{ myAgenda { today } }")["myAgenda"]["today"]
    year = int(today[:4])
    data = graphql(
        page,
        live_server,
        "query($y: Int!) { unitPeople(year: $y) { people { behind employee { id } } } }",
        {"y": year},
    )["unitPeople"]["people"]
    behind = sum(1 for p in data if p["behind"])
    count = page.get_by_test_id("people-count")
    expect(count).to_have_attribute("data-count", str(len(data)))
    expect(count).to_have_attribute("data-behind", str(behind))
    assert_accessible(page, "unit people")
    screenshot(page, "unit-people-1280")

    # Sorted by state (descending: those behind first), then only those behind; the URL keeps both.
    page.locator("[data-sort-key=state]").click()
    page.wait_for_url("**urut=state*")
    expect(page.locator("th[aria-sort=ascending]")).to_contain_text("Keadaan")
    page.locator("[data-sort-key=state]").click()
    page.wait_for_url("**arah=turun*")
    expect(page.locator("th[aria-sort=descending]")).to_contain_text("Keadaan")
    if behind:
        expect(rows.first).to_have_attribute("data-behind", "true")
    page.get_by_test_id("people-behind-only").check()
    page.get_by_test_id("people-filter").get_by_role("button", name="Saring").click()
    page.wait_for_url("**tertinggal=1*")
    expect(count).to_have_attribute("data-count", str(behind))
    expect(page.locator("[data-testid=unit-person][data-behind=false]")).to_have_count(0)
    if not behind:
        expect(page.get_by_test_id("people-empty-filtered")).to_be_visible()
    assert_accessible(page, "unit people, behind only")
    page.get_by_test_id("people-behind-only").uncheck()
    page.get_by_test_id("people-filter").get_by_role("button", name="Saring").click()
    expect(count).to_have_attribute("data-count", str(len(data)))
    # The SKP link leads to a plan the unit manager may read.
    link = page.get_by_test_id("unit-person").locator("a[href*='/portal/tim/skp/']").first
    if link.count():
        link.click()
        page.wait_for_url("**/portal/tim/skp/*")
        settle(page)
        expect(page.get_by_test_id("load-error")).to_have_count(0)
        page.go_back()

    open_unit_screen(page, "Kelengkapan", "/portal/unit/kelengkapan")
    expect(page.get_by_test_id("completion-chart")).to_be_visible()
    expect(page.get_by_test_id("completion-bars")).to_have_attribute("role", "img")
    page.get_by_test_id("completion-chart").locator("summary").click()
    expect(page.get_by_test_id("completion-table")).to_be_visible()
    assert_accessible(page, "completion")
    screenshot(page, "unit-completion-1280")

    phone = open_page(pages, browser, width=360, lang="en")
    login_as(phone, live_server, "unit_manager", path="/masuk?kembali=/portal/unit/pegawai")
    expect(phone.get_by_role("heading", level=1, name="Unit People")).to_be_visible()
    expect(phone.get_by_test_id("unit-person").first).to_be_visible()
    assert fits_width(phone), _overflowing(phone)
    assert_accessible(phone, "unit people 360 en")
    screenshot(phone, "unit-people-360-en")
    phone.goto(live_server.url + "/portal/unit/kelengkapan")
    expect(phone.get_by_test_id("completion-chart")).to_be_visible()
    settle(phone)
    assert fits_width(phone), _overflowing(phone)
    assert_accessible(phone, "completion 360 en")
    screenshot(phone, "unit-completion-360-en")


def test_a_service_its_qr_poster_a_moderated_comment_and_a_follow_up(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    page = open_page(pages, browser)
    login_as(page, live_server, "unit_manager")

    # A bad code: the error sits next to its field, nothing is created.
    open_unit_screen(page, "Layanan & Survei", "/portal/unit/layanan")
    before = graphql(page, live_server, "{ surveyServices(includeInactive: true) { id } }")
    page.locator("#service-new-code").fill("kode salah!")
    page.locator("#service-new-name").fill("Layanan Uji")
    page.get_by_role("button", name="Tambah layanan").click()
    expect(page.get_by_test_id("error-code")).to_be_visible()
    assert_accessible(page, "services with an error")
    page.locator("#service-new-code").fill("")
    page.locator("#service-new-name").fill("")
    after = graphql(page, live_server, "{ surveyServices(includeInactive: true) { id } }")
    assert after == before

    name = "Layanan Pengaduan Informasi Publik"
    service_id = create_survey_service(
        page,
        code="KOMINFO-E2E-PPID",
        name=name,
        description="Permohonan dan keberatan informasi publik (PPID).",
        shot="unit-services-1280",
    )
    assert_accessible(page, "services")
    poster = open_qr_poster(page, "KOMINFO-E2E-PPID", shot="unit-poster-1280")
    stored = graphql(
        page,
        live_server,
        "query($id: ID!) { surveyService(id: $id) { surveyUrl surveyToken qrSvgPath } }",
        {"id": service_id},
    )["surveyService"]
    assert poster["surveyUrl"] == stored["surveyUrl"] == poster["shown"]
    assert stored["surveyUrl"].endswith(f"/survei/{stored['surveyToken']}")
    # The image is the QR code of exactly that link: the same bytes segno draws for it.
    assert urlparse(poster["qrSrc"]).path == stored["qrSvgPath"]
    svg = page.request.get(poster["qrSrc"])
    assert svg.ok
    assert svg.body() == qr_svg(stored["surveyUrl"], f"Survei Kepuasan Masyarakat: {name}")
    assert f"<desc>{stored['surveyUrl']}</desc>" in svg.text()
    # The print view: the portal around the poster is gone, the poster fills an A4 page.
    page.emulate_media(media="print")
    expect(page.locator(".staff-nav")).to_be_hidden()
    expect(page.get_by_test_id("poster-print")).to_be_hidden()
    expect(page.get_by_test_id("service-poster")).to_be_visible()
    screenshot(page, "unit-poster-print")
    page.emulate_media(media="screen")
    # The link the QR encodes opens that service's public survey.
    survey = open_page(pages, browser)
    survey.goto(live_server.url + urlparse(stored["surveyUrl"]).path)
    expect(survey.locator("p.service")).to_contain_text(name)  # the server's plain survey form

    waiting = graphql(page, live_server, "{ surveyComments(status: MENUNGGU) { totalCount } }")[
        "surveyComments"
    ]["totalCount"]
    assert waiting > 0, "the demo has comments waiting for moderation"
    # Hiding without a reason is refused next to the field.
    open_unit_screen(page, "Moderasi Komentar", "/portal/unit/komentar")
    card = page.locator("[data-testid=survey-comment][data-status=MENUNGGU]").first
    card.get_by_role("combobox", name="Keputusan untuk komentar ini").select_option(
        label="Sembunyikan"
    )
    card.get_by_role("button", name="Simpan keputusan").click()
    expect(card.get_by_test_id("error-reason")).to_be_visible()
    assert_accessible(page, "moderation with an error")
    screenshot(page, "unit-comments-1280")
    hidden = moderate_first_waiting_comment(
        page, decision="Sembunyikan", reason="Iklan, bukan tentang layanan."
    )
    decided = graphql(
        page,
        live_server,
        "{ surveyComments(status: DITOLAK, first: 100) { nodes { id reason } } }",
    )["surveyComments"]["nodes"]
    assert {"id": hidden, "reason": "Iklan, bukan tentang layanan."} in decided
    page.get_by_test_id("comment-status-filter").select_option("DITOLAK")
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_url("**status=DITOLAK*")
    expect(
        page.locator(f'[data-testid=survey-comment][data-id="{hidden}"]').get_by_test_id(
            "comment-reason"
        )
    ).to_contain_text("Iklan")
    assert_accessible(page, "hidden comments")

    action = "Menambah kursi ruang tunggu layanan PPID dan memasang jadwal di pintu masuk."
    record_follow_up(
        page,
        action=action,
        unsur_label=None,
        date=f"{today_of(page, live_server)[:4]}-12-20",
        shot="unit-follow-up-1280",
    )
    assert_accessible(page, "follow-up")
    row = page.get_by_test_id("follow-up-row").filter(has_text=action)
    # With the keyboard: the toggle is a real button in a form.
    row.get_by_test_id("follow-up-toggle").focus()
    page.keyboard.press("Enter")
    expect(row).to_have_attribute("data-done", "true")
    year = int(today_of(page, live_server)[:4])
    stored_follow_ups = graphql(
        page,
        live_server,
        "query($y: Int!) { surveyFollowUps(year: $y) { action done targetDate } }",
        {"y": year},
    )["surveyFollowUps"]
    assert {"action": action, "done": True, "targetDate": f"{year}-12-20"} in stored_follow_ups

    phone = open_page(pages, browser, width=360, lang="en")
    login_as(phone, live_server, "unit_manager", path="/masuk?kembali=/portal/unit/layanan")
    expect(phone.get_by_role("heading", level=1, name="Services and Survey")).to_be_visible()
    expect(
        phone.locator('[data-testid=service-row][data-service-code="KOMINFO-E2E-PPID"]')
    ).to_be_visible()
    settle(phone)
    assert fits_width(phone), _overflowing(phone)
    assert_accessible(phone, "services 360 en")
    screenshot(phone, "unit-services-360-en")
    for path, shot in (
        (f"/portal/unit/layanan/{service_id}/cetak", "unit-poster-360-en"),
        ("/portal/unit/komentar", "unit-comments-360-en"),
        ("/portal/unit/tindak-lanjut", "unit-follow-up-360-en"),
    ):
        phone.goto(live_server.url + path)
        settle(phone)
        expect(phone.get_by_test_id("load-error")).to_have_count(0)
        assert fits_width(phone), (path, _overflowing(phone))
        assert_accessible(phone, f"{path} 360 en")
        screenshot(phone, shot)


def test_bkpsdm_picks_a_unit(live_server: LiveServer, browser: Any, pages: list[Any]) -> None:
    page = open_page(pages, browser)
    login_as(page, live_server, "hr_admin")
    open_unit_screen(page, "Layanan & Survei", "/portal/unit/layanan")
    expect(page.get_by_test_id("unit-pick-first")).to_be_visible()
    assert_accessible(page, "unit picker")
    page.get_by_test_id("unit-picker").select_option(index=1)
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_url("**unit=*")
    settle(page)
    expect(page.get_by_test_id("load-error")).to_have_count(0)
    # The chosen unit follows to the other unit screens.
    page.get_by_test_id("unit-nav").get_by_role("link", name="Pegawai").click()
    page.wait_for_url("**/portal/unit/pegawai?unit=*")
    settle(page)
    expect(page.get_by_test_id("load-error")).to_have_count(0)
    assert_accessible(page, "unit people for BKPSDM")
    screenshot(page, "unit-people-bkpsdm-1280")


def test_a_follow_up_naming_an_officer_is_held_until_another_moderator_approves_it(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    """The screening holds a follow-up that gives a NIP; its author (the unit manager) cannot
    approve it — the screen says so — and BKPSDM's admin, picking the unit, can. A service
    description with a NIP is held the same way; BKPSDM refuses it."""
    page = open_page(pages, browser)
    login_as(page, live_server, "unit_manager")
    # A service description that names an officer is held too (refused below by BKPSDM).
    service_id = create_survey_service(
        page,
        code="KOMINFO-E2E-HELD",
        name="Layanan Konsultasi Statistik",
        description="Dilayani oleh petugas NIP 199001012015031001.",
    )
    year = int(today_of(page, live_server)[:4])
    action = "Pembinaan petugas loket NIP 198503122010011004 tentang keramahan pelayanan."
    record_follow_up(page, action=action)
    query = "query($y: Int!) { surveyFollowUps(year: $y) { id action review } }"
    held = graphql(page, live_server, query, {"y": year})["surveyFollowUps"]
    mine = next(f for f in held if f["action"] == action)
    assert mine["review"] == "MENUNGGU"
    review_held_follow_up(page, action, expect_refusal=True, shot="unit-held-refused-1280")
    assert_accessible(page, "held texts, author refused")
    again = graphql(page, live_server, query, {"y": year})["surveyFollowUps"]
    assert next(f for f in again if f["id"] == mine["id"])["review"] == "MENUNGGU"
    unit_id = graphql(page, live_server, "{ me { managedUnit { id } } }")["me"]["managedUnit"]["id"]

    hr = open_page(pages, browser)
    login_as(hr, live_server, "hr_admin")
    hr.goto(f"{live_server.url}/portal/unit/komentar?unit={unit_id}")
    settle(hr)
    card = hr.get_by_test_id("held-follow-up").filter(has_text=action)
    expect(card).to_have_attribute("data-review", "MENUNGGU")
    assert_accessible(hr, "held texts for BKPSDM")
    card.get_by_role("combobox", name="Keputusan untuk rencana ini").select_option(
        label="Setujui (terbit)"
    )
    card.get_by_role("button", name="Simpan keputusan").click()
    expect(hr.get_by_test_id("held-notice")).to_contain_text("Disetujui")
    expect(hr.get_by_test_id("held-follow-up").filter(has_text=action)).to_have_count(0)
    screenshot(hr, "unit-held-approved-1280")
    held_service = hr.locator(f'[data-testid=held-service][data-id="{service_id}"]')
    expect(held_service).to_have_attribute("data-review", "MENUNGGU")
    held_service.get_by_role("combobox", name="Keputusan untuk nama/deskripsi ini").select_option(
        label="Tolak (tidak terbit)"
    )
    held_service.get_by_role("button", name="Simpan keputusan").click()
    expect(hr.get_by_test_id("held-notice")).to_contain_text("Ditolak")
    expect(held_service).to_have_count(0)
    assert_accessible(hr, "held texts after refusing a service text")
    refused = graphql(
        page,
        live_server,
        "query($id: ID!) { surveyService(id: $id) { textReview } }",
        {"id": service_id},
    )["surveyService"]
    assert refused == {"textReview": "DITOLAK"}
    decided = graphql(page, live_server, query, {"y": year})["surveyFollowUps"]
    assert next(f for f in decided if f["id"] == mine["id"])["review"] == "DISETUJUI"

    phone = open_page(pages, browser, width=360, lang="en")
    login_as(phone, live_server, "unit_manager", path="/masuk?kembali=/portal/unit/komentar")
    settle(phone)
    expect(phone.get_by_role("heading", level=2, name="Held unit texts")).to_be_visible()
    assert fits_width(phone), _overflowing(phone)
    assert_accessible(phone, "held texts 360 en")
    screenshot(phone, "unit-held-360-en")


def _overflowing(page: Any) -> list[str]:
    """What sticks out to the right of the viewport (to say why a page scrolls sideways)."""
    return list(
        page.evaluate(
            "() => [...document.querySelectorAll('body *')].filter(e => "
            "e.getBoundingClientRect().right > window.innerWidth + 1 && !(e.parentElement && e.parentElement.closest('.table-scroll')))"
            ".slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + e.id)"
        )
    )


def today_of(page: Any, live_server: LiveServer) -> str:
    """Salatiga's today from the server (never the test machine's date)."""
    return str(graphql(page, live_server, "{ myAgenda { today } }")["myAgenda"]["today"])
