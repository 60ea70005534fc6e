"""Month-end load: simulated staff and public readers against PostgreSQL behind two workers.

The deadline day of the month, when every pegawai records realisasi and every Pejabat Penilai
answers. Run by ``make bench``; it prints throughput, p50/p99 per operation and the errors, and
exits non-zero when any error other than 429 occurred (429 with Retry-After is the only
acceptable refusal). It never asserts times.

Setup: the demo city (KINERJA_BENCH_LOAD_EMPLOYEES pegawai, default 4 000, a year of work up to
today) in a PostgreSQL database made for the run and dropped after it (KINERJA_BENCH_PG_URL, the
server), release 1 published, and accounts for STAFF_ASSESSORS Pejabat Penilai with
PEGAWAI_EACH of their pegawai each. The server is the production command, ``kinerja serve
--workers 2``, with Redis (KINERJA_BENCH_REDIS_URL, default 127.0.0.1:6379; without one it runs
without and says so) and the default rate limits. Public readers come through a trusted proxy
address (X-Forwarded-For), each with its own client address, as citizens do.

Staff arrive over the first ten seconds. Each pegawai: log in, then until the end: a work-log entry, an evidence upload attached to it,
the month's realisasi (saved again with its version), a look at their own realisasi; a short
pause between actions. Each Pejabat Penilai: log in, then: the inbox, umpan balik on a
realisasi of one of their pegawai, and approval of an SKP that waits for it (when one does).
Public readers: the city overview and a few other published figures, now and then a query
nobody asked before (the cache cannot answer it).

Why not locust: it brings gevent (monkey-patching the process), a web UI and ZeroMQ for a
driver that must stay small on a two-core machine where it competes with the servers, and its
users keep per-user state (session, plan, versions) no more easily than a coroutine does. One
asyncio process with httpx (already a dependency of the tests) drives every simulated user;
latencies are measured per request and summarised from the raw samples.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import sqlalchemy as sa  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.ext.asyncio import create_async_engine  # noqa: E402

from server import clock  # noqa: E402
from server.db.engine import Database  # noqa: E402
from server.db.models import (  # noqa: E402
    AppraisalPeriod,
    AppraisalYear,
    Employee,
    Indicator,
    PerformancePlan,
    Realization,
    WorkResult,
)
from server.demo import DEMO_PASSWORD, DemoCity  # noqa: E402
from server.demo.assessors import DemoAssessors  # noqa: E402
from server.services.actor import system_actor  # noqa: E402
from server.services.organisation.accounts import AccountInput, create_account  # noqa: E402
from server.services.releases.publish import options_from_settings, publish_release  # noqa: E402
from tests.api.work import samples  # noqa: E402
from tests.bench_support import bench_settings, seed_demo  # noqa: E402
from tests.redis_support import redis_answers  # noqa: E402

EMPLOYEES = int(os.environ.get("KINERJA_BENCH_LOAD_EMPLOYEES", "4000"))
SECONDS = float(os.environ.get("KINERJA_BENCH_LOAD_SECONDS", "60"))
STAFF_ASSESSORS = int(os.environ.get("KINERJA_BENCH_LOAD_ASSESSORS", "12"))
PEGAWAI_EACH = 3
READERS = int(os.environ.get("KINERJA_BENCH_LOAD_READERS", "8"))
WORKERS = 2
STAFF_PAUSE = (0.2, 0.8)  # seconds between a person's actions
READER_PAUSE = (0.05, 0.25)  # a reader sends about 400 a minute: under the public limit
SERVER = os.environ.get(
    "KINERJA_BENCH_PG_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
)
REDIS_URL = os.environ.get("KINERJA_BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")

PUBLIC_QUERIES = [
    (ROOT / "schema" / "examples" / "city_overview.graphql").read_text(encoding="utf-8"),
    "{ latestRelease { number city { headcount skpCoveragePct survey { ikmConverted } } } }",
    "{ releases { number periodCode publishedAt } }",
    "{ about { instansi licence contact } }",
]
WORK_LOG = """mutation($in: CreateWorkLogEntryInput!) { createWorkLogEntry(input: $in) {
  result { id } errors { code message } } }"""
ADD_EVIDENCE = """mutation($in: AddEvidenceInput!) { addEvidence(input: $in) {
  result { id } errors { code message } } }"""
SAVE_REALIZATION = """mutation($in: SaveRealizationInput!) { saveRealization(input: $in) {
  result { id version } errors { code message } } }"""
REALIZATIONS = """query($plan: ID!, $period: ID!) { realizations(planId: $plan, periodId: $period) {
  id value status version } }"""
INBOX = """query($y: Int!) { assessorInbox(year: $y) { awaitingApprovalCount entries {
  employee { id name } plan { id status awaitingApproval } } } }"""
FEEDBACK = """mutation($in: AddFeedbackInput!) { addFeedback(input: $in) {
  result { id } errors { code message } } }"""
PLAN_VERSION = "query($id: ID!) { plan(id: $id) { id version status } }"
APPROVE = """mutation($id: ID!, $v: Int!) { approvePlan(id: $id, expectedVersion: $v) {
  result { id status } errors { code message } } }"""


@dataclass
class Pegawai:
    login: str
    plan: str
    period: str
    indicator: str
    work_result: str
    realisasi: str | None  # an earlier realisasi, for the assessor's feedback
    version: int | None = None


@dataclass
class Assessor:
    login: str
    people: list[Pegawai]


@dataclass
class Results:
    samples: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    refused: Counter[str] = field(default_factory=Counter)  # 429 per operation
    errors: Counter[str] = field(default_factory=Counter)  # anything else that went wrong
    examples: dict[str, str] = field(default_factory=dict)

    def error(self, operation: str, what: str) -> None:
        self.errors[f"{operation}: {what[:120]}"] += 1


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def admin(sql: str) -> None:
    engine = create_async_engine(SERVER, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            await conn.execute(sa.text(sql))
    finally:
        await engine.dispose()


async def make_cast(db: Database, city: DemoCity, today: date) -> list[Assessor]:
    """Accounts for Pejabat Penilai of at least PEGAWAI_EACH pegawai with an SKP this year,
    and for PEGAWAI_EACH of their pegawai each; the ids their work needs."""
    assessors = DemoAssessors(city.positions, city.employees, city.overrides)
    rated: dict[str, list[str]] = defaultdict(list)
    for employee in city.employees:
        assessor = assessors.assessor_of(employee.nip) if employee.position_key else None
        if assessor is not None:
            rated[assessor.nip].append(employee.nip)
    async with db.read() as s:
        year_id = (
            await s.scalars(sa.select(AppraisalYear.id).where(AppraisalYear.year == today.year))
        ).one()
        period = (
            await s.scalars(
                sa.select(AppraisalPeriod.id)
                .where(
                    AppraisalPeriod.year_id == year_id,
                    AppraisalPeriod.start_date <= today,
                    AppraisalPeriod.end_date >= today,
                )
                .order_by(AppraisalPeriod.end_date - AppraisalPeriod.start_date)
            )
        ).first()
        rows = (
            await s.execute(
                sa.select(
                    Employee.nip, Employee.id, PerformancePlan.id, WorkResult.id, Indicator.id
                )
                .join(PerformancePlan, PerformancePlan.employee_id == Employee.id)
                .join(WorkResult, WorkResult.plan_id == PerformancePlan.id)
                .join(Indicator, Indicator.work_result_id == WorkResult.id)
                .where(PerformancePlan.year_id == year_id, Indicator.target_value.is_not(None))
                .order_by(Employee.nip, WorkResult.id, Indicator.id)
            )
        ).all()
        earlier = dict(
            (
                await s.execute(
                    sa.select(PerformancePlan.id, sa.func.max(Realization.id))
                    .join(WorkResult, WorkResult.plan_id == PerformancePlan.id)
                    .join(Indicator, Indicator.work_result_id == WorkResult.id)
                    .join(Realization, Realization.indicator_id == Indicator.id)
                    .where(PerformancePlan.year_id == year_id)
                    .group_by(PerformancePlan.id)
                )
            ).all()
        )
        ids = dict((await s.execute(sa.select(Employee.nip, Employee.id))).all())
    if period is None:
        raise RuntimeError(f"no appraisal period contains {today}")
    work: dict[str, tuple[int, int, int]] = {}
    for nip, _employee_id, plan_id, work_result_id, indicator_id in rows:
        work.setdefault(nip, (plan_id, work_result_id, indicator_id))
    cast: list[Assessor] = []
    used: set[str] = set()
    for boss, people in sorted(rated.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if boss in used or len(cast) >= STAFF_ASSESSORS:
            continue
        with_plans = [nip for nip in sorted(people) if nip in work and nip not in used]
        with_plans = with_plans[:PEGAWAI_EACH]
        if len(with_plans) < PEGAWAI_EACH:
            continue
        team = []
        for nip in with_plans:
            plan_id, work_result_id, indicator_id = work[nip]
            team.append(
                Pegawai(nip, str(plan_id), str(period), str(indicator_id), str(work_result_id),
                        str(earlier[plan_id]) if plan_id in earlier else None)
            )  # fmt: skip
        cast.append(Assessor(boss, team))
        used.update([boss, *with_plans])
    for nip in [a.login for a in cast] + [p.login for a in cast for p in a.people]:
        await create_account(
            db, system_actor("bench"), AccountInput(nip, DEMO_PASSWORD, employee_id=ids[nip])
        )
    return cast


class Session:
    """One simulated person's client: measures every request, sorts out what went wrong."""

    def __init__(self, base: str, results: Results, headers: dict[str, str] | None = None):
        self.client = httpx.AsyncClient(base_url=base, timeout=60, headers=headers or {})
        self.results = results

    async def request(self, operation: str, method: str, url: str, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            response = await self.client.request(method, url, **kwargs)
        except httpx.HTTPError as exc:
            self.results.error(operation, f"{type(exc).__name__}: {exc}")
            return None
        self.results.samples[operation].append(time.perf_counter() - started)
        if response.status_code == 429:
            if "retry-after" not in response.headers:
                self.results.error(operation, "429 without Retry-After")
            self.results.refused[operation] += 1
            return None
        if response.status_code >= 400:
            self.results.error(operation, f"HTTP {response.status_code} {response.text[:80]}")
            return None
        body = response.json() if response.content else {}
        if isinstance(body, dict) and body.get("errors"):
            self.results.error(operation, str(body["errors"][0].get("message")))
            return None
        return body

    async def graphql(
        self, operation: str, query: str, variables: dict[str, Any], *, path: str = "/api/graphql"
    ) -> dict[str, Any] | None:
        body = await self.request(
            operation, "POST", path, json={"query": query, "variables": variables}
        )
        if body is None:
            return None
        data: dict[str, Any] = body["data"]
        for payload in data.values():
            if isinstance(payload, dict) and payload.get("errors"):
                self.results.error(operation, str(payload["errors"][0]))
                return None
        return data

    async def log_in(self, login: str, until: float) -> bool:
        """As a person would: after a 429, try again once Retry-After has passed."""
        while time.perf_counter() < until:
            refused = self.results.refused["login"]
            body = await self.request(
                "login", "POST", "/auth/login", json={"login": login, "password": DEMO_PASSWORD}
            )
            if body is not None:
                return True
            if self.results.refused["login"] == refused:
                return False  # an error, not a refusal
            await asyncio.sleep(1.0)
        return False

    async def aclose(self) -> None:
        await self.client.aclose()


async def pause(bounds: tuple[float, float]) -> None:
    await asyncio.sleep(random.uniform(*bounds))


ARRIVAL_SECONDS = 10.0  # people arrive over the first seconds, not all in one instant


async def arrive() -> None:
    await asyncio.sleep(random.uniform(0, min(ARRIVAL_SECONDS, SECONDS / 4)))


async def pegawai_day(base: str, person: Pegawai, results: Results, until: float) -> None:
    await arrive()
    session = Session(base, results)
    try:
        if not await session.log_in(person.login, until):
            return
        n = 0
        while time.perf_counter() < until:
            n += 1
            await pause(STAFF_PAUSE)
            entry = await session.graphql(
                "work-log entry",
                WORK_LOG,
                {"in": {"planId": person.plan, "workResultId": person.work_result,
                        "text": f"Menyusun laporan bulanan, bagian {n}",
                        "workDate": clock.today().isoformat(), "minutesSpent": 45}},
            )  # fmt: skip
            await pause(STAFF_PAUSE)
            upload = await session.request(
                "evidence upload",
                "POST",
                "/api/uploads",
                content=samples.pdf() + f"%{person.login}-{n}-{random.random()}\n".encode(),
                headers={"content-type": "application/octet-stream",
                         "x-requested-with": "kinerja", "x-file-name": f"laporan-{n}.pdf"},
            )  # fmt: skip
            if upload is not None and entry is not None:
                await session.graphql(
                    "attach evidence",
                    ADD_EVIDENCE,
                    {"in": {"workLogEntryId": entry["createWorkLogEntry"]["result"]["id"],
                            "uploadToken": upload["uploadToken"], "title": f"Laporan {n}"}},
                )  # fmt: skip
            await pause(STAFF_PAUSE)
            saved = await session.graphql(
                "realisasi",
                SAVE_REALIZATION,
                {"in": {"indicatorId": person.indicator, "periodId": person.period,
                        "value": str(n), "description": f"Capaian sampai hari ini ({n})",
                        "expectedVersion": person.version}},
            )  # fmt: skip
            if saved is not None:
                person.version = saved["saveRealization"]["result"]["version"]
            await pause(STAFF_PAUSE)
            await session.graphql(
                "own realisasi", REALIZATIONS, {"plan": person.plan, "period": person.period}
            )
    finally:
        await session.aclose()


async def assessor_day(base: str, assessor: Assessor, results: Results, until: float) -> None:
    await arrive()
    session = Session(base, results)
    try:
        if not await session.log_in(assessor.login, until):
            return
        n = 0
        while time.perf_counter() < until:
            n += 1
            await pause(STAFF_PAUSE)
            inbox = await session.graphql("inbox", INBOX, {"y": clock.today().year})
            await pause(STAFF_PAUSE)
            person = assessor.people[n % len(assessor.people)]
            if person.realisasi is not None:
                await session.graphql(
                    "umpan balik",
                    FEEDBACK,
                    {"in": {"planId": person.plan, "target": "REALISASI",
                            "targetId": person.realisasi, "text": f"Baik, lanjutkan ({n})."}},
                )  # fmt: skip
            waiting = [
                e["plan"]["id"]
                for e in (inbox or {}).get("assessorInbox", {}).get("entries", [])
                if e["plan"] and e["plan"]["awaitingApproval"]
            ]
            if waiting:
                plan = await session.graphql("approve SKP", PLAN_VERSION, {"id": waiting[0]})
                if plan is not None and plan["plan"] is not None:
                    await session.graphql(
                        "approve SKP", APPROVE, {"id": waiting[0], "v": plan["plan"]["version"]}
                    )
    finally:
        await session.aclose()


async def reader(base: str, number: int, results: Results, until: float) -> None:
    # Each reader its own client address, through the trusted proxy (kinerja serve trusts
    # X-Forwarded-For from 127.0.0.1 by default).
    session = Session(
        base, results, {"x-forwarded-for": f"198.18.{number // 250}.{number % 250 + 1}"}
    )
    try:
        n = 0
        while time.perf_counter() < until:
            n += 1
            if n % 20 == 0:
                query = f"{{ r{number * 100_000 + n}: latestRelease {{ number periodCode }} }}"
                await session.graphql("public (uncached)", query, {}, path="/public/graphql")
            else:
                query = PUBLIC_QUERIES[n % len(PUBLIC_QUERIES)]
                await session.graphql("public (cached)", query, {}, path="/public/graphql")
            await pause(READER_PAUSE)
    finally:
        await session.aclose()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def report(results: Results, seconds: float, staff: int, readers: int, redis_on: bool) -> int:
    total = sum(len(v) for v in results.samples.values())
    refused = sum(results.refused.values())
    errors = sum(results.errors.values())
    print(
        f"  {staff} staff + {readers} public readers for {seconds:.0f} s, {WORKERS} workers"
        f"{' + Redis' if redis_on else ' (no Redis)'}: {total} requests, "
        f"{total / seconds:.1f} req/s, {refused} refused (429), {errors} errors"
    )
    print(f"    {'operation':<20} {'count':>6} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} {'429':>5}")
    for operation, values in sorted(results.samples.items()):
        print(
            f"    {operation:<20} {len(values):6d} {len(values) / seconds:7.1f} "
            f"{percentile(values, 0.5) * 1000:8.1f} {percentile(values, 0.99) * 1000:8.1f} "
            f"{results.refused[operation]:5d}"
        )
    for what, count in results.errors.most_common(10):
        print(f"    ERROR x{count}: {what}")
    return 1 if errors else 0


def start_server(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "server", "serve", "--port", str(port), "--workers", str(WORKERS)],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip


async def wait_healthy(base: str) -> None:
    async with httpx.AsyncClient(timeout=2) as client:
        for _ in range(1_200):
            try:
                if (await client.get(f"{base}/healthz")).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError("server did not become healthy")


async def main() -> int:
    if os.environ.get("KINERJA_BENCH_LOAD", "1") == "0":
        print("month-end load skipped (KINERJA_BENCH_LOAD=0)")
        return 0
    try:
        await admin("SELECT 1")
    except (OSError, sa.exc.DBAPIError) as exc:
        print(f"month-end load SKIPPED: PostgreSQL not reachable at {SERVER}: {exc}")
        return 0
    name = f"kinerja_bench_load_{os.getpid()}"
    url = make_url(SERVER).set(database=name).render_as_string(hide_password=False)
    await admin(f'CREATE DATABASE "{name}"')
    redis_on = redis_answers(REDIS_URL)
    prefix = f"kinerja-bench-load-{os.getpid()}"
    try:
        with tempfile.TemporaryDirectory(prefix="kinerja-load-") as tmp:
            settings = bench_settings(Path(tmp), url)
            today = clock.today()
            demo = await seed_demo(settings, EMPLOYEES, today=today, evaluations=False)
            db = Database(url)
            try:
                await publish_release(
                    db,
                    system_actor("bench"),
                    f"{today.year}-S1",
                    options_from_settings(settings, provisional=True),
                )
                cast = await make_cast(db, demo.city, today)
            finally:
                await db.dispose()
            staff = len(cast) + sum(len(a.people) for a in cast)
            print(
                f"month-end load: demo city of {EMPLOYEES} pegawai on PostgreSQL "
                f"(seeded in {demo.seconds:.0f} s), {len(cast)} Pejabat Penilai with "
                f"{PEGAWAI_EACH} pegawai each"
            )
            env = {
                **os.environ,
                "KINERJA_DATA_DIR": tmp,
                "KINERJA_DATABASE_URL": url,
                "KINERJA_WEB_DIST": str(Path(tmp) / "no-dist"),
                "KINERJA_LOG_LEVEL": "WARNING",
            }
            if redis_on:
                env |= {"KINERJA_REDIS_URL": REDIS_URL, "KINERJA_REDIS_PREFIX": prefix}
            port = free_port()
            server = start_server(env, port)
            base = f"http://127.0.0.1:{port}"
            try:
                await wait_healthy(base)
                results = Results()
                started = time.perf_counter()
                until = started + SECONDS
                await asyncio.gather(
                    *(pegawai_day(base, p, results, until) for a in cast for p in a.people),
                    *(assessor_day(base, a, results, until) for a in cast),
                    *(reader(base, i, results, until) for i in range(READERS)),
                )
                elapsed = time.perf_counter() - started
            finally:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=60)
            return report(results, elapsed, staff, READERS, redis_on)
    finally:
        await admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if redis_on:
            import redis

            client = redis.Redis.from_url(REDIS_URL)
            keys = list(client.scan_iter(match=f"{prefix}:*", count=1_000))
            if keys:
                client.delete(*keys)
            client.close()


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
