"""How the internal (staff) schema is costed (the rule itself: server/api/query_cost.py).

The ceiling is ``settings.internal_max_cost`` (``KINERJA_INTERNAL_MAX_COST``, 12 000).
Connections count their page (``first``: default 20, at most 100, ``types.MAX_PAGE_SIZE``) at 5
per row: a page is a scoped, sorted and counted query, and the page size is the one lever a
client has over how much the server loads. 30 aliases of ``employees(first: 100)`` cost at least
30 × 502 = 15 060 whatever they select, and are refused before any resolver runs; the largest
screens measured (ten evaluations in full, the assessor inbox) cost under 9 000. A root mutation
field counts 10 (one transaction with an audit event). Plain lists count what they hold in practice:
the sizes below come from the domain (7 BerAKHLAK values, 5 predicates, a few IKI per RHK, at
most 12 monthly periods …); any other list counts 10.
"""

from __future__ import annotations

from server.api.internal.types import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from server.api.query_cost import CostModel

MAX_COST = 12_000
CONNECTION_ROW_COST = 5
LIST_ESTIMATE = 10
MUTATION_FIELD_COST = 10
LIST_MULTIPLIERS = {
    "AppraisalYear.periods": 12,
    "AssessorInbox.entries": 20,
    "CoachingPlan.checkIns": 5,
    "EmployeeRecord.assignments": 5,
    "EvaluatedIndicator.realizations": 6,
    "EvaluatedWorkResult.indicators": 3,
    "Evaluation.behaviors": 7,
    "Evaluation.sideBySide": 10,
    "Evaluation.workResults": 10,
    "IkmReport.trend": 12,
    "IkmReport.unsur": 9,
    "InboxPlan.workResults": 10,
    "InboxWorkResult.indicators": 3,
    "PerformanceDialogue.participants": 5,
    "PerformancePlan.behaviorExpectations": 7,
    "PerformancePlan.versions": 3,
    "PerformancePlan.workResults": 10,
    "PredicateDistributionReportRow.counts": 5,
    "Realization.evidence": 3,
    "Unit.children": 1,  # children partition the level below: once per level across the tree
    "UnitCalibration.histogram": 5,
    "UnitDistribution.entries": 50,
    "UnitDistribution.histogram": 5,
    "WorkLogEntry.evidence": 3,
    "WorkResult.children": 3,
    "WorkResult.indicators": 3,
    "Query.units": 50,
    "Query.unitTree": 50,
}


def internal_cost_model() -> CostModel:
    return CostModel(
        default_page_size=DEFAULT_PAGE_SIZE,
        max_page_size=MAX_PAGE_SIZE,
        default_maximum=MAX_COST,
        maximum_setting="internal_max_cost",
        list_estimate=LIST_ESTIMATE,
        list_multipliers=LIST_MULTIPLIERS,
        mutation_field_cost=MUTATION_FIELD_COST,
        connection_row_cost=CONNECTION_ROW_COST,
    )
