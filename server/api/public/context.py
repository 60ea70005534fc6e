"""Per-request context of the public API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from server.config import Settings
from server.db.engine import Database
from server.services.public_catalog import PublicUnitRecord


@dataclass
class PublicContext:
    db: Database
    settings: Settings
    today: date
    _units: list[PublicUnitRecord] | None = None

    async def units(self) -> list[PublicUnitRecord]:
        from server.services.public_catalog import list_public_units

        if self._units is None:
            self._units = await list_public_units(self.db, self.today)
        return self._units
