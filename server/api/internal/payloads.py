"""Shared by every resolver module: service failures become payload errors (mutations) or
GraphQL errors with a code (queries), and ids are parsed."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import strawberry

from server.api.graphql_common import ExpectedGraphQLError
from server.api.internal.types import MutationError, Payload
from server.services.errors import ErrorCode, ServiceError, ValidationErrors
from server.services.validation import UNSET

T = TypeVar("T")
R = TypeVar("R")


def errors_of(exc: ServiceError) -> list[MutationError]:
    if isinstance(exc, ValidationErrors):
        return [MutationError(code=e.code, message=e.message, field=e.field) for e in exc.errors]
    return [MutationError(code=exc.code, message=exc.message, field=exc.field)]


async def run_mutation(action: Awaitable[R], convert: Callable[[R], T]) -> Payload[T]:
    """The one place where a service failure becomes a payload error."""
    try:
        result = await action
    except ServiceError as exc:
        return Payload(result=None, errors=errors_of(exc))
    return Payload(result=convert(result), errors=[])


def graphql_id(value: int) -> strawberry.ID:
    """A database id as a GraphQL ID."""
    return strawberry.ID(str(value))


def parse_id(raw: strawberry.ID | None, field: str) -> int | None:
    """A GraphQL ID to a database id; garbage is an input error, not a crash."""
    if raw is None:
        return None
    try:
        value = int(raw)
    except ValueError:
        raise ServiceError(ErrorCode.INVALID_INPUT, "ID tidak valid.", field) from None
    if value <= 0 or value > 2**62:
        raise ServiceError(ErrorCode.INVALID_INPUT, "ID tidak valid.", field)
    return value


def require_id(raw: strawberry.ID, field: str) -> int:
    value = parse_id(raw, field)
    assert value is not None
    return value


def maybe_value(value: strawberry.Maybe[Any]) -> Any:
    """Absent → UNSET (leave alone); present (even null) → the value."""
    return UNSET if value is None else value.value


async def run_query(action: Awaitable[T]) -> T:
    """A service failure in a query becomes a readable GraphQL error with its code."""
    try:
        return await action
    except ServiceError as exc:
        raise ExpectedGraphQLError(
            exc.message, extensions={"code": exc.code.value, "field": exc.field}
        ) from None


def query_id(raw: strawberry.ID | None, field: str) -> int | None:
    """A query argument ID; garbage is a readable input error."""
    try:
        return parse_id(raw, field)
    except ServiceError as exc:
        raise ExpectedGraphQLError(
            exc.message, extensions={"code": exc.code.value, "field": field}
        ) from None


def required_query_id(raw: strawberry.ID, field: str) -> int:
    value = query_id(raw, field)
    assert value is not None
    return value


def scope_ids(
    period_id: strawberry.ID | None, year_id: strawberry.ID | None
) -> tuple[int | None, int | None]:
    """The ``periodId``/``yearId`` pair by which predicate read-outs choose their scope."""
    return query_id(period_id, "periodId"), query_id(year_id, "yearId")
