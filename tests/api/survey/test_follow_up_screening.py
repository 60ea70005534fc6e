"""Issue 10 point 5: a unit's follow-up texts pass the comments' officer-name/NIP screening;
a text that matches is held until a moderator other than its author approves it, and only
screened or approved texts reach a release (API and downloads)."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from server.app import create_app
from server.config import Settings
from server.db.engine import Database
from server.db.models import AuditEvent, SurveyFollowUp
from server.domain.enums import TextReview
from server.services.actor import system_actor
from server.services.releases import read
from server.services.releases.publish import options_from_settings, publish_release
from tests.api.survey.conftest import SurveyOrg, as_user, payload
from tests.conftest import gql

CREATE = """
mutation($input: CreateSurveyFollowUpInput!) {
  createSurveyFollowUp(input: $input) { result { id action review } errors { code field } }
}"""
UPDATE = """
mutation($input: UpdateSurveyFollowUpInput!) {
  updateSurveyFollowUp(input: $input) { result { id action review } errors { code } }
}"""
REVIEW = """
mutation($input: ReviewSurveyFollowUpInput!) {
  reviewSurveyFollowUp(input: $input) { result { id review } errors { code field message } }
}"""

HOSTILE = [
    "Pak Budi akan melatih petugas loket",
    "Ibu Dra. Sri Wahyuni mengawasi antrean",
    "Bpk. H. Slamet menambah kursi",
    "Penanggung jawab NIP 19860926.201505.1.001",
    "Penanggung jawab 1986 0926 2015 05 1 001",
    "Koordinator Indah Retno Susanti, S.Sos.",
]
CLEAN = "Menambah dua loket pada jam sibuk"


async def _create(client: httpx.AsyncClient, unit_id: int, action: str) -> dict[str, Any]:
    body = await gql(
        client, CREATE, {"input": {"unitId": str(unit_id), "year": 2026, "action": action}}
    )
    result: dict[str, Any] = payload(body, "createSurveyFollowUp")["result"]
    return result


async def _review(
    client: httpx.AsyncClient, id_: str, decision: str, expected: str | None = None
) -> dict[str, Any]:
    body = await gql(
        client,
        REVIEW,
        {"input": {"id": id_, "decision": decision, "expectedReview": expected}},
    )
    return payload(body, "reviewSurveyFollowUp")


async def _published_actions(db: Database, settings: Settings, supersede: bool) -> list[str]:
    options = options_from_settings(settings, provisional=True, supersede=supersede)
    result = await publish_release(db, system_actor("test"), "2026-S1", options)
    snapshot = await read.load_release(db, result.number)
    assert snapshot is not None
    return [f.action for f in snapshot.follow_ups]


@pytest.mark.parametrize("text", HOSTILE)
async def test_a_text_naming_an_officer_is_held(
    client: httpx.AsyncClient, survey_org: SurveyOrg, text: str
) -> None:
    await as_user(client, "manager")
    created = await _create(client, survey_org.ids["DINAS"], text)
    assert created["review"] == "MENUNGGU"


async def test_held_texts_wait_for_another_moderator_before_publication(
    client: httpx.AsyncClient, db: Database, settings: Settings, survey_org: SurveyOrg
) -> None:
    await as_user(client, "manager")
    clean = await _create(client, survey_org.ids["DINAS"], CLEAN)
    assert clean["review"] == "BERSIH"
    held = await _create(client, survey_org.ids["DINAS"], HOSTILE[0])
    assert held["review"] == "MENUNGGU"
    assert await _published_actions(db, settings, supersede=False) == [CLEAN]

    # Its author may not approve it; nothing changes.
    refused = await _review(client, held["id"], "DISETUJUI")
    assert refused["errors"][0]["code"] == "FORBIDDEN"
    # Wrong input: a decision that is not one, an unknown id, a text that needs no review.
    await as_user(client, "hradmin")
    bad = await _review(client, held["id"], "MENUNGGU")
    assert (bad["errors"][0]["code"], bad["errors"][0]["field"]) == ("INVALID_INPUT", "decision")
    missing = await _review(client, "999999", "DISETUJUI")
    assert missing["errors"][0]["code"] == "NOT_FOUND"
    nothing = await _review(client, clean["id"], "DISETUJUI")
    assert nothing["errors"][0]["code"] == "INVALID_STATE"
    stale = await _review(client, held["id"], "DISETUJUI", expected="DITOLAK")
    assert stale["errors"][0]["code"] == "CONFLICT"
    # Others without write rights on the unit may not decide.
    for user in ("auditor", "staf", "kadis2"):
        await as_user(client, user)
        denied = await _review(client, held["id"], "DISETUJUI")
        assert denied["errors"][0]["code"] == "FORBIDDEN", user
    async with db.read() as s:
        row = await s.get(SurveyFollowUp, int(held["id"]))
        assert row is not None
        assert row.review is TextReview.MENUNGGU

    # Another moderator approves: the next release carries it, and the decision is audited.
    await as_user(client, "hradmin")
    approved = await _review(client, held["id"], "DISETUJUI", expected="MENUNGGU")
    assert approved["result"] == {"id": held["id"], "review": "DISETUJUI"}
    assert await _published_actions(db, settings, supersede=True) == [CLEAN, HOSTILE[0]]
    async with db.read() as s:
        events = list(
            await s.scalars(
                sa.select(AuditEvent).where(AuditEvent.action == "survey_follow_up.review")
            )
        )
    assert len(events) == 1
    assert events[0].after is not None
    assert events[0].after["review"] == "DISETUJUI"

    # A changed text is screened again: the approval of the old text does not carry over.
    await as_user(client, "manager")
    edited = payload(
        await gql(client, UPDATE, {"input": {"id": held["id"], "action": HOSTILE[3]}}),
        "updateSurveyFollowUp",
    )["result"]
    assert edited["review"] == "MENUNGGU"
    cleaned = payload(
        await gql(client, UPDATE, {"input": {"id": held["id"], "action": "Pelatihan petugas"}}),
        "updateSurveyFollowUp",
    )["result"]
    assert cleaned["review"] == "BERSIH"
    # A refused text is not published.
    again = await _create(client, survey_org.ids["DINAS"], HOSTILE[1])
    await as_user(client, "hradmin")
    assert (await _review(client, again["id"], "DITOLAK"))["result"]["review"] == "DITOLAK"
    actions = await _published_actions(db, settings, supersede=True)
    assert HOSTILE[1] not in actions
    assert "Pelatihan petugas" in actions


@pytest.mark.parametrize(
    "note", ["Koreksi data Pak Budi", "NIP 19860926 201505 1 001 terlewat", "Ibu Dra. Sri pindah"]
)
async def test_a_public_release_note_naming_an_officer_is_refused(
    db: Database, settings: Settings, survey_org: SurveyOrg, note: str
) -> None:
    from server.db.models import Release
    from server.services.errors import ServiceError

    options = options_from_settings(settings, provisional=True, note=note)
    with pytest.raises(ServiceError) as refused:
        await publish_release(db, system_actor("test"), "2026-S1", options)
    assert refused.value.field == "note"
    async with db.read() as s:
        assert list(await s.scalars(sa.select(Release.id))) == []
    fine = options_from_settings(settings, provisional=True, note="Koreksi: satu unit terlewat")
    assert (await publish_release(db, system_actor("test"), "2026-S1", fine)).number == 1


CREATE_SERVICE = """
mutation($input: CreateSurveyServiceInput!) {
  createSurveyService(input: $input) {
    result { id code name description textReview surveyToken } errors { code field }
  }
}"""
UPDATE_SERVICE = """
mutation($input: UpdateSurveyServiceInput!) {
  updateSurveyService(input: $input) { result { id textReview } errors { code field } }
}"""
REVIEW_SERVICE = """
mutation($input: ReviewSurveyServiceTextsInput!) {
  reviewSurveyServiceTexts(input: $input) { result { id textReview } errors { code field } }
}"""


@pytest.fixture
async def uncached(settings: Settings, db: Database) -> AsyncIterator[httpx.AsyncClient]:
    """A client of an app whose public cache looks at the data on every request (the default
    looks again after a second; this test changes service texts faster than that)."""
    app = create_app(dataclasses.replace(settings, public_cache_recheck_seconds=0), db)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


async def test_service_texts_naming_an_officer_stay_private_until_approved(
    uncached: httpx.AsyncClient, db: Database, settings: Settings, survey_org: SurveyOrg
) -> None:
    """A service's name and description are published (survey form, survey list, releases):
    the same screening; while held the public sees the code and no description."""
    client = uncached
    await as_user(client, "manager")
    created = payload(
        await gql(
            client,
            CREATE_SERVICE,
            {
                "input": {
                    "unitId": str(survey_org.ids["DINAS"]),
                    "code": "KONSUL",
                    "name": "Konsultasi perizinan",
                    "description": "Dilayani Bapak Ir. Joko Santoso, NIP 19860926.201505.1.001",
                }
            },
        ),
        "createSurveyService",
    )["result"]
    assert created["textReview"] == "MENUNGGU"
    token = created["surveyToken"]

    async def public_view() -> tuple[str, str | None, str, str]:
        form = (await client.get(f"/public/survey/{token}")).json()["service"]
        listed = await client.post(
            "/public/graphql", json={"query": "{ surveyServices { code name } }"}
        )
        names = {s["code"]: s["name"] for s in listed.json()["data"]["surveyServices"]}
        html = (await client.get(f"/survei/{token}")).text
        return form["name"], form["description"], names["KONSUL"], html

    name, description, listed_name, html = await public_view()
    assert (name, description, listed_name) == ("KONSUL", None, "KONSUL")
    assert "Joko" not in html
    assert "19860926" not in html
    options = options_from_settings(settings, provisional=True)
    number = (await publish_release(db, system_actor("test"), "2026-S1", options)).number
    snapshot = await read.load_release(db, number)
    assert snapshot is not None
    assert {s.code: s.name for s in snapshot.services}["KONSUL"] == "KONSUL"

    # The author may not approve; another moderator may; then the texts are public.
    refused = payload(
        await gql(
            client, REVIEW_SERVICE, {"input": {"id": created["id"], "decision": "DISETUJUI"}}
        ),
        "reviewSurveyServiceTexts",
    )
    assert refused["errors"][0]["code"] == "FORBIDDEN"
    await as_user(client, "auditor")
    denied = payload(
        await gql(
            client, REVIEW_SERVICE, {"input": {"id": created["id"], "decision": "DISETUJUI"}}
        ),
        "reviewSurveyServiceTexts",
    )
    assert denied["errors"][0]["code"] == "FORBIDDEN"
    await as_user(client, "hradmin")
    approved = payload(
        await gql(
            client,
            REVIEW_SERVICE,
            {"input": {"id": created["id"], "decision": "DISETUJUI", "expectedReview": "MENUNGGU"}},
        ),
        "reviewSurveyServiceTexts",
    )
    assert approved["result"]["textReview"] == "DISETUJUI"
    name, description, listed_name, _html = await public_view()
    assert (name, listed_name) == ("Konsultasi perizinan", "Konsultasi perizinan")
    assert description is not None
    assert "Joko" in description
    # A new description is screened again (the approval does not carry over).
    await as_user(client, "manager")
    changed = payload(
        await gql(
            client,
            UPDATE_SERVICE,
            {"input": {"id": created["id"], "description": "Hubungi Mbak Rina di loket 3"}},
        ),
        "updateSurveyService",
    )["result"]
    assert changed["textReview"] == "MENUNGGU"
    assert (await public_view())[:3] == ("KONSUL", None, "KONSUL")
