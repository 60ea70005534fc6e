"""Issue 10: exactly once. The survey form sends a random UUID (``Idempotency-Key``) made when
the answers are first queued; the server stores it with the answer (unique) and answers every
repeat of the key with the same "already received" reply, storing nothing again."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from starlette.applications import Starlette

from server.db.engine import Database
from server.db.models import AuditEvent, SurveyResponse
from tests.api.survey.conftest import ALL_FOUR, SurveyOrg, client_at


async def _post(
    c: httpx.AsyncClient, token: str, body: dict[str, Any], key: str | None
) -> httpx.Response:
    headers = {} if key is None else {"Idempotency-Key": key}
    return await c.post(f"/public/survey/{token}", json=body, headers=headers)


async def _stored(db: Database) -> list[SurveyResponse]:
    async with db.read() as s:
        return list(await s.scalars(sa.select(SurveyResponse).order_by(SurveyResponse.id)))


async def _submit_events(db: Database) -> int:
    async with db.read() as s:
        return len(
            list(
                await s.scalars(
                    sa.select(AuditEvent.id).where(AuditEvent.action == "survey_response.submit")
                )
            )
        )


async def test_a_repeated_key_is_already_received_and_stored_once(
    app: Starlette, db: Database, survey_org: SurveyOrg
) -> None:
    key = str(uuid.uuid4())
    token = survey_org.tokens["KTP"]
    async with client_at(app, "198.51.100.40") as c:
        first = await _post(c, token, {**ALL_FOUR, "comment": "Cepat"}, key)
        assert first.status_code == 200, first.text
        assert first.json()["alreadyReceived"] is False
        replies = [await _post(c, token, {**ALL_FOUR, "comment": "Cepat"}, key) for _ in range(3)]
        # Even other answers under the same key (an edited resend) are the one answer.
        replies.append(await _post(c, token, {f"u{i}": 2 for i in range(1, 10)}, key.upper()))
    for again in replies:
        assert again.status_code == 200, again.text
        assert again.json() == {**first.json(), "alreadyReceived": True}
    rows = await _stored(db)
    assert len(rows) == 1
    assert rows[0].client_key == key
    assert rows[0].u1 == 4
    assert await _submit_events(db) == 1


async def test_a_repeat_is_answered_before_the_rate_limit(
    app: Starlette, db: Database, survey_org: SurveyOrg
) -> None:
    """The resend after a lost reply must not be refused as too many answers."""
    token = survey_org.tokens["KTP"]
    keys = [str(uuid.uuid4()) for _ in range(5)]
    async with client_at(app, "198.51.100.41") as c:
        for i, key in enumerate(keys):
            ok = await _post(c, token, {**ALL_FOUR, "u1": 1 + i % 4, "u2": 1 + i // 4}, key)
            assert ok.status_code == 200, ok.text
        limited = await _post(c, token, {**ALL_FOUR, "u3": 1}, str(uuid.uuid4()))
        assert limited.status_code == 429
        repeat = await _post(c, token, {**ALL_FOUR}, keys[0])
    assert repeat.status_code == 200
    assert repeat.json()["alreadyReceived"] is True
    assert len(await _stored(db)) == 5


async def test_concurrent_sends_of_one_key_store_one_answer(
    app: Starlette, db: Database, survey_org: SurveyOrg
) -> None:
    key = str(uuid.uuid4())
    token = survey_org.tokens["KTP"]
    async with client_at(app, "198.51.100.42") as c:
        replies = await asyncio.gather(*[_post(c, token, ALL_FOUR, key) for _ in range(4)])
    assert [r.status_code for r in replies] == [200] * 4
    assert len({r.json()["id"] for r in replies}) == 1
    assert sorted(r.json()["alreadyReceived"] for r in replies) == [False, True, True, True]
    assert len(await _stored(db)) == 1


async def test_without_a_key_the_answer_is_stored_as_before(
    app: Starlette, db: Database, survey_org: SurveyOrg
) -> None:
    token = survey_org.tokens["KTP"]
    async with client_at(app, "198.51.100.43") as c:
        ok = await _post(c, token, ALL_FOUR, None)
        # The older rule still holds: the same answers from the same device are a duplicate.
        duplicate = await _post(c, token, ALL_FOUR, None)
    assert ok.status_code == 200
    assert ok.json()["alreadyReceived"] is False
    assert duplicate.status_code == 409
    rows = await _stored(db)
    assert len(rows) == 1
    assert rows[0].client_key is None


@pytest.mark.parametrize(
    "key",
    [
        "",
        "123",
        "not-a-uuid",
        "0b9e8c8e1d2f4a7b9c3d2e1f0a9b8c7d",  # no dashes
        "0b9e8c8e-1d2f-4a7b-9c3d-2e1f0a9b8c7g",  # a non-hex digit
        "0b9e8c8e-1d2f-4a7b-9c3d-2e1f0a9b8c7d0",  # one too long
        "' OR 1=1 --",
        "{0b9e8c8e-1d2f-4a7b-9c3d-2e1f0a9b8c7d}",
        "a" * 4_000,  # oversized
    ],
)
async def test_a_malformed_or_oversized_key_is_refused_and_nothing_stored(
    app: Starlette, db: Database, survey_org: SurveyOrg, key: str
) -> None:
    async with client_at(app, "198.51.100.44") as c:
        refused = await _post(c, survey_org.tokens["KTP"], ALL_FOUR, key)
    assert refused.status_code == 422, refused.text
    error = refused.json()["error"]
    assert error["code"] == "INVALID_FORM"
    assert "idempotencyKey" in error["fields"]
    assert "UUID" in error["message"]
    assert await _stored(db) == []


async def test_a_key_of_another_service_is_refused(
    app: Starlette, db: Database, survey_org: SurveyOrg
) -> None:
    key = str(uuid.uuid4())
    async with client_at(app, "198.51.100.45") as c:
        assert (await _post(c, survey_org.tokens["KTP"], ALL_FOUR, key)).status_code == 200
        other = await _post(c, survey_org.tokens["AKTA"], ALL_FOUR, key)
    assert other.status_code == 422
    assert other.json()["error"]["fields"] == {"idempotencyKey": "Sudah dipakai. / Already used."}
    assert "id" not in other.json()  # the other answer's id is never told
    assert len(await _stored(db)) == 1
