"""Per-request DataLoaders of continuous feedback, one short session per batch."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from strawberry.dataloader import DataLoader

from server.db import models
from server.db.engine import Database
from server.services import feedback as service


class FeedbackLoaders:
    """Per-request loaders of feedback: standard phrases and the reader's read markers."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self.phrase = DataLoader(load_fn=self._phrases)
        self._markers: dict[int, dict[tuple[int, str, str], int]] = {}

    async def read_markers(self, employee_id: int, plan_id: int) -> dict[tuple[int, str, str], int]:
        """The reader's markers of one SKP (once per request and SKP)."""
        if plan_id not in self._markers:
            async with self._db.read() as s:
                self._markers[plan_id] = await service.read_markers(s, employee_id, [plan_id])
        return self._markers[plan_id]

    async def _phrases(self, ids: list[int]) -> Sequence[models.FeedbackPhrase | None]:
        async with self._db.read() as s:
            rows = (
                await s.scalars(
                    sa.select(models.FeedbackPhrase).where(models.FeedbackPhrase.id.in_(ids))
                )
            ).all()
        found = {p.id: p for p in rows}
        return [found.get(i) for i in ids]
