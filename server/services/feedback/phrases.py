"""The master list of standard feedback phrases (frasa umpan balik baku), kept by BKPSDM."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server.db.engine import Database
from server.db.models import FeedbackPhrase
from server.domain.audit_actions import AuditAction
from server.domain.enums import Role
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.errors import ErrorCode, ServiceError, forbidden, not_found
from server.services.validation import UNSET, _Unset, clean_text

MAX_PHRASE_LENGTH = 500

DEFAULT_FEEDBACK_PHRASES: tuple[str, ...] = (
    "Hasil kerja sudah sesuai dengan target yang ditetapkan. Pertahankan.",
    "Hasil kerja melampaui ekspektasi. Terima kasih atas kerja kerasnya.",
    "Realisasi masih di bawah target; mohon susun langkah percepatan untuk periode berikutnya.",
    "Bukti dukung belum lengkap; mohon lengkapi sebelum akhir periode.",
    "Mohon perjelas uraian dasar realisasi agar capaian dapat diverifikasi.",
    "Kualitas hasil kerja baik; perhatikan ketepatan waktu penyelesaian.",
    "Koordinasikan pelaksanaan kegiatan ini dengan unit terkait.",
    "Rencana aksi sudah tepat; lanjutkan sesuai jadwal.",
    "Perlu peningkatan kompetensi pada bidang ini; silakan ikuti pelatihan yang relevan.",
    "Sikap pelayanan kepada masyarakat sudah baik dan patut dicontoh.",
    "Mohon tingkatkan kedisiplinan dalam pelaporan kinerja harian.",
    "Mari jadwalkan dialog kinerja untuk membahas capaian dan kendala.",
)
"""Data the demo loader and a fresh installation can seed with ``ensure_default_phrases``."""


def phrase_state(phrase: FeedbackPhrase) -> dict[str, Any]:
    return {"text": phrase.text, "active": phrase.active}


def _require_phrase_admin(actor: Actor) -> None:
    if not actor.has(Role.HR_ADMIN):  # the system actor holds every role
        raise forbidden("Hanya Admin BKPSDM yang boleh mengelola frasa umpan balik baku.")


def _clean_phrase(text: str) -> str:
    return clean_text(text, "text", "Frasa", max_length=MAX_PHRASE_LENGTH)


async def _require_unique(session: AsyncSession, text: str, self_id: int | None = None) -> None:
    # Case-insensitive: two phrases differing only in capitals would confuse the picker.
    stmt = sa.select(FeedbackPhrase.id).where(sa.func.lower(FeedbackPhrase.text) == text.lower())
    if self_id is not None:
        stmt = stmt.where(FeedbackPhrase.id != self_id)
    if (await session.scalars(stmt)).first() is not None:
        raise ServiceError(ErrorCode.DUPLICATE, "Frasa yang sama sudah ada.", "text")


async def list_phrases(
    db: Database, actor: Actor, *, include_inactive: bool = False
) -> Sequence[FeedbackPhrase]:
    """Active phrases for everyone; inactive ones too for BKPSDM and auditors (who keep the list)."""
    stmt = sa.select(FeedbackPhrase).order_by(FeedbackPhrase.id)
    if not (include_inactive and actor.sees_everything):
        stmt = stmt.where(FeedbackPhrase.active.is_(True))
    async with db.read() as session:
        return (await session.scalars(stmt)).all()


async def _add_phrase(session: AsyncSession, actor: Actor, text: str) -> FeedbackPhrase:
    """Store an active phrase and record its creation (text already cleaned and unique)."""
    phrase = FeedbackPhrase(text=text, active=True)
    session.add(phrase)
    await session.flush()
    await record_event(
        session,
        actor,
        AuditAction.FEEDBACK_PHRASE_CREATE,
        "feedback_phrase",
        phrase.id,
        after=phrase_state(phrase),
    )
    return phrase


async def create_phrase(db: Database, actor: Actor, text: str) -> FeedbackPhrase:
    _require_phrase_admin(actor)
    cleaned = _clean_phrase(text)
    async with db.write() as session:
        await _require_unique(session, cleaned)
        phrase = await _add_phrase(session, actor, cleaned)
    return phrase


@dataclass(frozen=True)
class PhraseChanges:
    text: str | _Unset = UNSET
    active: bool | _Unset = UNSET


async def update_phrase(
    db: Database, actor: Actor, phrase_id: int, changes: PhraseChanges
) -> FeedbackPhrase:
    """Edit or (de)activate a phrase. Feedback already given keeps its own copy of the text."""
    _require_phrase_admin(actor)
    cleaned = None if isinstance(changes.text, _Unset) else _clean_phrase(changes.text)
    async with db.write() as session:
        phrase = await session.get(FeedbackPhrase, phrase_id)
        if phrase is None:
            raise not_found("Frasa")
        before = phrase_state(phrase)
        if cleaned is not None and cleaned != phrase.text:
            await _require_unique(session, cleaned, phrase.id)
            phrase.text = cleaned
        if not isinstance(changes.active, _Unset):
            phrase.active = changes.active
        after = phrase_state(phrase)
        if after != before:
            await session.flush()
            await record_event(
                session,
                actor,
                AuditAction.FEEDBACK_PHRASE_UPDATE,
                "feedback_phrase",
                phrase.id,
                before=before,
                after=after,
            )
    return phrase


async def ensure_default_phrases(db: Database, actor: Actor) -> int:
    """Insert the default phrases that are missing (compared case-insensitively); returns how many."""
    _require_phrase_admin(actor)
    async with db.write() as session:
        existing = {
            text.lower() for text in (await session.scalars(sa.select(FeedbackPhrase.text))).all()
        }
        added = 0
        for text in DEFAULT_FEEDBACK_PHRASES:
            if text.lower() in existing:
                continue
            await _add_phrase(session, actor, text)
            existing.add(text.lower())
            added += 1
    return added
