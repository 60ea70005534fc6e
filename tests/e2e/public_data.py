"""Survey services with citizens' answers, for the browser tests of the public site.

Run as a script with the live server's environment (it writes to the same database):
``python -m tests.e2e.public_data UNIT_CODE:SERVICE_CODE:NAME:ANSWERS …`` creates each service
in its unit, stores ANSWERS responses spread over the last weeks (directly, as the survey form
would after its checks: the abuse limits would refuse so many from one test address) and
prints one ``SERVICE_CODE TOKEN`` line per service. ``--count SERVICE_CODE`` prints how many
answers that service has stored.
"""

from __future__ import annotations

import asyncio
import random
import sys
from datetime import timedelta

import sqlalchemy as sa

from server import clock
from server.config import Settings
from server.db.engine import Database
from server.db.models import PublicService, SurveyResponse, Unit
from server.domain.enums import SurveyChannel
from server.services.actor import system_actor
from server.services.survey.services import ServiceInput, create_service


async def create(specs: list[str]) -> list[tuple[str, str]]:
    db = Database(Settings.from_env().database_url)
    made: list[tuple[str, str]] = []
    try:
        for spec in specs:
            unit_code, code, name, count = spec.split(":", 3)
            async with db.read() as session:
                unit_id = await session.scalar(sa.select(Unit.id).where(Unit.code == unit_code))
            assert unit_id is not None, unit_code
            service = await create_service(
                db, system_actor("e2e"), ServiceInput(unit_id, code, name, None)
            )
            rng = random.Random(code)
            now = clock.now()
            async with db.write() as session:
                for n in range(int(count)):
                    session.add(
                        SurveyResponse(
                            service_id=service.id,
                            submitted_at=now - timedelta(days=1 + n % 40, hours=n % 7),
                            channel=SurveyChannel.FORMULIR,
                            submitter_fingerprint=f"{n:064x}",
                            **{f"u{i}": rng.choice((3, 3, 4, 4, 2)) for i in range(1, 10)},
                        )
                    )
            made.append((code, service.survey_token))
    finally:
        await db.dispose()
    return made


async def count(code: str, key: str | None = None) -> int:
    """Stored answers of service ``code`` (only those under idempotency key ``key``, if given)."""
    db = Database(Settings.from_env().database_url)
    try:
        async with db.read() as session:
            where = [PublicService.code == code]
            if key is not None:
                where.append(SurveyResponse.client_key == key)
            stored = await session.scalar(
                sa.select(sa.func.count())
                .select_from(SurveyResponse)
                .join(PublicService, PublicService.id == SurveyResponse.service_id)
                .where(*where)
            )
        return int(stored or 0)
    finally:
        await db.dispose()


if __name__ == "__main__":
    if sys.argv[1] == "--count":
        print(asyncio.run(count(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)))
    else:
        for code, token in asyncio.run(create(sys.argv[1:])):
            print(code, token)
