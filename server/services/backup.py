"""Backup and restore: the database, the evidence files and the survey secret, saved together.

A backup is one directory::

    manifest.json            what is inside: every other file with its SHA-256 and size, the row
                             count of every table, the Alembic revision and the audit chain head
    database.sqlite          SQLite: a copy made with SQLite's online backup API
    database.pgdump          PostgreSQL: ``pg_dump --format=custom`` of one exported snapshot
    evidence/ab/cd/<sha256>  the evidence files (bukti dukung), by content
    survey_secret            the key of the survey fingerprints (when one exists)

Release files are rows of ``release_file``, so they travel with the database.

Both dumps are consistent while the server keeps writing: SQLite's backup API copies one
read snapshot (WAL mode lets writers go on), and pg_dump reads the snapshot that a
REPEATABLE READ transaction exported, the same one in which the row counts of the manifest
were taken. The database is saved before the evidence files: a file is always written before
the row that names it (see ``storage/evidence_store``), so every file the saved database
refers to is already on disk when the files are copied. ``manifest.json`` is written last,
so an interrupted backup has none and cannot be restored.

Restore checks the whole manifest before it touches anything (a missing, extra, changed or
oddly named file refuses the restore), refuses a target that already holds data unless
forced, then loads the database, copies the files, checks the row counts against the
manifest, migrates to the current version and verifies the audit chain.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
import secrets
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import orjson
import sqlalchemy as sa
from alembic.script import ScriptDirectory
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

from server import clock
from server.config import Settings
from server.db.engine import Database
from server.db.migrate import alembic_config, upgrade_database
from server.services.audit import ChainVerification, verify_audit_chain
from server.services.survey.fingerprint import SECRET_FILE
from server.storage.evidence_store import TEMP_DIR_NAME

FORMAT = "kinerja-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite"
PG_FILE = "database.pgdump"
EVIDENCE_DIR = "evidence"
COPY_CHUNK = 1024 * 1024
# Tables that an empty, migrated database already fills.
_BOOKKEEPING_TABLES = {"alembic_version", "audit_chain_head"}
_EVIDENCE_PATH = re.compile(r"evidence/([0-9a-f]{2})/([0-9a-f]{2})/([0-9a-f]{64})")
_SHA256 = re.compile(r"[0-9a-f]{64}")


class BackupError(Exception):
    """The backup or restore cannot be done; nothing was changed in the target."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []


@dataclass(frozen=True)
class BackupReport:
    directory: Path
    dialect: str
    revision: str
    tables: dict[str, int]
    files: int
    evidence_files: int
    bytes_written: int

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


@dataclass(frozen=True)
class RestoreReport:
    dialect: str
    revision: str
    tables: dict[str, int]
    evidence_files: int
    survey_secret_restored: bool
    audit: ChainVerification
    warnings: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


# ---------------------------------------------------------------------------------------- helpers


def _sha256_of(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(COPY_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _copy_hashed(source: Path, target: Path) -> tuple[str, int]:
    """Copy ``source`` to ``target`` through a temporary name (no half file), hashing it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
    digest = hashlib.sha256()
    size = 0
    try:
        with source.open("rb") as src, temp.open("xb") as dst:
            while chunk := src.read(COPY_CHUNK):
                digest.update(chunk)
                dst.write(chunk)
                size += len(chunk)
            dst.flush()
            os.fsync(dst.fileno())
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    return digest.hexdigest(), size


def _dialect(url: str) -> str:
    name = make_url(url).get_backend_name()
    if name not in {"sqlite", "postgresql"}:
        raise BackupError(f"Basis data {name} tidak didukung untuk cadangan.")
    return name


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("Basis data SQLite di memori tidak dapat dicadangkan.")
    return Path(database)


def _pg_command_env(url: URL) -> tuple[list[str], dict[str, str]]:
    """libpq connection arguments; the password goes in the environment, never on the command line."""
    args = ["--no-password"]
    if url.host:
        args += ["--host", url.host]
    if url.port:
        args += ["--port", str(url.port)]
    if url.username:
        args += ["--username", url.username]
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return args, env


async def _run(command: list[str], env: dict[str, str]) -> None:
    process = await asyncio.create_subprocess_exec(
        *command,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    _, stderr = await process.communicate()
    if process.returncode != 0:
        tail = stderr.decode("utf-8", "replace").strip().splitlines()[-5:]
        raise BackupError(f"{command[0]} gagal (kode {process.returncode}).", tail)


def _require_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"Program {name} tidak ditemukan: pasang klien PostgreSQL (paket postgresql-client)."
        )
    return found


async def count_rows(conn: AsyncConnection) -> dict[str, int]:
    """Rows of every table of the connection's schema (Alembic's version table included)."""
    names: list[str] = await conn.run_sync(lambda c: sa.inspect(c).get_table_names())
    quote = conn.dialect.identifier_preparer.quote
    counts: dict[str, int] = {}
    for name in sorted(names):
        # The names come from the database's own catalogue, quoted by the dialect.
        counts[name] = int(
            (await conn.execute(sa.text(f"SELECT count(*) FROM {quote(name)}"))).scalar_one()  # noqa: S608
        )
    return counts


async def _chain_head(conn: AsyncConnection) -> dict[str, Any]:
    row = (
        await conn.execute(sa.text("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1"))
    ).one()
    return {"last_seq": int(row.last_seq), "last_hash": str(row.last_hash)}


async def _revision(conn: AsyncConnection) -> str:
    return str(
        (await conn.execute(sa.text("SELECT version_num FROM alembic_version"))).scalar_one()
    )


def _known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    return {rev.revision for rev in script.walk_revisions()}


def _survey_secret_of(settings: Settings) -> bytes | None:
    """The effective secret without creating one: the configured value, else the kept file."""
    if settings.survey_secret:
        return settings.survey_secret.encode("utf-8")
    path = settings.data_dir / SECRET_FILE
    try:
        kept = path.read_bytes().strip()
    except FileNotFoundError:
        return None
    return kept or None


def _evidence_files(root: Path) -> list[Path]:
    """Every stored evidence file (the temporary directory of unfinished uploads left out)."""
    if not root.exists():
        return []
    found = []
    for path in root.rglob("*"):
        if not path.is_file():
            continue
        relative = path.relative_to(root)
        if relative.parts[0] == TEMP_DIR_NAME or not _SHA256.fullmatch(path.name):
            continue
        found.append(path)
    return sorted(found)


# ----------------------------------------------------------------------------------------- backup


async def _dump_sqlite(url: str, target: Path) -> tuple[dict[str, int], dict[str, Any], str]:
    source = _sqlite_path(url)
    if not source.exists():
        raise BackupError(f"Basis data {source} tidak ada.")

    def copy() -> None:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
        dst = sqlite3.connect(target)
        try:
            # One step: the whole copy reads one snapshot; writers in WAL mode are not blocked.
            src.backup(dst, pages=-1)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            problems = dst.execute("PRAGMA integrity_check").fetchall()
            if problems != [("ok",)]:
                raise BackupError("Salinan SQLite rusak.", [str(p[0]) for p in problems[:5]])
        finally:
            dst.close()
            src.close()

    await asyncio.to_thread(copy)
    engine = create_async_engine(f"sqlite+aiosqlite:///{target}")
    try:
        async with engine.connect() as conn:
            return await count_rows(conn), await _chain_head(conn), await _revision(conn)
    finally:
        await engine.dispose()


async def _dump_postgresql(url: str, target: Path) -> tuple[dict[str, int], dict[str, Any], str]:
    pg_dump = _require_tool("pg_dump")
    parsed = make_url(url)
    args, env = _pg_command_env(parsed)
    engine = create_async_engine(url, poolclass=sa.NullPool)
    try:
        async with engine.connect() as conn:
            conn = await conn.execution_options(isolation_level="REPEATABLE READ")
            async with conn.begin():
                # The counts and the dump read the same snapshot, held open until pg_dump ends.
                snapshot = str(
                    (await conn.execute(sa.text("SELECT pg_export_snapshot()"))).scalar_one()
                )
                tables = await count_rows(conn)
                head = await _chain_head(conn)
                revision = await _revision(conn)
                await _run(
                    [
                        pg_dump,
                        *args,
                        "--format=custom",
                        "--no-owner",
                        "--no-privileges",
                        f"--snapshot={snapshot}",
                        f"--file={target}",
                        str(parsed.database),
                    ],
                    env,
                )
    finally:
        await engine.dispose()
    return tables, head, revision


async def create_backup(settings: Settings, directory: Path) -> BackupReport:
    """Write a backup of the configured database, evidence and survey secret to ``directory``.

    ``directory`` must not exist yet or be empty: a backup never overwrites another.
    """
    dialect = _dialect(settings.database_url)
    directory = Path(directory)
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise BackupError(f"{directory} sudah berisi berkas; pilih direktori baru yang kosong.")
    directory.mkdir(parents=True, exist_ok=True)
    entries: dict[str, dict[str, Any]] = {}

    def add(relative: str, path: Path) -> None:
        sha, size = _sha256_of(path)
        entries[relative] = {"sha256": sha, "size": size}

    database_name = SQLITE_FILE if dialect == "sqlite" else PG_FILE
    database_path = directory / database_name
    if dialect == "sqlite":
        tables, head, revision = await _dump_sqlite(settings.database_url, database_path)
    else:
        tables, head, revision = await _dump_postgresql(settings.database_url, database_path)
    await asyncio.to_thread(add, database_name, database_path)

    evidence_root = settings.evidence_dir

    def copy_evidence() -> int:
        copied = 0
        for path in _evidence_files(evidence_root):
            relative = PurePosixPath(EVIDENCE_DIR, *path.relative_to(evidence_root).parts)
            sha, size = _copy_hashed(path, directory / relative)
            if sha != path.name:
                raise BackupError(
                    f"Berkas bukti {path} tidak cocok dengan namanya (SHA-256 {sha})."
                )
            entries[str(relative)] = {"sha256": sha, "size": size}
            copied += 1
        return copied

    evidence_count = await asyncio.to_thread(copy_evidence)
    secret = _survey_secret_of(settings)
    if secret is not None:
        secret_path = directory / SECRET_FILE
        fd = os.open(secret_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(secret + b"\n")
        add(SECRET_FILE, secret_path)

    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": clock.now().isoformat(),
        "dialect": dialect,
        "alembic_revision": revision,
        "database_file": database_name,
        "tables": tables,
        "audit_chain_head": head,
        "survey_secret_from_environment": bool(settings.survey_secret),
        "files": dict(sorted(entries.items())),
    }
    body = orjson.dumps(manifest, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)
    temp = directory / f".{MANIFEST}.part"
    temp.write_bytes(body)
    os.replace(temp, directory / MANIFEST)
    return BackupReport(
        directory=directory,
        dialect=dialect,
        revision=revision,
        tables=tables,
        files=len(entries),
        evidence_files=evidence_count,
        bytes_written=sum(e["size"] for e in entries.values()) + len(body),
    )


# ---------------------------------------------------------------------------------------- restore


@dataclass(frozen=True)
class Manifest:
    dialect: str
    revision: str
    database_file: str
    tables: dict[str, int]
    audit_chain_head: dict[str, Any]
    files: dict[str, dict[str, Any]]


def _parse_manifest(directory: Path) -> Manifest:
    path = directory / MANIFEST
    try:
        raw = orjson.loads(path.read_bytes())
    except FileNotFoundError as exc:
        raise BackupError(
            f"{directory} bukan cadangan lengkap: {MANIFEST} tidak ada "
            "(cadangan yang terputus tidak dapat dipulihkan)."
        ) from exc
    except orjson.JSONDecodeError as exc:
        raise BackupError(f"{MANIFEST} bukan JSON yang sah: {exc}") from exc
    problems: list[str] = []
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise BackupError(f"{MANIFEST} bukan manifes cadangan e-Kinerja.")
    if raw.get("format_version") != FORMAT_VERSION:
        raise BackupError(f"Versi format cadangan {raw.get('format_version')!r} tidak dikenal.")
    dialect = raw.get("dialect")
    if dialect not in {"sqlite", "postgresql"}:
        problems.append(f"dialek tidak dikenal: {dialect!r}")
    expected_db = SQLITE_FILE if dialect == "sqlite" else PG_FILE
    if raw.get("database_file") != expected_db:
        problems.append(f"berkas basis data harus {expected_db}")
    files = raw.get("files")
    tables = raw.get("tables")
    head = raw.get("audit_chain_head")
    revision = raw.get("alembic_revision")
    if not isinstance(files, dict) or not isinstance(tables, dict) or not isinstance(head, dict):
        problems.append("files, tables atau audit_chain_head tidak ada")
        files, tables, head = {}, {}, {}
    if not isinstance(revision, str):
        problems.append("alembic_revision tidak ada")
    for name, entry in files.items():
        if not isinstance(entry, dict) or not _SHA256.fullmatch(str(entry.get("sha256", ""))):
            problems.append(f"{name}: entri tanpa SHA-256")
        elif not isinstance(entry.get("size"), int) or entry["size"] < 0:
            problems.append(f"{name}: ukuran tidak sah")
        if not (name in {expected_db, SECRET_FILE} or _EVIDENCE_PATH.fullmatch(name)):
            problems.append(f"{name}: nama berkas tidak diharapkan dalam cadangan")
    if expected_db not in files:
        problems.append(f"{expected_db} tidak tercantum")
    if not all(isinstance(v, int) for v in tables.values()):
        problems.append("jumlah baris tabel tidak sah")
    if problems:
        raise BackupError(f"{MANIFEST} tidak sah.", problems)
    return Manifest(
        dialect=str(dialect),
        revision=str(revision),
        database_file=expected_db,
        tables={str(k): int(v) for k, v in tables.items()},
        audit_chain_head=head,
        files=files,
    )


def verify_backup(directory: Path) -> Manifest:
    """Check every file against the manifest; raise :class:`BackupError` listing every mismatch."""
    directory = Path(directory)
    manifest = _parse_manifest(directory)
    problems: list[str] = []
    present = {
        path.relative_to(directory).as_posix()
        for path in directory.rglob("*")
        if path.is_file() and path.name != MANIFEST
    }
    for name in sorted(present - manifest.files.keys()):
        problems.append(f"{name}: tidak tercantum di manifes")
    for name, entry in sorted(manifest.files.items()):
        if name not in present:
            problems.append(f"{name}: hilang")
            continue
        sha, size = _sha256_of(directory / name)
        if size != entry["size"] or sha != entry["sha256"]:
            problems.append(f"{name}: isi tidak cocok dengan manifes (SHA-256 {sha})")
        match = _EVIDENCE_PATH.fullmatch(name)
        if match and (match[3] != sha or match[3][:2] != match[1] or match[3][2:4] != match[2]):
            problems.append(f"{name}: nama tidak sama dengan SHA-256 isinya")
    if problems:
        raise BackupError(
            "Cadangan tidak cocok dengan manifesnya; tidak ada yang dipulihkan.", problems
        )
    return manifest


async def _target_contents(settings: Settings, dialect: str) -> list[str]:
    """What the target already holds (empty list: nothing to overwrite)."""
    found: list[str] = []
    exists = dialect == "postgresql" or _sqlite_path(settings.database_url).exists()
    if exists:
        engine = create_async_engine(settings.database_url, poolclass=sa.NullPool)
        try:
            async with engine.connect() as conn:
                counts = await count_rows(conn)
        finally:
            await engine.dispose()
        filled = [
            f"{n} ({c} baris)" for n, c in counts.items() if c and n not in _BOOKKEEPING_TABLES
        ]
        if filled:
            found.append("basis data berisi data: " + ", ".join(filled[:5]))
    files = _evidence_files(settings.evidence_dir)
    if files:
        found.append(f"{len(files)} berkas bukti di {settings.evidence_dir}")
    return found


async def _load_sqlite(source: Path, url: str) -> None:
    target = _sqlite_path(url)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.restore")

    def place() -> None:
        try:
            shutil.copyfile(source, temp)
            check = sqlite3.connect(temp)
            try:
                problems = check.execute("PRAGMA integrity_check").fetchall()
            finally:
                check.close()
            if problems != [("ok",)]:
                raise BackupError(
                    "Berkas SQLite cadangan rusak.", [str(p[0]) for p in problems[:5]]
                )
            # The old journal files belong to the old database: leaving them would corrupt the new one.
            for suffix in ("-wal", "-shm", "-journal"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            os.replace(temp, target)
        finally:
            temp.unlink(missing_ok=True)

    await asyncio.to_thread(place)


async def _load_postgresql(source: Path, url: str) -> None:
    pg_restore = _require_tool("pg_restore")
    parsed = make_url(url)
    args, env = _pg_command_env(parsed)
    await _run(
        [
            pg_restore,
            *args,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={parsed.database}",
            str(source),
        ],
        env,
    )


async def restore_backup(
    settings: Settings,
    directory: Path,
    *,
    force: bool = False,
    progress: Callable[[str], None] | None = None,
) -> RestoreReport:
    """Restore ``directory`` into the configured database and data directory.

    Stop the server first. Refuses (changing nothing) a backup that does not match its manifest,
    a backup of the other database kind or of a newer version of the application, and a target
    that already holds data unless ``force``.
    """
    say = progress or (lambda _message: None)
    directory = Path(directory)
    dialect = _dialect(settings.database_url)
    manifest = await asyncio.to_thread(verify_backup, directory)
    say(f"Manifes cocok: {len(manifest.files)} berkas diperiksa (SHA-256).")
    if manifest.dialect != dialect:
        raise BackupError(
            f"Cadangan ini dari {manifest.dialect}, tujuan {dialect}: "
            "pulihkan ke jenis basis data yang sama."
        )
    if manifest.revision not in _known_revisions():
        raise BackupError(
            f"Cadangan dibuat oleh versi aplikasi yang lebih baru (migrasi {manifest.revision}); "
            "pasang versi itu dulu."
        )
    occupied = await _target_contents(settings, dialect)
    if occupied and not force:
        raise BackupError(
            "Tujuan tidak kosong; pemulihan akan menimpanya. Ulangi dengan --force bila memang "
            "itu yang dimaksud.",
            occupied,
        )
    warnings: list[str] = []
    source = directory / manifest.database_file
    if dialect == "sqlite":
        await _load_sqlite(source, settings.database_url)
    else:
        await _load_postgresql(source, settings.database_url)
    say("Basis data dipulihkan.")

    evidence = [name for name in manifest.files if _EVIDENCE_PATH.fullmatch(name)]

    def copy_evidence() -> None:
        root = settings.evidence_dir
        for name in evidence:
            target = root.joinpath(*PurePosixPath(name).parts[1:])
            sha, _ = _copy_hashed(directory / name, target)
            if sha != manifest.files[name]["sha256"]:
                target.unlink(missing_ok=True)
                raise BackupError(f"{name} berubah selama pemulihan.")

    await asyncio.to_thread(copy_evidence)
    say(f"{len(evidence)} berkas bukti dipulihkan.")

    secret_restored = False
    if SECRET_FILE in manifest.files:
        secret = (directory / SECRET_FILE).read_bytes().strip()
        if settings.survey_secret:
            if settings.survey_secret.encode("utf-8") != secret:
                warnings.append(
                    "KINERJA_SURVEY_SECRET berbeda dengan rahasia di cadangan: sidik jari survei "
                    "lama tidak akan dikenali. Pakai nilai dari berkas survey_secret cadangan."
                )
        else:
            path = settings.data_dir / SECRET_FILE
            path.parent.mkdir(parents=True, exist_ok=True)
            temp = path.with_name(f".{SECRET_FILE}.{secrets.token_hex(4)}")
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(secret + b"\n")
            os.replace(temp, path)
            secret_restored = True

    engine = create_async_engine(settings.database_url, poolclass=sa.NullPool)
    try:
        async with engine.connect() as conn:
            restored = await count_rows(conn)
            head = await _chain_head(conn)
    finally:
        await engine.dispose()
    differences = [
        f"{name}: {restored.get(name)} baris, manifes {count}"
        for name, count in manifest.tables.items()
        if restored.get(name) != count
    ]
    if differences:
        raise BackupError("Jumlah baris hasil pemulihan tidak sama dengan manifes.", differences)
    if head != manifest.audit_chain_head:
        raise BackupError("Ujung rantai audit hasil pemulihan tidak sama dengan manifes.")
    await asyncio.to_thread(upgrade_database, settings.database_url)
    database = Database(settings.database_url)
    try:
        audit = await verify_audit_chain(database)
    finally:
        await database.dispose()
    return RestoreReport(
        dialect=dialect,
        revision=manifest.revision,
        tables=restored,
        evidence_files=len(evidence),
        survey_secret_restored=secret_restored,
        audit=audit,
        warnings=warnings,
    )
