"""Per-request DataLoaders of penilaian kinerja: work sheets and coaching check-ins.

A response with N evaluations loads all their sheets in one batch (one short session)."""

from __future__ import annotations

from collections.abc import Sequence

from strawberry.dataloader import DataLoader

from server.db import models
from server.db.engine import Database
from server.services.evaluation import coaching
from server.services.evaluation.sheets import Sheet, load_sheets


class EvaluationLoaders:
    def __init__(self, db: Database) -> None:
        self._db = db
        self.sheet = DataLoader(load_fn=self._sheets)
        self.check_ins_of_coaching_plan = DataLoader(load_fn=self._check_ins)

    async def _sheets(self, evaluations: list[models.Evaluation]) -> Sequence[Sheet]:
        async with self._db.read() as s:
            found = await load_sheets(s, evaluations)
        return [found[e.id] for e in evaluations]

    async def _check_ins(self, ids: list[int]) -> Sequence[list[models.CoachingCheckIn]]:
        grouped = await coaching.check_ins_of(self._db, ids)
        return [grouped[i] for i in ids]
