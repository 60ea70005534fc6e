"""Issue 8: the Wali Kota (Kepala Daerah), who is not an ASN pegawai, signs in with the demo
login, is named by the office in the header, and finds the Sekretaris Daerah's SKP on the home
agenda when it waits for approval (here: a revision the Sekda submits first); axe-clean and
without sideways scrolling at 360 px."""

from __future__ import annotations

from typing import Any

from tests.e2e.conftest import LiveServer
from tests.e2e.helpers import (
    assert_accessible,
    fits_width,
    graphql,
    login_as,
    new_page,
    screenshot,
    settle,
)

MY_PLANS = "{ myPlans { id version status year { year } } }"
REVISE = """mutation($id: ID!, $v: Int!) { startPlanRevision(id: $id, expectedVersion: $v,
  reason: "Uji e2e: penyesuaian target") { result { version status } errors { code message } } }"""
SUBMIT = """mutation($id: ID!, $v: Int!) { submitPlan(id: $id, expectedVersion: $v) {
  result { version status } errors { code message } } }"""
APPROVE = """mutation($id: ID!, $v: Int!) { approvePlan(id: $id, expectedVersion: $v) {
  result { version status } errors { code message } } }"""


def _sekda_submits_a_revision(browser: Any, live_server: LiveServer) -> tuple[str, int, str]:
    """The Sekda's SKP (set in the demo) back with the Wali Kota: (plan id, version, name)."""
    account = next(
        a for a in live_server.city.accounts if a.description.startswith("Sekretaris Daerah")
    )
    name = next(e.name for e in live_server.city.employees if e.nip == account.employee_nip)
    page = new_page(browser)
    try:
        login_as(page, live_server, account.login)
        plans = graphql(page, live_server, MY_PLANS)["myPlans"]
        plan = next(p for p in plans if p["status"] == "DITETAPKAN")
        revised = graphql(page, live_server, REVISE, {"id": plan["id"], "v": plan["version"]})
        assert revised["startPlanRevision"]["errors"] == [], revised
        version = revised["startPlanRevision"]["result"]["version"]
        submitted = graphql(page, live_server, SUBMIT, {"id": plan["id"], "v": version})
        assert submitted["submitPlan"]["errors"] == [], submitted
        result = submitted["submitPlan"]["result"]
        assert result["status"] == "REVISI_DIAJUKAN"
        return plan["id"], result["version"], name
    finally:
        page.context.close()


def test_the_wali_kota_sees_the_sekda_skp_to_approve_at_360_px(
    live_server: LiveServer, browser: Any
) -> None:
    plan_id, version, sekda = _sekda_submits_a_revision(browser, live_server)
    page = new_page(browser, width=360)
    try:
        login_as(page, live_server, "kepala_daerah")
        settle(page)
        assert page.get_by_test_id("user-name").inner_text().strip() == "Wali Kota Salatiga"
        roles = page.get_by_test_id("user-roles").inner_text().strip()
        assert roles == "Wali Kota Salatiga · Pejabat Penilai bagi 1 pegawai"
        item = page.locator("[data-kind=approve]")
        item.first.wait_for()
        assert item.count() == 1
        assert sekda in item.inner_text()
        assert item.locator("a").get_attribute("href") == f"/portal/tim/skp/{plan_id}"
        assert fits_width(page), "the Wali Kota's home scrolls sideways at 360 px"
        assert_accessible(page, "beranda Wali Kota 360")
        screenshot(page, "beranda-walikota-360-id")

        page.goto(live_server.url + "/portal/profil")
        page.get_by_test_id("profile-roles").wait_for()
        settle(page)
        assert "Wali Kota Salatiga" in page.get_by_test_id("profile-roles").inner_text()
        assert "bukan pegawai ASN" in page.get_by_test_id("profile-no-employee").inner_text()
        assert fits_width(page)
        assert_accessible(page, "profil Wali Kota 360")
        screenshot(page, "profil-walikota-360-id")
    finally:
        # Leave the demo as it was: the Sekda's SKP set again (by the Wali Kota).
        approved = graphql(page, live_server, APPROVE, {"id": plan_id, "v": version})
        assert approved["approvePlan"]["errors"] == [], approved
        page.context.close()
