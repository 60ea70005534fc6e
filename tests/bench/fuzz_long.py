"""The longer fuzz run of both GraphQL schemas (hypothesis-graphql), run by ``make bench``.

A demo city (300 pegawai, a year of work, last year evaluated, a release published) behind the
real app over ASGI; generated operations as every kind of demo user, then the public schema.
Fails (exit 1) on the first reply that is a 5xx or carries the masked message of a crash, and
prints the shrunk operation. The seed is random unless KINERJA_FUZZ_SEED is set; it is printed
so a find can be replayed. KINERJA_FUZZ_EXAMPLES sets the operations per part (default 400).
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from server.db.engine import Database  # noqa: E402
from server.services.actor import system_actor  # noqa: E402
from server.services.releases.publish import options_from_settings, publish_release  # noqa: E402
from tests.bench_support import app_client, bench_settings, log_in, seed_demo  # noqa: E402
from tests.fuzzing import (  # noqa: E402
    FuzzRun,
    internal_mutations,
    internal_queries,
    public_queries,
    run_fuzz,
)

EXAMPLES = int(os.environ.get("KINERJA_FUZZ_EXAMPLES", "400"))
SEED = int(os.environ.get("KINERJA_FUZZ_SEED") or random.SystemRandom().randrange(2**32))


async def main() -> int:
    with tempfile.TemporaryDirectory(prefix="kinerja-fuzz-") as tmp:
        settings = bench_settings(Path(tmp))
        demo = await seed_demo(settings, 300)
        db = Database(settings.database_url)
        try:
            await publish_release(
                db, system_actor("bench"), "2025", options_from_settings(settings)
            )
        finally:
            await db.dispose()
        print(f"fuzz: seed {SEED} (KINERJA_FUZZ_SEED to replay), {EXAMPLES} operations per part")
        logins = [a.login for a in demo.city.accounts]
        total = 0
        started = time.perf_counter()
        async with app_client(settings) as client:
            loop = asyncio.get_running_loop()
            parts = [(login, "queries") for login in logins] + [
                ("admin.bkpsdm", "mutations"),
                (logins[4], "mutations"),
                (None, "public"),
            ]
            for index, (login, kind) in enumerate(parts):
                if login:
                    await log_in(client, login)

                async def send(query: str, login: str | None = login) -> httpx.Response:
                    path = "/public/graphql" if login is None else "/api/graphql"
                    response = await client.post(path, json={"query": query})
                    if response.status_code == 401 and login:
                        await log_in(client, login)
                        response = await client.post(path, json={"query": query})
                    return response

                strategy = {
                    "queries": internal_queries,
                    "mutations": internal_mutations,
                    "public": public_queries,
                }[kind]()
                examples = EXAMPLES if kind != "queries" else max(EXAMPLES // 4, 50)
                try:
                    run: FuzzRun = await asyncio.to_thread(
                        run_fuzz, loop, send, strategy, examples=examples, seed=SEED + index
                    )
                except AssertionError as failure:
                    print(f"FAILED ({kind} as {login or 'public'}):\n{failure}", file=sys.stderr)
                    return 1
                total += run.sent
                print(
                    f"  {kind:<9} {login or 'public':<22} {run.sent:5} sent, "
                    f"{run.with_data:5} with data, {run.with_errors:5} with errors, "
                    f"statuses {dict(run.statuses)}"
                )
            me = await client.post("/api/graphql", json={"query": "{ me { login } }"})
            if me.status_code != 200 or "errors" in me.json():
                print(f"FAILED: the server no longer answers: {me.text}", file=sys.stderr)
                return 1
        print(
            f"fuzz: {total} operations in {time.perf_counter() - started:.0f} s, no 5xx, "
            "no crash, server still answering"
        )
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
