"""The Starlette application factory: routes, middleware, lifespan."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.routing import BaseRoute, Mount, Route
from starlette.types import ASGIApp

from server import clock
from server.api.internal.schema import InternalGraphQL
from server.api.public.limits import MAX_BODY_BYTES
from server.api.public.schema import PublicGraphQL
from server.config import Settings
from server.db.engine import Database
from server.http import (
    auth_routes,
    evaluation_document,
    interop_downloads,
    report_downloads,
    sandbox_routes,
    survey_routes,
    uploads,
)
from server.http.db_guard import DatabaseGuard
from server.http.health import healthz
from server.http.housekeeping import Housekeeping
from server.http.public_cache import PublicGraphQLFront
from server.http.public_data import public_routes
from server.http.public_fast_path import PublicFastPath
from server.http.public_limits import RateLimit
from server.http.rate_limits import make_rate_limiter
from server.http.sandbox_routes import SandboxAware, SandboxSwitch
from server.http.security_headers import SecurityHeaders
from server.http.session_guard import RequireSession
from server.http.shared_state import SharedState
from server.http.spa import HashedAssets, spa_fallback
from server.services.releases.read import on_release_published
from server.services.sandbox import Sandbox

INTERNAL_MAX_BODY = 6_000_000  # CSV imports travel through the internal API


def create_app(settings: Settings | None = None, db: Database | None = None) -> Starlette:
    settings = settings or Settings.from_env()
    clock.set_zone(settings.timezone)  # the one calendar follows the instansi's zone
    database = db or Database.from_settings(settings)
    logging.basicConfig(level=settings.log_level)
    # Strawberry logs every client mistake (bad field, over the token limit) at ERROR with the
    # whole query: anyone could fill the log through the public endpoint. Real crashes are
    # logged once, with their traceback, by graphql_common.should_mask.
    logging.getLogger("strawberry.execution").setLevel(logging.CRITICAL)

    housekeeping = Housekeeping(settings, database)
    # Redis when KINERJA_REDIS_URL is set: rate limits and the public cache shared by processes.
    shared = SharedState(settings.redis_url, settings.redis_prefix)
    buckets = make_rate_limiter(
        shared, "public", settings.public_rate_per_minute, settings.public_rate_burst
    )
    session_buckets = make_rate_limiter(
        shared, "session", settings.internal_rate_per_minute, settings.internal_rate_burst
    )
    public_front = PublicGraphQLFront(
        PublicGraphQL(database, settings),
        database,
        settings.public_cache_recheck_seconds,
        shared=shared,
    )

    # The training sandbox (Latihan): its own databases, created on first use.
    sandbox = Sandbox(settings)

    def internal_graphql(db: Database, app_settings: Settings) -> ASGIApp:
        return DatabaseGuard(
            RequireSession(InternalGraphQL(db, app_settings), db, session_buckets), graphql=True
        )

    # Practice requests: the person's own sandbox, put in request.app.state by SandboxSwitch.
    practice_graphql = DatabaseGuard(
        RequireSession(
            InternalGraphQL(sandbox.db, sandbox.settings, from_request=True),
            None,
            session_buckets,
        ),
        graphql=True,
    )

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await housekeeping.start()  # removes partial uploads left by a killed process
        listening = asyncio.create_task(
            shared.listen_for_releases(public_front.invalidate), name="kinerja-releases"
        )
        stop_announcing = on_release_published(shared.announce_release)
        try:
            yield
        finally:
            stop_announcing()
            listening.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await listening
            await shared.aclose()
            await housekeeping.stop()
            await sandbox.dispose()
            if db is None:  # we made it, we dispose of it
                await database.dispose()

    def public_wrap(inner: ASGIApp, *, graphql: bool = False) -> ASGIApp:
        # CORS outermost so a 429 or a 503 still carries the CORS headers a browser needs to
        # read it.
        return CORSMiddleware(
            RateLimit(DatabaseGuard(inner, graphql=graphql), buckets),
            allow_origins=["*"],
            allow_methods=["GET", "POST"],
            allow_headers=["content-type", "if-none-match"],
            expose_headers=["etag", "retry-after"],
            allow_credentials=False,
            max_age=86_400,
        )

    public_api = public_wrap(public_front, graphql=True)
    dist = Path(settings.web_dist)
    routes: list[BaseRoute] = [
        Route("/healthz", healthz, methods=["GET"]),
        Route("/auth/login", auth_routes.login, methods=["POST"], max_body_size=4_096),
        Route("/auth/logout", auth_routes.logout, methods=["POST"], max_body_size=4_096),
        *sandbox_routes.ROUTES,
        Route(
            "/api/graphql",
            SandboxAware(
                internal_graphql(database, settings),
                practice_graphql,
            ),
            methods=["POST"],
            max_body_size=INTERNAL_MAX_BODY,
        ),
        Route("/api/uploads", uploads.upload, methods=["POST"]),
        Route("/api/evidence/{evidence_id}", uploads.download, methods=["GET"]),
        *evaluation_document.ROUTES,
        *interop_downloads.ROUTES,
        *report_downloads.ROUTES,
        Route(
            "/public/graphql",
            public_api,
            methods=["GET", "POST", "OPTIONS"],
            max_body_size=MAX_BODY_BYTES,
        ),
    ]
    # Before the /public mount, which would otherwise take /public/survey/… too.
    routes.extend(survey_routes.ROUTES)
    routes.extend(public_routes(public_wrap))
    if (dist / "assets").is_dir():
        routes.append(Mount("/assets", HashedAssets(directory=dist / "assets"), name="assets"))
    routes.append(Route("/{path:path}", spa_fallback(dist), methods=["GET", "HEAD"]))

    app = Starlette(
        routes=routes,
        middleware=[
            # Outermost: a repeated public query is answered here, before routing (its bytes
            # are those the layers below sent the first time).
            Middleware(
                PublicFastPath, front=public_front, limiter=buckets, max_body=MAX_BODY_BYTES
            ),
            Middleware(SecurityHeaders),
            # Every other endpoint: a database that is away is a JSON 503, not a plain-text 500.
            Middleware(DatabaseGuard),
            Middleware(GZipMiddleware, minimum_size=1_000),
            # A practice session's /api/… requests go to the sandbox database.
            Middleware(SandboxSwitch, sandbox=sandbox),
        ],
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.db = database
    app.state.public_front = public_front
    app.state.housekeeping = housekeeping
    # Waits out the per-account login slowdown (services/auth.py); tests record it instead.
    app.state.login_sleep = asyncio.sleep
    app.state.session_rate_limiter = session_buckets
    app.state.public_rate_limiter = buckets
    app.state.shared_state = shared
    app.state.sandbox = sandbox
    return app
