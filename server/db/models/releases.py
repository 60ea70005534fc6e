"""Published releases of the public data: immutable, numbered snapshots of aggregates only.

A release is written once, by ``services.releases.publish``, and never updated: a correction is
a new release. Every value here has already passed disclosure control; the raw small numbers
never reach these tables. A value column that may be withheld has a ``<column>_status`` beside
it holding why it is null (BELOW_THRESHOLD, COMPLEMENTARY, NOT_AVAILABLE); the status is null
when the value is published.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from server.db.base import Base, UtcDateTime

STATUS = sa.String(24)


class Release(Base):
    """Rilis data publik: one numbered, immutable snapshot for a period."""

    __tablename__ = "release"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(unique=True)
    period_code: Mapped[str] = mapped_column(sa.String(32), index=True)  # e.g. 2026-S1
    year: Mapped[int] = mapped_column()
    period_start: Mapped[date] = mapped_column(sa.Date)
    period_end: Mapped[date] = mapped_column(sa.Date)
    methodology_version: Mapped[str] = mapped_column(sa.String(16))
    headcount_threshold: Mapped[int] = mapped_column()
    distribution_threshold: Mapped[int] = mapped_column()
    licence: Mapped[str] = mapped_column(sa.String(120))
    licence_url: Mapped[str] = mapped_column(sa.String(500))
    published_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # Who published (an account login or "cli"): internal accountability, never served publicly.
    published_by: Mapped[str] = mapped_column(sa.String(100))
    published_by_account_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"))
    supersedes_number: Mapped[int | None] = mapped_column()
    note: Mapped[str | None] = mapped_column(sa.String(1000))
    # Published before the period ended or outside an opened appraisal year (migration 0021).
    provisional: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # The disclosure audit's report: cells withheld, cells it added, seconds (0021; NULL before).
    audit_report: Mapped[dict[str, object] | None] = mapped_column(sa.JSON)

    __table_args__ = (
        sa.CheckConstraint("number >= 1", name="number_positive"),
        sa.CheckConstraint("period_end >= period_start", name="period"),
    )


class ReleaseUnit(Base):
    """Aggregates of one unit (scope UNIT, totals include its sub-units) or of the city (CITY).

    Evaluation completion, the organisation predicate and objections are NOT_AVAILABLE until the
    evaluation issue provides their sources; the columns exist so it only has to fill them.
    """

    __tablename__ = "release_unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    release_id: Mapped[int] = mapped_column(sa.ForeignKey("release.id"), index=True)
    scope: Mapped[str] = mapped_column(sa.String(8))  # CITY or UNIT
    unit_code: Mapped[str | None] = mapped_column(sa.String(64))  # NULL for the city row
    unit_name: Mapped[str] = mapped_column(sa.String(200))
    unit_kind: Mapped[str | None] = mapped_column(sa.String(32))
    parent_code: Mapped[str | None] = mapped_column(sa.String(64))
    depth: Mapped[int] = mapped_column(default=0)
    headcount: Mapped[int | None] = mapped_column()
    headcount_status: Mapped[str | None] = mapped_column(STATUS)
    direct_headcount: Mapped[int | None] = mapped_column()  # staff of the unit itself
    direct_headcount_status: Mapped[str | None] = mapped_column(STATUS)
    skp_coverage_pct: Mapped[Decimal | None] = mapped_column(sa.Numeric(6, 2))
    skp_coverage_pct_status: Mapped[str | None] = mapped_column(STATUS)
    realization_on_time_pct: Mapped[Decimal | None] = mapped_column(sa.Numeric(6, 2))
    realization_on_time_pct_status: Mapped[str | None] = mapped_column(STATUS)
    evaluation_completion_pct: Mapped[Decimal | None] = mapped_column(sa.Numeric(6, 2))
    evaluation_completion_pct_status: Mapped[str | None] = mapped_column(STATUS)
    org_performance: Mapped[str | None] = mapped_column(sa.String(32))
    org_performance_status: Mapped[str | None] = mapped_column(STATUS)
    objections_filed: Mapped[int | None] = mapped_column()
    objections_filed_status: Mapped[str | None] = mapped_column(STATUS)
    # The outcome of each filer's latest keberatan: filed = upheld + rejected + pending.
    objections_upheld: Mapped[int | None] = mapped_column()
    objections_upheld_status: Mapped[str | None] = mapped_column(STATUS)
    objections_rejected: Mapped[int | None] = mapped_column()
    objections_rejected_status: Mapped[str | None] = mapped_column(STATUS)
    objections_pending: Mapped[int | None] = mapped_column()
    objections_pending_status: Mapped[str | None] = mapped_column(STATUS)
    distribution_status: Mapped[str | None] = mapped_column(STATUS)
    survey_responses: Mapped[int] = mapped_column(default=0)
    ikm: Mapped[Decimal | None] = mapped_column(sa.Numeric(8, 4))
    ikm_converted: Mapped[Decimal | None] = mapped_column(sa.Numeric(6, 2))
    ikm_band: Mapped[str | None] = mapped_column(sa.String(2))
    ikm_status: Mapped[str | None] = mapped_column(STATUS)
    service_population: Mapped[int | None] = mapped_column()
    required_sample: Mapped[int | None] = mapped_column()
    sample_sufficient: Mapped[bool | None] = mapped_column()

    __table_args__ = (sa.CheckConstraint("scope IN ('CITY', 'UNIT')", name="scope"),)


class ReleaseDistribution(Base):
    """One category of the distribution of individual predicates in a unit (or the city).

    Only predicate categories: keberatan outcomes have their own columns on ``release_unit``.
    """

    __tablename__ = "release_distribution"

    id: Mapped[int] = mapped_column(primary_key=True)
    release_id: Mapped[int] = mapped_column(sa.ForeignKey("release.id"), index=True)
    unit_code: Mapped[str | None] = mapped_column(sa.String(64))  # NULL: the city
    category: Mapped[str] = mapped_column(sa.String(32))
    count: Mapped[int | None] = mapped_column()
    count_status: Mapped[str | None] = mapped_column(STATUS)


class ReleaseService(Base):
    """IKM of one public service (jenis layanan) in a release."""

    __tablename__ = "release_service"

    id: Mapped[int] = mapped_column(primary_key=True)
    release_id: Mapped[int] = mapped_column(sa.ForeignKey("release.id"), index=True)
    service_code: Mapped[str] = mapped_column(sa.String(64))
    service_name: Mapped[str] = mapped_column(sa.String(200))
    unit_code: Mapped[str] = mapped_column(sa.String(64))
    survey_responses: Mapped[int] = mapped_column(default=0)
    ikm: Mapped[Decimal | None] = mapped_column(sa.Numeric(8, 4))
    ikm_converted: Mapped[Decimal | None] = mapped_column(sa.Numeric(6, 2))
    ikm_band: Mapped[str | None] = mapped_column(sa.String(2))
    ikm_status: Mapped[str | None] = mapped_column(STATUS)
    service_population: Mapped[int | None] = mapped_column()
    required_sample: Mapped[int | None] = mapped_column()
    sample_sufficient: Mapped[bool | None] = mapped_column()


class ReleaseIkmUnsur(Base):
    """NRR of one unsur for a service, a unit or the city (scope SERVICE / UNIT / CITY)."""

    __tablename__ = "release_ikm_unsur"

    id: Mapped[int] = mapped_column(primary_key=True)
    release_id: Mapped[int] = mapped_column(sa.ForeignKey("release.id"), index=True)
    scope: Mapped[str] = mapped_column(sa.String(8))
    scope_code: Mapped[str | None] = mapped_column(sa.String(64))  # NULL for the city
    unsur: Mapped[str] = mapped_column(sa.String(4))
    nrr: Mapped[Decimal | None] = mapped_column(sa.Numeric(8, 4))
    answers: Mapped[int] = mapped_column(default=0)
    nrr_status: Mapped[str | None] = mapped_column(STATUS)

    __table_args__ = (sa.CheckConstraint("scope IN ('CITY', 'UNIT', 'SERVICE')", name="scope"),)


class ReleaseFollowUp(Base):
    """A unit's rencana tindak lanjut after its SKM, as it stood at publication."""

    __tablename__ = "release_follow_up"

    id: Mapped[int] = mapped_column(primary_key=True)
    release_id: Mapped[int] = mapped_column(sa.ForeignKey("release.id"), index=True)
    unit_code: Mapped[str] = mapped_column(sa.String(64))
    year: Mapped[int] = mapped_column()
    unsur: Mapped[str | None] = mapped_column(sa.String(4))
    action: Mapped[str] = mapped_column(sa.String(2000))
    target_date: Mapped[date | None] = mapped_column(sa.Date)
    done: Mapped[bool] = mapped_column()


class ReleaseFile(Base):
    """A download of a release (``units.csv``, ``datapackage.json``...), rendered once.

    The files are rendered at publication and served byte for byte from here, so a later change
    of the file layout (a new column, another number format) only reaches later releases: a
    release's URLs, bytes and checksums never change.
    """

    __tablename__ = "release_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    release_id: Mapped[int] = mapped_column(sa.ForeignKey("release.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(64))  # e.g. units.csv
    media_type: Mapped[str] = mapped_column(sa.String(64))
    content: Mapped[bytes] = mapped_column(sa.LargeBinary)
    sha256: Mapped[str] = mapped_column(sa.String(64))  # hex
    size: Mapped[int] = mapped_column()

    __table_args__ = (sa.UniqueConstraint("release_id", "name"),)
