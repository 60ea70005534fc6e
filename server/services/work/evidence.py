"""Bukti dukung: uploaded files and links attached to a realisasi or a work-log entry.

Files reach the server through the upload endpoint (server/http/uploads.py), which stores the
bytes and calls :func:`register_upload`; the pegawai then attaches the upload by its token. An
upload is usable only by its uploader and only once. Evidence is removed softly (``removed_at``)
so the audit trail keeps what was shown; once the period is evaluated nothing changes.
"""

from __future__ import annotations

import secrets
import unicodedata
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from server import clock
from server.db.engine import Database
from server.db.models import (
    AppraisalPeriod,
    Evidence,
    Realization,
    StoredFile,
    Upload,
    UserAccount,
    WorkLogEntry,
)
from server.domain.audit_actions import AuditAction
from server.domain.enums import EvidenceKind
from server.domain.periods import PeriodWork
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.errors import ErrorCode, ServiceError
from server.services.validation import clean_text, invalid, is_control_char
from server.services.work.common import (
    PlanContext,
    indicator_of,
    owner_context,
    period_of,
    period_on,
    plan_context,
    require_period_open,
)

MAX_NAME_LENGTH = 255
MAX_URL_LENGTH = 2_000
MAX_TITLE_LENGTH = 300
MAX_EVIDENCE_PER_ITEM = 30
FALLBACK_NAME = "berkas"
# Characters Windows and some download managers refuse or misread in a file name.
_UNSAFE_NAME_CHARS = frozenset('<>:"|?*')


def sanitise_file_name(raw: str) -> str:
    """The original name as harmless metadata: basename only, no separators or control
    characters, at most 255 characters. It is shown and offered on download, never a path."""
    name = unicodedata.normalize("NFC", raw).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(
        "_" if ch in _UNSAFE_NAME_CHARS else ch
        for ch in name
        if not is_control_char(ch) and unicodedata.category(ch) != "Cc"
    )
    name = " ".join(name.split()).strip(" .")
    if not name:
        return FALLBACK_NAME
    if len(name) > MAX_NAME_LENGTH:
        stem, dot, ext = name.rpartition(".")
        if dot and 0 < len(ext) <= 10:
            name = stem[: MAX_NAME_LENGTH - len(ext) - 1].rstrip(" .") + "." + ext
        else:
            name = name[:MAX_NAME_LENGTH]
    return name


def clean_link(raw: str, field: str = "url") -> str:
    """An http(s) link without credentials; anything else (javascript:, data:, …) is refused."""
    if len(raw) > MAX_URL_LENGTH:
        raise invalid(field, f"Tautan maksimal {MAX_URL_LENGTH} karakter (diterima {len(raw)}).")
    url = raw.strip()
    if not url:
        raise invalid(field, "Tautan wajib diisi.")
    if any(is_control_char(ch) or ch.isspace() for ch in url):
        raise invalid(field, "Tautan tidak boleh berisi spasi atau karakter kendali.")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 — raises ValueError for a malformed port
    except ValueError:
        raise invalid(field, "Tautan tidak valid.") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise invalid(field, "Tautan harus diawali http:// atau https://.")
    if not parts.hostname:
        raise invalid(field, "Tautan harus memuat nama situs (host).")
    if "@" in parts.netloc or parts.username is not None or parts.password is not None:
        raise invalid(
            field, "Tautan tidak boleh memuat nama pengguna atau kata sandi (kredensial)."
        )
    return url


@dataclass(frozen=True)
class EvidenceInput:
    """One bukti dukung to attach: an upload token or a link, with an optional title."""

    upload_token: str | None = None
    url: str | None = None
    title: str | None = None


# --- uploads -------------------------------------------------------------------------------


UPLOAD_WINDOW = timedelta(hours=1)


class UploadQuotaExceeded(ServiceError):
    """The uploader has used their uploads of the last hour; nothing was registered."""

    def __init__(self, per_hour: int) -> None:
        super().__init__(
            ErrorCode.FORBIDDEN,
            f"Terlalu banyak unggahan: paling banyak {per_hour} berkas per jam. Coba lagi nanti.",
        )
        self.per_hour = per_hour


async def _uploads_since(session: AsyncSession, account_id: int, since: datetime) -> int:
    count = await session.scalar(
        sa.select(sa.func.count()).where(
            Upload.uploaded_by_account_id == account_id, Upload.created_at >= since
        )
    )
    return count or 0


async def upload_quota_left(db: Database, account_id: int, per_hour: int) -> int:
    """An early answer, before the bytes are received, so a spent quota costs no bandwidth.
    Advisory only: :func:`register_upload` decides, inside its transaction."""
    async with db.read() as session:
        used = await _uploads_since(session, account_id, clock.now() - UPLOAD_WINDOW)
    return per_hour - used


async def _hold_upload_quota(session: AsyncSession, account_id: int) -> None:
    """Serialise the uploads of one account until this transaction ends.

    PostgreSQL: a row lock on the account, so a second upload of the same person waits here and
    then counts the first one's committed row (READ COMMITTED reads afresh per statement).
    SQLite: ``FOR UPDATE`` does not exist; writers are serialised instead (one asyncio lock per
    process in ``Database.write``, and across processes the write lock the caller's first
    INSERT took, which makes the count below read the latest committed state).
    """
    await session.execute(
        sa.select(UserAccount.id).where(UserAccount.id == account_id).with_for_update()
    )


async def register_upload(
    db: Database,
    actor: Actor,
    *,
    sha256: str,
    size: int,
    media_type: str,
    file_name: str,
    per_hour: int,
    place_file: Callable[[], Awaitable[object]],
) -> Upload:
    """Record a stored file (once per content) and the uploader's claim on it, within the
    uploader's quota of ``per_hour`` uploads in the last hour (:class:`UploadQuotaExceeded`).
    ``place_file`` (the store's commit) runs once the upload is allowed, before the rows commit;
    if it fails, nothing is registered.

    The quota is counted in the transaction that registers the upload, under a lock on the
    uploader's account: concurrent uploads of one person cannot all pass a check made before
    any of them was recorded.
    """
    if actor.account_id is None:
        raise ServiceError(ErrorCode.FORBIDDEN, "Unggahan memerlukan akun pengguna.")
    name = sanitise_file_name(file_name)
    async with db.write() as session:
        dialect = session.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        # Two identical uploads at once must not fail: the second insert simply does nothing.
        # This write comes first on purpose: on SQLite it takes the database's write lock.
        await session.execute(
            insert(StoredFile)
            .values(sha256=sha256, size=size, media_type=media_type, created_at=clock.now())
            .on_conflict_do_nothing(index_elements=["sha256"])
        )
        await _hold_upload_quota(session, actor.account_id)
        used = await _uploads_since(session, actor.account_id, clock.now() - UPLOAD_WINDOW)
        if used >= per_hour:
            raise UploadQuotaExceeded(per_hour)
        upload = Upload(
            token=secrets.token_urlsafe(32),
            sha256=sha256,
            original_name=name,
            uploaded_by_account_id=actor.account_id,
        )
        session.add(upload)
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.UPLOAD_CREATE,
            "upload",
            upload.id,
            after={"sha256": sha256, "size": size, "media_type": media_type, "name": name},
        )
        await place_file()
        return upload


# --- attaching and removing ----------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceTarget:
    """The realisasi or work-log entry evidence hangs on, with its SKP and period."""

    ctx: PlanContext
    period: AppraisalPeriod
    realization_id: int | None
    work_log_entry_id: int | None

    def require_open(self, today: date) -> None:
        """Evidence follows the period rule of what it hangs on."""
        work = PeriodWork.REALISASI if self.realization_id is not None else PeriodWork.CATATAN_KERJA
        require_period_open(self.period, work, today, what="bukti dukung")


async def _target(
    session: AsyncSession,
    actor: Actor,
    today: date,
    *,
    realization_id: int | None,
    work_log_entry_id: int | None,
    owner: bool,
) -> EvidenceTarget:
    if (realization_id is None) == (work_log_entry_id is None):
        raise invalid("realizationId", "Pilih tepat satu: realisasi atau catatan kerja.")
    load = owner_context if owner else plan_context
    if realization_id is not None:
        realization = await session.get(Realization, realization_id)
        if realization is None:
            raise ServiceError(ErrorCode.NOT_FOUND, "Realisasi tidak ditemukan.", "realizationId")
        _, work_result = await indicator_of(session, realization.indicator_id)
        ctx = await load(session, actor, work_result.plan_id, today, field="realizationId")
        period = await period_of(session, ctx, realization.period_id)
        return EvidenceTarget(ctx, period, realization_id, None)
    entry = await session.get(WorkLogEntry, work_log_entry_id)
    if entry is None:
        raise ServiceError(ErrorCode.NOT_FOUND, "Catatan kerja tidak ditemukan.", "workLogEntryId")
    ctx = await load(session, actor, entry.plan_id, today, field="workLogEntryId")
    period = await period_on(session, ctx, entry.work_date)
    return EvidenceTarget(ctx, period, None, entry.id)


def evidence_state(row: Evidence) -> dict[str, Any]:
    return {
        "realization_id": row.realization_id,
        "work_log_entry_id": row.work_log_entry_id,
        "kind": row.kind,
        "sha256": row.sha256,
        "name": row.original_name,
        "url": row.url,
        "title": row.title,
        "removed_at": row.removed_at,
    }


async def attach_evidence(
    session: AsyncSession,
    actor: Actor,
    data: EvidenceInput,
    *,
    realization_id: int | None = None,
    work_log_entry_id: int | None = None,
    field: str = "evidence",
) -> Evidence:
    """Attach inside the caller's transaction; ownership and the period lock are checked there."""
    if (data.upload_token is None) == (data.url is None):
        raise invalid(field, "Isi tepat satu: token unggahan atau tautan.")
    title = (
        clean_text(data.title, f"{field}.title", "Judul bukti dukung", max_length=MAX_TITLE_LENGTH)
        if data.title is not None and data.title.strip()
        else None
    )
    owner_column = (
        Evidence.realization_id == realization_id
        if realization_id is not None
        else Evidence.work_log_entry_id == work_log_entry_id
    )
    # Two attachments to one butir at once must not both pass the count below: the butir's row
    # is locked until this transaction ends (PostgreSQL; SQLite serialises writers instead).
    owner_row = (
        sa.select(Realization.id).where(Realization.id == realization_id)
        if realization_id is not None
        else sa.select(WorkLogEntry.id).where(WorkLogEntry.id == work_log_entry_id)
    )
    await session.execute(owner_row.with_for_update())
    active = await session.scalar(
        sa.select(sa.func.count()).where(owner_column, Evidence.removed_at.is_(None))
    )
    if (active or 0) >= MAX_EVIDENCE_PER_ITEM:
        raise invalid(field, f"Paling banyak {MAX_EVIDENCE_PER_ITEM} bukti dukung per butir.")
    row = Evidence(
        realization_id=realization_id,
        work_log_entry_id=work_log_entry_id,
        title=title,
        added_by_employee_id=actor.employee_id,
    )
    if data.upload_token is not None:
        token = data.upload_token.strip()
        upload = (
            (
                await session.scalars(
                    sa.select(Upload).where(Upload.token == token).with_for_update()
                )
            ).first()
            if 0 < len(token) <= 64
            else None
        )
        # Someone else's upload is "not found": tokens are not shared and not probed.
        if upload is None or upload.uploaded_by_account_id != actor.account_id:
            raise ServiceError(
                ErrorCode.NOT_FOUND,
                "Unggahan tidak ditemukan. Unggah ulang berkasnya.",
                f"{field}.uploadToken",
            )
        if upload.attached_at is not None:
            raise ServiceError(
                ErrorCode.INVALID_STATE,
                "Unggahan ini sudah dilampirkan. Unggah ulang untuk melampirkannya lagi.",
                f"{field}.uploadToken",
            )
        upload.attached_at = clock.now()
        row.kind = EvidenceKind.FILE
        row.sha256 = upload.sha256
        row.original_name = upload.original_name
    else:
        assert data.url is not None
        row.kind = EvidenceKind.LINK
        row.url = clean_link(data.url, f"{field}.url")
    session.add(row)
    await session.flush()
    await record_event(
        session, actor, AuditAction.EVIDENCE_ADD, "evidence", row.id, after=evidence_state(row)
    )
    return row


async def add_evidence(
    db: Database,
    actor: Actor,
    data: EvidenceInput,
    *,
    realization_id: int | None = None,
    work_log_entry_id: int | None = None,
    today: date | None = None,
) -> Evidence:
    today = today or clock.today()
    async with db.write() as session:
        target = await _target(
            session,
            actor,
            today,
            realization_id=realization_id,
            work_log_entry_id=work_log_entry_id,
            owner=True,
        )
        target.require_open(today)
        return await attach_evidence(
            session,
            actor,
            data,
            realization_id=target.realization_id,
            work_log_entry_id=target.work_log_entry_id,
        )


async def remove_evidence(
    db: Database, actor: Actor, evidence_id: int, *, today: date | None = None
) -> Evidence:
    today = today or clock.today()
    async with db.write() as session:
        row = await session.get(Evidence, evidence_id)
        if row is None or row.removed_at is not None:
            raise ServiceError(ErrorCode.NOT_FOUND, "Bukti dukung tidak ditemukan.", "id")
        target = await _target(
            session,
            actor,
            today,
            realization_id=row.realization_id,
            work_log_entry_id=row.work_log_entry_id,
            owner=True,
        )
        target.require_open(today)
        before = evidence_state(row)
        row.removed_at = clock.now()
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.EVIDENCE_REMOVE,
            "evidence",
            row.id,
            before=before,
            after=evidence_state(row),
        )
        return row


# --- reading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceView:
    """One bukti dukung as shown: a file (with its stored size and type) or a link."""

    id: int
    kind: EvidenceKind
    name: str | None
    title: str | None
    url: str | None
    size: int | None
    media_type: str | None
    added_at: datetime
    realization_id: int | None
    work_log_entry_id: int | None


def _view_query() -> sa.Select[Evidence, int, str]:
    return (
        sa.select(Evidence, StoredFile.size, StoredFile.media_type)
        .outerjoin(StoredFile, StoredFile.sha256 == Evidence.sha256)
        .where(Evidence.removed_at.is_(None))
        .order_by(Evidence.created_at, Evidence.id)
    )


def _view(row: Evidence, size: int | None, media_type: str | None) -> EvidenceView:
    return EvidenceView(
        id=row.id,
        kind=row.kind,
        name=row.original_name,
        title=row.title,
        url=row.url,
        size=size,
        media_type=media_type,
        added_at=row.created_at,
        realization_id=row.realization_id,
        work_log_entry_id=row.work_log_entry_id,
    )


async def evidence_of_realizations(
    session: AsyncSession, ids: list[int]
) -> dict[int, list[EvidenceView]]:
    found: dict[int, list[EvidenceView]] = defaultdict(list)
    rows = await session.execute(_view_query().where(Evidence.realization_id.in_(ids)))
    for row, size, media_type in rows:
        if row.realization_id is not None:
            found[row.realization_id].append(_view(row, size, media_type))
    return found


async def evidence_of_work_log_entries(
    session: AsyncSession, ids: list[int]
) -> dict[int, list[EvidenceView]]:
    found: dict[int, list[EvidenceView]] = defaultdict(list)
    rows = await session.execute(_view_query().where(Evidence.work_log_entry_id.in_(ids)))
    for row, size, media_type in rows:
        if row.work_log_entry_id is not None:
            found[row.work_log_entry_id].append(_view(row, size, media_type))
    return found


async def evidence_counts_of_realizations(session: AsyncSession, ids: list[int]) -> dict[int, int]:
    rows = await session.execute(
        sa.select(Evidence.realization_id, sa.func.count())
        .where(Evidence.realization_id.in_(ids), Evidence.removed_at.is_(None))
        .group_by(Evidence.realization_id)
    )
    return {rid: count for rid, count in rows if rid is not None}


@dataclass(frozen=True)
class EvidenceFile:
    sha256: str
    name: str
    media_type: str
    size: int


async def evidence_for_download(
    db: Database, actor: Actor, evidence_id: int, *, today: date | None = None
) -> EvidenceFile:
    """The file behind a bukti dukung, for someone allowed to read its SKP; else NOT_FOUND."""
    today = today or clock.today()
    async with db.read() as session:
        row = await session.get(Evidence, evidence_id)
        if row is None or row.removed_at is not None or row.sha256 is None:
            raise ServiceError(ErrorCode.NOT_FOUND, "Bukti dukung tidak ditemukan.")
        try:
            await _target(
                session,
                actor,
                today,
                realization_id=row.realization_id,
                work_log_entry_id=row.work_log_entry_id,
                owner=False,
            )
        except ServiceError as exc:
            raise ServiceError(ErrorCode.NOT_FOUND, "Bukti dukung tidak ditemukan.") from exc
        stored = await session.get(StoredFile, row.sha256)
        assert stored is not None  # a foreign key
        return EvidenceFile(
            sha256=stored.sha256,
            name=row.original_name or FALLBACK_NAME,
            media_type=stored.media_type,
            size=stored.size,
        )
