"""The audit judges every withheld cell and sees every relation a release publishes.

Each case is a small hand-made table where a withheld cell was pinned before (a complement
left unjudged, a survey sum, an IKM, an on-time total at 100 %), then the release's own
protection on the same figures, checked with the solver.
"""

from __future__ import annotations

from decimal import Decimal

from server.domain.disclosure import DisclosurePolicy
from server.domain.disclosure_audit import Problem, Relation, audit, protect
from server.domain.ikm import Unsur
from server.services.releases.builder import (
    EvaluationFacts,
    ObjectionTally,
    RawRelease,
    RawService,
    RawUnit,
    SurveyTally,
)
from server.services.releases.disclosure_tables import PublishedIkm, _ikm, protect_release
from server.services.releases.periods import parse_period
from server.services.releases.read import ServiceFigures, UnitFigures
from tests.api.releases.attacker import (
    attack_release,
    attack_survey,
    pinned,
    release_figures,
    survey_figures,
)

PERIOD = parse_period("2026-S1")
THRESHOLD = DisclosurePolicy().distribution_threshold


def _intervals(problem: Problem[str]) -> dict[str, tuple[float, float]]:
    return {i.key: (i.low, i.high) for i in audit(problem)}


def test_a_complement_the_published_values_pin_is_published_instead() -> None:
    """T = a + b + c with a small; b also makes U = b + e with U and e shown: b is 9 − 2."""
    values = {"T": 20.0, "a": 3.0, "b": 7.0, "c": 10.0, "U": 9.0, "e": 2.0}
    relations = [Relation.total("T", ["a", "b", "c"]), Relation.total("U", ["b", "e"])]
    before = Problem(values, relations, {"a", "b", "c"}, sensitive={"a"}, checked={"a"})
    assert _intervals(before) == {"a": (0.0, 13.0)}  # the old audit judged a alone: passed
    every = Problem(values, relations, {"a", "b", "c"}, sensitive={"a"})
    assert _intervals(every)["b"] == (7.0, 7.0)  # yet "withheld" b is 7 to anyone
    after = Problem(values, relations, {"a", "b", "c"}, sensitive={"a"}, releasable={"b", "c"})
    report = protect(after)
    # b is published (its value was implied) and nothing else changes: a keeps (0, 13).
    assert after.withheld == {"a", "c"}
    assert (report.cells_released, report.cells_added) == (1, 0)
    assert _intervals(after) == {"a": (0.0, 13.0), "c": (0.0, 13.0)}


def test_a_pinned_complement_that_may_not_be_published_gets_more_suppression() -> None:
    """The same b, withheld because a figure it would give back is (not releasable)."""
    values = {"T": 32.0, "a": 3.0, "b": 7.0, "c": 10.0, "d": 12.0, "U": 9.0, "e": 2.0}
    relations = [Relation.total("T", ["a", "b", "c", "d"]), Relation.total("U", ["b", "e"])]
    problem = Problem(values, relations, {"a", "b"}, sensitive={"a"})
    assert _intervals(problem)["b"] == (7.0, 7.0)
    report = protect(problem)
    assert "e" in problem.withheld
    assert report.cells_added >= 1
    low, high = _intervals(problem)["b"]
    assert high - low >= 1
    assert all(i.passed for i in audit(problem))


def test_no_complement_of_a_release_can_be_pinned() -> None:
    """A's rejected, the complement suppression picks for B's 1 rejected, is pinned by A's row
    (11 filed − 6 upheld − 0 pending, every pending a zero under the parent's 0): the release
    publishes it and withholds C's instead; the solver pins no withheld count above zero."""
    tree = {"P": (None, 0), "A": ("P", 20), "B": ("P", 20), "C": ("P", 20)}
    objections = {
        "A": ObjectionTally(11, 6, 5, 0),
        "B": ObjectionTally(2, 1, 1, 0),
        "C": ObjectionTally(7, 2, 5, 0),
    }
    units = [RawUnit(c, c, "BIDANG", p, headcount=n) for c, (p, n) in tree.items()]
    raw = RawRelease(PERIOD, units, [], [], False, EvaluationFacts(None, objections=objections))
    protected = protect_release(raw, DisclosurePolicy())
    by_code = {u.code: u for u in protected.units}
    assert by_code["B"].objections_rejected.value is None
    assert protected.audit["objections"].cells_released >= 1
    intervals = attack_release(*release_figures(protected))
    assert intervals
    assert not [i for i in pinned(intervals) if i.high > 0]


def _tally(responses: int, score: int, answers: dict[Unsur, int] | None = None) -> SurveyTally:
    t = SurveyTally(responses=responses)
    for i, u in enumerate(Unsur):
        n = (answers or {}).get(u, responses)
        t.counts[u] = n
        t.sums[u] = min(4 * n, n * score + i % 2)
    return t


def _survey_release(services: dict[str, SurveyTally]) -> RawRelease:
    """P ← U, U's own services ``services`` (U's tally is theirs), and a large sibling Q."""
    units = [
        RawUnit("P", "P", "DINAS", None, headcount=30),
        RawUnit("Q", "Q", "BIDANG", "P", headcount=20),
        RawUnit("U", "U", "BIDANG", "P", headcount=20),
    ]
    raw_services = [RawService(code, code, "U", t) for code, t in services.items()]
    raw_services.append(RawService("QS", "QS", "Q", _tally(40, 3)))
    for s in raw_services:
        next(u for u in units if u.code == s.unit_code).survey.add(s.survey)
    return RawRelease(PERIOD, units, raw_services, [], False)


def _attack_survey(
    raw: RawRelease, rows: dict[tuple[str, str], PublishedIkm]
) -> list[tuple[tuple[str, ...], float, float]]:
    """The solver on the survey figures as published (``rows``: per unit code / service)."""
    city, units = release_figures(protect_release(raw, DisclosurePolicy()))
    units = [_with_survey(u, rows[("U", u.code or "")]) for u in units]
    city = _with_survey(city, rows[("U", "")])
    services = [
        ServiceFigures(1, s.code, s.name, s.unit_code, survey_figures(rows[("V", s.code)]))
        for s in raw.services
    ]
    return [(i.key, i.low, i.high) for i in attack_survey(city, units, services)]


def _with_survey(u: UnitFigures, ikm: PublishedIkm) -> UnitFigures:
    from dataclasses import replace

    return replace(u, survey=survey_figures(ikm))


def _published_rows(raw: RawRelease) -> dict[tuple[str, str], PublishedIkm]:
    protected = protect_release(raw, DisclosurePolicy())
    rows = {("U", u.code or ""): u.ikm for u in protected.units}
    rows.update({("V", s.code): s.ikm for s in protected.services})
    return rows


def _unaudited_rows(raw: RawRelease) -> dict[tuple[str, str], PublishedIkm]:
    """Each row on its own, as releases were published before the survey audit."""
    city = SurveyTally()
    for u in raw.units:
        city.add(u.survey)
    rows = {("U", ""): _ikm(city, THRESHOLD)}
    q = next(u for u in raw.units if u.code == "Q").survey
    u_tally = next(u for u in raw.units if u.code == "U").survey
    p = SurveyTally()
    p.add(q)
    p.add(u_tally)
    rows.update({("U", "P"): _ikm(p, THRESHOLD), ("U", "Q"): _ikm(q, THRESHOLD)})
    rows[("U", "U")] = _ikm(u_tally, THRESHOLD)
    rows.update({("V", s.code): _ikm(s.survey, THRESHOLD) for s in raw.services})
    return rows


def test_a_small_service_is_not_its_unit_minus_its_sibling() -> None:
    """A unit's score sums are its services' (NRR × answers): 3 respondents beside 30."""
    raw = _survey_release({"SMALL": _tally(3, 2), "BIG": _tally(30, 3)})
    before = _attack_survey(raw, _unaudited_rows(raw))
    small = [(k, low, high) for k, low, high in before if k[1] == "SMALL"]
    assert small
    assert all(high - low < 1 for _k, low, high in small)  # U − BIG, every unsur
    rows = _published_rows(raw)
    assert rows[("V", "BIG")].ikm.value is None  # BIG's row is the complement, IKM with it
    assert rows[("U", "U")].ikm.value is not None
    after = _attack_survey(raw, rows)
    assert after
    assert not [(k, low, high) for k, low, high in after if high - low < 1]


def test_a_published_ikm_does_not_give_a_withheld_nrr_back() -> None:
    """IKM = Σ NRR / 9: with eight NRR shown, the ninth (5 answers) was IKM × 9 − the rest."""
    weights = {u: 20 / 20 for u in Unsur}
    weights[Unsur.U9] = 20 / 5
    sums = {u.value: 60.0 + i for i, u in enumerate(Unsur)}
    sums["U9"] = 14.0
    ikm = sum(w * sums[u.value] for u, w in weights.items())
    relation = Relation((("IKM", 1.0), *((u.value, -w) for u, w in weights.items())))
    values = {"IKM": ikm, **sums}
    lower = {u.value: 20.0 for u in Unsur} | {"U9": 5.0}
    upper = {k: 4 * v for k, v in lower.items()}
    before = Problem(values, [relation], {"U9"}, sensitive={"U9"}, lower=lower, upper=upper)
    low, high = _intervals(before)["U9"]
    assert high - low < 1e-6
    # The release: one more NRR (or the IKM) of that service is withheld, U9 is not pinned.
    raw = _survey_release({"X": _tally(20, 3, {Unsur.U9: 5}), "Y": _tally(25, 3)})
    protected = protect_release(raw, DisclosurePolicy())
    x = next(s for s in protected.services if s.code == "X").ikm
    hidden = [a.unsur for a in x.unsur if a.nrr.value is None]
    assert "U9" in hidden
    assert len(hidden) >= 2 or x.ikm.value is None
    low, high = protected.audit["survey"].intervals[("V", "X", "U9")]
    assert high - low >= 1


def test_an_on_time_total_at_100_percent_does_not_tell_a_withheld_part() -> None:
    """Late realisations add up: a parent with none late has every part with none late."""
    # As a linear programme over late counts (the percentages give no equation between
    # published cells, but 100 % says the parent's late count is zero).
    values = {"P": 0.0, "A": 0.0, "C": 0.0}
    problem = Problem(values, [Relation.total("P", ["A", "C"])], {"C"}, sensitive={"C"})
    assert _intervals(problem)["C"] == (0.0, 0.0)
    units = [
        RawUnit("P", "P", "DINAS", None, headcount=0),
        RawUnit("A", "A", "BIDANG", "P", headcount=20),
        RawUnit("C", "C", "BIDANG", "P", headcount=3),
        RawUnit("B", "B", "BADAN", None, headcount=20),
    ]
    on_time = {"A": (20, 60, 60), "C": (3, 9, 9), "B": (20, 50, 40)}
    for u in units:
        u.realized_people, u.realizations, u.realizations_on_time = on_time.get(u.code, (0, 0, 0))
    protected = protect_release(RawRelease(PERIOD, units, [], [], False), DisclosurePolicy())
    pct = {u.code: u.realization_on_time_pct.value for u in protected.units}
    assert pct["C"] is None
    # P (100 %) would tell C: withheld, and the city with it (the sum has two hidden parts).
    assert pct["P"] is None
    assert pct[None] is None or pct[None] != Decimal(100)
    assert all(
        v is None or v not in (Decimal(0), Decimal(100)) for c, v in pct.items() if c in (None, "P")
    )


def test_an_on_time_total_equal_to_its_other_parts_does_not_tell_the_withheld_one() -> None:
    """P has no own staff; A and B at 75 %, P at 75 %: the withheld C is 75 % too."""
    units = [
        RawUnit("P", "P", "DINAS", None, headcount=0),
        RawUnit("A", "A", "BIDANG", "P", headcount=20),
        RawUnit("B", "B", "BIDANG", "P", headcount=20),
        RawUnit("C", "C", "BIDANG", "P", headcount=3),
        RawUnit("R", "R", "BADAN", None, headcount=20),
        RawUnit("S", "S", "BADAN", None, headcount=20),
    ]
    on_time = {
        "A": (20, 60, 45),
        "B": (20, 40, 30),
        "C": (3, 4, 3),
        "R": (20, 50, 40),
        "S": (20, 30, 12),
    }
    for u in units:
        u.realized_people, u.realizations, u.realizations_on_time = on_time.get(u.code, (0, 0, 0))
    protected = protect_release(RawRelease(PERIOD, units, [], [], False), DisclosurePolicy())
    pct = {u.code: u.realization_on_time_pct.value for u in protected.units}
    assert (pct["A"], pct["B"], pct["C"]) == (Decimal(75), Decimal(75), None)
    assert pct["P"] is None  # 78 of 104 = 75 % would tell C's 75 %
    # The city (P + R + S) then has P hidden: one more root is, so P is not the city − R − S.
    assert [pct["R"], pct["S"]].count(None) == 1
