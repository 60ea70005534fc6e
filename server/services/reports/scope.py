"""What a report covers (a year, optionally one period, optionally a unit's subtree) and who may
read it: BKPSDM and auditors everything, a unit's pengelola kinerja their own subtree."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server import clock
from server.db.models import AppraisalPeriod, AppraisalYear, Unit
from server.domain.enums import Cadence, Role
from server.domain.planning import period_label
from server.services.actor import Actor
from server.services.errors import ErrorCode, ServiceError, forbidden
from server.services.organisation.directory import UnitTree, load_unit_tree


def last_instant_of(day: date) -> datetime:
    """The last instant of the local ``day``: a realisasi confirmed then is still on time."""
    return clock.end_of(day) - timedelta(microseconds=1)


def percent(part: int, whole: int) -> Decimal | None:
    """A share with one decimal (half up); None when there is nothing to count."""
    if whole == 0:
        return None
    return (Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass(frozen=True)
class ReportScope:
    """A year, and either one of its periods or the whole year, seen from a set of units."""

    year: int
    year_id: int
    cadence: Cadence
    period_number: int | None
    periods: Sequence[AppraisalPeriod]  # the periods covered, in order
    units: Sequence[Unit]  # the units the report lists (reach ∩ filter), by code
    tree: UnitTree
    codes: dict[int, str]  # every unit's code, for parent links that leave the reach
    reach: frozenset[int] | None = None  # the ids of ``units``; None: every unit

    @property
    def start(self) -> date:
        return self.periods[0].start_date if self.period_number else date(self.year, 1, 1)

    @property
    def end(self) -> date:
        return self.periods[-1].end_date if self.period_number else date(self.year, 12, 31)

    def label_of(self, period: AppraisalPeriod | None) -> str:
        if period is None:
            return f"Tahunan {self.year}"
        return f"{period_label(self.cadence, period.number)} {self.year}"


def require_report_reader(actor: Actor) -> None:
    """Coarse gate: BKPSDM, auditors, and unit managers (narrowed to their subtree later)."""
    if actor.sees_everything or (actor.has(Role.UNIT_MANAGER) and actor.managed_unit_id):
        return
    raise forbidden(
        "Hanya Admin BKPSDM, auditor dan pengelola kinerja unit yang boleh melihat laporan."
    )


async def resolve_report_scope(
    session: AsyncSession,
    actor: Actor,
    *,
    year: int,
    period_number: int | None,
    unit_code: str | None,
) -> ReportScope:
    """Four statements: year, periods, unit tree, units."""
    require_report_reader(actor)
    year_row = await session.scalar(sa.select(AppraisalYear).where(AppraisalYear.year == year))
    if year_row is None:
        raise ServiceError(ErrorCode.NOT_FOUND, f"Tahun penilaian {year} belum dibuka.", "year")
    periods = (
        await session.scalars(
            sa.select(AppraisalPeriod)
            .where(AppraisalPeriod.year_id == year_row.id)
            .order_by(AppraisalPeriod.number)
        )
    ).all()
    if period_number is not None:
        periods = [p for p in periods if p.number == period_number]
        if not periods:
            raise ServiceError(
                ErrorCode.NOT_FOUND,
                f"Periode {period_number} tidak ada pada tahun {year}.",
                "periodNumber",
            )
    tree = await load_unit_tree(session)
    units = (await session.scalars(sa.select(Unit).order_by(Unit.code))).all()
    by_code = {u.code: u for u in units}
    reach: set[int] | None = None  # None: every unit
    if not actor.sees_everything:
        assert actor.managed_unit_id is not None  # require_report_reader
        reach = tree.subtree(actor.managed_unit_id)
    if unit_code is not None:
        chosen = by_code.get(unit_code.strip())
        if chosen is None:
            raise ServiceError(ErrorCode.NOT_FOUND, "Unit kerja tidak ditemukan.", "unitCode")
        if reach is not None and chosen.id not in reach:
            raise forbidden("Unit ini di luar unit yang Anda kelola.")
        reach = tree.subtree(chosen.id)
    return ReportScope(
        year=year,
        year_id=year_row.id,
        cadence=year_row.cadence,
        period_number=period_number,
        periods=list(periods),
        units=[u for u in units if reach is None or u.id in reach],
        tree=tree,
        codes={u.id: u.code for u in units},
        reach=None if reach is None else frozenset(reach),
    )


def unit_alive(unit: Unit, start: date, end: date) -> bool:
    """The unit existed for at least a day of [start, end]."""
    return unit.valid_from <= end and (unit.valid_until is None or unit.valid_until >= start)
