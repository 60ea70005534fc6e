"""Coaching plans for low predicates: opened automatically or by hand, who may see and do
what, check-ins and the outcome at the end of the window."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from server.db.models import CoachingPlan
from server.domain.enums import CoachingStatus, Predicate
from server.domain.evaluation import add_months
from server.services.errors import ErrorCode, ServiceError
from server.services.evaluation import coaching
from tests.conftest import ClientFactory, audit_actions, error_codes, gql, mutate
from tests.rated_world import ROLES, Cal

P = Predicate
OPEN_LOW = """
mutation($scope: ScopeInput!) {
  openCoachingForLowPredicates(scope: $scope) {
    result { id status startsOn endsOn goals employee { name } }
    errors { code field message }
  }
}"""
OPEN_PLAN = """
mutation($input: OpenCoachingPlanInput!) {
  openCoachingPlan(input: $input) {
    result { id startsOn endsOn mentor { name } }
    errors { code field message }
  }
}"""
CHECK_IN = """
mutation($input: CoachingCheckInInput!) {
  recordCoachingCheckIn(input: $input) { result { id heldOn } errors { code field message } }
}"""
PLAN = (
    "query($id: ID!) { coachingPlan(id: $id) { id status checkIns { note recordedBy { name } } } }"
)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 15), 6, date(2026, 7, 15)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2026, 12, 31), 6, date(2027, 6, 30)),
    ],
)
def test_add_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize("user", ROLES)
async def test_coaching_opened_automatically_for_low_predicates(
    cal: Cal, client_for: ClientFactory, user: str
) -> None:
    await cal.evaluate("staf", P.BAIK)
    low = await cal.evaluate("staf2", P.KURANG)
    await cal.evaluate("kabid", P.SANGAT_KURANG, semester=2)  # another period
    client = await client_for(user)
    payload = await mutate(client, OPEN_LOW, {"scope": {"periodId": str(cal.periods[0])}})
    if user != "hradmin":
        assert error_codes(payload) == ["FORBIDDEN"]
        return
    (plan,) = payload["result"]
    assert plan["employee"] == {"name": "Pegawai Staf2"}
    assert plan["status"] == "BERJALAN"
    starts = date.fromisoformat(plan["startsOn"])
    assert plan["endsOn"] == add_months(starts, 6).isoformat()
    assert "Kurang/Misconduct" in plan["goals"]
    again = await mutate(client, OPEN_LOW, {"scope": {"periodId": str(cal.periods[0])}})
    assert again["result"] == []
    async with cal.db.read() as s:
        assert await s.scalar(sa.select(CoachingPlan.evaluation_id)) == low
    assert (await audit_actions(cal.db)).count("coaching.open") == 1


@pytest.mark.parametrize(
    ("user", "read", "check_in"),
    [
        ("staf2", True, "FORBIDDEN"),  # the pegawai
        ("kabid", True, None),  # Pejabat Penilai
        ("kadis2", True, None),  # the mentor
        ("staf", False, "NOT_FOUND"),  # colleague
        ("kadis", False, "NOT_FOUND"),  # Atasan Pejabat Penilai: not in the coaching circle
        ("manager", True, "FORBIDDEN"),
        ("hradmin", True, "FORBIDDEN"),
        ("auditor", True, "FORBIDDEN"),
        ("sysadmin", False, "NOT_FOUND"),
    ],
)
async def test_coaching_visibility_and_check_ins(
    cal: Cal, client_for: ClientFactory, user: str, read: bool, check_in: str | None
) -> None:
    low = await cal.evaluate("staf2", P.BUTUH_PERBAIKAN)
    kabid = await client_for("kabid")
    opened = await mutate(
        kabid,
        OPEN_PLAN,
        {
            "input": {
                "evaluationId": str(low),
                "goals": "Capai target RHK 1",
                "actions": "Pendampingan mingguan",
                "mentorId": str(cal.emp("kadis2")),
            }
        },
    )
    assert opened["errors"] == [], opened
    plan_id = opened["result"]["id"]
    assert opened["result"]["mentor"] == {"name": "Pegawai Kadis2"}
    client = await client_for(user)
    body = await gql(client, PLAN, {"id": plan_id})
    assert ("errors" not in body) is read, body
    listed = await gql(client, "{ coachingPlans { id } }")
    assert len(listed["data"]["coachingPlans"]) == (1 if read else 0)
    held_on = opened["result"]["startsOn"]
    payload = await mutate(
        client, CHECK_IN, {"input": {"planId": plan_id, "heldOn": held_on, "note": "Tinjau RHK"}}
    )
    assert (error_codes(payload)[0] if payload["errors"] else None) == check_in


async def test_manual_coaching_rules_and_outcome_at_the_end(cal: Cal) -> None:
    good = await cal.evaluate("staf", P.BAIK)
    low = await cal.evaluate("staf2", P.SANGAT_KURANG)
    kabid, staf = cal.actor("kabid"), cal.actor("staf")
    with pytest.raises(ServiceError) as not_low:
        await coaching.open_coaching_plan(cal.db, kabid, evaluation_id=good, goals="g", actions="a")
    assert not_low.value.code is ErrorCode.INVALID_STATE
    with pytest.raises(ServiceError) as colleague:
        await coaching.open_coaching_plan(cal.db, staf, evaluation_id=low, goals="g", actions="a")
    assert colleague.value.code is ErrorCode.FORBIDDEN
    with pytest.raises(ServiceError) as self_mentor:
        await coaching.open_coaching_plan(
            cal.db, kabid, evaluation_id=low, goals="g", actions="a", mentor_id=cal.emp("staf2")
        )
    assert self_mentor.value.field == "mentorId"
    plan = await coaching.open_coaching_plan(
        cal.db,
        kabid,
        evaluation_id=low,
        goals="Sasaran",
        actions="Langkah",
        starts_on=date(2026, 8, 1),
        today=date(2026, 8, 1),
    )
    assert plan.ends_on == date(2027, 2, 1)
    with pytest.raises(ServiceError) as duplicate:
        await coaching.open_coaching_plan(cal.db, kabid, evaluation_id=low, goals="g", actions="a")
    assert duplicate.value.code is ErrorCode.DUPLICATE
    with pytest.raises(ServiceError) as future:
        await coaching.record_coaching_check_in(
            cal.db,
            kabid,
            plan_id=plan.id,
            held_on=date(2026, 9, 2),
            note="n",
            today=date(2026, 9, 1),
        )
    assert future.value.field == "heldOn"
    await coaching.record_coaching_check_in(
        cal.db,
        kabid,
        plan_id=plan.id,
        held_on=date(2026, 9, 1),
        note="Kemajuan baik",
        today=date(2026, 9, 1),
    )
    with pytest.raises(ServiceError) as early:
        await coaching.close_coaching_plan(
            cal.db,
            kabid,
            plan_id=plan.id,
            status=CoachingStatus.BERHASIL,
            outcome="Baik",
            today=date(2027, 1, 31),
        )
    assert early.value.code is ErrorCode.INVALID_STATE
    with pytest.raises(ServiceError) as pegawai:
        await coaching.close_coaching_plan(
            cal.db,
            cal.actor("staf2"),
            plan_id=plan.id,
            status=CoachingStatus.BERHASIL,
            outcome="Baik",
            today=date(2027, 2, 1),
        )
    assert pegawai.value.code is ErrorCode.FORBIDDEN
    closed = await coaching.close_coaching_plan(
        cal.db,
        kabid,
        plan_id=plan.id,
        status=CoachingStatus.BERHASIL,
        outcome="Target tercapai",
        today=date(2027, 2, 1),
    )
    assert closed.status is CoachingStatus.BERHASIL
    with pytest.raises(ServiceError) as closed_again:
        await coaching.update_coaching_plan(cal.db, kabid, plan_id=plan.id, goals="baru")
    assert closed_again.value.code is ErrorCode.INVALID_STATE
    actions = await audit_actions(cal.db)
    assert [a for a in actions if a.startswith("coaching.")] == [
        "coaching.open",
        "coaching.check_in",
        "coaching.close",
    ]
