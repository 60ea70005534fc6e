"""The Pejabat Penilai in a browser, with the demo logins: the team overview (SKPs to approve,
realisasi, who is behind, evaluations to do) agrees with the API; the periodic evaluation is done
through the UI only (the employee's self-assessment entered in their own screens, then side by
side; judgements, the predicate live from the server's matrix, an override refused without its reason next to the field, finalise after a
confirmation, read-only after); the unit manager sees the unit's distribution against the
allowed pattern; axe-core finds nothing at 1280 and 360 px in both languages."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import LiveServer
from tests.e2e.helpers import (
    LANGS,
    WIDTHS,
    assert_accessible,
    fits_width,
    graphql,
    login_as,
    menu_link,
    new_page,
    screenshot,
    settle,
)
from tests.e2e.steps.assessor import (
    evaluation_path,
    finalise,
    first_evaluation_to_do,
    judge,
    open_evaluation,
    open_team,
    saved,
)
from tests.e2e.steps.evaluation import enter_self_assessment

INBOX = """
query($year: Int!) {
  assessorInbox(year: $year) {
    entries { employee { id name } plan { id status awaitingApproval } }
  }
  myAgenda { today }
}"""
PLAN_EVALUATIONS = """
query($id: ID!) { evaluationsOfPlan(planId: $id) { id kind status period { number } } }"""


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_team_overview_matches_the_inbox(
    browser: Any, live_server: LiveServer, pages: list[Any], width: int, lang: str
) -> None:
    page = new_page(browser, width=width, lang=lang)
    pages.append(page)
    login_as(page, live_server, "assessor")
    if width < 600:
        # The menu is a row of links at any width: Tim Saya is one of them.
        expect(page.locator("nav a[href='/portal/tim']")).to_be_visible()
    open_team(page, live_server)
    year = int(graphql(page, live_server, "{ myAgenda { today } }")["myAgenda"]["today"][:4])
    inbox = graphql(page, live_server, INBOX, {"year": year})["assessorInbox"]["entries"]
    rows = page.get_by_test_id("team-member")
    expect(rows).to_have_count(len(inbox))
    shown = {r.get_attribute("data-employee-id") for r in rows.all()}
    assert shown == {e["employee"]["id"] for e in inbox}
    waiting = [e for e in inbox if e["plan"] and e["plan"]["awaitingApproval"]]
    expect(page.get_by_test_id("team-approval")).to_have_count(len(waiting))
    for entry in waiting:
        link = page.locator(f"[data-plan-id='{entry['plan']['id']}'] a")
        expect(link).to_have_attribute("href", f"/portal/tim/skp/{entry['plan']['id']}")
    target = first_evaluation_to_do(page, live_server)
    link = page.get_by_test_id("team-evaluate").first
    expect(link).to_have_attribute("href", evaluation_path(target.plan_id, target.period))
    expect(page.locator("html")).to_have_attribute("lang", lang)
    assert_accessible(page, f"team {lang} {width}")
    assert fits_width(page)
    screenshot(page, f"assessor-team-{lang}-{width}")


def test_the_menu_item_is_for_people_who_rate(
    browser: Any, live_server: LiveServer, pages: list[Any]
) -> None:
    page = new_page(browser)
    pages.append(page)
    login_as(page, live_server, "employee")
    assert graphql(page, live_server, "{ me { rateeCount } }")["me"]["rateeCount"] == 0
    expect(page.locator("nav a[href='/portal/tim']")).to_have_count(0)
    # Typed in anyway: an empty team, said in words.
    page.goto(live_server.url + "/portal/tim")
    settle(page)
    expect(page.get_by_test_id("empty-state")).to_be_visible()


def test_periodic_evaluation_through_the_ui(
    browser: Any, live_server: LiveServer, pages: list[Any]
) -> None:
    page = new_page(browser)
    pages.append(page)
    login_as(page, live_server, "assessor")
    target = first_evaluation_to_do(page, live_server)
    assert target.period is not None
    open_evaluation(page, live_server, target.plan_id, target.period)
    evaluation_id = page.get_by_test_id("evaluation").get_attribute("data-evaluation-id")

    # The employee's self-assessment, in their own screens: waiting on the home agenda and in
    # the list of my evaluations; a note over the server's limit is refused next to the field.
    employee = new_page(browser)
    pages.append(employee)
    login_as(employee, live_server, "employee")
    employee.goto(live_server.url + "/portal")
    settle(employee)
    waiting = employee.locator(
        f"[data-testid=agenda-item][data-kind=self-assessment] a[href='/portal/penilaian/{evaluation_id}']"
    )
    expect(waiting).to_be_visible()
    enter_self_assessment(
        employee,
        live_server,
        evaluation_id,
        result="DI_ATAS_EKSPEKTASI",
        behavior="SESUAI_EKSPEKTASI",
        note="Semua laporan selesai tepat waktu.",
        shot="employee-self-assessment-1280",
    )
    form = employee.get_by_test_id("self-assessment")
    expect(
        form.get_by_test_id("self-result").locator("input[value=DI_ATAS_EKSPEKTASI]")
    ).to_be_checked()
    version = form.get_attribute("data-version")
    note = form.locator("textarea[name=note]")
    note.fill("a" * 4001)
    form.locator("button[type=submit]").click()
    expect(employee.get_by_test_id("error-summary")).to_be_focused()
    expect(employee.get_by_test_id("error-note")).to_be_visible()
    expect(note).to_have_attribute("aria-invalid", "true")
    assert form.get_attribute("data-version") == version  # nothing was sent
    form.get_by_test_id("help-toggle").first.click()
    expect(form.get_by_test_id("help-text").first).to_be_visible()
    assert_accessible(employee, "self-assessment refused")
    screenshot(employee, "employee-self-assessment-refused-1280")
    note.fill("Semua laporan selesai tepat waktu.")  # as saved: nothing left unsaved
    for lang in LANGS:
        narrow = new_page(browser, width=360, lang=lang)
        pages.append(narrow)
        login_as(narrow, live_server, "employee")
        narrow.goto(live_server.url + f"/portal/penilaian/{evaluation_id}")
        settle(narrow)
        expect(narrow.get_by_test_id("self-assessment")).to_have_attribute("data-state", "editable")
        expect(narrow.locator("textarea[name=note]")).to_have_value(
            "Semua laporan selesai tepat waktu."
        )
        assert_accessible(narrow, f"self-assessment {lang} 360")
        assert fits_width(narrow)
        screenshot(narrow, f"employee-self-assessment-{lang}-360")
    # The employee may open the assessor's address: nothing there to change.
    employee.goto(live_server.url + evaluation_path(target.plan_id, target.period))
    settle(employee)
    expect(employee.locator("h1")).to_be_visible()
    expect(employee.get_by_test_id("evaluation-judgements")).to_have_count(0)
    expect(employee.get_by_test_id("evaluation-ratings")).to_have_count(0)
    expect(employee.get_by_test_id("finalise-open")).to_have_count(0)
    page.reload()
    settle(page)
    side = page.get_by_test_id("evaluation-side-by-side")
    expect(side.locator("[data-aspect=HASIL_KERJA] [data-testid=self-rating]")).to_have_text(
        "Di atas ekspektasi"
    )
    expect(side).to_contain_text("Semua laporan selesai tepat waktu.")
    # Realisasi against targets, with the period's evidence as links.
    indicators = page.get_by_test_id("evaluation-indicator")
    assert indicators.count() >= 1
    for link in page.get_by_test_id("evaluation-evidence").all():
        assert re.match(r"^(/api/evidence/\d+|https?://)", str(link.get_attribute("href")))
    expect(page.get_by_test_id("ratings-waiting")).to_be_visible()
    assert_accessible(page, "evaluation opened")
    screenshot(page, "assessor-evaluation-1-opened-1280")

    judge(page, work="SESUAI_EKSPEKTASI", behavior="SESUAI_EKSPEKTASI")
    live = page.get_by_test_id("live-predicate")
    expect(live).to_have_attribute("data-predicate", "BAIK")  # proposals: sesuai × sesuai
    # Live: changing a rating changes the predicate before anything is saved.
    page.get_by_test_id("rating-behavior").locator("input[value=DI_BAWAH_EKSPEKTASI]").check()
    expect(live).to_have_attribute("data-predicate", "KURANG")
    page.get_by_test_id("rating-behavior").locator("input[value=SESUAI_EKSPEKTASI]").check()
    page.get_by_test_id("rating-result").locator("input[value=DI_ATAS_EKSPEKTASI]").check()
    expect(live).to_have_attribute("data-predicate", "BAIK")
    # An override without its reason: refused next to the field, nothing sent.
    ratings = page.get_by_test_id("evaluation-ratings")
    version = page.get_by_test_id("evaluation").get_attribute("data-version")
    ratings.locator("form button[type=submit]").click()
    expect(page.get_by_test_id("error-summary")).to_be_focused()
    reason = ratings.locator("textarea[name=resultOverrideReason]")
    expect(page.get_by_test_id("error-resultOverrideReason")).to_be_visible()
    expect(reason).to_have_attribute("aria-invalid", "true")
    assert page.get_by_test_id("evaluation").get_attribute("data-version") == version
    assert_accessible(page, "override without reason")
    screenshot(page, "assessor-evaluation-2-reason-missing-1280")
    # Finalising is blocked while nothing is rated.
    expect(page.get_by_test_id("finalise-blocked")).to_be_visible()

    reason.fill("Laporan tambahan di luar target diselesaikan atas permintaan pimpinan.")
    saved(page, lambda: ratings.locator("form button[type=submit]").click())
    expect(page.get_by_test_id("assessor-rating").first).to_contain_text("Di atas ekspektasi")
    # Rated: the employee's self-assessment is read-only now, and says why.
    employee.goto(live_server.url + f"/portal/penilaian/{evaluation_id}")
    settle(employee)
    mine = employee.get_by_test_id("self-assessment")
    expect(mine).to_have_attribute("data-state", "rated")
    expect(employee.get_by_test_id("self-readonly")).to_have_attribute("data-reason", "rated")
    expect(mine.locator("input, textarea, button[type=submit]")).to_have_count(0)
    expect(employee.get_by_test_id("self-result-value")).to_have_text("Di Atas Ekspektasi")
    assert_accessible(employee, "self-assessment read-only")
    screenshot(employee, "employee-self-assessment-3-read-only-1280")
    employee.goto(live_server.url + "/portal/penilaian")
    settle(employee)
    expect(
        employee.locator(f"[data-testid=evaluation-row][data-id='{evaluation_id}']")
    ).to_be_visible()
    expect(employee.get_by_test_id("self-assessment-link")).to_have_count(0)
    expect(page.get_by_test_id("explanation-overrides")).to_contain_text("Laporan tambahan")
    expect(page.get_by_test_id("explanation-rules")).to_contain_text("Matriks predikat")

    # The confirmation can be cancelled with the keyboard (Escape) and nothing happens.
    page.get_by_test_id("finalise-open").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("finalise-dialog")).to_be_visible()
    assert_accessible(page, "finalise confirmation")
    screenshot(page, "assessor-evaluation-3-confirm-1280")
    page.keyboard.press("Escape")
    expect(page.get_by_test_id("finalise-dialog")).to_be_hidden()
    expect(page.get_by_test_id("evaluation")).to_have_attribute("data-status", "DRAFT")

    finalise(page)
    expect(page.get_by_test_id("evaluation-predicate-value")).to_have_attribute(
        "data-predicate", "BAIK"
    )
    expect(page.get_by_test_id("evaluation-judgements")).to_have_count(0)
    expect(page.get_by_test_id("finalise-open")).to_have_count(0)
    stored = graphql(page, live_server, PLAN_EVALUATIONS, {"id": target.plan_id})
    mine = next(e for e in stored["evaluationsOfPlan"] if e["id"] == evaluation_id)
    assert mine["status"] == "DITETAPKAN"
    assert_accessible(page, "evaluation final")
    screenshot(page, "assessor-evaluation-4-final-1280")

    # Read-only at 360 px and in English too.
    for lang in LANGS:
        narrow = new_page(browser, width=360, lang=lang)
        pages.append(narrow)
        login_as(narrow, live_server, "assessor")
        narrow.goto(live_server.url + evaluation_path(target.plan_id, target.period))
        settle(narrow)
        expect(narrow.get_by_test_id("evaluation-final")).to_be_visible()
        assert_accessible(narrow, f"evaluation final {lang} 360")
        assert fits_width(narrow)
        screenshot(narrow, f"assessor-evaluation-final-{lang}-360")


@pytest.mark.parametrize("width", WIDTHS)
def test_evaluation_form_at_both_widths(
    browser: Any, live_server: LiveServer, pages: list[Any], width: int
) -> None:
    """The draft form itself (the next period to do): axe-clean, no sideways scrolling."""
    page = new_page(browser, width=width, lang="en" if width < 600 else "id")
    pages.append(page)
    login_as(page, live_server, "assessor")
    target = first_evaluation_to_do(page, live_server)
    page.goto(live_server.url + evaluation_path(target.plan_id, target.period))
    settle(page)
    expect(page.locator("[data-testid=evaluation-start], [data-testid=evaluation]")).to_be_visible()
    assert_accessible(page, f"evaluation form {width}")
    assert fits_width(page)
    screenshot(page, f"assessor-evaluation-form-{width}")


@pytest.mark.parametrize("path", ["/portal/tim/penilaian/999999/1", "/portal/tim/penilaian/x/1"])
def test_unknown_plan_says_so(
    browser: Any, live_server: LiveServer, pages: list[Any], path: str
) -> None:
    page = new_page(browser)
    pages.append(page)
    login_as(page, live_server, "assessor")
    page.goto(live_server.url + path)
    settle(page)
    expect(
        page.locator("[data-testid=evaluation-not-found], [data-testid=load-error]")
    ).to_be_visible()
    assert_accessible(page, "evaluation not found")


def test_unknown_period_says_so(browser: Any, live_server: LiveServer, pages: list[Any]) -> None:
    page = new_page(browser)
    pages.append(page)
    login_as(page, live_server, "assessor")
    target = first_evaluation_to_do(page, live_server)
    page.goto(live_server.url + f"/portal/tim/penilaian/{target.plan_id}/99")
    settle(page)
    expect(page.get_by_test_id("evaluation-not-found")).to_be_visible()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_unit_distribution_against_the_pattern(
    browser: Any, live_server: LiveServer, pages: list[Any], width: int, lang: str
) -> None:
    page = new_page(browser, width=width, lang=lang)
    pages.append(page)
    login_as(page, live_server, "unit_manager")
    menu_link(page.locator("nav a[href='/portal/unit/sebaran']")).click()
    page.wait_for_url(re.compile(r".*/portal/unit/sebaran$"))
    settle(page)
    shown = page.get_by_test_id("distribution")
    expect(shown).to_be_visible()
    me = graphql(page, live_server, "{ me { managedUnit { id } } appraisalYears { id status } }")
    closed = next(y for y in me["appraisalYears"] if y["status"] == "DITUTUP")
    data = graphql(
        page,
        live_server,
        """query($u: ID!, $y: ID!) { unitDistribution(unitId: $u, includeSubunits: true,
        yearId: $y) { total withinPattern violations } }""",
        {"u": me["me"]["managedUnit"]["id"], "y": closed["id"]},
    )["unitDistribution"]
    expect(page.get_by_test_id("distribution-total")).to_have_text(str(data["total"]))
    verdict = {None: "unchecked", True: "within", False: "outside"}[data["withinPattern"]]
    expect(shown).to_have_attribute("data-within", verdict)
    if data["violations"]:
        expect(page.get_by_test_id("distribution-violations").locator("li")).to_have_count(
            len(data["violations"])
        )
    assert_accessible(page, f"distribution {lang} {width}")
    assert fits_width(page)
    screenshot(page, f"assessor-distribution-{lang}-{width}")
    # Another scope through the picker (keyboard: select, then the button).
    picker = page.locator("#distribution-scope")
    picker.select_option(index=0)
    page.locator("form.scope-picker button[type=submit]").press("Enter")
    page.wait_for_url(re.compile(r".*/portal/unit/sebaran\?tahun=\d+&periode=\w+$"))
    settle(page)
    expect(page.locator("[data-testid=distribution]")).to_be_visible()


def test_distribution_is_not_in_the_assessor_menu(
    browser: Any, live_server: LiveServer, pages: list[Any]
) -> None:
    page = new_page(browser)
    pages.append(page)
    login_as(page, live_server, "assessor")
    expect(page.locator("nav a[href='/portal/unit/sebaran']")).to_have_count(0)
    page.goto(live_server.url + "/portal/unit/sebaran")
    settle(page)
    expect(page.get_by_test_id("distribution-no-unit")).to_be_visible()


def test_evaluate_period_step_for_the_walk(
    browser: Any, live_server: LiveServer, pages: list[Any]
) -> None:
    """The step the full-year walk composes: the next periodic to-do, judged and finalised."""
    from tests.e2e.steps.assessor import evaluate_period

    page = new_page(browser, width=360, lang="en")
    pages.append(page)
    login_as(page, live_server, "assessor")
    before = first_evaluation_to_do(page, live_server)
    done = evaluate_period(page, live_server, work="DI_ATAS_EKSPEKTASI", shots="assessor-walk")
    assert done.predicate == "BAIK"  # di atas × sesuai
    assert done.url.endswith(evaluation_path(before.plan_id, before.period))
    assert fits_width(page)
