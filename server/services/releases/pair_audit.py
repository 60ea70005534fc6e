"""The audits across tables: of one release (``protect_single``, issue 10, item 1) and of a
correction with the release it replaces (``protect_correction``, issue 10, item 2).

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
  completion);
* the people in a distribution row were evaluated (Σ categories ≤ evaluated, equal where the
  completion is counted from the distribution). Each table's own audit does not see this
  relation between tables: where everyone of a unit was evaluated, its published distribution
  tells the head count, so a coverage withheld as 100 % (and those of its small sub-units)
  would be pinned. ``audit_single`` audits one release with it (``protect_single``, every
  publication), and the pair audit starts from releases so protected;
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

The survey tables are in the pair programme too (``survey_knowledge``): score sums per row
and unsur (NRR × the published answers, between answers and 4 × answers) summing service →
unit → parent → city, and each row's IKM where every respondent answered every unsur (its
total score). The answers are published whole, so a row's sum in the correction is the
replaced release's plus one to four points per answer added, and the same where none was
(assumed, freed where contradicted, as above). Cells the replaced release withheld are still
carried over (``disclosure_tables``); the pair audit adds what the survey pins across the
two releases, e.g. a changed row hidden beside a new small one. On-time percentages give no
linear identity (``_bounded_ratios``), and an IKM over unequal answers is no exact constant
(its rounded value times a fractional weight): both stay with the release's own audit.
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial

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
from server.domain.ikm import Unsur
from server.services.releases import read
from server.services.releases.builder import CATEGORIES, RawRelease, SurveyTally
from server.services.releases.disclosure_tables import (
    CITY,
    OBJECTION_PARTS,
    Forced,
    ProtectedRelease,
    PublishedIkm,
    percent,
    protect_release,
)
from server.services.releases.disclosure_tables import Cell as DCell

Cell = tuple[str, ...]  # (release "1" | "2", table, "T" | "D", unit code) and helpers
Figures2 = tuple[read.UnitFigures, Sequence[read.UnitFigures]]  # the evaluation tables
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
    answers: dict[Cell, int] = field(default_factory=dict)  # a score sum's answers (untagged)

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
    distributed_evaluated: bool = True,
    services: Sequence[read.ServiceFigures] | None = None,
) -> Knowledge:
    """The relations one release's published figures give (cells prefixed by ``tag``).

    ``completion_of_eligible``: the completion is of the pegawai with a set SKP (head count ×
    coverage); else of the head count (releases built without eligible counts).
    ``distributed_evaluated``: with the relation between tables the per-table audits do not
    see, the people of a distribution row among its evaluated (``audit_single``'s baseline
    leaves it out). ``services``: with the survey tables (``survey_knowledge``)."""
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
        if completion and distributed_evaluated:
            # The people in a distribution row were evaluated (a finalised evaluation with a
            # predicate): Σ categories ≤ evaluated, equal where the completion is counted from
            # the distribution (releases without eligible counts).
            for u in everyone:
                code = u.code or CITY
                people = [(tag, category, "T", code) for category in CATEGORIES]
                if completion_of_eligible:
                    slack = (tag, "slack", "distributed", code)
                    a.unknown.add(slack)
                    people.append(slack)
                a.relations.append(Relation.total((tag, "completion", "T", code), people))
    if services is not None:
        survey_knowledge(a, tag, city, units, services)
    return a


def survey_knowledge(
    a: Knowledge,
    tag: str,
    city: read.UnitFigures,
    units: Sequence[read.UnitFigures],
    services: Sequence[read.ServiceFigures],
) -> None:
    """The survey tables of one release: per row (``"U"`` unit, the city ``""``; ``"V"``
    service) and unsur a score sum ``S = NRR × answers`` (the answers are published whole, so
    a published NRR is its sum), ``answers ≤ S ≤ 4 × answers``; a unit's sums are its own
    services' plus its sub-units', the city's its roots'. Where every respondent of a row
    answered every unsur, ``9 × respondents × IKM`` is the sum of its sums (a published IKM a
    constant). Elsewhere the IKM is a mean weighted by published answers whose rounded value
    is no exact constant: left to the row's own audit (``disclosure_tables._survey_audit``)."""
    rows: dict[tuple[str, str], read.IkmFigures] = {("U", CITY): city.survey}
    rows.update({("U", u.code or CITY): u.survey for u in units})
    rows.update({("V", sv.code): sv.survey for sv in services})
    for (kind, code), survey in rows.items():
        for x in survey.unsur:
            key = (tag, f"survey.{x.unsur}", kind, code)
            a.answers[key[1:]] = x.answers
            a.lower[key], a.upper[key] = float(x.answers), 4.0 * x.answers
            if x.answers == 0:
                a.known[key] = 0.0
            elif x.nrr is not None:
                a.known[key] = float(round(x.nrr * x.answers))
                a.columns.add(key)
            else:
                a.withheld.add(key)
        r = survey.survey_responses
        if r and survey.unsur and all(x.answers == r for x in survey.unsur):
            ikm = (tag, "survey.IKM", kind, code)
            a.lower[ikm], a.upper[ikm] = 9.0 * r, 36.0 * r
            if survey.ikm is not None:
                a.known[ikm] = float(round(9 * r * survey.ikm))
                a.columns.add(ikm)
            else:
                a.withheld.add(ikm)
            parts = [(tag, f"survey.{x.unsur}", kind, code) for x in survey.unsur]
            a.relations.append(Relation.total(ikm, parts))
    own: dict[str, list[str]] = defaultdict(list)
    for sv in services:
        own[sv.unit_code].append(sv.code)
    children: dict[str, list[str]] = defaultdict(list)
    roots: list[str] = []
    for u in units:
        (roots if u.parent_code is None else children[u.parent_code]).append(u.code or CITY)
    for x in city.survey.unsur:
        table = f"survey.{x.unsur}"
        for u in units:
            code = u.code or CITY
            parts = [*((tag, table, "V", c) for c in own[code])]
            parts += [(tag, table, "U", c) for c in children[code]]
            a.relations.append(Relation.total((tag, table, "U", code), parts))
        a.relations.append(
            Relation.total((tag, table, "U", CITY), [(tag, table, "U", r) for r in roots])
        )


def pair_knowledge(
    first: Knowledge, second: Knowledge, changed: Mapping[Cell, tuple[float, float]]
) -> tuple[Knowledge, set[Cell]]:
    """Both releases' knowledge, linked own-staff cell by own-staff cell: ``("2", …) =
    ("1", …) + ("+", …)``, the difference within ``changed`` (by the untagged cell) or 0.
    Returns the joint knowledge and the differences only assumed to be 0."""
    joint = Knowledge()
    assumed: set[Cell] = set()
    for part in (first, second):
        joint.known.update(part.known)
        joint.relations += part.relations
        joint.lower.update(part.lower)
        joint.upper.update(part.upper)
        joint.withheld |= part.withheld
        joint.unknown |= part.unknown
        joint.columns |= part.columns
    sums = {k for k in first.answers if k in second.answers and k[0] != "survey.IKM"}
    for cell in sorted(sums):
        if ("1", *cell) in joint.known and ("2", *cell) in joint.known:
            continue
        # Answers are published whole: a sum grows by one to four points per answer added,
        # and stays where none was (assumed, as the attacker would: a removed answer and an
        # added one leave the count alone; freed where the figures contradict it).
        added = second.answers[cell] - first.answers[cell]
        difference = ("+", *cell)
        joint.unknown.add(difference)
        low, high = sorted((1.0 * added, 4.0 * added))
        joint.lower[difference], joint.upper[difference] = low, high
        assumed.add(difference)
        joint.relations.append(Relation.total(("2", *cell), [("1", *cell), difference]))
    cells = (*joint.known, *joint.withheld, *joint.unknown)
    own = {k[1:] for k in cells if k[0] == "1" and k[2] == "D"}
    own &= {k[1:] for k in cells if k[0] == "2" and k[2] == "D"}
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
    # The survey: score sums per row and unsur (and the row's total where it is an IKM cell).
    rows: dict[tuple[str, str], SurveyTally] = {("V", sv.code): sv.survey for sv in raw.services}
    for u in reversed(raw.units):
        tally = SurveyTally()
        tally.add(u.survey)
        for c in children[u.code]:
            tally.add(rows[("U", c)])
        rows[("U", u.code)] = tally
    city_tally = SurveyTally()
    for r in roots:
        city_tally.add(rows[("U", r)])
    rows[("U", CITY)] = city_tally
    for (kind, code), tally in rows.items():
        for unsur in Unsur:
            out[(f"survey.{unsur.value}", kind, code)] = tally.sums[unsur]
        out[("survey.IKM", kind, code)] = sum(tally.sums.values())
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


Figures = tuple[read.UnitFigures, Sequence[read.UnitFigures], Sequence[read.ServiceFigures]]


def audit_pair(
    before: Figures,
    after: Figures,
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
    first = public_knowledge("1", *before[:2], completion_of_eligible, services=before[2])
    second = public_knowledge("2", *after[:2], completion_of_eligible, services=after[2])
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

    # Judged as "sensitive": at least as wide as alone, up to the protection interval.
    problem.sensitive = set(checked)
    problem.protection = {k: _protection(policy, k, widths.get(k, math.inf)) for k in checked}
    # A value the replaced release published, the same now, is known from the pair: hiding
    # it protects nothing (the correction's own audit never takes it as a complement either).
    repeated = {k for k in second.columns if first.known.get(("1", *k[1:])) == second.known[k]}
    before_hidden = set(problem.withheld)
    report = protect(
        problem, may_hide=lambda k: k[0] == "2" and k in joint.columns and k not in repeated
    )
    return problem.withheld - before_hidden, report


def _protection(policy: DisclosurePolicy, key: Cell, width: float) -> float:
    """The interval a withheld cell keeps: the protection of its table's threshold, or all
    it had before (``width``) when that is narrower."""
    share = DisclosurePolicy(protection_share=policy.protection_share)
    threshold = (
        policy.headcount_threshold if key[1] in HEADCOUNT_TABLES else policy.distribution_threshold
    )
    return min(share.protection(threshold), width)


def audit_single(
    figures: tuple[read.UnitFigures, Sequence[read.UnitFigures]],
    policy: DisclosurePolicy,
    completion_of_eligible: bool = True,
    releasable: Callable[[Cell], bool] = lambda _k: False,
    truth: Mapping[Cell, float] | None = None,
) -> tuple[set[Cell], set[Cell], AuditReport]:
    """The published cells of one release to withhold so that the relations between its
    tables pin nothing the tables' own audits left open (issue 10, item 1).

    Each table is audited on its own in ``disclosure_tables``, with the bounds the others
    give (a numerator at most its head count or eligible). What only the tables together
    tell: the people of a distribution are among the evaluated, who are among the eligible,
    who are among the head count (distributed ≤ evaluated ≤ head count × coverage ≤ head
    count). A unit whose published distribution counts its whole published head count so
    tells that its withheld coverage and completion are 100 %, and so are its sub-units'.
    The release's knowledge is solved without that relation (the baseline: what the tables'
    audits accepted) and with it; a withheld cell passes when it is as wide as in the
    baseline, up to the protection interval. Not judged: cells the baseline pins, and
    cells pinned at zero (they describe no one: nobody distributed, so nobody evaluated).
    A pinned cell ``releasable`` allows (a complement, its value implied) is published
    instead, as the tables' audits do. Returns the cells to withhold, those to publish and
    the report; ``truth``: the values of the cells it may publish."""
    started = time.perf_counter()
    truth = truth or {}
    full = public_knowledge("1", *figures, completion_of_eligible)
    report = AuditReport()
    # Hiding a cell only widens intervals, so only the cells already narrower than their
    # protection with every relation can fail: the baseline is solved for those alone. A
    # cell pinned at zero describes no one (nobody distributed there, so nobody evaluated):
    # not judged, as the tables' audits do not judge a withheld zero of a small row.
    # Only whether a cell is narrower than its protection matters here (and, in the baseline,
    # its width up to that protection): a cell already seen that wide needs no programme.
    problem = full.problem()
    needed = {k: _protection(policy, k, math.inf) for k in problem.withheld}
    narrow = {
        i.key
        for i in audit(problem, report, wide=needed)
        if i.high > EPS and i.high - i.low < needed[i.key] - EPS
    }
    if not narrow:
        report.seconds = time.perf_counter() - started
        return set(), set(), report
    baseline = public_knowledge("1", *figures, completion_of_eligible, distributed_evaluated=False)
    widths = {
        i.key: i.high - i.low
        for i in audit(baseline.problem(narrow & baseline.withheld), report, wide=needed)
    }
    checked = {k for k in narrow if widths.get(k, math.inf) >= 1 - EPS}
    problem = full.problem(checked)
    problem.sensitive = set(checked)
    problem.protection = {k: _protection(policy, k, widths.get(k, math.inf)) for k in checked}
    problem.releasable = {k for k in checked if releasable(k) and k[1:] in truth}
    for key in problem.releasable:  # published at its value when released
        problem.values[key] = float(truth[key[1:]])
    before = set(problem.withheld)
    # The joint report keeps no interval (AuditReport.add): only which cells pass matters.
    report.add(protect(problem, may_hide=lambda k: k in full.columns, exact_intervals=False))
    report.seconds = time.perf_counter() - started
    return problem.withheld - before, before - problem.withheld, report


def protect_single(
    raw: RawRelease, policy: DisclosurePolicy, forced: Forced | None = None
) -> ProtectedRelease:
    """``protect_release`` with the audit across its tables (``audit_single``): the cells it
    would pin are withheld too (the tables protected again around them) until it adds
    nothing. Its report is the release's "joint" table: the cells it added (its withheld
    cells are the tables').

    A complement the joint relations pin is published (its value is implied), as the
    tables' audits do; where that leaves a cell without a complement to hide (the audit
    looks for one only in the relations of the failing cell), the release is protected
    again without publishing any (hiding only)."""
    started = time.perf_counter()
    values = _TrueValues(raw, policy)
    try:
        protected = _protect_single(raw, policy, forced or {}, values, release=True)
    except DisclosureAuditError:
        protected = _protect_single(raw, policy, forced or {}, values, release=False)
    # The whole time spent, a failed attempt included: the tables' reports count their last
    # run, the joint one the rest.
    tables = sum(r.seconds for name, r in protected.audit.items() if name != "joint")
    protected.audit["joint"].seconds = time.perf_counter() - started - tables
    return protected


def _protect_single(
    raw: RawRelease, policy: DisclosurePolicy, forced: Forced, values: _TrueValues, release: bool
) -> ProtectedRelease:
    extra: dict[str, set[object]] = defaultdict(set)
    joint = AuditReport()
    released: set[Cell] = set()
    for round_number in range(1, MAX_PAIR_ROUNDS + 1):
        merged = {name: set(forced.get(name, ())) | extra[name] for name in {*forced, *extra}}
        protected = values.publish(protect_release(raw, policy, merged), released)
        figures = release_figures(protected)
        added, freed, report = audit_single(
            figures,
            policy,
            raw.evaluation is None or raw.evaluation.completed is not None,
            partial(_releasable, values, merged, figures) if release else lambda _k: False,
            values.now,
        )
        joint.add(report)
        joint.rounds = round_number
        released |= freed
        if not added:
            protected = values.publish(protected, freed)
            joint.cells_withheld = 0  # counted in the tables
            joint.cells_released = len(released)
            joint.cells_added = sum(len(v) for v in extra.values())
            protected.audit["joint"] = joint
            return protected
        released -= added
        for cell in added:
            table, key = _forced_key(cell)
            extra[table].add(key)
    raise DisclosureAuditError(f"the joint audit did not pass within {MAX_PAIR_ROUNDS} rounds")


def _releasable(values: _TrueValues, withheld: Forced, figures: Figures2, cell: Cell) -> bool:
    """A cell the joint audit may publish when pinned: not about too few people, not withheld
    on purpose (a replaced release's, or the joint audit's own), with its denominator."""
    table, key = _forced_key(cell)
    return (
        cell[1:] not in values.primary
        and key not in withheld.get(table, set())
        and values.denominator_published(cell, figures)
    )


class _TrueValues:
    """The release's values behind its cells, which of them are about too few people
    (primary: never published), and the published value of a cell the joint audit releases."""

    def __init__(self, raw: RawRelease, policy: DisclosurePolicy) -> None:
        self.raw = raw
        self.now = true_cells(raw)
        evaluation = raw.evaluation
        self.eligible = dict(self.now)
        if evaluation is not None and evaluation.completed is not None:
            eligible = {
                ("skp", "D", u.code): float((evaluation.eligible or {}).get(u.code, 0))
                for u in raw.units
            }
            self.eligible = true_cells(
                RawRelease(
                    raw.period,
                    [
                        dataclasses.replace(u, skp_set=int(eligible[("skp", "D", u.code)]))
                        for u in raw.units
                    ],
                    [],
                    [],
                    raw.skp_available,
                )
            )
        self.completion_of_eligible = evaluation is None or evaluation.completed is not None
        small_head, small = policy.headcount_threshold, policy.distribution_threshold
        self.primary: set[Cell] = set()
        for (table, kind, code), v in self.now.items():
            if table.startswith("survey."):
                continue  # the survey's cells are never released here
            head = self.now[("head", kind, code)]
            if table == "head":
                tiny = 0 < v < small_head
            elif table in OBJECTIONS:
                tiny = 0 < self.now.get(("filed", kind, code), 0) < small_head or 0 < v < small_head
            elif table == "skp":
                tiny = 0 < head < small
            elif table == "completion":
                tiny = 0 < self._base(kind, code) < small
            elif table in CATEGORIES:
                people = sum(self.now.get((c, kind, code), 0) for c in CATEGORIES)
                tiny = 0 < people < small
            else:
                tiny = True
            if tiny:
                self.primary.add((table, kind, code))

    def _base(self, kind: str, code: str) -> float:
        if self.completion_of_eligible:
            return self.eligible[("skp", kind, code)]
        return self.now[("head", kind, code)]

    def denominator_published(self, cell: Cell, figures: Figures2) -> bool:
        """A percentage is published only beside its published head count (and coverage for
        a completion of the eligible): else its pinned numerator would give that back."""
        _tag, table, _kind, code = cell
        if table not in ("skp", "completion"):
            return True
        unit = next(u for u in (figures[0], *figures[1]) if (u.code or CITY) == code)
        if unit.headcount is None:
            return False
        return (
            table == "skp" or not self.completion_of_eligible or unit.skp_coverage_pct is not None
        )

    def publish(self, protected: ProtectedRelease, cells: set[Cell]) -> ProtectedRelease:
        """``protected`` with ``cells`` published (their values, no status)."""
        if not cells:
            return protected
        by_code: dict[str, dict[str, object]] = defaultdict(dict)
        for _tag, table, kind, code in cells:
            v = int(self.now[(table, kind, code)])
            changes = by_code[code]
            if table == "head":
                changes["headcount" if kind == "T" else "direct_headcount"] = DCell(v)
            elif table in OBJECTIONS:
                changes[f"objections_{table}"] = DCell(v)
            elif table == "skp":
                changes["skp_coverage_pct"] = DCell(percent(v, int(self.now[("head", kind, code)])))
            elif table == "completion":
                base = int(self._base(kind, code))
                changes["evaluation_completion_pct"] = DCell(percent(v, base))
            else:
                changes.setdefault("distribution", {})[table] = DCell(v)  # type: ignore[index]
        units = []
        for u in protected.units:
            changes = dict(by_code.get(u.code or CITY, {}))
            if "distribution" in changes:
                row = {**u.distribution, **changes["distribution"]}  # type: ignore[dict-item]
                changes["distribution"] = row
                if all(c.value is not None for c in row.values()):
                    changes["distribution_status"] = None
            units.append(dataclasses.replace(u, **changes) if changes else u)  # type: ignore[arg-type]
        return dataclasses.replace(protected, units=units)


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
    if table.startswith("survey."):
        return "survey", (kind, code, table.removeprefix("survey."))
    return "distribution", (table, kind, code)


def protect_correction(
    raw: RawRelease,
    policy: DisclosurePolicy,
    forced: Forced,
    before: Figures,
) -> ProtectedRelease:
    """``protect_release`` for a correction, then the joint audit with the release it
    replaces: the cells the pair would pin or narrow are withheld in the correction (and the
    tables protected again around them) until the pair audit adds nothing."""
    extra: dict[str, set[object]] = defaultdict(set)
    pair = AuditReport()
    now = true_cells(raw)
    for round_number in range(1, MAX_PAIR_ROUNDS + 1):
        merged = {name: set(forced.get(name, ())) | extra[name] for name in {*forced, *extra}}
        protected = protect_single(raw, policy, merged)
        added, report = audit_pair(
            before,
            published_figures(protected),
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


def published_figures(protected: ProtectedRelease) -> Figures:
    """A protected release as the public reads it, survey figures included."""
    city, units = release_figures(protected)
    survey = {u.code: survey_figures(u.ikm) for u in protected.units}
    city = dataclasses.replace(city, survey=survey[None])
    units = [dataclasses.replace(u, survey=survey[u.code]) for u in units]
    services = [
        read.ServiceFigures(0, s.code, s.name, s.unit_code, survey_figures(s.ikm))
        for s in protected.services
    ]
    return city, units, services


def survey_figures(ikm: PublishedIkm) -> read.IkmFigures:
    return read.IkmFigures(
        ikm.responses, ikm.ikm.value, ikm.converted, ikm.band, ikm.ikm.status,
        ikm.population, ikm.required_sample, ikm.sample_sufficient,
        tuple(read.UnsurFigure(x.unsur, x.nrr.value, x.nrr.status, x.answers) for x in ikm.unsur),
    )  # fmt: skip
