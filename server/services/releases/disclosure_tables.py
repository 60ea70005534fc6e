"""Disclosure control of a release, applied once at publication (DESIGN.md "Security and privacy").

Every published number is a cell of a table tied together by sums: a unit's total equals its
own staff plus its sub-units' totals, the city equals the sum of the roots, and the categories
of a distribution add up to the number of people distributed. ``server.domain.disclosure``
hides the cells about too few people (primary suppression) and then enough further cells that
no sum has exactly one hidden part (complementary suppression). Percentages are protected
through their numerators with the same sums, since a published percentage times a published
head count gives the numerator back.

The relations the audit sees (server.domain.disclosure_audit), per table:

* head counts: a total is its own staff plus its sub-units' totals; the city is its roots;
* SKP coverage and evaluation completion, through their numerators: the same tree sums, each
  numerator at most its denominator as far as the public can tell it (a published percentage
  times a published head count is its numerator, so a published one is a constant);
* keberatan: ``filed = upheld + rejected + pending`` per row, and the tree sums of each;
* predicate distribution: the categories add up to the people distributed (public in effect),
  and the tree sums of each category;
* survey: score sums per unsur (NRR × published answers) over services, units and the city,
  and each row's IKM (a weighted mean of its NRR, linear once the answers are known);
* on-time realisations: neither the count on time nor the realisations are published, so the
  percentage gives no linear identity between published cells (a ratio of sums is not a sum
  of ratios); what it does tell, a total at 0 % or 100 % fixing every part, is withheld
  instead (``_bounded_ratios``).

A correction (a release that replaces another of the same period) withholds again every
cell the replaced release withheld, in every table above, survey and on-time included
(``Forced``): such a cell is judged (never pinned) and never published, so the pair cannot
be differenced; on-time totals above it are withheld as above one withheld now. A count (head
count, keberatan, distribution) or survey score sum (with the same answers) the replaced
release published, with the same value now, is known from the pair: it is published again and
never serves as a complement (``_audited``, ``_survey_audit``). So is an SKP coverage or
completion percentage it published whose denominator (as the public tells it: the published
head count, or head count × coverage for the eligible) and percentage are the same now, hence
its numerator (``_percent_cells``). On-time percentages give no linear identity, so nothing
to repeat there. The evaluation tables of a correction and of the release it replaces are
then audited together as one programme (server.services.releases.pair_audit), which may
withhold more cells of the correction.

The tables are audited one by one here, each with the bounds the others give; the relation
between them (the people of a distribution were evaluated, the evaluated had a set SKP, so
distributed ≤ evaluated ≤ head count × coverage ≤ head count) is audited over the whole
release afterwards (``pair_audit.protect_single``), which may withhold more cells.

Not relations between cells: converted IKM and band (the IKM again), respondents, answers,
service users and the Krejcie–Morgan sample (published whole: coefficients and bounds), the
organisation predicate (a unit's result, about no person).

The output holds only values that may be published, each with the reason when it is null.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any, Generic, TypeVar

from server.domain.disclosure import (
    Constraint,
    DisclosurePolicy,
    SuppressionReason,
    SuppressionResult,
    below,
    suppress,
)
from server.domain.disclosure_audit import AuditReport, Problem, Relation, protect
from server.domain.ikm import Unsur, compute_ikm, ikm_from_nrr, required_sample
from server.services.releases.builder import (
    CATEGORIES,
    ObjectionTally,
    RawRelease,
    RawService,
    RawUnit,
    SurveyTally,
)

T = TypeVar("T")
OBJECTION_PARTS = ("upheld", "rejected", "pending")  # filed = upheld + rejected + pending
CITY = ""  # the key of the city in the cell tables (no unit has an empty code)
Key = tuple[str, str]  # ("T" total | "D" direct, unit code)


class ValueStatus(StrEnum):
    """Why a published value is null; absent (None) when the value is published.

    Releases store one status for every withheld value, ``WITHHELD``: "too few people" and
    "hidden to protect another value" told apart gave an attacker a range for each (1 to
    threshold − 1, or 0 and from the threshold up). BELOW_THRESHOLD and COMPLEMENTARY remain
    only in the stored rows of releases published before, and are served as WITHHELD.
    """

    WITHHELD = "WITHHELD"
    BELOW_THRESHOLD = "BELOW_THRESHOLD"
    COMPLEMENTARY = "COMPLEMENTARY"
    NOT_AVAILABLE = "NOT_AVAILABLE"


HIDDEN_STATUSES = frozenset({"WITHHELD", "BELOW_THRESHOLD", "COMPLEMENTARY"})


@dataclass(frozen=True)
class Cell(Generic[T]):
    value: T | None
    status: ValueStatus | None = None

    @staticmethod
    def hidden(status: ValueStatus) -> Cell[T]:
        return Cell(None, status)


NOT_AVAILABLE: Cell[object] = Cell(None, ValueStatus.NOT_AVAILABLE)


@dataclass(frozen=True)
class PublishedUnsur:
    unsur: str
    nrr: Cell[Decimal]
    answers: int


@dataclass(frozen=True)
class PublishedIkm:
    responses: int
    ikm: Cell[Decimal]
    converted: Decimal | None
    band: str | None
    population: int | None
    required_sample: int | None
    sample_sufficient: bool | None
    unsur: tuple[PublishedUnsur, ...]


@dataclass(frozen=True)
class PublishedUnit:
    scope: str  # CITY or UNIT
    code: str | None
    name: str
    kind: str | None
    parent_code: str | None
    depth: int
    headcount: Cell[int]
    direct_headcount: Cell[int]
    skp_coverage_pct: Cell[Decimal]
    realization_on_time_pct: Cell[Decimal]
    evaluation_completion_pct: Cell[Decimal]
    org_performance: Cell[str]
    objections_filed: Cell[int]
    objections_upheld: Cell[int]
    objections_rejected: Cell[int]
    objections_pending: Cell[int]
    distribution_status: ValueStatus | None
    distribution: dict[str, Cell[int]]
    ikm: PublishedIkm


@dataclass(frozen=True)
class PublishedService:
    code: str
    name: str
    unit_code: str
    ikm: PublishedIkm


@dataclass
class ProtectedRelease:
    units: list[PublishedUnit] = field(default_factory=list)  # the city first
    services: list[PublishedService] = field(default_factory=list)
    audit: dict[str, AuditReport] = field(default_factory=dict)  # per table
    # A correction's joint audit with the release it replaces (pair_audit): its cells are
    # those of both releases, so it is reported beside the tables, not in their total.
    pair: AuditReport | None = None

    def audit_report(self) -> dict[str, object]:
        """The stored report: per table and in total (cells withheld, added, seconds), and
        the pair's figures for a correction."""
        total = AuditReport()
        for report in self.audit.values():
            total.add(report)
        out: dict[str, object] = {
            "total": total.as_dict(),
            "tables": {name: r.as_dict() for name, r in sorted(self.audit.items())},
        }
        if self.pair is not None:
            out["pair"] = self.pair.as_dict()
        return out


@dataclass(frozen=True)
class PublishedCount:
    """A count the replaced release published: ``value`` in cell ``key`` of ``table``."""

    table: str  # "headcount" | "distribution" | "objections"
    key: Any
    value: int


@dataclass(frozen=True)
class PublishedPercent:
    """A percentage the replaced release published (``table`` "skp" or "completion")."""

    table: str
    key: Key
    value: Decimal


@dataclass(frozen=True)
class PublishedSum:
    """A score sum the replaced release published in one survey row (NRR × answers)."""

    row: SurveyRow
    unsur: str
    total: int
    answers: int


# Cells a replaced release withheld, per table, which its correction withholds too (forced);
# under "published", the counts and percentages it published (``PublishedCount``,
# ``PublishedPercent``), and under "survey_published" its score sums (``PublishedSum``).
Forced = Mapping[str, set[object]]


def _status(reason: object) -> ValueStatus:
    """The public status of a suppression reason: one WITHHELD for every withheld value."""
    status = ValueStatus(str(reason))
    return ValueStatus.WITHHELD if status.value in HIDDEN_STATUSES else status


def percent(numerator: int, denominator: int) -> Decimal:
    value = Decimal(100 * numerator) / Decimal(denominator)
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def four_places(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal("0.0001"), rounding=ROUND_HALF_UP
    )


class _Tree:
    """The unit tree of a release with the sums that tie its cells together."""

    def __init__(self, units: list[RawUnit]) -> None:
        self.units = units
        self.children: dict[str, list[str]] = defaultdict(list)
        self.roots: list[str] = []
        self.depth: dict[str, int] = {}
        for u in units:  # parents come first
            if u.parent_code is None:
                self.roots.append(u.code)
                self.depth[u.code] = 0
            else:
                self.children[u.parent_code].append(u.code)
                self.depth[u.code] = self.depth[u.parent_code] + 1

    def cells(self, direct: Mapping[str, int]) -> dict[Key, int]:
        """Direct cells, subtree totals and the city total from the direct values."""
        values: dict[Key, int] = {}
        for u in reversed(self.units):  # children before parents
            values[("D", u.code)] = direct[u.code]
            values[("T", u.code)] = direct[u.code] + sum(
                values[("T", c)] for c in self.children[u.code]
            )
        values[("T", CITY)] = sum(values[("T", r)] for r in self.roots)
        return values

    def constraints(self) -> list[Constraint[Key]]:
        rules = [
            Constraint(("T", u.code), (("D", u.code), *(("T", c) for c in self.children[u.code])))
            for u in self.units
        ]
        rules.append(Constraint(("T", CITY), tuple(("T", r) for r in self.roots)))
        return rules


def _audited(
    values: Mapping[Any, int],
    constraints: list[Constraint[Any]],
    result: SuppressionResult[Any],
    threshold: int,
    share: float,
    *,
    never: set[Any] | None = None,
    upper: Mapping[Any, float] | None = None,
    may_hide: Callable[[Any], bool] = lambda _k: True,
    forced: set[Any] | None = None,
    kept: set[Any] | None = None,
    published_before: Mapping[Any, int] | None = None,
) -> AuditReport:
    """Audit one table after primary and complementary suppression, and hide more until no
    withheld cell is pinned, nor a sensitive one narrowed below ``share`` of ``threshold``
    values (``DisclosurePolicy.protection``; server.domain.disclosure_audit).

    ``never``: cells that are not a published column at all (a unit's own staff in a table that
    publishes only totals): unknowns for the attacker, protected when sensitive, never hidden.
    ``forced``: cells a replaced release withheld; ``kept``: cells withheld because a figure
    they would give back is withheld (a percentage of a hidden head count). Neither is ever
    published, even when the published values pin it: it is protected by hiding more. Every
    other complement the published values pin is published (its value is implied).
    ``published_before``: the values the replaced release published. A complement with the
    same value now is known from the pair: published again, never a complement.
    """
    never = never or set()
    forced = forced or set()
    primary = {k for k, r in result.reasons.items() if r is SuppressionReason.BELOW_THRESHOLD}
    repeated = {
        k
        for k, v in (published_before or {}).items()
        if k in values and values[k] == v and k not in primary | forced | (kept or set())
    }
    # A zero describes no one (server.domain.disclosure.below): a small row is withheld whole,
    # zeros included, but only its nonzero cells need an interval (a published city total of
    # zero tells every unit's zero, and hiding the city would protect nobody).
    sensitive = {
        k
        for k, r in result.reasons.items()
        if r is SuppressionReason.BELOW_THRESHOLD and values[k] != 0
    }
    problem: Problem[Any] = Problem(
        values={k: float(v) for k, v in values.items()},
        relations=[Relation.total(c.total, c.parts) for c in constraints],
        withheld=(set(result.reasons) | never) - repeated,
        sensitive=sensitive,
        upper=dict(upper or {}),
        protection=dict.fromkeys(
            sensitive, DisclosurePolicy(protection_share=share).protection(threshold)
        ),
        never_publish=never,
        # Judged: the cells about too few people (published or not) and every withheld cell
        # that is not primary (complements, cells a replaced release withheld): none pinned.
        # A withheld zero of a small row describes no one and is not judged.
        # So is a zero withheld only because its percentage's head count is (``kept``): a
        # percentage of 0 gives no head count back. In a correction too (a percentage kept
        # withheld because the replaced release withheld it: a demo correction of an
        # unchanged semester failed on a completion of 0 under a parent at 0 %); whether the
        # pair tells more about it is the joint audit's to judge (pair_audit).
        checked=sensitive
        | {
            k
            for k in set(result.reasons) - primary - never
            if k not in (kept or set()) or values[k] != 0
        },
        releasable=set(result.reasons) - primary - never - forced - (kept or set()),
    )
    report = protect(
        problem, may_hide=lambda k: k not in never and k not in repeated and may_hide(k)
    )
    for key in problem.withheld - set(result.reasons) - never:
        result.reasons[key] = SuppressionReason.COMPLEMENTARY
    for key in set(result.reasons) - problem.withheld:  # pinned complements, published
        del result.reasons[key]
    return report


def _protect(
    tree: _Tree,
    direct: Mapping[str, int],
    threshold: int,
    forced: set[Key] | None = None,
    share: float = DisclosurePolicy.protection_share,
    published_before: Mapping[Key, int] | None = None,
) -> tuple[dict[Key, int], SuppressionResult[Key], AuditReport]:
    values = tree.cells(direct)
    constraints = tree.constraints()
    result = suppress(values, constraints, below(threshold), forced or ())
    return (
        values,
        result,
        _audited(
            values,
            constraints,
            result,
            threshold,
            share,
            forced=forced or set(),
            published_before=published_before,
        ),
    )


def _keys(cells: set[Any] | None) -> set[Any]:
    return set(cells or ())


def _published_before(forced: Forced) -> dict[str, dict[Any, int]]:
    """The counts the replaced release published, per table."""
    out: dict[str, dict[Any, int]] = defaultdict(dict)
    for entry in forced.get("published", ()):
        if isinstance(entry, PublishedCount):
            out[entry.table][entry.key] = entry.value
    return out


def _percent_before(
    forced: Forced, table: str, denominator: Mapping[Key, int]
) -> dict[Key, tuple[Decimal, int]]:
    """The percentages of ``table`` the replaced release published, each with its
    denominator there as the public can tell it (``denominator``; left out without one)."""
    return {
        entry.key: (entry.value, denominator[entry.key])
        for entry in forced.get("published", ())
        if isinstance(entry, PublishedPercent) and entry.table == table and entry.key in denominator
    }


def _head_bound(
    hc_values: Mapping[Key, int], hc_result: SuppressionResult[Key], hc_audit: AuditReport
) -> dict[Key, float]:
    """What an attacker knows of each head count: its value, or the audit's upper end."""
    bound: dict[Key, float] = {}
    for key, value in hc_values.items():
        if key in hc_result.reasons:
            bound[key] = hc_audit.intervals.get(key, (0.0, float("inf")))[1]
        else:
            bound[key] = float(value)
    return bound


def _cell(values: Mapping[Key, int], result: SuppressionResult[Key], key: Key) -> Cell[int]:
    reason = result.reasons.get(key)
    return Cell(None, _status(reason)) if reason is not None else Cell(values[key])


def _percent_cells(
    tree: _Tree,
    numerator: Mapping[str, int],
    denominator: Mapping[str, int],
    people: Mapping[str, int],
    threshold: int,
    *,
    public_denominator: bool = True,
    forced: set[Key] | None = None,
    head_bound: Mapping[Key, float] | None = None,
    audit: dict[str, AuditReport] | None = None,
    name: str = "",
    share: float = DisclosurePolicy.protection_share,
    prior: set[Key] | None = None,
    published_before: Mapping[Key, tuple[Decimal, int]] | None = None,
) -> dict[str, Cell[Decimal]]:
    """Percentages of total cells, protected through their numerators.

    With a public denominator (a head count, or one derivable from published figures) a part
    about nobody is a zero that anyone can tell, so it never serves as a complement; the
    numerators are audited then (a published percentage times its published head count gives
    the numerator back; a unit's own staff's numerator is never published, an unknown at most
    its head count). ``forced``: total cells withheld whatever their size (their head count
    is withheld, or the replaced release withheld them). Where the denominator is not
    published (realisations), numerators cannot be had from percentages and every part counts.
    ``published_before``: the percentages the replaced release published, with their
    denominators. One with the same denominator and percentage now (so the same numerator) is
    known from the pair: published again, never a complement.
    """
    people_cells = tree.cells(people)
    num_cells = tree.cells(numerator)
    constraints = [
        Constraint(rule.total, parts)
        for rule in tree.constraints()
        if (parts := tuple(p for p in rule.parts if not public_denominator or people_cells[p] != 0))
    ]
    result = suppress(
        num_cells, constraints, lambda key, _v: 0 < people_cells[key] < threshold, forced or ()
    )
    den_cells = tree.cells(denominator)
    if not public_denominator:
        result = _bounded_ratios(
            tree,
            num_cells,
            den_cells,
            constraints,
            lambda key, _v: 0 < people_cells[key] < threshold,
            set(forced or ()),
            result,
        )
    if public_denominator and audit is not None:
        # Own-staff numerators are no column; known zeros (nobody there) are constants.
        never = {k for k in num_cells if k[0] == "D" and people_cells[k] != 0}
        bound = head_bound or {}
        upper = {k: bound.get(k, float(people_cells[k])) for k in num_cells}
        repeated = {
            k: num_cells[k]
            for k, (pct, den) in (published_before or {}).items()
            if k in num_cells and den and den_cells[k] == den and percent(num_cells[k], den) == pct
        }
        audit[name] = _audited(
            num_cells,
            constraints,
            result,
            threshold,
            share,
            never=never,
            upper=upper,
            may_hide=lambda k: k[0] == "T" and people_cells[k] != 0 and den_cells[k] != 0,
            forced=prior,
            kept=forced,
            published_before=repeated,
        )
    out: dict[str, Cell[Decimal]] = {}
    for code in [CITY, *(u.code for u in tree.units)]:
        key = ("T", code)
        if den_cells[key] == 0:
            out[code] = Cell.hidden(ValueStatus.NOT_AVAILABLE)
        elif key in result.reasons:
            out[code] = Cell.hidden(_status(result.reasons[key]))
        else:
            out[code] = Cell(percent(num_cells[key], den_cells[key]))
    return out


def _bounded_ratios(
    tree: _Tree,
    num_cells: Mapping[Key, int],
    den_cells: Mapping[Key, int],
    constraints: list[Constraint[Key]],
    sensitive: Callable[[Key, int], bool],
    forced: set[Key],
    result: SuppressionResult[Key],
) -> SuppressionResult[Key]:
    """Withhold every percentage at 0 % or 100 % above a withheld one (a percentage whose
    numerator and denominator are both unpublished, the on-time realisations).

    Such a percentage gives no linear identity between published cells: neither count is
    published and a ratio of sums is not a sum of ratios, so the audit's programmes do not
    apply. What it does give: a total's percentage is a mean of its parts' weighted by their
    unknown denominators, so each part lies on the far side of the total from the others, and
    a total at 0 % or 100 % tells every part of it exactly (all on time, or none), and so does
    a total equal to each of its other parts (a mean of equal values) when one part is unknown
    (withheld, or the own staff's, never a column). Withholding those totals too (and
    suppressing again so that no sum has one hidden part) leaves no withheld part fixed by
    its ancestors' percentages alone.
    """
    parent: dict[Key, Key] = {}
    for u in tree.units:
        parent[("T", u.code)] = ("T", u.parent_code) if u.parent_code else ("T", CITY)
    extra: set[Key] = set()
    while True:
        exposing: set[Key] = set()
        for key in [k for k in result.reasons if k[0] == "T" and den_cells[k]]:
            above = parent.get(key)
            while above is not None:
                if above not in result.reasons and num_cells[above] in (0, den_cells[above]):
                    exposing.add(above)
                above = parent.get(above)
        # A mean of equal values: a total whose own staff realised nothing (as if known),
        # shown with every other part at its own percentage, tells the one withheld part.
        for rule in constraints:
            if rule.total in result.reasons or den_cells[rule.total] == 0:
                continue
            parts = [p for p in rule.parts if den_cells[p]]
            hidden = [p for p in parts if p in result.reasons or p[0] == "D"]
            shown = [p for p in parts if p not in hidden]
            if (
                len(hidden) == 1
                and hidden[0][0] == "T"
                and all(
                    num_cells[p] * den_cells[rule.total] == num_cells[rule.total] * den_cells[p]
                    for p in shown
                )
            ):
                exposing.add(rule.total)
        if not exposing:
            return result
        extra |= exposing
        result = suppress(num_cells, constraints, sensitive, forced | extra)


def _nrr_withheld(tally: SurveyTally, threshold: int) -> set[Unsur]:
    """The unsur whose NRR is about too few people (primary): every one of a row answered by
    fewer respondents than the threshold, else those with fewer valid answers."""
    small = tally.responses < threshold
    return {u for u in Unsur if tally.counts[u] and (small or tally.counts[u] < threshold)}


def _ikm(tally: SurveyTally, threshold: int, hidden: set[str] | None = None) -> PublishedIkm:
    """The published survey figures of a row; ``hidden``: the unsur codes whose NRR, and
    "IKM" when the IKM (with its converted value and band), the audit withheld."""
    population = tally.population
    required = required_sample(population) if population is not None else None
    sufficient = None if required is None else tally.responses >= required
    nrr: dict[Unsur, Fraction | None] = {
        u: Fraction(tally.sums[u], tally.counts[u]) if tally.counts[u] else None for u in Unsur
    }
    small = tally.responses < threshold
    hidden = hidden or set()
    withheld = _nrr_withheld(tally, threshold) | {u for u in Unsur if u.value in hidden}
    unsur = tuple(
        PublishedUnsur(
            u.value,
            Cell.hidden(ValueStatus.NOT_AVAILABLE)
            if nrr[u] is None
            else Cell.hidden(ValueStatus.WITHHELD)
            if u in withheld
            else Cell(four_places(nrr[u])),  # type: ignore[arg-type]
            tally.counts[u],
        )
        for u in Unsur
    )
    result = ikm_from_nrr(nrr, tally.responses) if tally.responses else compute_ikm([])
    if result.ikm is None:
        ikm: Cell[Decimal] = Cell.hidden(ValueStatus.NOT_AVAILABLE)
    elif small or "IKM" in hidden:
        ikm = Cell.hidden(ValueStatus.WITHHELD)
    else:
        ikm = Cell(four_places(result.ikm))
    shown = ikm.value is not None
    return PublishedIkm(
        responses=tally.responses,
        ikm=ikm,
        converted=result.converted if shown else None,
        band=result.band.value if shown and result.band else None,
        population=population,
        required_sample=required,
        sample_sufficient=sufficient,
        unsur=unsur,
    )


SurveyRow = tuple[str, str]  # ("U", unit code; CITY for the city) | ("V", service code)
SurveyKey = tuple[str, str, str]  # (*row, unsur code | "IKM")


def _survey_audit(
    tree: _Tree,
    services: list[RawService],
    rows: Mapping[SurveyRow, SurveyTally],
    threshold: int,
    share: float,
    forced: set[SurveyKey] | None = None,
    published_before: Mapping[SurveyKey, tuple[int, int]] | None = None,
) -> tuple[dict[SurveyRow, set[str]], AuditReport]:
    """Audit the survey tables and withhold more NRR until none about too few people is
    narrowed below the protection interval (server.domain.disclosure_audit).

    The cells are each row's score sums per unsur, ``S = NRR × answers``: the answers are
    published, so a published NRR gives its sum back, and the sums add up as the tallies do (a
    unit's row is its own services' rows plus its sub-units' rows; the city is its roots). A
    sum lies between ``answers`` and ``4 × answers`` (scores are 1–4). IKM is a mean of the
    NRR with the weight 1/9, so with the answers published it is linear in the sums too:
    ``9 × responses × IKM = Σ responses / answers × S`` (scaled so that where everyone answered
    every unsur it is the row's total score, one unit of width one score point, as for a sum);
    it is a cell of its own, withheld with the row when the row is small, published (a
    constant) otherwise, and may be withheld (with its converted value and band) to protect
    another row's.

    ``forced``: the cells (NRR or IKM) the replaced release withheld. Withheld again, judged
    (none may be pinned) and never published when pinned: the audit hides more instead, as
    for the evaluation tables (``_audited``), so the pair cannot be differenced. One whose
    figure is not available now (nobody answered) stays so; an IKM outside the programme
    (not every respondent answered every unsur) is withheld with its converted value and band.
    ``published_before``: the score sums (and answers) the replaced release published. One with
    the same answers and sum now is known from the pair: it is published again and never serves
    as a complement (withholding it would protect nobody), nor does the IKM of a row whose sums
    are all so.

    Left out, being no linear identity between published cells: the converted IKM and the band
    (IKM × 25 and its band: the IKM again); respondents, answers and service users (published
    whole, they are coefficients and bounds here, never withheld); the Krejcie–Morgan sample
    (a function of the published population).
    """
    forced = forced or set()
    own: dict[str, list[str]] = defaultdict(list)
    for service in services:
        own[service.unit_code].append(service.code)
    sums: list[tuple[SurveyRow, list[SurveyRow]]] = [
        (
            ("U", unit.code),
            [*(("V", c) for c in own[unit.code]), *(("U", c) for c in tree.children[unit.code])],
        )
        for unit in tree.units
    ]
    sums.append((("U", CITY), [("U", root) for root in tree.roots]))
    # Complementary suppression of whole rows first (server.domain.disclosure.suppress over the
    # respondents): a small service beside a large one is protected by withholding the large
    # one's row, NRR and IKM together; rows nobody answered are known to be empty.
    responses = {row: t.responses for row, t in rows.items()}
    row_result = suppress(
        responses,
        [
            Constraint(total, tuple(p for p in parts if responses[p]))
            for total, parts in sums
            if any(responses[p] for p in parts)
        ],
        below(threshold),
    )
    values: dict[SurveyKey, float] = {}
    lower: dict[SurveyKey, float] = {}
    upper: dict[SurveyKey, float] = {}
    relations: list[Relation[SurveyKey]] = []
    sensitive: set[SurveyKey] = set()
    withheld: set[SurveyKey] = set()
    before = published_before or {}
    repeated: set[SurveyKey] = set()  # published by the replaced release, the same now
    for row, tally in rows.items():
        complement = row in row_result.reasons and tally.responses >= threshold
        primary = {(*row, u.value) for u in _nrr_withheld(tally, threshold)}
        for u in Unsur:
            key = (*row, u.value)
            values[key] = float(tally.sums[u])
            lower[key] = float(tally.counts[u])
            upper[key] = 4.0 * tally.counts[u]
            if key not in primary and before.get(key) == (tally.sums[u], tally.counts[u]):
                repeated.add(key)
            elif (complement or key in forced) and tally.counts[u]:
                withheld.add(key)
        # Every primary cell describes someone (a sum over at least one answer of 1 or more).
        sensitive |= primary
        if tally.responses and all(tally.counts[u] for u in Unsur):
            ikm = (*row, "IKM")
            weights = {u: tally.responses / tally.counts[u] for u in Unsur}
            values[ikm] = sum(w * tally.sums[u] for u, w in weights.items())
            lower[ikm], upper[ikm] = 9.0 * tally.responses, 36.0 * tally.responses
            relations.append(
                Relation(((ikm, 1.0), *(((*row, u.value), -w) for u, w in weights.items())))
            )
            if tally.responses < threshold:
                sensitive.add(ikm)
            elif all((*row, u.value) in repeated for u in Unsur):
                repeated.add(ikm)
            elif complement or ikm in forced:
                withheld.add(ikm)
    for total, parts in sums:
        for u in Unsur:
            relations.append(Relation.total((*total, u.value), [(*p, u.value) for p in parts]))
        # Where every respondent of the rows answered every unsur, a row's scaled IKM is the
        # sum of its score sums, so the IKM add up as the sums do: implied by the relations
        # above, written down so that suppression finds a sibling's IKM as a complement.
        answered = [p for p in (total, *parts) if rows[p].responses]
        if total in answered and all(
            rows[p].counts[u] == rows[p].responses for p in answered for u in Unsur
        ):
            relations.append(
                Relation.total((*total, "IKM"), [(*p, "IKM") for p in answered if p != total])
            )
    problem: Problem[SurveyKey] = Problem(
        values=values,
        relations=relations,
        withheld=withheld | sensitive,
        sensitive=sensitive,
        lower=lower,
        upper=upper,
        protection=dict.fromkeys(
            sensitive, DisclosurePolicy(protection_share=share).protection(threshold)
        ),
        # Complements: published when pinned (value implied); never a cell the replaced
        # release withheld (the pair would be differenced).
        releasable=withheld - forced,
    )
    # An IKM may be withheld to protect another row too (with its converted value and band):
    # with every unsur answered by every respondent, a row's IKM gives the sum of its score sums
    # back, so a small service's IKM is its unit's minus its siblings' whatever NRR is hidden.
    report = protect(
        problem,
        may_hide=lambda k: (
            k not in repeated
            and rows[(k[0], k[1])].responses > 0
            and (k[2] == "IKM" or rows[(k[0], k[1])].counts[Unsur(k[2])] > 0)
        ),
    )
    added: dict[SurveyRow, set[str]] = defaultdict(set)
    for key in problem.withheld - sensitive:
        added[(key[0], key[1])].add(key[2])
    for key in forced:  # an IKM outside the programme too
        if (key[0], key[1]) in rows:
            added[(key[0], key[1])].add(key[2])
    return added, report


def _known_zero(population: Mapping[Key, int]) -> Callable[[Key], bool]:
    """Cells about nobody (a population of zero) are zero and everyone can tell: hiding one
    would protect nothing, so such cells never serve as complements."""

    def rule(key: Key) -> bool:
        return population.get(key, 0) == 0

    return rule


def _category_constraints(
    tree: _Tree, categories: tuple[str, ...], zero: Callable[[Key], bool]
) -> list[Constraint[tuple[str, str, str]]]:
    """The tree sums of each category, without the parts known to be zero."""
    constraints: list[Constraint[tuple[str, str, str]]] = []
    for cat in categories:
        for rule in tree.constraints():
            parts = tuple((cat, *p) for p in rule.parts if not zero(p))
            if parts:
                constraints.append(Constraint((cat, *rule.total), parts))
    return constraints


def _distribution(
    tree: _Tree,
    raw: RawRelease,
    threshold: int,
    forced: set[Any] | None = None,
    audit: dict[str, AuditReport] | None = None,
    share: float = DisclosurePolicy.protection_share,
    published_before: Mapping[Any, int] | None = None,
) -> tuple[dict[str, dict[str, Cell[int]]], dict[str, ValueStatus | None]]:
    codes = [CITY, *(u.code for u in tree.units)]
    if raw.evaluation is None or raw.evaluation.distribution is None:
        hidden = Cell[int].hidden(ValueStatus.NOT_AVAILABLE)
        return (
            {c: dict.fromkeys(CATEGORIES, hidden) for c in codes},
            dict.fromkeys(codes, ValueStatus.NOT_AVAILABLE),
        )
    facts = raw.evaluation.distribution
    per_category = {
        cat: tree.cells({u.code: int(facts.get(u.code, {}).get(cat, 0)) for u in tree.units})
        for cat in CATEGORIES
    }
    totals = tree.cells(
        {u.code: sum(int(v) for v in facts.get(u.code, {}).values()) for u in tree.units}
    )
    values: dict[tuple[str, str, str], int] = {}
    for cat, cells in per_category.items():
        for (kind, code), v in cells.items():
            values[(cat, kind, code)] = v
    for (kind, code), v in totals.items():
        values[("N", kind, code)] = v
    # The number of people distributed (N) is public in effect, since the completion percentage
    # times its population gives it back: N is never hidden, so no protection relies on it, and
    # a part distributing nobody is a known zero.
    constraints = _category_constraints(tree, CATEGORIES, _known_zero(totals))
    for kind, code in totals:
        constraints.append(
            Constraint(("N", kind, code), tuple((cat, kind, code) for cat in CATEGORIES))
        )

    # A distribution over fewer people than the threshold is hidden whole, zeros included:
    # "nobody here is Sangat Baik" is a statement about each of a few known people.
    def sensitive(key: tuple[str, str, str], _v: int) -> bool:
        return key[0] != "N" and 0 < totals[(key[1], key[2])] < threshold

    result = suppress(values, constraints, sensitive, forced or ())
    if audit is not None:
        # Only the total rows' categories are published; a category counts at most N people.
        never = {k for k in values if k[1] == "D" and k[0] != "N" and totals[(k[1], k[2])] != 0}
        audit["distribution"] = _audited(
            values,
            constraints,
            result,
            threshold,
            share,
            never=never,
            upper={k: float(totals[(k[1], k[2])]) for k in values},
            may_hide=lambda k: k[0] != "N" and totals[(k[1], k[2])] != 0,
            forced=forced,
            published_before=published_before,
        )
    out: dict[str, dict[str, Cell[int]]] = {}
    status: dict[str, ValueStatus | None] = {}
    for code in codes:
        row: dict[str, Cell[int]] = {}
        nobody = totals[("T", code)] == 0
        for cat in CATEGORIES:
            key = (cat, "T", code)
            reason = result.reasons.get(key)
            if nobody:
                # No one distributed (N is public in effect): "not available", never five 0s.
                row[cat] = Cell.hidden(ValueStatus.NOT_AVAILABLE)
            else:
                row[cat] = Cell(None, _status(reason)) if reason else Cell(values[key])
        out[code] = row
        if nobody:
            status[code] = ValueStatus.NOT_AVAILABLE
        elif 0 < totals[("T", code)] < threshold or any(c.value is None for c in row.values()):
            status[code] = ValueStatus.WITHHELD
        else:
            status[code] = None
    return out, status


def _objections(
    tree: _Tree,
    facts: Mapping[str, ObjectionTally] | None,
    people: Mapping[Key, int],
    threshold: int,
    forced: set[Any] | None = None,
    head_bound: Mapping[Key, float] | None = None,
    audit: dict[str, AuditReport] | None = None,
    share: float = DisclosurePolicy.protection_share,
    published_before: Mapping[Any, int] | None = None,
) -> dict[str, dict[str, Cell[int]]]:
    """Keberatan counts (people) per unit total and the city, with the head-count threshold.

    The row ``filed = upheld + rejected + pending`` and the tree sums of each part are
    protected together; a row about fewer people than the threshold is hidden whole, so
    "none of them won" is not told about a handful of pegawai either.
    """
    codes = [CITY, *(u.code for u in tree.units)]
    parts = ("filed", *OBJECTION_PARTS)
    if facts is None:
        hidden = Cell[int].hidden(ValueStatus.NOT_AVAILABLE)
        return {c: dict.fromkeys(parts, hidden) for c in codes}
    empty = ObjectionTally()
    values: dict[tuple[str, str, str], int] = {}
    for part in parts:
        cells = tree.cells({u.code: getattr(facts.get(u.code, empty), part) for u in tree.units})
        for (kind, code), v in cells.items():
            values[(part, kind, code)] = v
    # Parts about no pegawai at all (an empty sub-unit, a unit without own staff) are zero.
    constraints = _category_constraints(tree, parts, _known_zero(people))
    for kind, code in people:
        constraints.append(
            Constraint(("filed", kind, code), tuple((p, kind, code) for p in OBJECTION_PARTS))
        )

    def sensitive(key: tuple[str, str, str], v: int) -> bool:
        filed = values[("filed", key[1], key[2])]
        return 0 < filed < threshold or 0 < v < threshold

    result = suppress(values, constraints, sensitive, forced or ())
    if audit is not None:
        # Only total rows are published; a unit's own staff's counts are unknowns, at most its
        # head count (as far as the attacker can tell it).
        bound = head_bound or {}
        never = {k for k in values if k[1] == "D" and people.get((k[1], k[2]), 0) != 0}
        audit["objections"] = _audited(
            values,
            constraints,
            result,
            threshold,
            share,
            never=never,
            upper={k: bound.get((k[1], k[2]), float("inf")) for k in values},
            may_hide=lambda k: people.get((k[1], k[2]), 0) != 0,
            forced=forced,
            published_before=published_before,
        )
    out: dict[str, dict[str, Cell[int]]] = {}
    for code in codes:
        row: dict[str, Cell[int]] = {}
        for part in parts:
            key = (part, "T", code)
            reason = result.reasons.get(key)
            row[part] = Cell(None, _status(reason)) if reason else Cell(values[key])
        out[code] = row
    return out


def protect_release(
    raw: RawRelease, policy: DisclosurePolicy, forced: Forced | None = None
) -> ProtectedRelease:
    """Apply primary and complementary suppression to every table of a release, audited.

    ``forced``: the cells the replaced release withheld (a correction), withheld again so that
    the two releases cannot be differenced. Raises ``DisclosureAuditError`` when the audit
    cannot protect every withheld cell: nothing is published then.
    """
    forced = forced or {}
    share = policy.protection_share
    audit: dict[str, AuditReport] = {}
    tree = _Tree(raw.units)
    head = {u.code: u.headcount for u in raw.units}
    published = _published_before(forced)
    head_before: dict[Key, int] = {
        k: v for k, v in published.get("headcount", {}).items() if k[0] == "T"
    }
    hc_values, hc_result, audit["headcount"] = _protect(
        tree,
        head,
        policy.headcount_threshold,
        _keys(forced.get("headcount")),
        share,
        published.get("headcount"),
    )
    head_hidden = {k for k in hc_result.reasons if k[0] == "T"}
    bound = _head_bound(hc_values, hc_result, audit["headcount"])
    threshold = policy.distribution_threshold
    skp: dict[str, Cell[Decimal]] = {}
    if raw.skp_available:
        skp = _percent_cells(
            tree,
            {u.code: u.skp_set for u in raw.units},
            head,
            head,
            threshold,
            # A percentage of a withheld head count would give the head count back with the
            # numerator found elsewhere (evaluated = head count × SKP coverage × completion).
            forced=head_hidden | _keys(forced.get("skp")),
            head_bound=bound,
            audit=audit,
            name="skp_coverage",
            share=share,
            prior=_keys(forced.get("skp")),
            published_before=_percent_before(forced, "skp", head_before),
        )
    on_time = _percent_cells(
        tree,
        {u.code: u.realizations_on_time for u in raw.units},
        {u.code: u.realizations for u in raw.units},
        {u.code: u.realized_people for u in raw.units},
        threshold,
        public_denominator=False,
        # Withheld again: ``_bounded_ratios`` then withholds the totals at 0 % or 100 % above
        # them (and those equal to their other parts), as for a cell withheld now.
        forced=_keys(forced.get("on_time")),
    )
    completion: dict[str, Cell[Decimal]] = {}
    evaluation = raw.evaluation
    skp_hidden = {("T", c) for c, cell in skp.items() if cell.value is None}
    completion_forced = head_hidden | skp_hidden | _keys(forced.get("completion"))
    if evaluation is not None and evaluation.completed is not None:
        eligible = {u.code: int((evaluation.eligible or {}).get(u.code, 0)) for u in raw.units}
        # The eligible (pegawai with a set SKP) are head count × SKP coverage: known to the
        # attacker where both are published, else at most the head count.
        eligible_cells = tree.cells(eligible)
        eligible_bound = {
            k: float(eligible_cells[k])
            if k[0] == "T" and k not in completion_forced
            else bound.get(k, math.inf)
            for k in eligible_cells
        }
        completion = _percent_cells(
            tree,
            {u.code: int(evaluation.completed.get(u.code, 0)) for u in raw.units},
            eligible,
            eligible,
            threshold,
            forced=completion_forced,
            head_bound=eligible_bound,
            audit=audit,
            name="evaluation_completion",
            share=share,
            prior=_keys(forced.get("completion")),
            # The eligible there: its published head count × SKP coverage.
            published_before=_percent_before(
                forced,
                "completion",
                {
                    k: round(pct * head_before[k] / 100)
                    for k, (pct, _den) in _percent_before(forced, "skp", head_before).items()
                },
            ),
        )
    elif evaluation is not None and evaluation.distribution is not None:
        evaluated = {
            u.code: sum(evaluation.distribution.get(u.code, {}).values()) for u in raw.units
        }
        completion = _percent_cells(
            tree,
            evaluated,
            head,
            head,
            threshold,
            forced=head_hidden | _keys(forced.get("completion")),
            head_bound=bound,
            audit=audit,
            name="evaluation_completion",
            share=share,
            prior=_keys(forced.get("completion")),
            published_before=_percent_before(forced, "completion", head_before),
        )
    org = dict(evaluation.org_predicates) if evaluation is not None else {}
    objections = _objections(
        tree,
        evaluation.objections if evaluation is not None else None,
        hc_values,
        policy.headcount_threshold,
        forced=_keys(forced.get("objections")),
        head_bound=bound,
        audit=audit,
        share=share,
        published_before=published.get("objections"),
    )
    distribution, distribution_status = _distribution(
        tree,
        raw,
        threshold,
        _keys(forced.get("distribution")),
        audit,
        share,
        published.get("distribution"),
    )

    tallies: dict[str, SurveyTally] = {}
    for u in reversed(raw.units):
        t = SurveyTally()
        t.add(u.survey)
        for c in tree.children[u.code]:
            t.add(tallies[c])
        tallies[u.code] = t
    city_tally = SurveyTally()
    for r in tree.roots:
        city_tally.add(tallies[r])

    survey_rows: dict[SurveyRow, SurveyTally] = {("U", CITY): city_tally}
    survey_rows.update({("U", code): t for code, t in tallies.items()})
    survey_rows.update({("V", s.code): s.survey for s in raw.services})
    survey_hidden, audit["survey"] = _survey_audit(
        tree,
        raw.services,
        survey_rows,
        threshold,
        share,
        _keys(forced.get("survey")),
        {
            (*e.row, e.unsur): (e.total, e.answers)
            for e in forced.get("survey_published", ())
            if isinstance(e, PublishedSum)
        },
    )

    na: Cell[Decimal] = Cell.hidden(ValueStatus.NOT_AVAILABLE)
    out = ProtectedRelease(audit=audit)
    rows: list[tuple[str, RawUnit | None]] = [(CITY, None), *((u.code, u) for u in raw.units)]
    for code, unit in rows:
        out.units.append(
            PublishedUnit(
                scope="CITY" if unit is None else "UNIT",
                code=None if unit is None else unit.code,
                name="Kota" if unit is None else unit.name,
                kind=None if unit is None else unit.kind,
                parent_code=None if unit is None else unit.parent_code,
                depth=0 if unit is None else tree.depth[code],
                headcount=_cell(hc_values, hc_result, ("T", code)),
                direct_headcount=Cell.hidden(ValueStatus.NOT_AVAILABLE)
                if unit is None
                else _cell(hc_values, hc_result, ("D", code)),
                skp_coverage_pct=skp.get(code, na),
                realization_on_time_pct=on_time[code],
                evaluation_completion_pct=completion.get(code, na),
                # A unit-level fact set by the pimpinan, about no person: published as is.
                org_performance=Cell(org[code])
                if unit is not None and code in org
                else Cell.hidden(ValueStatus.NOT_AVAILABLE),
                objections_filed=objections[code]["filed"],
                objections_upheld=objections[code]["upheld"],
                objections_rejected=objections[code]["rejected"],
                objections_pending=objections[code]["pending"],
                distribution_status=distribution_status[code],
                distribution=distribution[code],
                ikm=_ikm(
                    city_tally if unit is None else tallies[code],
                    threshold,
                    survey_hidden.get(("U", code)),
                ),
            )
        )
    for s in raw.services:
        out.services.append(
            PublishedService(
                s.code,
                s.name,
                s.unit_code,
                _ikm(s.survey, threshold, survey_hidden.get(("V", s.code))),
            )
        )
    return out
