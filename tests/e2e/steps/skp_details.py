"""Browser steps for the finer parts of the SKP screens (tests/e2e/test_skp_details.py): the
lampiran, the leader's BerAKHLAK expectations, a JPT's RHK from the unit's organisation goals.
UI only; the set-up and clean-up helpers (``start_revision``, ``submit``, ``reject``,
``withdraw``) go through the API with the page's session.

    start_revision(employee, live_server)                   # the set SKP becomes REVISI_DRAFT
    open_my_plan(employee, live_server)
    fill_lampiran(employee, {"resourceSupport": "…", …})    # the document shows it
    withdraw(employee, live_server)                         # back to the set SKP, as found

    set_expectation(assessor, "BERORIENTASI_PELAYANAN", "…") # on the review screen
    add_rhk_from_org_goal(kadis, "…", goal_id)             # a JPT's RHK refers to a goal
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from server import clock
from server.demo import DemoCity
from tests.e2e.conftest import LiveServer
from tests.e2e.helpers import assert_accessible, fits_width, graphql, mutate, screenshot, settle

LAMPIRAN_FIELDS = ("resourceSupport", "accountabilityScheme", "consequences")

MY_PLANS = "{ myPlans { id version status year { year } employee { unit { id } } } }"
PLAN_OF = """
query($id: ID!) {
  plan(id: $id) {
    id version status
    behaviorExpectations { value expectation }
    lampiran { resourceSupport accountabilityScheme consequences }
    workResults { id text orgGoal { id } indicators { id text } }
  }
}"""
START_REVISION = """
mutation($id: ID!, $v: Int!, $reason: String!) {
  startPlanRevision(id: $id, expectedVersion: $v, reason: $reason) {
    result { version } errors { code message }
  }
}"""
SUBMIT = """
mutation($id: ID!, $v: Int!) {
  submitPlan(id: $id, expectedVersion: $v) { result { version } errors { code message } }
}"""
REJECT = """
mutation($id: ID!, $v: Int!, $reason: String!) {
  rejectPlan(id: $id, expectedVersion: $v, reason: $reason) {
    result { version } errors { code message }
  }
}"""
WITHDRAW = """
mutation($id: ID!, $v: Int!) {
  withdrawPlanRevision(id: $id, expectedVersion: $v) { result { version } errors { code message } }
}"""


def check(page: Any, label: str, shot: str) -> None:
    """axe-core, no sideways scrolling, a screenshot (tests/e2e/artifacts/<shot>.png)."""
    settle(page)
    assert_accessible(page, label)
    assert fits_width(page), f"{label}: the page scrolls sideways"
    screenshot(page, shot)


def my_plan(page: Any, live_server: LiveServer, year: int | None = None) -> dict[str, Any]:
    """The signed-in employee's SKP of ``year`` (default: the server's this year)."""
    year = year or clock.today().year
    plans = graphql(page, live_server, MY_PLANS)["myPlans"]
    return dict(next(p for p in plans if p["year"]["year"] == year))


def plan_of(page: Any, live_server: LiveServer, plan_id: str) -> dict[str, Any]:
    return dict(graphql(page, live_server, PLAN_OF, {"id": plan_id})["plan"])


def start_revision(page: Any, live_server: LiveServer, plan_id: str) -> None:
    """Set-up: the employee's set SKP becomes a revision draft (REVISI_DRAFT)."""
    plan = plan_of(page, live_server, plan_id)
    assert plan["status"] == "DITETAPKAN", plan["status"]
    mutate(
        page,
        live_server,
        START_REVISION,
        {"id": plan_id, "v": plan["version"], "reason": "Uji e2e: rincian SKP"},
    )


def submit(page: Any, live_server: LiveServer, plan_id: str) -> None:
    plan = plan_of(page, live_server, plan_id)
    mutate(page, live_server, SUBMIT, {"id": plan_id, "v": plan["version"]})


def reject(page: Any, live_server: LiveServer, plan_id: str) -> None:
    """Clean-up by the Pejabat Penilai: a submitted revision back to the employee."""
    plan = plan_of(page, live_server, plan_id)
    mutate(
        page,
        live_server,
        REJECT,
        {"id": plan_id, "v": plan["version"], "reason": "Uji e2e: dikembalikan."},
    )


def withdraw(page: Any, live_server: LiveServer, plan_id: str) -> None:
    """Clean-up by the employee: the revision is withdrawn, the set SKP is back as it was."""
    plan = plan_of(page, live_server, plan_id)
    if plan["status"] in ("REVISI_DIAJUKAN",):
        raise AssertionError("a submitted revision must be rejected before it is withdrawn")
    if plan["status"] == "REVISI_DRAFT":
        mutate(page, live_server, WITHDRAW, {"id": plan_id, "v": plan["version"]})


def kepala_dinas_login(city: DemoCity) -> str:
    """The login of the demo's Kepala Dinas (a JPT Pratama with a demo account)."""
    return next(a.login for a in city.accounts if a.description.startswith("Kepala Dinas"))


def fill_lampiran(page: Any, values: dict[str, str]) -> None:
    """On My SKP (editable): fills the three lampiran fields and saves; waits until the
    printable document shows every value."""
    form = page.locator("[data-form-id=lampiran]")
    expect(form).to_be_visible()
    for name in LAMPIRAN_FIELDS:
        form.locator(f"#lampiran-{name}").fill(values[name])
    form.locator("button[type=submit]").click()
    lampiran = page.get_by_test_id("skp-document").locator(".skp-lampiran")
    for name in LAMPIRAN_FIELDS:
        expect(lampiran).to_contain_text(values[name])


def set_expectation(page: Any, value: str, text: str) -> None:
    """On the review screen (the Pejabat Penilai, an SKP not yet set): the specific expectation
    for one BerAKHLAK ``value`` (e.g. ``BERORIENTASI_PELAYANAN``); waits for the summary line
    and the document to show it."""
    card = page.get_by_test_id("review-expectations")
    expect(card).to_be_visible()
    form_id = f"expect-{value.lower()}"
    item = card.locator("details.expectation").filter(has=page.locator(f"[data-form-id={form_id}]"))
    form = item.locator(f"[data-form-id={form_id}]")
    if item.get_attribute("open") is None:
        item.locator("summary").click()
    form.locator(f"#{form_id}-expectation").fill(text)
    form.locator("button[type=submit]").click()
    expect(item.locator("summary")).to_contain_text(text)
    row = page.get_by_test_id("plan-document").locator(
        f"[data-testid=skp-behavior][data-value={value}]"
    )
    expect(row.get_by_test_id("skp-expectation")).to_have_text(text)


def add_rhk_from_org_goal(page: Any, text: str, goal_id: str) -> Any:
    """On My SKP of a JPT (editable): a new RHK utama referring to the organisation goal
    ``goal_id`` (the picker lists the unit's goals); returns the new RHK item."""
    before = page.get_by_test_id("rhk-item").count()
    page.locator("#rhk-new-text").fill(text)
    page.locator("#rhk-new-kind").select_option("UTAMA")
    page.locator("#rhk-new-link").select_option(goal_id)
    page.locator("[data-form-id=rhk-new] button[type=submit]").click()
    expect(page.get_by_test_id("rhk-item")).to_have_count(before + 1)
    return page.get_by_test_id("rhk-item").filter(has_text=text).last


ADD_INDICATOR = """
mutation($input: AddIndicatorInput!) {
  addIndicator(input: $input) { result { id } errors { code message } }
}"""
APPROVE = """
mutation($id: ID!, $v: Int!) {
  approvePlan(id: $id, expectedVersion: $v) { result { version } errors { code message } }
}"""


def add_indicator(
    page: Any, live_server: LiveServer, plan_id: str, work_result_id: str, text: str
) -> str:
    """Set-up by the employee (an editable SKP): one more IKI (kuantitas, 4 laporan)."""
    plan = plan_of(page, live_server, plan_id)
    added = mutate(
        page,
        live_server,
        ADD_INDICATOR,
        {
            "input": {
                "workResultId": work_result_id,
                "expectedVersion": plan["version"],
                "text": text,
                "aspect": "KUANTITAS",
                "targetValue": "4",
                "targetUnit": "laporan",
            }
        },
    )
    return str(added["id"])


def approve(page: Any, live_server: LiveServer, plan_id: str) -> None:
    """Set-up by the Pejabat Penilai: the submitted SKP (or revision) is set."""
    plan = plan_of(page, live_server, plan_id)
    mutate(page, live_server, APPROVE, {"id": plan_id, "v": plan["version"]})
