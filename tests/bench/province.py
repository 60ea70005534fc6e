"""Province scale on PostgreSQL: load, publish, and the internal flows' p50/p99 (``make bench``).

An instansi of KINERJA_BENCH_PROVINCE_EMPLOYEES pegawai (default 100 000) from the demo
generator, with a year of monthly realisasi (server/demo/seed_province.py, COPY), in a fresh
PostgreSQL database made for the run and dropped after it (KINERJA_BENCH_PG_URL: the server,
default postgresql+asyncpg://postgres@127.0.0.1:5432/postgres). Prints the load time, the time
to publish a release of the first semester (goal under 5 minutes), p50/p99 of the internal
flows against `me` (goal p99 under 200 ms), and the EXPLAIN ANALYZE plans of the slowest
statements of the slowest flows. It takes about 4 minutes on a 2-core machine; set
KINERJA_BENCH_PROVINCE_EMPLOYEES=20000 for a quicker run, KINERJA_BENCH_PROVINCE=0 to skip it
(without a reachable PostgreSQL it says so and skips).

The province's last year is closed and evaluated (four Triwulan evaluations and the annual one
per pegawai): calibration, the distribution report and the evaluation sheet read it, as on
the demo city.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "bench"))

import sqlalchemy as sa  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.ext.asyncio import create_async_engine  # noqa: E402

from server.db.engine import Database, DatabaseTimeouts  # noqa: E402
from server.db.migrate import upgrade_database_async  # noqa: E402
from server.db.models import Employee  # noqa: E402
from server.demo import DEMO_PASSWORD, DemoCity, generate_city  # noqa: E402
from server.demo.assessors import DemoAssessors  # noqa: E402
from server.demo.seed import load_demo_city  # noqa: E402
from server.demo.seed_province import load_province_work  # noqa: E402
from server.services.actor import system_actor  # noqa: E402
from server.services.organisation.accounts import AccountInput, create_account  # noqa: E402
from server.services.releases.publish import options_from_settings, publish_release  # noqa: E402
from tests.bench.internal_flows import FlowResults, Statement, run_flows  # noqa: E402
from tests.bench_support import DEMO_TODAY, SEED, SeededDemo, bench_settings  # noqa: E402

EMPLOYEES = int(os.environ.get("KINERJA_BENCH_PROVINCE_EMPLOYEES", "100000"))
ROUNDS = int(os.environ.get("KINERJA_BENCH_PROVINCE_ROUNDS", "100"))
REPORTS_EVERY = 10  # the whole-instansi reports take seconds here: one round in ten
SERVER = os.environ.get(
    "KINERJA_BENCH_PG_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
)
EXPLAINED_FLOWS = 3
SPAN = 10  # the inbox is measured for an assessor of about this many pegawai (the issue: 9)


async def typical_cast(db: Database, city: DemoCity) -> tuple[str, str, int]:
    """Logins of an assessor rating about SPAN pegawai and of one of them (accounts made here).

    The demo city's own Kepala Seksi rates a whole seksi, which at 100 000 pegawai is hundreds
    of people: that inbox measures the size of one page, not the size of the instansi.
    """
    assessors = DemoAssessors(city.positions, city.employees, city.overrides)
    rated: dict[str, list[str]] = {}
    for employee in city.employees:
        found = assessors.assessor_of(employee.nip) if employee.position_key else None
        if found is not None:
            rated.setdefault(found.nip, []).append(employee.nip)
    penilai, people = min(rated.items(), key=lambda kv: (abs(len(kv[1]) - SPAN), kv[0]))
    pegawai = sorted(people)[0]
    async with db.read() as s:
        ids = dict(
            (
                await s.execute(
                    sa.select(Employee.nip, Employee.id).where(Employee.nip.in_([penilai, pegawai]))
                )
            ).all()
        )
    for nip in (pegawai, penilai):
        await create_account(
            db, system_actor("bench"), AccountInput(nip, DEMO_PASSWORD, employee_id=ids[nip])
        )
    return pegawai, penilai, len(people)


async def admin(sql: str) -> None:
    engine = create_async_engine(SERVER, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            await conn.execute(sa.text(sql))
    finally:
        await engine.dispose()


async def explain(url: str, statement: Statement) -> str:
    """EXPLAIN ANALYZE of one captured statement, with the parameters it ran with."""
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            rows = (
                await conn.exec_driver_sql(
                    "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + statement.sql,
                    tuple(statement.parameters or ()),
                )
            ).all()
    finally:
        await engine.dispose()
    return "\n".join(f"      {r[0]}" for r in rows)


async def main() -> int:
    if os.environ.get("KINERJA_BENCH_PROVINCE", "1") == "0":
        print("province bench skipped (KINERJA_BENCH_PROVINCE=0)")
        return 0
    try:
        await admin("SELECT 1")
    except (OSError, sa.exc.DBAPIError) as exc:
        print(f"province bench SKIPPED: PostgreSQL not reachable at {SERVER}: {exc}")
        return 0
    name = f"kinerja_bench_province_{os.getpid()}"
    url = make_url(SERVER).set(database=name).render_as_string(hide_password=False)
    await admin(f'CREATE DATABASE "{name}"')
    try:
        with tempfile.TemporaryDirectory(prefix="kinerja-province-") as tmp:
            settings = bench_settings(Path(tmp), url)
            await upgrade_database_async(url)
            # A batch job (as `kinerja seed-demo`): no request waits on its long statements.
            db = Database(url, timeouts=DatabaseTimeouts().for_batch_jobs())
            actor = system_actor("bench")
            try:
                started = time.perf_counter()
                city = generate_city(seed=SEED, employees=EMPLOYEES, today=DEMO_TODAY)
                generated = time.perf_counter() - started
                seeded = await load_demo_city(db, city, actor)
                organisation = time.perf_counter() - started
                work = await load_province_work(
                    db, city, actor, year=DEMO_TODAY.year, today=DEMO_TODAY
                )
                loaded = time.perf_counter() - started
                print(
                    f"province ({seeded.employees} pegawai, {seeded.positions} jabatan, "
                    f"{seeded.units} unit; PostgreSQL): loaded in {loaded:.1f} s "
                    f"(generated {generated:.1f} s, organisation {organisation:.1f} s, "
                    f"a year of work {work.seconds:.1f} s: {work.plans} SKP, "
                    f"{work.work_results} RHK, {work.indicators} IKI, "
                    f"{work.realizations} realisasi; last year {work.evaluations} evaluations)"
                )
                started = time.perf_counter()
                release = await publish_release(
                    db,
                    actor,
                    f"{DEMO_TODAY.year}-S1",
                    options_from_settings(settings, provisional=True),
                )
                published = time.perf_counter() - started
                print(
                    f"  release #{release.number} ({release.period_code}, {release.units} unit) "
                    f"published in {published:.1f} s (goal < 300 s)"
                )
                pegawai, penilai, span = await typical_cast(db, city)
                print(f"  measured as a Pejabat Penilai of {span} pegawai and one of them")
            finally:
                await db.dispose()
            print(
                f"  internal flows, {ROUNDS} rounds, each flow once per round (goal p99 < 200 ms):"
            )
            results = await run_flows(
                url, Path(tmp), SeededDemo(city, loaded, (pegawai, penilai)), ROUNDS, REPORTS_EVERY
            )
            await explain_slowest(url, results)
    finally:
        await admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return 0


async def explain_slowest(url: str, results: FlowResults) -> None:
    ranked = sorted(results.flows[1:], key=lambda f: results.median(f.name), reverse=True)
    for flow in ranked[:EXPLAINED_FLOWS]:
        slowest = sorted(results.statements[flow.name], key=lambda s: s.seconds, reverse=True)
        print(f"  EXPLAIN, {flow.name} ({results.median(flow.name) * 1000:.0f} ms p50):")
        for statement in slowest[:2]:
            text = " ".join(statement.sql.split())
            print(f"    {statement.seconds * 1000:.1f} ms: {text[:300]}")
            print(await explain(url, statement))


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
