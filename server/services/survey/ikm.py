"""IKM (Indeks Kepuasan Masyarakat) per service, unit (with its subtree) and the whole instansi.

The database does the counting: one grouped statement returns, per service and month, the
number of answers and the sum and count of valid answers per unsur. Those are additive, so
units and the instansi are rolled up in Python from the same rows, and the exact arithmetic
(exact 1/9 weights, ×25, bands) is ``server.domain.ikm``'s. A unit's IKM pools the answers of
all services in its subtree. The statement count does not depend on the number of answers.

The Krejcie–Morgan required sample uses the user counts the unit entered for the months of the
period (the population N). The result is always given; ``sample_sufficient`` only says whether
enough people answered (None when no user count was entered).

Periods are local calendar dates (server.clock), inclusive; timestamps are stored in UTC.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server import clock
from server.db.engine import Database
from server.db.models import PublicService, ServiceUserCount, SurveyResponse
from server.domain.ikm import BY_CODE, Band, Unsur, ikm_from_nrr, required_sample
from server.services.actor import Actor
from server.services.errors import forbidden, not_found
from server.services.organisation.directory import load_unit_tree
from server.services.survey.scope import readable_units, require_read
from server.services.validation import invalid

MAX_PERIOD_DAYS = 10 * 366


# --- periods ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """Inclusive range of local dates."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise invalid("period", "Akhir periode tidak boleh sebelum awalnya.")
        if (self.end - self.start).days > MAX_PERIOD_DAYS:
            raise invalid("period", "Periode paling panjang sepuluh tahun.")

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every calendar month the period touches, in order."""
        result: list[tuple[int, int]] = []
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            result.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return result


def _month_end(year: int, month: int) -> date:
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return following - timedelta(days=1)


def month_period(year: int, month: int) -> Period:
    if not 1 <= month <= 12:
        raise invalid("month", "Bulan harus antara 1 dan 12.")
    return Period(date(year, month, 1), _month_end(year, month))


def quarter_period(year: int, quarter: int) -> Period:
    if not 1 <= quarter <= 4:
        raise invalid("quarter", "Triwulan harus antara 1 dan 4.")
    first = 3 * (quarter - 1) + 1
    return Period(date(year, first, 1), _month_end(year, first + 2))


def semester_period(year: int, semester: int) -> Period:
    if semester not in (1, 2):
        raise invalid("semester", "Semester harus 1 atau 2.")
    first = 1 if semester == 1 else 7
    return Period(date(year, first, 1), _month_end(year, first + 5))


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31))


# --- results ---------------------------------------------------------------------------------


@dataclass
class Totals:
    """Additive counts: answers, and per unsur the sum and number of valid scores."""

    responses: int = 0
    sums: dict[Unsur, int] = field(default_factory=lambda: dict.fromkeys(Unsur, 0))
    counts: dict[Unsur, int] = field(default_factory=lambda: dict.fromkeys(Unsur, 0))

    def add(self, other: Totals) -> None:
        self.responses += other.responses
        for code in Unsur:
            self.sums[code] += other.sums[code]
            self.counts[code] += other.counts[code]

    def nrr(self) -> dict[Unsur, Fraction | None]:
        return {
            code: Fraction(self.sums[code], self.counts[code]) if self.counts[code] else None
            for code in Unsur
        }


@dataclass(frozen=True)
class UnsurValue:
    unsur: Unsur
    name: str
    answers: int  # valid answers for this unsur
    nrr: Fraction | None


@dataclass(frozen=True)
class TrendPoint:
    year: int
    month: int
    responses: int
    ikm: Fraction | None
    converted: Decimal | None
    band: Band | None


@dataclass(frozen=True)
class IkmSummary:
    """The IKM of one scope over one period (plain data: the release builder publishes it)."""

    period: Period
    responses: int
    unsur: tuple[UnsurValue, ...]
    ikm: Fraction | None  # Σ NRR × 1/9, exact; None unless every unsur has an answer
    converted: Decimal | None  # × 25, two decimals
    band: Band | None
    population: int | None  # Σ monthly user counts entered; None if none was entered
    required_sample: int | None
    sample_sufficient: bool | None
    trend: tuple[TrendPoint, ...] = ()

    @property
    def nrr(self) -> Mapping[Unsur, Fraction | None]:
        return {u.unsur: u.nrr for u in self.unsur}


def _summary(
    period: Period,
    totals: Totals,
    population: int | None,
    monthly: Mapping[tuple[int, int], Totals] | None = None,
) -> IkmSummary:
    result = ikm_from_nrr(totals.nrr(), totals.responses)
    required = None if population is None else required_sample(population)
    trend: list[TrendPoint] = []
    if monthly is not None:
        for year, month in period.months():
            m = monthly.get((year, month)) or Totals()
            r = ikm_from_nrr(m.nrr(), m.responses)
            trend.append(TrendPoint(year, month, m.responses, r.ikm, r.converted, r.band))
    return IkmSummary(
        period=period,
        responses=totals.responses,
        unsur=tuple(
            UnsurValue(code, BY_CODE[code].name, totals.counts[code], result.nrr[code])
            for code in Unsur
        ),
        ikm=result.ikm,
        converted=result.converted,
        band=result.band,
        population=population,
        required_sample=required,
        sample_sufficient=None if required is None else totals.responses >= required,
        trend=tuple(trend),
    )


# --- loading ---------------------------------------------------------------------------------


@dataclass
class _Loaded:
    """Per service: totals per month of the period, and the entered user counts."""

    by_month: dict[int, dict[tuple[int, int], Totals]] = field(default_factory=dict)
    population: dict[int, int] = field(default_factory=dict)

    def totals(self, service_ids: Iterable[int]) -> tuple[Totals, dict[tuple[int, int], Totals]]:
        total = Totals()
        monthly: dict[tuple[int, int], Totals] = {}
        for sid in service_ids:
            for key, t in self.by_month.get(sid, {}).items():
                total.add(t)
                monthly.setdefault(key, Totals()).add(t)
        return total, monthly

    def population_of(self, service_ids: Iterable[int]) -> int | None:
        known = [self.population[sid] for sid in service_ids if sid in self.population]
        return sum(known) if known else None


async def _load(
    session: AsyncSession, period: Period, service_ids: Sequence[int] | None
) -> _Loaded:
    months = period.months()
    # Month buckets as UTC instants of local month starts, clipped to the period.
    starts = [clock.start_of(max(period.start, date(y, m, 1))) for y, m in months]
    end = clock.end_of(period.end)
    # Bucket numbers are rendered inline: as parameters PostgreSQL could not type them.
    bucket: sa.ColumnElement[int] = sa.literal_column("0")
    if len(months) > 1:
        bucket = sa.case(
            *(
                (SurveyResponse.submitted_at < boundary, sa.literal_column(str(index)))
                for index, boundary in enumerate(starts[1:])
            ),
            else_=sa.literal_column(str(len(months) - 1)),
        )
    scores = [getattr(SurveyResponse, f"u{i}") for i in range(1, 10)]
    where = [SurveyResponse.submitted_at >= starts[0], SurveyResponse.submitted_at < end]
    if service_ids is not None:
        where.append(SurveyResponse.service_id.in_(service_ids))
    # Grouping by a parameterised CASE in place would repeat its parameters in GROUP BY, which
    # PostgreSQL cannot match to the SELECT list: bucket in a subquery, group outside.
    inner = (
        sa.select(SurveyResponse.service_id, bucket.label("bucket"), *scores).where(*where)
    ).subquery()
    agg: list[sa.ColumnElement[int]] = [sa.func.count()]
    for i in range(1, 10):
        col = inner.c[f"u{i}"]
        agg += [sa.func.coalesce(sa.func.sum(col), 0), sa.func.count(col)]
    stmt = sa.select(inner.c.service_id, inner.c.bucket, *agg).group_by(
        inner.c.service_id, inner.c.bucket
    )
    loaded = _Loaded()
    for row in (await session.execute(stmt)).all():
        sid, index, n = int(row[0]), int(row[1]), int(row[2])
        t = Totals(responses=n)
        for i, code in enumerate(Unsur):
            t.sums[code] = int(row[3 + 2 * i])
            t.counts[code] = int(row[4 + 2 * i])
        loaded.by_month.setdefault(sid, {})[months[index]] = t

    first, last = months[0], months[-1]
    month_key = ServiceUserCount.year * 12 + ServiceUserCount.month
    count_stmt = (
        sa.select(ServiceUserCount.service_id, sa.func.sum(ServiceUserCount.users))
        .where(month_key >= first[0] * 12 + first[1], month_key <= last[0] * 12 + last[1])
        .group_by(ServiceUserCount.service_id)
    )
    if service_ids is not None:
        count_stmt = count_stmt.where(ServiceUserCount.service_id.in_(service_ids))
    for sid, users in (await session.execute(count_stmt)).all():
        loaded.population[int(sid)] = int(users or 0)
    return loaded


async def _service_units(session: AsyncSession) -> dict[int, int]:
    rows = (await session.execute(sa.select(PublicService.id, PublicService.unit_id))).all()
    return {int(sid): int(uid) for sid, uid in rows}


# --- for the release builder (no actor: a system read) --------------------------------------


async def ikm_by_service(
    db: Database, start: date, end: date, *, with_trend: bool = False
) -> dict[int, IkmSummary]:
    """Every service's IKM over [start, end] (local dates, inclusive), keyed by service id."""
    period = Period(start, end)
    async with db.read() as session:
        units = await _service_units(session)
        loaded = await _load(session, period, None)
    result: dict[int, IkmSummary] = {}
    for sid in units:
        total, monthly = loaded.totals([sid])
        result[sid] = _summary(
            period, total, loaded.population_of([sid]), monthly if with_trend else None
        )
    return result


def _services_per_unit(
    service_units: Mapping[int, int], parent_of: Mapping[int, int | None], include_subtree: bool
) -> dict[int, list[int]]:
    per_unit: dict[int, list[int]] = {}
    for sid, uid in service_units.items():
        if not include_subtree:
            per_unit.setdefault(uid, []).append(sid)
            continue
        seen: set[int] = set()
        current: int | None = uid
        while current is not None and current not in seen:
            seen.add(current)
            per_unit.setdefault(current, []).append(sid)
            current = parent_of.get(current)
    return per_unit


async def ikm_by_unit(
    db: Database,
    start: date,
    end: date,
    *,
    include_subtree: bool = True,
    with_trend: bool = False,
) -> dict[int, IkmSummary]:
    """The IKM of every unit that has a service (in its subtree, by default), by unit id."""
    period = Period(start, end)
    async with db.read() as session:
        tree = await load_unit_tree(session)
        service_units = await _service_units(session)
        loaded = await _load(session, period, None)
    per_unit = _services_per_unit(service_units, tree.parent_of, include_subtree)
    result: dict[int, IkmSummary] = {}
    for uid, sids in per_unit.items():
        total, monthly = loaded.totals(sids)
        result[uid] = _summary(
            period, total, loaded.population_of(sids), monthly if with_trend else None
        )
    return result


async def ikm_instansi(
    db: Database, start: date, end: date, *, with_trend: bool = False
) -> IkmSummary:
    """The whole instansi: every answer to every service, pooled."""
    period = Period(start, end)
    async with db.read() as session:
        service_units = await _service_units(session)
        loaded = await _load(session, period, None)
    total, monthly = loaded.totals(service_units)
    return _summary(
        period, total, loaded.population_of(service_units), monthly if with_trend else None
    )


# --- for the internal API (scoped to the actor) --------------------------------------------


async def ikm_report(
    db: Database,
    actor: Actor,
    period: Period,
    *,
    service_id: int | None = None,
    unit_id: int | None = None,
) -> IkmSummary:
    """One scope's IKM with its monthly trend: a service, a unit's subtree, or (no id) the
    instansi, which only readers of every unit (BKPSDM, auditors) may ask for."""
    if service_id is not None and unit_id is not None:
        raise invalid("serviceId", "Isi salah satu: serviceId atau unitId.")
    async with db.read() as session:
        if service_id is not None:
            service = await session.get(PublicService, service_id)
            if service is None:
                raise not_found("Layanan")
            await require_read(session, actor, service.unit_id)
            sids = [service_id]
        else:
            service_units = await _service_units(session)
            if unit_id is not None:
                await require_read(session, actor, unit_id)
                subtree = (await load_unit_tree(session)).subtree(unit_id)
                sids = [sid for sid, uid in service_units.items() if uid in subtree]
            else:
                visible = await readable_units(session, actor)
                if visible is not None:
                    raise forbidden(
                        "IKM seluruh instansi hanya untuk Admin BKPSDM dan auditor; pilih unit Anda."
                    )
                sids = list(service_units)
        everything = service_id is None and unit_id is None
        loaded = await _load(session, period, None if everything else sids)
    total, monthly = loaded.totals(sids)
    return _summary(period, total, loaded.population_of(sids), monthly)
