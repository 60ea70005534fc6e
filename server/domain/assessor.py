"""Who rates whom: the Pejabat Penilai Kinerja and the Atasan Pejabat Penilai (DOMAIN.md §8).

The Pejabat Penilai of an employee is the holder of the parent of their position. When that
position is vacant, the holder of the next filled position further up rates them. An explicit
override on the employee's position (Plt/Plh or a penunjukan by BKPSDM) wins over both.
The Atasan Pejabat Penilai is the Pejabat Penilai of the Pejabat Penilai.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from server.domain.enums import ActingKind, AssessorBasis


@dataclass(frozen=True)
class OverrideRule:
    """An active override: whoever holds the position is rated by ``assessor_employee_id``."""

    assessor_employee_id: int
    acting_kind: ActingKind


@dataclass(frozen=True)
class AssessorResolution:
    """The result of a lookup: who, how found, and through which position (if any)."""

    employee_id: int
    basis: AssessorBasis
    via_position_id: int | None
    acting_kind: ActingKind | None = None
    skipped_vacant_position_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class OrgSnapshot:
    """The facts the rules need, as plain mappings (loaded by the service layer)."""

    parent_of_position: Mapping[int, int | None]
    holder_of_position: Mapping[int, int]  # position id → employee id (filled positions only)
    position_of_employee: Mapping[int, int]  # employee id → current position id
    overrides: Mapping[int, OverrideRule]  # subject position id → override

    def resolve_assessor(self, employee_id: int) -> AssessorResolution | None:
        """The Pejabat Penilai of ``employee_id`` or None (no position, or nobody above)."""
        position_id = self.position_of_employee.get(employee_id)
        if position_id is None:
            return None
        override = self.overrides.get(position_id)
        if override is not None and override.assessor_employee_id != employee_id:
            return AssessorResolution(
                employee_id=override.assessor_employee_id,
                basis=AssessorBasis.OVERRIDE,
                via_position_id=self.position_of_employee.get(override.assessor_employee_id),
                acting_kind=override.acting_kind,
            )
        skipped: list[int] = []  # vacant positions walked past
        walked_past_self = False  # a position above held by the employee themself
        seen = {position_id}
        current = self.parent_of_position.get(position_id)
        while current is not None and current not in seen:
            seen.add(current)
            holder = self.holder_of_position.get(current)
            # A person never rates themselves, even if they also hold a position above.
            if holder is not None and holder != employee_id:
                return AssessorResolution(
                    employee_id=holder,
                    basis=(
                        AssessorBasis.NEXT_FILLED_POSITION
                        if skipped or walked_past_self
                        else AssessorBasis.PARENT_POSITION
                    ),
                    via_position_id=current,
                    skipped_vacant_position_ids=tuple(skipped),
                )
            if holder is None:
                skipped.append(current)
            else:
                walked_past_self = True
            current = self.parent_of_position.get(current)
        return None

    def resolve_assessors_assessor(self, employee_id: int) -> AssessorResolution | None:
        """The Atasan Pejabat Penilai: the assessor of the assessor."""
        first = self.resolve_assessor(employee_id)
        if first is None:
            return None
        second = self.resolve_assessor(first.employee_id)
        if second is None or second.employee_id == employee_id:
            return None
        return second

    def assessors_of(self, employee_id: int) -> frozenset[int]:
        """Both assessors of an employee (those who may see their full record)."""
        found: set[int] = set()
        first = self.resolve_assessor(employee_id)
        if first is not None:
            found.add(first.employee_id)
            second = self.resolve_assessor(first.employee_id)
            if second is not None:
                found.add(second.employee_id)
        found.discard(employee_id)
        return frozenset(found)
