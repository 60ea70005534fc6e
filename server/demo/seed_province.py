"""A province-sized synthetic instansi (100 000 pegawai and more) with a year of monthly realisasi.

The organisation and people come from the demo city generator (``server.demo``) at the size
asked for, loaded by :func:`server.demo.seed.load_demo_city`. The year of work is
leaner than the city demo's (no work log, evidence files or feedback): every pegawai with a
Pejabat Penilai has a set SKP (the RHK and IKI texts of their jabatan from the demo's text
banks), and every IKI has a realisasi for each month that has ended, the last one still a
proposal (USULAN) so the inboxes have work in them. The year before is closed and evaluated
(Triwulan cadence, as the demo city's last year): the same pegawai have a set SKP with four
periodic evaluations and the annual one, set or acknowledged, predicates spread as the demo
city's, so calibration and the distribution report read a full year of predicates. Rows get their ids here and go in with
PostgreSQL's COPY (asyncpg) in chunks, or batched inserts on SQLite; one audit event records
the load. For benchmarks and load tests: it is not the demo a person looks at.
"""

from __future__ import annotations

import json
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
from server.db.evaluation_count import refresh_evaluation_count
from server.db.models import (
    Employee,
    Evaluation,
    Indicator,
    PerformancePlan,
    Realization,
    Unit,
    WorkResult,
)
from server.db.tally import refresh_tally
from server.demo import DemoCity
from server.demo.assessors import DemoAssessors
from server.demo.bulk import insert_rows
from server.demo.evaluations import CELLS, PREDICATE_WEIGHTS, SELF_ASSESSMENT_SHARE, SPECTRUM
from server.demo.performance_texts import (
    RhkTemplate,
    activity_of,
    fungsional_bank,
    pelaksana_bank,
    structural_bank,
)
from server.demo.skp_rows import insert_year
from server.domain.audit_actions import AuditAction
from server.domain.enums import (
    Approach,
    Cadence,
    EvaluationKind,
    EvaluationStatus,
    OrgPredicate,
    PlanStatus,
    PositionKind,
    Predicate,
    Rating,
    RealizationStatus,
    UnitKind,
    WorkResultKind,
    YearStatus,
)
from server.domain.evaluation import matrix_on
from server.domain.planning import PeriodSpec, build_periods
from server.services.actor import Actor
from server.services.audit import record_event

COPY_CHUNK = 50_000
RHK_PER_PLAN = 2
DUE_DAYS = 10
QUARTER_SAME = 0.7  # a quarter's ratings are the year's, else drawn afresh
ACKNOWLEDGED_SHARE = 0.8  # DITERIMA; the rest are still DITETAPKAN
FILING_DAYS = 14
PLAN_COLUMNS = [
    "id", "employee_id", "year_id", "approach", "status", "assessor_employee_id", "revision",
    "submitted_at", "approved_at", "version", "created_at", "updated_at",
]  # fmt: skip


@dataclass(frozen=True)
class ProvinceReport:
    year: int
    plans: int
    work_results: int
    indicators: int
    realizations: int
    evaluations: int
    seconds: float


@dataclass(frozen=True)
class _Json:
    value: dict[str, Any]
    text: str


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
    """COPY on PostgreSQL (in chunks), batched inserts elsewhere.

    A JSON column's value is a :class:`_Json` (the object and its text): COPY takes the text,
    the Core insert the object.
    """
    table = model.__table__
    connection = await session.connection()
    if connection.dialect.name == "postgresql":
        rows = [tuple(v.text if isinstance(v, _Json) else v for v in row) for row in rows]
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
        await insert_rows(
            session,
            model,
            [
                {
                    c: v.value if isinstance(v, _Json) else v
                    for c, v in zip(columns, row, strict=True)
                }
                for row in rows
            ],
        )


@dataclass(frozen=True)
class _Year:
    """A Periode Penilaian as :func:`server.demo.skp_rows.insert_year` takes it."""

    year: int
    cadence: Cadence
    periods: tuple[PeriodSpec, ...]
    realization_due_days: int = DUE_DAYS

    @property
    def plan_deadline(self) -> date:
        return date(self.year, 1, 31)


async def _insert_year(
    session: AsyncSession,
    year: int,
    cadence: Cadence,
    periods: Sequence[PeriodSpec],
    now: datetime,
    *,
    closed_at: datetime | None = None,
) -> tuple[int, list[int]]:
    """One Periode Penilaian and its periods (evaluated when closed); their ids in the order
    of ``periods``."""
    year_id, by_number = await insert_year(
        session,
        _Year(year, cadence, tuple(periods)),
        status=YearStatus.DIBUKA if closed_at is None else YearStatus.DITUTUP,
        closed_at=closed_at,
        evaluated_at=[closed_at] * len(periods),
        now=now,
    )
    return year_id, [by_number[p.number] for p in periods]


def _cell(rng: random.Random, predicate: Predicate) -> tuple[Rating, Rating]:
    options = CELLS[predicate]
    return rng.choices([c for c, _ in options], [w for _, w in options])[0]


def _draw(rng: random.Random) -> tuple[Rating, Rating]:
    """(Rating Hasil Kerja, Rating Perilaku Kerja) of one pegawai, as the demo city spreads them."""
    return _cell(rng, rng.choices(SPECTRUM, PREDICATE_WEIGHTS[OrgPredicate.BAIK])[0])


async def _load_evaluated_year(
    session: AsyncSession,
    rated: Sequence[tuple[int, int, int]],
    ids: dict[Any, int],
    rng: random.Random,
    year: int,
    now: datetime,
) -> tuple[int, int]:
    """Last year, closed and evaluated: a set SKP for each (pegawai, assessor, unit) of
    ``rated`` with four Triwulan evaluations and the annual one, all set (most acknowledged),
    the predicates spread as the demo city's. Returns (SKPs, evaluations)."""
    periods = build_periods(year, Cadence.TRIWULAN, DUE_DAYS)
    closed = datetime(year + 1, 1, 15, 3, 0, tzinfo=UTC)
    year_id, period_ids = await _insert_year(
        session, year, Cadence.TRIWULAN, periods, now, closed_at=closed
    )
    approved = datetime(year, 1, 25, 3, 0, tzinfo=UTC)
    plans: list[tuple] = []  # type: ignore[type-arg]
    evaluations: list[tuple] = []  # type: ignore[type-arg]
    ends = [datetime.combine(p.end, datetime.min.time(), UTC) for p in periods]
    ends.append(datetime(year, 12, 31, tzinfo=UTC))  # the annual one, after the fourth quarter
    matrix = matrix_on(periods[-1].end)
    for employee_id, assessor_id, unit_id in rated:
        plan_id = ids[PerformancePlan]
        ids[PerformancePlan] += 1
        plans.append(
            (
                plan_id, employee_id, year_id, Approach.KUANTITATIF.value,
                PlanStatus.DITETAPKAN.value, assessor_id, 0, approved - timedelta(days=5),
                approved, 1, approved, approved,
            )
        )  # fmt: skip
        # The pegawai's unit as the evaluation sheet fixes it (Evaluation.rated_unit_id
        # is the copy of pegawai.unit_id the reports group by).
        snapshot = {"pegawai": {"employee_id": employee_id, "unit_id": unit_id}}
        identity = _Json(snapshot, json.dumps(snapshot))
        yearly = _draw(rng)
        for number, ended in enumerate(ends, start=1):
            annual = number == len(ends)
            result, behavior = yearly if annual or rng.random() < QUARTER_SAME else _draw(rng)
            own = _draw(rng) if rng.random() < SELF_ASSESSMENT_SHARE else (None, None)
            finalised = ended + timedelta(days=rng.randint(3, 12))
            acknowledged = (
                finalised + timedelta(days=2) if rng.random() < ACKNOWLEDGED_SHARE else None
            )
            evaluations.append(
                (
                    ids[Evaluation], plan_id,
                    (EvaluationKind.TAHUNAN if annual else EvaluationKind.PERIODIK).value,
                    None if annual else period_ids[number - 1],
                    (EvaluationStatus.DITETAPKAN if acknowledged is None
                     else EvaluationStatus.DITERIMA).value,
                    assessor_id, own[0] and own[0].value, own[1] and own[1].value,
                    result.value, result.value, behavior.value, behavior.value,
                    matrix.predicate(result, behavior).value, identity, unit_id, finalised,
                    finalised.date() + timedelta(days=FILING_DAYS), acknowledged, 1,
                    ended, finalised,
                )
            )  # fmt: skip
            ids[Evaluation] += 1
    await _load(session, PerformancePlan, PLAN_COLUMNS, plans)
    await _load(
        session,
        Evaluation,
        ["id", "plan_id", "kind", "period_id", "status", "assessor_employee_id",
         "self_result_rating", "self_behavior_rating", "proposed_result_rating", "result_rating",
         "proposed_behavior_rating", "behavior_rating", "predicate", "identity_snapshot",
         "rated_unit_id", "finalised_at", "objection_filing_deadline", "acknowledged_at",
         "version", "created_at", "updated_at"],
        evaluations,
    )  # fmt: skip
    return len(plans), len(evaluations)


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
        year_id, period_ids = await _insert_year(session, year, Cadence.BULANAN, periods, now)
        employee_ids = dict((await session.execute(sa.select(Employee.nip, Employee.id))).all())
        unit_ids = dict((await session.execute(sa.select(Unit.code, Unit.id))).all())
        ids = await _next_ids(
            session, (PerformancePlan, WorkResult, Indicator, Realization, Evaluation)
        )
        rated: list[tuple[int, int, int]] = []  # (pegawai, assessor, unit) for last year
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
            rated.append(
                (
                    employee_ids[employee.nip],
                    employee_ids[assessor.nip],
                    unit_ids[position.unit_code],
                )
            )
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
        await _load(session, PerformancePlan, PLAN_COLUMNS, plans)
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
        _, evaluations = await _load_evaluated_year(session, rated, ids, rng, year - 1, now)
        if not db.is_sqlite:
            # Statistics of the rows just copied (this transaction's own rows count): without
            # them the planner takes the tables for empty and the tally's INSERT…SELECT below
            # runs nested loops over a million realisasi (past the statement timeout at 20 000).
            await session.execute(
                sa.text("ANALYZE performance_plan, work_result, indicator, realization, evaluation")
            )
        await refresh_tally(session, year_id=year_id)  # one INSERT…SELECT after the bulk rows
        # The evaluated year is last year: every year is recounted (one INSERT…SELECT).
        await refresh_evaluation_count(session)
        report = ProvinceReport(
            year,
            len(plans),
            len(work_results),
            len(indicators),
            len(realizations),
            evaluations,
            0.0,
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
                "evaluations": report.evaluations,
            },
        )
    await db.refresh_statistics()  # as autovacuum would give them a little later
    return ProvinceReport(
        report.year,
        report.plans,
        report.work_results,
        report.indicators,
        report.realizations,
        report.evaluations,
        time.perf_counter() - started,
    )
