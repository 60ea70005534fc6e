"""Login, logout and session lookup, with login throttling that cannot be turned against a user.

Failed logins are recorded (``login_failure``: the normalised login, the client address, when)
and counted over a window, three ways:

- **per (account, address)**: an address that failed ``login_max_failures_per_account_address``
  times for one account waits ``login_lockout_seconds`` before it may try that account again;
- **per address**: an address that failed ``login_max_failures_per_address`` times over all
  accounts (one address guessing many accounts) waits before it may try again an account it has
  already failed; an account it has *not* failed is only slowed down (the delay below, counted
  from the address's failures over the limit). Refusing those too would let one person behind an
  office's shared address lock all their colleagues out by failing twenty times;
- **per account**, from every address: past ``login_max_failures_per_account`` failures each
  attempt on the account is only *slowed down*, by a delay that doubles with every failure up to
  ``login_max_delay_seconds``. It never refuses.

So whoever knows a NIP cannot lock its owner out: an address without recent failures for the
account is never refused for it, and the right password from it opens a session (at worst after
the capped delay). The attacker's own address is the one that is refused. A successful login
clears the failures of that account from that address only, so it does not reset the attacker's
count. The rows live in the database, so several workers throttle as one.

An attempt is recorded (``pending``) before its password check and settled after it. In flight
it counts for its account and pair, not yet for its address's limit over all accounts: forty
people of one office behind one address logging in at 07:30 are not refused because of each
other's attempts (measured by tests/bench/month_end_load.py). Guesses sent at once at one
account still count at once.
"""

from __future__ import annotations

import asyncio
import hashlib
import math
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server import clock
from server.config import Settings
from server.db.engine import Database
from server.db.models import AccountRole, LoginFailure, LoginSession, UserAccount
from server.domain.audit_actions import AuditAction
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.passwords import verify_password

SESSION_COOKIE = "kinerja_session"
MAX_LOGIN_LENGTH = 64
# The first delay once the per-account ceiling is reached; it doubles with each further failure.
FIRST_DELAY_SECONDS = 0.25

Sleep = Callable[[float], Awaitable[None]]


class LoginRejected(Exception):
    """Unknown login, wrong password or inactive account: deliberately one answer for all."""


@dataclass(frozen=True)
class LoginThrottled(Exception):
    retry_after_seconds: int


@dataclass(frozen=True)
class IssuedSession:
    token: str
    expires_at: datetime


@dataclass(frozen=True)
class ThrottleState:
    """What the recorded failures say about one attempt."""

    wait_seconds: int  # > 0: refused, try again after this many seconds
    delay_seconds: float  # slow the attempt down by this much before checking the password


def normalise_login(raw: str) -> str:
    """Logins compare case-insensitively; a NIP typed with spaces still matches."""
    login = raw.strip().lower()
    if login.replace(" ", "").isdigit():
        login = login.replace(" ", "")
    return login


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_session(
    session: AsyncSession,
    account_id: int,
    lifetime_minutes: int,
    *,
    client_address: str | None,
    user_agent: str | None,
) -> IssuedSession:
    """A new session of the account (a login, or a practice session in a sandbox copy); only
    the token's hash is stored."""
    token = secrets.token_urlsafe(32)
    expires_at = clock.now() + timedelta(minutes=lifetime_minutes)
    session.add(
        LoginSession(
            token_hash=hash_token(token),
            account_id=account_id,
            expires_at=expires_at,
            client_address=client_address,
            user_agent=(user_agent or "")[:300] or None,
        )
    )
    return IssuedSession(token=token, expires_at=expires_at)


def slowdown_seconds(failures: int, settings: Settings, ceiling: int | None = None) -> float:
    """The delay of an attempt: none below the ceiling (by default the per-account one), then
    doubling with every failure over it, capped at ``login_max_delay_seconds``."""
    over = failures - (settings.login_max_failures_per_account if ceiling is None else ceiling)
    if over < 0 or settings.login_max_delay_seconds <= 0:
        return 0.0
    return float(min(settings.login_max_delay_seconds, FIRST_DELAY_SECONDS * 2 ** min(over, 32)))


async def throttle_state(
    db: Database, settings: Settings, login_key: str, address: str, *, before_id: int | None = None
) -> ThrottleState:
    """Seconds to wait (refused) and seconds to slow down, for an attempt on ``login_key`` from
    ``address``. A limit is reached when the window holds that many failures; the wait runs from
    the last of them. With ``before_id``, only failures recorded before that one count."""
    now = clock.now()
    since = now - timedelta(seconds=settings.login_failure_window_seconds)
    lockout = timedelta(seconds=settings.login_lockout_seconds)
    recent = [LoginFailure.occurred_at >= since]
    if before_id is not None:
        recent.append(LoginFailure.id < before_id)
    is_account = LoginFailure.login_key == login_key
    is_address = LoginFailure.client_address == address
    # Attempts still being checked count for their account and pair (concurrent guesses at one
    # account), not for the address over all accounts: people logging in together from one
    # office address are not refused because of each other's attempts in flight.
    settled_at_address = is_address & LoginFailure.pending.is_(False)
    count = sa.func.count()
    query = sa.select(
        count.filter(is_account & is_address),
        sa.func.max(LoginFailure.occurred_at).filter(is_account & is_address),
        count.filter(settled_at_address),
        sa.func.max(LoginFailure.occurred_at).filter(settled_at_address),
        count.filter(is_account),
    ).where(*recent, is_account | is_address)
    async with db.read() as session:
        pair, pair_last, by_address, address_last, by_account = (await session.execute(query)).one()

    def lockout_left(failures: int, last: datetime | None, limit: int) -> int:
        if failures < limit or last is None:
            return 0
        last_at = last if last.tzinfo else last.replace(tzinfo=now.tzinfo)
        # Round up, and only while the lockout lasts: int() + 1 would report "1 s" for up to a
        # second after the lockout has ended and refuse a login that is allowed.
        return max(0, math.ceil((last_at + lockout - now).total_seconds()))

    wait = lockout_left(pair, pair_last, settings.login_max_failures_per_account_address)
    delay = slowdown_seconds(int(by_account), settings)
    address_limit = settings.login_max_failures_per_address
    if lockout_left(by_address, address_last, address_limit):
        if pair:  # an account this address has failed: it waits
            wait = max(wait, lockout_left(by_address, address_last, address_limit))
        else:  # an account it has not failed: slowed down, never refused
            delay = max(delay, slowdown_seconds(int(by_address), settings, address_limit))
    return ThrottleState(wait, delay)


async def _reserve_attempt(
    db: Database, settings: Settings, login_key: str, address: str
) -> tuple[int, ThrottleState]:
    """Record the attempt as a failure *before* the slow password check, so that guesses sent
    at the same moment count against the limits (a check before and a record after let all of
    them through). A successful login deletes it again.

    Returns the reserved row's id and the state computed from the attempts recorded before it;
    when that state refuses, the reservation is deleted again (a refused attempt is not a
    failure: it does not extend the lockout).
    """
    async with db.write() as session:
        attempt = LoginFailure(
            login_key=login_key, client_address=address, occurred_at=clock.now(), pending=True
        )
        session.add(attempt)
        await session.flush()
        attempt_id = attempt.id
    state = await throttle_state(db, settings, login_key, address, before_id=attempt_id)
    if state.wait_seconds > 0:
        async with db.write() as session:
            await session.execute(sa.delete(LoginFailure).where(LoginFailure.id == attempt_id))
    return attempt_id, state


async def login(
    db: Database,
    settings: Settings,
    *,
    login: str,
    password: str,
    client_address: str,
    user_agent: str | None = None,
    sleep: Sleep = asyncio.sleep,
) -> IssuedSession:
    """Check the credentials and open a session. Raises LoginRejected or LoginThrottled.

    ``sleep`` waits out the per-account slowdown (tests pass a recorder)."""
    normalised = normalise_login(login)
    # The key fits the failure table's column; the lookup uses the whole login, so a longer
    # login that merely starts with an account's name is not that account.
    login_key = normalised[:MAX_LOGIN_LENGTH]
    state = await throttle_state(db, settings, login_key, client_address)
    if state.wait_seconds > 0:
        raise LoginThrottled(state.wait_seconds)
    attempt_id, state = await _reserve_attempt(db, settings, login_key, client_address)
    if state.wait_seconds > 0:
        raise LoginThrottled(state.wait_seconds)
    if state.delay_seconds > 0:
        await sleep(state.delay_seconds)

    async with db.read() as session:
        account = (
            await session.scalars(sa.select(UserAccount).where(UserAccount.login == normalised))
        ).one_or_none()
    stored_hash = account.password_hash if account is not None and account.active else None
    if not await verify_password(stored_hash, password):
        async with db.write() as session:  # the reserved attempt is now a failure
            await session.execute(
                sa.update(LoginFailure)
                .where(LoginFailure.id == attempt_id)
                .values(pending=False)
                .execution_options(synchronize_session=False)
            )
        raise LoginRejected
    assert account is not None

    actor = Actor(account_id=account.id, login=account.login, client_address=client_address)
    async with db.write() as session:
        issued = add_session(
            session,
            account.id,
            settings.session_lifetime_minutes,
            client_address=client_address,
            user_agent=user_agent,
        )
        # Only this address's failures for this account: clearing the others would give
        # whoever is guessing from elsewhere a fresh allowance each time the owner logs in.
        await session.execute(
            sa.delete(LoginFailure).where(
                LoginFailure.login_key == login_key, LoginFailure.client_address == client_address
            )
        )
        await session.execute(
            sa.update(UserAccount)
            .where(UserAccount.id == account.id)
            .values(last_login_at=clock.now())
            .execution_options(synchronize_session=False)
        )
        await record_event(session, actor, AuditAction.AUTH_LOGIN, "user_account", account.id)
    return issued


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
                    LoginSession.expires_at > clock.now(),
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
        live.revoked_at = clock.now()
        account = await session.get(UserAccount, live.account_id)
        actor = Actor(
            account_id=live.account_id,
            login=account.login if account else "?",
            client_address=client_address,
        )
        await record_event(session, actor, AuditAction.AUTH_LOGOUT, "user_account", live.account_id)
    return True


async def revoke_sessions_of(db: Database, account_id: int) -> int:
    """Used when an account is deactivated or its password changes."""
    async with db.write() as session:
        result = await session.execute(
            sa.update(LoginSession)
            .where(LoginSession.account_id == account_id, LoginSession.revoked_at.is_(None))
            .values(revoked_at=clock.now())
        )
    return int(getattr(result, "rowcount", 0) or 0)
