"""Work the application does by itself, at start-up and then periodically (from the lifespan).

Today: removing partial evidence uploads whose writer is gone (``kill -9`` mid-upload leaves
``<evidence dir>/.tmp/*.part`` behind; see EvidenceStore.remove_stale_temp_files), and on
SQLite, keeping the query planner's statistics fresh (Database.keep_statistics_fresh). A failing
sweep is logged and tried again at the next interval; it never stops the server.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from sqlalchemy.exc import SQLAlchemyError

from server.config import Settings
from server.db.engine import Database
from server.storage.evidence_store import EvidenceStore

log = logging.getLogger("server.housekeeping")


class Housekeeping:
    def __init__(self, settings: Settings, database: Database | None = None) -> None:
        self.store = EvidenceStore(settings.evidence_dir)
        self.database = database
        self.max_age_seconds = settings.evidence_temp_max_age_seconds
        self.interval_seconds = settings.housekeeping_interval_seconds
        self.sweeps = 0  # completed sweeps (start-up included)
        self._sweeping = False
        self._wake = asyncio.Event()
        self._swept = asyncio.Condition()
        self._task: asyncio.Task[None] | None = None

    async def sweep(self, *, at_startup: bool = False) -> int:
        """One pass; returns the number of files removed."""
        self._sweeping = True
        try:
            removed = await asyncio.to_thread(
                self.store.remove_stale_temp_files, self.max_age_seconds, at_startup=at_startup
            )
        except OSError:
            log.exception("housekeeping: could not sweep %s", self.store.temp_dir)
            removed = []
        if removed:
            log.info("housekeeping: removed %d partial upload(s)", len(removed))
        if self.database is not None and not at_startup:
            try:
                await self.database.keep_statistics_fresh()
            except (SQLAlchemyError, OSError):  # busy or unreachable: tried again next time
                log.exception("housekeeping: could not refresh the planner's statistics")
        async with self._swept:
            self._sweeping = False
            self.sweeps += 1
            self._swept.notify_all()
        return len(removed)

    async def start(self) -> None:
        await self.sweep(at_startup=True)
        self._task = asyncio.create_task(self._run(), name="kinerja-housekeeping")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def wait_for_sweeps(self, count: int) -> None:
        """Wait until ``count`` sweeps have completed since start-up (start-up included)."""
        async with self._swept:
            await self._swept.wait_for(lambda: self.sweeps >= count)

    async def run_now(self) -> None:
        """Ask for a sweep at once (instead of at the next interval) and wait until it ran."""
        async with self._swept:
            # A sweep already running may have looked before the caller's change: wait for the
            # next one.
            target = self.sweeps + (2 if self._sweeping else 1)
            self._wake.set()
            await self._swept.wait_for(lambda: self.sweeps >= target)

    async def _run(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self.interval_seconds)
            self._wake.clear()
            await self.sweep()
