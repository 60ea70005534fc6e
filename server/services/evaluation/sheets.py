"""What an evaluation is about, in one batch for many evaluations: the RHKs with their IKI
targets, realisasi and evidence counts of the period (every period for an annual one), the
judgements, and the BerAKHLAK observations with the leader's expectations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server.db.models import (
    AppraisalPeriod,
    BehaviorExpectation,
    BehaviorObservation,
    Evaluation,
    Evidence,
    Indicator,
    Realization,
    WorkResult,
    WorkResultJudgement,
)
from server.domain.enums import CoreValue, Rating
from server.services.planning.snapshots import content_rows


@dataclass(frozen=True)
class RealizationLine:
    period_id: int
    period_number: int
    value: Decimal | None
    description: str
    evidence_count: int


@dataclass
class IndicatorLine:
    indicator: Indicator
    realizations: list[RealizationLine] = field(default_factory=list)


@dataclass
class WorkResultLine:
    work_result: WorkResult
    indicators: list[IndicatorLine]
    rating: Rating | None
    feedback: str | None


@dataclass(frozen=True)
class BehaviorLine:
    value: CoreValue
    rating: Rating | None
    note: str | None
    expectation: str | None


@dataclass
class Sheet:
    work_results: list[WorkResultLine]
    behaviors: list[BehaviorLine]


async def load_sheets(session: AsyncSession, evaluations: Sequence[Evaluation]) -> dict[int, Sheet]:
    """A fixed number of statements whatever the number of evaluations."""
    if not evaluations:
        return {}
    plan_ids = {e.plan_id for e in evaluations}
    eval_ids = [e.id for e in evaluations]
    results, indicators = await content_rows(session, plan_ids)
    real_rows = (
        await session.execute(
            sa.select(Realization, AppraisalPeriod.number)
            .join(AppraisalPeriod, AppraisalPeriod.id == Realization.period_id)
            .where(Realization.indicator_id.in_([i.id for i in indicators]))
            .order_by(AppraisalPeriod.number)
        )
    ).all()
    counts = dict(
        (
            await session.execute(
                sa.select(Evidence.realization_id, sa.func.count())
                .where(
                    Evidence.realization_id.in_([r.id for r, _ in real_rows]),
                    Evidence.removed_at.is_(None),
                )
                .group_by(Evidence.realization_id)
            )
        ).all()
    )
    judgements = (
        await session.scalars(
            sa.select(WorkResultJudgement).where(WorkResultJudgement.evaluation_id.in_(eval_ids))
        )
    ).all()
    observations = (
        await session.scalars(
            sa.select(BehaviorObservation).where(BehaviorObservation.evaluation_id.in_(eval_ids))
        )
    ).all()
    expectations = (
        await session.scalars(
            sa.select(BehaviorExpectation).where(BehaviorExpectation.plan_id.in_(plan_ids))
        )
    ).all()

    by_plan: dict[int, list[WorkResult]] = {}
    for r in results:
        by_plan.setdefault(r.plan_id, []).append(r)
    by_result: dict[int, list[Indicator]] = {}
    for i in indicators:
        by_result.setdefault(i.work_result_id, []).append(i)
    reals: dict[int, list[tuple[Realization, int]]] = {}
    for real, number in real_rows:
        reals.setdefault(real.indicator_id, []).append((real, number))
    judged = {(j.evaluation_id, j.work_result_id): j for j in judgements}
    observed = {(o.evaluation_id, o.value): o for o in observations}
    expected = {(x.plan_id, x.value): x.expectation for x in expectations}

    sheets: dict[int, Sheet] = {}
    for ev in evaluations:
        lines = []
        for r in by_plan.get(ev.plan_id, []):
            j = judged.get((ev.id, r.id))
            lines.append(
                WorkResultLine(
                    r,
                    [
                        IndicatorLine(
                            i,
                            [
                                RealizationLine(
                                    real.period_id,
                                    number,
                                    real.value,
                                    real.description,
                                    int(counts.get(real.id, 0)),
                                )
                                for real, number in reals.get(i.id, [])
                                if ev.period_id is None or real.period_id == ev.period_id
                            ],
                        )
                        for i in by_result.get(r.id, [])
                    ],
                    j.rating if j else None,
                    j.feedback if j else None,
                )
            )
        behaviors = [
            BehaviorLine(
                v,
                o.rating if (o := observed.get((ev.id, v))) else None,
                o.note if o else None,
                expected.get((ev.plan_id, v)),
            )
            for v in CoreValue
        ]
        sheets[ev.id] = Sheet(lines, behaviors)
    return sheets
