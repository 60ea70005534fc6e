"""The guided first visit in the internal API: the signed-in account's own flag only."""

from __future__ import annotations

import strawberry

from server.api.internal.payloads import run_mutation
from server.api.internal.types import Info, Payload
from server.services import onboarding as service


@strawberry.type(description="Tur pengenalan portal / the portal's guided first visit.")
class Onboarding:
    tour_completed: bool = strawberry.field(
        description="Tur sudah selesai atau dilewati; false: tampilkan tur pada kunjungan berikut."
    )


@strawberry.type
class OnboardingQuery:
    @strawberry.field(description="Status tur pengenalan akun yang sedang masuk.")
    async def my_onboarding(self, info: Info) -> Onboarding:
        done = await service.tour_completed(info.context.db, info.context.actor)
        return Onboarding(tour_completed=done)

    @strawberry.field(
        description="True dalam Mode Latihan: data contoh di basis data latihan yang terpisah, "
        "bukan data sebenarnya / practice mode (the training sandbox)."
    )
    def practice_mode(self, info: Info) -> bool:
        return info.context.settings.is_sandbox


@strawberry.type
class OnboardingMutation:
    @strawberry.mutation(
        description="Tandai tur pengenalan Anda selesai/dilewati (true) atau mulai ulang (false)."
    )
    async def set_tour_completed(self, info: Info, completed: bool) -> Payload[Onboarding]:
        return await run_mutation(
            service.set_tour_completed(info.context.db, info.context.actor, completed),
            lambda done: Onboarding(tour_completed=done),
        )
