"""Which services citizens can rate now, with the path of each one's survey (public).

The survey token is the service's public link (printed on posters as a QR code), so listing it
reveals nothing that a visitor of the service's counter does not already see.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from server.db.engine import Database
from server.db.models import PublicService, Unit
from server.services.survey.services import public_service_name


@dataclass(frozen=True)
class SurveyLink:
    code: str
    name: str
    unit_code: str
    unit_name: str
    token: str


async def active_survey_links(db: Database, unit_code: str | None = None) -> list[SurveyLink]:
    """Active services (of one unit when ``unit_code`` is given), ordered by unit then name."""
    query = (
        sa.select(
            PublicService.code,
            PublicService.name,
            Unit.code,
            Unit.name,
            PublicService.survey_token,
            PublicService.text_review,
        )
        .join(Unit, Unit.id == PublicService.unit_id)
        .where(PublicService.active.is_(True))
        .order_by(Unit.name, PublicService.name)
    )
    if unit_code is not None:
        query = query.where(Unit.code == unit_code.strip().upper())
    async with db.read() as session:
        rows = (await session.execute(query)).all()
    return [
        SurveyLink(code, public_service_name(code, name, review), unit, unit_name, token)
        for code, name, unit, unit_name, token, review in rows
    ]
