"""Issue 8, "one calendar": the internal API counts Salatiga's days, with a frozen clock.

The bug as found: "today" in the internal API was the server's UTC date while deadlines were
counted in WIB. An objection filed at 03:48 WIB got a filing deadline of the 17th and a decision
deadline of the 16th; late filings were accepted until 07:00 WIB the day after the deadline;
changing KINERJA_OBJECTION_FILING_DAYS moved the deadlines of results already set. Every moment
below is written in WIB (the instansi's zone) and checked through the internal API.
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from starlette.applications import Starlette

from server import clock
from server.app import create_app
from server.config import Settings
from server.db.engine import Database
from server.db.models import Evaluation, Objection
from tests.api.evaluation.conftest import FINALISE, EvalFixture, confirm, judge, ok, start
from tests.conftest import (
    INSTANSI_ZONE,
    ClientFactory,
    audit_actions,
    error_codes,
    gql,
    lifespan,
    login,
    mutate,
)

S = "SESUAI_EKSPEKTASI"
JAKARTA = INSTANSI_ZONE  # the oracle: tests/conftest.py, not server.clock


def wib(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A wall-clock moment in Salatiga in 2025 (the fixture year)."""
    return datetime(2025, month, day, hour, minute, tzinfo=JAKARTA)


FILE = """
mutation($input: FileObjectionInput!) {
  fileObjection(input: $input) {
    result { id filingDeadline decisionDeadline overdue }
    errors { code field message }
  }
}"""
DEADLINE = "query($id: ID!) { evaluation(id: $id) { id objectionFilingDeadline } }"
OVERDUE = "query($id: ID!) { objection(id: $id) { id overdue decisionDeadline } }"


async def _set_result(client_for: ClientFactory, ev: EvalFixture, *, staf2: bool = False) -> str:
    """kabid rates staf's (or staf2's) June 2025 and sets the result, now."""
    kabid = await client_for("kabid")
    plan, rhks = (ev.plan2, [ev.rhk2]) if staf2 else (ev.plan, ev.rhk)
    e = ok(await start(kabid, plan, ev.period(6)))
    ok(await judge(kabid, e["id"], [(r, S) for r in rhks], S))
    ok(await confirm(kabid, e["id"]))
    ok(await mutate(kabid, FINALISE, {"id": e["id"]}))
    return str(e["id"])


async def _file(client: httpx.AsyncClient, evaluation_id: str) -> dict[str, Any]:
    variables = {"input": {"evaluationId": evaluation_id, "reasons": "Capaian belum dihitung."}}
    return await mutate(client, FILE, variables)


async def _filing_deadline(client: httpx.AsyncClient, evaluation_id: str) -> str:
    body = await gql(client, DEADLINE, {"id": evaluation_id})
    assert "errors" not in body, body
    deadline: str = body["data"]["evaluation"]["objectionFilingDeadline"]
    return deadline


async def test_objection_filed_at_0348_wib_gets_deadlines_of_one_calendar(
    client_for: ClientFactory, ev: EvalFixture, frozen_clock: clock.FrozenTime
) -> None:
    # 03:48 WIB on 3 July is 20:48 UTC on 2 July: the UTC date is still the 2nd.
    frozen_clock.move_to(wib(7, 3, 3, 48))
    assert clock.now().astimezone(UTC).day == 2
    evaluation = await _set_result(client_for, ev)
    staf = await client_for("staf")
    assert await _filing_deadline(staf, evaluation) == "2025-07-17"
    filed = await _file(staf, evaluation)
    assert filed["errors"] == []
    assert filed["result"]["filingDeadline"] == "2025-07-17"
    # 3 July + 14 days (and never before the filing deadline): not the 16th.
    assert filed["result"]["decisionDeadline"] == "2025-07-17"


@pytest.mark.parametrize(
    ("moment", "allowed"),
    [
        (wib(7, 15, 23, 30), True),  # the deadline day, late evening
        (wib(7, 16, 0, 30), False),  # 00:30 WIB the day after (17:30 UTC on the 15th)
        (wib(7, 16, 6, 30), False),  # 06:30 WIB the day after (23:30 UTC on the 15th)
    ],
)
async def test_late_filing_is_counted_in_wib(
    client_for: ClientFactory,
    ev: EvalFixture,
    db: Database,
    frozen_clock: clock.FrozenTime,
    moment: datetime,
    allowed: bool,
) -> None:
    frozen_clock.move_to(wib(7, 1, 10))
    evaluation = await _set_result(client_for, ev)  # received 1 July: deadline 15 July
    frozen_clock.move_to(moment)
    staf = await client_for("staf")  # a fresh session: the first one has expired by now
    filed = await _file(staf, evaluation)
    async with db.read() as s:
        stored = (await s.scalars(sa.select(Objection))).all()
    if allowed:
        assert filed["errors"] == []
        assert filed["result"]["filingDeadline"] == "2025-07-15"
        assert filed["result"]["decisionDeadline"] == "2025-07-29"
        assert len(stored) == 1
    else:
        assert error_codes(filed) == ["INVALID_STATE"]
        assert "berakhir pada 15-07-2025" in filed["errors"][0]["message"]
        assert stored == []
        assert "objection.file" not in await audit_actions(db)


@pytest.mark.parametrize(
    ("moment", "overdue"),
    [
        (wib(7, 17, 23, 30), False),  # the decision deadline day itself
        (wib(7, 18, 0, 30), True),  # 17:30 UTC on the 17th
        (wib(7, 18, 6, 30), True),  # 23:30 UTC on the 17th
    ],
)
async def test_overdue_is_counted_in_wib(
    client_for: ClientFactory,
    ev: EvalFixture,
    frozen_clock: clock.FrozenTime,
    moment: datetime,
    overdue: bool,
) -> None:
    frozen_clock.move_to(wib(7, 3, 9))
    evaluation = await _set_result(client_for, ev)
    filed = await _file(await client_for("staf"), evaluation)
    assert filed["result"]["decisionDeadline"] == "2025-07-17"
    frozen_clock.move_to(moment)
    body = await gql(await client_for("kadis"), OVERDUE, {"id": filed["result"]["id"]})
    assert body["data"]["objection"]["overdue"] is overdue


@asynccontextmanager
async def _app_with(settings: Settings, db: Database, **changes: Any) -> AsyncIterator[Starlette]:
    """The same database served after a restart with changed settings."""
    application = create_app(dataclasses.replace(settings, **changes), db)
    async with lifespan(application):
        yield application


@asynccontextmanager
async def _client(app: Starlette, user: str) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, client=("10.1.2.3", 5555))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        assert (await login(c, user)).status_code == 200
        yield c


async def test_changing_the_filing_days_moves_no_deadline_already_set(
    client_for: ClientFactory,
    ev: EvalFixture,
    db: Database,
    settings: Settings,
    frozen_clock: clock.FrozenTime,
) -> None:
    assert settings.objection_filing_days == 14
    frozen_clock.move_to(wib(7, 1, 10))
    staf_result = await _set_result(client_for, ev)  # 14 days: until 15 July

    frozen_clock.move_to(wib(7, 10, 10))
    async with _app_with(settings, db, objection_filing_days=3) as short:
        async with _client(short, "kabid") as kabid:
            e = ok(await start(kabid, ev.plan2, ev.period(6)))
            ok(await judge(kabid, e["id"], [(ev.rhk2, S)], S))
            ok(await confirm(kabid, e["id"]))
            set_now = ok(await mutate(kabid, FINALISE, {"id": e["id"]}))
            staf2_result = str(set_now["id"])
        async with _client(short, "staf") as staf:
            # Set before the change: still 15 July, not 1 + 3 = 4 July.
            assert await _filing_deadline(staf, staf_result) == "2025-07-15"
        async with _client(short, "staf2") as staf2:
            # Set after it: the new window, fixed in turn.
            assert await _filing_deadline(staf2, staf2_result) == "2025-07-13"

    frozen_clock.move_to(wib(7, 14, 10))
    async with _app_with(settings, db, objection_filing_days=30) as long:
        async with _client(long, "staf") as staf:
            filed = await _file(staf, staf_result)
            assert filed["errors"] == []
            assert filed["result"]["filingDeadline"] == "2025-07-15"
        async with _client(long, "staf2") as staf2:
            # 30 days now, but this result was given 3: its window closed on the 13th.
            late = await _file(staf2, staf2_result)
            assert error_codes(late) == ["INVALID_STATE"]
            assert "berakhir pada 13-07-2025" in late["errors"][0]["message"]
            assert "(3 hari" in late["errors"][0]["message"]
    async with db.read() as s:
        fixed = dict(
            (await s.execute(sa.select(Evaluation.id, Evaluation.objection_filing_deadline))).all()
        )
    assert fixed == {int(staf_result): date(2025, 7, 15), int(staf2_result): date(2025, 7, 13)}


@pytest.mark.parametrize(
    ("moment", "allowed"),
    [
        (wib(7, 31, 23, 30), False),  # the day before August, in Salatiga
        (wib(8, 1, 0, 30), True),  # 17:30 UTC on 31 July: August has begun here
        (wib(8, 1, 6, 30), True),  # 23:30 UTC on 31 July
    ],
)
async def test_a_periodic_evaluation_starts_on_the_local_first_day(
    client_for: ClientFactory,
    ev: EvalFixture,
    db: Database,
    frozen_clock: clock.FrozenTime,
    moment: datetime,
    allowed: bool,
) -> None:
    frozen_clock.move_to(moment)
    payload = await start(await client_for("kabid"), ev.plan, ev.period(8))
    async with db.read() as s:
        count = await s.scalar(sa.select(sa.func.count()).select_from(Evaluation))
    if allowed:
        assert payload["errors"] == []
        assert count == 1
    else:
        assert error_codes(payload) == ["PERIOD_NOT_STARTED"]
        assert payload["errors"][0]["field"] == "periodId"
        assert "01-08-2025" in payload["errors"][0]["message"]
        assert count == 0
        assert "evaluation.start" not in await audit_actions(db)
