"""Statistical disclosure control for published aggregates (DESIGN.md "Security and privacy").

A published table is a set of cells (counts) tied together by additive constraints: a row's
categories add up to its total, sub-units add up (with the unit's own staff) to their parent.
Primary suppression hides every cell describing fewer people than the threshold. Complementary
suppression then hides more cells until no constraint has exactly one hidden cell, because a
single hidden cell in a sum whose other parts are shown is recovered by subtraction.

The rules are pure and deterministic: the same table always yields the same suppressions.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class SuppressionReason(StrEnum):
    """Why a published value is null."""

    BELOW_THRESHOLD = "BELOW_THRESHOLD"  # describes fewer people than the threshold
    COMPLEMENTARY = "COMPLEMENTARY"  # hidden so a smaller hidden cell cannot be recovered


@dataclass(frozen=True)
class DisclosurePolicy:
    """Thresholds [P]: policy data with defaults, configurable per instansi."""

    distribution_threshold: int = 10  # score distributions, averages, percentages
    headcount_threshold: int = 5  # plain head counts
    # The audit's protection interval of a cell withheld for being about too few people: an
    # attacker must not narrow it to fewer than this share of the table's threshold worth of
    # values, and never to one value (nor below all it could a priori be, when narrower).
    protection_share: float = 0.1

    def protection(self, threshold: int) -> float:
        return float(max(1, math.ceil(threshold * self.protection_share)))


@dataclass(frozen=True)
class Constraint(Generic[K]):
    """``total`` equals the sum of ``parts`` (all of them cells of the same table)."""

    total: K
    parts: tuple[K, ...]


@dataclass
class SuppressionResult(Generic[K]):
    reasons: dict[K, SuppressionReason] = field(default_factory=dict)

    def is_hidden(self, key: K) -> bool:
        return key in self.reasons

    def value(self, key: K, values: Mapping[K, int]) -> int | None:
        return None if key in self.reasons else values[key]


def suppress(
    values: Mapping[K, int],
    constraints: Iterable[Constraint[K]],
    is_sensitive: Callable[[K, int], bool],
    forced: Iterable[K] = (),
) -> SuppressionResult[K]:
    """Primary then complementary suppression over ``values``.

    ``is_sensitive(key, value)`` decides primary suppression (e.g. 0 < value < threshold).
    ``forced`` cells are withheld whatever their value (e.g. those a replaced release withheld,
    so the pair of releases cannot be differenced), and protected like complementary ones.
    Complementary cells are chosen smallest first (least information lost), ties broken by
    the key's string form so the outcome is stable across runs.
    """
    result: SuppressionResult[K] = SuppressionResult()
    for key, value in values.items():
        if is_sensitive(key, value):
            result.reasons[key] = SuppressionReason.BELOW_THRESHOLD
    for key in forced:
        if key in values:
            result.reasons.setdefault(key, SuppressionReason.COMPLEMENTARY)
    rules = list(constraints)
    changed = True
    while changed:
        changed = False
        for rule in rules:
            members = (rule.total, *rule.parts)
            hidden = [m for m in members if m in result.reasons]
            if len(hidden) != 1:
                continue
            candidates = [m for m in members if m not in result.reasons]
            if not candidates:
                continue
            # Prefer hiding a part over the total: the total is the most useful number.
            parts_first = sorted(candidates, key=lambda m: (m == rule.total, values[m], str(m)))
            result.reasons[parts_first[0]] = SuppressionReason.COMPLEMENTARY
            changed = True
    return result


def below(threshold: int) -> Callable[[object, int], bool]:
    """The usual primary rule: a positive count smaller than the threshold is sensitive.

    A zero is not: "nobody in this unit" describes no one.
    """

    def rule(_key: object, value: int) -> bool:
        return 0 < value < threshold

    return rule
