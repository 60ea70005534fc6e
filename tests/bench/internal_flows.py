"""Internal flows against `me`, side by side in one run, on the demo city (run by ``make bench``).

The demo city (``seed-demo``: 4 000 pegawai, a year of monthly work, last year evaluated) in a
fresh SQLite file, the real app over ASGI in this process, one logged-in client per role. Each
round sends every flow once, in turn, so the machine's noise falls on all of them alike; the
medians are compared with the median of `me` (an authenticated request that does nothing).
Also printed: the SQL statements of one request of each flow. Never asserts times.

Goals (DESIGN.md): the inbox and the plan at most 3x `me`, 100 employees with assessors at
most 5x; calibration and the distribution report at most 5x as a screen asks for them, one
page at a time. Their unpaged forms (every unit, and for the distribution every period:
hundreds of kB on the demo) are printed too, without a goal: their cost is the size of the
answer (the kB column), GraphQL's execution per field of every row, not a query plan.
KINERJA_BENCH_EMPLOYEES changes the city's size, KINERJA_BENCH_ROUNDS the rounds.
"""

from __future__ import annotations

import asyncio
import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import sqlalchemy as sa  # noqa: E402
from sqlalchemy import event  # noqa: E402

from server.db.engine import Database  # noqa: E402
from tests.bench_support import (  # noqa: E402
    DEMO_TODAY,
    SeededDemo,
    bench_settings,
    log_in,
    running_app,
    seed_demo,
)

EMPLOYEES = int(os.environ.get("KINERJA_BENCH_EMPLOYEES", "4000"))
ROUNDS = int(os.environ.get("KINERJA_BENCH_ROUNDS", "40"))
YEAR = DEMO_TODAY.year
BKPSDM = "admin.bkpsdm"

ME = "{ me { login roles employee { id name } } }"
INBOX = """query($y: Int!) { assessorInbox(year: $y) { year awaitingApprovalCount entries {
  planWithOtherAssessor
  employee { id name position { name } unit { name } }
  plan { id status revision awaitingApproval submittedAt workResults { id text kind } } } } }"""
# The inbox as the team screen (/portal/tim, web/src/staff/team/TeamYear.graphql) reads it:
# down to each IKI's latest realisasi, two statements more than INBOX (which stops at the RHK).
TEAM_INBOX = """query($y: Int!) { assessorInbox(year: $y) { awaitingApprovalCount entries {
  planWithOtherAssessor employee { id name position { name } }
  plan { id status awaitingApproval submittedAt
    workResults { id indicators { id latestRealization { periodNumber } } } } } } }"""
# Thirty aliases of a full page (issue 8): refused by the cost limit before any SQL runs.
ALIAS_BOMB = (
    "{ "
    + " ".join(f"a{n}: employees(first: 100) {{ nodes {{ id name }} }}" for n in range(30))
    + " }"
)
EMPLOYEES_100 = """{ employees(first: 100) { totalCount pageInfo { hasNextPage endCursor }
  nodes { id name position { name } unit { name }
    assessor { basis actingKind employee { id name position { name } } } } } }"""
PLAN = """query($id: ID!, $period: ID!) {
  plan(id: $id) { id status version approach year { year periods { id label } }
    employee { id name } assessor { id name }
    identitySnapshot { pegawai { name jabatan } penilai { name jabatan } }
    workResults { id kind ordinal text parent { id text } orgGoal { id text }
      indicators { id aspect text targetValue targetUnit targetDescription } }
    behaviorExpectations { value expectation } }
  realizations(planId: $id, periodId: $period) {
    id indicatorId value description status evidenceCount } }"""
EVALUATION = """query($id: ID!) { evaluation(id: $id) {
  id kind status predicate resultRating behaviorRating
  explanation { inputs rulesApplied overrides }
  identitySnapshot { pegawai { name } penilai { name } }
  sideBySide { aspect selfRating proposedRating assessorRating }
  period { id label } assessor { id name }
  workResults { workResultId kind text rating feedback
    indicators { indicator { id text targetValue } realizations { periodNumber value evidenceCount } } }
  behaviors { value rating note expectation } } }"""
CALIBRATION = """query($y: ID!, $first: Int) { calibrationOverview(yearId: $y, first: $first) {
  total finalised withinPattern violations unit { id name }
  histogram { predicate count } orgPredicate { predicate }
  raters { rated meanScore deviation assessor { id name } } } }"""
COMPLETION = """query($y: Int!) { completionReport(year: $y) {
  unitCode unitName employees skpSet skpSetPct realizationsDue realizationsOnTime
  evaluationsDue evaluationsDone } }"""
DISTRIBUTION = """query($y: Int!, $p: Int, $first: Int) {
  predicateDistributionReport(year: $y, periodNumber: $p, first: $first) {
  unitCode periodLabel total withinPattern violations counts { predicate count } } }"""


@dataclass
class Flow:
    name: str
    login: str
    query: str
    variables: dict[str, Any]
    goal: float | None = None
    every: int = 1  # sent in every n-th round only (whole-instansi reports at province scale)
    refused_with: str | None = None  # an error code the answer must carry (a refused request)


@dataclass(frozen=True)
class Statement:
    sql: str
    parameters: Any
    seconds: float


@contextmanager
def counting(db: Database) -> Iterator[list[Statement]]:
    """Every statement the database runs meanwhile, with its parameters and duration."""
    seen: list[Statement] = []

    def before(conn: Any, _cur: object, _sql: str, _params: Any, *_a: object) -> None:
        conn.info.setdefault("bench_started", []).append(time.perf_counter())

    def after(conn: Any, _cur: object, sql: str, params: Any, *_a: object) -> None:
        started = conn.info["bench_started"].pop()
        seen.append(Statement(sql, params, time.perf_counter() - started))

    event.listen(db.engine.sync_engine, "before_cursor_execute", before)
    event.listen(db.engine.sync_engine, "after_cursor_execute", after)
    try:
        yield seen
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", before)
        event.remove(db.engine.sync_engine, "after_cursor_execute", after)


async def ids_for_flows(db: Database, pegawai: str) -> dict[str, str]:
    """The plan, period, evaluation and year the flows read (found in the seeded data)."""
    from server.db.models import (
        AppraisalPeriod,
        AppraisalYear,
        Employee,
        Evaluation,
        PerformancePlan,
    )

    async with db.read() as s:
        employee = (await s.scalars(sa.select(Employee.id).where(Employee.nip == pegawai))).one()
        year_id, plan_id = (
            await s.execute(
                sa.select(AppraisalYear.id, PerformancePlan.id)
                .join(PerformancePlan, PerformancePlan.year_id == AppraisalYear.id)
                .where(AppraisalYear.year == YEAR, PerformancePlan.employee_id == employee)
            )
        ).one()
        period = (
            await s.scalars(
                sa.select(AppraisalPeriod.id)
                .where(AppraisalPeriod.year_id == year_id)
                .order_by(AppraisalPeriod.number)
            )
        ).first()
        last_year = (
            await s.scalars(sa.select(AppraisalYear.id).where(AppraisalYear.year == YEAR - 1))
        ).first()
        evaluation = (
            await s.scalars(
                sa.select(Evaluation.id)
                .join(PerformancePlan, PerformancePlan.id == Evaluation.plan_id)
                .where(
                    PerformancePlan.employee_id == employee, PerformancePlan.year_id == last_year
                )
                .order_by(Evaluation.id.desc())
            )
        ).first()
    found = {"plan": str(plan_id), "period": str(period), "year": str(year_id)}
    if last_year is not None:
        found["last_year"] = str(last_year)
    if evaluation is not None:
        found["evaluation"] = str(evaluation)
    return found


def flows(ids: dict[str, str], demo: SeededDemo, reports_every: int = 1) -> list[Flow]:
    """The flows of the issue; without an evaluated last year (the province data), the
    evaluation sheet is left out and calibration and the distribution read this year."""
    pegawai, penilai = demo.pegawai, demo.penilai
    plan_vars = {"id": ids["plan"], "period": ids["period"]}
    evaluated_year = ids.get("last_year", ids["year"])
    chosen = [
        Flow("me (baseline)", penilai, ME, {}),
        Flow("assessorInbox(year)", penilai, INBOX, {"y": YEAR}, 3.0),
        Flow("assessorInbox, as /portal/tim", penilai, TEAM_INBOX, {"y": YEAR}, 3.0),
        Flow("plan(id) + realisasi", pegawai, PLAN, plan_vars, 3.0),
        Flow("employees(first:100) + assessor", BKPSDM, EMPLOYEES_100, {}, 5.0),
        Flow(
            "30 x employees(first:100) refused",
            BKPSDM,
            ALIAS_BOMB,
            {},
            3.0,
            refused_with="QUERY_COST_LIMIT",
        ),
    ]
    if "evaluation" in ids:
        chosen.append(Flow("evaluation(id) sheet", penilai, EVALUATION, {"id": ids["evaluation"]}))
    chosen += [
        # Unpaged: every unit in one answer, its cost the answer's size (printed, no goal).
        Flow(
            "calibrationOverview(year)",
            BKPSDM,
            CALIBRATION,
            {"y": evaluated_year},
            None,
            every=reports_every,
        ),
        # A page of 50 units, as a paging screen would ask for it.
        Flow(
            "calibrationOverview(year, first:50)",
            BKPSDM,
            CALIBRATION,
            {"y": evaluated_year, "first": 50},
            5.0,
            every=reports_every,
        ),
        Flow("completionReport(year)", BKPSDM, COMPLETION, {"y": YEAR}, every=reports_every),
        # Unpaged: every unit x every period in one answer (printed, no goal, as above).
        Flow(
            "predicateDistributionReport",
            BKPSDM,
            DISTRIBUTION,
            {"y": YEAR - 1 if "last_year" in ids else YEAR, "p": None},
            None,
            every=reports_every,
        ),
        # One period, as a screen would page it: the whole year is every period x every unit.
        Flow(
            "predicateDistributionReport(1 period)",
            BKPSDM,
            DISTRIBUTION,
            {"y": YEAR - 1 if "last_year" in ids else YEAR, "p": 1},
            5.0,
            every=reports_every,
        ),
        Flow(
            "predicateDistributionReport(first:100)",
            BKPSDM,
            DISTRIBUTION,
            {"y": YEAR - 1 if "last_year" in ids else YEAR, "p": None, "first": 100},
            5.0,
            every=reports_every,
        ),
    ]
    return chosen


@dataclass
class FlowResults:
    flows: list[Flow]
    samples: dict[str, list[float]]
    statements: dict[str, list[Statement]]
    sizes: dict[str, int]  # bytes of one answer: big answers cost GraphQL execution per field

    def median(self, name: str) -> float:
        return statistics.median(self.samples[name])


async def measure(
    clients: dict[str, httpx.AsyncClient], db: Database, chosen: list[Flow], rounds: int
) -> FlowResults:
    async def send(flow: Flow) -> httpx.Response:
        response = await clients[flow.login].post(
            "/api/graphql", json={"query": flow.query, "variables": flow.variables}
        )
        body = response.json()
        codes = {e.get("extensions", {}).get("code") for e in body.get("errors") or []}
        refused_as_expected = flow.refused_with is not None and flow.refused_with in codes
        if flow.refused_with is not None and not refused_as_expected:
            raise RuntimeError(f"{flow.name}: not refused: {str(body)[:500]}")
        if not refused_as_expected and (response.status_code != 200 or body.get("errors")):
            raise RuntimeError(f"{flow.name}: {response.status_code} {str(body)[:500]}")
        return response

    statements: dict[str, list[Statement]] = {}
    sizes: dict[str, int] = {}
    for flow in chosen:  # warm-up, and one counted request each
        sizes[flow.name] = len((await send(flow)).content)
        with counting(db) as seen:
            await send(flow)
        statements[flow.name] = seen
    samples: dict[str, list[float]] = {flow.name: [] for flow in chosen}
    for round_number in range(rounds):
        for flow in chosen:
            if round_number % flow.every:
                continue
            started = time.perf_counter()
            await send(flow)
            samples[flow.name].append(time.perf_counter() - started)
    return FlowResults(chosen, samples, statements, sizes)


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def report(results: FlowResults) -> None:
    base = results.median(results.flows[0].name)
    print(
        f"  {'flow':<38} {'p50':>9} {'p99':>9} {'x me':>6} {'goal':>6} {'SQL':>4} {'n':>4} "
        f"{'kB':>6}"
    )
    for flow in results.flows:
        median = results.median(flow.name)
        goal = f"<={flow.goal:.0f}x" if flow.goal else ""
        print(
            f"  {flow.name:<38} {median * 1000:7.1f}ms "
            f"{p99(results.samples[flow.name]) * 1000:7.1f}ms "
            f"{median / base:6.2f} {goal:>6} {len(results.statements[flow.name]):4} "
            f"{len(results.samples[flow.name]):4} {results.sizes[flow.name] / 1024:6.1f}"
        )


async def run_flows(
    database_url: str, data_dir: Path, demo: SeededDemo, rounds: int, reports_every: int = 1
) -> FlowResults:
    settings = bench_settings(data_dir, database_url)
    db = Database(settings.database_url)
    try:
        ids = await ids_for_flows(db, demo.pegawai)
    finally:
        await db.dispose()
    chosen = flows(ids, demo, reports_every)
    # The generated city (hundreds of thousands of objects at province scale) lives in this
    # process only because the bench made it; a server holds none of it. Left in the collector's
    # way, every full collection walks it: 200 ms pauses that were the p99 of every flow, `me`
    # included (measured: 16 full collections in 300 requests). Frozen, the pauses measured are
    # the app's own.
    gc.collect()
    gc.freeze()
    async with running_app(settings) as app:
        clients: dict[str, httpx.AsyncClient] = {}
        try:
            for login in sorted({flow.login for flow in chosen}):
                clients[login] = app.client()
                await log_in(clients[login], login)
            results = await measure(clients, app.db, chosen, rounds)
        finally:
            for client in clients.values():
                await client.aclose()
    report(results)
    return results


async def main() -> None:
    with tempfile.TemporaryDirectory(prefix="kinerja-flows-") as tmp:
        settings = bench_settings(Path(tmp))
        demo = await seed_demo(settings, EMPLOYEES)
        print(
            f"internal flows, demo city ({EMPLOYEES} pegawai, SQLite, in-process ASGI), "
            f"loaded in {demo.seconds:.1f} s; {ROUNDS} rounds, each flow once per round:"
        )
        await run_flows(settings.database_url, Path(tmp), demo, ROUNDS)


if __name__ == "__main__":
    asyncio.run(main())
