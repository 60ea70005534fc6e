"""Keberatan (objections) against an evaluation result (PP 30/2019 Pasal 59; DOMAIN.md §9):
the pegawai files within the window, the Atasan Pejabat Penilai (or the Kepala Daerah) decides.

Expected failures of writes come back as data in ``errors`` (see payloads.run_mutation).
"""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from strawberry.scalars import JSON

from server.api.enums import ObjectionStatus, Rating
from server.api.fill import fill_type
from server.api.internal.payloads import (
    require_id,
    required_query_id,
    run_mutation,
    run_query,
)
from server.api.internal.types import Employee, Info, Payload
from server.db import models
from server.services.evaluation import objections
from server.services.evaluation.objections import is_overdue


@strawberry.type(description="Keberatan atas hasil penilaian kinerja.")
class Objection:
    id: strawberry.ID
    evaluation_id: strawberry.ID
    status: ObjectionStatus
    reasons: str
    filing_deadline: date
    decision_deadline: date
    overdue: bool = strawberry.field(description="Belum diputus setelah batas waktu keputusan.")
    employee_explanation: str | None
    assessor_explanation: str | None
    decision_note: str | None
    previous_result: JSON | None = strawberry.field(
        description="Rating dan predikat sebelum diubah (keputusan DIUBAH)."
    )
    filed_at: datetime
    decided_at: datetime | None
    version: int
    decided_by_kepala_daerah: bool = strawberry.field(
        description="Tidak ada Atasan Pejabat Penilai di antara pegawai: Kepala Daerah (Wali "
        "Kota) yang memutus."
    )
    filed_by_id: strawberry.Private[int]
    decider_id: strawberry.Private[int | None]

    @classmethod
    def from_model(cls, row: models.Objection, today: date) -> Objection:
        return fill_type(
            cls,
            row,
            overdue=is_overdue(row, today),
            filed_at=row.created_at,
            filed_by_id=row.filed_by_employee_id,
            decider_id=row.decider_employee_id,
        )

    @strawberry.field(description="Pegawai yang mengajukan.")
    async def filed_by(self, info: Info) -> Employee | None:
        return await Employee.load(info, self.filed_by_id)

    @strawberry.field(description="Atasan Pejabat Penilai yang memutus.")
    async def decider(self, info: Info) -> Employee | None:
        return await Employee.load(info, self.decider_id)


@strawberry.input(description="Keberatan atas hasil penilaian (oleh pegawai yang dinilai).")
class FileObjectionInput:
    evaluation_id: strawberry.ID
    reasons: str
    evidence_links: list[str] = strawberry.field(default_factory=list)


@strawberry.input(description="Penjelasan kedua pihak, dicatat oleh Atasan Pejabat Penilai.")
class ObjectionExplanationsInput:
    id: strawberry.ID
    employee_explanation: str | None = None
    assessor_explanation: str | None = None
    version: int | None = None


@strawberry.input(description="Keputusan final atas keberatan.")
class DecideObjectionInput:
    id: strawberry.ID
    decision: ObjectionStatus = strawberry.field(description="DITOLAK atau DIUBAH.")
    note: str
    result_rating: Rating | None = None
    behavior_rating: Rating | None = None
    employee_explanation: str | None = None
    assessor_explanation: str | None = None
    version: int | None = None


async def _file(info: Info, data: FileObjectionInput) -> models.Objection:
    return await objections.file_objection(
        info.context.db,
        info.context.actor,
        evaluation_id=require_id(data.evaluation_id, "evaluationId"),
        reasons=data.reasons,
        evidence_links=data.evidence_links,
        policy=objections.objection_policy(info.context.settings),
        today=info.context.today,
    )


async def _explain(info: Info, data: ObjectionExplanationsInput) -> models.Objection:
    return await objections.record_explanations(
        info.context.db,
        info.context.actor,
        objection_id=require_id(data.id, "id"),
        employee_explanation=data.employee_explanation,
        assessor_explanation=data.assessor_explanation,
        expected_version=data.version,
    )


async def _decide(info: Info, data: DecideObjectionInput) -> models.Objection:
    return await objections.decide_objection(
        info.context.db,
        info.context.actor,
        objection_id=require_id(data.id, "id"),
        decision=data.decision,
        note=data.note,
        result_rating=data.result_rating,
        behavior_rating=data.behavior_rating,
        employee_explanation=data.employee_explanation,
        assessor_explanation=data.assessor_explanation,
        expected_version=data.version,
    )


@strawberry.type
class ObjectionQuery:
    @strawberry.field(description="Satu keberatan (bila Anda berhak melihatnya).")
    async def objection(self, info: Info, id: strawberry.ID) -> Objection:
        objection_id = required_query_id(id, "id")
        row = await run_query(
            objections.get_objection(
                info.context.db, info.context.actor, objection_id, today=info.context.today
            )
        )
        return Objection.from_model(row, info.context.today)

    @strawberry.field(
        description="Keberatan yang boleh Anda lihat, terbaru dahulu. toDecide: yang menunggu "
        "keputusan Anda; overdueOnly: melewati batas waktu keputusan."
    )
    async def objections(
        self,
        info: Info,
        status: ObjectionStatus | None = None,
        to_decide: bool = False,
        overdue_only: bool = False,
    ) -> list[Objection]:
        rows = await objections.list_objections(
            info.context.db,
            info.context.actor,
            status=status,
            to_decide=to_decide,
            overdue_only=overdue_only,
            today=info.context.today,
        )
        return [Objection.from_model(r, info.context.today) for r in rows]


@strawberry.type
class ObjectionMutation:
    @strawberry.mutation(description="Ajukan keberatan atas hasil penilaian Anda.")
    async def file_objection(self, info: Info, input: FileObjectionInput) -> Payload[Objection]:
        today = info.context.today
        return await run_mutation(_file(info, input), lambda o: Objection.from_model(o, today))

    @strawberry.mutation(description="Catat penjelasan pegawai dan Pejabat Penilai.")
    async def record_objection_explanations(
        self, info: Info, input: ObjectionExplanationsInput
    ) -> Payload[Objection]:
        today = info.context.today
        return await run_mutation(_explain(info, input), lambda o: Objection.from_model(o, today))

    @strawberry.mutation(description="Putuskan keberatan (Atasan Pejabat Penilai); final.")
    async def decide_objection(self, info: Info, input: DecideObjectionInput) -> Payload[Objection]:
        today = info.context.today
        return await run_mutation(_decide(info, input), lambda o: Objection.from_model(o, today))
