"""Which annual evaluations the completion report counts for a year: those of that year's SKP
only, even when an SKP of another year was made between two of this year's. Its id then lies
inside the range of this year's SKP ids, the part of the index of done evaluations the report
reads (migration 0034)."""

from __future__ import annotations

import sqlalchemy as sa

from server.db.models import PerformancePlan
from server.domain.enums import EvaluationStatus, PlanStatus, Predicate
from tests.api.reports.conftest import COMPLETION, COMPLETION_FIELDS, YEAR, Rep
from tests.builders import create_year
from tests.conftest import ClientFactory, gql


async def _table(rep: Rep, client_for: ClientFactory) -> list[tuple[object, ...]]:
    body = await gql(await client_for("auditor"), COMPLETION, {"y": YEAR})
    return [tuple(r[f] for f in COMPLETION_FIELDS) for r in body["data"]["completionReport"]]


async def test_an_annual_evaluation_of_another_years_skp_is_not_counted(
    rep: Rep, client_for: ClientFactory
) -> None:
    before = await _table(rep, client_for)
    assert before[0][-3:] == (2, 1, 50.0)  # BIDANG: staf's annual evaluation is done

    # Last year's SKP of staf2, made now (after this year's), evaluated and set by the assessor.
    async with rep.db.write() as s:
        last_year, _ = await create_year(s, YEAR - 1)
    late_id, _ = await rep.plan(
        rep.emp("staf2"), PlanStatus.DITETAPKAN, 0, rep.emp("kabid"), year_id=last_year.id
    )
    await rep.evaluate(late_id, None, EvaluationStatus.DITETAPKAN, Predicate.BAIK)
    # And an SKP of this year made after it (submitted, not set: no count changes by itself).
    sekda_plan, _ = await rep.plan(rep.emp("sekda"), PlanStatus.DIAJUKAN, 1, None)
    async with rep.db.read() as s:
        lowest, highest = (
            await s.execute(
                sa.select(sa.func.min(PerformancePlan.id), sa.func.max(PerformancePlan.id)).where(
                    PerformancePlan.year_id == rep.year_id
                )
            )
        ).one()
    assert lowest < late_id < highest == sekda_plan

    assert await _table(rep, client_for) == before
