"""Browser steps of the guide, the guided first visit and the training sandbox (Latihan),
through the UI only (a later whole-walk test can call them).

    account = new_employee_account(live_server, index=0)       # a fresh account (CLI)
    login_as(page, live_server, account.login) …                # (helpers.login_as)
    complete_tour(page, shots="guide-1280-id")                  # the guided first visit
    open_guide(page, role="pegawai", shots=…)                   # Panduan and a role page
    start_practice(page, "pegawai", shots=…)                    # MODE LATIHAN
    leave_practice(page, shots=…)                               # back to the real portal

Every step checks the page with axe-core, that it fits the width, and saves a screenshot
``<shots>-<step>``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from typing import Any

from playwright.sync_api import expect

from server.demo.accounts import DEMO_PASSWORD
from tests.e2e.conftest import LiveServer
from tests.e2e.helpers import assert_accessible, fits_width, menu_link, screenshot, settle


def _check(page: Any, shots: str, step: str) -> None:
    settle(page)
    assert_accessible(page, f"{shots} {step}")
    assert fits_width(page), f"{shots} {step}: the page scrolls sideways"
    screenshot(page, f"{shots}-{step}")


def new_employee_account(live_server: LiveServer, index: int) -> str:
    """A new account (as BKPSDM would make one with `kinerja create-user`) for a demo pegawai
    who has none yet and has a Pejabat Penilai: their tour is due. Returns the login (NIP)."""
    with_account = {a.employee_nip for a in live_server.city.accounts if a.employee_nip}
    positions = {p.key: p for p in live_server.city.positions}
    held = {e.position_key for e in live_server.city.employees}
    parents = {p.parent_key for p in live_server.city.positions}
    candidates = [  # a plain pegawai (rates nobody) whose Pejabat Penilai is in post
        e
        for e in live_server.city.employees
        if e.nip not in with_account
        and e.position_key in positions
        and e.position_key not in parents
        and positions[e.position_key].parent_key in held
    ]
    employee = candidates[index]
    subprocess.run(
        [sys.executable, "-m", "server", "create-user", employee.nip, "--nip", employee.nip],
        input=DEMO_PASSWORD + "\n",
        text=True,
        env=live_server.env,
        check=True,
        capture_output=True,
    )
    return employee.nip


def complete_tour(page: Any, *, shots: str, escape_at: int | None = None) -> list[str]:
    """The guided first visit: the dialog opens by itself, its title has focus, each step marks
    its menu items; "Berikutnya" to the end and "Selesai" (or Escape at step ``escape_at``).
    Returns the ids of the steps seen."""
    tour = page.get_by_test_id("tour")
    expect(tour).to_be_visible()
    seen: list[str] = []
    while True:
        step = str(tour.get_attribute("data-step"))
        seen.append(step)
        expect(page.locator("#tour-title")).to_be_focused()
        if step != "welcome":
            expect(page.locator(".staff-nav a[data-tour-highlight]").first).to_be_visible()
        _check(page, shots, f"tour-{len(seen)}-{step}")
        if escape_at is not None and len(seen) == escape_at:
            page.keyboard.press("Escape")
            break
        finish = tour.get_by_test_id("tour-finish")
        if finish.count():
            finish.click()
            break
        tour.get_by_test_id("tour-next").click()
        expect(tour).not_to_have_attribute("data-step", step)
    expect(tour).to_have_count(0)
    expect(page.locator(".staff-nav a[data-tour-highlight]")).to_have_count(0)
    return seen


def open_guide(page: Any, *, role: str, shots: str) -> None:
    """Panduan through the menu, then one role's page through its link."""
    menu_link(page.locator(".staff-nav a[href='/portal/panduan']")).click()
    page.wait_for_url("**/portal/panduan")
    expect(page.get_by_test_id("guide-calendar")).to_be_visible()
    expect(page.get_by_test_id("guide-term")).to_have_count(12)
    _check(page, shots, "panduan")
    page.locator(f"[data-testid=guide-role][data-role={role}] a").click()
    page.wait_for_url(f"**/portal/panduan/{role}")
    expect(page.get_by_test_id("guide-tasks")).to_have_attribute("data-role", role)
    _check(page, shots, f"panduan-{role}")


def restart_tour(page: Any, *, shots: str) -> None:
    """From the Panduan: "Ulangi tur" shows the tour again; "Lewati" closes and records it."""
    page.get_by_test_id("tour-restart").first.click()
    tour = page.get_by_test_id("tour")
    expect(tour).to_be_visible()
    expect(page.locator("#tour-title")).to_be_focused()
    _check(page, shots, "tour-restarted")
    tour.get_by_test_id("tour-skip").click()
    expect(tour).to_have_count(0)


def start_practice(page: Any, persona: str, *, shots: str) -> None:
    """From the Panduan: start the Latihan as ``persona``; every page then says MODE LATIHAN."""
    page.locator(f"[data-testid=practice-start][data-persona={persona}]").first.click()
    # The first start loads the demo into the sandbox database: allow for it. The screen then
    # reloads the portal home; already in practice, the banner is visible before that load, so
    # wait for the home itself before checking the page.
    page.wait_for_url(re.compile(r".*/portal/?$"), timeout=180_000)
    page.get_by_test_id("user-name").wait_for()
    expect(page.get_by_test_id("practice-banner")).to_be_visible()
    expect(page.get_by_test_id("practice-banner")).to_contain_text(
        re.compile("MODE LATIHAN|PRACTICE MODE")
    )
    expect(page).to_have_title(re.compile(r"^\[(LATIHAN|PRACTICE)\] "))
    _check(page, shots, f"latihan-{persona}")


def leave_practice(page: Any, *, shots: str) -> None:
    page.get_by_test_id("practice-leave").click()
    page.wait_for_url("**/portal/panduan")
    settle(page)
    expect(page.get_by_test_id("practice-banner")).to_have_count(0)
    expect(page).not_to_have_title(re.compile(r"^\[(LATIHAN|PRACTICE)\]"))
    _check(page, shots, "latihan-selesai")


def open_help(page: Any, field_id: str) -> None:
    """The "?" next to a field shows its help (aria-expanded) and hides it again."""
    toggle = page.locator(f"[data-testid=help-toggle][aria-controls={field_id}-help]")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator(f"#{field_id}-help")).to_be_visible()


def sign_in(page: Any, live_server: LiveServer, login: str) -> None:
    """The login form, for an account made during the test (helpers.login_as knows the demo's)."""
    page.goto(live_server.url + "/masuk")
    page.locator("#login-name").fill(login)
    page.locator("#login-password").fill(DEMO_PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/portal(/.*)?(\?.*)?$"))
    page.get_by_test_id("user-name").wait_for()
