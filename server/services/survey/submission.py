"""A citizen's answer to the SKM: parsing, validation and the abuse controls, then storage.

No login, no cookie, no personal data: the nine unsur (1–4 or unanswered), an optional
profile from fixed lists and an optional comment. Every rejection carries a clear reason and
stores nothing; every accepted answer is stored (and audited, without the address).

Order of checks: unknown or inactive token (404) → unknown fields or a filled honeypot
(422 "Formulir tidak valid") → field validation (422 with per-field reasons) → duplicate of an
answer from the same submitter within 24 h (409) → per-address limits (429 with Retry-After).
The limits count stored rows, so they hold across any number of app processes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
import sqlalchemy.exc
from sqlalchemy.ext.asyncio import AsyncSession

from server import clock
from server.db.engine import Database
from server.db.models import PublicService, SurveyResponse, Unit
from server.domain.audit_actions import AuditAction
from server.domain.enums import CommentStatus, SurveyChannel
from server.domain.ikm import Unsur
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.survey.fingerprint import HALF, recent_fingerprints
from server.services.survey.moderation import initial_comment_status
from server.services.survey.options import (
    ALLOWED_FIELDS,
    COMMENT_FIELD,
    COMMENT_MAX_LENGTH,
    HONEYPOT_FIELD,
    MIN_ANSWERED,
    PROFILE_FIELDS,
    QUESTIONS,
)
from server.services.survey.services import public_service_description, public_service_name
from server.services.validation import is_control_char

TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")
# The form's idempotency key: a random UUID in its canonical text form (crypto.randomUUID()).
CLIENT_KEY_PATTERN = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
CLIENT_KEY_LENGTH = 36
DUPLICATE_WINDOW = timedelta(hours=24)
RATE_WINDOW = timedelta(hours=1)
MAX_FIELDS = 40
# Who the audit log names for an anonymous answer. The address is never recorded.
PUBLIC_ACTOR = Actor(account_id=None, login="publik (survei SKM)")

INVALID_FORM_MESSAGE = "Formulir tidak valid."


class SubmissionRejected(Exception):
    """A refused answer: nothing was stored. ``status`` is the HTTP status to answer with."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        fields: Mapping[str, str] | None = None,
        retry_after: int | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.fields: dict[str, str] = dict(fields or {})
        self.retry_after = retry_after


def not_found() -> SubmissionRejected:
    return SubmissionRejected(
        404,
        "NOT_FOUND",
        "Tautan survei tidak dikenal atau layanan ini tidak lagi menerima survei. "
        "/ Unknown or inactive survey link.",
    )


@dataclass(frozen=True)
class Submission:
    answers: Mapping[Unsur, int | None]
    gender: str | None = None
    age_band: str | None = None
    education: str | None = None
    occupation: str | None = None
    comment: str | None = None

    @property
    def answered(self) -> int:
        return sum(1 for v in self.answers.values() if v is not None)


@dataclass(frozen=True)
class ClientInfo:
    """What identifies a submitter for the abuse controls; hashed, never stored."""

    address: str
    user_agent: str


@dataclass(frozen=True)
class SurveyLimits:
    per_service_per_hour: int = 5
    per_address_per_hour: int = 30


@dataclass(frozen=True)
class Accepted:
    id: int
    comment_status: CommentStatus | None
    # A repeat of an answer already stored under the same idempotency key: nothing new stored.
    already_received: bool = False


def parse_client_key(raw: str | None) -> str | None:
    """The ``Idempotency-Key`` of a JSON answer: absent (None), or a canonical UUID; anything
    else is refused before anything is stored."""
    if raw is None:
        return None
    key = raw.strip().lower()
    if len(key) > CLIENT_KEY_LENGTH or not CLIENT_KEY_PATTERN.fullmatch(key):
        raise SubmissionRejected(
            422,
            "INVALID_FORM",
            f"{INVALID_FORM_MESSAGE} Kunci kiriman (Idempotency-Key) harus UUID acak seperti "
            "0b9e8c8e-1d2f-4a7b-9c3d-2e1f0a9b8c7d. / Idempotency-Key must be a random UUID.",
            {"idempotencyKey": "Bukan UUID. / Not a UUID."},
        )
    return key


async def _already_stored(
    session: AsyncSession, client_key: str, service_id: int
) -> Accepted | None:
    row = (
        await session.execute(
            sa.select(
                SurveyResponse.id, SurveyResponse.service_id, SurveyResponse.comment_status
            ).where(SurveyResponse.client_key == client_key)
        )
    ).first()
    if row is None:
        return None
    if row.service_id != service_id:
        # A key is made for one answer to one service: reusing it elsewhere is a client bug
        # (or a probe); it never reveals or touches the other answer.
        raise SubmissionRejected(
            422,
            "INVALID_FORM",
            f"{INVALID_FORM_MESSAGE} Kunci kiriman ini sudah dipakai untuk jawaban lain; muat "
            "ulang halaman lalu kirim lagi. / This Idempotency-Key belongs to another answer.",
            {"idempotencyKey": "Sudah dipakai. / Already used."},
        )
    return Accepted(row.id, row.comment_status, already_received=True)


@dataclass(frozen=True)
class ServiceInfo:
    """What the public form shows about a service: no internal ids beyond the service's own."""

    id: int
    code: str
    name: str
    description: str | None
    unit_name: str


# --- parsing ------------------------------------------------------------------------------


@dataclass
class _Errors:
    fields: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, message: str) -> None:
        self.fields.setdefault(name, message)


def _check_field_names(names: Iterable[str]) -> None:
    names = list(names)
    if len(names) > MAX_FIELDS:
        raise SubmissionRejected(
            422, "INVALID_FORM", f"{INVALID_FORM_MESSAGE} Terlalu banyak kolom."
        )
    unknown = sorted({n for n in names if n not in ALLOWED_FIELDS})
    if unknown:
        shown = ", ".join(n[:40] for n in unknown[:5])
        raise SubmissionRejected(
            422,
            "INVALID_FORM",
            f"{INVALID_FORM_MESSAGE} Kolom tidak dikenal: {shown}. Survei ini tidak menerima "
            "data pribadi seperti nama, telepon atau alamat.",
            {n[:40]: "Kolom tidak dikenal." for n in unknown[:5]},
        )


def _check_honeypot(value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str) or value.strip():
        raise SubmissionRejected(
            422,
            "INVALID_FORM",
            f"{INVALID_FORM_MESSAGE} Bila Anda mengisi sendiri, muat ulang halaman lalu kirim "
            "lagi. / Invalid form: reload the page and try again.",
        )


def _score(raw: object, name: str, errors: _Errors, *, from_form: bool) -> int | None:
    if raw is None or raw == "":
        return None
    if from_form and isinstance(raw, str) and raw in {"1", "2", "3", "4"}:
        return int(raw)
    if not from_form and isinstance(raw, int) and not isinstance(raw, bool) and 1 <= raw <= 4:
        return raw
    errors.add(
        name, "Pilih salah satu dari empat jawaban (nilai 1–4). / Choose one of four answers."
    )
    return None


def _choice(
    raw: object, name: str, codes: frozenset[str], label: str, errors: _Errors
) -> str | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, str) and raw in codes:
        return raw
    errors.add(name, f"{label}: pilihan tidak dikenal. / Unknown choice.")
    return None


def _comment(raw: object, errors: _Errors) -> str | None:
    if raw is None:
        return None
    if not isinstance(raw, str):
        errors.add(COMMENT_FIELD, "Komentar harus berupa teks. / The comment must be text.")
        return None
    text = raw.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return None
    if any(is_control_char(ch) for ch in text):
        errors.add(COMMENT_FIELD, "Komentar berisi karakter kendali yang tidak diizinkan.")
        return None
    if len(text) > COMMENT_MAX_LENGTH:
        errors.add(
            COMMENT_FIELD,
            f"Komentar maksimal {COMMENT_MAX_LENGTH} karakter (diterima {len(text)}). "
            f"/ At most {COMMENT_MAX_LENGTH} characters.",
        )
        return None
    return text


def _build(values: Mapping[str, object], *, from_form: bool) -> Submission:
    _check_field_names(values.keys())
    _check_honeypot(values.get(HONEYPOT_FIELD))
    errors = _Errors()
    answers = {
        q.code: _score(values.get(q.field), q.field, errors, from_form=from_form) for q in QUESTIONS
    }
    profile = {
        p.field: _choice(values.get(p.field), p.field, p.codes(), p.label, errors)
        for p in PROFILE_FIELDS
    }
    comment = _comment(values.get(COMMENT_FIELD), errors)
    submission = Submission(answers=answers, comment=comment, **profile)
    if not errors.fields and submission.answered < MIN_ANSWERED:
        errors.add(
            "answers",
            f"Jawab sedikitnya {MIN_ANSWERED} dari 9 pertanyaan (baru {submission.answered} "
            f"dijawab). / Answer at least {MIN_ANSWERED} of the 9 questions.",
        )
    if errors.fields:
        raise SubmissionRejected(
            422,
            "INVALID_INPUT",
            "Periksa kembali isian berikut. / Please check these answers.",
            errors.fields,
        )
    return submission


def parse_form(pairs: list[tuple[str, str]]) -> Submission:
    """From the no-JavaScript form (application/x-www-form-urlencoded, already split)."""
    _check_field_names(name for name, _ in pairs)
    seen: dict[str, str] = {}
    for name, value in pairs:
        if name in seen:
            raise SubmissionRejected(
                422,
                "INVALID_FORM",
                f"{INVALID_FORM_MESSAGE} Kolom {name[:40]} dikirim lebih dari sekali.",
            )
        seen[name] = value
    return _build(seen, from_form=True)


def parse_json(body: object) -> Submission:
    """From the SPA: a flat JSON object with the same field names as the form."""
    if not isinstance(body, dict) or not all(isinstance(k, str) for k in body):
        raise SubmissionRejected(
            422, "INVALID_FORM", f"{INVALID_FORM_MESSAGE} Kirim satu objek JSON."
        )
    return _build(body, from_form=False)


# --- storing -------------------------------------------------------------------------------


async def find_active_service(db: Database, token: str) -> ServiceInfo | None:
    if not TOKEN_PATTERN.fullmatch(token):
        return None
    async with db.read() as session:
        row = (
            await session.execute(
                sa.select(
                    PublicService.id,
                    PublicService.code,
                    PublicService.name,
                    PublicService.description,
                    Unit.name,
                    PublicService.text_review,
                )
                .join(Unit, Unit.id == PublicService.unit_id)
                .where(PublicService.survey_token == token, PublicService.active.is_(True))
            )
        ).first()
    if row is None:
        return None
    # A name or description held by the officer-name screening is not shown to the public.
    return ServiceInfo(
        row[0],
        row[1],
        public_service_name(row[1], row[2], row[5]),
        public_service_description(row[3], row[5]),
        row[4],
    )


def _retry_after(oldest: datetime | None, now: datetime) -> int:
    if oldest is None:
        return int(RATE_WINDOW.total_seconds())
    return max(1, math.ceil((oldest + RATE_WINDOW - now).total_seconds()))


async def _lock_address(db: Database, session: AsyncSession, address_key: str) -> None:
    """PostgreSQL: serialise checks of one address across processes (SQLite has one writer)."""
    if db.engine.dialect.name != "postgresql":
        return
    key = int(address_key[:15], 16)  # 60 bits: fits a signed bigint
    await session.execute(sa.select(sa.func.pg_advisory_xact_lock(key)))


async def submit_response(
    db: Database,
    token: str,
    submission: Submission,
    client: ClientInfo,
    *,
    secret: bytes,
    channel: SurveyChannel,
    limits: SurveyLimits = SurveyLimits(),
    now: datetime | None = None,
    client_key: str | None = None,
) -> Accepted:
    """Store one accepted answer, or raise :class:`SubmissionRejected` having stored nothing.

    With ``client_key`` (the form's idempotency key) a repeat of an answer already stored under
    it is answered "already received" with the first answer's id, before any duplicate or rate
    check, and stores nothing: exactly once even when every reply got lost.
    """
    now = now or clock.now()
    if not TOKEN_PATTERN.fullmatch(token):
        raise not_found()
    try:
        return await _store(db, token, submission, client, secret, channel, limits, now, client_key)
    except sa.exc.IntegrityError:
        if client_key is None:
            raise
        # The same key raced in from another request (two tabs, a double resend): the unique
        # constraint kept one row; answer like any later repeat.
        async with db.read() as session:
            service_id = await session.scalar(
                sa.select(PublicService.id).where(PublicService.survey_token == token)
            )
            found = (
                None
                if service_id is None
                else await _already_stored(session, client_key, service_id)
            )
        if found is None:
            raise
        return found


async def _store(
    db: Database,
    token: str,
    submission: Submission,
    client: ClientInfo,
    secret: bytes,
    channel: SurveyChannel,
    limits: SurveyLimits,
    now: datetime,
    client_key: str | None,
) -> Accepted:
    async with db.write() as session:
        service = await session.scalar(
            sa.select(PublicService).where(
                PublicService.survey_token == token, PublicService.active.is_(True)
            )
        )
        if service is None:
            raise not_found()
        if client_key is not None:
            repeat = await _already_stored(session, client_key, service.id)
            if repeat is not None:
                return repeat
        today, yesterday = recent_fingerprints(
            secret, client.address, client.user_agent, service.id, now
        )
        await _lock_address(db, session, today.address_key)
        fingerprints = (today.value, yesterday.value)

        same_answers = [
            getattr(SurveyResponse, q.field).is_not_distinct_from(submission.answers[q.code])
            for q in QUESTIONS
        ]
        duplicate = await session.scalar(
            sa.select(SurveyResponse.id)
            .where(
                SurveyResponse.service_id == service.id,
                SurveyResponse.submitter_fingerprint.in_(fingerprints),
                SurveyResponse.submitted_at > now - DUPLICATE_WINDOW,
                *same_answers,
            )
            .limit(1)
        )
        if duplicate is not None:
            # A request with the same key may have committed since the check above (two
            # resends at once): that is a repeat, not a duplicate.
            if client_key is not None:
                repeat = await _already_stored(session, client_key, service.id)
                if repeat is not None:
                    return repeat
            raise SubmissionRejected(
                409,
                "DUPLICATE",
                "Jawaban yang sama untuk layanan ini sudah kami terima dari perangkat Anda dalam "
                "24 jam terakhir, jadi tidak dihitung dua kali. / The same answer was already "
                "received from this device in the last 24 hours.",
            )

        address_key = sa.func.substr(SurveyResponse.submitter_fingerprint, 1, HALF)
        recent = (
            SurveyResponse.submitted_at > now - RATE_WINDOW,
            address_key.in_((today.address_key, yesterday.address_key)),
        )
        count, oldest = (
            await session.execute(
                sa.select(sa.func.count(), sa.func.min(SurveyResponse.submitted_at)).where(
                    *recent, SurveyResponse.service_id == service.id
                )
            )
        ).one()
        if count >= limits.per_service_per_hour:
            raise SubmissionRejected(
                429,
                "RATE_LIMITED",
                f"Dari alamat jaringan Anda sudah masuk {count} jawaban untuk layanan ini dalam "
                "satu jam terakhir. Silakan coba lagi nanti. / Too many answers for this service "
                "from your network address in the last hour.",
                retry_after=_retry_after(oldest, now),
            )
        count, oldest = (
            await session.execute(
                sa.select(sa.func.count(), sa.func.min(SurveyResponse.submitted_at)).where(*recent)
            )
        ).one()
        if count >= limits.per_address_per_hour:
            raise SubmissionRejected(
                429,
                "RATE_LIMITED",
                f"Dari alamat jaringan Anda sudah masuk {count} jawaban survei dalam satu jam "
                "terakhir. Silakan coba lagi nanti. / Too many survey answers from your network "
                "address in the last hour.",
                retry_after=_retry_after(oldest, now),
            )

        status = initial_comment_status(submission.comment)
        row = SurveyResponse(
            service_id=service.id,
            submitted_at=now,
            channel=channel,
            gender=submission.gender,
            age_band=submission.age_band,
            education=submission.education,
            occupation=submission.occupation,
            comment=submission.comment,
            comment_status=status,
            submitter_fingerprint=today.value,
            client_key=client_key,
            **{q.field: submission.answers[q.code] for q in QUESTIONS},
        )
        session.add(row)
        await session.flush()
        await record_event(
            session,
            PUBLIC_ACTOR,
            AuditAction.SURVEY_RESPONSE_SUBMIT,
            "survey_response",
            row.id,
            after={
                "service_id": service.id,
                "channel": channel,
                "answered": submission.answered,
                "comment_status": status,
            },
        )
        return Accepted(row.id, status)
