"""Who may do what with an SKP (DOMAIN.md §8), decided once for every planning/work service.

- the pegawai (owner) reads their SKP, edits it while it is editable and documents their work;
- the Pejabat Penilai (fixed on the SKP when submitted; before that, the one derived today)
  reads it, approves or rejects it and gives feedback;
- the Atasan Pejabat Penilai reads it;
- the Kepala Daerah (no employee) is the Pejabat Penilai of those with nobody above them;
- the pengelola kinerja of the pegawai's unit (or a parent unit) reads it;
- BKPSDM and auditors read everything; nobody but the owner changes the content.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server import clock
from server.db.models import PerformancePlan, Position
from server.domain.assessor import OrgSnapshot
from server.domain.enums import Role
from server.services.actor import Actor
from server.services.errors import ErrorCode, ServiceError, not_found
from server.services.organisation.directory import (
    UnitTree,
    current_positions_of,
    load_org_snapshot,
    load_unit_tree,
)


@dataclass(frozen=True)
class PlanAccess:
    """What ``actor`` may do with one SKP."""

    is_owner: bool
    is_assessor: bool
    is_assessors_assessor: bool
    is_unit_manager: bool
    sees_everything: bool

    @property
    def can_read(self) -> bool:
        return (
            self.is_owner
            or self.is_assessor
            or self.is_assessors_assessor
            or self.is_unit_manager
            or self.sees_everything
        )

    @property
    def can_comment(self) -> bool:
        """Continuous feedback is a conversation between the pegawai and their penilai."""
        return self.is_owner or self.is_assessor or self.is_assessors_assessor

    def require_read(self) -> None:
        if not self.can_read:
            # Not FORBIDDEN: whether someone else's SKP exists is itself not for everyone.
            raise ServiceError(ErrorCode.NOT_FOUND, "SKP tidak ditemukan.")

    def require_owner(self) -> None:
        self.require_read()
        if not self.is_owner:
            raise ServiceError(
                ErrorCode.FORBIDDEN, "Hanya pegawai pemilik SKP yang boleh mengubahnya."
            )

    def require_assessor(self) -> None:
        self.require_read()
        if not self.is_assessor:
            raise ServiceError(
                ErrorCode.FORBIDDEN,
                "Hanya Pejabat Penilai Kinerja pegawai ini yang boleh melakukannya.",
            )


def assessor_of_plan(plan: PerformancePlan, org: OrgSnapshot) -> int | None:
    """The penilai fixed on submission, or (for a draft) the one the organisation gives today."""
    if plan.assessor_employee_id is not None:
        return plan.assessor_employee_id
    found = org.resolve_assessor(plan.employee_id)
    return found.employee_id if found else None


def rated_by_kepala_daerah(plan: PerformancePlan, org: OrgSnapshot) -> bool:
    """The Kepala Daerah is this SKP's Pejabat Penilai: fixed so on submission, or (for a
    draft) its pegawai has nobody above them in the tree today."""
    if plan.assessed_by_kepala_daerah:
        return True
    return plan.assessor_employee_id is None and org.rated_by_kepala_daerah(plan.employee_id)


def access_from_facts(
    actor: Actor,
    plan: PerformancePlan,
    org: OrgSnapshot | None,
    owner_unit_id: int | None,
    units: UnitTree | None,
) -> PlanAccess:
    """The same decision as :func:`plan_access`, from facts already loaded (lists, DataLoaders).

    ``org`` is needed only when the actor is an employee, ``units`` only for a unit manager.
    """
    is_owner = actor.employee_id is not None and actor.employee_id == plan.employee_id
    is_assessor = is_assessors_assessor = is_unit_manager = False
    if actor.is_kepala_daerah and org is not None:
        is_assessor = rated_by_kepala_daerah(plan, org)
    if actor.employee_id is not None and not is_owner and org is not None:
        assessor = assessor_of_plan(plan, org)
        is_assessor = assessor == actor.employee_id
        if assessor is not None and not is_assessor:
            second = org.resolve_assessor(assessor)
            is_assessors_assessor = second is not None and second.employee_id == actor.employee_id
    if (
        actor.has(Role.UNIT_MANAGER)  # a leftover managed unit without the role grants nothing
        and actor.managed_unit_id is not None
        and owner_unit_id is not None
        and units is not None
    ):
        is_unit_manager = units.is_within(owner_unit_id, actor.managed_unit_id)
    return PlanAccess(
        is_owner=is_owner,
        is_assessor=is_assessor,
        is_assessors_assessor=is_assessors_assessor,
        is_unit_manager=is_unit_manager,
        sees_everything=actor.sees_everything,
    )


async def plans_access(
    session: AsyncSession,
    actor: Actor,
    plans: Sequence[PerformancePlan],
    *,
    today: date | None = None,
) -> dict[int, PlanAccess]:
    """Access to many SKPs at once, in a fixed number of statements (lists, cascade views)."""
    today = today or clock.today()
    # The organisation decides only for SKP of others (the owner's own access needs none):
    # a pegawai opening their own SKP is the most common read of all.
    needs_org = actor.is_kepala_daerah or (
        actor.employee_id is not None and any(p.employee_id != actor.employee_id for p in plans)
    )
    org = await load_org_snapshot(session, today) if needs_org else None
    units: UnitTree | None = None
    unit_of_employee: dict[int, int] = {}
    if actor.has(Role.UNIT_MANAGER) and actor.managed_unit_id is not None and plans:
        units = await load_unit_tree(session)
        positions = await current_positions_of(session, {p.employee_id for p in plans}, today)
        unit_of_position = {
            key: value
            for key, value in (
                await session.execute(
                    sa.select(Position.id, Position.unit_id).where(
                        Position.id.in_(set(positions.values()))
                    )
                )
            ).all()
        }
        unit_of_employee = {
            emp: unit_of_position[pos] for emp, pos in positions.items() if pos in unit_of_position
        }
    return {
        plan.id: access_from_facts(actor, plan, org, unit_of_employee.get(plan.employee_id), units)
        for plan in plans
    }


async def plan_access(
    session: AsyncSession, actor: Actor, plan: PerformancePlan, *, today: date | None = None
) -> PlanAccess:
    return (await plans_access(session, actor, [plan], today=today))[plan.id]


async def load_readable_plan(
    session: AsyncSession, actor: Actor, plan_id: int, today: date
) -> tuple[PerformancePlan, PlanAccess]:
    """The SKP and what ``actor`` may do with it, only when the actor may read it: NOT_FOUND
    both when it does not exist and when it is not the actor's to read."""
    plan = await session.get(PerformancePlan, plan_id)
    if plan is None:
        raise not_found("SKP")
    access = await plan_access(session, actor, plan, today=today)
    access.require_read()
    return plan, access
