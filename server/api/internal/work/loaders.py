"""Per-request DataLoaders of the work module: evidence lists and counts, one session per batch."""

from __future__ import annotations

from collections.abc import Sequence

from strawberry.dataloader import DataLoader

from server.db.engine import Database
from server.services.work import evidence as evidence_service
from server.services.work.evidence import EvidenceView


class WorkLoaders:
    def __init__(self, db: Database) -> None:
        self._db = db
        self.evidence_of_realization = DataLoader(load_fn=self._evidence_of_realizations)
        self.evidence_count_of_realization = DataLoader(load_fn=self._evidence_counts)
        self.evidence_of_work_log_entry = DataLoader(load_fn=self._evidence_of_entries)

    async def _evidence_of_realizations(self, ids: list[int]) -> Sequence[list[EvidenceView]]:
        async with self._db.read() as s:
            found = await evidence_service.evidence_of_realizations(s, ids)
        return [found.get(i, []) for i in ids]

    async def _evidence_counts(self, ids: list[int]) -> Sequence[int]:
        async with self._db.read() as s:
            found = await evidence_service.evidence_counts_of_realizations(s, ids)
        return [found.get(i, 0) for i in ids]

    async def _evidence_of_entries(self, ids: list[int]) -> Sequence[list[EvidenceView]]:
        async with self._db.read() as s:
            found = await evidence_service.evidence_of_work_log_entries(s, ids)
        return [found.get(i, []) for i in ids]
