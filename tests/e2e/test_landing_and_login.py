"""A newcomer's path: the public landing page with the city's units, then a demo login that
shows the employee's own profile and their Pejabat Penilai."""

from __future__ import annotations

from typing import Any

import pytest

from server.demo import DemoCity
from tests.e2e.conftest import AXE, LiveServer


def _expected_assessor(city: DemoCity, login: str) -> tuple[str, str]:
    """Name of a demo account's employee and of the holder of their parent position."""
    account = next(a for a in city.accounts if a.login == login)
    employee = next(e for e in city.employees if e.nip == account.employee_nip)
    position = next(p for p in city.positions if p.key == employee.position_key)
    holder = next(e for e in city.employees if e.position_key == position.parent_key)
    return employee.name, holder.name


def _staff_login_with_filled_parent(city: DemoCity) -> str:
    holders = {e.position_key for e in city.employees if e.position_key}
    overridden = {o.position_key for o in city.overrides}
    for account in city.accounts:
        if account.roles or account.employee_nip is None:
            continue
        employee = next(e for e in city.employees if e.nip == account.employee_nip)
        position = next(p for p in city.positions if p.key == employee.position_key)
        if position.parent_key in holders and position.key not in overridden:
            return account.login
    raise AssertionError("the demo city has no plain staff account with a filled parent position")


def _axe_violations(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}))"
        ".violations.map(v => ({id: v.id, nodes: v.nodes.length, help: v.help}))"
    )
    return list(result)


@pytest.fixture
def page(browser: Any) -> Any:
    # axe-core is injected as a script, which the app's strict CSP would block (as it should);
    # test_pages_run_under_the_strict_csp checks the app itself under the real policy.
    context = browser.new_context(
        viewport={"width": 360, "height": 780}, locale="id-ID", bypass_csp=True
    )
    page = context.new_page()
    yield page
    context.close()


def test_pages_run_under_the_strict_csp(live_server: LiveServer, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.goto(live_server.url + "/")
    page.get_by_test_id("unit-item").first.wait_for()
    page.goto(live_server.url + "/masuk")
    page.locator("#login-name").wait_for()
    context.close()
    assert [p for p in problems if "Content Security Policy" in p] == []


def test_landing_lists_the_units_of_salatiga(live_server: LiveServer, page: Any) -> None:
    page.goto(live_server.url + "/")
    page.get_by_test_id("unit-tree").wait_for()
    assert page.get_by_test_id("synthetic-banner").is_visible()
    text = page.get_by_test_id("unit-tree").inner_text()
    for kecamatan in ("Sidorejo", "Tingkir", "Argomulyo", "Sidomukti"):
        assert kecamatan in text
    assert page.locator("html").get_attribute("lang") == "id"
    # The page fits a 360 px phone screen without horizontal scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert _axe_violations(page) == []


def test_demo_employee_logs_in_and_sees_profile_and_assessor(
    live_server: LiveServer, page: Any
) -> None:
    login = _staff_login_with_filled_parent(live_server.city)
    name, assessor = _expected_assessor(live_server.city, login)
    page.goto(live_server.url + "/masuk")
    page.locator("#login-name").fill(login)
    page.locator("#login-password").fill("salah-sekali-kata-sandinya")
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.get_by_test_id("login-error").wait_for()
    assert page.url.endswith("/masuk")

    password = next(a.password for a in live_server.city.accounts if a.login == login)
    page.locator("#login-password").fill(password)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.wait_for_url("**/portal")
    # The header names the person (never the NIP); the profile page shows the Pejabat Penilai.
    assert page.get_by_test_id("user-name").inner_text().strip() == name
    page.get_by_role("link", name="Profil Saya").click()
    page.wait_for_url("**/portal/profil")
    page.get_by_test_id("profile-name").wait_for()
    assert page.get_by_test_id("profile-name").inner_text().strip() == name
    assert page.get_by_test_id("assessor-name").inner_text().strip() == assessor
    assert _axe_violations(page) == []


def test_portal_without_session_goes_to_login(live_server: LiveServer, page: Any) -> None:
    page.goto(live_server.url + "/portal")
    page.wait_for_url("**/masuk?kembali=%2Fportal")
    assert page.locator("h1").inner_text().strip() != ""
