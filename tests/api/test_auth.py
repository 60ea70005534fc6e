"""Authentication over HTTP: POST /auth/login and /auth/logout, the session cookie, throttling
per account and per client address, no user enumeration, expiry, revocation."""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import re
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from starlette.applications import Starlette

from server import clock
from server.app import create_app
from server.config import Settings
from server.db.engine import Database
from server.db.models import LoginFailure, LoginSession, UserAccount
from server.db.models.audit import AuditEvent
from server.services import auth, passwords
from server.services.actor import system_actor
from server.services.errors import ServiceError
from server.services.organisation import accounts
from tests.conftest import PASSWORD, SmallOrg, gql, lifespan, login

ME = "query { me { login } }"
WRONG = "kata-sandi-yang-salah-1"


# --- helpers -------------------------------------------------------------------------------


def _client(
    app: Starlette, address: str = "10.1.2.3", base_url: str = "http://testserver"
) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 4321))
    return httpx.AsyncClient(transport=transport, base_url=base_url)


async def _count(db: Database, model: Any, *where: Any) -> int:
    async with db.read() as session:
        return int(
            (
                await session.execute(sa.select(sa.func.count()).select_from(model).where(*where))
            ).scalar_one()
        )


async def _sessions(db: Database, account_id: int) -> list[LoginSession]:
    async with db.read() as session:
        return list(
            (
                await session.scalars(
                    sa.select(LoginSession).where(LoginSession.account_id == account_id)
                )
            ).all()
        )


async def _age_failures(db: Database, seconds: int, *where: Any) -> None:
    """Move recorded failures back in time (instead of sleeping)."""
    async with db.write() as session:
        rows = (await session.scalars(sa.select(LoginFailure).where(*where))).all()
        for row in rows:
            row.occurred_at = row.occurred_at - timedelta(seconds=seconds)


async def _me(client: httpx.AsyncClient) -> httpx.Response:
    return await client.post("/api/graphql", json={"query": ME})


def _set_cookie_header(response: httpx.Response) -> str:
    headers = response.headers.get_list("set-cookie")
    assert len(headers) == 1, headers
    return headers[0]


class SleepRecorder:
    """Stands in for ``asyncio.sleep`` in the login slowdown: records each delay asked for."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)
        await asyncio.sleep(0)


@pytest.fixture
async def strict_app(settings: Settings, db: Database) -> AsyncIterator[Starlette]:
    """Low limits: 3 failures per account and address, 5 per address, slowdown from 4 failures
    of one account (anywhere), 60 s lockout; the slowdown is recorded, not slept."""
    tight = dataclasses.replace(
        settings,
        login_max_failures_per_account_address=3,
        login_max_failures_per_address=5,
        login_max_failures_per_account=4,
        login_max_delay_seconds=2,
        login_lockout_seconds=60,
        login_failure_window_seconds=900,
    )
    application = create_app(tight, db)
    application.state.login_sleep = SleepRecorder()
    async with lifespan(application):
        yield application


# --- successful login ----------------------------------------------------------------------


async def test_login_sets_an_httponly_lax_session_cookie_and_opens_a_session(
    client: httpx.AsyncClient, small_org: SmallOrg, db: Database, settings: Settings
) -> None:
    before = clock.now()
    response = await login(client, "staf")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["ok"] is True
    expires_at = datetime.fromisoformat(body["expiresAt"])
    lifetime = timedelta(minutes=settings.session_lifetime_minutes)
    assert before + lifetime - timedelta(seconds=5) <= expires_at <= clock.now() + lifetime

    cookie = _set_cookie_header(response)
    assert cookie.startswith(f"{auth.SESSION_COOKIE}=")
    lowered = cookie.lower()
    assert "httponly" in lowered
    assert "samesite=lax" in lowered
    assert "path=/" in lowered
    assert f"max-age={settings.session_lifetime_minutes * 60}" in lowered
    assert "secure" not in lowered  # plain http in this test

    token = response.cookies[auth.SESSION_COOKIE]
    assert len(token) >= 32
    rows = await _sessions(db, small_org.ids["acc:staf"])
    assert len(rows) == 1
    # Only the hash of the token is stored.
    assert rows[0].token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert rows[0].token_hash != token
    assert rows[0].revoked_at is None
    assert rows[0].client_address == "10.1.2.3"
    assert abs((rows[0].expires_at - expires_at).total_seconds()) < 1

    me = await gql(client, ME)
    assert me == {"data": {"me": {"login": "staf"}}}


async def test_login_records_an_audit_event_and_last_login(
    client: httpx.AsyncClient, small_org: SmallOrg, db: Database
) -> None:
    assert (await login(client, "kabid")).status_code == 200
    account_id = small_org.ids["acc:kabid"]
    async with db.read() as session:
        events = (
            await session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "auth.login"))
        ).all()
        account = await session.get(UserAccount, account_id)
    assert [(e.object_type, e.object_id, e.client_address) for e in events] == [
        ("user_account", str(account_id), "10.1.2.3")
    ]
    assert account is not None
    assert account.last_login_at is not None


async def test_login_is_case_insensitive_and_trims_spaces(
    client: httpx.AsyncClient, small_org: SmallOrg
) -> None:
    response = await login(client, "  StAf  ")
    assert response.status_code == 200, response.text
    assert (await gql(client, ME))["data"]["me"]["login"] == "staf"


async def test_cookie_is_secure_over_https(app: Starlette, small_org: SmallOrg) -> None:
    async with _client(app, base_url="https://testserver") as https_client:
        response = await login(https_client, "staf")
    assert response.status_code == 200
    assert "secure" in _set_cookie_header(response).lower()


async def test_secure_cookies_setting_forces_secure_over_http(
    settings: Settings, db: Database, small_org: SmallOrg
) -> None:
    application = create_app(dataclasses.replace(settings, secure_cookies=True), db)
    async with lifespan(application), _client(application) as c:
        response = await login(c, "staf")
    assert response.status_code == 200
    assert "secure" in _set_cookie_header(response).lower()


async def test_two_logins_give_two_independent_sessions(
    app: Starlette, small_org: SmallOrg, db: Database
) -> None:
    async with _client(app) as first, _client(app, "10.5.5.5") as second:
        assert (await login(first, "staf")).status_code == 200
        assert (await login(second, "staf")).status_code == 200
        assert first.cookies[auth.SESSION_COOKIE] != second.cookies[auth.SESSION_COOKIE]
        assert (await first.post("/auth/logout", json={})).status_code == 204
        assert (await _me(first)).status_code == 401
        assert (await gql(second, ME))["data"]["me"]["login"] == "staf"
    assert len(await _sessions(db, small_org.ids["acc:staf"])) == 2


# --- rejected logins: one answer, nothing opened ----------------------------------------------


async def test_unknown_user_and_wrong_password_get_the_same_answer(
    client: httpx.AsyncClient, small_org: SmallOrg, db: Database
) -> None:
    wrong_password = await login(client, "staf", WRONG)
    unknown_user = await login(client, "tidak-ada", PASSWORD)
    assert wrong_password.status_code == unknown_user.status_code == 401
    assert wrong_password.json() == unknown_user.json()
    assert wrong_password.json()["error"]["code"] == "INVALID_CREDENTIALS"
    assert "salah" in wrong_password.json()["error"]["message"]
    assert "set-cookie" not in wrong_password.headers
    assert "set-cookie" not in unknown_user.headers
    assert await _count(db, LoginSession) == 0
    # Both failures are recorded for throttling, keyed by the normalised login.
    async with db.read() as session:
        keys = sorted((await session.scalars(sa.select(LoginFailure.login_key))).all())
    assert keys == ["staf", "tidak-ada"]


async def test_deactivated_account_gets_the_same_answer_as_a_wrong_password(
    client: httpx.AsyncClient, small_org: SmallOrg, db: Database
) -> None:
    await accounts.update_account(
        db, system_actor("test"), small_org.ids["acc:staf2"], accounts.AccountChanges(active=False)
    )
    deactivated = await login(client, "staf2", PASSWORD)
    wrong = await login(client, "staf", WRONG)
    assert deactivated.status_code == 401
    assert deactivated.json() == wrong.json()
    assert await _count(db, LoginSession) == 0


async def test_deactivating_an_account_revokes_its_sessions(
    client: httpx.AsyncClient, small_org: SmallOrg, db: Database
) -> None:
    assert (await login(client, "staf")).status_code == 200
    assert (await _me(client)).status_code == 200
    await accounts.update_account(
        db, system_actor("test"), small_org.ids["acc:staf"], accounts.AccountChanges(active=False)
    )
    response = await _me(client)
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    rows = await _sessions(db, small_org.ids["acc:staf"])
    assert [r.revoked_at is not None for r in rows] == [True]


async def test_password_change_revokes_sessions_and_only_the_new_password_works(
    app: Starlette, small_org: SmallOrg, db: Database
) -> None:
    new_password = "kata-sandi-baru-456"
    async with _client(app) as c, _client(app, "10.7.7.7") as other:
        assert (await login(c, "kabid")).status_code == 200
        assert (await login(other, "kabid")).status_code == 200
        await accounts.update_account(
            db,
            system_actor("test"),
            small_org.ids["acc:kabid"],
            accounts.AccountChanges(password=new_password),
        )
        assert (await _me(c)).status_code == 401
        assert (await _me(other)).status_code == 401
        assert all(
            r.revoked_at is not None for r in await _sessions(db, small_org.ids["acc:kabid"])
        )
        assert (await login(c, "kabid", PASSWORD)).status_code == 401
        assert (await login(c, "kabid", new_password)).status_code == 200
        assert (await gql(c, ME))["data"]["me"]["login"] == "kabid"


async def test_role_change_alone_keeps_sessions(
    client: httpx.AsyncClient, small_org: SmallOrg, db: Database
) -> None:
    from server.domain.enums import Role

    assert (await login(client, "auditor")).status_code == 200
    await accounts.update_account(
        db,
        system_actor("test"),
        small_org.ids["acc:auditor"],
        accounts.AccountChanges(roles=frozenset({Role.AUDITOR, Role.HR_ADMIN})),
    )
    assert (await _me(client)).status_code == 200


@pytest.mark.parametrize(
    ("content", "headers", "fragment"),
    [
        (b'{"login": "staf", "password": "x"}', {"content-type": "text/plain"}, "application/json"),
        (
            b"login=staf&password=x",
            {"content-type": "application/x-www-form-urlencoded"},
            "application/json",
        ),
        (b"{not json", {"content-type": "application/json"}, "JSON"),
        (b'["staf", "x"]', {"content-type": "application/json"}, "objek JSON"),
        (b'{"login": "staf"}', {"content-type": "application/json"}, "kata sandi"),
        (b'{"login": "   ", "password": "x"}', {"content-type": "application/json"}, "kata sandi"),
        (b'{"login": 5, "password": "x"}', {"content-type": "application/json"}, "kata sandi"),
        (b'{"login": "staf", "password": ""}', {"content-type": "application/json"}, "kata sandi"),
    ],
)
async def test_malformed_login_requests_are_refused_with_400(
    client: httpx.AsyncClient,
    small_org: SmallOrg,
    db: Database,
    content: bytes,
    headers: dict[str, str],
    fragment: str,
) -> None:
    response = await client.post("/auth/login", content=content, headers=headers)
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"] == "BAD_REQUEST"
    assert fragment.lower() in error["message"].lower()
    assert "set-cookie" not in response.headers
    assert await _count(db, LoginSession) == 0
    assert await _count(db, LoginFailure) == 0  # a malformed request is not a password guess


async def test_overlong_credentials_are_refused_without_a_session(
    client: httpx.AsyncClient, small_org: SmallOrg, db: Database
) -> None:
    too_long_login = await client.post(
        "/auth/login", json={"login": "a" * 201, "password": PASSWORD}
    )
    assert too_long_login.status_code == 400
    too_long_password = await client.post(
        "/auth/login", json={"login": "staf", "password": "p" * 1_001}
    )
    assert too_long_password.status_code == 400
    # Longer than the password policy allows but within the request limit: simply wrong.
    long_password = await client.post("/auth/login", json={"login": "staf", "password": "p" * 900})
    assert long_password.status_code == 401
    assert await _count(db, LoginSession) == 0


async def test_login_body_over_the_limit_is_refused_with_413(
    client: httpx.AsyncClient, small_org: SmallOrg, db: Database
) -> None:
    response = await client.post(
        "/auth/login", json={"login": "staf", "password": PASSWORD, "padding": "x" * 5_000}
    )
    assert response.status_code == 413
    assert "set-cookie" not in response.headers
    assert await _count(db, LoginSession) == 0


async def test_login_route_refuses_get(client: httpx.AsyncClient, small_org: SmallOrg) -> None:
    response = await client.get("/auth/login", params={"login": "staf", "password": PASSWORD})
    assert response.status_code in {404, 405}
    assert "set-cookie" not in response.headers


# --- throttling ----------------------------------------------------------------------------


def _retry_after(response: httpx.Response) -> int:
    assert response.status_code == 429, response.text
    seconds = int(response.headers["retry-after"])
    body = response.json()["error"]
    assert body["code"] == "TOO_MANY_ATTEMPTS"
    assert body["retryAfter"] == seconds
    match = re.search(r"Coba lagi dalam (\d+) detik", body["message"])
    assert match is not None, body["message"]
    assert int(match.group(1)) == seconds
    return seconds


async def test_account_is_throttled_after_repeated_failures_even_with_the_right_password(
    strict_app: Starlette, small_org: SmallOrg, db: Database
) -> None:
    async with _client(strict_app) as c:
        for _ in range(3):
            assert (await login(c, "staf", WRONG)).status_code == 401
        throttled = await login(c, "staf", PASSWORD)
        seconds = _retry_after(throttled)
        assert 55 <= seconds <= 60
        assert "set-cookie" not in throttled.headers
        assert await _count(db, LoginSession) == 0
        # A throttled attempt is not another failure: the lockout is not extended by it.
        assert await _count(db, LoginFailure) == 3
        # Other accounts from the same address are not affected by this account's lock.
        assert (await login(c, "staf2")).status_code == 200


async def test_failures_from_one_address_never_lock_the_owner_out(
    strict_app: Starlette, small_org: SmallOrg, db: Database
) -> None:
    """The old rule (N failures from anywhere lock the account) let anyone who knows a NIP keep
    its owner out. Now the guessing address is refused, the owner's is not."""
    async with (
        _client(strict_app, "10.1.1.1") as attacker,
        _client(strict_app, "10.2.2.2") as owner,
    ):
        for _ in range(3):
            assert (await login(attacker, "kabid", WRONG)).status_code == 401
        _retry_after(await login(attacker, "kabid", PASSWORD))  # the guesser waits, even right
        ok = await login(owner, "kabid", PASSWORD)
        assert ok.status_code == 200, ok.text
    sessions = await _sessions(db, small_org.ids["acc:kabid"])
    assert [s.client_address for s in sessions] == ["10.2.2.2"]
    # The owner's login cleared nothing of the guesser's record: it stays refused.
    assert await _count(db, LoginFailure, LoginFailure.client_address == "10.1.1.1") == 3


async def test_lock_ends_after_the_lockout_and_success_clears_the_failures(
    strict_app: Starlette, small_org: SmallOrg, db: Database
) -> None:
    async with _client(strict_app) as c:
        for _ in range(3):
            await login(c, "staf", WRONG)
        _retry_after(await login(c, "staf", PASSWORD))
        # Half the lockout has passed: still locked, with about half the wait left.
        await _age_failures(db, 30)
        seconds = _retry_after(await login(c, "staf", PASSWORD))
        assert 25 <= seconds <= 31
        # The lockout has passed.
        await _age_failures(db, 31)
        ok = await login(c, "staf", PASSWORD)
        assert ok.status_code == 200, ok.text
        assert await _count(db, LoginFailure, LoginFailure.login_key == "staf") == 0
        assert len(await _sessions(db, small_org.ids["acc:staf"])) == 1


async def test_wait_is_never_reported_after_the_lockout_has_ended(
    strict_app: Starlette, small_org: SmallOrg, db: Database
) -> None:
    async with _client(strict_app) as c:
        for _ in range(3):
            await login(c, "staf", WRONG)
        # Just past the end of the lockout (by a fraction of a second): the login must go through.
        await _age_failures(db, 60)
        async with db.write() as session:
            rows = (await session.scalars(sa.select(LoginFailure))).all()
            for row in rows:
                row.occurred_at = row.occurred_at - timedelta(milliseconds=300)
        response = await login(c, "staf", PASSWORD)
        assert response.status_code == 200, response.text


async def test_failures_outside_the_window_do_not_count(
    strict_app: Starlette, small_org: SmallOrg, db: Database
) -> None:
    async with _client(strict_app) as c:
        for _ in range(2):
            await login(c, "staf", WRONG)
        await _age_failures(db, 901)  # older than the 15-minute window
        await login(c, "staf", WRONG)
        assert (await login(c, "staf", PASSWORD)).status_code == 200


async def test_unknown_accounts_are_throttled_like_known_ones(
    strict_app: Starlette, small_org: SmallOrg
) -> None:
    """No enumeration through the throttle either: the 4th try answers 429 for both."""
    async with _client(strict_app, "10.3.3.3") as a, _client(strict_app, "10.4.4.4") as b:
        for _ in range(3):
            assert (await login(a, "staf", WRONG)).status_code == 401
            assert (await login(b, "hantu", WRONG)).status_code == 401
        known = await login(a, "staf", WRONG)
        unknown = await login(b, "hantu", WRONG)
    assert known.status_code == unknown.status_code == 429
    assert known.json()["error"]["code"] == unknown.json()["error"]["code"]


async def test_throttle_keys_on_the_normalised_login(
    strict_app: Starlette, small_org: SmallOrg
) -> None:
    async with _client(strict_app) as c:
        for variant in ("STAF", " staf", "Staf "):
            assert (await login(c, variant, WRONG)).status_code == 401
        _retry_after(await login(c, "staf", PASSWORD))


async def test_client_address_is_throttled_across_accounts(
    strict_app: Starlette, small_org: SmallOrg, db: Database
) -> None:
    recorder: SleepRecorder = strict_app.state.login_sleep
    async with _client(strict_app, "10.6.6.6") as guesser, _client(strict_app, "10.8.8.8") as other:
        # Five different accounts, one wrong password each: no account reaches its limit ...
        for name in ("hantu1", "hantu2", "hantu3", "hantu4", "hantu5"):
            assert (await login(guesser, name, WRONG)).status_code == 401
        assert recorder.delays == []
        # ... but the address has: an account it already failed now waits ...
        seconds = _retry_after(await login(guesser, "hantu1", WRONG))
        assert 55 <= seconds <= 60
        # ... and one it has not failed is slowed down, never refused: the right password from
        # an address without failures for that account always works (issue 8: a colleague
        # behind the office's shared address cannot lock everyone out by failing twenty times).
        assert (await login(guesser, "kadis", PASSWORD)).status_code == 200
        assert recorder.delays == [0.25]  # the first delay, counted from the address's failures
        # A wrong guess at a new account is slowed down too, and that account then waits ...
        assert (await login(guesser, "hantu6", WRONG)).status_code == 401
        _retry_after(await login(guesser, "hantu6", PASSWORD))
        # ... and every failure over the limit doubles the delay for the next new account.
        assert (await login(guesser, "hantu7", WRONG)).status_code == 401
        assert recorder.delays == [0.25, 0.25, 0.5]
        # Another address is untouched.
        assert (await login(other, "kadis", PASSWORD)).status_code == 200
        assert recorder.delays == [0.25, 0.25, 0.5]
        # After the lockout the address may try its failed accounts again.
        await _age_failures(db, 61, LoginFailure.client_address == "10.6.6.6")
        assert (await login(guesser, "hantu1", WRONG)).status_code == 401
    sessions = await _sessions(db, small_org.ids["acc:kadis"])
    assert sorted(s.client_address or "" for s in sessions) == ["10.6.6.6", "10.8.8.8"]


async def test_ten_wrong_passwords_with_default_limits_change_nothing(
    client: httpx.AsyncClient, small_org: SmallOrg, db: Database, settings: Settings
) -> None:
    statuses = [(await login(client, "sekda", WRONG)).status_code for _ in range(10)]
    limit = settings.login_max_failures_per_account_address
    assert statuses == [401] * limit + [429] * (10 - limit)
    assert await _count(db, LoginSession) == 0
    async with db.read() as session:
        account = await session.get(UserAccount, small_org.ids["acc:sekda"])
    assert account is not None
    assert account.active is True
    assert account.last_login_at is None


async def test_a_hundred_wrong_passwords_from_one_address_do_not_stop_the_owner(
    app: Starlette, small_org: SmallOrg, db: Database, settings: Settings
) -> None:
    recorder = SleepRecorder()
    app.state.login_sleep = recorder
    limit = settings.login_max_failures_per_account_address
    async with _client(app, "10.66.0.1") as attacker, _client(app, "10.2.0.2") as owner:
        statuses = [(await login(attacker, "kadis", WRONG)).status_code for _ in range(100)]
        assert statuses == [401] * limit + [429] * (100 - limit)
        # The attacker's address is refused, even with the right password ...
        _retry_after(await login(attacker, "kadis", PASSWORD))
        # ... the owner's is not.
        ok = await login(owner, "kadis", PASSWORD)
        assert ok.status_code == 200, ok.text
        assert (await _me(owner)).json()["data"]["me"]["login"] == "kadis"
    # Refused attempts are not failures: the record holds what was actually tried.
    assert await _count(db, LoginFailure) == limit
    assert recorder.delays == []  # 5 failures stay under the per-account ceiling (10)


async def test_the_account_ceiling_slows_attempts_down_and_never_refuses(
    strict_app: Starlette, small_org: SmallOrg, db: Database
) -> None:
    """Guesses spread over many addresses (one each) pass every per-address limit; past the
    per-account ceiling (4) each attempt on the account waits longer, up to the cap (2 s)."""
    recorder: SleepRecorder = strict_app.state.login_sleep
    for n in range(10):
        async with _client(strict_app, f"10.9.0.{n + 1}") as guesser:
            assert (await login(guesser, "staf", WRONG)).status_code == 401
    # Failures before each attempt: 0 1 2 3 → no delay; 4 → 0.25 s, 5 → 0.5, 6 → 1, then 2, 2, 2.
    assert recorder.delays == [0.25, 0.5, 1.0, 2.0, 2.0, 2.0]
    async with _client(strict_app, "10.2.2.2") as owner:
        ok = await login(owner, "staf", PASSWORD)
        assert ok.status_code == 200, ok.text  # slowed (2 s), never refused
    assert recorder.delays[-1] == 2.0
    assert len(await _sessions(db, small_org.ids["acc:staf"])) == 1
    # Other accounts are not slowed by it.
    async with _client(strict_app, "10.2.2.3") as other:
        assert (await login(other, "staf2")).status_code == 200
    assert len(recorder.delays) == 7


async def test_parallel_guesses_from_one_address_still_count(
    strict_app: Starlette, small_org: SmallOrg, db: Database
) -> None:
    async with _client(strict_app, "10.5.5.5") as c:
        answers = await asyncio.gather(*(login(c, "staf", WRONG) for _ in range(12)))
    statuses = sorted(a.status_code for a in answers)
    # Each attempt is recorded before its (slow) password check, so exactly the per-(account,
    # address) limit got through to a check; the rest were refused and left no record.
    assert statuses == [401] * 3 + [429] * 9
    assert await _count(db, LoginFailure) == 3


async def test_people_logging_in_together_from_one_address_are_not_refused(
    strict_app: Starlette, small_org: SmallOrg, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ten people of one office (one address; its limit is 5) log in at the same moment. Every
    attempt is recorded before its password check; in flight it must not count as a failure of
    the address, or the sixth would be refused by the others' attempts still being checked."""
    logins = ["sekda", "kadis", "kabid", "staf", "staf2", "kadis2", "hradmin", "auditor",
              "sysadmin", "manager"]  # fmt: skip
    checking = 0
    real_verify = passwords.verify_password  # the function auth imported

    async def held_until_all_check(password_hash: str | None, password: str) -> bool:
        nonlocal checking
        checking += 1
        for _ in range(300):  # every attempt is recorded and being checked at once
            if checking == len(logins):
                break
            await asyncio.sleep(0.01)
        return await real_verify(password_hash, password)

    monkeypatch.setattr(auth, "verify_password", held_until_all_check)
    async with _client(strict_app, "10.6.6.6") as office:
        answers = await asyncio.gather(*(login(office, name) for name in logins))
    assert [a.status_code for a in answers] == [200] * len(logins)
    assert checking == len(logins)
    assert await _count(db, LoginFailure) == 0
    # A wrong password is settled as a failure of the address and counts from then on.
    async with _client(strict_app, "10.6.6.6") as office:
        for name in logins[:5]:
            assert (await login(office, name, WRONG)).status_code == 401
        assert (await login(office, "staf")).status_code == 429
    async with db.read() as session:
        pending = (await session.scalars(sa.select(LoginFailure.pending))).all()
    assert pending == [False] * 5


@pytest.mark.parametrize(
    ("failures", "delay"),
    [(0, 0.0), (3, 0.0), (4, 0.25), (5, 0.5), (6, 1.0), (7, 2.0), (50, 2.0), (10**6, 2.0)],
)
def test_slowdown_doubles_from_the_ceiling_up_to_the_cap(
    settings: Settings, failures: int, delay: float
) -> None:
    tight = dataclasses.replace(
        settings, login_max_failures_per_account=4, login_max_delay_seconds=2
    )
    assert auth.slowdown_seconds(failures, tight) == delay
    assert (
        auth.slowdown_seconds(failures, dataclasses.replace(tight, login_max_delay_seconds=0)) == 0
    )


# --- logout --------------------------------------------------------------------------------


async def test_logout_revokes_the_session_and_clears_the_cookie(
    client: httpx.AsyncClient, small_org: SmallOrg, db: Database
) -> None:
    assert (await login(client, "staf")).status_code == 200
    token = client.cookies[auth.SESSION_COOKIE]
    response = await client.post("/auth/logout", json={})
    assert response.status_code == 204
    cleared = _set_cookie_header(response).lower()
    assert cleared.startswith(f"{auth.SESSION_COOKIE}=")
    assert "max-age=0" in cleared
    assert "httponly" in cleared
    rows = await _sessions(db, small_org.ids["acc:staf"])
    assert len(rows) == 1
    assert rows[0].revoked_at is not None
    async with db.read() as session:
        actions = (
            await session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.seq))
        ).all()
    assert actions[-1] == "auth.logout"

    # The old token, replayed by hand, is dead.
    replay = await client.post(
        "/api/graphql", json={"query": ME}, headers={"cookie": f"{auth.SESSION_COOKIE}={token}"}
    )
    assert replay.status_code == 401
    assert replay.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_logout_without_a_session_is_harmless(
    client: httpx.AsyncClient, small_org: SmallOrg, db: Database
) -> None:
    response = await client.post("/auth/logout", json={})
    assert response.status_code == 204
    unknown = await client.post(
        "/auth/logout", json={}, headers={"cookie": f"{auth.SESSION_COOKIE}=not-a-real-token"}
    )
    assert unknown.status_code == 204
    async with db.read() as session:
        actions = (await session.scalars(sa.select(AuditEvent.action))).all()
    assert "auth.logout" not in actions


async def test_logout_twice_audits_once(
    client: httpx.AsyncClient, small_org: SmallOrg, db: Database
) -> None:
    assert (await login(client, "staf")).status_code == 200
    token = client.cookies[auth.SESSION_COOKIE]
    assert (await client.post("/auth/logout", json={})).status_code == 204
    again = await client.post(
        "/auth/logout", json={}, headers={"cookie": f"{auth.SESSION_COOKIE}={token}"}
    )
    assert again.status_code == 204
    assert await _count(db, AuditEvent, AuditEvent.action == "auth.logout") == 1


async def test_logout_refuses_a_cross_site_form_post(
    client: httpx.AsyncClient, small_org: SmallOrg, db: Database
) -> None:
    assert (await login(client, "staf")).status_code == 200
    response = await client.post(
        "/auth/logout",
        content=b"x=1",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 400
    assert (await _me(client)).status_code == 200  # the session survived
    rows = await _sessions(db, small_org.ids["acc:staf"])
    assert rows[0].revoked_at is None


# --- the service layer directly -------------------------------------------------------------


async def test_authenticate_rejects_missing_unknown_and_oversized_tokens(
    db: Database, small_org: SmallOrg, settings: Settings
) -> None:
    issued = await auth.login(
        db, settings, login="staf", password=PASSWORD, client_address="1.2.3.4"
    )
    actor = await auth.authenticate(db, issued.token, "1.2.3.4")
    assert actor is not None
    assert actor.login == "staf"
    assert actor.employee_id == small_org.ids["emp:staf"]
    assert await auth.authenticate(db, None, None) is None
    assert await auth.authenticate(db, "", None) is None
    assert await auth.authenticate(db, issued.token + "x", None) is None
    assert await auth.authenticate(db, "x" * 5_000, None) is None


async def test_authenticate_carries_roles_and_managed_unit(
    db: Database, small_org: SmallOrg, settings: Settings
) -> None:
    from server.domain.enums import Role

    issued = await auth.login(
        db, settings, login="manager", password=PASSWORD, client_address="1.2.3.4"
    )
    actor = await auth.authenticate(db, issued.token, "1.2.3.4")
    assert actor is not None
    assert actor.roles == frozenset({Role.UNIT_MANAGER})
    assert actor.managed_unit_id == small_org.ids["DINAS"]
    assert actor.employee_id is None


async def test_service_login_raises_rejected_and_throttled(
    db: Database, small_org: SmallOrg, settings: Settings
) -> None:
    tight = dataclasses.replace(settings, login_max_failures_per_account_address=2)
    for _ in range(2):
        with pytest.raises(auth.LoginRejected):
            await auth.login(db, tight, login="staf", password=WRONG, client_address="1.1.1.1")
    with pytest.raises(auth.LoginThrottled) as caught:
        await auth.login(db, tight, login="staf", password=PASSWORD, client_address="1.1.1.1")
    assert 0 < caught.value.retry_after_seconds <= tight.login_lockout_seconds


def test_normalise_login() -> None:
    assert auth.normalise_login("  Budi.Santoso ") == "budi.santoso"
    assert auth.normalise_login("19860926 201505 1 001") == "198609262015051001"
    assert auth.normalise_login("budi santoso") == "budi santoso"  # spaces kept when not a NIP


# --- passwords ------------------------------------------------------------------------------


async def test_passwords_are_hashed_with_argon2id_and_verified() -> None:
    hashed = await passwords.hash_password("rahasia-sekali-123")
    assert hashed.startswith("$argon2id$")
    assert "rahasia" not in hashed
    assert await passwords.verify_password(hashed, "rahasia-sekali-123") is True
    assert await passwords.verify_password(hashed, "rahasia-sekali-124") is False
    assert await passwords.verify_password("not-a-hash", "rahasia-sekali-123") is False
    assert (
        await passwords.verify_password(hashed, "r" * (passwords.MAX_PASSWORD_LENGTH + 1)) is False
    )


async def test_unknown_user_never_verifies_even_with_the_dummy_password() -> None:
    assert await passwords.verify_password(None, "not-a-real-password-used-for-timing") is False
    assert await passwords.verify_password(None, PASSWORD) is False


async def test_password_hashing_runs_in_its_own_few_threads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Never on the event loop, and at most HASHING_THREADS at once per process: the other
    logins wait, the process's other requests keep going."""
    import asyncio
    import threading
    import time as _time

    real = passwords._hasher
    seen: list[str] = []
    running = 0
    most = 0
    lock = threading.Lock()

    class Counting:
        def _track(self, call: Any, *args: Any) -> Any:
            nonlocal running, most
            with lock:
                running += 1
                most = max(most, running)
                seen.append(threading.current_thread().name)
            try:
                _time.sleep(0.02)  # long enough for the others to pile up
                return call(*args)
            finally:
                with lock:
                    running -= 1

        def hash(self, password: str) -> str:
            return str(self._track(real.hash, password))

        def verify(self, hashed: str, password: str) -> bool:
            return bool(self._track(real.verify, hashed, password))

    monkeypatch.setattr(passwords, "_hasher", Counting())
    hashed = await passwords.hash_password("rahasia-sekali-123")
    results = await asyncio.gather(
        *(passwords.verify_password(hashed, "rahasia-sekali-123") for _ in range(6)),
        passwords.verify_password(None, "rahasia-sekali-123"),
    )
    assert results == [True] * 6 + [False]
    assert len(seen) == 8
    assert all(name.startswith("argon2") for name in seen)
    assert threading.main_thread().name not in seen
    assert most == passwords.HASHING_THREADS


@pytest.mark.parametrize("bad", ["pendek", "x" * 11, "y" * (passwords.MAX_PASSWORD_LENGTH + 1)])
async def test_password_policy_refuses_short_and_overlong_passwords(bad: str) -> None:
    with pytest.raises(ServiceError) as caught:
        await passwords.hash_password(bad)
    assert caught.value.field == "password"


async def test_a_login_longer_than_an_account_name_is_not_that_account(
    client: httpx.AsyncClient, small_org: SmallOrg, db: Database
) -> None:
    long_name = "p" * 64
    await accounts.create_account(
        db, system_actor("test"), accounts.AccountInput(long_name, PASSWORD)
    )
    assert (await login(client, long_name + "extra", PASSWORD)).status_code == 401
    assert await _count(db, LoginSession) == 0
    assert (await login(client, long_name, PASSWORD)).status_code == 200


async def test_a_very_long_user_agent_is_stored_truncated(
    client: httpx.AsyncClient, small_org: SmallOrg, db: Database
) -> None:
    response = await client.post(
        "/auth/login",
        json={"login": "staf", "password": PASSWORD},
        headers={"user-agent": "U" * 2_000},
    )
    assert response.status_code == 200, response.text
    rows = await _sessions(db, small_org.ids["acc:staf"])
    assert rows[0].user_agent == "U" * 300


async def test_concurrent_guesses_cannot_exceed_the_account_limit(
    strict_app: Starlette, small_org: SmallOrg, db: Database
) -> None:
    """Twenty guesses sent at once: the throttle must not be raced past while Argon2 runs."""
    import asyncio

    async with _client(strict_app) as c:
        responses = await asyncio.gather(
            *(login(c, "staf", f"tebakan-{i:04d}-xx") for i in range(20))
        )
    statuses = sorted(r.status_code for r in responses)
    assert statuses.count(401) <= 3, statuses
    assert set(statuses) <= {401, 429}
    assert await _count(db, LoginSession) == 0
