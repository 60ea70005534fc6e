"""Backup and restore: a demo city round-trips with every row, every file and its audit chain.

On SQLite the restore target is another file; with KINERJA_TEST_DATABASE_URL set, a second
PostgreSQL database created (and dropped) by the test.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from server.config import Settings
from server.db.engine import Database
from server.db.migrate import upgrade_database
from server.db.models import ReleaseFile, StoredFile
from server.demo import generate_city
from server.demo.evaluations import generate_evaluations
from server.demo.performance import generate_performance
from server.demo.seed import load_demo_city
from server.demo.seed_evaluations import load_demo_evaluations
from server.demo.seed_performance import load_demo_performance
from server.domain.audit_actions import AuditAction
from server.services.actor import system_actor
from server.services.audit import record_event, verify_audit_chain
from server.services.backup import (
    MANIFEST,
    BackupError,
    count_rows,
    create_backup,
    restore_backup,
    verify_backup,
)
from server.services.releases.publish import options_from_settings, publish_release
from server.services.survey.fingerprint import SECRET_FILE, survey_secret
from server.storage.evidence_store import TEMP_DIR_NAME, EvidenceStore
from tests.conftest import PG_URL

TODAY = date(2026, 6, 20)
ROOT = Path(__file__).resolve().parents[2]


async def seed_city(db: Database, settings: Settings) -> None:
    """A small demo city: organisation, a year of work with evidence files, an evaluated year,
    a published release with its stored files, and the survey secret."""
    actor = system_actor("test-backup")
    city = generate_city(seed=3373, employees=120, today=TODAY)
    await load_demo_city(db, city, actor)
    await load_demo_performance(
        db,
        city,
        generate_performance(city, seed=3373, today=TODAY),
        actor,
        EvidenceStore(settings.evidence_dir),
    )
    await load_demo_evaluations(db, city, generate_evaluations(city, seed=3373, today=TODAY), actor)
    await publish_release(db, actor, "2025", options_from_settings(settings))
    survey_secret(settings)  # generated once and kept under the data directory


@pytest.fixture
async def restore_target(tmp_path: Path) -> AsyncIterator[Settings]:
    """Settings of an empty second installation: its own data directory and database."""
    data_dir = tmp_path / "restored"
    if not PG_URL:
        yield Settings(data_dir=data_dir, demo_mode=True)
        return
    url = make_url(PG_URL)
    name = f"{url.database}_restore"
    admin = create_async_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            await conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            await conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        yield Settings(
            data_dir=data_dir,
            database_url=url.set(database=name).render_as_string(hide_password=False),
            demo_mode=True,
        )
        async with admin.connect() as conn:
            await conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        await admin.dispose()


async def every_row(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (the database's own catalogue), in a stable order."""
    engine = create_async_engine(url, poolclass=sa.NullPool)
    try:
        async with engine.connect() as conn:
            names: list[str] = await conn.run_sync(lambda c: sa.inspect(c).get_table_names())
            quote = conn.dialect.identifier_preparer.quote
            rows: dict[str, list[tuple[Any, ...]]] = {}
            for name in names:
                result = await conn.execute(sa.text(f"SELECT * FROM {quote(name)}"))  # noqa: S608
                rows[name] = sorted((tuple(r) for r in result), key=repr)
            return rows
    finally:
        await engine.dispose()


def every_file(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and TEMP_DIR_NAME not in p.relative_to(root).parts
    }


async def test_round_trip_keeps_every_row_file_and_the_audit_chain(
    db: Database, settings: Settings, restore_target: Settings, tmp_path: Path
) -> None:
    await seed_city(db, settings)
    # An unfinished upload is not part of the data.
    (settings.evidence_dir / TEMP_DIR_NAME).mkdir(parents=True, exist_ok=True)
    (settings.evidence_dir / TEMP_DIR_NAME / "half.part").write_bytes(b"half a file")
    backup_dir = tmp_path / "backup"

    report = await create_backup(settings, backup_dir)

    original = await every_row(settings.database_url)
    files = every_file(settings.evidence_dir)
    async with db.read() as session:
        stored = set((await session.scalars(sa.select(StoredFile.sha256))).all())
        release_files = (
            await session.execute(sa.select(sa.func.count()).select_from(ReleaseFile))
        ).scalar_one()
    assert release_files > 0
    assert len(stored) > 0
    assert {Path(name).name for name in files} == stored  # every stored file, nothing else
    assert report.evidence_files == len(files)
    assert report.tables == {name: len(rows) for name, rows in original.items()}
    assert report.rows > 10_000

    restored = await restore_backup(restore_target, backup_dir)

    assert restored.audit.intact
    assert restored.audit.events_checked == len(original["audit_event"]) > 0
    assert restored.survey_secret_restored
    assert await every_row(restore_target.database_url) == original
    assert every_file(restore_target.evidence_dir) == files
    assert (restore_target.data_dir / SECRET_FILE).read_bytes() == (
        settings.data_dir / SECRET_FILE
    ).read_bytes()
    assert survey_secret(restore_target) == survey_secret(settings)
    assert restored.tables == report.tables
    # The restored database is a working one: the application's own check agrees.
    copy = Database(restore_target.database_url)
    try:
        assert (await verify_audit_chain(copy)).intact
    finally:
        await copy.dispose()


async def test_backup_taken_while_writers_run_is_consistent(
    db: Database, settings: Settings, restore_target: Settings, tmp_path: Path
) -> None:
    """Audited writes go on during the backup; the copy is one snapshot (counts and chain agree)."""
    await seed_city(db, settings)
    stop = asyncio.Event()
    started = asyncio.Event()
    written = 0

    async def writer() -> None:
        nonlocal written
        while not stop.is_set():
            async with db.write() as session:
                await record_event(
                    session, system_actor("writer"), AuditAction.AUTH_LOGIN, "x", written
                )
            written += 1
            if written == 5:
                started.set()
            await asyncio.sleep(0)

    task = asyncio.create_task(writer())
    try:
        await started.wait()
        before = written
        report = await create_backup(settings, tmp_path / "backup")
        during = written - before
    finally:
        stop.set()
        await task
    assert during > 0  # the writers were not held up by the backup
    restored = await restore_backup(restore_target, tmp_path / "backup")
    assert restored.audit.intact
    assert restored.audit.events_checked == report.tables["audit_event"]
    async with db.read() as session:
        total = (await session.execute(sa.text("SELECT count(*) FROM audit_event"))).scalar_one()
    # The writers kept going after the snapshot: the live database moved on, the copy did not.
    assert total > report.tables["audit_event"]


@pytest.fixture
async def backup_dir(db: Database, settings: Settings, tmp_path: Path) -> Path:
    await seed_city(db, settings)
    target = tmp_path / "backup"
    await create_backup(settings, target)
    return target


def _sqlite_file_exists(url: str) -> bool:
    return Path(make_url(url).database or "").exists()


async def _target_untouched(target: Settings) -> None:
    if target.is_sqlite:
        assert not _sqlite_file_exists(target.database_url)
    else:
        engine = create_async_engine(target.database_url, poolclass=sa.NullPool)
        try:
            async with engine.connect() as conn:
                assert await count_rows(conn) == {}
        finally:
            await engine.dispose()
    assert not target.evidence_dir.exists()
    assert not (target.data_dir / SECRET_FILE).exists()


def _an_evidence_file(backup: Path) -> Path:
    return next(p for p in sorted((backup / "evidence").rglob("*")) if p.is_file())


@pytest.mark.parametrize(
    "damage",
    [
        "changed_evidence",
        "missing_evidence",
        "extra_file",
        "changed_database",
        "changed_secret",
        "hostile_path",
        "no_manifest",
        "manifest_not_json",
    ],
)
async def test_restore_refuses_a_backup_that_does_not_match_its_manifest(
    backup_dir: Path, restore_target: Settings, damage: str
) -> None:
    manifest_path = backup_dir / MANIFEST
    manifest = json.loads(manifest_path.read_text())
    if damage == "changed_evidence":
        path = _an_evidence_file(backup_dir)
        path.write_bytes(path.read_bytes() + b"x")
    elif damage == "missing_evidence":
        _an_evidence_file(backup_dir).unlink()
    elif damage == "extra_file":
        (backup_dir / "evidence" / "notes.txt").write_text("not from the backup")
    elif damage == "changed_database":
        path = backup_dir / manifest["database_file"]
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0xFF
        path.write_bytes(bytes(data))
    elif damage == "changed_secret":
        (backup_dir / SECRET_FILE).write_bytes(b"another secret\n")
    elif damage == "hostile_path":
        manifest["files"]["../../outside"] = {"sha256": "0" * 64, "size": 1}
        manifest_path.write_text(json.dumps(manifest))
    elif damage == "no_manifest":
        manifest_path.unlink()
    else:
        manifest_path.write_text("{not json")
    with pytest.raises(BackupError):
        await restore_backup(restore_target, backup_dir)
    await _target_untouched(restore_target)


async def test_verify_backup_names_every_problem(backup_dir: Path) -> None:
    evidence = _an_evidence_file(backup_dir)
    evidence.write_bytes(b"tampered")
    (backup_dir / "stray.bin").write_bytes(b"?")
    with pytest.raises(BackupError) as caught:
        verify_backup(backup_dir)
    text = "\n".join(caught.value.problems)
    assert "stray.bin: tidak tercantum di manifes" in text
    assert evidence.name in text


async def test_restore_refuses_a_target_with_data_unless_forced(
    backup_dir: Path, settings: Settings, db: Database
) -> None:
    """Restoring over the live installation needs --force; then it is the backup again."""
    before = await every_row(settings.database_url)
    async with db.write() as session:
        await record_event(session, system_actor("later"), AuditAction.AUTH_LOGIN, "x", 1)
    with pytest.raises(BackupError) as caught:
        await restore_backup(settings, backup_dir)
    assert any("audit_event" in p for p in caught.value.problems)
    assert (
        len((await every_row(settings.database_url))["audit_event"])
        == len(before["audit_event"]) + 1
    )

    await db.dispose()  # the server is stopped before a restore
    report = await restore_backup(settings, backup_dir, force=True)
    assert report.audit.intact
    assert await every_row(settings.database_url) == before


async def test_restore_refuses_a_backup_of_the_other_database_kind(
    backup_dir: Path, tmp_path: Path
) -> None:
    manifest = json.loads((backup_dir / MANIFEST).read_text())
    other = (
        Settings(data_dir=tmp_path / "x", database_url="postgresql+asyncpg://nobody@127.0.0.1/none")
        if manifest["dialect"] == "sqlite"
        else Settings(data_dir=tmp_path / "x")
    )
    with pytest.raises(BackupError, match="jenis basis data yang sama"):
        await restore_backup(other, backup_dir)


async def test_backup_never_writes_into_a_directory_that_has_files(
    settings: Settings, small_org: object, tmp_path: Path
) -> None:
    target = tmp_path / "old-backup"
    target.mkdir()
    (target / "keep.txt").write_text("an older backup")
    with pytest.raises(BackupError):
        await create_backup(settings, target)
    assert [p.name for p in target.iterdir()] == ["keep.txt"]


async def test_the_cli_backs_up_and_restores(
    small_org: object, settings: Settings, restore_target: Settings, tmp_path: Path
) -> None:
    """`kinerja backup` / `kinerja restore` as an operator runs them (a refused restore exits 1)."""

    def kinerja(target: Settings, *args: str) -> subprocess.CompletedProcess[str]:
        env = {
            **os.environ,
            "KINERJA_DATA_DIR": str(target.data_dir),
            "KINERJA_DATABASE_URL": target.database_url,
        }
        return subprocess.run(
            [sys.executable, "-m", "server", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    backup = tmp_path / "nightly"
    made = await asyncio.to_thread(kinerja, settings, "backup", str(backup))
    assert made.returncode == 0, made.stderr
    assert "manifest.json" in made.stdout
    restored = await asyncio.to_thread(kinerja, restore_target, "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert "Rantai audit utuh" in restored.stdout
    again = await asyncio.to_thread(kinerja, restore_target, "restore", str(backup))
    assert again.returncode == 1
    assert "--force" in again.stderr
    assert await every_row(restore_target.database_url) == await every_row(settings.database_url)


def test_restore_of_a_backup_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'src.db'}"
    upgrade_database(url)
    source = Settings(data_dir=tmp_path / "src", database_url=url)
    backup = tmp_path / "b"
    asyncio.run(create_backup(source, backup))
    manifest = json.loads((backup / MANIFEST).read_text())
    manifest["alembic_revision"] = "9999"
    (backup / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(BackupError, match="lebih baru"):
        asyncio.run(restore_backup(Settings(data_dir=tmp_path / "dst"), backup))
    assert not (tmp_path / "dst").exists()
