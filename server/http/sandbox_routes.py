"""The training sandbox (Latihan) over HTTP: starting, leaving and resetting a practice session,
and the switch that sends a practice session's ``/api/…`` requests to the sandbox database.

    POST /auth/latihan          {"persona": "pegawai" | "penilai"}  needs a real session
    POST /auth/latihan/selesai  {}                                    ends the practice session
    POST /auth/latihan/reset    {}                                    needs a real session

Each account practises in its own sandbox (services/sandbox.py); the practice cookie is
``<account id>.<token>``. The switch rewrites nothing but the request's view: the token becomes
the session cookie the usual code reads, and ``request.app.state`` shows that person's sandbox
database and settings (their own evidence folder). Every route below ``/api/`` therefore runs
unchanged, with its body limits and checks, against the sandbox; the internal GraphQL endpoint
picks the practice stack through ``SandboxAware``. A practice cookie is only honoured next to a
live real session of the SAME account: a cookie that is malformed, names another account, an
account that is gone or signed out, or a person without a sandbox is answered 401 and removed,
never served from the real database nor from anyone else's sandbox.
"""

from __future__ import annotations

from http.cookies import SimpleCookie
from typing import Any

from starlette.datastructures import MutableHeaders, State
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.config import Settings
from server.http.auth_routes import clear_cookie, json_post, set_cookie
from server.http.errors import client_address, error_response, json_response
from server.http.session import current_actor
from server.services.auth import SESSION_COOKIE
from server.services.errors import ServiceError
from server.services.sandbox import (
    SANDBOX_COOKIE,
    Sandbox,
    SandboxBusy,
    SandboxCopy,
    parse_cookie,
)

SCOPE_FLAG = "kinerja.sandbox"


def _busy(exc: SandboxBusy) -> Response:
    """The PostgreSQL template could not be copied just now (another process is connected)."""
    return error_response(503, "SANDBOX_BUSY", str(exc), headers={"Retry-After": "30"})


@json_post
async def start(request: Request, data: dict[str, Any]) -> Response:
    settings: Settings = request.app.state.settings
    sandbox: Sandbox = request.app.state.sandbox
    real = await current_actor(request)
    if real is None:
        return error_response(401, "UNAUTHENTICATED", "Masuk dulu untuk berlatih.")
    persona = data.get("persona")
    if not isinstance(persona, str) or len(persona) > 20:
        return error_response(400, "BAD_REQUEST", "Pilih peran latihan: pegawai atau penilai.")
    try:
        practice = await sandbox.start(
            persona,
            real,
            client_address=client_address(request.client),
            user_agent=request.headers.get("user-agent"),
        )
    except ServiceError as exc:
        return error_response(400, exc.code.value, exc.message)
    except SandboxBusy as exc:
        return _busy(exc)
    response = json_response({"ok": True, "persona": practice.persona})
    set_cookie(response, request, settings, SANDBOX_COOKIE, practice.cookie)
    return response


@json_post
async def stop(request: Request, data: dict[str, Any]) -> Response:
    settings: Settings = request.app.state.settings
    sandbox: Sandbox = request.app.state.sandbox
    real = await current_actor(request)
    await sandbox.stop(
        request.cookies.get(SANDBOX_COOKIE),
        client_address(request.client),
        account_id=None if real is None else real.account_id,
    )
    response = Response(status_code=204)
    clear_cookie(response, request, settings, SANDBOX_COOKIE)
    return response


@json_post
async def reset(request: Request, data: dict[str, Any]) -> Response:
    """Re-create the person's own sandbox (nobody else's); they carry on practising as the same
    persona."""
    settings: Settings = request.app.state.settings
    sandbox: Sandbox = request.app.state.sandbox
    real = await current_actor(request)
    if real is None or real.account_id is None:
        return error_response(401, "UNAUTHENTICATED", "Masuk dulu untuk berlatih.")
    persona = (
        await sandbox.persona_of(real.account_id, request.cookies.get(SANDBOX_COOKIE)) or "pegawai"
    )
    try:
        await sandbox.reset(real, client_address=client_address(request.client))
    except ServiceError as exc:
        return error_response(
            429, "TOO_SOON", exc.message, headers={"Retry-After": "60"}, retryAfter=60
        )
    except SandboxBusy as exc:
        return _busy(exc)
    practice = await sandbox.start(
        persona,
        real,
        client_address=client_address(request.client),
        user_agent=request.headers.get("user-agent"),
    )
    response = json_response({"ok": True, "persona": practice.persona})
    set_cookie(response, request, settings, SANDBOX_COOKIE, practice.cookie)
    return response


class _AppView:
    """``request.app`` as the sandbox's requests see it: the sandbox's state, the real app's
    everything else."""

    def __init__(self, app: Any, state: State) -> None:
        self._app = app
        self.state = state

    def __getattr__(self, name: str) -> Any:
        return getattr(self._app, name)


def _practice_token(scope: Scope) -> str | None:
    for name, value in scope["headers"]:
        if name == b"cookie":
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:
                return None
            morsel = jar.get(SANDBOX_COOKIE)
            if morsel is not None:
                return morsel.value
    return None


class SandboxSwitch:
    """Middleware: ``/api/…`` requests with a practice cookie go to the sandbox."""

    def __init__(self, app: ASGIApp, sandbox: Sandbox) -> None:
        self.app = app
        self.sandbox = sandbox

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        cookie = _practice_token(scope)
        if cookie is None:
            await self.app(scope, receive, send)
            return
        real_app = scope["app"]
        settings: Settings = real_app.state.settings
        request = Request(scope)
        try:
            copy = await self._copy_of(request, cookie)
        except SandboxBusy as exc:
            # A copy made before a schema upgrade is made again on its next request; while
            # another process holds the template that waits, as on starting practice.
            await _busy(exc)(scope, receive, send)
            return
        if copy is None:
            # Forged, stale, someone else's, or no practice ever started here (a cookie alone
            # never makes the server load the demo).
            gone = error_response(401, "UNAUTHENTICATED", "Sesi latihan tidak ada.")
            clear_cookie(gone, request, settings, SANDBOX_COOKIE)
            await gone(scope, receive, send)
            return
        token = cookie.partition(".")[2]
        state = State({**real_app.state._state, "db": copy.db, "settings": copy.settings})
        # The practice token is the only session this request carries: a real session
        # cookie sent alongside is dropped, so nothing below can act on real data.
        headers = [(k, v) for k, v in scope["headers"] if k != b"cookie"]
        headers.append((b"cookie", f"{SESSION_COOKIE}={token}".encode("latin-1")))
        inner = {**scope, "headers": headers, "app": _AppView(real_app, state), SCOPE_FLAG: True}

        async def send_forgetting_dead_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 401:
                gone = Response()
                clear_cookie(gone, request, settings, SANDBOX_COOKIE)
                out = MutableHeaders(scope=message)
                for key, value in gone.raw_headers:
                    if key == b"set-cookie":
                        out.append("set-cookie", value.decode("latin-1"))
            await send(message)

        await self.app(inner, receive, send_forgetting_dead_cookie)

    async def _copy_of(self, request: Request, cookie: str) -> SandboxCopy | None:
        """The sandbox a practice cookie may open: that of its account, and only when the
        request's real session is a live session of that same account."""
        parsed = parse_cookie(cookie)
        if parsed is None or not self.sandbox.seeded:
            return None
        real = await current_actor(request)
        if real is None or real.account_id != parsed[0]:
            return None
        return await self.sandbox.copy_for(parsed[0], create=False)


class SandboxAware:
    """The internal GraphQL endpoint: the real stack, or the sandbox's for practice requests."""

    def __init__(self, real: ASGIApp, sandbox: ASGIApp) -> None:
        self.real = real
        self.sandbox = sandbox

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        target = self.sandbox if scope.get(SCOPE_FLAG) else self.real
        await target(scope, receive, send)


ROUTES: list[Route] = [
    Route("/auth/latihan", start, methods=["POST"], max_body_size=4_096),
    Route("/auth/latihan/selesai", stop, methods=["POST"], max_body_size=4_096),
    Route("/auth/latihan/reset", reset, methods=["POST"], max_body_size=4_096),
]
