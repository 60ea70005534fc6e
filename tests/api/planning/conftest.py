"""Fixtures for SKP planning: an open year, actors of small_org, and helpers that build SKPs
through the services (so the API tests can start from any point of the workflow)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from server.db.engine import Database
from server.db.models import AppraisalPeriod, AppraisalYear, PerformancePlan, WorkResult
from server.domain.enums import Approach, IndicatorAspect, Role, WorkResultKind
from server.services.actor import Actor
from server.services.evaluation import evaluations
from server.services.planning import content, goals, plans, years
from tests.conftest import SmallOrg, gql, login

YEAR = 2026

EMPLOYEES = ("sekda", "kadis", "kabid", "staf", "staf2", "kadis2")
ROLE_ACCOUNTS = {
    "hradmin": (frozenset({Role.HR_ADMIN}), None),
    "auditor": (frozenset({Role.AUDITOR}), None),
    "sysadmin": (frozenset({Role.SYSADMIN}), None),
    "manager": (frozenset({Role.UNIT_MANAGER}), "DINAS"),
}


@dataclass
class Planning:
    """small_org with an open year and helpers acting as its people."""

    db: Database
    org: SmallOrg
    year: int

    def actor(self, key: str) -> Actor:
        ids = self.org.ids
        if key in EMPLOYEES:
            return Actor(account_id=ids[f"acc:{key}"], login=key, employee_id=ids[f"emp:{key}"])
        roles, unit = ROLE_ACCOUNTS[key]
        return Actor(
            account_id=ids[f"acc:{key}"],
            login=key,
            roles=roles,
            managed_unit_id=ids[unit] if unit else None,
        )

    async def reload(self, plan_id: int) -> PerformancePlan:
        async with self.db.read() as s:
            plan = await s.get(PerformancePlan, plan_id)
            assert plan is not None
            return plan

    async def goal(self, unit: str = "DINAS", text: str = "Meningkatnya kualitas layanan") -> int:
        row = await goals.create_goal(
            self.db, self.actor("hradmin"), goals.GoalInput(self.org.ids[unit], self.year, text)
        )
        return row.id

    async def draft(
        self,
        key: str,
        *,
        parent_id: int | None = None,
        org_goal_id: int | None = None,
        approach: Approach = Approach.KUANTITATIF,
        text: str = "Tersusunnya laporan",
    ) -> tuple[int, int]:
        """A complete draft SKP with one RHK UTAMA and one IKI; returns (plan id, RHK id)."""
        actor = self.actor(key)
        plan = await plans.create_plan(self.db, actor, self.year, approach)
        rhk = await content.add_work_result(
            self.db,
            actor,
            content.WorkResultInput(
                plan.id, WorkResultKind.UTAMA, f"{text} {key}", parent_id, org_goal_id, plan.version
            ),
        )
        plan = await self.reload(plan.id)
        await content.add_indicator(
            self.db,
            actor,
            content.IndicatorInput(
                rhk.id,
                IndicatorAspect.KUANTITAS,
                "Jumlah laporan",
                target_value=Decimal(12),
                target_unit="dokumen",
                target_description="Laporan lengkap dan tepat waktu",
                expected_version=plan.version,
            ),
        )
        return plan.id, rhk.id

    async def submit(self, key: str, plan_id: int) -> PerformancePlan:
        plan = await self.reload(plan_id)
        return await plans.submit_plan(self.db, self.actor(key), plan_id, plan.version)

    async def approve(self, key: str, plan_id: int) -> PerformancePlan:
        plan = await self.reload(plan_id)
        return await plans.approve_plan(self.db, self.actor(key), plan_id, plan.version)

    async def chain(self) -> dict[str, Any]:
        """kadis (JPT, org goal) set by sekda; kabid intervening kadis, submitted (not yet set)."""
        goal = await self.goal()
        kadis_plan, kadis_rhk = await self.draft("kadis", org_goal_id=goal)
        await self.submit("kadis", kadis_plan)
        await self.approve("sekda", kadis_plan)
        kabid_plan, kabid_rhk = await self.draft("kabid", parent_id=kadis_rhk)
        await self.submit("kabid", kabid_plan)
        return {
            "goal": goal,
            "kadis_plan": kadis_plan,
            "kadis_rhk": kadis_rhk,
            "kabid_plan": kabid_plan,
            "kabid_rhk": kabid_rhk,
        }

    async def rhk_ids(self, plan_id: int) -> list[int]:
        async with self.db.read() as s:
            rows = (await plans.work_results_of_plans(s, [plan_id])).get(plan_id, [])
        return [r.id for r in rows]

    async def work_result(self, rhk_id: int) -> WorkResult:
        async with self.db.read() as s:
            row = await s.get(WorkResult, rhk_id)
            assert row is not None
            return row

    async def period_ids(self) -> list[int]:
        """The year's periods, by number."""
        async with self.db.read() as s:
            rows = await s.scalars(
                sa.select(AppraisalPeriod.id)
                .join(AppraisalYear, AppraisalYear.id == AppraisalPeriod.year_id)
                .where(AppraisalYear.year == self.year)
                .order_by(AppraisalPeriod.number)
            )
            return list(rows)

    async def close_periods(self, skip: int = 0) -> None:
        """BKPSDM closes the evaluation of every period of the year but the last ``skip``
        (a year closes only when none is open)."""
        ids = await self.period_ids()
        for period_id in ids[: len(ids) - skip]:
            await evaluations.close_period_evaluation(self.db, self.actor("hradmin"), period_id)


@pytest.fixture
async def planning(db: Database, small_org: SmallOrg) -> Planning:
    await years.open_year(
        db,
        Planning(db, small_org, YEAR).actor("hradmin"),
        years.YearInput(YEAR, date(YEAR, 1, 31)),
    )
    return Planning(db, small_org, YEAR)


async def call(
    client: httpx.AsyncClient, user: str, query: str, variables: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Run one operation as ``user`` (logs in first: one client, many people)."""
    response = await login(client, user)
    assert response.status_code == 200, response.text
    return await gql(client, query, variables)


def payload(body: dict[str, Any], name: str) -> dict[str, Any]:
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"][name]
    return result


def error_codes(body: dict[str, Any], name: str) -> list[str]:
    return [e["code"] for e in payload(body, name)["errors"]]


async def content_indicators(p: Planning, rhk_id: int) -> list[int]:
    async with p.db.read() as s:
        rows = (await plans.indicators_of_work_results(s, [rhk_id])).get(rhk_id, [])
    return [r.id for r in rows]
