"""A province-sized synthetic instansi (100 000 pegawai and more) with a year of monthly realisasi.

The organisation and people come from the demo city generator (``server.demo``) at the size
asked for, loaded by :func:`server.demo.seed.load_demo_city`. The year of work is
leaner than the city demo's (no work log, evidence files or feedback): every pegawai with a
Pejabat Penilai has a set SKP (the RHK and IKI texts of their jabatan from the demo's text
banks), and every IKI has a realisasi for each month that has ended, the last one still a
proposal (USULAN) so the inboxes have work in them. Rows get their ids here and go in with
PostgreSQL's COPY (asyncpg) in chunks, or batched inserts on SQLite; one audit event records
the load. For benchmarks and load tests: it is not the demo a person looks at.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server.db.engine import Database
from server.db.models import (
    AppraisalPeriod,
    AppraisalYear,
    Employee,
    Indicator,
    PerformancePlan,
    Realization,
    WorkResult,
)
from server.db.tally import refresh_tally
from server.demo import DemoCity
from server.demo.assessors import DemoAssessors
from server.demo.bulk import insert_rows
from server.demo.performance_texts import (
    RhkTemplate,
    activity_of,
    fungsional_bank,
    pelaksana_bank,
    structural_bank,
)
from server.domain.audit_actions import AuditAction
from server.domain.enums import (
    Approach,
    Cadence,
    PlanStatus,
    PositionKind,
    RealizationStatus,
    UnitKind,
    WorkResultKind,
    YearStatus,
)
from server.domain.planning import build_periods
from server.services.actor import Actor
from server.services.audit import record_event

COPY_CHUNK = 50_000
RHK_PER_PLAN = 2
DUE_DAYS = 10


@dataclass(frozen=True)
class ProvinceReport:
    year: int
    plans: int
    work_results: int
    indicators: int
    realizations: int
    seconds: float


def _bank(position_name: str, kind: PositionKind, unit_name: str) -> Sequence[RhkTemplate]:
    if kind is PositionKind.PELAKSANA:
        return pelaksana_bank(position_name)
    if kind is PositionKind.FUNGSIONAL:
        return fungsional_bank(position_name)
    return structural_bank(
        unit_name, UnitKind.BIDANG, administrator=kind is PositionKind.ADMINISTRATOR
    )


async def _next_ids(session: AsyncSession, models: Iterable[Any]) -> dict[Any, int]:
    found = {}
    for model in models:
        top = (await session.execute(sa.select(sa.func.max(model.id)))).scalar_one()
        found[model] = int(top or 0) + 1
    return found


async def _load(session: AsyncSession, model: Any, columns: list[str], rows: list[tuple]) -> None:  # type: ignore[type-arg]
    """COPY on PostgreSQL (in chunks), batched inserts elsewhere."""
    table = model.__table__
    connection = await session.connection()
    if connection.dialect.name == "postgresql":
        raw = await connection.get_raw_connection()
        driver = raw.driver_connection
        assert driver is not None
        for start in range(0, len(rows), COPY_CHUNK):
            await driver.copy_records_to_table(
                table.name, records=rows[start : start + COPY_CHUNK], columns=columns
            )
        # Ids were given here: move the sequence past them.
        await session.execute(
            sa.text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "  # noqa: S608
                f"(SELECT max(id) FROM {table.name}))"
            )
        )
    else:
        await insert_rows(session, model, [dict(zip(columns, row, strict=True)) for row in rows])


async def load_province_work(
    db: Database, city: DemoCity, actor: Actor, *, year: int, today: date, seed: int = 3373
) -> ProvinceReport:
    """Open ``year`` (monthly) and load set SKPs with realisasi up to the month before ``today``."""
    started = time.perf_counter()
    rng = random.Random(seed)
    now = datetime.combine(today, datetime.min.time(), UTC)
    periods = build_periods(year, Cadence.BULANAN, DUE_DAYS)
    ended = [p for p in periods if p.end < today]
    assessors = DemoAssessors(city.positions, city.employees, city.overrides)
    positions = {p.key: p for p in city.positions}
    unit_names = {u.code: u.name for u in city.units}
    async with db.write() as session:
        year_id = (
            await session.execute(
                sa.insert(AppraisalYear)
                .values(
                    year=year,
                    cadence=Cadence.BULANAN,
                    plan_deadline=date(year, 1, 31),
                    realization_due_days=DUE_DAYS,
                    status=YearStatus.DIBUKA,
                    version=1,
                    created_at=now,
                    updated_at=now,
                )
                .returning(AppraisalYear.id)
            )
        ).scalar_one()
        period_ids = []
        for spec in periods:
            period_ids.append(
                (
                    await session.execute(
                        sa.insert(AppraisalPeriod)
                        .values(
                            year_id=year_id,
                            number=spec.number,
                            start_date=spec.start,
                            end_date=spec.end,
                            realization_due=spec.realization_due,
                        )
                        .returning(AppraisalPeriod.id)
                    )
                ).scalar_one()
            )
        employee_ids = dict((await session.execute(sa.select(Employee.nip, Employee.id))).all())
        ids = await _next_ids(session, (PerformancePlan, WorkResult, Indicator, Realization))
        plans: list[tuple] = []  # type: ignore[type-arg]
        work_results: list[tuple] = []  # type: ignore[type-arg]
        indicators: list[tuple] = []  # type: ignore[type-arg]
        realizations: list[tuple] = []  # type: ignore[type-arg]
        approved = datetime(year, 1, 25, 3, 0, tzinfo=UTC)
        for employee in city.employees:
            if employee.position_key is None:
                continue
            assessor = assessors.assessor_of(employee.nip)
            if assessor is None:
                continue
            position = positions[employee.position_key]
            bank = _bank(position.name, position.kind, unit_names[position.unit_code])
            plan_id = ids[PerformancePlan]
            ids[PerformancePlan] += 1
            plans.append(
                (
                    plan_id, employee_ids[employee.nip], year_id, Approach.KUANTITATIF.value,
                    PlanStatus.DITETAPKAN.value, employee_ids[assessor.nip], 0,
                    approved - timedelta(days=5), approved, 1, now, now,
                )
            )  # fmt: skip
            for ordinal, template in enumerate(bank[:RHK_PER_PLAN], start=1):
                wr_id = ids[WorkResult]
                ids[WorkResult] += 1
                work_results.append(
                    (wr_id, plan_id, WorkResultKind.UTAMA.value, template.text, ordinal, now, now)
                )
                activity = activity_of(template.text)
                for iki_ordinal, iki in enumerate(template.indicators, start=1):
                    iki_id = ids[Indicator]
                    ids[Indicator] += 1
                    indicators.append(
                        (
                            iki_id, wr_id, iki.aspect.value, iki.text, iki.target, iki.unit,
                            iki_ordinal, now, now,
                        )
                    )  # fmt: skip
                    monthly = iki.target / 12
                    for spec, period_id in zip(ended, period_ids, strict=False):
                        last = spec is ended[-1]
                        value = (monthly * Decimal(rng.uniform(0.8, 1.2))).quantize(Decimal("0.01"))
                        done = datetime.combine(spec.end, datetime.min.time(), UTC)
                        realizations.append(
                            (
                                ids[Realization], iki_id, period_id, value,
                                f"{activity} bulan {spec.number}",
                                (RealizationStatus.USULAN if last else RealizationStatus.DIKONFIRMASI).value,
                                None if last else done + timedelta(days=3), 1, done, done,
                            )
                        )  # fmt: skip
                        ids[Realization] += 1
        await _load(
            session,
            PerformancePlan,
            ["id", "employee_id", "year_id", "approach", "status", "assessor_employee_id",
             "revision", "submitted_at", "approved_at", "version", "created_at", "updated_at"],
            plans,
        )  # fmt: skip
        await _load(
            session,
            WorkResult,
            ["id", "plan_id", "kind", "text", "ordinal", "created_at", "updated_at"],
            work_results,
        )
        await _load(
            session,
            Indicator,
            ["id", "work_result_id", "aspect", "text", "target_value", "target_unit", "ordinal",
             "created_at", "updated_at"],
            indicators,
        )  # fmt: skip
        await _load(
            session,
            Realization,
            ["id", "indicator_id", "period_id", "value", "description", "status", "confirmed_at",
             "version", "created_at", "updated_at"],
            realizations,
        )  # fmt: skip
        if not db.is_sqlite:
            # Statistics of the rows just copied (this transaction's own rows count): without
            # them the planner takes the tables for empty and the tally's INSERT…SELECT below
            # runs nested loops over a million realisasi (past the statement timeout at 20 000).
            await session.execute(
                sa.text("ANALYZE performance_plan, work_result, indicator, realization")
            )
        await refresh_tally(session, year_id=year_id)  # one INSERT…SELECT after the bulk rows
        report = ProvinceReport(
            year, len(plans), len(work_results), len(indicators), len(realizations), 0.0
        )
        await record_event(
            session,
            actor,
            AuditAction.DEMO_PROVINCE_SEED,
            "database",
            None,
            after={
                "synthetic": True,
                "year": year,
                "plans": report.plans,
                "work_results": report.work_results,
                "indicators": report.indicators,
                "realizations": report.realizations,
            },
        )
    if not db.is_sqlite:  # fresh statistics, as autovacuum would give them a little later
        async with db.engine.begin() as conn:
            await conn.execute(sa.text("ANALYZE"))
    return ProvinceReport(
        report.year,
        report.plans,
        report.work_results,
        report.indicators,
        report.realizations,
        time.perf_counter() - started,
    )
