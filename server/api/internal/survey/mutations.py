"""Writes of survey administration (Admin BKPSDM, or the unit's pengelola kinerja).

Expected failures come back as data in ``errors``; nothing is changed when there are any.
"""

from __future__ import annotations

from datetime import date

import strawberry

from server.api.enums import CommentStatus, TextReview
from server.api.internal.payloads import maybe_value, require_id, run_mutation
from server.api.internal.survey.types import (
    ServiceUserCount,
    SurveyComment,
    SurveyFollowUp,
    SurveyService,
    SurveyUnsur,
)
from server.api.internal.types import Info, Payload
from server.db import models
from server.services.survey import moderation
from server.services.survey import services as service
from server.services.survey.moderation import CommentRow
from server.services.validation import UNSET


@strawberry.input(description="Jenis layanan baru; tautan survei dibuat otomatis.")
class CreateSurveyServiceInput:
    unit_id: strawberry.ID
    code: str
    name: str
    description: str | None = None


@strawberry.input(description="Perubahan jenis layanan; kolom yang tidak diisi tidak berubah.")
class UpdateSurveyServiceInput:
    id: strawberry.ID
    name: strawberry.Maybe[str] = None
    description: strawberry.Maybe[str | None] = None
    unit_id: strawberry.Maybe[strawberry.ID] = None
    active: strawberry.Maybe[bool] = strawberry.field(
        default=None, description="false: survei ditutup (tautan dan kode QR tidak berlaku)."
    )
    expected_version: int | None = None


@strawberry.input(description="Jumlah pengguna layanan satu bulan (mengganti nilai sebelumnya).")
class SetServiceUserCountInput:
    service_id: strawberry.ID
    year: int
    month: int
    users: int


@strawberry.input(
    description="Keputusan moderator atas rencana tindak lanjut yang ditahan penyaringan."
)
class ReviewSurveyFollowUpInput:
    id: strawberry.ID
    decision: TextReview = strawberry.field(
        description="DISETUJUI (terbit bersama rilis berikutnya) atau DITOLAK (tidak terbit)."
    )
    expected_review: TextReview | None = strawberry.field(
        default=None, description="Status yang Anda lihat; bila sudah berubah, tidak diubah."
    )


@strawberry.input(
    description="Keputusan moderator atas nama/deskripsi layanan yang ditahan penyaringan."
)
class ReviewSurveyServiceTextsInput:
    id: strawberry.ID
    decision: TextReview = strawberry.field(
        description="DISETUJUI (nama dan deskripsi tampil publik) atau DITOLAK (tidak tampil)."
    )
    expected_review: TextReview | None = strawberry.field(
        default=None, description="Status yang Anda lihat; bila sudah berubah, tidak diubah."
    )


@strawberry.input(description="Rencana tindak lanjut baru.")
class CreateSurveyFollowUpInput:
    unit_id: strawberry.ID
    year: int
    action: str
    unsur: SurveyUnsur | None = None
    target_date: date | None = None


@strawberry.input(description="Perubahan rencana tindak lanjut; kolom yang tidak diisi tetap.")
class UpdateSurveyFollowUpInput:
    id: strawberry.ID
    action: strawberry.Maybe[str] = None
    unsur: strawberry.Maybe[SurveyUnsur | None] = None
    target_date: strawberry.Maybe[date | None] = None
    done: strawberry.Maybe[bool] = None


@strawberry.input(description="Keputusan moderasi satu komentar.")
class ModerateSurveyCommentInput:
    id: strawberry.ID = strawberry.field(description="ID jawaban survei pemilik komentar.")
    status: CommentStatus = strawberry.field(
        description="DISETUJUI, DITOLAK atau DITERUSKAN (komentar yang menyebut petugas)."
    )
    expected_status: CommentStatus | None = strawberry.field(
        default=None, description="Status yang Anda lihat; bila sudah berubah, tidak diubah."
    )
    reason: str | None = strawberry.field(
        default=None,
        description="Alasan keputusan (wajib bila DITOLAK: komentar disembunyikan), ≤ 500 karakter.",
    )


@strawberry.type(description="Rencana tindak lanjut yang dihapus.")
class DeletedSurveyFollowUp:
    id: strawberry.ID


async def _create_service(info: Info, data: CreateSurveyServiceInput) -> models.PublicService:
    return await service.create_service(
        info.context.db,
        info.context.actor,
        service.ServiceInput(
            unit_id=require_id(data.unit_id, "unitId"),
            code=data.code,
            name=data.name,
            description=data.description,
        ),
    )


async def _update_service(info: Info, data: UpdateSurveyServiceInput) -> models.PublicService:
    unit_id = maybe_value(data.unit_id)
    return await service.update_service(
        info.context.db,
        info.context.actor,
        require_id(data.id, "id"),
        service.ServiceChanges(
            name=maybe_value(data.name),
            description=maybe_value(data.description),
            unit_id=unit_id if unit_id is UNSET else require_id(unit_id, "unitId"),
            active=maybe_value(data.active),
            expected_version=data.expected_version,
        ),
    )


async def _rotate(info: Info, id: strawberry.ID) -> models.PublicService:
    return await service.rotate_survey_token(
        info.context.db, info.context.actor, require_id(id, "id")
    )


async def _set_count(info: Info, data: SetServiceUserCountInput) -> models.ServiceUserCount:
    return await service.set_user_count(
        info.context.db,
        info.context.actor,
        require_id(data.service_id, "serviceId"),
        data.year,
        data.month,
        data.users,
    )


async def _create_follow_up(info: Info, data: CreateSurveyFollowUpInput) -> models.SurveyFollowUp:
    return await service.create_follow_up(
        info.context.db,
        info.context.actor,
        service.FollowUpInput(
            unit_id=require_id(data.unit_id, "unitId"),
            year=data.year,
            action=data.action,
            unsur=None if data.unsur is None else data.unsur.value,
            target_date=data.target_date,
        ),
    )


async def _update_follow_up(info: Info, data: UpdateSurveyFollowUpInput) -> models.SurveyFollowUp:
    unsur = maybe_value(data.unsur)
    return await service.update_follow_up(
        info.context.db,
        info.context.actor,
        require_id(data.id, "id"),
        service.FollowUpChanges(
            action=maybe_value(data.action),
            unsur=unsur if unsur is UNSET or unsur is None else unsur.value,
            target_date=maybe_value(data.target_date),
            done=maybe_value(data.done),
        ),
    )


async def _review_follow_up(info: Info, data: ReviewSurveyFollowUpInput) -> models.SurveyFollowUp:
    return await service.review_follow_up(
        info.context.db,
        info.context.actor,
        require_id(data.id, "id"),
        data.decision,
        expected_review=data.expected_review,
    )


async def _review_service_texts(
    info: Info, data: ReviewSurveyServiceTextsInput
) -> models.PublicService:
    return await service.review_service_texts(
        info.context.db,
        info.context.actor,
        require_id(data.id, "id"),
        data.decision,
        expected_review=data.expected_review,
    )


async def _delete_follow_up(info: Info, id: strawberry.ID) -> int:
    return await service.delete_follow_up(info.context.db, info.context.actor, require_id(id, "id"))


async def _moderate(info: Info, data: ModerateSurveyCommentInput) -> CommentRow:
    return await moderation.moderate_comment(
        info.context.db,
        info.context.actor,
        require_id(data.id, "id"),
        data.status,
        expected_status=data.expected_status,
        reason=data.reason,
    )


@strawberry.type
class SurveyMutation:
    @strawberry.mutation(description="Daftarkan jenis layanan unit (membuat tautan survei).")
    async def create_survey_service(
        self, info: Info, input: CreateSurveyServiceInput
    ) -> Payload[SurveyService]:
        return await run_mutation(_create_service(info, input), SurveyService.from_model)

    @strawberry.mutation(description="Ubah, tutup (active: false) atau buka lagi jenis layanan.")
    async def update_survey_service(
        self, info: Info, input: UpdateSurveyServiceInput
    ) -> Payload[SurveyService]:
        return await run_mutation(_update_service(info, input), SurveyService.from_model)

    @strawberry.mutation(
        description="Ganti token tautan survei: tautan lama dan kode QR cetakan lama tidak berlaku."
    )
    async def rotate_survey_token(self, info: Info, id: strawberry.ID) -> Payload[SurveyService]:
        return await run_mutation(_rotate(info, id), SurveyService.from_model)

    @strawberry.mutation(
        description="Moderasi nama/deskripsi layanan yang tampaknya menyebut nama/NIP petugas: "
        "DISETUJUI atau DITOLAK (oleh orang lain daripada penulisnya)."
    )
    async def review_survey_service_texts(
        self, info: Info, input: ReviewSurveyServiceTextsInput
    ) -> Payload[SurveyService]:
        return await run_mutation(_review_service_texts(info, input), SurveyService.from_model)

    @strawberry.mutation(description="Isi jumlah pengguna layanan satu bulan (populasi N).")
    async def set_service_user_count(
        self, info: Info, input: SetServiceUserCountInput
    ) -> Payload[ServiceUserCount]:
        return await run_mutation(_set_count(info, input), ServiceUserCount.from_model)

    @strawberry.mutation(description="Tambah rencana tindak lanjut hasil SKM.")
    async def create_survey_follow_up(
        self, info: Info, input: CreateSurveyFollowUpInput
    ) -> Payload[SurveyFollowUp]:
        return await run_mutation(_create_follow_up(info, input), SurveyFollowUp.from_model)

    @strawberry.mutation(description="Ubah rencana tindak lanjut (mis. tandai selesai).")
    async def update_survey_follow_up(
        self, info: Info, input: UpdateSurveyFollowUpInput
    ) -> Payload[SurveyFollowUp]:
        return await run_mutation(_update_follow_up(info, input), SurveyFollowUp.from_model)

    @strawberry.mutation(
        description="Moderasi rencana tindak lanjut yang tampaknya menyebut nama/NIP petugas: "
        "DISETUJUI atau DITOLAK (oleh orang lain daripada penulisnya)."
    )
    async def review_survey_follow_up(
        self, info: Info, input: ReviewSurveyFollowUpInput
    ) -> Payload[SurveyFollowUp]:
        return await run_mutation(_review_follow_up(info, input), SurveyFollowUp.from_model)

    @strawberry.mutation(description="Hapus rencana tindak lanjut.")
    async def delete_survey_follow_up(
        self, info: Info, id: strawberry.ID
    ) -> Payload[DeletedSurveyFollowUp]:
        return await run_mutation(
            _delete_follow_up(info, id),
            lambda deleted: DeletedSurveyFollowUp(id=strawberry.ID(str(deleted))),
        )

    @strawberry.mutation(
        description="Moderasi komentar survei: DISETUJUI, DITOLAK, atau DITERUSKAN ke pengelola "
        "unit (komentar yang menyebut petugas tidak pernah dipublikasikan)."
    )
    async def moderate_survey_comment(
        self, info: Info, input: ModerateSurveyCommentInput
    ) -> Payload[SurveyComment]:
        return await run_mutation(_moderate(info, input), SurveyComment.from_row)
