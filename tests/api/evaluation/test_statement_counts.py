"""No N+1: the SQL statement count of ``evaluationsOfPlan`` (with the nested work sheet and
explanation) and of ``evaluationsToDo`` stays the same with 2 or 8 evaluations/subordinates."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx
import sqlalchemy as sa

from server.db.engine import Database
from server.db.models import (
    BehaviorObservation,
    Evaluation,
    Indicator,
    PerformancePlan,
    WorkResult,
    WorkResultJudgement,
)
from server.domain.enums import (
    Approach,
    CoreValue,
    EvaluationKind,
    EvaluationStatus,
    IndicatorAspect,
    PlanStatus,
    Predicate,
    Rating,
    WorkResultKind,
)
from tests.api.evaluation.conftest import YEAR, EvalFixture
from tests.builders import add_confirmed_realization, numbered_employee
from tests.conftest import ClientFactory, SmallOrg, count_statements, gql

S = Rating.SESUAI_EKSPEKTASI
EXPLANATION = {
    "inputs": ["Jenis penilaian: uji."],
    "rules_applied": ["Matriks predikat: uji."],
    "overrides": [],
    "sources": [{"rule": "Matriks", "source": "PermenPANRB 6/2022", "effective_from": ""}],
}
NESTED = """
id kind status predicate documentUrl
explanation { inputs rulesApplied overrides sources }
identitySnapshot { pegawai { name } }
sideBySide { aspect selfRating proposedRating assessorRating overrideReason }
period { id label }
assessor { id name }
workResults {
  workResultId kind text rating feedback
  indicators { indicator { id text targetValue } realizations { periodNumber value evidenceCount } }
}
behaviors { value rating note expectation }
"""
OF_PLAN = f"query($id: ID!) {{ evaluationsOfPlan(planId: $id) {{ {NESTED} plan {{ id }} }} }}"
TO_DO = f"""
query($period: ID) {{
  evaluationsToDo(year: {YEAR}, periodId: $period) {{
    plan {{ id status employee {{ name }} }}
    evaluation {{ {NESTED} }}
  }}
}}"""


def _sheet(session: Any, evaluation: Evaluation, results: list[WorkResult]) -> None:
    session.add_all(
        [
            WorkResultJudgement(evaluation_id=evaluation.id, work_result_id=w.id, rating=S)
            for w in results
        ]
        + [
            BehaviorObservation(evaluation_id=evaluation.id, value=v, rating=S, note="Baik")
            for v in CoreValue
        ]
    )


def _evaluation(
    plan_id: int, period_id: int, assessor: int, status: EvaluationStatus
) -> Evaluation:
    done = status is not EvaluationStatus.DRAFT
    return Evaluation(
        plan_id=plan_id,
        kind=EvaluationKind.PERIODIK,
        period_id=period_id,
        status=status,
        assessor_employee_id=assessor,
        proposed_result_rating=S,
        result_rating=S if done else None,
        proposed_behavior_rating=S,
        behavior_rating=S if done else None,
        predicate=Predicate.BAIK if done else None,
        explanation=EXPLANATION,
    )


async def add_evaluations(db: Database, ev: EvalFixture, kabid: int, months: range) -> None:
    """Set evaluations of staf's SKP for ``months``, each fully judged."""
    async with db.write() as s:
        results = list(await s.scalars(sa.select(WorkResult).where(WorkResult.plan_id == ev.plan)))
        for month in months:
            e = _evaluation(ev.plan, ev.period(month), kabid, EvaluationStatus.DITETAPKAN)
            s.add(e)
            await s.flush()
            _sheet(s, e, results)


async def add_subordinates(
    db: Database, ev: EvalFixture, kabid: int, first: int, count: int
) -> None:
    """``count`` pegawai whose SKP kabid rates, each with an RHK, an IKI, a realisasi with
    evidence and a draft evaluation of Bulan 1 already judged."""
    async with db.write() as s:
        for n in range(first, first + count):
            person = numbered_employee(n, f"Bawahan {n:03d}")
            s.add(person)
            await s.flush()
            plan = PerformancePlan(
                employee_id=person.id,
                year_id=ev.year_id,
                approach=Approach.KUANTITATIF,
                status=PlanStatus.DITETAPKAN,
                assessor_employee_id=kabid,
                submitted_at=datetime(YEAR, 1, 10, tzinfo=UTC),
                approved_at=datetime(YEAR, 1, 12, tzinfo=UTC),
            )
            s.add(plan)
            await s.flush()
            rhk = WorkResult(plan_id=plan.id, kind=WorkResultKind.UTAMA, text=f"RHK {n}")
            s.add(rhk)
            await s.flush()
            iki = Indicator(
                work_result_id=rhk.id,
                aspect=IndicatorAspect.KUANTITAS,
                text="Jumlah",
                target_value=Decimal(10),
                target_unit="berkas",
            )
            s.add(iki)
            await s.flush()
            await add_confirmed_realization(
                s, iki.id, ev.period(1), Decimal(1), "Satu", "https://example.org/x"
            )
            e = _evaluation(plan.id, ev.period(1), kabid, EvaluationStatus.DRAFT)
            s.add(e)
            await s.flush()
            _sheet(s, e, [rhk])


async def _count(
    db: Database, client: httpx.AsyncClient, query: str, variables: dict[str, Any]
) -> tuple[int, dict[str, Any]]:
    with count_statements(db) as statements:
        body = await gql(client, query, variables)
    assert "errors" not in body, body
    return len(statements), body["data"]


async def test_evaluations_of_plan_statement_count_is_flat(
    client_for: ClientFactory, ev: EvalFixture, db: Database, small_org: SmallOrg
) -> None:
    kabid_id = small_org.ids["emp:kabid"]
    kabid = await client_for("kabid")
    await add_evaluations(db, ev, kabid_id, range(1, 3))
    await gql(kabid, OF_PLAN, {"id": str(ev.plan)})  # warm: the organisation is then kept
    few, data = await _count(db, kabid, OF_PLAN, {"id": str(ev.plan)})
    assert len(data["evaluationsOfPlan"]) == 2
    await add_evaluations(db, ev, kabid_id, range(3, 9))
    many, data = await _count(db, kabid, OF_PLAN, {"id": str(ev.plan)})
    rows = data["evaluationsOfPlan"]
    assert len(rows) == 8
    assert all(len(r["workResults"]) == 2 and len(r["behaviors"]) == 7 for r in rows)
    assert [r["period"]["label"] for r in rows] == [f"Bulan {n}" for n in range(1, 9)]
    assert rows[0]["workResults"][0]["indicators"][0]["realizations"][0]["evidenceCount"] == 1
    assert rows[1]["workResults"][0]["indicators"][0]["realizations"] == []  # Bulan 2: none
    assert many == few, (few, many)


async def test_evaluations_to_do_statement_count_is_flat(
    client_for: ClientFactory, ev: EvalFixture, db: Database, small_org: SmallOrg
) -> None:
    kabid_id = small_org.ids["emp:kabid"]
    kabid = await client_for("kabid")
    # staf and staf2 (the fixture's two subordinates of kabid) are to do without a draft
    few, data = await _count(db, kabid, TO_DO, {"period": str(ev.period(1))})
    assert len(data["evaluationsToDo"]) == 2
    await add_subordinates(db, ev, kabid_id, 100, 2)
    with_drafts, data = await _count(db, kabid, TO_DO, {"period": str(ev.period(1))})
    assert len(data["evaluationsToDo"]) == 4
    await add_subordinates(db, ev, kabid_id, 200, 6)
    many, data = await _count(db, kabid, TO_DO, {"period": str(ev.period(1))})
    todo = data["evaluationsToDo"]
    assert len(todo) == 10
    drafts = [t["evaluation"] for t in todo if t["evaluation"]]
    assert len(drafts) == 8
    assert all(
        d["workResults"][0]["indicators"][0]["realizations"][0]["evidenceCount"] == 1
        for d in drafts
    )
    assert many == with_drafts, (with_drafts, many)
    assert few <= with_drafts  # the sheet's batch appears once there are drafts
