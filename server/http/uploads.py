"""Evidence (bukti dukung) upload and download: ``POST /api/uploads``, ``GET /api/evidence/{id}``.

Why a dedicated upload endpoint and not GraphQL multipart:
- GraphQL stays JSON-only. A JSON POST cannot be sent cross-site by a plain HTML form, which is
  half of our CSRF defence; accepting multipart there would reopen that door for every mutation.
- The body is the raw file (``application/octet-stream``), streamed chunk by chunk straight to a
  temporary file while it is hashed and counted, so memory stays flat and an oversized upload is
  stopped at the limit instead of after it has been parsed as a whole multipart form.
- The answer is an ``uploadToken``; a mutation (``addEvidence``, ``createWorkLogEntry``) attaches
  it, so authorisation and the period lock are decided by the services, once, in one transaction.

Request: the file as the body, its name in ``X-File-Name`` (percent-encoded UTF-8: headers are
Latin-1), and ``X-Requested-With: kinerja``: a cross-site form cannot set a custom header and a
cross-site script that sets one triggers a CORS preflight we never approve. A session cookie is
required. The type is decided from the content (server/storage/content_types.py); the name and
the client's Content-Type are never trusted. Files are stored by SHA-256 (once per content).

Download: only for those allowed to read the SKP; everyone else gets 404 (whether evidence
exists is itself private). Always an attachment, with ``nosniff`` and no caching.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from urllib.parse import quote, unquote

from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response, StreamingResponse

from server.config import Settings
from server.db.engine import Database
from server.http.errors import error_response, json_response
from server.http.session import record_id, require_actor
from server.services.errors import ServiceError
from server.services.work import evidence as evidence_service
from server.storage.content_types import KNOWN_TYPES, sniff_file
from server.storage.evidence_store import EvidenceStore, StorageFull, TooLarge

CSRF_HEADER = "x-requested-with"
CSRF_VALUE = "kinerja"
FILE_NAME_HEADER = "x-file-name"
MAX_FILE_NAME_HEADER = 2_000  # percent-encoded; 255 characters of UTF-8 fit easily


def _store(settings: Settings) -> EvidenceStore:
    return EvidenceStore(settings.evidence_dir)


def _size_label(limit: int) -> str:
    mb = limit / (1024 * 1024)
    return f"{mb:g} MB" if mb >= 1 else f"{limit} bita"


def _storage_full() -> Response:
    return error_response(
        507,
        "INSUFFICIENT_STORAGE",
        "Penyimpanan server penuh; berkas tidak disimpan. Coba lagi nanti atau hubungi admin. / "
        "The server's storage is full; the file was not saved.",
    )


def _too_many_uploads(per_hour: int) -> Response:
    return error_response(
        429,
        "TOO_MANY_UPLOADS",
        f"Terlalu banyak unggahan: paling banyak {per_hour} berkas per jam. Coba lagi nanti.",
        headers={"Retry-After": "3600"},
    )


def _too_large(limit: int) -> Response:
    return error_response(
        413,
        "TOO_LARGE",
        f"Berkas terlalu besar: ukuran maksimal {_size_label(limit)}.",
        maxBytes=limit,
    )


async def upload(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    db: Database = request.app.state.db
    if request.headers.get(CSRF_HEADER, "").strip().lower() != CSRF_VALUE:
        return error_response(
            403, "CSRF", "Permintaan ditolak: header X-Requested-With: kinerja wajib disertakan."
        )
    actor = await require_actor(request)
    if isinstance(actor, Response):
        return actor
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/octet-stream":
        return error_response(
            415,
            "BAD_CONTENT_TYPE",
            "Kirim isi berkas apa adanya dengan Content-Type: application/octet-stream.",
        )
    raw_name = request.headers.get(FILE_NAME_HEADER)
    if raw_name is None or not raw_name.strip():
        return error_response(400, "BAD_REQUEST", "Nama berkas (header X-File-Name) wajib diisi.")
    if len(raw_name) > MAX_FILE_NAME_HEADER:
        return error_response(400, "BAD_REQUEST", "Nama berkas terlalu panjang.")
    try:
        file_name = unquote(raw_name, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        return error_response(400, "BAD_REQUEST", "Nama berkas harus UTF-8 yang di-percent-encode.")
    limit = settings.evidence_max_bytes
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        return _too_large(limit)  # refused before a single byte is read
    if actor.account_id is not None:
        # Early and advisory (a spent quota costs no bandwidth); register_upload decides.
        left = await evidence_service.upload_quota_left(
            db, actor.account_id, settings.evidence_uploads_per_hour
        )
        if left <= 0:
            return _too_many_uploads(settings.evidence_uploads_per_hour)

    store = _store(settings)
    try:
        received = await store.receive(request.stream(), limit)
    except TooLarge:
        return _too_large(limit)
    except StorageFull:
        return _storage_full()
    except ClientDisconnect:
        # The client is gone; nobody reads this answer, and nothing was kept.
        return error_response(400, "INCOMPLETE", "Unggahan terputus sebelum selesai.")
    try:
        if received.size == 0:
            await store.discard(received)
            return error_response(400, "EMPTY", "Berkas kosong.")
        found = await asyncio.to_thread(sniff_file, received.temp_path)
        allowed = [KNOWN_TYPES[c] for c in settings.evidence_allowed_types]
        if found is None or found not in allowed:
            await store.discard(received)
            labels = ", ".join(t.code for t in allowed)
            what = f"berkas {found.label}" if found is not None else "isi berkas ini"
            return error_response(
                415,
                "UNSUPPORTED_TYPE",
                f"Jenis berkas tidak diterima: {what} tidak termasuk jenis yang diizinkan "
                f"({labels}). Jenis ditentukan dari isi berkas, bukan dari namanya.",
                allowedTypes=[t.code for t in allowed],
            )
    except BaseException:
        await store.discard(received)
        raise
    try:
        # The file is moved to its content address inside the registering transaction, after
        # the quota is counted there: an upload refused by the quota leaves no file, and a row
        # never commits without its file.
        registered = await evidence_service.register_upload(
            db,
            actor,
            sha256=received.sha256,
            size=received.size,
            media_type=found.media_type,
            file_name=file_name,
            per_hour=settings.evidence_uploads_per_hour,
            place_file=lambda: store.commit(received),
        )
    except StorageFull:
        return _storage_full()  # commit removed the received file; the rows were rolled back
    except evidence_service.UploadQuotaExceeded as exc:
        await store.discard(received)
        return _too_many_uploads(exc.per_hour)
    except ServiceError as exc:
        await store.discard(received)
        return error_response(403, exc.code.value, exc.message)
    except BaseException:
        await store.discard(received)
        raise
    return json_response(
        {
            "uploadToken": registered.token,
            "sha256": received.sha256,
            "size": received.size,
            "mediaType": found.media_type,
            "fileName": registered.original_name,
        },
        201,
    )


def content_disposition(name: str) -> str:
    """``attachment`` with an ASCII fallback and the exact name as RFC 5987 ``filename*``."""
    fallback = "".join(ch if 32 <= ord(ch) < 127 and ch not in '"\\;' else "_" for ch in name)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def _not_found() -> Response:
    return error_response(404, "NOT_FOUND", "Bukti dukung tidak ditemukan.")


async def download(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    db: Database = request.app.state.db
    actor = await require_actor(request)
    if isinstance(actor, Response):
        return actor
    evidence_id = record_id(request, "evidence_id")
    if evidence_id is None:
        return _not_found()
    try:
        found = await evidence_service.evidence_for_download(db, actor, evidence_id)
    except ServiceError:
        return _not_found()
    store = _store(settings)
    if not await store.exists(found.sha256):
        return error_response(
            410, "FILE_MISSING", "Berkas bukti dukung tidak tersedia lagi di penyimpanan."
        )

    async def body() -> AsyncIterator[bytes]:
        async for chunk in store.read_chunks(found.sha256):
            yield chunk

    return StreamingResponse(
        body(),
        media_type=found.media_type,
        headers={
            "Content-Disposition": content_disposition(found.name),
            "Content-Length": str(found.size),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
            "Content-Security-Policy": "default-src 'none'; sandbox",
        },
    )
