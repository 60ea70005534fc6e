"""What a release of a period would publish, before BKPSDM publishes it (nothing is written).

The same build, suppression and disclosure audit as ``publish_release`` (one code path:
``protect_period``), reported as counts: units and services, the cells withheld per table and
the cells the audit added, how long the audit took, which release a publication would replace,
and whether a final (not provisional) release is allowed for the period today.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from server.db.engine import Database
from server.db.models import Release
from server.services.actor import Actor
from server.services.errors import ServiceError
from server.services.releases.publish import (
    PublishOptions,
    check_release_period,
    parse_release_period,
    protect_period,
    require_publisher,
)


@dataclass(frozen=True)
class TableWithheld:
    table: str
    cells_withheld: int
    cells_added: int


@dataclass(frozen=True)
class ReleasePreview:
    period_code: str
    units: int
    services: int
    headcount: int | None  # the city's head count as it would be published (None: withheld)
    cells_withheld: int
    cells_added: int
    linear_programmes: int
    seconds: float
    tables: tuple[TableWithheld, ...]
    current_release: int | None  # the release of this period a publication would replace
    final_refusal: str | None  # why only a provisional release is possible now (None: final ok)


async def preview_release(
    db: Database, actor: Actor, period_text: str, options: PublishOptions
) -> ReleasePreview:
    require_publisher(actor)
    period = parse_release_period(period_text)
    await check_release_period(db, period, provisional=True)  # not started: nothing to preview
    final_refusal: str | None = None
    try:
        await check_release_period(db, period, provisional=False)
    except ServiceError as exc:
        final_refusal = exc.message
    _, protected = await protect_period(db, period, options)
    async with db.read() as session:
        current = (
            await session.scalars(
                sa.select(Release.number)
                .where(Release.period_code == period.code)
                .order_by(Release.number.desc())
            )
        ).first()
    report = protected.audit_report()
    total = report["total"]
    assert isinstance(total, dict)
    tables = report["tables"]
    assert isinstance(tables, dict)
    city = protected.units[0]
    return ReleasePreview(
        period_code=period.code,
        units=len(protected.units) - 1,
        services=len(protected.services),
        headcount=city.headcount.value,
        cells_withheld=int(total["cells_withheld"]),
        cells_added=int(total["cells_added"]),
        linear_programmes=int(total["linear_programmes"]),
        seconds=float(total["seconds"]),
        tables=tuple(
            TableWithheld(name, int(r["cells_withheld"]), int(r["cells_added"]))
            for name, r in tables.items()
        ),
        current_release=current,
        final_refusal=final_refusal,
    )
