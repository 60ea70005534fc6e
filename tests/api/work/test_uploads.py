"""POST /api/uploads: streamed, size-limited, type by content, stored once by SHA-256."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from starlette.applications import Starlette
from starlette.types import Message

from server.app import create_app
from server.config import Settings
from server.db.engine import Database
from server.db.models import AuditEvent, StoredFile, Upload
from server.services.auth import SESSION_COOKIE
from tests.api.work import samples
from tests.api.work.conftest import count_rows, stored_paths, temp_paths, upload
from tests.conftest import ClientFactory, SmallOrg, login


@pytest.mark.parametrize("code", list(samples.ALL))
async def test_each_allowed_type_is_accepted_and_stored_by_hash(
    code: str, client_for: ClientFactory, small_org: SmallOrg, settings: Settings, db: Database
) -> None:
    build, name, media_type = samples.ALL[code]
    content = build()
    staf = await client_for("staf")
    response = await upload(staf, content, name)
    assert response.status_code == 201, response.text
    body = response.json()
    sha = hashlib.sha256(content).hexdigest()
    assert body["sha256"] == sha
    assert body["size"] == len(content)
    assert body["mediaType"] == media_type
    assert body["fileName"] == name
    assert len(body["uploadToken"]) >= 40
    assert stored_paths(settings) == [settings.evidence_dir / sha[:2] / sha[2:4] / sha]
    assert (settings.evidence_dir / sha[:2] / sha[2:4] / sha).read_bytes() == content
    assert temp_paths(settings) == []
    async with db.read() as s:
        stored = await s.get(StoredFile, sha)
        assert stored is not None
        assert stored.media_type == media_type
        assert stored.size == len(content)
        actions = list(await s.scalars(sa.select(AuditEvent.action)))
    assert actions.count("upload.create") == 1


async def test_declared_type_and_name_are_ignored_content_decides(
    client_for: ClientFactory, small_org: SmallOrg
) -> None:
    staf = await client_for("staf")
    response = await upload(staf, samples.png(), "dokumen.pdf")
    assert response.status_code == 201
    assert response.json()["mediaType"] == "image/png"
    assert response.json()["fileName"] == "dokumen.pdf"  # kept only as metadata


@pytest.mark.parametrize(
    ("content", "label"),
    [
        (samples.HTML_AS_PDF, "html"),
        (samples.SCRIPT_AS_PDF, "script"),
        (samples.PLAIN_ZIP, "zip"),
        (samples.ODF_OTHER, "odp"),
        (b"PK\x03\x04 not really a zip", "broken zip"),
        (b"MZ\x90\x00\x03\x00\x00\x00", "exe"),
    ],
)
async def test_disguised_or_unknown_content_is_refused(
    content: bytes,
    label: str,
    client_for: ClientFactory,
    small_org: SmallOrg,
    settings: Settings,
    db: Database,
) -> None:
    staf = await client_for("staf")
    response = await upload(staf, content, "laporan.pdf")
    assert response.status_code == 415, label
    error = response.json()["error"]
    assert error["code"] == "UNSUPPORTED_TYPE"
    assert "bukan dari namanya" in error["message"]
    assert "PDF" in error["allowedTypes"]
    assert stored_paths(settings) == []
    assert temp_paths(settings) == []
    assert await count_rows(db, StoredFile) == 0
    assert await count_rows(db, Upload) == 0


async def _app_with(settings: Settings, db: Database, **changes: Any) -> Starlette:
    return create_app(replace(settings, **changes), db)


async def test_type_not_enabled_in_settings_is_refused(
    settings: Settings, db: Database, small_org: SmallOrg
) -> None:
    app = await _app_with(settings, db, evidence_allowed_types=("PDF",))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as c:
        await login(c, "staf")
        refused = await upload(c, samples.png(), "foto.png")
        accepted = await upload(c, samples.pdf(), "a.pdf")
    assert refused.status_code == 415
    assert "gambar PNG" in refused.json()["error"]["message"]
    assert refused.json()["error"]["allowedTypes"] == ["PDF"]
    assert accepted.status_code == 201


async def test_too_big_is_refused_while_streaming_and_nothing_is_kept(
    settings: Settings, db: Database, small_org: SmallOrg
) -> None:
    app = await _app_with(settings, db, evidence_max_bytes=1_000)
    content = samples.pdf() + b"x" * 5_000

    async def chunks() -> Any:  # no Content-Length: the limit must hold while streaming
        for start in range(0, len(content), 300):
            yield content[start : start + 300]

    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as c:
        await login(c, "staf")
        response = await c.post(
            "/api/uploads",
            content=chunks(),
            headers={
                "Content-Type": "application/octet-stream",
                "X-Requested-With": "kinerja",
                "X-File-Name": "besar.pdf",
            },
        )
        assert "content-length" not in response.request.headers
        declared = await upload(c, content, "besar.pdf")  # with Content-Length: refused early
        exact = await upload(c, samples.pdf() + b" " * (1_000 - len(samples.pdf())), "pas.pdf")
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "TOO_LARGE"
    assert "maksimal 1000 bita" in response.json()["error"]["message"]
    assert declared.status_code == 413
    assert exact.status_code == 201  # the limit itself is allowed
    assert len(stored_paths(settings)) == 1
    assert temp_paths(settings) == []
    assert await count_rows(db, StoredFile) == 1


async def test_default_limit_is_20_mb_in_the_message(
    client_for: ClientFactory, small_org: SmallOrg
) -> None:
    staf = await client_for("staf")
    response = await staf.post(
        "/api/uploads",
        content=b"%PDF-",
        headers={
            "Content-Type": "application/octet-stream",
            "X-Requested-With": "kinerja",
            "X-File-Name": "a.pdf",
            "Content-Length": str(20 * 1024 * 1024 + 1),
        },
    )
    assert response.status_code == 413
    assert "20 MB" in response.json()["error"]["message"]


@pytest.mark.parametrize(
    ("raw_name", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\x\\y.pdf", "y.pdf"),
        ("/var/www/../../root/.ssh/id_rsa", "id_rsa"),
        ("lap\x00oran\n.pdf", "laporan.pdf"),
        ("a\r\nContent-Type: text/html.pdf", "html.pdf"),
        ('lap"or<an>|?*:.pdf', "lap_or_an_____.pdf"),
        ("..", "berkas"),
        ("\u202egnp.pdf", "gnp.pdf"),
        ("laporan bulan Maret.pdf", "laporan bulan Maret.pdf"),
        ("catatan – ringkas ✓.pdf", "catatan – ringkas ✓.pdf"),
    ],
)
async def test_path_tricks_in_the_name_never_reach_the_disk(
    raw_name: str,
    expected: str,
    client_for: ClientFactory,
    small_org: SmallOrg,
    settings: Settings,
    db: Database,
) -> None:
    staf = await client_for("staf")
    response = await upload(staf, samples.pdf(), raw_name)
    assert response.status_code == 201, response.text
    name = response.json()["fileName"]
    assert "/" not in name
    assert "\\" not in name
    assert "\x00" not in name
    assert "\n" not in name
    assert name not in ("", ".", "..")
    assert name == expected
    sha = hashlib.sha256(samples.pdf()).hexdigest()
    assert stored_paths(settings) == [settings.evidence_dir / sha[:2] / sha[2:4] / sha]
    async with db.read() as s:
        stored_name = await s.scalar(sa.select(Upload.original_name))
    assert stored_name == name


async def test_long_name_is_cut_to_255_keeping_the_extension(
    client_for: ClientFactory, small_org: SmallOrg
) -> None:
    staf = await client_for("staf")
    response = await upload(staf, samples.pdf(), "a" * 600 + ".pdf")
    assert response.status_code == 201
    name = response.json()["fileName"]
    assert len(name) == 255
    assert name.endswith(".pdf")


async def test_name_header_must_be_present_and_valid_utf8(
    client_for: ClientFactory, small_org: SmallOrg, settings: Settings
) -> None:
    staf = await client_for("staf")
    missing = await staf.post(
        "/api/uploads",
        content=samples.pdf(),
        headers={"Content-Type": "application/octet-stream", "X-Requested-With": "kinerja"},
    )
    bad_utf8 = await upload(staf, samples.pdf(), "%ff%fe.pdf", encode_name=False)
    too_long = await upload(staf, samples.pdf(), "a" * 3_000, encode_name=False)
    for response in (missing, bad_utf8, too_long):
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "BAD_REQUEST"
    assert stored_paths(settings) == []


async def test_duplicate_upload_is_stored_once(
    client_for: ClientFactory, small_org: SmallOrg, settings: Settings, db: Database
) -> None:
    staf = await client_for("staf")
    kabid = await client_for("kabid")
    first = await upload(staf, samples.docx(), "notulen.docx")
    second = await upload(kabid, samples.docx(), "salinan.docx")
    assert first.status_code == second.status_code == 201
    assert first.json()["sha256"] == second.json()["sha256"]
    assert first.json()["uploadToken"] != second.json()["uploadToken"]
    assert await count_rows(db, Upload) == 2
    assert await count_rows(db, StoredFile) == 1
    assert len(stored_paths(settings)) == 1
    assert temp_paths(settings) == []


async def test_missing_csrf_header_is_forbidden(
    client_for: ClientFactory, small_org: SmallOrg, settings: Settings, db: Database
) -> None:
    staf = await client_for("staf")
    no_header = await upload(staf, samples.pdf(), csrf=False)
    wrong = await staf.post(
        "/api/uploads",
        content=samples.pdf(),
        headers={
            "Content-Type": "application/octet-stream",
            "X-Requested-With": "XMLHttpRequest",
            "X-File-Name": "a.pdf",
        },
    )
    for response in (no_header, wrong):
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "CSRF"
    assert stored_paths(settings) == []
    assert await count_rows(db, Upload) == 0


async def test_form_like_content_types_are_refused(
    client_for: ClientFactory, small_org: SmallOrg
) -> None:
    staf = await client_for("staf")
    for content_type in ("multipart/form-data; boundary=x", "text/plain", "application/pdf"):
        response = await upload(staf, samples.pdf(), content_type=content_type)
        assert response.status_code == 415
        assert response.json()["error"]["code"] == "BAD_CONTENT_TYPE"


async def test_no_session_is_unauthenticated(
    client: httpx.AsyncClient, small_org: SmallOrg, settings: Settings
) -> None:
    response = await upload(client, samples.pdf())
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "UNAUTHENTICATED"
    client.cookies.set(SESSION_COOKIE, "forged-token")
    forged = await upload(client, samples.pdf())
    assert forged.status_code == 401
    assert stored_paths(settings) == []


async def test_empty_body_is_refused(
    client_for: ClientFactory, small_org: SmallOrg, settings: Settings
) -> None:
    staf = await client_for("staf")
    response = await upload(staf, b"")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "EMPTY"
    assert stored_paths(settings) == []
    assert temp_paths(settings) == []


async def test_uploads_per_hour_are_limited(
    settings: Settings, db: Database, small_org: SmallOrg
) -> None:
    app = await _app_with(settings, db, evidence_uploads_per_hour=2)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as c:
        await login(c, "staf")
        codes = [(await upload(c, samples.pdf(), f"{n}.pdf")).status_code for n in range(3)]
        third = await upload(c, samples.pdf())
    assert codes == [201, 201, 429]
    assert third.headers["retry-after"] == "3600"
    assert third.json()["error"]["code"] == "TOO_MANY_UPLOADS"


async def test_concurrent_uploads_cannot_exceed_the_quota(
    settings: Settings, db: Database, small_org: SmallOrg
) -> None:
    """All uploads are sent at once, so every one passes the early check before any is
    registered: the quota is decided in the registering transaction, under the account's lock."""
    per_hour, sent = 3, 8
    app = await _app_with(settings, db, evidence_uploads_per_hour=per_hour)
    transport = httpx.ASGITransport(app=app)
    async with (
        httpx.AsyncClient(transport=transport, base_url="http://testserver") as staf,
        httpx.AsyncClient(transport=transport, base_url="http://testserver") as colleague,
    ):
        await login(staf, "staf")
        await login(colleague, "staf2")
        contents = [samples.pdf() + f"% salinan {n}\n".encode() for n in range(sent)]
        responses = await asyncio.gather(
            *(upload(staf, content, f"{n}.pdf") for n, content in enumerate(contents)),
            upload(colleague, samples.png(), "rekan.png"),  # another person's quota is their own
        )
    *mine, theirs = responses
    codes = sorted(r.status_code for r in mine)
    assert codes == [201] * per_hour + [429] * (sent - per_hour), codes
    assert theirs.status_code == 201
    accepted = {r.json()["sha256"] for r in mine if r.status_code == 201}
    async with db.read() as s:
        per_account = dict(
            (
                await s.execute(
                    sa.select(Upload.uploaded_by_account_id, sa.func.count()).group_by(
                        Upload.uploaded_by_account_id
                    )
                )
            ).all()
        )
        stored = set(await s.scalars(sa.select(StoredFile.sha256)))
        actions = list(await s.scalars(sa.select(AuditEvent.action)))
    assert sorted(per_account.values()) == [1, per_hour]
    assert stored == accepted | {theirs.json()["sha256"]}
    # The refused uploads left no file, committed or temporary, and no audit event.
    assert [p.name for p in stored_paths(settings)] == sorted(stored)
    assert temp_paths(settings) == []
    assert actions.count("upload.create") == per_hour + 1


# --- cut off mid-stream: drive the ASGI app directly -----------------------------------------


async def _raw_upload(
    app: Starlette, cookie: str, chunks: list[bytes], ending: Callable[[], Any]
) -> list[Message]:
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/api/uploads",
        "raw_path": b"/api/uploads",
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"testserver"),
            (b"content-type", b"application/octet-stream"),
            (b"x-requested-with", b"kinerja"),
            (b"x-file-name", b"terputus.pdf"),
            (b"cookie", f"{SESSION_COOKIE}={cookie}".encode()),
        ],
        "client": ("10.1.2.3", 5555),
        "server": ("testserver", 80),
    }
    pending = list(chunks)
    sent: list[Message] = []

    async def receive() -> dict[str, Any]:
        if pending:
            return {"type": "http.request", "body": pending.pop(0), "more_body": True}
        result: dict[str, Any] = ending()
        return result

    async def send(message: Message) -> None:
        sent.append(message)

    await app(scope, receive, send)
    return sent


async def _session_cookie(app: Starlette) -> str:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as c:
        await login(c, "staf")
        cookie = c.cookies.get(SESSION_COOKIE)
    assert cookie
    return cookie


async def test_client_disconnect_mid_stream_keeps_nothing(
    app: Starlette, small_org: SmallOrg, settings: Settings, db: Database
) -> None:
    cookie = await _session_cookie(app)
    chunks = [samples.pdf(), b"x" * 10_000, b"y" * 10_000]
    await _raw_upload(app, cookie, chunks, lambda: {"type": "http.disconnect"})
    assert await count_rows(db, StoredFile) == 0
    assert await count_rows(db, Upload) == 0
    assert stored_paths(settings) == []
    assert temp_paths(settings) == []


async def test_connection_error_mid_stream_keeps_nothing(
    app: Starlette, small_org: SmallOrg, settings: Settings, db: Database
) -> None:
    cookie = await _session_cookie(app)

    def reset() -> dict[str, Any]:
        raise ConnectionResetError("connection reset by peer")

    with pytest.raises(ConnectionResetError):
        await _raw_upload(app, cookie, [samples.pdf(), b"x" * 10_000], reset)
    assert await count_rows(db, StoredFile) == 0
    assert await count_rows(db, Upload) == 0
    assert stored_paths(settings) == []
    assert temp_paths(settings) == []
