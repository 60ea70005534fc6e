"""Browser steps of the auditor on /portal/audit, UI only, in either language (ids and test ids,
never text). test_admin.py walks the same screen inline; these are for longer walks.

    find_events(page, "release.publish")     # the filter by action; returns the rows
    verify_chain(page)                        # "Periksa rantai": intact, events checked
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect


def find_events(page: Any, action: str) -> Any:
    """Filters the audit log by an action (prefix) and waits for the first matching row."""
    page.locator("#audit-aksi").fill(action)
    page.get_by_test_id("audit-search").click()
    page.wait_for_url("**/portal/audit?*aksi=*")
    rows = page.get_by_test_id("audit-event")
    expect(rows.first).to_have_attribute("data-action", action)
    return rows


def verify_chain(page: Any) -> int:
    """Recomputes the hash chain from the screen; returns how many events were checked."""
    page.get_by_test_id("verify-chain").click()
    result = page.get_by_test_id("chain-result")
    expect(result).to_have_attribute("data-intact", "true")
    checked = int(result.get_attribute("data-checked") or "0")
    assert checked > 0
    return checked
