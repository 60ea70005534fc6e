"""End-to-end fixtures: the real server (uvicorn, a subprocess) with the built SPA and a small
synthetic city, driven by Debian's chromium through Playwright."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from server import clock
from server.demo import DemoCity, generate_city

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "web" / "dist"
CHROMIUM = os.environ.get("KINERJA_CHROMIUM", "/usr/bin/chromium")
# The same command `make chromium` runs (or prints) when the browser is missing.
CHROMIUM_INSTALL_COMMAND = "sudo apt-get update && sudo apt-get install -y chromium"
AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
E2E_EMPLOYEES = 400
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@dataclass(frozen=True)
class LiveServer:
    url: str
    city: DemoCity
    env: dict[str, str]  # the server's environment: CLI commands against the same database


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _demo_env(data: Path) -> dict[str, str]:
    """The environment of the server and its commands over the demo in ``data``."""
    return {
        **os.environ,
        "KINERJA_DATA_DIR": str(data),
        "KINERJA_DATABASE_URL": f"sqlite+aiosqlite:///{data / 'e2e.db'}",
        "KINERJA_DEMO": "true",
        "KINERJA_WEB_DIST": str(DIST),
        "KINERJA_LOG_LEVEL": "WARNING",
    }


def _seed_demo(data: Path) -> None:
    """Set up a demo database in ``data`` as `make run` does: migrations, the demo, today's
    reminders."""
    env = _demo_env(data)
    run = [sys.executable, "-m", "server"]
    subprocess.run([*run, "db", "upgrade"], env=env, check=True, capture_output=True)
    subprocess.run(
        [*run, "seed-demo", "--employees", str(E2E_EMPLOYEES)],
        env=env,
        check=True,
        capture_output=True,
    )
    # As `make run` does: today's reminders, so the demo opens with notifications.
    subprocess.run([*run, "remind"], env=env, check=True, capture_output=True)
    # The demo people know the portal already: no guided first visit over every test's pages
    # (tests/e2e/test_guide.py makes a new account, whose tour is due).
    subprocess.run([*run, "tour", "done", "--all"], env=env, check=True, capture_output=True)


def _seeded_demo(data: Path) -> Path:
    """The data directory of a demo seeded once per test session (and day) for every server:
    each copies it (the database file and the evidence store hold no path of their own), so
    all start from the same demo without loading and publishing it again.

    ``data`` is a directory of the session's temporary tree (``tmp_path_factory.mktemp``):
    with xdist its parent is the worker's and the one above is shared by the session's
    workers. The first worker to come seeds it into a directory of its own and renames that
    into place under a lock; the others wait on the lock and copy."""
    shared = data.parent.parent if os.environ.get("PYTEST_XDIST_WORKER") else data.parent
    template = shared / f"seeded-demo-{E2E_EMPLOYEES}-{clock.today().isoformat()}"
    with (shared / f"{template.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not template.is_dir():
                building = shared / f"{template.name}.{os.getpid()}"
                shutil.rmtree(building, ignore_errors=True)
                building.mkdir()
                _seed_demo(building)
                building.rename(template)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return template


@contextlib.contextmanager
def running_demo_server(data: Path) -> Iterator[LiveServer]:
    """A real server over its own demo database in ``data``, a copy of the session's freshly
    seeded one (``_seeded_demo``); stopped when the block ends."""
    if not (DIST / "index.html").is_file():
        pytest.fail("web/dist is missing: run `make web` (make test builds it)")
    port = _free_port()
    env = _demo_env(data)
    run = [sys.executable, "-m", "server"]
    shutil.copytree(_seeded_demo(data), data, dirs_exist_ok=True)
    # The server's log goes to a file, never to a pipe: nobody reads a pipe while the tests run,
    # and once its 64 KiB buffer is full the server blocks on its next log line and stops
    # answering (every later page load times out).
    log_path = data / "server.log"
    log = log_path.open("wb")
    server = subprocess.Popen(
        [*run, "serve", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        # A deadline, not a count: on a busy machine the demo load before the first answer is slow.
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise RuntimeError(f"server exited: {_tail(log_path)}")
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=1) as response:  # noqa: S310
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError(f"server did not become healthy: {_tail(log_path)}")
        yield LiveServer(url, generate_city(employees=E2E_EMPLOYEES, today=clock.today()), env)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        log.close()


def _tail(log_path: Path, size: int = 4000) -> str:
    """The end of a server log, for an error message."""
    text = log_path.read_text(encoding="utf-8", errors="replace")
    return text[-size:]


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One demo server per test worker, shared by the browser tests that leave the demo as they
    found it (or only add to it)."""
    with running_demo_server(tmp_path_factory.mktemp("e2e-data")) as server:
        yield server


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    # Module scope, not session: Playwright's sync API keeps an event loop running in this thread
    # while it is open, and any asyncio test that runs after it on the same worker would fail.
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing. `make test` installs Debian chromium when it may (as root); "
            f"otherwise run: {CHROMIUM_INSTALL_COMMAND} (or set KINERJA_CHROMIUM to a chromium)"
        )
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def pages(browser: Any) -> Iterator[list[Any]]:
    """Pages a test opens (each in its own context); their contexts are closed afterwards."""
    opened: list[Any] = []
    yield opened
    for page in opened:
        page.context.close()
