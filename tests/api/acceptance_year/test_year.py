"""Issue 4, "Done when": through the internal API alone, a test runs a year.

A past year (every period over) with a TRIWULAN cadence: HR opens it; the SKP chain is set
(kadis from an organisation goal, approved by the sekda; kabid intervening kadis; staf and
staf2 intervening kabid) — the sekda, top of the chain, needs no SKP for anyone below to be
rated, so no ORM is needed; kabid runs the four periodic evaluations and then the annual one for
staf and staf2; HR sets BIDANG's organisation predicate so that its predicates fall outside the
curve: finalising is blocked without a justification and passes with one; staf2 files a
keberatan and kadis (Atasan Pejabat Penilai) changes the result; a coaching plan is opened for
the low predicate that remains; the reports are downloaded; the audit chain is intact.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import load_workbook

from server import clock
from tests.api.acceptance.conftest import Users
from tests.conftest import SmallOrg

YEAR = clock.today().year - 1
ERRORS = "errors { code field message }"
A, S, B = "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "DI_BAWAH_EKSPEKTASI"
CORE_VALUES = (
    "BERORIENTASI_PELAYANAN",
    "AKUNTABEL",
    "KOMPETEN",
    "HARMONIS",
    "LOYAL",
    "ADAPTIF",
    "KOLABORATIF",
)

OPEN_YEAR = f"""mutation($i: OpenAppraisalYearInput!) {{ openAppraisalYear(input: $i) {{
  result {{ id year periods {{ id number }} }} {ERRORS} }} }}"""
CREATE_GOAL = f"""mutation($i: CreateOrgGoalInput!) {{ createOrgGoal(input: $i) {{
  result {{ id }} {ERRORS} }} }}"""
CREATE_PLAN = f"""mutation($y: Int!) {{ createPlan(year: $y) {{
  result {{ id version }} {ERRORS} }} }}"""
ADD_RHK = f"""mutation($i: AddWorkResultInput!) {{ addWorkResult(input: $i) {{
  result {{ id plan {{ version }} }} {ERRORS} }} }}"""
ADD_IKI = f"""mutation($i: AddIndicatorInput!) {{ addIndicator(input: $i) {{
  result {{ id workResult {{ plan {{ version }} }} }} {ERRORS} }} }}"""
PLAN_VERSION = "query($id: ID!) { plan(id: $id) { version status } }"
SUBMIT = f"""mutation($id: ID!, $v: Int!) {{ submitPlan(id: $id, expectedVersion: $v) {{
  result {{ status }} {ERRORS} }} }}"""
APPROVE = f"""mutation($id: ID!, $v: Int!) {{ approvePlan(id: $id, expectedVersion: $v) {{
  result {{ status }} {ERRORS} }} }}"""
SAVE_REALIZATION = f"""mutation($i: SaveRealizationInput!) {{ saveRealization(input: $i) {{
  result {{ id status }} {ERRORS} }} }}"""
EVAL = "id version status predicate resultRating behaviorRating proposedResultRating"
START = f"""mutation($i: StartEvaluationInput!) {{ startEvaluation(input: $i) {{
  result {{ {EVAL} }} {ERRORS} }} }}"""
JUDGE = f"""mutation($i: SaveEvaluationJudgementsInput!) {{ saveEvaluationJudgements(input: $i) {{
  result {{ {EVAL} }} {ERRORS} }} }}"""
CONFIRM = f"""mutation($i: ConfirmEvaluationRatingsInput!) {{ confirmEvaluationRatings(input: $i) {{
  result {{ {EVAL} }} {ERRORS} }} }}"""
FINALISE = f"""mutation($id: ID!) {{ finaliseEvaluation(id: $id) {{
  result {{ {EVAL} }} {ERRORS} }} }}"""
EVALUATION = f"query($id: ID!) {{ evaluation(id: $id) {{ {EVAL} }} }}"
SET_ORG = f"""mutation($i: SetOrgPredicateInput!) {{ setOrgPredicate(input: $i) {{
  result {{ id predicate }} {ERRORS} }} }}"""
FINALISE_CAL = f"""mutation($i: FinaliseCalibrationInput!) {{ finaliseCalibration(input: $i) {{
  result {{ id withinPattern violations justification }} {ERRORS} }} }}"""
FILE_OBJECTION = f"""mutation($i: FileObjectionInput!) {{ fileObjection(input: $i) {{
  result {{ id status version }} {ERRORS} }} }}"""
DECIDE = f"""mutation($i: DecideObjectionInput!) {{ decideObjection(input: $i) {{
  result {{ id status decider {{ id }} }} {ERRORS} }} }}"""
OPEN_COACHING = f"""mutation($s: ScopeInput!) {{ openCoachingForLowPredicates(scope: $s) {{
  result {{ id evaluationId status employee {{ id }} }} {ERRORS} }} }}"""
AUDIT_CHAIN = "{ auditChain { intact eventsChecked firstBrokenSeq problem } }"


class Year:
    def __init__(self, users: Users, org: SmallOrg) -> None:
        self.users = users
        self.org = org

    def emp(self, key: str) -> str:
        return str(self.org.ids[f"emp:{key}"])

    async def version(self, user: str, plan_id: str) -> int:
        found = (await self.users.query(user, PLAN_VERSION, {"id": plan_id}))["plan"]
        return int(found["version"])

    async def set_plan(
        self, owner: str, assessor: str, links: list[dict[str, str]]
    ) -> tuple[str, list[str], list[str]]:
        """Draft (one RHK Utama and one IKI per link), submit, and have the assessor approve."""
        plan = await self.users.ok(owner, CREATE_PLAN, {"y": YEAR})
        version, rhks, ikis = plan["version"], [], []
        for n, link in enumerate(links, start=1):
            rhk = await self.users.ok(
                owner,
                ADD_RHK,
                {"i": {"planId": plan["id"], "expectedVersion": version, "kind": "UTAMA",
                       "text": f"Hasil kerja {owner} {n}", **link}},
            )  # fmt: skip
            iki = await self.users.ok(
                owner,
                ADD_IKI,
                {"i": {"workResultId": rhk["id"], "expectedVersion": rhk["plan"]["version"],
                       "aspect": "KUANTITAS", "text": f"Jumlah keluaran {n}",
                       "targetValue": "12", "targetUnit": "dokumen"}},
            )  # fmt: skip
            version = iki["workResult"]["plan"]["version"]
            rhks.append(rhk["id"])
            ikis.append(iki["id"])
        await self.users.ok(owner, SUBMIT, {"id": plan["id"], "v": version})
        approved = await self.users.ok(
            assessor, APPROVE, {"id": plan["id"], "v": await self.version(assessor, plan["id"])}
        )
        assert approved["status"] == "DITETAPKAN"
        return plan["id"], rhks, ikis

    async def evaluate(
        self,
        assessor: str,
        plan_id: str,
        rhks: list[str],
        period_id: str | None,
        result: str,
        behavior: str,
    ) -> dict[str, Any]:
        """Start, judge (periodic only), accept the proposals, and finalise."""
        kind = "PERIODIK" if period_id else "TAHUNAN"
        ev = await self.users.ok(
            assessor, START, {"i": {"planId": plan_id, "kind": kind, "periodId": period_id}}
        )
        if period_id:
            ev = await self.users.ok(
                assessor,
                JUDGE,
                {"i": {"evaluationId": ev["id"],
                       "workResults": [{"workResultId": r, "rating": result,
                                        "feedback": "Sesuai catatan kerja."} for r in rhks],
                       "behaviors": [{"value": v, "rating": behavior} for v in CORE_VALUES]}},
            )  # fmt: skip
        assert ev["proposedResultRating"] == result
        ev = await self.users.ok(assessor, CONFIRM, {"i": {"evaluationId": ev["id"]}})
        ev = await self.users.ok(assessor, FINALISE, {"id": ev["id"]})
        assert ev["status"] == "DITETAPKAN"
        return ev


async def test_a_year_through_the_internal_api(users: Users, small_org: SmallOrg) -> None:
    y = Year(users, small_org)
    ids = small_org.ids

    # --- HR opens a past year; the SKP chain is set from kadis down -------------------------
    year = await users.ok(
        "hradmin",
        OPEN_YEAR,
        {"i": {"year": YEAR, "planDeadline": f"{YEAR}-01-31", "cadence": "TRIWULAN"}},
    )
    periods = [p["id"] for p in sorted(year["periods"], key=lambda p: p["number"])]
    assert len(periods) == 4
    goal = await users.ok(
        "hradmin",
        CREATE_GOAL,
        {"i": {"unitId": str(ids["DINAS"]), "year": YEAR, "text": "Tertib arsip daerah"}},
    )
    _, kadis_rhks, _ = await y.set_plan("kadis", "sekda", [{"orgGoalId": goal["id"]}])
    _, kabid_rhks, _ = await y.set_plan("kabid", "kadis", [{"parentId": kadis_rhks[0]}])
    staf_plan, staf_rhks, staf_ikis = await y.set_plan(
        "staf", "kabid", [{"parentId": r} for r in kabid_rhks]
    )
    staf2_plan, staf2_rhks, _ = await y.set_plan(
        "staf2", "kabid", [{"parentId": r} for r in kabid_rhks]
    )
    # staf reports the first quarter (late: the year is over).
    await users.ok(
        "staf",
        SAVE_REALIZATION,
        {"i": {"indicatorId": staf_ikis[0], "periodId": periods[0], "value": "3",
               "description": "Tiga dokumen"}},
    )  # fmt: skip

    # --- Four periodic evaluations, then the annual one --------------------------------------
    for period_id in periods:
        ev = await y.evaluate("kabid", staf_plan, staf_rhks, period_id, S, S)
        assert ev["predicate"] == "BAIK"
        ev = await y.evaluate("kabid", staf2_plan, staf2_rhks, period_id, B, B)
        assert ev["predicate"] == "SANGAT_KURANG"
    staf_annual = await y.evaluate("kabid", staf_plan, staf_rhks, None, S, S)
    staf2_annual = await y.evaluate("kabid", staf2_plan, staf2_rhks, None, B, B)
    assert (staf_annual["predicate"], staf2_annual["predicate"]) == ("BAIK", "SANGAT_KURANG")

    # --- Organisation predicate outside the curve: blocked until justified -------------------
    year_scope = {"yearId": year["id"]}
    await users.ok(
        "hradmin",
        SET_ORG,
        {"i": {"unitId": str(ids["BIDANG"]), "predicate": "ISTIMEWA", "scope": year_scope,
               "basis": "Capaian Perjanjian Kinerja bidang (usul Bappeda dan Inspektorat)."}},
    )  # fmt: skip
    calibration = {"unitId": str(ids["BIDANG"]), "scope": year_scope}
    blocked = await users.mutate("hradmin", FINALISE_CAL, {"i": calibration})
    assert blocked["result"] is None
    assert [e["field"] for e in blocked["errors"]] == ["justification"]
    reason = "Unit kecil (dua pegawai): pola tidak dapat dipenuhi tanpa mengubah penilaian."
    decided = await users.ok(
        "hradmin", FINALISE_CAL, {"i": {**calibration, "justification": reason}}
    )
    assert (decided["withinPattern"], decided["justification"]) == (False, reason)
    assert decided["violations"]

    # --- Keberatan: staf2 files, kadis (Atasan Pejabat Penilai) changes the result -----------
    objection = await users.ok(
        "staf2",
        FILE_OBJECTION,
        {"i": {"evaluationId": staf2_annual["id"],
               "reasons": "Perilaku kerja saya tercatat baik dalam dialog kinerja."}},
    )  # fmt: skip
    assert objection["status"] == "DIAJUKAN"
    changed = await users.ok(
        "kadis",
        DECIDE,
        {"i": {"id": objection["id"], "decision": "DIUBAH", "resultRating": B, "behaviorRating": S,
               "note": "Catatan dialog kinerja mendukung keberatan tentang perilaku.",
               "employeeExplanation": "Dialog kinerja triwulan III.",
               "assessorExplanation": "Hasil kerja memang di bawah ekspektasi."}},
    )  # fmt: skip
    assert (changed["status"], changed["decider"]["id"]) == ("DIUBAH", y.emp("kadis"))
    after = (await users.query("staf2", EVALUATION, {"id": staf2_annual["id"]}))["evaluation"]
    assert (after["resultRating"], after["behaviorRating"], after["predicate"]) == (
        B,
        S,
        "BUTUH_PERBAIKAN",
    )

    # --- Coaching for the low predicate that remains -----------------------------------------
    plans = await users.ok_list("hradmin", OPEN_COACHING, {"s": year_scope})
    assert [(p["employee"]["id"], p["evaluationId"], p["status"]) for p in plans] == [
        (y.emp("staf2"), staf2_annual["id"], "BERJALAN")
    ]

    # --- The reports, as files ---------------------------------------------------------------
    hr = await users.client("hradmin")
    response = await hr.get(
        "/api/reports/completion.csv", params={"year": YEAR, "unitCode": "BIDANG"}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-disposition"].startswith("attachment;")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [
        (r["unit_code"], r["employees"], r["skp_set"], r["realizations_due"],
         r["realizations_on_time"], r["evaluations_due"], r["evaluations_done"],
         r["evaluations_done_pct"])
        for r in rows
    ] == [("BIDANG", "3", "3", "12", "0", "3", "2", "66.7")]  # fmt: skip
    response = await hr.get("/api/reports/predicate-distribution.xlsx", params={"year": YEAR})
    assert response.status_code == 200, response.text
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    table = [list(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
    # period, unit, org predicate, total, SB, B, BP, K, SK, within pattern; the periods fall
    # back on the year's organisation predicate, as calibration does.
    assert [[r[1], r[3], r[5], *r[6:13]] for r in table] == [
        *([n, "BIDANG", "ISTIMEWA", 2, 0, 1, 0, 0, 1, "tidak"] for n in (1, 2, 3, 4)),
        [None, "BIDANG", "ISTIMEWA", 2, 0, 1, 1, 0, 0, "tidak"],
    ]

    # --- Every step is in an intact audit chain -----------------------------------------------
    chain = (await users.query("auditor", AUDIT_CHAIN))["auditChain"]
    assert chain["intact"], chain
    assert chain["eventsChecked"] > 50
