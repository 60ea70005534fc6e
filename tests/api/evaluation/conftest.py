"""A year of set SKPs for the evaluation tests, built directly with the ORM.

staf (penilai kabid): RHK utama ``rhk[0]`` (two IKIs, realisasi in month 1 with one evidence
link) and RHK tambahan ``rhk[1]``; staf2 (penilai kabid): one RHK; kadis (penilai sekda, heads
DINAS, a perangkat daerah): one RHK.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest

from server.db.engine import Database
from server.db.models import (
    PerformancePlan,
    WorkResult,
)
from server.domain.enums import (
    Approach,
    CoreValue,
    PlanStatus,
    WorkResultKind,
)
from tests.builders import add_archive_indicator, add_confirmed_realization, create_year
from tests.conftest import SmallOrg, mutate

YEAR = 2025


@dataclass
class EvalFixture:
    year_id: int
    periods: list[int]  # index 0 = Bulan 1
    plan: int  # staf
    rhk: list[int]
    plan2: int  # staf2
    rhk2: int
    kadis_plan: int
    kadis_rhk: int

    def period(self, month: int) -> int:
        return self.periods[month - 1]


@pytest.fixture
async def ev(db: Database, small_org: SmallOrg) -> EvalFixture:
    ids = small_org.ids
    async with db.write() as s:
        year, period_ids = await create_year(s, YEAR)

        def plan(emp: str, assessor: str) -> PerformancePlan:
            return PerformancePlan(
                employee_id=ids[f"emp:{emp}"],
                year_id=year.id,
                approach=Approach.KUANTITATIF,
                status=PlanStatus.DITETAPKAN,
                assessor_employee_id=ids[f"emp:{assessor}"],
                submitted_at=datetime(YEAR, 1, 10, tzinfo=UTC),
                approved_at=datetime(YEAR, 1, 12, tzinfo=UTC),
            )

        staf, staf2, kadis = plan("staf", "kabid"), plan("staf2", "kabid"), plan("kadis", "sekda")
        s.add_all([staf, staf2, kadis])
        await s.flush()
        rhks = [
            WorkResult(plan_id=staf.id, kind=WorkResultKind.UTAMA, text="Layanan arsip", ordinal=0),
            WorkResult(plan_id=staf.id, kind=WorkResultKind.TAMBAHAN, text="Pelatihan", ordinal=1),
            WorkResult(plan_id=staf2.id, kind=WorkResultKind.UTAMA, text="Surat masuk", ordinal=0),
            WorkResult(
                plan_id=kadis.id, kind=WorkResultKind.UTAMA, text="Kinerja dinas", ordinal=0
            ),
        ]
        s.add_all(rhks)
        await s.flush()
        iki = await add_archive_indicator(s, rhks[0].id)
        await add_confirmed_realization(
            s, iki.id, period_ids[0], Decimal(3), "Menata 3 boks arsip", "https://example.org/arsip"
        )
        await s.flush()
        return EvalFixture(
            year_id=year.id,
            periods=period_ids,
            plan=staf.id,
            rhk=[rhks[0].id, rhks[1].id],
            plan2=staf2.id,
            rhk2=rhks[2].id,
            kadis_plan=kadis.id,
            kadis_rhk=rhks[3].id,
        )


EVAL_FIELDS = """
id kind status version predicate
selfResultRating selfBehaviorRating selfNote
proposedResultRating resultRating resultOverrideReason
proposedBehaviorRating behaviorRating behaviorOverrideReason
finalisedAt acknowledgedAt documentUrl
explanation { inputs rulesApplied overrides sources }
identitySnapshot { pegawai { name } penilai { name } }
"""

START = f"""
mutation($input: StartEvaluationInput!) {{
  startEvaluation(input: $input) {{ result {{ {EVAL_FIELDS} }} errors {{ code field message }} }}
}}"""
SELF = f"""
mutation($input: SaveSelfAssessmentInput!) {{
  saveSelfAssessment(input: $input) {{ result {{ {EVAL_FIELDS} }} errors {{ code field message }} }}
}}"""
JUDGE = f"""
mutation($input: SaveEvaluationJudgementsInput!) {{
  saveEvaluationJudgements(input: $input) {{
    result {{ {EVAL_FIELDS} }} errors {{ code field message }}
  }}
}}"""
CONFIRM = f"""
mutation($input: ConfirmEvaluationRatingsInput!) {{
  confirmEvaluationRatings(input: $input) {{
    result {{ {EVAL_FIELDS} }} errors {{ code field message }}
  }}
}}"""
FINALISE = f"""
mutation($id: ID!) {{
  finaliseEvaluation(id: $id) {{ result {{ {EVAL_FIELDS} }} errors {{ code field message }} }}
}}"""
ACK = f"""
mutation($id: ID!) {{
  acknowledgeEvaluation(id: $id) {{ result {{ {EVAL_FIELDS} }} errors {{ code field message }} }}
}}"""
CLOSE = """
mutation($id: ID!) {
  closePeriodEvaluation(periodId: $id) { result { id evaluatedAt } errors { code field message } }
}"""


def ok(payload: dict[str, Any]) -> dict[str, Any]:
    assert payload["errors"] == [], payload["errors"]
    result = payload["result"]
    assert isinstance(result, dict)
    return result


async def start(client: httpx.AsyncClient, plan: int, period: int | None) -> dict[str, Any]:
    data: dict[str, Any] = {"planId": str(plan), "kind": "PERIODIK" if period else "TAHUNAN"}
    if period:
        data["periodId"] = str(period)
    return await mutate(client, START, {"input": data})


def all_behaviors(rating: str) -> list[dict[str, str]]:
    return [{"value": v.value, "rating": rating} for v in CoreValue]


async def judge(
    client: httpx.AsyncClient,
    evaluation_id: str,
    work: list[tuple[int, str]],
    behavior: str | None = "SESUAI_EKSPEKTASI",
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "evaluationId": evaluation_id,
        "workResults": [{"workResultId": str(w), "rating": r, "feedback": "Baik"} for w, r in work],
    }
    if behavior:
        data["behaviors"] = all_behaviors(behavior)
    return await mutate(client, JUDGE, {"input": data})


async def confirm(client: httpx.AsyncClient, evaluation_id: str, **extra: Any) -> dict[str, Any]:
    return await mutate(client, CONFIRM, {"input": {"evaluationId": evaluation_id, **extra}})
