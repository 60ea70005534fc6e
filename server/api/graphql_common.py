"""What both GraphQL endpoints share: fast JSON and the rule for masking unexpected errors."""

from __future__ import annotations

import logging
from typing import Any

import orjson
from graphql import GraphQLError
from strawberry.exceptions import StrawberryGraphQLError
from strawberry.extensions import MaskErrors

log = logging.getLogger("server.api")

MASKED_MESSAGE = "Terjadi kesalahan tak terduga. / Unexpected error."


class ExpectedGraphQLError(StrawberryGraphQLError):
    """An error whose message is meant for the client (e.g. permission denied)."""


def should_mask(error: GraphQLError) -> bool:
    """Mask only crashes. Validation messages stay readable for people writing queries."""
    original = error.original_error
    if original is None or isinstance(original, GraphQLError | ExpectedGraphQLError):
        return False
    log.error("unexpected error in GraphQL execution", exc_info=original)
    return True


def mask_errors() -> MaskErrors:
    return MaskErrors(should_mask_error=should_mask, error_message=MASKED_MESSAGE)


def encode_json(data: object) -> bytes:
    return orjson.dumps(data)


def decode_json(data: str | bytes) -> Any:
    return orjson.loads(data)
