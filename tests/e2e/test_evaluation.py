"""Evaluation, keberatan and coaching in a browser with the demo logins (issue 9 point 7): the
demo employee finds his recent Butuh Perbaikan result on the home page, reads why, sees the
per-RHK judgements and evidence the API has, opens the Dokumen Evaluasi Kinerja, acknowledges,
files a keberatan inside the window (its deadline shown; an old result says the window closed);
his Atasan Pejabat Penilai decides it with explanations recorded; the Pejabat Penilai records a
coaching check-in the employee then reads. axe-core on every screen, in Indonesian and English,
at 1280 and 360 px (screenshots in tests/e2e/artifacts/)."""

from __future__ import annotations

import re
from datetime import date, timedelta
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
    open_page,
    screenshot,
    settle,
)
from tests.e2e.steps.evaluation import (
    acknowledge,
    decide_objection,
    file_objection,
    open_my_result,
    record_check_in,
)

MY_RESULTS = "{ myAgenda { today myResults { evaluationId predicate status objectionDeadline } } }"
EVALUATION = """query($id: ID!) { evaluation(id: $id) { id predicate status documentUrl
  workResults { rating indicators { realizations { evidenceCount } } } } }"""
MY_EVALUATIONS = (
    "query($y: Int!) { myEvaluations(year: $y) { id kind status objectionFilingDeadline } }"
)
FILE = """mutation($id: ID!) { fileObjection(input: {evaluationId: $id, reasons: "Uji e2e"}) {
  result { id } errors { code message } } }"""
OPEN_COACHING = """mutation($id: ID!) { openCoachingPlan(input: {evaluationId: $id,
  goals: "Realisasi bulanan mencapai target", actions: "Dialog kinerja dua mingguan"}) {
  result { id } errors { code message } } }"""
COACHING_PLANS = "{ coachingPlans { id evaluationId } }"


RECENT = """query($y: Int!) { myEvaluations(year: $y) { id predicate finalisedAt } }"""


def _recent_low(page: Any, live_server: LiveServer) -> str:
    """The id of the staged result whatever happened to it since (acknowledged, objected)."""
    today = date.fromisoformat(graphql(page, live_server, MY_RESULTS)["myAgenda"]["today"])
    rows = graphql(page, live_server, RECENT, {"y": today.year})["myEvaluations"]
    low = [r for r in rows if r["predicate"] == "BUTUH_PERBAIKAN" and r["finalisedAt"]]
    assert low, "the demo employee's recent Butuh Perbaikan"
    return str(max(low, key=lambda r: r["finalisedAt"])["id"])


def _staged(page: Any, live_server: LiveServer) -> dict[str, Any]:
    """The demo employee's recent Butuh Perbaikan (seed-demo sets it today)."""
    results = graphql(page, live_server, MY_RESULTS)["myAgenda"]["myResults"]
    low = [r for r in results if r["predicate"] == "BUTUH_PERBAIKAN" and r["objectionDeadline"]]
    assert low, f"the demo employee has no recent Butuh Perbaikan in its window: {results}"
    return dict(low[0])


def test_the_employee_reads_acknowledges_and_objects_and_the_atasan_decides(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    page = open_page(pages, browser)
    login_as(page, live_server, "employee")
    staged = _staged(page, live_server)
    evaluation_id = open_my_result(
        page, live_server, evaluation_id=str(staged["evaluationId"]), shot="e2e-eval-employee"
    )
    assert evaluation_id == staged["evaluationId"]

    # The screen says what the data says: predicate, every RHK judged, the evidence counted.
    data = graphql(page, live_server, EVALUATION, {"id": evaluation_id})["evaluation"]
    expect(page.get_by_test_id("predicate")).to_have_attribute("data-predicate", "BUTUH_PERBAIKAN")
    expect(page.get_by_test_id("predicate")).to_have_text("Butuh Perbaikan")
    expect(page.get_by_test_id("predicate-matrix")).to_contain_text("Di Bawah Ekspektasi")
    rows = page.get_by_test_id("work-result")
    expect(rows).to_have_count(len(data["workResults"]))
    for n, w in enumerate(data["workResults"]):
        expect(rows.nth(n)).to_have_attribute("data-rating", w["rating"])
    evidence = [
        r["evidenceCount"]
        for w in data["workResults"]
        for i in w["indicators"]
        for r in i["realizations"]
    ]
    shown = page.get_by_test_id("evidence-count")
    expect(shown).to_have_count(len(evidence))
    assert [int(x) for x in shown.evaluate_all("els => els.map(e => e.dataset.count)")] == evidence
    expect(page.get_by_test_id("behavior-row")).to_have_count(7)
    expect(page.get_by_test_id("explanation")).to_contain_text("Peraturan Menteri PANRB")
    expect(page.get_by_test_id("objection-deadline")).to_be_visible()

    # The Dokumen Evaluasi Kinerja the page links to prints the same predicate, officially.
    href = page.get_by_test_id("document-link").get_attribute("href")
    assert href == data["documentUrl"]
    doc = page.request.get(live_server.url + href)
    assert doc.status == 200
    assert "Butuh Perbaikan" in doc.text()
    assert "DOMAIN.md" not in doc.text()
    assert "belum dinilai" not in doc.text()
    # On an A4-wide screen every table fits whole: no column narrower than its longest word.
    page.goto(live_server.url + href)
    page.locator("h1").wait_for()
    widths = page.evaluate(
        "[...document.querySelectorAll('.wide')].map(d => d.scrollWidth - d.clientWidth)"
    )
    assert widths
    assert max(widths) <= 0, widths
    screenshot(page, "e2e-eval-document-1280")
    pdf = page.request.get(live_server.url + href + ".pdf")
    assert pdf.status == 200
    assert pdf.body().startswith(b"%PDF-")

    # The history lists it.
    _visit_evaluation(page, live_server, evaluation_id)
    page.get_by_role("link", name=re.compile("Kembali ke penilaian saya")).click()
    page.wait_for_url(re.compile(r".*/portal/penilaian$"))
    settle(page)
    row = page.locator(f"[data-testid=evaluation-row][data-id='{evaluation_id}']")
    expect(row).to_have_attribute("data-predicate", "BUTUH_PERBAIKAN")
    assert_accessible(page, "penilaian saya")
    screenshot(page, "e2e-eval-history-1280-id")

    acknowledge(page, live_server, evaluation_id, shot="e2e-eval-employee")

    # An empty keberatan is refused next to its field, and nothing is filed.
    page.goto(f"{live_server.url}/portal/penilaian/{evaluation_id}/keberatan")
    page.get_by_test_id("filing-deadline").wait_for()
    deadline = page.get_by_test_id("filing-deadline").get_attribute("data-date")
    assert deadline == staged["objectionDeadline"]
    page.locator("[data-form-id=file-objection] button[type=submit]").click()
    expect(page.get_by_test_id("error-reasons")).to_be_visible()
    expect(page.locator("#file-objection-reasons")).to_have_attribute("aria-invalid", "true")
    page.locator("#file-objection-links").fill("bukan-tautan")
    page.locator("[data-form-id=file-objection] button[type=submit]").click()
    expect(page.get_by_test_id("error-links")).to_be_visible()
    page.locator("#file-objection-links").fill("")
    assert_accessible(page, "keberatan dengan kesalahan")
    screenshot(page, "e2e-eval-objection-errors-1280-id")

    objection_id = file_objection(
        page,
        live_server,
        evaluation_id,
        "Realisasi bulan ini tertunda karena server aplikasi rusak selama dua minggu; "
        "berita acara kerusakan terlampir.",
        links=("https://contoh.salatiga.go.id/berita-acara",),
        shot="e2e-eval-employee",
    )
    _visit_evaluation(page, live_server, evaluation_id)
    expect(page.get_by_test_id("objection-view")).to_have_attribute(
        "href", f"/portal/keberatan/{objection_id}"
    )

    # The Atasan Pejabat Penilai finds it on the home page and in the list, and decides.
    boss = open_page(pages, browser)
    login_as(boss, live_server, "assessors_assessor")
    settle(boss)
    item = boss.locator(
        f"[data-testid=agenda-item][data-kind=decide-objection] a[href='/portal/keberatan/{objection_id}']"
    )
    expect(item).to_have_count(1)
    boss.goto(live_server.url + "/portal/keberatan")
    settle(boss)
    expect(
        boss.locator(
            f"[data-testid=objections-decide] [data-testid=objection-row][data-id='{objection_id}']"
        )
    ).to_have_count(1)
    assert_accessible(boss, "keberatan untuk diputus")
    screenshot(boss, "e2e-eval-objections-decider-1280-id")
    boss.goto(f"{live_server.url}/portal/keberatan/{objection_id}")
    boss.get_by_test_id("decide").wait_for()
    expect(boss.get_by_test_id("decision-deadline")).to_be_visible()
    boss.locator("[data-form-id=decide-objection] button[type=submit]").click()
    for field in ("decision", "note", "employeeExplanation", "assessorExplanation"):
        expect(boss.get_by_test_id(f"error-{field}")).to_be_visible()
    assert_accessible(boss, "putusan dengan kesalahan")
    boss.locator("#decide-objection-decision").select_option("DIUBAH")
    boss.locator("[data-form-id=decide-objection] button[type=submit]").click()
    expect(boss.get_by_test_id("error-resultRating")).to_be_visible()
    decide_objection(
        boss,
        live_server,
        objection_id,
        decision="DITOLAK",
        note="Target dan realisasi sesuai bukti; kerusakan server tidak menghalangi pekerjaan lain.",
        shot="e2e-eval-decider",
    )

    # The employee reads the decision.
    page.goto(f"{live_server.url}/portal/keberatan/{objection_id}")
    page.get_by_test_id("decision").wait_for()
    expect(page.get_by_test_id("objection")).to_have_attribute("data-status", "DITOLAK")
    expect(page.get_by_test_id("decision-note")).to_contain_text("Target dan realisasi")
    settle(page)
    assert_accessible(page, "keberatan diputus (pegawai)")
    screenshot(page, "e2e-eval-objection-decided-employee-1280-id")


def _visit_evaluation(page: Any, live_server: LiveServer, evaluation_id: str) -> None:
    page.goto(f"{live_server.url}/portal/penilaian/{evaluation_id}")
    page.get_by_test_id("predicate-panel").wait_for()
    settle(page)


def test_after_the_window_the_keberatan_is_refused_clearly(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    page = open_page(pages, browser)
    login_as(page, live_server, "employee")
    today = date.fromisoformat(graphql(page, live_server, MY_RESULTS)["myAgenda"]["today"])
    old = [
        e
        for e in graphql(page, live_server, MY_EVALUATIONS, {"y": today.year - 1})["myEvaluations"]
        if e["kind"] == "PERIODIK" and e["objectionFilingDeadline"] < today.isoformat()
    ]
    assert old, "last year's periodic results of the demo employee"
    target = old[0]
    page.goto(f"{live_server.url}/portal/penilaian/{target['id']}/keberatan")
    closed = page.get_by_test_id("objection-closed")
    closed.wait_for()
    expect(page.locator("[data-form-id=file-objection]")).to_have_count(0)
    day = date.fromisoformat(target["objectionFilingDeadline"])
    assert str(day.year) in closed.inner_text()
    settle(page)
    assert_accessible(page, "keberatan lewat batas")
    screenshot(page, "e2e-eval-objection-closed-1280-id")
    _visit_evaluation(page, live_server, target["id"])
    expect(page.get_by_test_id("objection-closed")).to_be_visible()
    expect(page.get_by_test_id("file-objection-link")).to_have_count(0)
    # Last year's annual result lists the periodic results its ratings come from.
    last_year = graphql(page, live_server, MY_EVALUATIONS, {"y": today.year - 1})["myEvaluations"]
    annual = next(e for e in last_year if e["kind"] == "TAHUNAN")
    _visit_evaluation(page, live_server, annual["id"])
    periodic = [e for e in last_year if e["kind"] == "PERIODIK"]
    expect(page.get_by_test_id("periodic-row")).to_have_count(len(periodic))
    assert_accessible(page, "penilaian tahunan")
    screenshot(page, "e2e-eval-annual-1280-id")
    # The server refuses too, naming the deadline.
    refused = graphql(page, live_server, FILE, {"id": target["id"]})["fileObjection"]
    assert refused["result"] is None
    assert refused["errors"][0]["code"] == "INVALID_STATE"
    assert f"{day:%d-%m-%Y}" in refused["errors"][0]["message"]


def _coaching_of_staged(page: Any, assessor: Any, live_server: LiveServer) -> str:
    evaluation_id = _recent_low(page, live_server)
    opened = graphql(assessor, live_server, OPEN_COACHING, {"id": evaluation_id})
    payload = opened["openCoachingPlan"]
    if payload["result"] is not None:
        return str(payload["result"]["id"])
    assert payload["errors"][0]["code"] == "DUPLICATE", payload
    plans = graphql(assessor, live_server, COACHING_PLANS)["coachingPlans"]
    return str(next(p["id"] for p in plans if p["evaluationId"] == evaluation_id))


def test_the_assessor_records_a_check_in_the_employee_reads(
    live_server: LiveServer, browser: Any, pages: list[Any]
) -> None:
    page = open_page(pages, browser)
    login_as(page, live_server, "employee")
    assessor = open_page(pages, browser, width=360)
    login_as(assessor, live_server, "assessor")
    coaching_id = _coaching_of_staged(page, assessor, live_server)

    assessor.goto(f"{live_server.url}/portal/pembinaan/{coaching_id}")
    assessor.get_by_test_id("check-in-form").wait_for()
    # Salatiga's today (WIB), not the test machine's: they differ between 17:00 and 24:00 UTC.
    today = date.fromisoformat(graphql(page, live_server, MY_RESULTS)["myAgenda"]["today"])
    assessor.locator("#check-in-heldOn").fill((today + timedelta(days=2)).isoformat())
    assessor.locator("[data-form-id=check-in] button[type=submit]").click()
    expect(assessor.get_by_test_id("error-heldOn")).to_be_visible()
    expect(assessor.get_by_test_id("error-note")).to_be_visible()
    assessor.locator("#check-in-heldOn").fill(today.isoformat())
    record_check_in(
        assessor,
        live_server,
        coaching_id,
        "Membahas hambatan realisasi bulan lalu; disepakati laporan mingguan.",
        shot="e2e-eval-assessor-360",
    )
    assert fits_width(assessor)

    page.goto(live_server.url + "/portal/pembinaan")
    settle(page)
    link = page.locator(
        f"[data-testid=coaching-mine] [data-testid=coaching-row][data-id='{coaching_id}'] a"
    )
    expect(link).to_have_count(1)
    assert_accessible(page, "pembinaan saya")
    screenshot(page, "e2e-eval-coaching-list-1280-id")
    link.click()
    page.wait_for_url(re.compile(rf".*/portal/pembinaan/{coaching_id}$"))
    expect(page.get_by_test_id("check-in").last).to_contain_text("laporan mingguan")
    expect(page.get_by_test_id("check-in-form")).to_have_count(0)  # the pegawai only reads
    expect(page.get_by_test_id("check-in-read-only")).to_be_visible()
    settle(page)
    assert_accessible(page, "pembinaan (pegawai)")
    screenshot(page, "e2e-eval-coaching-employee-1280-id")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_evaluation_screen_is_accessible_and_fits(
    live_server: LiveServer, browser: Any, pages: list[Any], lang: str, width: int
) -> None:
    page = open_page(pages, browser, width=width, lang=lang)
    login_as(page, live_server, "employee")
    eid = _recent_low(page, live_server)
    routes = [
        "/portal/penilaian",
        f"/portal/penilaian/{eid}",
        f"/portal/penilaian/{eid}/keberatan",
        "/portal/keberatan",
        "/portal/pembinaan",
    ]
    boss = open_page(pages, browser, width=width, lang=lang)
    login_as(boss, live_server, "assessors_assessor")
    visible = graphql(boss, live_server, "{ objections { id } }")["objections"]
    boss_routes = ["/portal/keberatan"] + [f"/portal/keberatan/{o['id']}" for o in visible[:1]]
    for who, tab, paths in (("employee", page, routes), ("atasan", boss, boss_routes)):
        for route in paths:
            tab.goto(live_server.url + route)
            tab.get_by_test_id("user-name").wait_for()
            settle(tab)
            assert tab.locator("h1").count() == 1, route
            assert tab.locator("html").get_attribute("lang") == lang
            assert fits_width(tab), f"{route} at {width}px scrolls sideways"
            assert_accessible(tab, f"{who} {route} {lang} {width}")
            name = re.sub(r"\d+", "id", route.replace("/portal/", "").replace("/", "_"))
            screenshot(tab, f"e2e-eval-{who}-{name}-{width}-{lang}")
    # Keyboard: the menu reaches the evaluations, and Enter opens them with focus on the heading.
    page.goto(live_server.url + "/portal")
    settle(page)
    link = page.locator("nav a[href='/portal/penilaian']")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/portal/penilaian$"))
    expect(page.locator("h1")).to_be_focused()
