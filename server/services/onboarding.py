"""The guided first visit (tur pengenalan): whether an account has finished it.

Kept on the server, per account, so the tour follows a person across devices and browsers;
the portal asks ``tour_completed`` once per page load and shows the tour when it is False.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from server import clock
from server.db.engine import Database
from server.db.models import AccountOnboarding, UserAccount
from server.domain.audit_actions import AuditAction
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.auth import normalise_login
from server.services.errors import ErrorCode, ServiceError


async def tour_completed(db: Database, actor: Actor) -> bool:
    if actor.account_id is None:
        return True  # the system actor never sees a portal
    async with db.read() as session:
        done = await session.scalar(
            sa.select(AccountOnboarding.tour_completed_at).where(
                AccountOnboarding.account_id == actor.account_id
            )
        )
    return done is not None


async def set_tour_completed(db: Database, actor: Actor, completed: bool) -> bool:
    """Mark the actor's own tour finished (or skipped), or restart it (``completed=False``).

    Only ever the signed-in account's own flag: there is no account argument to abuse."""
    if actor.account_id is None:
        raise ServiceError(ErrorCode.FORBIDDEN, "Hanya akun yang masuk yang memiliki tur.")
    now = clock.now()
    async with db.write() as session:
        row = await session.get(AccountOnboarding, actor.account_id)
        before = row is not None and row.tour_completed_at is not None
        if before == completed:
            return completed  # nothing changes, nothing to record
        if row is None:
            row = AccountOnboarding(account_id=actor.account_id)
            session.add(row)
        row.tour_completed_at = now if completed else None
        row.updated_at = now
        await record_event(
            session,
            actor,
            AuditAction.ACCOUNT_TOUR_COMPLETED if completed else AuditAction.ACCOUNT_TOUR_RESTARTED,
            "user_account",
            actor.account_id,
            before={"tourCompleted": before},
            after={"tourCompleted": completed},
        )
    return completed


async def set_tour_for_accounts(
    db: Database, actor: Actor, logins: Sequence[str] | None, completed: bool
) -> int:
    """The command line's version: mark the tour done (or restart it) for the accounts
    ``logins`` (None: every account, e.g. after moving people who already know the portal).
    Returns how many accounts changed; an unknown login changes nothing and is an error."""
    now = clock.now()
    async with db.write() as session:
        query = sa.select(UserAccount.id)
        if logins is not None:
            wanted = sorted({normalise_login(login) for login in logins})
            query = query.where(UserAccount.login.in_(wanted))
        ids = sorted((await session.scalars(query)).all())
        if logins is not None and len(ids) != len(wanted):
            raise ServiceError(ErrorCode.NOT_FOUND, "Akun tidak ditemukan.", "logins")
        rows = {
            row.account_id: row
            for row in (
                await session.scalars(
                    sa.select(AccountOnboarding).where(AccountOnboarding.account_id.in_(ids))
                )
            ).all()
        }
        changed = []
        for account_id in ids:
            row = rows.get(account_id)
            if (row is not None and row.tour_completed_at is not None) == completed:
                continue
            if row is None:
                row = AccountOnboarding(account_id=account_id)
                session.add(row)
            row.tour_completed_at = now if completed else None
            row.updated_at = now
            changed.append(account_id)
        if changed:
            await record_event(
                session,
                actor,
                AuditAction.ACCOUNT_TOUR_COMPLETED
                if completed
                else AuditAction.ACCOUNT_TOUR_RESTARTED,
                "user_account",
                changed[0] if len(changed) == 1 else None,
                after={"accounts": changed, "tourCompleted": completed},
            )
    return len(changed)
