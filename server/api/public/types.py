"""Public types. Aggregates and organisational facts only: never a person."""

from __future__ import annotations

import strawberry

from server.api.enums import UnitKind
from server.api.public.context import PublicContext
from server.api.public.limits import ApiLimits

Info = strawberry.Info[PublicContext, None]


@strawberry.type(
    description="Tentang data ini: instansi, lisensi dan kontak. / About this data: publisher, "
    "licence and contact."
)
class About:
    instansi: str = strawberry.field(description="Instansi penerbit / publishing authority.")
    licence: str = strawberry.field(description="Lisensi data / data licence.")
    licence_url: str = strawberry.field(description="Tautan teks lisensi / licence URL.")
    contact: str = strawberry.field(description="Kontak / contact.")
    synthetic_data: bool = strawberry.field(
        description="True bila ini data demo sintetis / true when this is synthetic demo data."
    )
    limits: ApiLimits = strawberry.field(
        description="Batas numerik API publik / numeric limits of the public API."
    )


@strawberry.type(description="Unit kerja Pemerintah Kota Salatiga / a unit of the city government.")
class PublicUnit:
    code: str = strawberry.field(description="Kode unit yang stabil / stable unit code.")
    name: str = strawberry.field(description="Nama unit / unit name.")
    kind: UnitKind = strawberry.field(description="Jenis unit / kind of unit.")
    parent_code: str | None = strawberry.field(
        description="Kode unit induk; null untuk akar / parent unit code; null for the root."
    )

    @strawberry.field(description="Unit induk / parent unit.")
    async def parent(self, info: Info) -> PublicUnit | None:
        if self.parent_code is None:
            return None
        return next((u for u in await _all(info) if u.code == self.parent_code), None)

    @strawberry.field(description="Sub-unit, urut nama / child units, by name.")
    async def children(self, info: Info) -> list[PublicUnit]:
        return [u for u in await _all(info) if u.parent_code == self.code]


async def _all(info: Info) -> list[PublicUnit]:
    return [
        PublicUnit(code=r.code, name=r.name, kind=r.kind, parent_code=r.parent_code)
        for r in await info.context.units()
    ]
