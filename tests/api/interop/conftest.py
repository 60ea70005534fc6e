"""Set SKPs for 2026 built with the ORM, and a second database with the same organisation.

kadis (JPT, DINAS): one RHK referencing the DINAS organisation goal. kabid (penilai kadis): two
RHKs intervening kadis's RHK. staf and staf2 (penilai kabid): RHKs intervening kabid's RHKs.
"""

from __future__ import annotations

import asyncio
import csv
import io
import os
import shutil
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from server.db.base import Base
from server.db.engine import Database
from server.db.migrate import upgrade_database
from server.db.models import (
    AppraisalYear,
    Indicator,
    OrgGoal,
    PerformancePlan,
    WorkResult,
)
from server.domain.enums import (
    Approach,
    Cadence,
    IndicatorAspect,
    PlanStatus,
    WorkResultKind,
    YearStatus,
)
from server.services.actor import system_actor
from server.services.interop.bkn_layout import (
    SKP_COLUMNS,
)
from server.services.interop.export import export_file
from tests.conftest import SmallOrg

YEAR = 2026
GOAL = "Meningkatnya kualitas layanan arsip daerah"
PG_URL = os.environ.get("KINERJA_TEST_DATABASE_URL")


@dataclass
class InteropFixture:
    year_id: int
    plans: dict[str, int]
    rhk: dict[str, list[int]]


async def add_year(db: Database, unit_id: int) -> tuple[int, int]:
    async with db.write() as s:
        year = AppraisalYear(
            year=YEAR,
            cadence=Cadence.TRIWULAN,
            plan_deadline=date(YEAR, 1, 31),
            realization_due_days=5,
            status=YearStatus.DIBUKA,
        )
        s.add(year)
        await s.flush()
        goal = OrgGoal(unit_id=unit_id, year_id=year.id, text=GOAL, indicator="Indeks", target="90")
        s.add(goal)
        await s.flush()
        return year.id, goal.id


def _iki(rid: int, text: str, n: int, **extra: Any) -> Indicator:
    values: dict[str, Any] = {
        "aspect": IndicatorAspect.KUANTITAS,
        "target_value": Decimal("12"),
        "target_unit": "dokumen",
    }
    values.update(extra)
    return Indicator(work_result_id=rid, text=text, ordinal=n, **values)


@pytest.fixture
async def skps(db: Database, small_org: SmallOrg) -> InteropFixture:
    ids = small_org.ids
    year_id, goal_id = await add_year(db, ids["DINAS"])
    async with db.write() as s:

        def plan(key: str, assessor: str) -> PerformancePlan:
            return PerformancePlan(
                employee_id=ids[f"emp:{key}"],
                year_id=year_id,
                approach=Approach.KUANTITATIF,
                status=PlanStatus.DITETAPKAN,
                assessor_employee_id=ids[f"emp:{assessor}"],
                submitted_at=datetime(YEAR, 1, 10, tzinfo=UTC),
                approved_at=datetime(YEAR, 1, 12, 3, tzinfo=UTC),
            )

        plans = {
            "kadis": plan("kadis", "sekda"),
            "kabid": plan("kabid", "kadis"),
            "staf": plan("staf", "kabid"),
            "staf2": plan("staf2", "kabid"),
        }
        plans["staf2"].approach = Approach.KUALITATIF
        s.add_all(plans.values())
        await s.flush()
        kadis_rhk = WorkResult(
            plan_id=plans["kadis"].id,
            kind=WorkResultKind.UTAMA,
            text="Tata kelola arsip dinas",
            org_goal_id=goal_id,
            ordinal=1,
        )
        s.add(kadis_rhk)
        await s.flush()
        kabid = [
            WorkResult(
                plan_id=plans["kabid"].id,
                kind=WorkResultKind.UTAMA,
                text="Layanan arsip bidang",
                parent_id=kadis_rhk.id,
                ordinal=1,
            ),
            WorkResult(
                plan_id=plans["kabid"].id,
                kind=WorkResultKind.TAMBAHAN,
                # A formula-looking text must survive the spreadsheet protection both ways.
                text='=Pembinaan; arsiparis, "muda"',
                parent_id=kadis_rhk.id,
                ordinal=2,
            ),
        ]
        s.add_all(kabid)
        await s.flush()
        staf = [
            WorkResult(
                plan_id=plans["staf"].id,
                kind=WorkResultKind.UTAMA,
                text="Penataan arsip",
                parent_id=kabid[0].id,
                ordinal=5,  # ordinals need not be 1..n
            ),
            WorkResult(
                plan_id=plans["staf"].id,
                kind=WorkResultKind.TAMBAHAN,
                text="Pelatihan arsip",
                parent_id=kabid[1].id,
                ordinal=9,
            ),
        ]
        staf2 = WorkResult(
            plan_id=plans["staf2"].id,
            kind=WorkResultKind.UTAMA,
            text="Layanan peminjaman arsip",
            parent_id=kabid[0].id,
            ordinal=1,
        )
        s.add_all([*staf, staf2])
        await s.flush()
        s.add_all(
            [
                _iki(
                    kadis_rhk.id,
                    "Indeks kepuasan layanan arsip",
                    1,
                    target_value=Decimal("90.5"),
                    target_unit="%",
                ),
                _iki(kabid[0].id, "Jumlah layanan arsip", 1),
                _iki(
                    kabid[0].id,
                    "Ketepatan waktu layanan",
                    2,
                    aspect=IndicatorAspect.WAKTU,
                    target_value=Decimal("12"),
                    target_unit="bulan",
                ),
                _iki(
                    kabid[1].id,
                    "Jumlah arsiparis dibina",
                    1,
                    target_value=Decimal("3"),
                    target_unit="orang",
                ),
                _iki(staf[0].id, "Jumlah arsip ditata", 1),
                _iki(
                    staf[1].id, "Jumlah pelatihan", 1, target_value=Decimal("2"), target_unit="kali"
                ),
                _iki(
                    staf2.id,
                    "Kualitas layanan peminjaman",
                    1,
                    aspect=IndicatorAspect.KUALITAS,
                    target_value=None,
                    target_unit=None,
                    target_description="Peminjaman dilayani tanpa keluhan",
                ),
            ]
        )
    return InteropFixture(
        year_id=year_id,
        plans={k: p.id for k, p in plans.items()},
        rhk={"kadis": [kadis_rhk.id], "kabid": [r.id for r in kabid], "staf": [r.id for r in staf]},
    )


async def restore_rows(db: Database, rows: dict[str, list[dict[str, Any]]]) -> None:
    """The small organisation's rows into another database (as tests/conftest.small_org does)."""
    async with db.engine.begin() as conn:
        await conn.execute(sa.text("DELETE FROM audit_chain_head"))
        await conn.execute(sa.text("DELETE FROM org_revision"))
        for table in Base.metadata.sorted_tables:
            if rows[table.name]:
                await conn.execute(table.insert(), rows[table.name])
        if db.engine.dialect.name == "postgresql":
            for table in Base.metadata.sorted_tables:
                if "id" in table.c and isinstance(table.c.id.type, sa.Integer) and rows[table.name]:
                    await conn.execute(
                        sa.text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "  # noqa: S608
                            f"(SELECT max(id) FROM {table.name}))"
                        )
                    )


@pytest.fixture
async def second_db(
    _template: str, _small_org_snapshot: Any, small_org: SmallOrg, tmp_path: Path
) -> AsyncIterator[Database]:
    """Another, freshly migrated database holding the same organisation and no SKP."""
    admin: AsyncEngine | None = None
    name = ""
    if PG_URL:
        base, _, _ = PG_URL.rpartition("/")
        name = f"interop_{uuid.uuid4().hex[:12]}"
        admin = create_async_engine(PG_URL, isolation_level="AUTOCOMMIT")
        async with admin.connect() as conn:
            await conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        url = f"{base}/{name}"
        await asyncio.to_thread(upgrade_database, url)
    else:
        target = tmp_path / "second.db"
        shutil.copy(_template, target)
        url = f"sqlite+aiosqlite:///{target}"
    database = Database(url)
    await restore_rows(database, _small_org_snapshot.rows)
    await add_year(database, small_org.ids["DINAS"])
    try:
        yield database
    finally:
        await database.dispose()
        if admin is not None:
            async with admin.connect() as conn:
                await conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            await admin.dispose()


HR = system_actor("test")


def parse_csv(body: bytes) -> list[dict[str, str]]:
    text = body.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


async def export_csv(db: Database) -> bytes:
    return (await export_file(db, HR, "skp", "csv", YEAR)).body


async def count(db: Database, model: Any) -> int:
    async with db.read() as s:
        return int(await s.scalar(sa.select(sa.func.count()).select_from(model)) or 0)


def _csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[c.name for c in SKP_COLUMNS])
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()
