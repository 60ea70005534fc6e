"""Publishing public data releases (BKPSDM). There is no mutation to change or delete one."""

from __future__ import annotations

from datetime import datetime

import strawberry

from server.api.fill import fill_type
from server.api.graphql_common import ExpectedGraphQLError
from server.api.internal.payloads import run_mutation
from server.api.internal.types import Info, Payload
from server.domain.enums import Role
from server.services.errors import ServiceError
from server.services.releases import preview as preview_service
from server.services.releases.publish import (
    PublishedRelease,
    options_from_settings,
    publish_release,
)
from server.services.releases.read import ReleaseInfo, list_releases

MAX_PERIOD_TEXT = 40


@strawberry.type(description="Rilis data publik yang baru diterbitkan.")
class PublishedDataRelease:
    number: int
    period_code: str
    published_at: datetime
    supersedes_number: int | None
    units: int
    services: int
    provisional: bool

    @staticmethod
    def from_result(r: PublishedRelease) -> PublishedDataRelease:
        return fill_type(PublishedDataRelease, r)


@strawberry.input(description="Terbitkan rilis data publik untuk satu periode.")
class PublishReleaseInput:
    period: str = strawberry.field(
        description="Periode: 2026, 2026-S1, 2026-Q2, 2026-M04 atau 2026-01-01..2026-03-31."
    )
    supersede: bool = strawberry.field(
        default=False,
        description="Terbitkan ulang periode yang sudah dirilis (rilis pengganti, nomor baru).",
    )
    note: str | None = strawberry.field(default=None, description="Catatan rilis (mis. koreksi).")
    provisional: bool = strawberry.field(
        default=False,
        description="Rilis sementara: periode belum berakhir atau tahun penilaian belum dibuka "
        "(ditandai sementara di API publik).",
    )


@strawberry.type
class ReleaseMutation:
    @strawberry.mutation(
        description="Terbitkan rilis data publik yang tetap (Admin BKPSDM). Rilis tidak dapat "
        "diubah; koreksi = rilis pengganti."
    )
    async def publish_release(
        self, info: Info, input: PublishReleaseInput
    ) -> Payload[PublishedDataRelease]:
        options = options_from_settings(
            info.context.settings,
            supersede=input.supersede,
            note=input.note,
            provisional=input.provisional,
        )
        return await run_mutation(
            publish_release(info.context.db, info.context.actor, input.period, options),
            PublishedDataRelease.from_result,
        )


@strawberry.type(description="Sel yang disembunyikan pada satu tabel rilis.")
class WithheldCells:
    table: str
    cells_withheld: int
    cells_added: int = strawberry.field(
        description="Sel yang ditambahkan audit pengungkapan setelah penekanan komplementer."
    )


@strawberry.type(
    description="Pratinjau rilis satu periode: apa yang akan publik dan hasil audit "
    "pengungkapan, tanpa menerbitkan apa pun."
)
class ReleasePreview:
    period_code: str
    units: int
    services: int
    headcount: int | None = strawberry.field(
        description="Jumlah pegawai kota seperti akan diterbitkan (null: disembunyikan)."
    )
    cells_withheld: int
    cells_added: int
    linear_programmes: int
    seconds: float = strawberry.field(description="Lama audit pengungkapan (detik).")
    tables: list[WithheldCells]
    current_release_number: int | None = strawberry.field(
        description="Rilis periode ini yang akan digantikan (null: belum pernah dirilis)."
    )
    final_refusal: str | None = strawberry.field(
        description="Mengapa hanya rilis sementara yang dapat diterbitkan sekarang (null: rilis "
        "tetap boleh)."
    )

    @staticmethod
    def from_result(r: preview_service.ReleasePreview) -> ReleasePreview:
        return fill_type(
            ReleasePreview,
            r,
            tables=[fill_type(WithheldCells, t) for t in r.tables],
            current_release_number=r.current_release,
        )


@strawberry.type(description="Satu rilis data publik yang sudah terbit, dengan hasil auditnya.")
class DataReleaseSummary:
    number: int
    period_code: str
    published_at: datetime
    provisional: bool
    note: str | None = strawberry.field(description="Catatan rilis (alasan koreksi).")
    supersedes_number: int | None
    superseded_by_number: int | None
    cells_withheld: int | None = strawberry.field(
        description="Sel yang disembunyikan (null: terbit sebelum audit)."
    )
    cells_added: int | None
    audit_seconds: float | None

    @staticmethod
    def from_info(r: ReleaseInfo) -> DataReleaseSummary:
        total = (r.audit_report or {}).get("total")
        audit = total if isinstance(total, dict) else None
        return fill_type(
            DataReleaseSummary,
            r,
            cells_withheld=int(audit["cells_withheld"]) if audit else None,
            cells_added=int(audit["cells_added"]) if audit else None,
            audit_seconds=float(audit["seconds"]) if audit else None,
        )


def _expected(exc: ServiceError) -> ExpectedGraphQLError:
    return ExpectedGraphQLError(exc.message, extensions={"code": exc.code.value})


@strawberry.type
class ReleaseQuery:
    @strawberry.field(
        description="Semua rilis data publik, terbaru dahulu, dengan status dan hasil audit "
        "pengungkapan (Admin BKPSDM, auditor)."
    )
    async def data_releases(self, info: Info) -> list[DataReleaseSummary]:
        actor = info.context.actor
        if not (actor.has(Role.HR_ADMIN) or actor.has(Role.AUDITOR)):
            raise ExpectedGraphQLError(
                "Hanya BKPSDM dan auditor yang dapat melihat daftar rilis di sini.",
                extensions={"code": "FORBIDDEN"},
            )
        return [DataReleaseSummary.from_info(r) for r in await list_releases(info.context.db)]

    @strawberry.field(
        description="Pratinjau rilis satu periode (Admin BKPSDM): jumlah unit dan layanan, sel "
        "yang disembunyikan dan hasil audit pengungkapan. Tidak menerbitkan apa pun."
    )
    async def release_preview(self, info: Info, period: str) -> ReleasePreview:
        if len(period) > MAX_PERIOD_TEXT:
            raise ExpectedGraphQLError(
                "Periode terlalu panjang.", extensions={"code": "INVALID_INPUT"}
            )
        options = options_from_settings(info.context.settings)
        try:
            result = await preview_service.preview_release(
                info.context.db, info.context.actor, period, options
            )
        except ServiceError as exc:
            raise _expected(exc) from None
        return ReleasePreview.from_result(result)
