"""BKPSDM's calibration view across units: per unit the histogram against its pattern, and
rater statistics (leniency/severity of each Pejabat Penilai, gap to the self-assessment).

Loaded with a fixed number of statements whatever the number of units or pegawai; the
predicates are counted by the database, not sent one by one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import sqlalchemy as sa

from server.db.engine import Database
from server.db.models import CalibrationDecision, OrgPredicateAssignment
from server.domain.enums import Predicate
from server.domain.evaluation import DistributionCheck, check_distribution, matrix_on, policy_on
from server.services.actor import Actor
from server.services.calibration.org_predicates import pick_assignment
from server.services.calibration.scope import (
    RatedGroup,
    Scope,
    can_read_unit,
    count_rated,
    require_calibration_reader,
    resolve_scope,
)
from server.services.organisation.directory import load_unit_tree

PREDICATE_SCORE: dict[Predicate, int] = {
    Predicate.SANGAT_BAIK: 5,
    Predicate.BAIK: 4,
    Predicate.BUTUH_PERBAIKAN: 3,
    Predicate.KURANG: 2,
    Predicate.SANGAT_KURANG: 1,
}
"""Score of a predicate for averages only; the predicate itself is never computed from it."""


@dataclass(frozen=True)
class RaterStats:
    """One Pejabat Penilai in one unit."""

    assessor_id: int
    rated: int
    mean_score: Fraction
    unit_mean: Fraction
    self_assessed: int  # evaluations with both self ratings
    # Mean of (assessor's predicate score − the score of the predicate the self ratings give):
    # negative = the assessor rates lower than people rate themselves.
    mean_self_gap: Fraction | None

    @property
    def deviation(self) -> Fraction:
        """Above the unit mean: lenient; below: severe."""
        return self.mean_score - self.unit_mean


@dataclass(frozen=True)
class UnitCalibration:
    unit_id: int
    counts: Counter[Predicate]  # finalised predicates in the unit (or its subtree)
    assignment: OrgPredicateAssignment | None
    check: DistributionCheck | None
    decision: CalibrationDecision | None
    raters: list[RaterStats]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _mean(weighted: list[tuple[int, int]]) -> Fraction:
    """Mean of (value, count) pairs; the caller makes sure some count is positive."""
    return Fraction(sum(v * n for v, n in weighted), sum(n for _, n in weighted))


def rater_statistics(groups: Sequence[RatedGroup], scope: Scope) -> list[RaterStats]:
    """Per Pejabat Penilai, from predicates counted by assessor, predicate and self ratings."""
    if not groups:
        return []
    matrix = matrix_on(scope.end)
    unit_mean = _mean([(PREDICATE_SCORE[g.predicate], g.count) for g in groups])
    by_assessor: dict[int, list[RatedGroup]] = defaultdict(list)
    for g in groups:
        if g.assessor_id is not None:
            by_assessor[g.assessor_id].append(g)
    stats = []
    for assessor_id, items in sorted(by_assessor.items()):
        gaps = [
            (
                PREDICATE_SCORE[g.predicate]
                - PREDICATE_SCORE[matrix.predicate(g.self_result, g.self_behavior)],
                g.count,
            )
            for g in items
            if g.self_result is not None and g.self_behavior is not None
        ]
        stats.append(
            RaterStats(
                assessor_id=assessor_id,
                rated=sum(g.count for g in items),
                mean_score=_mean([(PREDICATE_SCORE[g.predicate], g.count) for g in items]),
                unit_mean=unit_mean,
                self_assessed=sum(n for _, n in gaps),
                mean_self_gap=_mean(gaps) if gaps else None,
            )
        )
    return stats


async def calibration_overview(
    db: Database,
    actor: Actor,
    *,
    period_id: int | None = None,
    year_id: int | None = None,
    include_subunits: bool = False,
    after_unit_id: int | None = None,
    first: int | None = None,
) -> tuple[Scope, list[UnitCalibration]]:
    """Every unit with predicates or an org predicate in the scope (those the actor may read),
    by unit id; a page of them (``first`` units after ``after_unit_id``) builds only its own."""
    require_calibration_reader(actor)
    async with db.read() as session:
        scope = await resolve_scope(session, period_id=period_id, year_id=year_id)
        groups = await count_rated(session, scope)
        assignments = (
            await session.scalars(
                sa.select(OrgPredicateAssignment).where(
                    OrgPredicateAssignment.year_id == scope.year_id,
                    sa.or_(
                        OrgPredicateAssignment.period_id.is_(None),
                        OrgPredicateAssignment.period_id == scope.period_id,
                    ),
                )
            )
        ).all()
        period_filter = (
            CalibrationDecision.period_id.is_(None)
            if scope.period_id is None
            else CalibrationDecision.period_id == scope.period_id
        )
        decisions = (
            await session.scalars(
                sa.select(CalibrationDecision)
                .where(CalibrationDecision.year_id == scope.year_id, period_filter)
                .order_by(CalibrationDecision.id)
            )
        ).all()
        tree = await load_unit_tree(session)
    direct: dict[int, list[RatedGroup]] = defaultdict(list)
    for g in groups:
        if g.unit_id is not None:
            direct[g.unit_id].append(g)
    unit_ids = set(direct) | {a.unit_id for a in assignments}
    if include_subunits:
        # A parent unit aggregates its whole subtree, so it appears whenever a sub-unit does.
        unit_ids = {u for uid in unit_ids for u in tree.ancestors_and_self(uid)}
    latest_decision = {d.unit_id: d for d in decisions}
    policy = policy_on(scope.end)
    result: list[UnitCalibration] = []
    for unit_id in sorted(unit_ids):
        if first is not None and len(result) >= first:
            break
        if after_unit_id is not None and unit_id <= after_unit_id:
            continue
        if not can_read_unit(actor, unit_id, tree):
            continue
        if include_subunits:
            subtree = tree.subtree(unit_id)
            items = [r for u in sorted(subtree) for r in direct.get(u, [])]
        else:
            items = direct.get(unit_id, [])
        assignment = pick_assignment(assignments, unit_id, scope)
        counts: Counter[Predicate] = Counter()
        for g in items:
            counts[g.predicate] += g.count
        check = (
            check_distribution(counts, assignment.predicate, policy)
            if assignment is not None
            else None
        )
        result.append(
            UnitCalibration(
                unit_id=unit_id,
                counts=counts,
                assignment=assignment,
                check=check,
                decision=latest_decision.get(unit_id),
                raters=rater_statistics(items, scope),
            )
        )
    return scope, result
