"""Planning queries. Every SKP read is scoped by PlanAccess: what one may not read is null."""

from __future__ import annotations

import strawberry

from server.api.fill import fill_type
from server.api.graphql_common import ExpectedGraphQLError
from server.api.internal.planning.types import (
    AlignmentCoverage,
    AlignmentOrphan,
    AppraisalYear,
    CoreValueInfo,
    OrgGoal,
    PerformancePlan,
    SuperiorWorkResult,
    WorkResult,
)
from server.api.internal.types import Info
from server.db import models
from server.domain.berakhlak import CORE_VALUES
from server.services.errors import ServiceError
from server.services.planning import cascade, goals, plans, years


def _bad_input(message: str) -> ExpectedGraphQLError:
    return ExpectedGraphQLError(message, extensions={"code": "INVALID_INPUT"})


def _parse_id(raw: strawberry.ID, what: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise _bad_input(f"ID {what} tidak valid.") from None
    if value <= 0 or value > 2**62:
        raise _bad_input(f"ID {what} tidak valid.")
    return value


def _as_graphql(exc: ServiceError) -> ExpectedGraphQLError:
    return ExpectedGraphQLError(exc.message, extensions={"code": exc.code.value})


def _plans(info: Info, rows: list[models.PerformancePlan]) -> list[PerformancePlan]:
    loaders = info.context.loaders.planning
    for row in rows:
        loaders.plan.prime(row.id, row)
    return [PerformancePlan.from_model(r) for r in rows]


@strawberry.type
class PlanningQuery:
    @strawberry.field(description="Semua periode penilaian, terbaru lebih dahulu.")
    async def appraisal_years(self, info: Info) -> list[AppraisalYear]:
        async with info.context.db.read() as s:
            rows = await years.list_years(s)
        return [AppraisalYear.from_model(r) for r in rows]

    @strawberry.field(description="Satu periode penilaian menurut tahunnya.")
    async def appraisal_year(self, info: Info, year: int) -> AppraisalYear | None:
        async with info.context.db.read() as s:
            row = await years.year_by_number(s, year)
        return AppraisalYear.from_model(row) if row else None

    @strawberry.field(description="Tujuh nilai dasar BerAKHLAK dengan indikator perilakunya.")
    def core_values(self) -> list[CoreValueInfo]:
        return [
            CoreValueInfo(value=v.value, label=v.label, indicators=list(v.indicators))
            for v in CORE_VALUES
        ]

    @strawberry.field(
        description="Sasaran organisasi (Perjanjian Kinerja) satu unit pada satu tahun."
    )
    async def org_goals(self, info: Info, unit_id: strawberry.ID, year: int) -> list[OrgGoal]:
        unit = _parse_id(unit_id, "unit")
        async with info.context.db.read() as s:
            found = await years.year_by_number(s, year)
            rows = await goals.goals_of_unit(s, unit, found.id) if found else []
        return [OrgGoal.from_model(r) for r in rows]

    @strawberry.field(description="SKP saya, tahun terbaru lebih dahulu.")
    async def my_plans(self, info: Info) -> list[PerformancePlan]:
        employee_id = info.context.actor.employee_id
        if employee_id is None:
            return []
        async with info.context.db.read() as s:
            rows = list(await plans.plans_of_employee(s, employee_id))
        return _plans(info, rows)

    @strawberry.field(
        description="Satu SKP menurut id, atau menurut pegawai dan tahun; null bila tidak ada "
        "atau Anda tidak berhak melihatnya."
    )
    async def plan(
        self,
        info: Info,
        id: strawberry.ID | None = None,
        employee_id: strawberry.ID | None = None,
        year: int | None = None,
    ) -> PerformancePlan | None:
        if id is not None and employee_id is None and year is None:
            # Through the request's loader: the work of one of its periods, asked for in the
            # same request, reuses this check.
            ctx = await info.context.loaders.planning.readable_plan.load(_parse_id(id, "SKP"))
            return _plans(info, [ctx.plan])[0] if ctx else None
        if id is not None or employee_id is None or year is None:
            raise _bad_input("Isi id, atau employeeId bersama year.")
        async with info.context.db.read() as s:
            row = await plans.find_plan_of(
                s,
                info.context.actor,
                info.context.today,
                employee_id=_parse_id(employee_id, "pegawai"),
                year=year,
            )
        return _plans(info, [row])[0] if row else None

    @strawberry.field(description="SKP yang menunggu keputusan saya sebagai Pejabat Penilai.")
    async def plans_to_review(self, info: Info) -> list[PerformancePlan]:
        async with info.context.db.read() as s:
            rows = list(await plans.plans_to_review(s, info.context.actor))
        return _plans(info, rows)

    @strawberry.field(
        description="Satu RHK; null bila tidak ada atau SKP-nya tidak boleh Anda lihat."
    )
    async def work_result(self, info: Info, id: strawberry.ID) -> WorkResult | None:
        rid = _parse_id(id, "RHK")
        async with info.context.db.read() as s:
            row = await s.get(models.WorkResult, rid)
            plan = await s.get(models.PerformancePlan, row.plan_id) if row else None
            readable = await plans.readable_plan(s, info.context.actor, plan, info.context.today)
        return WorkResult.from_model(row) if row is not None and readable is not None else None

    @strawberry.field(
        description="RHK SKP Pejabat Penilai saya pada tahun itu yang dapat saya intervensi "
        "(SKP-nya sudah diajukan)."
    )
    async def cascadable_work_results(self, info: Info, year: int) -> list[SuperiorWorkResult]:
        employee_id = info.context.actor.employee_id
        if employee_id is None:
            return []
        async with info.context.db.read() as s:
            rows = await cascade.cascadable_work_results(s, employee_id, year, info.context.today)
        return [
            SuperiorWorkResult(
                id=strawberry.ID(str(r.id)), kind=r.kind, text=r.text, plan_id=r.plan_id
            )
            for r in rows
        ]

    @strawberry.field(
        description="Keselarasan RHK satu unit (dengan sub-unitnya) pada satu tahun: pengelola "
        "kinerja unit itu, BKPSDM, auditor."
    )
    async def alignment_coverage(
        self, info: Info, unit_id: strawberry.ID, year: int
    ) -> AlignmentCoverage:
        unit = _parse_id(unit_id, "unit")
        try:
            async with info.context.db.read() as s:
                found = await cascade.alignment_coverage(
                    s, info.context.actor, unit, year, info.context.today
                )
        except ServiceError as exc:
            raise _as_graphql(exc) from None
        return fill_type(
            AlignmentCoverage,
            found,
            unintervened=[WorkResult.from_model(r) for r in found.unintervened],
            orphans=[
                AlignmentOrphan(reason=o.reason, work_result=WorkResult.from_model(o.work_result))
                for o in found.orphans
            ],
        )
