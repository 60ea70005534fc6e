"""Every row of the 2023 distribution policy (DOMAIN.md §7) as a table: inside the pattern, at
each boundary, and outside it, with the exact Indonesian violation messages."""

from __future__ import annotations

from datetime import date

import pytest

from server.domain.enums import OrgPredicate, Predicate
from server.domain.evaluation import POLICY_2023, check_distribution, policy_on

OP = OrgPredicate
SB, B, BP, K, SK = (
    Predicate.SANGAT_BAIK,
    Predicate.BAIK,
    Predicate.BUTUH_PERBAIKAN,
    Predicate.KURANG,
    Predicate.SANGAT_KURANG,
)

CASES: list[tuple[OrgPredicate, dict[Predicate, int], list[str]]] = [
    # Istimewa: Sangat Baik the largest group, at most 70 %.
    (OP.ISTIMEWA, {SB: 6, B: 4}, []),
    (OP.ISTIMEWA, {SB: 7, B: 3}, []),  # exactly 70 %
    (OP.ISTIMEWA, {SB: 5, B: 5}, []),  # a tie is still the largest
    (OP.ISTIMEWA, {SB: 8, B: 2}, ["Sangat Baik ≤ 70 % (sekarang 80.0 %)"]),
    (OP.ISTIMEWA, {SB: 3, B: 5, BP: 2}, ["Sangat Baik harus menjadi kelompok terbesar"]),
    # Baik: Baik the largest, at most 70 %, at least one Butuh Perbaikan or Kurang.
    (OP.BAIK, {SB: 2, B: 6, BP: 2}, []),
    (OP.BAIK, {SB: 2, B: 7, K: 1}, []),  # exactly 70 %, one Kurang
    (OP.BAIK, {SB: 1, B: 8, BP: 1}, ["Baik ≤ 70 % (sekarang 80.0 %)"]),
    (
        OP.BAIK,
        {SB: 4, B: 6},
        ["setidaknya satu Butuh Perbaikan atau Kurang/Misconduct (sekarang 0)"],
    ),
    (OP.BAIK, {SB: 5, B: 4, BP: 1}, ["Baik harus menjadi kelompok terbesar"]),
    # Butuh Perbaikan: at least 60 % Butuh Perbaikan, Sangat Baik at most 10 %.
    (OP.BUTUH_PERBAIKAN, {BP: 7, B: 3}, []),
    (OP.BUTUH_PERBAIKAN, {BP: 6, B: 3, SB: 1}, []),  # both at their boundary
    (OP.BUTUH_PERBAIKAN, {BP: 5, B: 5}, ["Butuh Perbaikan ≥ 60 % (sekarang 50.0 %)"]),
    (OP.BUTUH_PERBAIKAN, {BP: 6, B: 2, SB: 2}, ["Sangat Baik ≤ 10 % (sekarang 20.0 %)"]),
    # Kurang: at least 60 % Kurang, at least 10 % Butuh Perbaikan, Sangat Baik at most 10 %.
    (OP.KURANG, {K: 7, BP: 2, B: 1}, []),
    (OP.KURANG, {K: 6, BP: 1, SB: 1, B: 2}, []),  # every bound at its boundary
    (OP.KURANG, {K: 5, BP: 2, B: 3}, ["Kurang/Misconduct ≥ 60 % (sekarang 50.0 %)"]),
    (OP.KURANG, {K: 7, B: 3}, ["Butuh Perbaikan ≥ 10 % (sekarang 0.0 %)"]),
    (OP.KURANG, {K: 6, BP: 2, SB: 2}, ["Sangat Baik ≤ 10 % (sekarang 20.0 %)"]),
    # Sangat Kurang: at least 60 % Sangat Kurang, at least 10 % Kurang or Butuh Perbaikan,
    # no Sangat Baik.
    (OP.SANGAT_KURANG, {SK: 7, K: 2, BP: 1}, []),
    (OP.SANGAT_KURANG, {SK: 6, K: 1, B: 3}, []),  # at the boundaries (Kurang counts)
    (OP.SANGAT_KURANG, {SK: 6, BP: 1, B: 3}, []),  # Butuh Perbaikan counts too
    (
        OP.SANGAT_KURANG,
        {SK: 5, K: 2, B: 3},
        ["Sangat Kurang ≥ 60 % (sekarang 50.0 %)"],
    ),
    (
        OP.SANGAT_KURANG,
        {SK: 8, B: 2},
        ["Kurang/Misconduct atau Butuh Perbaikan ≥ 10 % (sekarang 0.0 %)"],
    ),
    (
        OP.SANGAT_KURANG,
        {SK: 7, K: 2, SB: 1},
        ["tidak ada Sangat Baik (sekarang 10.0 %)"],
    ),
]


@pytest.mark.parametrize(("org", "counts", "violations"), CASES)
def test_policy_2023(
    org: OrgPredicate, counts: dict[Predicate, int], violations: list[str]
) -> None:
    check = check_distribution(counts, org, POLICY_2023)
    assert list(check.violations) == violations
    assert check.within is (not violations)
    assert check.total == sum(counts.values())


def test_every_org_predicate_has_a_rule_and_a_case() -> None:
    assert set(POLICY_2023.rules) == set(OrgPredicate)
    assert {org for org, _, _ in CASES} == set(OrgPredicate)


@pytest.mark.parametrize("org", list(OrgPredicate))
def test_an_empty_unit_is_never_outside(org: OrgPredicate) -> None:
    assert check_distribution({}, org, POLICY_2023).within


@pytest.mark.parametrize(
    ("day", "found"),
    [(date(2023, 1, 1), True), (date(2026, 6, 30), True), (date(2022, 12, 31), False)],
)
def test_policy_in_force(day: date, found: bool) -> None:
    if found:
        assert policy_on(day) is POLICY_2023
    else:
        with pytest.raises(ValueError, match="2022-12-31"):
            policy_on(day)
