"""Rencana aksi: owner only, SKP in force, period of the SKP's year, locked once evaluated."""

from __future__ import annotations

import pytest

from server.db.engine import Database
from server.db.models import ActionPlan
from tests.api.work.conftest import CREATE_ACTION_PLAN, WorkFixture, count_rows, mark_evaluated
from tests.conftest import ClientFactory, audit_actions, error_codes, gql, mutate

UPDATE = """
mutation($input: UpdateActionPlanInput!) {
  updateActionPlan(input: $input) { result { id text } errors { code field message } }
}"""
DELETE = """
mutation($id: ID!) { deleteActionPlan(id: $id) { result { id } errors { code field message } } }"""
LIST = """
query($plan: ID!, $period: ID!) { actionPlans(planId: $plan, periodId: $period) { id text workResultId } }"""


def _input(
    work: WorkFixture, text: str = "Menata arsip bidang", month: int = 3
) -> dict[str, object]:
    return {
        "input": {
            "workResultId": str(work.rhk[0]),
            "periodId": str(work.period(month)),
            "text": text,
        }
    }


async def test_owner_creates_updates_deletes_with_audit(
    client_for: ClientFactory, work: WorkFixture, db: Database
) -> None:
    staf = await client_for("staf")
    created = await mutate(staf, CREATE_ACTION_PLAN, _input(work, "  Menata\tarsip  bidang "))
    assert created["errors"] == []
    assert created["result"]["text"] == "Menata arsip bidang"
    plan_id = created["result"]["id"]
    updated = await mutate(staf, UPDATE, {"input": {"id": plan_id, "text": "Menata arsip seksi"}})
    assert updated["result"]["text"] == "Menata arsip seksi"
    listed = await gql(staf, LIST, {"plan": str(work.plan), "period": str(work.period(3))})
    assert [a["text"] for a in listed["data"]["actionPlans"]] == ["Menata arsip seksi"]
    other_month = await gql(staf, LIST, {"plan": str(work.plan), "period": str(work.period(4))})
    assert other_month["data"]["actionPlans"] == []
    deleted = await mutate(staf, DELETE, {"id": plan_id})
    assert deleted["result"]["id"] == plan_id
    assert await count_rows(db, ActionPlan) == 0
    actions = await audit_actions(db)
    assert [a for a in actions if a.startswith("action_plan.")] == [
        "action_plan.create",
        "action_plan.update",
        "action_plan.delete",
    ]


@pytest.mark.parametrize("user", ["kabid", "staf2", "hradmin", "auditor", "manager", "kadis"])
async def test_nobody_but_the_owner_writes(
    user: str, client_for: ClientFactory, work: WorkFixture, db: Database
) -> None:
    staf = await client_for("staf")
    existing = await mutate(staf, CREATE_ACTION_PLAN, _input(work))
    other = await client_for(user)
    created = await mutate(other, CREATE_ACTION_PLAN, _input(work))
    updated = await mutate(other, UPDATE, {"input": {"id": existing["result"]["id"], "text": "x"}})
    deleted = await mutate(other, DELETE, {"id": existing["result"]["id"]})
    for payload in (created, updated, deleted):
        assert payload["result"] is None
        # Readers are told they may not; others are not even told the SKP exists.
        assert error_codes(payload) == ["NOT_FOUND" if user == "staf2" else "FORBIDDEN"]
    assert await count_rows(db, ActionPlan) == 1


async def test_draft_plan_and_foreign_period_are_refused(
    client_for: ClientFactory, work: WorkFixture, db: Database
) -> None:
    staf2 = await client_for("staf2")
    draft = await mutate(
        staf2,
        CREATE_ACTION_PLAN,
        {
            "input": {
                "workResultId": str(work.draft_rhk),
                "periodId": str(work.period(1)),
                "text": "x",
            }
        },
    )
    assert error_codes(draft) == ["INVALID_STATE"]
    assert "belum ditetapkan" in draft["errors"][0]["message"]
    staf = await client_for("staf")
    missing_period = await mutate(
        staf,
        CREATE_ACTION_PLAN,
        {"input": {"workResultId": str(work.rhk[0]), "periodId": "999999", "text": "x"}},
    )
    assert error_codes(missing_period) == ["NOT_FOUND"]
    assert missing_period["errors"][0]["field"] == "periodId"
    assert await count_rows(db, ActionPlan) == 0


@pytest.mark.parametrize(
    ("text", "rhk", "period", "field"),
    [
        ("", None, None, "text"),
        ("   \n ", None, None, "text"),
        ("x" * 2_001, None, None, "text"),
        ("bad\x00text", None, None, "text"),
        ("ok", "abc", None, "workResultId"),
        ("ok", "-1", None, "workResultId"),
        ("ok", "99999999999999999999999", None, "workResultId"),
        ("ok", None, "0", "periodId"),
        ("ok", "424242", None, "workResultId"),
    ],
)
async def test_hostile_input_is_refused(
    text: str,
    rhk: str | None,
    period: str | None,
    field: str,
    client_for: ClientFactory,
    work: WorkFixture,
    db: Database,
) -> None:
    staf = await client_for("staf")
    payload = await mutate(
        staf,
        CREATE_ACTION_PLAN,
        {
            "input": {
                "workResultId": rhk or str(work.rhk[0]),
                "periodId": period or str(work.period(3)),
                "text": text,
            }
        },
    )
    assert payload["result"] is None
    assert payload["errors"][0]["field"] == field
    assert error_codes(payload)[0] in ("INVALID_INPUT", "NOT_FOUND")
    assert await count_rows(db, ActionPlan) == 0


async def test_missing_field_is_a_graphql_error(
    client_for: ClientFactory, work: WorkFixture
) -> None:
    staf = await client_for("staf")
    body = await gql(
        staf, CREATE_ACTION_PLAN, {"input": {"workResultId": str(work.rhk[0]), "text": "x"}}
    )
    assert body["data"] is None
    assert "periodId" in body["errors"][0]["message"]


async def test_evaluated_period_is_locked(
    client_for: ClientFactory, work: WorkFixture, db: Database
) -> None:
    staf = await client_for("staf")
    existing = await mutate(staf, CREATE_ACTION_PLAN, _input(work))
    await mark_evaluated(db, work.period(3))
    created = await mutate(staf, CREATE_ACTION_PLAN, _input(work))
    updated = await mutate(staf, UPDATE, {"input": {"id": existing["result"]["id"], "text": "y"}})
    deleted = await mutate(staf, DELETE, {"id": existing["result"]["id"]})
    for payload in (created, updated, deleted):
        assert error_codes(payload) == ["INVALID_STATE"]
        assert "sudah dinilai" in payload["errors"][0]["message"]
    assert await count_rows(db, ActionPlan) == 1
