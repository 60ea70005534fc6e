"""Who rates whom in the demo city, answered by the domain rule (server.domain.assessor).

The demo records use string keys and NIPs; the domain rule works on integer ids as the database
does. This adapter numbers the records and asks the rule, so the demo descriptions and tests use
exactly the logic the portal uses.
"""

from __future__ import annotations

from collections.abc import Sequence

from server.demo.records import DemoAssessorOverride, DemoEmployee, DemoPosition
from server.domain.assessor import AssessorResolution, OrgSnapshot, OverrideRule


class DemoAssessors:
    """The Pejabat Penilai of each demo employee."""

    def __init__(
        self,
        positions: Sequence[DemoPosition],
        employees: Sequence[DemoEmployee],
        overrides: Sequence[DemoAssessorOverride],
    ) -> None:
        self._position_ids = {p.key: i for i, p in enumerate(positions, start=1)}
        self._employees = {i: e for i, e in enumerate(employees, start=1)}
        self._employee_ids = {e.nip: i for i, e in self._employees.items()}
        self._positions = {p.key: p for p in positions}
        holder_of_position = {
            self._position_ids[e.position_key]: i
            for i, e in self._employees.items()
            if e.position_key is not None
        }
        rules: dict[int, OverrideRule] = {}
        for o in overrides:
            acting = holder_of_position.get(self._position_ids[o.assessor_position_key])
            if acting is not None:
                rules[self._position_ids[o.position_key]] = OverrideRule(acting, o.acting_kind)
        self._snapshot = OrgSnapshot(
            parent_of_position={
                self._position_ids[p.key]: (
                    self._position_ids[p.parent_key] if p.parent_key else None
                )
                for p in positions
            },
            holder_of_position=holder_of_position,
            position_of_employee={e: p for p, e in holder_of_position.items()},
            overrides=rules,
        )

    def resolve(self, nip: str) -> AssessorResolution | None:
        """The domain rule's answer for the employee with this NIP."""
        return self._snapshot.resolve_assessor(self._employee_ids[nip])

    def assessor_of(self, nip: str) -> DemoEmployee | None:
        """The employee who rates the holder of ``nip`` (None: nobody above them)."""
        found = self.resolve(nip)
        return None if found is None else self._employees[found.employee_id]

    def position_of(self, employee: DemoEmployee) -> DemoPosition | None:
        if employee.position_key is None:
            return None
        return self._positions[employee.position_key]
