"""Public GraphQL throughput against a bare Starlette handler, side by side; cold latencies.

Run by ``make bench``. It prints figures and never asserts times (DESIGN.md "Performance
budgets": the goal is a ratio of at least 0.9 for a repeated public query, warm).

1. A demo city (``seed-demo`` data, 4 000 pegawai) in a fresh SQLite file, release 1 published.
2. For 1 and 2 uvicorn workers, each without and with Redis (``KINERJA_REDIS_URL``, shared
   buckets and cache): the real app and a bare Starlette app returning the same bytes with the
   same number of workers, both running at once, driven by the same client
   (``tests/http_driver.py``, its own process) with the same requests, in alternating rounds.
3. Cold latency of the city overview query (first request after start: nothing cached), then
   uncached latency with the release snapshot warm (the response cache bypassed by a fresh
   alias each time); the same with a synthetic 100 000-pegawai instansi
   (``KINERJA_BENCH_PUBLIC_BIG=0`` skips that part).
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from server import clock  # noqa: E402
from server.config import Settings  # noqa: E402
from server.db.engine import Database  # noqa: E402
from server.db.migrate import upgrade_database  # noqa: E402
from server.demo import generate_city  # noqa: E402
from server.demo.seed import load_demo_city  # noqa: E402
from server.services.actor import system_actor  # noqa: E402
from server.services.releases.publish import options_from_settings, publish_release  # noqa: E402
from tests.redis_support import forget_keys, redis_answers  # noqa: E402

CITY_QUERY = (ROOT / "schema" / "examples" / "city_overview.graphql").read_text(encoding="utf-8")
REPEATED = "{ latestRelease { number city { headcount skpCoveragePct survey { ikmConverted } } } }"
ROUNDS = int(os.environ.get("KINERJA_BENCH_PUBLIC_ROUNDS", "20"))
PER_ROUND = 2_000
CONNECTIONS = 16
REDIS_URL = os.environ.get("KINERJA_BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
BARE_APP = """
import os
from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route
BODY = open(os.environ["BENCH_BODY"], "rb").read()
async def handler(request):
    await request.body()
    return Response(BODY, media_type="application/json")
app = Starlette(routes=[Route("/public/graphql", handler, methods=["GET", "POST"])])
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def prepare(data_dir: Path, employees: int) -> tuple[float, float]:
    url = f"sqlite+aiosqlite:///{data_dir / 'kinerja.db'}"
    await asyncio.to_thread(upgrade_database, url)
    db = Database(url)
    try:
        started = time.perf_counter()
        city = generate_city(employees=employees, today=clock.today())
        await load_demo_city(db, city, system_actor("bench"))
        loaded = time.perf_counter() - started
        settings = Settings(data_dir=data_dir, database_url=url, demo_mode=True)
        started = time.perf_counter()
        await publish_release(
            db,
            system_actor("bench"),
            f"{clock.today().year}-S1",
            options_from_settings(settings, provisional=True),
        )
        published = time.perf_counter() - started
    finally:
        await db.dispose()
    return loaded, published


@contextmanager
def serve(args: list[str], env: dict[str, str], port: int, workers: int = 1) -> Iterator[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", *args, "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "warning", "--no-access-log", "--workers", str(workers)],
        env={**os.environ, **env}, cwd=ROOT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                httpx.get(
                    f"{base}/healthz" if "server.app" in args[0] else f"{base}/public/graphql",
                    timeout=1,
                )
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def app_env(data_dir: Path) -> dict[str, str]:
    return {
        "KINERJA_DATA_DIR": str(data_dir),
        "KINERJA_DEMO": "true",
        "KINERJA_LOG_LEVEL": "WARNING",
        "KINERJA_PUBLIC_RATE_PER_MINUTE": "100000000",
        "KINERJA_PUBLIC_RATE_BURST": "100000000",
    }


async def cold_latencies(base: str) -> tuple[float, float]:
    async with httpx.AsyncClient(headers={"accept-encoding": "identity"}, timeout=120) as client:
        started = time.perf_counter()
        first = await client.post(f"{base}/public/graphql", json={"query": CITY_QUERY})
        cold = time.perf_counter() - started
        assert "errors" not in first.json(), first.text[:500]
        samples = []
        for i in range(5):  # a fresh alias each time: the response cache cannot answer
            query = CITY_QUERY.replace("latestRelease {", f"r{i}: latestRelease {{", 1)
            started = time.perf_counter()
            (await client.post(f"{base}/public/graphql", json={"query": query})).raise_for_status()
            samples.append(time.perf_counter() - started)
    return cold, sorted(samples)[len(samples) // 2]


def throughput(public_base: str, bare_base: str, request_file: Path) -> tuple[float, float, float]:
    """Requests per second of each side over all rounds, and the median of the per-round ratios
    (each round pair ran back to back, so it is the figure least moved by the machine's load)."""
    ports = [base.rsplit(":", 1)[1] for base in (public_base, bare_base)]

    def run(rounds: int, requests: int) -> dict[str, list[float]]:
        done = subprocess.run(
            [sys.executable, "-m", "tests.http_driver", "--alternate", str(rounds), "127.0.0.1",
             *ports, "/public/graphql", str(request_file), str(requests), str(CONNECTIONS)],
            cwd=ROOT, capture_output=True, text=True, check=True,
        )  # fmt: skip
        result = json.loads(done.stdout)
        if set(result["statuses"]) != {"200"}:
            raise RuntimeError(f"not only 200: {result['statuses']}")
        return {"a": result["a"], "b": result["b"]}

    run(2, 1_000)  # warm both (connections, every worker's caches)
    times = run(ROUNDS, PER_ROUND)
    per_round = (PER_ROUND // CONNECTIONS) * CONNECTIONS
    ratios = sorted(b / a for a, b in zip(times["a"], times["b"], strict=True))
    return (
        per_round * ROUNDS / sum(times["a"]),
        per_round * ROUNDS / sum(times["b"]),
        statistics.median(ratios),
    )


def compare_with_bare(tmp: Path, demo_dir: Path, body: bytes) -> None:
    request_file = tmp / "request.json"
    request_file.write_bytes(json.dumps({"query": REPEATED}).encode())
    body_file = tmp / "body.json"
    body_file.write_bytes(body)
    (tmp / "bare_app.py").write_text(BARE_APP, encoding="utf-8")
    with_redis = redis_answers(REDIS_URL)
    setups = [(1, False), (1, True), (2, False), (2, True)]
    print(
        f"repeated public query ({len(body)} bytes), {ROUNDS} rounds x {PER_ROUND} requests "
        f"each side, alternating, {CONNECTIONS} connections (tests/http_driver.py):"
    )
    print(
        f"  {'setup':<22} {'public req/s':>12} {'bare req/s':>11} {'ratio':>6} "
        f"{'median ratio':>13}   (goal >= 0.9)"
    )
    for workers, redis_on in setups:
        label = f"{workers} worker{'s' if workers > 1 else ''}" + (" + Redis" if redis_on else "")
        if redis_on and not with_redis:
            print(f"  {label:<22} skipped: no Redis at {REDIS_URL}")
            continue
        env = app_env(demo_dir)
        prefix = f"kinerja-bench-{os.getpid()}-{workers}"
        if redis_on:
            env |= {"KINERJA_REDIS_URL": REDIS_URL, "KINERJA_REDIS_PREFIX": prefix}
        try:
            with (
                serve(["server.app:create_app", "--factory"], env, free_port(), workers) as public,
                serve(["bare_app:app", "--app-dir", str(tmp)], {"BENCH_BODY": str(body_file)},
                      free_port(), workers) as bare,
            ):  # fmt: skip
                public_rps, bare_rps, median = throughput(public, bare, request_file)
        finally:
            if redis_on:
                forget_keys(REDIS_URL, prefix)
        print(
            f"  {label:<22} {public_rps:12.0f} {bare_rps:11.0f} {public_rps / bare_rps:6.2f} "
            f"{median:13.2f}"
        )


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="kinerja-bench-") as tmp_name:
        tmp = Path(tmp_name)
        demo_dir = tmp / "demo"
        loaded, published = asyncio.run(prepare(demo_dir, 4_000))
        print(
            f"demo city (4 000 pegawai): loaded in {loaded:.2f} s, release published in {published:.2f} s"
        )
        with serve(
            ["server.app:create_app", "--factory"], app_env(demo_dir), free_port()
        ) as public_base:
            cold, warm = asyncio.run(cold_latencies(public_base))
            body = httpx.post(
                f"{public_base}/public/graphql",
                json={"query": REPEATED},
                headers={"accept-encoding": "identity"},
            ).content
        print(
            f"city overview, demo data: cold {cold * 1000:.0f} ms (first request), uncached {warm * 1000:.0f} ms"
        )
        compare_with_bare(tmp, demo_dir, body)
        if os.environ.get("KINERJA_BENCH_PUBLIC_BIG", "1") == "0":
            return
        big_dir = tmp / "big"
        loaded, published = asyncio.run(prepare(big_dir, 100_000))
        print(
            f"synthetic instansi (100 000 pegawai): loaded in {loaded:.1f} s, release published in {published:.1f} s"
        )
        with serve(
            ["server.app:create_app", "--factory"], app_env(big_dir), free_port()
        ) as big_base:
            cold, warm = asyncio.run(cold_latencies(big_base))
        print(
            f"city overview, 100 000 pegawai: cold {cold * 1000:.0f} ms (first request), uncached {warm * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
