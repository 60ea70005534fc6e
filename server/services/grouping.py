"""Grouping rows loaded in one statement by a key (the shape every batch loader needs)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")


def group_by(rows: Iterable[T], key: Callable[[T], K]) -> dict[K, list[T]]:
    """``key(row) → rows`` in the order the rows came (callers sort in SQL)."""
    grouped: dict[K, list[T]] = {}
    for row in rows:
        grouped.setdefault(key(row), []).append(row)
    return grouped
