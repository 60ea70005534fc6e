"""The joint audit of a correction with the release it replaces (issue 10, item 2).

Both releases stay readable, so an attacker solves their published figures together. The
audit writes down, as one linear programme (``server.domain.disclosure_audit``), what the
public can read from each release and what it can assume between the two, and asks for the
smallest and largest value of every withheld cell of either release; the correction then
withholds more until none is pinned or narrowed below the protection interval
(``protect_correction``; publication fails loudly if it cannot).

What each release tells (cells ``(release, table, kind, unit code)``, the city's code ""):

* head counts: a total is its own staff plus its sub-units' totals, the city its roots;
* keberatan (filed, upheld, rejected, pending) and each predicate category: the same tree
  sums over total cells, with a unit's own staff's part an unknown at most its published own
  head count; ``filed = upheld + rejected + pending`` per row; a total is at most its head count;
* SKP coverage through its numerator (the eligible, pegawai with a set SKP): a published
  percentage of a published head count is its numerator, one of a withheld head count an
  unknown; the tree sums again;
* completion through its numerator (evaluated pegawai): a published completion percentage of
  a known eligible (head count × coverage, both published) is its numerator, otherwise an
  unknown; the tree sums; evaluated ≤ eligible (evaluated = head count × coverage ×
  completion). Not written down: the people in a distribution row were evaluated
  (Σ categories ≤ evaluated). With it an attacker beats the single-release audit, which does
  not know it either: where everyone of a unit was evaluated, its published distribution
  tells the head count, so a coverage withheld as 100 % (and those of its small sub-units)
  is pinned. That is the single-release audit's to fix first (issue 10, item 1);
* a percentage "not available" (nobody to count) has a numerator of zero.

What the public may assume between them (the links): a unit's own-staff cell of every table
is the same in both releases unless the correction changed it. Where the replaced release
published the cell (an own head count) the server knows whether it changed, and assumes the
public knows the direction too (the correction's public note: "one pegawai added to X"),
not the amount: the difference is at least 1 (or at most −1). Where the replaced release did
not publish it (every other table's own-staff cells, withheld own head counts) the server
cannot tell: it assumes "unchanged" (the attacker's strongest default), freeing the
difference (any amount, either way) only in the groups of cells whose published figures
contradict it (``relax_contradicted``: the public sees that contradiction too).

A withheld cell passes when the pair leaves it at least as wide as that release alone did,
up to the protection interval (``DisclosurePolicy.protection`` of its table's threshold):
the pair may not tell more than either release. Not judged: a cell its release alone
already pins (a known zero), and a correction's cell whose value is the one the replaced
release already told (published, or pinned there) for the same cell: unchanged, the pair
tells nothing new about it. Only the correction's published cells can be hidden, never one
with the value the replaced release published (known from the pair, as in the tables' own
audit). The correction's tables are then protected again around the cells added (they are
carried in as the replaced release's withheld cells are), and the pair audited again, until
it adds nothing (``MAX_PAIR_ROUNDS``).

The attacker of the tests (tests/api/releases/attacker.py ``attack_release_pair``) writes
the same relations independently; its ``changes`` are the note's, the server's those above.

The survey tables are not in this programme: their pair (answers published whole, unchanged
rows carried over) is handled by the correction's own audit (``disclosure_tables``), and the
on-time percentages give no linear identity (``_bounded_ratios``).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from server.domain.disclosure import DisclosurePolicy
from server.domain.disclosure_audit import (
    EPS,
    AuditReport,
    DisclosureAuditError,
    Problem,
    Relation,
    audit,
    protect,
    relax_contradicted,
)
from server.services.releases import read
from server.services.releases.builder import CATEGORIES, RawRelease
from server.services.releases.disclosure_tables import (
    CITY,
    OBJECTION_PARTS,
    Forced,
    ProtectedRelease,
    PublishedIkm,
    protect_release,
)

Cell = tuple[str, ...]  # (release "1" | "2", table, "T" | "D", unit code) and helpers
OBJECTIONS = ("filed", *OBJECTION_PARTS)
HEADCOUNT_TABLES = ("head", *OBJECTIONS)  # protected with the head-count threshold
MAX_PAIR_ROUNDS = 10


@dataclass
class Knowledge:
    """What the public reads from one release (or two), as linear relations over cells."""

    known: dict[Cell, float] = field(default_factory=dict)
    relations: list[Relation[Cell]] = field(default_factory=list)
    lower: dict[Cell, float] = field(default_factory=dict)
    upper: dict[Cell, float] = field(default_factory=dict)
    withheld: set[Cell] = field(default_factory=set)  # published columns that came back null
    unknown: set[Cell] = field(default_factory=set)  # never published (own staff, slack)
    columns: set[Cell] = field(default_factory=set)  # published values that may be withheld

    def cell(self, key: Cell, value: float | Decimal | None, status: str | None) -> None:
        if value is not None:
            self.known[key] = float(value)
            self.columns.add(key)
        elif status != "NOT_AVAILABLE":
            self.withheld.add(key)
        else:
            self.known[key] = 0.0  # nobody to count

    def at_most(self, small: Cell, large: Cell, tag: str) -> None:
        """``small ≤ large`` as ``large = small + slack`` (slack ≥ 0, unknown)."""
        slack = (tag, "slack", *small[1:], large[1])
        self.unknown.add(slack)
        self.relations.append(Relation.total(large, [small, slack]))

    def problem(self, checked: set[Cell] | None = None) -> Problem[Cell]:
        free = self.withheld | self.unknown
        return Problem(
            values={k: self.known.get(k, 0.0) for k in set(self.known) | free},
            relations=list(self.relations),
            withheld=set(free),
            lower=dict(self.lower),
            upper=dict(self.upper),
            never_publish=set(self.unknown),
            checked=set(self.withheld) if checked is None else checked,
        )


def public_knowledge(
    tag: str,
    city: read.UnitFigures,
    units: Sequence[read.UnitFigures],
    completion_of_eligible: bool = True,
) -> Knowledge:
    """The relations one release's published figures give (cells prefixed by ``tag``).

    ``completion_of_eligible``: the completion is of the pegawai with a set SKP (head count ×
    coverage); else of the head count (releases built without eligible counts)."""
    a = Knowledge()
    children: dict[str, list[str]] = defaultdict(list)
    roots: list[str] = []
    for u in units:
        if u.parent_code is None:
            roots.append(u.code or CITY)
        else:
            children[u.parent_code].append(u.code or CITY)
    everyone = [city, *units]
    head: dict[str, float] = {}

    def tree(table: str, own: bool) -> None:
        """The tree sums of ``table``; its own-staff cells unknown (at most the own head)."""
        for u in units:
            code = u.code or CITY
            d = (tag, table, "D", code)
            if own:
                a.unknown.add(d)
                direct = u.direct_headcount
                a.upper[d] = math.inf if direct is None else float(direct)
            parts = [d, *((tag, table, "T", c) for c in children[code])]
            a.relations.append(Relation.total((tag, table, "T", code), parts))
        a.relations.append(
            Relation.total((tag, table, "T", CITY), [(tag, table, "T", r) for r in roots])
        )
        if own:  # a count of people is at most the head count (where it is published)
            for u in everyone:
                code = u.code or CITY
                a.upper.setdefault((tag, table, "T", code), head.get(code, math.inf))

    for u in everyone:
        code = u.code or CITY
        a.cell((tag, "head", "T", code), u.headcount, u.headcount_status)
        if u.headcount is not None:
            head[code] = float(u.headcount)
        if u.code is not None:
            a.cell((tag, "head", "D", code), u.direct_headcount, u.direct_headcount_status)
    tree("head", own=False)

    for part in OBJECTIONS:
        for u in everyone:
            a.cell(
                (tag, part, "T", u.code or CITY),
                getattr(u, f"objections_{part}"),
                getattr(u, f"objections_{part}_status"),
            )
    if any(u.objections_filed_status != "NOT_AVAILABLE" for u in everyone):
        for part in OBJECTIONS:
            tree(part, own=True)
        for u in everyone:
            code = u.code or CITY
            a.relations.append(
                Relation.total(
                    (tag, "filed", "T", code), [(tag, p, "T", code) for p in OBJECTION_PARTS]
                )
            )

    eligible: dict[str, float] = {}  # head count × coverage, where both are published
    for u in everyone:
        code = u.code or CITY
        key = (tag, "skp", "T", code)
        if u.skp_coverage_pct is not None and code in head:
            a.known[key] = eligible[code] = round(float(u.skp_coverage_pct) * head[code] / 100)
            a.columns.add(key)
        elif u.skp_coverage_pct_status == "NOT_AVAILABLE":
            a.known[key] = 0.0
        elif u.skp_coverage_pct is None:
            a.withheld.add(key)
        else:  # a coverage of a withheld head count: its numerator is an unknown
            a.unknown.add(key)
    if any(u.skp_coverage_pct_status != "NOT_AVAILABLE" for u in everyone):
        tree("skp", own=True)

    completion = any(u.evaluation_completion_pct_status != "NOT_AVAILABLE" for u in everyone)
    for u in everyone:
        code = u.code or CITY
        key = (tag, "completion", "T", code)
        pct = u.evaluation_completion_pct
        base = eligible if completion_of_eligible else head
        if pct is not None and code in base:
            a.known[key] = round(float(pct) * base[code] / 100)
            a.columns.add(key)
        elif u.evaluation_completion_pct_status == "NOT_AVAILABLE":
            a.known[key] = 0.0
        elif pct is None:
            a.withheld.add(key)
        else:  # a completion of an unknown eligible: its numerator is an unknown
            a.unknown.add(key)
    if completion:
        tree("completion", own=True)
        if completion_of_eligible and any(
            u.skp_coverage_pct_status != "NOT_AVAILABLE" for u in everyone
        ):
            for u in everyone:  # the evaluated are among the eligible
                a.at_most(
                    (tag, "completion", "T", u.code or CITY), (tag, "skp", "T", u.code or CITY), tag
                )

    if city.distribution_status != "NOT_AVAILABLE":
        for category in CATEGORIES:
            for u in everyone:
                d = next((x for x in u.distribution if x.category == category), None)
                if d is not None:
                    a.cell((tag, category, "T", u.code or CITY), d.count, d.count_status)
            tree(category, own=True)
    return a


def pair_knowledge(
    first: Knowledge, second: Knowledge, changed: Mapping[Cell, tuple[float, float]]
) -> tuple[Knowledge, set[Cell]]:
    """Both releases' knowledge, linked own-staff cell by own-staff cell: ``("2", …) =
    ("1", …) + ("+", …)``, the difference within ``changed`` (by the untagged cell) or 0.
    Returns the joint knowledge and the differences only assumed to be 0."""
    joint = Knowledge()
    for part in (first, second):
        joint.known.update(part.known)
        joint.relations += part.relations
        joint.lower.update(part.lower)
        joint.upper.update(part.upper)
        joint.withheld |= part.withheld
        joint.unknown |= part.unknown
        joint.columns |= part.columns
    cells = (*joint.known, *joint.withheld, *joint.unknown)
    own = {k[1:] for k in cells if k[0] == "1" and k[2] == "D"}
    own &= {k[1:] for k in cells if k[0] == "2" and k[2] == "D"}
    assumed: set[Cell] = set()
    for cell in sorted(own):
        if ("1", *cell) in joint.known and ("2", *cell) in joint.known:
            continue
        difference = ("+", *cell)
        joint.unknown.add(difference)
        joint.lower[difference], joint.upper[difference] = changed.get(cell, (0.0, 0.0))
        if cell not in changed:
            assumed.add(difference)
        joint.relations.append(Relation.total(("2", *cell), [("1", *cell), difference]))
    return joint, assumed


def _alone(knowledge: Knowledge) -> dict[Cell, tuple[float, float]]:
    """The interval of every withheld cell from its own release alone."""
    return {i.key: (i.low, i.high) for i in audit(knowledge.problem())}


def true_cells(raw: RawRelease) -> dict[Cell, float]:
    """The release's values (cells without the release tag): own-staff and total cells of
    every table the pair audit reads, the city's total included."""
    children: dict[str, list[str]] = defaultdict(list)
    roots = [u.code for u in raw.units if u.parent_code is None]
    for u in raw.units:
        if u.parent_code is not None:
            children[u.parent_code].append(u.code)
    out: dict[Cell, float] = {}

    def roll(table: str, own: Mapping[str, int]) -> None:
        for u in reversed(raw.units):  # children before parents
            out[(table, "D", u.code)] = own.get(u.code, 0)
            out[(table, "T", u.code)] = own.get(u.code, 0) + sum(
                out[(table, "T", c)] for c in children[u.code]
            )
        out[(table, "T", CITY)] = sum(out[(table, "T", r)] for r in roots)

    roll("head", {u.code: u.headcount for u in raw.units})
    roll("skp", {u.code: u.skp_set for u in raw.units})
    evaluation = raw.evaluation
    if evaluation is None:
        return out
    if evaluation.completed is not None:
        roll("completion", {c: int(v) for c, v in evaluation.completed.items()})
    elif evaluation.distribution is not None:
        roll("completion", {c: sum(v.values()) for c, v in evaluation.distribution.items()})
    if evaluation.distribution is not None:
        for category in CATEGORIES:
            roll(category, {c: int(v.get(category, 0)) for c, v in evaluation.distribution.items()})
    if evaluation.objections is not None:
        for part in OBJECTIONS:
            roll(part, {c: getattr(t, part) for c, t in evaluation.objections.items()})
    return out


def audit_pair(
    before: tuple[read.UnitFigures, Sequence[read.UnitFigures]],
    after: tuple[read.UnitFigures, Sequence[read.UnitFigures]],
    now: Mapping[Cell, float],
    policy: DisclosurePolicy,
    completion_of_eligible: bool = True,
) -> tuple[set[Cell], AuditReport]:
    """The correction's published cells to withhold so that the pair pins nothing.

    ``now``: the correction's values (``true_cells``), to tell the direction of a change where
    the replaced release published the own head count, and which withheld cells hold a value
    the replaced release already told (unchanged: the pair tells nothing new about them).
    Raises ``DisclosureAuditError`` when no published cell of the correction is left to hide.
    """
    first = public_knowledge("1", *before, completion_of_eligible)
    second = public_knowledge("2", *after, completion_of_eligible)
    changed: dict[Cell, tuple[float, float]] = {}
    for key, value in first.known.items():
        if key[1:3] == ("head", "D") and key[1:] in now:
            difference = now[key[1:]] - value
            if difference:
                changed[key[1:]] = (1.0, math.inf) if difference > 0 else (-math.inf, -1.0)
    alone = {**_alone(first), **_alone(second)}
    for key, value in first.known.items():
        alone.setdefault(key, (value, value))  # published: told by the replaced release
    widths = {k: high - low for k, (low, high) in alone.items()}

    def judged(key: Cell) -> bool:
        if widths[key] < 1 - EPS:  # that release alone tells it (a known zero)
            return False
        low, high = alone.get(("1", *key[1:]), (-math.inf, math.inf))
        # The same value as the replaced release told: the pair adds nothing about it.
        return not (
            key[0] == "2" and high - low < 1 - EPS and abs(now.get(key[1:], -1) - low) < EPS
        )

    joint, assumed = pair_knowledge(first, second, changed)
    checked = {k for k in joint.withheld if judged(k)}
    problem = joint.problem(checked)
    relax_contradicted(problem, assumed)

    def protection(key: Cell) -> float:
        share = DisclosurePolicy(protection_share=policy.protection_share)
        threshold = (
            policy.headcount_threshold
            if key[1] in HEADCOUNT_TABLES
            else policy.distribution_threshold
        )
        return min(share.protection(threshold), widths.get(key, math.inf))

    # Judged as "sensitive": at least as wide as alone, up to the protection interval.
    problem.sensitive = set(checked)
    problem.protection = {k: protection(k) for k in checked}
    # A value the replaced release published, the same now, is known from the pair: hiding
    # it protects nothing (the correction's own audit never takes it as a complement either).
    repeated = {k for k in second.columns if first.known.get(("1", *k[1:])) == second.known[k]}
    before_hidden = set(problem.withheld)
    report = protect(
        problem, may_hide=lambda k: k[0] == "2" and k in joint.columns and k not in repeated
    )
    return problem.withheld - before_hidden, report


def _forced_key(cell: Cell) -> tuple[str, object]:
    """The table and key under which ``disclosure_tables`` withholds a pair cell."""
    _tag, table, kind, code = cell
    if table == "head":
        return "headcount", (kind, code)
    if table in OBJECTIONS:
        return "objections", (table, kind, code)
    if table == "skp":
        return "skp", (kind, code)
    if table == "completion":
        return "completion", (kind, code)
    return "distribution", (table, kind, code)


def protect_correction(
    raw: RawRelease,
    policy: DisclosurePolicy,
    forced: Forced,
    before: tuple[read.UnitFigures, Sequence[read.UnitFigures]],
) -> ProtectedRelease:
    """``protect_release`` for a correction, then the joint audit with the release it
    replaces: the cells the pair would pin or narrow are withheld in the correction (and the
    tables protected again around them) until the pair audit adds nothing."""
    extra: dict[str, set[object]] = defaultdict(set)
    pair = AuditReport()
    now = true_cells(raw)
    for round_number in range(1, MAX_PAIR_ROUNDS + 1):
        merged = {name: set(forced.get(name, ())) | extra[name] for name in {*forced, *extra}}
        protected = protect_release(raw, policy, merged)
        added, report = audit_pair(
            before,
            release_figures(protected),
            now,
            policy,
            raw.evaluation is None or raw.evaluation.completed is not None,
        )
        pair.add(report)
        pair.rounds = round_number
        if not added:
            pair.cells_withheld = report.cells_withheld  # of both releases
            pair.cells_added = sum(len(v) for v in extra.values())
            protected.pair = pair
            return protected
        for cell in added:
            table, key = _forced_key(cell)
            extra[table].add(key)
    raise DisclosureAuditError(f"the pair audit did not pass within {MAX_PAIR_ROUNDS} rounds")


def release_figures(protected: ProtectedRelease) -> tuple[read.UnitFigures, list[read.UnitFigures]]:
    """The published cells of a protected release as the public reads them (value and status;
    the survey left empty)."""
    survey = read.IkmFigures(0, None, None, None, None, None, None, None, ())
    out = []
    for u in protected.units:
        out.append(
            read.UnitFigures(
                1, "", u.scope, u.code, u.name, u.kind, u.parent_code, u.depth,
                u.headcount.value, u.headcount.status, u.direct_headcount.value,
                u.direct_headcount.status, u.skp_coverage_pct.value, u.skp_coverage_pct.status,
                None, None, u.evaluation_completion_pct.value, u.evaluation_completion_pct.status,
                None, None, u.objections_filed.value, u.objections_filed.status,
                u.objections_upheld.value, u.objections_upheld.status,
                u.objections_rejected.value, u.objections_rejected.status,
                u.objections_pending.value, u.objections_pending.status, u.distribution_status,
                tuple(read.DistributionFigure(c, x.value, x.status) for c, x in u.distribution.items()),
                survey, (),
            )
        )  # fmt: skip
    return out[0], out[1:]


def survey_figures(ikm: PublishedIkm) -> read.IkmFigures:
    return read.IkmFigures(
        ikm.responses, ikm.ikm.value, ikm.converted, ikm.band, ikm.ikm.status,
        ikm.population, ikm.required_sample, ikm.sample_sufficient,
        tuple(read.UnsurFigure(x.unsur, x.nrr.value, x.nrr.status, x.answers) for x in ikm.unsur),
    )  # fmt: skip
