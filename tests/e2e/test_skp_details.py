"""The finer parts of the SKP screens in a browser (issue 9): the employee's lampiran, the
leader's BerAKHLAK expectations set on the review screen, a JPT's RHK picked from the unit's
organisation goals, and a feedback thread on an IKI. Each change runs on a revision of the set
SKP of this year (started through the API) that the test withdraws at the end, so the demo is
left as found (feedback only adds comments). Indonesian at 1280 px, English at 360 px; axe-core
on every screen; screenshots in tests/e2e/artifacts/ (skp-detail-*)."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from server import clock
from tests.e2e.conftest import LiveServer
from tests.e2e.helpers import graphql, login_as, open_page
from tests.e2e.steps.skp import open_my_plan, open_review
from tests.e2e.steps.skp_details import (
    LAMPIRAN_FIELDS,
    add_rhk_from_org_goal,
    check,
    fill_lampiran,
    kepala_dinas_login,
    my_plan,
    plan_of,
    reject,
    set_expectation,
    start_revision,
    submit,
    withdraw,
)
from tests.e2e.steps.work import open_thread, send_feedback

ORG_GOALS = "query($unit: ID!, $year: Int!) { orgGoals(unitId: $unit, year: $year) { id text } }"
CORE_VALUES = "{ coreValues { value label } }"


def test_the_employee_fills_the_lampiran_and_the_printable_skp_shows_it(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    employee = open_page(pages, browser)
    login_as(employee, live_server, "employee")
    plan_id = my_plan(employee, live_server)["id"]
    before = plan_of(employee, live_server, plan_id)
    values = {
        "resourceSupport": "Satu laptop dan akses aplikasi pengaduan daring.",
        "accountabilityScheme": "Rekap dilaporkan kepada Kepala Seksi setiap akhir bulan.",
        "consequences": "Rekap terlambat dibahas dalam dialog kinerja bulan berikutnya.",
    }
    assert [before["lampiran"][f] for f in LAMPIRAN_FIELDS] != list(values.values())
    start_revision(employee, live_server, plan_id)
    try:
        open_my_plan(employee, live_server)
        check(employee, "lampiran: kosong/awal", "skp-detail-lampiran-1280-id-1-form")
        fill_lampiran(employee, values)
        stored = plan_of(employee, live_server, plan_id)["lampiran"]
        assert stored == values, stored
        check(employee, "lampiran: tersimpan", "skp-detail-lampiran-1280-id-2-saved")

        # The printable document, as the employee prints it, on a phone in English.
        phone = open_page(pages, browser, width=360, lang="en")
        login_as(phone, live_server, "employee")
        open_my_plan(phone, live_server)
        form = phone.locator("[data-form-id=lampiran]")
        for name in LAMPIRAN_FIELDS:
            expect(form.locator(f"#lampiran-{name}")).to_have_value(values[name])
        phone.emulate_media(media="print")
        document = phone.get_by_test_id("skp-document")
        # Printing a draft prints the document alone, not the editor's forms.
        expect(phone.locator("[data-form-id=lampiran]")).to_be_hidden()
        expect(phone.get_by_test_id("rhk-editor")).to_be_hidden()
        printed = phone.locator("main .card").evaluate_all(
            "cs => cs.filter(c => c.offsetParent !== null).map(c => c.className)"
        )
        assert printed, "the document is printed"
        assert all("skp-print" in c for c in printed), printed
        lampiran = document.locator(".skp-lampiran")
        expect(lampiran).to_be_visible()
        for name in LAMPIRAN_FIELDS:
            expect(lampiran).to_contain_text(values[name])
        phone.emulate_media(media="screen")
        check(phone, "annex 360 en", "skp-detail-lampiran-360-en")
    finally:
        withdraw(employee, live_server, plan_id)
    after = plan_of(employee, live_server, plan_id)
    assert after["status"] == "DITETAPKAN"
    assert after["lampiran"] == before["lampiran"], "the withdrawn revision leaves the set SKP"


def test_the_assessor_sets_a_berakhlak_expectation_the_employee_reads_it(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    employee = open_page(pages, browser, width=360, lang="en")
    login_as(employee, live_server, "employee")
    assessor = open_page(pages, browser)
    login_as(assessor, live_server, "assessor")
    plan_id = my_plan(employee, live_server)["id"]
    before = plan_of(employee, live_server, plan_id)
    values = graphql(assessor, live_server, CORE_VALUES)["coreValues"]
    unset = [
        v for v in values if v["value"] not in {e["value"] for e in before["behaviorExpectations"]}
    ]
    assert unset, "every BerAKHLAK value already has an expectation in the demo"
    value = unset[0]["value"]
    text = "Menjawab setiap pengaduan warga paling lambat dua hari kerja."
    # Set-up: the set SKP goes to the assessor as a revision (expectations change only then).
    start_revision(employee, live_server, plan_id)
    submit(employee, live_server, plan_id)
    try:
        open_review(assessor, live_server, plan_id)
        check(assessor, "ekspektasi: tinjau", "skp-detail-ekspektasi-1280-id-1-tinjau")
        set_expectation(assessor, value, text)
        stored = plan_of(assessor, live_server, plan_id)["behaviorExpectations"]
        assert {"value": value, "expectation": text} in stored, stored
        check(assessor, "ekspektasi: tersimpan", "skp-detail-ekspektasi-1280-id-2-tersimpan")

        # The employee reads it on My SKP: the behaviour card and the document's row.
        open_my_plan(employee, live_server)
        card = employee.get_by_test_id("behavior-card")
        label = next(v["label"] for v in values if v["value"] == value)
        expect(card.locator(".row", has_text=label)).to_contain_text(text)
        row = employee.get_by_test_id("skp-document").locator(
            f"[data-testid=skp-behavior][data-value={value}]"
        )
        expect(row.get_by_test_id("skp-expectation")).to_have_text(text)
        check(employee, "expectation 360 en", "skp-detail-expectation-360-en")
    finally:
        reject(assessor, live_server, plan_id)
        withdraw(employee, live_server, plan_id)
    after = plan_of(employee, live_server, plan_id)
    assert after["status"] == "DITETAPKAN"
    assert after["behaviorExpectations"] == before["behaviorExpectations"]


def test_a_jpt_picks_the_rhk_from_the_units_organisation_goals(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    # The demo's Kepala Dinas Diskominfo (196911111993012001 in `make run`'s city).
    login = kepala_dinas_login(live_server.city)
    kadis = open_page(pages, browser)
    login_as(kadis, live_server, login)
    plan = my_plan(kadis, live_server)
    goals = graphql(
        kadis,
        live_server,
        ORG_GOALS,
        {"unit": plan["employee"]["unit"]["id"], "year": clock.today().year},
    )["orgGoals"]
    assert goals, "the Kepala Dinas's unit has organisation goals this year"
    before = plan_of(kadis, live_server, plan["id"])
    start_revision(kadis, live_server, plan["id"])
    try:
        open_my_plan(kadis, live_server)
        # The picker offers exactly the unit's organisation goals, not an assessor's RHKs.
        picker = kadis.locator("#rhk-new-link")
        offered = [
            v for v in picker.locator("option").evaluate_all("os => os.map(o => o.value)") if v
        ]
        assert sorted(offered) == sorted(g["id"] for g in goals), (offered, goals)
        # Every RHK already in the SKP refers to a goal: the item says which.
        for r in before["workResults"]:
            assert r["orgGoal"] is not None, r
        goal = goals[-1]
        text = "Terselenggaranya layanan data terbuka kota yang mutakhir setiap triwulan"
        item = add_rhk_from_org_goal(kadis, text, goal["id"])
        expect(item.locator(".rhk-link")).to_contain_text(goal["text"])
        row = (
            kadis.get_by_test_id("skp-document")
            .get_by_test_id("skp-rhk-row")
            .filter(has_text=text)
            .last
        )
        expect(row.get_by_test_id("skp-parent")).to_have_text(goal["text"])
        stored = plan_of(kadis, live_server, plan["id"])["workResults"]
        added = next(r for r in stored if r["text"] == text)
        assert added["orgGoal"] == {"id": goal["id"]}
        check(kadis, "JPT: RHK dari sasaran organisasi", "skp-detail-jpt-1280-id")

        phone = open_page(pages, browser, width=360, lang="en")
        login_as(phone, live_server, login)
        open_my_plan(phone, live_server)
        expect(phone.get_by_test_id("rhk-item").filter(has_text=text)).to_have_count(1)
        check(phone, "JPT organisation goals 360 en", "skp-detail-jpt-360-en")
    finally:
        withdraw(kadis, live_server, plan["id"])
    after = plan_of(kadis, live_server, plan["id"])
    assert after["status"] == "DITETAPKAN"
    assert [r["id"] for r in after["workResults"]] == [r["id"] for r in before["workResults"]]


def test_feedback_on_an_iki_with_a_standard_phrase_and_the_employees_reply(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    assessor = open_page(pages, browser)
    login_as(assessor, live_server, "assessor")
    employee = open_page(pages, browser, width=360, lang="en")
    login_as(employee, live_server, "employee")
    plan = my_plan(employee, live_server)
    indicator = plan_of(employee, live_server, plan["id"])["workResults"][0]["indicators"][0]
    holder = f"[data-testid=iki-feedback][data-indicator-id='{indicator['id']}']"

    open_review(assessor, live_server, plan["id"])
    thread = open_thread(assessor.locator(holder))
    expect(thread).to_have_attribute("data-target", "IKI")
    phrase = thread.get_by_test_id("feedback-phrase").first
    phrase_text = phrase.inner_text().strip()
    phrase.click()
    expect(phrase).to_have_attribute("aria-pressed", "true")
    comment = "Target IKI ini perlu dirinci per bulan."
    sent = send_feedback(thread, comment)
    expect(sent).to_contain_text(phrase_text)
    check(assessor, "umpan balik IKI penilai", "skp-detail-iki-umpan-balik-1280-id")

    open_my_plan(employee, live_server)
    mine = open_thread(employee.locator(holder))
    expect(mine).to_have_attribute("data-target", "IKI")
    assert mine.get_by_test_id("feedback-phrase").count() == 0, "phrases are for assessors"
    item = mine.get_by_test_id("feedback-item").filter(has_text=comment).first
    expect(item).to_contain_text(phrase_text)
    item.get_by_test_id("feedback-reply").first.click()
    reply = "Baik, target akan saya rinci per bulan."
    send_feedback(mine, reply)
    check(employee, "IKI feedback 360 en", "skp-detail-iki-feedback-360-en")

    # The assessor reads the reply under their comment, on the same IKI only.
    open_review(assessor, live_server, plan["id"])
    again = open_thread(assessor.locator(holder))
    expect(again.locator(".feedback-replies .feedback-text", has_text=reply)).to_have_count(1)
    data = graphql(
        assessor,
        live_server,
        "query($p: ID!, $i: ID!) { planFeedback(planId: $p, target: IKI, targetId: $i) { text } }",
        {"p": plan["id"], "i": indicator["id"]},
    )["planFeedback"]
    texts = [c["text"] for c in data]
    assert any(phrase_text in t and comment in t for t in texts), texts
    assert reply in texts
