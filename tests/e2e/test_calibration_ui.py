"""Issue 11 point 1 (BKPSDM) in a browser, UI only with the demo logins: HR runs a calibration
with a justification and finalises it; a unit manager proposes a Pejabat Penilai override and HR
approves it; HR opens the career lists. axe on every visited page, 1280 and 360 px, English too."""

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
)
from tests.e2e.steps import calibration as steps


def test_hr_calibrates_an_out_of_pattern_unit_with_a_justification(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    page = open_page(pages, browser)
    login_as(page, live_server, "hr_admin")
    steps.open_calibration_dashboard(page, live_server)
    expect(page.get_by_test_id("calibration-summary")).to_be_visible()
    assert_accessible(page, "calibration dashboard")
    done = steps.calibrate_with_justification(page, live_server, shots="calibration-1280")
    assert done.final


def test_calibration_on_a_phone_in_english(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    page = open_page(pages, browser, width=360, lang="en")
    login_as(page, live_server, "hr_admin")
    page.goto(live_server.url + steps.CALIBRATION_PATH)
    expect(page.get_by_role("heading", level=1)).to_have_text("Predicate calibration")
    done = steps.calibrate_with_justification(
        page, live_server, keyboard=True, shots="calibration-360-en"
    )
    assert done.final
    assert fits_width(page)
    screenshot(page, "calibration-360-en-end")


def test_calibration_is_not_in_other_roles_menus(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    page = open_page(pages, browser)
    login_as(page, live_server, "unit_manager")
    expect(page.locator(f"nav a[href='{steps.CALIBRATION_PATH}']")).to_have_count(0)


def test_hr_approves_a_unit_managers_override_proposal(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    manager = open_page(pages, browser)
    login_as(manager, live_server, "unit_manager")
    proposal = steps.propose_override(manager, live_server, shots="override-1280")
    expect(manager.locator(f"nav a[href='{steps.HR_POSITIONS_PATH}']")).to_have_count(0)

    hr = open_page(pages, browser, width=360)
    login_as(hr, live_server, "hr_admin")
    steps.approve_override(hr, live_server, proposal, shots="override-360")
    assert fits_width(hr)

    # The appointment is in force: the holder's Pejabat Penilai is now the appointee (Plt.).
    manager.reload()
    row = manager.locator(f"[data-testid=position-row][data-position='{proposal.position_id}']")
    expect(row.get_by_test_id("position-assessor")).to_have_attribute("data-basis", "OVERRIDE")
    expect(
        manager.locator(f"[data-testid=override-current][data-position='{proposal.position_id}']")
    ).to_be_visible()


def test_hr_refuses_a_proposal_with_a_reason_and_the_manager_sees_it(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    manager = open_page(pages, browser, width=360)
    login_as(manager, live_server, "unit_manager")
    taken = graphql(manager, live_server, steps.PROPOSALS, {"s": None})["assessorOverrideProposals"]
    proposal = steps.propose_override(
        manager, live_server, avoid=frozenset(p["position"]["id"] for p in taken)
    )
    assert fits_width(manager)

    hr = open_page(pages, browser)
    login_as(hr, live_server, "hr_admin")
    reason = "Pejabat yang diusulkan sedang cuti besar."
    steps.refuse_override(hr, live_server, proposal, reason)

    manager.locator("#proposals-status").select_option("DITOLAK")
    manager.get_by_test_id("proposals-show").click()
    manager.wait_for_url("**usulan=DITOLAK*")
    refused = manager.locator(
        f"[data-testid=override-proposal][data-position='{proposal.position_id}']"
        "[data-status=DITOLAK]"
    )
    expect(refused).to_contain_text(reason)
    assert_accessible(manager, "refused proposals, unit manager")
    screenshot(manager, "override-360-refused")


def test_positions_screen_in_english_on_a_phone(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    page = open_page(pages, browser, width=360, lang="en")
    login_as(page, live_server, "hr_admin")
    page.goto(live_server.url + steps.HR_POSITIONS_PATH)
    expect(page.get_by_role("heading", level=1)).to_have_text("Positions and assignments")
    units = graphql(page, live_server, "{ units { id name } }")["units"]
    unit = next(u for u in units if u["name"] == "Dinas Komunikasi dan Informatika")
    page.locator("#positions-unit").select_option(unit["id"])
    page.get_by_test_id("positions-show").click()
    page.wait_for_url("**unit=*")
    expect(page.get_by_test_id("position-row").first).to_be_visible()
    assert_accessible(page, "positions of a unit, English")
    assert fits_width(page)
    screenshot(page, "positions-360-en")


@pytest.mark.parametrize(("width", "lang"), [(1280, "id"), (360, "en")])
def test_hr_opens_the_career_lists(
    live_server: LiveServer, browser: Any, pages: list[Any], width: int, lang: str
) -> None:
    page = open_page(pages, browser, width=width, lang=lang)
    login_as(page, live_server, "hr_admin")
    steps.open_career_lists(page, live_server, shots=f"careers-{width}-{lang}")
    assert fits_width(page)


@pytest.mark.parametrize(("width", "lang"), [(1280, "id"), (360, "en")])
def test_hr_creates_a_coaching_plan_for_a_low_predicate(
    live_server: LiveServer, browser: Any, pages: list[Any], width: int, lang: str
) -> None:
    page = open_page(pages, browser, width=width, lang=lang)
    login_as(page, live_server, "hr_admin")
    plan_id = steps.create_coaching_plan(page, live_server, shots=f"coaching-{width}-{lang}")
    assert plan_id.isdigit()
    assert fits_width(page)
