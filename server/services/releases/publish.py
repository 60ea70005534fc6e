"""Publish a release: build the aggregates, protect them, store them once. Never updated.

The same transaction renders the release's downloads (CSV, JSON, datapackage.json) and stores
their bytes with their SHA-256, so a release and its files appear together or not at all.

A period already released is only released again with ``supersede=True``: a new number, a full
snapshot, protected against the same thresholds. Nothing else writes the release tables.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from server import clock
from server.config import Settings
from server.db.engine import Database
from server.db.models import (
    AppraisalYear,
    Release,
    ReleaseDistribution,
    ReleaseFollowUp,
    ReleaseIkmUnsur,
    ReleaseService,
    ReleaseUnit,
)
from server.domain.audit_actions import AuditAction
from server.domain.disclosure import DisclosurePolicy
from server.domain.disclosure_audit import DisclosureAuditError
from server.domain.enums import Role
from server.domain.periods import ReleaseRefusal, release_refusal
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.errors import ErrorCode, ServiceError, forbidden
from server.services.releases import read
from server.services.releases.builder import EvaluationFacts, RawRelease, build_raw_release
from server.services.releases.datasets import store_release_files
from server.services.releases.disclosure_tables import (
    CITY,
    HIDDEN_STATUSES,
    OBJECTION_PARTS,
    ProtectedRelease,
    PublishedCount,
    PublishedIkm,
    PublishedPercent,
    PublishedSum,
)
from server.services.releases.evaluation_facts import build_evaluation_facts
from server.services.releases.methodology import METHODOLOGY_VERSION
from server.services.releases.pair_audit import protect_correction, protect_single
from server.services.releases.periods import PeriodError, ReleasePeriod, parse_period
from server.services.survey.moderation import names_an_officer

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PublishOptions:
    policy: DisclosurePolicy
    licence: str
    licence_url: str
    city_name: str
    supersede: bool = False
    note: str | None = None
    contact: str = ""  # the publisher named in datapackage.json
    # Published before the period's end or outside an opened appraisal year (public knows).
    provisional: bool = False
    # Demo figures: datapackage.json says so, whatever a reader downloads them for.
    synthetic: bool = False


@dataclass(frozen=True)
class PublishedRelease:
    number: int
    period_code: str
    published_at: datetime
    supersedes_number: int | None
    units: int
    services: int
    provisional: bool = False


async def check_release_period(db: Database, period: ReleasePeriod, provisional: bool) -> None:
    """The one period rule of publication (``server.domain.periods``): a final release is for a
    period inside an opened appraisal year whose end has passed; otherwise only provisional;
    never for a period that has not started."""
    async with db.read() as session:
        year_opened = (
            await session.scalars(
                sa.select(AppraisalYear.id).where(AppraisalYear.year == period.year)
            )
        ).first() is not None
    refusal = release_refusal(
        today=clock.today(),
        start=period.start,
        end=period.end,
        year_opened=year_opened,
        provisional=provisional,
    )
    if refusal is ReleaseRefusal.NOT_STARTED:
        raise ServiceError(
            ErrorCode.PERIOD_NOT_STARTED,
            f"Periode {period.code} belum dimulai (mulai {period.start.isoformat()}): tidak ada "
            "data untuk diterbitkan.",
            "period",
        )
    if refusal is ReleaseRefusal.NOT_ENDED:
        raise ServiceError(
            ErrorCode.PERIOD_NOT_ENDED,
            f"Periode {period.code} baru berakhir {period.end.isoformat()}: sebelum itu hanya "
            "rilis sementara (provisional) yang dapat diterbitkan.",
            "period",
        )
    if refusal is ReleaseRefusal.NO_APPRAISAL_YEAR:
        raise ServiceError(
            ErrorCode.INVALID_STATE,
            f"Tahun penilaian {period.year} belum dibuka: hanya rilis sementara (provisional) "
            "yang dapat diterbitkan.",
            "period",
        )


def require_publisher(actor: Actor) -> None:
    if not (actor.is_system or actor.has(Role.HR_ADMIN)):
        raise forbidden("Hanya BKPSDM (HR_ADMIN) yang dapat menerbitkan rilis data publik.")


def parse_release_period(period_text: str) -> ReleasePeriod:
    try:
        return parse_period(period_text)
    except PeriodError as exc:
        raise ServiceError(ErrorCode.INVALID_INPUT, str(exc), "period") from None


async def protect_period(
    db: Database,
    period: ReleasePeriod,
    options: PublishOptions,
    evaluation: EvaluationFacts | None = None,
) -> tuple[RawRelease, ProtectedRelease]:
    """The figures of ``period`` as they would be published: built, suppressed and audited
    (the cells the current release of the period withheld stay withheld). Writes nothing."""
    if evaluation is None:
        evaluation = await build_evaluation_facts(db, period)
    raw = await build_raw_release(db, period, evaluation)
    replaced = await _current_release(db, period.code)
    # The audit is pure CPU work (seconds, a minute for a large instansi): it runs in a worker
    # thread so that the server keeps answering everyone else meanwhile.
    try:
        if replaced is None:
            return raw, await asyncio.to_thread(protect_single, raw, options.policy)
        # A correction: audited together with the release it replaces (pair_audit).
        forced = withheld_in(replaced.city, replaced.units, replaced.services)
        before = (replaced.city, list(replaced.units), list(replaced.services))
        protected = await asyncio.to_thread(protect_correction, raw, options.policy, forced, before)
        return raw, protected
    except DisclosureAuditError as exc:
        logger.error("release %s: the disclosure audit failed: %s", period.code, exc)
        raise ServiceError(
            ErrorCode.INVALID_STATE,
            f"Audit pengungkapan gagal: sebuah nilai yang disembunyikan masih dapat dihitung "
            f"({exc}). Tidak ada yang diterbitkan.",
            "period",
        ) from None


def _ikm_columns(ikm: PublishedIkm) -> dict[str, object]:
    return {
        "survey_responses": ikm.responses,
        "ikm": ikm.ikm.value,
        "ikm_converted": ikm.converted,
        "ikm_band": ikm.band,
        "ikm_status": ikm.ikm.status,
        "service_population": ikm.population,
        "required_sample": ikm.required_sample,
        "sample_sufficient": ikm.sample_sufficient,
    }


def _unsur_rows(
    release_id: int, scope: str, code: str | None, ikm: PublishedIkm
) -> list[dict[str, object]]:
    return [
        {
            "release_id": release_id,
            "scope": scope,
            "scope_code": code,
            "unsur": u.unsur,
            "nrr": u.nrr.value,
            "answers": u.answers,
            "nrr_status": u.nrr.status,
        }
        for u in ikm.unsur
    ]


async def publish_release(
    db: Database,
    actor: Actor,
    period_text: str,
    options: PublishOptions,
    *,
    evaluation: EvaluationFacts | None = None,
) -> PublishedRelease:
    """Publish the aggregates of ``period_text`` (e.g. ``2026-S1``) as a new numbered release.

    The evaluation figures are read from the evaluation tables unless ``evaluation`` is given.
    """
    require_publisher(actor)
    period = parse_release_period(period_text)
    await check_release_period(db, period, options.provisional)
    note = (options.note or "").strip()[:1000] or None
    if note is not None and names_an_officer(note):
        # The note is public and its writer is the publisher: refused, not held for moderation.
        raise ServiceError(
            ErrorCode.INVALID_INPUT,
            "Catatan rilis bersifat publik dan tampaknya menyebut nama atau NIP petugas. "
            "Tulis alasannya tanpa menyebut orang.",
            "note",
        )
    raw, protected = await protect_period(db, period, options, evaluation)
    audit_report = protected.audit_report()
    async with db.write() as session:
        previous = (
            await session.scalars(
                sa.select(Release.number)
                .where(Release.period_code == period.code)
                .order_by(Release.number.desc())
            )
        ).first()
        if previous is not None and not options.supersede:
            raise ServiceError(
                ErrorCode.DUPLICATE,
                f"Periode {period.code} sudah diterbitkan sebagai rilis #{previous}. Rilis data "
                "tidak dapat diubah; untuk koreksi terbitkan rilis pengganti (--supersede).",
                "period",
            )
        number = (
            await session.execute(sa.select(sa.func.coalesce(sa.func.max(Release.number), 0)))
        ).scalar_one() + 1
        release = Release(
            number=number,
            period_code=period.code,
            year=period.year,
            period_start=period.start,
            period_end=period.end,
            methodology_version=METHODOLOGY_VERSION,
            headcount_threshold=options.policy.headcount_threshold,
            distribution_threshold=options.policy.distribution_threshold,
            licence=options.licence,
            licence_url=options.licence_url,
            published_at=clock.now().replace(microsecond=0),
            published_by=actor.login[:100],
            published_by_account_id=actor.account_id,
            supersedes_number=previous,
            note=note,
            provisional=options.provisional,
            audit_report=audit_report,
        )
        session.add(release)
        await session.flush()
        unit_rows: list[dict[str, object]] = []
        dist_rows: list[dict[str, object]] = []
        unsur_rows: list[dict[str, object]] = []
        for u in protected.units:
            unit_rows.append(
                {
                    "release_id": release.id,
                    "scope": u.scope,
                    "unit_code": u.code,
                    "unit_name": options.city_name if u.scope == "CITY" else u.name,
                    "unit_kind": u.kind,
                    "parent_code": u.parent_code,
                    "depth": u.depth,
                    "headcount": u.headcount.value,
                    "headcount_status": u.headcount.status,
                    "direct_headcount": u.direct_headcount.value,
                    "direct_headcount_status": u.direct_headcount.status,
                    "skp_coverage_pct": u.skp_coverage_pct.value,
                    "skp_coverage_pct_status": u.skp_coverage_pct.status,
                    "realization_on_time_pct": u.realization_on_time_pct.value,
                    "realization_on_time_pct_status": u.realization_on_time_pct.status,
                    "evaluation_completion_pct": u.evaluation_completion_pct.value,
                    "evaluation_completion_pct_status": u.evaluation_completion_pct.status,
                    "org_performance": u.org_performance.value,
                    "org_performance_status": u.org_performance.status,
                    "objections_filed": u.objections_filed.value,
                    "objections_filed_status": u.objections_filed.status,
                    "objections_upheld": u.objections_upheld.value,
                    "objections_upheld_status": u.objections_upheld.status,
                    "objections_rejected": u.objections_rejected.value,
                    "objections_rejected_status": u.objections_rejected.status,
                    "objections_pending": u.objections_pending.value,
                    "objections_pending_status": u.objections_pending.status,
                    "distribution_status": u.distribution_status,
                    **_ikm_columns(u.ikm),
                }
            )
            for category, cell in u.distribution.items():
                dist_rows.append(
                    {
                        "release_id": release.id,
                        "unit_code": u.code,
                        "category": category,
                        "count": cell.value,
                        "count_status": cell.status,
                    }
                )
            unsur_rows += _unsur_rows(release.id, u.scope, u.code, u.ikm)
        service_rows: list[dict[str, object]] = []
        for s in protected.services:
            columns = _ikm_columns(s.ikm)
            service_rows.append(
                {
                    "release_id": release.id,
                    "service_code": s.code,
                    "service_name": s.name,
                    "unit_code": s.unit_code,
                    **columns,
                }
            )
            unsur_rows += _unsur_rows(release.id, "SERVICE", s.code, s.ikm)
        follow_rows = [
            {
                "release_id": release.id,
                "unit_code": f.unit_code,
                "year": f.year,
                "unsur": f.unsur,
                "action": f.action,
                "target_date": f.target_date,
                "done": f.done,
            }
            for f in raw.follow_ups
        ]
        for model, rows in (
            (ReleaseUnit, unit_rows),
            (ReleaseDistribution, dist_rows),
            (ReleaseService, service_rows),
            (ReleaseIkmUnsur, unsur_rows),
            (ReleaseFollowUp, follow_rows),
        ):
            for start in range(0, len(rows), 1_000):
                await session.execute(sa.insert(model), rows[start : start + 1_000])
        # The downloads are rendered now, from the rows just written, and stored: they are what
        # /public/data/<number>/ serves for ever, whatever later versions render.
        files = await store_release_files(
            session, number, options.contact, synthetic=options.synthetic
        )
        await record_event(
            session,
            actor,
            AuditAction.RELEASE_PUBLISH,
            "release",
            number,
            after={
                "number": number,
                "period_code": period.code,
                "methodology_version": METHODOLOGY_VERSION,
                "supersedes_number": previous,
                "provisional": options.provisional,
                "audit": audit_report["total"],
                "headcount_threshold": options.policy.headcount_threshold,
                "distribution_threshold": options.policy.distribution_threshold,
                "units": len(unit_rows) - 1,
                "services": len(service_rows),
                "files": files,
            },
        )
        published_at = release.published_at
    await read.note_release_published()
    return PublishedRelease(
        number,
        period.code,
        published_at,
        previous,
        len(unit_rows) - 1,
        len(service_rows),
        options.provisional,
    )


async def _current_release(db: Database, period_code: str) -> read.ReleaseSnapshot | None:
    """The current release of ``period_code`` (None: not released yet). A correction withholds
    again the cells it withheld (``withheld_in``), so the pair cannot be differenced (a hidden
    9 of 9 must not become a published 90 % of 10), and is audited together with it."""
    async with db.read() as session:
        number = (
            await session.scalars(
                sa.select(Release.number)
                .where(Release.period_code == period_code)
                .order_by(Release.number.desc())
            )
        ).first()
        return None if number is None else await read.snapshot_in(session, number)


def withheld_in(
    city: read.UnitFigures | None,
    units: Sequence[read.UnitFigures],
    services: Sequence[read.ServiceFigures],
) -> dict[str, set[object]]:
    """The cells a published release withheld, and the figures it published that a
    correction repeating them cannot hide (``Forced``); empty without a release (``city``)."""
    forced: dict[str, set[object]] = {
        name: set()
        for name in (
            *("headcount", "skp", "on_time", "completion", "distribution", "objections"),
            *("survey", "survey_published", "published"),
        )
    }
    if city is None:
        return forced
    for u in (city, *units):
        code = u.code or CITY
        if u.headcount_status in HIDDEN_STATUSES:
            forced["headcount"].add(("T", code))
        if u.direct_headcount_status in HIDDEN_STATUSES:
            forced["headcount"].add(("D", code))
        # Counts published: a correction that has the same value cannot hide it (the pair).
        if u.headcount is not None:
            forced["published"].add(PublishedCount("headcount", ("T", code), u.headcount))
        if u.code is not None and u.direct_headcount is not None:
            forced["published"].add(PublishedCount("headcount", ("D", code), u.direct_headcount))
        for d in u.distribution:
            if d.count is not None:
                forced["published"].add(
                    PublishedCount("distribution", (d.category, "T", code), d.count)
                )
        for part in ("filed", *OBJECTION_PARTS):
            count = getattr(u, f"objections_{part}")
            if count is not None:
                forced["published"].add(PublishedCount("objections", (part, "T", code), count))
        # Percentages published: the same figures in a correction are published again.
        if u.skp_coverage_pct is not None:
            forced["published"].add(PublishedPercent("skp", ("T", code), u.skp_coverage_pct))
        if u.evaluation_completion_pct is not None:
            forced["published"].add(
                PublishedPercent("completion", ("T", code), u.evaluation_completion_pct)
            )
        if u.skp_coverage_pct_status in HIDDEN_STATUSES:
            forced["skp"].add(("T", code))
        if u.realization_on_time_pct_status in HIDDEN_STATUSES:
            forced["on_time"].add(("T", code))
        if u.evaluation_completion_pct_status in HIDDEN_STATUSES:
            forced["completion"].add(("T", code))
        forced["survey"] |= _survey_withheld(("U", code), u.survey)
        forced["survey_published"] |= _survey_published(("U", code), u.survey)
        for d in u.distribution:
            if d.count_status in HIDDEN_STATUSES:
                forced["distribution"].add((d.category, "T", code))
        for part in ("filed", *OBJECTION_PARTS):
            if getattr(u, f"objections_{part}_status") in HIDDEN_STATUSES:
                forced["objections"].add((part, "T", code))
    for service in services:
        forced["survey"] |= _survey_withheld(("V", service.code), service.survey)
        forced["survey_published"] |= _survey_published(("V", service.code), service.survey)
    return forced


def _survey_withheld(row: tuple[str, str], survey: read.IkmFigures) -> set[object]:
    """The survey cells of one row a release withheld: NRR per unsur, and the IKM."""
    cells: set[object] = {(*row, x.unsur) for x in survey.unsur if x.nrr_status in HIDDEN_STATUSES}
    if survey.ikm_status in HIDDEN_STATUSES:
        cells.add((*row, "IKM"))
    return cells


def _survey_published(row: tuple[str, str], survey: read.IkmFigures) -> set[object]:
    """The score sums a release published in one row (NRR × answers): a correction that has
    the same answers and sum there cannot hide them."""
    return {
        PublishedSum(row, x.unsur, round(x.nrr * x.answers), x.answers)
        for x in survey.unsur
        if x.nrr is not None and x.answers
    }


def options_from_settings(
    settings: Settings,
    *,
    supersede: bool = False,
    note: str | None = None,
    provisional: bool = False,
    synthetic: bool | None = None,
) -> PublishOptions:
    """The publication options configured for this instansi (thresholds, licence, name)."""
    return PublishOptions(
        policy=DisclosurePolicy(
            distribution_threshold=settings.disclosure_min_distribution,
            headcount_threshold=settings.disclosure_min_headcount,
        ),
        licence=settings.data_licence,
        licence_url=settings.data_licence_url,
        city_name=settings.instansi_name,
        supersede=supersede,
        note=note,
        contact=settings.contact,
        provisional=provisional,
        synthetic=settings.demo_mode if synthetic is None else synthetic,
    )
