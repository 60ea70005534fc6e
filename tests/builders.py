"""Shared test data builders (ORM, inside the caller's transaction)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from server import clock
from server.db.models import (
    AppraisalPeriod,
    AppraisalYear,
    Employee,
    Evidence,
    Indicator,
    Realization,
)
from server.domain.deadlines import DEFAULT_POLICY, ObjectionPolicy, filing_deadline
from server.domain.enums import (
    AsnType,
    Cadence,
    EmployeeStatus,
    EvidenceKind,
    Gender,
    IndicatorAspect,
    RealizationStatus,
    YearStatus,
)
from server.domain.nip import make_nip
from server.domain.planning import build_periods


def filing_deadline_of(
    finalised_at: datetime | None, policy: ObjectionPolicy = DEFAULT_POLICY
) -> date | None:
    """What finalising fixes on an evaluation set at ``finalised_at`` (None: not set yet)."""
    if finalised_at is None:
        return None
    return filing_deadline(clock.day_of(finalised_at), policy)


async def create_year(
    session: AsyncSession,
    year: int,
    *,
    cadence: Cadence = Cadence.BULANAN,
    realization_due_days: int = 5,
    status: YearStatus = YearStatus.DIBUKA,
) -> tuple[AppraisalYear, list[int]]:
    """A year with its periods; returns it with the period ids by number (index 0 = period 1)."""
    row = AppraisalYear(
        year=year,
        cadence=cadence,
        plan_deadline=date(year, 1, 31),
        realization_due_days=realization_due_days,
        status=status,
    )
    session.add(row)
    await session.flush()
    periods = [
        AppraisalPeriod(
            year_id=row.id,
            number=spec.number,
            start_date=spec.start,
            end_date=spec.end,
            realization_due=spec.realization_due,
        )
        for spec in build_periods(year, cadence, realization_due_days)
    ]
    session.add_all(periods)
    await session.flush()
    return row, [p.id for p in periods]


def numbered_employee(n: int, name: str) -> Employee:
    """The ``n``-th of a crowd of extra pegawai (PNS II/c, aktif, born 5 May 1990, NIP sequence
    ``n``), for tests that need many people; not yet added to a session."""
    return Employee(
        nip=make_nip(date(1990, 5, 5), date(2015, 3, 1), Gender.PEREMPUAN, n),
        name=name,
        asn_type=AsnType.PNS,
        golongan="II/c",
        gender=Gender.PEREMPUAN,
        birth_date=date(1990, 5, 5),
        status=EmployeeStatus.AKTIF,
    )


async def add_confirmed_realization(
    session: AsyncSession,
    indicator_id: int,
    period_id: int,
    value: Decimal,
    description: str,
    evidence_url: str,
) -> Realization:
    """A confirmed realisasi of one IKI and period with one link as evidence (titled "Foto")."""
    real = Realization(
        indicator_id=indicator_id,
        period_id=period_id,
        value=value,
        description=description,
        status=RealizationStatus.DIKONFIRMASI,
    )
    session.add(real)
    await session.flush()
    session.add(
        Evidence(realization_id=real.id, kind=EvidenceKind.LINK, url=evidence_url, title="Foto")
    )
    return real


async def add_archive_indicator(session: AsyncSession, work_result_id: int) -> Indicator:
    """The usual quantitative IKI of the fixtures: 12 dokumen of archive put in order."""
    iki = Indicator(
        work_result_id=work_result_id,
        aspect=IndicatorAspect.KUANTITAS,
        text="Jumlah arsip ditata",
        target_value=Decimal(12),
        target_unit="dokumen",
    )
    session.add(iki)
    await session.flush()
    return iki
