"""Who may read and change survey data: BKPSDM everywhere, unit managers in their own subtree.

Auditors read everything and change nothing; other staff and system administrators have no
business with survey administration (a citizen's comment is not theirs to read).
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from server.domain.enums import Role
from server.services.actor import Actor
from server.services.errors import forbidden
from server.services.organisation.directory import load_unit_tree

READ_DENIED = (
    "Hanya Admin BKPSDM, auditor atau pengelola kinerja unit yang boleh membaca data survei."
)
WRITE_DENIED = "Hanya Admin BKPSDM atau pengelola kinerja unit ini yang boleh mengubah data survei."


async def readable_units(session: AsyncSession, actor: Actor) -> set[int] | None:
    """Units whose survey data the actor may read: None means every unit."""
    if actor.is_system or actor.has(Role.HR_ADMIN, Role.AUDITOR):
        return None
    if actor.has(Role.UNIT_MANAGER) and actor.managed_unit_id is not None:
        tree = await load_unit_tree(session)
        return tree.subtree(actor.managed_unit_id)
    raise forbidden(READ_DENIED)


async def require_read(session: AsyncSession, actor: Actor, unit_id: int) -> None:
    units = await readable_units(session, actor)
    if units is not None and unit_id not in units:
        raise forbidden(READ_DENIED)


async def require_write(session: AsyncSession, actor: Actor, unit_id: int) -> None:
    if actor.is_system or actor.has(Role.HR_ADMIN):
        return
    if actor.has(Role.UNIT_MANAGER) and actor.managed_unit_id is not None:
        tree = await load_unit_tree(session)
        if tree.is_within(unit_id, actor.managed_unit_id):
            return
    raise forbidden(WRITE_DENIED)
