"""The no-JavaScript form page, its stylesheet, the SPA's info document and the QR downloads."""

from __future__ import annotations

import re

import httpx
import pytest
from starlette.applications import Starlette

from server.db.engine import Database
from server.domain.ikm import UNSUR
from server.services.actor import system_actor
from server.services.survey import services
from server.services.survey.options import PROFILE_FIELDS
from server.services.survey.qr import qr_png, qr_svg, survey_url
from tests.api.survey.conftest import SurveyOrg

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


async def test_form_has_all_nine_unsur_with_their_labels(
    client: httpx.AsyncClient, survey_org: SurveyOrg
) -> None:
    token = survey_org.tokens["KTP"]
    r = await client.get(f"/survei/{token}")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    html = r.text
    assert '<html lang="id">' in html
    assert 'name="viewport"' in html
    assert "Layanan KTP" in html
    assert "Unit DINAS" in html
    assert html.count("<fieldset") == 10  # nine unsur and the profile
    assert html.count("<legend>") == 10
    for number, info in enumerate(UNSUR, start=1):
        assert f"<legend>{number}. {info.name} " in html
        for score, label in enumerate(info.answers, start=1):
            assert (
                f'<label><input type="radio" name="{info.code.value.lower()}" value="{score}"> '
                f"{label}</label>"
            ) in html
    for p in PROFILE_FIELDS:
        assert f'<label for="{p.field}">' in html
        for c in p.choices:
            assert f'<option value="{c.code}">' in html
    assert 'for="comment"' in html
    assert 'maxlength="2000"' in html
    # The form posts to itself; the honeypot is hidden by a class, never by inline style.
    assert f'<form method="post" action="/survei/{token}"' in html
    assert 'class="hp" aria-hidden="true"' in html
    assert 'name="website"' in html
    assert 'tabindex="-1"' in html
    assert "<script" not in html
    assert "style=" not in html
    assert "<style" not in html
    assert 'lang="en"' in html  # English hints
    assert not re.search(r"name=\"(nama|name|telepon|phone|alamat|address)\"", html)
    assert "set-cookie" not in r.headers
    assert "default-src 'self'" in r.headers["content-security-policy"]


async def test_stylesheet_is_served_and_hides_the_honeypot(client: httpx.AsyncClient) -> None:
    r = await client.get("/public/survey/form.css")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/css")
    assert ".hp{" in r.text


async def test_info_document_for_the_spa(client: httpx.AsyncClient, survey_org: SurveyOrg) -> None:
    r = await client.get(f"/public/survey/{survey_org.tokens['AKTA']}")
    assert r.status_code == 200
    body = r.json()
    assert body["service"]["name"] == "Layanan AKTA"
    assert [q["unsur"] for q in body["questions"]] == [f"U{i}" for i in range(1, 10)]
    assert body["questions"][3]["answers"][3] == {"value": 4, "label": "Gratis"}
    assert body["minAnswered"] == 5
    assert "id" not in body["service"]  # nothing internal
    missing = await client.get(f"/public/survey/{survey_org.tokens['LAMA']}")
    assert missing.status_code == 404


def test_survey_url_is_the_absolute_public_link() -> None:
    token = "AbC_-123456789012345678901234567"
    assert survey_url("https://kinerja.salatiga.go.id/", token) == (
        f"https://kinerja.salatiga.go.id/survei/{token}"
    )
    assert survey_url("http://127.0.0.1:8000", token) == f"http://127.0.0.1:8000/survei/{token}"
    assert qr_png(survey_url("http://x", token)).startswith(PNG_SIGNATURE)
    assert b"<svg" in qr_svg("http://x/survei/t", "judul")


async def test_qr_downloads_encode_the_survey_link(
    client: httpx.AsyncClient, survey_org: SurveyOrg, monkeypatch: pytest.MonkeyPatch
) -> None:
    import server.http.survey_routes as routes

    given: list[str] = []
    real_png, real_svg = qr_png, qr_svg  # what the routes module imported

    def spy_png(url: str) -> bytes:
        given.append(url)
        return real_png(url)

    def spy_svg(url: str, title: str) -> bytes:
        given.append(url)
        return real_svg(url, title)

    monkeypatch.setattr(routes, "qr_png", spy_png)
    monkeypatch.setattr(routes, "qr_svg", spy_svg)
    token = survey_org.tokens["KTP"]
    expected = f"http://127.0.0.1:8000/survei/{token}"

    svg = await client.get(f"/public/survey/{token}/qr.svg")
    assert svg.status_code == 200
    assert svg.headers["content-type"].startswith("image/svg+xml")
    assert "<svg" in svg.text
    assert expected in svg.text
    assert "<script" not in svg.text
    assert svg.headers["cache-control"].startswith("public")
    png = await client.get(f"/public/survey/{token}/qr.png")
    assert png.status_code == 200
    assert png.headers["content-type"] == "image/png"
    assert png.content.startswith(PNG_SIGNATURE)
    assert given == [expected, expected]

    again = await client.get(
        f"/public/survey/{token}/qr.png", headers={"If-None-Match": png.headers["etag"]}
    )
    assert again.status_code == 304


async def test_qr_of_unknown_inactive_or_rotated_token_is_404(
    client: httpx.AsyncClient, db: Database, survey_org: SurveyOrg
) -> None:
    for token in ("tidak-ada-token-seperti-ini-12345", survey_org.tokens["LAMA"]):
        for kind in ("svg", "png"):
            r = await client.get(f"/public/survey/{token}/qr.{kind}")
            assert r.status_code == 404
    old = survey_org.tokens["KTP"]
    rotated = await services.rotate_survey_token(
        db, system_actor("test"), survey_org.ids["svc:KTP"]
    )
    assert rotated.survey_token != old
    assert (await client.get(f"/public/survey/{old}/qr.png")).status_code == 404
    assert (await client.get(f"/survei/{old}")).status_code == 404
    assert (await client.get(f"/public/survey/{rotated.survey_token}/qr.png")).status_code == 200


async def test_base_url_comes_from_settings(app: Starlette, survey_org: SurveyOrg) -> None:
    from dataclasses import replace

    app.state.settings = replace(app.state.settings, public_base_url="https://skm.salatiga.go.id")
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        r = await c.get(f"/public/survey/{survey_org.tokens['IZIN']}/qr.svg")
    assert f"https://skm.salatiga.go.id/survei/{survey_org.tokens['IZIN']}" in r.text
