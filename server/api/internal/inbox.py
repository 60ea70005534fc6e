"""The assessor inbox (kotak masuk penilai) in the internal API.

Everything below ``assessorInbox`` comes from one service call that loads the tree with a fixed
number of statements; the nested types are plain data (only ``employee`` fields go through the
request's DataLoaders), so the query's SQL count does not grow with the number of subordinates.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import strawberry

from server.api.enums import (
    Approach,
    IndicatorAspect,
    PlanStatus,
    RealizationStatus,
    WorkResultKind,
)
from server.api.fill import fill_type
from server.api.graphql_common import ExpectedGraphQLError
from server.api.internal.types import Employee, Info, employees_as_asked, selected_under
from server.services import inbox as service

MIN_YEAR, MAX_YEAR = 2000, 2100


@strawberry.type(description="Realisasi periode terakhir yang sudah diisi untuk satu IKI.")
class InboxRealization:
    period_number: int
    value: Decimal | None
    status: RealizationStatus
    evidence_count: int = strawberry.field(description="Jumlah bukti dukung (yang tidak dihapus).")


@strawberry.type(description="IKI dalam kotak masuk penilai.")
class InboxIndicator:
    id: strawberry.ID
    aspect: IndicatorAspect
    text: str
    target_value: Decimal | None
    target_unit: str | None
    target_description: str | None
    latest_realization: InboxRealization | None

    @classmethod
    def from_item(cls, item: service.InboxIndicator) -> InboxIndicator:
        i = item.indicator
        latest = item.latest
        return fill_type(
            cls,
            i,
            latest_realization=fill_type(InboxRealization, latest) if latest else None,
        )


@strawberry.type(description="RHK dalam kotak masuk penilai.")
class InboxWorkResult:
    id: strawberry.ID
    kind: WorkResultKind
    text: str
    indicators: list[InboxIndicator]

    @classmethod
    def from_item(cls, item: service.InboxWorkResult) -> InboxWorkResult:
        wr = item.work_result
        return cls(
            id=strawberry.ID(str(wr.id)),
            kind=wr.kind,
            text=wr.text,
            indicators=[InboxIndicator.from_item(i) for i in item.indicators],
        )


@strawberry.type(description="Ringkasan SKP dalam kotak masuk penilai.")
class InboxPlan:
    id: strawberry.ID
    status: PlanStatus
    approach: Approach
    revision: int
    submitted_at: datetime | None
    approved_at: datetime | None
    awaiting_approval: bool = strawberry.field(
        description="SKP (atau revisinya) menunggu persetujuan Anda."
    )
    work_results: list[InboxWorkResult]

    @classmethod
    def from_item(cls, item: service.InboxPlan) -> InboxPlan:
        p = item.plan
        return fill_type(
            cls,
            p,
            awaiting_approval=item.awaiting_approval,
            work_results=[InboxWorkResult.from_item(w) for w in item.work_results],
        )


@strawberry.type(description="Satu pegawai yang Anda nilai, dengan SKP-nya tahun itu.")
class InboxEntry:
    employee: Employee
    plan: InboxPlan | None = strawberry.field(
        description="SKP tahun itu; null bila belum ada (atau diajukan kepada penilai lain)."
    )
    plan_with_other_assessor: bool = strawberry.field(
        description="SKP ada tetapi diajukan kepada Pejabat Penilai lain (mis. sebelum mutasi)."
    )


@strawberry.type(description="Kotak masuk Pejabat Penilai Kinerja untuk satu tahun.")
class AssessorInbox:
    year: int
    awaiting_approval_count: int = strawberry.field(
        description="Jumlah SKP yang menunggu persetujuan Anda (diajukan atau revisi diajukan)."
    )
    entries: list[InboxEntry]


def _depth_asked(info: Info) -> service.InboxDepth:
    """How deep below each SKP the query reads (through fragments)."""
    below = ("entries", "plan")
    if "workResults" not in selected_under(info, *below):
        return service.InboxDepth.PLANS
    if "indicators" not in selected_under(info, *below, "workResults"):
        return service.InboxDepth.WORK_RESULTS
    if "latestRealization" not in selected_under(info, *below, "workResults", "indicators"):
        return service.InboxDepth.INDICATORS
    return service.InboxDepth.REALIZATIONS


@strawberry.type
class InboxQuery:
    @strawberry.field(
        description="Pegawai yang Anda nilai hari ini (dan SKP tahun itu yang diajukan kepada "
        "Anda), masing-masing dengan SKP, RHK, IKI dan realisasi terakhirnya."
    )
    async def assessor_inbox(self, info: Info, year: int) -> AssessorInbox:
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise ExpectedGraphQLError(
                f"Tahun harus antara {MIN_YEAR} dan {MAX_YEAR}.",
                extensions={"code": "INVALID_INPUT"},
            )
        loaders = info.context.loaders
        inbox = await service.load_assessor_inbox(
            info.context.db,
            info.context.actor,
            year,
            today=info.context.today,
            # Shared with the Employee fields below (record scope), so it is loaded once.
            org=await loaders.org() if info.context.actor.employee_id is not None else None,
            depth=_depth_asked(info),
        )
        people = await employees_as_asked(
            info, [e.employee for e in inbox.entries], selected_under(info, "entries", "employee")
        )
        return AssessorInbox(
            year=inbox.year,
            awaiting_approval_count=inbox.awaiting_approval_count,
            entries=[
                InboxEntry(
                    employee=person,
                    plan=InboxPlan.from_item(e.plan) if e.plan else None,
                    plan_with_other_assessor=e.plan_with_other_assessor,
                )
                for e, person in zip(inbox.entries, people, strict=True)
            ],
        )
