"""The demo loader: a small city with a year of performance work, checked in the database."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from server.config import Settings
from server.db.engine import Database
from server.db.models import (
    AppraisalPeriod,
    AppraisalYear,
    AuditEvent,
    Employee,
    Evidence,
    Feedback,
    Indicator,
    OrgGoal,
    PerformancePlan,
    PlanVersion,
    Position,
    Realization,
    StoredFile,
    WorkLogEntry,
    WorkResult,
)
from server.demo import DEMO_PASSWORD, DemoCity, generate_city
from server.demo.performance import DemoPerformance, demo_cast, generate_performance
from server.demo.seed import load_demo_city
from server.demo.seed_performance import PerformanceSeedReport, load_demo_performance
from server.domain.enums import EvidenceKind, PlanStatus
from server.services.actor import system_actor
from server.services.audit import verify_audit_chain
from server.services.organisation.directory import load_org_snapshot
from server.services.planning.snapshots import plan_content
from server.storage.evidence_store import EvidenceStore
from tests.conftest import gql, login

TODAY = date(2026, 6, 20)  # January to May have ended
EMPLOYEES = 400


@pytest.fixture
def city() -> DemoCity:
    return generate_city(seed=3373, employees=EMPLOYEES, today=TODAY)


@pytest.fixture
def perf(city: DemoCity) -> DemoPerformance:
    return generate_performance(city, seed=3373, today=TODAY)


@pytest.fixture
async def seeded(
    db: Database, settings: Settings, city: DemoCity, perf: DemoPerformance
) -> PerformanceSeedReport:
    actor = system_actor("test-demo")
    await load_demo_city(db, city, actor)
    return await load_demo_performance(db, city, perf, actor, EvidenceStore(settings.evidence_dir))


async def _rows(db: Database, stmt: sa.Executable) -> list[Any]:
    async with db.read() as session:
        return list((await session.execute(stmt)).all())


async def test_every_rated_employee_has_a_plan_for_the_year(
    db: Database, seeded: PerformanceSeedReport
) -> None:
    async with db.read() as session:
        org = await load_org_snapshot(session, TODAY)
        year_id = (
            await session.scalars(sa.select(AppraisalYear.id).where(AppraisalYear.year == 2026))
        ).one()
        owners = set(
            (
                await session.scalars(
                    sa.select(PerformancePlan.employee_id).where(PerformancePlan.year_id == year_id)
                )
            ).all()
        )
        periods = (
            await session.scalars(
                sa.select(AppraisalPeriod.number).where(AppraisalPeriod.year_id == year_id)
            )
        ).all()
    rated = {e for e in org.position_of_employee if org.resolve_assessor(e) is not None}
    assert rated
    assert rated <= owners
    assert sorted(periods) == list(range(1, 13))
    assert seeded.plans == len(owners)


async def test_rhks_intervene_the_assessors_skp_and_jpt_ones_their_goals(
    db: Database, seeded: PerformanceSeedReport
) -> None:
    async with db.read() as session:
        org = await load_org_snapshot(session, TODAY)
    plan_owner = dict(await _rows(db, sa.select(PerformancePlan.id, PerformancePlan.employee_id)))
    rows = await _rows(
        db,
        sa.select(WorkResult.id, WorkResult.plan_id, WorkResult.parent_id, WorkResult.org_goal_id),
    )
    rhk_plan = {rid: plan_id for rid, plan_id, _, _ in rows}
    kinds = dict(await _rows(db, sa.select(Position.id, Position.kind)))
    units = dict(await _rows(db, sa.select(Position.id, Position.unit_id)))
    goals = {gid: unit for gid, unit in await _rows(db, sa.select(OrgGoal.id, OrgGoal.unit_id))}
    jpt_rhks = 0
    for _, plan_id, parent_id, goal_id in rows:
        owner = plan_owner[plan_id]
        position = org.position_of_employee[owner]
        if kinds[position].is_jpt:
            jpt_rhks += 1
            assert parent_id is None
            assert goal_id is not None
            assert goals[goal_id] == units[position]
            continue
        assessor = org.resolve_assessor(owner)
        assert assessor is not None
        assert goal_id is None
        assert parent_id is not None
        assert plan_owner[rhk_plan[parent_id]] == assessor.employee_id
    assert jpt_rhks > 0
    assert seeded.work_results == len(rows)


async def test_realisasi_one_per_iki_and_month_for_every_ended_month(
    db: Database, seeded: PerformanceSeedReport
) -> None:
    rows = await _rows(
        db,
        sa.select(Realization.indicator_id, AppraisalPeriod.number).join(
            AppraisalPeriod, AppraisalPeriod.id == Realization.period_id
        ),
    )
    in_force = await _rows(
        db,
        sa.select(Indicator.id)
        .join(WorkResult, WorkResult.id == Indicator.work_result_id)
        .join(PerformancePlan, PerformancePlan.id == WorkResult.plan_id)
        .where(PerformancePlan.status == PlanStatus.DITETAPKAN),
    )
    months: dict[int, list[int]] = defaultdict(list)
    for indicator_id, number in rows:
        months[indicator_id].append(number)
    for numbers in months.values():
        assert len(numbers) == len(set(numbers))  # one per (IKI, period)
        assert max(numbers) <= 5
    reported_may = 0
    for (indicator_id,) in in_force:
        assert {1, 2, 3, 4} <= set(months[indicator_id])
        reported_may += 5 in months[indicator_id]
    assert reported_may >= 0.9 * len(in_force)
    assert set(months) <= {i for (i,) in in_force}  # nothing reported against unset SKPs
    assert seeded.realizations == len(rows)


async def test_evidence_files_exist_in_the_store_once_each(
    db: Database, settings: Settings, seeded: PerformanceSeedReport
) -> None:
    store = EvidenceStore(settings.evidence_dir)
    files = await _rows(db, sa.select(StoredFile.sha256, StoredFile.size, StoredFile.media_type))
    assert 5 <= len(files) <= 10
    for sha, size, media_type in files:
        path = store.path_for(sha)
        assert path.is_file()
        assert path.is_relative_to(Path(settings.evidence_dir))
        content = path.read_bytes()
        assert hashlib.sha256(content).hexdigest() == sha
        assert len(content) == size
        assert media_type in ("application/pdf", "image/png")
    evidence = await _rows(
        db,
        sa.select(
            Evidence.kind,
            Evidence.sha256,
            Evidence.url,
            Evidence.realization_id,
            Evidence.work_log_entry_id,
        ),
    )
    known = {sha for sha, _, _ in files}
    assert len(evidence) == seeded.evidence > len(files)
    assert any(kind is EvidenceKind.LINK for kind, *_ in evidence)
    assert any(entry is not None for *_, entry in evidence)
    for kind, sha, url, _, _ in evidence:
        if kind is EvidenceKind.FILE:
            assert sha in known
            assert url is None
        else:
            assert sha is None
            assert url.startswith("https://")
    # Nothing was left half-written in the store's temporary directory.
    assert not [p for p in (Path(settings.evidence_dir) / ".tmp").glob("*") if p.is_file()]


async def test_feedback_authors_are_the_owner_or_the_assessor(
    db: Database, seeded: PerformanceSeedReport
) -> None:
    plans = {
        pid: (owner, assessor)
        for pid, owner, assessor in await _rows(
            db,
            sa.select(
                PerformancePlan.id,
                PerformancePlan.employee_id,
                PerformancePlan.assessor_employee_id,
            ),
        )
    }
    rows = await _rows(
        db,
        sa.select(
            Feedback.id,
            Feedback.plan_id,
            Feedback.author_employee_id,
            Feedback.parent_id,
            Feedback.phrase_id,
            Feedback.text,
        ),
    )
    plan_of = {fid: plan_id for fid, plan_id, *_ in rows}
    assert rows
    assert any(parent is not None for *_, parent, _, _ in rows)
    assert any(phrase is not None for *_, phrase, _ in rows)
    for _, plan_id, author, parent, _, text in rows:
        assert author in plans[plan_id]
        assert text
        if parent is not None:
            assert plan_of[parent] == plan_id
    assert seeded.feedback == len(rows)


async def test_demo_pelaksana_has_a_set_plan_whose_version_matches_the_portal_format(
    db: Database, city: DemoCity, seeded: PerformanceSeedReport
) -> None:
    cast = demo_cast(city)
    async with db.read() as session:
        employee_id = (
            await session.scalars(sa.select(Employee.id).where(Employee.nip == cast.pelaksana))
        ).one()
        plan = (
            await session.scalars(
                sa.select(PerformancePlan).where(PerformancePlan.employee_id == employee_id)
            )
        ).one()
        version = (
            await session.scalars(sa.select(PlanVersion).where(PlanVersion.plan_id == plan.id))
        ).one()
        expected = await plan_content(session, plan)
        entries = await session.scalar(
            sa.select(sa.func.count()).where(WorkLogEntry.plan_id == plan.id)
        )
    assert plan.status is PlanStatus.DITETAPKAN
    snapshot = plan.identity_snapshot
    assert isinstance(snapshot, dict)
    assert snapshot["pegawai"]["nip"] == cast.pelaksana
    assert snapshot["penilai"]["nip"] == cast.kasi
    # The version a service would have written on approval, byte for byte.
    assert version.revision == 0
    assert version.content == expected
    assert entries is not None
    assert entries > 0


async def test_one_audit_event_and_an_intact_chain(
    db: Database, seeded: PerformanceSeedReport
) -> None:
    events = await _rows(
        db, sa.select(AuditEvent.after).where(AuditEvent.action == "demo.seed_performance")
    )
    assert len(events) == 1
    after = events[0][0]
    assert after["synthetic"] is True
    assert after["plans"] == seeded.plans
    assert after["realizations"] == seeded.realizations
    assert (await verify_audit_chain(db)).intact


async def test_database_rows_are_exactly_the_generated_records(
    db: Database, perf: DemoPerformance, seeded: PerformanceSeedReport
) -> None:
    """Same seed, same rows: the loader writes the deterministic records and nothing else."""
    loaded = {
        (nip, rhk, iki, period, value)
        for nip, rhk, iki, period, value in await _rows(
            db,
            sa.select(
                Employee.nip,
                WorkResult.ordinal,
                Indicator.ordinal,
                AppraisalPeriod.number,
                Realization.value,
            )
            .join(AppraisalPeriod, AppraisalPeriod.id == Realization.period_id)
            .join(Indicator, Indicator.id == Realization.indicator_id)
            .join(WorkResult, WorkResult.id == Indicator.work_result_id)
            .join(PerformancePlan, PerformancePlan.id == WorkResult.plan_id)
            .join(Employee, Employee.id == PerformancePlan.employee_id),
        )
    }
    generated = {(r.nip, r.rhk, r.iki, r.period, r.value) for r in perf.realizations}
    assert loaded == generated
    texts = {
        (nip, ordinal, text)
        for nip, ordinal, text in await _rows(
            db,
            sa.select(Employee.nip, WorkResult.ordinal, WorkResult.text)
            .join(PerformancePlan, PerformancePlan.id == WorkResult.plan_id)
            .join(Employee, Employee.id == PerformancePlan.employee_id),
        )
    }
    assert texts == {(p.nip, r.ordinal, r.text) for p in perf.plans for r in p.work_results}


async def test_demo_kasi_sees_the_pelaksana_work_through_the_api(
    client: httpx.AsyncClient, city: DemoCity, seeded: PerformanceSeedReport
) -> None:
    cast = demo_cast(city)
    response = await login(client, cast.kasi, DEMO_PASSWORD)
    assert response.status_code == 200, response.text
    body = await gql(
        client,
        """query { assessorInbox(year: 2026) { entries { employee { name }
             plan { status workResults { indicators { latestRealization { periodNumber } } } } } } }""",
    )
    assert "errors" not in body, body
    entries = body["data"]["assessorInbox"]["entries"]
    pelaksana = next(e for e in city.employees if e.nip == cast.pelaksana)
    mine = [e for e in entries if e["employee"]["name"] == pelaksana.name]
    assert len(mine) == 1
    assert mine[0]["plan"]["status"] == "DITETAPKAN"
    latest = {
        i["latestRealization"]["periodNumber"]
        for r in mine[0]["plan"]["workResults"]
        for i in r["indicators"]
    }
    assert latest == {5}


def test_cli_seed_demo_loads_the_year_and_prints_the_logins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from server.cli import main

    monkeypatch.setenv("KINERJA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KINERJA_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}")
    assert main(["db", "upgrade"]) == 0
    assert main(["seed-demo", "--if-empty", "--employees", str(EMPLOYEES)]) == 0
    out = capsys.readouterr().out
    assert "SKP" in out
    assert "realisasi" in out
    assert "bukti dukung" in out
    assert "Akun demo" in out
    assert DEMO_PASSWORD in out
    assert "pegawai demo ditetapkan (Butuh Perbaikan)" in out  # recent, inside its window
    assert main(["seed-demo", "--if-empty", "--employees", str(EMPLOYEES)]) == 0
    assert "sudah berisi data" in capsys.readouterr().out
    assert any((tmp_path / "data" / "evidence").rglob("*"))
    _assert_planner_reads_one_skp(tmp_path / "cli.db")


def _assert_planner_reads_one_skp(path: Path) -> None:
    """The demo is loaded in bulk, and SQLite never gathers statistics by itself: seed-demo
    ANALYZEs, so one SKP's realisasi of a period are found from its own IKI, not by reading every
    pegawai's realisasi of that period (12.7 ms instead of 0.2 ms on the 4 000-pegawai demo)."""
    import sqlite3

    with sqlite3.connect(path) as conn:
        analysed = {row[0] for row in conn.execute("SELECT tbl FROM sqlite_stat1")}
        assert {"realization", "indicator", "work_result"} <= analysed
        plan = conn.execute(
            "EXPLAIN QUERY PLAN SELECT realization.id FROM realization "
            "JOIN indicator ON indicator.id = realization.indicator_id "
            "JOIN work_result ON work_result.id = indicator.work_result_id "
            "WHERE work_result.plan_id = 1 AND realization.period_id = 1"
        ).fetchall()
    steps = [row[3] for row in plan]
    assert steps[0].startswith("SEARCH work_result USING"), steps
    assert "ix_work_result_plan_id (plan_id=?)" in steps[0], steps
    assert not any("ix_realization_period_id" in step for step in steps), steps


async def test_the_sekda_skp_is_set_by_the_wali_kota_who_has_a_demo_login(
    client: httpx.AsyncClient, db: Database, city: DemoCity, seeded: PerformanceSeedReport
) -> None:
    """Issue 8: the Sekretaris Daerah's Pejabat Penilai is the Wali Kota (no employee)."""
    wali = next(a for a in city.accounts if a.login == "walikota")
    assert wali.employee_nip is None
    assert "Wali Kota Salatiga" in wali.description
    async with db.read() as session:
        org = await load_org_snapshot(session, TODAY)
        (sekda,) = org.kepala_daerah_ratees
        plan = (
            await session.scalars(
                sa.select(PerformancePlan).where(PerformancePlan.employee_id == sekda)
            )
        ).one()
    assert plan.status is PlanStatus.DITETAPKAN
    assert plan.assessed_by_kepala_daerah
    assert plan.assessor_employee_id is None
    assert plan.identity_snapshot is not None
    assert plan.identity_snapshot["penilai"]["name"] == "Wali Kota Salatiga"

    response = await login(client, "walikota", DEMO_PASSWORD)
    assert response.status_code == 200, response.text
    body = await gql(
        client,
        """{ me { displayName rateeCount }
             assessorInbox(year: 2026) { entries { plan { id status } } } }""",
    )
    assert "errors" not in body, body
    assert body["data"]["me"] == {"displayName": "Wali Kota Salatiga", "rateeCount": 1}
    assert body["data"]["assessorInbox"]["entries"] == [
        {"plan": {"id": str(plan.id), "status": "DITETAPKAN"}}
    ]
