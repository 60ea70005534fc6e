"""Per-request context of the internal API: who is asking, and fresh DataLoaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from server.api.internal.loaders import Loaders
from server.config import Settings
from server.db.engine import Database
from server.services.actor import Actor


@dataclass
class InternalContext:
    request: Request
    response: Response
    db: Database
    settings: Settings
    actor: Actor
    today: date
    loaders: Loaders
    # Per-request caches of feature modules (e.g. their DataLoaders), keyed by module name.
    cache: dict[str, Any] = field(default_factory=dict)
