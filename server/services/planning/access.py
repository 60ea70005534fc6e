"""Who may do what with an SKP (DOMAIN.md §8), decided once for every planning/work service.

- the pegawai (owner) reads their SKP, edits it while it is editable and documents their work;
- the Pejabat Penilai (fixed on the SKP when submitted; before that, the one derived today)
  reads it, approves or rejects it and gives feedback;
- the Atasan Pejabat Penilai reads it;
- the pengelola kinerja of the pegawai's unit (or a parent unit) reads it;
- BKPSDM and auditors read everything; nobody but the owner changes the content.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from server.db.models import PerformancePlan, Position
from server.domain.assessor import OrgSnapshot
from server.services.actor import Actor
from server.services.directory import current_positions_of, load_org_snapshot, load_unit_tree
from server.services.errors import ErrorCode, ServiceError


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
            raise ServiceError(ErrorCode.FORBIDDEN, "Hanya pegawai pemilik SKP yang boleh mengubahnya.")

    def require_assessor(self) -> None:
        self.require_read()
        if not self.is_assessor:
            raise ServiceError(
                ErrorCode.FORBIDDEN, "Hanya Pejabat Penilai Kinerja pegawai ini yang boleh melakukannya."
            )


def assessor_of_plan(plan: PerformancePlan, org: OrgSnapshot) -> int | None:
    """The penilai fixed on submission, or (for a draft) the one the organisation gives today."""
    if plan.assessor_employee_id is not None:
        return plan.assessor_employee_id
    found = org.resolve_assessor(plan.employee_id)
    return found.employee_id if found else None


async def plan_access(
    session: AsyncSession, actor: Actor, plan: PerformancePlan, *, today: date | None = None
) -> PlanAccess:
    today = today or date.today()
    is_owner = actor.employee_id is not None and actor.employee_id == plan.employee_id
    is_assessor = is_assessors_assessor = is_unit_manager = False
    if actor.employee_id is not None and not is_owner:
        org = await load_org_snapshot(session, today)
        assessor = assessor_of_plan(plan, org)
        is_assessor = assessor == actor.employee_id
        if assessor is not None and not is_assessor:
            second = org.resolve_assessor(assessor)
            is_assessors_assessor = second is not None and second.employee_id == actor.employee_id
    if actor.managed_unit_id is not None:
        position_id = (await current_positions_of(session, [plan.employee_id], today)).get(plan.employee_id)
        position = await session.get(Position, position_id) if position_id else None
        if position is not None:
            tree = await load_unit_tree(session)
            is_unit_manager = tree.is_within(position.unit_id, actor.managed_unit_id)
    return PlanAccess(
        is_owner=is_owner,
        is_assessor=is_assessor,
        is_assessors_assessor=is_assessors_assessor,
        is_unit_manager=is_unit_manager,
        sees_everything=actor.sees_everything,
    )
