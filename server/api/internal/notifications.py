"""In-app notifications (notifikasi) in the internal API: always and only the signed-in
employee's own."""

from __future__ import annotations

from datetime import datetime

import strawberry

from server.api.fill import fill_type
from server.api.internal.payloads import require_id, run_mutation
from server.api.internal.types import (
    Connection,
    Info,
    Payload,
    decode_cursor,
    make_connection,
    page_size,
)
from server.db import models
from server.services import notifications as service


@strawberry.type(description="Notifikasi dalam aplikasi (mis. pengingat harian).")
class Notification:
    id: strawberry.ID
    kind: str = strawberry.field(
        description="Jenis, mis. PENGINGAT_PERSETUJUAN_SKP, PENGINGAT_REALISASI, "
        "PENGINGAT_PENILAIAN, PENGINGAT_KEBERATAN, PENGINGAT_PEMBINAAN, KEBERATAN_DIAJUKAN."
    )
    message: str
    link: str | None = strawberry.field(description="Alamat halaman terkait di portal.")
    created_at: datetime
    read_at: datetime | None

    @strawberry.field(description="Sudah dibaca.")
    def read(self) -> bool:
        return self.read_at is not None

    @classmethod
    def from_model(cls, row: models.Notification) -> Notification:
        return fill_type(cls, row)


@strawberry.type(description="Hasil menandai notifikasi sebagai dibaca.")
class NotificationsRead:
    marked_count: int = strawberry.field(description="Notifikasi yang baru ditandai dibaca.")
    unread_count: int = strawberry.field(description="Notifikasi yang masih belum dibaca.")


@strawberry.type
class NotificationQuery:
    @strawberry.field(description="Notifikasi Anda, terbaru lebih dahulu.")
    async def my_notifications(
        self,
        info: Info,
        unread_only: bool = False,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Notification]:
        limit = page_size(first)
        offset = decode_cursor(after)
        rows, total = await service.list_notifications(
            info.context.db, info.context.actor, unread_only=unread_only, offset=offset, limit=limit
        )
        return make_connection(
            [Notification.from_model(r) for r in rows], offset=offset, total=total
        )

    @strawberry.field(description="Jumlah notifikasi Anda yang belum dibaca.")
    async def unread_notification_count(self, info: Info) -> int:
        return await service.unread_count(info.context.db, info.context.actor)


async def _mark_notifications_read(
    info: Info, ids: list[strawberry.ID] | None = None
) -> service.MarkReadResult:
    parsed = None if ids is None else [require_id(raw, "ids") for raw in ids]
    return await service.mark_read(info.context.db, info.context.actor, parsed)


@strawberry.type
class NotificationMutation:
    @strawberry.mutation(
        description="Tandai notifikasi Anda sebagai dibaca; tanpa ids: semuanya. Satu id yang "
        "bukan milik Anda menggagalkan seluruh permintaan."
    )
    async def mark_notifications_read(
        self, info: Info, ids: list[strawberry.ID] | None = None
    ) -> Payload[NotificationsRead]:
        return await run_mutation(
            _mark_notifications_read(info, ids),
            lambda r: NotificationsRead(marked_count=r.marked, unread_count=r.unread),
        )
