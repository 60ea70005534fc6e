"""The account forms' employee search (admin sistem, BKPSDM for HR-side accounts): people by name
or NIP with their NIP and the account already linked to them, so an account is linked to the
right person and never to someone who already has one."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from server.api.fill import fill_type
from server.api.graphql_common import ExpectedGraphQLError
from server.services.errors import ServiceError
from server.services.organisation import accounts


@strawberry.type(description="Pegawai yang dapat ditautkan ke akun.")
class AccountEmployeeCandidate:
    id: strawberry.ID
    name: str
    nip: str
    account_login: str | None = strawberry.field(
        description="Akun yang sudah tertaut ke pegawai ini (satu akun per pegawai)."
    )


@strawberry.type
class AccountLinkQuery:
    @strawberry.field(
        description=(
            "Cari pegawai (nama atau awal NIP) untuk ditautkan ke akun; admin sistem, atau "
            "Admin BKPSDM. Paling banyak 20."
        )
    )
    async def account_employee_candidates(
        self, info: Info[Any, None], search: str, first: int = 8
    ) -> list[AccountEmployeeCandidate]:
        if len(search) > accounts.MAX_SEARCH:
            raise ExpectedGraphQLError(
                f"Kata kunci maksimal {accounts.MAX_SEARCH} karakter.",
                extensions={"code": "INVALID_INPUT"},
            )
        try:
            found = await accounts.employee_candidates(
                info.context.db, info.context.actor, search, limit=first
            )
        except ServiceError as exc:
            raise ExpectedGraphQLError(exc.message, extensions={"code": exc.code.value}) from None
        return [
            fill_type(AccountEmployeeCandidate, c, id=strawberry.ID(str(c.employee_id)))
            for c in found
        ]
