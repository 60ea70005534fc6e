"""Who may change what. Decided here, in the service layer, for every write."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from server.domain.enums import Role
from server.services.actor import Actor
from server.services.errors import forbidden
from server.services.organisation.directory import load_unit_tree


async def require_org_write(session: AsyncSession, actor: Actor, unit_id: int | None) -> None:
    """BKPSDM changes everything; a unit manager only inside their own unit's subtree."""
    if actor.is_system or actor.has(Role.HR_ADMIN):
        return
    if actor.has(Role.UNIT_MANAGER) and actor.managed_unit_id is not None and unit_id is not None:
        tree = await load_unit_tree(session)
        if tree.is_within(unit_id, actor.managed_unit_id):
            return
    raise forbidden(
        "Hanya Admin BKPSDM atau pengelola kinerja unit ini yang boleh mengubah data ini."
    )


def require_hr_admin(actor: Actor, message: str) -> None:
    """BKPSDM (or the system) alone."""
    if actor.is_system or actor.has(Role.HR_ADMIN):
        return
    raise forbidden(message)


def require_account_admin(actor: Actor, granted_roles: frozenset[Role] = frozenset()) -> None:
    """SYSADMIN manages every account; BKPSDM may grant only the HR-side roles."""
    if actor.is_system or actor.has(Role.SYSADMIN):
        return
    if actor.has(Role.HR_ADMIN) and granted_roles <= {Role.HR_ADMIN, Role.UNIT_MANAGER}:
        return
    raise forbidden("Anda tidak berwenang mengelola akun ini atau memberikan peran ini.")


def require_audit_reader(actor: Actor) -> None:
    if actor.is_system or actor.has(Role.AUDITOR, Role.SYSADMIN, Role.HR_ADMIN):
        return
    raise forbidden("Hanya auditor, Admin BKPSDM dan admin sistem yang boleh membaca log audit.")
