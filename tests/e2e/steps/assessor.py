"""Reusable browser steps of the Pejabat Penilai (for the full-year walk and test_assessor.py).

Every step drives the UI only (the API is read to find what to evaluate and to check), works in
both languages (it selects by test id and value, never by text) and at any width.

    login_as(page, live_server, "assessor")
    target = first_evaluation_to_do(page, live_server)        # from the assessor's agenda
    done = evaluate_period(page, live_server, target.plan_id, target.period)
    assert done.predicate == "BAIK"

Which period of the demo employee can be evaluated: the demo employee's SKP of this year is
DITETAPKAN and every period that has started can be evaluated (the server refuses only periods
that have not started); the agenda's ``evaluationsToDo`` names the earliest one not yet finalised
(Bulan 1 in the demo, as long as nothing evaluated it before). A walk that makes a new SKP must
get it approved first; its first period is then evaluable the same way (``evaluate_period`` with
the new plan id and period 1).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from playwright.sync_api import expect

from tests.e2e.conftest import LiveServer
from tests.e2e.helpers import graphql, screenshot, settle

RATINGS = ("DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI")

TO_DO = "{ myAgenda { evaluationsToDo { planId periodNumber draftEvaluationId } } }"


@dataclass(frozen=True)
class EvaluationTarget:
    plan_id: str
    period: int | None  # None: the annual evaluation


@dataclass(frozen=True)
class EvaluatedPeriod:
    evaluation_id: str
    predicate: str
    url: str


def evaluation_path(plan_id: str, period: int | None) -> str:
    """portalPaths.evaluate of the SPA."""
    return f"/portal/tim/penilaian/{plan_id}/{'tahunan' if period is None else period}"


def first_evaluation_to_do(page: Any, live_server: LiveServer) -> EvaluationTarget:
    """The earliest periodic evaluation the signed-in assessor still has to do (the agenda's)."""
    items = graphql(page, live_server, TO_DO)["myAgenda"]["evaluationsToDo"]
    periodic = [i for i in items if i["periodNumber"] is not None]
    assert periodic, f"the assessor has no periodic evaluation to do: {items}"
    return EvaluationTarget(periodic[0]["planId"], periodic[0]["periodNumber"])


def open_team(page: Any, live_server: LiveServer) -> None:
    """/portal/tim through the menu (Tim Saya / My team), the overview table loaded."""
    page.goto(live_server.url + "/portal")
    settle(page)
    page.locator("nav a[href='/portal/tim']").click()
    page.wait_for_url(re.compile(r".*/portal/tim$"))
    settle(page)
    expect(page.get_by_test_id("team-table")).to_be_visible()


def open_evaluation(page: Any, live_server: LiveServer, plan_id: str, period: int | None) -> None:
    """The evaluation screen; starts the evaluation (button) when it has not been started."""
    page.goto(live_server.url + evaluation_path(plan_id, period))
    settle(page)
    start = page.get_by_test_id("evaluation-start")
    if start.count() > 0:
        start.locator("button[type=submit]").click()
        expect(page.get_by_test_id("evaluation")).to_be_visible()
        settle(page)
    expect(page.get_by_test_id("evaluation")).to_be_visible()


def saved(page: Any, submit: Callable[[], None]) -> None:
    """Submits and waits until the screen shows the evaluation's next version."""
    before = page.get_by_test_id("evaluation").get_attribute("data-version")
    submit()
    expect(page.get_by_test_id("evaluation")).not_to_have_attribute("data-version", str(before))
    settle(page)


def choose(group: Any, rating: str) -> None:
    """Checks one rating of a RatingField (a fieldset of three radios)."""
    assert rating in RATINGS, rating
    group.locator(f"input[type=radio][value={rating}]").check()


def judge(
    page: Any,
    *,
    work: str | dict[str, str] = "SESUAI_EKSPEKTASI",
    behavior: str | dict[str, str] = "SESUAI_EKSPEKTASI",
    feedback: str = "Hasil kerja sesuai target periode ini.",
) -> None:
    """Judges every RHK (``work``: one rating, or per work result id) and all seven BerAKHLAK
    values (``behavior``: one rating, or per value), then saves the draft."""
    section = page.get_by_test_id("evaluation-judgements")
    for rhk in section.get_by_test_id("judge-rhk").all():
        wid = rhk.get_attribute("data-work-result-id")
        choose(rhk, work if isinstance(work, str) else work[wid])
        rhk.locator("textarea").fill(feedback)
    for value in section.get_by_test_id("judge-behavior").all():
        name = value.get_attribute("data-value")
        choose(value, behavior if isinstance(behavior, str) else behavior[name])
    saved(page, lambda: section.locator("button[type=submit]").click())
    expect(page.get_by_test_id("rating-result")).to_be_visible()


def rate(
    page: Any,
    *,
    result: str | None = None,
    behavior: str | None = None,
    result_reason: str | None = None,
    behavior_reason: str | None = None,
) -> str:
    """Confirms the proposals (None) or overrides them with a reason, checks the live predicate
    and saves; returns the predicate the screen showed live."""
    ratings = page.get_by_test_id("evaluation-ratings")
    if result is not None:
        choose(page.get_by_test_id("rating-result"), result)
    if result_reason is not None:
        ratings.locator("textarea[name=resultOverrideReason]").fill(result_reason)
    if behavior is not None:
        choose(page.get_by_test_id("rating-behavior"), behavior)
    if behavior_reason is not None:
        ratings.locator("textarea[name=behaviorOverrideReason]").fill(behavior_reason)
    live = page.get_by_test_id("live-predicate")
    expect(live).not_to_have_attribute("data-predicate", "")
    predicate = str(live.get_attribute("data-predicate"))
    saved(page, lambda: ratings.locator("form button[type=submit]").click())
    expect(page.get_by_test_id("finalise-blocked")).to_have_count(0)
    return predicate


def finalise(page: Any) -> None:
    """Finalise, answering the confirmation; the screen turns read-only."""
    page.get_by_test_id("finalise-open").click()
    dialog = page.get_by_test_id("finalise-dialog")
    expect(dialog).to_be_visible()
    dialog.locator("button[type=submit]").click()
    expect(page.get_by_test_id("evaluation")).to_have_attribute("data-status", "DITETAPKAN")
    settle(page)
    expect(page.get_by_test_id("evaluation-final")).to_be_visible()


def evaluate_period(
    page: Any,
    live_server: LiveServer,
    plan_id: str | None = None,
    period: int | None = None,
    *,
    work: str | dict[str, str] = "SESUAI_EKSPEKTASI",
    behavior: str | dict[str, str] = "SESUAI_EKSPEKTASI",
    result: str | None = None,
    result_reason: str | None = None,
    shots: str | None = None,
) -> EvaluatedPeriod:
    """The assessor's whole periodic evaluation in the UI: open (and start), judge every RHK
    and BerAKHLAK value, save the draft, confirm (or override ``result`` with ``result_reason``)
    the ratings, save, finalise. Without ``plan_id``: the agenda's first periodic to-do. Pass
    ``shots`` (a name prefix) to save screenshots of each step. Signed in as the assessor."""
    if plan_id is None:
        target = first_evaluation_to_do(page, live_server)
        plan_id, period = target.plan_id, target.period
    open_evaluation(page, live_server, plan_id, period)
    if shots:
        screenshot(page, f"{shots}-1-opened")
    if page.get_by_test_id("evaluation-judgements").count() > 0:
        judge(page, work=work, behavior=behavior)
    if shots:
        screenshot(page, f"{shots}-2-judged")
    shown = rate(page, result=result, result_reason=result_reason)
    if shots:
        screenshot(page, f"{shots}-3-rated")
    finalise(page)
    if shots:
        screenshot(page, f"{shots}-4-final")
    evaluation_id = str(page.get_by_test_id("evaluation").get_attribute("data-evaluation-id"))
    stored = graphql(
        page,
        live_server,
        "query($id: ID!) { evaluation(id: $id) { status predicate } }",
        {"id": evaluation_id},
    )["evaluation"]
    assert stored["status"] == "DITETAPKAN"
    assert stored["predicate"] == shown, (stored, shown)
    return EvaluatedPeriod(evaluation_id, shown, page.url)
