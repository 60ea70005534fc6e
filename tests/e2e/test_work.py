"""My work of one period in the browser (issue 9 points 4 and 5): the work log on a phone and a
desktop, realisasi proposed from the log and confirmed, evidence uploaded with a progress bar
(and retried after a network failure), links, preview and download, the locked evaluated
period, and a feedback exchange between the employee and their Pejabat Penilai."""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import LiveServer
from tests.e2e.helpers import (
    LANGS,
    WIDTHS,
    assert_accessible,
    fits_width,
    graphql,
    login_as,
    new_page,
    screenshot,
    settle,
)
from tests.e2e.steps.work import (
    add_evidence_link,
    confirm_realisation,
    current_plan_and_period,
    delete_work_entry,
    drop_evidence,
    edit_work_entry,
    feedback_exchange,
    iki_card,
    log_work,
    my_plan_id,
    open_feedback,
    open_my_work,
    propose_realisations,
    record_dialogue,
    upload_evidence,
)

# A valid 1×1 PNG (the server decides the type from the content).
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


@pytest.fixture
def pages(browser: Any) -> Any:
    opened: list[Any] = []

    def make(**kwargs: Any) -> Any:
        page = new_page(browser, **kwargs)
        opened.append(page)
        return page

    yield make
    for page in opened:
        page.context.close()


def _png(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_bytes(PNG)
    return path


def _pdf(tmp_path: Path, name: str, size: int = 0) -> Path:
    path = tmp_path / name
    body = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n" + b"%" * size + b"\n%%EOF\n"
    path.write_bytes(body)
    return path


def _a_realisation(page: Any) -> Any:
    """The card of an IKI that has a realisasi this period (proposed from a new log entry when
    none has one yet), so each test stands on its own."""
    filled = page.locator("[data-testid=iki]:not([data-status=none])")
    if filled.count() == 0:
        log_work(page, "Kegiatan untuk usulan realisasi", quantity="1")
        propose_realisations(page)
    expect(filled.first).to_be_visible()
    return iki_card(page, filled.first.get_attribute("data-indicator-id"))


def test_the_menu_leads_to_the_current_period_and_the_employee_logs_edits_and_deletes_work(
    live_server: LiveServer, pages: Any
) -> None:
    page = pages(width=1280)
    login_as(page, live_server, "employee")
    page.locator("nav a[href='/portal/kerja']").click()
    page.wait_for_url(re.compile(r".*/portal/kerja/\d{4}/\d+$"))
    settle(page)
    data = graphql(page, live_server, "{ myAgenda { today } }")
    today = data["myAgenda"]["today"]
    assert page.url.endswith(f"/portal/kerja/{today[:4]}/{int(today[5:7])}")
    expect(page.locator("h1")).to_contain_text("Kinerja Harian dan Realisasi")
    expect(page.locator("nav a[href='/portal/kerja']")).to_have_attribute("aria-current", "true")
    expect(page.locator("[data-testid=period-picker] a[aria-current=page]")).to_have_count(1)

    log_work(page, "Menyusun rekap data pelayanan minggu ini", quantity="3", minutes="120")
    edit_work_entry(
        page, "Menyusun rekap data pelayanan minggu ini", "Menyusun rekap data pelayanan"
    )
    log_work(page, "Entri yang salah ketik", iki=False)
    delete_work_entry(page, "Entri yang salah ketik")
    # What the screen shows is what the server has.
    year, period = int(today[:4]), int(today[5:7])
    plan_id = my_plan_id(page, live_server, year)
    periods = graphql(
        page,
        live_server,
        "query($y: Int!) { appraisalYear(year: $y) { periods { id number } } }",
        {"y": year},
    )["appraisalYear"]["periods"]
    period_id = next(p["id"] for p in periods if p["number"] == period)
    log = graphql(
        page,
        live_server,
        "query($p: ID!, $q: ID!) { workLog(planId: $p, periodId: $q) { text quantity } }",
        {"p": plan_id, "q": period_id},
    )["workLog"]
    texts = [e["text"] for e in log]
    assert "Menyusun rekap data pelayanan" in texts
    assert "Entri yang salah ketik" not in texts
    assert_accessible(page, "kerja saya")
    screenshot(page, "kerja-1280-id")


def test_errors_of_the_work_log_are_shown_next_to_their_fields(
    live_server: LiveServer, pages: Any
) -> None:
    page = pages(width=360)
    login_as(page, live_server, "employee")
    open_my_work(page, live_server)
    form = page.locator("[data-form-id=work-log]")
    form.locator("#work-log-workDate").fill("2001-01-01")
    form.locator("#work-log-quantity").fill("-3")
    form.locator("#work-log-minutesSpent").fill("5000")
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("error-summary")).to_be_focused()
    for field in ("workDate", "target", "text", "quantity", "minutesSpent"):
        expect(form.get_by_test_id(f"error-{field}")).to_be_visible()
    assert "work-log-text-error" in (
        form.locator("#work-log-text").get_attribute("aria-describedby") or ""
    )
    assert_accessible(page, "kerja saya, kesalahan isian")
    assert fits_width(page)
    screenshot(page, "kerja-errors-360-id")


def test_realisation_proposed_from_the_log_is_confirmed_and_evidence_is_uploaded_with_progress(
    live_server: LiveServer, pages: Any, tmp_path: Path
) -> None:
    page = pages(width=1280)
    login_as(page, live_server, "employee")
    open_my_work(page, live_server)
    log_work(page, "Mengolah data kunjungan layanan", quantity="2")
    propose_realisations(page)
    card = page.locator("[data-testid=iki][data-status=USULAN]").first
    expect(card).to_be_visible()
    indicator = card.get_attribute("data-indicator-id")
    confirm_realisation(page, indicator)
    confirm_realisation(page, indicator, value="4", description="Empat laporan selesai.")

    photo = upload_evidence(page, _png(tmp_path, "foto-kegiatan.png"), indicator)
    preview = photo.get_by_test_id("evidence-preview")
    expect(preview).to_be_visible()
    page.wait_for_function(
        "(img) => img.complete && img.naturalWidth === 1", arg=preview.element_handle()
    )
    report = upload_evidence(page, _pdf(tmp_path, "laporan-bulanan.pdf", 300_000), indicator)
    download_href = report.get_by_test_id("evidence-download").get_attribute("href")
    assert (download_href or "").startswith("/api/evidence/")
    with page.expect_download() as info:
        report.get_by_test_id("evidence-download").click()
    assert info.value.suggested_filename == "laporan-bulanan.pdf"
    drop_evidence(page, _png(tmp_path, "diseret.png"), indicator)
    add_evidence_link(page, "https://drive.salatiga.go.id/laporan", "Folder laporan", indicator)

    # A file of a type that is not accepted: refused with the reason, nothing attached.
    bad = tmp_path / "catatan.txt"
    bad.write_text("bukan dokumen")
    iki_card(page, indicator).get_by_test_id("file-input").set_input_files(str(bad))
    failed = iki_card(page, indicator).get_by_test_id("upload").filter(has_text="catatan.txt")
    expect(failed).to_have_attribute("data-state", "failed")
    expect(failed.get_by_role("alert")).to_contain_text("tidak diterima")
    expect(failed.get_by_test_id("upload-retry")).to_have_count(0)
    expect(iki_card(page, indicator).get_by_test_id("evidence-item")).to_have_count(4)

    # Removing a piece of evidence.
    link = (
        iki_card(page, indicator).get_by_test_id("evidence-item").filter(has_text="Folder laporan")
    )
    link.get_by_test_id("evidence-remove").click()
    link.get_by_test_id("confirm-remove").click()
    expect(iki_card(page, indicator).get_by_test_id("evidence-item")).to_have_count(3)

    assert_accessible(page, "realisasi dan bukti dukung")
    screenshot(page, "kerja-realisasi-1280-id")
    page.reload()
    settle(page)
    card = iki_card(page, indicator)
    expect(card).to_have_attribute("data-status", "DIKONFIRMASI")
    expect(card.locator("input[id$='-value']")).to_have_value("4")
    expect(card.get_by_test_id("evidence-item")).to_have_count(3)


def test_a_network_failure_during_upload_offers_retry_and_the_retry_succeeds(
    live_server: LiveServer, pages: Any, tmp_path: Path
) -> None:
    page = pages(width=360, lang="en")
    login_as(page, live_server, "employee")
    open_my_work(page, live_server)
    card = _a_realisation(page)
    failures = {"left": 1}

    def cut_once(route: Any) -> None:
        if failures["left"] > 0:
            failures["left"] -= 1
            route.abort("connectionreset")
        else:
            route.continue_()

    page.route("**/api/uploads", cut_once)
    file = _png(tmp_path, "bukti-dari-ponsel.png")
    card.get_by_test_id("file-input").set_input_files(str(file))
    row = card.get_by_test_id("upload").filter(has_text=file.name)
    expect(row).to_have_attribute("data-state", "failed")
    expect(row.get_by_role("alert")).to_contain_text("could not be reached")
    retry = row.get_by_test_id("upload-retry")
    expect(retry).to_be_visible()
    assert_accessible(page, "upload failed, retry offered")
    assert fits_width(page)
    screenshot(page, "kerja-upload-retry-360-en")
    retry.click()
    expect(row).to_have_attribute("data-state", "done")
    expect(card.get_by_test_id("evidence-item").filter(has_text=file.name)).to_have_count(1)
    assert failures["left"] == 0


def test_the_upload_works_on_a_phone_with_the_camera_input(
    live_server: LiveServer, pages: Any, tmp_path: Path
) -> None:
    page = pages(width=360)
    login_as(page, live_server, "employee")
    open_my_work(page, live_server)
    card = _a_realisation(page)
    camera = card.get_by_test_id("camera-input")
    assert camera.get_attribute("capture") == "environment"
    assert camera.get_attribute("accept") == "image/*"
    upload_evidence(
        page,
        _png(tmp_path, "foto-kamera.png"),
        card.get_attribute("data-indicator-id"),
        camera=True,
    )
    assert fits_width(page)
    assert_accessible(page, "kerja saya 360")
    screenshot(page, "kerja-360-id")


def test_an_evaluated_period_is_read_only_and_says_why(live_server: LiveServer, pages: Any) -> None:
    for lang in ("id", "en"):
        page = pages(width=1280, lang=lang)
        login_as(page, live_server, "employee")
        plans = graphql(
            page, live_server, "{ myPlans { year { year periods { number evaluatedAt } } } }"
        )
        year, number = next(
            (p["year"]["year"], q["number"])
            for p in plans["myPlans"]
            for q in p["year"]["periods"]
            if q["evaluatedAt"] is not None
        )
        page.goto(f"{live_server.url}/portal/kerja/{year}/{number}")
        settle(page)
        locked = page.get_by_test_id("work-locked")
        expect(locked).to_have_attribute("data-locked", "evaluated")
        expect(locked).to_contain_text("dinilai" if lang == "id" else "evaluated")
        expect(page.locator("[data-form-id=work-log]")).to_have_count(0)
        expect(page.get_by_test_id("propose-realizations")).to_have_count(0)
        expect(page.get_by_test_id("dropzone")).to_have_count(0)
        expect(page.get_by_test_id("edit-entry")).to_have_count(0)
        expect(page.locator("[data-testid=realizations] form")).to_have_count(0)
        assert_accessible(page, f"periode dinilai ({lang})")
        screenshot(page, f"kerja-terkunci-1280-{lang}")


def test_feedback_on_a_realisation_goes_between_the_employee_and_the_assessor(
    live_server: LiveServer, pages: Any
) -> None:
    employee = pages(width=360)
    assessor = pages(width=1280)
    login_as(employee, live_server, "employee")
    login_as(assessor, live_server, "assessor")
    open_my_work(employee, live_server)
    card = _a_realisation(employee)
    feedback_exchange(
        employee,
        assessor,
        live_server,
        indicator_id=card.get_attribute("data-indicator-id"),
        assessor_text="Tolong lampirkan daftar hadir.",
        reply_text="Baik, daftar hadir sudah saya lampirkan.",
    )
    assert_accessible(employee, "umpan balik pegawai 360")
    assert fits_width(employee)
    screenshot(employee, "umpan-balik-360-id")
    assert_accessible(assessor, "umpan balik penilai")
    screenshot(assessor, "umpan-balik-penilai-1280-id")
    # The assessor reads, and cannot change, the employee's work.
    expect(assessor.get_by_test_id("work-locked")).to_be_visible()
    expect(assessor.locator("[data-form-id=work-log]")).to_have_count(0)


def test_an_employee_cannot_read_someone_elses_work(live_server: LiveServer, pages: Any) -> None:
    # The employee's own Pejabat Penilai's SKP is not theirs to read.
    owner = pages()
    login_as(owner, live_server, "assessor")
    today = graphql(owner, live_server, "{ myAgenda { today } }")["myAgenda"]["today"]
    plan_id = my_plan_id(owner, live_server, int(today[:4]))
    stranger = pages()
    login_as(stranger, live_server, "employee")
    stranger.goto(f"{live_server.url}/portal/tim/kerja/{plan_id}/1")
    settle(stranger)
    expect(stranger.get_by_test_id("work-no-plan")).to_be_visible()
    expect(stranger.get_by_test_id("work-log")).to_have_count(0)
    stranger.goto(f"{live_server.url}/portal/kerja/abc/99")
    settle(stranger)
    expect(stranger.get_by_test_id("work-invalid")).to_be_visible()


def test_dialog_kinerja_notes_are_recorded_by_the_employee_and_read_by_the_assessor(
    live_server: LiveServer, pages: Any
) -> None:
    employee = pages(width=360)
    login_as(employee, live_server, "employee")
    open_my_work(employee, live_server)
    employee.get_by_test_id("dialogue-link").click()
    employee.wait_for_url(re.compile(r".*/portal/dialog/\d+$"))
    settle(employee)
    plan_id = employee.url.rsplit("/", 1)[1]
    # Errors next to their fields.
    employee.locator("#dialogue-heldOn").fill("2999-01-01")
    employee.locator("[data-form-id=dialogue] button[type=submit]").click()
    expect(employee.get_by_test_id("error-heldOn")).to_be_visible()
    expect(employee.get_by_test_id("error-summaryText")).to_be_visible()
    expect(employee.get_by_test_id("error-summary")).to_be_focused()
    employee.locator("#dialogue-heldOn").fill(
        graphql(employee, live_server, "{ myAgenda { today } }")["myAgenda"]["today"]
    )
    note = record_dialogue(employee, live_server, plan_id, "Membahas capaian bulan ini.")
    assessor_name = graphql(
        employee,
        live_server,
        "query($id: ID!) { plan(id: $id) { assessor { name } } }",
        {"id": plan_id},
    )["plan"]["assessor"]["name"]
    expect(note).to_contain_text(assessor_name)
    assert_accessible(employee, "dialog kinerja 360")
    assert fits_width(employee)
    screenshot(employee, "dialog-360-id")

    assessor = pages(width=1280, lang="en")
    login_as(assessor, live_server, "assessor")
    assessor.goto(f"{live_server.url}/portal/dialog/{plan_id}")
    settle(assessor)
    expect(
        assessor.get_by_test_id("dialogue").filter(has_text="Membahas capaian bulan ini.")
    ).to_have_count(1)
    expect(assessor.locator("[data-form-id=dialogue]")).to_be_visible()
    assert_accessible(assessor, "dialog kinerja (en)")
    screenshot(assessor, "dialog-1280-en")

    # The employee may not read their assessor's SKP, nor its dialogues.
    year = int(graphql(assessor, live_server, "{ myAgenda { today } }")["myAgenda"]["today"][:4])
    employee.goto(f"{live_server.url}/portal/dialog/{my_plan_id(assessor, live_server, year)}")
    settle(employee)
    expect(employee.get_by_test_id("dialogue-not-found")).to_be_visible()
    expect(employee.locator("[data-form-id=dialogue]")).to_have_count(0)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_work_screens_are_accessible_and_fit_in_both_languages(
    live_server: LiveServer, pages: Any, lang: str, width: int
) -> None:
    page = pages(width=width, lang=lang)
    login_as(page, live_server, "employee")
    open_my_work(page, live_server)
    year, period = current_plan_and_period(page)
    plan_id = my_plan_id(page, live_server, year)
    # The feedback thread and its form open on an IKI with a realisasi.
    open_feedback(page, _a_realisation(page).get_attribute("data-indicator-id"))
    for label, path in (
        ("kerja", None),
        ("kerja 2025", f"/portal/kerja/{year - 1}/1"),
        ("dialog", f"/portal/dialog/{plan_id}"),
        ("alamat salah", "/portal/kerja/2026/99"),
    ):
        if path is not None:
            page.goto(live_server.url + path)
            settle(page)
        assert page.locator("h1").count() == 1, label
        assert fits_width(page), f"{label} scrolls sideways at {width}px"
        assert_accessible(page, f"{label} {lang} {width}")
    assessor = pages(width=width, lang=lang)
    login_as(assessor, live_server, "assessor")
    assessor.goto(f"{live_server.url}/portal/tim/kerja/{plan_id}/{period}")
    settle(assessor)
    open_feedback(
        assessor,
        assessor.locator("[data-testid=iki]:not([data-status=none])").first.get_attribute(
            "data-indicator-id"
        ),
    )
    assert fits_width(assessor)
    assert_accessible(assessor, f"kerja bawahan {lang} {width}")
    screenshot(assessor, f"kerja-bawahan-{width}-{lang}")


def _focused_id(page: Any) -> str:
    return str(page.evaluate("document.activeElement && document.activeElement.id"))


def _past_help(page: Any, field_id: str) -> None:
    """On a field's "?" help button: check it is that field's, then Tab on to the field."""
    focused = page.evaluate("document.activeElement.getAttribute('aria-controls')")
    if focused is not None:
        assert focused == f"{field_id}-help"
        page.keyboard.press("Tab")


def test_the_work_log_is_operated_with_the_keyboard_alone(
    live_server: LiveServer, pages: Any
) -> None:
    page = pages(width=360)
    login_as(page, live_server, "employee")
    open_my_work(page, live_server)
    page.locator("#work-log-workDate").focus()
    # Tab walks the day, month and year of the date field first, then leaves it.
    for _ in range(4):
        page.keyboard.press("Tab")
        if _focused_id(page) != "work-log-workDate":
            break
    # Fields with help have their "?" (a button) between the label and the field.
    _past_help(page, "work-log-target")
    assert _focused_id(page) == "work-log-target"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # the first IKI (after the first RHK)
    assert page.locator("#work-log-target").input_value().startswith("iki:")
    page.keyboard.press("Tab")
    _past_help(page, "work-log-text")
    assert _focused_id(page) == "work-log-text"
    page.keyboard.type("Entri lewat papan ketik")
    page.keyboard.press("Tab")
    _past_help(page, "work-log-quantity")
    assert _focused_id(page) == "work-log-quantity"
    page.keyboard.type("1")
    page.keyboard.press("Tab")
    _past_help(page, "work-log-minutesSpent")
    assert _focused_id(page) == "work-log-minutesSpent"
    page.keyboard.type("30")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the submit button
    entry = page.get_by_test_id("work-log-entry").filter(has_text="Entri lewat papan ketik")
    expect(entry).to_have_count(1)
    # Delete it again with the keyboard: the button, then the confirmation.
    entry.get_by_test_id("delete-entry").focus()
    page.keyboard.press("Enter")
    entry.get_by_test_id("confirm-delete").focus()
    page.keyboard.press("Enter")
    expect(entry).to_have_count(0)
