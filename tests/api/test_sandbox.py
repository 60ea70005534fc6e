"""The training sandbox (Latihan): a practice session runs against a SEPARATE database holding
the demo, and the real database is never touched. A real session cannot reach the sandbox and a
practice session cannot reach real data; reset re-creates the sandbox; hostile input is refused
with nothing changed."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import hashlib
import os
import secrets
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool
from starlette.applications import Starlette

from server import clock
from server.app import create_app
from server.config import Settings, SettingsError
from server.db.base import Base
from server.db.engine import Database
from server.services.actor import Actor
from server.services.auth import SESSION_COOKIE
from server.services.sandbox import SANDBOX_COOKIE, Sandbox, SandboxBusy
from tests.api.work import samples
from tests.conftest import SmallOrg, gql, lifespan, login

WHO = "{ me { login } practiceMode }"
TOUR_DONE = (
    "mutation { setTourCompleted(completed: true) { result { tourCompleted } errors { code } } }"
)


@pytest.fixture(scope="session")
def _sandbox_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sandbox seeded once per session (the demo load takes a while); each test copies it."""
    data = tmp_path_factory.mktemp("sandbox-template")
    settings = Settings(data_dir=data, sandbox_employees=50)

    async def seed() -> None:
        sandbox = Sandbox(settings)
        await sandbox.ensure_ready()
        await sandbox.dispose()

    asyncio.run(seed())
    return data / "latihan"


@pytest.fixture
def sandboxed(settings: Settings, _sandbox_template: Path) -> Settings:
    shutil.copytree(_sandbox_template, settings.data_dir / "latihan")
    return settings


async def fingerprint(url: str) -> dict[str, str]:
    """Every table's rows, hashed: any insert, update or delete shows. Sessions are left out
    (signing in to compare is itself a write of a session)."""
    db = Database(url)
    found: dict[str, str] = {}
    try:
        async with db.read() as s:
            for table in Base.metadata.sorted_tables:
                if table.name in {"login_session", "login_failure"}:
                    continue
                rows = (await s.execute(sa.select(table))).all()
                found[table.name] = hashlib.sha256(
                    repr(sorted(map(repr, rows))).encode()
                ).hexdigest()
    finally:
        await db.dispose()
    return found


async def count(url: str, sql: str, **params: object) -> int:
    db = Database(url)
    try:
        async with db.read() as s:
            return int((await s.execute(sa.text(sql), params)).scalar_one())
    finally:
        await db.dispose()


async def start(client: httpx.AsyncClient, persona: str = "pegawai") -> httpx.Response:
    return await client.post("/auth/latihan", json={"persona": persona})


async def account_id(settings: Settings, login_name: str) -> int:
    sql = "SELECT id FROM user_account WHERE login = :login"
    return await count(settings.database_url, sql, login=login_name)


async def copy_url(settings: Settings, login_name: str) -> str:
    """The URL of the sandbox copy of a real account."""
    folder = settings.data_dir / "latihan" / "sandbox"
    return f"sqlite+aiosqlite:///{folder / f'{await account_id(settings, login_name)}.sqlite'}"


async def test_practice_writes_go_to_the_sandbox_only(
    client: httpx.AsyncClient, sandboxed: Settings, small_org: SmallOrg
) -> None:
    assert (await login(client, "staf")).status_code == 200
    real_before = await fingerprint(sandboxed.database_url)
    assert (await gql(client, WHO))["data"] == {"me": {"login": "staf"}, "practiceMode": False}

    response = await start(client)
    assert response.status_code == 200, response.text
    assert response.json() == {"ok": True, "persona": "pegawai"}
    assert SANDBOX_COOKIE in response.cookies
    body = await gql(client, WHO)
    persona_login = body["data"]["me"]["login"]
    assert persona_login != "staf"
    assert body["data"]["practiceMode"] is True
    # The demo's pegawai is rated by the demo's penilai persona.
    assessor = await gql(client, "{ me { employee { assessor { employee { name } } } } }")
    assert "errors" not in assessor, assessor
    sandbox_url = await copy_url(sandboxed, "staf")
    assert await count(sandbox_url, "SELECT count(*) FROM employee") >= 50

    before = await count(sandbox_url, "SELECT count(*) FROM account_onboarding")
    assert (await gql(client, TOUR_DONE))["data"]["setTourCompleted"]["errors"] == []
    assert await count(sandbox_url, "SELECT count(*) FROM account_onboarding") == before + 1
    assert (
        await count(sandbox_url, "SELECT count(*) FROM audit_event WHERE action LIKE 'latihan.%'")
        >= 1
    )

    # Leaving: back to the real account, and the real database is exactly as it was.
    left = await client.post("/auth/latihan/selesai", json={})
    assert left.status_code == 204
    assert (await gql(client, WHO))["data"] == {"me": {"login": "staf"}, "practiceMode": False}
    assert await fingerprint(sandboxed.database_url) == real_before

    # The penilai persona is that pegawai's Pejabat Penilai.
    assert (await start(client, "penilai")).status_code == 200
    penilai = (await gql(client, "{ me { displayName } }"))["data"]["me"]["displayName"]
    assert assessor["data"]["me"]["employee"]["assessor"]["employee"]["name"] == penilai


async def test_practice_uploads_go_to_the_sandbox_store(
    client: httpx.AsyncClient, sandboxed: Settings, small_org: SmallOrg
) -> None:
    assert (await login(client, "staf")).status_code == 200
    real_before = await fingerprint(sandboxed.database_url)
    assert (await start(client)).status_code == 200
    headers = {
        "Content-Type": "application/octet-stream",
        "X-Requested-With": "kinerja",
        "X-File-Name": "latihan.pdf",
    }
    response = await client.post("/api/uploads", content=samples.pdf(), headers=headers)
    assert response.status_code == 201, response.text
    digest = response.json()["sha256"]
    own = sandboxed.data_dir / "latihan" / "sandbox" / str(await account_id(sandboxed, "staf"))
    sandbox_files = [p.name for p in (own / "evidence").rglob("*")]
    assert any(digest in name for name in sandbox_files)
    template_files = [p.name for p in (sandboxed.data_dir / "latihan" / "evidence").rglob("*")]
    assert not any(digest in name for name in template_files)
    real_files = [p.name for p in sandboxed.evidence_dir.rglob("*")]
    assert not any(digest in name for name in real_files)
    assert await fingerprint(sandboxed.database_url) == real_before


async def test_sessions_do_not_cross(
    app: Any, client: httpx.AsyncClient, sandboxed: Settings, small_org: SmallOrg
) -> None:
    assert (await login(client, "staf")).status_code == 200
    real_token = client.cookies[SESSION_COOKIE]
    assert (await start(client)).status_code == 200
    practice_token = client.cookies[SANDBOX_COOKIE]
    transport = httpx.ASGITransport(app=app, client=("10.7.7.7", 4444))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as other:
        # A real session token offered as a practice cookie: unknown to the sandbox, 401, and
        # the cookie is removed (never served from the real database instead).
        other.cookies.set(SANDBOX_COOKIE, real_token)
        response = await other.post("/api/graphql", json={"query": WHO})
        assert response.status_code == 401
        assert f'{SANDBOX_COOKIE}=""' in response.headers.get("set-cookie", "")
        other.cookies.clear()
        # A practice token offered as the real session cookie: unknown to the real database.
        other.cookies.set(SESSION_COOKIE, practice_token)
        assert (await other.post("/api/graphql", json={"query": WHO})).status_code == 401
        # Uploads and evidence downloads follow the same rule.
        other.cookies.clear()
        other.cookies.set(SANDBOX_COOKIE, real_token)
        assert (await other.get("/api/evidence/1")).status_code == 401
        # Both cookies together: the practice one decides, the real one is not used at all.
        other.cookies.clear()
        other.cookies.set(SESSION_COOKIE, real_token)
        other.cookies.set(SANDBOX_COOKIE, practice_token)
        body = (await other.post("/api/graphql", json={"query": WHO})).json()
        assert body["data"]["practiceMode"] is True
        assert body["data"]["me"]["login"] != "staf"


async def test_reset_recreates_the_sandbox(
    client: httpx.AsyncClient,
    sandboxed: Settings,
    small_org: SmallOrg,
) -> None:
    assert (await login(client, "staf")).status_code == 200
    real_before = await fingerprint(sandboxed.database_url)
    assert (await start(client, "penilai")).status_code == 200
    old_token = client.cookies[SANDBOX_COOKIE]
    assert (await gql(client, TOUR_DONE))["data"]["setTourCompleted"]["errors"] == []
    sandbox_url = await copy_url(sandboxed, "staf")
    assert await count(sandbox_url, "SELECT count(*) FROM account_onboarding") == 1

    # The reload of the demo is the part that takes time; the test loads a copy of the template.
    response = await client.post("/auth/latihan/reset", json={})
    assert response.status_code == 200, response.text
    assert response.json() == {"ok": True, "persona": "penilai"}
    assert client.cookies[SANDBOX_COOKIE] != old_token
    assert await count(sandbox_url, "SELECT count(*) FROM account_onboarding") == 0
    body = await gql(client, "{ practiceMode myOnboarding { tourCompleted } }")
    assert body["data"] == {"practiceMode": True, "myOnboarding": {"tourCompleted": False}}
    reset_events = "SELECT count(*) FROM audit_event WHERE action = 'latihan.reset'"
    assert await count(sandbox_url, reset_events) == 1
    # The old practice session went with the old copy.
    client.cookies.set(SANDBOX_COOKIE, old_token)
    assert (await client.post("/api/graphql", json={"query": WHO})).status_code == 401
    client.cookies.set(SANDBOX_COOKIE, response.cookies[SANDBOX_COOKIE])
    # Not again at once (each reset loads the whole demo).
    again = await client.post("/auth/latihan/reset", json={})
    assert again.status_code == 429
    assert again.headers["retry-after"] == "60"
    assert await fingerprint(sandboxed.database_url) == real_before


async def test_hostile_input_changes_nothing(
    client: httpx.AsyncClient, sandboxed: Settings, small_org: SmallOrg
) -> None:
    copies = sandboxed.data_dir / "latihan" / "sandbox"
    # No real session: no practice, no reset.
    assert (await start(client)).status_code == 401
    assert (await client.post("/auth/latihan/reset", json={})).status_code == 401
    assert (await login(client, "staf")).status_code == 200
    real_before = await fingerprint(sandboxed.database_url)
    for body in (
        {},
        {"persona": None},
        {"persona": 1},
        {"persona": ["pegawai"]},
        {"persona": "admin"},
        {"persona": "PEGAWAI"},
        {"persona": "pegawai' OR 1=1 --"},
        {"persona": "x" * 10_000},
    ):
        response = await client.post("/auth/latihan", json=body)
        assert response.status_code in {400, 413}, (body, response.text)
    for raw, content_type in (
        (b"persona=pegawai", "application/x-www-form-urlencoded"),
        (b"[1,2]", "application/json"),
        (b"{not json", "application/json"),
        (b"{}" + b" " * 10_000, "application/json"),
    ):
        response = await client.post(
            "/auth/latihan", content=raw, headers={"content-type": content_type}
        )
        assert response.status_code in {400, 413}, (raw[:20], response.text)
    assert SANDBOX_COOKIE not in client.cookies
    assert not copies.exists()  # no practice started: no copy made
    # A malformed or oversized practice cookie is no session, and no crash.
    for bad in (b"", b"x" * 500, b'"; kinerja_session=abc', "\u00e9\u00e9".encode()):
        response = await client.post(
            "/api/graphql",
            json={"query": WHO},
            headers={b"cookie": SANDBOX_COOKIE.encode() + b"=" + bad},  # raw bytes: not UTF-8
        )
        assert response.status_code in {200, 401}
        if response.status_code == 200:  # an empty value is no practice cookie at all
            assert response.json()["data"]["practiceMode"] is False
    assert await fingerprint(sandboxed.database_url) == real_before


async def test_signing_out_ends_practice(
    client: httpx.AsyncClient, sandboxed: Settings, small_org: SmallOrg
) -> None:
    assert (await login(client, "staf")).status_code == 200
    assert (await start(client)).status_code == 200
    token = client.cookies[SANDBOX_COOKIE]
    assert (await client.post("/auth/logout", json={})).status_code == 204
    assert SANDBOX_COOKIE not in client.cookies
    revoked = await count(
        await copy_url(sandboxed, "staf"),
        "SELECT count(*) FROM login_session WHERE revoked_at IS NOT NULL",
    )
    assert revoked >= 1
    client.cookies.set(SANDBOX_COOKIE, token)
    assert (await client.post("/api/graphql", json={"query": WHO})).status_code == 401


def test_the_sandbox_never_shares_the_real_database(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'k.db'}"
    with pytest.raises(SettingsError, match="KINERJA_SANDBOX_DATABASE_URL"):
        Settings(data_dir=tmp_path, database_url=url, sandbox_database_url=url)
    with pytest.raises(SettingsError, match="KINERJA_SANDBOX_DATABASE_URL"):
        Settings.from_env({"KINERJA_DATABASE_URL": url, "KINERJA_SANDBOX_DATABASE_URL": url})
    default = Settings(data_dir=tmp_path)
    assert default.sandbox_database_url.endswith("latihan/latihan.db")
    assert default.sandbox_settings().evidence_dir == tmp_path / "latihan" / "evidence"
    assert default.sandbox_settings().is_sandbox is True
    sandbox = Sandbox(default)
    assert sandbox.per_person
    assert sandbox.copy_file(7) == tmp_path / "latihan" / "sandbox" / "7.sqlite"
    assert sandbox.copy_settings(7).evidence_dir == tmp_path / "latihan/sandbox/7/evidence"
    for bad in (0, -1, True, "7", "../7", 7.0):
        with pytest.raises(ValueError, match="not an account id"):
            sandbox.copy_file(bad)  # type: ignore[arg-type]
    assert Settings(data_dir=tmp_path, sandbox_open_copies=3).sandbox_open_copies == 3
    assert Settings.from_env({"KINERJA_SANDBOX_OPEN_COPIES": "5"}).sandbox_open_copies == 5
    # A PostgreSQL sandbox makes per-person databases too (test_postgres_… below).
    pg = Sandbox(Settings(data_dir=tmp_path, sandbox_database_url="postgresql+asyncpg://x/y"))
    assert pg.per_person
    assert pg.copy_database(7) == "y_p7"
    assert default.is_sandbox is False


async def test_a_cookie_alone_never_sets_up_the_sandbox(
    client: httpx.AsyncClient, settings: Settings, small_org: SmallOrg
) -> None:
    """Before anyone started practising, a forged practice cookie is refused at once: it does
    not make the server create and load the sandbox database."""
    assert (await login(client, "staf")).status_code == 200
    client.cookies.set(SANDBOX_COOKIE, "forged-token")
    response = await client.post("/api/graphql", json={"query": WHO})
    assert response.status_code == 401
    assert f'{SANDBOX_COOKIE}=""' in response.headers.get("set-cookie", "")
    assert not (settings.data_dir / "latihan").exists()
    # Without it, the real session goes on as before.
    client.cookies.delete(SANDBOX_COOKIE)
    assert (await gql(client, WHO))["data"] == {"me": {"login": "staf"}, "practiceMode": False}


ONBOARDING = "{ practiceMode myOnboarding { tourCompleted } }"


def _client(app: Any, address: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 4321))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


async def _both_practising(a: httpx.AsyncClient, b: httpx.AsyncClient, url: str) -> dict[str, str]:
    """staf (``a``) and staf2 (``b``) sign in and start practising; returns the real database's
    fingerprint from before either practice began."""
    assert (await login(a, "staf")).status_code == 200
    assert (await login(b, "staf2")).status_code == 200
    real_before = await fingerprint(url)
    assert (await start(a)).status_code == 200
    assert (await start(b)).status_code == 200
    return real_before


async def _tour_done(client: httpx.AsyncClient) -> bool:
    body = await gql(client, ONBOARDING)
    assert (body.get("data") or {}).get("practiceMode") is True, body
    return bool(body["data"]["myOnboarding"]["tourCompleted"])


async def test_each_person_practises_in_their_own_copy(
    app: Any, sandboxed: Settings, small_org: SmallOrg, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A's practice changes are not seen by B; B's reset leaves A's practice as it was; two
    people resetting at the same moment each get their own fresh copy."""
    async with _client(app, "10.0.0.1") as a, _client(app, "10.0.0.2") as b:
        real_before = await _both_practising(a, b, sandboxed.database_url)
        # Both practise as the same demo persona, each in their own database.
        me_a = (await gql(a, WHO))["data"]["me"]["login"]
        assert (await gql(b, WHO))["data"]["me"]["login"] == me_a
        assert await copy_url(sandboxed, "staf") != await copy_url(sandboxed, "staf2")

        assert (await gql(a, TOUR_DONE))["data"]["setTourCompleted"]["errors"] == []
        assert await _tour_done(a) is True
        assert await _tour_done(b) is False  # A's change is not in B's copy

        # Both reset at the same time: each is served (the limit is per person) and each
        # gets a fresh copy of their own.
        both = await asyncio.gather(
            a.post("/auth/latihan/reset", json={}), b.post("/auth/latihan/reset", json={})
        )
        assert [r.status_code for r in both] == [200, 200], [r.text for r in both]
        assert await _tour_done(a) is False
        assert await _tour_done(b) is False

        # A practises again while B resets (again): A's change survives B's reset.
        monkeypatch.setattr("server.services.sandbox.RESET_INTERVAL_SECONDS", 0)
        written, reset_b = await asyncio.gather(
            gql(a, TOUR_DONE), b.post("/auth/latihan/reset", json={})
        )
        assert written["data"]["setTourCompleted"]["errors"] == []
        assert reset_b.status_code == 200, reset_b.text
        assert await _tour_done(a) is True
        assert await _tour_done(b) is False
        assert (await b.post("/auth/latihan/reset", json={})).status_code == 200
        assert await _tour_done(a) is True
        # Each copy's audit log names only its own person.
        for who in ("staf", "staf2"):
            url = await copy_url(sandboxed, who)
            mine = "SELECT count(*) FROM audit_event WHERE actor_label = :who"
            assert await count(url, mine, who=f"latihan:{who}") >= 2
            other = "staf2" if who == "staf" else "staf"
            assert await count(url, mine, who=f"latihan:{other}") == 0
    assert await fingerprint(sandboxed.database_url) == real_before


async def test_a_practice_cookie_opens_only_its_own_persons_copy(
    app: Any, db: Database, sandboxed: Settings, small_org: SmallOrg
) -> None:
    copies = sandboxed.data_dir / "latihan" / "sandbox"
    async with _client(app, "10.0.0.1") as a, _client(app, "10.0.0.2") as b:
        real_before = await _both_practising(a, b, sandboxed.database_url)
        cookie_a = a.cookies[SANDBOX_COOKIE]
        cookie_b = b.cookies[SANDBOX_COOKIE]
        id_a, id_b = await account_id(sandboxed, "staf"), await account_id(sandboxed, "staf2")
        token_a = cookie_a.partition(".")[2]
        assert cookie_a.startswith(f"{id_a}.")
        assert cookie_b.startswith(f"{id_b}.")
        assert (await gql(a, TOUR_DONE))["data"]["setTourCompleted"]["errors"] == []
        files_before = sorted(p.name for p in copies.iterdir())
        sessions_a = await count(
            await copy_url(sandboxed, "staf"), "SELECT count(*) FROM login_session"
        )

        async def refused(cookie: str) -> None:
            b.cookies.set(SANDBOX_COOKIE, cookie)
            for response in (
                await b.post("/api/graphql", json={"query": ONBOARDING}),
                await b.get("/api/evidence/1"),
            ):
                assert response.status_code == 401, (cookie, response.text)
                assert f'{SANDBOX_COOKIE}=""' in response.headers.get("set-cookie", "")

        # A's cookie carried by B (B's real session): refused, A's copy is not opened.
        await refused(cookie_a)
        # A's token under B's id (unknown to B's copy), and B's token under A's id.
        await refused(f"{id_b}.{token_a}")
        await refused(f"{id_a}.{cookie_b.partition('.')[2]}")
        # Forged and hostile values: never a file name, never a new file.
        for forged in (
            f"{id_b}.{'A' * 43}",
            f"{id_b + 1000}.{token_a}",  # an account that does not exist
            f"0.{token_a}",
            f"-{id_b}.{token_a}",
            f"0{id_b}.{token_a}",
            f"../{id_b}.{token_a}",
            f"{id_b}/../{id_a}.{token_a}",
            f"..%2F{id_a}.{token_a}",
            f"{id_a}.sqlite",
            f"{id_b}.{token_a}/../../kinerja",
            f"{'9' * 40}.{token_a}",
            token_a,
        ):
            await refused(forged)
        assert sorted(p.name for p in copies.iterdir()) == files_before
        # B's own practice still works, and A's copy was neither read into B's nor changed.
        b.cookies.set(SANDBOX_COOKIE, cookie_b)
        assert await _tour_done(b) is False
        assert await _tour_done(a) is True
        after = await count(await copy_url(sandboxed, "staf"), "SELECT count(*) FROM login_session")
        assert after == sessions_a
        # B leaving practice, or signing out, with A's cookie does not end A's practice.
        revoked = "SELECT count(*) FROM login_session WHERE revoked_at IS NOT NULL"
        b.cookies.set(SANDBOX_COOKIE, cookie_a)
        assert (await b.post("/auth/latihan/selesai", json={})).status_code == 204
        assert await count(await copy_url(sandboxed, "staf"), revoked) == 0
        assert await _tour_done(a) is True

        # A's account is switched off (or removed) in the real database: its practice cookie
        # goes with it, even next to a session that was live.
        async with db.write() as session:
            await session.execute(
                sa.text("UPDATE user_account SET active = false WHERE id = :id"), {"id": id_a}
            )
        response = await a.post("/api/graphql", json={"query": ONBOARDING})
        assert response.status_code == 401
        async with db.write() as session:
            await session.execute(
                sa.text("UPDATE user_account SET active = true WHERE id = :id"), {"id": id_a}
            )
        assert await fingerprint(sandboxed.database_url) == real_before
        assert SANDBOX_COOKIE not in a.cookies  # the refused cookie was removed
        a.cookies.set(SANDBOX_COOKIE, cookie_a)
        assert await _tour_done(a) is True
        # B signing out with A's cookie ends B's session only.
        b.cookies.set(SANDBOX_COOKIE, cookie_a)
        assert (await b.post("/auth/logout", json={})).status_code == 204
        assert await count(await copy_url(sandboxed, "staf"), revoked) == 0
        assert await _tour_done(a) is True


async def test_open_copies_are_bounded_and_old_ones_pruned(
    sandboxed: Settings, tmp_path: Path
) -> None:
    from server.cli import cmd_latihan_prune

    settings = dataclasses.replace(sandboxed, sandbox_open_copies=2)
    sandbox = Sandbox(settings)
    try:
        first = await sandbox.copy_for(1, create=True)
        assert first is not None
        assert await sandbox.copy_for(2, create=True) is not None
        assert await sandbox.copy_for(1, create=False) is first  # 1 is now the most recent
        assert await sandbox.copy_for(3, create=True) is not None
        assert sandbox.open_copies == 2
        assert sorted(sandbox._open) == [1, 3]  # 2, the least recently used, was closed
        assert await sandbox.copy_for(2, create=False) is not None  # reopened from its file
        assert sorted(sandbox._open) == [2, 3]
        assert await sandbox.copy_for(3, create=False) is not None
        assert await sandbox.copy_for(4, create=False) is None  # no copy: none is made
        # Two first requests of one person at once: one copy, one engine.
        five = await asyncio.gather(*(sandbox.copy_for(5, create=True) for _ in range(3)))
        assert five[0] is not None
        assert all(found is five[0] for found in five)
        assert sorted(sandbox._open) == [3, 5]
        assert not sandbox.copy_file(4).exists()

        # A copy made before a schema upgrade is made again from the template when opened.
        await sandbox.dispose()
        stale = Database(f"sqlite+aiosqlite:///{sandbox.copy_file(1)}")
        async with stale.write() as session:
            await session.execute(sa.text("UPDATE alembic_version SET version_num = 'old'"))
        await stale.dispose()
        sandbox = Sandbox(settings)
        reopened = await sandbox.copy_for(1, create=False)
        assert reopened is not None
        async with reopened.db.read() as session:
            version = await session.scalar(sa.text("SELECT version_num FROM alembic_version"))
        assert version not in {None, "old"}

        # Unused for 40 days: removed with its evidence; the others stay.
        old = clock.now().timestamp() - 40 * 86_400
        os.utime(sandbox.copy_file(2), (old, old))
        assert await sandbox.prune(30) == [2]
        assert not sandbox.copy_file(2).exists()
        assert not (sandbox.copies_dir / "2").exists()
        assert sandbox.copy_file(1).exists()
        assert sandbox.copy_file(3).exists()
        assert await sandbox.copy_for(2, create=False) is None
    finally:
        await sandbox.dispose()
    # The command: refuses a nonsense age, removes nothing recent.
    assert cmd_latihan_prune(settings, argparse.Namespace(days=0)) == 2
    command = asyncio.to_thread(cmd_latihan_prune, settings, argparse.Namespace(days=30))
    assert await command == 0  # the command runs its own event loop
    assert sandbox.copy_file(1).exists()


# ---------------------------------------------------------------- PostgreSQL per-person copies

_PG_DEFAULT = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"


def _pg_server_url() -> str:
    """The PostgreSQL server the tests may create databases on: that of KINERJA_TEST_DATABASE_URL
    when it is PostgreSQL, else the local one."""
    found = os.environ.get("KINERJA_TEST_DATABASE_URL", "")
    return found if found.startswith("postgresql") else _PG_DEFAULT


def _pg_url(database: str) -> str:
    url = sa.engine.make_url(_pg_server_url()).set(database=database)
    return url.render_as_string(hide_password=False)


async def _pg_admin(sql: str, **params: object) -> list[Any]:
    engine = create_async_engine(
        _pg_url("postgres"),
        poolclass=NullPool,
        isolation_level="AUTOCOMMIT",
        connect_args={"timeout": 3},
    )
    try:
        async with engine.connect() as conn:
            result = await conn.execute(sa.text(sql), params)
            return list(result.all()) if result.returns_rows else []
    finally:
        await engine.dispose()


async def _pg_databases(prefix: str) -> list[str]:
    rows = await _pg_admin("SELECT datname FROM pg_database ORDER BY datname")
    return [str(name) for (name,) in rows if str(name).startswith(prefix)]


async def _drop_copies(template: str) -> None:
    """Every database made from the template (each test starts and ends without any)."""
    for made in await _pg_databases(f"{template}_"):
        await _pg_admin(f'DROP DATABASE IF EXISTS "{made}" WITH (FORCE)')


@dataclasses.dataclass(frozen=True)
class PgTemplate:
    name: str
    url: str
    data: Path  # the template's data folder: personas.json and the demo's evidence


@pytest.fixture(scope="session")
def pg_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PgTemplate]:
    """A uniquely named template database on the PostgreSQL server, seeded with the smallest
    demo once; every database made from it (``<name>_p<id>``, …) is dropped at the end, also
    after a failure. Skipped when no PostgreSQL server answers."""
    try:
        asyncio.run(_pg_admin("SELECT 1"))
    except (OSError, sa.exc.DBAPIError) as exc:
        where = sa.engine.make_url(_pg_server_url())  # printed without its password
        pytest.skip(f"PostgreSQL is not reachable at {where}: {exc}")
    name = f"kinerja_latihan_t{os.getpid()}_{secrets.token_hex(3)}"
    data = tmp_path_factory.mktemp("pg-sandbox")
    settings = Settings(data_dir=data, sandbox_database_url=_pg_url(name), sandbox_employees=50)

    async def seed() -> None:
        await _pg_admin(f'CREATE DATABASE "{name}"')
        sandbox = Sandbox(settings)
        try:
            await sandbox.ensure_ready()
        finally:
            await sandbox.dispose()

    async def drop_all() -> None:
        for made in await _pg_databases(name):
            await _pg_admin(f'DROP DATABASE IF EXISTS "{made}" WITH (FORCE)')

    try:
        asyncio.run(seed())
        yield PgTemplate(name, _pg_url(name), data / "latihan")
    finally:
        asyncio.run(drop_all())


async def _first_employee_name(url: str) -> str:
    db = Database(url)
    try:
        async with db.read() as s:
            return str(await s.scalar(sa.text("SELECT name FROM employee ORDER BY id LIMIT 1")))
    finally:
        await db.dispose()


async def _rename_first_employee(url: str, name: str) -> None:
    db = Database(url)
    try:
        async with db.write() as s:
            await s.execute(
                sa.text("UPDATE employee SET name = :n WHERE id = (SELECT min(id) FROM employee)"),
                {"n": name},
            )
    finally:
        await db.dispose()


async def test_postgres_copies_are_per_person(
    pg_template: PgTemplate, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each account gets its own database copied by PostgreSQL from the template; a reset of one
    keeps the other; prune drops only the stale copies; names come from ids only."""
    shutil.copytree(pg_template.data, tmp_path / "latihan")
    settings = Settings(
        data_dir=tmp_path, sandbox_database_url=pg_template.url, sandbox_open_copies=2
    )
    tpl = pg_template.name
    sandbox = Sandbox(settings)
    assert sandbox.per_person
    assert sandbox.copy_database(7) == f"{tpl}_p7"
    assert sandbox.copy_settings(7).database_url == _pg_url(f"{tpl}_p7")
    assert sandbox.copy_settings(7).evidence_dir == tmp_path / "latihan/sandbox/7/evidence"
    for bad in (0, -1, True, "7", "../7", 7.0, "7; DROP DATABASE postgres"):
        with pytest.raises(ValueError, match="not an account id"):
            sandbox.copy_database(bad)  # type: ignore[arg-type]
    original = await _first_employee_name(pg_template.url)
    await _drop_copies(tpl)
    try:
        started = time.perf_counter()
        one = await sandbox.copy_for(1, create=True)
        print(f"\nPostgreSQL copy of the template: {time.perf_counter() - started:.2f} s")
        two = await sandbox.copy_for(2, create=True)
        assert one is not None
        assert two is not None
        assert await _pg_databases(tpl) == [tpl, f"{tpl}_p1", f"{tpl}_p2"]
        assert await sandbox.copy_for(3, create=False) is None  # none is made without create
        assert await _pg_databases(tpl) == [tpl, f"{tpl}_p1", f"{tpl}_p2"]

        # Two people apart: a change in one copy is in neither the other nor the template.
        await _rename_first_employee(one.settings.database_url, "Latihan Satu")
        await _rename_first_employee(two.settings.database_url, "Latihan Dua")
        assert await _first_employee_name(one.settings.database_url) == "Latihan Satu"
        assert await _first_employee_name(two.settings.database_url) == "Latihan Dua"
        assert await _first_employee_name(pg_template.url) == original

        # Reset of 1: its copy is the template again; 2's practice is untouched.
        real = Actor(account_id=1, login="staf", client_address=None)
        started = time.perf_counter()
        await sandbox.reset(real, client_address=None)
        print(f"PostgreSQL reset (drop + copy): {time.perf_counter() - started:.2f} s")
        one = await sandbox.copy_for(1, create=False)
        assert one is not None
        assert await _first_employee_name(one.settings.database_url) == original
        assert await _first_employee_name(two.settings.database_url) == "Latihan Dua"
        events = "SELECT count(*) FROM audit_event WHERE action = 'latihan.reset'"
        assert await count(one.settings.database_url, events) == 1
        assert await count(two.settings.database_url, events) == 0

        # Two first practices at once, one of them asked for three times: each their own copy.
        made = await asyncio.gather(
            sandbox.copy_for(3, create=True),
            sandbox.copy_for(4, create=True),
            sandbox.copy_for(4, create=True),
            sandbox.copy_for(4, create=True),
        )
        assert all(found is made[1] for found in made[1:])
        assert made[0] is not None
        assert made[0].db is not made[1].db  # type: ignore[union-attr]
        assert sandbox.open_copies == 2  # the least recently used engines were closed
        assert await _pg_databases(tpl) == [tpl] + [f"{tpl}_p{i}" for i in (1, 2, 3, 4)]

        # Someone connected to the template: PostgreSQL refuses the copy; after the retries a
        # clear SandboxBusy, and no half-made copy is left.
        monkeypatch.setattr("server.services.sandbox.PG_COPY_ATTEMPTS", 1)
        holder = Database(pg_template.url)
        try:
            async with holder.read() as s:
                await s.execute(sa.text("SELECT 1"))
                with pytest.raises(SandboxBusy, match="coba lagi"):
                    await sandbox.copy_for(5, create=True)
        finally:
            await holder.dispose()
        assert f"{tpl}_p5" not in await _pg_databases(tpl)
        assert await sandbox.copy_for(5, create=True) is not None  # free again: copied

        # Prune: copy 2 unused for 40 days (its last use is its database comment), and a
        # database that only looks like a copy: only copy 2 goes, with its evidence folder.
        old = int(clock.now().timestamp()) - 40 * 86_400
        await _pg_admin(f"COMMENT ON DATABASE \"{tpl}_p2\" IS 'latihan-last-use:{old}'")
        await _pg_admin(f'CREATE DATABASE "{tpl}_pextra"')
        await _pg_admin(f'CREATE DATABASE "{tpl}_p02"')
        assert (sandbox.copies_dir / "2").is_dir()
        other_process = Sandbox(settings)  # as `kinerja latihan-prune` would
        try:
            assert await other_process.prune(30) == [2]
        finally:
            await other_process.dispose()
        assert await _pg_databases(tpl) == [
            tpl,
            f"{tpl}_p02",
            f"{tpl}_p1",
            f"{tpl}_p3",
            f"{tpl}_p4",
            f"{tpl}_p5",
            f"{tpl}_pextra",
        ]
        assert not (sandbox.copies_dir / "2").exists()
        # This process kept 2 open: once its use is due to be recorded again it checks the
        # database and finds it gone; it makes a new copy only on a real start.
        assert await sandbox.copy_for(2, create=False) is None
        sandbox._touched[5] = float("-inf")  # an hour passed: checked, still there, kept
        five = sandbox._open.get(5)
        assert await sandbox.copy_for(5, create=False) is five
        assert await sandbox.prune(30) == []  # the rest were used just now
        # The command uses the same code: nothing recent is removed.
        from server.cli import cmd_latihan_prune

        command = asyncio.to_thread(cmd_latihan_prune, settings, argparse.Namespace(days=30))
        assert await command == 0
        assert f"{tpl}_p1" in await _pg_databases(tpl)
    finally:
        await sandbox.dispose()
        await _drop_copies(tpl)


def test_postgres_template_names_are_checked(tmp_path: Path) -> None:
    """Copies are made only of a template whose name is a plain identifier short enough for
    "<name>_p<id>"; any other name keeps one shared sandbox."""
    for name in ("kinerja_latihan", "Latihan-2", "_x"):
        url = f"postgresql+asyncpg://u@h/{name}"
        sandbox = Sandbox(Settings(data_dir=tmp_path, sandbox_database_url=url))
        assert sandbox.per_person, name
        assert sandbox.copy_database(12) == f"{name}_p12"
        assert sandbox.copy_settings(12).database_url == f"postgresql+asyncpg://u@h/{name}_p12"
    for name in ("a" * 50, "x y", 'x"y', "x;y", "1abc", "l\u00e4tihan", "x%2F"):
        raw = sa.engine.URL.create("postgresql+asyncpg", "u", None, "h", None, name)
        settings = Settings(data_dir=tmp_path, sandbox_database_url=raw.render_as_string())
        assert not Sandbox(settings).per_person, name


async def test_postgres_sandbox_over_http(
    settings: Settings, db: Database, small_org: SmallOrg, pg_template: PgTemplate
) -> None:
    """The whole practice flow with a PostgreSQL sandbox: two people apart, a reset of one keeps
    the other's practice, and a practice cookie opens only its own person's copy."""
    pg_settings = dataclasses.replace(settings, sandbox_database_url=pg_template.url)
    shutil.copytree(pg_template.data, pg_settings.data_dir / "latihan")
    application = create_app(pg_settings, db)
    await _drop_copies(pg_template.name)
    try:
        async with lifespan(application):
            sandbox: Sandbox = application.state.sandbox
            async with _client(application, "10.0.0.1") as a, _client(application, "10.0.0.2") as b:
                real_before = await _both_practising(a, b, settings.database_url)
                id_a = await account_id(settings, "staf")
                id_b = await account_id(settings, "staf2")
                assert a.cookies[SANDBOX_COOKIE].startswith(f"{id_a}.")
                assert f"{pg_template.name}_p{id_a}" in await _pg_databases(pg_template.name)
                assert (await gql(a, TOUR_DONE))["data"]["setTourCompleted"]["errors"] == []
                assert await _tour_done(a) is True
                assert await _tour_done(b) is False

                # A's cookie carried by B: refused, and B's own practice is unchanged.
                cookie_b = b.cookies[SANDBOX_COOKIE]
                b.cookies.set(SANDBOX_COOKIE, a.cookies[SANDBOX_COOKIE])
                response = await b.post("/api/graphql", json={"query": ONBOARDING})
                assert response.status_code == 401
                b.cookies.set(SANDBOX_COOKIE, cookie_b)
                assert await _tour_done(b) is False

                # B resets: B's copy is fresh, A's practice survives.
                assert (await gql(b, TOUR_DONE))["data"]["setTourCompleted"]["errors"] == []
                reset = await b.post("/auth/latihan/reset", json={})
                assert reset.status_code == 200, reset.text
                b.cookies.delete(SANDBOX_COOKIE)  # the hand-set one beside the new one
                b.cookies.set(SANDBOX_COOKIE, reset.cookies[SANDBOX_COOKIE])
                assert await _tour_done(b) is False
                assert await _tour_done(a) is True
                url_b = sandbox.copy_settings(id_b).database_url
                reset_events = "SELECT count(*) FROM audit_event WHERE action = 'latihan.reset'"
                assert await count(url_b, reset_events) == 1
                assert await count(sandbox.copy_settings(id_a).database_url, reset_events) == 0
                assert await fingerprint(settings.database_url) == real_before
    finally:
        await _drop_copies(pg_template.name)


async def test_a_busy_template_is_answered_503(
    client: httpx.AsyncClient,
    sandboxed: Settings,
    small_org: SmallOrg,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The template could not be copied (PostgreSQL: another process is connected to it): the
    person is told to try again shortly, no practice cookie is set and nothing is left."""

    async def busy(self: Sandbox, account_id: int) -> None:
        raise SandboxBusy("Templat latihan sedang dipakai proses lain; coba lagi sebentar lagi.")

    monkeypatch.setattr(Sandbox, "_make_copy", busy)
    assert (await login(client, "staf")).status_code == 200
    real_before = await fingerprint(sandboxed.database_url)
    for path in ("/auth/latihan", "/auth/latihan/reset"):
        response = await client.post(path, json={"persona": "pegawai"})
        assert response.status_code == 503, (path, response.text)
        assert response.headers["retry-after"] == "30"
        assert response.json()["error"]["code"] == "SANDBOX_BUSY"
        assert "coba lagi" in response.json()["error"]["message"]
        assert SANDBOX_COOKIE not in client.cookies
    assert not (sandboxed.data_dir / "latihan" / "sandbox").exists()
    assert await fingerprint(sandboxed.database_url) == real_before


async def test_a_stale_copy_waiting_for_a_busy_template_is_answered_503(
    app: Starlette,
    client: httpx.AsyncClient,
    sandboxed: Settings,
    small_org: SmallOrg,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A copy made before a schema upgrade is made again on the person's next request; when the
    template is held by another process then, that request is told to retry (503), as starting
    practice is, and the copy and the real database stay as they were."""
    assert (await login(client, "staf")).status_code == 200
    assert (await start(client)).status_code == 200
    sandbox: Sandbox = app.state.sandbox
    staf = await account_id(sandboxed, "staf")
    copy_before = await fingerprint(await copy_url(sandboxed, "staf"))
    real_before = await fingerprint(sandboxed.database_url)

    async def busy(self: Sandbox, account_id: int) -> None:
        raise SandboxBusy("Templat latihan sedang dipakai proses lain; coba lagi sebentar lagi.")

    template_revision = sandbox._revision

    async def revision_of(db: Database) -> str | None:
        # The template is at the new revision; every copy is still at the old one.
        return template_revision if db is sandbox.db else "older-revision"

    await sandbox._close(staf)  # as in another worker, or after the copy was evicted
    monkeypatch.setattr(Sandbox, "_make_copy", busy)
    monkeypatch.setattr(Sandbox, "_revision_of", staticmethod(revision_of))
    response = await client.post("/api/graphql", json={"query": WHO})
    assert response.status_code == 503, response.text
    assert response.headers["retry-after"] == "30"
    assert response.json()["error"]["code"] == "SANDBOX_BUSY"
    assert await fingerprint(await copy_url(sandboxed, "staf")) == copy_before
    assert await fingerprint(sandboxed.database_url) == real_before

    # Once the template is free again the copy is made afresh and practice goes on.
    monkeypatch.undo()
    body = await gql(client, WHO)
    assert body["data"]["practiceMode"] is True
