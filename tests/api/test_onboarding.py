"""The guided first visit: a per-account flag on the server (`myOnboarding`,
`setTourCompleted`). Only the signed-in account's own flag; every change is audited; wrong,
missing and hostile input changes nothing."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from server.cli import EXIT_FAILED, main
from server.config import Settings
from server.db.engine import Database
from tests.conftest import SmallOrg, gql, login

READ = "{ myOnboarding { tourCompleted } }"
SET = (
    "mutation($c: Boolean!) { setTourCompleted(completed: $c) {"
    " result { tourCompleted } errors { code field message } } }"
)


async def state(db: Database) -> tuple[Any, ...]:
    async with db.read() as s:
        rows = (
            await s.execute(
                sa.text(
                    "SELECT account_id, tour_completed_at IS NOT NULL FROM account_onboarding"
                    " ORDER BY account_id"
                )
            )
        ).all()
        audit = (await s.execute(sa.text("SELECT count(*) FROM audit_event"))).scalar_one()
    return tuple(map(tuple, rows)), audit


async def completed(client: httpx.AsyncClient) -> bool:
    body = await gql(client, READ)
    assert "errors" not in body, body
    value: bool = body["data"]["myOnboarding"]["tourCompleted"]
    return value


async def test_fresh_account_finishes_and_restarts_the_tour(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    assert (await login(client, "staf")).status_code == 200
    assert await completed(client) is False
    body = await gql(client, SET, {"c": True})
    assert body["data"]["setTourCompleted"] == {"result": {"tourCompleted": True}, "errors": []}
    assert await completed(client) is True
    rows, audit_after_done = await state(db)
    assert rows == ((small_org.ids["acc:staf"], 1),)
    # Marking it done again records nothing new.
    await gql(client, SET, {"c": True})
    assert (await state(db))[1] == audit_after_done
    # Restarting from the Panduan shows the tour again, on every device.
    body = await gql(client, SET, {"c": False})
    assert body["data"]["setTourCompleted"]["result"] == {"tourCompleted": False}
    assert await completed(client) is False
    async with db.read() as s:
        actions = (
            await s.scalars(
                sa.text(
                    "SELECT action FROM audit_event WHERE action LIKE 'account.tour%' ORDER BY seq"
                )
            )
        ).all()
    assert actions == ["account.tour_completed", "account.tour_restarted"]


async def test_flag_follows_the_account_not_the_browser(
    app: Any, client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    assert (await login(client, "kabid")).status_code == 200
    await gql(client, SET, {"c": True})
    transport = httpx.ASGITransport(app=app, client=("10.9.9.9", 1234))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as other:
        assert (await login(other, "kabid")).status_code == 200
        assert await completed(other) is True
        # Another account on that second device is still fresh.
        assert (await login(other, "staf")).status_code == 200
        assert await completed(other) is False


async def test_every_kind_of_account_has_a_tour(
    client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    for name in ("sysadmin", "auditor", "hradmin", "manager"):
        assert (await login(client, name)).status_code == 200
        assert await completed(client) is False
        assert (await gql(client, SET, {"c": True}))["data"]["setTourCompleted"]["errors"] == []
        assert await completed(client) is True


async def test_wrong_missing_and_hostile_input_change_nothing(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    assert (await login(client, "staf")).status_code == 200
    before = await state(db)
    for variables in (
        {},
        {"c": None},
        {"c": "true"},
        {"c": 1},
        {"c": "' OR 1=1 --"},
        {"c": [True]},
    ):
        body = await gql(client, SET, variables)
        assert body.get("data") is None, (variables, body)
        assert body["errors"], (variables, body)
    # Another account's id cannot be passed: the mutation has no such argument.
    body = await gql(
        client, "mutation { setTourCompleted(completed: true, accountId: 1) { errors { code } } }"
    )
    assert "errors" in body
    assert "accountId" in body["errors"][0]["message"]
    oversized = (
        "mutation { setTourCompleted(completed: true) { errors { code } } }" + " " * 7_000_000
    )
    response = await client.post("/api/graphql", json={"query": oversized})
    assert response.status_code == 413
    assert await state(db) == before


async def test_without_a_session_nothing_is_read_or_written(
    client: httpx.AsyncClient, db: Database, small_org: SmallOrg
) -> None:
    before = await state(db)
    for query, variables in ((READ, {}), (SET, {"c": True})):
        response = await client.post("/api/graphql", json={"query": query, "variables": variables})
        assert response.status_code == 401
    assert await state(db) == before


async def test_command_line_marks_all_or_some_accounts(
    client: httpx.AsyncClient,
    db: Database,
    settings: Settings,
    small_org: SmallOrg,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("KINERJA_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("KINERJA_DATABASE_URL", settings.database_url)
    before = await state(db)
    assert (
        await asyncio.to_thread(main, ["tour", "done"]) == EXIT_FAILED
    )  # neither logins nor --all
    assert await asyncio.to_thread(main, ["tour", "done", "staf", "--all"]) == EXIT_FAILED
    assert await asyncio.to_thread(main, ["tour", "done", "staf", "nobody"]) == EXIT_FAILED
    assert await state(db) == before  # an unknown login changes nothing at all
    assert await asyncio.to_thread(main, ["tour", "done", "--all"]) == 0
    accounts = len([k for k in small_org.ids if k.startswith("acc:")])
    assert f"untuk {accounts} akun" in capsys.readouterr().out
    assert (await login(client, "staf")).status_code == 200
    assert await completed(client) is True
    assert await asyncio.to_thread(main, ["tour", "restart", "STAF"]) == 0
    assert "untuk 1 akun" in capsys.readouterr().out
    assert await completed(client) is False
