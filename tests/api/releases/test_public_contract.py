"""The public schema is a contract: no breaking change against the committed SDL unless the
field or type was deprecated there first (see the deprecation policy in the README)."""

from __future__ import annotations

import re
from pathlib import Path

from graphql import (
    BreakingChange,
    GraphQLObjectType,
    GraphQLSchema,
    build_schema,
    find_breaking_changes,
)

from server.api.public.schema import schema as public_schema

COMMITTED = Path(__file__).resolve().parents[3] / "schema" / "public.graphql"
_FIELD = re.compile(r"^(?:Field )?(\w+)\.(\w+)\b")


def _deprecated_in(old: GraphQLSchema, change: BreakingChange) -> bool:
    """A change is allowed only if what it removes or changes was deprecated in ``old``."""
    match = _FIELD.match(change.description)
    if not match:
        return False
    type_ = old.get_type(match[1])
    if isinstance(type_, GraphQLObjectType) and match[2] in type_.fields:
        return type_.fields[match[2]].deprecation_reason is not None
    return False


def blocking_changes(old: GraphQLSchema, new: GraphQLSchema) -> list[str]:
    return [c.description for c in find_breaking_changes(old, new) if not _deprecated_in(old, c)]


def test_no_breaking_change_against_the_committed_sdl() -> None:
    old = build_schema(COMMITTED.read_text(encoding="utf-8"))
    assert blocking_changes(old, public_schema._schema) == []


def test_the_check_catches_a_removed_field_and_allows_a_deprecated_one() -> None:
    old_plain = build_schema("type Query { a: Int b: String }")
    old_deprecated = build_schema('type Query { a: Int b: String @deprecated(reason: "use a") }')
    new = build_schema("type Query { a: Int }")
    assert blocking_changes(old_plain, new) == ["Field Query.b was removed."]
    assert blocking_changes(old_deprecated, new) == []
    changed_type = build_schema("type Query { a: String b: String c: Int }")
    assert blocking_changes(old_plain, changed_type) == [
        "Field Query.a changed type from Int to String."
    ]
