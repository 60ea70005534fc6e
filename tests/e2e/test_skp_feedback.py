"""Feedback on an RHK of the SKP (umpan balik berkelanjutan, not only on realisasi): the Pejabat
Penilai comments from the review screen with a standard phrase, the employee reads it on My SKP
and replies, the assessor reads the reply. Feedback only adds comments: the demo SKP is
otherwise unchanged."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from server import clock
from tests.e2e.conftest import LiveServer
from tests.e2e.helpers import (
    assert_accessible,
    fits_width,
    graphql,
    login_as,
    new_page,
    screenshot,
)
from tests.e2e.steps.skp import open_my_plan, open_review
from tests.e2e.steps.work import open_thread, send_feedback

PLANS = "{ myPlans { id status year { year } workResults { id } } }"


def _rhk(page: Any, rhk_id: str) -> Any:
    item = page.locator(f"[data-testid=rhk-feedback][data-rhk-id='{rhk_id}']")
    expect(item).to_be_visible()
    return item


def test_feedback_on_an_rhk_goes_between_the_assessor_and_the_employee(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    employee = new_page(browser, width=360)
    assessor = new_page(browser, width=1280)
    pages.extend([employee, assessor])
    login_as(employee, live_server, "employee")
    login_as(assessor, live_server, "assessor")
    year = clock.today().year
    plan = next(
        p for p in graphql(employee, live_server, PLANS)["myPlans"] if p["year"]["year"] == year
    )
    rhk_id = plan["workResults"][0]["id"]

    # No thread is loaded before someone opens one.
    open_review(assessor, live_server, plan["id"])
    expect(assessor.get_by_test_id("feedback-toggle").first).to_have_attribute(
        "aria-expanded", "false"
    )
    expect(assessor.get_by_test_id("feedback-thread")).to_have_count(0)
    thread = open_thread(_rhk(assessor, rhk_id))
    expect(thread).to_have_attribute("data-target", "RHK")
    assert thread.get_by_test_id("feedback-phrase").count() > 0, "the assessor sees no phrases"
    comment = "Rincikan keluaran RHK ini per triwulan."
    send_feedback(thread, comment, phrase_index=0)
    assert_accessible(assessor, "umpan balik RHK penilai 1280")
    screenshot(assessor, "skp-umpan-balik-penilai-1280-id")

    open_my_plan(employee, live_server)
    mine = open_thread(_rhk(employee, rhk_id))
    assert mine.get_by_test_id("feedback-phrase").count() == 0, "phrases are for assessors"
    item = mine.get_by_test_id("feedback-item").filter(has_text=comment).first
    expect(item).to_be_visible()
    item.get_by_test_id("feedback-reply").first.click()
    reply = "Baik, akan saya rinci per triwulan."
    send_feedback(mine, reply)
    assert_accessible(employee, "umpan balik RHK pegawai 360")
    assert fits_width(employee)
    screenshot(employee, "skp-umpan-balik-pegawai-360-id")

    assessor.reload()
    open_review(assessor, live_server, plan["id"])
    again = open_thread(_rhk(assessor, rhk_id))
    expect(again.locator(".feedback-replies .feedback-text", has_text=reply)).to_have_count(1)
    # The SKP itself is unchanged by the conversation.
    after = next(
        p for p in graphql(employee, live_server, PLANS)["myPlans"] if p["year"]["year"] == year
    )
    assert after["status"] == plan["status"]
