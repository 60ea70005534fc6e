"""The Pejabat Penilai's team overview warning "who is behind" and annual evaluation screen
(/portal/tim and /portal/tim/penilaian/:planId/tahunan, issue 9) in a browser, for the demo
assessor (the Kepala Seksi; 197911202004011001 in `make run`'s city) and the demo employee.

Who is behind (web/src/staff/team/Team.tsx `isBehind`): a set SKP with an IKI whose latest
realisasi does not reach the last period whose realisasi deadline has passed (the server's
today). The demo reports every month that has ended except, for a few people, the last one,
whose deadline has not passed in the first days of a month: then nobody is behind and the
warning is absent. The test checks that state against the API, then makes someone behind
honestly (a revision of the demo employee's SKP adds an IKI, set by the assessor: it has no
realisasi for the months already due) and checks the count again.

The annual evaluation (server/services/evaluation/evaluations.py `start_evaluation`) can start
once at least one periodic evaluation of the SKP is finalised; its ratings are proposed from
the finalised periodic ones; there is no date condition. The demo's current year has no
periodic evaluation for most people, but the demo employee has a finalised one (if not, the
assessor finalises Bulan 1 through the UI first): the assessor does the annual evaluation on
its screen, reached by its address: the team overview links to it only once the year is over
(server/services/agenda.py `_evaluations_to_do`: a year before today's, still open), a state
a live server of the current year does not have. For someone without a finalised periodic evaluation (the demo assessor, rated
by the Atasan), starting it is refused with a clear message and creates nothing.

Both change state other modules rely on (a set SKP's content, finalised evaluations), so this
module runs on a demo server of its own. Indonesian at 1280 px, English at 360 px; axe-core on
every step; screenshots team-behind-* and team-annual-*.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from server import clock
from server.domain.enums import Rating
from server.services.evaluation.proposals import propose_annual
from tests.e2e.conftest import LiveServer, running_demo_server
from tests.e2e.helpers import graphql, login_as, new_page, settle
from tests.e2e.steps.assessor import (
    evaluate_period,
    evaluation_path,
    finalise,
    open_team,
    rate,
)
from tests.e2e.steps.skp_details import (
    add_indicator,
    approve,
    check,
    my_plan,
    plan_of,
    start_revision,
    submit,
)
from tests.e2e.steps.team import behind_from_api, shown_behind_count

EVALUATIONS = """
query($plan: ID!) {
  evaluationsOfPlan(planId: $plan) {
    id kind status resultRating behaviorRating predicate period { number }
  }
}"""


@pytest.fixture(scope="module")
def own_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with running_demo_server(tmp_path_factory.mktemp("e2e-team")) as server:
        yield server


def _evaluations(page: Any, live_server: LiveServer, plan_id: str) -> list[dict[str, Any]]:
    return list(graphql(page, live_server, EVALUATIONS, {"plan": plan_id})["evaluationsOfPlan"])


INBOX = """
query($year: Int!) {
  assessorInbox(year: $year) { entries { employee { id } plan { id status } } }
}"""


def test_the_annual_evaluation_is_proposed_from_the_periodic_ones_and_finalised(
    own_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    live_server = own_server
    employee = new_page(browser)
    assessor = new_page(browser)
    pages.extend([employee, assessor])
    login_as(employee, live_server, "employee")
    login_as(assessor, live_server, "assessor")
    plan_id = my_plan(employee, live_server)["id"]

    # Someone without a finalised periodic evaluation this year (the demo assessor's own SKP,
    # rated by the Atasan Pejabat Penilai): starting the annual evaluation is refused with a
    # clear message and nothing is made.
    atasan = new_page(browser)
    pages.append(atasan)
    login_as(atasan, live_server, "assessors_assessor")
    year = clock.today().year
    entries = graphql(atasan, live_server, INBOX, {"year": year})["assessorInbox"]["entries"]
    other = next(
        e["plan"]["id"]
        for e in entries
        if e["plan"]
        and e["plan"]["status"] == "DITETAPKAN"
        and not _evaluations(atasan, live_server, e["plan"]["id"])
    )
    atasan.goto(live_server.url + evaluation_path(other, None))
    settle(atasan)
    start = atasan.get_by_test_id("evaluation-start")
    expect(start).to_be_visible()
    start.locator("button[type=submit]").click()
    expect(start.get_by_test_id("error-summary")).to_contain_text("periodik")
    assert _evaluations(atasan, live_server, other) == []
    check(atasan, "tahunan: belum bisa", "team-annual-1280-id-1-refused")

    # The demo employee: at least one finalised periodic evaluation this year (the demo has
    # one; otherwise the assessor finalises Bulan 1 through the UI first), no annual one.
    if not [e for e in _evaluations(assessor, live_server, plan_id) if e["status"] != "DRAFT"]:
        evaluate_period(assessor, live_server, plan_id, 1)
    before = _evaluations(assessor, live_server, plan_id)
    assert all(e["kind"] == "PERIODIK" for e in before), before
    periodic = [e for e in before if e["status"] in ("DITETAPKAN", "DITERIMA")]
    assert periodic, before

    # The team overview offers the annual evaluation only once the year is over (the agenda's
    # to-do: a year before today's, still open); during the year the screen is reached by its
    # address and the server lets it start (a periodic evaluation is finalised).
    open_team(assessor, live_server)
    expect(assessor.locator(f"[href='{evaluation_path(plan_id, None)}']")).to_have_count(0)
    assessor.goto(live_server.url + evaluation_path(plan_id, None))
    settle(assessor)
    start = assessor.get_by_test_id("evaluation-start")
    expect(start).to_be_visible()
    check(assessor, "tahunan: mulai", "team-annual-1280-id-2-start")
    start.locator("button[type=submit]").click()
    sheet = assessor.get_by_test_id("evaluation")
    expect(sheet).to_have_attribute("data-status", "DRAFT")
    settle(assessor)
    # Annual: no per-RHK or behaviour judgements; the ratings are proposed from the periodic
    # ones (the most frequent, the lower on a tie).
    expect(assessor.get_by_test_id("evaluation-judgements")).to_have_count(0)
    expect(assessor.get_by_test_id("ratings-waiting")).to_have_count(0)
    annual = next(e for e in _evaluations(assessor, live_server, plan_id) if e["kind"] == "TAHUNAN")
    proposed = graphql(
        assessor,
        live_server,
        "query($id: ID!) { evaluation(id: $id) { proposedResultRating proposedBehaviorRating } }",
        {"id": annual["id"]},
    )["evaluation"]
    assert proposed == {
        "proposedResultRating": propose_annual(
            [Rating(e["resultRating"]) for e in periodic]
        ).rating,
        "proposedBehaviorRating": propose_annual(
            [Rating(e["behaviorRating"]) for e in periodic]
        ).rating,
    }
    result = assessor.get_by_test_id("rating-result")
    expect(result.locator(f"input[value={proposed['proposedResultRating']}]")).to_be_checked()
    expect(assessor.get_by_test_id("evaluation-explanation")).to_be_visible()
    check(assessor, "tahunan: draf", "team-annual-1280-id-3-draft")

    shown = rate(assessor)
    finalise(assessor)
    check(assessor, "tahunan: ditetapkan", "team-annual-1280-id-4-final")
    done = next(e for e in _evaluations(assessor, live_server, plan_id) if e["kind"] == "TAHUNAN")
    assert done["status"] == "DITETAPKAN"
    assert done["period"] is None
    assert done["predicate"] == shown
    assert done["resultRating"] == proposed["proposedResultRating"]
    expect(assessor.get_by_test_id("evaluation-predicate-value")).to_have_attribute(
        "data-predicate", shown
    )

    # The finished screen reads well on a phone.
    phone = new_page(browser, width=360, lang="en")
    pages.append(phone)
    login_as(phone, live_server, "assessor")
    phone.goto(live_server.url + evaluation_path(plan_id, None))
    settle(phone)
    expect(phone.get_by_test_id("evaluation")).to_have_attribute("data-status", "DITETAPKAN")
    expect(phone.get_by_test_id("evaluation-final")).to_be_visible()
    check(phone, "annual evaluation 360 en", "team-annual-360-en")


def _check_behind(page: Any, live_server: LiveServer, shots: str) -> set[str]:
    """The team overview's warning and rows agree with the API data; returns who is behind."""
    behind = behind_from_api(page, live_server)
    open_team(page, live_server)
    assert shown_behind_count(page) == len(behind), behind
    marked = {
        str(row.get_attribute("data-employee-id"))
        for row in page.locator("[data-testid=team-member][data-behind=true]").all()
    }
    assert marked == behind
    check(page, f"tim {shots}", f"team-behind-{shots}")
    return behind


def test_the_behind_warning_counts_the_people_the_api_data_says_are_behind(
    own_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    live_server = own_server
    assessor = new_page(browser)
    phone = new_page(browser, width=360, lang="en")
    employee = new_page(browser)
    pages.extend([assessor, phone, employee])
    login_as(assessor, live_server, "assessor")
    login_as(phone, live_server, "assessor")
    login_as(employee, live_server, "employee")

    # As found: the warning says what the data says (absent when nobody is behind).
    found = _check_behind(assessor, live_server, "1280-id-1-as-found")
    if not found:
        expect(assessor.get_by_test_id("team-behind-count")).to_have_count(0)

    # The demo employee's set SKP gets one more IKI: nothing is reported for it yet.
    plan_id = my_plan(employee, live_server)["id"]
    rhk = plan_of(employee, live_server, plan_id)["workResults"][0]["id"]
    start_revision(employee, live_server, plan_id)
    add_indicator(employee, live_server, plan_id, rhk, "Jumlah rekap triwulanan yang disusun")
    submit(employee, live_server, plan_id)
    approve(assessor, live_server, plan_id)
    assert plan_of(employee, live_server, plan_id)["status"] == "DITETAPKAN"
    employee_id = graphql(employee, live_server, "{ me { employee { id } } }")["me"]["employee"][
        "id"
    ]

    for page, shots in ((assessor, "1280-id-2-behind"), (phone, "360-en")):
        now = _check_behind(page, live_server, shots)
        assert now == found | {employee_id}, (found, now)
        count = len(now)
        warning = page.get_by_test_id("team-behind-count")
        expect(warning).to_be_visible()
        lang = "id" if page is assessor else "en"
        expect(warning).to_contain_text(
            f"{count} pegawai tertinggal"
            if lang == "id"
            else f"People behind on realisasi: {count}"
        )
        row = page.locator(f"[data-testid=team-member][data-employee-id='{employee_id}']")
        expect(row).to_have_attribute("data-behind", "true")
        expect(row.get_by_test_id("team-progress")).to_contain_text(
            "Tertinggal" if lang == "id" else "Behind"
        )
