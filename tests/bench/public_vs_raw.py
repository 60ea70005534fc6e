"""Public GraphQL throughput against a bare Starlette handler, side by side; cold latencies.

Run by ``make bench``. It prints figures and never asserts times (DESIGN.md "Performance
budgets": the goal is a ratio of at least 0.5 for a repeated public query).

1. A demo city (``seed-demo`` data, 4 000 pegawai) in a fresh SQLite file, release 1 published.
2. The real app (uvicorn, subprocess, free port) and a bare Starlette app returning the same
   bytes (another subprocess), each hit by the same client with the same number of requests,
   in alternating batches.
3. Cold latency of the city overview query (first request after start: nothing cached), then
   uncached latency with the release snapshot warm (the response cache bypassed by a fresh
   alias each time); the same with a synthetic 100 000-pegawai instansi.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from server.config import Settings  # noqa: E402
from server.db.engine import Database  # noqa: E402
from server.db.migrate import upgrade_database  # noqa: E402
from server.demo import generate_city  # noqa: E402
from server.services.actor import system_actor  # noqa: E402
from server.services.demo_seed import load_demo_city  # noqa: E402
from server.services.releases.publish import options_from_settings, publish_release  # noqa: E402

CITY_QUERY = (ROOT / "schema" / "examples" / "city_overview.graphql").read_text(encoding="utf-8")
REPEATED = "{ latestRelease { number city { headcount skpCoveragePct survey { ikmConverted } } } }"
ROUNDS = 6
PER_BATCH = 300
WORKERS = 4
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
        city = generate_city(employees=employees, today=date.today())
        await load_demo_city(db, city, system_actor("bench"))
        loaded = time.perf_counter() - started
        settings = Settings(data_dir=data_dir, database_url=url, demo_mode=True)
        started = time.perf_counter()
        await publish_release(
            db, system_actor("bench"), f"{date.today().year}-S1", options_from_settings(settings)
        )
        published = time.perf_counter() - started
    finally:
        await db.dispose()
    return loaded, published


@contextmanager
def serve(args: list[str], env: dict[str, str], port: int) -> Iterator[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", *args, "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "warning", "--no-access-log"],
        env={**os.environ, **env}, cwd=ROOT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                httpx.get(
                    f"{base}/healthz" if "server.app" in args[0] else f"{base}/public/graphql",
                    timeout=1,
                )
                break
            except httpx.HTTPError:
                time.sleep(0.05)
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


async def batch(client: httpx.AsyncClient, url: str, payload: dict[str, object], n: int) -> float:
    async def worker(count: int) -> None:
        for _ in range(count):
            response = await client.post(url, json=payload)
            response.raise_for_status()

    started = time.perf_counter()
    await asyncio.gather(*(worker(n // WORKERS) for _ in range(WORKERS)))
    return time.perf_counter() - started


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


async def throughput(public_base: str, bare_base: str) -> tuple[float, float]:
    payload = {"query": REPEATED}
    limits = httpx.Limits(max_connections=WORKERS, max_keepalive_connections=WORKERS)
    async with httpx.AsyncClient(
        headers={"accept-encoding": "identity"}, limits=limits, timeout=30
    ) as client:
        for base in (public_base, bare_base):  # warm both (connections, caches)
            await batch(client, f"{base}/public/graphql", payload, 40)
        spent = {"public": 0.0, "bare": 0.0}
        for _ in range(ROUNDS):
            spent["public"] += await batch(
                client, f"{public_base}/public/graphql", payload, PER_BATCH
            )
            spent["bare"] += await batch(client, f"{bare_base}/public/graphql", payload, PER_BATCH)
    total = ROUNDS * PER_BATCH
    return total / spent["public"], total / spent["bare"]


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="kinerja-bench-") as tmp:
        demo_dir = Path(tmp) / "demo"
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
            body_file = Path(tmp) / "body.json"
            body_file.write_bytes(body)
            bare_module = Path(tmp) / "bare_app.py"
            bare_module.write_text(BARE_APP, encoding="utf-8")
            with serve(
                ["bare_app:app", "--app-dir", tmp], {"BENCH_BODY": str(body_file)}, free_port()
            ) as bare_base:
                public_rps, bare_rps = asyncio.run(throughput(public_base, bare_base))
        print(
            f"repeated public query ({len(body)} bytes), {ROUNDS} x {PER_BATCH} requests each, {WORKERS} connections:"
        )
        print(f"  public /public/graphql : {public_rps:8.0f} req/s")
        print(f"  bare Starlette handler : {bare_rps:8.0f} req/s")
        print(f"  ratio public / bare    : {public_rps / bare_rps:8.2f}   (goal >= 0.5)")
        print(
            f"city overview, demo data: cold {cold * 1000:.0f} ms (first request), uncached {warm * 1000:.0f} ms"
        )

        big_dir = Path(tmp) / "big"
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
