"""The one JSON error shape of the plain HTTP endpoints: {"error": {"code", "message", …}}."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.responses import Response


def json_response(
    data: Any, status_code: int = 200, headers: dict[str, str] | None = None
) -> Response:
    return Response(
        orjson.dumps(data), status_code=status_code, media_type="application/json", headers=headers
    )


def error_response(
    status_code: int, code: str, message: str, headers: dict[str, str] | None = None, **extra: Any
) -> Response:
    return json_response(
        {"error": {"code": code, "message": message, **extra}}, status_code, headers
    )


def client_address(scope_client: tuple[str, int] | None) -> str:
    return scope_client[0] if scope_client else "unknown"
