"""Issue 3, item 10: the authorisation matrix (DOMAIN.md §8), run through the internal API.

Every planning, work and feedback mutation and the main reads run as every kind of person on
the owner's (staf's) data, each (operation, person) pair on fresh data. ``EXPECTED`` is the
documentation of who may do what; the test holds the code to it:

- allowed: the mutation succeeds and changes the database; the read shows the owner's data;
- refused: the mutation answers FORBIDDEN or NOT_FOUND (the existence of someone else's SKP is
  itself private), the read answers such an error or shows nothing, and in both cases not a
  single row of the database changed.

Who is who (small_org): staf is the owner; kabid rates staf (the KASI above staf is vacant);
kadis rates kabid; staf2 is a colleague rated by kabid too; "manager" manages DINAS (staf works
in BIDANG, inside DINAS), "manager2" manages DINAS2; "walikota" is the Kepala Daerah (no
employee), who rates the Sekda only and so may do nothing here (issue 8).

Issue 8 added who may name an assessor: setAssessorOverride is BKPSDM's alone (also on the
manager's own Kepala Dinas), a unit manager proposes (proposeAssessorOverride) and BKPSDM
decides; positions hang only under parents of the manager's own unit.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx
import pytest

from server.api.internal.appraisal_calendar import CalendarMutation
from server.api.internal.feedback import FeedbackMutation
from server.api.internal.organisation.assessor_overrides import AssessorOverrideMutation
from server.api.internal.planning.mutations import PlanningMutation
from server.api.internal.work.mutations import WorkMutation
from server.domain.enums import PlanStatus
from tests.api.acceptance.conftest import (
    ROLES,
    Users,
    World,
    assert_verdict,
    mutation_names,
    operation_field,
    payload_went_through,
    query_refused,
)
from tests.conftest import gql
from tests.db_state import changed_tables, fingerprint

# --- who may do what -----------------------------------------------------------------------

OWNER = frozenset({"staf"})
ASSESSOR = frozenset({"kabid"})
HR = frozenset({"hradmin"})
NOBODY: frozenset[str] = frozenset()
CONVERSATION = OWNER | ASSESSOR | {"kadis"}  # pegawai, penilai, atasan penilai
READERS = CONVERSATION | {"manager", "hradmin", "auditor"}
UNIT_ADMINS = frozenset({"manager", "hradmin"})
AUDIT_READERS = frozenset({"hradmin", "auditor", "sysadmin"})
EMPLOYEES = frozenset({"staf", "kabid", "kadis", "staf2"})

EXPECTED: dict[str, frozenset[str]] = {
    # Periode penilaian and Perjanjian Kinerja goals (the owner's unit, BIDANG)
    "openAppraisalYear": HR,
    "closeAppraisalYear": HR,
    "setPlanDeadline": HR,
    "setRealizationDue": HR,
    "reopenPeriodEvaluation": HR,
    "createOrgGoal": UNIT_ADMINS,
    "updateOrgGoal": UNIT_ADMINS,
    "deleteOrgGoal": UNIT_ADMINS,
    # The SKP: only its pegawai writes it, only its penilai decides on it
    "createPlan (own, next year)": EMPLOYEES,
    "updatePlan": OWNER,
    "addWorkResult": OWNER,
    "updateWorkResult": OWNER,
    "deleteWorkResult": OWNER,
    "addIndicator": OWNER,
    "updateIndicator": OWNER,
    "deleteIndicator": OWNER,
    "setBehaviorExpectation": ASSESSOR,
    "submitPlan": OWNER,
    "approvePlan": ASSESSOR,
    "rejectPlan": ASSESSOR,
    "returnPlanToDraft": OWNER,
    "startPlanRevision": OWNER,
    "withdrawPlanRevision": OWNER,
    # Documenting the work: the pegawai alone
    "createActionPlan": OWNER,
    "updateActionPlan": OWNER,
    "deleteActionPlan": OWNER,
    "createWorkLogEntry": OWNER,
    "updateWorkLogEntry": OWNER,
    "deleteWorkLogEntry": OWNER,
    "saveRealization": OWNER,
    "proposeRealizations": OWNER,
    "confirmRealization": OWNER,
    "addEvidence": OWNER,
    "removeEvidence": OWNER,
    # Umpan balik and dialog kinerja: a conversation of pegawai and penilai (and theirs)
    "addFeedback": CONVERSATION,
    "addFeedback (reply)": CONVERSATION,
    "addFeedback (frasa baku)": ASSESSOR | {"kadis"},
    "markFeedbackRead": CONVERSATION,  # the people in the conversation keep a read mark
    "recordPerformanceDialogue": OWNER | ASSESSOR,
    "createFeedbackPhrase": HR,
    "updateFeedbackPhrase": HR,
    # A colleague's draft: hers to edit; a draft is discussed by her and her penilai only
    "staf2 draft: updatePlan": frozenset({"staf2"}),
    "staf2 draft: addFeedback": frozenset({"staf2", "kabid"}),
    "staf2 draft: plan": frozenset({"staf2", "kabid", "kadis", "manager", "hradmin", "auditor"}),
    # Reads of the owner's SKP
    "plan (by id)": READERS,
    "plan (by employee and year)": READERS,
    "myPlans": OWNER,
    "workResult": READERS,
    "workResult.children (cascade)": READERS - OWNER,  # staf may not read kabid's SKP
    "realizations": READERS,
    "workLog": READERS,
    "actionPlans": READERS,
    "planFeedback": READERS,
    "planDialogues": READERS,
    "GET /api/evidence/{id}": READERS,
    "plansToReview": ASSESSOR,
    "assessorInbox": ASSESSOR,
    "alignmentCoverage (BIDANG)": frozenset({"manager", "hradmin", "auditor"}),
    "orgGoals (BIDANG)": frozenset(ROLES),  # Perjanjian Kinerja targets are not personal
    "auditEvents (the SKP)": AUDIT_READERS,
    "auditChain": AUDIT_READERS,
    # Who rates whom (issue 8): BKPSDM alone names an assessor; the unit's manager proposes
    "setAssessorOverride (staf's position)": HR,
    "setAssessorOverride (kadis's position, manager's own head)": HR,
    "proposeAssessorOverride (staf's position)": UNIT_ADMINS,
    "approveAssessorOverrideProposal": HR,
    "refuseAssessorOverrideProposal": HR,
    "assessorOverrideProposals": frozenset({"manager", "hradmin", "auditor"}),
    # Positions hang only under positions of the manager's own unit
    "createPosition (under KABID, in DINAS)": UNIT_ADMINS,
    "createPosition (under KADIS2, outside DINAS)": HR,
    "createPosition (no parent: rated by the Kepala Daerah)": HR,
    "updatePosition (parent moved to KADIS2, outside DINAS)": HR,
}


# --- how each operation is run -------------------------------------------------------------

Variables = Callable[[World], Awaitable[dict[str, Any]]]
Sees = Callable[[World, dict[str, Any]], bool]


@dataclass(frozen=True)
class Mutation:
    """A payload mutation; ``state`` is the status staf's SKP must have for it to make sense,
    ``prepare`` sets up anything else it needs (run before the database is compared)."""

    document: str
    variables: Variables
    state: PlanStatus = PlanStatus.DITETAPKAN
    prepare: Callable[[World], Awaitable[None]] | None = None
    writes = True

    @property
    def field(self) -> str:
        return operation_field(self.document)

    async def attempt(self, w: World, client: httpx.AsyncClient) -> bool:
        return payload_went_through(
            await gql(client, self.document, await self.variables(w)), self.field
        )


@dataclass(frozen=True)
class Read:
    """A query; refused means an error with a refusal code, or nothing of the owner's shown."""

    document: str
    variables: Variables
    sees: Sees
    state: PlanStatus = PlanStatus.DITETAPKAN
    writes = False

    async def attempt(self, w: World, client: httpx.AsyncClient) -> bool:
        body = await gql(client, self.document, await self.variables(w))
        if query_refused(body):
            return False
        return self.sees(w, body["data"])


@dataclass(frozen=True)
class Download:
    """The evidence file: the bytes as an attachment, or 404 (never 403: existence is private)."""

    state: PlanStatus = PlanStatus.DITETAPKAN
    writes = False

    async def attempt(self, w: World, client: httpx.AsyncClient) -> bool:
        response = await client.get(f"/api/evidence/{w.file_evidence}")
        if response.status_code == 404:
            assert w.file_bytes not in response.content
            return False
        assert response.status_code == 200, response.text
        assert response.content == w.file_bytes
        assert response.headers["content-disposition"].startswith("attachment")
        assert response.headers["x-content-type-options"] == "nosniff"
        return True


Case = Mutation | Read | Download
ERR = "errors { code field message }"


def fixed(values: dict[str, Any]) -> Variables:
    async def make(_: World) -> dict[str, Any]:
        return values

    return make


def ids(*names: str) -> Callable[[World], dict[str, str]]:
    return lambda w: {n: str(getattr(w, n)) for n in names}


def plain(make: Callable[[World], dict[str, Any]]) -> Variables:
    async def wrapped(w: World) -> dict[str, Any]:
        return make(w)

    return wrapped


def versioned(make: Callable[[World, int], dict[str, Any]], plan: str = "plan") -> Variables:
    """Variables that carry the SKP's current version (read right before the call)."""

    async def wrapped(w: World) -> dict[str, Any]:
        return make(w, await w.version_of(getattr(w, plan)))

    return wrapped


def plan_transition(name: str, state: PlanStatus, *, reason: bool = False) -> Mutation:
    args = "id: $id, expectedVersion: $v" + (", reason: $r" if reason else "")
    decl = "$id: ID!, $v: Int!" + (", $r: String!" if reason else "")
    return Mutation(
        f"mutation({decl}) {{ {name}({args}) {{ result {{ id status }} {ERR} }} }}",
        versioned(
            lambda w, v: (
                {"id": str(w.plan), "v": v} | ({"r": "Alasan yang cukup jelas."} if reason else {})
            )
        ),
        state,
    )


def lists(key: str, attr: str) -> Sees:
    return lambda w, data: str(getattr(w, attr)) in [row["id"] for row in data[key]]


def shows_plan(w: World, data: dict[str, Any]) -> bool:
    return data["plan"] is not None and data["plan"]["id"] == str(w.plan)


async def _confirm_variables(w: World) -> dict[str, Any]:
    return {"id": str(w.realization), "v": await w.realization_version()}


def _override(w: World, position: str, assessor: str) -> dict[str, Any]:
    return {
        "positionId": str(w.org.ids[position]),
        "assessorEmployeeId": str(w.emp(assessor)),
        "actingKind": "PLT",
        "reason": "Pejabat definitif cuti panjang",
        "validFrom": date(w.year, 6, 1).isoformat(),
    }


def _position(w: World, parent: str | None) -> dict[str, Any]:
    return {
        "code": "ARSIPARIS-BARU",
        "name": "Arsiparis Terampil",
        "kind": "PELAKSANA",
        "unitId": str(w.org.ids["BIDANG"]),
        "parentId": str(w.org.ids[parent]) if parent else None,
        "validFrom": date(w.year, 1, 1).isoformat(),
    }


PER_PERIOD = "($plan: ID!, $period: ID!)"
FEB = plain(lambda w: {"plan": str(w.plan), "period": str(w.period(2))})
REVISING = PlanStatus.REVISI_DRAFT
AWAITING = PlanStatus.REVISI_DIAJUKAN

CASES: dict[str, Case] = {
    "openAppraisalYear": Mutation(
        f"mutation($i: OpenAppraisalYearInput!) {{ openAppraisalYear(input: $i) {{ result {{ id }} {ERR} }} }}",
        plain(lambda w: {"i": {"year": w.year + 2, "planDeadline": f"{w.year + 2}-01-31"}}),
    ),
    "closeAppraisalYear": Mutation(
        f"mutation($y: Int!) {{ closeAppraisalYear(year: $y) {{ result {{ id status }} {ERR} }} }}",
        plain(lambda w: {"y": w.year}),
        prepare=lambda w: w.close_periods(),  # a year closes only when no period is open
    ),
    "setPlanDeadline": Mutation(
        f"mutation($y: Int!, $d: Date!) {{ setPlanDeadline(year: $y, planDeadline: $d) {{ result {{ id }} {ERR} }} }}",
        plain(lambda w: {"y": w.year, "d": date(w.year, 2, 28).isoformat()}),
    ),
    "setRealizationDue": Mutation(
        f"mutation($p: ID!, $d: Date!) {{ setRealizationDue(periodId: $p, realizationDue: $d) {{ result {{ id }} {ERR} }} }}",
        plain(lambda w: {"p": str(w.period(3)), "d": date(w.year, 4, 20).isoformat()}),
    ),
    "reopenPeriodEvaluation": Mutation(
        f"""mutation($p: ID!) {{ reopenPeriodEvaluation(periodId: $p,
          reason: "Ditutup sebelum waktunya") {{ result {{ id }} {ERR} }} }}""",
        plain(lambda w: {"p": str(w.period(1))}),
        prepare=lambda w: w.close_periods(1),
    ),
    "createOrgGoal": Mutation(
        f"mutation($i: CreateOrgGoalInput!) {{ createOrgGoal(input: $i) {{ result {{ id }} {ERR} }} }}",
        plain(
            lambda w: {
                "i": {"unitId": str(w.org.ids["BIDANG"]), "year": w.year, "text": "Arsip digital"}
            }
        ),
    ),
    "updateOrgGoal": Mutation(
        f"mutation($i: UpdateOrgGoalInput!) {{ updateOrgGoal(input: $i) {{ result {{ id }} {ERR} }} }}",
        plain(lambda w: {"i": {"id": str(w.goal), "target": "95 %"}}),
    ),
    "deleteOrgGoal": Mutation(
        f"mutation($id: ID!) {{ deleteOrgGoal(id: $id) {{ result {{ id }} {ERR} }} }}",
        plain(lambda w: {"id": str(w.goal)}),
    ),
    "createPlan (own, next year)": Mutation(
        f"mutation($y: Int!) {{ createPlan(year: $y) {{ result {{ id }} {ERR} }} }}",
        plain(lambda w: {"y": w.next_year}),
    ),
    "updatePlan": Mutation(
        f"mutation($i: UpdatePlanInput!) {{ updatePlan(input: $i) {{ result {{ id }} {ERR} }} }}",
        versioned(
            lambda w, v: {
                "i": {"id": str(w.plan), "expectedVersion": v, "resourceSupport": "Dua rak baru"}
            }
        ),
        REVISING,
    ),
    "addWorkResult": Mutation(
        f"mutation($i: AddWorkResultInput!) {{ addWorkResult(input: $i) {{ result {{ id }} {ERR} }} }}",
        versioned(
            lambda w, v: {
                "i": {
                    "planId": str(w.plan),
                    "expectedVersion": v,
                    "kind": "TAMBAHAN",
                    "text": "Terdigitalisasinya arsip",
                    "parentId": str(w.kabid_rhk),
                }
            }
        ),
        REVISING,
    ),
    "updateWorkResult": Mutation(
        f"mutation($i: UpdateWorkResultInput!) {{ updateWorkResult(input: $i) {{ result {{ id }} {ERR} }} }}",
        versioned(
            lambda w, v: {"i": {"id": str(w.rhk2), "expectedVersion": v, "text": "Bimtek arsip"}}
        ),
        REVISING,
    ),
    "deleteWorkResult": Mutation(
        f"mutation($id: ID!, $v: Int!) {{ deleteWorkResult(id: $id, expectedVersion: $v) {{ result {{ id }} {ERR} }} }}",
        versioned(lambda w, v: {"id": str(w.rhk2), "v": v}),
        REVISING,
    ),
    "addIndicator": Mutation(
        f"mutation($i: AddIndicatorInput!) {{ addIndicator(input: $i) {{ result {{ id }} {ERR} }} }}",
        versioned(
            lambda w, v: {
                "i": {
                    "workResultId": str(w.rhk2),
                    "expectedVersion": v,
                    "aspect": "WAKTU",
                    "text": "Waktu penyelenggaraan",
                    "targetValue": "12",
                    "targetUnit": "bulan",
                }
            }
        ),
        REVISING,
    ),
    "updateIndicator": Mutation(
        f"mutation($i: UpdateIndicatorInput!) {{ updateIndicator(input: $i) {{ result {{ id }} {ERR} }} }}",
        versioned(
            lambda w, v: {"i": {"id": str(w.spare_iki), "expectedVersion": v, "targetValue": "20"}}
        ),
        REVISING,
    ),
    "deleteIndicator": Mutation(
        f"mutation($id: ID!, $v: Int!) {{ deleteIndicator(id: $id, expectedVersion: $v) {{ result {{ id }} {ERR} }} }}",
        versioned(lambda w, v: {"id": str(w.spare_iki), "v": v}),
        REVISING,
    ),
    "setBehaviorExpectation": Mutation(
        f"""mutation($id: ID!, $v: Int!) {{ setBehaviorExpectation(planId: $id, expectedVersion: $v,
          value: BERORIENTASI_PELAYANAN, expectation: "Ramah kepada peminjam arsip") {{
          result {{ id }} {ERR} }} }}""",
        versioned(lambda w, v: {"id": str(w.plan), "v": v}),
        REVISING,
    ),
    "submitPlan": plan_transition("submitPlan", REVISING),
    "approvePlan": plan_transition("approvePlan", AWAITING),
    "rejectPlan": plan_transition("rejectPlan", AWAITING, reason=True),
    "returnPlanToDraft": plan_transition("returnPlanToDraft", PlanStatus.DITOLAK),
    "startPlanRevision": plan_transition("startPlanRevision", PlanStatus.DITETAPKAN, reason=True),
    "withdrawPlanRevision": plan_transition("withdrawPlanRevision", REVISING),
    "createActionPlan": Mutation(
        f"mutation($i: CreateActionPlanInput!) {{ createActionPlan(input: $i) {{ result {{ id }} {ERR} }} }}",
        plain(
            lambda w: {
                "i": {"workResultId": str(w.rhk), "periodId": str(w.period(3)), "text": "Memilah"}
            }
        ),
    ),
    "updateActionPlan": Mutation(
        f"mutation($i: UpdateActionPlanInput!) {{ updateActionPlan(input: $i) {{ result {{ id }} {ERR} }} }}",
        plain(lambda w: {"i": {"id": str(w.action_plan), "text": "Menata gudang barat"}}),
    ),
    "deleteActionPlan": Mutation(
        f"mutation($id: ID!) {{ deleteActionPlan(id: $id) {{ result {{ id }} {ERR} }} }}",
        plain(lambda w: {"id": str(w.action_plan)}),
    ),
    "createWorkLogEntry": Mutation(
        f"mutation($i: CreateWorkLogEntryInput!) {{ createWorkLogEntry(input: $i) {{ result {{ id }} {ERR} }} }}",
        plain(
            lambda w: {
                "i": {
                    "planId": str(w.plan),
                    "workDate": date(w.year, 3, 5).isoformat(),
                    "text": "Menata 1 boks arsip",
                    "indicatorId": str(w.iki),
                    "quantity": "1",
                }
            }
        ),
    ),
    "updateWorkLogEntry": Mutation(
        f"mutation($i: UpdateWorkLogEntryInput!) {{ updateWorkLogEntry(input: $i) {{ result {{ id }} {ERR} }} }}",
        plain(lambda w: {"i": {"id": str(w.entry), "text": "Menata 2 boks arsip lama"}}),
    ),
    "deleteWorkLogEntry": Mutation(
        f"mutation($id: ID!) {{ deleteWorkLogEntry(id: $id) {{ result {{ id }} {ERR} }} }}",
        plain(lambda w: {"id": str(w.entry)}),
    ),
    "saveRealization": Mutation(
        f"mutation($i: SaveRealizationInput!) {{ saveRealization(input: $i) {{ result {{ id }} {ERR} }} }}",
        plain(
            lambda w: {
                "i": {
                    "indicatorId": str(w.iki),
                    "periodId": str(w.period(3)),
                    "value": "4",
                    "description": "Menata 4 boks arsip",
                }
            }
        ),
    ),
    "proposeRealizations": Mutation(
        f"mutation{PER_PERIOD} {{ proposeRealizations(planId: $plan, periodId: $period) {{ result {{ id }} {ERR} }} }}",
        FEB,
    ),
    "confirmRealization": Mutation(
        f"mutation($id: ID!, $v: Int) {{ confirmRealization(id: $id, expectedVersion: $v) {{ result {{ id }} {ERR} }} }}",
        _confirm_variables,
    ),
    "addEvidence": Mutation(
        f"mutation($i: AddEvidenceInput!) {{ addEvidence(input: $i) {{ result {{ id }} {ERR} }} }}",
        plain(
            lambda w: {
                "i": {
                    "realizationId": str(w.realization),
                    "url": "https://arsip.salatiga.go.id/bukti/2",
                }
            }
        ),
    ),
    "removeEvidence": Mutation(
        f"mutation($id: ID!) {{ removeEvidence(id: $id) {{ result {{ id }} {ERR} }} }}",
        plain(lambda w: {"id": str(w.link_evidence)}),
    ),
    "addFeedback": Mutation(
        f"mutation($i: AddFeedbackInput!) {{ addFeedback(input: $i) {{ result {{ id }} {ERR} }} }}",
        plain(
            lambda w: {
                "i": {
                    "planId": str(w.plan),
                    "target": "RHK",
                    "targetId": str(w.rhk),
                    "text": "Catatan atas RHK ini.",
                }
            }
        ),
    ),
    "markFeedbackRead": Mutation(
        "mutation($p: ID!, $t: ID!) { markFeedbackRead(planId: $p, target: RHK, targetId: $t) "
        f"{{ result {{ planId }} {ERR} }} }}",
        plain(lambda w: {"p": str(w.plan), "t": str(w.rhk)}),
    ),
    "addFeedback (reply)": Mutation(
        f"mutation($i: AddFeedbackInput!) {{ addFeedback(input: $i) {{ result {{ id }} {ERR} }} }}",
        plain(
            lambda w: {
                "i": {
                    "planId": str(w.plan),
                    "target": "RHK",
                    "targetId": str(w.rhk),
                    "parentId": str(w.feedback),
                    "text": "Baik, akan dilampirkan.",
                }
            }
        ),
    ),
    "addFeedback (frasa baku)": Mutation(
        f"mutation($i: AddFeedbackInput!) {{ addFeedback(input: $i) {{ result {{ id }} {ERR} }} }}",
        plain(
            lambda w: {
                "i": {
                    "planId": str(w.plan),
                    "target": "RHK",
                    "targetId": str(w.rhk),
                    "phraseId": str(w.phrase),
                }
            }
        ),
    ),
    "recordPerformanceDialogue": Mutation(
        f"mutation($i: RecordPerformanceDialogueInput!) {{ recordPerformanceDialogue(input: $i) {{ result {{ id }} {ERR} }} }}",
        plain(
            lambda w: {
                "i": {
                    "planId": str(w.plan),
                    "heldOn": date(w.year, 3, 1).isoformat(),
                    "summary": "Membahas capaian Maret.",
                }
            }
        ),
    ),
    "createFeedbackPhrase": Mutation(
        f"mutation($i: CreateFeedbackPhraseInput!) {{ createFeedbackPhrase(input: $i) {{ result {{ id }} {ERR} }} }}",
        fixed({"i": {"text": "Tingkatkan ketepatan waktu."}}),
    ),
    "updateFeedbackPhrase": Mutation(
        f"mutation($i: UpdateFeedbackPhraseInput!) {{ updateFeedbackPhrase(input: $i) {{ result {{ id }} {ERR} }} }}",
        plain(lambda w: {"i": {"id": str(w.phrase), "active": False}}),
    ),
    "staf2 draft: updatePlan": Mutation(
        f"mutation($i: UpdatePlanInput!) {{ updatePlan(input: $i) {{ result {{ id }} {ERR} }} }}",
        versioned(
            lambda w, v: {"i": {"id": str(w.draft), "expectedVersion": v, "consequences": "-"}},
            plan="draft",
        ),
    ),
    "staf2 draft: addFeedback": Mutation(
        f"mutation($i: AddFeedbackInput!) {{ addFeedback(input: $i) {{ result {{ id }} {ERR} }} }}",
        plain(lambda w: {"i": {"planId": str(w.draft), "target": "SKP", "text": "Draf rapi."}}),
    ),
    "staf2 draft: plan": Read(
        "query($id: ID!) { plan(id: $id) { id } }",
        plain(lambda w: {"id": str(w.draft)}),
        lambda w, data: data["plan"] is not None and data["plan"]["id"] == str(w.draft),
    ),
    "plan (by id)": Read(
        "query($id: ID!) { plan(id: $id) { id workResults { id } } }",
        plain(lambda w: {"id": str(w.plan)}),
        shows_plan,
    ),
    "plan (by employee and year)": Read(
        "query($e: ID!, $y: Int!) { plan(employeeId: $e, year: $y) { id } }",
        plain(lambda w: {"e": str(w.emp("staf")), "y": w.year}),
        shows_plan,
    ),
    "myPlans": Read("{ myPlans { id } }", fixed({}), lists("myPlans", "plan")),
    "workResult": Read(
        "query($id: ID!) { workResult(id: $id) { id text } }",
        plain(lambda w: {"id": str(w.rhk)}),
        lambda w, data: data["workResult"] is not None,
    ),
    "workResult.children (cascade)": Read(
        "query($id: ID!) { workResult(id: $id) { id children { id } } }",
        plain(lambda w: {"id": str(w.kabid_rhk)}),
        lambda w, data: (
            data["workResult"] is not None
            and str(w.rhk) in [c["id"] for c in data["workResult"]["children"]]
        ),
    ),
    "realizations": Read(
        f"query{PER_PERIOD} {{ realizations(planId: $plan, periodId: $period) {{ id }} }}",
        FEB,
        lists("realizations", "realization"),
    ),
    "workLog": Read(
        f"query{PER_PERIOD} {{ workLog(planId: $plan, periodId: $period) {{ id }} }}",
        FEB,
        lists("workLog", "entry"),
    ),
    "actionPlans": Read(
        f"query{PER_PERIOD} {{ actionPlans(planId: $plan, periodId: $period) {{ id }} }}",
        FEB,
        lists("actionPlans", "action_plan"),
    ),
    "planFeedback": Read(
        "query($id: ID!) { planFeedback(planId: $id) { id } }",
        plain(lambda w: {"id": str(w.plan)}),
        lists("planFeedback", "feedback"),
    ),
    "planDialogues": Read(
        "query($id: ID!) { planDialogues(planId: $id) { id } }",
        plain(lambda w: {"id": str(w.plan)}),
        lists("planDialogues", "dialogue"),
    ),
    "GET /api/evidence/{id}": Download(),
    "plansToReview": Read(
        "{ plansToReview { id } }", fixed({}), lists("plansToReview", "plan"), AWAITING
    ),
    "assessorInbox": Read(
        "query($y: Int!) { assessorInbox(year: $y) { entries { plan { id } } } }",
        plain(lambda w: {"y": w.year}),
        lambda w, data: (
            str(w.plan) in [e["plan"]["id"] for e in data["assessorInbox"]["entries"] if e["plan"]]
        ),
    ),
    "alignmentCoverage (BIDANG)": Read(
        "query($u: ID!, $y: Int!) { alignmentCoverage(unitId: $u, year: $y) { planCount workResultCount } }",
        plain(lambda w: {"u": str(w.org.ids["BIDANG"]), "y": w.year}),
        lambda w, data: data["alignmentCoverage"]["workResultCount"] >= 2,
    ),
    "orgGoals (BIDANG)": Read(
        "query($u: ID!, $y: Int!) { orgGoals(unitId: $u, year: $y) { id } }",
        plain(lambda w: {"u": str(w.org.ids["BIDANG"]), "y": w.year}),
        lists("orgGoals", "goal"),
    ),
    "auditEvents (the SKP)": Read(
        """query($id: String!) { auditEvents(objectType: "performance_plan", objectId: $id) {
          nodes { action objectId } } }""",
        plain(lambda w: {"id": str(w.plan)}),
        lambda w, data: [n["objectId"] for n in data["auditEvents"]["nodes"]] == [str(w.plan)],
    ),
    "auditChain": Read(
        "{ auditChain { intact eventsChecked } }",
        fixed({}),
        lambda w, data: data["auditChain"]["intact"] and data["auditChain"]["eventsChecked"] > 0,
    ),
    "setAssessorOverride (staf's position)": Mutation(
        f"mutation($i: SetAssessorOverrideInput!) {{ setAssessorOverride(input: $i) {{ result {{ id }} {ERR} }} }}",
        plain(lambda w: {"i": _override(w, "STAF", "kadis2")}),
    ),
    "setAssessorOverride (kadis's position, manager's own head)": Mutation(
        f"mutation($i: SetAssessorOverrideInput!) {{ setAssessorOverride(input: $i) {{ result {{ id }} {ERR} }} }}",
        plain(lambda w: {"i": _override(w, "KADIS", "kadis2")}),
    ),
    "proposeAssessorOverride (staf's position)": Mutation(
        f"mutation($i: SetAssessorOverrideInput!) {{ proposeAssessorOverride(input: $i) {{ result {{ id }} {ERR} }} }}",
        plain(lambda w: {"i": _override(w, "STAF", "kadis2")}),
    ),
    "approveAssessorOverrideProposal": Mutation(
        f"mutation($id: ID!) {{ approveAssessorOverrideProposal(id: $id) {{ result {{ id }} {ERR} }} }}",
        plain(lambda w: {"id": str(w.proposal)}),
    ),
    "refuseAssessorOverrideProposal": Mutation(
        f"""mutation($id: ID!) {{ refuseAssessorOverrideProposal(id: $id,
          reason: "Kabid hanya cuti dua minggu") {{ result {{ id }} {ERR} }} }}""",
        plain(lambda w: {"id": str(w.proposal)}),
    ),
    "assessorOverrideProposals": Read(
        "{ assessorOverrideProposals { id } }",
        fixed({}),
        lists("assessorOverrideProposals", "proposal"),
    ),
    "createPosition (under KABID, in DINAS)": Mutation(
        f"mutation($i: CreatePositionInput!) {{ createPosition(input: $i) {{ result {{ id }} {ERR} }} }}",
        plain(lambda w: {"i": _position(w, "KABID")}),
    ),
    "createPosition (under KADIS2, outside DINAS)": Mutation(
        f"mutation($i: CreatePositionInput!) {{ createPosition(input: $i) {{ result {{ id }} {ERR} }} }}",
        plain(lambda w: {"i": _position(w, "KADIS2")}),
    ),
    "createPosition (no parent: rated by the Kepala Daerah)": Mutation(
        f"mutation($i: CreatePositionInput!) {{ createPosition(input: $i) {{ result {{ id }} {ERR} }} }}",
        plain(lambda w: {"i": _position(w, None)}),
    ),
    "updatePosition (parent moved to KADIS2, outside DINAS)": Mutation(
        f"mutation($i: UpdatePositionInput!) {{ updatePosition(input: $i) {{ result {{ id }} {ERR} }} }}",
        plain(
            lambda w: {"i": {"id": str(w.org.ids["STAF2"]), "parentId": str(w.org.ids["KADIS2"])}}
        ),
    ),
}


# --- the tests -----------------------------------------------------------------------------


def test_the_table_covers_every_planning_work_feedback_and_override_mutation() -> None:
    assert set(CASES) == set(EXPECTED)
    assert all(roles <= set(ROLES) for roles in EXPECTED.values())
    covered = {case.field for case in CASES.values() if isinstance(case, Mutation)}
    for module in (
        PlanningMutation,
        WorkMutation,
        FeedbackMutation,
        AssessorOverrideMutation,
        CalendarMutation,
    ):
        names = mutation_names(module)
        assert names <= covered, f"not in the matrix: {sorted(names - covered)}"


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("operation", list(EXPECTED))
async def test_authorization_matrix(operation: str, role: str, world: World, users: Users) -> None:
    case = CASES[operation]
    if case.state is not PlanStatus.DITETAPKAN:
        await world.set_status(case.state)
    if isinstance(case, Mutation) and case.prepare is not None:
        await case.prepare(world)
    client = await users.client(role)  # signing in is not part of what is compared
    before = await fingerprint(world.db)
    permitted = await case.attempt(world, client)
    changed = changed_tables(before, await fingerprint(world.db))
    assert_verdict(operation, role, EXPECTED[operation], permitted, case.writes, changed)
