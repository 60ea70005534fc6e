"""Issue 11 point 1 in a browser, UI only with the demo logins: BKPSDM opens a year (closes and
reopens a period, moves the SKP deadline), closes a year it opened, sets an organisation predicate
and sees the pattern it allows, downloads a report and a career list, and publishes a release
(provisional, replacing with a reason); a unit manager edits a goal of their unit; the long menu
folds by section on a phone. axe on every visited page, 1280 and 360 px, English too."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

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
from tests.e2e.steps import bkpsdm

HR = "admin.bkpsdm"
MANAGER = "pengelola.diskominfo"
SCREENS = {
    "years": "/portal/bkpsdm/tahun",
    "goals": "/portal/unit/sasaran",
    "predicates": "/portal/bkpsdm/predikat",
    "reports": "/portal/bkpsdm/laporan",
    "releases": "/portal/bkpsdm/rilis",
    "careers": "/portal/bkpsdm/karier",
}


def test_bkpsdm_opens_a_year_sets_a_predicate_downloads_and_publishes(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    page = open_page(pages, browser)
    login_as(page, live_server, HR)
    running = bkpsdm.server_year(page, live_server)

    # Tahun & periode: open the next year, close and reopen a period, move the SKP deadline.
    bkpsdm.open_screen(page, live_server, SCREENS["years"])
    assert_accessible(page, "years")
    year = bkpsdm.open_next_year(page, live_server)
    bkpsdm.close_and_reopen_period(page, live_server, year, 1)
    bkpsdm.set_plan_deadline(page, year, f"{year}-02-27")
    bkpsdm.move_realization_due(page, live_server, year, 2)
    assert_accessible(page, "years after changes")
    screenshot(page, "bkpsdm-years-1280")
    events = graphql(
        page,
        live_server,
        '{ auditEvents(first: 5, action: "period.") { nodes { action } } }',
    )["auditEvents"]["nodes"]
    assert {e["action"] for e in events} >= {
        "period.close_evaluation",
        "period.reopen_evaluation",
        "period.set_realization_due",
    }

    # Closing a year, through its confirmation (an early year no other test reads).
    closed = bkpsdm.open_and_close_early_year(page, live_server)
    assert_accessible(page, "years after closing one")
    screenshot(page, "bkpsdm-years-closed-1280")
    events = graphql(
        page,
        live_server,
        '{ auditEvents(first: 5, action: "appraisal_year.close") { nodes { action } } }',
    )["auditEvents"]["nodes"]
    assert events
    assert events[0]["action"] == "appraisal_year.close"
    assert closed < running

    # Predikat organisasi, in the year just opened (the running year's calibration is shared).
    bkpsdm.open_screen(page, live_server, SCREENS["predicates"])
    assert_accessible(page, "predicates")
    rules = bkpsdm.set_org_predicate(
        page, live_server, year, "DISKOMINFO", "BAIK", "Saran Bappeda (uji)"
    )
    assert "Baik ≤ 70 %" in rules
    row = page.locator("[data-testid=org-predicate][data-unit-code='DISKOMINFO']")
    expect(row.get_by_test_id("pattern-rules")).to_contain_text("Baik ≤ 70 %")
    year_id = next(
        y["id"]
        for y in graphql(page, live_server, bkpsdm.YEARS)["appraisalYears"]
        if y["year"] == year
    )
    stored = graphql(
        page,
        live_server,
        f'{{ orgPredicates(yearId: "{year_id}") {{ predicate unit {{ code }} }} }}',
    )["orgPredicates"]
    assert {"predicate": "BAIK", "unit": {"code": "DISKOMINFO"}} in stored
    assert_accessible(page, "predicates after setting")
    screenshot(page, "bkpsdm-predicates-1280")

    # Sasaran organisasi: BKPSDM adds a goal to a unit and removes it again.
    bkpsdm.open_screen(page, live_server, SCREENS["goals"])
    expect(page.get_by_test_id("goals-choose")).to_be_visible()
    bkpsdm.add_and_remove_goal(page, live_server, "DISKOMINFO", "Sasaran uji BKPSDM (dihapus lagi)")
    assert_accessible(page, "goals as BKPSDM")

    # Laporan: the running year's completion report as CSV and the distribution as XLSX.
    bkpsdm.open_screen(page, live_server, SCREENS["reports"])
    expect(page.get_by_test_id("report")).to_have_count(2)
    assert_accessible(page, "reports")
    page.locator("#report-year").select_option(str(running))
    page.get_by_test_id("report-apply").click()
    page.wait_for_url(f"**/portal/bkpsdm/laporan?tahun={running}")
    settle(page)
    report = bkpsdm.download_report(page, "completion", "csv")
    assert report.content_type.startswith("text/csv")
    assert f"year={running}" in report.url
    rows = bkpsdm.csv_rows(report.body)
    assert rows
    assert all(r["year"] == str(running) for r in rows)
    assert any(int(r["employees"]) > 0 for r in rows)
    workbook = bkpsdm.download_report(page, "predicate-distribution", "xlsx")
    assert workbook.content_type.startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert workbook.body[:2] == b"PK"
    assert workbook.name.endswith(".xlsx")
    assert_accessible(page, "reports after downloads")
    screenshot(page, "bkpsdm-reports-1280")

    # Rilis data publik: preview (disclosure audit), then a provisional release of the running
    # year that replaces any earlier one with a reason (the shared server may have published it).
    bkpsdm.open_screen(page, live_server, SCREENS["releases"])
    assert_accessible(page, "releases")
    first = bkpsdm.publish_release(page, str(running), reason="Koreksi uji e2e BKPSDM")
    number = first.number
    if first.replaced is None:  # the first release of the year on this server: replace it too
        again = bkpsdm.publish_release(page, str(running), reason="Koreksi uji e2e BKPSDM")
        assert again.replaced == first.number
        number = again.number
    history = page.locator(f"[data-testid=release][data-number='{number}']")
    expect(history).to_have_attribute("data-superseded", "false")
    public = graphql(
        page, live_server, "{ dataReleases { number periodCode provisional note cellsWithheld } }"
    )["dataReleases"][0]
    assert public["number"] == number
    assert public["provisional"] is True
    assert public["periodCode"] == str(running)
    assert public["note"] == "Koreksi uji e2e BKPSDM"
    assert public["cellsWithheld"] is not None
    assert_accessible(page, "releases after publishing")
    screenshot(page, "bkpsdm-releases-1280")


def test_a_career_list_downloads_as_csv_with_an_indonesian_header(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    page = open_page(
        pages, browser, lang="en"
    )  # English screen; the file's header stays Indonesian
    login_as(page, live_server, HR)
    bkpsdm.open_screen(page, live_server, SCREENS["careers"])
    section = page.get_by_test_id("career-recognition")
    count = int(section.get_attribute("data-count") or 0)
    assert count > 0, "the demo has Sangat Baik annual predicates in its closed year"
    expect(section.get_by_test_id("career-recognition-csv")).to_have_accessible_name(
        "Download CSV: Recognition recommendations"
    )
    name, rows = bkpsdm.download_career_csv(page, "recognition")
    year = page.locator("#career-year").input_value()
    assert name == f"rekomendasi-penghargaan-{year}.csv"
    assert rows[0] == ["Tahun", "Pegawai", "Jabatan", "Unit", "Predikat"]
    assert len(rows) == count + 1
    assert {r[0] for r in rows[1:]} == {year}
    assert {r[4] for r in rows[1:]} == {"Sangat Baik"}
    shown = section.locator("tbody th").all_inner_texts()
    assert [r[1] for r in rows[1:]] == shown
    assert_accessible(page, "careers")
    screenshot(page, "bkpsdm-careers-1280-en")


def test_the_long_menu_folds_by_section_on_a_phone(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    page = open_page(pages, browser, width=360)
    login_as(page, live_server, HR)
    page.goto(live_server.url + "/portal")
    settle(page)
    nav = page.locator("nav.staff-nav")
    toggles = nav.get_by_test_id("nav-section-toggle")
    expect(toggles.first).to_be_visible()
    assert toggles.count() >= 3
    # On the home page only "Pekerjaan saya" is open; BKPSDM's links are folded away.
    mine = nav.locator("[data-section=mine]")
    hr = nav.locator("[data-section=bkpsdm]")
    expect(mine.locator("button")).to_have_attribute("aria-expanded", "true")
    expect(hr.locator("button")).to_have_attribute("aria-expanded", "false")
    expect(hr.locator(f"a[href='{SCREENS['years']}']")).to_be_hidden()
    main_top = "document.querySelector('main').getBoundingClientRect().top + window.scrollY"
    folded = page.evaluate(main_top)
    screenshot(page, "bkpsdm-menu-folded-360")
    # With the keyboard: on the BKPSDM button Enter unfolds it and Space folds it again; Tab
    # from the unfolded button reaches its first link.
    button = hr.locator("button")
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    link = hr.locator(f"a[href='{SCREENS['years']}']")
    expect(link).to_be_visible()
    assert_accessible(page, "menu unfolded 360")
    screenshot(page, "bkpsdm-menu-unfolded-360")
    page.keyboard.press("Space")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(link).to_be_hidden()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    expect(hr.locator("li a").first).to_be_focused()
    # Every section open: the page starts much lower than with the menu folded.
    for toggle in toggles.all():
        if toggle.get_attribute("aria-expanded") == "false":
            toggle.click()
    assert page.evaluate(main_top) > folded + 200
    link.click()
    page.wait_for_url(f"**{SCREENS['years']}")
    settle(page)
    # On a BKPSDM page its section is the open one, the others are folded again.
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(mine.locator("button")).to_have_attribute("aria-expanded", "false")
    expect(link).to_have_attribute("aria-current", "page")
    assert fits_width(page)
    screenshot(page, "bkpsdm-menu-on-a-bkpsdm-page-360")
    # At desktop width: no buttons, every section open.
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(toggles).to_have_count(0)
    expect(link).to_be_visible()
    expect(nav.locator("a[href='/portal']")).to_be_visible()
    screenshot(page, "bkpsdm-menu-1280")


def test_a_unit_manager_edits_a_goal_of_their_unit(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    page = open_page(pages, browser, width=360, lang="en")
    login_as(page, live_server, MANAGER)
    bkpsdm.open_screen(page, live_server, SCREENS["goals"])
    # Their menu has the goals but none of BKPSDM's screens.
    assert page.locator("nav a[href^='/portal/bkpsdm']").count() == 0
    unit = graphql(page, live_server, "{ me { managedUnit { id } } }")["me"]["managedUnit"]["id"]
    expect(page.locator("#goal-unit")).to_have_value(unit)
    assert_accessible(page, "goals 360 en")
    assert fits_width(page)
    goal_id = bkpsdm.edit_goal_target(page, live_server, "95 % layanan daring (uji)")
    year = page.locator("#goal-year").input_value()
    goals = graphql(
        page, live_server, f'{{ orgGoals(unitId: "{unit}", year: {year}) {{ id target }} }}'
    )["orgGoals"]
    assert {"id": goal_id, "target": "95 % layanan daring (uji)"} in goals
    assert_accessible(page, "goals after editing 360 en")
    assert fits_width(page)
    screenshot(page, "bkpsdm-manager-goals-360-en")

    # A BKPSDM address typed by a unit manager: a sentence, no forms (the API refuses anyway).
    page.goto(live_server.url + SCREENS["releases"])
    expect(page.get_by_test_id("hr-only")).to_be_visible()
    expect(page.get_by_test_id("publish")).to_have_count(0)
    assert_accessible(page, "releases as a unit manager")


@pytest.mark.parametrize("width", [1280, 360])
def test_positions_and_people_beyond_the_first_hundred(
    live_server: LiveServer, browser: Any, pages: list[Any], width: int
) -> None:
    page = open_page(pages, browser, width=width)
    login_as(page, live_server, HR)
    bkpsdm.open_screen(page, live_server, "/portal/bkpsdm/jabatan")
    bkpsdm.page_through_positions(page, live_server, f"bkpsdm-{width}")
    assert_accessible(page, f"positions paged {width}")
    assert fits_width(page)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_every_bkpsdm_screen_at_360_px(
    live_server: LiveServer, browser: Any, pages: list[Any], lang: str
) -> None:
    page = open_page(pages, browser, width=360, lang=lang)
    login_as(page, live_server, HR)
    for name, href in SCREENS.items():
        bkpsdm.open_screen(page, live_server, href)
        expect(page.locator("h1")).to_be_focused()
        assert_accessible(page, f"{name} 360 {lang}")
        assert fits_width(page), name
        screenshot(page, f"bkpsdm-{name}-360-{lang}")
