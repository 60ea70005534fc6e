"""Accounts and roles. Every employee is staff by default; roles add rights on top."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server import clock
from server.db.engine import Database
from server.db.models import AccountRole, Employee, LoginSession, Unit, UserAccount
from server.domain.audit_actions import AuditAction
from server.domain.enums import Role
from server.domain.officials import OFFICIAL_ROLES
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.auth import normalise_login, revoke_sessions_of
from server.services.errors import ErrorCode, ServiceError, forbidden, not_found
from server.services.organisation.directory import search_employees
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
    session: AsyncSession,
    roles: frozenset[Role],
    unit_id: int | None,
    employee_id: int | None = None,
) -> None:
    if Role.UNIT_MANAGER in roles and unit_id is None:
        raise invalid("managedUnitId", "Pengelola kinerja unit harus memiliki unit yang dikelola.")
    unit = await session.get(Unit, unit_id) if unit_id is not None else None
    if unit_id is not None and unit is None:
        raise invalid("managedUnitId", "Unit yang dikelola tidak ditemukan.")
    if roles & OFFICIAL_ROLES:
        # The Wali Kota and the Wakil are not ASN: no employee record, linked to the instansi.
        if employee_id is not None or Role.UNIT_MANAGER in roles:
            raise invalid(
                "roles",
                "Kepala Daerah dan Wakil Kepala Daerah bukan pegawai ASN: akunnya tanpa data "
                "pegawai dan tanpa peran pengelola unit.",
            )
        if unit is None or unit.parent_id is not None:
            raise invalid("managedUnitId", "Akun Kepala Daerah terhubung ke unit akar instansi.")


@dataclass(frozen=True)
class AccountInput:
    login: str
    password: str
    roles: frozenset[Role] = frozenset()
    employee_id: int | None = None
    managed_unit_id: int | None = None


async def _check_employee_free(
    session: AsyncSession, employee_id: int, account_id: int | None
) -> None:
    """The employee exists and no other account is theirs (one account per person)."""
    if await session.get(Employee, employee_id) is None:
        raise invalid("employeeId", "Pegawai tidak ditemukan.")
    taken = (
        await session.scalars(
            sa.select(UserAccount.id).where(
                UserAccount.employee_id == employee_id, UserAccount.id != (account_id or 0)
            )
        )
    ).first()
    if taken is not None:
        raise ServiceError(ErrorCode.DUPLICATE, "Pegawai ini sudah memiliki akun.", "employeeId")


@dataclass(frozen=True)
class AccountChanges:
    roles: frozenset[Role] | _Unset = UNSET
    active: bool | _Unset = UNSET
    managed_unit_id: int | _Unset | None = UNSET
    employee_id: int | _Unset | None = UNSET
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
            await _check_employee_free(session, data.employee_id, None)
        await _check_manager_unit(session, data.roles, data.managed_unit_id, data.employee_id)
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
            AuditAction.ACCOUNT_CREATE,
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
            if not isinstance(changes.employee_id, _Unset):
                if changes.employee_id is not None:
                    await _check_employee_free(session, changes.employee_id, account.id)
                # Open sessions acted as the previous person: they end with the change.
                revoke = revoke or account.employee_id != changes.employee_id
                account.employee_id = changes.employee_id
            await _check_manager_unit(session, roles, account.managed_unit_id, account.employee_id)
            if not isinstance(changes.active, _Unset):
                if not changes.active and account.id == actor.account_id:
                    raise invalid("active", "Anda tidak dapat menonaktifkan akun Anda sendiri.")
                revoke = revoke or (account.active and not changes.active)
                account.active = changes.active
            if new_hash is not None:
                account.password_hash = new_hash
                revoke = True
        after = _account_state(account, roles)
        if after != before or new_hash is not None:
            # Roles live in another table: touch the row so its version moves on every change
            # and a concurrent editor holding the old version gets a CONFLICT.
            account.updated_at = clock.now()
            await session.flush()
            await record_event(
                session,
                actor,
                AuditAction.ACCOUNT_UPDATE,
                "user_account",
                account.id,
                before=before,
                after={**after, "password_changed": new_hash is not None},
            )
    if revoke:
        await revoke_sessions_of(db, account_id)
    return account


# ---------------------------------------------------------------- the administrator's screen

MAX_SEARCH = 100


def require_sysadmin(actor: Actor) -> None:
    """Listing every account and ending sessions is the system administrator's job only."""
    if actor.is_system or actor.has(Role.SYSADMIN):
        return
    raise forbidden("Hanya admin sistem yang boleh melihat daftar akun dan mengakhiri sesi.")


@dataclass(frozen=True)
class AccountRow:
    account: UserAccount
    roles: frozenset[Role]
    employee_name: str | None
    employee_nip: str | None
    open_sessions: int


async def list_accounts(
    db: Database, actor: Actor, *, search: str | None, offset: int, limit: int
) -> tuple[list[AccountRow], int]:
    """Accounts by login, with roles, the linked employee and open sessions: four statements
    whatever the page size."""
    require_sysadmin(actor)
    stmt = sa.select(UserAccount, Employee.name, Employee.nip).outerjoin(
        Employee, Employee.id == UserAccount.employee_id
    )
    # Control characters never occur in logins, names or NIPs; SQLite would end the pattern at
    # a NUL and match everything.
    text = "".join(c for c in (search or "") if c.isprintable()).strip()[:MAX_SEARCH].lower()
    if text:
        stmt = stmt.where(
            sa.or_(
                sa.func.lower(UserAccount.login).contains(text, autoescape=True),
                sa.func.lower(Employee.name).contains(text, autoescape=True),
                Employee.nip.contains(text, autoescape=True),
            )
        )
    now = clock.now()
    async with db.read() as session:
        total = (
            await session.execute(sa.select(sa.func.count()).select_from(stmt.subquery()))
        ).scalar_one()
        rows = (
            await session.execute(stmt.order_by(UserAccount.login).offset(offset).limit(limit))
        ).all()
        ids = [r[0].id for r in rows]
        roles: dict[int, set[Role]] = {i: set() for i in ids}
        sessions: dict[int, int] = {}
        if ids:
            for account_id, role in (
                await session.execute(
                    sa.select(AccountRole.account_id, AccountRole.role).where(
                        AccountRole.account_id.in_(ids)
                    )
                )
            ).all():
                roles[account_id].add(role)
            for account_id, count in (
                await session.execute(
                    sa.select(LoginSession.account_id, sa.func.count())
                    .where(
                        LoginSession.account_id.in_(ids),
                        LoginSession.revoked_at.is_(None),
                        LoginSession.expires_at > now,
                    )
                    .group_by(LoginSession.account_id)
                )
            ).all():
                sessions[account_id] = int(count)
    return [
        AccountRow(
            account=account,
            roles=frozenset(roles[account.id]),
            employee_name=name,
            employee_nip=nip,
            open_sessions=sessions.get(account.id, 0),
        )
        for account, name, nip in rows
    ], int(total)


async def revoke_account_sessions(db: Database, actor: Actor, account_id: int) -> UserAccount:
    """Sign an account out everywhere (a lost phone, a shared computer); recorded in the log."""
    require_sysadmin(actor)
    now = clock.now()
    async with db.write() as session:
        account = await session.get(UserAccount, account_id)
        if account is None:
            raise not_found("Akun")
        result = await session.execute(
            sa.update(LoginSession)
            .where(LoginSession.account_id == account_id, LoginSession.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        await record_event(
            session,
            actor,
            AuditAction.ACCOUNT_REVOKE_SESSIONS,
            "user_account",
            account.id,
            after={
                "login": account.login,
                "sessions_ended": int(getattr(result, "rowcount", 0) or 0),
            },
        )
    return account


# ---------------------------------------------------------------- linking an account to a person

MAX_CANDIDATES = 20


@dataclass(frozen=True)
class EmployeeCandidate:
    employee_id: int
    name: str
    nip: str
    account_login: str | None  # the account already linked to this person, if any


async def employee_candidates(
    db: Database, actor: Actor, search: str, *, limit: int
) -> list[EmployeeCandidate]:
    """Employees by name or NIP prefix for the account forms, with the account each already has:
    whoever manages accounts sees the NIPs they need to tell people of the same name apart."""
    require_account_admin(actor)
    text = "".join(c for c in search if c.isprintable()).strip()[:MAX_SEARCH]
    if not text:
        return []
    async with db.read() as session:
        page = await search_employees(
            session,
            day=clock.today(),
            search=text,
            unit_ids=None,
            offset=0,
            limit=max(1, min(limit, MAX_CANDIDATES)),
        )
        ids = [e.id for e in page.employees]
        logins = dict(
            (
                await session.execute(
                    sa.select(UserAccount.employee_id, UserAccount.login).where(
                        UserAccount.employee_id.in_(ids)
                    )
                )
            ).all()
        )
    return [EmployeeCandidate(e.id, e.name, e.nip, logins.get(e.id)) for e in page.employees]
