"""The citizen satisfaction survey (SKM, PermenPANRB 14/2017): services, answers, follow-ups.

No table here can hold a respondent's name, phone or address.
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from server import clock
from server.db.base import Base, TimestampMixin, UtcDateTime, enum_column
from server.domain.enums import CommentStatus, SurveyChannel, TextReview


class PublicService(TimestampMixin, Base):
    """Jenis layanan of a unit, with the token that makes its public survey link."""

    __tablename__ = "public_service"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("unit.id"), index=True)
    code: Mapped[str] = mapped_column(sa.String(64), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str | None] = mapped_column(sa.String(1000))
    survey_token: Mapped[str] = mapped_column(sa.String(64), unique=True)
    active: Mapped[bool] = mapped_column(default=True)
    version: Mapped[int] = mapped_column(default=1)
    # Officer-name/NIP screening of ``name`` and ``description`` (0024): while not BERSIH or
    # DISETUJUI the public sees the code for the name and no description.
    text_review: Mapped[TextReview] = mapped_column(
        enum_column(TextReview, name="service_text_review"),
        default=TextReview.BERSIH,
        server_default=TextReview.BERSIH.value,
    )
    # Who last wrote the name or description: a held text needs another person's approval.
    text_author_account_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"))

    __mapper_args__ = {"version_id_col": version}


class ServiceUserCount(Base):
    """Number of people served in one month, entered by the unit (the population N)."""

    __tablename__ = "service_user_count"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(sa.ForeignKey("public_service.id"), index=True)
    year: Mapped[int] = mapped_column()
    month: Mapped[int] = mapped_column()
    users: Mapped[int] = mapped_column()

    __table_args__ = (
        sa.UniqueConstraint("service_id", "year", "month"),
        sa.CheckConstraint("month BETWEEN 1 AND 12", name="month"),
        sa.CheckConstraint("users >= 0", name="users"),
    )


class SurveyResponse(Base):
    """One citizen's answers: nine unsur scores (1–4, or none), optional profile and comment."""

    __tablename__ = "survey_response"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(sa.ForeignKey("public_service.id"), index=True)
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.now, index=True)
    channel: Mapped[SurveyChannel] = mapped_column(
        enum_column(SurveyChannel, name="survey_channel")
    )
    u1: Mapped[int | None] = mapped_column(sa.SmallInteger)
    u2: Mapped[int | None] = mapped_column(sa.SmallInteger)
    u3: Mapped[int | None] = mapped_column(sa.SmallInteger)
    u4: Mapped[int | None] = mapped_column(sa.SmallInteger)
    u5: Mapped[int | None] = mapped_column(sa.SmallInteger)
    u6: Mapped[int | None] = mapped_column(sa.SmallInteger)
    u7: Mapped[int | None] = mapped_column(sa.SmallInteger)
    u8: Mapped[int | None] = mapped_column(sa.SmallInteger)
    u9: Mapped[int | None] = mapped_column(sa.SmallInteger)
    gender: Mapped[str | None] = mapped_column(sa.String(16))
    age_band: Mapped[str | None] = mapped_column(sa.String(16))
    education: Mapped[str | None] = mapped_column(sa.String(32))
    occupation: Mapped[str | None] = mapped_column(sa.String(32))
    comment: Mapped[str | None] = mapped_column(sa.String(2000))
    comment_status: Mapped[CommentStatus | None] = mapped_column(
        enum_column(CommentStatus, name="comment_status")
    )
    # Why the moderator decided so (required when hiding: DITOLAK); migration 0028.
    comment_moderation_reason: Mapped[str | None] = mapped_column(sa.String(500))
    # A keyed hash of (client address, user agent, day): finds duplicates without storing the
    # address itself.
    submitter_fingerprint: Mapped[str] = mapped_column(sa.String(64), index=True)
    # The form's idempotency key (a random UUID made when the answers were first queued): a
    # resend after a lost reply finds this row instead of storing the answers twice (0024).
    client_key: Mapped[str | None] = mapped_column(sa.String(36), unique=True)

    __table_args__ = tuple(
        sa.CheckConstraint(f"u{i} IS NULL OR u{i} BETWEEN 1 AND 4", name=f"u{i}_range")
        for i in range(1, 10)
    )


class SurveyFollowUp(TimestampMixin, Base):
    """Rencana tindak lanjut of a unit after its SKM results (published with the results)."""

    __tablename__ = "survey_follow_up"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("unit.id"), index=True)
    year: Mapped[int] = mapped_column()
    unsur: Mapped[str | None] = mapped_column(sa.String(4))  # U1…U9 it addresses, if one
    action: Mapped[str] = mapped_column(sa.String(2000))
    target_date: Mapped[date | None] = mapped_column(sa.Date)
    done: Mapped[bool] = mapped_column(default=False)
    # Officer-name/NIP screening of ``action`` (0024): only BERSIH and DISETUJUI are published.
    review: Mapped[TextReview] = mapped_column(
        enum_column(TextReview, name="text_review"),
        default=TextReview.BERSIH,
        server_default=TextReview.BERSIH.value,
    )
    # Who last wrote ``action``: a held text needs another person's approval.
    author_account_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"))
