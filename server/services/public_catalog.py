"""Reads for the public API. It returns plain records of public facts only.

The public schema calls nothing else in the service layer, so no code path can hand it a
person. Units are public organisational facts (they appear in every regional regulation).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from server.db.engine import Database
from server.db.models import Unit
from server.domain.enums import UnitKind


@dataclass(frozen=True)
class PublicUnitRecord:
    code: str
    name: str
    kind: UnitKind
    parent_code: str | None


async def list_public_units(db: Database, day: date) -> list[PublicUnitRecord]:
    """Every unit valid on ``day``, parents before children (ordered by depth, then name)."""
    parent = sa.orm.aliased(Unit)
    async with db.read() as session:
        rows = (
            await session.execute(
                sa.select(Unit.code, Unit.name, Unit.kind, parent.code)
                .outerjoin(parent, parent.id == Unit.parent_id)
                .where(
                    Unit.valid_from <= day,
                    sa.or_(Unit.valid_until.is_(None), Unit.valid_until >= day),
                )
                .order_by(Unit.name)
            )
        ).all()
    records = [
        PublicUnitRecord(code, name, kind, parent_code) for code, name, kind, parent_code in rows
    ]
    known = {r.code for r in records}
    # A unit whose parent has ended hangs from nothing today: show it at the top, not lose it.
    return [
        r
        if r.parent_code is None or r.parent_code in known
        else PublicUnitRecord(r.code, r.name, r.kind, None)
        for r in records
    ]


async def public_unit_name(db: Database, code: str, day: date) -> str | None:
    """The name of the unit with ``code`` (any case, outer spaces ignored) valid on ``day``."""
    async with db.read() as session:
        name: str | None = await session.scalar(
            sa.select(Unit.name).where(
                Unit.code == code.strip().upper(),
                Unit.valid_from <= day,
                sa.or_(Unit.valid_until.is_(None), Unit.valid_until >= day),
            )
        )
    return name
