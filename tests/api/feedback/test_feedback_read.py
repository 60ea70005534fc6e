"""Which feedback a reader has read: markFeedbackRead per thread, `read` on each comment."""

from __future__ import annotations

from typing import Any

import httpx
import sqlalchemy as sa

from server.db.engine import Database
from server.db.models import FeedbackRead
from tests.api.feedback.conftest import Plans, as_user, audit_events, run, table_counts

MARK = (
    "mutation($p: ID!, $t: FeedbackTarget!, $ti: ID, $tv: CoreValue) { markFeedbackRead("
    "planId: $p, target: $t, targetId: $ti, targetValue: $tv) { result { planId target targetId "
    "targetValue readUpTo } errors { code field message } } }"
)
LIST = (
    "query($p: ID!, $t: FeedbackTarget, $ti: ID) { planFeedback(planId: $p, target: $t, "
    "targetId: $ti) { id read text } }"
)
ADD = (
    "mutation($input: AddFeedbackInput!) { addFeedback(input: $input) { result { id read } "
    "errors { code field message } } }"
)


async def add(client: httpx.AsyncClient, plans: Plans, text: str, realization: int = 0) -> str:
    data = await run(
        client,
        ADD,
        {
            "input": {
                "planId": str(plans.staf.id),
                "target": "REALISASI",
                "targetId": str(plans.staf.realizations[realization]),
                "text": text,
            }
        },
    )
    payload = data["addFeedback"]
    assert payload["errors"] == [], payload
    assert payload["result"]["read"] is True  # one's own comment is read
    return str(payload["result"]["id"])


async def mark(client: httpx.AsyncClient, variables: dict[str, Any]) -> dict[str, Any]:
    data = await run(client, MARK, variables)
    payload: dict[str, Any] = data["markFeedbackRead"]
    return payload


async def read_flags(client: httpx.AsyncClient, plans: Plans, realization: int = 0) -> list[bool]:
    data = await run(
        client,
        LIST,
        {
            "p": str(plans.staf.id),
            "t": "REALISASI",
            "ti": str(plans.staf.realizations[realization]),
        },
    )
    return [row["read"] for row in data["planFeedback"]]


def thread(plans: Plans, realization: int = 0) -> dict[str, Any]:
    return {
        "p": str(plans.staf.id),
        "t": "REALISASI",
        "ti": str(plans.staf.realizations[realization]),
    }


async def test_comments_of_others_are_unread_until_the_thread_is_marked_read(
    client: httpx.AsyncClient, db: Database, plans: Plans
) -> None:
    await as_user(client, "kabid")
    first = await add(client, plans, "Mohon lengkapi bukti dukung.")
    await add(client, plans, "Di realisasi lain", realization=1)

    await as_user(client, "staf")
    assert await read_flags(client, plans) == [False]
    payload = await mark(client, thread(plans))
    assert payload["errors"] == []
    assert payload["result"] == {
        "planId": str(plans.staf.id),
        "target": "REALISASI",
        "targetId": str(plans.staf.realizations[0]),
        "targetValue": None,
        "readUpTo": first,
    }
    assert await read_flags(client, plans) == [True]
    # Another thread of the same SKP is not touched.
    assert await read_flags(client, plans, realization=1) == [False]
    # Marking again changes nothing and records nothing.
    before = len(await audit_events(db, "feedback.read"))
    assert (await mark(client, thread(plans)))["result"]["readUpTo"] == first
    assert len(await audit_events(db, "feedback.read")) == before == 1

    # A newer comment is unread again; the assessor's own comments are read for him.
    await as_user(client, "kabid")
    second = await add(client, plans, "Terima kasih.")
    assert await read_flags(client, plans) == [True, True]
    await as_user(client, "staf")
    assert await read_flags(client, plans) == [True, False]
    assert (await mark(client, thread(plans)))["result"]["readUpTo"] == second
    assert await read_flags(client, plans) == [True, True]
    events = await audit_events(db, "feedback.read")
    assert [e.actor_label for e in events] == ["staf", "staf"]
    async with db.read() as s:
        markers = (await s.scalars(sa.select(FeedbackRead))).all()
    assert [(m.target, m.last_read_id) for m in markers] == [("REALISASI", int(second))]

    # The assessor's superior has read nothing yet: his own marker, independent of the employee's.
    await as_user(client, "kadis")
    assert await read_flags(client, plans) == [False, False]


async def test_an_empty_thread_marks_nothing(
    client: httpx.AsyncClient, db: Database, plans: Plans
) -> None:
    await as_user(client, "staf")
    before = await table_counts(db)
    payload = await mark(client, thread(plans, realization=1))
    assert payload["errors"] == []
    assert payload["result"]["readUpTo"] is None
    assert await table_counts(db) == before


async def test_who_may_not_mark_and_bad_input_change_nothing(
    client: httpx.AsyncClient, db: Database, plans: Plans
) -> None:
    await as_user(client, "kabid")
    await add(client, plans, "Catatan")
    before = (await table_counts(db))["feedback"]
    # Those who may not read the SKP get NOT_FOUND (its existence is not revealed).
    for outsider in ("staf2", "kadis2", "sekda"):
        await as_user(client, outsider)
        payload = await mark(client, thread(plans))
        assert payload["result"] is None
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [("NOT_FOUND", "planId")]
    await as_user(client, "sysadmin")  # an account without an employee record
    assert (await mark(client, thread(plans)))["errors"][0]["code"] == "FORBIDDEN"

    await as_user(client, "staf")
    cases: list[tuple[dict[str, Any], str, str | None]] = [
        ({"p": "987654", "t": "REALISASI", "ti": "1"}, "NOT_FOUND", "planId"),
        ({"p": str(plans.staf.id), "t": "REALISASI"}, "INVALID_INPUT", "targetId"),
        ({"p": str(plans.staf.id), "t": "PERILAKU"}, "INVALID_INPUT", "targetValue"),
        ({"p": str(plans.staf.id), "t": "SKP", "ti": "5"}, "INVALID_INPUT", "targetId"),
        ({"p": str(plans.staf.id), "t": "RHK", "ti": "abc"}, "INVALID_INPUT", "targetId"),
        ({"p": "-1", "t": "RHK", "ti": "1"}, "INVALID_INPUT", "planId"),
        ({"p": "9" * 40, "t": "RHK", "ti": "1"}, "INVALID_INPUT", "planId"),
        ({"p": "1 OR 1=1", "t": "RHK", "ti": "1"}, "INVALID_INPUT", "planId"),
    ]
    for variables, code, field in cases:
        payload = await mark(client, variables)
        assert payload["result"] is None, variables
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [(code, field)], variables
    assert (await table_counts(db))["feedback"] == before
    assert await audit_events(db, "feedback.read") == []  # (logins are audited, marks were not)
    async with db.read() as s:
        assert (await s.scalar(sa.select(sa.func.count()).select_from(FeedbackRead))) == 0

    # An unknown target value is refused by the schema itself.
    response = await client.post(
        "/api/graphql",
        json={"query": MARK, "variables": {"p": str(plans.staf.id), "t": "NOPE", "ti": "1"}},
    )
    assert "errors" in response.json()
