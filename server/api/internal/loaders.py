"""DataLoaders of the internal API: one short session per batch, never one shared session.

Sibling fields resolve concurrently, so each batch opens its own session from the factory.
Whole-organisation facts (the position tree, the unit tree) are loaded at most once a request.

One :class:`Loaders` object per request holds them all: the directory loaders every feature
uses (units, positions, people) as attributes, and each feature's own loaders under the
feature's name (``loaders.planning``, ``loaders.work``, ...), created on first use.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from datetime import date
from functools import cached_property
from typing import Generic, TypeVar

from strawberry.dataloader import DataLoader

from server.api.internal.evaluation.loaders import EvaluationLoaders
from server.api.internal.feedback.loaders import FeedbackLoaders
from server.api.internal.planning.loaders import PlanningLoaders
from server.api.internal.work.loaders import WorkLoaders
from server.db.engine import Database
from server.db.models import Employee, Position, PositionAssignment, Unit
from server.domain.assessor import OrgSnapshot
from server.services.actor import Actor
from server.services.organisation import directory
from server.services.organisation.directory import RecordScope, UnitTree

T = TypeVar("T")


class _Once(Generic[T]):
    """Run an async loader once per request; concurrent callers share the result.

    Every caller awaits one shared task, so all of them resume in the same turn of the event
    loop and the loads they start next fall into one DataLoader batch (waiters of a lock would
    resume one per turn, splitting every batch that follows into many).
    """

    def __init__(self, load: Callable[[], Awaitable[T]]) -> None:
        self._load = load
        self._task: asyncio.Future[T] | None = None

    async def get(self) -> T:
        if self._task is None:
            self._task = asyncio.ensure_future(self._load())
        return await asyncio.shield(self._task)


class Loaders:
    def __init__(self, db: Database, actor: Actor, today: date) -> None:
        self._db = db
        self._actor = actor
        self._today = today
        self.unit = DataLoader(load_fn=self._units)
        self.position = DataLoader(load_fn=self._positions)
        self.employee = DataLoader(load_fn=self._employees)
        self.placement_of_employee = DataLoader(load_fn=self._placements)
        self.holder_id_of_position = DataLoader(load_fn=self._holder_ids_of_positions)
        self.children_of_unit = DataLoader(load_fn=self._children_of_units)
        self.assignments_of_employee = DataLoader(load_fn=self._assignments)
        self._org = _Once(self._load_org)
        self._unit_tree = _Once(self._load_unit_tree)

    # Each feature's loaders, made when a resolver of that feature first needs them.
    @cached_property
    def planning(self) -> PlanningLoaders:
        return PlanningLoaders(self._db, self._actor, self._today)

    @cached_property
    def work(self) -> WorkLoaders:
        return WorkLoaders(self._db)

    @cached_property
    def evaluation(self) -> EvaluationLoaders:
        return EvaluationLoaders(self._db)

    @cached_property
    def feedback(self) -> FeedbackLoaders:
        return FeedbackLoaders(self._db)

    async def _units(self, ids: list[int]) -> Sequence[Unit | None]:
        async with self._db.read() as s:
            found = {u.id: u for u in await directory.units_by_ids(s, ids)}
        return [found.get(i) for i in ids]

    async def _positions(self, ids: list[int]) -> Sequence[Position | None]:
        async with self._db.read() as s:
            found = {p.id: p for p in await directory.positions_by_ids(s, ids)}
        return [found.get(i) for i in ids]

    async def _employees(self, ids: list[int]) -> Sequence[Employee | None]:
        async with self._db.read() as s:
            found = {e.id: e for e in await directory.employees_by_ids(s, ids)}
        return [found.get(i) for i in ids]

    async def _placements(self, ids: list[int]) -> Sequence[tuple[Position, Unit] | None]:
        """Position and unit held today, one statement for the batch; the position and unit
        loaders learn them too (whoever asks them next reads nothing)."""
        async with self._db.read() as s:
            found = await directory.current_placements_of(s, ids, self._today)
        for position, unit in found.values():
            self.position.prime(position.id, position)
            self.unit.prime(unit.id, unit)
        return [found.get(i) for i in ids]

    async def _holder_ids_of_positions(self, ids: list[int]) -> Sequence[int | None]:
        async with self._db.read() as s:
            found = await directory.current_holders_of(s, ids, self._today)
        return [found.get(i) for i in ids]

    async def _children_of_units(self, ids: list[int]) -> Sequence[list[Unit]]:
        async with self._db.read() as s:
            found = await directory.children_of_units(s, ids, self._today)
        return [found.get(i, []) for i in ids]

    async def _assignments(self, ids: list[int]) -> Sequence[list[PositionAssignment]]:
        async with self._db.read() as s:
            found = await directory.assignments_of(s, ids)
        return [found.get(i, []) for i in ids]

    async def _load_org(self) -> OrgSnapshot:
        async with self._db.read() as s:
            return await directory.load_org_snapshot(s, self._today)

    async def _load_unit_tree(self) -> UnitTree:
        async with self._db.read() as s:
            return await directory.load_unit_tree(s)

    async def org(self) -> OrgSnapshot:
        return await self._org.get()

    async def unit_tree(self) -> UnitTree:
        return await self._unit_tree.get()

    async def record_scope(self) -> RecordScope:
        """Loads only what the viewer's rights need: BKPSDM and auditors need nothing."""
        actor = self._actor
        if actor.sees_everything:
            return RecordScope(actor, None, None)
        units = await self.unit_tree() if actor.managed_unit_id is not None else None
        needs_org = actor.employee_id is not None or actor.is_kepala_daerah
        org = await self.org() if needs_org else None
        return RecordScope(actor, org, units)
