"""Reusable browser steps of BKPSDM (HR_ADMIN) and of a unit manager's organisation goals.

Every step drives the UI only (the API is read to choose what to act on and to check), selects
by test id, field id and value (never by text), so it works in both languages and at any width.

    login_as(page, live_server, "admin.bkpsdm")
    year = open_next_year(page, live_server)                       # /portal/bkpsdm/tahun
    set_org_predicate(page, live_server, year, "DISKOMINFO", "BAIK", "Saran Bappeda")
    report = download_report(page, "completion", "csv")
    published = publish_release(page, str(running), reason="Koreksi uji")
    login_as(page, live_server, "pengelola.diskominfo")
    edit_goal_target(page, live_server, "Target baru")
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from playwright.sync_api import expect

from tests.e2e.conftest import LiveServer
from tests.e2e.helpers import graphql, menu_link, screenshot, settle

YEARS = "{ appraisalYears { id year status periods { id number evaluatedAt } } }"
TODAY = "{ myAgenda { today } }"


def server_year(page: Any, live_server: LiveServer) -> int:
    """The running year on the server's calendar (never the test machine's)."""
    return int(graphql(page, live_server, TODAY)["myAgenda"]["today"][:4])


def open_screen(page: Any, live_server: LiveServer, href: str) -> None:
    """A screen through its menu item (on a phone its menu section is unfolded first)."""
    page.goto(live_server.url + "/portal")
    settle(page)
    menu_link(page.locator(f"nav a[href='{href}']")).click()
    page.wait_for_url(re.compile(rf".*{re.escape(href)}(\?.*)?$"))
    settle(page)


def open_next_year(page: Any, live_server: LiveServer) -> int:
    """Opens the year after the newest one (monthly) on /portal/bkpsdm/tahun; returns it."""
    years = graphql(page, live_server, YEARS)["appraisalYears"]
    year: int = max(y["year"] for y in years) + 1
    form = page.get_by_test_id("open-year")
    # A wrong value first: the error is shown next to its field and nothing is opened.
    form.locator("#open-year-year").fill("19")
    form.locator("button[type=submit]").click()
    expect(form.get_by_test_id("error-year")).to_be_visible()
    expect(form.locator("#open-year-year")).to_have_attribute("aria-invalid", "true")
    form.locator("#open-year-year").fill(str(year))
    form.locator("#open-year-cadence").select_option("BULANAN")
    form.locator("#open-year-planDeadline").fill(f"{year}-01-31")
    form.locator("#open-year-realizationDueDays").fill("10")
    form.locator("button[type=submit]").click()
    card = page.locator(f"[data-testid=year][data-year='{year}']")
    expect(card).to_be_visible()
    expect(card.get_by_test_id("period")).to_have_count(12)
    opened = [y for y in graphql(page, live_server, YEARS)["appraisalYears"] if y["year"] == year]
    assert opened
    assert opened[0]["status"] == "DIBUKA"
    assert len(opened[0]["periods"]) == 12
    return year


def close_and_reopen_period(page: Any, live_server: LiveServer, year: int, number: int) -> None:
    """Closes the evaluation of one period of ``year``, then reopens it with a reason."""
    card = page.locator(f"[data-testid=year][data-year='{year}']")
    row = card.locator(f"[data-testid=period][data-number='{number}']")
    row.get_by_test_id("close-period").click()
    row.get_by_test_id("close-period-confirm").locator("button[type=submit]").click()
    expect(row).to_have_attribute("data-closed", "true")
    row = page.locator(
        f"[data-testid=year][data-year='{year}'] [data-testid=period][data-number='{number}']"
    )
    reopen = row.get_by_test_id("reopen-period")
    reopen.locator("summary").click()
    reopen.locator("button[type=submit]").click()  # no reason: refused next to the field
    expect(row.get_by_test_id("error-reason")).to_be_visible()
    reopen.locator("textarea, input[name=reason]").first.fill("Ditutup sebelum waktunya (uji)")
    reopen.locator("button[type=submit]").click()
    expect(
        page.locator(
            f"[data-testid=year][data-year='{year}'] [data-testid=period][data-number='{number}']"
        )
    ).to_have_attribute("data-closed", "false")


def set_plan_deadline(page: Any, year: int, day: str) -> None:
    card = page.locator(f"[data-testid=year][data-year='{year}']")
    field = card.locator(f"#deadline-{year}-planDeadline")
    field.fill(f"{year + 5}-01-01")  # outside the allowed range: the server's error, in place
    card.locator(f"form[data-form-id='deadline-{year}'] button[type=submit]").click()
    expect(card.get_by_test_id("error-planDeadline")).to_be_visible()
    card = page.locator(f"[data-testid=year][data-year='{year}']")
    card.locator(f"#deadline-{year}-planDeadline").fill(day)
    card.locator(f"form[data-form-id='deadline-{year}'] button[type=submit]").click()
    expect(
        page.locator(f"[data-testid=year][data-year='{year}'] [data-testid=plan-deadline]")
    ).to_have_attribute("data-date", day)


def move_realization_due(page: Any, live_server: LiveServer, year: int, number: int) -> str:
    """Moves the realisasi deadline of period ``number`` of ``year`` five days later through its
    row's form: a day before the period's end first (refused next to the field, nothing saved).
    Returns the new day (ISO), checked in the table and through the API."""
    row = page.locator(
        f"[data-testid=year][data-year='{year}'] [data-testid=period][data-number='{number}']"
    )
    before = row.get_by_test_id("realization-due").get_attribute("data-date")
    assert before
    due = row.get_by_test_id("due-form")
    due.locator("summary").click()
    field = due.locator("input[name=realizationDue]")
    field.fill(f"{year}-01-01")  # before any period's end
    due.locator("button[type=submit]").click()
    expect(due.get_by_test_id("error-realizationDue")).to_be_visible()
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(row.get_by_test_id("realization-due")).to_have_attribute("data-date", before)
    day = (date.fromisoformat(before) + timedelta(days=5)).isoformat()
    field.fill(day)
    due.locator("button[type=submit]").click()
    expect(
        page.locator(
            f"[data-testid=year][data-year='{year}'] [data-testid=period][data-number='{number}'] "
            "[data-testid=realization-due]"
        )
    ).to_have_attribute("data-date", day)
    expect(page.get_by_test_id("years-notice")).to_be_focused()
    stored = [y for y in graphql(page, live_server, DUES)["appraisalYears"] if y["year"] == year]
    assert [p["realizationDue"] for p in stored[0]["periods"] if p["number"] == number] == [day]
    return day


DUES = "{ appraisalYears { year periods { number realizationDue } } }"

SET_DEADLINE = """
mutation($year: Int!, $day: Date!) {
  setPlanDeadline(year: $year, planDeadline: $day) { result { version } errors { code } }
}"""


def _year_status(page: Any, live_server: LiveServer, year: int) -> str:
    found = [y for y in graphql(page, live_server, YEARS)["appraisalYears"] if y["year"] == year]
    assert found, year
    return str(found[0]["status"])


def open_and_close_early_year(page: Any, live_server: LiveServer) -> int:
    """On /portal/bkpsdm/tahun: opens the earliest unused year from 2000 (quarterly; no other test
    reads a year that early, and the newest closed year stays the demo's) and closes it through
    the confirmation dialog: cancelled first (nothing changes), then refused by the server while
    its four period evaluations are open (its message in the dialog), then, with the periods
    closed, refused because the year changed meanwhile (the screen reloads on leaving the dialog),
    then closed. Returns the year."""
    taken = {y["year"] for y in graphql(page, live_server, YEARS)["appraisalYears"]}
    year = next(y for y in range(2000, 2100) if y not in taken)
    form = page.get_by_test_id("open-year")
    form.locator("#open-year-year").fill(str(year))
    form.locator("#open-year-cadence").select_option("TRIWULAN")
    form.locator("#open-year-planDeadline").fill(f"{year}-01-31")
    form.locator("#open-year-realizationDueDays").fill("10")
    form.locator("button[type=submit]").click()
    card = page.locator(f"[data-testid=year][data-year='{year}']")
    expect(card.get_by_test_id("period")).to_have_count(4)

    # The dialog says what closing means and that all four period evaluations are still open.
    card.get_by_test_id("close-year").click()
    dialog = card.get_by_test_id("close-year-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_test_id("close-year-open-periods")).to_have_attribute("data-count", "4")
    screenshot(page, f"bkpsdm-close-year-dialog-{page.viewport_size['width']}")
    dialog.get_by_test_id("close-year-cancel").click()
    expect(dialog).to_be_hidden()
    expect(card.get_by_test_id("close-year")).to_be_focused()
    assert _year_status(page, live_server, year) == "DIBUKA"

    # Confirmed anyway: the server refuses and names the open periods, next to the button.
    card.get_by_test_id("close-year").click()
    dialog.locator("button[type=submit]").click()
    summary = dialog.get_by_test_id("error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Triwulan IV")
    screenshot(page, f"bkpsdm-close-year-refused-{page.viewport_size['width']}")
    assert _year_status(page, live_server, year) == "DIBUKA"
    page.keyboard.press("Escape")
    for number in range(1, 5):
        row = page.locator(
            f"[data-testid=year][data-year='{year}'] [data-testid=period][data-number='{number}']"
        )
        row.get_by_test_id("close-period").click()
        row.get_by_test_id("close-period-confirm").locator("button[type=submit]").click()
        expect(
            page.locator(
                f"[data-testid=year][data-year='{year}'] "
                f"[data-testid=period][data-number='{number}']"
            )
        ).to_have_attribute("data-closed", "true")
    card = page.locator(f"[data-testid=year][data-year='{year}']")
    expect(card.get_by_test_id("due-form")).to_have_count(0)  # closed periods keep their date

    # Someone moves the deadline meanwhile: the server refuses, the reason shows in the dialog.
    moved = graphql(page, live_server, SET_DEADLINE, {"year": year, "day": f"{year}-02-01"})
    assert moved["setPlanDeadline"]["errors"] == []
    card.get_by_test_id("close-year").click()
    dialog = card.get_by_test_id("close-year-dialog")
    expect(dialog.get_by_test_id("close-year-open-periods")).to_have_count(0)
    dialog.locator("button[type=submit]").click()
    expect(dialog.get_by_test_id("error-summary")).to_be_visible()
    expect(dialog.get_by_test_id("error-summary")).to_be_focused()
    assert _year_status(page, live_server, year) == "DIBUKA"
    page.keyboard.press("Escape")  # leaving the dialog reloads the year as it is now
    card = page.locator(f"[data-testid=year][data-year='{year}']")
    expect(card.get_by_test_id("plan-deadline")).to_have_attribute("data-date", f"{year}-02-01")

    card.get_by_test_id("close-year").click()
    card.get_by_test_id("close-year-dialog").locator("button[type=submit]").click()
    card = page.locator(f"[data-testid=year][data-year='{year}']")
    expect(card).to_have_attribute("data-status", "DITUTUP")
    expect(card.get_by_test_id("close-year")).to_have_count(0)
    expect(card.get_by_test_id("close-period")).to_have_count(0)
    expect(page.get_by_test_id("years-notice")).to_contain_text(str(year))
    expect(page.get_by_test_id("years-notice")).to_be_focused()
    assert _year_status(page, live_server, year) == "DITUTUP"
    return year


def download_career_csv(page: Any, list_name: str) -> tuple[str, list[list[str]]]:
    """On /portal/bkpsdm/karier: "Unduh CSV" of one list (``talent`` or ``recognition``), made
    in the browser. Returns the file name and the rows (header first) of the saved file, which
    must start with a UTF-8 BOM."""
    with page.expect_download() as download:
        page.get_by_test_id(f"career-{list_name}-csv").click()
    saved = download.value
    path = saved.path()
    assert path is not None
    with open(path, "rb") as handle:
        body = handle.read()
    assert body.startswith(b"\xef\xbb\xbf"), body[:10]
    return saved.suggested_filename, list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def set_org_predicate(
    page: Any, live_server: LiveServer, year: int, unit_code: str, predicate: str, basis: str
) -> list[str]:
    """On /portal/bkpsdm/predikat: chooses ``year``, sets the unit's predicate; returns the
    allowed pattern's rules the screen showed beside the form before saving."""
    page.locator("#predicate-year").select_option(str(year))
    page.locator("#predicate-year").locator("xpath=ancestor::form").locator(
        "button[type=submit]"
    ).click()
    page.wait_for_url(re.compile(rf".*tahun={year}"))
    settle(page)
    unit_id = graphql(page, live_server, f'{{ unit(code: "{unit_code}") {{ id }} }}')["unit"]["id"]
    page.locator("#org-predicate-unitId").select_option(unit_id)
    page.locator("#org-predicate-predicate").select_option(predicate)
    effect = page.get_by_test_id("predicate-effect")
    expect(effect).to_have_attribute("data-predicate", predicate)
    rules: list[str] = effect.get_by_test_id("pattern-rules").locator("li").all_inner_texts()
    page.locator("form[data-form-id='org-predicate'] button[type=submit]").click()  # no basis
    expect(page.get_by_test_id("error-basis")).to_be_visible()
    page.locator("#org-predicate-basis").fill(basis)
    page.locator("form[data-form-id='org-predicate'] button[type=submit]").click()
    row = page.locator(f"[data-testid=org-predicate][data-unit-code='{unit_code}']")
    expect(row).to_have_attribute("data-predicate", predicate)
    return rules


@dataclass(frozen=True)
class Download:
    content_type: str
    url: str
    name: str
    body: bytes


def download_report(page: Any, name: str, extension: str) -> Download:
    """Clicks a report's download button; returns what the server sent and what was saved."""
    card = page.locator(f"[data-testid=report][data-report='{name}']")
    with (
        page.expect_response(lambda r: f"/api/reports/{name}.{extension}" in r.url) as response,
        page.expect_download() as download,
    ):
        card.get_by_test_id(f"download-{extension}").click()
    saved = download.value
    path = saved.path()
    assert path is not None
    with open(path, "rb") as handle:
        body = handle.read()
    expect(
        card.get_by_test_id("download-state").nth(0 if extension == "csv" else 1)
    ).to_have_attribute("data-state", "done")
    return Download(
        response.value.headers["content-type"], response.value.url, saved.suggested_filename, body
    )


def csv_rows(body: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


@dataclass(frozen=True)
class Published:
    number: int
    replaced: int | None  # the release of the period it replaced, if any


def publish_release(page: Any, period: str, *, reason: str) -> Published:
    """On /portal/bkpsdm/rilis: preview ``period`` (the disclosure audit's result shown), then
    publish it as a provisional release, replacing the current one with ``reason`` when the
    period was published (a replacement without a reason is refused in place first)."""
    page.locator("#release-period-period").select_option(period)
    page.get_by_test_id("release-preview").click()
    preview = page.get_by_test_id("preview")
    expect(preview).to_be_visible(timeout=60_000)
    assert int(preview.get_attribute("data-cells-withheld") or -1) >= 0
    current = preview.get_attribute("data-current") or None
    screenshot(page, f"bkpsdm-release-preview-{page.viewport_size['width']}")
    publish = page.get_by_test_id("publish")
    publish.locator("#publish-release-kind").select_option("provisional")
    if current:
        publish.locator("button[type=submit]").click()
        expect(publish.get_by_test_id("error-note")).to_be_visible()
    publish.locator("#publish-release-note").fill(reason)
    publish.locator("button[type=submit]").click()
    notice = page.get_by_test_id("release-notice")
    expect(notice).to_contain_text("#", timeout=60_000)
    newest = page.get_by_test_id("release").first
    expect(newest).to_have_attribute("data-period", period)
    expect(newest).to_have_attribute("data-provisional", "true")
    number = int(newest.get_attribute("data-number") or 0)
    if current:
        replaced = page.locator(f"[data-testid=release][data-number='{current}']")
        expect(replaced).to_have_attribute("data-superseded", "true")
    return Published(number, int(current) if current else None)


def add_and_remove_goal(page: Any, live_server: LiveServer, unit_code: str, text: str) -> None:
    """On /portal/unit/sasaran as BKPSDM: chooses a unit, adds a goal, then removes it again
    (a goal no RHK refers to), checking the list after each step."""
    unit_id = graphql(page, live_server, f'{{ unit(code: "{unit_code}") {{ id }} }}')["unit"]["id"]
    page.locator("#goal-unit").select_option(unit_id)
    page.get_by_test_id("goal-scope-submit").click()
    page.wait_for_url(re.compile(rf".*unit={unit_id}"))
    settle(page)
    before = page.get_by_test_id("goal").count()
    form = page.locator("form[data-form-id='goal-new']")
    form.locator("#goal-new-text").fill("x" * 501)  # too long: refused in place
    form.locator("#goal-new-indicator").fill("Indeks uji")
    form.locator("button[type=submit]").click()
    expect(form.get_by_test_id("error-text")).to_be_visible()
    form.locator("#goal-new-text").fill(text)
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("goal")).to_have_count(before + 1)
    added = page.get_by_test_id("goal").filter(has_text=text)
    expect(added).to_have_count(1)
    added.get_by_test_id("goal-remove").click()
    added.locator("button[type=submit]").click()
    expect(page.get_by_test_id("goal")).to_have_count(before)
    expect(page.get_by_test_id("goals-notice")).to_be_focused()


def edit_goal_target(page: Any, live_server: LiveServer, target: str) -> str:
    """On /portal/unit/sasaran (a unit manager: their own unit by default), with the keyboard
    only: edits the first goal's target (an empty goal text is refused in place first); the
    outcome takes focus. Returns the goal's id."""
    goal = page.get_by_test_id("goal").first
    expect(goal).to_be_visible()
    goal_id = goal.get_attribute("data-goal-id") or ""
    text = goal.get_by_test_id("goal-text").inner_text()
    goal.get_by_test_id("goal-edit").focus()
    page.keyboard.press("Enter")
    form = page.locator(f"form[data-form-id='goal-{goal_id}']")
    form.locator(f"#goal-{goal_id}-text").fill("  ")
    form.locator(f"#goal-{goal_id}-target").press("Enter")
    expect(form.get_by_test_id("error-text")).to_be_visible()
    expect(form.get_by_test_id("error-summary")).to_be_focused()
    form.locator(f"#goal-{goal_id}-text").fill(text)
    form.locator(f"#goal-{goal_id}-target").fill(target)
    form.locator(f"#goal-{goal_id}-target").press("Enter")
    edited = page.locator(f"[data-testid=goal][data-goal-id='{goal_id}']")
    expect(edited.get_by_test_id("goal-target")).to_have_text(target)
    expect(page.get_by_test_id("goals-notice")).to_be_focused()
    return goal_id


POSITIONS_PAGE = """query($u: ID!, $after: String) {
  positions(unitId: $u, includeSubunits: true, first: 100, after: $after) {
    totalCount pageInfo { endCursor } nodes { id } } }"""
PEOPLE_PAGE = """query($u: ID, $s: String, $after: String) {
  employees(unitId: $u, search: $s, includeSubunits: true, first: 100, after: $after) {
    totalCount pageInfo { endCursor } nodes { id name unit { id } } } }"""
UNITS = "{ units { id code parent { id } } }"


def page_through_positions(page: Any, live_server: LiveServer, shots: str) -> None:
    """On /portal/bkpsdm/jabatan: the whole city (the root unit, over 100 positions and people)
    loads 100 positions at a time; "Muat lebih banyak" brings the 101st and the rest in, then the
    focus rests on the count. The assessor list loads the 101st person on request too, and a
    search by name, chosen in another unit, finds someone of any unit."""
    units = graphql(page, live_server, UNITS)["units"]
    root = next(u for u in units if u["parent"] is None)
    picker = page.locator("#positions-unit")
    picker.select_option(root["id"])
    page.get_by_test_id("positions-show").click()
    first = graphql(page, live_server, POSITIONS_PAGE, {"u": root["id"]})["positions"]
    total = first["totalCount"]
    assert total > 100
    loaded = page.get_by_test_id("positions-loaded")
    expect(loaded).to_have_attribute("data-shown", "100")
    expect(loaded).to_have_attribute("data-total", str(total))
    second = graphql(
        page,
        live_server,
        POSITIONS_PAGE,
        {"u": root["id"], "after": first["pageInfo"]["endCursor"]},
    )["positions"]["nodes"]
    far = page.locator(f"[data-testid=position-row][data-position='{second[0]['id']}']")
    expect(far).to_have_count(0)
    screenshot(page, f"{shots}-positions-first-page")
    more = page.get_by_test_id("positions-more")
    while more.count() > 0:
        shown = loaded.get_attribute("data-shown")
        more.click()
        expect(loaded).not_to_have_attribute("data-shown", shown or "")
    expect(loaded).to_have_attribute("data-shown", str(total))
    expect(loaded).to_be_focused()
    expect(far).to_be_visible()
    expect(page.get_by_test_id("position-row")).to_have_count(total)

    # The assessor list: the root unit's people, 100 by name, the 101st after "Muat lebih banyak".
    people = graphql(page, live_server, PEOPLE_PAGE, {"u": root["id"]})["employees"]
    assert people["totalCount"] > 100
    after = graphql(
        page, live_server, PEOPLE_PAGE, {"u": root["id"], "after": people["pageInfo"]["endCursor"]}
    )["employees"]["nodes"][0]
    form = page.get_by_test_id("override-form")
    select = form.locator("select[name=assessorEmployeeId]")
    expect(select.locator(f"option[value='{after['id']}']")).to_have_count(0)
    form.get_by_test_id("appointees-more").click()
    expect(select.locator(f"option[value='{after['id']}']")).to_have_count(1)
    select.select_option(after["id"])
    screenshot(page, f"{shots}-positions-all-loaded")

    # A smaller unit, and a person of another unit found by name (kept when chosen).
    small = next(u for u in units if u["code"] == "DISKOMINFO")
    picker = page.locator("#positions-unit")
    picker.select_option(small["id"])
    page.get_by_test_id("positions-show").click()
    expect(page.get_by_test_id("positions-loaded")).not_to_have_attribute("data-total", str(total))
    stranger = next(p for p in people["nodes"] if p["unit"] and p["unit"]["id"] != small["id"])
    form = page.get_by_test_id("override-form")
    select = form.locator("select[name=assessorEmployeeId]")
    expect(select.locator(f"option[value='{stranger['id']}']")).to_have_count(0)
    form.locator("#override-assessor-search").fill(stranger["name"])
    form.locator("#override-assessor-search").press("Enter")  # searches, sends nothing
    expect(select.locator(f"option[value='{stranger['id']}']")).to_have_count(1)
    expect(page.get_by_test_id("error-summary")).to_have_count(0)
    select.select_option(stranger["id"])
    form.locator("#override-assessor-search").fill("")
    form.get_by_test_id("appointee-search").click()  # back to the unit's people
    expect(select).to_have_value(stranger["id"])  # the person chosen stays
    screenshot(page, f"{shots}-positions-search")
