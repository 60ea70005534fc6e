"""Moderation of survey comments before any public use (DOMAIN.md §11).

A comment that names an officer is never published: it is internal input for the unit manager
(``DITERUSKAN``), set automatically when the text looks like it names someone, or by a
moderator. No comment ever becomes a rating of a person.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from server.db.engine import Database
from server.db.models import PublicService, SurveyResponse
from server.domain.audit_actions import AuditAction
from server.domain.enums import CommentStatus
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.errors import ErrorCode, ServiceError, not_found
from server.services.organisation.directory import load_unit_tree
from server.services.survey.scope import readable_units, require_read, require_write
from server.services.validation import clean_text, invalid

# A form of address (case as typed) followed by a capitalised word: "Pak Budi", "bu Sri",
# "Mbak Rina", "Pak BUDI". Over-eager on purpose ("Ibu Kota" is flagged too): forwarding a
# harmless comment costs a moderator a glance; publishing a named officer cannot be undone.
_TITLE = r"(?i:bapak|bpk|ibu|ibuk|bu|pak|mas|mbak|mba|sdr|sdri|saudara|saudari|kak|dik)"
# Academic and religious titles written before a name: "Dr.", "drg.", "Ir.", "H.", "Hj."...
_HONORIFIC = r"(?i:prof|dr|drg|drh|dra|drs|ir|hj|h)\."
_NAME = r"[A-Z][A-Za-z'’]+"
_NAMED_PERSON = re.compile(
    rf"(?<![^\W\d_])(?:{_TITLE}\.?\s+(?:{_HONORIFIC}\s*)*{_NAME}|{_HONORIFIC}\s*{_NAME})"
)
# A name followed by a degree: "Indah Susanti, S.Sos.", "Budi, S.T.", "Rina, M.Kes".
_NAME_WITH_DEGREE = re.compile(r"[A-Z][a-z'’]+,\s*(?:S|M|A|D)\.\s?[A-Z][A-Za-z]{0,4}\b")
# An 18-digit NIP, together or with a space, dot or dash between any of its digits
# ("19860926 201505 1 001", "19860926.201505.1.001", "1986 0926 2015 05 1 001").
_NIP_LIKE = re.compile(r"(?<![\d.\-])\d(?:[ .\-]?\d){17}(?![\d]|[ .\-]\d)")

MODERATION_DECISIONS = frozenset(
    {CommentStatus.DISETUJUI, CommentStatus.DITOLAK, CommentStatus.DITERUSKAN}
)


def names_an_officer(text: str) -> bool:
    """Whether a comment probably names a person (heuristic, deliberately over-eager)."""
    return bool(
        _NAMED_PERSON.search(text) or _NAME_WITH_DEGREE.search(text) or _NIP_LIKE.search(text)
    )


def initial_comment_status(comment: str | None) -> CommentStatus | None:
    if comment is None:
        return None
    return CommentStatus.DITERUSKAN if names_an_officer(comment) else CommentStatus.MENUNGGU


@dataclass(frozen=True)
class CommentRow:
    """A comment with its service; the response's scores are deliberately not carried."""

    response_id: int
    service_id: int
    service_code: str
    service_name: str
    unit_id: int
    submitted_at: datetime
    comment: str
    status: CommentStatus
    reason: str | None = None  # the moderator's reason, once decided


MAX_REASON_LENGTH = 500


@dataclass(frozen=True)
class CommentPage:
    total: int
    rows: Sequence[CommentRow]


_ROW_COLUMNS = (
    SurveyResponse.id,
    SurveyResponse.service_id,
    PublicService.code,
    PublicService.name,
    PublicService.unit_id,
    SurveyResponse.submitted_at,
    SurveyResponse.comment,
    SurveyResponse.comment_status,
    SurveyResponse.comment_moderation_reason,
)


async def list_comments(
    db: Database,
    actor: Actor,
    *,
    service_id: int | None = None,
    unit_id: int | None = None,
    status: CommentStatus | None = None,
    offset: int = 0,
    limit: int = 20,
) -> CommentPage:
    """Comments of one service or a unit's subtree (newest first), as far as the actor may read."""
    if service_id is not None and unit_id is not None:
        raise invalid("serviceId", "Isi salah satu: serviceId atau unitId.")
    async with db.read() as session:
        visible = await readable_units(session, actor)
        where: list[sa.ColumnElement[bool]] = [SurveyResponse.comment.is_not(None)]
        if service_id is not None:
            service = await session.get(PublicService, service_id)
            if service is None:
                raise not_found("Layanan")
            await require_read(session, actor, service.unit_id)
            where.append(SurveyResponse.service_id == service_id)
        else:
            if unit_id is not None:
                await require_read(session, actor, unit_id)
                subtree = (await load_unit_tree(session)).subtree(unit_id)
                visible = subtree if visible is None else visible & subtree
            if visible is not None:
                where.append(PublicService.unit_id.in_(visible))
        if status is not None:
            where.append(SurveyResponse.comment_status == status)
        base = sa.select(*_ROW_COLUMNS).join(
            PublicService, PublicService.id == SurveyResponse.service_id
        )
        total = await session.scalar(
            sa.select(sa.func.count())
            .select_from(SurveyResponse)
            .join(PublicService, PublicService.id == SurveyResponse.service_id)
            .where(*where)
        )
        rows = (
            await session.execute(
                base.where(*where)
                .order_by(SurveyResponse.submitted_at.desc(), SurveyResponse.id.desc())
                .offset(offset)
                .limit(limit)
            )
        ).all()
    return CommentPage(
        int(total or 0),
        [
            CommentRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8])
            for r in rows
            if r[6] is not None and r[7] is not None
        ],
    )


async def moderate_comment(
    db: Database,
    actor: Actor,
    response_id: int,
    decision: CommentStatus,
    *,
    expected_status: CommentStatus | None = None,
    reason: str | None = None,
) -> CommentRow:
    """Approve, reject or forward one comment. Forwarded comments stay forwarded.

    Hiding (DITOLAK) needs a reason: the unit must be able to say why a citizen's words were
    not published. The reason is kept on the response and in the audit event.
    """
    if decision not in MODERATION_DECISIONS:
        raise invalid("status", "Keputusan moderasi harus DISETUJUI, DITOLAK atau DITERUSKAN.")
    reason = clean_reason(reason)
    if decision is CommentStatus.DITOLAK and reason is None:
        raise invalid("reason", "Tulis alasan menyembunyikan komentar ini.")
    async with db.write() as session:
        response = await session.get(SurveyResponse, response_id)
        if response is None or response.comment is None or response.comment_status is None:
            raise not_found("Komentar")
        service = await session.get(PublicService, response.service_id)
        assert service is not None
        await require_write(session, actor, service.unit_id)
        current = response.comment_status
        if expected_status is not None and expected_status != current:
            raise ServiceError(
                ErrorCode.CONFLICT,
                f"Komentar ini sudah dimoderasi orang lain (status kini {current.value}). "
                "Muat ulang lalu putuskan lagi.",
                "status",
            )
        if current is CommentStatus.DITERUSKAN and decision is not CommentStatus.DITERUSKAN:
            raise ServiceError(
                ErrorCode.INVALID_STATE,
                "Komentar yang menyebut petugas tidak pernah dipublikasikan: statusnya tetap "
                "DITERUSKAN (masukan internal bagi pengelola unit).",
                "status",
            )
        if decision is CommentStatus.DISETUJUI and names_an_officer(response.comment):
            raise ServiceError(
                ErrorCode.INVALID_STATE,
                "Komentar ini tampaknya menyebut nama atau NIP petugas, sehingga tidak boleh "
                "dipublikasikan. Teruskan sebagai masukan internal (DITERUSKAN) atau tolak.",
                "status",
            )
        previous_reason = response.comment_moderation_reason
        if decision is not current or reason != previous_reason:
            response.comment_status = decision
            response.comment_moderation_reason = reason
            await session.flush()
            await record_event(
                session,
                actor,
                AuditAction.SURVEY_COMMENT_MODERATE,
                "survey_response",
                response.id,
                before={"comment_status": current, "reason": previous_reason},
                after={"comment_status": decision, "reason": reason},
            )
        return CommentRow(
            response.id,
            service.id,
            service.code,
            service.name,
            service.unit_id,
            response.submitted_at,
            response.comment,
            decision,
            reason,
        )


def clean_reason(reason: str | None) -> str | None:
    """A moderator's reason: trimmed, at most 500 characters, no control characters."""
    if reason is None or not reason.strip():
        return None
    return clean_text(reason, "reason", "Alasan", max_length=MAX_REASON_LENGTH)
