"""Disclosure control: primary and complementary suppression as tables."""

from __future__ import annotations

from itertools import product

from server.domain.disclosure import Constraint, SuppressionReason, below, suppress


def test_a_small_cell_in_a_row_gets_a_complementary_partner() -> None:
    values = {"SB": 12, "B": 3, "BP": 20, "T": 35}
    result = suppress(values, [Constraint("T", ("SB", "B", "BP"))], below(10))
    assert result.reasons == {
        "B": SuppressionReason.BELOW_THRESHOLD,
        "SB": SuppressionReason.COMPLEMENTARY,  # the smallest other part, not the total
    }
    assert result.value("T", values) == 35
    assert result.value("B", values) is None


def test_nothing_is_hidden_when_every_cell_is_large_or_zero() -> None:
    values = {"SB": 12, "B": 0, "BP": 20, "T": 32}
    assert suppress(values, [Constraint("T", ("SB", "B", "BP"))], below(10)).reasons == {}


def test_a_small_unit_is_hidden_across_the_parent_total() -> None:
    values = {"u1": 7, "u2": 30, "u3": 25, "parent": 62}
    result = suppress(values, [Constraint("parent", ("u1", "u2", "u3"))], below(10))
    assert set(result.reasons) == {"u1", "u3"}


def test_suppression_spreads_through_linked_tables_until_nothing_is_recoverable() -> None:
    # Two units × two categories, with row totals, column totals and a grand total.
    units, cats = ("u1", "u2"), ("A", "B")
    values = {("u1", "A"): 4, ("u1", "B"): 30, ("u2", "A"): 15, ("u2", "B"): 25}
    for u in units:
        values[(u, "T")] = sum(values[(u, c)] for c in cats)
    for c in cats:
        values[("all", c)] = sum(values[(u, c)] for u in units)
    values[("all", "T")] = sum(values[(u, "T")] for u in units)
    rules = [Constraint((u, "T"), tuple((u, c) for c in cats)) for u in (*units, "all")]
    rules += [Constraint(("all", c), tuple((u, c) for u in units)) for c in (*cats, "T")]
    result = suppress(values, rules, below(10))
    assert result.is_hidden(("u1", "A"))
    for rule in rules:
        hidden = [m for m in (rule.total, *rule.parts) if result.is_hidden(m)]
        assert len(hidden) != 1, f"{rule} has exactly one hidden cell: it could be recovered"


def test_every_small_table_ends_with_no_constraint_holding_a_single_hidden_cell() -> None:
    rule = Constraint("T", ("a", "b", "c"))
    for a, b, c in product((0, 1, 5, 9, 10, 40), repeat=3):
        values = {"a": a, "b": b, "c": c, "T": a + b + c}
        result = suppress(values, [rule], below(10))
        hidden = [m for m in ("T", "a", "b", "c") if result.is_hidden(m)]
        assert len(hidden) != 1, values
        for key in ("a", "b", "c"):
            if 0 < values[key] < 10:
                assert result.is_hidden(key), values
