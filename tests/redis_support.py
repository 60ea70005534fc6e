"""A Redis for the tests of shared state: the machine's (KINERJA_TEST_REDIS_URL, default
127.0.0.1:6379), or one started here from ``redis-server`` when nothing answers there. The tests
that need it skip, saying why, only when neither is possible. Every test gets its own key prefix,
and its keys are deleted afterwards (one Redis may serve other runs at the same time)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from tests.network import free_port

DEFAULT_URL = "redis://127.0.0.1:6379/0"


def redis_answers(url: str) -> bool:
    client = redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5)
    try:
        return bool(client.ping())
    except (redis.RedisError, OSError):
        return False
    finally:
        client.close()


def forget_keys(url: str, prefix: str) -> None:
    """Delete the keys under ``prefix`` (one Redis may serve other runs: only ours go)."""
    client = redis.Redis.from_url(url)
    try:
        keys = list(client.scan_iter(match=f"{prefix}:*", count=1_000))
        if keys:
            client.delete(*keys)
    finally:
        client.close()


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of a Redis that answers."""
    url = os.environ.get("KINERJA_TEST_REDIS_URL", DEFAULT_URL)
    if redis_answers(url):
        yield url
        return
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip(
            f"shared-state tests need Redis: nothing answers at {url} and there is no "
            "redis-server to start (apt-get install redis-server, or set KINERJA_TEST_REDIS_URL)"
        )
    port = free_port()
    workdir: Path = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no",
         "--dir", str(workdir), "--logfile", str(workdir / "redis.log")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    own = f"redis://127.0.0.1:{port}/0"
    try:
        for _ in range(200):
            if process.poll() is not None or redis_answers(own):
                break
            time.sleep(0.05)
        if not redis_answers(own):
            log = (workdir / "redis.log").read_text(errors="replace")[-500:]
            pytest.skip(f"shared-state tests need Redis: {url} does not answer and "
                        f"{binary} could not be started: {log}")  # fmt: skip
        yield own
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def redis_prefix(redis_server: str) -> Iterator[str]:
    """A key prefix of this test's own; its keys are removed afterwards."""
    prefix = f"kinerja-test-{uuid.uuid4().hex[:12]}"
    yield prefix
    forget_keys(redis_server, prefix)
