"""Jenis layanan (public services) of the units, their monthly user counts and follow-ups.

Each service carries an unguessable survey token: the public link ``/survei/<token>`` and its
QR code. Rotating the token retires every printed code at once (e.g. after abuse).
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from server.db.engine import Database
from server.db.models import PublicService, ServiceUserCount, SurveyFollowUp, Unit
from server.domain.audit_actions import AuditAction
from server.domain.enums import PUBLISHABLE_REVIEWS, TextReview
from server.domain.ikm import Unsur
from server.services.actor import Actor
from server.services.audit import record_event
from server.services.errors import ErrorCode, ServiceError, forbidden, not_found
from server.services.organisation.directory import load_unit_tree
from server.services.survey.moderation import names_an_officer
from server.services.survey.scope import readable_units, require_read, require_write
from server.services.validation import UNSET, _Unset, check_version, clean_code, clean_text, invalid

TOKEN_BYTES = 24  # 192 bits, 32 URL-safe characters
MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_USERS_PER_MONTH = 10_000_000


def new_survey_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def service_state(service: PublicService) -> dict[str, Any]:
    # The token itself stays out of the audit log: only that it changed is worth keeping.
    return {
        "unit_id": service.unit_id,
        "code": service.code,
        "name": service.name,
        "description": service.description,
        "active": service.active,
        "text_review": service.text_review,
    }


def service_texts(name: str, description: str | None) -> str:
    return f"{name}\n{description or ''}"


def public_service_name(code: str, name: str, review: TextReview) -> str:
    """What the public sees as a service's name: the code while the name waits for review."""
    return name if review in PUBLISHABLE_REVIEWS else code


def public_service_description(description: str | None, review: TextReview) -> str | None:
    return description if review in PUBLISHABLE_REVIEWS else None


def _clean_description(raw: str | None) -> str | None:
    if raw is None or not raw.strip():
        return None
    return clean_text(raw, "description", "Deskripsi layanan", max_length=1_000)


async def _unit(session: AsyncSession, unit_id: int, field_name: str = "unitId") -> Unit:
    unit = await session.get(Unit, unit_id)
    if unit is None:
        raise invalid(field_name, "Unit tidak ditemukan.")
    return unit


@dataclass(frozen=True)
class ServiceInput:
    unit_id: int
    code: str
    name: str
    description: str | None = None


@dataclass(frozen=True)
class ServiceChanges:
    name: str | _Unset = UNSET
    description: str | _Unset | None = UNSET
    unit_id: int | _Unset = UNSET
    active: bool | _Unset = UNSET
    expected_version: int | None = None


async def create_service(db: Database, actor: Actor, data: ServiceInput) -> PublicService:
    code = clean_code(data.code)
    name = clean_text(data.name, "name", "Nama layanan")
    description = _clean_description(data.description)
    async with db.write() as session:
        await _unit(session, data.unit_id)
        await require_write(session, actor, data.unit_id)
        taken = await session.scalar(sa.select(PublicService.id).where(PublicService.code == code))
        if taken is not None:
            raise ServiceError(ErrorCode.DUPLICATE, f"Kode layanan {code} sudah dipakai.", "code")
        service = PublicService(
            unit_id=data.unit_id,
            code=code,
            name=name,
            description=description,
            survey_token=new_survey_token(),
            active=True,
            text_review=screen_text(service_texts(name, description)),
            text_author_account_id=actor.account_id,
        )
        session.add(service)
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.SURVEY_SERVICE_CREATE,
            "public_service",
            service.id,
            after=service_state(service),
        )
    return service


async def _service(
    session: AsyncSession,
    actor: Actor,
    service_id: int,
    require: Callable[[AsyncSession, Actor, int], Awaitable[None]],
) -> PublicService:
    """The service, once ``require`` (require_read or require_write) allows its unit."""
    service = await session.get(PublicService, service_id)
    if service is None:
        raise not_found("Layanan")
    await require(session, actor, service.unit_id)
    return service


async def _follow_up_for_write(
    session: AsyncSession, actor: Actor, follow_up_id: int
) -> SurveyFollowUp:
    row = await session.get(SurveyFollowUp, follow_up_id)
    if row is None:
        raise not_found("Rencana tindak lanjut")
    await require_write(session, actor, row.unit_id)
    return row


async def update_service(
    db: Database, actor: Actor, service_id: int, changes: ServiceChanges
) -> PublicService:
    async with db.write() as session:
        service = await _service(session, actor, service_id, require_write)
        check_version(service.version, changes.expected_version, "Layanan")
        before = service_state(service)
        with session.no_autoflush:
            if not isinstance(changes.name, _Unset):
                service.name = clean_text(changes.name, "name", "Nama layanan")
            if not isinstance(changes.description, _Unset):
                service.description = _clean_description(changes.description)
            if not isinstance(changes.unit_id, _Unset):
                await _unit(session, changes.unit_id)
                await require_write(session, actor, changes.unit_id)
                service.unit_id = changes.unit_id
            if not isinstance(changes.active, _Unset):
                service.active = changes.active
            texts = service_texts(service.name, service.description)
            if texts != service_texts(before["name"], before["description"]):
                # New public text: screened again; an approval of the old text does not carry.
                service.text_review = screen_text(texts)
                service.text_author_account_id = actor.account_id
        after = service_state(service)
        if after != before:
            await session.flush()
            await record_event(
                session,
                actor,
                AuditAction.SURVEY_SERVICE_UPDATE,
                "public_service",
                service.id,
                before=before,
                after=after,
            )
    return service


async def rotate_survey_token(db: Database, actor: Actor, service_id: int) -> PublicService:
    """A new survey link: the old link and every printed QR code stop working at once."""
    async with db.write() as session:
        service = await _service(session, actor, service_id, require_write)
        service.survey_token = new_survey_token()
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.SURVEY_SERVICE_ROTATE_TOKEN,
            "public_service",
            service.id,
            after={"token_rotated": True},
        )
    return service


async def get_service(db: Database, actor: Actor, service_id: int) -> PublicService:
    async with db.read() as session:
        service = await _service(session, actor, service_id, require_read)
    return service


async def list_services(
    db: Database, actor: Actor, *, unit_id: int | None = None, include_inactive: bool = False
) -> Sequence[PublicService]:
    """Services the actor may see, by unit then code; ``unit_id`` takes that unit's subtree."""
    async with db.read() as session:
        visible = await readable_units(session, actor)
        stmt = sa.select(PublicService).order_by(PublicService.unit_id, PublicService.code)
        if unit_id is not None:
            await require_read(session, actor, unit_id)
            subtree = (await load_unit_tree(session)).subtree(unit_id)
            visible = subtree if visible is None else visible & subtree
        if visible is not None:
            stmt = stmt.where(PublicService.unit_id.in_(visible))
        if not include_inactive:
            stmt = stmt.where(PublicService.active.is_(True))
        return (await session.scalars(stmt)).all()


# --- monthly user counts (the population N of Krejcie–Morgan) -------------------------------


def _check_month(year: int, month: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise invalid("year", f"Tahun harus antara {MIN_YEAR} dan {MAX_YEAR}.")
    if not 1 <= month <= 12:
        raise invalid("month", "Bulan harus antara 1 dan 12.")


async def set_user_count(
    db: Database, actor: Actor, service_id: int, year: int, month: int, users: int
) -> ServiceUserCount:
    """Enter (or correct) the number of people served in one month."""
    _check_month(year, month)
    if not 0 <= users <= MAX_USERS_PER_MONTH:
        raise invalid("users", f"Jumlah pengguna layanan harus antara 0 dan {MAX_USERS_PER_MONTH}.")
    async with db.write() as session:
        await _service(session, actor, service_id, require_write)
        row = await session.scalar(
            sa.select(ServiceUserCount).where(
                ServiceUserCount.service_id == service_id,
                ServiceUserCount.year == year,
                ServiceUserCount.month == month,
            )
        )
        before = None if row is None else {"users": row.users}
        if row is None:
            row = ServiceUserCount(service_id=service_id, year=year, month=month, users=users)
            session.add(row)
        else:
            row.users = users
        await session.flush()
        if before != {"users": users}:
            await record_event(
                session,
                actor,
                AuditAction.SURVEY_USER_COUNT_SET,
                "public_service",
                service_id,
                before=before and {**before, "year": year, "month": month},
                after={"year": year, "month": month, "users": users},
            )
    return row


async def list_user_counts(
    db: Database, actor: Actor, service_id: int, year: int
) -> Sequence[ServiceUserCount]:
    async with db.read() as session:
        await _service(session, actor, service_id, require_read)
        return (
            await session.scalars(
                sa.select(ServiceUserCount)
                .where(ServiceUserCount.service_id == service_id, ServiceUserCount.year == year)
                .order_by(ServiceUserCount.month)
            )
        ).all()


# --- follow-ups (rencana tindak lanjut) -----------------------------------------------------


def follow_up_state(row: SurveyFollowUp) -> dict[str, Any]:
    return {
        "unit_id": row.unit_id,
        "year": row.year,
        "unsur": row.unsur,
        "action": row.action,
        "target_date": row.target_date,
        "done": row.done,
        "review": row.review,
    }


def screen_text(text: str) -> TextReview:
    """The comments' officer-name/NIP screening, applied to a text a unit publishes."""
    return TextReview.MENUNGGU if names_an_officer(text) else TextReview.BERSIH


def _clean_unsur(raw: str | None) -> str | None:
    if raw is None or raw == "":
        return None
    try:
        return Unsur(raw.strip().upper()).value
    except ValueError:
        raise invalid("unsur", f"Unsur {raw!r} tidak dikenal. Pilihan: U1 … U9.") from None


def _clean_action(raw: str) -> str:
    return clean_text(raw, "action", "Rencana tindak lanjut", max_length=2_000)


@dataclass(frozen=True)
class FollowUpInput:
    unit_id: int
    year: int
    action: str
    unsur: str | None = None
    target_date: date | None = None


@dataclass(frozen=True)
class FollowUpChanges:
    action: str | _Unset = UNSET
    unsur: str | _Unset | None = UNSET
    target_date: date | _Unset | None = UNSET
    done: bool | _Unset = UNSET


async def create_follow_up(db: Database, actor: Actor, data: FollowUpInput) -> SurveyFollowUp:
    if not MIN_YEAR <= data.year <= MAX_YEAR:
        raise invalid("year", f"Tahun harus antara {MIN_YEAR} dan {MAX_YEAR}.")
    action = _clean_action(data.action)
    unsur = _clean_unsur(data.unsur)
    async with db.write() as session:
        await _unit(session, data.unit_id)
        await require_write(session, actor, data.unit_id)
        row = SurveyFollowUp(
            unit_id=data.unit_id,
            year=data.year,
            unsur=unsur,
            action=action,
            target_date=data.target_date,
            done=False,
            review=screen_text(action),
            author_account_id=actor.account_id,
        )
        session.add(row)
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.SURVEY_FOLLOW_UP_CREATE,
            "survey_follow_up",
            row.id,
            after=follow_up_state(row),
        )
    return row


async def update_follow_up(
    db: Database, actor: Actor, follow_up_id: int, changes: FollowUpChanges
) -> SurveyFollowUp:
    async with db.write() as session:
        row = await _follow_up_for_write(session, actor, follow_up_id)
        before = follow_up_state(row)
        if not isinstance(changes.action, _Unset):
            action = _clean_action(changes.action)
            if action != row.action:
                # A new text is screened again, and an approval of the old one does not carry.
                row.action = action
                row.review = screen_text(action)
                row.author_account_id = actor.account_id
        if not isinstance(changes.unsur, _Unset):
            row.unsur = _clean_unsur(changes.unsur)
        if not isinstance(changes.target_date, _Unset):
            row.target_date = changes.target_date
        if not isinstance(changes.done, _Unset):
            row.done = changes.done
        after = follow_up_state(row)
        if after != before:
            await session.flush()
            await record_event(
                session,
                actor,
                AuditAction.SURVEY_FOLLOW_UP_UPDATE,
                "survey_follow_up",
                row.id,
                before=before,
                after=after,
            )
    return row


REVIEW_DECISIONS = frozenset({TextReview.DISETUJUI, TextReview.DITOLAK})


def check_review(
    actor: Actor,
    current: TextReview,
    author_account_id: int | None,
    decision: TextReview,
    expected: TextReview | None,
    what: str,
) -> None:
    """The rules of every moderator decision on a screened text (follow-up, service texts)."""
    if decision not in REVIEW_DECISIONS:
        raise invalid("decision", "Keputusan moderasi harus DISETUJUI atau DITOLAK.")
    if expected is not None and expected != current:
        raise ServiceError(
            ErrorCode.CONFLICT,
            f"{what} ini sudah diputus orang lain (status kini {current.value}). Muat ulang lalu "
            "putuskan lagi.",
            "review",
        )
    if current is TextReview.BERSIH:
        raise ServiceError(
            ErrorCode.INVALID_STATE,
            f"{what} ini lolos penyaringan nama/NIP petugas dan sudah dapat terbit; tidak ada "
            "yang perlu dimoderasi.",
            "decision",
        )
    if actor.account_id is not None and actor.account_id == author_account_id:
        raise forbidden(
            "Teks yang Anda tulis sendiri diputus oleh moderator lain (Admin BKPSDM atau "
            "pengelola kinerja unit yang lain)."
        )


async def review_service_texts(
    db: Database,
    actor: Actor,
    service_id: int,
    decision: TextReview,
    *,
    expected_review: TextReview | None = None,
) -> PublicService:
    """A moderator's decision on a service name/description the screening held."""
    if decision not in REVIEW_DECISIONS:
        raise invalid("decision", "Keputusan moderasi harus DISETUJUI atau DITOLAK.")
    async with db.write() as session:
        service = await _service(session, actor, service_id, require_write)
        check_review(
            actor,
            service.text_review,
            service.text_author_account_id,
            decision,
            expected_review,
            "Nama/deskripsi layanan",
        )
        if decision is not service.text_review:
            before = service_state(service)
            service.text_review = decision
            await session.flush()
            await record_event(
                session,
                actor,
                AuditAction.SURVEY_SERVICE_REVIEW_TEXTS,
                "public_service",
                service.id,
                before=before,
                after=service_state(service),
            )
    return service


async def review_follow_up(
    db: Database,
    actor: Actor,
    follow_up_id: int,
    decision: TextReview,
    *,
    expected_review: TextReview | None = None,
) -> SurveyFollowUp:
    """A moderator's decision on a follow-up the screening held: publish it or keep it back.

    Not its author's: a held text is one that seems to name an officer, and whoever wrote it
    has already judged it fine.
    """
    if decision not in REVIEW_DECISIONS:
        raise invalid("decision", "Keputusan moderasi harus DISETUJUI atau DITOLAK.")
    async with db.write() as session:
        row = await _follow_up_for_write(session, actor, follow_up_id)
        current = row.review
        check_review(actor, current, row.author_account_id, decision, expected_review, "Rencana")
        if decision is not current:
            before = follow_up_state(row)
            row.review = decision
            await session.flush()
            await record_event(
                session,
                actor,
                AuditAction.SURVEY_FOLLOW_UP_REVIEW,
                "survey_follow_up",
                row.id,
                before=before,
                after=follow_up_state(row),
            )
    return row


async def delete_follow_up(db: Database, actor: Actor, follow_up_id: int) -> int:
    async with db.write() as session:
        row = await _follow_up_for_write(session, actor, follow_up_id)
        before = follow_up_state(row)
        await session.delete(row)
        await session.flush()
        await record_event(
            session,
            actor,
            AuditAction.SURVEY_FOLLOW_UP_DELETE,
            "survey_follow_up",
            follow_up_id,
            before=before,
        )
    return follow_up_id


async def list_follow_ups(
    db: Database, actor: Actor, *, year: int, unit_id: int | None = None
) -> Sequence[SurveyFollowUp]:
    async with db.read() as session:
        visible = await readable_units(session, actor)
        stmt = sa.select(SurveyFollowUp).where(SurveyFollowUp.year == year)
        if unit_id is not None:
            await require_read(session, actor, unit_id)
            stmt = stmt.where(SurveyFollowUp.unit_id == unit_id)
        elif visible is not None:
            stmt = stmt.where(SurveyFollowUp.unit_id.in_(visible))
        return (
            await session.scalars(stmt.order_by(SurveyFollowUp.unit_id, SurveyFollowUp.id))
        ).all()


@dataclass(frozen=True)
class FollowUpItem:
    """A follow-up as the release builder publishes it (plain data, no ORM object)."""

    id: int
    unit_id: int
    year: int
    unsur: str | None
    action: str
    target_date: date | None
    done: bool


async def follow_ups_by_unit(db: Database, year: int) -> dict[int, list[FollowUpItem]]:
    """Every unit's follow-ups of a year, for publication (one statement; no actor: system read)."""
    async with db.read() as session:
        rows = (
            await session.scalars(
                sa.select(SurveyFollowUp)
                .where(
                    SurveyFollowUp.year == year,
                    SurveyFollowUp.review.in_(PUBLISHABLE_REVIEWS),
                )
                .order_by(SurveyFollowUp.unit_id, SurveyFollowUp.id)
            )
        ).all()
    result: dict[int, list[FollowUpItem]] = {}
    for r in rows:
        result.setdefault(r.unit_id, []).append(
            FollowUpItem(r.id, r.unit_id, r.year, r.unsur, r.action, r.target_date, r.done)
        )
    return result
