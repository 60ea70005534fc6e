"""Per-request context of the public API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from server.config import Settings
from server.db.engine import Database
from server.services.public_catalog import PublicUnitRecord
from server.services.releases.read import ReleaseInfo, ReleaseSnapshot


@dataclass
class PublicContext:
    db: Database
    settings: Settings
    today: date
    _units: list[PublicUnitRecord] | None = None
    _releases: list[ReleaseInfo] | None = None

    async def units(self) -> list[PublicUnitRecord]:
        from server.services.public_catalog import list_public_units

        if self._units is None:
            self._units = await list_public_units(self.db, self.today)
        return self._units

    async def releases(self) -> list[ReleaseInfo]:
        """Every release, newest first (read once per request)."""
        from server.services.releases.read import list_releases

        if self._releases is None:
            self._releases = await list_releases(self.db)
        return self._releases

    async def snapshot(self, number: int) -> ReleaseSnapshot | None:
        from server.services.releases.read import load_release

        return await load_release(self.db, number)
