"""Browser steps of evaluation, keberatan and coaching, through the UI only, for composing the
whole-year walk (each waits for the screen to confirm what it did):

    enter_self_assessment(page, live_server, evaluation_id, result=…, behavior=…, note=…)
    evaluation_id = open_my_result(page, live_server)          # from the home agenda
    acknowledge(page, live_server, evaluation_id)
    objection_id = file_objection(page, live_server, evaluation_id, "Alasan …")
    # … as the Atasan Pejabat Penilai:
    decide_objection(page, live_server, objection_id, decision="DITOLAK", note="…")
    record_check_in(page, live_server, coaching_id, "Catatan pertemuan …")

``check`` (default True) runs axe-core on each screen a step visits and saves a screenshot
named ``<shot>-<step>`` when ``shot`` is given.
"""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

from tests.e2e.conftest import LiveServer
from tests.e2e.helpers import assert_accessible, screenshot, settle


def _visit(page: Any, live_server: LiveServer, path: str) -> None:
    page.goto(live_server.url + path)
    page.get_by_test_id("user-name").wait_for()
    settle(page)


def _done(page: Any, label: str, *, check: bool, shot: str | None) -> None:
    if check:
        assert_accessible(page, label)
    if shot:
        screenshot(page, f"{shot}-{label}")


def enter_self_assessment(
    page: Any,
    live_server: LiveServer,
    evaluation_id: str,
    *,
    result: str | None,
    behavior: str | None,
    note: str = "",
    check: bool = True,
    shot: str | None = None,
) -> None:
    """The pegawai's penilaian diri on a draft their assessor has started: from my evaluations
    (/portal/penilaian, "Isi penilaian diri") to the form; saves and waits for the new version."""
    _visit(page, live_server, "/portal/penilaian")
    row = page.locator(f"[data-testid=evaluation-row][data-id='{evaluation_id}']")
    row.get_by_test_id("self-assessment-link").click()
    page.wait_for_url(re.compile(rf".*/portal/penilaian/{evaluation_id}$"))
    section = page.get_by_test_id("self-assessment")
    expect(section).to_have_attribute("data-state", "editable")
    settle(page)
    _done(page, "penilaian-diri", check=check, shot=shot)
    version = section.get_attribute("data-version")
    for group, rating in (("self-result", result), ("self-behavior", behavior)):
        if rating is not None:
            section.get_by_test_id(group).locator(f"input[type=radio][value={rating}]").check()
    section.locator("textarea[name=note]").fill(note)
    section.locator("button[type=submit]").click()
    expect(page.get_by_test_id("self-saved")).to_be_visible()
    expect(page.get_by_test_id("self-assessment")).not_to_have_attribute(
        "data-version", str(version)
    )
    settle(page)
    _done(page, "penilaian-diri-tersimpan", check=check, shot=shot)


def open_my_result(
    page: Any,
    live_server: LiveServer,
    *,
    evaluation_id: str | None = None,
    check: bool = True,
    shot: str | None = None,
) -> str:
    """From the home agenda, opens a result to acknowledge (or read): ``evaluation_id``'s, or
    the first listed; its id. (Other modules sharing the server may add newer results.)"""
    _visit(page, live_server, "/portal")
    item = page.locator(
        "[data-testid=agenda-item][data-kind=acknowledge], [data-testid=agenda-item][data-kind=result]"
    )
    link = item.locator("a.agenda-link")
    if evaluation_id is not None:
        link = item.locator(f"a.agenda-link[href$='/penilaian/{evaluation_id}']")
    link.first.click()
    page.wait_for_url(re.compile(r".*/portal/penilaian/\d+$"))
    page.get_by_test_id("predicate-panel").wait_for()
    settle(page)
    _done(page, "penilaian", check=check, shot=shot)
    return str(page.url.rstrip("/").rsplit("/", 1)[1])


def acknowledge(
    page: Any,
    live_server: LiveServer,
    evaluation_id: str,
    *,
    check: bool = True,
    shot: str | None = None,
) -> None:
    """The pegawai accepts a set result on its page; waits for "Diterima"."""
    _visit(page, live_server, f"/portal/penilaian/{evaluation_id}")
    page.locator("[data-form-id=acknowledge] button[type=submit]").click()
    page.get_by_test_id("acknowledged").wait_for()
    expect(page.get_by_test_id("evaluation-status")).to_have_text(
        re.compile("Diterima|Acknowledged")
    )
    _done(page, "diterima", check=check, shot=shot)


def file_objection(
    page: Any,
    live_server: LiveServer,
    evaluation_id: str,
    reasons: str,
    *,
    links: tuple[str, ...] = (),
    check: bool = True,
    shot: str | None = None,
) -> str:
    """Files a keberatan from the evaluation's page (the deadline is shown); the objection id."""
    _visit(page, live_server, f"/portal/penilaian/{evaluation_id}")
    page.get_by_test_id("file-objection-link").click()
    page.wait_for_url(re.compile(rf".*/portal/penilaian/{evaluation_id}/keberatan$"))
    page.get_by_test_id("filing-deadline").wait_for()
    settle(page)
    _done(page, "keberatan-form", check=check, shot=shot)
    page.locator("#file-objection-reasons").fill(reasons)
    if links:
        page.locator("#file-objection-links").fill("\n".join(links))
    page.locator("[data-form-id=file-objection] button[type=submit]").click()
    filed = page.get_by_test_id("objection-filed")
    filed.wait_for()
    href = filed.locator("a").get_attribute("href")
    assert href is not None
    _done(page, "keberatan-diajukan", check=check, shot=shot)
    return str(href).rsplit("/", 1)[1]


def decide_objection(
    page: Any,
    live_server: LiveServer,
    objection_id: str,
    *,
    decision: str = "DITOLAK",
    note: str = "Hasil sesuai bukti realisasi; keberatan tidak beralasan.",
    employee_explanation: str = "Pegawai menjelaskan kendala teknis pada bulan tersebut.",
    assessor_explanation: str = "Pejabat Penilai menjelaskan target yang tidak tercapai.",
    result_rating: str | None = None,
    behavior_rating: str | None = None,
    check: bool = True,
    shot: str | None = None,
) -> None:
    """The Atasan Pejabat Penilai records both explanations and decides (DITOLAK, or DIUBAH with
    new ratings) on the objection's page; waits for the decision to show."""
    _visit(page, live_server, f"/portal/keberatan/{objection_id}")
    page.get_by_test_id("decide").wait_for()
    page.get_by_test_id("objected-result").wait_for()
    settle(page)
    _done(page, "keberatan-putus-form", check=check, shot=shot)
    page.locator("#decide-objection-employeeExplanation").fill(employee_explanation)
    page.locator("#decide-objection-assessorExplanation").fill(assessor_explanation)
    page.locator("#decide-objection-decision").select_option(decision)
    if decision == "DIUBAH":
        assert result_rating is not None
        assert behavior_rating is not None
        page.locator("#decide-objection-resultRating").select_option(result_rating)
        page.locator("#decide-objection-behaviorRating").select_option(behavior_rating)
    page.locator("#decide-objection-note").fill(note)
    page.locator("[data-form-id=decide-objection] button[type=submit]").click()
    page.get_by_test_id("decision").wait_for()
    expect(page.get_by_test_id("objection")).to_have_attribute("data-status", decision)
    expect(page.get_by_test_id("decision-note")).to_have_text(note)
    settle(page)
    _done(page, "keberatan-diputus", check=check, shot=shot)


def record_check_in(
    page: Any,
    live_server: LiveServer,
    coaching_id: str,
    note: str,
    *,
    held_on: str | None = None,
    check: bool = True,
    shot: str | None = None,
) -> None:
    """The Pejabat Penilai or mentor records a coaching check-in (today unless ``held_on``)."""
    _visit(page, live_server, f"/portal/pembinaan/{coaching_id}")
    page.get_by_test_id("check-in-form").wait_for()
    before = page.get_by_test_id("check-in").count()
    if held_on is not None:
        page.locator("#check-in-heldOn").fill(held_on)
    page.locator("#check-in-note").fill(note)
    page.locator("[data-form-id=check-in] button[type=submit]").click()
    expect(page.get_by_test_id("check-in")).to_have_count(before + 1)
    expect(page.get_by_test_id("check-in").last).to_contain_text(note)
    settle(page)
    _done(page, "pembinaan-pertemuan", check=check, shot=shot)
