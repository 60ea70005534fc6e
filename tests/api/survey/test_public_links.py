"""The public API lists the services citizens can rate, each with its survey path."""

from __future__ import annotations

from typing import Any

import httpx
from starlette.applications import Starlette

from server.db.engine import Database
from server.services.actor import system_actor
from server.services.survey import services
from tests.api.survey.conftest import SurveyOrg

QUERY = """query($unit: String) {
  surveyServices(unitCode: $unit) { code name unitCode unitName surveyPath }
}"""


async def _links(client: httpx.AsyncClient, unit: str | None = None) -> list[dict[str, Any]]:
    r = await client.post("/public/graphql", json={"query": QUERY, "variables": {"unit": unit}})
    assert r.status_code == 200, r.text
    body = r.json()
    assert "errors" not in body, body
    links: list[dict[str, Any]] = body["data"]["surveyServices"]
    return links


async def test_active_services_are_listed_with_their_survey_path(
    client: httpx.AsyncClient, survey_org: SurveyOrg
) -> None:
    links = await _links(client)
    by_code = {link["code"]: link for link in links}
    # LAMA is inactive: no link leads to a form that refuses answers.
    assert set(by_code) == {"KTP", "AKTA", "IZIN"}
    ktp = by_code["KTP"]
    assert ktp["unitCode"] == "DINAS"
    assert ktp["name"] == "Layanan KTP"
    assert ktp["surveyPath"] == f"/layanan/{survey_org.tokens['KTP']}"
    # The path opens the service's survey.
    info = await client.get(f"/public/survey/{survey_org.tokens['KTP']}")
    assert info.status_code == 200


async def test_filter_by_unit_code_is_exact_and_case_insensitive(
    client: httpx.AsyncClient, survey_org: SurveyOrg
) -> None:
    assert [link["code"] for link in await _links(client, " dinas ")] == ["KTP"]
    assert [link["code"] for link in await _links(client, "DINAS2")] == ["IZIN"]
    assert await _links(client, "TIDAK-ADA") == []
    assert await _links(client, "x" * 5_000) == []
    assert await _links(client, "'; DROP TABLE unit; --") == []


async def test_a_deactivated_or_rotated_service_changes_the_cached_answer(
    client: httpx.AsyncClient, app: Starlette, db: Database, survey_org: SurveyOrg
) -> None:
    # The public answer cache keys on a fingerprint of the public data (rechecked every second,
    # or at once when told): the services must be part of it.
    front = app.state.public_front
    assert len(await _links(client)) == 3
    actor = system_actor("test")
    await services.update_service(
        db, actor, survey_org.ids["svc:IZIN"], services.ServiceChanges(active=False)
    )
    front.invalidate()
    assert {link["code"] for link in await _links(client)} == {"KTP", "AKTA"}
    rotated = await services.rotate_survey_token(db, actor, survey_org.ids["svc:KTP"])
    front.invalidate()
    ktp = next(link for link in await _links(client) if link["code"] == "KTP")
    assert ktp["surveyPath"] == f"/layanan/{rotated.survey_token}"


async def test_empty_database_lists_nothing(client: httpx.AsyncClient) -> None:
    assert await _links(client) == []
