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

from server.api.internal.schema import InternalGraphQL
from server.api.public.schema import PublicGraphQL
from server.config import Settings
from server.db.engine import Database
from server.http import auth_routes
from server.http.health import healthz
from server.http.security_headers import SecurityHeaders
from server.http.session_guard import RequireSession
from server.http.spa import HashedAssets, spa_fallback

INTERNAL_MAX_BODY = 6_000_000  # CSV imports travel through the internal API
PUBLIC_MAX_BODY = 16_000


def create_app(settings: Settings | None = None, db: Database | None = None) -> Starlette:
    settings = settings or Settings.from_env()
    database = db or Database(settings.database_url)
    logging.basicConfig(level=settings.log_level)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        if db is None:  # we made it, we dispose of it
            await database.dispose()

    public_api = CORSMiddleware(
        PublicGraphQL(database, settings),
        allow_origins=["*"],
        allow_methods=["GET", "POST"],
        allow_headers=["content-type"],
        allow_credentials=False,
        max_age=86_400,
    )
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
        Route(
            "/public/graphql",
            public_api,
            methods=["GET", "POST", "OPTIONS"],
            max_body_size=PUBLIC_MAX_BODY,
        ),
    ]
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
    return app
