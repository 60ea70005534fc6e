"""The master list of standard phrases: BKPSDM keeps it, everyone signed in reads the active ones."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from server.db.engine import Database
from server.db.models import FeedbackPhrase
from server.services import feedback as service
from server.services.actor import Actor, system_actor
from server.services.errors import ErrorCode, ServiceError
from tests.api.feedback.conftest import as_user, audit_events, error_of, mutate, run, table_counts
from tests.conftest import SmallOrg, gql

FIELDS = "id text active"
LIST = "query($all: Boolean!) { feedbackPhrases(includeInactive: $all) { id text active } }"


async def create(client: httpx.AsyncClient, text: Any) -> dict[str, Any]:
    return await mutate(
        client, "createFeedbackPhrase", "CreateFeedbackPhraseInput", FIELDS, {"text": text}
    )


async def update(client: httpx.AsyncClient, variables: dict[str, Any]) -> dict[str, Any]:
    return await mutate(
        client, "updateFeedbackPhrase", "UpdateFeedbackPhraseInput", FIELDS, variables
    )


async def phrases(
    client: httpx.AsyncClient, include_inactive: bool = False
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = (await run(client, LIST, {"all": include_inactive}))[
        "feedbackPhrases"
    ]
    return rows


async def test_hr_admin_keeps_the_list(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    await as_user(client, "hradmin")
    made = await create(client, "  Pertahankan   kinerja baik. ")
    assert made["errors"] == []
    phrase = made["result"]
    assert phrase["text"] == "Pertahankan kinerja baik."
    assert phrase["active"] is True
    other = (await create(client, "Lengkapi bukti dukung."))["result"]

    edited = await update(client, {"id": phrase["id"], "text": "Pertahankan kinerja yang baik."})
    assert edited["result"] == {
        "id": phrase["id"],
        "text": "Pertahankan kinerja yang baik.",
        "active": True,
    }
    off = await update(client, {"id": other["id"], "active": False})
    assert off["result"]["active"] is False
    assert off["result"]["text"] == "Lengkapi bukti dukung."  # untouched when not given

    assert [p["id"] for p in await phrases(client)] == [phrase["id"]]
    assert [p["id"] for p in await phrases(client, include_inactive=True)] == [
        phrase["id"],
        other["id"],
    ]
    await as_user(client, "auditor")
    assert len(await phrases(client, include_inactive=True)) == 2
    for user in ("staf", "kabid", "manager", "sysadmin"):  # everyone signed in, active ones only
        await as_user(client, user)
        assert [p["text"] for p in await phrases(client, include_inactive=True)] == [
            "Pertahankan kinerja yang baik."
        ], user

    created = await audit_events(db, "feedback_phrase.create")
    updated = await audit_events(db, "feedback_phrase.update")
    assert [e.object_id for e in created] == [phrase["id"], other["id"]]
    assert [(e.before, e.after) for e in updated] == [
        (
            {"text": "Pertahankan kinerja baik.", "active": True},
            {"text": "Pertahankan kinerja yang baik.", "active": True},
        ),
        (
            {"text": "Lengkapi bukti dukung.", "active": True},
            {"text": "Lengkapi bukti dukung.", "active": False},
        ),
    ]
    assert all(e.actor_label == "hradmin" for e in created + updated)

    # Reactivating works; an update that changes nothing writes no event.
    await as_user(client, "hradmin")
    again = await update(client, {"id": other["id"], "active": True})
    assert again["result"]["active"] is True
    count = len(await audit_events(db, "feedback_phrase.update"))
    assert (await update(client, {"id": other["id"], "active": True}))["errors"] == []
    assert len(await audit_events(db, "feedback_phrase.update")) == count


@pytest.mark.parametrize("user", ["staf", "kabid", "kadis", "manager", "auditor", "sysadmin"])
async def test_only_hr_admin_changes_phrases(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg, user: str
) -> None:
    async with db.write() as s:
        row = FeedbackPhrase(text="Ada", active=True)
        s.add(row)
        await s.flush()
        phrase_id = row.id
    await as_user(client, user)
    before = await table_counts(db)
    assert error_of(await create(client, "Frasa baru"))[0] == "FORBIDDEN"
    assert error_of(await update(client, {"id": str(phrase_id), "active": False}))[0] == "FORBIDDEN"
    assert await table_counts(db) == before
    async with db.read() as s:
        assert (await s.scalars(sa.select(FeedbackPhrase.active))).all() == [True]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "INVALID_INPUT"),
        ("   ", "INVALID_INPUT"),
        ("x" * 501, "INVALID_INPUT"),
        ("nol\x00", "INVALID_INPUT"),
        ("\u202eterbalik", "INVALID_INPUT"),
        ("ADA YANG SAMA", "DUPLICATE"),  # case-insensitive
    ],
)
async def test_bad_phrase_text(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg, text: str, code: str
) -> None:
    await as_user(client, "hradmin")
    existing = (await create(client, "Ada yang sama"))["result"]
    second = (await create(client, "Lainnya"))["result"]
    before = await table_counts(db)
    assert error_of(await create(client, text)) == (code, "text")
    assert error_of(await update(client, {"id": second["id"], "text": text})) == (code, "text")
    assert await table_counts(db) == before
    # Renaming a phrase to itself in other capitals is not a duplicate of itself.
    assert (await update(client, {"id": existing["id"], "text": "ADA yang sama"}))["errors"] == []


async def test_update_missing_or_garbage_id(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    await as_user(client, "hradmin")
    assert error_of(await update(client, {"id": "4242", "active": False})) == ("NOT_FOUND", None)
    assert error_of(await update(client, {"id": "abc", "active": False})) == ("INVALID_INPUT", "id")
    body = await gql(
        client,
        "mutation { createFeedbackPhrase(input: {text: 5}) { errors { code } } }",
    )
    assert body["errors"]
    assert (await table_counts(db))["feedback_phrase"] == 0


async def test_default_phrases_are_seeded_once(db: Database, small_org: SmallOrg) -> None:
    assert len(service.DEFAULT_FEEDBACK_PHRASES) >= 12
    assert len({p.lower() for p in service.DEFAULT_FEEDBACK_PHRASES}) == len(
        service.DEFAULT_FEEDBACK_PHRASES
    )
    assert all(len(p) <= 500 for p in service.DEFAULT_FEEDBACK_PHRASES)
    actor = system_actor("seed")
    # One already there (in other capitals) is not added twice.
    await service.create_phrase(db, actor, service.DEFAULT_FEEDBACK_PHRASES[0].upper())
    added = await service.ensure_default_phrases(db, actor)
    assert added == len(service.DEFAULT_FEEDBACK_PHRASES) - 1
    assert await service.ensure_default_phrases(db, actor) == 0
    async with db.read() as s:
        texts = (await s.scalars(sa.select(FeedbackPhrase.text))).all()
    assert len(texts) == len(service.DEFAULT_FEEDBACK_PHRASES)
    assert len(await audit_events(db, "feedback_phrase.create")) == len(
        service.DEFAULT_FEEDBACK_PHRASES
    )

    staff = Actor(
        account_id=small_org.ids["acc:kabid"], login="kabid", employee_id=small_org.ids["emp:kabid"]
    )
    with pytest.raises(ServiceError) as caught:
        await service.ensure_default_phrases(db, staff)
    assert caught.value.code is ErrorCode.FORBIDDEN
