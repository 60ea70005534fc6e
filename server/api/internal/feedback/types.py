"""GraphQL types of continuous feedback: comments, standard phrases and dialog kinerja."""

from __future__ import annotations

import asyncio
from datetime import date, datetime

import strawberry

from server.api.enums import CoreValue, FeedbackTarget
from server.api.fill import fill_type
from server.api.internal.types import Employee, Info
from server.db import models
from server.services import feedback as service


@strawberry.type(description="Frasa umpan balik baku yang dapat dipilih penilai.")
class FeedbackPhrase:
    id: strawberry.ID
    text: str
    active: bool

    @classmethod
    def from_model(cls, phrase: models.FeedbackPhrase) -> FeedbackPhrase:
        return fill_type(cls, phrase)


@strawberry.type(
    description="Umpan balik berkelanjutan atas SKP, RHK, IKI, realisasi atau nilai perilaku. "
    "Tidak pernah diubah; koreksi berupa balasan."
)
class Feedback:
    id: strawberry.ID
    plan_id: strawberry.ID
    target: FeedbackTarget
    target_id: strawberry.ID | None = strawberry.field(
        description="ID RHK, IKI atau realisasi; null untuk SKP dan perilaku."
    )
    target_value: CoreValue | None = strawberry.field(description="Nilai BerAKHLAK (perilaku).")
    parent_id: strawberry.ID | None = strawberry.field(description="Umpan balik yang dibalas.")
    text: str
    created_at: datetime
    author_id: strawberry.Private[int]
    phrase_id: strawberry.Private[int | None]
    plan_pk: strawberry.Private[int]
    thread: strawberry.Private[tuple[str, str]]

    @classmethod
    def from_model(cls, row: models.Feedback) -> Feedback:
        return fill_type(
            cls,
            row,
            target_value=CoreValue(row.target_value) if row.target_value else None,
            author_id=row.author_employee_id,
            plan_pk=row.plan_id,
            thread=(row.target.value, service.thread_key(row.target_id, row.target_value)),
        )

    @strawberry.field(
        description="Sudah dibaca oleh Anda (umpan balik Anda sendiri selalu sudah dibaca)."
    )
    async def read(self, info: Info) -> bool:
        reader = info.context.actor.employee_id
        if reader is None or reader == self.author_id:
            return True
        markers = await info.context.loaders.feedback.read_markers(reader, self.plan_pk)
        return markers.get((self.plan_pk, *self.thread), 0) >= int(self.id)

    @strawberry.field(description="Penulis umpan balik.")
    async def author(self, info: Info) -> Employee | None:
        return await Employee.load(info, self.author_id)

    @strawberry.field(description="Frasa baku yang dipilih, bila ada.")
    async def phrase(self, info: Info) -> FeedbackPhrase | None:
        if self.phrase_id is None:
            return None
        row = await info.context.loaders.feedback.phrase.load(self.phrase_id)
        return FeedbackPhrase.from_model(row) if row else None


@strawberry.type(description="Catatan dialog kinerja antara pegawai dan Pejabat Penilai Kinerja.")
class PerformanceDialogue:
    id: strawberry.ID
    plan_id: strawberry.ID
    held_on: date
    summary: str
    follow_ups: str | None = strawberry.field(description="Tindak lanjut yang disepakati.")
    guest_names: list[str] = strawberry.field(description="Peserta lain (bukan pegawai).")
    created_at: datetime
    participant_ids: strawberry.Private[list[int]]
    recorded_by_id: strawberry.Private[int]

    @classmethod
    def from_model(cls, row: models.PerformanceDialogue) -> PerformanceDialogue:
        return fill_type(
            cls,
            row,
            guest_names=service.guest_names(row),
            participant_ids=service.participant_ids(row),
            recorded_by_id=row.recorded_by_employee_id,
        )

    @strawberry.field(description="Pegawai peserta dialog.")
    async def participants(self, info: Info) -> list[Employee]:
        # Gathered, not awaited one by one: the loader then fetches them in one batch.
        found = await asyncio.gather(*(Employee.load(info, i) for i in self.participant_ids))
        return [e for e in found if e is not None]

    @strawberry.field(description="Pegawai yang mencatat dialog.")
    async def recorded_by(self, info: Info) -> Employee | None:
        return await Employee.load(info, self.recorded_by_id)
