"""Writes of the work module. Expected failures come back as data in ``errors``."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from server.api.internal.payloads import maybe_value, parse_id, require_id, run_mutation
from server.api.internal.types import Info, Payload
from server.api.internal.work.types import (
    ActionPlanItem,
    Deleted,
    EvidenceItem,
    RealizationItem,
    WorkLogEntryItem,
)
from server.db import models
from server.services.validation import UNSET, _Unset
from server.services.work import action_plans, evidence, realizations, work_log
from server.services.work.evidence import EvidenceInput as EvidenceData
from server.services.work.evidence import EvidenceView


@strawberry.input(description="Rencana aksi baru untuk satu RHK pada satu periode.")
class CreateActionPlanInput:
    work_result_id: strawberry.ID
    period_id: strawberry.ID
    text: str


@strawberry.input(description="Ubah teks rencana aksi.")
class UpdateActionPlanInput:
    id: strawberry.ID
    text: str


@strawberry.input(description="Isi atau ubah realisasi satu IKI pada satu periode.")
class SaveRealizationInput:
    indicator_id: strawberry.ID
    period_id: strawberry.ID
    description: str = strawberry.field(description="Dasar realisasi.")
    value: Decimal | None = strawberry.field(
        default=None, description="Nilai realisasi (≥ 0); wajib pada pendekatan Kuantitatif."
    )
    expected_version: int | None = strawberry.field(
        default=None, description="Versi yang Anda ubah; versi lain berarti CONFLICT."
    )


@strawberry.input(description="Satu bukti dukung: token unggahan (POST /api/uploads) atau tautan.")
class EvidenceInput:
    upload_token: str | None = None
    url: str | None = strawberry.field(default=None, description="Tautan http(s).")
    title: str | None = None


@strawberry.input(
    description="Lampirkan bukti dukung ke realisasi atau catatan kerja (pilih satu)."
)
class AddEvidenceInput:
    realization_id: strawberry.ID | None = None
    work_log_entry_id: strawberry.ID | None = None
    upload_token: str | None = None
    url: str | None = None
    title: str | None = None


@strawberry.input(description="Catatan kerja baru, terkait salah satu RHK atau IKI SKP Anda.")
class CreateWorkLogEntryInput:
    plan_id: strawberry.ID
    work_date: date
    text: str
    work_result_id: strawberry.ID | None = None
    indicator_id: strawberry.ID | None = None
    minutes_spent: int | None = strawberry.field(default=None, description="0–1440 menit.")
    quantity: Decimal | None = strawberry.field(
        default=None, description="Jumlah keluaran; dijumlahkan ke usulan realisasi IKI."
    )
    evidence: list[EvidenceInput] = strawberry.field(default_factory=list)


@strawberry.input(description="Ubah catatan kerja; kolom yang tidak dikirim tidak berubah.")
class UpdateWorkLogEntryInput:
    id: strawberry.ID
    work_date: strawberry.Maybe[date] = None
    text: strawberry.Maybe[str] = None
    minutes_spent: strawberry.Maybe[int | None] = None
    quantity: strawberry.Maybe[Decimal | None] = None
    work_result_id: strawberry.Maybe[strawberry.ID | None] = None
    indicator_id: strawberry.Maybe[strawberry.ID | None] = None


def _evidence_data(item: EvidenceInput) -> EvidenceData:
    return EvidenceData(upload_token=item.upload_token, url=item.url, title=item.title)


def _deleted(entity_id: int) -> Deleted:
    return Deleted(id=strawberry.ID(str(entity_id)))


def _evidence_item(row: models.Evidence, stored: models.StoredFile | None = None) -> EvidenceItem:
    return EvidenceItem.from_view(
        EvidenceView(
            id=row.id,
            kind=row.kind,
            name=row.original_name,
            title=row.title,
            url=row.url,
            size=stored.size if stored else None,
            media_type=stored.media_type if stored else None,
            added_at=row.created_at,
            realization_id=row.realization_id,
            work_log_entry_id=row.work_log_entry_id,
        )
    )


def _optional_id(raw: strawberry.Maybe[strawberry.ID | None], field: str) -> int | _Unset | None:
    value = maybe_value(raw)
    return UNSET if value is UNSET else parse_id(value, field)


async def _create_action_plan(info: Info, input: CreateActionPlanInput) -> models.ActionPlan:
    ctx = info.context
    return await action_plans.create_action_plan(
        ctx.db,
        ctx.actor,
        require_id(input.work_result_id, "workResultId"),
        require_id(input.period_id, "periodId"),
        input.text,
        today=ctx.today,
    )


async def _update_action_plan(info: Info, input: UpdateActionPlanInput) -> models.ActionPlan:
    ctx = info.context
    return await action_plans.update_action_plan(
        ctx.db, ctx.actor, require_id(input.id, "id"), input.text, today=ctx.today
    )


async def _delete_action_plan(info: Info, id: strawberry.ID) -> int:
    ctx = info.context
    return await action_plans.delete_action_plan(
        ctx.db, ctx.actor, require_id(id, "id"), today=ctx.today
    )


async def _save_realization(info: Info, input: SaveRealizationInput) -> models.Realization:
    ctx = info.context
    return await realizations.save_realization(
        ctx.db,
        ctx.actor,
        realizations.RealizationInput(
            indicator_id=require_id(input.indicator_id, "indicatorId"),
            period_id=require_id(input.period_id, "periodId"),
            value=input.value,
            description=input.description,
            expected_version=input.expected_version,
        ),
        today=ctx.today,
    )


async def _propose_realizations(
    info: Info, plan_id: strawberry.ID, period_id: strawberry.ID
) -> list[models.Realization]:
    ctx = info.context
    return await realizations.propose_realizations(
        ctx.db,
        ctx.actor,
        require_id(plan_id, "planId"),
        require_id(period_id, "periodId"),
        today=ctx.today,
    )


async def _confirm_realization(
    info: Info, id: strawberry.ID, expected_version: int | None = None
) -> models.Realization:
    ctx = info.context
    return await realizations.confirm_realization(
        ctx.db,
        ctx.actor,
        require_id(id, "id"),
        expected_version=expected_version,
        today=ctx.today,
    )


async def _create_work_log_entry(info: Info, input: CreateWorkLogEntryInput) -> models.WorkLogEntry:
    ctx = info.context
    return await work_log.create_work_log_entry(
        ctx.db,
        ctx.actor,
        work_log.WorkLogInput(
            plan_id=require_id(input.plan_id, "planId"),
            work_date=input.work_date,
            text=input.text,
            work_result_id=parse_id(input.work_result_id, "workResultId"),
            indicator_id=parse_id(input.indicator_id, "indicatorId"),
            minutes_spent=input.minutes_spent,
            quantity=input.quantity,
            evidence=[_evidence_data(e) for e in input.evidence],
        ),
        today=ctx.today,
    )


async def _update_work_log_entry(info: Info, input: UpdateWorkLogEntryInput) -> models.WorkLogEntry:
    ctx = info.context
    work_date = maybe_value(input.work_date)
    text = maybe_value(input.text)
    if work_date is None:
        work_date = UNSET  # an explicit null date means "leave it"
    if text is None:
        text = UNSET
    changes = work_log.WorkLogChanges(
        work_date=work_date,
        text=text,
        minutes_spent=maybe_value(input.minutes_spent),
        quantity=maybe_value(input.quantity),
        work_result_id=_optional_id(input.work_result_id, "workResultId"),
        indicator_id=_optional_id(input.indicator_id, "indicatorId"),
    )
    return await work_log.update_work_log_entry(
        ctx.db, ctx.actor, require_id(input.id, "id"), changes, today=ctx.today
    )


async def _delete_work_log_entry(info: Info, id: strawberry.ID) -> int:
    ctx = info.context
    return await work_log.delete_work_log_entry(
        ctx.db, ctx.actor, require_id(id, "id"), today=ctx.today
    )


async def _add_evidence(
    info: Info, input: AddEvidenceInput
) -> tuple[models.Evidence, models.StoredFile | None]:
    ctx = info.context
    row = await evidence.add_evidence(
        ctx.db,
        ctx.actor,
        EvidenceData(upload_token=input.upload_token, url=input.url, title=input.title),
        realization_id=parse_id(input.realization_id, "realizationId"),
        work_log_entry_id=parse_id(input.work_log_entry_id, "workLogEntryId"),
        today=ctx.today,
    )
    if row.sha256 is None:
        return row, None
    # The answer shows what was stored (size, type by content), as every read does.
    async with ctx.db.read() as s:
        return row, await s.get(models.StoredFile, row.sha256)


async def _remove_evidence(info: Info, id: strawberry.ID) -> int:
    ctx = info.context
    row = await evidence.remove_evidence(ctx.db, ctx.actor, require_id(id, "id"), today=ctx.today)
    return row.id


@strawberry.type
class WorkMutation:
    @strawberry.mutation(description="Tambah rencana aksi (pegawai pemilik SKP yang ditetapkan).")
    async def create_action_plan(
        self, info: Info, input: CreateActionPlanInput
    ) -> Payload[ActionPlanItem]:
        return await run_mutation(_create_action_plan(info, input), ActionPlanItem.from_model)

    @strawberry.mutation(description="Ubah rencana aksi.")
    async def update_action_plan(
        self, info: Info, input: UpdateActionPlanInput
    ) -> Payload[ActionPlanItem]:
        return await run_mutation(_update_action_plan(info, input), ActionPlanItem.from_model)

    @strawberry.mutation(description="Hapus rencana aksi.")
    async def delete_action_plan(self, info: Info, id: strawberry.ID) -> Payload[Deleted]:
        return await run_mutation(_delete_action_plan(info, id), _deleted)

    @strawberry.mutation(
        description="Isi atau ubah realisasi satu IKI per periode (satu baris per pasangan); "
        "tersimpan sebagai DIKONFIRMASI."
    )
    async def save_realization(
        self, info: Info, input: SaveRealizationInput
    ) -> Payload[RealizationItem]:
        return await run_mutation(_save_realization(info, input), RealizationItem.from_model)

    @strawberry.mutation(
        description="Usulkan realisasi periode dari catatan kerja (status USULAN); realisasi yang "
        "sudah dikonfirmasi tidak diubah."
    )
    async def propose_realizations(
        self, info: Info, plan_id: strawberry.ID, period_id: strawberry.ID
    ) -> Payload[list[RealizationItem]]:
        return await run_mutation(
            _propose_realizations(info, plan_id, period_id),
            lambda rows: [RealizationItem.from_model(r) for r in rows],
        )

    @strawberry.mutation(description="Konfirmasi realisasi usulan (USULAN → DIKONFIRMASI).")
    async def confirm_realization(
        self, info: Info, id: strawberry.ID, expected_version: int | None = None
    ) -> Payload[RealizationItem]:
        return await run_mutation(
            _confirm_realization(info, id, expected_version), RealizationItem.from_model
        )

    @strawberry.mutation(description="Catat kegiatan kerja harian.")
    async def create_work_log_entry(
        self, info: Info, input: CreateWorkLogEntryInput
    ) -> Payload[WorkLogEntryItem]:
        return await run_mutation(_create_work_log_entry(info, input), WorkLogEntryItem.from_model)

    @strawberry.mutation(description="Ubah catatan kerja.")
    async def update_work_log_entry(
        self, info: Info, input: UpdateWorkLogEntryInput
    ) -> Payload[WorkLogEntryItem]:
        return await run_mutation(_update_work_log_entry(info, input), WorkLogEntryItem.from_model)

    @strawberry.mutation(description="Hapus catatan kerja beserta bukti dukungnya.")
    async def delete_work_log_entry(self, info: Info, id: strawberry.ID) -> Payload[Deleted]:
        return await run_mutation(_delete_work_log_entry(info, id), _deleted)

    @strawberry.mutation(description="Lampirkan bukti dukung (berkas unggahan atau tautan).")
    async def add_evidence(self, info: Info, input: AddEvidenceInput) -> Payload[EvidenceItem]:
        return await run_mutation(_add_evidence(info, input), lambda found: _evidence_item(*found))

    @strawberry.mutation(description="Hapus bukti dukung (tetap tercatat di log audit).")
    async def remove_evidence(self, info: Info, id: strawberry.ID) -> Payload[Deleted]:
        return await run_mutation(_remove_evidence(info, id), _deleted)
