"""Issue 11 point 5 in the browser: a new employee completes the guided first visit, reads the
Panduan, starts the Latihan, drafts an SKP with an RHK in the sandbox (with the field help),
approves it as the demo Pejabat Penilai, leaves, and the real data is unchanged (checked through
the API: the audit log, which every write extends, and the demo employee's SKP). axe on every
page; 1280 px in Indonesian, 360 px in English (which also closes the tour with Escape)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from server import clock
from tests.e2e.conftest import LiveServer
from tests.e2e.helpers import graphql, login_as, menu_link, new_page, settle
from tests.e2e.steps import guide
from tests.e2e.steps.skp import REVISION_REASON, approve_skp, draft_and_submit_skp, open_my_plan

AUDIT = "{ auditEvents(first: 1) { totalCount nodes { seq } } }"
PLANS = "{ myPlans { id status version year { year } } }"
ONBOARDING = "{ myOnboarding { tourCompleted } practiceMode }"


def real_state(auditor: Any, employee: Any, live_server: LiveServer) -> tuple[Any, Any]:
    return graphql(auditor, live_server, AUDIT), graphql(employee, live_server, PLANS)


@pytest.mark.parametrize(("width", "lang", "index"), [(1280, "id", 0), (360, "en", 1)])
def test_new_employee_tour_guide_and_practice(
    browser: Any, live_server: LiveServer, width: int, lang: str, index: int
) -> None:
    shots = f"guide-{width}-{lang}"
    login = guide.new_employee_account(live_server, index)
    page = new_page(browser, width=width, lang=lang)
    auditor = new_page(browser)
    employee = new_page(browser)
    try:
        guide.sign_in(page, live_server, login)
        # 1. The guided first visit: shown because the new account's flag is fresh.
        assert graphql(page, live_server, ONBOARDING) == {
            "myOnboarding": {"tourCompleted": False},
            "practiceMode": False,
        }
        seen = guide.complete_tour(page, shots=shots, escape_at=2 if width == 360 else None)
        assert seen[0] == "welcome"
        if width == 1280:
            assert seen == ["welcome", "skp", "work", "result", "guide"]
        assert graphql(page, live_server, ONBOARDING)["myOnboarding"]["tourCompleted"] is True
        # It stays done on the next page load (kept on the server, not in the browser).
        page.reload()
        settle(page)
        expect(page.get_by_test_id("tour")).to_have_count(0)

        # 2. The Panduan, and restarting the tour from it.
        guide.open_guide(page, role="pegawai", shots=shots)
        guide.restart_tour(page, shots=shots)
        assert graphql(page, live_server, ONBOARDING)["myOnboarding"]["tourCompleted"] is True

        # What the real database holds before practising.
        login_as(auditor, live_server, "auditor")
        login_as(employee, live_server, "employee")
        before = real_state(auditor, employee, live_server)

        # 3. Latihan as the demo pegawai: draft a revision of the SKP with a new RHK and IKI.
        menu_link(page.locator(".staff-nav a[href='/portal/panduan']")).click()
        page.wait_for_url("**/portal/panduan")
        guide.start_practice(page, "pegawai", shots=shots)
        assert graphql(page, live_server, ONBOARDING)["practiceMode"] is True
        year = clock.today().year
        open_my_plan(page, live_server, year)
        expect(page.get_by_test_id("practice-banner")).to_be_visible()
        if page.get_by_test_id("start-revision").count():
            page.get_by_test_id("start-revision").click()
            page.locator("#start-revision-reason").fill(REVISION_REASON)
            page.locator("[data-form-id=start-revision] button[type=submit]").click()
            expect(page.get_by_test_id("plan-status").first).to_have_attribute(
                "data-status", re.compile("DRAFT|REVISI_DRAFT")
            )
        guide.open_help(page, "rhk-new-text")
        rhk = f"Latihan: tersusunnya rekap layanan ({width} px)"
        plan_id = draft_and_submit_skp(page, live_server, rhk=rhk, shots=f"{shots}-latihan-skp")
        practised = graphql(page, live_server, PLANS)["myPlans"]
        assert any(p["status"] in {"DIAJUKAN", "REVISI_DIAJUKAN"} for p in practised)
        expect(page.get_by_test_id("practice-banner")).to_be_visible()
        # The other side of the cycle: as the demo Pejabat Penilai, approve that SKP.
        menu_link(page.locator(".staff-nav a[href='/portal/panduan']")).click()
        page.wait_for_url("**/portal/panduan")
        guide.start_practice(page, "penilai", shots=shots)
        approve_skp(page, live_server, plan_id, shots=f"{shots}-latihan-skp")
        expect(page.get_by_test_id("practice-banner")).to_be_visible()

        # 4. Back to the real portal: the real data is exactly as before.
        guide.leave_practice(page, shots=shots)
        assert graphql(page, live_server, ONBOARDING)["practiceMode"] is False
        assert real_state(auditor, employee, live_server) == before
        real_plans = graphql(employee, live_server, "{ myPlans { workResults { text } } }")
        assert all(w["text"] != rhk for p in real_plans["myPlans"] for w in p["workResults"])
    finally:
        for p in (page, auditor, employee):
            p.context.close()
