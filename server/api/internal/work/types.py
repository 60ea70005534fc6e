"""GraphQL types of the work module (hand-written; rows are scoped before they get here)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import strawberry

from server.api.enums import EvidenceKind, RealizationStatus
from server.api.fill import fill_type
from server.api.internal.types import Info
from server.db import models
from server.domain import enums as domain
from server.services.work.evidence import EvidenceView


def download_url(evidence_id: int) -> str:
    return f"/api/evidence/{evidence_id}"


@strawberry.type(name="Evidence", description="Bukti dukung: berkas unggahan atau tautan.")
class EvidenceItem:
    id: strawberry.ID
    kind: EvidenceKind
    name: str | None = strawberry.field(description="Nama berkas asli (sudah dibersihkan).")
    title: str | None
    size: int | None = strawberry.field(description="Ukuran berkas dalam bita.")
    media_type: str | None = strawberry.field(description="Jenis berkas menurut isinya.")
    url: str | None = strawberry.field(description="Tautan (untuk bukti berupa tautan).")
    download_url: str | None = strawberry.field(description="Alamat unduh (untuk berkas).")
    added_at: datetime

    @classmethod
    def from_view(cls, v: EvidenceView) -> EvidenceItem:
        is_file = v.kind is domain.EvidenceKind.FILE
        return cls(
            id=strawberry.ID(str(v.id)),
            kind=v.kind,
            name=v.name if is_file else v.title,
            title=v.title,
            size=v.size,
            media_type=v.media_type,
            url=v.url,
            download_url=download_url(v.id) if is_file else None,
            added_at=v.added_at,
        )


@strawberry.type(name="ActionPlan", description="Rencana aksi satu RHK pada satu periode.")
class ActionPlanItem:
    id: strawberry.ID
    work_result_id: strawberry.ID
    period_id: strawberry.ID
    text: str
    updated_at: datetime

    @classmethod
    def from_model(cls, row: models.ActionPlan) -> ActionPlanItem:
        return fill_type(cls, row)


@strawberry.type(name="Realization", description="Realisasi satu IKI pada satu periode.")
class RealizationItem:
    id: strawberry.ID
    indicator_id: strawberry.ID
    period_id: strawberry.ID
    value: Decimal | None
    description: str = strawberry.field(description="Dasar realisasi.")
    status: RealizationStatus
    confirmed_at: datetime | None
    version: int
    updated_at: datetime

    @classmethod
    def from_model(cls, row: models.Realization) -> RealizationItem:
        return fill_type(cls, row)

    @strawberry.field(description="Bukti dukung yang masih berlaku, terlama lebih dahulu.")
    async def evidence(self, info: Info) -> list[EvidenceItem]:
        views = await info.context.loaders.work.evidence_of_realization.load(int(self.id))
        return [EvidenceItem.from_view(v) for v in views]

    @strawberry.field(description="Jumlah bukti dukung yang masih berlaku.")
    async def evidence_count(self, info: Info) -> int:
        return await info.context.loaders.work.evidence_count_of_realization.load(int(self.id))


@strawberry.type(name="WorkLogEntry", description="Catatan kerja harian.")
class WorkLogEntryItem:
    id: strawberry.ID
    plan_id: strawberry.ID
    work_result_id: strawberry.ID | None
    indicator_id: strawberry.ID | None
    work_date: date
    text: str
    minutes_spent: int | None
    quantity: Decimal | None
    updated_at: datetime

    @classmethod
    def from_model(cls, row: models.WorkLogEntry) -> WorkLogEntryItem:
        return fill_type(cls, row)

    @strawberry.field(description="Bukti dukung yang masih berlaku.")
    async def evidence(self, info: Info) -> list[EvidenceItem]:
        views = await info.context.loaders.work.evidence_of_work_log_entry.load(int(self.id))
        return [EvidenceItem.from_view(v) for v in views]


@strawberry.type(
    name="DeletedWorkItem",
    description="Rencana aksi, catatan kerja atau bukti dukung yang dihapus.",
)
class Deleted:
    id: strawberry.ID
