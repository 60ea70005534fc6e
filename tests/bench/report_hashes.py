"""SHA-1 of many whole-instansi report answers (completion, calibration overview, predicate
distribution) on a seeded demo: run before and after a change of their readers, compare.

    python tests/bench/report_hashes.py seed DATABASE_URL [EMPLOYEES]   # migrate and load
    python tests/bench/report_hashes.py hash DATABASE_URL               # migrate, then hash

Not a benchmark (no timing): ``make bench`` never passes it arguments, so it only prints usage.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

from server.db.engine import Database  # noqa: E402
from server.db.migrate import upgrade_database_async  # noqa: E402
from server.db.models import AppraisalPeriod, AppraisalYear, Unit  # noqa: E402
from server.services.actor import system_actor  # noqa: E402
from server.services.calibration.calibration_view import calibration_overview  # noqa: E402
from server.services.reports.completion import completion_by_unit  # noqa: E402
from server.services.reports.distribution import predicate_distribution  # noqa: E402
from tests.bench_support import DEMO_TODAY, bench_settings, seed_demo  # noqa: E402


def plain(value: object) -> object:
    """The answer without the incidental order of its mappings (a Counter's repr orders by
    count, then by insertion: the order rows came back in, which SQL leaves open)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (
            type(value).__name__,
            [(f.name, plain(getattr(value, f.name))) for f in dataclasses.fields(value)],
        )
    table = getattr(value, "__table__", None)
    if table is not None:  # a row object: its columns (its repr is its address)
        return (table.name, [(c.key, plain(getattr(value, c.key, None))) for c in table.columns])
    if isinstance(value, (set, frozenset)):
        return sorted(repr(plain(v)) for v in value)
    if isinstance(value, dict):
        return sorted((repr(k), plain(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def digest(value: object) -> str:
    return hashlib.sha1(repr(plain(value)).encode(), usedforsecurity=False).hexdigest()


async def answers(url: str) -> dict[str, str]:
    await upgrade_database_async(url)
    db = Database(url)
    actor = system_actor("hashes")
    found: dict[str, str] = {}
    try:
        async with db.read() as s:
            years = (await s.execute(sa.select(AppraisalYear.id, AppraisalYear.year))).all()
            periods = (
                await s.execute(
                    sa.select(AppraisalPeriod.id, AppraisalPeriod.year_id, AppraisalPeriod.number)
                )
            ).all()
            codes = (await s.scalars(sa.select(Unit.code).order_by(Unit.id).limit(6))).all()
        for year_id, year in sorted(years, key=lambda y: y[1]):
            numbers = sorted(n for _, y, n in periods if y == year_id)
            for number in [None, *numbers]:
                for code in [None, *codes]:
                    for offset, limit in [(0, None), (0, 100), (7, 13)]:
                        key = f"distribution {year} {number} {code} {offset}:{limit}"
                        found[key] = digest(
                            await predicate_distribution(
                                db,
                                actor,
                                year=year,
                                period_number=number,
                                unit_code=code,
                                offset=offset,
                                limit=limit,
                            )
                        )
                    key = f"completion {year} {number} {code}"
                    found[key] = digest(
                        await completion_by_unit(
                            db,
                            actor,
                            year=year,
                            period_number=number,
                            unit_code=code,
                            today=DEMO_TODAY,
                        )
                    )
            scopes = [{"year_id": year_id}] + [
                {"period_id": p} for p, y, _ in periods if y == year_id
            ]
            for scope in scopes:
                for sub in (False, True):
                    for after, first in [(None, None), (None, 50), (20, 10)]:
                        key = f"calibration {year} {scope} {sub} {after}:{first}"
                        found[key] = digest(
                            await calibration_overview(
                                db,
                                actor,
                                include_subunits=sub,
                                after_unit_id=after,
                                first=first,
                                **scope,
                            )
                        )
    finally:
        await db.dispose()
    return found


def main() -> None:
    if len(sys.argv) < 3 or sys.argv[1] not in ("seed", "hash"):
        print(__doc__)
        return
    url = sys.argv[2]
    if sys.argv[1] == "seed":
        employees = int(sys.argv[3]) if len(sys.argv) > 3 else 1500
        with tempfile.TemporaryDirectory() as tmp:
            asyncio.run(seed_demo(bench_settings(Path(tmp), url), employees))
        return
    found = asyncio.run(answers(url))
    for key, value in sorted(found.items()):
        print(value, key)
    print(digest(sorted(found.items())), f"ALL ({len(found)} answers)")


if __name__ == "__main__":
    main()
