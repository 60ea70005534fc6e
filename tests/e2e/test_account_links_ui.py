"""Issue 11 point 4 in a browser: the system administrator creates a unit manager's account linked
to an employee (found by name; someone who already has an account cannot be chosen) and to the
unit they manage, then unlinks the employee at 360 px in English. axe on every state visited."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.e2e.conftest import LiveServer
from tests.e2e.helpers import (
    assert_accessible,
    demo_account,
    fits_width,
    graphql,
    login_as,
    new_page,
    screenshot,
)

LOGIN = "pengelola.e2e"
ACCOUNT = "query($s: String) { accounts(search: $s) { nodes { id login roles employeeNip managedUnitId } } }"


def the_account(page: Any, live_server: LiveServer) -> dict[str, Any] | None:
    nodes = graphql(page, live_server, ACCOUNT, {"s": LOGIN})["accounts"]["nodes"]
    return next((n for n in nodes if n["login"] == LOGIN), None)


def test_sysadmin_links_an_account_to_an_employee_and_a_unit(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    city = live_server.city
    linked = {a.employee_nip for a in city.accounts if a.employee_nip}
    free = next(e for e in reversed(city.employees) if e.nip not in linked)
    employee_login = demo_account(city, "employee")

    page = new_page(browser)
    pages.append(page)
    login_as(page, live_server, "sysadmin")
    page.get_by_role("link", name="Akun dan Peran").click()
    page.wait_for_url("**/portal/admin/akun")
    form = page.get_by_test_id("account-create")
    form.locator("#account-new-login").fill(LOGIN)
    form.locator("#account-new-password").fill("Sandi-Awal-2026!")
    form.get_by_test_id("role-UNIT_MANAGER").check()
    expect(form.locator("#account-new-managedUnitId")).to_be_visible()

    # Someone who already has an account is shown, but cannot be chosen.
    search = form.locator("#account-new-employee-search")
    search.fill(employee_login.login)
    search.press("Enter")  # the keyboard searches; it does not submit the form
    taken = form.locator(f"[data-testid=employee-candidate][data-nip='{employee_login.login}']")
    expect(taken).to_contain_text("sudah punya akun")
    expect(taken.get_by_role("button")).to_be_disabled()
    assert the_account(page, live_server) is None
    assert_accessible(page, "account form with a taken employee")

    # Without the managed unit: the error sits next to the unit field, nothing is created.
    search.fill(free.name.split(",")[0])
    form.get_by_test_id("employee-find").click()
    candidate = form.locator(f"[data-testid=employee-candidate][data-nip='{free.nip}']")
    candidate.get_by_role("button").click()
    expect(form.get_by_test_id("employee-chosen")).to_contain_text(free.nip)
    form.get_by_role("button", name="Buat akun").click()
    expect(form.get_by_test_id("error-managedUnitId")).to_be_visible()
    assert the_account(page, live_server) is None
    assert_accessible(page, "account form with the unit missing")

    form.locator("#account-new-managedUnitId").select_option(index=1)
    form.get_by_role("button", name="Buat akun").click()
    expect(page.get_by_test_id("account-notice")).to_contain_text(LOGIN)
    created = the_account(page, live_server)
    assert created is not None
    assert created["roles"] == ["UNIT_MANAGER"]
    assert created["employeeNip"] == free.nip
    assert created["managedUnitId"] is not None
    screenshot(page, "accounts-linked-1280")

    phone = new_page(browser, width=360, lang="en")
    pages.append(phone)
    login_as(phone, live_server, "sysadmin")
    phone.goto(f"{live_server.url}/portal/admin/akun?cari={LOGIN}&akun={created['id']}")
    panel = phone.get_by_test_id("account-panel")
    expect(panel).to_be_visible()
    expect(panel.get_by_test_id("employee-chosen")).to_contain_text(free.nip)
    assert fits_width(phone)
    assert_accessible(phone, "account panel 360 en")
    screenshot(phone, "accounts-panel-360-en")
    panel.get_by_test_id("employee-clear").click()
    panel.get_by_role("button", name="Save employee link").click()
    expect(phone.get_by_test_id("account-notice")).to_contain_text("Employee link")
    after = the_account(phone, live_server)
    assert after is not None
    assert after["employeeNip"] is None
    assert after["managedUnitId"] == created["managedUnitId"]
