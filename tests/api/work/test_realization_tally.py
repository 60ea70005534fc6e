"""The realisasi tally (server/db/tally.py) always equals a fresh count of the rows it summarises:
after random sequences of ORM writes of every kind (realisasi saved, re-dated, unconfirmed or
removed, IKI added, moved or removed, RHK added or removed with their IKI, several changes in
one transaction, a transaction rolled back), after writes through the API, and after a bulk
refresh."""

from __future__ import annotations

import asyncio
import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server import clock
from server.db.engine import Database
from server.db.migrate import downgrade_database, upgrade_database
from server.db.models import (
    AppraisalPeriod,
    Indicator,
    PerformancePlan,
    Realization,
    RealizationTally,
    WorkResult,
)
from server.db.tally import refresh_tally
from server.domain.enums import IndicatorAspect, RealizationStatus, WorkResultKind
from tests.api.work.conftest import CREATE_WORK_LOG, WorkFixture, save_realization
from tests.conftest import ClientFactory, gql, mutate

Tally = dict[tuple[int, int], tuple[int, int]]  # (SKP, period) -> (IKI, on time)


async def tally_rows(db: Database) -> Tally:
    """The tally's rows; checks on the way that on_time_through sums on_time up to the row."""
    async with db.read() as s:
        rows = (
            await s.execute(
                sa.select(
                    RealizationTally.plan_id,
                    RealizationTally.period_id,
                    RealizationTally.iki_total,
                    RealizationTally.on_time,
                    RealizationTally.on_time_through,
                ).order_by(RealizationTally.plan_id, RealizationTally.period_id)
            )
        ).all()
        number = dict(
            (await s.execute(sa.select(AppraisalPeriod.id, AppraisalPeriod.number))).all()
        )
    running: dict[int, int] = {}
    for plan, period, _, on_time, through in sorted(rows, key=lambda r: (r[0], number[r[1]])):
        running[plan] = running.get(plan, 0) + on_time
        assert through == running[plan], (plan, period, through, running[plan])
    return {(plan, period): (total, on_time) for plan, period, total, on_time, _ in rows}


async def fresh_count(db: Database) -> Tally:
    """The tally computed here, in Python, from every row (independently of its SQL)."""
    async with db.read() as s:
        plan_year = dict(
            (await s.execute(sa.select(PerformancePlan.id, PerformancePlan.year_id))).all()
        )
        periods = (
            await s.execute(
                sa.select(
                    AppraisalPeriod.id, AppraisalPeriod.year_id, AppraisalPeriod.realization_due
                )
            )
        ).all()
        plan_of_wr = dict((await s.execute(sa.select(WorkResult.id, WorkResult.plan_id))).all())
        wr_of_iki = dict((await s.execute(sa.select(Indicator.id, Indicator.work_result_id))).all())
        realizations = (
            await s.execute(
                sa.select(Realization.indicator_id, Realization.period_id, Realization.confirmed_at)
            )
        ).all()
    due = {pid: clock.end_of(day) for pid, _, day in periods}
    iki_count: dict[int, int] = {}
    for wr in wr_of_iki.values():
        iki_count[plan_of_wr[wr]] = iki_count.get(plan_of_wr[wr], 0) + 1
    expected: Tally = {}
    for plan, total in iki_count.items():
        for pid, year, _ in periods:
            if year == plan_year[plan]:
                expected[plan, pid] = (total, 0)
    for iki, pid, confirmed_at in realizations:
        plan = plan_of_wr[wr_of_iki[iki]]
        if confirmed_at is not None and confirmed_at < due[pid]:
            total, on_time = expected[plan, pid]
            expected[plan, pid] = (total, on_time + 1)
    return expected


async def assert_tally_is_fresh(db: Database) -> Tally:
    found = await tally_rows(db)
    assert found == await fresh_count(db)
    return found


KINDS: tuple[str, ...] = ("save", "save", "save", "redate", "remove", "add_iki", "move_iki")
KINDS += ("drop_iki", "add_rhk", "drop_rhk")


class RandomWriter:
    """Random ORM writes on the work fixture's two SKP (and the periods of their year)."""

    def __init__(self, rng: random.Random, work: WorkFixture) -> None:
        self.rng = rng
        self.work = work

    async def ids(self, s: AsyncSession, model: Any) -> list[int]:
        return list((await s.scalars(sa.select(model.id).order_by(model.id))).all())

    def instant(self, period: AppraisalPeriod) -> datetime | None:
        """Unconfirmed, or confirmed just before, exactly at or just after the deadline."""
        end = clock.end_of(period.realization_due)
        return self.rng.choice(
            [
                None,
                end - timedelta(microseconds=1),
                end,
                end - timedelta(days=3),
                end + timedelta(days=2),
                datetime(2026, 1, 1, tzinfo=UTC),
            ]
        )

    async def step(self, s: AsyncSession) -> str:
        rng = self.rng
        ikis = await self.ids(s, Indicator)
        rhks = await self.ids(s, WorkResult)
        periods = (await s.scalars(sa.select(AppraisalPeriod))).all()
        kind = rng.choice(KINDS)
        if kind == "save" and ikis:
            period = rng.choice(periods)
            iki = rng.choice(ikis)
            row = (
                await s.scalars(
                    sa.select(Realization).where(
                        Realization.indicator_id == iki, Realization.period_id == period.id
                    )
                )
            ).first()
            if row is None:
                row = Realization(indicator_id=iki, period_id=period.id, description="acak")
                s.add(row)
            confirmed = self.instant(period)
            row.confirmed_at = confirmed
            row.status = (
                RealizationStatus.USULAN if confirmed is None else RealizationStatus.DIKONFIRMASI
            )
        elif kind in ("redate", "remove"):
            rows = (await s.scalars(sa.select(Realization).order_by(Realization.id))).all()
            if rows:
                row = rng.choice(rows)
                if kind == "remove":
                    await s.delete(row)
                else:
                    period = next(p for p in periods if p.id == row.period_id)
                    row.confirmed_at = self.instant(period)
        elif kind == "add_iki" and rhks:
            s.add(self.indicator(rng.choice(rhks)))
        elif kind == "move_iki" and ikis and rhks:
            row_iki = await s.get(Indicator, rng.choice(ikis))
            assert row_iki is not None
            row_iki.work_result_id = rng.choice(rhks)
        elif kind == "drop_iki" and ikis:
            iki = rng.choice(ikis)
            await s.execute(sa.delete(Realization).where(Realization.indicator_id == iki))
            row_iki = await s.get(Indicator, iki)
            assert row_iki is not None
            await s.delete(row_iki)
        elif kind == "add_rhk":
            plan = rng.choice([self.work.plan, self.work.draft_plan])
            new = WorkResult(plan_id=plan, kind=WorkResultKind.UTAMA, text="RHK acak", ordinal=9)
            s.add(new)
            await s.flush()
            for _ in range(rng.randint(0, 2)):
                s.add(self.indicator(new.id))
        elif kind == "drop_rhk" and rhks:
            rhk = rng.choice(rhks)
            for row_iki in (
                await s.scalars(sa.select(Indicator).where(Indicator.work_result_id == rhk))
            ).all():
                for row in (
                    await s.scalars(
                        sa.select(Realization).where(Realization.indicator_id == row_iki.id)
                    )
                ).all():
                    await s.delete(row)
                await s.flush()
                await s.delete(row_iki)
            await s.flush()
            rhk_row = await s.get(WorkResult, rhk)
            assert rhk_row is not None
            await s.delete(rhk_row)
        return kind

    def indicator(self, rhk: int) -> Indicator:
        return Indicator(
            work_result_id=rhk,
            aspect=IndicatorAspect.KUANTITAS,
            text="IKI acak",
            target_value=Decimal(3),
            target_unit="dokumen",
            ordinal=self.rng.randint(0, 50),
        )


class Refused(Exception):
    pass


async def failing_transaction(db: Database, writer: RandomWriter, steps: int) -> None:
    async with db.write() as s:
        for _ in range(steps):
            await writer.step(s)
        await s.flush()
        raise Refused


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_the_tally_equals_a_fresh_count_after_random_orm_writes(
    db: Database, work: WorkFixture, seed: int
) -> None:
    rng = random.Random(seed)
    writer = RandomWriter(rng, work)
    first = await assert_tally_is_fresh(db)
    assert first, "the fixture's SKP with IKI have rows"
    done: list[str] = []
    for _ in range(25):
        before = await tally_rows(db)
        if rng.random() < 0.15:  # a transaction that fails: nothing of it stays
            with pytest.raises(Refused):
                await failing_transaction(db, writer, rng.randint(1, 3))
            assert await tally_rows(db) == before
            continue
        async with db.write() as s:
            for _ in range(rng.randint(1, 3)):  # several changes, with flushes in between
                done.append(await writer.step(s))
                if rng.random() < 0.5:
                    await s.flush()
        await assert_tally_is_fresh(db)
    assert len(set(done)) >= 6, done  # most kinds of write were exercised


async def test_the_tally_follows_writes_through_the_api(
    db: Database, work: WorkFixture, client_for: ClientFactory
) -> None:
    staf = await client_for("staf")
    for iki, month in ((0, 3), (1, 3), (2, 2), (0, 2)):
        saved = await save_realization(staf, work, iki=iki, month=month)
        assert saved["errors"] == [], saved
        await assert_tally_is_fresh(db)
    rows = await tally_rows(db)
    assert {total for (plan, _), (total, _) in rows.items() if plan == work.plan} == {3}

    logged = await mutate(
        staf,
        CREATE_WORK_LOG,
        {
            "input": {
                "planId": str(work.plan),
                "workDate": date(2026, 4, 2).isoformat(),
                "text": "Menata boks",
                "indicatorId": str(work.iki[0]),
                "quantity": "2",
            }
        },
    )
    assert logged["errors"] == [], logged
    proposed = await mutate(
        staf,
        """mutation($plan: ID!, $period: ID!) { proposeRealizations(planId: $plan,
          periodId: $period) { result { id version } errors { code } } }""",
        {"plan": str(work.plan), "period": str(work.period(4))},
    )
    assert proposed["errors"] == [], proposed
    await assert_tally_is_fresh(db)
    confirmed = await mutate(
        staf,
        """mutation($id: ID!) { confirmRealization(id: $id) { result { id } errors { code } } }""",
        {"id": proposed["result"][0]["id"]},
    )
    assert confirmed["errors"] == [], confirmed
    await assert_tally_is_fresh(db)

    staf2 = await client_for("staf2")

    async def draft_version() -> int:
        body = await gql(
            staf2, "query($id: ID!) { plan(id: $id) { version } }", {"id": str(work.draft_plan)}
        )
        version: int = body["data"]["plan"]["version"]
        return version

    added = await mutate(
        staf2,
        """mutation($input: AddIndicatorInput!) { addIndicator(input: $input) {
          result { id } errors { code field message } } }""",
        {
            "input": {
                "workResultId": str(work.draft_rhk),
                "aspect": "KUALITAS",
                "text": "Persentase arsip tanpa kesalahan",
                "expectedVersion": await draft_version(),
            }
        },
    )
    assert added["errors"] == [], added
    found = await assert_tally_is_fresh(db)
    assert {total for (plan, _), (total, _) in found.items() if plan == work.draft_plan} == {2}
    removed = await mutate(
        staf2,
        """mutation($id: ID!, $v: Int!) { deleteIndicator(id: $id, expectedVersion: $v) {
          result { id } errors { code field message } } }""",
        {"id": added["result"]["id"], "v": await draft_version()},
    )
    assert removed["errors"] == [], removed
    found = await assert_tally_is_fresh(db)
    assert {total for (plan, _), (total, _) in found.items() if plan == work.draft_plan} == {1}


async def test_a_bulk_refresh_rebuilds_what_core_inserts_left_out(
    db: Database, work: WorkFixture
) -> None:
    """Core inserts bypass the session (as the demo loaders do): refresh_tally recounts."""
    period = work.period(2)
    async with db.write() as s:
        await s.execute(
            sa.insert(Realization),
            [
                {
                    "indicator_id": iki,
                    "period_id": period,
                    "description": "massal",
                    "status": RealizationStatus.DIKONFIRMASI,
                    "confirmed_at": datetime(2026, 2, 10, tzinfo=UTC),
                    "version": 1,
                }
                for iki in work.iki
            ],
        )
        await s.execute(sa.delete(RealizationTally))
    assert await tally_rows(db) == {}
    async with db.write() as s:
        await refresh_tally(s, year_id=work.year_id)
    found = await assert_tally_is_fresh(db)
    assert found[work.plan, period] == (3, 3)
    async with db.write() as s:
        await s.execute(sa.delete(RealizationTally))
        await refresh_tally(s, [work.plan])
        await refresh_tally(s)  # every SKP
    await assert_tally_is_fresh(db)


async def test_the_migration_fills_the_tally_from_existing_rows(
    db: Database, db_url: str, work: WorkFixture
) -> None:
    """Migration 0031 counts what is already there, with the deadlines in the instansi's zone."""
    async with db.read() as s:
        periods = (
            await s.scalars(sa.select(AppraisalPeriod).order_by(AppraisalPeriod.number))
        ).all()
    async with db.write() as s:
        for n, period in enumerate(periods[:6]):
            end = clock.end_of(period.realization_due)
            for iki, confirmed in zip(
                work.iki,
                (end - timedelta(microseconds=1), end, None if n % 2 else end - timedelta(days=9)),
                strict=True,
            ):
                s.add(
                    Realization(
                        indicator_id=iki,
                        period_id=period.id,
                        description="sebelum migrasi",
                        status=RealizationStatus.DIKONFIRMASI,
                        confirmed_at=confirmed,
                    )
                )
    expected = await assert_tally_is_fresh(db)
    assert sum(on_time for _, on_time in expected.values()) == 6 + 3
    await db.engine.dispose()
    await asyncio.to_thread(downgrade_database, db_url, "0030")
    await asyncio.to_thread(upgrade_database, db_url)
    assert await tally_rows(db) == expected
