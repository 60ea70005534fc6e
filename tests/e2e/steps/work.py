"""Steps of the work screens (/portal/kerja…): the work log, realisasi, evidence and feedback.

Compose them into longer walks::

    from tests.e2e.steps.work import (
        confirm_realisation, feedback_exchange, log_work, open_my_work, upload_evidence,
    )

    open_my_work(page, live_server)                      # the current period (the menu item)
    log_work(page, "Menyusun laporan", iki=True, quantity="2")
    propose_realisations(page)
    confirm_realisation(page)                            # the first IKI, as proposed
    upload_evidence(page, tmp_path / "foto.png")         # asserts the progress bar reached 100 %
    feedback_exchange(employee_page, assessor_page, live_server, ...)

Each step waits for what the person would see before it returns, and returns locators of it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from tests.e2e.conftest import LiveServer
from tests.e2e.helpers import graphql, settle

# Records every value a <progress> of an upload shows, so a step can say the bar was there
# and moved, however fast the upload (a MutationObserver sees each rendered value).
_WATCH_PROGRESS = """
() => {
  window.__uploadProgress = [];
  if (window.__uploadObserver) window.__uploadObserver.disconnect();
  const seen = () => document.querySelectorAll('[data-testid=upload-progress]').forEach((bar) => {
    window.__uploadProgress.push(Number(bar.value));
  });
  window.__uploadObserver = new MutationObserver(seen);
  window.__uploadObserver.observe(document.body, {
    subtree: true, childList: true, attributes: true, attributeFilter: ['value'],
  });
}
"""


def open_my_work(
    page: Any, live_server: LiveServer, year: int | None = None, period: int | None = None
) -> None:
    """My work page: a given period, or the current one through the menu's address."""
    path = "/portal/kerja" if year is None else f"/portal/kerja/{year}/{period or 1}"
    page.goto(live_server.url + path)
    page.wait_for_url(re.compile(r".*/portal/kerja/\d{4}/\d+$"))
    settle(page)
    page.get_by_test_id("work-log").wait_for()


def current_plan_and_period(page: Any) -> tuple[int, int]:
    """(year, period) of the work page shown."""
    match = re.search(r"/kerja/(\d{4})/(\d+)$", page.url)
    assert match, page.url
    return int(match.group(1)), int(match.group(2))


def log_work(
    page: Any,
    text: str,
    *,
    iki: bool = True,
    option_index: int | None = None,
    quantity: str | None = None,
    minutes: str | None = None,
    day: str | None = None,
) -> Any:
    """Logs one activity with the page's form (the first IKI, or the first RHK with
    ``iki=False``, or the option at ``option_index``); returns the new entry in the list."""
    form = page.locator("[data-form-id=work-log]")
    select = form.locator("#work-log-target")
    if option_index is None:
        values = select.locator("option").evaluate_all("(os) => os.map((o) => o.value)")
        wanted = "iki:" if iki else "rhk:"
        value = next(v for v in values if v.startswith(wanted))
        select.select_option(value)
    else:
        select.select_option(index=option_index)
    if day is not None:
        form.locator("#work-log-workDate").fill(day)
    form.locator("#work-log-text").fill(text)
    if quantity is not None:
        form.locator("#work-log-quantity").fill(quantity)
    if minutes is not None:
        form.locator("#work-log-minutesSpent").fill(minutes)
    form.locator("button[type=submit]").click()
    entry = page.get_by_test_id("work-log-entry").filter(has_text=text)
    expect(entry).to_have_count(1)
    expect(form.locator("#work-log-text")).to_have_value("")
    return entry


def edit_work_entry(page: Any, old_text: str, new_text: str) -> Any:
    found = page.get_by_test_id("work-log-entry").filter(has_text=old_text)
    expect(found).to_have_count(1)
    entry = page.locator(
        f"[data-testid=work-log-entry][data-id='{found.get_attribute('data-id')}']"
    )
    entry.get_by_test_id("edit-entry").click()
    field = entry.locator("textarea[id$='-text']")
    field.fill(new_text)
    entry.locator("button[type=submit]").click()
    changed = page.get_by_test_id("work-log-entry").filter(has_text=new_text)
    expect(changed).to_have_count(1)
    expect(changed.get_by_test_id("edit-entry")).to_be_visible()
    return changed


def delete_work_entry(page: Any, text: str) -> None:
    entry = page.get_by_test_id("work-log-entry").filter(has_text=text)
    entry.get_by_test_id("delete-entry").click()
    entry.get_by_test_id("confirm-delete").click()
    expect(page.get_by_test_id("work-log-entry").filter(has_text=text)).to_have_count(0)


def propose_realisations(page: Any) -> None:
    """Asks for the proposal from the work log; waits for its announcement."""
    page.get_by_test_id("propose-realizations").click()
    expect(page.get_by_test_id("propose-result")).not_to_be_empty()


def iki_card(page: Any, indicator_id: str | None = None) -> Any:
    cards = page.get_by_test_id("iki")
    if indicator_id is None:
        return cards.first
    return page.locator(f"[data-testid=iki][data-indicator-id='{indicator_id}']")


def confirm_realisation(
    page: Any,
    indicator_id: str | None = None,
    *,
    value: str | None = None,
    description: str | None = None,
) -> Any:
    """Confirms the realisasi of one IKI (the first by default): as proposed, or with the
    value/description given (saved and confirmed). Returns the IKI's card."""
    card = iki_card(page, indicator_id)
    if value is None and description is None:
        card.get_by_test_id("confirm-realization").click()
    else:
        if value is not None:
            card.locator("input[id$='-value']").fill(value)
        if description is not None:
            card.locator("textarea[id$='-description']").fill(description)
        card.locator("button[type=submit]").first.click()
    expect(card).to_have_attribute("data-status", "DIKONFIRMASI")
    return card


def upload_evidence(
    page: Any, file: Path, indicator_id: str | None = None, *, camera: bool = False
) -> Any:
    """Uploads ``file`` as evidence of one IKI's realisasi with the file picker (or the camera
    input); asserts the progress bar was shown and reached 100 %; returns the evidence item."""
    card = iki_card(page, indicator_id)
    page.evaluate(_WATCH_PROGRESS)
    card.get_by_test_id("camera-input" if camera else "file-input").set_input_files(str(file))
    done = card.get_by_test_id("upload").filter(has_text=file.name).last
    expect(done).to_have_attribute("data-state", "done")
    expect(done.get_by_test_id("upload-progress")).to_have_attribute("value", "100")
    seen = page.evaluate("window.__uploadProgress")
    assert seen, "no progress bar was shown"
    assert max(seen) == 100, f"the progress bar did not reach 100 %: {seen}"
    item = card.get_by_test_id("evidence-item").filter(has_text=file.name)
    expect(item).to_have_count(1)
    return item


def drop_evidence(page: Any, file: Path, indicator_id: str | None = None) -> Any:
    """Drags ``file`` onto the IKI's drop zone (a real DataTransfer holding a File) and waits
    until it is attached; returns the evidence item."""
    card = iki_card(page, indicator_id)
    zone = card.get_by_test_id("dropzone")
    transfer = page.evaluate_handle(
        """([name, bytes]) => {
            const data = new DataTransfer();
            data.items.add(new File([new Uint8Array(bytes)], name));
            return data;
        }""",
        [file.name, list(file.read_bytes())],
    )
    zone.dispatch_event("dragover", {"dataTransfer": transfer})
    expect(zone).to_have_class(re.compile(r"dropzone-active"))
    zone.dispatch_event("drop", {"dataTransfer": transfer})
    done = card.get_by_test_id("upload").filter(has_text=file.name).last
    expect(done).to_have_attribute("data-state", "done")
    item = card.get_by_test_id("evidence-item").filter(has_text=file.name)
    expect(item).to_have_count(1)
    return item


def add_evidence_link(page: Any, url: str, title: str, indicator_id: str | None = None) -> Any:
    card = iki_card(page, indicator_id)
    card.locator(".link-evidence summary").click()
    card.locator("input[type=url]").fill(url)
    card.locator("input[id$='-title']").fill(title)
    card.locator(".link-evidence button[type=submit]").click()
    item = card.get_by_test_id("evidence-item").filter(has_text=title)
    expect(item).to_have_count(1)
    return item


def open_feedback(page: Any, indicator_id: str | None = None) -> Any:
    """Opens the feedback thread of one IKI's realisasi; returns the thread."""
    return open_thread(iki_card(page, indicator_id))


def open_thread(holder: Any) -> Any:
    """Opens the feedback thread behind the first feedback toggle in ``holder`` (a realisasi
    card, or an RHK/IKI of the SKP screens); returns the thread once its form is there."""
    toggle = holder.get_by_test_id("feedback-toggle").first
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    thread = holder.get_by_test_id("feedback-thread").first
    thread.locator("form").wait_for()
    return thread


def send_feedback(thread: Any, text: str, *, phrase_index: int | None = None) -> Any:
    if phrase_index is not None:
        thread.get_by_test_id("feedback-phrase").nth(phrase_index).click()
    thread.locator("textarea").fill(text)
    thread.locator("button[type=submit]").click()
    item = thread.locator(".feedback-text", has_text=text)
    expect(item).to_have_count(1)
    return item


def my_plan_id(page: Any, live_server: LiveServer, year: int) -> str:
    data = graphql(page, live_server, "{ myPlans { id year { year } } }")
    return str(next(p["id"] for p in data["myPlans"] if p["year"]["year"] == year))


def feedback_exchange(
    employee_page: Any,
    assessor_page: Any,
    live_server: LiveServer,
    *,
    assessor_text: str,
    reply_text: str,
    indicator_id: str | None = None,
    phrase_index: int | None = 0,
) -> None:
    """The Pejabat Penilai comments on a realisasi of the employee's current work page (with a
    standard phrase), the employee sees it and replies, the assessor sees the reply. Both pages
    must be signed in; the employee's page shows their work of a period."""
    year, period = current_plan_and_period(employee_page)
    card = iki_card(employee_page, indicator_id)
    wanted = indicator_id or card.get_attribute("data-indicator-id")
    plan_id = my_plan_id(employee_page, live_server, year)
    assessor_page.goto(f"{live_server.url}/portal/tim/kerja/{plan_id}/{period}")
    settle(assessor_page)
    thread = open_feedback(assessor_page, wanted)
    assert thread.get_by_test_id("feedback-phrase").count() > 0, "the assessor sees no phrases"
    send_feedback(thread, assessor_text, phrase_index=phrase_index)

    employee_page.reload()
    settle(employee_page)
    mine = open_feedback(employee_page, wanted)
    assert mine.get_by_test_id("feedback-phrase").count() == 0, "phrases are for assessors"
    expect(mine.locator(".feedback-text", has_text=assessor_text)).to_have_count(1)
    comment = mine.get_by_test_id("feedback-item").filter(has_text=assessor_text).first
    # New to the employee until they mark the thread read.
    expect(comment).to_have_attribute("data-read", "false")
    mine.get_by_test_id("feedback-mark-read").click()
    expect(comment).to_have_attribute("data-read", "true")
    expect(mine.get_by_test_id("feedback-unread")).to_have_count(0)
    comment.get_by_test_id("feedback-reply").first.click()
    send_feedback(mine, reply_text)

    assessor_page.reload()
    settle(assessor_page)
    again = open_feedback(assessor_page, wanted)
    expect(again.locator(".feedback-replies .feedback-text", has_text=reply_text)).to_have_count(1)
    reply = again.locator(".feedback-replies [data-testid=feedback-item]", has_text=reply_text)
    expect(reply).to_have_attribute("data-read", "false")


def record_dialogue(page: Any, live_server: LiveServer, plan_id: str, summary: str) -> Any:
    """Records a dialog kinerja note on an SKP (as its employee or their Pejabat Penilai);
    returns the note in the list.

    Already on the page, it stays there: a reload would restore the form's draft, which may
    still hold what was typed before the last keystroke was saved (a race: it failed once)."""
    if not page.url.endswith(f"/portal/dialog/{plan_id}"):
        page.goto(f"{live_server.url}/portal/dialog/{plan_id}")
        settle(page)
    form = page.locator("[data-form-id=dialogue]")
    form.locator("#dialogue-summaryText").fill(summary)
    form.locator("#dialogue-followUps").fill("Lengkapi bukti dukung bulan ini.")
    form.locator("button[type=submit]").click()
    note = page.get_by_test_id("dialogue").filter(has_text=summary)
    expect(note).to_have_count(1)
    expect(form.locator("#dialogue-summaryText")).to_have_value("")
    return note
