"""A cheap fingerprint of everything the public API can show, for its response cache.

Releases are immutable, so the newest release number covers them; the legacy ``units`` fields
show today's unit list, so the unit table's row count and last change are included too, and
``surveyServices`` lists today's active survey links, so the services' count and last change too.
"""

from __future__ import annotations

import sqlalchemy as sa

from server.db.engine import Database
from server.db.models import PublicService, Release, Unit


async def public_data_fingerprint(db: Database) -> tuple[object, ...]:
    async with db.read() as session:
        row = (
            await session.execute(
                sa.select(
                    sa.select(sa.func.max(Release.number)).scalar_subquery(),
                    sa.select(sa.func.count(Unit.id)).scalar_subquery(),
                    sa.select(sa.func.max(Unit.updated_at)).scalar_subquery(),
                    sa.select(sa.func.count(PublicService.id)).scalar_subquery(),
                    sa.select(sa.func.max(PublicService.updated_at)).scalar_subquery(),
                )
            )
        ).one()
    return (row[0], row[1], str(row[2]), row[3], str(row[4]))
