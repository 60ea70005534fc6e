"""The whole demo in one call: the synthetic city, a year of work, last year's evaluations, the
demo employee's recent result, surveys and the demo's releases. Used by `kinerja seed-demo` and
by the training sandbox (Latihan), which holds its own copy of the same demo."""

from __future__ import annotations

from dataclasses import dataclass

from server import clock
from server.config import Settings
from server.db.engine import Database
from server.demo import DemoCity, generate_city
from server.demo.evaluations import generate_evaluations
from server.demo.performance import generate_performance
from server.demo.seed import load_demo_city
from server.demo.seed_evaluations import load_demo_evaluations
from server.demo.seed_performance import load_demo_performance
from server.demo.seed_recent_result import stage_recent_result
from server.demo.seed_survey import demo_release_periods, load_demo_surveys
from server.services.actor import system_actor
from server.services.evaluation.objections import objection_policy
from server.services.releases.publish import options_from_settings, publish_release
from server.storage.evidence_store import EvidenceStore


@dataclass(frozen=True)
class DemoLoad:
    city: DemoCity
    summary: str  # one Indonesian line for the person who ran it
    recent_note: str | None


async def load_full_demo(
    db: Database, settings: Settings, *, seed: int, employees: int, actor_label: str
) -> DemoLoad:
    """Load the demo into the empty database ``db`` (the caller checks it is empty)."""
    actor = system_actor(actor_label)
    today = clock.today()
    city = generate_city(seed=seed, employees=employees, today=today)
    report = await load_demo_city(db, city, actor)
    work = await load_demo_performance(
        db,
        city,
        generate_performance(city, seed=seed, today=today),
        actor,
        EvidenceStore(settings.evidence_dir),
    )
    # Last year, fully evaluated (quarterly): predicates, calibration, keberatan, pembinaan.
    past = await load_demo_evaluations(
        db,
        city,
        generate_evaluations(city, seed=seed, today=today, policy=objection_policy(settings)),
        actor,
    )
    # The demo employee's recent Butuh Perbaikan, inside its keberatan window.
    recent = await stage_recent_result(db, city, today=today, policy=objection_policy(settings))
    # The rows above came in bulk: the planner needs their statistics (SQLite never gathers
    # them by itself).
    await db.refresh_statistics()
    # Survey services, responses over months and follow-ups; then the demo's releases
    # (last year annual, this year's first semester), each audited at publication.
    surveys = await load_demo_surveys(db, seed=seed)
    released = []
    for period, provisional in demo_release_periods(today):
        options = options_from_settings(settings, provisional=provisional, synthetic=True)
        result = await publish_release(db, actor, period, options)
        released.append(f"#{result.number} {result.period_code}")
    summary = (
        f"{report.units} unit, "
        f"{report.positions} jabatan, {report.employees} pegawai, {report.accounts} akun; "
        f"{work.plans} SKP {work.year}, {work.realizations} realisasi, "
        f"{work.work_log_entries} catatan kerja, {work.evidence} bukti dukung; "
        f"{past.plans} SKP {past.year} dinilai ({past.evaluations} penilaian, "
        f"{past.objections} keberatan, {past.coaching_plans} rencana pembinaan); "
        f"{surveys.services} layanan, {surveys.responses} jawaban SKM, "
        f"{surveys.follow_ups} tindak lanjut; rilis {', '.join(released)}."
    )
    recent_note = (
        None
        if recent is None
        else (
            f"Hasil penilaian periode {recent.period_number} pegawai demo ditetapkan "
            f"(Butuh Perbaikan); keberatan dapat diajukan s.d. "
            f"{recent.objection_deadline:%d-%m-%Y}."
        )
    )
    return DemoLoad(city=city, summary=summary, recent_note=recent_note)
