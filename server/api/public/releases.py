"""Public types and root fields of published releases. Aggregates only: never a person.

Every value comes from ``services.releases.read`` (release tables, already protected). A
withheld value is null with its ``…Status`` saying why.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from datetime import date, datetime
from enum import Enum
from typing import Annotated

import strawberry
from graphql import GraphQLError

from server.api.enums import UnitKind
from server.api.fill import fill_type
from server.api.public.context import PublicContext
from server.api.public.limits import DEFAULT_PAGE_SIZE, MAX_FILTER_VALUES, MAX_PAGE_SIZE
from server.services.releases import read
from server.services.releases.datasets import UNSUR_NAMES
from server.services.releases.disclosure_tables import HIDDEN_STATUSES
from server.services.releases.methodology import DEFINITIONS, METHODOLOGY_VERSION
from server.services.releases.periods import period_label
from server.services.releases.read import (
    IkmFigures,
    ReleaseInfo,
    ReleaseSnapshot,
    ServiceFigures,
    UnitFigures,
)

Info = strawberry.Info[PublicContext, None]
_FIRST = (
    f"Ukuran halaman (bawaan {DEFAULT_PAGE_SIZE}, maks. {MAX_PAGE_SIZE}) / "
    f"page size (default {DEFAULT_PAGE_SIZE}, max {MAX_PAGE_SIZE})."
)
_AFTER = "Kursor halaman sebelumnya / cursor of the previous page."
_SAMPLE = (
    "true: sampel memenuhi Krejcie–Morgan; false: belum (unit/layanan tanpa jumlah penerima "
    "layanan tidak ikut keduanya) / true: the sample meets Krejcie–Morgan; false: it does not "
    "(those without a service population match neither)."
)

UnitKindsFilter = Annotated[
    list[UnitKind] | None,
    strawberry.argument(description="Salah satu jenis ini / any of these kinds."),
]
"""The ``kinds`` filter of both unit lists (current units and a release's units)."""


def check_list(values: Sequence[object] | None, name: str) -> None:
    if values is not None and len(values) > MAX_FILTER_VALUES:
        raise GraphQLError(
            f"Argumen {name} paling banyak {MAX_FILTER_VALUES} nilai / {name} takes at most "
            f"{MAX_FILTER_VALUES} values.",
            extensions={"code": "BAD_FILTER"},
        )


@strawberry.enum(
    description="Alasan nilai tidak diterbitkan (null) / why a value is withheld (null)."
)
class ValueStatus(Enum):
    WITHHELD = strawberry.enum_value(
        "WITHHELD",
        description="Dilindungi: menyangkut terlalu sedikit orang, atau disembunyikan agar nilai "
        "lain yang dilindungi tidak dapat dihitung dari angka yang terbit; mana yang berlaku "
        "sengaja tidak disebut / protected: about too few people, or hidden so that another "
        "protected value cannot be worked out from the published figures; which of the two is "
        "deliberately not told (it would give a range).",
    )
    BELOW_THRESHOLD = strawberry.enum_value(
        "BELOW_THRESHOLD",
        description="Menyangkut terlalu sedikit orang / describes too few people.",
        deprecation_reason="Tidak lagi dikirim: semua nilai yang dilindungi berstatus WITHHELD / "
        "no longer returned: every protected value is WITHHELD.",
    )
    COMPLEMENTARY = strawberry.enum_value(
        "COMPLEMENTARY",
        description="Disembunyikan agar sel lain tidak dapat dihitung balik / hidden so that "
        "another withheld value cannot be recovered from totals.",
        deprecation_reason="Tidak lagi dikirim: semua nilai yang dilindungi berstatus WITHHELD / "
        "no longer returned: every protected value is WITHHELD.",
    )
    NOT_AVAILABLE = strawberry.enum_value(
        "NOT_AVAILABLE",
        description="Data sumber belum tersedia / the source data is not available yet.",
    )


@strawberry.enum(description="Perincian periode rilis / granularity of a release period.")
class PeriodGranularity(Enum):
    YEAR = "YEAR"
    SEMESTER = "SEMESTER"
    QUARTER = "QUARTER"
    MONTH = "MONTH"
    RANGE = "RANGE"


@strawberry.enum(description="Kategori predikat kinerja / performance category.")
class PerformanceCategory(Enum):
    SANGAT_BAIK = strawberry.enum_value("SANGAT_BAIK", description="Sangat Baik / outstanding.")
    BAIK = strawberry.enum_value("BAIK", description="Baik / good.")
    BUTUH_PERBAIKAN = strawberry.enum_value(
        "BUTUH_PERBAIKAN", description="Butuh Perbaikan / needs improvement."
    )
    KURANG = strawberry.enum_value("KURANG", description="Kurang/Misconduct / poor.")
    SANGAT_KURANG = strawberry.enum_value("SANGAT_KURANG", description="Sangat Kurang / very poor.")


@strawberry.enum(
    description="Predikat kinerja organisasi (SE MenPANRB 3/2023) / organisation performance level."
)
class OrgPerformanceLevel(Enum):
    ISTIMEWA = strawberry.enum_value("ISTIMEWA", description="Istimewa / exceptional.")
    BAIK = strawberry.enum_value("BAIK", description="Baik / good.")
    BUTUH_PERBAIKAN = strawberry.enum_value(
        "BUTUH_PERBAIKAN", description="Butuh Perbaikan / needs improvement."
    )
    KURANG = strawberry.enum_value("KURANG", description="Kurang / poor.")
    SANGAT_KURANG = strawberry.enum_value("SANGAT_KURANG", description="Sangat Kurang / very poor.")


@strawberry.enum(
    description="Urutan daftar unit: NAME nama, CODE kode, HEADCOUNT jumlah pegawai, SKP_COVERAGE "
    "cakupan SKP, REALIZATION_ON_TIME realisasi tepat waktu, IKM nilai IKM / order of the unit "
    "list: by name, code, head count, SKP coverage, realisations on time or satisfaction index "
    "(withheld values always last)."
)
class UnitOrder(Enum):
    NAME = "NAME"
    CODE = "CODE"
    HEADCOUNT = "HEADCOUNT"
    SKP_COVERAGE = "SKP_COVERAGE"
    REALIZATION_ON_TIME = "REALIZATION_ON_TIME"
    IKM = "IKM"


def _status(raw: str | None) -> ValueStatus | None:
    """One public status for every protected value, old releases' stored reasons included."""
    if raw is None:
        return None
    return ValueStatus.WITHHELD if raw in HIDDEN_STATUSES else ValueStatus(raw)


def _float(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


@strawberry.type(description="Nilai rata-rata satu unsur SKM / mean score of one SKM element.")
class UnsurScore:
    unsur: str = strawberry.field(description="Kode unsur U1–U9 / element code U1–U9.")
    name: str = strawberry.field(
        description="Nama unsur menurut PermenPANRB 14/2017, mis. Persyaratan / the element's "
        "name in PermenPANRB 14/2017, e.g. Persyaratan (requirements)."
    )
    nrr: float | None = strawberry.field(description="Nilai rata-rata (1–4) / mean score (1–4).")
    nrr_status: ValueStatus | None = strawberry.field(
        description="Alasan bila nrr null / why nrr is null."
    )
    answers: int = strawberry.field(description="Jumlah jawaban sah / number of valid answers.")


@strawberry.type(
    description="Hasil Survei Kepuasan Masyarakat (IKM) / citizen satisfaction survey result."
)
class SurveyResult:
    responses: int = strawberry.field(description="Jumlah responden / number of responses.")
    ikm: float | None = strawberry.field(description="IKM = Σ NRR × 1/9 (1–4) / the index (1–4).")
    ikm_converted: float | None = strawberry.field(
        description="IKM × 25 (25–100) / index converted to 25–100."
    )
    band: str | None = strawberry.field(
        description="Mutu pelayanan A–D / service quality band A–D."
    )
    status: ValueStatus | None = strawberry.field(
        description="Alasan bila ikm null / why the index is null."
    )
    service_population: int | None = strawberry.field(
        description="Jumlah penerima layanan dalam periode (N) / service users in the period (N)."
    )
    required_sample: int | None = strawberry.field(
        description="Sampel minimum Krejcie–Morgan / Krejcie–Morgan minimum sample."
    )
    sample_sufficient: bool | None = strawberry.field(
        description="Sampel memenuhi? (null bila N belum diisi) / is the sample sufficient? "
        "(null when N is not entered)."
    )
    unsur: list[UnsurScore] = strawberry.field(
        description="NRR per unsur / mean score per element."
    )


def _survey(s: IkmFigures) -> SurveyResult:
    return fill_type(
        SurveyResult,
        s,
        responses=s.survey_responses,
        ikm=_float(s.ikm),
        ikm_converted=_float(s.ikm_converted),
        band=s.ikm_band,
        status=_status(s.ikm_status),
        unsur=[
            fill_type(
                UnsurScore,
                u,
                name=UNSUR_NAMES.get(u.unsur, u.unsur),
                nrr=_float(u.nrr),
                nrr_status=_status(u.nrr_status),
            )
            for u in s.unsur
        ],
    )


@strawberry.type(
    description="Jumlah dalam satu kategori predikat / count in one performance category."
)
class DistributionCount:
    category: PerformanceCategory = strawberry.field(description="Kategori / category.")
    count: int | None = strawberry.field(description="Jumlah / count.")
    status: ValueStatus | None = strawberry.field(
        description="Alasan bila count null / why count is null."
    )


@strawberry.type(description="Rencana tindak lanjut SKM / follow-up action after the survey.")
class FollowUpAction:
    year: int = strawberry.field(description="Tahun / year.")
    unsur: str | None = strawberry.field(
        description="Unsur yang ditangani, bila ada / element addressed, if any."
    )
    action: str = strawberry.field(description="Tindakan / action.")
    target_date: date | None = strawberry.field(description="Target selesai / target date.")
    done: bool = strawberry.field(description="Sudah selesai / done.")


@strawberry.type(
    description="Angka agregat satu unit (termasuk sub-unitnya) atau kota dalam satu rilis / "
    "aggregate figures of a unit (including its sub-units) or of the city in one release."
)
class UnitStatistics:
    release_number: int = strawberry.field(description="Nomor rilis / release number.")
    period_code: str = strawberry.field(description="Kode periode / period code.")
    scope: str = strawberry.field(description="CITY (kota) atau UNIT / CITY or UNIT.")
    code: str | None = strawberry.field(
        description="Kode unit; null untuk kota / unit code; null for the city."
    )
    name: str = strawberry.field(description="Nama unit / unit name.")
    kind: UnitKind | None = strawberry.field(description="Jenis unit / kind of unit.")
    parent_code: str | None = strawberry.field(description="Kode unit induk / parent unit code.")
    parent_name: str | None = strawberry.field(description="Nama unit induk / parent unit name.")
    depth: int = strawberry.field(description="Kedalaman di pohon unit / depth in the tree.")
    headcount: int | None = strawberry.field(
        description="Jumlah pegawai termasuk sub-unit / head count including sub-units."
    )
    headcount_status: ValueStatus | None = strawberry.field(
        description="Alasan bila headcount null / why headcount is null."
    )
    direct_headcount: int | None = strawberry.field(
        description="Pegawai di unit ini sendiri (tanpa sub-unit) / staff of the unit itself."
    )
    direct_headcount_status: ValueStatus | None = strawberry.field(
        description="Alasan bila directHeadcount null / why directHeadcount is null."
    )
    skp_coverage_pct: float | None = strawberry.field(
        description="% pegawai dengan SKP ditetapkan / % of staff with an approved SKP."
    )
    skp_coverage_pct_status: ValueStatus | None = strawberry.field(
        description="Alasan bila skpCoveragePct null / why skpCoveragePct is null."
    )
    realization_on_time_pct: float | None = strawberry.field(
        description="% realisasi dikonfirmasi tepat waktu / % of realisations confirmed on time."
    )
    realization_on_time_pct_status: ValueStatus | None = strawberry.field(
        description="Alasan bila realizationOnTimePct null / why realizationOnTimePct is null."
    )
    evaluation_completion_pct: float | None = strawberry.field(
        description="% penilaian selesai / % of evaluations completed."
    )
    evaluation_completion_pct_status: ValueStatus | None = strawberry.field(
        description="Alasan bila evaluationCompletionPct null / why it is null."
    )
    org_performance: str | None = strawberry.field(
        description="Predikat kinerja organisasi / organisation performance level.",
        deprecation_reason="Gunakan orgPerformanceLevel (enum) / use orgPerformanceLevel (an enum).",
    )
    org_performance_level: OrgPerformanceLevel | None = strawberry.field(
        description="Predikat kinerja organisasi; publik seperti dalam SAKIP / organisation "
        "performance level; public, as in SAKIP."
    )
    org_performance_status: ValueStatus | None = strawberry.field(
        description="Alasan bila orgPerformance null / why orgPerformance is null."
    )
    objections_filed: int | None = strawberry.field(
        description="Jumlah keberatan diajukan / number of objections filed."
    )
    objections_filed_status: ValueStatus | None = strawberry.field(
        description="Alasan bila objectionsFiled null / why objectionsFiled is null."
    )
    objections_upheld: int | None = strawberry.field(
        description="Pegawai yang keberatannya dikabulkan (hasil diubah) / staff whose "
        "objection was upheld (result changed)."
    )
    objections_upheld_status: ValueStatus | None = strawberry.field(
        description="Alasan bila objectionsUpheld null / why objectionsUpheld is null."
    )
    objections_rejected: int | None = strawberry.field(
        description="Pegawai yang keberatannya ditolak (hasil tetap) / staff whose objection "
        "was rejected (result stands)."
    )
    objections_rejected_status: ValueStatus | None = strawberry.field(
        description="Alasan bila objectionsRejected null / why objectionsRejected is null."
    )
    objections_pending: int | None = strawberry.field(
        description="Pegawai yang keberatannya belum diputus saat terbit / staff whose "
        "objection was not yet decided at publication."
    )
    objections_pending_status: ValueStatus | None = strawberry.field(
        description="Alasan bila objectionsPending null / why objectionsPending is null."
    )
    distribution_status: ValueStatus | None = strawberry.field(
        description="Alasan bila sebaran (sebagian) disembunyikan / why the distribution is "
        "(partly) withheld."
    )
    distribution: list[DistributionCount] = strawberry.field(
        description="Sebaran predikat periode final terakhir / distribution of performance "
        "categories in the latest finalised period."
    )
    survey: SurveyResult = strawberry.field(
        description="IKM unit beserta sub-unit / satisfaction index of the unit and sub-units."
    )
    follow_ups: list[FollowUpAction] = strawberry.field(
        description="Rencana tindak lanjut SKM unit / the unit's survey follow-up actions."
    )


def unit_statistics(f: UnitFigures, parent_name: str | None = None) -> UnitStatistics:
    # Each protected figure's stored reason becomes its public ``…Status``.
    statuses = {f"{a}_status": _status(getattr(f, f"{a}_status")) for _, a in _CHANGED}
    return fill_type(
        UnitStatistics,
        f,
        kind=UnitKind(f.kind) if f.kind else None,
        parent_name=parent_name,
        skp_coverage_pct=_float(f.skp_coverage_pct),
        realization_on_time_pct=_float(f.realization_on_time_pct),
        evaluation_completion_pct=_float(f.evaluation_completion_pct),
        org_performance_level=OrgPerformanceLevel(f.org_performance) if f.org_performance else None,
        distribution_status=_status(f.distribution_status),
        distribution=[
            DistributionCount(
                category=PerformanceCategory(d.category),
                count=d.count,
                status=_status(d.count_status),
            )
            for d in f.distribution
        ],
        survey=_survey(f.survey),
        follow_ups=[fill_type(FollowUpAction, a) for a in f.follow_ups],
        **statuses,
    )


@strawberry.type(description="IKM satu jenis layanan / satisfaction index of one service.")
class ServiceStatistics:
    release_number: int = strawberry.field(description="Nomor rilis / release number.")
    code: str = strawberry.field(description="Kode layanan / service code.")
    name: str = strawberry.field(description="Nama layanan / service name.")
    unit_code: str = strawberry.field(description="Kode unit penyelenggara / unit code.")
    unit_name: str | None = strawberry.field(
        description="Nama unit penyelenggara / name of the unit."
    )
    survey: SurveyResult = strawberry.field(description="Hasil IKM / survey result.")


def service_statistics(s: ServiceFigures, unit_name: str | None = None) -> ServiceStatistics:
    return fill_type(ServiceStatistics, s, unit_name=unit_name, survey=_survey(s.survey))


@strawberry.type(description="Informasi halaman / page information.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="Ada halaman berikut / more pages follow.")
    end_cursor: str | None = strawberry.field(
        description="Kursor untuk argumen after / cursor for the after argument."
    )


@strawberry.type(description="Satu unit dalam halaman / one unit in a page.")
class UnitStatisticsEdge:
    cursor: str = strawberry.field(description="Kursor / cursor.")
    node: UnitStatistics = strawberry.field(description="Unit / the unit.")


@strawberry.type(description="Halaman daftar unit / a page of units.")
class UnitStatisticsConnection:
    total_count: int = strawberry.field(
        description="Jumlah unit yang cocok dengan saringan / units matching the filter."
    )
    page_info: PageInfo = strawberry.field(description="Informasi halaman / page information.")
    edges: list[UnitStatisticsEdge] = strawberry.field(description="Unit / the units.")


@strawberry.type(description="Satu layanan dalam halaman / one service in a page.")
class ServiceStatisticsEdge:
    cursor: str = strawberry.field(description="Kursor / cursor.")
    node: ServiceStatistics = strawberry.field(description="Layanan / the service.")


@strawberry.type(description="Halaman daftar layanan / a page of services.")
class ServiceStatisticsConnection:
    total_count: int = strawberry.field(
        description="Jumlah layanan yang cocok / services matching the filter."
    )
    page_info: PageInfo = strawberry.field(description="Informasi halaman / page information.")
    edges: list[ServiceStatisticsEdge] = strawberry.field(description="Layanan / the services.")


def _unit_name(snapshot: ReleaseSnapshot, code: str) -> str | None:
    unit = snapshot.unit(code)
    return None if unit is None else unit.name


def _cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode()


def _page_bounds(first: int | None, after: str | None) -> tuple[int, int]:
    size = DEFAULT_PAGE_SIZE if first is None else first
    if not 0 <= size <= MAX_PAGE_SIZE:
        raise GraphQLError(
            f"Argumen first harus 0–{MAX_PAGE_SIZE} / first must be between 0 and {MAX_PAGE_SIZE}.",
            extensions={"code": "BAD_PAGE_SIZE"},
        )
    start = 0
    if after is not None:
        try:
            text = base64.urlsafe_b64decode(after.encode()).decode()
            if not text.startswith("o:"):
                raise ValueError(text)
            start = int(text[2:]) + 1
        except (ValueError, binascii.Error, UnicodeDecodeError):
            raise GraphQLError(
                "Kursor tidak valid / invalid cursor.", extensions={"code": "BAD_CURSOR"}
            ) from None
    return start, size


def _sort_key(order: UnitOrder) -> object:
    metric = {
        UnitOrder.HEADCOUNT: lambda f: f.headcount,
        UnitOrder.SKP_COVERAGE: lambda f: f.skp_coverage_pct,
        UnitOrder.REALIZATION_ON_TIME: lambda f: f.realization_on_time_pct,
        UnitOrder.IKM: lambda f: f.survey.ikm,
    }.get(order)
    return metric


@strawberry.type(
    description="Laporan audit pengungkapan saat terbit / the disclosure audit's report at "
    "publication."
)
class ProtectionReport:
    cells_withheld: int = strawberry.field(
        description="Sel yang dilindungi (null) / cells withheld (null)."
    )
    cells_added: int = strawberry.field(
        description="Sel yang ditambahkan audit setelah penekanan komplementer / cells the "
        "audit withheld beyond complementary suppression."
    )
    linear_programmes: int = strawberry.field(
        description="Program linear yang diselesaikan / linear programmes solved."
    )
    seconds: float = strawberry.field(description="Lama audit (detik) / time taken (seconds).")


@strawberry.type(
    description="Satu angka yang berubah terhadap rilis sebelumnya untuk periode yang sama / "
    "one figure that changed against the previous release of the same period."
)
class ReleaseChange:
    unit_code: str | None = strawberry.field(
        description="Kode unit; null untuk kota / unit code; null for the city."
    )
    figure: str = strawberry.field(
        description="Angka, mis. headcount, skpCoveragePct, distribution.BAIK / the figure."
    )
    previous: str | None = strawberry.field(
        description="Nilai sebelumnya, atau statusnya bila null (WITHHELD, NOT_AVAILABLE); null "
        "bila unit baru / previous value, or its status when null; null for a new unit."
    )
    current: str | None = strawberry.field(
        description="Nilai sekarang, atau statusnya bila null; null bila unit hilang / current "
        "value, or its status when null; null when the unit is gone."
    )


_CHANGED = (
    ("headcount", "headcount"),
    ("directHeadcount", "direct_headcount"),
    ("skpCoveragePct", "skp_coverage_pct"),
    ("realizationOnTimePct", "realization_on_time_pct"),
    ("evaluationCompletionPct", "evaluation_completion_pct"),
    ("orgPerformance", "org_performance"),
    ("objectionsFiled", "objections_filed"),
    ("objectionsUpheld", "objections_upheld"),
    ("objectionsRejected", "objections_rejected"),
    ("objectionsPending", "objections_pending"),
)


def _shown(value: object, status: str | None) -> str:
    if value is None:
        public = _status(status)
        return public.name if public is not None else "NOT_AVAILABLE"
    return str(value)


def _figures_of(u: UnitFigures) -> dict[str, str]:
    out = {name: _shown(getattr(u, a), getattr(u, f"{a}_status")) for name, a in _CHANGED}
    for d in u.distribution:
        out[f"distribution.{d.category}"] = _shown(d.count, d.count_status)
    out["survey.ikm"] = _shown(u.survey.ikm, u.survey.ikm_status)
    out["survey.responses"] = str(u.survey.survey_responses)
    return out


def changelog(before: ReleaseSnapshot, after: ReleaseSnapshot) -> list[ReleaseChange]:
    """Every figure of ``after`` that differs from ``before`` (units matched by code)."""
    old = {u.code: u for u in (before.city, *before.units)}
    new = {u.code: u for u in (after.city, *after.units)}
    changes: list[ReleaseChange] = []
    for code in sorted(set(old) | set(new), key=lambda c: c or ""):
        a = _figures_of(old[code]) if code in old else {}
        b = _figures_of(new[code]) if code in new else {}
        for figure in sorted(set(a) | set(b)):
            if a.get(figure) != b.get(figure):
                changes.append(
                    ReleaseChange(
                        unit_code=code, figure=figure, previous=a.get(figure), current=b.get(figure)
                    )
                )
    return changes


@strawberry.type(
    description="Rilis data publik: cuplikan tetap untuk satu periode / a published, immutable "
    "snapshot of the public data for one period."
)
class DataRelease:
    info: strawberry.Private[ReleaseInfo]

    @strawberry.field(description="Nomor rilis (naik terus) / release number (increasing).")
    def number(self) -> int:
        return self.info.number

    @strawberry.field(description="Kode periode, mis. 2026-S1 / period code, e.g. 2026-S1.")
    def period_code(self) -> str:
        return self.info.period_code

    @strawberry.field(
        description="Nama periode, mis. Semester 1 2026 / the period as read, e.g. Semester 1 2026."
    )
    def period_label(self) -> str:
        return period_label(self.info.period_code)

    @strawberry.field(description="Tahun / year.")
    def year(self) -> int:
        return self.info.year

    @strawberry.field(description="Awal periode / first day of the period.")
    def period_start(self) -> date:
        return self.info.period_start

    @strawberry.field(description="Akhir periode / last day of the period.")
    def period_end(self) -> date:
        return self.info.period_end

    @strawberry.field(description="Versi metodologi / methodology version.")
    def methodology_version(self) -> str:
        return self.info.methodology_version

    @strawberry.field(description="Waktu terbit (UTC) / time of publication (UTC).")
    def published_at(self) -> datetime:
        return self.info.published_at

    @strawberry.field(
        description="Rilis periode sama yang digantikan / earlier release of the same period it "
        "replaces."
    )
    def supersedes_number(self) -> int | None:
        return self.info.supersedes_number

    @strawberry.field(
        description="Rilis pengganti, bila ada / the release that replaced this one, if any."
    )
    def superseded_by_number(self) -> int | None:
        return self.info.superseded_by_number

    @strawberry.field(
        description="Rilis sementara: diterbitkan sebelum periode berakhir atau di luar tahun "
        "penilaian yang dibuka; angkanya dapat berubah / provisional: published before the "
        "period ended or outside an opened appraisal year; its figures may change."
    )
    def provisional(self) -> bool:
        return self.info.provisional

    @strawberry.field(
        description="Catatan rilis, mis. alasan koreksi (publik) / release note, e.g. the reason "
        "of a correction (public)."
    )
    def note(self) -> str | None:
        return self.info.note

    @strawberry.field(
        description="Perincian periode: YEAR, SEMESTER, QUARTER, MONTH atau RANGE / the "
        "period's granularity."
    )
    def granularity(self) -> str:
        return read.granularity(self.info.period_code)

    @strawberry.field(
        description="Laporan audit pengungkapan; null untuk rilis sebelum audit / the "
        "disclosure audit's report; null for releases published before it."
    )
    def protection_report(self) -> ProtectionReport | None:
        report = self.info.audit_report
        total = report.get("total") if report else None
        if not isinstance(total, dict):
            return None
        return ProtectionReport(
            cells_withheld=int(total.get("cells_withheld", 0)),
            cells_added=int(total.get("cells_added", 0)),
            linear_programmes=int(total.get("linear_programmes", 0)),
            seconds=float(total.get("seconds", 0.0)),
        )

    @strawberry.field(
        description="Perubahan terhadap rilis sebelumnya untuk periode yang sama (kosong untuk "
        "rilis pertama suatu periode) / changes against the previous release of the same "
        "period (empty for a period's first release)."
    )
    async def changes(self, info: Info) -> list[ReleaseChange]:
        if self.info.supersedes_number is None:
            return []
        before = await info.context.snapshot(self.info.supersedes_number)
        if before is None:
            return []
        return changelog(before, await self._snapshot(info))

    @strawberry.field(description="Ambang jumlah orang / head-count threshold.")
    def headcount_threshold(self) -> int:
        return self.info.headcount_threshold

    @strawberry.field(
        description="Ambang persentase, rata-rata, sebaran / threshold for percentages, averages "
        "and distributions."
    )
    def distribution_threshold(self) -> int:
        return self.info.distribution_threshold

    @strawberry.field(description="Lisensi data / data licence.")
    def licence(self) -> str:
        return self.info.licence

    @strawberry.field(description="Tautan lisensi / licence URL.")
    def licence_url(self) -> str:
        return self.info.licence_url

    @strawberry.field(
        description="Alamat unduhan data lengkap (CSV/JSON) / path of the bulk downloads."
    )
    def downloads_path(self) -> str:
        return f"/public/data/{self.info.number}/datapackage.json"

    async def _snapshot(self, info: Info) -> ReleaseSnapshot:
        snapshot = await info.context.snapshot(self.info.number)
        assert snapshot is not None
        return snapshot

    @strawberry.field(description="Ringkasan kota / city summary.")
    async def city(self, info: Info) -> UnitStatistics:
        return unit_statistics((await self._snapshot(info)).city)

    async def _named(self, info: Info, f: UnitFigures) -> UnitStatistics:
        snapshot = await self._snapshot(info)
        parent = snapshot.unit(f.parent_code) if f.parent_code else None
        return unit_statistics(f, parent.name if parent else None)

    @strawberry.field(
        description="Unit dengan saringan, urutan dan halaman / units with filters, order and "
        "pages."
    )
    async def units(
        self,
        info: Info,
        kind: UnitKind | None = None,
        parent_code: str | None = None,
        kinds: UnitKindsFilter = None,
        org_performance_levels: Annotated[
            list[OrgPerformanceLevel] | None,
            strawberry.argument(
                description="Salah satu predikat organisasi ini / any of these organisation "
                "performance levels."
            ),
        ] = None,
        sample_sufficient: Annotated[
            bool | None,
            strawberry.argument(description=_SAMPLE),
        ] = None,
        order_by: Annotated[
            UnitOrder | None,
            strawberry.argument(description="Urutan; bawaan NAME / order; NAME by default."),
        ] = None,
        descending: bool = False,
        first: Annotated[int | None, strawberry.argument(description=_FIRST)] = None,
        after: Annotated[str | None, strawberry.argument(description=_AFTER)] = None,
    ) -> UnitStatisticsConnection:
        start, size = _page_bounds(first, after)
        check_list(kinds, "kinds")
        check_list(org_performance_levels, "orgPerformanceLevels")
        rows = list((await self._snapshot(info)).units)
        if kind is not None:
            rows = [r for r in rows if r.kind == kind.value]
        if kinds is not None:
            wanted_kinds = {k.value for k in kinds}
            rows = [r for r in rows if r.kind in wanted_kinds]
        if org_performance_levels is not None:
            wanted_levels = {p.name for p in org_performance_levels}
            rows = [r for r in rows if r.org_performance in wanted_levels]
        if sample_sufficient is not None:
            rows = [r for r in rows if r.survey.sample_sufficient is sample_sufficient]
        if parent_code is not None:
            wanted = parent_code.strip().upper()
            rows = [r for r in rows if r.parent_code == wanted]
        rows.sort(key=lambda r: r.code or "")
        if order_by is None or order_by is UnitOrder.NAME:
            rows.sort(key=lambda r: r.name, reverse=descending)
        elif order_by is UnitOrder.CODE:
            rows.sort(key=lambda r: r.code or "", reverse=descending)
        else:
            metric = _sort_key(order_by)
            present = [r for r in rows if metric(r) is not None]  # type: ignore[operator]
            absent = [r for r in rows if metric(r) is None]  # type: ignore[operator]
            present.sort(key=metric, reverse=descending)  # type: ignore[arg-type]
            rows = present + absent  # withheld values last, whatever the direction
        page = rows[start : start + size]
        edges = [
            UnitStatisticsEdge(cursor=_cursor(start + i), node=await self._named(info, r))
            for i, r in enumerate(page)
        ]
        return UnitStatisticsConnection(
            total_count=len(rows),
            page_info=PageInfo(
                has_next_page=start + size < len(rows),
                end_cursor=edges[-1].cursor if edges else None,
            ),
            edges=edges,
        )

    @strawberry.field(description="Satu unit menurut kode / one unit by code.")
    async def unit(self, info: Info, code: str) -> UnitStatistics | None:
        figure = (await self._snapshot(info)).unit(code.strip().upper())
        return None if figure is None else await self._named(info, figure)

    @strawberry.field(description="Layanan publik dengan IKM / public services with their index.")
    async def services(
        self,
        info: Info,
        unit_code: str | None = None,
        unit_kinds: Annotated[
            list[UnitKind] | None,
            strawberry.argument(
                description="Layanan unit dengan salah satu jenis ini / services of units of "
                "any of these kinds."
            ),
        ] = None,
        sample_sufficient: Annotated[
            bool | None,
            strawberry.argument(description=_SAMPLE),
        ] = None,
        first: Annotated[int | None, strawberry.argument(description=_FIRST)] = None,
        after: Annotated[str | None, strawberry.argument(description=_AFTER)] = None,
    ) -> ServiceStatisticsConnection:
        start, size = _page_bounds(first, after)
        check_list(unit_kinds, "unitKinds")
        snapshot = await self._snapshot(info)
        rows = list(snapshot.services)
        if unit_code is not None:
            wanted = unit_code.strip().upper()
            rows = [r for r in rows if r.unit_code == wanted]
        if unit_kinds is not None:
            wanted_kinds = {k.value for k in unit_kinds}
            rows = [r for r in rows if (u := snapshot.unit(r.unit_code)) and u.kind in wanted_kinds]
        if sample_sufficient is not None:
            rows = [r for r in rows if r.survey.sample_sufficient is sample_sufficient]
        page = rows[start : start + size]
        edges = [
            ServiceStatisticsEdge(
                cursor=_cursor(start + i),
                node=service_statistics(r, _unit_name(snapshot, r.unit_code)),
            )
            for i, r in enumerate(page)
        ]
        return ServiceStatisticsConnection(
            total_count=len(rows),
            page_info=PageInfo(
                has_next_page=start + size < len(rows),
                end_cursor=edges[-1].cursor if edges else None,
            ),
            edges=edges,
        )


@strawberry.type(description="Definisi satu angka / definition of one figure.")
class MethodologyDefinition:
    key: str = strawberry.field(description="Nama kolom/medan / column or field name.")
    formula: str = strawberry.field(description="Rumus / formula.")
    description_id: str = strawberry.field(description="Penjelasan (Indonesia) / in Indonesian.")
    description_en: str = strawberry.field(description="Penjelasan (Inggris) / in English.")


@strawberry.type(
    description="Metodologi: rumus, ambang, lisensi, kontak / methodology: formulas, "
    "thresholds, licence, contact."
)
class Methodology:
    version: str = strawberry.field(description="Versi metodologi / methodology version.")
    headcount_threshold: int = strawberry.field(
        description="Ambang jumlah orang saat ini / current head-count threshold."
    )
    distribution_threshold: int = strawberry.field(
        description="Ambang persentase/rata-rata/sebaran saat ini / current threshold for "
        "percentages, averages and distributions."
    )
    licence: str = strawberry.field(description="Lisensi data / data licence.")
    licence_url: str = strawberry.field(description="Tautan lisensi / licence URL.")
    contact: str = strawberry.field(description="Kontak / contact.")
    definitions: list[MethodologyDefinition] = strawberry.field(
        description="Definisi setiap angka / definition of each figure."
    )


@strawberry.type(description="Kueri rilis data publik / queries over published releases.")
class ReleaseQuery:
    @strawberry.field(description="Semua rilis, terbaru dulu / all releases, newest first.")
    async def releases(self, info: Info) -> list[DataRelease]:
        return [DataRelease(info=r) for r in await info.context.releases()]

    @strawberry.field(description="Satu rilis menurut nomor / one release by number.")
    async def release(self, info: Info, number: int) -> DataRelease | None:
        found = next((r for r in await info.context.releases() if r.number == number), None)
        return None if found is None else DataRelease(info=found)

    @strawberry.field(
        description="Rilis berlaku untuk periode terbaru (bukan yang terakhir terbit) / the "
        "current release of the newest period (not the last one published)."
    )
    async def latest_release(self, info: Info) -> DataRelease | None:
        found = read.latest_of(await info.context.releases())
        return None if found is None else DataRelease(info=found)

    @strawberry.field(
        description="Satu unit di semua rilis dengan satu perincian periode, urut awal periode "
        "(deret waktu); rilis yang sudah digantikan dilewati kecuali diminta / one unit across "
        "releases of one granularity, ordered by period start (time series); superseded "
        "releases skipped unless asked for."
    )
    async def unit_time_series(
        self,
        info: Info,
        code: str,
        include_superseded: bool = False,
        granularity: Annotated[
            PeriodGranularity | None,
            strawberry.argument(
                description="YEAR, SEMESTER, QUARTER, MONTH, RANGE; bawaan: perincian rilis "
                "terbaru / default: the granularity of the latest release."
            ),
        ] = None,
    ) -> list[UnitStatistics]:
        releases = await info.context.releases()
        replaced = {r.number for r in releases if r.superseded_by_number}
        if granularity is None:
            latest = read.latest_of(releases)
            wanted = read.granularity(latest.period_code) if latest else "YEAR"
        else:
            wanted = granularity.value
        start = {r.number: (r.period_start, r.number) for r in releases}
        series = await read.unit_series(info.context.db, code.strip().upper())
        chosen = [
            f
            for f in series
            if (include_superseded or f.release_number not in replaced)
            and read.granularity(f.period_code) == wanted
        ]
        chosen.sort(key=lambda f: start[f.release_number])
        out: list[UnitStatistics] = []
        for f in chosen:
            snapshot = await info.context.snapshot(f.release_number)
            parent = snapshot.unit(f.parent_code) if snapshot and f.parent_code else None
            out.append(unit_statistics(f, parent.name if parent else None))
        return out

    @strawberry.field(description="Metodologi / methodology.")
    def methodology(self, info: Info) -> Methodology:
        s = info.context.settings
        return Methodology(
            version=METHODOLOGY_VERSION,
            headcount_threshold=s.disclosure_min_headcount,
            distribution_threshold=s.disclosure_min_distribution,
            licence=s.data_licence,
            licence_url=s.data_licence_url,
            contact=s.contact,
            definitions=[fill_type(MethodologyDefinition, d) for d in DEFINITIONS],
        )
