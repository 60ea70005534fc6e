"""A complement the published figures would give anyway protects nobody: the audit never
picks one (server.domain.disclosure_audit).

The 4 000-pegawai demo's distribution table failed "the audit did not pass within 200 rounds":
a unit's other categories were pinned complements, so they were published; the audit then hid
the unit's last published category (X below) for its parent's small cell. The unit's head
count (not hideable) and the published categories pin X for good, so every round X failed
again and the audit hid one more cell further away, none of which could free it."""

from __future__ import annotations

import pytest

from server.domain.disclosure_audit import DisclosureAuditError, Problem, Relation, audit, protect

FAR = 250  # more cells than the audit has rounds (200)


def _problem() -> Problem[str]:
    """P = S + X + Y, S = 1 about too few people; X's unit: N = X + Q with N a head count (never
    hidden) and Q a complement that K = Q (K not hideable) pins; P is a part of the city total
    C, beside FAR other units W0, W1, …"""
    far = [f"W{i:03}" for i in range(FAR)]
    return Problem(
        values={
            "P": 20.0,
            "S": 1.0,
            "X": 6.0,
            "Y": 13.0,
            "N": 10.0,
            "Q": 4.0,
            "K": 4.0,
            "C": 20.0 + 30.0 * FAR,
            **dict.fromkeys(far, 30.0),
        },
        relations=[
            Relation.total("P", ["S", "X", "Y"]),
            Relation.total("N", ["X", "Q"]),
            Relation.total("K", ["Q"]),
            Relation.total("C", ["P", *far]),
        ],
        withheld={"S", "Q"},
        sensitive={"S"},
        protection={"S": 3.0},
        releasable={"Q"},
    )


def _may_hide(key: str) -> bool:
    return key not in {"N", "K", "C"}


def test_a_cell_the_published_figures_give_is_never_a_complement() -> None:
    problem = _problem()
    report = protect(problem, may_hide=_may_hide)
    # Q (pinned) is published; S gets Y, not X (N − Q gives X back whatever else is hidden).
    assert problem.withheld == {"S", "Y"}
    assert report.cells_released == 1
    assert report.cells_added == 1
    assert report.rounds == 2
    problem.checked = None
    intervals = {i.key: i for i in audit(problem)}
    assert all(i.passed for i in intervals.values())
    assert (intervals["S"].low, intervals["S"].high) == (0.0, 14.0)


def test_a_sensitive_cell_the_published_figures_give_fails_at_once_naming_it() -> None:
    problem = _problem()
    # L = S with L not hideable: no suppression can widen S.
    problem.values["L"] = 1.0
    problem.relations.append(Relation.total("L", ["S"]))
    with pytest.raises(
        DisclosureAuditError, match=r"'S' .* no published cell is left to hide that could"
    ):
        protect(problem, may_hide=lambda k: _may_hide(k) and k != "L")
    assert problem.withheld == {"S"}  # Q released; nothing hidden for S
