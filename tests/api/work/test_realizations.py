"""Realisasi: one row per (IKI, period), upserted by the owner; proposals from the work log."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa

from server.db.engine import Database
from server.db.models import Realization
from server.services.audit import verify_audit_chain
from tests.api.work.conftest import (
    CREATE_WORK_LOG,
    WorkFixture,
    count_rows,
    mark_evaluated,
    save_realization,
)
from tests.conftest import ClientFactory, audit_actions, error_codes, gql, mutate

PROPOSE = """
mutation($plan: ID!, $period: ID!) {
  proposeRealizations(planId: $plan, periodId: $period) {
    result { id indicatorId value description status version }
    errors { code field message }
  }
}"""
CONFIRM = """
mutation($id: ID!, $v: Int) {
  confirmRealization(id: $id, expectedVersion: $v) {
    result { id status version value }
    errors { code field message }
  }
}"""
LIST = """
query($plan: ID!, $period: ID!) {
  realizations(planId: $plan, periodId: $period) {
    id indicatorId value status description evidenceCount
    evidence { id kind name url }
  }
}"""


async def test_save_is_an_upsert_one_row_per_iki_and_period(
    client_for: ClientFactory, work: WorkFixture, db: Database
) -> None:
    staf = await client_for("staf")
    first = await save_realization(staf, work, value="4.5")
    assert first["errors"] == []
    assert first["result"]["value"] == "4.5000"
    assert first["result"]["status"] == "DIKONFIRMASI"
    version = first["result"]["version"]
    second = await save_realization(
        staf, work, value="6", description="Menata 6 boks", expectedVersion=version
    )
    assert second["result"]["id"] == first["result"]["id"]
    assert second["result"]["value"] == "6.0000"
    assert second["result"]["version"] == version + 1
    other_period = await save_realization(staf, work, month=4)
    other_iki = await save_realization(staf, work, iki=1)
    assert (
        len({first["result"]["id"], other_period["result"]["id"], other_iki["result"]["id"]}) == 3
    )
    assert await count_rows(db, Realization) == 3
    stale = await save_realization(staf, work, value="7", expectedVersion=version)
    assert error_codes(stale) == ["CONFLICT"]
    listed = await gql(staf, LIST, {"plan": str(work.plan), "period": str(work.period(3))})
    rows = listed["data"]["realizations"]
    assert [(r["indicatorId"], r["value"]) for r in rows] == [
        (str(work.iki[0]), "6.0000"),
        (str(work.iki[1]), "4.0000"),
    ]
    assert (await audit_actions(db)).count("realization.save") == 4


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"value": "-1"}, "value"),
        ({"value": "NaN"}, "value"),
        ({"value": "Infinity"}, "value"),
        ({"value": "1e30"}, "value"),
        ({"value": "1.00001"}, "value"),
        ({"value": None}, "value"),  # required in the Kuantitatif approach
        ({"description": ""}, "description"),
        ({"description": "x" * 10_001}, "description"),
        ({"description": "ok\x07"}, "description"),
        ({"indicatorId": "abc"}, "indicatorId"),
        ({"indicatorId": "987654"}, "indicatorId"),
        ({"periodId": "-5"}, "periodId"),
        ({"expectedVersion": 3}, "version"),  # nothing to update yet
    ],
)
async def test_hostile_input_is_refused(
    changes: dict[str, Any], field: str, client_for: ClientFactory, work: WorkFixture, db: Database
) -> None:
    staf = await client_for("staf")
    payload = await save_realization(staf, work, **changes)
    assert payload["result"] is None
    assert payload["errors"][0]["field"] == field
    assert await count_rows(db, Realization) == 0


async def test_garbage_number_is_a_graphql_error(
    client_for: ClientFactory, work: WorkFixture
) -> None:
    staf = await client_for("staf")
    from tests.api.work.conftest import SAVE_REALIZATION

    body = await gql(
        staf,
        SAVE_REALIZATION,
        {
            "input": {
                "indicatorId": str(work.iki[0]),
                "periodId": str(work.period(3)),
                "value": "dua belas",
                "description": "x",
            }
        },
    )
    assert body["data"] is None
    assert body["errors"]


@pytest.mark.parametrize("user", ["kabid", "staf2", "hradmin", "auditor"])
async def test_only_the_owner_saves(
    user: str, client_for: ClientFactory, work: WorkFixture, db: Database
) -> None:
    other = await client_for(user)
    payload = await save_realization(other, work)
    assert error_codes(payload) == ["NOT_FOUND" if user == "staf2" else "FORBIDDEN"]
    assert await count_rows(db, Realization) == 0


async def test_draft_plan_and_iki_of_another_year_period(
    client_for: ClientFactory, work: WorkFixture
) -> None:
    staf2 = await client_for("staf2")
    payload = await mutate(
        staf2,
        """mutation($input: SaveRealizationInput!) {
             saveRealization(input: $input) { result { id } errors { code message } } }""",
        {
            "input": {
                "indicatorId": str(work.draft_iki),
                "periodId": str(work.period(1)),
                "value": "1",
                "description": "x",
            }
        },
    )
    assert error_codes(payload) == ["INVALID_STATE"]


async def _log(
    staf: Any, work: WorkFixture, day: date, text: str, quantity: str | None, iki: int = 0
) -> None:
    payload = await mutate(
        staf,
        CREATE_WORK_LOG,
        {
            "input": {
                "planId": str(work.plan),
                "workDate": day.isoformat(),
                "text": text,
                "indicatorId": str(work.iki[iki]),
                "quantity": quantity,
            }
        },
    )
    assert payload["errors"] == [], payload


async def test_work_log_proposal_then_confirmation(
    client_for: ClientFactory, work: WorkFixture, db: Database
) -> None:
    staf = await client_for("staf")
    await _log(staf, work, date(2026, 3, 2), "Menata boks 1-3", "3")
    await _log(staf, work, date(2026, 3, 16), "Menata boks 4-5", "2.5")
    await _log(staf, work, date(2026, 3, 20), "Melayani peminjaman", None, iki=1)
    await _log(staf, work, date(2026, 4, 1), "Bulan berikutnya", "10")  # another period
    proposed = await mutate(staf, PROPOSE, {"plan": str(work.plan), "period": str(work.period(3))})
    assert proposed["errors"] == []
    rows = {r["indicatorId"]: r for r in proposed["result"]}
    first = rows[str(work.iki[0])]
    assert first["value"] == "5.5000"
    assert first["status"] == "USULAN"
    assert first["description"] == "02-03-2026: Menata boks 1-3\n16-03-2026: Menata boks 4-5"
    second = rows[str(work.iki[1])]
    assert second["value"] is None
    assert second["description"] == "20-03-2026: Melayani peminjaman"

    confirmed = await mutate(staf, CONFIRM, {"id": first["id"], "v": first["version"]})
    assert confirmed["result"]["status"] == "DIKONFIRMASI"
    again = await mutate(staf, CONFIRM, {"id": first["id"]})
    assert error_codes(again) == ["INVALID_STATE"]
    stale = await mutate(staf, CONFIRM, {"id": second["id"], "v": second["version"] + 7})
    assert error_codes(stale) == ["CONFLICT"]

    # A new entry and a second proposal: the confirmed realisasi stays as confirmed.
    await _log(staf, work, date(2026, 3, 25), "Menata boks 6", "1")
    await _log(staf, work, date(2026, 3, 26), "Melayani lagi", "2", iki=1)
    reproposed = await mutate(
        staf, PROPOSE, {"plan": str(work.plan), "period": str(work.period(3))}
    )
    assert [r["indicatorId"] for r in reproposed["result"]] == [str(work.iki[1])]
    assert reproposed["result"][0]["id"] == second["id"]
    assert reproposed["result"][0]["value"] == "2.0000"
    async with db.read() as s:
        kept = await s.scalar(
            sa.select(Realization.value).where(Realization.id == int(first["id"]))
        )
    assert str(kept) == "5.5000"
    assert await count_rows(db, Realization) == 2
    actions = await audit_actions(db)
    assert actions.count("realization.propose") == 3
    assert actions.count("realization.confirm") == 1
    chain = await verify_audit_chain(db)
    assert chain.intact
    assert chain.events_checked == len(actions)


async def test_proposal_needs_entries_owner_and_open_period(
    client_for: ClientFactory, work: WorkFixture, db: Database
) -> None:
    staf = await client_for("staf")
    empty = await mutate(staf, PROPOSE, {"plan": str(work.plan), "period": str(work.period(5))})
    assert error_codes(empty) == ["INVALID_STATE"]
    kabid = await client_for("kabid")
    forbidden = await mutate(
        kabid, PROPOSE, {"plan": str(work.plan), "period": str(work.period(3))}
    )
    assert error_codes(forbidden) == ["FORBIDDEN"]
    colleague = await client_for("staf2")
    hidden = await mutate(
        colleague, PROPOSE, {"plan": str(work.plan), "period": str(work.period(3))}
    )
    assert error_codes(hidden) == ["NOT_FOUND"]
    bad = await mutate(staf, PROPOSE, {"plan": "x", "period": str(work.period(3))})
    assert error_codes(bad) == ["INVALID_INPUT"]
    await _log(staf, work, date(2026, 3, 2), "Menata", "1")
    await mark_evaluated(db, work.period(3))
    locked = await mutate(staf, PROPOSE, {"plan": str(work.plan), "period": str(work.period(3))})
    assert error_codes(locked) == ["INVALID_STATE"]
    assert await count_rows(db, Realization) == 0


async def test_realization_of_evaluated_period_is_locked(
    client_for: ClientFactory, work: WorkFixture, db: Database
) -> None:
    staf = await client_for("staf")
    saved = await save_realization(staf, work)
    await mark_evaluated(db, work.period(3))
    again = await save_realization(staf, work, value="9")
    assert error_codes(again) == ["INVALID_STATE"]
    async with db.read() as s:
        value = await s.scalar(
            sa.select(Realization.value).where(Realization.id == int(saved["result"]["id"]))
        )
    assert str(value) == "4.0000"


@pytest.mark.parametrize(
    ("user", "visible"),
    [
        ("staf", True),
        ("kabid", True),
        ("kadis", True),
        ("hradmin", True),
        ("auditor", True),
        ("staf2", False),
        ("kadis2", False),
        ("sysadmin", False),
    ],
)
async def test_realizations_query_is_scoped(
    user: str, visible: bool, client_for: ClientFactory, work: WorkFixture
) -> None:
    staf = await client_for("staf")
    await save_realization(staf, work)
    viewer = staf if user == "staf" else await client_for(user)
    body = await gql(viewer, LIST, {"plan": str(work.plan), "period": str(work.period(3))})
    if visible:
        assert [r["value"] for r in body["data"]["realizations"]] == ["4.0000"]
    else:
        assert body["data"] is None
        assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
