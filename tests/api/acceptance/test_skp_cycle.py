"""Issue 3, "Done when": one SKP cycle walked through the internal API alone.

HR opens the year; the chain of SKPs is set from the top (kadis from an organisation goal, kabid
intervening kadis); staf drafts an SKP intervening kabid's RHKs, is rejected with a reason,
corrects and is approved; documents the first quarter month by month (work log, realisasi
proposed from it and confirmed, an uploaded PDF as bukti dukung); kabid comments and staf
replies; a revision keeps the earlier version readable; the auditor finds every step in an
intact audit chain. Nothing here calls a service: only GraphQL and the upload endpoint.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote

from tests.api.acceptance.conftest import YEAR, Users, sample_pdf
from tests.conftest import SmallOrg

ERRORS = "errors { code field message }"

OPEN_YEAR = f"""mutation($i: OpenAppraisalYearInput!) {{ openAppraisalYear(input: $i) {{
  result {{ id year status cadence periods {{ id number startDate endDate }} }} {ERRORS} }} }}"""
CREATE_GOAL = f"""mutation($i: CreateOrgGoalInput!) {{ createOrgGoal(input: $i) {{
  result {{ id text }} {ERRORS} }} }}"""
CREATE_PLAN = f"""mutation($y: Int!) {{ createPlan(year: $y) {{
  result {{ id version status }} {ERRORS} }} }}"""
ADD_RHK = f"""mutation($i: AddWorkResultInput!) {{ addWorkResult(input: $i) {{
  result {{ id plan {{ version }} }} {ERRORS} }} }}"""
ADD_IKI = f"""mutation($i: AddIndicatorInput!) {{ addIndicator(input: $i) {{
  result {{ id workResult {{ plan {{ version }} }} }} {ERRORS} }} }}"""
UPDATE_IKI = f"""mutation($i: UpdateIndicatorInput!) {{ updateIndicator(input: $i) {{
  result {{ id targetValue workResult {{ plan {{ version }} }} }} {ERRORS} }} }}"""
UPDATE_RHK = f"""mutation($i: UpdateWorkResultInput!) {{ updateWorkResult(input: $i) {{
  result {{ id text plan {{ version }} }} {ERRORS} }} }}"""
PLAN_RESULT = "result { id status version revision rejectionReason revisionReason }"
SUBMIT = f"""mutation($id: ID!, $v: Int!) {{ submitPlan(id: $id, expectedVersion: $v) {{
  {PLAN_RESULT} {ERRORS} }} }}"""
APPROVE = f"""mutation($id: ID!, $v: Int!) {{ approvePlan(id: $id, expectedVersion: $v) {{
  {PLAN_RESULT} {ERRORS} }} }}"""
REJECT = f"""mutation($id: ID!, $v: Int!, $r: String!) {{
  rejectPlan(id: $id, expectedVersion: $v, reason: $r) {{ {PLAN_RESULT} {ERRORS} }} }}"""
TO_DRAFT = f"""mutation($id: ID!, $v: Int!) {{ returnPlanToDraft(id: $id, expectedVersion: $v) {{
  {PLAN_RESULT} {ERRORS} }} }}"""
REVISE = f"""mutation($id: ID!, $v: Int!, $r: String!) {{
  startPlanRevision(id: $id, expectedVersion: $v, reason: $r) {{ {PLAN_RESULT} {ERRORS} }} }}"""
CASCADABLE = "query($y: Int!) { cascadableWorkResults(year: $y) { id text ownerName } }"
TO_REVIEW = "{ plansToReview { id status employee { name } } }"
PLAN = """query($id: ID!) { plan(id: $id) {
  id status version revision rejectionReason revisionReason
  employee { id } assessor { id }
  identitySnapshot { pegawai { name jabatan unit } penilai { name jabatan unit } }
  workResults { id kind text parent { id text } indicators { id text targetValue targetUnit } }
  versions { revision approvedAt approvedBy { id } content }
} }"""
CREATE_ENTRY = f"""mutation($i: CreateWorkLogEntryInput!) {{ createWorkLogEntry(input: $i) {{
  result {{ id workDate quantity indicatorId workResultId }} {ERRORS} }} }}"""
PROPOSE = f"""mutation($plan: ID!, $period: ID!) {{
  proposeRealizations(planId: $plan, periodId: $period) {{
    result {{ id indicatorId periodId value status version description }} {ERRORS} }} }}"""
CONFIRM = f"""mutation($id: ID!, $v: Int) {{ confirmRealization(id: $id, expectedVersion: $v) {{
  result {{ id status value confirmedAt }} {ERRORS} }} }}"""
ADD_EVIDENCE = f"""mutation($i: AddEvidenceInput!) {{ addEvidence(input: $i) {{
  result {{ id kind name title mediaType size downloadUrl }} {ERRORS} }} }}"""
REALIZATIONS = """query($plan: ID!, $period: ID!) { realizations(planId: $plan, periodId: $period) {
  id indicatorId value status evidenceCount evidence { id kind name mediaType size } } }"""
WORK_LOG = """query($plan: ID!, $period: ID!) { workLog(planId: $plan, periodId: $period) {
  id workDate quantity } }"""
ADD_FEEDBACK = f"""mutation($i: AddFeedbackInput!) {{ addFeedback(input: $i) {{
  result {{ id parentId target targetId text author {{ id }} }} {ERRORS} }} }}"""
PLAN_FEEDBACK = """query($plan: ID!, $rhk: ID!) {
  planFeedback(planId: $plan, target: RHK, targetId: $rhk) { id parentId text author { id } } }"""
AUDIT_EVENTS = """query($after: String, $type: String, $id: String) {
  auditEvents(first: 100, after: $after, objectType: $type, objectId: $id) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { seq action objectType objectId actorLabel }
  } }"""
AUDIT_CHAIN = "{ auditChain { intact eventsChecked firstBrokenSeq problem } }"

QUARTER = (1, 2, 3)
MONTH_NAMES = {1: "januari", 2: "februari", 3: "maret"}


class Cycle:
    """The people of small_org acting through their own logged-in clients."""

    def __init__(self, users: Users, org: SmallOrg) -> None:
        self.users = users
        self.org = org

    def emp(self, key: str) -> str:
        return str(self.org.ids[f"emp:{key}"])

    async def plan(self, user: str, plan_id: str) -> dict[str, Any]:
        found: dict[str, Any] | None = (await self.users.query(user, PLAN, {"id": plan_id}))["plan"]
        assert found is not None, f"{user} cannot read SKP {plan_id}"
        return found

    async def draft_plan(self, user: str, rows: list[dict[str, Any]]) -> tuple[str, list[str]]:
        """createPlan + one RHK per row (``link`` = parentId/orgGoalId) with one IKI each."""
        plan = await self.users.ok(user, CREATE_PLAN, {"y": YEAR})
        assert plan["status"] == "DRAFT"
        version = plan["version"]
        rhk_ids: list[str] = []
        for row in rows:
            rhk = await self.users.ok(
                user,
                ADD_RHK,
                {
                    "i": {
                        "planId": plan["id"],
                        "expectedVersion": version,
                        "kind": row["kind"],
                        "text": row["text"],
                        **row["link"],
                    }
                },
            )
            iki = await self.users.ok(
                user,
                ADD_IKI,
                {
                    "i": {
                        "workResultId": rhk["id"],
                        "expectedVersion": rhk["plan"]["version"],
                        "aspect": "KUANTITAS",
                        "text": row["iki"],
                        "targetValue": row["target"],
                        "targetUnit": row["unit"],
                    }
                },
            )
            version = iki["workResult"]["plan"]["version"]
            rhk_ids.append(rhk["id"])
        return plan["id"], rhk_ids

    async def transition(
        self, user: str, mutation: str, plan_id: str, **extra: Any
    ) -> dict[str, Any]:
        version = (await self.plan(user, plan_id))["version"]
        return await self.users.ok(user, mutation, {"id": plan_id, "v": version, **extra})


async def upload_pdf(users: Users, user: str, name: str, content: bytes) -> str:
    response = await (await users.client(user)).post(
        "/api/uploads",
        content=content,
        headers={
            "Content-Type": "application/octet-stream",
            "X-Requested-With": "kinerja",
            "X-File-Name": quote(name, safe=""),
        },
    )
    assert response.status_code == 201, response.text
    token: str = response.json()["uploadToken"]
    return token


async def audit_trail(users: Users, **filters: str) -> list[dict[str, Any]]:
    """Every audit event (oldest first) the auditor can page through."""
    events: list[dict[str, Any]] = []
    after: str | None = None
    while True:
        page = (
            await users.query(
                "auditor",
                AUDIT_EVENTS,
                {"after": after, "type": filters.get("type"), "id": filters.get("id")},
            )
        )["auditEvents"]
        events.extend(page["nodes"])
        if not page["pageInfo"]["hasNextPage"]:
            assert len(events) == page["totalCount"]
            return sorted(events, key=lambda e: e["seq"])
        after = page["pageInfo"]["endCursor"]


async def test_skp_cycle_through_the_internal_api(users: Users, small_org: SmallOrg) -> None:
    c = Cycle(users, small_org)

    # --- HR opens the year (monthly cadence) and the units' Perjanjian Kinerja goals --------
    year = await users.ok(
        "hradmin",
        OPEN_YEAR,
        {"i": {"year": YEAR, "planDeadline": f"{YEAR}-01-31", "cadence": "BULANAN"}},
    )
    assert (year["year"], year["status"], len(year["periods"])) == (YEAR, "DIBUKA", 12)
    period = {p["number"]: p["id"] for p in year["periods"]}
    assert [p["startDate"] for p in year["periods"][:3]] == [
        date(YEAR, m, 1).isoformat() for m in QUARTER
    ]
    dinas_goal = await users.ok(
        "hradmin",
        CREATE_GOAL,
        {"i": {"unitId": str(small_org.ids["DINAS"]), "year": YEAR, "text": "Tertib arsip"}},
    )
    pemkot_goal = await users.ok(
        "hradmin",
        CREATE_GOAL,
        {"i": {"unitId": str(small_org.ids["PEMKOT"]), "year": YEAR, "text": "Tata kelola"}},
    )

    # --- The top official has no Pejabat Penilai: the sekda can draft but not submit ---------
    sekda_plan, _ = await c.draft_plan(
        "sekda",
        [
            {
                "kind": "UTAMA",
                "text": "Meningkatnya tata kelola pemerintahan",
                "link": {"orgGoalId": pemkot_goal["id"]},
                "iki": "Indeks reformasi birokrasi",
                "target": "80",
                "unit": "indeks",
            }
        ],
    )
    refused = await users.mutate(
        "sekda", SUBMIT, {"id": sekda_plan, "v": (await c.plan("sekda", sekda_plan))["version"]}
    )
    assert refused["result"] is None
    assert [e["code"] for e in refused["errors"]] == ["INVALID_STATE"]
    assert "Pejabat Penilai" in refused["errors"][0]["message"]
    # ... which does not block the chain: JPT SKPs cascade from organisation goals.

    # --- kadis (JPT) → set by sekda; kabid intervenes kadis → set by kadis --------------------
    kadis_plan, kadis_rhks = await c.draft_plan(
        "kadis",
        [
            {
                "kind": "UTAMA",
                "text": "Meningkatnya tertib arsip daerah",
                "link": {"orgGoalId": dinas_goal["id"]},
                "iki": "Persentase arsip tertata",
                "target": "90",
                "unit": "%",
            }
        ],
    )
    await c.transition("kadis", SUBMIT, kadis_plan)
    assert (await c.transition("sekda", APPROVE, kadis_plan))["status"] == "DITETAPKAN"

    cascadable = (await users.query("kabid", CASCADABLE, {"y": YEAR}))["cascadableWorkResults"]
    assert [r["id"] for r in cascadable] == kadis_rhks
    kabid_plan, kabid_rhks = await c.draft_plan(
        "kabid",
        [
            {
                "kind": "UTAMA",
                "text": f"Tertatanya arsip bidang ({n})",
                "link": {"parentId": kadis_rhks[0]},
                "iki": f"Jumlah arsip tertata ({n})",
                "target": "100",
                "unit": "boks",
            }
            for n in (1, 2)
        ],
    )
    # kabid's SKP must be at least submitted before staf can cascade from it.
    assert (await users.query("staf", CASCADABLE, {"y": YEAR}))["cascadableWorkResults"] == []
    await c.transition("kabid", SUBMIT, kabid_plan)
    kabid_set = await c.transition("kadis", APPROVE, kabid_plan)
    assert kabid_set["status"] == "DITETAPKAN"
    kabid_targets = [
        r["indicators"][0]["targetValue"]
        for r in (await c.plan("kadis", kabid_plan))["workResults"]
    ]
    assert kabid_targets == ["100", "100"]  # plain digits, not "1E+2"

    # --- staf drafts an SKP intervening kabid's RHKs, with IKIs, and submits --------------
    cascadable = (await users.query("staf", CASCADABLE, {"y": YEAR}))["cascadableWorkResults"]
    assert sorted(r["id"] for r in cascadable) == sorted(kabid_rhks)
    plan_id, rhks = await c.draft_plan(
        "staf",
        [
            {
                "kind": "UTAMA",
                "text": "Tertatanya arsip seksi",
                "link": {"parentId": kabid_rhks[0]},
                "iki": "Jumlah boks arsip ditata",
                "target": "12",
                "unit": "boks",
            },
            {
                "kind": "TAMBAHAN",
                "text": "Terselenggaranya pelatihan kearsipan",
                "link": {"parentId": kabid_rhks[1]},
                "iki": "Jumlah pelatihan diselenggarakan",
                "target": "2",
                "unit": "kegiatan",
            },
        ],
    )
    submitted = await c.transition("staf", SUBMIT, plan_id)
    assert submitted["status"] == "DIAJUKAN"
    plan = await c.plan("staf", plan_id)
    assert plan["assessor"]["id"] == c.emp("kabid")
    assert [r["parent"]["id"] for r in plan["workResults"]] == kabid_rhks
    assert plan["identitySnapshot"]["pegawai"]["name"] == "Pegawai Staf"
    assert plan["identitySnapshot"]["penilai"]["name"] == "Pegawai Kabid"
    iki_ids = [r["indicators"][0]["id"] for r in plan["workResults"]]

    # --- kabid rejects with a reason; staf corrects and resubmits; kabid approves -----------
    to_review = (await users.query("kabid", TO_REVIEW))["plansToReview"]
    assert [(p["id"], p["status"]) for p in to_review] == [(plan_id, "DIAJUKAN")]
    reason = "Target boks arsip terlalu rendah untuk satu tahun."
    rejected = await c.transition("kabid", REJECT, plan_id, r=reason)
    assert (rejected["status"], rejected["rejectionReason"]) == ("DITOLAK", reason)
    assert (await c.plan("staf", plan_id))["rejectionReason"] == reason
    assert (await c.transition("staf", TO_DRAFT, plan_id))["status"] == "DRAFT"
    corrected = await users.ok(
        "staf",
        UPDATE_IKI,
        {
            "i": {
                "id": iki_ids[0],
                "expectedVersion": (await c.plan("staf", plan_id))["version"],
                "targetValue": "24",
            }
        },
    )
    assert corrected["targetValue"] == "24"
    assert (await c.transition("staf", SUBMIT, plan_id))["status"] == "DIAJUKAN"
    approved = await c.transition("kabid", APPROVE, plan_id)
    assert (approved["status"], approved["revision"], approved["rejectionReason"]) == (
        "DITETAPKAN",
        0,
        None,
    )
    assert (await users.query("kabid", TO_REVIEW))["plansToReview"] == []

    # --- every month of the first quarter: work log → proposed realisasi → confirmed → PDF ---
    evidence_ids: list[str] = []
    for month in QUARTER:
        for day, quantity in ((5, "3"), (19, "2")):
            entry = await users.ok(
                "staf",
                CREATE_ENTRY,
                {
                    "i": {
                        "planId": plan_id,
                        "workDate": date(YEAR, month, day).isoformat(),
                        "text": f"Menata {quantity} boks arsip",
                        "indicatorId": iki_ids[0],
                        "minutesSpent": 120,
                        "quantity": quantity,
                    }
                },
            )
            assert entry["workResultId"] == rhks[0]  # the IKI implies its RHK
        log = (await users.query("kabid", WORK_LOG, {"plan": plan_id, "period": period[month]}))[
            "workLog"
        ]
        assert [e["workDate"] for e in log] == [
            date(YEAR, month, 19).isoformat(),
            date(YEAR, month, 5).isoformat(),
        ]

        proposals = await users.mutate("staf", PROPOSE, {"plan": plan_id, "period": period[month]})
        assert proposals["errors"] == [], proposals
        (proposed,) = proposals["result"]
        assert (proposed["indicatorId"], proposed["status"]) == (iki_ids[0], "USULAN")
        assert proposed["value"] == "5.0000"  # 3 + 2 from the log (realisasi keep 4 decimals)
        assert f"{date(YEAR, month, 5):%d-%m-%Y}: Menata 3 boks arsip" in proposed["description"]
        confirmed = await users.ok(
            "staf", CONFIRM, {"id": proposed["id"], "v": proposed["version"]}
        )
        assert (confirmed["status"], confirmed["value"]) == ("DIKONFIRMASI", "5.0000")
        assert confirmed["confirmedAt"] is not None

        name = f"bukti-{MONTH_NAMES[month]}.pdf"
        content = sample_pdf(MONTH_NAMES[month])
        token = await upload_pdf(users, "staf", name, content)
        evidence = await users.ok(
            "staf",
            ADD_EVIDENCE,
            {"i": {"realizationId": proposed["id"], "uploadToken": token, "title": "Berita acara"}},
        )
        assert (evidence["kind"], evidence["name"], evidence["mediaType"], evidence["size"]) == (
            "FILE",
            name,
            "application/pdf",
            len(content),
        )
        evidence_ids.append(evidence["id"])

        # The assessor sees the month's work and can open the evidence; a colleague cannot.
        (seen,) = (
            await users.query("kabid", REALIZATIONS, {"plan": plan_id, "period": period[month]})
        )["realizations"]
        assert (seen["value"], seen["status"], seen["evidenceCount"]) == (
            "5.0000",
            "DIKONFIRMASI",
            1,
        )
        assert [e["id"] for e in seen["evidence"]] == [evidence["id"]]
        download = await (await users.client("kabid")).get(evidence["downloadUrl"])
        assert download.status_code == 200
        assert download.content == content
        assert download.headers["x-content-type-options"] == "nosniff"
        assert download.headers["content-disposition"].startswith("attachment")
        refused_download = await (await users.client("staf2")).get(evidence["downloadUrl"])
        assert refused_download.status_code == 404

    # --- umpan balik: kabid comments on an RHK, staf replies --------------------------------
    comment = await users.ok(
        "kabid",
        ADD_FEEDBACK,
        {
            "i": {
                "planId": plan_id,
                "target": "RHK",
                "targetId": rhks[0],
                "text": "Bagus; lampirkan juga daftar boks yang ditata.",
            }
        },
    )
    reply = await users.ok(
        "staf",
        ADD_FEEDBACK,
        {
            "i": {
                "planId": plan_id,
                "target": "RHK",
                "targetId": rhks[0],
                "parentId": comment["id"],
                "text": "Baik, daftar boks akan saya lampirkan bulan depan.",
            }
        },
    )
    thread = (await users.query("staf", PLAN_FEEDBACK, {"plan": plan_id, "rhk": rhks[0]}))[
        "planFeedback"
    ]
    assert [(f["id"], f["parentId"], f["author"]["id"]) for f in thread] == [
        (comment["id"], None, c.emp("kabid")),
        (reply["id"], comment["id"], c.emp("staf")),
    ]

    # --- a revision: staf edits the set SKP through a revision request; kabid approves it -----
    revising = await c.transition(
        "staf", REVISE, plan_id, r="Pelatihan kearsipan diganti bimbingan teknis."
    )
    assert revising["status"] == "REVISI_DRAFT"
    new_text = "Terselenggaranya bimbingan teknis kearsipan"
    await users.ok(
        "staf",
        UPDATE_RHK,
        {
            "i": {
                "id": rhks[1],
                "expectedVersion": (await c.plan("staf", plan_id))["version"],
                "text": new_text,
            }
        },
    )
    # The set version is still in force while the revision is drafted.
    assert (await c.plan("kabid", plan_id))["versions"][0]["content"]["work_results"][1][
        "text"
    ] == "Terselenggaranya pelatihan kearsipan"
    assert (await c.transition("staf", SUBMIT, plan_id))["status"] == "REVISI_DIAJUKAN"
    revised = await c.transition("kabid", APPROVE, plan_id)
    assert (revised["status"], revised["revision"]) == ("DITETAPKAN", 1)

    final = await c.plan("staf", plan_id)
    versions = final["versions"]
    assert [v["revision"] for v in versions] == [0, 1]
    assert all(v["approvedBy"]["id"] == c.emp("kabid") for v in versions)
    old, new = (v["content"]["work_results"] for v in versions)
    assert [r["text"] for r in old] == [
        "Tertatanya arsip seksi",
        "Terselenggaranya pelatihan kearsipan",
    ]
    assert [r["text"] for r in new] == ["Tertatanya arsip seksi", new_text]
    # Only the revised RHK changed; the corrected target is in both versions.
    assert old[0] == new[0]
    assert old[0]["indicators"][0]["target_value"] == "24"
    assert [r["text"] for r in final["workResults"]] == [r["text"] for r in new]
    # The documented work still hangs on the same RHK and IKI after the revision.
    for month in QUARTER:
        (kept,) = (
            await users.query("staf", REALIZATIONS, {"plan": plan_id, "period": period[month]})
        )["realizations"]
        assert (kept["indicatorId"], kept["value"], kept["evidenceCount"]) == (
            iki_ids[0],
            "5.0000",
            1,
        )

    # --- the auditor: every step is in the log, and the hash chain is intact ----------------
    trail = await audit_trail(users)
    actions = [e["action"] for e in trail]
    counts = {a: actions.count(a) for a in set(actions)}
    assert counts["appraisal_year.open"] == 1
    assert counts["plan.submit"] == 5  # kadis, kabid, staf twice, staf's revision (not sekda)
    assert counts["plan.reject"] == 1
    assert counts["plan.return_to_draft"] == 1
    assert counts["plan.approve"] == 4  # kadis, kabid, staf, staf's revision
    assert counts["plan.revision_start"] == 1
    assert counts["work_log.create"] == 2 * len(QUARTER)
    assert counts["realization.propose"] == len(QUARTER)
    assert counts["realization.confirm"] == len(QUARTER)
    assert counts["upload.create"] == len(QUARTER)
    assert counts["evidence.add"] == len(QUARTER)
    assert counts["feedback.create"] == 2

    staf_plan_trail = await audit_trail(users, type="performance_plan", id=plan_id)
    assert [e["action"] for e in staf_plan_trail] == [
        "plan.create",
        "plan.submit",
        "plan.reject",
        "plan.return_to_draft",
        "plan.submit",
        "plan.approve",
        "plan.revision_start",
        "plan.submit",
        "plan.approve",
    ]
    by_action = {e["action"]: e for e in staf_plan_trail}
    assert "kabid" in by_action["plan.reject"]["actorLabel"]
    assert "staf" in by_action["plan.revision_start"]["actorLabel"]
    evidence_trail = [e for e in trail if e["action"] == "evidence.add"]
    assert sorted(e["objectId"] for e in evidence_trail) == sorted(evidence_ids)

    chain = (await users.query("auditor", AUDIT_CHAIN))["auditChain"]
    assert chain == {
        "intact": True,
        "eventsChecked": len(trail),
        "firstBrokenSeq": None,
        "problem": None,
    }
    assert chain["eventsChecked"] > 0
