"""The Starlette application factory: routes, middleware, lifespan."""

from __future__ import annotations

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

from server.api.internal.schema import InternalGraphQL
from server.api.public.schema import PublicGraphQL
from server.config import Settings
from server.db.engine import Database
from server.http import (
    auth_routes,
    evaluation_document,
    interop_downloads,
    report_downloads,
    survey_routes,
    uploads,
)
from server.http.health import healthz
from server.http.public_cache import PublicGraphQLFront
from server.http.public_data import public_routes
from server.http.public_limits import RateLimit, TokenBuckets
from server.http.security_headers import SecurityHeaders
from server.http.session_guard import RequireSession
from server.http.spa import HashedAssets, spa_fallback

INTERNAL_MAX_BODY = 6_000_000  # CSV imports travel through the internal API
PUBLIC_MAX_BODY = 16_000


def create_app(settings: Settings | None = None, db: Database | None = None) -> Starlette:
    settings = settings or Settings.from_env()
    database = db or Database(settings.database_url)
    logging.basicConfig(level=settings.log_level)
    # Strawberry logs every client mistake (bad field, over the token limit) at ERROR with the
    # whole query: anyone could fill the log through the public endpoint. Real crashes are
    # logged once, with their traceback, by graphql_common.should_mask.
    logging.getLogger("strawberry.execution").setLevel(logging.CRITICAL)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        if db is None:  # we made it, we dispose of it
            await database.dispose()

    buckets = TokenBuckets(settings.public_rate_per_minute, settings.public_rate_burst)

    def public_wrap(inner: ASGIApp) -> ASGIApp:
        # CORS outermost so a 429 still carries the CORS headers a browser needs to read it.
        return CORSMiddleware(
            RateLimit(inner, buckets),
            allow_origins=["*"],
            allow_methods=["GET", "POST"],
            allow_headers=["content-type", "if-none-match"],
            expose_headers=["etag", "retry-after"],
            allow_credentials=False,
            max_age=86_400,
        )

    public_front = PublicGraphQLFront(
        PublicGraphQL(database, settings), database, settings.public_cache_recheck_seconds
    )
    public_api = public_wrap(public_front)
    dist = Path(settings.web_dist)
    routes: list[BaseRoute] = [
        Route("/healthz", healthz, methods=["GET"]),
        Route("/auth/login", auth_routes.login, methods=["POST"], max_body_size=4_096),
        Route("/auth/logout", auth_routes.logout, methods=["POST"], max_body_size=4_096),
        Route(
            "/api/graphql",
            RequireSession(InternalGraphQL(database, settings), database),
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
            max_body_size=PUBLIC_MAX_BODY,
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
        middleware=[Middleware(SecurityHeaders), Middleware(GZipMiddleware, minimum_size=1_000)],
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.db = database
    app.state.public_front = public_front
    return app
