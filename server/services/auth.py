"""Login, logout and session lookup, with throttling per account and per client address."""

from __future__ import annotations

import hashlib
import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from server.config import Settings
from server.db.base import utcnow
from server.db.engine import Database
from server.db.models import AccountRole, LoginFailure, LoginSession, UserAccount
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.passwords import verify_password

SESSION_COOKIE = "kinerja_session"
MAX_LOGIN_LENGTH = 64


class LoginRejected(Exception):
    """Unknown login, wrong password or inactive account: deliberately one answer for all."""


@dataclass(frozen=True)
class LoginThrottled(Exception):
    retry_after_seconds: int


@dataclass(frozen=True)
class IssuedSession:
    token: str
    expires_at: datetime


def normalise_login(raw: str) -> str:
    """Logins compare case-insensitively; a NIP typed with spaces still matches."""
    login = raw.strip().lower()
    if login.replace(" ", "").isdigit():
        login = login.replace(" ", "")
    return login


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def _retry_after(
    db: Database, settings: Settings, login_key: str, address: str, *, before_id: int | None = None
) -> int:
    """Seconds to wait, or 0 when a login may be tried now.

    A limit is reached when the window holds that many failures; the wait runs from the last
    of them. With ``before_id``, only failures recorded before that one count.
    """
    now = utcnow()
    since = now - timedelta(seconds=settings.login_failure_window_seconds)
    lockout = timedelta(seconds=settings.login_lockout_seconds)
    waits = [0]
    async with db.read() as session:
        for column, value, limit in (
            (LoginFailure.login_key, login_key, settings.login_max_failures_per_account),
            (LoginFailure.client_address, address, settings.login_max_failures_per_address),
        ):
            query = sa.select(sa.func.count(), sa.func.max(LoginFailure.occurred_at)).where(
                column == value, LoginFailure.occurred_at >= since
            )
            if before_id is not None:
                query = query.where(LoginFailure.id < before_id)
            count, last = (await session.execute(query)).one()
            if count >= limit and last is not None:
                last_at = last if last.tzinfo else last.replace(tzinfo=now.tzinfo)
                # Round up, and only while the lockout lasts: int() + 1 would report "1 s" for up to
                # a second after the lockout has ended and refuse a login that is allowed.
                remaining = (last_at + lockout - now).total_seconds()
                if remaining > 0:
                    waits.append(math.ceil(remaining))
    return max(waits)


async def _reserve_attempt(db: Database, settings: Settings, login_key: str, address: str) -> int:
    """Record the attempt as a failure *before* the slow password check, so that guesses sent
    at the same moment count against the limits (a check before and a record after let all of
    them through). A successful login deletes it again.

    Returns 0, or the seconds to wait (with nothing recorded) when the attempts recorded just
    before this one already reached a limit.
    """
    async with db.write() as session:
        attempt = LoginFailure(login_key=login_key, client_address=address, occurred_at=utcnow())
        session.add(attempt)
        await session.flush()
        attempt_id = attempt.id
    wait = await _retry_after(db, settings, login_key, address, before_id=attempt_id)
    if wait > 0:
        async with db.write() as session:
            await session.execute(sa.delete(LoginFailure).where(LoginFailure.id == attempt_id))
    return wait


async def login(
    db: Database,
    settings: Settings,
    *,
    login: str,
    password: str,
    client_address: str,
    user_agent: str | None = None,
) -> IssuedSession:
    """Check the credentials and open a session. Raises LoginRejected or LoginThrottled."""
    normalised = normalise_login(login)
    # The key fits the failure table's column; the lookup uses the whole login, so a longer
    # login that merely starts with an account's name is not that account.
    login_key = normalised[:MAX_LOGIN_LENGTH]
    wait = await _retry_after(db, settings, login_key, client_address)
    if wait > 0:
        raise LoginThrottled(wait)
    wait = await _reserve_attempt(db, settings, login_key, client_address)
    if wait > 0:
        raise LoginThrottled(wait)

    async with db.read() as session:
        account = (
            await session.scalars(sa.select(UserAccount).where(UserAccount.login == normalised))
        ).one_or_none()
    stored_hash = account.password_hash if account is not None and account.active else None
    if not await verify_password(stored_hash, password):
        raise LoginRejected  # the reserved attempt stays recorded as the failure
    assert account is not None

    token = secrets.token_urlsafe(32)
    expires_at = utcnow() + timedelta(minutes=settings.session_lifetime_minutes)
    actor = Actor(account_id=account.id, login=account.login, client_address=client_address)
    async with db.write() as session:
        session.add(
            LoginSession(
                token_hash=hash_token(token),
                account_id=account.id,
                expires_at=expires_at,
                client_address=client_address,
                user_agent=(user_agent or "")[:300] or None,
            )
        )
        await session.execute(sa.delete(LoginFailure).where(LoginFailure.login_key == login_key))
        await session.execute(
            sa.update(UserAccount)
            .where(UserAccount.id == account.id)
            .values(last_login_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        await record_event(session, actor, "auth.login", "user_account", account.id)
    return IssuedSession(token=token, expires_at=expires_at)


async def authenticate(db: Database, token: str | None, client_address: str | None) -> Actor | None:
    """The actor behind a session token, or None if missing, unknown, expired or revoked."""
    if not token or len(token) > 200:
        return None
    async with db.read() as session:
        row = (
            await session.execute(
                sa.select(UserAccount)
                .join(LoginSession, LoginSession.account_id == UserAccount.id)
                .where(
                    LoginSession.token_hash == hash_token(token),
                    LoginSession.revoked_at.is_(None),
                    LoginSession.expires_at > utcnow(),
                    UserAccount.active.is_(True),
                )
            )
        ).scalar_one_or_none()
        if row is None:
            return None
        roles = (
            await session.scalars(
                sa.select(AccountRole.role).where(AccountRole.account_id == row.id)
            )
        ).all()
    return Actor(
        account_id=row.id,
        login=row.login,
        employee_id=row.employee_id,
        roles=frozenset(roles),
        managed_unit_id=row.managed_unit_id,
        client_address=client_address,
    )


async def logout(db: Database, token: str | None, client_address: str | None) -> bool:
    """Revoke the session. True if a live session was revoked."""
    if not token or len(token) > 200:
        return False
    async with db.write() as session:
        live = (
            await session.scalars(
                sa.select(LoginSession).where(
                    LoginSession.token_hash == hash_token(token), LoginSession.revoked_at.is_(None)
                )
            )
        ).one_or_none()
        if live is None:
            return False
        live.revoked_at = utcnow()
        account = await session.get(UserAccount, live.account_id)
        actor = Actor(
            account_id=live.account_id,
            login=account.login if account else "?",
            client_address=client_address,
        )
        await record_event(session, actor, "auth.logout", "user_account", live.account_id)
    return True


async def revoke_sessions_of(db: Database, account_id: int) -> int:
    """Used when an account is deactivated or its password changes."""
    async with db.write() as session:
        result = await session.execute(
            sa.update(LoginSession)
            .where(LoginSession.account_id == account_id, LoginSession.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )
    return int(getattr(result, "rowcount", 0) or 0)
