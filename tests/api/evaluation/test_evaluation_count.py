"""The evaluation count (server/db/evaluation_count.py) always equals a fresh count of the
evaluations it summarises: after random sequences of ORM writes of every kind (evaluations
added, set, acknowledged, re-rated, moved to another unit or assessor, sent back to draft,
removed; several in one transaction; a transaction rolled back), after writes through the
services (finalise, an objection changing the predicate), after a bulk refresh, and after
migration 0032 fills it from existing rows."""

from __future__ import annotations

import asyncio
import random
from datetime import UTC, date, datetime
from typing import Any

import pytest
import sqlalchemy as sa

from server.db.engine import Database
from server.db.evaluation_count import refresh_evaluation_count
from server.db.migrate import downgrade_database, upgrade_database
from server.db.models import Evaluation, EvaluationCount, PerformancePlan, Unit
from server.domain.enums import EvaluationKind, EvaluationStatus, Predicate, Rating
from server.services.actor import Actor
from server.services.evaluation.evaluations import apply_objection_result
from tests.api.evaluation.conftest import FINALISE, EvalFixture, confirm, judge, ok, start
from tests.conftest import ClientFactory, SmallOrg, mutate

Counts = dict[tuple[Any, ...], int]
STATUSES = list(EvaluationStatus)
PREDICATES = [*Predicate, None]
RATINGS = [*Rating, None]


async def count_rows(db: Database) -> Counts:
    """The table's rows, one per key (a key twice would be a recount gone wrong)."""
    async with db.read() as s:
        rows = (
            await s.execute(
                sa.select(
                    EvaluationCount.year_id,
                    EvaluationCount.period_id,
                    EvaluationCount.rated_unit_id,
                    EvaluationCount.assessor_employee_id,
                    EvaluationCount.predicate,
                    EvaluationCount.self_result_rating,
                    EvaluationCount.self_behavior_rating,
                    EvaluationCount.n,
                )
            )
        ).all()
    found: Counts = {}
    for *key, n in rows:
        assert tuple(key) not in found, key
        assert n > 0, key
        found[tuple(key)] = n
    return found


async def recount(db: Database) -> Counts:
    """The count, from the evaluations themselves, in Python."""
    async with db.read() as s:
        rows = (
            await s.execute(
                sa.select(
                    PerformancePlan.year_id,
                    Evaluation.period_id,
                    Evaluation.rated_unit_id,
                    Evaluation.assessor_employee_id,
                    Evaluation.predicate,
                    Evaluation.self_result_rating,
                    Evaluation.self_behavior_rating,
                    Evaluation.status,
                ).join(PerformancePlan, PerformancePlan.id == Evaluation.plan_id)
            )
        ).all()
    found: Counts = {}
    for *key, status in rows:
        finalised = status in (EvaluationStatus.DITETAPKAN, EvaluationStatus.DITERIMA)
        if finalised and key[4] is not None and key[2] is not None:
            found[tuple(key)] = found.get(tuple(key), 0) + 1
    return found


async def assert_count_is_fresh(db: Database) -> Counts:
    found = await count_rows(db)
    assert found == await recount(db)
    return found


def _snapshot(unit: int | None) -> dict[str, Any]:
    return {"pegawai": {"name": "Pegawai", "unit_id": unit}}


def _finalised(status: EvaluationStatus) -> dict[str, Any]:
    if status == EvaluationStatus.DRAFT:
        return {"finalised_at": None, "objection_filing_deadline": None}
    return {
        "finalised_at": datetime(2025, 4, 5, tzinfo=UTC),
        "objection_filing_deadline": date(2025, 4, 19),
    }


async def test_random_orm_writes_keep_the_count_fresh(
    db: Database, ev: EvalFixture, small_org: SmallOrg
) -> None:
    rng = random.Random(20261205)
    async with db.read() as s:
        units: list[int | None] = [*(await s.scalars(sa.select(Unit.id).order_by(Unit.id))), None]
    assessors = [small_org.ids["emp:kabid"], small_org.ids["emp:sekda"], None]
    plans = [ev.plan, ev.plan2, ev.kadis_plan]
    scopes: list[int | None] = [None, *ev.periods[:4]]

    def rated(ev_row: Evaluation) -> None:
        status = rng.choice(STATUSES)
        ev_row.status = status
        ev_row.predicate = rng.choice(PREDICATES)
        ev_row.assessor_employee_id = rng.choice(assessors)
        ev_row.self_result_rating = rng.choice(RATINGS)
        ev_row.self_behavior_rating = rng.choice(RATINGS)
        for name, value in _finalised(status).items():
            setattr(ev_row, name, value)

    for step in range(40):
        async with db.write() as s:
            existing = list(await s.scalars(sa.select(Evaluation).order_by(Evaluation.id)))
            taken = {(e.plan_id, e.period_id) for e in existing}
            for _ in range(rng.randint(1, 4)):
                action = rng.choice(["add", "add", "rate", "move", "unit", "delete", "draft"])
                if action == "add" or not existing:
                    free = [(p, q) for p in plans for q in scopes if (p, q) not in taken]
                    if not free:
                        continue
                    plan, period = rng.choice(free)
                    taken.add((plan, period))
                    row = Evaluation(
                        plan_id=plan,
                        kind=EvaluationKind.TAHUNAN if period is None else EvaluationKind.PERIODIK,
                        period_id=period,
                        identity_snapshot=_snapshot(rng.choice(units)),
                    )
                    rated(row)
                    s.add(row)
                    existing.append(row)
                    continue
                row = rng.choice(existing)
                if action == "rate":
                    rated(row)
                elif action == "move":
                    row.assessor_employee_id = rng.choice(assessors)
                    row.predicate = rng.choice(PREDICATES)
                elif action == "unit":
                    row.identity_snapshot = _snapshot(rng.choice(units))
                elif action == "draft":
                    row.status = EvaluationStatus.DRAFT
                    for name, value in _finalised(EvaluationStatus.DRAFT).items():
                        setattr(row, name, value)
                elif action == "delete" and row.id is not None:
                    await s.delete(row)
                    existing.remove(row)
                    taken.discard((row.plan_id, row.period_id))
                if rng.random() < 0.3:
                    await s.flush()  # a change noted in an earlier flush is recounted too
        found = await assert_count_is_fresh(db)
        if step == 39:
            assert sum(found.values()) > 0

    before = await count_rows(db)

    async def remove_all_then_fail() -> None:
        async with db.write() as s:
            for row in await s.scalars(sa.select(Evaluation)):
                await s.delete(row)
            await s.flush()
            raise RuntimeError("rolled back")

    with pytest.raises(RuntimeError):
        await remove_all_then_fail()
    assert await assert_count_is_fresh(db) == before


async def test_service_writes_keep_the_count_fresh(
    db: Database, ev: EvalFixture, small_org: SmallOrg, client_for: ClientFactory
) -> None:
    """Finalised through the API, then an objection changes the predicate (Baik → Kurang)."""
    kabid = await client_for("kabid")
    ids: list[int] = []
    for month in (1, 2):
        e = ok(await start(kabid, ev.plan, ev.period(month)))
        s_ = Rating.SESUAI_EKSPEKTASI.value
        ok(await judge(kabid, e["id"], [(ev.rhk[0], s_), (ev.rhk[1], s_)], s_))
        ok(await confirm(kabid, e["id"]))
        assert sum((await count_rows(db)).values()) == len(ids)  # a draft is not counted
        done = ok(await mutate(kabid, FINALISE, {"id": e["id"]}))
        assert done["predicate"] == "BAIK"
        ids.append(int(e["id"]))
    found = await assert_count_is_fresh(db)
    assert sorted(found.values()) == [1, 1]
    assert {key[4] for key in found} == {Predicate.BAIK}
    kadis = Actor(
        account_id=small_org.ids["acc:kadis"],
        login="kadis",
        employee_id=small_org.ids["emp:kadis"],
    )
    async with db.write() as session:
        row = await session.get(Evaluation, ids[0])
        assert row is not None
        await apply_objection_result(
            session,
            row,
            actor=kadis,
            result_rating=Rating.SESUAI_EKSPEKTASI,
            behavior_rating=Rating.DI_BAWAH_EKSPEKTASI,
            reason="Keberatan dikabulkan sebagian",
        )
    found = await assert_count_is_fresh(db)
    assert sorted((key[4], n) for key, n in found.items()) == [
        (Predicate.BAIK, 1),
        (Predicate.KURANG, 1),
    ]


async def test_a_bulk_refresh_rebuilds_what_core_inserts_left_out(
    db: Database, ev: EvalFixture
) -> None:
    """Core inserts bypass the session (as the demo loaders do): the refresh recounts."""
    unit = await _any_unit(db)
    async with db.write() as s:
        await s.execute(
            sa.insert(Evaluation),
            [
                {
                    "plan_id": plan,
                    "kind": EvaluationKind.PERIODIK,
                    "period_id": ev.period(1),
                    "status": EvaluationStatus.DITETAPKAN,
                    "predicate": Predicate.BAIK,
                    "rated_unit_id": unit,
                    **_finalised(EvaluationStatus.DITETAPKAN),
                }
                for plan in (ev.plan, ev.plan2, ev.kadis_plan)
            ],
        )
    assert await count_rows(db) == {}
    async with db.write() as s:
        await refresh_evaluation_count(s, year_id=ev.year_id)
    found = await assert_count_is_fresh(db)
    assert list(found.values()) == [3]
    async with db.write() as s:
        await s.execute(sa.delete(EvaluationCount))
        await refresh_evaluation_count(s)  # every year
    assert await assert_count_is_fresh(db) == found


async def _any_unit(db: Database) -> int:
    async with db.read() as s:
        unit = await s.scalar(sa.select(Unit.id).order_by(Unit.id).limit(1))
    assert unit is not None
    return unit


async def test_the_migration_fills_the_count_from_existing_rows(
    db: Database, db_url: str, ev: EvalFixture
) -> None:
    """Migration 0032 counts what is already there; its downgrade drops the table."""
    unit = await _any_unit(db)
    async with db.write() as s:
        for plan, period, status in (
            (ev.plan, ev.period(1), EvaluationStatus.DITETAPKAN),
            (ev.plan2, ev.period(1), EvaluationStatus.DITERIMA),
            (ev.kadis_plan, ev.period(1), EvaluationStatus.DRAFT),
            (ev.plan, None, EvaluationStatus.DITERIMA),
        ):
            s.add(
                Evaluation(
                    plan_id=plan,
                    kind=EvaluationKind.TAHUNAN if period is None else EvaluationKind.PERIODIK,
                    period_id=period,
                    status=status,
                    predicate=Predicate.SANGAT_BAIK,
                    identity_snapshot=_snapshot(unit),
                    self_result_rating=Rating.SESUAI_EKSPEKTASI,
                    **_finalised(status),
                )
            )
    expected = await assert_count_is_fresh(db)
    assert sorted(expected.values()) == [1, 2]
    await db.engine.dispose()
    await asyncio.to_thread(downgrade_database, db_url, "0031")
    async with db.read() as s:
        tables = await s.run_sync(lambda sync: sa.inspect(sync.connection()).get_table_names())
    assert "evaluation_count" not in tables
    await db.engine.dispose()
    await asyncio.to_thread(upgrade_database, db_url)
    assert await assert_count_is_fresh(db) == expected
