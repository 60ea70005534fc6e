"""Per-request context of the internal API: who is asking, and fresh DataLoaders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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
