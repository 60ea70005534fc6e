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
import shutil
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from server import clock
from server.config import Settings, SettingsError
from server.db.base import Base
from server.db.engine import Database
from server.services.auth import SESSION_COOKIE
from server.services.sandbox import SANDBOX_COOKIE, Sandbox
from tests.api.work import samples
from tests.conftest import SmallOrg, gql, login

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
    # A PostgreSQL sandbox stays one shared sandbox (per-person copies are SQLite-only).
    shared = Sandbox(Settings(data_dir=tmp_path, sandbox_database_url="postgresql+asyncpg://x/y"))
    assert not shared.per_person
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


async def _tour_done(client: httpx.AsyncClient) -> bool:
    body = await gql(client, ONBOARDING)
    assert body["data"]["practiceMode"] is True, body
    return bool(body["data"]["myOnboarding"]["tourCompleted"])


async def test_each_person_practises_in_their_own_copy(
    app: Any, sandboxed: Settings, small_org: SmallOrg, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A's practice changes are not seen by B; B's reset leaves A's practice as it was; two
    people resetting at the same moment each get their own fresh copy."""
    async with _client(app, "10.0.0.1") as a, _client(app, "10.0.0.2") as b:
        assert (await login(a, "staf")).status_code == 200
        assert (await login(b, "staf2")).status_code == 200
        real_before = await fingerprint(sandboxed.database_url)
        assert (await start(a)).status_code == 200
        assert (await start(b)).status_code == 200
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
        assert (await login(a, "staf")).status_code == 200
        assert (await login(b, "staf2")).status_code == 200
        real_before = await fingerprint(sandboxed.database_url)
        assert (await start(a)).status_code == 200
        assert (await start(b)).status_code == 200
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
