"""Publishing public data releases (BKPSDM). There is no mutation to change or delete one."""

from __future__ import annotations

from datetime import datetime

import strawberry

from server.api.internal.payloads import run_mutation
from server.api.internal.types import Info, Payload
from server.services.releases.publish import (
    PublishedRelease,
    options_from_settings,
    publish_release,
)


@strawberry.type(description="Rilis data publik yang baru diterbitkan.")
class PublishedDataRelease:
    number: int
    period_code: str
    published_at: datetime
    supersedes_number: int | None
    units: int
    services: int

    @staticmethod
    def from_result(r: PublishedRelease) -> PublishedDataRelease:
        return PublishedDataRelease(
            number=r.number,
            period_code=r.period_code,
            published_at=r.published_at,
            supersedes_number=r.supersedes_number,
            units=r.units,
            services=r.services,
        )


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
            info.context.settings, supersede=input.supersede, note=input.note
        )
        return await run_mutation(
            publish_release(info.context.db, info.context.actor, input.period, options),
            PublishedDataRelease.from_result,
        )
