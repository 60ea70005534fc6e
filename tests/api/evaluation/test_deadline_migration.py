"""Migration 0009 fills the filing deadline of results set before it, from the old computation
(the local day the result was set + the filing days in force), keeps a deadline an objection
was already given, and moves decision deadlines that fell before the filing deadline."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from server.db.base import UtcDateTime
from server.db.engine import Database
from server.db.migrate import downgrade_database, upgrade_database
from tests.api.evaluation.conftest import EvalFixture
from tests.conftest import SmallOrg

_evaluation = sa.table(
    "evaluation",
    sa.column("id", sa.Integer),
    sa.column("plan_id", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("period_id", sa.Integer),
    sa.column("status", sa.String),
    sa.column("finalised_at", UtcDateTime),
    sa.column("version", sa.Integer),
    sa.column("created_at", UtcDateTime),
    sa.column("updated_at", UtcDateTime),
)
_objection = sa.table(
    "objection",
    sa.column("evaluation_id", sa.Integer),
    sa.column("filed_by_employee_id", sa.Integer),
    sa.column("reasons", sa.String),
    sa.column("status", sa.String),
    sa.column("filing_deadline", sa.Date),
    sa.column("decision_deadline", sa.Date),
    sa.column("version", sa.Integer),
    sa.column("created_at", UtcDateTime),
    sa.column("updated_at", UtcDateTime),
)
SET_AT_0348_WIB = datetime(2025, 7, 2, 20, 48, tzinfo=UTC)  # 3 July in Salatiga
SET_AT_1000_WIB = datetime(2025, 7, 1, 3, 0, tzinfo=UTC)


@pytest.mark.parametrize(("filing_days", "expected"), [(None, date(2025, 7, 17)), ("7", None)])
async def test_0009_fills_deadlines_from_the_old_computation(
    db: Database,
    db_url: str,
    ev: EvalFixture,
    small_org: SmallOrg,
    monkeypatch: pytest.MonkeyPatch,
    filing_days: str | None,
    expected: date | None,
) -> None:
    if filing_days is not None:
        monkeypatch.setenv("KINERJA_OBJECTION_FILING_DAYS", filing_days)
    await db.dispose()
    await asyncio.to_thread(downgrade_database, db_url, "0007")
    try:
        old = Database(db_url)
        try:
            async with old.write() as s:

                async def evaluation(plan: int, status: str, at: datetime | None) -> int:
                    inserted = await s.execute(
                        sa.insert(_evaluation)
                        .values(
                            plan_id=plan,
                            kind="PERIODIK",
                            period_id=ev.period(6),
                            status=status,
                            finalised_at=at,
                            version=1,
                            created_at=SET_AT_1000_WIB,
                            updated_at=SET_AT_1000_WIB,
                        )
                        .returning(_evaluation.c.id)
                    )
                    return int(inserted.scalar_one())

                plain = await evaluation(ev.plan, "DITERIMA", SET_AT_0348_WIB)
                objected = await evaluation(ev.plan2, "DITETAPKAN", SET_AT_1000_WIB)
                draft = await evaluation(ev.kadis_plan, "DRAFT", None)
                # Filed at 03:48 WIB on 2 July with the UTC "today" (1 July): decided by the
                # 15th, one day before the 16th it could still be filed.
                await s.execute(
                    sa.insert(_objection).values(
                        evaluation_id=objected,
                        filed_by_employee_id=small_org.ids["emp:staf2"],
                        reasons="Alasan",
                        status="DIAJUKAN",
                        filing_deadline=date(2025, 7, 15),
                        decision_deadline=date(2025, 7, 14),
                        version=1,
                        created_at=datetime(2025, 7, 1, 20, 48, tzinfo=UTC),
                        updated_at=datetime(2025, 7, 1, 20, 48, tzinfo=UTC),
                    )
                )
        finally:
            await old.dispose()
        await asyncio.to_thread(upgrade_database, db_url)

        new = Database(db_url)
        try:
            async with new.read() as s:
                deadlines: dict[int, object] = dict(
                    (
                        await s.execute(
                            sa.text("SELECT id, objection_filing_deadline FROM evaluation")
                        )
                    ).all()
                )
                decision = (
                    await s.execute(sa.text("SELECT decision_deadline FROM objection"))
                ).scalar_one()
        finally:
            await new.dispose()
    finally:
        await asyncio.to_thread(upgrade_database, db_url)

    def as_date(value: object) -> date | None:  # SQLite answers raw text to sa.text()
        if isinstance(value, str):
            return date.fromisoformat(value)
        assert value is None or isinstance(value, date), value
        return value

    assert as_date(deadlines[plain]) == (expected or date(2025, 7, 10))  # 3 July + 14 (or + 7)
    assert as_date(deadlines[objected]) == date(2025, 7, 15)  # the deadline it was given
    assert deadlines[draft] is None
    assert as_date(decision) == date(2025, 7, 15)  # never before the filing deadline
