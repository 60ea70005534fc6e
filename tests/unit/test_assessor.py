"""Pejabat Penilai and Atasan Pejabat Penilai derivation on plain snapshots (DOMAIN.md §8)."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from server.domain.assessor import AssessorResolution, OrgSnapshot, OverrideRule
from server.domain.enums import ActingKind, AssessorBasis

# Positions: 1 Sekda ← 2 Kadis ← 3 Kabid ← 4 Kasi ← 5 Staf; 6 Staf2 under 3; 7 Kadis2 under 1.
PARENTS: dict[int, int | None] = {1: None, 2: 1, 3: 2, 4: 3, 5: 4, 6: 3, 7: 1}
# Employees are 100 + their position number.
ALL_FILLED: dict[int, int] = {p: 100 + p for p in PARENTS}


def snapshot(
    holders: Mapping[int, int],
    *,
    parents: Mapping[int, int | None] = PARENTS,
    overrides: Mapping[int, OverrideRule] | None = None,
) -> OrgSnapshot:
    return OrgSnapshot(
        parent_of_position=dict(parents),
        holder_of_position=dict(holders),
        position_of_employee={emp: pos for pos, emp in holders.items()},
        overrides=dict(overrides or {}),
    )


def without(*positions: int) -> dict[int, int]:
    return {p: e for p, e in ALL_FILLED.items() if p not in positions}


def test_parent_position_filled_gives_its_holder() -> None:
    found = snapshot(ALL_FILLED).resolve_assessor(105)
    assert found == AssessorResolution(
        employee_id=104, basis=AssessorBasis.PARENT_POSITION, via_position_id=4
    )
    assert found.skipped_vacant_position_ids == ()
    assert found.acting_kind is None


def test_vacant_parent_walks_up_to_next_filled_position() -> None:
    found = snapshot(without(4)).resolve_assessor(105)
    assert found is not None
    assert found.employee_id == 103
    assert found.basis is AssessorBasis.NEXT_FILLED_POSITION
    assert found.via_position_id == 3
    assert found.skipped_vacant_position_ids == (4,)


def test_several_vacancies_are_all_skipped_in_order() -> None:
    found = snapshot(without(4, 3, 2)).resolve_assessor(105)
    assert found is not None
    assert (found.employee_id, found.via_position_id) == (101, 1)
    assert found.basis is AssessorBasis.NEXT_FILLED_POSITION
    assert found.skipped_vacant_position_ids == (4, 3, 2)


def test_everything_above_vacant_gives_no_assessor() -> None:
    assert snapshot(without(1, 2, 3, 4)).resolve_assessor(105) is None


def test_top_of_tree_has_no_assessor_and_no_atasan() -> None:
    org = snapshot(ALL_FILLED)
    assert org.resolve_assessor(101) is None
    assert org.resolve_assessors_assessor(101) is None
    assert org.assessors_of(101) == frozenset()


def test_employee_without_position_has_no_assessor() -> None:
    org = snapshot(ALL_FILLED)
    assert org.resolve_assessor(999) is None
    assert org.resolve_assessors_assessor(999) is None
    assert org.assessors_of(999) == frozenset()


def test_position_missing_from_tree_does_not_crash() -> None:
    # A holder of a position that is no longer valid (not in parent_of_position).
    org = OrgSnapshot({1: None}, {1: 101, 9: 109}, {101: 1, 109: 9}, {})
    assert org.resolve_assessor(109) is None


def test_override_wins_over_filled_parent() -> None:
    org = snapshot(ALL_FILLED, overrides={5: OverrideRule(102, ActingKind.PLT)})
    found = org.resolve_assessor(105)
    assert found is not None
    assert found.employee_id == 102
    assert found.basis is AssessorBasis.OVERRIDE
    assert found.acting_kind is ActingKind.PLT
    assert found.via_position_id == 2  # the position the acting official holds
    assert found.skipped_vacant_position_ids == ()


def test_override_covers_a_vacancy_with_a_plh() -> None:
    org = snapshot(without(4), overrides={5: OverrideRule(106, ActingKind.PLH)})
    found = org.resolve_assessor(105)
    assert found is not None
    assert (found.employee_id, found.basis, found.acting_kind) == (
        106,
        AssessorBasis.OVERRIDE,
        ActingKind.PLH,
    )


def test_override_naming_someone_without_a_position_still_applies() -> None:
    org = snapshot(ALL_FILLED, overrides={5: OverrideRule(500, ActingKind.PENUNJUKAN)})
    found = org.resolve_assessor(105)
    assert found is not None
    assert (found.employee_id, found.via_position_id) == (500, None)
    # The outsider has no position, hence no assessor of their own: no Atasan.
    assert org.resolve_assessors_assessor(105) is None
    assert org.assessors_of(105) == frozenset({500})


def test_override_on_another_position_does_not_apply() -> None:
    org = snapshot(ALL_FILLED, overrides={6: OverrideRule(102, ActingKind.PLT)})
    found = org.resolve_assessor(105)
    assert found is not None
    assert found.employee_id == 104


def test_override_naming_the_person_themself_is_ignored() -> None:
    org = snapshot(without(4), overrides={5: OverrideRule(105, ActingKind.PLT)})
    found = org.resolve_assessor(105)
    assert found is not None
    assert found.employee_id == 103
    assert found.basis is AssessorBasis.NEXT_FILLED_POSITION
    assert found.acting_kind is None


def test_person_holding_a_position_above_themself_is_skipped() -> None:
    # Employee 105 holds Staf (5); position 4 (Kasi) is held by the same person in the
    # parent mapping (a Plt-by-assignment data slip): they never rate themselves.
    holders = dict(ALL_FILLED)
    holders[4] = 105
    org = OrgSnapshot(
        parent_of_position=PARENTS,
        holder_of_position=holders,
        position_of_employee={105: 5, 103: 3, 102: 2, 101: 1},
        overrides={},
    )
    found = org.resolve_assessor(105)
    assert found is not None
    assert found.employee_id == 103
    assert found.via_position_id == 3
    assert found.basis is AssessorBasis.NEXT_FILLED_POSITION
    # Position 4 is filled (by themself), so it is not reported as vacant.
    assert found.skipped_vacant_position_ids == ()
    assert 105 not in org.assessors_of(105)


def test_cycle_in_bad_data_terminates() -> None:
    cyclic: dict[int, int | None] = {1: 3, 2: 1, 3: 2}
    org = snapshot({2: 102}, parents=cyclic)
    assert org.resolve_assessor(102) is None  # 1 and 3 vacant, then back to 2
    org2 = snapshot({1: 101, 2: 102}, parents={1: 2, 2: 1})
    found = org2.resolve_assessor(101)
    assert found is not None
    assert found.employee_id == 102
    # 102's assessor is 101 again: the Atasan of 101 would be 101 themself → none.
    assert org2.resolve_assessors_assessor(101) is None
    assert org2.assessors_of(101) == frozenset({102})


def test_self_loop_terminates() -> None:
    org = snapshot({1: 101}, parents={1: 1})
    assert org.resolve_assessor(101) is None


def test_atasan_is_the_assessors_assessor() -> None:
    org = snapshot(ALL_FILLED)
    found = org.resolve_assessors_assessor(105)
    assert found is not None
    assert (found.employee_id, found.basis, found.via_position_id) == (
        103,
        AssessorBasis.PARENT_POSITION,
        3,
    )


def test_atasan_walks_over_vacancies_too() -> None:
    org = snapshot(without(4, 2))
    first = org.resolve_assessor(105)
    second = org.resolve_assessors_assessor(105)
    assert first is not None
    assert first.employee_id == 103
    assert second is not None
    assert second.employee_id == 101
    assert second.basis is AssessorBasis.NEXT_FILLED_POSITION
    assert second.skipped_vacant_position_ids == (2,)


def test_atasan_follows_the_override_of_the_assessors_position() -> None:
    # The Kabid (3) is rated by a Plt (Kadis2, 107) instead of the Kadis.
    org = snapshot(without(4), overrides={3: OverrideRule(107, ActingKind.PLT)})
    second = org.resolve_assessors_assessor(105)
    assert second is not None
    assert (second.employee_id, second.basis, second.acting_kind) == (
        107,
        AssessorBasis.OVERRIDE,
        ActingKind.PLT,
    )


def test_atasan_of_someone_rated_by_override() -> None:
    # Staf2 (6) gets Kadis2 (107) as Plt penilai; Kadis2's own assessor is the Sekda.
    org = snapshot(ALL_FILLED, overrides={6: OverrideRule(107, ActingKind.PLT)})
    second = org.resolve_assessors_assessor(106)
    assert second is not None
    assert second.employee_id == 101


def test_atasan_missing_when_assessor_is_at_the_top() -> None:
    org = snapshot(ALL_FILLED)
    assert org.resolve_assessors_assessor(102) is None
    assert org.resolve_assessors_assessor(107) is None


@pytest.mark.parametrize(
    ("holders", "employee", "expected"),
    [
        (ALL_FILLED, 105, {104, 103}),
        (without(4), 105, {103, 102}),
        (ALL_FILLED, 102, {101}),
        (ALL_FILLED, 101, set()),
        (without(3), 106, {102, 101}),
    ],
)
def test_assessors_of(holders: dict[int, int], employee: int, expected: set[int]) -> None:
    assert snapshot(holders).assessors_of(employee) == frozenset(expected)


def test_assessors_of_uses_overrides() -> None:
    org = snapshot(ALL_FILLED, overrides={5: OverrideRule(107, ActingKind.PLH)})
    assert org.assessors_of(105) == frozenset({107, 101})


def test_assessors_of_never_contains_the_person_themself() -> None:
    org = snapshot({1: 101, 2: 102}, parents={1: 2, 2: 1})
    assert org.assessors_of(102) == frozenset({101})


def test_assessees_of_lists_whom_an_assessor_rates_today() -> None:
    full = snapshot(ALL_FILLED)
    assert full.assessees_of(103) == {104, 106}  # Kasi and Staf2
    assert full.assessees_of(101) == {102, 107}  # Kadis and Kadis2
    assert full.assessees_of(105) == frozenset()  # Staf rates nobody
    # Kasi vacant: Kabid rates Staf too.
    assert snapshot(without(4)).assessees_of(103) == {105, 106}
    # An override moves Staf2 to Kadis2, who then rates someone outside his line.
    moved = snapshot(ALL_FILLED, overrides={6: OverrideRule(107, ActingKind.PENUNJUKAN)})
    assert moved.assessees_of(103) == {104}
    assert moved.assessees_of(107) == {106}
