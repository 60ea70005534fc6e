"""Who rates whom: the Pejabat Penilai Kinerja and the Atasan Pejabat Penilai (DOMAIN.md §8).

The Pejabat Penilai of an employee is the holder of the parent of their position. When that
position is vacant, the holder of the next filled position further up rates them. An explicit
override on the employee's position (Plt/Plh or a penunjukan by BKPSDM) wins over both.
The Atasan Pejabat Penilai is the Pejabat Penilai of the Pejabat Penilai.

Above the top of the tree is the Kepala Daerah (the Wali Kota), who is no employee: whoever has
a position but nobody above it (the Sekretaris Daerah) is rated by the Kepala Daerah, and their
keberatan, with no Atasan Pejabat Penilai among the employees, is decided by the Kepala Daerah
too (README "Kepala Daerah").
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

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

    def rated_by_kepala_daerah(self, employee_id: int) -> bool:
        """Whether the employee holds a position with nobody above it to rate them."""
        return (
            employee_id in self.position_of_employee and self.resolve_assessor(employee_id) is None
        )

    def objection_decided_by_kepala_daerah(self, employee_id: int) -> bool:
        """No Atasan Pejabat Penilai among the employees because the chain reaches the top:
        the employee or their Pejabat Penilai is rated by the Kepala Daerah."""
        if self.resolve_assessors_assessor(employee_id) is not None:
            return False
        first = self.resolve_assessor(employee_id)
        if first is None:
            return self.rated_by_kepala_daerah(employee_id)
        return self.rated_by_kepala_daerah(first.employee_id)

    @cached_property
    def kepala_daerah_ratees(self) -> frozenset[int]:
        """Everyone the Kepala Daerah rates (usually the Sekda alone)."""
        return frozenset(e for e in self.position_of_employee if self.rated_by_kepala_daerah(e))

    def is_below(self, position_id: int, ancestor_id: int) -> bool:
        """Whether ``position_id`` sits (at any depth) under ``ancestor_id`` in the tree."""
        seen = {position_id}
        current = self.parent_of_position.get(position_id)
        while current is not None and current not in seen:
            if current == ancestor_id:
                return True
            seen.add(current)
            current = self.parent_of_position.get(current)
        return False

    def resolve_assessors_assessor(self, employee_id: int) -> AssessorResolution | None:
        """The Atasan Pejabat Penilai: the assessor of the assessor."""
        first = self.resolve_assessor(employee_id)
        if first is None:
            return None
        second = self.resolve_assessor(first.employee_id)
        if second is None or second.employee_id == employee_id:
            return None
        return second

    @cached_property
    def _assessees(self) -> Mapping[int, frozenset[int]]:
        """Everyone each assessor rates, resolved once per snapshot (snapshots are shared
        between requests while the organisation does not change)."""
        found: dict[int, set[int]] = {}
        for employee_id in self.position_of_employee:
            resolved = self.resolve_assessor(employee_id)
            if resolved is not None and resolved.employee_id != employee_id:
                found.setdefault(resolved.employee_id, set()).add(employee_id)
        return {assessor: frozenset(people) for assessor, people in found.items()}

    def assessees_of(self, assessor_id: int) -> frozenset[int]:
        """The employees whose Pejabat Penilai is ``assessor_id`` (never themself)."""
        return self._assessees.get(assessor_id, frozenset())

    def assessors(self) -> frozenset[int]:
        """Everyone who rates at least one employee."""
        return frozenset(self._assessees)

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


class OverrideConflict(StrEnum):
    """Why a person may not be named Pejabat Penilai of a position's holder."""

    HOLDER = "HOLDER"  # the holder would rate themself
    ACTOR = "ACTOR"  # whoever sets or proposes the override would name themself
    BELOW = "BELOW"  # a subordinate would rate their own superior


def override_conflict(
    org: OrgSnapshot,
    position_id: int,
    assessor_employee_id: int,
    acting_employee_ids: Collection[int],
) -> OverrideConflict | None:
    """The first rule an override naming ``assessor_employee_id`` for ``position_id`` breaks.

    ``acting_employee_ids``: the employees behind the accounts that set, propose or approve it.
    """
    if org.holder_of_position.get(position_id) == assessor_employee_id:
        return OverrideConflict.HOLDER
    if assessor_employee_id in acting_employee_ids:
        return OverrideConflict.ACTOR
    own_position = org.position_of_employee.get(assessor_employee_id)
    if own_position is not None and (
        own_position == position_id or org.is_below(own_position, position_id)
    ):
        return OverrideConflict.BELOW
    return None
