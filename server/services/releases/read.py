"""What the public API and the downloads read: the release tables only, nothing else.

A release never changes once written, so its loaded snapshot is kept in memory for as long as
the process lives (per database, a few at most).
"""

from __future__ import annotations

import weakref
from collections import OrderedDict, defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server.db.engine import Database
from server.db.models import (
    Release,
    ReleaseDistribution,
    ReleaseFollowUp,
    ReleaseIkmUnsur,
    ReleaseService,
    ReleaseUnit,
)

SNAPSHOTS_KEPT = 8
_generation = 0
PublishedListener = Callable[[], Awaitable[object]]
_listeners: list[PublishedListener] = []


def on_release_published(listener: PublishedListener) -> Callable[[], None]:
    """Call ``listener`` after every publication in this process (the app announces it to the
    other processes through Redis); returns the function that removes it again."""
    _listeners.append(listener)
    return lambda: _listeners.remove(listener)


async def note_release_published() -> None:
    """Tell this process's caches, and the listeners, that a release was just published here
    (after its transaction committed)."""
    global _generation
    _generation += 1
    for listener in list(_listeners):
        await listener()


def local_generation() -> int:
    return _generation


@dataclass(frozen=True)
class ReleaseInfo:
    number: int
    period_code: str
    year: int
    period_start: date
    period_end: date
    methodology_version: str
    headcount_threshold: int
    distribution_threshold: int
    licence: str
    licence_url: str
    published_at: datetime
    supersedes_number: int | None
    superseded_by_number: int | None
    provisional: bool = False
    note: str | None = None  # public: e.g. the reason of a correction
    audit_report: dict[str, object] | None = None  # None: published before the audit


@dataclass(frozen=True)
class UnsurFigure:
    unsur: str
    nrr: Decimal | None
    nrr_status: str | None
    answers: int


@dataclass(frozen=True)
class DistributionFigure:
    category: str
    count: int | None
    count_status: str | None


@dataclass(frozen=True)
class FollowUpFigure:
    unit_code: str
    year: int
    unsur: str | None
    action: str
    target_date: date | None
    done: bool


@dataclass(frozen=True)
class IkmFigures:
    survey_responses: int
    ikm: Decimal | None
    ikm_converted: Decimal | None
    ikm_band: str | None
    ikm_status: str | None
    service_population: int | None
    required_sample: int | None
    sample_sufficient: bool | None
    unsur: tuple[UnsurFigure, ...]


@dataclass(frozen=True)
class UnitFigures:
    release_number: int
    period_code: str
    scope: str
    code: str | None
    name: str
    kind: str | None
    parent_code: str | None
    depth: int
    headcount: int | None
    headcount_status: str | None
    direct_headcount: int | None
    direct_headcount_status: str | None
    skp_coverage_pct: Decimal | None
    skp_coverage_pct_status: str | None
    realization_on_time_pct: Decimal | None
    realization_on_time_pct_status: str | None
    evaluation_completion_pct: Decimal | None
    evaluation_completion_pct_status: str | None
    org_performance: str | None
    org_performance_status: str | None
    objections_filed: int | None
    objections_filed_status: str | None
    objections_upheld: int | None
    objections_upheld_status: str | None
    objections_rejected: int | None
    objections_rejected_status: str | None
    objections_pending: int | None
    objections_pending_status: str | None
    distribution_status: str | None
    distribution: tuple[DistributionFigure, ...]
    survey: IkmFigures
    follow_ups: tuple[FollowUpFigure, ...]


@dataclass(frozen=True)
class ServiceFigures:
    release_number: int
    code: str
    name: str
    unit_code: str
    survey: IkmFigures


@dataclass(frozen=True)
class ReleaseSnapshot:
    info: ReleaseInfo
    city: UnitFigures
    units: tuple[UnitFigures, ...]  # parents before children, siblings by code
    services: tuple[ServiceFigures, ...]
    follow_ups: tuple[FollowUpFigure, ...]

    def unit(self, code: str) -> UnitFigures | None:
        return next((u for u in self.units if u.code == code), None)


_cache: weakref.WeakKeyDictionary[Database, OrderedDict[int, ReleaseSnapshot]] = (
    weakref.WeakKeyDictionary()
)


def _info(r: Release, superseded_by: int | None) -> ReleaseInfo:
    return ReleaseInfo(
        number=r.number,
        period_code=r.period_code,
        year=r.year,
        period_start=r.period_start,
        period_end=r.period_end,
        methodology_version=r.methodology_version,
        headcount_threshold=r.headcount_threshold,
        distribution_threshold=r.distribution_threshold,
        licence=r.licence,
        licence_url=r.licence_url,
        published_at=r.published_at,
        supersedes_number=r.supersedes_number,
        superseded_by_number=superseded_by,
        provisional=r.provisional,
        note=r.note,
        audit_report=r.audit_report,
    )


async def list_releases(db: Database) -> list[ReleaseInfo]:
    """Every release, newest first, each knowing whether a later one replaced it."""
    async with db.read() as session:
        rows = list(await session.scalars(sa.select(Release).order_by(Release.number)))
    replaced: dict[int, int] = {}
    for r in rows:
        if r.supersedes_number is not None:
            replaced[r.supersedes_number] = r.number
    return [_info(r, replaced.get(r.number)) for r in reversed(rows)]


def latest_of(releases: list[ReleaseInfo]) -> ReleaseInfo | None:
    """The current release of the newest period: not the last published (a correction of
    last year, or a release of 2028 refused since, must not become "latest"). Newest period =
    latest end, then latest start (a semester over the year that ends with it)."""
    current = [r for r in releases if r.superseded_by_number is None]
    if not current:
        return None
    return max(current, key=lambda r: (r.period_end, r.period_start, r.number))


async def latest_release_number(db: Database) -> int | None:
    found = latest_of(await list_releases(db))
    return None if found is None else found.number


def granularity(period_code: str) -> str:
    """YEAR, SEMESTER, QUARTER, MONTH or RANGE: one per time series, never mixed."""
    if ".." in period_code:
        return "RANGE"
    if "-" not in period_code:
        return "YEAR"
    return {"S": "SEMESTER", "Q": "QUARTER", "M": "MONTH"}[period_code.split("-")[1][0]]


async def load_release(db: Database, number: int) -> ReleaseSnapshot | None:
    kept = _cache.setdefault(db, OrderedDict())
    if number in kept:
        kept.move_to_end(number)
        return kept[number]
    snapshot = await _load(db, number)
    if snapshot is not None:
        kept[number] = snapshot
        while len(kept) > SNAPSHOTS_KEPT:
            kept.popitem(last=False)
    return snapshot


def _ikm(row: ReleaseUnit | ReleaseService, unsur: tuple[UnsurFigure, ...]) -> IkmFigures:
    return IkmFigures(
        survey_responses=row.survey_responses,
        ikm=row.ikm,
        ikm_converted=row.ikm_converted,
        ikm_band=row.ikm_band,
        ikm_status=row.ikm_status,
        service_population=row.service_population,
        required_sample=row.required_sample,
        sample_sufficient=row.sample_sufficient,
        unsur=unsur,
    )


async def _load(db: Database, number: int) -> ReleaseSnapshot | None:
    async with db.read() as session:
        return await snapshot_in(session, number)


async def snapshot_in(session: AsyncSession, number: int) -> ReleaseSnapshot | None:
    """Release ``number`` as seen by ``session``: publication renders its files with this
    inside its own transaction, before the rows are committed."""
    release = (await session.scalars(sa.select(Release).where(Release.number == number))).first()
    if release is None:
        return None
    later = (
        await session.scalars(sa.select(Release.number).where(Release.supersedes_number == number))
    ).first()
    rid = release.id
    units = list(
        await session.scalars(
            sa.select(ReleaseUnit).where(ReleaseUnit.release_id == rid).order_by(ReleaseUnit.id)
        )
    )
    dist = list(
        await session.scalars(
            sa.select(ReleaseDistribution)
            .where(ReleaseDistribution.release_id == rid)
            .order_by(ReleaseDistribution.id)
        )
    )
    services = list(
        await session.scalars(
            sa.select(ReleaseService)
            .where(ReleaseService.release_id == rid)
            .order_by(ReleaseService.service_code)
        )
    )
    unsur = list(
        await session.scalars(
            sa.select(ReleaseIkmUnsur)
            .where(ReleaseIkmUnsur.release_id == rid)
            .order_by(ReleaseIkmUnsur.id)
        )
    )
    follow = list(
        await session.scalars(
            sa.select(ReleaseFollowUp)
            .where(ReleaseFollowUp.release_id == rid)
            .order_by(ReleaseFollowUp.id)
        )
    )
    dist_by: dict[str | None, list[DistributionFigure]] = defaultdict(list)
    for d in dist:
        dist_by[d.unit_code].append(DistributionFigure(d.category, d.count, d.count_status))
    unsur_by: dict[tuple[str, str | None], list[UnsurFigure]] = defaultdict(list)
    for n in unsur:
        unsur_by[(n.scope, n.scope_code)].append(
            UnsurFigure(n.unsur, n.nrr, n.nrr_status, n.answers)
        )
    follow_ups = tuple(
        FollowUpFigure(f.unit_code, f.year, f.unsur, f.action, f.target_date, f.done)
        for f in follow
    )
    follow_by: dict[str, list[FollowUpFigure]] = defaultdict(list)
    for f in follow_ups:
        follow_by[f.unit_code].append(f)
    figures = [
        UnitFigures(
            release_number=number,
            period_code=release.period_code,
            scope=u.scope,
            code=u.unit_code,
            name=u.unit_name,
            kind=u.unit_kind,
            parent_code=u.parent_code,
            depth=u.depth,
            headcount=u.headcount,
            headcount_status=u.headcount_status,
            direct_headcount=u.direct_headcount,
            direct_headcount_status=u.direct_headcount_status,
            skp_coverage_pct=u.skp_coverage_pct,
            skp_coverage_pct_status=u.skp_coverage_pct_status,
            realization_on_time_pct=u.realization_on_time_pct,
            realization_on_time_pct_status=u.realization_on_time_pct_status,
            evaluation_completion_pct=u.evaluation_completion_pct,
            evaluation_completion_pct_status=u.evaluation_completion_pct_status,
            org_performance=u.org_performance,
            org_performance_status=u.org_performance_status,
            objections_filed=u.objections_filed,
            objections_filed_status=u.objections_filed_status,
            objections_upheld=u.objections_upheld,
            objections_upheld_status=u.objections_upheld_status,
            objections_rejected=u.objections_rejected,
            objections_rejected_status=u.objections_rejected_status,
            objections_pending=u.objections_pending,
            objections_pending_status=u.objections_pending_status,
            distribution_status=u.distribution_status,
            distribution=tuple(dist_by.get(u.unit_code, ())),
            survey=_ikm(u, tuple(unsur_by.get((u.scope, u.unit_code), ()))),
            follow_ups=tuple(follow_by.get(u.unit_code or "", ())),
        )
        for u in units
    ]
    city = next(f for f in figures if f.scope == "CITY")
    return ReleaseSnapshot(
        info=_info(release, later),
        city=city,
        units=tuple(f for f in figures if f.scope == "UNIT"),
        services=tuple(
            ServiceFigures(
                number,
                s.service_code,
                s.service_name,
                s.unit_code,
                _ikm(s, tuple(unsur_by.get(("SERVICE", s.service_code), ()))),
            )
            for s in services
        ),
        follow_ups=follow_ups,
    )


async def unit_series(db: Database, code: str) -> list[UnitFigures]:
    """One unit across every release that contains it, oldest first."""
    async with db.read() as session:
        numbers = list(
            await session.scalars(
                sa.select(Release.number)
                .join(ReleaseUnit, ReleaseUnit.release_id == Release.id)
                .where(ReleaseUnit.unit_code == code, ReleaseUnit.scope == "UNIT")
                .order_by(Release.number)
            )
        )
    series: list[UnitFigures] = []
    for n in numbers:
        snapshot = await load_release(db, n)
        figure = snapshot.unit(code) if snapshot else None
        if figure is not None:
            series.append(figure)
    return series
