"""BKPSDM's calibration view across units: per unit the histogram against its pattern, and
rater statistics (leniency/severity of each Pejabat Penilai, gap to the self-assessment).

Loaded with a fixed number of statements whatever the number of units or pegawai.
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
    Rated,
    Scope,
    can_read_unit,
    load_rated,
    require_calibration_reader,
    resolve_scope,
)
from server.services.directory import load_unit_tree

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
    rated: list[Rated]
    assignment: OrgPredicateAssignment | None
    check: DistributionCheck | None
    decision: CalibrationDecision | None
    raters: list[RaterStats]


def rater_statistics(rated: Sequence[Rated], scope: Scope) -> list[RaterStats]:
    if not rated:
        return []
    matrix = matrix_on(scope.end)
    unit_mean = Fraction(sum(PREDICATE_SCORE[r.predicate] for r in rated), len(rated))
    by_assessor: dict[int, list[Rated]] = defaultdict(list)
    for r in rated:
        if r.assessor_id is not None:
            by_assessor[r.assessor_id].append(r)
    stats = []
    for assessor_id, items in sorted(by_assessor.items()):
        gaps = [
            PREDICATE_SCORE[r.predicate]
            - PREDICATE_SCORE[matrix.predicate(r.self_result, r.self_behavior)]
            for r in items
            if r.self_result is not None and r.self_behavior is not None
        ]
        stats.append(
            RaterStats(
                assessor_id=assessor_id,
                rated=len(items),
                mean_score=Fraction(sum(PREDICATE_SCORE[r.predicate] for r in items), len(items)),
                unit_mean=unit_mean,
                self_assessed=len(gaps),
                mean_self_gap=Fraction(sum(gaps), len(gaps)) if gaps else None,
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
) -> tuple[Scope, list[UnitCalibration]]:
    """Every unit with predicates or an org predicate in the scope (those the actor may read)."""
    require_calibration_reader(actor)
    async with db.read() as session:
        scope = await resolve_scope(session, period_id=period_id, year_id=year_id)
        rated = await load_rated(session, scope)
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
    direct: dict[int, list[Rated]] = defaultdict(list)
    for r in rated:
        if r.unit_id is not None:
            direct[r.unit_id].append(r)
    unit_ids = set(direct) | {a.unit_id for a in assignments}
    if include_subunits:
        # A parent unit aggregates its whole subtree, so it appears whenever a sub-unit does.
        unit_ids = {u for uid in unit_ids for u in tree.ancestors_and_self(uid)}
    latest_decision = {d.unit_id: d for d in decisions}
    policy = policy_on(scope.end)
    result = []
    for unit_id in sorted(unit_ids):
        if not can_read_unit(actor, unit_id, tree):
            continue
        if include_subunits:
            subtree = tree.subtree(unit_id)
            items = [r for u in sorted(subtree) for r in direct.get(u, [])]
        else:
            items = direct.get(unit_id, [])
        assignment = pick_assignment(assignments, unit_id, scope)
        check = (
            check_distribution(Counter(r.predicate for r in items), assignment.predicate, policy)
            if assignment is not None
            else None
        )
        result.append(
            UnitCalibration(
                unit_id=unit_id,
                rated=items,
                assignment=assignment,
                check=check,
                decision=latest_decision.get(unit_id),
                raters=rater_statistics(items, scope),
            )
        )
    return scope, result
