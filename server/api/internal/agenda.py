"""``myAgenda``: what needs the signed-in person now (the staff home page), from one service call
with a fixed number of SQL statements. Every item carries the portal address where the job is
done (``link``), built by ``server.services.links``."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from server.api.enums import (
    Cadence,
    EvaluationKind,
    EvaluationStatus,
    PlanStatus,
    Predicate,
)
from server.api.fill import fill_type
from server.api.internal.types import Info
from server.services import agenda as service
from server.services import links


@strawberry.type(description="SKP saya tahun berjalan yang masih perlu dikerjakan.")
class AgendaMyPlan:
    year: int
    plan_deadline: date = strawberry.field(description="SKP ditetapkan paling lambat.")
    plan_id: strawberry.ID | None = strawberry.field(description="Null: SKP belum disusun.")
    status: PlanStatus | None
    rejection_reason: str | None
    link: str


@strawberry.type(description="SKP bawahan yang menunggu persetujuan saya.")
class AgendaPlanToApprove:
    plan_id: strawberry.ID
    year: int
    employee_id: strawberry.ID
    employee_name: str
    status: PlanStatus
    submitted_at: datetime | None
    link: str


@strawberry.type(description="Realisasi SKP saya yang jatuh tempo bulan ini atau sudah lewat.")
class AgendaRealizationDue:
    plan_id: strawberry.ID
    year: int
    cadence: Cadence
    period_id: strawberry.ID
    period_number: int
    due: date
    overdue: bool
    indicators_missing: int = strawberry.field(
        description="Jumlah IKI yang belum memiliki realisasi terkonfirmasi pada periode itu."
    )
    link: str


@strawberry.type(description="Penilaian yang harus saya tetapkan (satu per SKP).")
class AgendaEvaluationToDo:
    plan_id: strawberry.ID
    year: int
    cadence: Cadence
    employee_id: strawberry.ID
    employee_name: str
    period_number: int | None = strawberry.field(
        description="Periode paling awal yang belum dinilai; null: penilaian tahunan."
    )
    other_periods: int = strawberry.field(
        description="Jumlah periode lain SKP ini yang juga belum dinilai."
    )
    draft_evaluation_id: strawberry.ID | None
    link: str


@strawberry.type(
    description="Penilaian saya yang masih draf dan belum dinilai: penilaian diri belum diisi."
)
class AgendaSelfAssessment:
    evaluation_id: strawberry.ID
    year: int
    cadence: Cadence
    kind: EvaluationKind
    period_number: int | None
    assessor_name: str | None = strawberry.field(description="Pejabat Penilai penilaian ini.")
    link: str


@strawberry.type(
    description="Hasil penilaian saya yang belum saya terima atau masih dapat diajukan keberatan."
)
class AgendaMyResult:
    evaluation_id: strawberry.ID
    year: int
    cadence: Cadence
    kind: EvaluationKind
    period_number: int | None
    status: EvaluationStatus
    predicate: Predicate | None
    objection_deadline: date | None = strawberry.field(
        description="Batas akhir pengajuan keberatan; null bila sudah lewat atau sudah diajukan."
    )
    link: str
    objection_link: str | None


@strawberry.type(description="Keberatan yang belum diputus.")
class AgendaObjection:
    objection_id: strawberry.ID
    evaluation_id: strawberry.ID
    employee_name: str = strawberry.field(description="Pegawai yang mengajukan.")
    decision_deadline: date
    overdue: bool
    link: str


@strawberry.type(description="Rencana pembinaan yang sedang berjalan.")
class AgendaCoaching:
    coaching_plan_id: strawberry.ID
    employee_name: str = strawberry.field(description="Pegawai yang dibina.")
    as_mentor: bool = strawberry.field(description="True: saya pembimbingnya; false: saya dibina.")
    ends_on: date
    last_check_in: date | None
    check_in_due: bool = strawberry.field(
        description="Belum ada pertemuan pemantauan dalam 30 hari terakhir."
    )
    link: str


@strawberry.type(description="Yang perlu saya kerjakan sekarang (beranda portal pegawai).")
class Agenda:
    today: date
    my_plan: AgendaMyPlan | None
    work_log_plan_id: strawberry.ID | None = strawberry.field(
        description="SKP saya yang berlaku tahun ini: catatan kerja harian ditulis padanya."
    )
    plans_to_approve: list[AgendaPlanToApprove]
    realizations_due: list[AgendaRealizationDue]
    evaluations_to_do: list[AgendaEvaluationToDo]
    self_assessments_due: list[AgendaSelfAssessment] = strawberry.field(
        description="Penilaian diri yang menunggu saya isi."
    )
    my_results: list[AgendaMyResult]
    objections_to_decide: list[AgendaObjection]
    my_objections: list[AgendaObjection] = strawberry.field(
        description="Keberatan saya yang menunggu keputusan."
    )
    coaching: list[AgendaCoaching]
    unread_notifications: int

    @strawberry.field(description="Jumlah tugas yang menunggu tindakan saya.")
    def task_count(self) -> int:
        plan_task = self.my_plan is not None and self.my_plan.status not in (
            PlanStatus.DIAJUKAN,
            PlanStatus.REVISI_DIAJUKAN,
        )
        return (
            int(plan_task)
            + len(self.plans_to_approve)
            + len(self.realizations_due)
            + len(self.evaluations_to_do)
            + len(self.self_assessments_due)
            + sum(1 for r in self.my_results if r.status is EvaluationStatus.DITETAPKAN)
            + len(self.objections_to_decide)
            + sum(1 for c in self.coaching if c.check_in_due and c.as_mentor)
        )


def _objection(item: service.ObjectionItem, today: date) -> AgendaObjection:
    return fill_type(
        AgendaObjection,
        item,
        overdue=today > item.decision_deadline,
        link=links.objection(item.objection_id),
    )


def to_graphql(a: service.Agenda) -> Agenda:
    p = a.my_plan
    return fill_type(
        Agenda,
        a,
        my_plan=None if p is None else fill_type(AgendaMyPlan, p, link=links.my_plan(p.year)),
        plans_to_approve=[
            fill_type(AgendaPlanToApprove, x, link=links.plan_review(x.plan_id))
            for x in a.plans_to_approve
        ],
        realizations_due=[
            fill_type(
                AgendaRealizationDue,
                x,
                overdue=a.today > x.due,
                link=links.my_work(x.year, x.period_number),
            )
            for x in a.realizations_due
        ],
        evaluations_to_do=[
            fill_type(
                AgendaEvaluationToDo, x, link=links.evaluation_to_do(x.plan_id, x.period_number)
            )
            for x in a.evaluations_to_do
        ],
        self_assessments_due=[
            fill_type(AgendaSelfAssessment, x, link=links.evaluation(x.evaluation_id))
            for x in a.self_assessments_due
        ],
        my_results=[
            fill_type(
                AgendaMyResult,
                x,
                link=links.evaluation(x.evaluation_id),
                objection_link=links.objection_filing(x.evaluation_id)
                if x.objection_deadline is not None
                else None,
            )
            for x in a.my_results
        ],
        objections_to_decide=[_objection(x, a.today) for x in a.objections_to_decide],
        my_objections=[_objection(x, a.today) for x in a.my_objections],
        coaching=[
            fill_type(AgendaCoaching, x, link=links.coaching(x.coaching_plan_id))
            for x in a.coaching
        ],
    )


@strawberry.type
class AgendaQuery:
    @strawberry.field(
        description="Yang perlu Anda kerjakan sekarang: SKP untuk disusun, diperbaiki atau "
        "disetujui; realisasi jatuh tempo; penilaian untuk ditetapkan atau diterima; keberatan "
        "dan batas waktunya; pembinaan; jumlah notifikasi belum dibaca. Hanya milik Anda."
    )
    async def my_agenda(self, info: Info) -> Agenda:
        ctx = info.context
        found = await service.load_agenda(ctx.db, ctx.actor, today=ctx.today)
        return to_graphql(found)
