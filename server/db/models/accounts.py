"""Accounts, roles, server-side sessions and the login-failure record used for throttling."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from server import clock
from server.db.base import Base, TimestampMixin, UtcDateTime, enum_column
from server.domain.enums import Role


class UserAccount(TimestampMixin, Base):
    """A login. Linked to an employee for staff; system accounts have no employee."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(sa.String(64), unique=True)  # stored lower-case
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    active: Mapped[bool] = mapped_column(default=True)
    employee_id: Mapped[int | None] = mapped_column(sa.ForeignKey("employee.id"), unique=True)
    managed_unit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("unit.id"))
    last_login_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class AccountRole(Base):
    """One granted role of an account."""

    __tablename__ = "account_role"

    account_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[Role] = mapped_column(enum_column(Role, name="role"), primary_key=True)


class LoginSession(Base):
    """A server-side session. Only the SHA-256 of the token is stored."""

    __tablename__ = "login_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    account_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    client_address: Mapped[str | None] = mapped_column(sa.String(64))
    user_agent: Mapped[str | None] = mapped_column(sa.String(300))


class LoginFailure(Base):
    """A failed login. Kept in the database so several workers throttle as one."""

    __tablename__ = "login_failure"

    id: Mapped[int] = mapped_column(primary_key=True)
    login_key: Mapped[str] = mapped_column(sa.String(64), index=True)
    client_address: Mapped[str] = mapped_column(sa.String(64), index=True)
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now, index=True)
    # An attempt whose password check is still running (migration 0018): it counts for its
    # account and its (account, address) pair, not for its address's limit over all accounts.
    pending: Mapped[bool] = mapped_column(default=False, server_default=sa.false())


class AccountOnboarding(Base):
    """Where an account is in the portal's introduction (migration 0029). No row: a fresh
    account that has not finished (or skipped) the guided first visit. Kept apart from
    ``user_account`` so finishing the tour does not bump the account's version under an
    administrator editing it."""

    __tablename__ = "account_onboarding"

    account_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    tour_completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now)
