"""Reusable browser steps of BKPSDM (HR_ADMIN): calibration, Pejabat Penilai overrides, careers.

Every step drives the UI only (the API is read to choose what to act on and to check), works in
both languages (it selects by test id, id and value, never by text) and at any width.

    login_as(page, live_server, "hr_admin")
    unit = calibrate_with_justification(page, live_server)   # a unit outside the pattern
    assert unit.final

What the demo offers: the 2025 annual calibrations are already finalised; every quarter of 2025
has organisation predicates and units outside the pattern that are not finalised, so
``calibrate_with_justification`` works on the first quarter whose overview lists one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from playwright.sync_api import expect

from tests.e2e.conftest import LiveServer
from tests.e2e.helpers import assert_accessible, graphql, menu_link, screenshot, settle

CALIBRATION_PATH = "/portal/bkpsdm/kalibrasi"
JUSTIFICATION = (
    "Sebaran dipertahankan: unit kecil, semua pegawai mencapai target Perjanjian Kinerja "
    "dengan bukti lengkap (kalibrasi BKPSDM)."
)

YEARS = "{ appraisalYears { id year status periods { id number } } }"
OVERVIEW = (
    "query($p: ID, $y: ID) { calibrationOverview(periodId: $p, yearId: $y, includeSubunits: true)"
    " { unit { id name } total finalised withinPattern } }"
)


@dataclass(frozen=True)
class CalibratedUnit:
    unit_id: str
    name: str
    scope: str  # the picker's value: "2025:4"
    final: bool


def open_calibration_dashboard(page: Any, live_server: LiveServer) -> None:
    """From the menu to the calibration dashboard (HR admin signed in)."""
    menu_link(page.locator(f"nav a[href='{CALIBRATION_PATH}']").first).click()
    page.wait_for_url(f"**{CALIBRATION_PATH}*")
    settle(page)


def _unit_to_calibrate(page: Any, live_server: LiveServer) -> tuple[str, str, str]:
    """(picker value, unit id, unit name): a unit outside the pattern, not final, in a period."""
    for year in graphql(page, live_server, YEARS)["appraisalYears"]:
        for period in reversed(year["periods"]):
            rows = graphql(page, live_server, OVERVIEW, {"p": period["id"]})["calibrationOverview"]
            for row in rows:
                if row["total"] > 0 and row["withinPattern"] is False and not row["finalised"]:
                    return (
                        f"{year['year']}:{period['number']}",
                        row["unit"]["id"],
                        row["unit"]["name"],
                    )
    raise AssertionError("the demo has no unit outside the pattern left to calibrate")


def calibrate_with_justification(
    page: Any, live_server: LiveServer, *, keyboard: bool = False, shots: str | None = None
) -> CalibratedUnit:
    """Picks a period, opens an out-of-pattern unit, opens its calibration, tries to finalise
    without a justification (refused next to the field), then justifies and finalises. With
    ``keyboard`` the unit is opened and the form sent with the keyboard (Enter, Tab)."""
    scope, unit_id, name = _unit_to_calibrate(page, live_server)
    if not page.url.split("?")[0].endswith(CALIBRATION_PATH):
        open_calibration_dashboard(page, live_server)
    page.locator("#calibration-scope").select_option(scope)
    page.locator("#calibration-filter").select_option("outside")
    page.get_by_test_id("calibration-show").click()
    page.wait_for_url("**periode=*")
    settle(page)
    row = page.locator(f"[data-testid=calibration-unit][data-unit='{unit_id}']")
    expect(row).to_have_attribute("data-within", "false")
    expect(page.get_by_test_id("calibration-raters")).to_be_visible()
    assert_accessible(page, "calibration overview")
    if shots:
        screenshot(page, f"{shots}-overview")
    if keyboard:
        row.get_by_test_id("calibration-open-unit").focus()
        page.keyboard.press("Enter")
    else:
        row.get_by_test_id("calibration-open-unit").click()
    page.wait_for_url(f"**unit={unit_id}*")
    settle(page)
    detail = page.get_by_test_id("calibration-detail")
    expect(detail).to_have_attribute("data-within", "outside")
    expect(page.get_by_test_id("calibration-chart").locator("svg[role=img]")).to_be_visible()
    assert_accessible(page, "calibration of one unit")

    opened = page.get_by_test_id("calibration-opened")
    if opened.get_attribute("data-opened") != "true":
        page.get_by_test_id("calibration-open").click()
        expect(opened).to_have_attribute("data-opened", "true")

    finalise = page.get_by_test_id("calibration-finalise")
    finalise.locator("button[type=submit]").click()
    expect(page.get_by_test_id("error-justification")).to_be_visible()
    expect(detail).to_have_attribute("data-final", "false")
    assert_accessible(page, "calibration without justification")
    if shots:
        screenshot(page, f"{shots}-justification-missing")

    if keyboard:
        # The failed submit focused the error summary; its link leads to the field.
        page.get_by_test_id("error-summary").locator("a").first.focus()
        page.keyboard.press("Enter")
        expect(finalise.locator("textarea")).to_be_focused()
        page.keyboard.type(JUSTIFICATION)
        page.keyboard.press("Tab")
        expect(finalise.locator("button[type=submit]")).to_be_focused()
        page.keyboard.press("Enter")
    else:
        finalise.locator("textarea").fill(JUSTIFICATION)
        finalise.locator("button[type=submit]").click()
    expect(page.get_by_test_id("calibration-decision")).to_be_visible()
    expect(detail).to_have_attribute("data-final", "true")
    expect(page.get_by_test_id("calibration-justification")).to_have_text(JUSTIFICATION)
    assert_accessible(page, "calibration finalised")
    if shots:
        screenshot(page, f"{shots}-finalised")
    return CalibratedUnit(unit_id, name, scope, True)


# --- Pejabat Penilai overrides: a unit manager proposes, BKPSDM approves ---------------------

UNIT_POSITIONS_PATH = "/portal/unit/jabatan"
HR_POSITIONS_PATH = "/portal/bkpsdm/jabatan"
OVERRIDE_REASON = (
    "Kepala Bidang berhalangan tetap; Plt. ditunjuk dengan Surat Perintah 800/17/2026."
)
ME = "{ me { managedUnit { id } employee { id } } }"
POSITIONS = (
    "query($u: ID!) { positions(unitId: $u, includeSubunits: true, first: 100) "
    "{ nodes { id kind parent { id } holder { id } } } }"
)
PROPOSALS = (
    "query($s: ProposalStatus) { assessorOverrideProposals(status: $s) "
    "{ id status position { id } assessor { id } } }"
)


@dataclass(frozen=True)
class Proposal:
    position_id: str
    assessor_id: str


def _override_target(
    page: Any, live_server: LiveServer, avoid: frozenset[str] = frozenset()
) -> tuple[str, str]:
    """(position, appointee) in the unit manager's unit that the server accepts: a position
    under a second-level one, appointed to the holder of another second-level position (not
    the holder, not below it, not the unit manager)."""
    me = graphql(page, live_server, ME)["me"]
    nodes = graphql(page, live_server, POSITIONS, {"u": me["managedUnit"]["id"]})["positions"][
        "nodes"
    ]
    ids = {n["id"] for n in nodes}
    root = next(n for n in nodes if n["parent"] is None or n["parent"]["id"] not in ids)
    second = [n for n in nodes if n["parent"] and n["parent"]["id"] == root["id"] and n["holder"]]
    mine = me["employee"]["id"] if me["employee"] else None
    for boss in second:
        for target in nodes:
            parent = target["parent"]["id"] if target["parent"] else None
            if (
                target["holder"]
                and target["id"] not in avoid
                and parent in {b["id"] for b in second if b["id"] != boss["id"]}
                and boss["holder"]["id"] != mine
                and target["holder"]["id"] != mine
            ):
                return target["id"], boss["holder"]["id"]
    raise AssertionError("no position in the unit manager's unit to propose an override for")


def propose_override(
    page: Any,
    live_server: LiveServer,
    *,
    avoid: frozenset[str] = frozenset(),
    shots: str | None = None,
) -> Proposal:
    """The unit manager (signed in) proposes a Plt. Pejabat Penilai from their positions screen
    (for a position not in ``avoid``)."""
    menu_link(page.locator(f"nav a[href='{UNIT_POSITIONS_PATH}']").first).click()
    page.wait_for_url(f"**{UNIT_POSITIONS_PATH}*")
    settle(page)
    expect(page.get_by_test_id("positions-table")).to_be_visible()
    assert_accessible(page, "unit manager's positions")
    position_id, assessor_id = _override_target(page, live_server, avoid)
    form = page.get_by_test_id("override-form")
    # Sent empty first: the required fields say so next to themselves, nothing is sent.
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("error-positionId")).to_be_visible()
    form.locator("select[name=positionId]").select_option(position_id)
    form.locator("select[name=assessorEmployeeId]").select_option(assessor_id)
    form.locator("select[name=actingKind]").select_option("PLT")
    form.locator("textarea[name=reason]").fill(OVERRIDE_REASON)
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("positions-notice")).not_to_be_empty()
    proposal = page.locator(
        f"[data-testid=override-proposal][data-position='{position_id}']"
        f"[data-assessor='{assessor_id}'][data-status=DIAJUKAN]"
    )
    expect(proposal).to_be_visible()
    assert_accessible(page, "override proposed")
    if shots:
        screenshot(page, f"{shots}-proposed")
    return Proposal(position_id, assessor_id)


def approve_override(
    page: Any, live_server: LiveServer, proposal: Proposal, *, shots: str | None = None
) -> None:
    """BKPSDM (signed in) approves the proposal from the queue on the positions screen."""
    menu_link(page.locator(f"nav a[href='{HR_POSITIONS_PATH}']").first).click()
    page.wait_for_url(f"**{HR_POSITIONS_PATH}*")
    settle(page)
    item = page.locator(
        f"[data-testid=override-proposal][data-position='{proposal.position_id}']"
        f"[data-assessor='{proposal.assessor_id}'][data-status=DIAJUKAN]"
    )
    expect(item).to_be_visible()
    assert_accessible(page, "override proposals queue")
    if shots:
        screenshot(page, f"{shots}-queue")
    item.get_by_test_id("proposal-approve").click()
    expect(page.get_by_test_id("positions-notice")).not_to_be_empty()
    expect(item).to_have_count(0)
    # Now in force: listed among the appointments (assessorOverrides).
    expect(
        page.locator(f"[data-testid=override-current][data-position='{proposal.position_id}']")
    ).to_be_visible()
    page.locator("#proposals-status").select_option("DISETUJUI")
    page.get_by_test_id("proposals-show").click()
    page.wait_for_url("**usulan=DISETUJUI*")
    expect(
        page.locator(
            f"[data-testid=override-proposal][data-position='{proposal.position_id}']"
            f"[data-status=DISETUJUI]"
        ).first
    ).to_be_visible()
    assert_accessible(page, "approved proposals")
    if shots:
        screenshot(page, f"{shots}-approved")


# --- Careers: recognition, talent pool, promotion eligibility, angka kredit ------------------

CAREERS_PATH = "/portal/bkpsdm/karier"
CAREER_LISTS = (
    "query($y: Int!, $id: ID!) { recognitionRecommendations(yearId: $id) "
    "{ evaluationId employee { id name position { kind functionalLevel } } }"
    " talentPoolCandidates(year: $y) { employee { id } } }"
)
ANGKA = (
    "query($e: ID!, $c: Decimal!) { angkaKredit(evaluationId: $e, annualCoefficient: $c) "
    "{ value } }"
)
ELIGIBILITY = (
    "query($e: ID!, $y: Int!) { promotionEligibility(employeeId: $e, year: $y) { eligible } }"
)


def open_career_lists(page: Any, live_server: LiveServer, *, shots: str | None = None) -> None:
    """BKPSDM (signed in) opens the career lists of the newest closed year, checks the counts
    against the API, then checks one recommended employee's promotion eligibility and, for a
    functional position, computes the angka kredit with the coefficient prefilled by level."""
    menu_link(page.locator(f"nav a[href='{CAREERS_PATH}']").first).click()
    page.wait_for_url(f"**{CAREERS_PATH}*")
    settle(page)
    years = graphql(page, live_server, YEARS)["appraisalYears"]
    year = next(y for y in years if y["status"] == "DITUTUP")
    page.locator("#career-year").select_option(str(year["year"]))
    page.get_by_test_id("career-show").click()
    page.wait_for_url(f"**tahun={year['year']}*")
    settle(page)
    lists = graphql(page, live_server, CAREER_LISTS, {"y": year["year"], "id": year["id"]})
    recognition = lists["recognitionRecommendations"]
    expect(page.get_by_test_id("career-recognition")).to_have_attribute(
        "data-count", str(len(recognition))
    )
    expect(page.get_by_test_id("career-talent")).to_have_attribute(
        "data-count", str(len(lists["talentPoolCandidates"]))
    )
    assert_accessible(page, "career lists")
    if shots:
        screenshot(page, f"{shots}-lists")
    assert recognition, "the demo has Sangat Baik annual predicates in the closed year"
    functional = [r for r in recognition if r["employee"]["position"]["kind"] == "FUNGSIONAL"]
    chosen = functional[0] if functional else recognition[0]
    person = chosen["employee"]
    page.locator("#career-search").fill(person["name"])
    page.get_by_test_id("career-search").click()
    page.wait_for_url("**cari=*")
    page.locator(f"[data-testid=career-person-link][data-employee='{person['id']}']").click()
    page.wait_for_url("**pegawai=*")
    eligible = graphql(page, live_server, ELIGIBILITY, {"e": person["id"], "y": year["year"]})
    expect(page.get_by_test_id("career-result")).to_have_attribute(
        "data-eligible", str(eligible["promotionEligibility"]["eligible"]).lower()
    )
    if functional:
        coefficient = page.locator("#career-coefficient")
        expect(coefficient).not_to_have_value("")
        page.get_by_test_id("career-compute").click()
        expected = graphql(
            page, live_server, ANGKA, {"e": chosen["evaluationId"], "c": coefficient.input_value()}
        )["angkaKredit"]["value"]
        expect(page.get_by_test_id("career-angka")).to_have_attribute("data-value", expected)
    assert_accessible(page, "one employee's promotion eligibility")
    if shots:
        screenshot(page, f"{shots}-person")


# --- Coaching plans for low predicates -------------------------------------------------------

HR_COACHING_PATH = "/portal/bkpsdm/pembinaan"
COACHING_GOALS = "Hasil kerja utama kembali sesuai ekspektasi dalam enam bulan."
COACHING_ACTIONS = "Pendampingan mingguan oleh Pejabat Penilai Kinerja; pelatihan teknis."


def create_coaching_plan(page: Any, live_server: LiveServer, *, shots: str | None = None) -> str:
    """BKPSDM (signed in) picks a period with low predicates lacking a plan, opens the form for
    the first one, tries it empty (errors next to the fields), fills it and creates the plan;
    returns the new plan's id (from the link to it)."""
    menu_link(page.locator(f"nav a[href='{HR_COACHING_PATH}']").first).click()
    page.wait_for_url(f"**{HR_COACHING_PATH}*")
    settle(page)
    years = graphql(page, live_server, YEARS)["appraisalYears"]
    closed = next(y for y in years if y["status"] == "DITUTUP")
    page.locator("#coaching-scope").select_option(
        f"{closed['year']}:{closed['periods'][-1]['number']}"
    )
    page.get_by_test_id("coaching-show").click()
    page.wait_for_url("**periode=*")
    settle(page)
    listed = page.get_by_test_id("coaching-low")
    before = int(listed.get_attribute("data-count") or "0")
    assert before > 0, "the demo has low predicates without a coaching plan in the last quarter"
    assert_accessible(page, "low predicates without a plan")
    if shots:
        screenshot(page, f"{shots}-list")
    first = page.get_by_test_id("coaching-create").first
    evaluation = first.get_attribute("data-evaluation")
    first.click()
    form = page.get_by_test_id("coaching-form")
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("error-goals")).to_be_visible()
    form.locator("textarea[name=goals]").fill(COACHING_GOALS)
    form.locator("textarea[name=actions]").fill(COACHING_ACTIONS)
    assert_accessible(page, "coaching plan form")
    form.locator("button[type=submit]").click()
    link = page.get_by_test_id("coaching-created-link")
    expect(link).to_be_visible()
    expect(listed).to_have_attribute("data-count", str(before - 1))
    expect(
        page.locator(f"[data-testid=coaching-create][data-evaluation='{evaluation}']")
    ).to_have_count(0)
    if shots:
        screenshot(page, f"{shots}-created")
    href = link.get_attribute("href") or ""
    link.click()
    page.wait_for_url(f"**{href}")
    settle(page)
    assert_accessible(page, "the new coaching plan")
    return href.rsplit("/", 1)[-1]


def refuse_override(page: Any, live_server: LiveServer, proposal: Proposal, reason: str) -> None:
    """BKPSDM (signed in) refuses the proposal: without a reason it is refused in place first."""
    menu_link(page.locator(f"nav a[href='{HR_POSITIONS_PATH}']").first).click()
    page.wait_for_url(f"**{HR_POSITIONS_PATH}*")
    settle(page)
    item = page.locator(
        f"[data-testid=override-proposal][data-position='{proposal.position_id}']"
        f"[data-assessor='{proposal.assessor_id}'][data-status=DIAJUKAN]"
    )
    item.get_by_test_id("proposal-refuse").click()
    item.locator("button[type=submit]").click()
    expect(item.get_by_test_id("error-reason")).to_be_visible()
    assert_accessible(page, "refusing without a reason")
    item.locator("textarea[name=reason]").fill(reason)
    item.locator("button[type=submit]").click()
    expect(page.get_by_test_id("positions-notice")).not_to_be_empty()
    expect(item).to_have_count(0)
