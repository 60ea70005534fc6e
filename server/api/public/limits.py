"""The numeric limits of the public API: one source for what the server enforces and what the
``about { limits }`` query (and the /api-publik page) tells a journalist.

Depth, aliases, tokens, page sizes and the request body are fixed here; the cost ceiling and
the rate (per minute and burst) are settings an instance may change, read from the same
settings object the server enforces them with.
"""

from __future__ import annotations

import strawberry

from server.config import Settings

MAX_DEPTH = 8
MAX_ALIASES = 15
MAX_TOKENS = 2_000
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_FILTER_VALUES = 20  # values in one list filter (kinds, orgPerformanceLevels …)
MAX_BODY_BYTES = 16_000  # a POST body of /public/graphql


@strawberry.type(
    description="Batas numerik API publik, sama dengan yang ditegakkan server / the public "
    "API's numeric limits, the same the server enforces."
)
class ApiLimits:
    max_depth: int = strawberry.field(
        description="Tingkat bidang bersarang paling banyak / deepest nesting of fields."
    )
    max_aliases: int = strawberry.field(
        description="Alias paling banyak per kueri / most aliases in one query."
    )
    max_tokens: int = strawberry.field(
        description="Token paling banyak per kueri / most tokens in one query."
    )
    max_cost: int = strawberry.field(
        description="Biaya kueri paling tinggi (lihat extensions.cost tiap jawaban) / highest "
        "query cost (see extensions.cost on every response)."
    )
    default_page_size: int = strawberry.field(
        description="Ukuran halaman bawaan (first) / default page size (first)."
    )
    max_page_size: int = strawberry.field(
        description="Ukuran halaman paling besar / largest page size."
    )
    max_filter_values: int = strawberry.field(
        description="Nilai paling banyak dalam satu saringan daftar / most values in one list "
        "filter."
    )
    rate_per_minute: int = strawberry.field(
        description="Permintaan per menit per alamat, rata-rata / requests per minute per "
        "address, sustained."
    )
    rate_burst: int = strawberry.field(
        description="Permintaan beruntun yang boleh sebelum 429 / requests allowed in a burst "
        "before 429."
    )
    max_body_bytes: int = strawberry.field(
        description="Ukuran badan POST paling besar (byte) / largest POST body (bytes)."
    )


def api_limits(settings: Settings) -> ApiLimits:
    return ApiLimits(
        max_depth=MAX_DEPTH,
        max_aliases=MAX_ALIASES,
        max_tokens=MAX_TOKENS,
        max_cost=settings.public_max_cost,
        default_page_size=DEFAULT_PAGE_SIZE,
        max_page_size=MAX_PAGE_SIZE,
        max_filter_values=MAX_FILTER_VALUES,
        rate_per_minute=settings.public_rate_per_minute,
        rate_burst=settings.public_rate_burst,
        max_body_bytes=MAX_BODY_BYTES,
    )
