"""The completion report's less common readings of the realisasi tally: deadlines out of period
order (the due periods are not the first ones: their rows are summed) and nothing due yet."""

from __future__ import annotations

from datetime import UTC, date, datetime

import sqlalchemy as sa

from server.db.models import AppraisalPeriod, Indicator, PerformancePlan, WorkResult
from server.db.tally import refresh_tally
from tests.api.reports.conftest import COMPLETION, COMPLETION_FIELDS, YEAR, Rep
from tests.conftest import ClientFactory, gql


async def test_deadlines_out_of_period_order_and_nothing_due(
    rep: Rep, client_for: ClientFactory
) -> None:
    async with rep.db.read() as s:
        staf_ikis = (
            await s.scalars(
                sa.select(Indicator.id)
                .join(WorkResult, WorkResult.id == Indicator.work_result_id)
                .join(PerformancePlan, PerformancePlan.id == WorkResult.plan_id)
                .where(PerformancePlan.employee_id == rep.emp("staf"))
                .order_by(Indicator.id)
            )
        ).all()
    await rep.realise(staf_ikis[0], 3, datetime(YEAR, 10, 2, tzinfo=UTC))  # Q3, due 5 October
    # The first quarter's deadline moved past today (no service does this: the tally is
    # recounted by hand, as after a bulk load).
    async with rep.db.write() as s:
        await s.execute(
            sa.update(AppraisalPeriod)
            .where(AppraisalPeriod.id == rep.periods[0])
            .values(realization_due=date(YEAR + 10, 1, 5))
        )
        await refresh_tally(s)
    auditor = await client_for("auditor")

    year = await gql(auditor, COMPLETION, {"y": YEAR})
    rows = {r["unitCode"]: r for r in year["data"]["completionReport"]}
    # Quarters 2-4 due for the two set SKP of BIDANG (3 IKI): 9, one on time (in Q3).
    assert tuple(rows["BIDANG"][f] for f in COMPLETION_FIELDS) == (
        "BIDANG", 3, 2, 66.7, 9, 1, 11.1, 2, 1, 50.0,
    )  # fmt: skip

    first = await gql(auditor, COMPLETION, {"y": YEAR, "p": 1})
    rows = {r["unitCode"]: r for r in first["data"]["completionReport"]}
    assert tuple(rows["BIDANG"][f] for f in COMPLETION_FIELDS) == (
        "BIDANG", 3, 2, 66.7, 0, 0, None, 2, 1, 50.0,
    )  # fmt: skip
