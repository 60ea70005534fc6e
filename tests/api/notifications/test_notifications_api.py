"""myNotifications / unreadNotificationCount / markNotificationsRead: everyone sees and marks
only their own notifications."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from server.config import Settings
from server.db.engine import Database
from server.db.models import AuditEvent, Notification
from server.services.notifications import (
    REMIND_COACHING,
    REMIND_EVALUATION,
    REMIND_PLAN_APPROVAL,
    send_due_reminders,
)
from tests.api.notifications.conftest import TODAY, ReminderData
from tests.conftest import SmallOrg, gql, login

MINE = """
query($unread: Boolean!, $first: Int, $after: String) {
  myNotifications(unreadOnly: $unread, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id kind message link read readAt createdAt }
  }
  unreadNotificationCount
}"""
MARK = """
mutation($ids: [ID!]) {
  markNotificationsRead(ids: $ids) {
    result { markedCount unreadCount }
    errors { code field message }
  }
}"""


async def as_user(
    client: httpx.AsyncClient, user: str, unread: bool = False, **page: Any
) -> dict[str, Any]:
    assert (await login(client, user)).status_code == 200
    body = await gql(client, MINE, {"unread": unread, **page})
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


@pytest.fixture
async def reminded(
    db: Database, settings: Settings, small_org: SmallOrg, data: ReminderData
) -> ReminderData:
    await send_due_reminders(db, settings, TODAY)
    return data


@pytest.mark.parametrize(
    ("user", "kinds"),
    [
        ("kabid", {REMIND_PLAN_APPROVAL, REMIND_EVALUATION, REMIND_COACHING}),
        ("staf", {"PENGINGAT_REALISASI"}),
        ("kadis", {"PENGINGAT_KEBERATAN"}),
        ("sekda", {REMIND_COACHING}),
        ("staf2", set()),
        ("kadis2", set()),
        ("hradmin", set()),  # a role account without an employee has no notifications
    ],
)
async def test_everyone_sees_only_their_own(
    client: httpx.AsyncClient, reminded: ReminderData, user: str, kinds: set[str]
) -> None:
    data = await as_user(client, user)
    nodes = data["myNotifications"]["nodes"]
    assert {n["kind"] for n in nodes} == kinds
    assert len(nodes) == len(kinds) == data["myNotifications"]["totalCount"]
    assert data["unreadNotificationCount"] == len(kinds)
    assert all(n["read"] is False and n["readAt"] is None for n in nodes)


async def test_pages_newest_first(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    async with db.write() as s:
        s.add_all(
            Notification(
                employee_id=small_org.ids["emp:staf"],
                kind="UJI",
                message=f"Pesan {n}",
                dedupe_key=f"uji:{n}",
            )
            for n in range(5)
        )
    first = await as_user(client, "staf", first=2)
    page = first["myNotifications"]
    assert page["totalCount"] == 5
    assert page["pageInfo"]["hasNextPage"] is True
    assert [n["message"] for n in page["nodes"]] == ["Pesan 4", "Pesan 3"]
    rest = await gql(
        client, MINE, {"unread": False, "first": 10, "after": page["pageInfo"]["endCursor"]}
    )
    assert [n["message"] for n in rest["data"]["myNotifications"]["nodes"]] == [
        "Pesan 2",
        "Pesan 1",
        "Pesan 0",
    ]
    too_many = await gql(client, MINE, {"unread": False, "first": 1000})
    assert too_many["errors"][0]["extensions"]["code"] == "INVALID_INPUT"


async def test_mark_read_only_own(
    client: httpx.AsyncClient, db: Database, reminded: ReminderData
) -> None:
    kabid = (await as_user(client, "kabid"))["myNotifications"]["nodes"]
    sekda = (await as_user(client, "sekda"))["myNotifications"]["nodes"]

    # sekda tries kabid's notification (alone, and mixed with their own): nothing changes.
    for ids in ([kabid[0]["id"]], [sekda[0]["id"], kabid[0]["id"]], ["999999"]):
        body = await gql(client, MARK, {"ids": ids})
        payload = body["data"]["markNotificationsRead"]
        assert payload["result"] is None
        assert payload["errors"] == [
            {"code": "NOT_FOUND", "field": "ids", "message": "Notifikasi tidak ditemukan."}
        ]
    assert (await as_user(client, "sekda"))["unreadNotificationCount"] == 1

    await login(client, "kabid")
    body = await gql(client, MARK, {"ids": [kabid[0]["id"]]})
    assert body["data"]["markNotificationsRead"] == {
        "result": {"markedCount": 1, "unreadCount": 2},
        "errors": [],
    }
    again = await gql(client, MARK, {"ids": [kabid[0]["id"]]})  # already read: no-op
    assert again["data"]["markNotificationsRead"]["result"] == {
        "markedCount": 0,
        "unreadCount": 2,
    }
    unread = await as_user(client, "kabid", unread=True)
    assert [n["id"] for n in unread["myNotifications"]["nodes"]] == [n["id"] for n in kabid[1:]]
    everything = await gql(client, MARK, {"ids": None})
    assert everything["data"]["markNotificationsRead"]["result"] == {
        "markedCount": 2,
        "unreadCount": 0,
    }
    read = (await as_user(client, "kabid"))["myNotifications"]["nodes"]
    assert all(n["read"] and n["readAt"] for n in read)
    # sekda's and the others' stay unread.
    assert (await as_user(client, "sekda"))["unreadNotificationCount"] == 1
    assert (await as_user(client, "staf"))["unreadNotificationCount"] == 1
    async with db.read() as s:
        events = (
            await s.scalars(
                sa.select(AuditEvent)
                .where(AuditEvent.action == "notification.read")
                .order_by(AuditEvent.seq)
            )
        ).all()
    assert [e.actor_label for e in events] == ["kabid", "kabid"]
    assert events[0].after == {"ids": [int(kabid[0]["id"])]}


async def test_mark_read_input_limits(client: httpx.AsyncClient, small_org: SmallOrg) -> None:
    await login(client, "staf")
    body = await gql(client, MARK, {"ids": [str(n) for n in range(1, 102)]})
    assert body["data"]["markNotificationsRead"]["errors"][0]["code"] == "INVALID_INPUT"
    body = await gql(client, MARK, {"ids": ["abc"]})
    assert body["data"]["markNotificationsRead"]["errors"][0] == {
        "code": "INVALID_INPUT",
        "field": "ids",
        "message": "ID tidak valid.",
    }
