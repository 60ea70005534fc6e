"""Issue 11 points 3–4 in a browser: the auditor searches the audit log and verifies the hash
chain; the system administrator creates an account, resets its password and deactivates it.
axe at 1280 and 360 px, English too."""

from __future__ import annotations

from typing import Any

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


def test_the_auditor_finds_an_event_and_verifies_the_chain(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    page = open_page(pages, browser)
    login_as(page, live_server, "auditor")
    page.get_by_role("link", name="Log Audit").click()
    page.wait_for_url("**/portal/audit")
    expect(page.get_by_test_id("audit-event").first).to_be_visible()
    assert_accessible(page, "audit log")
    screenshot(page, "admin-audit-1280")

    # Find the events of one kind: filter by an action and its object type (from the data).
    sample = graphql(page, live_server, "{ auditEvents(first: 1) { nodes { action objectType } } }")
    action = sample["auditEvents"]["nodes"][0]["action"]
    object_type = sample["auditEvents"]["nodes"][0]["objectType"]
    page.locator("#audit-aksi").fill(action)
    page.locator("#audit-objek").fill(object_type)
    page.get_by_test_id("audit-search").click()
    page.wait_for_url("**/portal/audit?*aksi=*")
    rows = page.get_by_test_id("audit-event")
    expect(rows.first).to_be_visible()
    expected = graphql(
        page,
        live_server,
        "query($a: String, $t: String) { auditEvents(action: $a, objectType: $t) { totalCount } }",
        {"a": action, "t": object_type},
    )["auditEvents"]["totalCount"]
    expect(page.get_by_test_id("audit-count")).to_have_attribute("data-count", str(expected))
    for found in rows.evaluate_all("rows => rows.map(r => r.dataset.action)"):
        assert found.startswith(action), found

    # An impossible range: the "until" error sits next to its field, nothing is searched.
    page.locator("#audit-dari").fill("2030-01-02")
    page.locator("#audit-sampai").fill("2030-01-01")
    page.get_by_test_id("audit-search").click()
    expect(page.get_by_test_id("error-sampai")).to_be_visible()
    expect(page.locator("#audit-sampai")).to_be_focused()

    page.get_by_test_id("verify-chain").click()
    result = page.get_by_test_id("chain-result")
    expect(result).to_have_attribute("data-intact", "true")
    assert int(result.get_attribute("data-checked") or "0") > 0
    assert_accessible(page, "audit chain verified")

    phone = open_page(pages, browser, width=360, lang="en")
    login_as(phone, live_server, "auditor", path="/masuk?kembali=/portal/audit")
    expect(phone.get_by_role("heading", level=1, name="Audit log")).to_be_visible()
    expect(phone.get_by_test_id("audit-event").first).to_be_visible()
    assert fits_width(phone)
    assert_accessible(phone, "audit log 360 en")
    screenshot(phone, "admin-audit-360-en")


def test_the_sysadmin_creates_resets_and_deactivates_an_account(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    page = open_page(pages, browser)
    login_as(page, live_server, "sysadmin")
    page.get_by_role("link", name="Akun dan Peran").click()
    page.wait_for_url("**/portal/admin/akun")
    expect(page.get_by_test_id("account-row").first).to_be_visible()
    assert_accessible(page, "accounts")

    # A bad login and a short password: errors next to the fields, nothing created.
    page.locator("#account-new-login").fill("X")
    page.locator("#account-new-password").fill("short")
    page.get_by_test_id("account-create").get_by_role("button", name="Buat akun").click()
    expect(page.get_by_test_id("error-login")).to_be_visible()
    expect(page.get_by_test_id("error-password")).to_be_visible()
    assert_accessible(page, "accounts create errors")

    page.locator("#account-new-login").fill("auditor.e2e")
    page.locator("#account-new-password").fill("Sandi-Awal-2026!")
    page.get_by_test_id("role-AUDITOR").check()
    page.get_by_test_id("account-create").get_by_role("button", name="Buat akun").click()
    expect(page.get_by_test_id("account-notice")).to_contain_text("auditor.e2e")
    screenshot(page, "admin-accounts-1280")

    page.locator("#account-search").fill("auditor.e2e")
    page.get_by_test_id("account-search").click()
    row = page.locator('[data-testid=account-row][data-login="auditor.e2e"]')
    expect(row).to_have_attribute("data-active", "true")
    row.get_by_test_id("account-manage").click()
    panel = page.get_by_test_id("account-panel")
    expect(panel).to_be_visible()
    assert_accessible(page, "account panel")

    panel.locator("input[type=password]").fill("Sandi-Baru-2026!!")
    panel.get_by_role("button", name="Atur ulang kata sandi").click()
    expect(page.get_by_test_id("account-notice")).to_contain_text("diatur ulang")

    page.get_by_test_id("account-deactivate").click()
    expect(page.get_by_test_id("account-notice")).to_contain_text("dinonaktifkan")
    expect(row).to_have_attribute("data-active", "false")
    expect(page.get_by_test_id("account-reactivate")).to_be_visible()
    events = graphql(
        page,
        live_server,
        '{ auditEvents(action: "account.update", objectType: "user_account") { totalCount } }',
    )["auditEvents"]["totalCount"]
    assert events >= 2

    phone = open_page(pages, browser, width=360, lang="en")
    login_as(phone, live_server, "sysadmin", path="/masuk?kembali=/portal/admin/akun")
    expect(phone.get_by_role("heading", level=1, name="Accounts and roles")).to_be_visible()
    expect(phone.get_by_test_id("account-row").first).to_be_visible()
    assert fits_width(phone)
    assert_accessible(phone, "accounts 360 en")
    screenshot(phone, "admin-accounts-360-en")
