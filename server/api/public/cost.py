"""How the public schema is costed (the rule itself: server/api/query_cost.py)."""

from __future__ import annotations

from server.api.query_cost import CostModel

MAX_COST = 10_000  # default; settings.public_max_cost (KINERJA_PUBLIC_MAX_COST) overrides
LIST_ESTIMATE = 10  # items assumed in a plain list (releases, unsur, follow-ups …)
# Lists whose size is known better than the estimate. A unit's children partition the level
# below it, so across one level of a tree they add up to at most the number of units: counting
# them once per level is exact enough; the unit list itself is a few hundred at most.
LIST_MULTIPLIERS = {"PublicUnit.children": 1, "Query.units": 50, "Query.unitTree": 50}


def public_cost_model(default_page_size: int, max_page_size: int) -> CostModel:
    return CostModel(
        default_page_size=default_page_size,
        max_page_size=max_page_size,
        default_maximum=MAX_COST,
        maximum_setting="public_max_cost",
        list_estimate=LIST_ESTIMATE,
        list_multipliers=LIST_MULTIPLIERS,
    )
