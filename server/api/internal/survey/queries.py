"""Reads of survey administration: BKPSDM and auditors everywhere, unit managers in their
subtree; anyone else gets a FORBIDDEN error."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TypeVar

import strawberry

from server.api.enums import CommentStatus
from server.api.graphql_common import ExpectedGraphQLError
from server.api.internal.payloads import parse_id
from server.api.internal.survey.types import (
    IkmReport,
    ServiceUserCount,
    SurveyComment,
    SurveyFollowUp,
    SurveyService,
)
from server.api.internal.types import (
    Connection,
    Info,
    decode_cursor,
    make_connection,
    page_size,
)
from server.services.errors import ServiceError
from server.services.survey import ikm as ikm_service
from server.services.survey import moderation
from server.services.survey import services as service
from server.services.validation import invalid

R = TypeVar("R")


def _error(exc: ServiceError) -> ExpectedGraphQLError:
    extensions: dict[str, object] = {"code": exc.code.value}
    if exc.field:
        extensions["field"] = exc.field
    return ExpectedGraphQLError(exc.message, extensions=extensions)


async def _run(action: Awaitable[R]) -> R:
    try:
        return await action
    except ServiceError as exc:
        raise _error(exc) from None


def _id(raw: strawberry.ID | None, field: str) -> int | None:
    try:
        return parse_id(raw, field)
    except ServiceError as exc:
        raise _error(exc) from None


def _period(
    year: int, month: int | None, quarter: int | None, semester: int | None
) -> ikm_service.Period:
    chosen = [v for v in (month, quarter, semester) if v is not None]
    try:
        if len(chosen) > 1:
            raise invalid("period", "Pilih paling banyak satu: month, quarter atau semester.")
        if not service.MIN_YEAR <= year <= service.MAX_YEAR:
            raise invalid("year", "Tahun di luar rentang.")
        if month is not None:
            return ikm_service.month_period(year, month)
        if quarter is not None:
            return ikm_service.quarter_period(year, quarter)
        if semester is not None:
            return ikm_service.semester_period(year, semester)
        return ikm_service.year_period(year)
    except ServiceError as exc:
        raise _error(exc) from None


@strawberry.type
class SurveyQuery:
    @strawberry.field(
        description="Jenis layanan yang boleh Anda kelola atau baca; unitId: unit itu beserta "
        "sub-unitnya."
    )
    async def survey_services(
        self, info: Info, unit_id: strawberry.ID | None = None, include_inactive: bool = False
    ) -> list[SurveyService]:
        rows = await _run(
            service.list_services(
                info.context.db,
                info.context.actor,
                unit_id=_id(unit_id, "unitId"),
                include_inactive=include_inactive,
            )
        )
        return [SurveyService.from_model(r) for r in rows]

    @strawberry.field(description="Satu jenis layanan.")
    async def survey_service(self, info: Info, id: strawberry.ID) -> SurveyService:
        service_id = _id(id, "id")
        assert service_id is not None
        row = await _run(service.get_service(info.context.db, info.context.actor, service_id))
        return SurveyService.from_model(row)

    @strawberry.field(description="Jumlah pengguna layanan per bulan dalam satu tahun.")
    async def service_user_counts(
        self, info: Info, service_id: strawberry.ID, year: int
    ) -> list[ServiceUserCount]:
        sid = _id(service_id, "serviceId")
        assert sid is not None
        rows = await _run(service.list_user_counts(info.context.db, info.context.actor, sid, year))
        return [ServiceUserCount.from_model(r) for r in rows]

    @strawberry.field(
        description="Rencana tindak lanjut SKM satu tahun (unit tertentu, atau semua "
        "unit yang boleh Anda baca)."
    )
    async def survey_follow_ups(
        self, info: Info, year: int, unit_id: strawberry.ID | None = None
    ) -> list[SurveyFollowUp]:
        rows = await _run(
            service.list_follow_ups(
                info.context.db, info.context.actor, year=year, unit_id=_id(unit_id, "unitId")
            )
        )
        return [SurveyFollowUp.from_model(r) for r in rows]

    @strawberry.field(
        description="Komentar survei satu layanan atau satu unit beserta sub-unitnya, terbaru "
        "lebih dahulu. status DITERUSKAN: kotak masuk pengelola unit (masukan internal)."
    )
    async def survey_comments(
        self,
        info: Info,
        service_id: strawberry.ID | None = None,
        unit_id: strawberry.ID | None = None,
        status: CommentStatus | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[SurveyComment]:
        limit = page_size(first)
        offset = decode_cursor(after)
        page = await _run(
            moderation.list_comments(
                info.context.db,
                info.context.actor,
                service_id=_id(service_id, "serviceId"),
                unit_id=_id(unit_id, "unitId"),
                status=status,
                offset=offset,
                limit=limit,
            )
        )
        return make_connection(
            [SurveyComment.from_row(r) for r in page.rows], offset=offset, total=page.total
        )

    @strawberry.field(
        description="IKM satu layanan (serviceId), satu unit beserta sub-unitnya (unitId) atau "
        "seluruh instansi (tanpa keduanya; BKPSDM dan auditor) untuk satu tahun, semester, "
        "triwulan atau bulan, dengan tren bulanan."
    )
    async def survey_ikm(
        self,
        info: Info,
        year: int,
        service_id: strawberry.ID | None = None,
        unit_id: strawberry.ID | None = None,
        month: int | None = None,
        quarter: int | None = None,
        semester: int | None = None,
    ) -> IkmReport:
        summary = await _run(
            ikm_service.ikm_report(
                info.context.db,
                info.context.actor,
                _period(year, month, quarter, semester),
                service_id=_id(service_id, "serviceId"),
                unit_id=_id(unit_id, "unitId"),
            )
        )
        return IkmReport.from_summary(summary)
