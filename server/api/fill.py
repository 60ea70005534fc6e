"""One way to turn a service record into a hand-written GraphQL type.

Most output types repeat a service record's names (``year=x.year, status=x.status, …``).
``fill_type`` copies exactly the fields the GraphQL type declares, each from the attribute of the
same name, so the type stays the one list of what is exposed: an attribute the type does not
declare is never read, and a declared one the record lacks is an error, not a silent null.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

import strawberry
from strawberry.types.base import StrawberryOptional, get_object_definition

T = TypeVar("T")
_PLANS: dict[type, tuple[tuple[str, bool], ...]] = {}


def _plan(cls: type) -> tuple[tuple[str, bool], ...]:
    """The init fields of ``cls``, each with whether it is a GraphQL ``ID`` (worked out once)."""
    plan = _PLANS.get(cls)
    if plan is None:
        ids = set()
        for f in get_object_definition(cls, strict=True).fields:
            kind = f.type.of_type if isinstance(f.type, StrawberryOptional) else f.type
            if kind is strawberry.ID:
                ids.add(f.python_name)
        plan = tuple((f.name, f.name in ids) for f in dataclasses.fields(cls) if f.init)
        _PLANS[cls] = plan
    return plan


def fill_type(cls: type[T], source: object, **given: Any) -> T:
    """``cls`` with every field not ``given`` taken from ``source``'s attribute of that name.

    A database id (an ``int``) copied into an ``ID`` field becomes its GraphQL ID; null stays null.
    """
    values = dict(given)
    for name, is_id in _plan(cls):
        if name in values:
            continue
        value = getattr(source, name)
        values[name] = strawberry.ID(str(value)) if is_id and isinstance(value, int) else value
    return cls(**values)
