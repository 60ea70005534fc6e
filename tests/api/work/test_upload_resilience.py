"""Uploads when things go wrong outside the request: a full disk, and a server killed mid-upload.

How the full disk is produced: the store's low-level write (aiofiles' buffered file ``write``)
is made to raise the very ``OSError(errno.ENOSPC)`` the kernel raises, after it has really put
part of the chunk on disk. A size-limited file system would be more literal, but mounting one
(tmpfs, a loop device) needs privileges a test machine does not always grant, ``/dev/full``
cannot stand in for a named temporary file, and ``RLIMIT_FSIZE`` gives ``EFBIG``, not ``ENOSPC``.
Everything above that write (the store, the endpoint, the database) is the real code.

The kill -9 test runs the real server in a subprocess, starts an upload over a socket, kills the
server with SIGKILL while the body is still arriving, and starts it again.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiofiles.os
import aiofiles.threadpool.binary
import httpx
import pytest
import sqlalchemy as sa

from server.app import create_app
from server.config import Settings
from server.db.engine import Database
from server.db.migrate import upgrade_database
from server.db.models import AuditEvent, StoredFile, Upload
from server.http.housekeeping import Housekeeping
from server.storage.evidence_store import TEMP_DIR_NAME, EvidenceStore, host_tag
from tests.api.work import samples
from tests.api.work.conftest import count_rows, stored_paths, temp_paths, upload
from tests.conftest import ClientFactory, SmallOrg, lifespan

ROOT = Path(__file__).resolve().parents[3]


# --- a full disk ---------------------------------------------------------------------------


async def _audit_count(db: Database) -> int:
    async with db.read() as s:
        return int(await s.scalar(sa.select(sa.func.count()).select_from(AuditEvent)) or 0)


async def test_a_full_disk_while_receiving_gives_507_and_keeps_nothing(
    client_for: ClientFactory,
    small_org: SmallOrg,
    settings: Settings,
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    staf = await client_for("staf")
    audit_before = await _audit_count(db)
    real_write = aiofiles.threadpool.binary.AsyncBufferedIOBase.write
    partial_sizes: list[int] = []

    async def write_until_full(self: Any, data: bytes) -> int:
        await real_write(self, data[: len(data) // 2])
        await self.flush()
        partial_sizes.append((await aiofiles.os.stat(self.name)).st_size)  # a real half file
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), self.name)

    monkeypatch.setattr(aiofiles.threadpool.binary.AsyncBufferedIOBase, "write", write_until_full)
    response = await upload(staf, samples.pdf() + b"%" * 200_000, "laporan.pdf")
    monkeypatch.undo()

    assert response.status_code == 507, response.text
    error = response.json()["error"]
    assert error["code"] == "INSUFFICIENT_STORAGE"
    assert "penuh" in error["message"]
    assert partial_sizes
    assert partial_sizes[0] > 0
    assert temp_paths(settings) == []  # the half file is gone
    assert stored_paths(settings) == []
    assert await count_rows(db, StoredFile) == 0
    assert await count_rows(db, Upload) == 0
    assert await _audit_count(db) == audit_before
    # Once there is room again, the same upload works.
    assert (await upload(staf, samples.pdf(), "laporan.pdf")).status_code == 201


async def test_a_full_disk_while_storing_gives_507_and_keeps_nothing(
    client_for: ClientFactory,
    small_org: SmallOrg,
    settings: Settings,
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    staf = await client_for("staf")

    async def no_room(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(aiofiles.os, "makedirs", no_room)
    response = await upload(staf, samples.png(), "foto.png")
    monkeypatch.undo()
    assert response.status_code == 507, response.text
    assert response.json()["error"]["code"] == "INSUFFICIENT_STORAGE"
    assert temp_paths(settings) == []
    assert stored_paths(settings) == []
    assert await count_rows(db, Upload) == 0


async def test_other_disk_errors_are_not_reported_as_a_full_disk(
    client_for: ClientFactory,
    small_org: SmallOrg,
    settings: Settings,
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    staf = await client_for("staf")

    async def broken(self: Any, data: bytes) -> int:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(aiofiles.threadpool.binary.AsyncBufferedIOBase, "write", broken)
    with pytest.raises(OSError, match="Input/output error"):
        await upload(staf, samples.pdf(), "laporan.pdf")
    monkeypatch.undo()
    assert temp_paths(settings) == []
    assert await count_rows(db, Upload) == 0


# --- leftover partial files ------------------------------------------------------------------


def _part(temp: Path, host: str, pid: int, n: int, *, age_seconds: float = 0.0) -> Path:
    temp.mkdir(parents=True, exist_ok=True)
    path = temp / f"{host}-{pid}-{n:032x}.part"
    path.write_bytes(b"%PDF-1.7 half")
    if age_seconds:
        stamp = time.time() - age_seconds
        os.utime(path, (stamp, stamp))
    return path


@pytest.fixture
def live_process() -> Iterator[int]:
    """Another process of this machine that is running (a worker in the middle of an upload)."""
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    try:
        yield process.pid
    finally:
        process.kill()
        process.wait()


@pytest.fixture
def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_only_partial_files_nobody_can_still_be_writing_are_removed(
    tmp_path: Path, live_process: int, dead_pid: int
) -> None:
    store = EvidenceStore(tmp_path / "evidence")
    temp = store.temp_dir
    here, other_host, me = host_tag(), "0badc0de", os.getpid()
    old_foreign = _part(temp, other_host, 7, 1, age_seconds=7_200)
    young_foreign = _part(temp, other_host, 7, 2)
    young_dead = _part(temp, here, dead_pid, 3)
    young_live = _part(temp, here, live_process, 4)
    young_mine = _part(temp, here, me, 5)
    old_unnamed = temp / "legacy.part"
    old_unnamed.write_bytes(b"x")
    os.utime(old_unnamed, (time.time() - 7_200,) * 2)
    not_a_part = temp / "notes.txt"
    not_a_part.write_bytes(b"x")
    os.utime(not_a_part, (time.time() - 7_200,) * 2)

    removed = store.remove_stale_temp_files(3_600, at_startup=False)
    assert sorted(removed) == sorted([old_foreign, young_dead, old_unnamed])
    left = sorted(p.name for p in temp.iterdir())
    assert left == sorted(p.name for p in (young_foreign, young_live, young_mine, not_a_part))
    # At start-up our own pid cannot have an upload running yet: such a file is a leftover of the
    # killed process whose pid we got (as in a container, where the server is always pid 1).
    assert store.remove_stale_temp_files(3_600, at_startup=True) == [young_mine]
    assert young_live.exists()
    assert young_foreign.exists()
    # Nothing to do without a temp directory.
    assert EvidenceStore(tmp_path / "none").remove_stale_temp_files(1, at_startup=True) == []


async def test_start_up_and_the_periodic_sweep_remove_leftovers(
    settings: Settings, db: Database, live_process: int
) -> None:
    temp = settings.evidence_dir / TEMP_DIR_NAME
    stale = _part(temp, "0badc0de", 9, 1, age_seconds=settings.evidence_temp_max_age_seconds + 5)
    running = _part(temp, host_tag(), live_process, 2)
    app = create_app(settings, db)
    async with lifespan(app):
        housekeeping: Housekeeping = app.state.housekeeping
        assert not stale.exists()  # removed at start-up
        assert running.exists()  # a live worker's upload is left alone
        assert housekeeping.sweeps == 1
        # Later, periodically: a file nobody touched for longer than the safe age goes too.
        later = _part(temp, "0badc0de", 9, 3, age_seconds=settings.evidence_temp_max_age_seconds)
        await housekeeping.run_now()
        assert housekeeping.sweeps == 2
        assert not later.exists()
        assert running.exists()


async def test_the_periodic_sweep_runs_by_itself(settings: Settings, db: Database) -> None:
    from dataclasses import replace

    quick = replace(settings, housekeeping_interval_seconds=0)
    app = create_app(quick, db)
    async with lifespan(app):
        housekeeping: Housekeeping = app.state.housekeeping
        temp = quick.evidence_dir / TEMP_DIR_NAME
        stale = _part(temp, "0badc0de", 9, 1, age_seconds=quick.evidence_temp_max_age_seconds)
        # A sweep may be running while the file appears; the one after it must see the file.
        await housekeeping.wait_for_sweeps(housekeeping.sweeps + 2)
        assert not stale.exists()


# --- kill -9 in the middle of an upload ---------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start_server(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [sys.executable, "-m", "server", "serve", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120  # a deadline, not a count: busy machines start slowly
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("server exited")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
                if r.status == 200:
                    return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    server.wait()  # reaped here, not reported as a leak by a later test
    raise RuntimeError("server did not become healthy")


def test_kill_9_mid_upload_leaves_a_part_file_that_the_next_start_removes(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    url = f"sqlite+aiosqlite:///{data / 'kinerja.db'}"
    upgrade_database(url)
    env = {
        **os.environ,
        "KINERJA_DATA_DIR": str(data),
        "KINERJA_DATABASE_URL": url,
        "KINERJA_LOG_LEVEL": "WARNING",
        "KINERJA_WEB_DIST": str(tmp_path / "no-dist"),
    }
    password = "kata-sandi-uji-123"
    subprocess.run(
        [sys.executable, "-m", "server", "create-user", "pengunggah"],
        input=f"{password}\n".encode(),
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    port = _free_port()
    server = _start_server(env, port)
    temp = data / "evidence" / TEMP_DIR_NAME
    try:
        login = httpx.post(
            f"http://127.0.0.1:{port}/auth/login",
            json={"login": "pengunggah", "password": password},
        )
        assert login.status_code == 200, login.text
        cookie = login.cookies["kinerja_session"]
        body = samples.pdf() + b"%" * 300_000
        with socket.create_connection(("127.0.0.1", port)) as sock:
            head = (
                "POST /api/uploads HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                "Content-Type: application/octet-stream\r\nX-Requested-With: kinerja\r\n"
                f"X-File-Name: bukti.pdf\r\nCookie: kinerja_session={cookie}\r\n"
                f"Content-Length: {len(body)}\r\n\r\n"
            )
            sock.sendall(head.encode() + body[:100_000])  # the rest never comes
            deadline = time.monotonic() + 60  # generous: only a busy machine takes long
            while time.monotonic() < deadline:
                parts = list(temp.glob("*.part")) if temp.exists() else []
                if parts and parts[0].stat().st_size > 0:
                    break
                time.sleep(0.05)
            else:
                raise AssertionError("the upload never reached the disk")
            os.kill(server.pid, signal.SIGKILL)
            server.wait()
        (leftover,) = temp.glob("*.part")  # what kill -9 leaves behind
        assert leftover.stat().st_size > 0
        server = _start_server(env, port)
        assert list(temp.glob("*.part")) == []  # removed at start-up, although it is young
    finally:
        with contextlib.suppress(ProcessLookupError):
            server.terminate()
        server.wait(timeout=30)
