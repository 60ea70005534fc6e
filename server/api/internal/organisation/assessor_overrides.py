"""Assessor-override proposals: a unit manager proposes, BKPSDM approves or refuses.

Setting an override directly (``setAssessorOverride``) stays in mutations.py, for BKPSDM only.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import strawberry

from server.api.enums import ActingKind, ProposalStatus
from server.api.fill import fill_type
from server.api.graphql_common import ExpectedGraphQLError
from server.api.internal.organisation.mutations import SetAssessorOverrideInput
from server.api.internal.payloads import require_id, run_mutation
from server.api.internal.types import Employee, Info, Payload, Position
from server.db import models
from server.services.errors import ServiceError
from server.services.organisation import assessor_overrides

MAX_PROPOSALS = 200


@strawberry.type(
    description="Usulan penunjukan Pejabat Penilai (Plt/Plh/penunjukan) oleh pengelola kinerja "
    "unit, diputus Admin BKPSDM."
)
class AssessorOverrideProposal:
    id: strawberry.ID
    acting_kind: ActingKind
    reason: str
    valid_from: date
    valid_until: date | None
    status: ProposalStatus
    decision_note: str | None
    decided_at: datetime | None
    created_at: datetime
    version: int
    position_id: strawberry.Private[int]
    assessor_employee_id: strawberry.Private[int]

    @classmethod
    def from_model(cls, p: models.AssessorOverrideProposal) -> AssessorOverrideProposal:
        return fill_type(cls, p)

    @strawberry.field(description="Jabatan yang pemangkunya akan dinilai oleh pejabat ini.")
    async def position(self, info: Info) -> Position | None:
        row = await info.context.loaders.position.load(self.position_id)
        return Position.from_model(row) if row else None

    @strawberry.field(description="Pegawai yang diusulkan sebagai Pejabat Penilai.")
    async def assessor(self, info: Info) -> Employee | None:
        return await Employee.load(info, self.assessor_employee_id)


@strawberry.type(
    description="Penunjukan Pejabat Penilai (Plt/Plh/penunjukan) yang berlaku atau akan berlaku."
)
class AssessorOverride:
    id: strawberry.ID
    acting_kind: ActingKind
    reason: str
    valid_from: date
    valid_until: date | None
    position_id: strawberry.Private[int]
    assessor_employee_id: strawberry.Private[int]

    @classmethod
    def from_model(cls, o: models.AssessorOverride) -> AssessorOverride:
        return fill_type(cls, o)

    @strawberry.field(description="Jabatan yang pemangkunya dinilai oleh pejabat ini.")
    async def position(self, info: Info) -> Position | None:
        row = await info.context.loaders.position.load(self.position_id)
        return Position.from_model(row) if row else None

    @strawberry.field(description="Pejabat Penilai yang ditunjuk.")
    async def assessor(self, info: Info) -> Employee | None:
        return await Employee.load(info, self.assessor_employee_id)


@strawberry.type
class AssessorOverrideQuery:
    @strawberry.field(
        description="Usulan penunjukan Pejabat Penilai (baku: yang menunggu keputusan). BKPSDM "
        "dan auditor melihat semuanya, pengelola kinerja unit yang untuk jabatan di unitnya."
    )
    async def assessor_override_proposals(
        self, info: Info, status: ProposalStatus | None = ProposalStatus.DIAJUKAN
    ) -> list[AssessorOverrideProposal]:
        ctx = info.context
        try:
            rows = await assessor_overrides.list_override_proposals(
                ctx.db,
                ctx.actor,
                assessor_overrides.ProposalFilter(status=status, limit=MAX_PROPOSALS),
            )
        except ServiceError as exc:
            raise ExpectedGraphQLError(exc.message, extensions={"code": exc.code.value}) from None
        return [AssessorOverrideProposal.from_model(p) for p in rows]

    @strawberry.field(
        description="Penunjukan Pejabat Penilai yang berlaku hari ini atau akan berlaku, yang "
        "mulai paling awal dahulu. BKPSDM dan auditor melihat semuanya, pengelola kinerja unit "
        "yang untuk jabatan di unitnya."
    )
    async def assessor_overrides(self, info: Info) -> list[AssessorOverride]:
        ctx = info.context
        try:
            rows = await assessor_overrides.list_current_overrides(ctx.db, ctx.actor, MAX_PROPOSALS)
        except ServiceError as exc:
            raise ExpectedGraphQLError(exc.message, extensions={"code": exc.code.value}) from None
        return [AssessorOverride.from_model(o) for o in rows]


async def _propose_assessor_override(info: Info, input: SetAssessorOverrideInput) -> Any:
    ctx = info.context
    return await assessor_overrides.propose_assessor_override(ctx.db, ctx.actor, input.to_service())


async def _approve_assessor_override_proposal(
    info: Info, id: strawberry.ID, expected_version: int | None = None
) -> Any:
    ctx = info.context
    return await assessor_overrides.approve_override_proposal(
        ctx.db, ctx.actor, require_id(id, "id"), expected_version
    )


async def _refuse_assessor_override_proposal(
    info: Info, id: strawberry.ID, reason: str, expected_version: int | None = None
) -> Any:
    ctx = info.context
    return await assessor_overrides.refuse_override_proposal(
        ctx.db, ctx.actor, require_id(id, "id"), reason, expected_version
    )


@strawberry.type
class AssessorOverrideMutation:
    @strawberry.mutation(
        description="Usulkan Pejabat Penilai pengganti (Plt/Plh/penunjukan) untuk jabatan di unit "
        "Anda; Admin BKPSDM yang memutus."
    )
    async def propose_assessor_override(
        self, info: Info, input: SetAssessorOverrideInput
    ) -> Payload[AssessorOverrideProposal]:
        return await run_mutation(
            _propose_assessor_override(info, input), AssessorOverrideProposal.from_model
        )

    @strawberry.mutation(
        description="Setujui usulan penunjukan Pejabat Penilai (Admin BKPSDM): penunjukan berlaku."
    )
    async def approve_assessor_override_proposal(
        self, info: Info, id: strawberry.ID, expected_version: int | None = None
    ) -> Payload[AssessorOverrideProposal]:
        return await run_mutation(
            _approve_assessor_override_proposal(info, id, expected_version),
            AssessorOverrideProposal.from_model,
        )

    @strawberry.mutation(description="Tolak usulan penunjukan Pejabat Penilai, dengan alasan.")
    async def refuse_assessor_override_proposal(
        self, info: Info, id: strawberry.ID, reason: str, expected_version: int | None = None
    ) -> Payload[AssessorOverrideProposal]:
        return await run_mutation(
            _refuse_assessor_override_proposal(info, id, reason, expected_version),
            AssessorOverrideProposal.from_model,
        )
