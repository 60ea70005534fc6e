"""Writes of continuous feedback. Expected failures come back as data in ``errors``."""

from __future__ import annotations

from datetime import date

import strawberry

from server.api.enums import CoreValue, FeedbackTarget
from server.api.internal.feedback.types import Feedback, FeedbackPhrase, PerformanceDialogue
from server.api.internal.payloads import parse_id, require_id, run_mutation
from server.api.internal.types import Info, Payload
from server.db import models
from server.services import feedback as service
from server.services.validation import UNSET


@strawberry.input(description="Umpan balik baru, atau balasan (parentId) pada sasaran yang sama.")
class AddFeedbackInput:
    plan_id: strawberry.ID
    target: FeedbackTarget
    target_id: strawberry.ID | None = strawberry.field(
        default=None, description="ID RHK, IKI atau realisasi (wajib untuk sasaran itu)."
    )
    target_value: CoreValue | None = strawberry.field(
        default=None, description="Nilai BerAKHLAK (wajib untuk sasaran PERILAKU)."
    )
    parent_id: strawberry.ID | None = None
    text: str | None = strawberry.field(
        default=None, description="Isi umpan balik; boleh kosong bila frasa baku dipilih."
    )
    phrase_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Frasa baku (khusus penilai); teks sendiri ditambahkan di bawahnya.",
    )


@strawberry.type(description="Sampai umpan balik mana sebuah utas sudah Anda baca.")
class FeedbackReadMark:
    plan_id: strawberry.ID
    target: FeedbackTarget
    target_id: strawberry.ID | None
    target_value: CoreValue | None
    read_up_to: strawberry.ID | None = strawberry.field(
        description="Umpan balik terakhir yang kini terbaca; null bila utas masih kosong."
    )

    @classmethod
    def from_result(cls, marked: service.MarkedRead) -> FeedbackReadMark:
        thread = marked.thread
        return cls(
            plan_id=strawberry.ID(str(thread.plan_id)),
            target=thread.target,
            target_id=None if thread.target_id is None else strawberry.ID(str(thread.target_id)),
            target_value=thread.target_value,
            read_up_to=None if marked.read_up_to is None else strawberry.ID(str(marked.read_up_to)),
        )


@strawberry.input(description="Frasa umpan balik baku baru.")
class CreateFeedbackPhraseInput:
    text: str


@strawberry.input(description="Perubahan frasa baku; kolom yang tidak diisi tidak berubah.")
class UpdateFeedbackPhraseInput:
    id: strawberry.ID
    text: str | None = None
    active: bool | None = None


@strawberry.input(description="Catatan dialog kinerja.")
class RecordPerformanceDialogueInput:
    plan_id: strawberry.ID
    held_on: date
    summary: str
    participant_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="Pegawai peserta (yang berhak membaca SKP)."
    )
    guest_names: list[str] = strawberry.field(
        default_factory=list, description="Peserta lain, nama bebas."
    )
    follow_ups: str | None = strawberry.field(
        default=None, description="Tindak lanjut yang disepakati."
    )


async def _add_feedback(info: Info, data: AddFeedbackInput) -> models.Feedback:
    return await service.add_feedback(
        info.context.db,
        info.context.actor,
        service.FeedbackInput(
            plan_id=require_id(data.plan_id, "planId"),
            target=data.target,
            target_id=parse_id(data.target_id, "targetId"),
            target_value=data.target_value,
            parent_id=parse_id(data.parent_id, "parentId"),
            text=data.text,
            phrase_id=parse_id(data.phrase_id, "phraseId"),
        ),
        today=info.context.today,
    )


async def _mark_read(
    info: Info,
    plan_id: strawberry.ID,
    target: FeedbackTarget,
    target_id: strawberry.ID | None,
    target_value: CoreValue | None,
) -> service.MarkedRead:
    return await service.mark_feedback_read(
        info.context.db,
        info.context.actor,
        service.FeedbackThread(
            plan_id=require_id(plan_id, "planId"),
            target=target,
            target_id=parse_id(target_id, "targetId"),
            target_value=target_value,
        ),
        today=info.context.today,
    )


async def _update_phrase(info: Info, data: UpdateFeedbackPhraseInput) -> models.FeedbackPhrase:
    return await service.update_phrase(
        info.context.db,
        info.context.actor,
        require_id(data.id, "id"),
        service.PhraseChanges(
            text=UNSET if data.text is None else data.text,
            active=UNSET if data.active is None else data.active,
        ),
    )


async def _record_dialogue(
    info: Info, data: RecordPerformanceDialogueInput
) -> models.PerformanceDialogue:
    return await service.record_dialogue(
        info.context.db,
        info.context.actor,
        service.DialogueInput(
            plan_id=require_id(data.plan_id, "planId"),
            held_on=data.held_on,
            summary=data.summary,
            participant_employee_ids=tuple(
                require_id(raw, "participantIds") for raw in data.participant_ids
            ),
            guest_names=tuple(data.guest_names),
            follow_ups=data.follow_ups,
        ),
        today=info.context.today,
    )


@strawberry.type
class FeedbackMutation:
    @strawberry.mutation(description="Beri umpan balik atau balas umpan balik pada SKP.")
    async def add_feedback(self, info: Info, input: AddFeedbackInput) -> Payload[Feedback]:
        return await run_mutation(_add_feedback(info, input), Feedback.from_model)

    @strawberry.mutation(
        description="Tandai semua umpan balik satu utas (SKP, RHK, IKI, realisasi atau nilai "
        "perilaku) sudah Anda baca."
    )
    async def mark_feedback_read(
        self,
        info: Info,
        plan_id: strawberry.ID,
        target: FeedbackTarget,
        target_id: strawberry.ID | None = None,
        target_value: CoreValue | None = None,
    ) -> Payload[FeedbackReadMark]:
        return await run_mutation(
            _mark_read(info, plan_id, target, target_id, target_value),
            FeedbackReadMark.from_result,
        )

    @strawberry.mutation(description="Tambah frasa umpan balik baku (Admin BKPSDM).")
    async def create_feedback_phrase(
        self, info: Info, input: CreateFeedbackPhraseInput
    ) -> Payload[FeedbackPhrase]:
        return await run_mutation(
            service.create_phrase(info.context.db, info.context.actor, input.text),
            FeedbackPhrase.from_model,
        )

    @strawberry.mutation(
        description="Ubah, nonaktifkan atau aktifkan lagi frasa baku (Admin BKPSDM)."
    )
    async def update_feedback_phrase(
        self, info: Info, input: UpdateFeedbackPhraseInput
    ) -> Payload[FeedbackPhrase]:
        return await run_mutation(_update_phrase(info, input), FeedbackPhrase.from_model)

    @strawberry.mutation(description="Catat dialog kinerja (pegawai atau Pejabat Penilai Kinerja).")
    async def record_performance_dialogue(
        self, info: Info, input: RecordPerformanceDialogueInput
    ) -> Payload[PerformanceDialogue]:
        return await run_mutation(_record_dialogue(info, input), PerformanceDialogue.from_model)
