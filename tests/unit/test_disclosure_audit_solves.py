"""The audit solves fewer programmes where the solutions it found already tell the answer, and
judges every cell as it would by solving them all (server.domain.disclosure_audit)."""

from __future__ import annotations

from server.domain.disclosure_audit import AuditReport, Problem, Relation, audit, protect


def _row(total: float = 10.0) -> Problem[str]:
    """T = A + B + C published, the three parts withheld; D + E = 1 withheld beside it."""
    return Problem(
        values={"T": total, "A": 2.0, "B": 3.0, "C": 5.0, "U": 1.0, "D": 1.0, "E": 0.0},
        relations=[Relation.total("T", ["A", "B", "C"]), Relation.total("U", ["D", "E"])],
        withheld={"A", "B", "C", "D", "E"},
    )


def test_a_bound_some_solution_reached_is_the_exact_end_without_its_programme() -> None:
    report = AuditReport()
    intervals = {i.key: (i.low, i.high) for i in audit(_row(), report)}
    assert intervals == {
        "A": (0.0, 10.0),
        "B": (0.0, 10.0),
        "C": (0.0, 10.0),
        "D": (0.0, 1.0),
        "E": (0.0, 1.0),
    }
    # Ten ends; every smallest value after the first is a lower bound some solution took.
    assert report.linear_programmes < 10


def test_a_cell_seen_wide_enough_needs_no_programme_and_a_narrow_one_stays_exact() -> None:
    exact = AuditReport()
    audit(_row(), exact)
    report = AuditReport()
    intervals = {i.key: i for i in audit(_row(), report, wide=dict.fromkeys("ABCDE", 5.0))}
    assert report.linear_programmes < exact.linear_programmes
    for key in "ABC":  # the span seen is inside the interval and at least 5 wide
        assert 0.0 <= intervals[key].low <= intervals[key].high <= 10.0
        assert intervals[key].high - intervals[key].low >= 5.0
    # Narrower than asked: its exact interval, as without ``wide``.
    assert (intervals["D"].low, intervals["D"].high) == (0.0, 1.0)
    assert (intervals["E"].low, intervals["E"].high) == (0.0, 1.0)


def _sensitive_row() -> Problem[str]:
    """T = A + B + C + D = 60 published; A = 3 is about too few people (needs 3 values)."""
    return Problem(
        values={"T": 60.0, "A": 3.0, "B": 12.0, "C": 20.0, "D": 25.0},
        relations=[Relation.total("T", ["A", "B", "C", "D"])],
        withheld={"A"},
        sensitive={"A"},
        protection={"A": 3.0},
    )


def test_protect_hides_the_same_cells_whether_or_not_it_keeps_exact_intervals() -> None:
    exact, quick = _sensitive_row(), _sensitive_row()
    exact_report = protect(exact)
    quick_report = protect(quick, exact_intervals=False)
    assert exact.withheld == quick.withheld == {"A", "B"}
    assert exact_report.cells_added == quick_report.cells_added == 1
    assert exact_report.intervals == {"A": (0.0, 15.0), "B": (0.0, 15.0)}
