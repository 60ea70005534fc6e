"""What both GraphQL endpoints share: fast JSON, the rule for masking unexpected errors, and the
HTTP view that answers every refusal in JSON.

- A request body that is not a JSON object (``5``, ``"x"``, ``null``; a list while batching is
  off) is a ``400`` with a readable message, never a crash with a traceback in the log.
- Strawberry answers its own HTTP refusals (bad JSON, wrong method, batching) in plain text; here
  they become ``{"data": null, "errors": [{"message", "extensions": {"code"}}]}``.
- An error caused by an unavailable or busy database is not masked as "unexpected": the whole
  answer becomes a ``503`` with ``Retry-After`` (``server.http.db_guard``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import orjson
from cross_web import HTTPException
from graphql import ASTValidationRule, GraphQLError
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.exceptions import StrawberryGraphQLError
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxTokensLimiter,
    ParserCache,
    SchemaExtension,
    ValidationCache,
)
from strawberry.extensions.max_aliases import create_validator as alias_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult

from server.db.availability import DatabaseTrouble, classify_database_error
from server.http.db_guard import graphql_trouble_response, log_trouble
from server.http.errors import json_response

log = logging.getLogger("server.api")

MASKED_MESSAGE = "Terjadi kesalahan tak terduga. / Unexpected error."
NOT_AN_OBJECT_MESSAGE = (
    "JSON permintaan harus berupa satu objek {…} (bukan angka, teks, null, atau daftar). / "
    "The request JSON must be one object {…}, not a number, string, null or list."
)


CACHED_DOCUMENTS = 512
"""Operations each schema keeps parsed and validated (the SPA sends a few hundred at most)."""


def request_limits(
    *, max_depth: int, max_aliases: int, max_tokens: int
) -> list[Callable[[], SchemaExtension]]:
    """Parse and validation caches, with the depth and alias limits as validation rules and
    the token limit on the parser: a repeated operation is neither parsed nor validated again.

    The rules are built here, once per schema: a rule class built per request (as Strawberry's
    QueryDepthLimiter and MaxAliasesLimiter extensions do) makes every request a cache miss,
    and validating a large operation again cost about 8 ms of a 30 ms request.
    """
    rules: list[type[ASTValidationRule]] = [
        depth_rule(max_depth, None, None),
        alias_rule(max_aliases),
    ]
    return [
        lambda: ParserCache(maxsize=CACHED_DOCUMENTS),
        lambda: ValidationCache(maxsize=CACHED_DOCUMENTS),
        lambda: AddValidationRules(rules),
        lambda: MaxTokensLimiter(max_token_count=max_tokens),
    ]


class ExpectedGraphQLError(StrawberryGraphQLError):
    """An error whose message is meant for the client (e.g. permission denied)."""


class DatabaseTroubleError(Exception):
    """Marks a GraphQL error caused by the database being away or busy."""

    def __init__(self, trouble: DatabaseTrouble) -> None:
        super().__init__(trouble.message)
        self.trouble = trouble


def should_mask(error: GraphQLError) -> bool:
    """Mask only crashes. Validation messages stay readable for people writing queries."""
    original = error.original_error
    if original is None or isinstance(
        original, GraphQLError | ExpectedGraphQLError | DatabaseTroubleError
    ):
        return False
    log.error("unexpected error in GraphQL execution", exc_info=original)
    return True


class ProjectMaskErrors(MaskErrors):
    """Masks crashes; turns database unavailability into a marked, readable error."""

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        processed: list[GraphQLError] = []
        for error in errors:
            trouble = classify_database_error(error.original_error)
            if trouble is None:
                processed.extend(super()._process_errors([error]))
                continue
            processed.append(
                GraphQLError(
                    trouble.message,
                    nodes=error.nodes,
                    path=error.path,
                    original_error=DatabaseTroubleError(trouble),
                    extensions={"code": trouble.code, "retryAfter": trouble.retry_after_seconds},
                )
            )
        return processed


def mask_errors() -> MaskErrors:
    return ProjectMaskErrors(should_mask_error=should_mask, error_message=MASKED_MESSAGE)


def database_trouble_in(errors: list[GraphQLError] | None) -> DatabaseTrouble | None:
    for error in errors or ():
        if isinstance(error.original_error, DatabaseTroubleError):
            return error.original_error.trouble
    return None


def encode_json(data: object) -> bytes:
    return orjson.dumps(data)


def decode_json(data: str | bytes) -> Any:
    return orjson.loads(data)


def graphql_refusal(
    status: int, code: str, message: str, extensions: dict[str, Any] | None = None
) -> Response:
    body: dict[str, Any] = {
        "data": None,
        "errors": [{"message": message, "extensions": {"code": code}}],
    }
    if extensions:
        body["extensions"] = extensions
    return json_response(body, status)


class _TroubleAnswer(Exception):
    def __init__(self, trouble: DatabaseTrouble, extensions: dict[str, Any] | None) -> None:
        super().__init__(trouble.code)
        self.trouble = trouble
        self.extensions = extensions


ContextT = TypeVar("ContextT")
_HTTP_CODES = {400: "BAD_REQUEST", 404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED"}


class JsonGraphQL(GraphQL[ContextT, None], Generic[ContextT]):
    """Strawberry's ASGI app with orjson, object-only JSON bodies and JSON refusals.

    Refusals made here also report ``extensions.cost`` (0: nothing ran), like every answer.
    """

    def cost_maximum(self) -> int:
        """The endpoint's cost ceiling, reported on refusals. Each endpoint's subclass gives its
        own (public: the release limits; internal: the setting); this base is never mounted."""
        raise NotImplementedError

    def encode_json(self, data: object) -> bytes:
        return encode_json(data)

    def decode_json(self, data: str | bytes) -> object:
        return decode_json(data)

    def parse_json(self, data: str | bytes) -> Any:
        value = super().parse_json(data)  # invalid JSON: HTTPException(400)
        if isinstance(value, dict | list):
            return value  # a list is a batch, refused with 400 while batching is off
        raise HTTPException(400, NOT_AN_OBJECT_MESSAGE)

    async def process_result(self, request: Any, result: ExecutionResult) -> GraphQLHTTPResponse:
        trouble = database_trouble_in(result.errors)
        if trouble is not None:
            raise _TroubleAnswer(trouble, result.extensions)
        return await super().process_result(request, result)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        response: Response
        try:
            response = await self.run(Request(scope=scope, receive=receive))
        except HTTPException as exc:
            code = _HTTP_CODES.get(exc.status_code, f"HTTP_{exc.status_code}")
            nothing_ran = {"requestedQueryCost": 0, "maximumAvailable": self.cost_maximum()}
            response = graphql_refusal(exc.status_code, code, exc.reason, {"cost": nothing_ran})
        except _TroubleAnswer as answer:
            log_trouble(answer.trouble, scope.get("path", "?"))
            response = graphql_trouble_response(answer.trouble, answer.extensions)
        except ClientDisconnect:
            # The client left before its body arrived (a page navigated away): nobody is there
            # to answer, and nothing ran. Not an error of ours, so no traceback in the log.
            return
        await response(scope, receive, send)
