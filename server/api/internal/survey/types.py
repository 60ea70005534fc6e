"""GraphQL types of survey administration. Hand-written: no respondent data beyond the comment.

A comment is shown with its service and date only; the answers of that respondent are never
joined to it, and nothing here rates a person.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from fractions import Fraction
from typing import TYPE_CHECKING, TypeAlias

import strawberry

from server.api.enums import CommentStatus, TextReview
from server.api.fill import fill_type
from server.api.internal.types import Info, Unit
from server.db import models
from server.domain.ikm import BAND_LABELS, Unsur
from server.domain.ikm import Band as DomainBand
from server.services.survey import ikm as ikm_service
from server.services.survey.moderation import CommentRow
from server.services.survey.qr import survey_url

# The domain's nine elements, registered as the GraphQL enum SurveyUnsur (as server/api/enums.py
# does for the other domain enums: the type checker sees the domain class itself).
if TYPE_CHECKING:
    SurveyUnsur: TypeAlias = Unsur
else:
    SurveyUnsur = strawberry.enum(
        Unsur, name="SurveyUnsur", description="Unsur SKM (PermenPANRB 14/2017) / SKM element."
    )


@strawberry.enum(
    description="Mutu pelayanan menurut nilai konversi IKM: A Sangat Baik (88,31–100), B Baik "
    "(76,61–88,30), C Kurang Baik (65,00–76,60), D Tidak Baik (25,00–64,99)."
)
class IkmBand(Enum):
    A = "A"
    B = "B"
    C = "C"
    D = "D"


def _decimal(value: Fraction | None, places: int) -> Decimal | None:
    if value is None:
        return None
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _band(band: DomainBand | None) -> IkmBand | None:
    return None if band is None else IkmBand(band.value)


@strawberry.type(description="Jenis layanan satu unit beserta tautan surveinya / a public service.")
class SurveyService:
    id: strawberry.ID
    code: str
    name: str
    description: str | None
    active: bool
    version: int
    text_review: TextReview = strawberry.field(
        description="Penyaringan nama/NIP petugas pada nama dan deskripsi: selain BERSIH dan "
        "DISETUJUI, publik melihat kode sebagai nama dan tanpa deskripsi."
    )
    survey_token: str = strawberry.field(
        description="Token tautan survei (acak); ganti dengan rotateSurveyToken bila bocor."
    )
    unit_id: strawberry.Private[int]

    @classmethod
    def from_model(cls, s: models.PublicService) -> SurveyService:
        return fill_type(cls, s)

    @strawberry.field(description="Tautan survei publik (alamat lengkap) / public survey link.")
    def survey_url(self, info: Info) -> str:
        return survey_url(info.context.settings.public_base_url, self.survey_token)

    @strawberry.field(description="Kode QR tautan survei (SVG, untuk dicetak).")
    def qr_svg_path(self) -> str:
        return f"/public/survey/{self.survey_token}/qr.svg"

    @strawberry.field(description="Kode QR tautan survei (PNG).")
    def qr_png_path(self) -> str:
        return f"/public/survey/{self.survey_token}/qr.png"

    @strawberry.field(description="Unit pemilik layanan.")
    async def unit(self, info: Info) -> Unit | None:
        unit = await info.context.loaders.unit.load(self.unit_id)
        return Unit.from_model(unit) if unit else None


@strawberry.type(description="Jumlah pengguna layanan satu bulan (populasi N untuk sampel).")
class ServiceUserCount:
    service_id: strawberry.ID
    year: int
    month: int
    users: int

    @classmethod
    def from_model(cls, row: models.ServiceUserCount) -> ServiceUserCount:
        return fill_type(cls, row)


@strawberry.type(description="Rencana tindak lanjut hasil SKM satu unit / follow-up action.")
class SurveyFollowUp:
    id: strawberry.ID
    year: int
    unsur: SurveyUnsur | None
    action: str
    target_date: date | None
    done: bool
    review: TextReview = strawberry.field(
        description="Penyaringan nama/NIP petugas: hanya BERSIH dan DISETUJUI yang terbit."
    )
    unit_id: strawberry.Private[int]

    @classmethod
    def from_model(cls, row: models.SurveyFollowUp) -> SurveyFollowUp:
        return fill_type(cls, row, unsur=None if row.unsur is None else SurveyUnsur(row.unsur))

    @strawberry.field(description="Unit yang menindaklanjuti.")
    async def unit(self, info: Info) -> Unit | None:
        unit = await info.context.loaders.unit.load(self.unit_id)
        return Unit.from_model(unit) if unit else None


@strawberry.type(
    description="Komentar responden survei (anonim). Tidak pernah menjadi penilaian atas seseorang."
)
class SurveyComment:
    id: strawberry.ID = strawberry.field(description="ID jawaban survei pemilik komentar.")
    service_id: strawberry.ID
    service_code: str
    service_name: str
    submitted_at: datetime
    comment: str
    status: CommentStatus
    reason: str | None = strawberry.field(description="Alasan keputusan moderasi.")
    unit_id: strawberry.Private[int]

    @classmethod
    def from_row(cls, row: CommentRow) -> SurveyComment:
        return fill_type(cls, row, id=strawberry.ID(str(row.response_id)))

    @strawberry.field(description="Unit pemilik layanan.")
    async def unit(self, info: Info) -> Unit | None:
        unit = await info.context.loaders.unit.load(self.unit_id)
        return Unit.from_model(unit) if unit else None


@strawberry.type(description="Nilai satu unsur: NRR (rata-rata 1–4) atas jawaban sah.")
class IkmUnsurValue:
    unsur: SurveyUnsur
    name: str
    answers: int = strawberry.field(description="Jumlah jawaban sah unsur ini.")
    nrr: Decimal | None = strawberry.field(description="NRR, tiga desimal; null bila belum ada.")


@strawberry.type(description="IKM satu bulan dalam periode (tren).")
class IkmTrendPoint:
    year: int
    month: int
    responses: int
    converted: Decimal | None
    band: IkmBand | None


@strawberry.type(
    description="Indeks Kepuasan Masyarakat satu layanan, unit (beserta sub-unitnya) atau "
    "instansi dalam satu periode. Hasil selalu ditampilkan; sampleSufficient hanya memberi tahu "
    "apakah jumlah responden sudah memenuhi sampel Krejcie–Morgan."
)
class IkmReport:
    period_start: date
    period_end: date
    responses: int
    unsur: list[IkmUnsurValue]
    ikm: Decimal | None = strawberry.field(
        description="Σ NRR × 1/9 (bobot tepat 1/9), empat desimal; null bila ada unsur tanpa jawaban."
    )
    converted: Decimal | None = strawberry.field(description="IKM × 25, dua desimal.")
    band: IkmBand | None
    band_label: str | None = strawberry.field(description="Mis. 'Baik'.")
    population: int | None = strawberry.field(
        description="Jumlah pengguna layanan yang diisi untuk bulan-bulan periode (N); null bila "
        "belum diisi."
    )
    required_sample: int | None = strawberry.field(description="Sampel minimum Krejcie–Morgan.")
    sample_sufficient: bool | None = strawberry.field(
        description="Responden ≥ sampel minimum; null bila N belum diisi. False: 'sampel belum "
        "memenuhi'."
    )
    trend: list[IkmTrendPoint]

    @classmethod
    def from_summary(cls, s: ikm_service.IkmSummary) -> IkmReport:
        return fill_type(
            cls,
            s,
            period_start=s.period.start,
            period_end=s.period.end,
            unsur=[
                IkmUnsurValue(
                    unsur=SurveyUnsur(u.unsur.value),
                    name=u.name,
                    answers=u.answers,
                    nrr=_decimal(u.nrr, 3),
                )
                for u in s.unsur
            ],
            ikm=_decimal(s.ikm, 4),
            band=_band(s.band),
            band_label=None if s.band is None else BAND_LABELS[s.band],
            trend=[fill_type(IkmTrendPoint, t, band=_band(t.band)) for t in s.trend],
        )
