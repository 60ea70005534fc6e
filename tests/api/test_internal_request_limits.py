"""The internal endpoint's depth and alias limits, and its parse and validation caches.

The limits are validation rules built once per schema (``request_limits``), so a repeated
operation is taken from the caches; a refused operation stays refused when sent again.
"""

from __future__ import annotations

from functools import _lru_cache_wrapper
from typing import Any, cast

from strawberry.extensions.parser_cache import _get_parse_cache
from strawberry.extensions.validation_cache import _get_validate_cache

from server.api.graphql_common import CACHED_DOCUMENTS
from tests.conftest import ClientFactory, SmallOrg, gql


def _nested_holders(depth: int) -> str:
    """``me { employee { position { holder { position { holder … } } } } }``: two levels a turn."""
    inner = "id"
    for _ in range(depth):
        inner = f"position {{ holder {{ {inner} }} }}"
    return f"{{ me {{ employee {{ {inner} }} }} }}"


async def test_depth_over_the_limit_is_refused_every_time(
    client_for: ClientFactory, small_org: SmallOrg
) -> None:
    client = await client_for("staf")
    allowed = await gql(client, _nested_holders(4))
    assert "errors" not in allowed, allowed
    for _ in range(2):  # the second answer comes from the validation cache: still refused
        body = await gql(client, _nested_holders(6))
        assert body.get("data") is None
        (error,) = body["errors"]
        assert "exceeds maximum operation depth of 12" in error["message"]


async def test_aliases_over_the_limit_are_refused(
    client_for: ClientFactory, small_org: SmallOrg
) -> None:
    client = await client_for("staf")
    fine = "{ " + " ".join(f"a{n}: me {{ login }}" for n in range(30)) + " }"
    assert "errors" not in await gql(client, fine)
    too_many = "{ " + " ".join(f"a{n}: me {{ login }}" for n in range(31)) + " }"
    for _ in range(2):
        body = await gql(client, too_many)
        assert body.get("data") is None
        (error,) = body["errors"]
        assert "30" in error["message"]
        assert "alias" in error["message"].lower()


async def test_a_repeated_operation_is_parsed_and_validated_once(
    client_for: ClientFactory, small_org: SmallOrg
) -> None:
    client = await client_for("staf")
    # Unique text, so no earlier test has cached it.
    query = "{ me { login roles } __typename repeatedOperationProbe: __typename }"
    # Strawberry types its caches as plain callables; they are functools.lru_cache wrappers.
    parse = cast("_lru_cache_wrapper[Any]", _get_parse_cache(CACHED_DOCUMENTS))
    validate = cast("_lru_cache_wrapper[Any]", _get_validate_cache(CACHED_DOCUMENTS))
    parsed, validated = parse.cache_info(), validate.cache_info()
    for _ in range(3):
        assert "errors" not in await gql(client, query)
    assert parse.cache_info().misses - parsed.misses == 1
    assert parse.cache_info().hits - parsed.hits == 2
    assert validate.cache_info().misses - validated.misses == 1
    assert validate.cache_info().hits - validated.hits == 2
