"""Issue 4, "Done when": the authorisation matrix covers every new operation.

Every evaluation, calibration, objection, coaching, notification and BKN-import mutation, the
main reads and the HTTP downloads run as every kind of person on the owner's (staf's) data,
each (operation, person) pair on fresh data (conftest_evaluation.EvalWorld). ``EXPECTED`` is the
documentation of who may do what (DOMAIN.md §8); the test holds the code to it:

- allowed: the mutation succeeds and writes an audit event; the read or download shows the
  owner's data;
- refused: the mutation answers FORBIDDEN or NOT_FOUND, the read answers such an error or shows
  nothing of the owner's, the download answers 403/404 (or a file without the owner's rows);
  in every case not a single row of the database changed.

Who is who (small_org): staf is the owner; kabid rates staf (Pejabat Penilai); kadis rates kabid
(Atasan Pejabat Penilai of staf, who decides staf's keberatan); staf2 is a colleague rated by
kabid too; "manager" manages DINAS (staf works in BIDANG, inside DINAS), "manager2" DINAS2.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx
import pytest

from server import clock
from server.api.internal.calibration.mutations import CalibrationMutation
from server.api.internal.evaluation.mutations import EvaluationMutation
from server.api.internal.interop import InteropMutation
from server.api.internal.notifications import NotificationMutation
from server.services.interop.bkn_layout import SKP_COLUMNS
from tests.api.acceptance.conftest import (
    ROLES,
    Users,
    assert_verdict,
    mutation_names,
    operation_field,
    payload_went_through,
    query_refused,
)
from tests.api.acceptance.conftest_evaluation import EvalWorld, evworld  # noqa: F401
from tests.conftest import gql
from tests.db_state import changed_tables, fingerprint

# --- who may do what -----------------------------------------------------------------------

OWNER = frozenset({"staf"})
ASSESSOR = frozenset({"kabid"})
DECIDER = frozenset({"kadis"})  # Atasan Pejabat Penilai: decides the keberatan
HR = frozenset({"hradmin"})
# Who reads the SKP reads its evaluations, objections and the pegawai's follow-up figures.
READERS = OWNER | ASSESSOR | DECIDER | {"manager", "hradmin", "auditor"}
# Calibration, HR reports and exports: BKPSDM, auditors, the pengelola kinerja of the unit.
UNIT_READERS = frozenset({"manager", "hradmin", "auditor"})
# A coaching plan: the pegawai, the Pejabat Penilai (or mentor), the unit manager, BKPSDM, audit.
COACHING_READERS = OWNER | ASSESSOR | UNIT_READERS

EXPECTED: dict[str, frozenset[str]] = {
    # Penilaian: the penilai judges, the pegawai assesses herself and receives the result
    "startEvaluation": ASSESSOR,
    "saveSelfAssessment": OWNER,
    "saveEvaluationJudgements": ASSESSOR,
    "confirmEvaluationRatings": ASSESSOR,
    "finaliseEvaluation": ASSESSOR,
    "acknowledgeEvaluation": OWNER,
    "closePeriodEvaluation": HR,
    # Predikat organisasi and calibration: BKPSDM on behalf of the pimpinan one level up
    "setOrgPredicate": HR,
    "openCalibration": HR,
    "finaliseCalibration": HR,
    # Keberatan: filed by the pegawai, decided by the Atasan Pejabat Penilai
    "fileObjection": OWNER,
    "recordObjectionExplanations": DECIDER,
    "decideObjection": DECIDER,
    # Pembinaan
    "openCoachingForLowPredicates": HR,
    "openCoachingPlan": ASSESSOR | HR,
    "updateCoachingPlan": ASSESSOR | HR,
    "recordCoachingCheckIn": ASSESSOR,  # or the mentor (none here)
    "closeCoachingPlan": ASSESSOR | HR,
    # Notifications are one's own; BKN import is BKPSDM's
    "markNotificationsRead": OWNER,
    "importSkpFromBkn": HR,
    # Reads
    "evaluation": READERS,
    "evaluationsOfPlan": READERS,
    "myEvaluations": OWNER,
    "evaluationsToDo": ASSESSOR,
    "unitDistribution (BIDANG)": UNIT_READERS,
    "calibrationOverview": UNIT_READERS,
    "orgPredicates": UNIT_READERS,
    "objection": READERS,
    "objections": READERS,
    "objections (toDecide)": DECIDER,
    "coachingPlan": COACHING_READERS,
    "coachingPlans": COACHING_READERS,
    "recognitionRecommendations": UNIT_READERS,
    "talentPoolCandidates": UNIT_READERS,
    "promotionEligibility": READERS,
    "angkaKredit": READERS,
    "completionReport": UNIT_READERS,
    "predicateDistributionReport": UNIT_READERS,
    "myNotifications": OWNER,
    # Downloads
    "GET /api/evaluations/{id}/document": READERS,
    "GET /api/evaluations/{id}/document.pdf": READERS,
    "GET /api/reports/completion.csv": UNIT_READERS,
    "GET /api/reports/predicate-distribution.csv": UNIT_READERS,
    "GET /api/interop/skp.csv": UNIT_READERS,
    "GET /api/interop/evaluations.csv": UNIT_READERS,
}


# --- how each operation is run -------------------------------------------------------------

Variables = Callable[[EvalWorld], dict[str, Any]]
Sees = Callable[[EvalWorld, Any], bool]
Prepare = Callable[[EvalWorld], Awaitable[None]]


async def _nothing(_: EvalWorld) -> None:
    return None


async def _rated(ev: EvalWorld) -> None:
    await ev.rate_draft()


@dataclass(frozen=True)
class Mutation:
    """A payload mutation; ``prepare`` puts the data in the state the operation needs."""

    document: str
    variables: Variables
    prepare: Prepare = _nothing
    writes = True

    @property
    def field(self) -> str:
        return operation_field(self.document)

    async def attempt(self, ev: EvalWorld, client: httpx.AsyncClient) -> bool:
        return payload_went_through(
            await gql(client, self.document, self.variables(ev)), self.field
        )


@dataclass(frozen=True)
class Read:
    """A query; refused means an error with a refusal code, or nothing of the owner's shown."""

    document: str
    variables: Variables
    sees: Sees
    prepare: Prepare = _nothing
    writes = False

    async def attempt(self, ev: EvalWorld, client: httpx.AsyncClient) -> bool:
        body = await gql(client, self.document, self.variables(ev))
        if query_refused(body):
            return False
        return self.sees(ev, body["data"])


@dataclass(frozen=True)
class Download:
    """A file: refused is 403/404, or (for scoped exports) a file without the owner's data."""

    url: Callable[[EvalWorld], str]
    sees: Callable[[EvalWorld, httpx.Response], bool]
    prepare: Prepare = _nothing
    writes = False

    async def attempt(self, ev: EvalWorld, client: httpx.AsyncClient) -> bool:
        response = await client.get(self.url(ev))
        if response.status_code in (403, 404):
            assert ev.org.nips["staf"].encode() not in response.content
            return False
        assert response.status_code == 200, response.text
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "no-store" in response.headers["cache-control"]
        return self.sees(ev, response)


Case = Mutation | Read | Download
ERR = "errors { code field message }"


def fixed(values: dict[str, Any]) -> Variables:
    return lambda _: values


def lists(key: str, attr: str, field: str = "id") -> Sees:
    return lambda ev, data: str(getattr(ev, attr)) in [row[field] for row in data[key]]


def csv_rows(response: httpx.Response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def _import_csv(ev: EvalWorld) -> str:
    """A valid BKN file for next year: staf's SKP, penilai kabid."""
    row = {c.name: "" for c in SKP_COLUMNS} | {
        "nip_pegawai": ev.org.nips["staf"],
        "nip_penilai": ev.org.nips["kabid"],
        "tahun": str(ev.world.next_year),
        "pendekatan": "KUANTITATIF",
        "status": "DITETAPKAN",
        "no_rhk": "1",
        "jenis_rhk": "UTAMA",
        "rhk": "Tertatanya arsip seksi",
        "no_iki": "1",
        "indikator": "Jumlah boks arsip ditata",
        "aspek": "KUANTITAS",
        "target": "12",
        "satuan": "dokumen",
    }
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[c.name for c in SKP_COLUMNS])
    writer.writeheader()
    writer.writerow(row)
    return out.getvalue()


def _scope_m1(ev: EvalWorld) -> dict[str, str]:
    return {"periodId": str(ev.world.period(1))}


def _unit_scope(ev: EvalWorld) -> dict[str, Any]:
    return {"unitId": str(ev.unit("BIDANG")), "scope": _scope_m1(ev)}


CASES: dict[str, Case] = {
    "startEvaluation": Mutation(
        f"mutation($i: StartEvaluationInput!) {{ startEvaluation(input: $i) {{ result {{ id }} {ERR} }} }}",
        lambda ev: {
            "i": {
                "planId": str(ev.world.plan),
                "kind": "PERIODIK",
                "periodId": str(ev.world.period(3)),
            }
        },
    ),
    "saveSelfAssessment": Mutation(
        f"mutation($i: SaveSelfAssessmentInput!) {{ saveSelfAssessment(input: $i) {{ result {{ id }} {ERR} }} }}",
        lambda ev: {
            "i": {
                "evaluationId": str(ev.draft),
                "resultRating": "DI_ATAS_EKSPEKTASI",
                "behaviorRating": "SESUAI_EKSPEKTASI",
                "note": "Semua target tercapai.",
            }
        },
    ),
    "saveEvaluationJudgements": Mutation(
        f"mutation($i: SaveEvaluationJudgementsInput!) {{ saveEvaluationJudgements(input: $i) {{ result {{ id }} {ERR} }} }}",
        lambda ev: {
            "i": {
                "evaluationId": str(ev.draft),
                "workResults": [
                    {
                        "workResultId": str(ev.world.rhk),
                        "rating": "DI_ATAS_EKSPEKTASI",
                        "feedback": "Melampaui target.",
                    }
                ],
            }
        },
    ),
    "confirmEvaluationRatings": Mutation(
        f"mutation($i: ConfirmEvaluationRatingsInput!) {{ confirmEvaluationRatings(input: $i) {{ result {{ id predicate }} {ERR} }} }}",
        lambda ev: {"i": {"evaluationId": str(ev.draft)}},
    ),
    "finaliseEvaluation": Mutation(
        f"mutation($id: ID!) {{ finaliseEvaluation(id: $id) {{ result {{ id status }} {ERR} }} }}",
        lambda ev: {"id": str(ev.draft)},
        _rated,
    ),
    "acknowledgeEvaluation": Mutation(
        f"mutation($id: ID!) {{ acknowledgeEvaluation(id: $id) {{ result {{ id status }} {ERR} }} }}",
        lambda ev: {"id": str(ev.evaluation)},
    ),
    "closePeriodEvaluation": Mutation(
        f"mutation($id: ID!) {{ closePeriodEvaluation(periodId: $id) {{ result {{ id }} {ERR} }} }}",
        lambda ev: {"id": str(ev.world.period(4))},
    ),
    "setOrgPredicate": Mutation(
        f"mutation($i: SetOrgPredicateInput!) {{ setOrgPredicate(input: $i) {{ result {{ id }} {ERR} }} }}",
        lambda ev: {"i": _unit_scope(ev) | {"predicate": "ISTIMEWA", "basis": "Saran Bappeda."}},
    ),
    "openCalibration": Mutation(
        f"mutation($i: CalibrationInput!) {{ openCalibration(input: $i) {{ result {{ total }} {ERR} }} }}",
        lambda ev: {"i": _unit_scope(ev)},
    ),
    "finaliseCalibration": Mutation(
        f"mutation($i: FinaliseCalibrationInput!) {{ finaliseCalibration(input: $i) {{ result {{ id }} {ERR} }} }}",
        lambda ev: {
            "i": _unit_scope(ev)
            | {"justification": "Satu-satunya pegawai bidang ini dinilai Butuh Perbaikan."}
        },
    ),
    "fileObjection": Mutation(
        f"mutation($i: FileObjectionInput!) {{ fileObjection(input: $i) {{ result {{ id }} {ERR} }} }}",
        lambda ev: {
            "i": {
                "evaluationId": str(ev.evaluation),
                "reasons": "Realisasi Januari belum seluruhnya diperhitungkan.",
                "evidenceLinks": ["https://arsip.salatiga.go.id/bukti/9"],
            }
        },
    ),
    "recordObjectionExplanations": Mutation(
        f"mutation($i: ObjectionExplanationsInput!) {{ recordObjectionExplanations(input: $i) {{ result {{ id }} {ERR} }} }}",
        lambda ev: {
            "i": {"id": str(ev.objection), "assessorExplanation": "Penilai menjelaskan ulang."}
        },
    ),
    "decideObjection": Mutation(
        f"mutation($i: DecideObjectionInput!) {{ decideObjection(input: $i) {{ result {{ id status }} {ERR} }} }}",
        lambda ev: {
            "i": {
                "id": str(ev.objection),
                "decision": "DITOLAK",
                "note": "Laporan terlambat bukan dasar perubahan hasil.",
            }
        },
    ),
    "openCoachingForLowPredicates": Mutation(
        f"mutation($s: ScopeInput!) {{ openCoachingForLowPredicates(scope: $s) {{ result {{ id }} {ERR} }} }}",
        lambda ev: {"s": _scope_m1(ev)},
    ),
    "openCoachingPlan": Mutation(
        f"mutation($i: OpenCoachingPlanInput!) {{ openCoachingPlan(input: $i) {{ result {{ id }} {ERR} }} }}",
        lambda ev: {
            "i": {
                "evaluationId": str(ev.evaluation),
                "goals": "Realisasi tepat waktu setiap bulan.",
                "actions": "Dialog kinerja dua mingguan.",
            }
        },
    ),
    "updateCoachingPlan": Mutation(
        f"mutation($i: UpdateCoachingPlanInput!) {{ updateCoachingPlan(input: $i) {{ result {{ id }} {ERR} }} }}",
        lambda ev: {"i": {"id": str(ev.coaching), "goals": "Laporan bulanan tepat waktu."}},
    ),
    "recordCoachingCheckIn": Mutation(
        f"mutation($i: CoachingCheckInInput!) {{ recordCoachingCheckIn(input: $i) {{ result {{ id }} {ERR} }} }}",
        lambda ev: {
            "i": {
                "planId": str(ev.coaching),
                "heldOn": (clock.today() - timedelta(days=190)).isoformat(),
                "note": "Membahas jadwal pelaporan.",
            }
        },
    ),
    "closeCoachingPlan": Mutation(
        f"mutation($i: CloseCoachingPlanInput!) {{ closeCoachingPlan(input: $i) {{ result {{ id status }} {ERR} }} }}",
        lambda ev: {
            "i": {"id": str(ev.coaching), "status": "BERHASIL", "outcome": "Laporan tepat waktu."}
        },
    ),
    "markNotificationsRead": Mutation(
        f"mutation($ids: [ID!]) {{ markNotificationsRead(ids: $ids) {{ result {{ markedCount }} {ERR} }} }}",
        lambda ev: {"ids": [str(ev.notification)]},
    ),
    "importSkpFromBkn": Mutation(
        f"mutation($y: Int!, $csv: String!) {{ importSkpFromBkn(year: $y, csv: $csv) {{ result {{ ok created }} {ERR} }} }}",
        lambda ev: {"y": ev.world.next_year, "csv": _import_csv(ev)},
    ),
    "evaluation": Read(
        "query($id: ID!) { evaluation(id: $id) { id predicate } }",
        lambda ev: {"id": str(ev.evaluation)},
        lambda ev, data: data["evaluation"] is not None,
    ),
    "evaluationsOfPlan": Read(
        "query($id: ID!) { evaluationsOfPlan(planId: $id) { id } }",
        lambda ev: {"id": str(ev.world.plan)},
        lists("evaluationsOfPlan", "evaluation"),
    ),
    "myEvaluations": Read(
        "query($y: Int!) { myEvaluations(year: $y) { id } }",
        lambda ev: {"y": ev.world.year},
        lists("myEvaluations", "evaluation"),
    ),
    "evaluationsToDo": Read(
        "query($y: Int!, $p: ID) { evaluationsToDo(year: $y, periodId: $p) { plan { id } } }",
        lambda ev: {"y": ev.world.year, "p": str(ev.world.period(3))},
        lambda ev, data: str(ev.world.plan) in [r["plan"]["id"] for r in data["evaluationsToDo"]],
    ),
    "unitDistribution (BIDANG)": Read(
        "query($u: ID!, $p: ID) { unitDistribution(unitId: $u, periodId: $p) { total } }",
        lambda ev: {"u": str(ev.unit("BIDANG")), "p": str(ev.world.period(1))},
        lambda ev, data: data["unitDistribution"]["total"] >= 1,
    ),
    "calibrationOverview": Read(
        "query($p: ID) { calibrationOverview(periodId: $p) { unit { code } total } }",
        lambda ev: {"p": str(ev.world.period(1))},
        lambda ev, data: any(
            r["unit"] and r["unit"]["code"] == "BIDANG" and r["total"] >= 1
            for r in data["calibrationOverview"]
        ),
    ),
    "orgPredicates": Read(
        "query($p: ID) { orgPredicates(periodId: $p) { id } }",
        lambda ev: {"p": str(ev.world.period(1))},
        lists("orgPredicates", "org_predicate"),
    ),
    "objection": Read(
        "query($id: ID!) { objection(id: $id) { id } }",
        lambda ev: {"id": str(ev.objection)},
        lambda ev, data: data["objection"]["id"] == str(ev.objection),
    ),
    "objections": Read("{ objections { id } }", fixed({}), lists("objections", "objection")),
    "objections (toDecide)": Read(
        "{ objections(toDecide: true) { id } }", fixed({}), lists("objections", "objection")
    ),
    "coachingPlan": Read(
        "query($id: ID!) { coachingPlan(id: $id) { id } }",
        lambda ev: {"id": str(ev.coaching)},
        lambda ev, data: data["coachingPlan"]["id"] == str(ev.coaching),
    ),
    "coachingPlans": Read(
        "{ coachingPlans { id } }", fixed({}), lists("coachingPlans", "coaching")
    ),
    "recognitionRecommendations": Read(
        "query($y: ID) { recognitionRecommendations(yearId: $y) { evaluationId } }",
        lambda ev: {"y": str(ev.world.year_id)},
        lists("recognitionRecommendations", "annual", "evaluationId"),
    ),
    "talentPoolCandidates": Read(
        "query($y: Int!) { talentPoolCandidates(year: $y) { evaluationIds } }",
        lambda ev: {"y": ev.world.year},
        lambda ev, data: any(
            str(ev.annual) in r["evaluationIds"] for r in data["talentPoolCandidates"]
        ),
    ),
    "promotionEligibility": Read(
        "query($e: ID!, $y: Int!) { promotionEligibility(employeeId: $e, year: $y) { eligible } }",
        lambda ev: {"e": str(ev.world.emp("staf")), "y": ev.world.year},
        lambda ev, data: data["promotionEligibility"]["eligible"] is True,
    ),
    "angkaKredit": Read(
        'query($id: ID!) { angkaKredit(evaluationId: $id, annualCoefficient: "12.5") { evaluationId value } }',
        lambda ev: {"id": str(ev.evaluation)},
        lambda ev, data: data["angkaKredit"]["evaluationId"] == str(ev.evaluation),
    ),
    "completionReport": Read(
        "query($y: Int!) { completionReport(year: $y) { unitCode employees } }",
        lambda ev: {"y": ev.world.year},
        lambda ev, data: any(
            r["unitCode"] == "BIDANG" and r["employees"] >= 1 for r in data["completionReport"]
        ),
    ),
    "predicateDistributionReport": Read(
        "query($y: Int!) { predicateDistributionReport(year: $y, periodNumber: 1) { unitCode total } }",
        lambda ev: {"y": ev.world.year},
        lambda ev, data: any(
            r["unitCode"] == "BIDANG" and r["total"] >= 1
            for r in data["predicateDistributionReport"]
        ),
    ),
    "myNotifications": Read(
        "{ myNotifications { nodes { id } } }",
        fixed({}),
        lambda ev, data: (
            str(ev.notification) in [n["id"] for n in data["myNotifications"]["nodes"]]
        ),
    ),
    "GET /api/evaluations/{id}/document": Download(
        lambda ev: f"/api/evaluations/{ev.evaluation}/document",
        lambda ev, r: (
            r.headers["content-type"].startswith("text/html") and ev.org.nips["staf"] in r.text
        ),
    ),
    "GET /api/evaluations/{id}/document.pdf": Download(
        lambda ev: f"/api/evaluations/{ev.evaluation}/document.pdf",
        lambda ev, r: (
            r.headers["content-type"] == "application/pdf" and r.content.startswith(b"%PDF")
        ),
    ),
    "GET /api/reports/completion.csv": Download(
        lambda ev: f"/api/reports/completion.csv?year={ev.world.year}",
        lambda ev, r: b"BIDANG" in r.content,
    ),
    "GET /api/reports/predicate-distribution.csv": Download(
        lambda ev: f"/api/reports/predicate-distribution.csv?year={ev.world.year}&periodNumber=1",
        lambda ev, r: b"BIDANG" in r.content,
    ),
    "GET /api/interop/skp.csv": Download(
        lambda ev: f"/api/interop/skp.csv?year={ev.world.year}",
        lambda ev, r: ev.org.nips["staf"] in [row["nip_pegawai"] for row in csv_rows(r)],
    ),
    "GET /api/interop/evaluations.csv": Download(
        lambda ev: f"/api/interop/evaluations.csv?year={ev.world.year}",
        lambda ev, r: ev.org.nips["staf"] in [row["nip_pegawai"] for row in csv_rows(r)],
    ),
}


# --- the tests -----------------------------------------------------------------------------


def test_the_table_covers_every_evaluation_calibration_notification_and_interop_mutation() -> None:
    assert set(CASES) == set(EXPECTED)
    assert all(roles <= set(ROLES) for roles in EXPECTED.values())
    covered = {case.field for case in CASES.values() if isinstance(case, Mutation)}
    for module in (EvaluationMutation, CalibrationMutation, NotificationMutation, InteropMutation):
        names = mutation_names(module)
        assert names <= covered, f"not in the matrix: {sorted(names - covered)}"


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("operation", list(EXPECTED))
async def test_evaluation_authorization_matrix(
    operation: str,
    role: str,
    evworld: EvalWorld,  # noqa: F811
    users: Users,
) -> None:
    case = CASES[operation]
    await case.prepare(evworld)
    client = await users.client(role)  # signing in is not part of what is compared
    before = await fingerprint(evworld.db)
    permitted = await case.attempt(evworld, client)
    changed = changed_tables(before, await fingerprint(evworld.db))
    assert_verdict(operation, role, EXPECTED[operation], permitted, case.writes, changed)
