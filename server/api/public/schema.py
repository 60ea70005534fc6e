"""The public schema: queries only, protected by depth, alias and token limits.

Parsed and validated operations are cached (``request_limits``): a repeated query is neither
parsed nor validated again.
"""

from __future__ import annotations

import strawberry
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.schema.config import StrawberryConfig

from server import clock
from server.api.enums import UnitKind
from server.api.fill import fill_type
from server.api.graphql_common import JsonGraphQL, mask_errors, request_limits
from server.api.public.context import PublicContext
from server.api.public.cost import public_cost_model
from server.api.public.limits import (
    DEFAULT_PAGE_SIZE,
    MAX_ALIASES,
    MAX_DEPTH,
    MAX_PAGE_SIZE,
    MAX_TOKENS,
    api_limits,
)
from server.api.public.releases import ReleaseQuery, UnitKindsFilter, check_list
from server.api.public.surveys import SurveyQuery
from server.api.public.types import About, Info, PublicUnit
from server.api.query_cost import cost_limit
from server.config import Settings
from server.db.engine import Database
from server.services.public_catalog import PublicUnitRecord


def _unit(r: PublicUnitRecord) -> PublicUnit:
    return fill_type(PublicUnit, r)


@strawberry.type(description="Kueri publik e-Kinerja Kota Salatiga (hanya baca) / public queries.")
class Query(ReleaseQuery, SurveyQuery):
    @strawberry.field(description="Tentang data ini / about this data.")
    def about(self, info: Info) -> About:
        s = info.context.settings
        return About(
            instansi=s.instansi_name,
            licence=s.data_licence,
            licence_url=s.data_licence_url,
            contact=s.contact,
            synthetic_data=s.demo_mode,
            limits=api_limits(s),
        )

    @strawberry.field(
        description="Semua unit yang berlaku hari ini, datar; dapat disaring menurut jenis atau "
        "induk. / All current units, flat; filter by kind or parent code."
    )
    async def units(
        self,
        info: Info,
        kind: UnitKind | None = None,
        parent_code: str | None = None,
        kinds: UnitKindsFilter = None,
    ) -> list[PublicUnit]:
        check_list(kinds, "kinds")
        rows = await info.context.units()
        return [
            _unit(r)
            for r in rows
            if (kind is None or r.kind == kind)
            and (kinds is None or r.kind in kinds)
            and (parent_code is None or r.parent_code == parent_code.strip().upper())
        ]

    @strawberry.field(description="Satu unit menurut kode / one unit by code.")
    async def unit(self, info: Info, code: str) -> PublicUnit | None:
        wanted = code.strip().upper()
        return next((_unit(r) for r in await info.context.units() if r.code == wanted), None)

    @strawberry.field(description="Akar pohon unit / roots of the unit tree.")
    async def unit_tree(self, info: Info) -> list[PublicUnit]:
        return [_unit(r) for r in await info.context.units() if r.parent_code is None]


schema = strawberry.Schema(
    query=Query,
    config=StrawberryConfig(disable_field_suggestions=True),
    extensions=[
        *request_limits(max_depth=MAX_DEPTH, max_aliases=MAX_ALIASES, max_tokens=MAX_TOKENS),
        cost_limit(public_cost_model(DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)),
        mask_errors,
    ],
)


class PublicGraphQL(JsonGraphQL[PublicContext]):
    def __init__(self, db: Database, settings: Settings) -> None:
        super().__init__(schema, graphql_ide=None, allow_queries_via_get=True)
        self.db = db
        self.settings = settings

    def cost_maximum(self) -> int:
        return self.settings.public_max_cost

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> PublicContext:
        return PublicContext(db=self.db, settings=self.settings, today=clock.today())
