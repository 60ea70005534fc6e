"""Survey fixtures: services in the small organisation, clients from chosen addresses, and
answers stored directly (for IKM arithmetic that should not depend on the rate limits)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from starlette.applications import Starlette

from server.db.engine import Database
from server.db.models import SurveyResponse
from server.domain.enums import SurveyChannel
from server.services.actor import system_actor
from server.services.survey import services
from tests.conftest import SmallOrg, login

ALL_FOUR = {f"u{i}": 4 for i in range(1, 10)}
UA = "Mozilla/5.0 (Linux; Android 14) uji"


@dataclass
class SurveyOrg:
    org: SmallOrg
    ids: dict[str, int]  # "svc:<code>" → service id (plus the small_org ids)
    tokens: dict[str, str]  # service code → token


@pytest.fixture
async def survey_org(db: Database, small_org: SmallOrg) -> SurveyOrg:
    actor = system_actor("test")
    ids = dict(small_org.ids)
    tokens: dict[str, str] = {}
    for code, unit in (
        ("KTP", "DINAS"),
        ("AKTA", "BIDANG"),
        ("IZIN", "DINAS2"),
        ("LAMA", "DINAS"),
    ):
        s = await services.create_service(
            db, actor, services.ServiceInput(ids[unit], code, f"Layanan {code}", None)
        )
        ids[f"svc:{code}"] = s.id
        tokens[code] = s.survey_token
    await services.update_service(db, actor, ids["svc:LAMA"], services.ServiceChanges(active=False))
    return SurveyOrg(small_org, ids, tokens)


@asynccontextmanager
async def client_at(app: Starlette, address: str) -> AsyncIterator[httpx.AsyncClient]:
    """A client whose requests come from ``address`` (the rate limits key on it)."""
    transport = httpx.ASGITransport(app=app, client=(address, 40_000))
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", headers={"User-Agent": UA}
    ) as c:
        yield c


def answers(*scores: int | None, **extra: Any) -> dict[str, Any]:
    """JSON body: scores for u1… in order (None: unanswered), plus other fields."""
    body: dict[str, Any] = {f"u{i}": s for i, s in enumerate(scores, start=1) if s is not None}
    body.update(extra)
    return body


async def store_responses(
    db: Database,
    service_id: int,
    rows: Sequence[Sequence[int | None]],
    *,
    at: datetime = datetime(2026, 3, 10, 3, 0, tzinfo=UTC),
    fingerprint: str = "f" * 64,
) -> None:
    """Answers inserted directly, as the migration defines them."""
    async with db.write() as session:
        for scores in rows:
            assert len(scores) == 9
            session.add(
                SurveyResponse(
                    service_id=service_id,
                    submitted_at=at,
                    channel=SurveyChannel.FORMULIR,
                    submitter_fingerprint=fingerprint,
                    **{f"u{i}": s for i, s in enumerate(scores, start=1)},
                )
            )


async def count_rows(db: Database) -> int:
    async with db.read() as session:
        return int(
            await session.scalar(sa.select(sa.func.count()).select_from(SurveyResponse)) or 0
        )


async def as_user(client: httpx.AsyncClient, user: str) -> None:
    r = await login(client, user)
    assert r.status_code == 200, r.text


def payload(body: dict[str, Any], name: str) -> dict[str, Any]:
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"][name]
    return result
