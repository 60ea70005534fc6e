"""The synthetic year of performance work: deterministic, cascaded, and complete per month."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, date, datetime

import pytest

from server.demo import DemoCity, generate_city
from server.demo.assessors import DemoAssessors
from server.demo.evidence_files import DEMO_FILES
from server.demo.performance import (
    PHRASE_ABOVE_TARGET,
    PHRASE_BELOW_TARGET,
    PHRASE_CLARIFY,
    PHRASE_COORDINATE,
    PHRASE_DIALOGUE,
    PHRASE_EVIDENCE_MISSING,
    PHRASE_ON_TARGET,
    DemoPerformance,
    demo_cast,
    generate_performance,
)
from server.demo.performance_texts import activity_of, family_of, fungsional_bank
from server.domain.enums import FeedbackTarget, PlanStatus, RealizationStatus
from server.services.feedback import DEFAULT_FEEDBACK_PHRASES
from server.storage.content_types import sniff_head

TODAY = date(2026, 6, 20)  # five months have ended; June is under way
END_OF_YESTERDAY = datetime(2026, 6, 19, 23, 59, tzinfo=UTC)


@pytest.fixture(scope="module")
def city() -> DemoCity:
    return generate_city(seed=3373, employees=400, today=TODAY)


@pytest.fixture(scope="module")
def perf(city: DemoCity) -> DemoPerformance:
    return generate_performance(city, seed=3373, today=TODAY)


@pytest.fixture(scope="module")
def full() -> tuple[DemoCity, DemoPerformance]:
    city = generate_city(seed=3373, today=TODAY)
    return city, generate_performance(city, seed=3373, today=TODAY)


def test_same_seed_and_day_give_identical_records(city: DemoCity, perf: DemoPerformance) -> None:
    assert generate_performance(city, seed=3373, today=TODAY) == perf


def test_another_seed_gives_other_work(city: DemoCity, perf: DemoPerformance) -> None:
    other = generate_performance(city, seed=42, today=TODAY)
    assert [p.nip for p in other.plans] == [p.nip for p in perf.plans]
    assert other.realizations != perf.realizations


def test_year_is_the_current_one_with_monthly_periods(perf: DemoPerformance) -> None:
    assert perf.year.year == 2026
    assert len(perf.year.periods) == 12
    assert perf.year.completed_periods == 5
    assert perf.year.plan_deadline == date(2026, 1, 31)


def test_every_holder_has_one_plan_with_assessors_first(
    city: DemoCity, perf: DemoPerformance
) -> None:
    holders = {e.nip for e in city.employees if e.position_key is not None}
    nips = [p.nip for p in perf.plans]
    assert sorted(nips) == sorted(holders)
    seen: set[str] = set()
    for plan in perf.plans:
        assert plan.assessor_nip is None or plan.assessor_nip in seen
        seen.add(plan.nip)


def test_plans_cascade_from_the_assessor_found_by_the_domain_rule(
    city: DemoCity, perf: DemoPerformance
) -> None:
    assessors = DemoAssessors(city.positions, city.employees, city.overrides)
    positions = {p.key: p for p in city.positions}
    people = {e.nip: e for e in city.employees}
    plans = {p.nip: p for p in perf.plans}
    goals = {(g.unit_code, g.ordinal) for g in perf.org_goals}
    for plan in perf.plans:
        boss = assessors.assessor_of(plan.nip)
        assert plan.assessor_nip == (boss.nip if boss else None)
        position = positions[people[plan.nip].position_key or ""]
        assert 2 <= len(plan.work_results) <= 4
        for result in plan.work_results:
            assert 1 <= len(result.indicators) <= 2
            for indicator in result.indicators:
                assert indicator.target_value > 0
                assert indicator.target_unit
            if position.kind.is_jpt:
                assert result.parent_ordinal is None
                assert (plan.unit_code, result.org_goal_ordinal) in goals
                assert all(i.perspective is not None for i in result.indicators)
            else:
                assert result.org_goal_ordinal is None
                assert plan.assessor_nip is not None
                parents = {r.ordinal for r in plans[plan.assessor_nip].work_results}
                assert result.parent_ordinal in parents


def test_nearly_all_plans_are_set_and_a_handful_wait(perf: DemoPerformance) -> None:
    statuses = Counter(p.status for p in perf.plans)
    assert statuses[PlanStatus.DITETAPKAN] >= 0.97 * len(perf.plans)
    for status in (PlanStatus.DRAFT, PlanStatus.DIAJUKAN, PlanStatus.DITOLAK):
        assert statuses[status] >= 1
    raters = {p.assessor_nip for p in perf.plans}
    for plan in perf.plans:
        if plan.status is PlanStatus.DITETAPKAN:
            assert plan.submitted_at
            assert plan.approved_at
            assert plan.submitted_at < plan.approved_at
            assert plan.approved_at <= END_OF_YESTERDAY
        else:
            assert plan.nip not in raters  # nobody cascades from an SKP that is not set
            assert plan.approved_at is None
            assert (plan.submitted_at is None) == (plan.status is PlanStatus.DRAFT)
            assert (plan.rejection_reason is not None) == (plan.status is PlanStatus.DITOLAK)


def test_demo_pelaksana_is_set_and_their_kasi_has_one_to_review(
    full: tuple[DemoCity, DemoPerformance],
) -> None:
    city, perf = full
    cast = demo_cast(city)
    plans = {p.nip: p for p in perf.plans}
    assert plans[cast.pelaksana].status is PlanStatus.DITETAPKAN
    assert plans[cast.pelaksana].assessor_nip == cast.kasi
    waiting = [
        p for p in perf.plans if p.assessor_nip == cast.kasi and p.status is PlanStatus.DIAJUKAN
    ]
    assert len(waiting) == 1
    assert waiting[0].nip != cast.pelaksana


def test_full_city_row_counts_stay_sensible(full: tuple[DemoCity, DemoPerformance]) -> None:
    _city, perf = full
    results = sum(len(p.work_results) for p in perf.plans)
    indicators = sum(len(r.indicators) for p in perf.plans for r in p.work_results)
    assert 3900 <= len(perf.plans) <= 4000
    assert 10_000 <= results <= 14_000
    assert 14_000 <= indicators <= 21_000
    assert len(perf.realizations) <= indicators * perf.year.completed_periods
    assert len(perf.work_log) <= 3 * len(perf.plans) * TODAY.month
    assert len(perf.feedback) < len(perf.plans)


def test_realisasi_cover_every_ended_month_once(perf: DemoPerformance) -> None:
    completed = perf.year.completed_periods
    keys = [(r.nip, r.rhk, r.iki, r.period) for r in perf.realizations]
    assert len(keys) == len(set(keys))
    periods = defaultdict(set)
    for r in perf.realizations:
        periods[r.nip, r.rhk, r.iki].add(r.period)
        assert 1 <= r.period <= completed
        assert r.filed_at <= END_OF_YESTERDAY
        assert (r.confirmed_at is None) == (r.status is RealizationStatus.USULAN)
    in_force = [p for p in perf.plans if p.in_force]
    reported_last = 0
    for plan in perf.plans:
        for result in plan.work_results:
            for indicator in result.indicators:
                found = periods.get((plan.nip, result.ordinal, indicator.ordinal), set())
                if not plan.in_force:
                    assert not found
                    continue
                assert set(range(1, completed)) <= found
                reported_last += completed in found
    total = sum(len(r.indicators) for p in in_force for r in p.work_results)
    assert 0.9 * total <= reported_last < total  # a few have not reported May yet


def test_some_realisasi_were_late(perf: DemoPerformance) -> None:
    due = {p.number: p.realization_due for p in perf.year.periods}
    late = [r for r in perf.realizations if r.filed_at.date() > due[r.period]]
    assert 0 < len(late) < 0.1 * len(perf.realizations)


def test_work_log_is_a_few_entries_per_month(perf: DemoPerformance) -> None:
    per_month = Counter((w.nip, w.work_date.month) for w in perf.work_log)
    assert max(per_month.values()) <= 3
    keys = [(w.nip, w.work_date, w.text) for w in perf.work_log]
    assert len(keys) == len(set(keys))
    plans = {p.nip: p for p in perf.plans}
    for entry in perf.work_log:
        assert date(2026, 1, 1) <= entry.work_date < TODAY
        assert entry.work_date.weekday() < 5
        assert plans[entry.nip].in_force
        assert entry.rhk in {r.ordinal for r in plans[entry.nip].work_results}
        assert 0 < entry.minutes_spent <= 1440
    assert {w.work_date.month for w in perf.work_log} == {1, 2, 3, 4, 5, 6}


def test_evidence_refers_to_existing_work_and_a_few_real_files(perf: DemoPerformance) -> None:
    realizations = {(r.nip, r.rhk, r.iki, r.period) for r in perf.realizations}
    entries = {(w.nip, w.work_date, w.text) for w in perf.work_log}
    used_files = set()
    for e in perf.evidence:
        assert (e.realization is None) != (e.work_log is None)
        if e.realization is not None:
            assert (e.nip, *e.realization) in realizations
        else:
            assert e.work_log is not None
            assert (e.nip, *e.work_log) in entries
        assert (e.file_index is None) != (e.url is None)
        if e.url is not None:
            assert e.url.startswith("https://")
        else:
            assert e.file_index is not None
            used_files.add(e.file_index)
    assert used_files == set(range(len(DEMO_FILES)))
    assert 5 <= len(DEMO_FILES) <= 10


def test_generated_files_are_what_their_type_says_and_small() -> None:
    for f in DEMO_FILES:
        sniffed = sniff_head(f.content[:64])
        assert sniffed is not None
        assert sniffed.media_type == f.media_type
        assert sniffed.extension == f.extension
        assert len(f.content) < 20_000
    assert len({f.content for f in DEMO_FILES}) == len(DEMO_FILES)


def test_feedback_comes_from_owner_or_assessor_in_threads(perf: DemoPerformance) -> None:
    plans = {p.nip: p for p in perf.plans}
    realizations = {(r.nip, r.rhk, r.iki, r.period) for r in perf.realizations}
    by_key = {(f.nip, f.created_at): f for f in perf.feedback}
    assert len(by_key) == len(perf.feedback)
    assert any(f.reply_to is not None for f in perf.feedback)
    for f in perf.feedback:
        plan = plans[f.nip]
        assert f.author_nip in (plan.nip, plan.assessor_nip)
        assert f.created_at <= END_OF_YESTERDAY
        if f.phrase_index is not None:
            assert f.author_nip == plan.assessor_nip  # only a penilai picks standard phrases
        else:
            assert f.text
        if f.target is FeedbackTarget.REALISASI:
            assert (f.nip, f.rhk, f.iki, f.period) in realizations
        if f.reply_to is not None:
            parent = by_key[f.nip, f.reply_to]
            assert parent.created_at < f.created_at
            assert (parent.target, parent.rhk, parent.iki, parent.period) == (
                f.target,
                f.rhk,
                f.iki,
                f.period,
            )
    for d in perf.dialogues:
        plan = plans[d.nip]
        assert d.recorded_by_nip == plan.assessor_nip
        assert set(d.participant_nips) == {plan.nip, plan.assessor_nip}
        assert d.held_on < TODAY


def test_phrase_indexes_point_at_the_intended_standard_phrases() -> None:
    assert DEFAULT_FEEDBACK_PHRASES[PHRASE_ON_TARGET].startswith("Hasil kerja sudah sesuai")
    assert DEFAULT_FEEDBACK_PHRASES[PHRASE_ABOVE_TARGET].startswith("Hasil kerja melampaui")
    assert DEFAULT_FEEDBACK_PHRASES[PHRASE_BELOW_TARGET].startswith("Realisasi masih di bawah")
    assert DEFAULT_FEEDBACK_PHRASES[PHRASE_EVIDENCE_MISSING].startswith("Bukti dukung belum")
    assert DEFAULT_FEEDBACK_PHRASES[PHRASE_CLARIFY].startswith("Mohon perjelas")
    assert DEFAULT_FEEDBACK_PHRASES[PHRASE_COORDINATE].startswith("Koordinasikan")
    assert DEFAULT_FEEDBACK_PHRASES[PHRASE_DIALOGUE].startswith("Mari jadwalkan dialog")


def test_texts_follow_the_job() -> None:
    assert family_of("Pranata Komputer Ahli Pertama") == "Pranata Komputer"
    assert fungsional_bank("Pranata Komputer Terampil")[0].text == (
        "Terlaksananya pemeliharaan aplikasi layanan publik"
    )
    assert (
        fungsional_bank("Guru Ahli Muda")[0].text == "Terlaksananya pembelajaran yang berkualitas"
    )
    assert activity_of("Tersusunnya laporan keuangan") == "Menyusun laporan keuangan"


def test_first_of_january_has_plans_but_no_realisasi(city: DemoCity) -> None:
    perf = generate_performance(city, seed=3373, today=date(2026, 1, 1))
    assert perf.year.completed_periods == 0
    assert perf.realizations == ()
    assert perf.work_log == ()
    assert len(perf.plans) == sum(1 for e in city.employees if e.position_key)
