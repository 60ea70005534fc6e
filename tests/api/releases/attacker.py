"""An attacker with a linear-programming solver and only what a release publishes.

It rebuilds the relations a journalist can write down from the public figures (a total is its
own staff plus its sub-units, the city is the sum of the roots, filed = upheld + rejected +
pending, the categories of a distribution, a percentage times its head count, the people
distributed ≤ evaluated ≤ eligible ≤ head count) and asks HiGHS
for the smallest and largest value of every withheld cell. Nothing here reads a true value:
``values`` of the problem are zeros, only the bounds and relations count.
``attack_survey_pair`` reads a correction together with the release it replaces.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from decimal import Decimal

from server.domain.disclosure_audit import (
    Interval,
    Problem,
    Relation,
    audit,
)
from server.services.releases.pair_audit import release_figures, survey_figures
from server.services.releases.read import IkmFigures, ServiceFigures, UnitFigures

__all__ = ["release_figures", "survey_figures"]  # where the tests read a protected release

Cell = tuple[str, ...]
OBJECTIONS = ("filed", "upheld", "rejected", "pending")


def _tree(units: Sequence[UnitFigures]) -> tuple[dict[str, list[str]], list[str]]:
    children: dict[str, list[str]] = defaultdict(list)
    roots: list[str] = []
    for u in units:
        if u.parent_code is None:
            roots.append(u.code or "")
        else:
            children[u.parent_code].append(u.code or "")
    return children, roots


class Attack:
    """The public knowledge of one release as linear relations over named cells."""

    def __init__(self) -> None:
        self.known: dict[Cell, float] = {}
        self.relations: list[Relation[Cell]] = []
        self.upper: dict[Cell, float] = {}
        self.lower: dict[Cell, float] = {}
        self.withheld: set[Cell] = set()  # published columns that came back null
        self.unknown: set[Cell] = set()  # never published (a unit's own staff in a total table)

    def cell(self, key: Cell, value: float | Decimal | None, status: str | None) -> None:
        if value is not None:
            self.known[key] = float(value)
        elif status != "NOT_AVAILABLE":
            self.withheld.add(key)

    def solve(self) -> list[Interval[Cell]]:
        free = self.withheld | self.unknown
        cells = set(self.known) | free
        problem: Problem[Cell] = Problem(
            values={k: self.known.get(k, 0.0) for k in cells},
            relations=self.relations,
            withheld=free,
            upper=dict(self.upper),
            lower=dict(self.lower),
            checked=set(self.withheld),
        )
        return audit(problem)


def attack_release(
    city: UnitFigures, units: Sequence[UnitFigures], completion_of_eligible: bool = True
) -> list[Interval[Cell]]:
    """Every withheld cell of a release with the interval the public figures leave it.

    ``completion_of_eligible``: the completion is of the pegawai with a set SKP (the
    methodology); else of the head count (fixtures without eligible counts)."""
    return _release(city, units, completion_of_eligible).solve()


def attack_release_pair(
    first: tuple[UnitFigures, Sequence[UnitFigures]],
    second: tuple[UnitFigures, Sequence[UnitFigures]],
    changes: Mapping[Cell, tuple[float, float]],
    completion_of_eligible: bool = True,
) -> list[Interval[Cell]]:
    """Every withheld cell of a release and of its correction, from both together (cells
    ``("1", …)`` and ``("2", …)``).

    ``changes``: what the attacker knows of the correction (its public note, e.g. "one
    pegawai added to NINE"), as the change of a unit's own-staff cells, e.g.
    ``("head", "D", "NINE"): (1, 1)``; every other own-staff cell is the same in both (the
    worst case for the release), and the totals follow through the tree sums.
    """
    a = Attack()
    for tag, (city, units) in (("1", first), ("2", second)):
        _merge(a, _release(city, units, completion_of_eligible), tag)
    own = {k[1:] for k in (*a.known, *a.withheld, *a.unknown) if len(k) == 4 and k[2] == "D"}
    for cell in own:
        if ("1", *cell) in a.known and ("2", *cell) in a.known:
            continue
        grown = ("+", *cell)
        a.unknown.add(grown)
        a.lower[grown], a.upper[grown] = changes.get(cell, (0.0, 0.0))
        a.relations.append(Relation.total(("2", *cell), [("1", *cell), grown]))
    return a.solve()


def _merge(a: Attack, b: Attack, tag: str) -> None:
    """Add ``b``'s knowledge to ``a``, every cell prefixed by ``tag``."""

    def t(key: Cell) -> Cell:
        return (tag, *key)

    a.known.update({t(k): v for k, v in b.known.items()})
    a.upper.update({t(k): v for k, v in b.upper.items()})
    a.lower.update({t(k): v for k, v in b.lower.items()})
    a.withheld |= {t(k) for k in b.withheld}
    a.unknown |= {t(k) for k in b.unknown}
    a.relations += [Relation(tuple((t(k), c) for k, c in r.terms), r.constant) for r in b.relations]


def _release(
    city: UnitFigures, units: Sequence[UnitFigures], completion_of_eligible: bool = True
) -> Attack:
    a = Attack()
    children, roots = _tree(units)
    everyone = [city, *units]
    head: dict[str, float] = {}
    for u in everyone:
        code = u.code or ""
        a.cell(("head", "T", code), u.headcount, u.headcount_status)
        if u.headcount is not None:
            head[code] = float(u.headcount)
        if u.code is not None:
            a.cell(("head", "D", code), u.direct_headcount, u.direct_headcount_status)
    for u in units:
        code = u.code or ""
        a.relations.append(
            Relation.total(
                ("head", "T", code),
                [("head", "D", code), *(("head", "T", c) for c in children[code])],
            )
        )
    a.relations.append(Relation.total(("head", "T", ""), [("head", "T", r) for r in roots]))

    def tree_table(name: str) -> None:
        """``name`` per total, its own-staff part unknown (at most the unit's own head count)."""
        for u in units:
            code = u.code or ""
            own = (name, "D", code)
            a.unknown.add(own)
            direct = u.direct_headcount
            a.upper[own] = math.inf if direct is None else float(direct)
            a.relations.append(
                Relation.total((name, "T", code), [own, *((name, "T", c) for c in children[code])])
            )
        a.relations.append(Relation.total((name, "T", ""), [(name, "T", r) for r in roots]))
        for u in everyone:
            a.upper.setdefault((name, "T", u.code or ""), head.get(u.code or "", math.inf))

    for part in OBJECTIONS:
        for u in everyone:
            a.cell(
                (part, "T", u.code or ""),
                getattr(u, f"objections_{part}"),
                getattr(u, f"objections_{part}_status"),
            )
        if any(getattr(u, f"objections_{part}_status") != "NOT_AVAILABLE" for u in everyone):
            tree_table(part)
    for u in everyone:
        if u.objections_filed_status != "NOT_AVAILABLE":
            code = u.code or ""
            a.relations.append(
                Relation.total(("filed", "T", code), [(p, "T", code) for p in OBJECTIONS[1:]])
            )
    categories = [d.category for d in city.distribution]
    if city.distribution_status != "NOT_AVAILABLE":
        for category in categories:
            for u in everyone:
                d = next(x for x in u.distribution if x.category == category)
                if d.count_status == "NOT_AVAILABLE":  # nobody distributed there: zero
                    a.known[(category, "T", u.code or "")] = 0.0
                else:
                    a.cell((category, "T", u.code or ""), d.count, d.count_status)
            tree_table(category)
    # A published SKP coverage of a published head count is its numerator, the eligible
    # (pegawai with a set SKP); a published completion of a known eligible is its numerator,
    # the evaluated: evaluated = head count × coverage × completion.
    eligible: dict[str, float] = {}
    completion_base = eligible if completion_of_eligible else head
    for column, base in (
        ("skp_coverage_pct", head),
        ("evaluation_completion_pct", completion_base),
    ):
        for u in everyone:
            pct: Decimal | None = getattr(u, column)
            status = getattr(u, f"{column}_status")
            code = u.code or ""
            if pct is not None and code in base:
                a.known[(column, "T", code)] = round(float(pct) * base[code] / 100)
                if column == "skp_coverage_pct":
                    eligible[code] = a.known[(column, "T", code)]
            elif status == "NOT_AVAILABLE":
                a.known[(column, "T", code)] = 0.0  # nobody to count: the numerator is zero
            elif pct is None:
                a.withheld.add((column, "T", code))
            else:  # a percentage of an unknown denominator: its numerator is an unknown
                a.unknown.add((column, "T", code))
        if any(getattr(u, f"{column}_status") != "NOT_AVAILABLE" for u in everyone):
            tree_table(column)
    # The people in a distribution were evaluated (finalised evaluations with a predicate):
    # Σ categories ≤ evaluated, equal where the completion is counted from the distribution.
    if city.distribution_status != "NOT_AVAILABLE" and any(
        u.evaluation_completion_pct_status != "NOT_AVAILABLE" for u in everyone
    ):
        for u in everyone:
            code = u.code or ""
            evaluated = ("evaluation_completion_pct", "T", code)
            people = [(category, "T", code) for category in categories]
            if completion_of_eligible:
                slack = ("slack", "distributed", code)
                a.unknown.add(slack)
                people.append(slack)
            a.relations.append(Relation.total(evaluated, people))
    # The evaluated are among the eligible.
    rates = ("evaluation_completion_pct_status", "skp_coverage_pct_status")
    if completion_of_eligible and all(
        any(getattr(u, rate) != "NOT_AVAILABLE" for u in everyone) for rate in rates
    ):
        for u in everyone:
            code = u.code or ""
            _at_most(a, ("evaluation_completion_pct", "T", code), ("skp_coverage_pct", "T", code))
    return a


def _at_most(a: Attack, small: Cell, large: Cell) -> None:
    """``small ≤ large``: ``large = small + slack``, the slack an unknown at least zero."""
    slack = ("slack", *small, large[0])
    a.unknown.add(slack)
    a.relations.append(Relation.total(large, [small, slack]))


Release = tuple[UnitFigures, Sequence[UnitFigures], Sequence[ServiceFigures]]


def attack_survey(
    city: UnitFigures, units: Sequence[UnitFigures], services: Sequence[ServiceFigures]
) -> list[Interval[Cell]]:
    """Every withheld NRR and IKM of a release, as score sums (NRR × answers, scores 1–4).

    A published NRR times its published answers is its score sum (rounded to the integer it
    is); sums add up over a unit's services and sub-units, the city over its roots; where every
    respondent answered every unsur, 9 × respondents × IKM is the row's total score.
    """
    a = Attack()
    _survey(a, (), city, units, services)
    return a.solve()


def attack_survey_pair(first: Release, second: Release) -> list[Interval[Cell]]:
    """Every withheld NRR and IKM of a release and of the correction that replaces it, from
    both releases' published values together (cells ``("1", row…, unsur)`` and ``("2", …)``).

    The answers are published whole, so the attacker sees which rows the correction changed
    and by how many answers. It assumes the worst for the release: a correction only adds
    answers, so a row's score sum of an unsur grows by one to four points per added answer
    and stays the same where no answer was added (the differencing of issue 10).
    """
    a = Attack()
    before = _survey(a, ("1",), *first)
    after = _survey(a, ("2",), *second)
    for cell, answers in after.items():
        if cell not in before:
            continue
        added = answers - before[cell]
        grown = ("+", *cell)
        a.unknown.add(grown)
        a.lower[grown], a.upper[grown] = sorted((1.0 * added, 4.0 * added))
        a.relations.append(Relation.total(("2", *cell), [("1", *cell), grown]))
    return a.solve()


def _survey(
    a: Attack,
    tag: tuple[str, ...],
    city: UnitFigures,
    units: Sequence[UnitFigures],
    services: Sequence[ServiceFigures],
) -> dict[Cell, int]:
    """The survey relations of one release (cells prefixed by ``tag``); returns the answers
    of every row and unsur (``(kind, code, unsur)``, untagged)."""
    children, roots = _tree(units)
    own: dict[str, list[str]] = defaultdict(list)
    rows: dict[tuple[str, str], IkmFigures] = {("U", ""): city.survey}
    for u in units:
        rows[("U", u.code or "")] = u.survey
    for sv in services:
        rows[("V", sv.code)] = sv.survey
        own[sv.unit_code].append(sv.code)
    answered: dict[Cell, int] = {}
    for (kind, code), survey in rows.items():
        for x in survey.unsur:
            answered[(kind, code, x.unsur)] = x.answers
            key = (*tag, kind, code, x.unsur)
            a.lower[key], a.upper[key] = float(x.answers), 4.0 * x.answers
            if x.answers == 0:
                a.known[key] = 0.0
            elif x.nrr is not None:
                a.known[key] = float(round(x.nrr * x.answers))
            else:
                a.withheld.add(key)
        uniform = survey.survey_responses > 0 and all(
            x.answers == survey.survey_responses for x in survey.unsur
        )
        if uniform:
            ikm = (*tag, kind, code, "IKM")
            r = survey.survey_responses
            a.lower[ikm], a.upper[ikm] = 9.0 * r, 36.0 * r
            if survey.ikm is not None:
                a.known[ikm] = float(round(9 * r * survey.ikm))
            else:
                a.withheld.add(ikm)
            a.relations.append(
                Relation.total(ikm, [(*tag, kind, code, x.unsur) for x in survey.unsur])
            )
    codes = [x.unsur for x in city.survey.unsur]
    for code in codes:
        for u in units:
            unit = u.code or ""
            a.relations.append(
                Relation.total(
                    (*tag, "U", unit, code),
                    [
                        *((*tag, "V", s, code) for s in own[unit]),
                        *((*tag, "U", c, code) for c in children[unit]),
                    ],
                )
            )
        a.relations.append(
            Relation.total((*tag, "U", "", code), [(*tag, "U", r, code) for r in roots])
        )
    return answered


def pinned(intervals: list[Interval[Cell]]) -> list[Interval[Cell]]:
    """The withheld cells the attacker can tell exactly."""
    return [i for i in intervals if i.high - i.low < 1 - 1e-6]
