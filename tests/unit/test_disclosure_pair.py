"""Two releases in one programme: links the public may assume, freed where the figures
contradict them (server.domain.disclosure_audit.relax_contradicted)."""

from __future__ import annotations

import math

from server.domain.disclosure_audit import Problem, Relation, audit, relax_contradicted


def _pair(total_after: float) -> Problem[str]:
    """Release 1: T1 = A1 + B1 = 10 published, A1 and B1 withheld. Release 2: T2 = A2 + B2
    published, A2 and B2 withheld, A2 = A1 + dA and B2 = B1 + dB with dA and dB assumed 0."""
    return Problem(
        values={"T1": 10.0, "T2": total_after},
        relations=[
            Relation.total("T1", ["A1", "B1"]),
            Relation.total("T2", ["A2", "B2"]),
            Relation.total("A2", ["A1", "dA"]),
            Relation.total("B2", ["B1", "dB"]),
        ],
        withheld={"A1", "B1", "A2", "B2", "dA", "dB"},
        lower={"dA": 0.0, "dB": 0.0},
        upper={"dA": 0.0, "dB": 0.0},
        checked={"A1", "B1", "A2", "B2"},
    )


def test_links_the_figures_agree_with_are_kept() -> None:
    problem = _pair(10.0)
    assert relax_contradicted(problem, {"dA", "dB"}) == set()
    assert problem.bounds("dA") == (0.0, 0.0)
    assert {i.key: (i.low, i.high) for i in audit(problem)}["A2"] == (0.0, 10.0)


def test_links_the_figures_contradict_are_freed() -> None:
    """T2 = 11: something changed, the public sees it, but not where: both differences free."""
    problem = _pair(11.0)
    assert relax_contradicted(problem, {"dA", "dB"}) == {"dA", "dB"}
    assert problem.bounds("dB") == (-math.inf, math.inf)
    intervals = {i.key: (i.low, i.high) for i in audit(problem)}
    assert intervals["A2"] == (0.0, 11.0)
    assert intervals["A1"] == (0.0, 10.0)
