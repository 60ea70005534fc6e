"""Accounts and roles. Every employee is staff by default; roles add rights on top."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server.db.base import utcnow
from server.db.engine import Database
from server.db.models import AccountRole, Employee, Unit, UserAccount
from server.domain.enums import Role
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.auth import normalise_login, revoke_sessions_of
from server.services.errors import ErrorCode, ServiceError, not_found
from server.services.passwords import hash_password
from server.services.permissions import require_account_admin
from server.services.validation import UNSET, _Unset, check_version, invalid

LOGIN_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")


async def roles_of(session: AsyncSession, account_id: int) -> frozenset[Role]:
    rows = (
        await session.scalars(
            sa.select(AccountRole.role).where(AccountRole.account_id == account_id)
        )
    ).all()
    return frozenset(rows)


def _account_state(account: UserAccount, roles: frozenset[Role]) -> dict[str, Any]:
    # Never the password hash: the audit log is readable by auditors.
    return {
        "login": account.login,
        "active": account.active,
        "employee_id": account.employee_id,
        "managed_unit_id": account.managed_unit_id,
        "roles": sorted(r.value for r in roles),
    }


def _check_login(raw: str) -> str:
    login = normalise_login(raw)
    if not LOGIN_PATTERN.match(login):
        raise invalid(
            "login",
            "Nama pengguna 3–64 karakter: huruf kecil, angka, titik, garis bawah, tanda hubung "
            "(atau NIP 18 digit).",
        )
    return login


async def _check_manager_unit(
    session: AsyncSession, roles: frozenset[Role], unit_id: int | None
) -> None:
    if Role.UNIT_MANAGER in roles and unit_id is None:
        raise invalid("managedUnitId", "Pengelola kinerja unit harus memiliki unit yang dikelola.")
    if unit_id is not None and await session.get(Unit, unit_id) is None:
        raise invalid("managedUnitId", "Unit yang dikelola tidak ditemukan.")


@dataclass(frozen=True)
class AccountInput:
    login: str
    password: str
    roles: frozenset[Role] = frozenset()
    employee_id: int | None = None
    managed_unit_id: int | None = None


@dataclass(frozen=True)
class AccountChanges:
    roles: frozenset[Role] | _Unset = UNSET
    active: bool | _Unset = UNSET
    managed_unit_id: int | _Unset | None = UNSET
    password: str | _Unset = UNSET
    expected_version: int | None = None


async def create_account(db: Database, actor: Actor, data: AccountInput) -> UserAccount:
    require_account_admin(actor, data.roles)
    login = _check_login(data.login)
    password_hash = await hash_password(data.password)
    async with db.write() as session:
        if (
            await session.scalars(sa.select(UserAccount.id).where(UserAccount.login == login))
        ).first():
            raise ServiceError(
                ErrorCode.DUPLICATE, f"Nama pengguna {login} sudah dipakai.", "login"
            )
        if data.employee_id is not None:
            if await session.get(Employee, data.employee_id) is None:
                raise invalid("employeeId", "Pegawai tidak ditemukan.")
            taken = (
                await session.scalars(
                    sa.select(UserAccount.id).where(UserAccount.employee_id == data.employee_id)
                )
            ).first()
            if taken is not None:
                raise ServiceError(
                    ErrorCode.DUPLICATE, "Pegawai ini sudah memiliki akun.", "employeeId"
                )
        await _check_manager_unit(session, data.roles, data.managed_unit_id)
        account = UserAccount(
            login=login,
            password_hash=password_hash,
            active=True,
            employee_id=data.employee_id,
            managed_unit_id=data.managed_unit_id,
        )
        session.add(account)
        await session.flush()
        session.add_all(AccountRole(account_id=account.id, role=r) for r in sorted(data.roles))
        await record_event(
            session,
            actor,
            "account.create",
            "user_account",
            account.id,
            after=_account_state(account, data.roles),
        )
    return account


async def update_account(
    db: Database, actor: Actor, account_id: int, changes: AccountChanges
) -> UserAccount:
    new_roles = changes.roles if not isinstance(changes.roles, _Unset) else frozenset()
    new_hash = (
        None if isinstance(changes.password, _Unset) else await hash_password(changes.password)
    )
    revoke = False
    async with db.write() as session:
        account = await session.get(UserAccount, account_id)
        if account is None:
            raise not_found("Akun")
        current_roles = await roles_of(session, account.id)
        # Changing an account that already holds a higher role needs the rights to grant it.
        require_account_admin(actor, current_roles | new_roles)
        check_version(account.version, changes.expected_version, "Akun")
        before = _account_state(account, current_roles)
        # Checks below query the database: flushing half-applied changes there would write them
        # early (a second version bump, or a constraint error instead of a clear message).
        with session.no_autoflush:
            roles = current_roles
            if not isinstance(changes.roles, _Unset):
                roles = changes.roles
                await session.execute(
                    sa.delete(AccountRole).where(AccountRole.account_id == account.id)
                )
                session.add_all(AccountRole(account_id=account.id, role=r) for r in sorted(roles))
            if not isinstance(changes.managed_unit_id, _Unset):
                account.managed_unit_id = changes.managed_unit_id
            await _check_manager_unit(session, roles, account.managed_unit_id)
            if not isinstance(changes.active, _Unset):
                if not changes.active and account.id == actor.account_id:
                    raise invalid("active", "Anda tidak dapat menonaktifkan akun Anda sendiri.")
                revoke = account.active and not changes.active
                account.active = changes.active
            if new_hash is not None:
                account.password_hash = new_hash
                revoke = True
        after = _account_state(account, roles)
        if after != before or new_hash is not None:
            # Roles live in another table: touch the row so its version moves on every change
            # and a concurrent editor holding the old version gets a CONFLICT.
            account.updated_at = utcnow()
            await session.flush()
            await record_event(
                session,
                actor,
                "account.update",
                "user_account",
                account.id,
                before=before,
                after={**after, "password_changed": new_hash is not None},
            )
    if revoke:
        await revoke_sessions_of(db, account_id)
    return account
