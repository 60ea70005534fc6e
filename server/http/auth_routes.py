"""POST /auth/login and POST /auth/logout: JSON in, an HttpOnly session cookie out."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response

from server.config import Settings
from server.db.engine import Database
from server.http.errors import client_address, error_response, json_response
from server.services import auth
from server.services.sandbox import SANDBOX_COOKIE

MAX_LOGIN_BODY = 4_096


def _is_secure(request: Request, settings: Settings) -> bool:
    if settings.secure_cookies is not None:
        return settings.secure_cookies
    return request.url.scheme == "https"


async def _json_body(request: Request) -> dict[str, Any]:
    """JSON only: a form post from another site (CSRF) is refused before anything happens."""
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise ValueError("Gunakan Content-Type: application/json.")
    body = await request.body()
    if len(body) > MAX_LOGIN_BODY:
        raise ValueError("Permintaan terlalu besar.")
    try:
        data = orjson.loads(body) if body else {}
    except orjson.JSONDecodeError:
        raise ValueError("Isi permintaan bukan JSON yang valid.") from None
    if not isinstance(data, dict):
        raise ValueError(
            "Isi permintaan harus satu objek JSON {…}, bukan angka, teks, null atau daftar. / "
            "The body must be one JSON object."
        )
    return data


JsonRoute = Callable[[Request, dict[str, Any]], Awaitable[Response]]


def json_post(handler: JsonRoute) -> Callable[[Request], Awaitable[Response]]:
    """A POST route that takes one JSON object: ``handler`` gets it, or the request is answered
    400 with the reason before anything happens."""

    @functools.wraps(handler)
    async def route(request: Request) -> Response:
        try:
            data = await _json_body(request)
        except ValueError as exc:
            return error_response(400, "BAD_REQUEST", str(exc))
        return await handler(request, data)

    return route


def set_cookie(
    response: Response, request: Request, settings: Settings, name: str, value: str
) -> None:
    """A session cookie (signed in, or practising): lives as long as a session, never readable
    by scripts, sent only from this site (and only over HTTPS where the site is served so)."""
    response.set_cookie(
        name,
        value,
        max_age=settings.session_lifetime_minutes * 60,
        httponly=True,
        samesite="lax",
        secure=_is_secure(request, settings),
        path="/",
    )


def clear_cookie(response: Response, request: Request, settings: Settings, name: str) -> None:
    """Remove a cookie set by :func:`set_cookie` (the attributes must match for browsers)."""
    response.delete_cookie(
        name,
        path="/",
        httponly=True,
        samesite="lax",
        secure=_is_secure(request, settings),
    )


@json_post
async def login(request: Request, data: dict[str, Any]) -> Response:
    db: Database = request.app.state.db
    settings: Settings = request.app.state.settings
    login_name = data.get("login")
    password = data.get("password")
    if (
        not isinstance(login_name, str)
        or not isinstance(password, str)
        or not login_name.strip()
        or not password
    ):
        return error_response(400, "BAD_REQUEST", "Isi NIP/nama pengguna dan kata sandi.")
    if len(login_name) > 200 or len(password) > 1_000:
        return error_response(
            400, "BAD_REQUEST", "NIP/nama pengguna atau kata sandi terlalu panjang."
        )
    try:
        issued = await auth.login(
            db,
            settings,
            login=login_name,
            password=password,
            client_address=client_address(request.client),
            user_agent=request.headers.get("user-agent"),
            sleep=request.app.state.login_sleep,
        )
    except auth.LoginThrottled as exc:
        seconds = exc.retry_after_seconds
        return error_response(
            429,
            "TOO_MANY_ATTEMPTS",
            f"Terlalu banyak percobaan masuk. Coba lagi dalam {seconds} detik.",
            headers={"Retry-After": str(seconds)},
            retryAfter=seconds,
        )
    except auth.LoginRejected:
        return error_response(
            401, "INVALID_CREDENTIALS", "NIP/nama pengguna atau kata sandi salah."
        )
    response = json_response({"ok": True, "expiresAt": issued.expires_at.isoformat()})
    set_cookie(response, request, settings, auth.SESSION_COOKIE, issued.token)
    return response


@json_post
async def logout(request: Request, data: dict[str, Any]) -> Response:
    db: Database = request.app.state.db
    settings: Settings = request.app.state.settings
    token = request.cookies.get(auth.SESSION_COOKIE)
    practice = request.cookies.get(SANDBOX_COOKIE)
    # Whose practice session may end with this one: only the signing-out account's own.
    real = None if practice is None else await auth.authenticate(db, token, None)
    await auth.logout(db, token, client_address(request.client))
    response = Response(status_code=204)
    if practice is not None:  # signing out ends a practice session (Latihan) too
        await request.app.state.sandbox.stop(
            practice,
            client_address(request.client),
            account_id=None if real is None else real.account_id,
        )
        clear_cookie(response, request, settings, SANDBOX_COOKIE)
    clear_cookie(response, request, settings, auth.SESSION_COOKIE)
    return response
