"""Public submission: both paths, every abuse case with its reason, nothing stored when refused,
and no accepted answer ever lost."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
import sqlalchemy as sa
from starlette.applications import Starlette

from server.db.engine import Database
from server.db.models import AuditEvent, SurveyResponse
from server.domain.enums import CommentStatus, SurveyChannel
from server.services.survey.submission import (
    ClientInfo,
    SubmissionRejected,
    SurveyLimits,
    parse_json,
    submit_response,
)
from tests.api.survey.conftest import ALL_FOUR, UA, SurveyOrg, answers, client_at, count_rows
from tests.conftest import audit_actions

FORM_HEADERS = {"Content-Type": "application/x-www-form-urlencoded"}


def form_body(fields: dict[str, Any]) -> str:
    return urlencode({k: str(v) for k, v in fields.items()})


async def post_json(c: httpx.AsyncClient, token: str, body: Any) -> httpx.Response:
    return await c.post(f"/public/survey/{token}", json=body)


async def post_form(c: httpx.AsyncClient, token: str, fields: dict[str, Any]) -> httpx.Response:
    return await c.post(f"/survei/{token}", content=form_body(fields), headers=FORM_HEADERS)


async def test_json_answer_is_stored_without_the_address(
    app: Starlette, db: Database, survey_org: SurveyOrg
) -> None:
    token = survey_org.tokens["KTP"]
    async with client_at(app, "198.51.100.23") as c:
        r = await post_json(
            c,
            token,
            answers(
                4,
                3,
                3,
                4,
                3,
                None,
                4,
                2,
                3,
                gender="PEREMPUAN",
                age_band="30_39",
                education="D4_S1",
                occupation="WIRASWASTA",
                website="",
            ),
        )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["ok"] is True
    assert "set-cookie" not in r.headers
    async with db.read() as s:
        row = (await s.scalars(sa.select(SurveyResponse))).one()
        events = (await s.scalars(sa.select(AuditEvent))).all()
    assert str(row.id) == body["id"]
    assert row.channel is SurveyChannel.APLIKASI
    assert (row.u1, row.u6, row.u8) == (4, None, 2)
    assert (row.gender, row.age_band, row.education, row.occupation) == (
        "PEREMPUAN",
        "30_39",
        "D4_S1",
        "WIRASWASTA",
    )
    assert row.comment is None
    assert row.comment_status is None
    assert len(row.submitter_fingerprint) == 64
    assert int(row.submitter_fingerprint, 16) >= 0  # hex, no address inside
    # The address is nowhere: not in the answer, not in the audit log.
    for event in events:
        assert "198.51.100.23" not in str(event.before) + str(event.after)
        assert event.client_address is None
    assert await audit_actions(db, "survey_response.") == ["survey_response.submit"]


async def test_form_answer_gets_a_thank_you_page(
    app: Starlette, db: Database, survey_org: SurveyOrg
) -> None:
    async with client_at(app, "198.51.100.24") as c:
        r = await post_form(c, survey_org.tokens["AKTA"], {**ALL_FOUR, "comment": "Cepat sekali."})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "Terima kasih" in r.text
    assert "Cepat sekali." in r.text
    assert "set-cookie" not in r.headers
    async with db.read() as s:
        row = (await s.scalars(sa.select(SurveyResponse))).one()
    assert row.channel is SurveyChannel.FORMULIR
    assert row.comment == "Cepat sekali."
    assert row.comment_status is CommentStatus.MENUNGGU


async def test_many_valid_answers_are_never_lost(
    app: Starlette, db: Database, survey_org: SurveyOrg
) -> None:
    ids: set[str] = set()
    sent = 0
    for a in range(6):
        async with client_at(app, f"203.0.113.{a + 1}") as c:
            for code in ("KTP", "AKTA", "IZIN"):
                for k in range(4):  # under the per-service limit of 5
                    scores = [(a + k + i) % 4 + 1 for i in range(9)]
                    fields = {f"u{i}": s for i, s in enumerate(scores, start=1)}
                    if k % 2:
                        r = await post_form(c, survey_org.tokens[code], fields)
                        assert r.status_code == 200, r.text
                    else:
                        r = await post_json(c, survey_org.tokens[code], fields)
                        assert r.status_code == 200, r.text
                        ids.add(r.json()["id"])
                    sent += 1
    assert sent == 72
    assert await count_rows(db) == 72
    assert len(ids) == 36
    async with db.read() as s:
        per_service = dict(
            (
                await s.execute(
                    sa.select(SurveyResponse.service_id, sa.func.count()).group_by(
                        SurveyResponse.service_id
                    )
                )
            ).all()
        )
    assert sorted(per_service.values()) == [24, 24, 24]


@pytest.mark.parametrize("path", ["json", "form"])
async def test_unknown_or_inactive_token_is_404(
    app: Starlette, db: Database, survey_org: SurveyOrg, path: str
) -> None:
    async with client_at(app, "198.51.100.30") as c:
        for token in ("tidak-ada-token-seperti-ini-12345", survey_org.tokens["LAMA"], "x"):
            if path == "json":
                r = await post_json(c, token, ALL_FOUR)
                assert r.json()["error"]["code"] == "NOT_FOUND"
            else:
                r = await post_form(c, token, ALL_FOUR)
                assert "tidak ditemukan" in r.text
            assert r.status_code == 404
            g = await c.get(f"/survei/{token}")
            assert g.status_code == 404
    assert await count_rows(db) == 0


@pytest.mark.parametrize("path", ["json", "form"])
async def test_filled_honeypot_is_refused_and_not_stored(
    app: Starlette, db: Database, survey_org: SurveyOrg, path: str
) -> None:
    fields = {**ALL_FOUR, "website": "http://spam.example"}
    async with client_at(app, "198.51.100.31") as c:
        if path == "json":
            r = await post_json(c, survey_org.tokens["KTP"], fields)
            assert r.json()["error"]["code"] == "INVALID_FORM"
            assert r.json()["error"]["message"].startswith("Formulir tidak valid")
        else:
            r = await post_form(c, survey_org.tokens["KTP"], fields)
            assert "Formulir tidak valid" in r.text
    assert r.status_code == 422
    assert await count_rows(db) == 0
    assert await audit_actions(db, "survey_response.") == []


@pytest.mark.parametrize("path", ["json", "form"])
async def test_personal_fields_are_rejected_not_stored(
    app: Starlette, db: Database, survey_org: SurveyOrg, path: str
) -> None:
    fields = {**ALL_FOUR, "nama": "Budi", "telepon": "0812", "alamat": "Jl. Diponegoro"}
    async with client_at(app, "198.51.100.32") as c:
        if path == "json":
            r = await post_json(c, survey_org.tokens["KTP"], fields)
            error = r.json()["error"]
            assert error["code"] == "INVALID_FORM"
            assert set(error["fields"]) == {"nama", "telepon", "alamat"}
        else:
            r = await post_form(c, survey_org.tokens["KTP"], fields)
            assert "Kolom tidak dikenal" in r.text
    assert r.status_code == 422
    assert await count_rows(db) == 0


@pytest.mark.parametrize(
    ("body", "field", "reason"),
    [
        (answers(4, 4, 4, 4), "answers", "sedikitnya 5 dari 9"),
        ({**ALL_FOUR, "u3": 5}, "u3", "empat jawaban"),
        ({**ALL_FOUR, "u3": 0}, "u3", "empat jawaban"),
        ({**ALL_FOUR, "u3": "3"}, "u3", "empat jawaban"),
        ({**ALL_FOUR, "u3": True}, "u3", "empat jawaban"),
        ({**ALL_FOUR, "u3": 2.5}, "u3", "empat jawaban"),
        ({**ALL_FOUR, "gender": "X"}, "gender", "pilihan tidak dikenal"),
        ({**ALL_FOUR, "age_band": "25"}, "age_band", "pilihan tidak dikenal"),
        ({**ALL_FOUR, "education": "SMA"}, "education", "pilihan tidak dikenal"),
        ({**ALL_FOUR, "occupation": ["PNS_TNI_POLRI"]}, "occupation", "pilihan tidak dikenal"),
        ({**ALL_FOUR, "comment": "x" * 2001}, "comment", "maksimal 2000"),
        ({**ALL_FOUR, "comment": "ok\x00"}, "comment", "karakter kendali"),
        ({**ALL_FOUR, "comment": 12}, "comment", "teks"),
    ],
)
async def test_invalid_answers_get_a_reason_per_field(
    app: Starlette,
    db: Database,
    survey_org: SurveyOrg,
    body: dict[str, Any],
    field: str,
    reason: str,
) -> None:
    async with client_at(app, "198.51.100.33") as c:
        r = await post_json(c, survey_org.tokens["KTP"], body)
    assert r.status_code == 422
    error = r.json()["error"]
    assert error["code"] == "INVALID_INPUT"
    assert reason in error["fields"][field]
    assert await count_rows(db) == 0


async def test_form_errors_keep_the_answers_and_name_the_problem(
    app: Starlette, db: Database, survey_org: SurveyOrg
) -> None:
    async with client_at(app, "198.51.100.34") as c:
        r = await post_form(
            c,
            survey_org.tokens["KTP"],
            {"u1": 3, "u2": 4, "comment": "<script>alert(1)</script>", "gender": "PEREMPUAN"},
        )
    assert r.status_code == 422
    assert "sedikitnya 5 dari 9" in r.text
    assert 'name="u1" value="3" checked' in r.text
    assert '<option value="PEREMPUAN" selected>' in r.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;</textarea>" in r.text
    assert "<script>" not in r.text
    assert await count_rows(db) == 0


async def test_script_in_a_comment_is_escaped_on_the_thank_you_page(
    app: Starlette, db: Database, survey_org: SurveyOrg
) -> None:
    comment = '<script>alert("x")</script><img src=x onerror=alert(1)> & "kutip"'
    async with client_at(app, "198.51.100.35") as c:
        r = await post_form(c, survey_org.tokens["KTP"], {**ALL_FOUR, "comment": comment})
    assert r.status_code == 200
    assert "<script" not in r.text
    assert "<img" not in r.text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in r.text
    async with db.read() as s:
        stored = await s.scalar(sa.select(SurveyResponse.comment))
    assert stored == comment  # stored as written; escaped only when shown


async def test_duplicate_answer_within_a_day_is_refused(
    app: Starlette, db: Database, survey_org: SurveyOrg
) -> None:
    token = survey_org.tokens["KTP"]
    async with client_at(app, "198.51.100.36") as c:
        assert (await post_json(c, token, ALL_FOUR)).status_code == 200
        r = await post_json(c, token, ALL_FOUR)
        assert r.status_code == 409
        assert r.json()["error"]["code"] == "DUPLICATE"
        assert "24 jam" in r.json()["error"]["message"]
        f = await post_form(c, token, ALL_FOUR)
        assert f.status_code == 409
        assert "Jawaban sudah diterima" in f.text
        # Different answers from the same device are a new answer.
        assert (await post_json(c, token, {**ALL_FOUR, "u9": 3})).status_code == 200
        # The same answers for another service are not a duplicate either.
        assert (await post_json(c, survey_org.tokens["AKTA"], ALL_FOUR)).status_code == 200
    assert await count_rows(db) == 3


async def test_per_service_rate_limit_answers_429_with_retry_after(
    app: Starlette, db: Database, survey_org: SurveyOrg
) -> None:
    token = survey_org.tokens["KTP"]
    async with client_at(app, "198.51.100.37") as c:
        for k in range(5):
            r = await post_json(c, token, {**ALL_FOUR, "u1": k % 4 + 1, "u2": k // 4 + 1})
            assert r.status_code == 200, r.text
        r = await post_json(c, token, {**ALL_FOUR, "u1": 1, "u2": 3})
        assert r.status_code == 429
        assert 3_500 <= int(r.headers["retry-after"]) <= 3_600
        assert r.json()["error"]["code"] == "RATE_LIMITED"
        f = await post_form(c, token, {**ALL_FOUR, "u1": 2, "u2": 3})
        assert f.status_code == 429
        assert "retry-after" in f.headers
        assert "Terlalu banyak jawaban" in f.text
        # Another service from the same address is still open.
        assert (await post_json(c, survey_org.tokens["AKTA"], ALL_FOUR)).status_code == 200
    async with client_at(app, "198.51.100.38") as other:  # and so is another address
        assert (await post_json(other, token, ALL_FOUR)).status_code == 200
    assert await count_rows(db) == 7


SECRET = b"rahasia-uji"
NOON_WIB = datetime(2026, 5, 4, 5, 0, tzinfo=UTC)
DEFAULT_LIMITS = SurveyLimits()
PHONE = ClientInfo("192.0.2.1", UA)


async def _submit(
    db: Database,
    token: str,
    body: dict[str, Any],
    now: datetime,
    limits: SurveyLimits = DEFAULT_LIMITS,
    client: ClientInfo = PHONE,
) -> int:
    accepted = await submit_response(
        db,
        token,
        parse_json(body),
        client,
        secret=SECRET,
        channel=SurveyChannel.APLIKASI,
        limits=limits,
        now=now,
    )
    return accepted.id


async def test_per_address_limit_spans_services_and_frees_up_after_an_hour(
    db: Database, survey_org: SurveyOrg
) -> None:
    limits = SurveyLimits(per_service_per_hour=100, per_address_per_hour=3)
    tokens = survey_org.tokens
    await _submit(db, tokens["KTP"], ALL_FOUR, NOON_WIB, limits)
    await _submit(db, tokens["AKTA"], ALL_FOUR, NOON_WIB + timedelta(minutes=10), limits)
    # Another browser on the same address still counts towards the address limit.
    other_ua = ClientInfo("192.0.2.1", "Firefox lain")
    await _submit(db, tokens["IZIN"], ALL_FOUR, NOON_WIB + timedelta(minutes=20), limits, other_ua)
    with pytest.raises(SubmissionRejected) as caught:
        await _submit(
            db, tokens["KTP"], {**ALL_FOUR, "u1": 1}, NOON_WIB + timedelta(minutes=30), limits
        )
    assert caught.value.status == 429
    assert caught.value.retry_after == 30 * 60  # when the oldest of the three leaves the hour
    assert await count_rows(db) == 3
    await _submit(
        db, tokens["KTP"], {**ALL_FOUR, "u1": 1}, NOON_WIB + timedelta(minutes=61), limits
    )
    assert await count_rows(db) == 4


async def test_duplicate_and_limits_hold_across_local_midnight(
    db: Database, survey_org: SurveyOrg
) -> None:
    token = survey_org.tokens["KTP"]
    before_midnight = datetime(2026, 5, 4, 16, 50, tzinfo=UTC)  # 23:50 WIB
    await _submit(db, token, ALL_FOUR, before_midnight)
    with pytest.raises(SubmissionRejected) as caught:
        await _submit(db, token, ALL_FOUR, before_midnight + timedelta(minutes=20))  # 00:10
    assert caught.value.code == "DUPLICATE"
    # A day later the same answers count again.
    await _submit(db, token, ALL_FOUR, before_midnight + timedelta(hours=24, minutes=1))
    limits = SurveyLimits(per_service_per_hour=2, per_address_per_hour=30)
    start = datetime(2026, 6, 1, 16, 40, tzinfo=UTC)  # 23:40 WIB
    await _submit(db, token, {**ALL_FOUR, "u1": 1}, start, limits)
    await _submit(db, token, {**ALL_FOUR, "u1": 2}, start + timedelta(minutes=10), limits)
    with pytest.raises(SubmissionRejected) as caught:
        await _submit(db, token, {**ALL_FOUR, "u1": 3}, start + timedelta(minutes=25), limits)
    assert caught.value.status == 429


async def test_comment_naming_an_officer_is_forwarded_at_once(
    app: Starlette, db: Database, survey_org: SurveyOrg
) -> None:
    async with client_at(app, "198.51.100.39") as c:
        r = await post_json(
            c,
            survey_org.tokens["KTP"],
            {**ALL_FOUR, "comment": "Pak Budi di loket 2 kurang ramah."},
        )
        assert r.json()["commentStatus"] == "DITERUSKAN"
        f = await post_form(c, survey_org.tokens["AKTA"], {**ALL_FOUR, "comment": "Ibu Sri ramah."})
        assert "tidak akan dipublikasikan" in f.text
        ok = await post_json(c, survey_org.tokens["IZIN"], {**ALL_FOUR, "comment": "Antrean rapi."})
        assert ok.json()["commentStatus"] == "MENUNGGU"
    async with db.read() as s:
        statuses = sorted(str(v) for v in await s.scalars(sa.select(SurveyResponse.comment_status)))
    assert statuses == ["DITERUSKAN", "DITERUSKAN", "MENUNGGU"]


async def test_hostile_bodies(app: Starlette, db: Database, survey_org: SurveyOrg) -> None:
    token = survey_org.tokens["KTP"]
    async with client_at(app, "198.51.100.40") as c:
        huge = "comment=" + "a" * 100_000
        r = await c.post(f"/survei/{token}", content=huge, headers=FORM_HEADERS)
        assert r.status_code == 413
        r = await c.post(
            f"/public/survey/{token}",
            content=b'{"comment": "' + b"a" * 100_000 + b'"}',
            headers={"Content-Type": "application/json"},
        )
        assert r.status_code == 413
        # Wrong content types.
        r = await c.post(f"/survei/{token}", json=ALL_FOUR)
        assert r.status_code == 415
        r = await c.post(
            f"/public/survey/{token}", content=form_body(ALL_FOUR), headers=FORM_HEADERS
        )
        assert r.status_code == 415
        assert r.json()["error"]["code"] == "UNSUPPORTED_MEDIA_TYPE"
        r = await c.post(
            f"/public/survey/{token}", content=b"u1=4", headers={"Content-Type": "text/plain"}
        )
        assert r.status_code == 415
        # Malformed and non-object JSON.
        for raw in (b"{", b"[1, 2]", b'"u1"', b"null", b"5", b"[]"):
            r = await c.post(
                f"/public/survey/{token}", content=raw, headers={"Content-Type": "application/json"}
            )
            assert r.status_code == 400, raw
            assert r.json()["error"]["code"] == "INVALID_FORM"
        # A field sent twice, bytes that are not UTF-8, too many fields.
        r = await c.post(
            f"/survei/{token}", content=form_body(ALL_FOUR) + "&u1=1", headers=FORM_HEADERS
        )
        assert r.status_code == 422
        assert "dikirim lebih dari sekali" in r.text
        r = await c.post(f"/survei/{token}", content=b"u1=\xff\xfe", headers=FORM_HEADERS)
        assert r.status_code == 422
        r = await c.post(
            f"/survei/{token}",
            content="&".join(f"x{i}=1" for i in range(200)),
            headers=FORM_HEADERS,
        )
        assert r.status_code == 422
        # A GET mutation does not exist.
        r = await c.get(f"/public/survey/{token}?u1=4")
        assert r.status_code == 200  # the info document; nothing stored
    assert await count_rows(db) == 0
