"""The disclosure audit: how far can an attacker narrow each withheld cell? (DESIGN.md)

Published values and the relations a release publishes (a total equals its parts, a row equals
its categories, a percentage times its denominator equals its numerator) are linear equalities.
For every withheld cell the audit solves two linear programmes, the smallest and the largest
value that every published value and every public bound allow: what τ-ARGUS and sdcTable call
the audit step. A withheld cell passes when that interval is wide enough:

* a cell withheld because it describes too few people (sensitive) must stay open over at least
  ``protection`` values, and never be pinned (nor narrowed below all it could a priori be, when
  that is narrower);
* every other withheld cell (a complement, one a replaced release withheld, one hidden
  because a figure it would give back is hidden) must not be pinned: "withheld" must not be
  a value anyone can compute.

A complement that the published values pin exactly (the smallest and the largest value the
linear programme allows coincide) is published instead (``releasable``). Its value is
implied by what is published, so publishing it adds no information: the feasible set of
every programme is the same with and without the equation ``cell = value``, and every other
withheld cell keeps exactly its interval, sensitive ones included. Hiding more cells until it
is not pinned would also be correct, but would withhold more figures to keep a status that
tells nothing. Only a cell whose status is a choice can be released: never a cell about too
few people (withheld whatever it is), a cell a replaced release withheld (the pair would be
differenced), nor one withheld because it would give a hidden figure back (the caller leaves
those out of ``releasable``). A complement narrowed but not pinned (an interval shorter than
one) is protected by hiding more, as a sensitive cell is, since publishing it would add
an equation. Only complements that complementary suppression chose are releasable: a cell
the audit hid itself may be pinned alone and free once the next ones are hidden (a subtree
whose totals sit at their bounds needs several), so it is judged "not pinned" and protected
by hiding more. Every withheld cell is judged against everything published, released values
included (releasing changes no interval, hiding only widens them, so a cell that passed in
one round still passes at the end).

The relations of each published table are listed in server.services.releases.disclosure_tables
(where a figure gives no linear identity, e.g. a percentage whose numerator and denominator are
both unpublished, it says why and what it does instead).

The public sees one status for every withheld cell, so the audit's attacker knows no range for
it beyond its public bounds (a count is at least zero; a numerator is at most its denominator).

Speed (an earlier whole-release programme did not finish in 200 s): published cells become
constants, the withheld cells fall into small connected groups (cells sharing a relation), and
each group is one HiGHS model whose objective alone changes between its solves. The bounds are
those of the LP relaxation: an integer attacker can only do as well or worse on the bounds
themselves, and the relations here (sums with unit coefficients) rarely leave a gap.

:func:`protect` adds suppression until the audit passes: for every failing cell, the cheapest
published cell (smallest value, parts before totals) of a relation it takes part in, never one
the published figures would give anyway (``_implied``: a relation whose other cells all stay
published pins it, so hiding it protects nobody and no later round could free it); each round
hides a cell not hidden before; rounds are bounded and publication fails loudly
(:class:`DisclosureAuditError`) if a cell stays exposed.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Generic, TypeVar

import highspy
import numpy as np

K = TypeVar("K", bound=Hashable)
EPS = 1e-6
MAX_ROUNDS = 200
STUBBORN = 5  # rounds a cell fails in a row before protect asks if any hiding frees it


class DisclosureAuditError(RuntimeError):
    """Suppression could not protect a withheld cell: nothing may be published."""


@dataclass(frozen=True)
class Relation(Generic[K]):
    """``Σ coefficient × cell = constant`` over cells of one table (published or withheld)."""

    terms: tuple[tuple[K, float], ...]
    constant: float = 0.0

    @staticmethod
    def total(total: K, parts: Iterable[K]) -> Relation[K]:
        """``total = Σ parts``; the total is the first term (a part is cheaper to hide)."""
        return Relation(((total, 1.0), *((p, -1.0) for p in parts)))


@dataclass
class Problem(Generic[K]):
    """One table (or a few tied together): true values, public bounds, relations, and which
    cells are withheld and why (``sensitive`` cells need the full protection interval)."""

    values: dict[K, float]
    relations: list[Relation[K]]
    withheld: set[K]
    sensitive: set[K] = field(default_factory=set)
    lower: dict[K, float] = field(default_factory=dict)  # default 0: counts are never negative
    upper: dict[K, float] = field(default_factory=dict)  # default: unbounded
    protection: dict[K, float] = field(default_factory=dict)  # width a sensitive cell needs
    never_publish: set[K] = field(default_factory=set)  # withheld by nature (not a column)
    checked: set[K] | None = None  # cells whose interval is judged (default: withheld ones)
    # Withheld complements that :func:`protect` publishes when the published values pin them
    # (their value is implied: publishing it changes no interval).
    releasable: set[K] = field(default_factory=set)

    def bounds(self, key: K) -> tuple[float, float]:
        return self.lower.get(key, 0.0), self.upper.get(key, math.inf)


@dataclass(frozen=True)
class Interval(Generic[K]):
    key: K
    low: float
    high: float
    passed: bool


@dataclass
class AuditReport:
    cells_withheld: int = 0  # withheld at the end (primary, complementary and audit)
    cells_added: int = 0  # added by the audit to what complementary suppression chose
    cells_released: int = 0  # complements published: the published values pinned them
    linear_programmes: int = 0
    groups: int = 0
    rounds: int = 0
    seconds: float = 0.0
    # The attacker's interval of every withheld cell at the end (not part of the stored report).
    intervals: dict[object, tuple[float, float]] = field(default_factory=dict, repr=False)

    def add(self, other: AuditReport) -> None:
        self.cells_withheld += other.cells_withheld
        self.cells_added += other.cells_added
        self.cells_released += other.cells_released
        self.linear_programmes += other.linear_programmes
        self.groups += other.groups
        self.rounds = max(self.rounds, other.rounds)
        self.seconds += other.seconds

    def as_dict(self) -> dict[str, object]:
        return {
            "cells_withheld": self.cells_withheld,
            "cells_added": self.cells_added,
            "cells_released": self.cells_released,
            "linear_programmes": self.linear_programmes,
            "groups": self.groups,
            "rounds": self.rounds,
            "seconds": round(self.seconds, 3),
        }


def _needed(problem: Problem[K], key: K) -> float:
    """The width of interval a withheld cell needs to pass."""
    low_bound, high_bound = problem.bounds(key)
    if key in problem.sensitive:
        # At least p values wide (or all it could a priori be, when that is narrower).
        return min(max(1.0, problem.protection.get(key, 1.0)), high_bound - low_bound)
    # Not pinned, unless it could never be a whole value away from pinned anyway.
    return 1.0 if high_bound - low_bound >= 1.0 - EPS else 0.0


def _required(problem: Problem[K], key: K) -> Callable[[float, float], bool]:
    width = _needed(problem, key)
    return lambda low, high: high - low >= width - EPS


def _groups(problem: Problem[K]) -> tuple[list[list[K]], list[tuple[dict[K, float], float]]]:
    """Fold published cells into constants; group withheld cells joined by a relation."""
    rows: list[tuple[dict[K, float], float]] = []
    parent: dict[K, K] = {k: k for k in problem.withheld}

    def find(k: K) -> K:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for rel in problem.relations:
        free: dict[K, float] = {}
        constant = rel.constant
        for key, coefficient in rel.terms:
            if key in problem.withheld:
                free[key] = free.get(key, 0.0) + coefficient
            else:
                constant -= coefficient * problem.values[key]
        free = {k: c for k, c in free.items() if abs(c) > EPS}
        if not free:
            continue
        rows.append((free, constant))
        first, *rest = free
        for other in rest:
            a, b = find(first), find(other)
            if a != b:
                parent[b] = a
    members: dict[K, list[K]] = defaultdict(list)
    for k in sorted(problem.withheld, key=str):
        members[find(k)].append(k)
    return list(members.values()), rows


def audit(
    problem: Problem[K],
    report: AuditReport | None = None,
    *,
    wide: Mapping[K, float] | None = None,
) -> list[Interval[K]]:
    """The interval an attacker can prove for every checked withheld cell.

    ``wide``: for a caller that only asks whether a cell is narrower than a width, the width
    per cell. A cell that the solutions already found (each a set of values every published
    figure allows) show to be at least that wide is reported with the span they show (its
    interval contains it) and costs no programme of its own; every other cell gets its exact
    interval.
    """
    groups, rows = _groups(problem)
    checked = problem.withheld if problem.checked is None else problem.checked & problem.withheld
    by_group: dict[K, int] = {}
    for index, group in enumerate(groups):
        for k in group:
            by_group[k] = index
    group_rows: dict[int, list[tuple[dict[K, float], float]]] = defaultdict(list)
    for row in rows:
        group_rows[by_group[next(iter(row[0]))]].append(row)
    out: list[Interval[K]] = []
    for index, group in enumerate(groups):
        wanted = [k for k in group if k in checked]
        if not wanted:
            continue
        if report is not None:
            report.groups += 1
        if not group_rows[index]:  # no relation: the public bounds are all there is
            for k in wanted:
                low, high = problem.bounds(k)
                out.append(Interval(k, low, high, _required(problem, k)(low, high)))
            continue
        out += _solve_group(problem, group, group_rows[index], wanted, report, wide or {})
    return out


def _solve_group(
    problem: Problem[K],
    group: list[K],
    rows: list[tuple[dict[K, float], float]],
    wanted: list[K],
    report: AuditReport | None,
    wide: Mapping[K, float],
) -> list[Interval[K]]:
    """Two programmes per wanted cell (its smallest and largest value), fewer where the
    solutions found so far already tell the answer.

    Every optimal solution is a point that every published figure allows, so each cell's
    interval contains all the values it took in them. A cell that took its public lower
    bound there has that bound as its smallest value (no programme can go below it), and
    likewise its upper bound: the same ends the programme would find, without solving it."""
    column = {k: i for i, k in enumerate(group)}
    h = _model(problem, group, rows)
    seen_low = np.full(len(group), math.inf)
    seen_high = np.full(len(group), -math.inf)

    def observe(solved: highspy.Highs) -> None:
        values = np.asarray(solved.getSolution().col_value, dtype=np.float64)
        np.minimum(seen_low, values, out=seen_low)
        np.maximum(seen_high, values, out=seen_high)

    out: list[Interval[K]] = []
    previous: int | None = None
    for k in wanted:
        i = column[k]
        required = _required(problem, k)
        low_bound, high_bound = problem.bounds(k)
        ends: list[float] = []
        for sense in (highspy.ObjSense.kMinimize, highspy.ObjSense.kMaximize):
            if k in wide and seen_high[i] - seen_low[i] >= wide[k] - EPS:
                break
            if sense == highspy.ObjSense.kMinimize and seen_low[i] <= low_bound + EPS:
                ends.append(low_bound)
                continue
            if sense == highspy.ObjSense.kMaximize and seen_high[i] >= high_bound - EPS:
                ends.append(high_bound)
                continue
            if previous != i:
                if previous is not None:
                    h.changeColCost(previous, 0.0)
                h.changeColCost(i, 1.0)
                previous = i
            h.changeObjectiveSense(sense)
            h.run()
            if report is not None:
                report.linear_programmes += 1
            status = h.getModelStatus()
            if status == highspy.HighsModelStatus.kUnknown:
                # The warm-started simplex gave up (free columns: differences between two
                # releases): solve this one afresh, with presolve.
                fresh = _model(problem, group, rows)
                fresh.setOptionValue("presolve", "on")
                fresh.changeColCost(i, 1.0)
                fresh.changeObjectiveSense(sense)
                fresh.run()
                status = fresh.getModelStatus()
                if status == highspy.HighsModelStatus.kOptimal:
                    observe(fresh)
                    ends.append(fresh.getInfo().objective_function_value)
                    continue
            if status == highspy.HighsModelStatus.kOptimal:
                observe(h)
                ends.append(h.getInfo().objective_function_value)
            elif status in (
                highspy.HighsModelStatus.kUnbounded,
                highspy.HighsModelStatus.kUnboundedOrInfeasible,
            ):
                ends.append(-math.inf if sense == highspy.ObjSense.kMinimize else math.inf)
            else:  # the true values satisfy every relation: this is a bug, not an attack
                raise DisclosureAuditError(f"audit model of {k!r} is {status}")
        if len(ends) < 2:  # seen wide enough: the span seen stands for the interval
            ends = [ends[0] if ends else float(seen_low[i]), float(seen_high[i])]
        low, high = ends
        out.append(Interval(k, low, high, required(low, high)))
    return out


def protect(
    problem: Problem[K],
    *,
    may_hide: Callable[[K], bool] = lambda _k: True,
    max_rounds: int = MAX_ROUNDS,
    exact_intervals: bool = True,
) -> AuditReport:
    """Audit ``problem`` and widen ``problem.withheld`` until every checked cell passes.

    ``may_hide`` says which published cells may serve as complements (e.g. not the known
    zeros). A failing cell of ``problem.releasable`` that is pinned exactly is published
    instead (removed from ``withheld``). Raises :class:`DisclosureAuditError` when a failing
    cell has no complement left. ``exact_intervals=False``: for a caller that reads no
    interval of the report, a cell shown to pass by the solutions already found is not
    solved further (the same cells pass and fail; a passing cell's reported interval is then
    only what was seen of it).
    """
    started = time.perf_counter()
    report = AuditReport()
    before = set(problem.withheld)
    cost: Mapping[K, float] = problem.values
    by_cell: dict[K, list[Relation[K]]] = defaultdict(list)
    for rel in problem.relations:
        for key, _c in rel.terms:
            by_cell[key].append(rel)
    judged = problem.checked
    released: set[K] = set()
    streak: dict[K, int] = {}  # rounds failed in a row

    def hideable(k: K) -> bool:
        return k not in released and may_hide(k)

    implied: set[K] = set()

    def complement(k: K) -> bool:
        # A cell the published figures give whatever else is hidden protects nobody.
        return hideable(k) and k not in implied

    for round_number in range(1, max_rounds + 1):
        report.rounds = round_number
        wide = None if exact_intervals else {k: _needed(problem, k) for k in problem.withheld}
        intervals = audit(problem, report, wide=wide)
        failing = [i for i in intervals if not i.passed]
        report.intervals.update({i.key: (i.low, i.high) for i in intervals})
        # Pinned complements: their value is implied, the feasible set is the same once it is
        # published, so nothing else changes (they pass from here on).
        pinned = {i.key for i in failing if i.key in problem.releasable and i.high - i.low < EPS}
        for key in pinned:
            problem.withheld.discard(key)
            report.intervals.pop(key, None)
        released |= pinned
        failing = [i for i in failing if i.key not in pinned]
        if not failing:
            break
        # Cells that hiding more can never free: their value follows from published figures
        # that stay published (not hideable, or released). None is ever picked as a
        # complement (``complement``): the 4 000-pegawai demo's distribution table hid one
        # (a unit's last published category, its other ones pinned and released) and then
        # hid a cell further away every round for it until the rounds ran out. A withheld
        # cell that is one can never pass: fail now, naming it.
        implied = _implied(problem, hideable)
        for interval in failing:
            # A cell failing round after round may be one that no hiding frees through bounds
            # (which _implied does not see); hiding every hideable cell at once tells. Asked
            # once per cell: after the first round nothing is released, so the answer stays.
            streak[interval.key] = streak.get(interval.key, 0) + 1
            hopeless = streak[interval.key] == STUBBORN and not _freed_by_all(
                problem, interval.key, hideable
            )
            if interval.key in implied or hopeless:
                raise DisclosureAuditError(
                    f"cell {interval.key!r} can be narrowed to [{interval.low:g}, "
                    f"{interval.high:g}] and no published cell is left to hide that could "
                    "widen it (figures that stay published give its value)"
                )
        # Hiding one more cell only takes an equation away: every interval can only widen,
        # so a cell that passed keeps passing and the next round judges the failing ones and
        # the cells just hidden (they must not be pinned either). A cell the audit hid is never
        # released: alone it may be pinned, with the next ones hidden it is not (a whole
        # subtree at its bounds needs several).
        checked = {i.key for i in failing}
        for key in set(streak) - checked:
            streak[key] = 0
        # One complement per round for cells tied together (one complement often frees its
        # neighbours too, and several at once would hide more than needed); a cell left
        # without one may pass once the others' are in: it only fails when a round adds none.
        touched: set[K] = set()
        added = 0
        for interval in failing:
            if interval.key in touched:
                continue
            hidden = _hide_cheapest(problem, interval.key, by_cell, cost, complement)
            if hidden is None:
                continue
            added += 1
            checked.add(hidden)
            for cell in (interval.key, hidden):
                for rel in by_cell.get(cell, ()):
                    touched.update(k for k, _c in rel.terms)
        problem.checked = checked
        if not added:
            worst = failing[0]
            raise DisclosureAuditError(
                f"cell {worst.key!r} can be narrowed to [{worst.low:g}, {worst.high:g}] and "
                "no published cell is left to hide"
            )
    else:
        # Each round hides a cell never hidden before, so this stops a cell that no hiding
        # frees but _implied does not see (pinned through bounds): _hide_cheapest then hides
        # cells ever further away for it. The 4 000-pegawai demo's cross-table audit with
        # pinned complements published has one; publish_release then protects hiding only.
        raise DisclosureAuditError(f"the audit did not pass within {max_rounds} rounds")
    problem.checked = judged
    report.cells_added = len(problem.withheld - before)
    report.cells_released = len(released & before)
    report.cells_withheld = len(problem.withheld - problem.never_publish)
    report.seconds = time.perf_counter() - started
    return report


def _freed_by_all(problem: Problem[K], key: K, hideable: Callable[[K], bool]) -> bool:
    """Whether ``key`` passes once every cell that may still be hidden is: hiding only widens
    intervals, so a cell that fails even then fails whatever complements are chosen."""
    everything = {k for k in problem.values if k not in problem.withheld and hideable(k)}
    widest = replace(problem, withheld=problem.withheld | everything, checked={key})
    return all(i.passed for i in audit(widest))


def _implied(problem: Problem[K], hideable: Callable[[K], bool]) -> set[K]:
    """The cells whose value the published figures give, however many more are hidden.

    A published cell that may not be hidden (or was released) stays published; a relation
    whose cells are all such but one gives that one too (and so on). Hiding more takes only
    hideable published cells away, none of these, so such a cell is pinned for good: as a
    complement it protects nobody, as a withheld cell no suppression frees it."""
    known = {k for k in problem.values if k not in problem.withheld and not hideable(k)}
    unknown: list[set[K]] = []
    by_cell: dict[K, list[int]] = defaultdict(list)
    for rel in problem.relations:
        coefficients: dict[K, float] = defaultdict(float)
        for key, coefficient in rel.terms:
            coefficients[key] += coefficient
        cells = {k for k, c in coefficients.items() if abs(c) > EPS}
        for key in cells:
            by_cell[key].append(len(unknown))
        unknown.append(cells - known)
    queue = [index for index, cells in enumerate(unknown) if len(cells) == 1]
    while queue:
        cells = unknown[queue.pop()]
        if len(cells) != 1:
            continue
        (key,) = cells
        known.add(key)
        for index in by_cell[key]:
            unknown[index].discard(key)
            if len(unknown[index]) == 1:
                queue.append(index)
    return known


def _hide_cheapest(
    problem: Problem[K],
    key: K,
    by_cell: Mapping[K, list[Relation[K]]],
    cost: Mapping[K, float],
    may_hide: Callable[[K], bool],
) -> K | None:
    """Hide the cheapest published cell of a relation of ``key`` (or, failing that, of a
    relation of any withheld cell it is tied to): parts before totals, smaller first."""
    seen: set[K] = set()
    frontier = [key]
    while frontier:
        candidates: list[tuple[bool, bool, float, str, K]] = []
        next_frontier: list[K] = []
        for cell in frontier:
            seen.add(cell)
            for rel in by_cell.get(cell, ()):
                for position, (other, _c) in enumerate(rel.terms):
                    if other in problem.withheld:
                        if other not in seen:
                            next_frontier.append(other)
                    elif may_hide(other):
                        # A hidden zero is usually pinned by "a count is never negative":
                        # nonzero parts first, then smaller values, totals last.
                        value = cost[other]
                        candidates.append((position == 0, value == 0, value, str(other), other))
        if candidates:
            chosen = min(candidates)[4]
            problem.withheld.add(chosen)
            return chosen
        frontier = list(dict.fromkeys(k for k in next_frontier if k not in seen))
    return None


def relax_contradicted(problem: Problem[K], assumed: Iterable[K]) -> set[K]:
    """Free the ``assumed`` cells of every group whose published values contradict them.

    A joint programme over two releases links them with what the public may assume (a cell
    the correction did not change is the same in both: an unknown difference pinned at 0).
    Where the assumption is false, the published figures of the two releases cannot both hold
    with it: the group has no solution, and the public sees that too, so it knows that
    something there changed but not what. Those assumed differences become free (any amount
    either way); every other group keeps them. Returns the cells freed.
    """
    assumed = set(assumed) & problem.withheld
    groups, rows = _groups(problem)
    by_group: dict[K, int] = {k: index for index, group in enumerate(groups) for k in group}
    group_rows: dict[int, list[tuple[dict[K, float], float]]] = defaultdict(list)
    for row in rows:
        group_rows[by_group[next(iter(row[0]))]].append(row)
    freed: set[K] = set()
    for index, group in enumerate(groups):
        mine = [k for k in group if k in assumed]
        if mine and not _feasible(problem, group, group_rows[index]):
            for k in mine:
                problem.lower[k], problem.upper[k] = -math.inf, math.inf
            freed.update(mine)
    return freed


def _model(
    problem: Problem[K], group: list[K], rows: list[tuple[dict[K, float], float]]
) -> highspy.Highs:
    column = {k: i for i, k in enumerate(group)}
    h = highspy.Highs()  # type: ignore[no-untyped-call]
    h.setOptionValue("output_flag", False)
    # Small programmes solved many times with only the objective changed: presolve costs more
    # than it saves, and the simplex restarts from the previous basis.
    h.setOptionValue("presolve", "off")
    inf = highspy.kHighsInf
    bounds = [problem.bounds(k) for k in group]
    lows = np.array([-inf if math.isinf(lo) else lo for lo, _ in bounds], dtype=np.float64)
    highs = np.array([inf if math.isinf(hi) else hi for _, hi in bounds], dtype=np.float64)
    h.addVars(len(group), lows, highs)
    # All rows at once (compressed rows, in the same order): one call, not one per relation.
    starts: list[int] = []
    index: list[int] = []
    values: list[float] = []
    for coefficients, _constant in rows:
        starts.append(len(index))
        index.extend(column[k] for k in coefficients)
        values.extend(coefficients.values())
    constants = np.array([constant for _, constant in rows], dtype=np.float64)
    h.addRows(
        len(rows),
        constants,
        constants,
        len(index),
        np.array(starts, dtype=np.int32),
        np.array(index, dtype=np.int32),
        np.array(values, dtype=np.float64),
    )
    return h


def _feasible(
    problem: Problem[K], group: list[K], rows: list[tuple[dict[K, float], float]]
) -> bool:
    h = _model(problem, group, rows)
    h.run()
    return bool(h.getModelStatus() == highspy.HighsModelStatus.kOptimal)
