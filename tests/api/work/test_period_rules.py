"""Issue 8, "period rules, one place": nothing is recorded for a period that has not started.

saveRealization used to accept August on 31 July while the work log and the evaluation refused
it. Every entry point now asks the one rule (server.domain.periods) with the instansi's "today":
on 31 July at 23:30 WIB August is still ahead; at 00:30 WIB on 1 August (17:30 UTC on 31 July)
and at 06:30 WIB (23:30 UTC on 31 July) it has begun. A refusal is PERIOD_NOT_STARTED and changes
nothing. Rencana aksi is planning, so it may still be written ahead.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
import sqlalchemy as sa

from server import clock
from server.db.engine import Database
from server.db.models import ActionPlan, Evidence, Realization, WorkLogEntry
from server.domain.enums import RealizationStatus
from tests.api.work.conftest import (
    ADD_EVIDENCE,
    CREATE_ACTION_PLAN,
    CREATE_WORK_LOG,
    WorkFixture,
    count_rows,
    save_realization,
)
from tests.conftest import INSTANSI_ZONE, ClientFactory, audit_actions, error_codes, mutate

JAKARTA = INSTANSI_ZONE
BEFORE = datetime(2026, 7, 31, 23, 30, tzinfo=JAKARTA)  # 16:30 UTC on 31 July
AFTER_MIDNIGHT = datetime(2026, 8, 1, 0, 30, tzinfo=JAKARTA)  # 17:30 UTC on 31 July
MORNING = datetime(2026, 8, 1, 6, 30, tzinfo=JAKARTA)  # 23:30 UTC on 31 July
BOUNDARY = [(BEFORE, False), (AFTER_MIDNIGHT, True), (MORNING, True)]
AUGUST = 8

PROPOSE = """
mutation($plan: ID!, $period: ID!) {
  proposeRealizations(planId: $plan, periodId: $period) { result { id } errors { code field } }
}"""
CONFIRM = """
mutation($id: ID!) {
  confirmRealization(id: $id) { result { id status } errors { code field message } }
}"""
UPDATE_WORK_LOG = """
mutation($input: UpdateWorkLogEntryInput!) {
  updateWorkLogEntry(input: $input) { result { id workDate } errors { code field message } }
}"""


def _refused(payload: dict[str, Any], field: str | None) -> None:
    assert payload["result"] is None
    assert error_codes(payload) == ["PERIOD_NOT_STARTED"], payload
    assert payload["errors"][0]["field"] == field
    assert "belum dimulai" in payload["errors"][0]["message"]
    assert "01-08-2026" in payload["errors"][0]["message"]


@pytest.mark.parametrize(("moment", "allowed"), BOUNDARY)
async def test_save_realization(
    client_for: ClientFactory,
    work: WorkFixture,
    db: Database,
    frozen_clock: clock.FrozenTime,
    moment: datetime,
    allowed: bool,
) -> None:
    frozen_clock.move_to(moment)
    payload = await save_realization(await client_for("staf"), work, month=AUGUST)
    if allowed:
        assert payload["errors"] == []
        assert await count_rows(db, Realization) == 1
    else:
        _refused(payload, "periodId")
        assert await count_rows(db, Realization) == 0
        assert "realization.save" not in await audit_actions(db)


@pytest.mark.parametrize(("moment", "allowed"), BOUNDARY)
async def test_create_work_log_entry_on_the_first_day(
    client_for: ClientFactory,
    work: WorkFixture,
    db: Database,
    frozen_clock: clock.FrozenTime,
    moment: datetime,
    allowed: bool,
) -> None:
    frozen_clock.move_to(moment)
    entry = {
        "planId": str(work.plan),
        "workDate": "2026-08-01",
        "text": "Menata arsip bidang",
        "indicatorId": str(work.iki[0]),
        "evidence": [{"url": "https://arsip.salatiga.go.id/1"}],
    }
    payload = await mutate(await client_for("staf"), CREATE_WORK_LOG, {"input": entry})
    if allowed:
        assert payload["errors"] == []
        assert payload["result"]["workDate"] == "2026-08-01"
        assert await count_rows(db, WorkLogEntry) == 1
    else:
        _refused(payload, "workDate")
        assert await count_rows(db, WorkLogEntry) == 0
        assert await count_rows(db, Evidence) == 0
        assert "work_log.create" not in await audit_actions(db)


async def test_a_later_day_of_a_started_period_is_still_the_future(
    client_for: ClientFactory, work: WorkFixture, db: Database, frozen_clock: clock.FrozenTime
) -> None:
    frozen_clock.move_to(MORNING)
    entry = {
        "planId": str(work.plan),
        "workDate": "2026-08-02",
        "text": "Menata arsip bidang",
        "indicatorId": str(work.iki[0]),
    }
    payload = await mutate(await client_for("staf"), CREATE_WORK_LOG, {"input": entry})
    assert error_codes(payload) == ["INVALID_INPUT"]
    assert payload["errors"][0]["field"] == "workDate"
    assert await count_rows(db, WorkLogEntry) == 0


async def test_moving_a_work_log_entry_into_august(
    client_for: ClientFactory, work: WorkFixture, db: Database, frozen_clock: clock.FrozenTime
) -> None:
    frozen_clock.move_to(BEFORE)
    staf = await client_for("staf")
    entry = {
        "planId": str(work.plan),
        "workDate": "2026-07-31",
        "text": "Menata arsip bidang",
        "indicatorId": str(work.iki[0]),
    }
    created = await mutate(staf, CREATE_WORK_LOG, {"input": entry})
    assert created["errors"] == []
    move = {"input": {"id": created["result"]["id"], "workDate": "2026-08-01"}}
    _refused(await mutate(staf, UPDATE_WORK_LOG, move), "workDate")
    async with db.read() as s:
        assert [str(d) for d in await s.scalars(sa.select(WorkLogEntry.work_date))] == [
            "2026-07-31"
        ]
    frozen_clock.move_to(AFTER_MIDNIGHT)
    moved = await mutate(staf, UPDATE_WORK_LOG, move)
    assert moved["errors"] == []
    assert moved["result"]["workDate"] == "2026-08-01"


@pytest.mark.parametrize(("moment", "allowed"), BOUNDARY)
async def test_propose_realizations(
    client_for: ClientFactory,
    work: WorkFixture,
    db: Database,
    frozen_clock: clock.FrozenTime,
    moment: datetime,
    allowed: bool,
) -> None:
    frozen_clock.move_to(moment)
    variables = {"plan": str(work.plan), "period": str(work.period(AUGUST))}
    payload = await mutate(await client_for("staf"), PROPOSE, variables)
    # Once August has begun the rule lets it through to the next question: are there entries?
    assert error_codes(payload) == (["INVALID_STATE"] if allowed else ["PERIOD_NOT_STARTED"])
    assert await count_rows(db, Realization) == 0


async def _legacy_august_realization(db: Database, work: WorkFixture) -> int:
    """A proposal for August stored before the rule existed (saveRealization accepted it)."""
    async with db.write() as s:
        row = Realization(
            indicator_id=work.iki[0],
            period_id=work.period(AUGUST),
            value=Decimal(1),
            description="Usulan lama",
            status=RealizationStatus.USULAN,
        )
        s.add(row)
        await s.flush()
        return row.id


async def test_confirm_and_evidence_on_a_realization_of_a_period_ahead(
    client_for: ClientFactory, work: WorkFixture, db: Database, frozen_clock: clock.FrozenTime
) -> None:
    legacy = await _legacy_august_realization(db, work)
    frozen_clock.move_to(BEFORE)
    staf = await client_for("staf")
    _refused(await mutate(staf, CONFIRM, {"id": str(legacy)}), "id")
    evidence = {"realizationId": str(legacy), "url": "https://arsip.salatiga.go.id/2"}
    refused = await mutate(staf, ADD_EVIDENCE, {"input": evidence})
    assert error_codes(refused) == ["PERIOD_NOT_STARTED"]
    assert "bukti dukung" in refused["errors"][0]["message"]
    async with db.read() as s:
        row = await s.get(Realization, legacy)
        assert row is not None
        assert row.status is RealizationStatus.USULAN
    assert await count_rows(db, Evidence) == 0

    frozen_clock.move_to(MORNING)
    assert (await mutate(staf, CONFIRM, {"id": str(legacy)}))["result"]["status"] == "DIKONFIRMASI"
    assert (await mutate(staf, ADD_EVIDENCE, {"input": evidence}))["errors"] == []


async def test_action_plans_may_be_written_ahead(
    client_for: ClientFactory, work: WorkFixture, db: Database, frozen_clock: clock.FrozenTime
) -> None:
    frozen_clock.move_to(BEFORE)
    variables = {
        "input": {
            "workResultId": str(work.rhk[0]),
            "periodId": str(work.period(AUGUST)),
            "text": "Menata arsip gudang",
        }
    }
    created = await mutate(await client_for("staf"), CREATE_ACTION_PLAN, variables)
    assert created["errors"] == []
    assert await count_rows(db, ActionPlan) == 1
