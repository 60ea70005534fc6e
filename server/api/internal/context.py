"""Per-request context of the internal API: who is asking, and fresh DataLoaders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import Response

from server.config import Settings
from server.db.engine import Database
from server.services.actor import Actor

if TYPE_CHECKING:  # the loaders import every feature's types, which import this module
    from server.api.internal.loaders import Loaders


@dataclass
class InternalContext:
    request: Request
    response: Response
    db: Database
    settings: Settings
    actor: Actor
    today: date
    loaders: Loaders
