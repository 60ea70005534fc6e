"""Public survey links: the "Nilai layanan ini" path of every service citizens can rate."""

from __future__ import annotations

from urllib.parse import quote

import strawberry

from server.api.fill import fill_type
from server.api.public.types import Info
from server.services.survey.public_links import active_survey_links

MAX_UNIT_CODE = 64


@strawberry.type(
    description="Layanan yang dapat dinilai warga sekarang / a service citizens can rate now."
)
class SurveyService:
    code: str = strawberry.field(description="Kode layanan / service code.")
    name: str = strawberry.field(description="Nama layanan / service name.")
    unit_code: str = strawberry.field(description="Kode unit penyelenggara / unit code.")
    unit_name: str = strawberry.field(description="Nama unit penyelenggara / unit name.")
    survey_path: str = strawberry.field(
        description="Alamat formulir survei (SKM) di situs ini / path of the survey form."
    )


@strawberry.type
class SurveyQuery:
    @strawberry.field(
        description="Layanan yang menerima survei kepuasan sekarang, dapat disaring per unit / "
        "services accepting satisfaction surveys now, optionally of one unit."
    )
    async def survey_services(
        self, info: Info, unit_code: str | None = None
    ) -> list[SurveyService]:
        if unit_code is not None and len(unit_code) > MAX_UNIT_CODE:
            return []
        links = await active_survey_links(info.context.db, unit_code)
        return [
            fill_type(SurveyService, link, survey_path=f"/layanan/{quote(link.token, safe='')}")
            for link in links
        ]
