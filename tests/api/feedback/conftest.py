"""Fixture SKPs for the feedback and inbox tests, built directly with the ORM.

The planning and work services are written elsewhere; these tests need only rows in the right
states, so they insert them as the migration defines them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server.db.engine import Database
from server.db.models import (
    AuditEvent,
    Evidence,
    Indicator,
    PerformancePlan,
    Realization,
    WorkResult,
)
from server.domain.enums import (
    Approach,
    EvidenceKind,
    IndicatorAspect,
    PlanStatus,
    RealizationStatus,
    WorkResultKind,
)
from tests.builders import create_year
from tests.conftest import SmallOrg, gql, login

YEAR = 2026


@dataclass
class BuiltPlan:
    """Ids of one fixture SKP: RHKs, their IKIs and the IKIs' realisasi."""

    id: int
    work_results: list[int] = field(default_factory=list)
    indicators: list[int] = field(default_factory=list)
    realizations: list[int] = field(default_factory=list)


async def create_plan(
    session: AsyncSession,
    *,
    employee_id: int,
    year_id: int,
    period_ids: Sequence[int],
    assessor_id: int | None,
    status: PlanStatus = PlanStatus.DITETAPKAN,
    work_results: int = 2,
    indicators: int = 2,
    realized_periods: Sequence[int] = (1, 2, 3),
    evidence: int = 1,
) -> BuiltPlan:
    """An SKP with RHKs → IKIs → realisasi in the given periods, each with LINK evidence.

    The latest realisasi of IKI number k (0-based, across the plan) gets ``evidence + k`` items,
    plus one removed item that must never be counted.
    """
    plan = PerformancePlan(
        employee_id=employee_id,
        year_id=year_id,
        approach=Approach.KUANTITATIF,
        status=status,
        assessor_employee_id=assessor_id,
        submitted_at=None if status is PlanStatus.DRAFT else datetime(2026, 1, 10, tzinfo=UTC),
    )
    session.add(plan)
    await session.flush()
    built = BuiltPlan(plan.id)
    wrs = [
        WorkResult(
            plan_id=plan.id,
            kind=WorkResultKind.UTAMA if n == 0 else WorkResultKind.TAMBAHAN,
            text=f"RHK {n + 1}",
            ordinal=n,
        )
        for n in range(work_results)
    ]
    session.add_all(wrs)
    await session.flush()
    built.work_results = [w.id for w in wrs]
    ikis = [
        Indicator(
            work_result_id=w.id,
            aspect=IndicatorAspect.KUANTITAS,
            text=f"IKI {w.ordinal + 1}.{n + 1}",
            target_value=Decimal(12),
            target_unit="dokumen",
            ordinal=n,
        )
        for w in wrs
        for n in range(indicators)
    ]
    session.add_all(ikis)
    await session.flush()
    built.indicators = [i.id for i in ikis]
    realizations = [
        Realization(
            indicator_id=iki.id,
            period_id=period_ids[number - 1],
            value=Decimal(number),
            description=f"Realisasi bulan {number}",
            status=RealizationStatus.DIKONFIRMASI,
        )
        for iki in ikis
        for number in realized_periods
    ]
    session.add_all(realizations)
    await session.flush()
    built.realizations = [r.id for r in realizations]
    if realized_periods:
        latest = max(realized_periods)
        items: list[Evidence] = []
        for k, iki in enumerate(ikis):
            target = next(
                r
                for r in realizations
                if r.indicator_id == iki.id and r.period_id == period_ids[latest - 1]
            )
            items.extend(
                Evidence(
                    realization_id=target.id,
                    kind=EvidenceKind.LINK,
                    url=f"https://contoh.salatiga.go.id/bukti/{target.id}/{n}",
                    title="Bukti",
                    added_by_employee_id=employee_id,
                )
                for n in range(evidence + k)
            )
            items.append(
                Evidence(
                    realization_id=target.id,
                    kind=EvidenceKind.LINK,
                    url=f"https://contoh.salatiga.go.id/bukti/{target.id}/dihapus",
                    removed_at=datetime(2026, 4, 1, tzinfo=UTC),
                )
            )
        session.add_all(items)
        await session.flush()
    return built


@dataclass
class Plans:
    """The fixture SKPs on top of ``small_org``.

    - staf: DITETAPKAN, penilai kabid (KASI is vacant), atasan penilai kadis;
    - staf2: DITETAPKAN, penilai kabid (another SKP, for cross-plan targets);
    - kabid: DRAFT (penilai derived today: kadis; atasan penilai sekda).
    """

    year_id: int
    period_ids: list[int]
    staf: BuiltPlan
    staf2: BuiltPlan
    kabid: BuiltPlan


@pytest.fixture
async def plans(db: Database, small_org: SmallOrg) -> Plans:
    ids = small_org.ids
    async with db.write() as session:
        year, period_ids = await create_year(session, YEAR)
        staf = await create_plan(
            session,
            employee_id=ids["emp:staf"],
            year_id=year.id,
            period_ids=period_ids,
            assessor_id=ids["emp:kabid"],
        )
        staf2 = await create_plan(
            session,
            employee_id=ids["emp:staf2"],
            year_id=year.id,
            period_ids=period_ids,
            assessor_id=ids["emp:kabid"],
            work_results=1,
            indicators=1,
            realized_periods=(1,),
        )
        kabid = await create_plan(
            session,
            employee_id=ids["emp:kabid"],
            year_id=year.id,
            period_ids=period_ids,
            assessor_id=None,
            status=PlanStatus.DRAFT,
            work_results=1,
            indicators=1,
            realized_periods=(),
        )
    return Plans(year.id, period_ids, staf, staf2, kabid)


async def as_user(client: httpx.AsyncClient, user: str) -> None:
    response = await login(client, user)
    assert response.status_code == 200, response.text


async def run(
    client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None
) -> Any:
    """Execute and return ``data``; any GraphQL error fails the test."""
    body = await gql(client, query, variables)
    assert "errors" not in body, body
    return body["data"]


async def mutate(
    client: httpx.AsyncClient, name: str, input_type: str, selection: str, variables: dict[str, Any]
) -> dict[str, Any]:
    """Run one payload mutation; return its ``{result, errors}``."""
    query = (
        f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ "
        f"result {{ {selection} }} errors {{ code field message }} }} }}"
    )
    data = await run(client, query, {"input": variables})
    payload: dict[str, Any] = data[name]
    return payload


def error_of(payload: dict[str, Any]) -> tuple[str, str | None]:
    """The code and field of a rejected mutation (which must have no result)."""
    assert payload["result"] is None, payload
    assert len(payload["errors"]) == 1, payload
    error = payload["errors"][0]
    assert error["message"], payload
    return error["code"], error["field"]


async def audit_events(db: Database, action: str) -> list[AuditEvent]:
    async with db.read() as s:
        return list(
            (
                await s.scalars(
                    sa.select(AuditEvent)
                    .where(AuditEvent.action == action)
                    .order_by(AuditEvent.seq)
                )
            ).all()
        )


async def table_counts(db: Database) -> dict[str, int]:
    """Row counts of the tables a rejected write must not touch."""
    counts: dict[str, int] = {}
    async with db.read() as s:
        for table in ("feedback", "feedback_phrase", "performance_dialogue", "audit_event"):
            # Table names come from the constant tuple above, never from input.
            counts[table] = int(
                (await s.execute(sa.text(f"SELECT count(*) FROM {table}"))).scalar_one()  # noqa: S608
            )
    return counts
