"""The previous demo year, evaluated: the generator follows the evaluation rules."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest

from server import clock
from server.demo import DemoCity, generate_city
from server.demo.evaluations import DemoEvaluation, DemoEvaluations, generate_evaluations
from server.domain.deadlines import DEFAULT_POLICY, decision_deadline
from server.domain.enums import (
    EvaluationStatus,
    ObjectionStatus,
    Predicate,
    WorkResultKind,
)
from server.domain.evaluation import (
    LOW_PREDICATES,
    ORG_TO_RESULT_RATING,
    Judged,
    matrix_on,
    propose_rating,
)
from server.services.evaluation.proposals import propose_annual

TODAY = date(2026, 6, 20)
EMPLOYEES = 400


@pytest.fixture(scope="module")
def city() -> DemoCity:
    return generate_city(seed=3373, employees=EMPLOYEES, today=TODAY)


@pytest.fixture(scope="module")
def data(city: DemoCity) -> DemoEvaluations:
    return generate_evaluations(city, seed=3373, today=TODAY)


def test_every_positioned_employee_appointed_before_the_year_is_evaluated(
    city: DemoCity, data: DemoEvaluations
) -> None:
    assert data.year.year == TODAY.year - 1
    expected = {
        e.nip
        for e in city.employees
        if e.position_key and e.appointment_date < date(data.year.year, 1, 1)
    }
    annual = {e.nip for e in data.evaluations if e.period is None}
    assert {p.nip for p in data.plans} == expected == annual
    per_plan = Counter(e.nip for e in data.evaluations)
    assert set(per_plan.values()) == {len(data.year.periods) + 1}
    assert all(
        e.status in (EvaluationStatus.DITETAPKAN, EvaluationStatus.DITERIMA)
        for e in data.evaluations
    )
    statuses = Counter(e.status for e in data.evaluations)
    assert statuses[EvaluationStatus.DITERIMA] > 0.9 * len(data.evaluations)


def test_predicate_is_the_matrix_cell(data: DemoEvaluations) -> None:
    for e in data.evaluations:
        day = data.year.periods[e.period - 1].end if e.period else date(data.year.year, 12, 31)
        assert e.predicate is matrix_on(day).predicate(e.result, e.behavior)


def test_periodic_ratings_come_from_the_judgements_unless_overridden(
    data: DemoEvaluations,
) -> None:
    kinds = {(p.nip, r.ordinal): r.kind for p in data.plans for r in p.work_results}
    overrides = 0
    for e in (e for e in data.evaluations if e.period is not None):
        items = [
            Judged(j.rating, kinds[e.nip, j.rhk] is WorkResultKind.UTAMA) for j in e.judgements
        ]
        assert propose_rating(items).rating is e.proposed_result
        behaviour = propose_rating([Judged(o.rating) for o in e.observations]).rating
        assert behaviour is e.proposed_behavior is e.behavior
        assert len(e.observations) == 7
        if e.result_override_reason:
            overrides += 1
            assert e.result is not e.proposed_result
        else:
            assert e.result is e.proposed_result


def test_annual_ratings_are_proposed_from_the_periods(data: DemoEvaluations) -> None:
    changed = {o.nip for o in data.objections if o.status is ObjectionStatus.DIUBAH}
    periodic: dict[str, list[DemoEvaluation]] = {}
    for e in data.evaluations:
        if e.period is not None:
            periodic.setdefault(e.nip, []).append(e)
    org = {(o.unit_code, o.period): o.predicate for o in data.org_predicates}
    for e in (e for e in data.evaluations if e.period is None):
        assert e.proposed_result is propose_annual([p.result for p in periodic[e.nip]]).rating
        assert e.proposed_behavior is propose_annual([p.behavior for p in periodic[e.nip]]).rating
        if e.head_of_unit:
            assert e.proposed_result is ORG_TO_RESULT_RATING[org[e.head_of_unit, None]]
        if e.nip not in changed:
            assert (e.result, e.behavior) == (e.proposed_result, e.proposed_behavior)


def test_whole_spectrum_mostly_baik(data: DemoEvaluations) -> None:
    counts = Counter(e.predicate for e in data.evaluations if e.period is None)
    assert set(counts) == set(Predicate)
    assert counts.most_common(1)[0][0] is Predicate.BAIK
    low = sum(counts[p] for p in LOW_PREDICATES)
    assert low < 0.2 * sum(counts.values())


def test_org_predicates_calibration_objections_and_coaching(data: DemoEvaluations) -> None:
    annual_org = [o for o in data.org_predicates if o.period is None]
    assert {c.unit_code for c in data.calibrations} <= {o.unit_code for o in annual_org}
    for c in data.calibrations:
        assert c.within_pattern == (not c.violations)
        assert c.within_pattern or (c.justification and len(c.justification) >= 20)
    statuses = Counter(o.status for o in data.objections)
    assert statuses[ObjectionStatus.DITOLAK]
    assert statuses[ObjectionStatus.DIUBAH]
    annual = {e.nip: e for e in data.evaluations if e.period is None}
    for o in data.objections:
        assert (o.previous is not None) == (o.status is ObjectionStatus.DIUBAH)
        if o.previous:
            assert (annual[o.nip].result, annual[o.nip].behavior) != o.previous[:2]
        assert o.filed_at.date() <= o.filing_deadline
    coached = {c.nip for c in data.coaching}
    assert coached == {n for n, e in annual.items() if e.predicate in LOW_PREDICATES}
    assert all(c.starts_on < c.ends_on for c in data.coaching)


def test_deterministic(city: DemoCity, data: DemoEvaluations) -> None:
    assert generate_evaluations(city, seed=3373, today=TODAY) == data


def test_in_year_objections_against_quarterly_results_obey_the_windows(
    city: DemoCity, data: DemoEvaluations
) -> None:
    """Keberatan filed during the year (so the year's annual release counts some): against a
    Triwulan I–III result, filed after it was set and by its filing deadline, rejected by the
    Atasan Pejabat Penilai by the decision deadline, one per person, no demo login involved."""
    year = data.year.year
    first, last = date(year, 1, 1), date(year, 12, 31)
    in_year = [o for o in data.objections if o.period is not None]
    plans = {p.nip: p for p in data.plans}
    assert len(in_year) >= max(5, round(len(plans) * 0.01))
    assert len({o.nip for o in in_year}) == len(in_year)
    assert not {o.nip for o in in_year} & {o.nip for o in data.objections if o.period is None}
    logins = {a.employee_nip for a in city.accounts if a.employee_nip}
    employees = {e.nip: e for e in city.employees}
    evaluations = {(e.nip, e.period): e for e in data.evaluations}
    for o in in_year:
        ev = evaluations[o.nip, o.period]
        assert o.period in (1, 2, 3)
        assert o.status is ObjectionStatus.DITOLAK
        assert o.previous is None
        assert ev.head_of_unit is None
        assert ev.predicate is not Predicate.SANGAT_BAIK
        # Filed after the result was set (and acknowledged), within the filing window.
        assert o.filing_deadline == ev.objection_filing_deadline
        assert ev.objection_filing_deadline == clock.day_of(ev.finalised_at) + timedelta(
            days=DEFAULT_POLICY.filing_days
        )
        assert ev.finalised_at < o.filed_at
        assert ev.acknowledged_at is None or ev.acknowledged_at < o.filed_at
        assert clock.day_of(o.filed_at) <= o.filing_deadline
        # Decided within the decision window, inside the year.
        assert o.decision_deadline == decision_deadline(
            clock.day_of(o.filed_at), o.filing_deadline, DEFAULT_POLICY
        )
        assert o.filed_at < o.decided_at
        assert clock.day_of(o.decided_at) <= o.decision_deadline
        assert first <= clock.day_of(o.filed_at) <= clock.day_of(o.decided_at) <= last
        # The Atasan Pejabat Penilai decides: the assessor's own assessor.
        assessor = plans[o.nip].assessor_nip
        assert assessor is not None
        assert o.decider_nip == plans[assessor].assessor_nip
        assert not {o.nip, assessor, o.decider_nip} & logins
        # Everyone involved held their position all year.
        assert employees[o.nip].assignment_start <= first
        assert employees[o.decider_nip].assignment_start <= first
