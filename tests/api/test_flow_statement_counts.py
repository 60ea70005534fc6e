"""The internal flows of the benchmark (tests/bench/internal_flows.py) cost a fixed number of SQL
statements, whatever the number of rows they show: counted on a demo city."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from server.config import Settings
from server.db.engine import Database
from server.db.evaluation_count import refresh_evaluation_count
from server.db.models import (
    AppraisalPeriod,
    AppraisalYear,
    Evaluation,
    Indicator,
    PerformancePlan,
    Realization,
    Unit,
    WorkResult,
)
from server.db.models.evaluation import rated_unit_of
from server.demo import DEMO_PASSWORD
from server.domain.enums import EvaluationStatus, PlanStatus, WorkResultKind
from server.domain.evaluation import FINALISED
from server.services.planning.plans import indicators_of_work_results
from tests.bench_support import DEMO_TODAY, SeededDemo, seed_demo
from tests.conftest import count_statements, gql, login

EMPLOYEES = """query($n: Int!) { employees(first: $n) { totalCount nodes {
  id name position { name } unit { name } record { nip }
  assessor { basis actingKind employee { id name position { name } unit { name } } }
  assessorsAssessor { basis employee { name } } } } }"""
PLAN = """query($id: ID!, $period: ID!) {
  plan(id: $id) { id status employee { name } assessor { name }
    workResults { id text indicators { id text targetValue } } }
  realizations(planId: $id, periodId: $period) { id value evidenceCount } }"""


@pytest.fixture
async def demo(settings: Settings) -> SeededDemo:
    return await seed_demo(settings, 400, migrate=False, evaluations=False)


async def counted(
    client: httpx.AsyncClient, db: Database, query: str, variables: dict[str, Any]
) -> tuple[int, dict[str, Any]]:
    statements, data = await statements_of(client, db, query, variables)
    return len(statements), data


async def statements_of(
    client: httpx.AsyncClient, db: Database, query: str, variables: dict[str, Any]
) -> tuple[list[str], dict[str, Any]]:
    await gql(client, query, variables)  # warm: the organisation snapshot is kept after this
    with count_statements(db) as seen:
        body = await gql(client, query, variables)
    assert "errors" not in body, body
    return seen, body["data"]


def read_table(statement: str) -> str:
    """The first table of a statement's own FROM (not of a subquery in its columns)."""
    depth = 0
    for at, char in enumerate(statement):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and statement.startswith("FROM ", at):
            return statement[at + 5 :].split()[0]
    return ""


def reading(statements: list[str], table: str) -> list[str]:
    """The statements that read rows of ``table`` (see :func:`read_table`)."""
    return [s for s in statements if read_table(s) == table]


async def test_employees_with_assessors_cost_the_same_for_5_or_100(
    client: httpx.AsyncClient, db: Database, demo: SeededDemo
) -> None:
    await login(client, "admin.bkpsdm", DEMO_PASSWORD)
    few, small = await counted(client, db, EMPLOYEES, {"n": 5})
    many, large = await counted(client, db, EMPLOYEES, {"n": 100})
    assert len(small["employees"]["nodes"]) == 5
    nodes = large["employees"]["nodes"]
    assert len(nodes) == 100
    assert sum(1 for n in nodes if n["assessor"]) > 90
    assert few == many, (few, many)
    statements, _ = await statements_of(client, db, EMPLOYEES, {"n": 100})
    # Session (2), organisation token (1), page and count (2), the assessors (1), their own
    # assessors (1: assessorsAssessor), and the position and unit of the listed and of their
    # assessors in one statement (three before: assignments, positions, units).
    placements = reading(statements, "position_assignment")
    assert len(placements) == 1, statements
    assert "JOIN position" in placements[0], placements
    assert "JOIN unit" in placements[0], placements
    assert reading(statements, "position") == [], statements
    assert reading(statements, "unit") == [], statements
    assert many <= 8, ", ".join(map(read_table, statements))


async def _plan_sizes(db: Database) -> tuple[dict[str, str], dict[str, str]]:
    """The smallest and largest SKP of the year (by realisasi) with a period that has them."""
    async with db.read() as s:
        per_plan = (
            await s.execute(
                sa.select(PerformancePlan.id, sa.func.count(Realization.id), Realization.period_id)
                .join(WorkResult, WorkResult.plan_id == PerformancePlan.id)
                .join(Indicator, Indicator.work_result_id == WorkResult.id)
                .join(Realization, Realization.indicator_id == Indicator.id)
                .join(AppraisalPeriod, AppraisalPeriod.id == Realization.period_id)
                .join(AppraisalYear, AppraisalYear.id == AppraisalPeriod.year_id)
                .where(AppraisalYear.year == DEMO_TODAY.year, AppraisalPeriod.number == 1)
                .group_by(PerformancePlan.id, Realization.period_id)
                .order_by(sa.func.count(Realization.id), PerformancePlan.id)
            )
        ).all()
    small, large = per_plan[0], per_plan[-1]
    assert large[1] >= 3 * small[1]
    return (
        {"id": str(small[0]), "period": str(small[2])},
        {"id": str(large[0]), "period": str(large[2])},
    )


async def test_plan_with_rhk_iki_and_realisasi_costs_the_same_whatever_its_size(
    client: httpx.AsyncClient, db: Database, demo: SeededDemo
) -> None:
    small, large = await _plan_sizes(db)
    await login(client, "admin.bkpsdm", DEMO_PASSWORD)
    few, small_data = await counted(client, db, PLAN, small)
    many, large_data = await counted(client, db, PLAN, large)
    assert len(large_data["realizations"]) >= 3 * len(small_data["realizations"])
    assert few == many, (few, many)
    # The SKP with its year, and its access, are read once for plan(id) and realizations of
    # the same request (one statement), and its year's periods once (the period asked for is
    # one of them).
    statements, _ = await statements_of(client, db, PLAN, large)
    skp = reading(statements, "performance_plan")
    assert len(skp) == 1, statements
    assert "JOIN appraisal_year" in skp[0], skp
    assert reading(statements, "appraisal_year") == [], statements
    assert len(reading(statements, "appraisal_period")) == 1, statements
    # The realisasi carry their count of bukti dukung (evidenceCount reads nothing more).
    assert reading(statements, "evidence") == [], statements
    # The RHK are read with their IKI (asked for), in one statement.
    rhk = reading(statements, "work_result")
    assert len(rhk) == 1, statements
    assert "JOIN indicator" in rhk[0], rhk
    assert reading(statements, "indicator") == [], statements
    assert many <= 8, ", ".join(map(read_table, statements))


async def test_a_pegawai_reads_their_own_skp_without_the_organisation(
    client: httpx.AsyncClient, db: Database, demo: SeededDemo
) -> None:
    """Whose Pejabat Penilai is who does not decide the owner's access: not even the
    organisation's revision token is read for it (a read of the position tree when it changed)."""
    await login(client, demo.pegawai, DEMO_PASSWORD)
    own = (await gql(client, "{ myPlans { id year { year } } }"))["data"]["myPlans"]
    plan_id = next(p["id"] for p in own if p["year"]["year"] == DEMO_TODAY.year)
    query = "query($id: ID!) { plan(id: $id) { id status workResults { id } } }"
    statements, data = await statements_of(client, db, query, {"id": plan_id})
    assert data["plan"]["id"] == plan_id
    assert data["plan"]["workResults"]
    assert reading(statements, "org_revision") == [], statements
    assert reading(statements, "position") == [], statements
    # Their assessor still reads it to decide their access (and is let in).
    await login(client, demo.penilai, DEMO_PASSWORD)
    statements, data = await statements_of(client, db, query, {"id": plan_id})
    assert data["plan"]["id"] == plan_id
    assert len(reading(statements, "org_revision")) == 1, statements


INBOX = """query($y: Int!) { assessorInbox(year: $y) { awaitingApprovalCount entries {
  employee { id name position { name } unit { name } }
  plan { id status workResults { id text indicators { id text latestRealization { value } } } }
} } }"""


async def test_assessor_inbox_places_its_people_in_one_statement(
    client: httpx.AsyncClient, db: Database, demo: SeededDemo
) -> None:
    await login(client, demo.penilai, DEMO_PASSWORD)
    statements, data = await statements_of(client, db, INBOX, {"y": DEMO_TODAY.year})
    entries = data["assessorInbox"]["entries"]
    assert entries
    assert all(e["employee"]["position"] and e["employee"]["unit"] for e in entries), entries
    placements = reading(statements, "position_assignment")
    assert len(placements) == 1, statements
    assert reading(statements, "position") == [], statements
    assert reading(statements, "unit") == [], statements
    # Session (2), organisation token (1), plans, people, RHK with their IKI, latest realisasi
    # (4), placements (1).
    rhk = reading(statements, "work_result")
    assert len(rhk) == 1, statements
    assert "JOIN indicator" in rhk[0], rhk
    assert reading(statements, "indicator") == [], statements
    assert len(statements) <= 8, ", ".join(map(read_table, statements))
    assert any(e["plan"]["workResults"][0]["indicators"][0]["latestRealization"] for e in entries)


INBOX_RHK = """query($y: Int!) { assessorInbox(year: $y) { entries {
  employee { id name position { name } unit { name } } plan { id ...Rhk } } } }
fragment Rhk on InboxPlan { workResults { id text } }"""
INBOX_PLANS = """query($y: Int!) { assessorInbox(year: $y) { awaitingApprovalCount entries {
  employee { id name position { name } unit { name } } plan { id status } } } }"""


async def test_assessor_inbox_reads_below_each_skp_only_what_the_query_asks(
    client: httpx.AsyncClient, db: Database, demo: SeededDemo
) -> None:
    await login(client, demo.penilai, DEMO_PASSWORD)
    variables = {"y": DEMO_TODAY.year}
    everything, full = await statements_of(client, db, INBOX, variables)
    assert "JOIN indicator" in reading(everything, "work_result")[0]
    assert [s for s in everything if "realization" in s]

    # RHK asked (through a fragment), IKI not: neither IKI nor realisasi are read.
    statements, data = await statements_of(client, db, INBOX_RHK, variables)
    rhk_only = reading(statements, "work_result")
    assert len(rhk_only) == 1, statements
    assert "indicator" not in rhk_only[0], rhk_only
    assert not [s for s in statements if "realization" in s], statements
    assert len(statements) == len(everything) - 1
    rhk = [[w["text"] for w in e["plan"]["workResults"]] for e in data["assessorInbox"]["entries"]]
    assert rhk == [
        [w["text"] for w in e["plan"]["workResults"]] for e in full["assessorInbox"]["entries"]
    ]

    # Only the SKP: no RHK either; the same SKP, the same count awaiting approval.
    statements, data = await statements_of(client, db, INBOX_PLANS, variables)
    assert reading(statements, "work_result") == [], statements
    assert len(statements) == len(everything) - 2
    inbox = data["assessorInbox"]
    assert inbox["awaitingApprovalCount"] == full["assessorInbox"]["awaitingApprovalCount"]
    assert [e["plan"]["id"] for e in inbox["entries"]] == [
        e["plan"]["id"] for e in full["assessorInbox"]["entries"]
    ]


CALIBRATION = """query($y: ID!, $sub: Boolean!) {
  calibrationOverview(yearId: $y, includeSubunits: $sub) {
    total finalised withinPattern violations unit { id name } histogram { predicate count }
    orgPredicate { predicate }
    raters { rated meanScore unitMean deviation selfAssessed meanSelfGap assessor { id name } } } }"""
UNIT_DISTRIBUTION = """query($u: ID!, $y: ID!) {
  unitDistribution(unitId: $u, yearId: $y, includeSubunits: true) {
    total withinPattern histogram { predicate count } entries { evaluationId predicate } } }"""
DISTRIBUTION = """query($y: Int!) { predicateDistributionReport(year: $y) {
  unitCode periodLabel total withinPattern violations counts { predicate count } } }"""


@pytest.fixture
async def evaluated(settings: Settings) -> SeededDemo:
    """A demo city whose last year is evaluated (periodic and annual predicates)."""
    return await seed_demo(settings, 300, migrate=False)


async def _finalised(db: Database) -> int:
    async with db.read() as s:
        return int(
            await s.scalar(sa.select(sa.func.count()).where(Evaluation.status.in_(FINALISED))) or 0
        )


async def _keep_one_in(db: Database, n: int) -> None:
    """Leave only one finalised evaluation in ``n`` (the others back to draft): a smaller N of
    the same shape (those without a frozen unit, rated by the Kepala Daerah, all stay)."""
    async with db.write() as s:
        await s.execute(
            sa.update(Evaluation)
            .where(
                Evaluation.status.in_(FINALISED),
                Evaluation.id % n != 0,
                Evaluation.rated_unit_id.is_not(None),
            )
            .values(status=EvaluationStatus.DRAFT)
        )
        await refresh_evaluation_count(s)  # a Core write: the count is refreshed, as loaders do


async def test_calibration_and_distribution_cost_the_same_for_many_or_few_predicates(
    client: httpx.AsyncClient, db: Database, evaluated: SeededDemo
) -> None:
    """Calibration overview (with and without sub-units), a unit's distribution over the whole
    tree and the distribution report: the predicates are counted by the database, so the
    statements do not grow with them."""
    async with db.read() as s:
        year = (
            await s.scalars(
                sa.select(AppraisalYear.id).where(AppraisalYear.year == DEMO_TODAY.year - 1)
            )
        ).one()
        root = (await s.scalars(sa.select(Unit.id).where(Unit.parent_id.is_(None)))).one()
    flows: list[tuple[str, dict[str, Any]]] = [
        (CALIBRATION, {"y": str(year), "sub": False}),
        (CALIBRATION, {"y": str(year), "sub": True}),
        (UNIT_DISTRIBUTION, {"u": str(root), "y": str(year)}),
        (DISTRIBUTION, {"y": DEMO_TODAY.year - 1}),
    ]
    await login(client, "admin.bkpsdm", DEMO_PASSWORD)

    async def measure() -> tuple[list[int], list[int]]:
        counts, totals = [], []
        for query, variables in flows:
            count, data = await counted(client, db, query, variables)
            counts.append(count)
            (rows,) = data.values()
            totals.append(
                sum(r["total"] for r in rows) if isinstance(rows, list) else rows["total"]
            )
        return counts, totals

    many_before = await _finalised(db)
    many, many_totals = await measure()
    await _keep_one_in(db, 8)
    few_before = await _finalised(db)
    few, few_totals = await measure()
    assert many_before > 1_000, many_before
    assert few_before * 6 < many_before, (many_before, few_before)
    assert all(f * 4 < m for f, m in zip(few_totals, many_totals, strict=True)), (
        few_totals,
        many_totals,
    )
    assert few == many, (few, many)
    # Session, organisation token, scope, the counted predicates, placing the unfrozen ones
    # (two), org predicates, decisions or the units; nothing per unit, pegawai or assessor.
    assert max(many) <= 12, many


async def test_the_rated_unit_column_agrees_with_every_identity_snapshot(
    db: Database, evaluated: SeededDemo
) -> None:
    async with db.read() as s:
        rows = (
            await s.execute(sa.select(Evaluation.identity_snapshot, Evaluation.rated_unit_id))
        ).all()
    assert sum(1 for _, unit in rows if unit is not None) > 1_000
    assert [unit for _, unit in rows] == [rated_unit_of(snapshot) for snapshot, _ in rows]


COMPLETION = """query($y: Int!) { completionReport(year: $y) {
  unitCode employees skpSet skpSetPct realizationsDue realizationsOnTime
  evaluationsDue evaluationsDone } }"""


async def test_completion_report_costs_the_same_for_many_or_few_set_skp(
    client: httpx.AsyncClient, db: Database, demo: SeededDemo
) -> None:
    """The whole instansi's completion report: per-plan counts come from grouped statements,
    so the statements do not grow with the SKP, IKI or realisasi counted."""
    await login(client, "admin.bkpsdm", DEMO_PASSWORD)
    variables = {"y": DEMO_TODAY.year}

    def totals(data: dict[str, Any]) -> tuple[int, int]:
        rows = data["completionReport"]
        return sum(r["skpSet"] for r in rows), sum(r["realizationsOnTime"] for r in rows)

    many, many_data = await counted(client, db, COMPLETION, variables)
    async with db.write() as s:  # seven SKP in eight back to draft: a smaller N, same shape
        await s.execute(
            sa.update(PerformancePlan)
            .where(PerformancePlan.status == PlanStatus.DITETAPKAN, PerformancePlan.id % 8 != 0)
            .values(status=PlanStatus.DRAFT)
        )
    few, few_data = await counted(client, db, COMPLETION, variables)
    (many_set, many_on_time), (few_set, few_on_time) = totals(many_data), totals(few_data)
    assert few_set * 4 < many_set, (few_set, many_set)
    assert few_on_time * 4 < many_on_time, (few_on_time, many_on_time)
    assert few == many, (few, many)
    assert many <= 12, many


PAGED_CALIBRATION = """query($y: ID!, $first: Int, $after: ID) {
  calibrationOverview(yearId: $y, includeSubunits: true, first: $first, after: $after) {
    total unit { id name } histogram { predicate count }
    raters { rated meanScore assessor { id name } } } }"""


async def test_calibration_overview_pages_by_unit_at_the_same_statement_cost(
    client: httpx.AsyncClient, db: Database, evaluated: SeededDemo
) -> None:
    """first/after page the overview by unit id: the pages put together are the whole answer,
    a page of 5 and one of 50 cost the same statements, wrong paging arguments are refused."""
    async with db.read() as s:
        year = (
            await s.scalars(
                sa.select(AppraisalYear.id).where(AppraisalYear.year == DEMO_TODAY.year - 1)
            )
        ).one()
    await login(client, "admin.bkpsdm", DEMO_PASSWORD)
    whole = (await gql(client, PAGED_CALIBRATION, {"y": str(year)}))["data"]["calibrationOverview"]
    assert len(whole) > 12, len(whole)
    ids = [int(row["unit"]["id"]) for row in whole]
    assert ids == sorted(ids)

    pages: list[dict[str, Any]] = []
    after: str | None = None
    while True:
        body = await gql(client, PAGED_CALIBRATION, {"y": str(year), "first": 5, "after": after})
        page = body["data"]["calibrationOverview"]
        pages += page
        if len(page) < 5:
            break
        after = page[-1]["unit"]["id"]
    assert pages == whole

    small, rows = await counted(client, db, PAGED_CALIBRATION, {"y": str(year), "first": 5})
    assert len(rows["calibrationOverview"]) == 5
    large, rows = await counted(client, db, PAGED_CALIBRATION, {"y": str(year), "first": 50})
    assert len(rows["calibrationOverview"]) == min(50, len(whole))
    assert small == large, (small, large)

    for wrong in ({"first": 0}, {"first": -3}, {"first": 101}, {"first": 5, "after": "x'; --"}):
        body = await gql(client, PAGED_CALIBRATION, {"y": str(year), **wrong})
        assert body["data"] is None, body
        assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT", body
    beyond = {"y": str(year), "first": 5, "after": str(ids[-1])}
    assert (await gql(client, PAGED_CALIBRATION, beyond))["data"]["calibrationOverview"] == []


PAGED_DISTRIBUTION = """query($y: Int!, $first: Int, $after: String) {
  predicateDistributionReport(year: $y, first: $first, after: $after) {
    cursor unitCode periodLabel total counts { predicate count } } }"""


async def test_distribution_report_pages_by_row_at_the_same_statement_cost(
    client: httpx.AsyncClient, db: Database, evaluated: SeededDemo
) -> None:
    """first/after page the report by row (each row carries its cursor): the pages put together
    are the whole report, pages of 5 and 100 cost the same statements, wrong arguments are
    refused."""
    await login(client, "admin.bkpsdm", DEMO_PASSWORD)
    year = DEMO_TODAY.year - 1
    whole = (await gql(client, PAGED_DISTRIBUTION, {"y": year}))["data"][
        "predicateDistributionReport"
    ]
    assert len(whole) > 100, len(whole)
    assert len({row["cursor"] for row in whole}) == len(whole)

    pages: list[dict[str, Any]] = []
    after: str | None = None
    while True:
        body = await gql(client, PAGED_DISTRIBUTION, {"y": year, "first": 40, "after": after})
        page = body["data"]["predicateDistributionReport"]
        pages += page
        if len(page) < 40:
            break
        after = page[-1]["cursor"]
    assert pages == whole

    small, rows = await counted(client, db, PAGED_DISTRIBUTION, {"y": year, "first": 5})
    assert len(rows["predicateDistributionReport"]) == 5
    large, rows = await counted(client, db, PAGED_DISTRIBUTION, {"y": year, "first": 100})
    assert len(rows["predicateDistributionReport"]) == 100
    assert small == large, (small, large)

    for wrong in ({"first": 0}, {"first": 501}, {"first": 5, "after": "bm90IGEgY3Vyc29y"}):
        body = await gql(client, PAGED_DISTRIBUTION, {"y": year, **wrong})
        assert body["data"] is None, body
        assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT", body
    beyond = {"y": year, "first": 5, "after": whole[-1]["cursor"]}
    assert (await gql(client, PAGED_DISTRIBUTION, beyond))["data"][
        "predicateDistributionReport"
    ] == []


async def test_a_page_builds_only_its_own_rows(
    client: httpx.AsyncClient,
    db: Database,
    evaluated: SeededDemo,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A page of the distribution report checks the pattern of its own rows only, and a page
    of the calibration overview computes the rater statistics of its own units only (the whole
    year is thousands of rows: building them all for a page was most of a page's time)."""
    from server.domain.evaluation import check_distribution
    from server.services.calibration import calibration_view
    from server.services.reports import distribution

    checked: list[object] = []
    rated: list[object] = []
    check, stats = check_distribution, calibration_view.rater_statistics

    def counting_check(*args: Any, **kwargs: Any) -> Any:
        checked.append(args)
        return check(*args, **kwargs)

    def counting_stats(*args: Any, **kwargs: Any) -> Any:
        rated.append(args)
        return stats(*args, **kwargs)

    monkeypatch.setattr(distribution, "check_distribution", counting_check)
    monkeypatch.setattr(calibration_view, "rater_statistics", counting_stats)
    await login(client, "admin.bkpsdm", DEMO_PASSWORD)
    year = DEMO_TODAY.year - 1
    page = (await gql(client, PAGED_DISTRIBUTION, {"y": year, "first": 5}))["data"]
    assert len(page["predicateDistributionReport"]) == 5
    assert 0 < len(checked) <= 5, len(checked)
    checked.clear()
    await gql(client, PAGED_DISTRIBUTION, {"y": year})
    assert len(checked) > 100, len(checked)  # the whole report still checks every row

    async with db.read() as s:
        year_id = (
            await s.scalars(sa.select(AppraisalYear.id).where(AppraisalYear.year == year))
        ).one()
    body = await gql(client, PAGED_CALIBRATION, {"y": str(year_id), "first": 5, "after": "1"})
    assert len(body["data"]["calibrationOverview"]) == 5
    assert len(rated) == 5, len(rated)


async def test_rhk_read_with_their_iki_are_those_read_apart_in_the_same_order(
    client: httpx.AsyncClient, db: Database, demo: SeededDemo
) -> None:
    """One statement (RHK ⟕ IKI) or two: the same RHK in the same order, each with the same IKI
    in the same order, and an RHK without IKI still listed, with none."""
    small, _ = await _plan_sizes(db)
    plan_id = int(small["id"])
    async with db.write() as s:
        bare = WorkResult(plan_id=plan_id, kind=WorkResultKind.TAMBAHAN, text="RHK tanpa IKI")
        s.add(bare)
        await s.flush()
        bare_id = bare.id
    await login(client, "admin.bkpsdm", DEMO_PASSWORD)
    query = "query($id: ID!) { plan(id: $id) { workResults { id %s } } }"
    alone = (await gql(client, query % "text", {"id": small["id"]}))["data"]["plan"]
    joined = await gql(client, query % "text indicators { id text }", {"id": small["id"]})
    rhk = joined["data"]["plan"]["workResults"]
    assert [w["id"] for w in rhk] == [w["id"] for w in alone["workResults"]]
    assert [w["text"] for w in rhk] == [w["text"] for w in alone["workResults"]]
    assert {"id": str(bare_id), "text": "RHK tanpa IKI", "indicators": []} in rhk
    async with db.read() as s:
        apart = await indicators_of_work_results(s, [int(w["id"]) for w in rhk])
    assert len(rhk) >= 2
    for work_result in rhk:
        assert work_result["indicators"] == [
            {"id": str(i.id), "text": i.text} for i in apart.get(int(work_result["id"]), [])
        ]
