"""Reusable pieces for browser tests of the portal (import them in any tests/e2e module):

    from tests.e2e.helpers import assert_accessible, demo_account, login_as, new_page, screenshot

    page = new_page(browser, width=360, lang="en")
    account = login_as(page, live_server, "assessor")        # a demo role, or a login name
    menu_link(page.locator(".staff-nav a[href='/portal/tim']")).click()  # unfolds its section
    assert_accessible(page, "beranda penilai")                # axe-core, WCAG 2.1 A/AA
    screenshot(page, "beranda-penilai-360-en")                # tests/e2e/artifacts/<name>.png

Demo roles (from the synthetic city that `live_server` loaded): ``employee`` (a pelaksana whose
Pejabat Penilai also has a demo login), ``assessor`` (that Pejabat Penilai), ``assessors_assessor``
(their superior, the Atasan Pejabat Penilai), ``hr_admin``, ``auditor``, ``unit_manager``,
``sysadmin``, ``kepala_daerah`` (the Wali Kota, no employee). Every demo account uses the
password the city gives it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from server.demo import DemoCity
from server.demo.records import DemoAccount
from server.domain.enums import Role
from server.domain.officials import office_title
from tests.e2e.conftest import AXE, ROOT, LiveServer

ARTIFACTS = ROOT / "tests" / "e2e" / "artifacts"
WIDTHS = (1280, 360)
LANGS = ("id", "en")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DEMO_ROLES = (
    "employee",
    "assessor",
    "assessors_assessor",
    "hr_admin",
    "auditor",
    "unit_manager",
    "sysadmin",
    "kepala_daerah",
)
_ROLE_OF = {
    "hr_admin": Role.HR_ADMIN,
    "auditor": Role.AUDITOR,
    "unit_manager": Role.UNIT_MANAGER,
    "sysadmin": Role.SYSADMIN,
    "kepala_daerah": Role.KEPALA_DAERAH,
}


def _assessor_nip(city: DemoCity, nip: str) -> str | None:
    """NIP of the holder of the parent position of ``nip``'s position (no override)."""
    employee = next(e for e in city.employees if e.nip == nip)
    position = next((p for p in city.positions if p.key == employee.position_key), None)
    if position is None or any(o.position_key == position.key for o in city.overrides):
        return None
    holder = next((e for e in city.employees if e.position_key == position.parent_key), None)
    return holder.nip if holder else None


def demo_account(city: DemoCity, role: str) -> DemoAccount:
    """The demo login that plays ``role`` (one of DEMO_ROLES)."""
    if role in _ROLE_OF:
        return next(a for a in city.accounts if _ROLE_OF[role] in a.roles)
    by_nip = {a.employee_nip: a for a in city.accounts if a.employee_nip and not a.roles}
    for account in by_nip.values():
        assert account.employee_nip is not None
        first = _assessor_nip(city, account.employee_nip)
        if first is None or first not in by_nip:
            continue
        second = _assessor_nip(city, first)
        if second is None or second not in by_nip:
            continue
        chain = {"employee": account.login, "assessor": first, "assessors_assessor": second}
        if role in chain:
            return by_nip[chain[role]] if role != "employee" else account
    raise AssertionError(f"the demo city has no account for the role {role!r}")


def person_name(city: DemoCity, account: DemoAccount) -> str:
    """What the header shows: the employee's name, an official's office ("Wali Kota
    Salatiga"), or the login of another account without an employee."""
    if account.employee_nip is None:
        return office_title(frozenset(account.roles)) or account.login
    return next(e.name for e in city.employees if e.nip == account.employee_nip)


def new_page(browser: Any, *, width: int = 1280, lang: str = "id", bypass_csp: bool = True) -> Any:
    """A page in a fresh context (no session) at ``width`` px, in ``lang`` from the first load.

    ``bypass_csp`` lets axe-core be injected; test the real policy with ``bypass_csp=False``.
    Close it with ``page.context.close()``.
    """
    context = browser.new_context(
        viewport={"width": width, "height": 800 if width > 600 else 780},
        locale="id-ID" if lang == "id" else "en-GB",
        bypass_csp=bypass_csp,
        # No 120 ms colour transitions: axe must not measure a button halfway between states.
        reduced_motion="reduce",
    )
    context.add_init_script(
        f"try {{ localStorage.setItem('ekinerja.lang', '{lang}') }} catch (e) {{}}"
    )
    return context.new_page()


def open_page(
    pages: list[Any], browser: Any, *, width: int = 1280, lang: str = "id", bypass_csp: bool = True
) -> Any:
    """:func:`new_page`, kept in the test's ``pages`` list (the fixture) so that its context is
    closed when the test ends."""
    page = new_page(browser, width=width, lang=lang, bypass_csp=bypass_csp)
    pages.append(page)
    return page


def login_as(page: Any, live_server: LiveServer, who: str, *, path: str = "/masuk") -> DemoAccount:
    """Signs in as a demo role (or a login name) through the login form; waits for the portal
    header to show who is signed in."""
    city = live_server.city
    account = (
        demo_account(city, who)
        if who in DEMO_ROLES
        else next(a for a in city.accounts if a.login == who)
    )
    page.goto(live_server.url + path)
    page.locator("#login-name").fill(account.login)
    page.locator("#login-password").fill(account.password)
    page.locator("form button[type=submit]").click()
    try:
        page.wait_for_url(re.compile(r".*/portal(/.*)?(\?.*)?$"))
    except Exception as timeout:
        # Say what the login form shows (a refusal, a throttle, a spinner) instead of a bare
        # navigation timeout.
        shown = (
            page.locator("main").inner_text(timeout=2_000) if page.locator("main").count() else ""
        )
        raise AssertionError(f"{who} was not signed in; {page.url} shows: {shown!r}") from timeout
    page.get_by_test_id("user-name").wait_for()
    return account


def axe_violations(page: Any) -> list[dict[str, Any]]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: tags})).violations.map(v => ({"
        "id: v.id, help: v.help, nodes: v.nodes.length,"
        " targets: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))",
        AXE_TAGS,
    )
    return list(result)


def assert_accessible(page: Any, label: str) -> None:
    """No axe-core violation (WCAG 2.1 A and AA rules) on the page as it is now."""
    found = axe_violations(page)
    assert found == [], f"{label} ({page.url}): {found}"


def fits_width(page: Any) -> bool:
    """No horizontal scrolling at the page's viewport width."""
    width = page.viewport_size["width"]
    return bool(page.evaluate("document.documentElement.scrollWidth") <= width)


def screenshot(page: Any, name: str) -> Path:
    """A full-page PNG under tests/e2e/artifacts/ (git-ignored): look at them."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# What a loading line that never went away was waiting in: the page's own text around it.
_STUCK_LOADING = """() => [...document.querySelectorAll('[data-testid=loading]')].map(
  (line) => (line.closest('section, main') ?? line).innerText.slice(0, 300))"""


def settle(page: Any) -> None:
    """Waits until no loading line is shown (data and lazy chunks loaded). A line still there
    after the wait fails with the page's address and what surrounds the line, so a failure in CI
    names the screen and the part of it that never loaded."""
    page.wait_for_load_state("networkidle")
    try:
        page.wait_for_function("!document.querySelector('[data-testid=loading]')")
    except PlaywrightTimeoutError as stuck:
        raise AssertionError(
            f"still loading at {page.url}: {page.evaluate(_STUCK_LOADING)!r}"
        ) from stuck


def menu_link(link: Any) -> Any:
    """``link`` (a locator of one staff menu link), ready to click or focus: on a phone the menu's
    sections fold (the current page's section open), so its section is unfolded first."""
    link.wait_for(state="attached")
    if not link.is_visible():
        # The link's own section (the nearest ancestor carrying data-section) and its button.
        link.locator("xpath=ancestor::div[@data-section][1]/button[@aria-expanded='false']").click()
        link.wait_for(state="visible")
    return link


def wait_until(page: Any, condition: Callable[[], bool], *, timeout_ms: int = 10_000) -> None:
    """Waits for a condition on the test's side (e.g. a dialog was handled), letting Playwright
    deliver its events meanwhile; fails after `timeout_ms`."""
    waited = 0
    while not condition():
        if waited >= timeout_ms:
            raise AssertionError(f"condition not met after {timeout_ms} ms")
        page.wait_for_timeout(25)
        waited += 25


def graphql(
    page: Any, live_server: LiveServer, query: str, variables: dict[str, Any] | None = None
) -> Any:
    """The internal API with the page's session (to compare what the screen shows with the data)."""
    response = page.request.post(
        live_server.url + "/api/graphql",
        data={"query": query, "variables": variables or {}},
        headers={"Content-Type": "application/json"},
    )
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


def mutate(page: Any, live_server: LiveServer, query: str, variables: dict[str, Any]) -> Any:
    """A set-up or clean-up mutation through the internal API that must succeed: its result."""
    data = graphql(page, live_server, query, variables)
    payload = next(iter(data.values()))
    assert payload["errors"] == [], payload
    return payload["result"]
